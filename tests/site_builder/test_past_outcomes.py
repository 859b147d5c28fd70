""" "Hasil angkatan sebelumnya" on a course page, from the outcomes in the public results file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.site_builder.conftest import run_build, write_courses

PAST = "blk-contoh/tata-boga/2026-1"


def _run(run_id: str, outcomes: dict) -> dict:
    return {
        "run_id": run_id,
        "counts": {"applicants": 60, "invited": 40, "accepted": 20, "reserve": 0},
        "by_status": {},
        "accepted": [],
        "reserve": [],
        "outcomes": outcomes,
    }


def _outcomes(completed, certified, working, self_employed) -> dict:
    return {
        "applicants": 60,
        "accepted": 20,
        "attending": 20,
        "completed": completed,
        "certified": certified,
        "starter_packages": None,
        "followup_6": {
            "working": working,
            "self_employed": self_employed,
            "not_working": None,
            "unreachable": None,
            "no_answer": 0,
        },
    }


def _build(root: Path, outcomes: dict) -> str:
    write_courses(root)
    results = root / "pengumuman.json"
    data = {
        "format": "katalog-pengumuman",
        "version": 2,
        "generated_at": "2026-11-23T03:00:00Z",
        "small_counts_hidden_below": 5,
        "runs": [_run(PAST, outcomes)],
    }
    results.write_text(json.dumps(data), encoding="utf-8")
    result = run_build(root, root / "site", "--results", str(results))
    assert result.exit_code == 0, result.output
    course = root / "site" / "kursus" / "blk-contoh" / "tata-boga" / "index.html"
    return course.read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_finished_run_with_outcomes_shows_its_counts_hidden_ones_as_disembunyikan(tmp_path):
    # a version 2 file (no totals, no example flag): still read
    html = _build(tmp_path, _outcomes(completed=18, certified=None, working=6, self_employed=5))
    assert '<h2 id="hasil">Hasil angkatan sebelumnya</h2>' in html
    assert (
        '<tr><th scope="row">2026-1</th><td>20</td><td>18</td>'
        '<td><span class="hidden-count">disembunyikan</span></td><td>11</td></tr>'
    ) in html
    assert (
        "<strong>disembunyikan</strong>: angkanya tidak ditampilkan supaya tidak ada peserta "
        "yang bisa dikenali"
    ) in html
    assert "&lt; 5" not in html
    assert "Hasil contoh" not in html  # real results: no example banner


@pytest.mark.slow
def test_no_table_when_every_outcome_count_is_hidden(tmp_path):
    html = _build(
        tmp_path, _outcomes(completed=None, certified=None, working=None, self_employed=3)
    )
    assert "Hasil angkatan sebelumnya" not in html


@pytest.mark.slow
def test_a_version_2_file_still_gives_the_programme_total_on_capaian(tmp_path):
    """Before version 3 there are no published totals: the programme total is summed from the
    runs (hidden when a run's count is hidden), areas show no results, and capaian.csv agrees."""
    (tmp_path / "courses").mkdir(parents=True, exist_ok=True)
    (tmp_path / "courses" / "targets.yml").write_text(
        "- id: program-contoh\n  name: Program Contoh\n  area: ['3671']\n"
        "  source: Contoh sumber\n  targets:\n    - {kind: people-trained, value: 100}\n",
        encoding="utf-8",
    )
    _build(tmp_path, _outcomes(completed=18, certified=None, working=6, self_employed=5))
    html = (tmp_path / "site" / "capaian" / "program-contoh" / "index.html").read_text("utf-8")
    assert "<dt>Lulus</dt><dd>18</dd>" in html
    assert '<dt>Bersertifikat</dt><dd><span class="hidden-count">disembunyikan</span></dd>' in html
    assert "Diterima: 20<br>Lulus: 18" in html  # the people-trained target
    rows = (tmp_path / "site" / "capaian.csv").read_text("utf-8-sig").splitlines()
    assert rows[1].startswith("program-contoh,Program Contoh,programme,3671,")
    assert ",20,18,disembunyikan,11,5,disembunyikan," in rows[1]

"""`katalog build --results FILE`: the announcement of selection results, from the public file
that `katalog queue publish` writes (numbers and masked names only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.site_builder.conftest import run_build, write_courses

RUN = "blk-contoh/tata-boga/2027-1"
RESULTS = {
    "format": "katalog-pengumuman",
    "version": 1,
    "generated_at": "2027-01-26T03:00:00Z",
    "small_counts_hidden_below": 5,
    "runs": [
        {
            "run_id": RUN,
            "counts": {"applicants": 45, "invited": 30, "accepted": 2, "reserve": 1},
            "by_status": {},
            "accepted": [
                {"number": "KP-0000-0000-0001", "name": "C***** P********"},
                {"number": "KP-0000-0000-0002"},
            ],
            "reserve": [{"number": "KP-0000-0000-0003", "name": "C***** K****", "rank": 1}],
        }
    ],
}


@pytest.fixture(scope="module")
def announced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("announced")
    write_courses(root)
    results = root / "pengumuman.json"
    results.write_text(json.dumps(RESULTS), encoding="utf-8")
    result = run_build(root, root / "site", "--results", str(results))
    assert result.exit_code == 0, result.output
    return root / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_run_page_lists_accepted_and_reserves_by_number_and_masked_name(announced):
    html = page(announced, f"pengumuman/{RUN}")
    assert "<h1" in html and "Pengumuman hasil seleksi" in html
    assert '<td class="registration-number">KP-0000-0000-0001</td><td>C***** P********</td>' in html
    # no consent to be named: the number only
    assert '<td class="registration-number">KP-0000-0000-0002</td><td>–</td>' in html
    assert '<td>1</td><td class="registration-number">KP-0000-0000-0003</td>' in html
    assert '<th scope="row">Pendaftar</th><td>45</td>' in html
    assert "/daftar/status" in html  # where applicants read their own result
    assert "Senin, 26 Januari 2027" in html or "26 Januari 2027" in html


@pytest.mark.slow
def test_the_course_page_links_the_announcement_and_the_status_page(announced):
    html = page(announced, "kursus/blk-contoh/tata-boga")
    assert 'class="announcement-link">Pengumuman hasil seleksi</a>' in html
    assert f'href="../../../pengumuman/{RUN}/"' in html
    assert "Cek status pendaftaran</a>" in html


@pytest.mark.slow
def test_announcements_have_an_index_and_stay_out_of_search(announced):
    index = page(announced, "pengumuman")
    assert "Tata Boga" in index
    assert 'href="blk-contoh/tata-boga/2027-1/"' in index
    search = (announced / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "KP-0000-0000-0001" not in search and "pengumuman/" not in search


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"name": "Contoh Pendaftar"},
            "nama tidak tersamar (harus seperti S*** C*****)",
        ),
        (
            {"nik": "3671011708950001"},
            "kolom nik tidak boleh ada di pengumuman",
        ),
        ({"number": "123"}, "nomor pendaftaran tidak sah"),
    ],
)
def test_a_file_that_could_leak_personal_data_stops_the_build(tmp_path, change, message):
    write_courses(tmp_path)
    bad = json.loads(json.dumps(RESULTS))
    bad["runs"][0]["accepted"][0].update(change)
    results = tmp_path / "pengumuman.json"
    results.write_text(json.dumps(bad), encoding="utf-8")
    result = run_build(tmp_path, tmp_path / "site", "--results", str(results))
    assert result.exit_code == 1
    assert f"angkatan {RUN}, accepted ke-1: {message}" in result.output
    assert "Situs tidak dibangun" in result.output
    assert not (tmp_path / "site").exists()


def test_a_file_that_is_not_an_announcement_is_refused(tmp_path):
    write_courses(tmp_path)
    other = tmp_path / "stats.json"
    other.write_text('{"generated_at": "2026-11-23T01:00:00Z", "runs": {}}', encoding="utf-8")
    result = run_build(tmp_path, tmp_path / "site", "--results", str(other))
    assert result.exit_code == 1
    assert "ini bukan berkas pengumuman dari 'katalog queue publish'" in result.output

"""`katalog queue publish` then `katalog build --results`: the Capaian page shows the published
outcome counts, from either store (the PostgreSQL case copies the queue with `queue migrate`)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from registrations.status import Status
from site_builder.cli import build
from tests.form_service.selection_helpers import move, queue_with, store_under_test

TARGETS = """\
- id: contoh-program
  name: Program Contoh Kota Tangerang
  area: ["3671"]
  scope: {centers: [disnaker-kota-tangerang]}
  source: Contoh sumber untuk pengujian
  targets:
    - {kind: kelurahan-covered, value: 104}
"""


@pytest.fixture(params=["jsonl", pytest.param("postgres", marks=pytest.mark.db)])
def location(request, queue_cli, queue_path: Path, monkeypatch) -> str:
    """20 applicants of tata-boga 2027-1: 12 accepted then certified, 8 accepted, in the store."""
    monkeypatch.setenv("KATALOG_STAFF_NAME", "Petugas Contoh")
    numbers = queue_with(queue_path, 20)
    move(queue_path, *[(n, Status.ACCEPTED) for n in numbers])
    move(queue_path, *[(n, Status.ATTENDING) for n in numbers[:12]])
    move(queue_path, *[(n, Status.PASSED) for n in numbers[:12]])
    move(queue_path, *[(n, Status.CERTIFIED) for n in numbers[:12]])
    return store_under_test(request, queue_cli, queue_path, monkeypatch)


@pytest.mark.slow
def test_published_outcomes_reach_the_capaian_page(queue_cli, location, staff_catalog, tmp_path):
    (staff_catalog / "targets.yml").write_text(TARGETS, encoding="utf-8")
    results = tmp_path / "pengumuman.json"
    published = queue_cli("publish", "--out", str(results))
    assert published.exit_code == 0, published.output
    out = tmp_path / "site"
    args = [
        "--data", str(staff_catalog), "--out", str(out), "--today", "2027-01-20",
        "--cache", str(tmp_path / ".cache"), "--results", str(results),
    ]  # fmt: skip
    built = CliRunner().invoke(build, args, catch_exceptions=False)
    assert built.exit_code == 0, built.output
    html = (out / "capaian" / "contoh-program" / "index.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Kelurahan yang sudah punya pusat pelatihan 1 dari 104 kelurahan" in text
    assert "Diterima 20 Lulus 12 Bersertifikat 12" in text
    assert "Hasil contoh" not in text  # real results: no example banner
    # the totals are published by `queue publish` (version 3) and reach the open data
    published_totals = json.loads(results.read_text(encoding="utf-8"))["totals"]
    assert published_totals["programmes"][0]["completed"] == 12
    rows = list(csv.DictReader(io.StringIO((out / "capaian.csv").read_text("utf-8-sig"))))
    total = next(r for r in rows if r["level"] == "programme")
    assert (total["accepted"], total["completed"], total["certified"]) == ("20", "12", "12")
    assert total["example_results"] == "tidak"

"""`katalog queue publish --out FILE`: the public announcement (issue 12)."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from form_service.staff.publish import hide_small, mask_name
from registrations.status import Status
from tests.form_service.conftest import RUN_BOGA, RUN_BOGA_2, make_record, write_queue
from tests.form_service.selection_helpers import move, queue_with


@pytest.mark.parametrize(
    ("name", "masked"),
    [("Siti Contoh", "S*** C*****"), ("  Ā  Contoh-Nur ", "Ā C*********"), ("M", "M")],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def _counts(**given: int) -> dict[str, int]:
    return {s.value: given.get(s.value, 0) for s in Status}


def test_small_counts_hidden_and_not_recoverable() -> None:
    shown = hide_small(_counts(registered=30, rejected=20, accepted=15, passed=4, reserve=2))
    # passed (4) hidden; seat holders (accepted 15 + passed 4) then hide accepted as well,
    # and "all" has two hidden counts already
    assert {k: v for k, v in shown.items() if v != 0} == {
        "registered": 30,
        "rejected": 20,
        "accepted": None,
        "passed": None,
        "reserve": 2,
    }
    tiny = hide_small(_counts(accepted=3, reserve=1))
    assert (tiny["accepted"], tiny["reserve"]) == (None, 1)


@pytest.fixture
def results(queue_path: Path) -> Path:
    numbers = queue_with(queue_path, 12)
    records = [
        make_record(13, full_name="Siti Contoh"),
        make_record(14, full_name="Budi Contoh"),
    ]
    records[0]["v"] = 2
    records[0]["consent"]["publish_name"] = True
    records[1]["v"] = 2
    records[1]["consent"]["publish_name"] = False
    existing = queue_path.read_bytes()
    write_queue(queue_path, records)
    queue_path.write_bytes(existing + queue_path.read_bytes())
    queue_with(queue_path, 1, RUN_BOGA_2, start=20)
    move(
        queue_path,
        *[(n, Status.INVITED) for n in numbers[:10]],
        *[(n, Status.REJECTED, "Kuota penuh") for n in numbers[:6]],
        (numbers[6], Status.RESERVE, None, 2),
        (numbers[7], Status.RESERVE, None, 1),
        ("KP-0000-0000-000D", Status.ACCEPTED),
        ("KP-0000-0000-000E", Status.ACCEPTED),
    )
    return queue_path


def test_publish_writes_the_public_file(queue_cli, results, tmp_path) -> None:
    out = tmp_path / "hasil" / "pengumuman.json"
    result = queue_cli("publish", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Pengumuman ditulis ke {out} (2 angkatan, 2 diterima, 2 cadangan; tanpa data pribadi).",
        f"Lanjutkan dengan: katalog build --results {out}",
    ]
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["small_counts_hidden_below"]) == (
        "katalog-pengumuman",
        1,
        5,
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["generated_at"])
    boga = data["runs"][0]
    assert boga["run_id"] == RUN_BOGA
    assert boga["counts"] == {"applicants": 14, "invited": 10, "accepted": 2, "reserve": 2}
    assert boga["accepted"] == [
        {"number": "KP-0000-0000-000D", "name": "S*** C*****"},
        {"number": "KP-0000-0000-000E"},
    ]
    assert boga["reserve"] == [
        {"number": "KP-0000-0000-0008", "rank": 1},
        {"number": "KP-0000-0000-0007", "rank": 2},
    ]
    by_status = boga["by_status"]
    assert by_status["rejected"] == 6
    assert by_status["invited"] is None  # 2: hidden
    assert by_status["accepted"] is None  # 2: hidden
    assert by_status["registered"] is None  # 2 as well
    assert by_status["reserve"] == 2  # the list shows it anyway
    assert data["runs"][1]["by_status"]["registered"] is None
    text = out.read_text(encoding="utf-8")
    assert "3671" not in text and "+62" not in text and "1990" not in text
    assert "Contoh Pendaftar" not in text and "Jl." not in text


def test_publish_one_run_and_unknown_run(queue_cli, results, tmp_path) -> None:
    out = tmp_path / "satu.json"
    assert queue_cli("publish", "--out", str(out), "--run", RUN_BOGA_2).exit_code == 0
    assert [r["run_id"] for r in json.loads(out.read_text())["runs"]] == [RUN_BOGA_2]
    bad = queue_cli("publish", "--out", str(out), "--run", "blk-x/las/2027-1")
    assert bad.exit_code == 1
    assert bad.stderr == "Gagal: angkatan blk-x/las/2027-1 tidak punya pendaftar di antrean.\n"


def test_publish_refuses_the_queue_as_out(queue_cli, results) -> None:
    result = queue_cli("publish", "--out", str(results))
    assert result.exit_code == 1
    assert "adalah berkas antrean itu sendiri" in result.stderr

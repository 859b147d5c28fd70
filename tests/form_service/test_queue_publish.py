"""`katalog queue publish --out FILE`: the public announcement (issue 12)."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest

from form_service.staff.publish import announcement, hide_small, mask_name
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
        3,
        5,
    )
    assert data["totals"] == {"programmes": []}  # this catalog has no targets.yml
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
    assert boga["outcomes"] == {
        "applicants": 14,
        "accepted": 2,
        "attending": 0,
        "completed": 0,
        "certified": 0,
        "starter_packages": 0,
        "followup_6": dict.fromkeys(
            ("working", "self_employed", "not_working", "unreachable", "no_answer"), 0
        ),
    }
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


# -- outcome figures (issue 13): suppression at its edges ---------------------------------------


def _run(statuses: dict[Status, int], starter: int = 0, six: dict | None = None) -> list:
    """A run's registrations: ``statuses`` counts; the first ``starter`` who completed have a
    starter package; ``six`` gives 6-month answers to those who completed, in order."""
    from datetime import UTC, datetime

    from registrations.models import StatusEvent
    from registrations.records import registration_from
    from registrations.status import Status as S

    at = datetime(2027, 9, 1, tzinfo=UTC)
    people = []
    answers = [a for a, n in (six or {}).items() for _ in range(n)]
    number = 0
    for status, n in statuses.items():
        for _ in range(n):
            number += 1
            record = make_record(number)
            record["v"] = 2
            record["consent"]["publish_name"] = False
            registration = registration_from(record)
            rid, run = registration.id, registration.run_id
            events = [StatusEvent(rid, run, 1, S.REGISTERED, status, at, "x")]
            if status in (S.PASSED, S.CERTIFIED):
                done = sum(1 for p in people if p.status in (S.PASSED, S.CERTIFIED))
                if done < starter:
                    events.append(StatusEvent(rid, run, 2, status, status, at, "x",
                                              starter_package=True))  # fmt: skip
                if done < len(answers):
                    events.append(StatusEvent(rid, run, len(events) + 1, status, status, at,
                                              "x", followup_month=6, followup=answers[done]))  # fmt: skip
            for event in events:
                registration = registration.with_event(event)
            people.append(registration)
    return people


def _outcomes(people: list) -> dict:
    from datetime import UTC, datetime

    data = announcement(people, datetime(2027, 9, 1, tzinfo=UTC))
    return data["runs"][0]


def test_outcomes_four_hidden_five_shown() -> None:
    from registrations.outcomes import FollowUp

    run = _run(
        {Status.PASSED: 5, Status.CERTIFIED: 15, Status.FAILED: 5},
        starter=4,
        six={FollowUp.WORKING: 5, FollowUp.SELF_EMPLOYED: 10, FollowUp.NOT_WORKING: 5},
    )
    figures = _outcomes(run)
    outcomes = figures["outcomes"]
    assert outcomes["starter_packages"] is None  # 4: hidden
    assert (outcomes["attending"], outcomes["completed"], outcomes["certified"]) == (25, 20, 15)
    assert outcomes["followup_6"] == {
        "working": 5,  # 5: shown
        "self_employed": 10,
        "not_working": 5,
        "unreachable": 0,
        "no_answer": 0,
    }
    assert figures["by_status"]["passed"] == 5


def test_a_hidden_cell_cannot_be_worked_out_from_a_total() -> None:
    from registrations.outcomes import FollowUp

    # completed 20 = working 12 + self-employed 5 + not working 3: "not working" (3) is hidden,
    # so a second count of the same sum goes too (the smallest: self-employed 5); otherwise
    # 20 - 12 - 5 would give the 3 back.
    run = _run(
        {Status.PASSED: 6, Status.CERTIFIED: 14},
        six={FollowUp.WORKING: 12, FollowUp.SELF_EMPLOYED: 5, FollowUp.NOT_WORKING: 3},
    )
    outcomes = _outcomes(run)["outcomes"]
    six = outcomes["followup_6"]
    assert six == {
        "working": 12,
        "self_employed": None,
        "not_working": None,
        "unreachable": 0,
        "no_answer": 0,
    }
    assert outcomes["completed"] == 20


def test_outcomes_and_statuses_are_suppressed_together() -> None:
    # certified (3) is hidden in by_status; outcomes.certified is the same number and goes
    # too, and so does completed (= passed + certified), else passed 17 + ? = 20 would tell.
    run = _run({Status.PASSED: 17, Status.CERTIFIED: 3, Status.FAILED: 6})
    figures = _outcomes(run)
    assert figures["by_status"]["certified"] is None
    outcomes = figures["outcomes"]
    assert outcomes["certified"] is None
    assert outcomes["completed"] is None or figures["by_status"]["passed"] is None
    cells = {**{k: v for k, v in figures["by_status"].items()}, **{
        f"o:{k}": v for k, v in outcomes.items() if not isinstance(v, dict)}}  # fmt: skip
    # whatever is shown, no sum has exactly one unknown
    relations = [
        ["o:attending", "attending", "passed", "failed", "certified"],
        ["o:completed", "passed", "certified"],
        ["o:certified", "certified"],
    ]
    for relation in relations:
        assert sum(1 for c in relation if cells[c] is None) != 1, relation

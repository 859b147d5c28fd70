"""The example outcome file shipped with the example data (``courses/example-results.json``).

The shipped runs that have already ended (as of the data's day, 2026-11-23) get made-up
applicants and outcomes, built in memory as registrations of obviously fake people (never
written to a queue) and passed through :func:`form_service.staff.publish.announcement`, so the
file has exactly the shape ``katalog queue publish`` writes, with the same suppression. It is
marked ``"example": true`` like the run dates. Reproducible (fixed figures, fixed time)::

    python -m form_service.staff.example_results --out courses/example-results.json
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from registrations.ids import format_registration_id
from registrations.models import Applicant, Consent, Registration, StatusEvent
from registrations.outcomes import FollowUp
from registrations.personal import NikValue, PhoneValue
from registrations.status import Status

SHIPPED_DATA = Path(__file__).resolve().parents[2] / "courses"
GENERATED_AT = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)
EXAMPLE_BY = "contoh"


@dataclass(frozen=True)
class ExampleRun:
    """Made-up figures of one ended run (counts of people in each final state)."""

    run_id: str
    rejected: int
    withdrawn: int
    failed: int
    passed: int
    certified: int
    starter: int = 0
    six: tuple[tuple[FollowUp, int], ...] = ()  # 6-month answers of those who completed


EXAMPLES = (
    ExampleRun(
        "blk-komunitas-cisoka/menjahit/2026-1",
        rejected=58, withdrawn=1, failed=1, passed=3, certified=12,
        six=((FollowUp.WORKING, 5), (FollowUp.SELF_EMPLOYED, 6), (FollowUp.NOT_WORKING, 2),
             (FollowUp.UNREACHABLE, 2)),
    ),
    ExampleRun(
        "dinsos-kota-tangerang/tata-boga/2026-1",
        rejected=112, withdrawn=2, failed=0, passed=20, certified=0, starter=3,
        six=((FollowUp.WORKING, 4), (FollowUp.SELF_EMPLOYED, 9), (FollowUp.NOT_WORKING, 5),
             (FollowUp.UNREACHABLE, 2)),
    ),
    ExampleRun(
        # ended in August 2026: six months have not passed, so no 6-month answers yet
        "kelurahan-sukarasa/barista/2026-1",
        rejected=64, withdrawn=0, failed=2, passed=18, certified=0,
    ),
    ExampleRun(
        "lpks-kecantikan-serang/tata-rias-wajah/2026-1",
        rejected=31, withdrawn=0, failed=0, passed=6, certified=10,
        six=((FollowUp.WORKING, 7), (FollowUp.SELF_EMPLOYED, 6), (FollowUp.NOT_WORKING, 3)),
    ),
)  # fmt: skip


def _person(serial: int, run_id: str, received: datetime) -> Registration:
    """An obviously fake applicant: "Contoh Peserta <n>", NIK with serial 0001.."""
    center, course, _run = run_id.split("/")
    applicant = Applicant(
        full_name=f"Contoh Peserta {serial}",
        nik=NikValue(f"3671011708980{serial % 1000:03d}"),
        birth_date=date(1998, 8, 17),
        gender="L",
        phone=PhoneValue(f"+62812000{serial % 100000:05d}"),
        email=None,
        village="3671011001",
        address="Jl. Contoh",
        education="sma",
        employment_status="mencari-kerja",
        dtks="tidak",
        disability=None,
        motivation=None,
    )
    return Registration(
        id=format_registration_id(serial),
        received_at=received,
        run_id=run_id,
        course_id=course,
        center_id=center,
        initial_status=Status.REGISTERED,
        applicant=applicant,
        consent=Consent("2026-01-01", received, publish_name=False),
    )


def _path(final: Status) -> list[Status]:
    training = [Status.ACCEPTED, Status.ATTENDING]
    return {
        Status.REJECTED: [Status.INVITED, Status.REJECTED],
        Status.WITHDRAWN: [Status.INVITED, Status.ACCEPTED, Status.WITHDRAWN],
        Status.FAILED: [Status.INVITED, *training, Status.FAILED],
        Status.PASSED: [Status.INVITED, *training, Status.PASSED],
        Status.CERTIFIED: [Status.INVITED, *training, Status.PASSED, Status.CERTIFIED],
    }[final]


def registrations(examples: tuple[ExampleRun, ...] = EXAMPLES) -> list[Registration]:
    people: list[Registration] = []
    serial = 0
    for example in examples:
        finals = (
            [Status.CERTIFIED] * example.certified
            + [Status.PASSED] * example.passed
            + [Status.FAILED] * example.failed
            + [Status.WITHDRAWN] * example.withdrawn
            + [Status.REJECTED] * example.rejected
        )
        answers = [answer for answer, n in example.six for _ in range(n)]
        completed = 0
        for final in finals:
            serial += 1
            at = GENERATED_AT - timedelta(days=200)
            person = _person(serial, example.run_id, at)
            previous = Status.REGISTERED
            for status in _path(final):
                person = person.with_event(
                    StatusEvent(
                        person.id,
                        example.run_id,
                        len(person.events) + 1,
                        previous,
                        status,
                        at,
                        EXAMPLE_BY,
                    )  # fmt: skip
                )
                previous = status
            if final in (Status.PASSED, Status.CERTIFIED):
                extra: list[dict[str, Any]] = []
                if completed < example.starter:
                    extra.append({"starter_package": True})
                if completed < len(answers):
                    extra.append({"followup_month": 6, "followup": answers[completed]})
                for fields in extra:
                    person = person.with_event(
                        StatusEvent(
                            person.id,
                            example.run_id,
                            len(person.events) + 1,
                            final,
                            final,
                            at,
                            EXAMPLE_BY,
                            **fields,
                        )  # fmt: skip
                    )
                completed += 1
            people.append(person)
    return people


def example_results(data_dir: Path = SHIPPED_DATA) -> dict[str, Any]:
    from catalog.load import require_catalog
    from form_service.staff.capaian_totals import programme_runs
    from form_service.staff.publish import announcement

    programmes = programme_runs(require_catalog(data_dir))
    data = announcement(registrations(), GENERATED_AT, programmes)
    return {"example": True, **data}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("courses/example-results.json"))
    parser.add_argument("--data", type=Path, default=SHIPPED_DATA)
    args = parser.parse_args(argv)
    text = json.dumps(example_results(args.data), ensure_ascii=False, indent=2) + "\n"
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

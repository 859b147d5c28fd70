"""The shared table of /cari/ cases (tests/cases/eligibility.json) and its Python verdicts.

The verdict on the Python side comes from the form's own rules: ``check_applicant`` on the
answers /cari/ asks for, with the two birth dates that fit "``usia`` years old today" (the
youngest and the oldest), and ``run_status`` for the registration window.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from catalog import eligibility
from catalog.catalog import Catalog, RunRef
from catalog.status import RunStatus, run_status
from registrations.rules import check_applicant
from site_builder.eligibility_data import REASON_ORDER

TABLE = Path(__file__).with_name("eligibility.json")

# The form fields of the four answers; other fields' messages (disability, education,
# employment) are about questions /cari/ does not ask and are shown as conditions instead.
ASKED = {"village": "wilayah", "gender": "perempuan", "dtks": "dtks", "birth_date": "usia"}


@dataclass(frozen=True)
class Case:
    about: str
    answers: dict[str, Any]
    run: str
    today: date
    expect: str | list[str]
    eligibility: dict[str, Any] | None

    @property
    def query(self) -> str:
        return "?" + urlencode(self.answers)

    @property
    def reasons(self) -> list[str]:
        return [] if self.expect == "ikut" else list(self.expect)


def load_cases() -> list[Case]:
    table = json.loads(TABLE.read_text(encoding="utf-8"))
    default_day = date.fromisoformat(table["today"])
    return [
        Case(
            about=c["about"],
            answers=c["answers"],
            run=c["run"],
            today=date.fromisoformat(c["today"]) if "today" in c else default_day,
            expect=c["expect"],
            eligibility=c.get("eligibility"),
        )
        for c in table["cases"]
    ]


def run_of(catalog: Catalog, case: Case) -> RunRef:
    ref = catalog.find_run(case.run)
    assert ref is not None, f"{case.run} is not a shipped run"
    if case.eligibility is None:
        return ref
    old = ref.course.eligibility
    rules = type(old).model_validate({**old.model_dump(), **case.eligibility})  # typed again
    course = ref.course.model_copy(update={"eligibility": rules})
    return RunRef(ref.center, course, ref.run)


def birth_dates(age: int, today: date) -> list[date]:
    """The youngest and the oldest birth date of someone ``age`` years old on ``today``."""
    tomorrow = today + timedelta(days=1)
    return [
        today.replace(year=today.year - age),
        tomorrow.replace(year=tomorrow.year - age - 1),
    ]


def python_verdict(catalog: Catalog, case: Case) -> list[str]:
    """The reason keys (empty: may join) by registrations.rules and catalog.status."""
    ref = run_of(catalog, case)
    a = case.answers
    form = {}
    if a.get("kelurahan"):
        form["village"] = a["kelurahan"]
    if a.get("jk"):
        form["gender"] = a["jk"]
    if a.get("dtks"):
        form["dtks"] = a["dtks"]
    births = birth_dates(a["usia"], case.today) if "usia" in a else [None]
    verdicts = []
    for birth in births:
        answers = dict(form, birth_date=birth.isoformat()) if birth else form
        errors = check_applicant(ref, answers, None, None, catalog.regions)
        keys = set()
        for field in errors:
            if field not in ASKED:
                continue
            key = ASKED[field]
            if key == "usia":
                assert birth is not None
                rules = ref.course.eligibility
                if eligibility.check_age(rules, birth, ref.run.start) is None:
                    key = "pemuda"  # within the ages, outside the youth group's
                elif eligibility.age_on(birth, ref.run.start) < rules.min_age:
                    key = "usia-min"
                else:
                    key = "usia-maks"
            keys.add(key)
        verdicts.append(keys)
    # Allowed when one of the birth dates is; else the youngest one's reasons.
    reasons = set() if any(not v for v in verdicts) else verdicts[0]
    status = run_status(ref.run, case.today)
    if status in (RunStatus.CLOSED, RunStatus.FINISHED):
        reasons.add(status.value)
    return sorted(reasons, key=lambda k: (REASON_ORDER + ("selesai",)).index(k))

"""/cari/'s shared case table on the Python side: every case's verdict by the form's rules
(registrations.rules.check_applicant, catalog.status) is the one the table states. The browser
side (tests/e2e/test_cari.py) checks the same table against cari.js."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.load import require_catalog
from site_builder.eligibility_data import serves_district
from tests.cases.eligibility_cases import load_cases, python_verdict, run_of

REPO = Path(__file__).resolve().parents[2]
CASES = load_cases()


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    return require_catalog(REPO / "courses", today=CASES[0].today)


@pytest.mark.parametrize("case", CASES, ids=[c.about for c in CASES])
def test_case_table_agrees_with_the_form_rules(shipped, case) -> None:
    assert python_verdict(shipped, case) == case.reasons, case.about


def test_the_table_covers_every_reason() -> None:
    seen = {key for case in CASES for key in case.reasons}
    assert seen == {"wilayah", "usia-min", "usia-maks", "pemuda", "perempuan", "dtks", "ditutup"}
    assert sum(case.expect == "ikut" for case in CASES) >= 8


@pytest.mark.parametrize("case", CASES, ids=[c.about for c in CASES])
def test_the_kecamatan_file_of_the_answer_holds_the_run_when_the_address_is_allowed(
    shipped, case
) -> None:
    """/cari/ shows a resident's list from her kecamatan's file alone: every run that her
    kelurahan's address may join must be in it."""
    district = case.answers["kelurahan"][:6]
    in_file = serves_district(run_of(shipped, case).course.eligibility, district)
    assert in_file or "wilayah" in case.reasons, case.about

"""The data set shipped in courses/: valid, always something open, faithful to its sources."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from catalog.load import load_catalog
from catalog.models import CenterKind, TargetGroup
from catalog.status import RunStatus, run_status

ROOT = Path(__file__).resolve().parents[2]
COURSES = ROOT / "courses"
TODAY = date(2026, 11, 23)
DEMO_LAST_DAY = date(2027, 6, 30)
KOTA_TANGERANG = "3671"


@pytest.fixture(scope="module")
def result():
    return load_catalog(COURSES, today=TODAY, base=ROOT)


@pytest.fixture(scope="module")
def catalog(result):
    assert result.catalog is not None, [p.format_text() for p in result.problems]
    return result.catalog


def test_loads_without_errors_or_warnings(result):
    assert [p.format_text() for p in result.problems] == []


def test_size_is_reasonable(catalog):
    centers, courses, runs = catalog.counts
    assert 15 <= centers <= 25
    assert 70 <= courses <= 110
    assert runs >= courses


def test_at_least_three_runs_open_every_day_of_the_demo(catalog):
    runs = [ref.run for ref in catalog.runs()]
    short = []
    day = TODAY
    while day <= DEMO_LAST_DAY:
        open_runs = sum(run_status(run, day) is RunStatus.OPEN for run in runs)
        if open_runs < 3:
            short.append((day.isoformat(), open_runs))
        day += timedelta(days=1)
    assert short == []


def test_registration_closes_before_start_and_everything_is_reviewed(catalog):
    for ref in catalog.runs():
        assert ref.run.registration.closes < ref.run.start, ref.public_id
    for ref in catalog.courses():
        assert ref.course.reviewed == date(2026, 11, 20), ref.public_id


def test_every_kecamatan_of_kota_tangerang_has_a_kelurahan_center(catalog):
    districts = {r.code for r in catalog.regions.children(KOTA_TANGERANG)}
    assert len(districts) == 13
    covered: dict[str, list[str]] = defaultdict(list)
    for center in catalog.centers.values():
        if not center.id.startswith("kelurahan-"):
            continue
        assert center.kind is CenterKind.DINAS
        assert center.agency == "disnaker-kota-tangerang"
        village = catalog.regions.get(center.village)
        assert village is not None and village.kind == "kelurahan"
        assert center.name == f"Pelatihan Keterampilan Kelurahan {village.name}"
        courses = catalog.center_courses[center.id]
        assert len(courses) >= 5, center.id
        for course in courses:
            for run in course.runs:
                assert run.quota == 20
                if course.mode != "online":
                    assert run.venue is not None
                    assert run.venue.name == f"Kantor Kelurahan {village.name}"
                    assert run.venue.village == center.village
        covered[center.village[:6]].append(center.id)
    assert set(covered) == districts


def test_dinsos_courses_are_for_dtks_with_a_starter_package_for_the_best_three(catalog):
    courses = catalog.center_courses["dinsos-kota-tangerang"]
    assert {c.kejuruan for c in courses} == {"tata-boga", "pangkas-rambut"}
    for course in courses:
        assert TargetGroup.DTKS in course.eligibility.target_groups
        assert course.eligibility.domicile == (KOTA_TANGERANG,)
        assert course.selection == "interview"
        assert course.starter_package is not None
        assert course.starter_package.best == 3


def test_disnaker_programme_for_poor_households(catalog):
    courses = catalog.center_courses["disnaker-kota-tangerang"]
    assert {c.kejuruan for c in courses} >= {
        "tata-rias",
        "tata-boga",
        "pangkas-rambut",
        "listrik-pendingin",
        "tata-graha",
        "las",
        "pengecatan",
        "otomotif",
    }
    for course in courses:
        assert course.duration.workdays == 15
        assert course.instructors == "Instruktur bersertifikat BNSP"
        assert course.eligibility.domicile == (KOTA_TANGERANG,)
        assert TargetGroup.DTKS in course.eligibility.target_groups


def test_blk_komunitas_centers_belong_to_fk_blkk(catalog):
    blkk = [c for c in catalog.centers.values() if c.kind is CenterKind.BLKK]
    assert 3 <= len(blkk) <= 4
    assert len({c.village[:6] for c in blkk}) == len(blkk)  # different kecamatan
    for center in blkk:
        assert center.network == "FK-BLKK"
        assert center.programme == "PBK Kemnaker"
        assert center.village.startswith("3603")


def test_lpks_centers_have_an_accreditation(catalog):
    lpks = [c for c in catalog.centers.values() if c.kind is CenterKind.LPKS]
    assert lpks
    for center in lpks:
        assert center.accreditation is not None, center.id
        assert center.accreditation.body == "LA-LPK"
        assert center.village.startswith("3673")


# Digit groups joined by spaces or dashes within one line, e.g. "0812-3456 7890".
NUMBER = re.compile(r"\+?\d[\d -]{7,}\d")
EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


def looks_like_phone(text: str) -> bool:
    """An Indonesian phone number: 08..., 62..., +62..., 9 to 14 digits."""
    for match in NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 9 <= len(digits) <= 14 and digits.startswith(("08", "62", "021", "0254")):
            return True
    return False


def test_no_phone_number_or_email_anywhere_in_the_data(catalog):
    for center in catalog.centers.values():
        contact = center.contact
        assert contact.phone is None and contact.whatsapp is None, center.id
        assert contact.email is None, center.id
    texts = [p.read_text(encoding="utf-8") for p in sorted(COURSES.rglob("*.yml"))]
    assert texts
    for text in texts:
        assert not looks_like_phone(text)
        assert not EMAIL.search(text)


def test_the_phone_and_email_patterns_catch_what_they_should():
    assert looks_like_phone("whatsapp: 0812 3456 7890")
    assert looks_like_phone('phone: "+62 812-0000-0001"')
    assert looks_like_phone("kantor: 021-5555-0000")
    assert EMAIL.search("email: contoh@example.org")
    assert not looks_like_phone('village: "3671011001"')
    assert not looks_like_phone("registration: {opens: 2027-08-06, closes: 2027-08-18}")

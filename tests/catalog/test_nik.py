"""Tests for catalog.nik. Every NIK here is made up (serials like 9001-9999)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from catalog.nik import (
    MSG_BAD_BIRTH_DATE,
    MSG_EMPTY,
    MSG_NOT_DIGITS,
    MSG_SERIAL_ZERO,
    MSG_UNKNOWN_PROVINCE,
    MSG_UNKNOWN_REGENCY,
    MSG_WRONG_LENGTH,
    PROVINCE_CODES,
    Nik,
    NikError,
    clean_nik,
    mask_nik,
    parse_nik,
)

TODAY = date(2027, 6, 15)
BANTEN_REGENCIES = frozenset({"3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"})


def parse(raw: str, **kwargs) -> Nik:
    kwargs.setdefault("today", TODAY)
    return parse_nik(raw, **kwargs)


# --- accepted input ---------------------------------------------------------------------


def test_parses_all_parts_of_a_male_nik():
    nik = parse("3671011203959001")
    assert nik == Nik(
        value="3671011203959001",
        province="36",
        regency="3671",
        district="367101",
        birth_date=date(1995, 3, 12),
        gender="L",
        serial="9001",
    )


def test_day_plus_40_means_female():
    nik = parse("3603125203019002")
    assert nik.gender == "P"
    assert nik.birth_date == date(2001, 3, 12)


@pytest.mark.parametrize(
    "raw",
    [
        "3671 0112 0395 9001",
        "3671.0112.0395.9001",
        "3671-0112-0395-9001",
        " 367101 120395 9001 ",
        "3671\t011203959001\n",
        "３６７１０１１２０３９５９００１",  # full-width digits from some phone keyboards
    ],
)
def test_separators_people_type_are_ignored(raw):
    assert parse(raw).value == "3671011203959001"


@pytest.mark.parametrize(
    ("ddmmyy", "expected"),
    [
        ("290200", date(2000, 2, 29)),  # 2000 is a leap year
        ("290204", date(2004, 2, 29)),
        ("150627", date(2027, 6, 15)),  # born "today": still 20YY
        ("160627", date(1927, 6, 16)),  # tomorrow in 2027 is in the future, so 1927
        ("311299", date(1999, 12, 31)),
        ("010100", date(2000, 1, 1)),
        ("710190", date(1990, 1, 31)),  # female, day 31
    ],
)
def test_birth_date_century_and_calendar(ddmmyy, expected):
    assert parse(f"367101{ddmmyy}9003").birth_date == expected


def test_known_regencies_accepts_listed_code():
    assert parse("3671011203959001", known_regencies=BANTEN_REGENCIES).regency == "3671"


def test_known_provinces_can_be_overridden():
    assert parse("9901011203959001", known_provinces={"99"}).province == "99"


# --- rejected input: (input, expected message) --------------------------------------------

REJECTED = [
    ("", MSG_EMPTY),
    ("   ", MSG_EMPTY),
    (" - . ", MSG_EMPTY),
    ("3671O11203959001", MSG_NOT_DIGITS),  # letter O instead of zero
    ("NIK 3671011203959001", MSG_NOT_DIGITS),
    ("3671/01/120395/9001", MSG_NOT_DIGITS),
    ("367101120395900", MSG_WRONG_LENGTH.format(count=15)),
    ("36710112039590011", MSG_WRONG_LENGTH.format(count=17)),
    ("3671", MSG_WRONG_LENGTH.format(count=4)),
    ("9971011203959001", MSG_UNKNOWN_PROVINCE.format(code="99")),
    ("0071011203959001", MSG_UNKNOWN_PROVINCE.format(code="00")),
    ("2071011203959001", MSG_UNKNOWN_PROVINCE.format(code="20")),
    ("3671010003959001", MSG_BAD_BIRTH_DATE),  # day 00
    ("3671013203959001", MSG_BAD_BIRTH_DATE),  # day 32
    ("3671014003959001", MSG_BAD_BIRTH_DATE),  # day 40 = female day 0
    ("3671017203959001", MSG_BAD_BIRTH_DATE),  # day 72 = female day 32
    ("3671011200959001", MSG_BAD_BIRTH_DATE),  # month 00
    ("3671011213959001", MSG_BAD_BIRTH_DATE),  # month 13
    ("3671012902019001", MSG_BAD_BIRTH_DATE),  # 29 Feb 2001 / 1901
    ("3671016902019001", MSG_BAD_BIRTH_DATE),  # same, female
    ("3671013104009001", MSG_BAD_BIRTH_DATE),  # 31 April
    ("3671011203950000", MSG_SERIAL_ZERO),
]


@pytest.mark.parametrize(("raw", "message"), REJECTED)
def test_rejections_carry_one_actionable_sentence(raw, message):
    with pytest.raises(NikError) as excinfo:
        parse(raw)
    assert excinfo.value.message == message
    assert str(excinfo.value) == message


def test_exact_wording_of_messages():
    # The form and the docs quote these; changing them is a visible change.
    assert MSG_WRONG_LENGTH.format(count=15) == (
        "NIK harus 16 angka; yang Anda ketik 15 angka. Periksa kembali KTP Anda."
    )
    assert MSG_UNKNOWN_PROVINCE.format(code="99") == (
        "Kode provinsi '99' pada NIK tidak dikenal. Periksa 2 angka pertama NIK."
    )


def test_unknown_regency_only_checked_when_list_given():
    raw = "3699011203959001"
    assert parse(raw).regency == "3699"
    with pytest.raises(NikError) as excinfo:
        parse(raw, known_regencies=BANTEN_REGENCIES)
    assert excinfo.value.message == (
        "Kode kabupaten/kota '3699' pada NIK tidak dikenal. Periksa angka ke-3 dan ke-4 NIK."
    )
    assert excinfo.value.message == MSG_UNKNOWN_REGENCY.format(code="3699")


def test_29_february_2000_is_rejected_when_today_is_before_it():
    # 2000-02-29 is in the future and 1900 is not a leap year, so no valid reading exists.
    with pytest.raises(NikError) as excinfo:
        parse("3671012902009001", today=date(2000, 2, 28))
    assert excinfo.value.message == MSG_BAD_BIRTH_DATE


def test_nik_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse("123")


def test_province_codes_match_the_shared_list():
    assert len(PROVINCE_CODES) == 38
    assert {"11", "31", "36", "96"} <= PROVINCE_CODES


# --- masking ------------------------------------------------------------------------------


def test_mask_keeps_only_region_digits():
    assert mask_nik("3671011203959001") == "367101**********"
    assert mask_nik("3671 0112 0395 9001") == "367101**********"
    assert mask_nik(parse("3671011203959001")) == "367101**********"


@pytest.mark.parametrize("raw", ["", "12345", "36710112039590011", "3671O11203959001"])
def test_mask_hides_everything_when_input_is_malformed(raw):
    assert mask_nik(raw) == "****************"


def test_repr_does_not_reveal_the_nik():
    nik = parse("3671011203959001")
    assert "1203959001" not in repr(nik)
    assert "1995" not in repr(nik)
    assert repr(nik) == "Nik('367101**********')"
    assert str(nik) == repr(nik)


# --- properties ---------------------------------------------------------------------------

provinces = st.sampled_from(sorted(PROVINCE_CODES))
two_digits = st.integers(min_value=1, max_value=99).map(lambda n: f"{n:02d}")
serials = st.integers(min_value=1, max_value=9999).map(lambda n: f"{n:04d}")
todays = st.dates(min_value=date(2000, 1, 1), max_value=date(2098, 12, 31))


def build(province, regency, district, birth: date, gender, serial) -> str:
    day = birth.day + (40 if gender == "P" else 0)
    return f"{province}{regency}{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial}"


@st.composite
def birth_and_today(draw):
    today = draw(todays)
    # Births in the 100-year window ending today are the ones a 2-digit year can express.
    try:
        earliest = today.replace(year=today.year - 100)
    except ValueError:  # today is 29 February and that year was not a leap year
        earliest = date(today.year - 100, 2, 28)
    birth = draw(st.dates(min_value=earliest + timedelta(days=1), max_value=today))
    return birth, today


@given(
    provinces,
    two_digits,
    two_digits,
    birth_and_today(),
    st.sampled_from(["L", "P"]),
    serials,
)
def test_building_then_parsing_round_trips(province, regency, district, dates, gender, serial):
    birth, today = dates
    raw = build(province, regency, district, birth, gender, serial)
    nik = parse_nik(raw, today=today)
    assert nik.value == raw
    assert nik.province == province
    assert nik.regency == province + regency
    assert nik.district == province + regency + district
    assert nik.birth_date == birth
    assert nik.gender == gender
    assert nik.serial == serial


@given(st.dates(min_value=date(1928, 1, 1), max_value=TODAY))
def test_female_encoding_differs_only_in_gender(birth):
    male = parse(build("36", "71", "01", birth, "L", "9004"))
    female = parse(build("36", "71", "01", birth, "P", "9004"))
    assert (male.gender, female.gender) == ("L", "P")
    assert male.birth_date == female.birth_date == birth
    assert int(female.value[6:8]) == int(male.value[6:8]) + 40


@given(st.text())
def test_anything_that_is_not_16_digits_is_rejected(raw):
    assume(not re.fullmatch(r"[0-9]{16}", clean_nik(raw)))
    with pytest.raises(NikError):
        parse(raw)


@given(st.text(alphabet="0123456789", min_size=1).filter(lambda s: len(s) != 16))
def test_digit_strings_of_wrong_length_name_the_count(raw):
    with pytest.raises(NikError) as excinfo:
        parse(raw)
    assert excinfo.value.message == MSG_WRONG_LENGTH.format(count=len(raw))


@given(st.text(alphabet="0123456789 .-", min_size=1))
def test_parse_never_raises_anything_but_nik_error(raw):
    try:
        nik = parse(raw)
    except NikError as error:
        assert error.message
    else:
        assert len(nik.value) == 16

"""Tests for catalog.phone. All numbers are obviously fake (0812-0000-00xx and the like)."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.phone import (
    MSG_BAD_CHARACTERS,
    MSG_EMPTY,
    MSG_FOREIGN,
    MSG_INVALID,
    MSG_NOT_MOBILE,
    PhoneError,
    format_local,
    normalize_mobile,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("081200000001", "+6281200000001"),
        ("0812-0000-0001", "+6281200000001"),
        ("0812 0000 0001", "+6281200000001"),
        ("0812.0000.0001", "+6281200000001"),
        ("(0812) 0000-0001", "+6281200000001"),
        ("+6281200000001", "+6281200000001"),
        ("+62 812-0000-0001", "+6281200000001"),
        ("+62 (0)812 0000 0001", "+6281200000001"),
        ("6281200000001", "+6281200000001"),
        ("62 0812 0000 0001", "+6281200000001"),
        ("0062 812 0000 0001", "+6281200000001"),
        ("+0812 0000 0001", "+6281200000001"),
        ("812 0000 0001", "+6281200000001"),
        (" 081200000001 ", "+6281200000001"),
        ("０８１２００００００01", "+6281200000001"),  # full-width digits
        ("0811000000", "+62811000000"),  # 10 digits, shortest common length
        ("0857-0000-0002", "+6285700000002"),
        ("0899-0000-0003", "+6289900000003"),
        ("0831-0000-00004", "+62831000000004"),  # 13 digits
    ],
)
def test_accepts_indonesian_mobile_numbers(raw, expected):
    assert normalize_mobile(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", MSG_EMPTY),
        ("  - ", MSG_EMPTY),
        ("abc", MSG_BAD_CHARACTERS),
        ("0812 0000 0001 ext 1", MSG_BAD_CHARACTERS),
        ("081200000001x", MSG_BAD_CHARACTERS),
        ("08l200000001", MSG_BAD_CHARACTERS),  # letter l instead of one
        ("0812+00000001", MSG_BAD_CHARACTERS),
        ("+", MSG_BAD_CHARACTERS),
        ("021-5551234", MSG_NOT_MOBILE),
        ("(021) 555 1234", MSG_NOT_MOBILE),
        ("+62 21 5551234", MSG_NOT_MOBILE),
        ("62215551234", MSG_NOT_MOBILE),
        ("0254 123456", MSG_NOT_MOBILE),  # Serang area code
        ("0800 1234 567", MSG_NOT_MOBILE),  # toll-free
        ("+65 8123 4567", MSG_FOREIGN),
        ("+1 650 253 0000", MSG_FOREIGN),
        ("0065 8123 4567", MSG_FOREIGN),
        ("08", MSG_INVALID),
        ("0812", MSG_INVALID),
        ("0812000", MSG_INVALID),
        ("08120000000123", MSG_INVALID),  # 14 digits
        ("+6221555123", MSG_INVALID),
        ("0", MSG_INVALID),
    ],
)
def test_rejections_carry_one_actionable_sentence(raw, message):
    with pytest.raises(PhoneError) as excinfo:
        normalize_mobile(raw)
    assert excinfo.value.message == message
    assert str(excinfo.value) == message


def test_landline_message_tells_to_use_a_mobile_starting_with_08():
    assert MSG_NOT_MOBILE == (
        "Nomor WhatsApp harus nomor HP yang diawali 08, bukan nomor telepon rumah atau kantor."
    )


def test_phone_error_is_a_value_error():
    with pytest.raises(ValueError):
        normalize_mobile("021-5551234")


@pytest.mark.parametrize(
    ("e164", "expected"),
    [
        ("+6281200000001", "0812-0000-0001"),
        ("+62811000000", "0811-000-000"),
        ("+62831000000004", "0831-0000-00004"),
        ("+6581234567", "+65 8123 4567"),
    ],
)
def test_format_local(e164, expected):
    assert format_local(e164) == expected


def test_format_local_rejects_non_numbers():
    with pytest.raises(ValueError):
        format_local("bukan nomor")


@given(
    st.sampled_from(["0812", "0813", "0821", "0852", "0857", "0877", "0895"]),
    st.integers(min_value=0, max_value=99_999_999),
    st.sampled_from(["{}", "+62{}", "62{}", "{} ", "({})"]),
)
def test_any_typed_form_of_a_mobile_normalises_the_same(prefix, rest, shape):
    local = f"{prefix}{rest:08d}"
    typed = shape.format(local[1:] if shape.startswith(("+62", "62")) else local)
    e164 = normalize_mobile(typed)
    assert e164 == "+62" + local[1:]
    assert normalize_mobile(format_local(e164)) == e164
    assert format_local(e164).replace("-", "") == local


@given(st.text(max_size=30))
def test_never_raises_anything_but_phone_error(raw):
    try:
        e164 = normalize_mobile(raw)
    except PhoneError as error:
        assert error.message
    else:
        assert e164.startswith("+628")


def test_country_code_62_belongs_to_indonesia_alone():
    # normalize_mobile judges a +62 number by its type alone, which is the same as asking
    # whether it is valid for the region ID only while +62 has no other region.
    assert phonenumbers.region_codes_for_country_code(62) == ("ID",)

"""Tests for catalog.dates: exact strings people read."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.dates import (
    WIB,
    format_date_long,
    format_date_short,
    format_datetime_wib,
    format_range,
    month_name,
    now_utc,
    today_wib,
    weekday_name,
)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2027, 2, 1), "Senin, 1 Februari 2027"),
        (date(2027, 2, 2), "Selasa, 2 Februari 2027"),
        (date(2027, 2, 3), "Rabu, 3 Februari 2027"),
        (date(2027, 2, 4), "Kamis, 4 Februari 2027"),
        (date(2027, 2, 5), "Jumat, 5 Februari 2027"),
        (date(2027, 2, 6), "Sabtu, 6 Februari 2027"),
        (date(2027, 2, 7), "Minggu, 7 Februari 2027"),
        (date(2027, 8, 17), "Selasa, 17 Agustus 2027"),
        (date(2027, 12, 31), "Jumat, 31 Desember 2027"),
    ],
)
def test_format_date_long(d, expected):
    assert format_date_long(d) == expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2027, 2, 1), "1 Feb 2027"),
        (date(2027, 5, 20), "20 Mei 2027"),
        (date(2027, 8, 17), "17 Agu 2027"),
        (date(2027, 12, 24), "24 Des 2027"),
    ],
)
def test_format_date_short(d, expected):
    assert format_date_short(d) == expected


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        (datetime(2027, 2, 1, 2, 30, tzinfo=UTC), "Senin, 1 Februari 2027 pukul 09.30 WIB"),
        # 17:05 UTC on Sunday is already Monday 00:05 in Jakarta.
        (datetime(2027, 1, 31, 17, 5, tzinfo=UTC), "Senin, 1 Februari 2027 pukul 00.05 WIB"),
        (datetime(2027, 2, 1, 15, 0, tzinfo=WIB), "Senin, 1 Februari 2027 pukul 15.00 WIB"),
        (
            datetime(2027, 2, 1, 10, 30, tzinfo=timezone(timedelta(hours=8))),  # WITA
            "Senin, 1 Februari 2027 pukul 09.30 WIB",
        ),
    ],
)
def test_format_datetime_wib(dt, expected):
    assert format_datetime_wib(dt) == expected


def test_format_datetime_wib_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        format_datetime_wib(datetime(2027, 2, 1, 9, 30))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2027, 2, 1), date(2027, 2, 19), "1–19 Februari 2027"),
        (date(2027, 1, 29), date(2027, 2, 3), "29 Januari – 3 Februari 2027"),
        (date(2027, 12, 29), date(2028, 1, 3), "29 Desember 2027 – 3 Januari 2028"),
        (date(2027, 2, 1), date(2027, 2, 1), "1 Februari 2027"),
        (date(2027, 2, 1), date(2028, 2, 19), "1 Februari 2027 – 19 Februari 2028"),
    ],
)
def test_format_range(start, end, expected):
    assert format_range(start, end) == expected


def test_format_range_uses_en_dash():
    assert "\u2013" in format_range(date(2027, 2, 1), date(2027, 2, 19))
    assert "-" not in format_range(date(2027, 1, 29), date(2027, 2, 3))


def test_format_range_refuses_reversed_range():
    with pytest.raises(ValueError):
        format_range(date(2027, 2, 2), date(2027, 2, 1))


def test_weekday_names_count_from_monday_like_date_weekday():
    assert [weekday_name(n) for n in range(7)] == [
        "Senin",
        "Selasa",
        "Rabu",
        "Kamis",
        "Jumat",
        "Sabtu",
        "Minggu",
    ]
    assert weekday_name(date(2027, 2, 1).weekday()) == "Senin"
    with pytest.raises(ValueError):
        weekday_name(7)


def test_month_names():
    assert [month_name(m) for m in range(1, 13)] == [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]


@pytest.mark.parametrize("month", [0, 13])
def test_month_name_out_of_range(month):
    with pytest.raises(ValueError):
        month_name(month)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2027, 1, 31, 16, 59, tzinfo=UTC), date(2027, 1, 31)),
        (datetime(2027, 1, 31, 17, 0, tzinfo=UTC), date(2027, 2, 1)),  # midnight WIB
        (datetime(2027, 2, 1, 0, 0, tzinfo=WIB), date(2027, 2, 1)),
    ],
)
def test_today_wib(now, expected):
    assert today_wib(now) == expected


def test_today_wib_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        today_wib(datetime(2027, 2, 1, 9, 30))


def test_now_utc_is_aware_utc():
    now = now_utc()
    assert now.utcoffset() == timedelta(0)
    assert today_wib() in {(now + timedelta(hours=7)).date(), (now + timedelta(hours=8)).date()}


def test_wib_is_utc_plus_7():
    assert datetime(2027, 2, 1, tzinfo=WIB).utcoffset() == timedelta(hours=7)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=0, max_value=400),
)
def test_range_always_ends_with_the_full_end_date(start, days):
    end = start + timedelta(days=days)
    text = format_range(start, end)
    assert text.endswith(f"{end.day} {month_name(end.month)} {end.year}")
    assert text.startswith(str(start.day))
    assert str(start.year) in text

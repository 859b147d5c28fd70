"""Tests for catalog.workdays. Expected dates come from the holidays 0.108 data for Indonesia."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog.workdays import (
    add_workdays,
    count_workdays,
    holiday_name,
    holidays_in_year,
    is_workday,
)

# 2027 in the package data: Fri 5 Feb is cuti bersama Imlek; 8 Mar Nyepi, 9/12/15 Mar cuti
# bersama Idul Fitri around Idul Fitri on 10-11 Mar; 24 Dec cuti bersama Natal.


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2027, 2, 1), True),  # Monday
        (date(2027, 2, 5), False),  # Friday, Cuti Bersama Tahun Baru Imlek
        (date(2027, 2, 6), False),  # Saturday
        (date(2027, 2, 7), False),  # Sunday
        (date(2027, 3, 10), False),  # Idul Fitri (Wednesday)
        (date(2027, 3, 15), False),  # Monday, cuti bersama Idul Fitri
        (date(2027, 3, 16), True),
        (date(2027, 8, 17), False),  # Independence Day, Tuesday
        (date(2027, 12, 24), False),  # Friday, Cuti Bersama Hari Raya Natal
    ],
)
def test_is_workday(d, expected):
    assert is_workday(d) is expected


@pytest.mark.parametrize(
    ("d", "name"),
    [
        (date(2027, 1, 1), "Tahun Baru Masehi"),
        (date(2027, 2, 5), "Cuti Bersama Tahun Baru Imlek"),
        (date(2027, 2, 6), "Tahun Baru Imlek"),  # on a Saturday: still named
        (date(2027, 3, 8), "Hari Suci Nyepi"),
        (date(2027, 8, 17), "Hari Kemerdekaan Republik Indonesia"),
        (date(2027, 12, 24), "Cuti Bersama Hari Raya Natal"),
        (date(2027, 2, 1), None),
        (date(2027, 2, 7), None),  # plain Sunday
    ],
)
def test_holiday_name_is_indonesian(d, name):
    assert holiday_name(d) == name


def test_cuti_bersama_of_2027_are_included():
    cuti = {d for d, name in holidays_in_year(2027).items() if name.startswith("Cuti Bersama")}
    assert cuti == {
        date(2027, 2, 5),
        date(2027, 3, 9),
        date(2027, 3, 12),
        date(2027, 3, 15),
        date(2027, 3, 25),
        date(2027, 5, 18),
        date(2027, 5, 19),
        date(2027, 12, 24),
    }


def test_holiday_table_is_read_only_and_cached():
    table = holidays_in_year(2027)
    assert holidays_in_year(2027) is table
    with pytest.raises(TypeError):
        table[date(2027, 2, 1)] = "Bukan libur"  # type: ignore[index]


@pytest.mark.parametrize(
    ("start", "workdays", "end"),
    [
        (date(2027, 2, 1), 1, date(2027, 2, 1)),  # start counts as day 1
        (date(2027, 2, 1), 4, date(2027, 2, 4)),
        (date(2027, 2, 1), 5, date(2027, 2, 8)),  # skips cuti bersama Fri 5 Feb + weekend
        (date(2027, 2, 1), 15, date(2027, 2, 22)),
        (date(2027, 2, 6), 1, date(2027, 2, 8)),  # Saturday start: day 1 is Monday
        (date(2027, 2, 5), 1, date(2027, 2, 8)),  # cuti bersama start: day 1 is Monday
        # 1-5 Mar = 5 days, 8-15 Mar all off (Nyepi, Lebaran, cuti bersama), 16-22 Mar = 5.
        (date(2027, 3, 1), 10, date(2027, 3, 22)),
        # 20-23 Dec, (24 Dec cuti bersama), 27-31 Dec, (1 Jan 2028 Saturday), 3 Jan 2028.
        (date(2027, 12, 20), 10, date(2028, 1, 3)),
    ],
)
def test_add_workdays_known_runs(start, workdays, end):
    assert add_workdays(start, workdays) == end


@pytest.mark.parametrize("workdays", [0, -1])
def test_add_workdays_needs_at_least_one_day(workdays):
    with pytest.raises(ValueError):
        add_workdays(date(2027, 2, 1), workdays)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2027, 2, 1), date(2027, 2, 1), 1),
        (date(2027, 2, 6), date(2027, 2, 7), 0),  # weekend only
        (date(2027, 2, 1), date(2027, 2, 7), 4),
        (date(2027, 2, 1), date(2027, 2, 22), 15),
        (date(2027, 3, 8), date(2027, 3, 15), 0),  # the Lebaran week
        (date(2027, 1, 1), date(2027, 12, 31), 242),  # 261 weekdays - 19 weekday holidays
    ],
)
def test_count_workdays_inclusive(start, end, count):
    assert count_workdays(start, end) == count


def test_count_workdays_of_2027_matches_the_holiday_table():
    weekdays = sum(1 for n in range(365) if (date(2027, 1, 1) + timedelta(days=n)).weekday() < 5)
    weekday_holidays = sum(1 for d in holidays_in_year(2027) if d.weekday() < 5)
    assert weekdays == 261
    assert weekday_holidays == 19
    assert count_workdays(date(2027, 1, 1), date(2027, 12, 31)) == weekdays - weekday_holidays


def test_count_workdays_rejects_reversed_range():
    with pytest.raises(ValueError):
        count_workdays(date(2027, 2, 2), date(2027, 2, 1))


# --- properties ---------------------------------------------------------------------------

dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2029, 12, 31))
lengths = st.integers(min_value=1, max_value=80)


@given(dates, lengths)
def test_result_is_always_a_workday_not_before_start(start, n):
    end = add_workdays(start, n)
    assert is_workday(end)
    assert end >= start


@given(dates.filter(is_workday), lengths)
def test_count_undoes_add_when_start_is_a_workday(start, n):
    assert count_workdays(start, add_workdays(start, n)) == n


@given(dates, lengths)
def test_count_undoes_add_from_any_start(start, n):
    assert count_workdays(start, add_workdays(start, n)) == n


@given(dates, lengths)
def test_add_workdays_is_strictly_monotonic(start, n):
    assert add_workdays(start, n) < add_workdays(start, n + 1)


@given(dates, lengths)
def test_days_before_the_end_hold_one_workday_less(start, n):
    end = add_workdays(start, n)
    before = end - timedelta(days=1)
    assert (count_workdays(start, before) if before >= start else 0) == n - 1

"""Working days in Indonesia: Monday to Friday, minus public holidays and cuti bersama.

Holiday data comes from the ``holidays`` package (0.108): category ``public`` holds the
national holidays (hari libur nasional) and ``government`` the cuti bersama days set each
year by the SKB 3 Menteri (e.g. 2027-02-05 "Cuti Bersama Tahun Baru Imlek"). Names are in
Indonesian (``language="id"``); Islamic holidays the package has not confirmed for a year
carry the suffix "(perkiraan)".

The holiday table of each year is built once and cached, so the functions below only do
dictionary look-ups.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays
from holidays.constants import GOVERNMENT, PUBLIC

__all__ = ["add_workdays", "count_workdays", "holiday_name", "holidays_in_year", "is_workday"]

COUNTRY = "ID"
CATEGORIES = (PUBLIC, GOVERNMENT)
LANGUAGE = "id"
_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=64)
def holidays_in_year(year: int) -> Mapping[date, str]:
    """Return the holidays and cuti bersama of ``year`` as a read-only ``{date: name}``."""
    table = holidays.country_holidays(COUNTRY, categories=CATEGORIES, years=year, language=LANGUAGE)
    return MappingProxyType(dict(table))


def holiday_name(d: date) -> str | None:
    """Return the Indonesian name of the holiday or cuti bersama on ``d``, else None.

    Weekend holidays are named too. Two holidays on one day come back as one string
    joined with "; " (as the ``holidays`` package does).
    """
    return holidays_in_year(d.year).get(d)


def is_workday(d: date) -> bool:
    """True if ``d`` is Monday to Friday and neither a public holiday nor cuti bersama."""
    return d.weekday() < 5 and d not in holidays_in_year(d.year)


@lru_cache(maxsize=65536)  # a catalog asks for the same (start, length) pairs many times
def add_workdays(start: date, workdays: int) -> date:
    """Return the last day of a course that starts on ``start`` and lasts ``workdays`` days.

    ``start`` counts as day 1 if it is a working day; otherwise day 1 is the next working
    day. So ``add_workdays(monday, 1) == monday``. ``workdays`` must be at least 1.
    """
    if workdays < 1:
        raise ValueError(f"workdays must be at least 1, got {workdays}")
    day = start
    remaining = workdays
    while True:
        if is_workday(day):
            remaining -= 1
            if remaining == 0:
                return day
        day += _ONE_DAY


def count_workdays(start: date, end: date) -> int:
    """Return the number of working days from ``start`` to ``end``, both included.

    Raise ValueError if ``end`` is before ``start``.
    """
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    count = 0
    day = start
    while day <= end:
        if is_workday(day):
            count += 1
        day += _ONE_DAY
    return count

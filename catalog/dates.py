"""Dates and times for people, in Indonesian and in WIB (Asia/Jakarta).

Records keep aware UTC datetimes (:func:`now_utc`); everything a person reads goes through
the formatters below, which use Babel's ``id`` locale::

    format_date_long(date(2027, 2, 1))   -> "Senin, 1 Februari 2027"
    format_date_short(date(2027, 2, 1))  -> "1 Feb 2027"
    format_datetime_wib(dt)              -> "Senin, 1 Februari 2027 pukul 09.30 WIB"
    format_range(d1, d2)                 -> "1–19 Februari 2027", "29 Januari – 3 Februari 2027"

Babel's own ``format_interval`` falls back to abbreviated months for ``id``, so ranges are
put together here from full month names.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_day_names, get_month_names

__all__ = [
    "WIB",
    "format_date_long",
    "format_date_short",
    "format_datetime_wib",
    "format_range",
    "month_name",
    "weekday_name",
    "now_utc",
    "today_wib",
]

LOCALE = "id"
WIB = ZoneInfo("Asia/Jakarta")
EN_DASH = "\u2013"

_MONTHS: dict[int, str] = dict(get_month_names("wide", locale=LOCALE).items())
_WEEKDAYS: dict[int, str] = dict(get_day_names("wide", locale=LOCALE).items())


def now_utc() -> datetime:
    """The current time as an aware UTC datetime (what records store)."""
    return datetime.now(UTC)


def today_wib(now: datetime | None = None) -> date:
    """The calendar date in Jakarta at ``now`` (aware; default: the current time)."""
    return _aware(now or now_utc()).astimezone(WIB).date()


def month_name(month: int) -> str:
    """Indonesian month name: ``month_name(2) == "Februari"``."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")
    return _MONTHS[month]


def weekday_name(weekday: int) -> str:
    """Indonesian weekday name, numbered as ``date.weekday()``: ``weekday_name(0) == "Senin"``."""
    if not 0 <= weekday <= 6:
        raise ValueError(f"weekday must be 0..6, got {weekday}")
    return _WEEKDAYS[weekday]


@lru_cache(maxsize=4096)  # a site shows a few hundred distinct dates thousands of times
def format_date_long(d: date) -> str:
    """``"Senin, 1 Februari 2027"``: weekday, day without leading zero, full month, year."""
    return format_date(d, "EEEE, d MMMM y", locale=LOCALE)


@lru_cache(maxsize=4096)
def format_date_short(d: date) -> str:
    """``"1 Feb 2027"`` (Babel's medium ``id`` pattern; August is "Agu", December "Des")."""
    return format_date(d, "d MMM y", locale=LOCALE)


def format_datetime_wib(dt: datetime) -> str:
    """``"Senin, 1 Februari 2027 pukul 09.30 WIB"`` for an aware datetime in any zone.

    Raise ValueError for a naive datetime: its zone would be a guess.
    """
    local = _aware(dt).astimezone(WIB)
    time = format_time(local, "HH.mm", locale=LOCALE)
    return f"{format_date_long(local.date())} pukul {time} WIB"


def format_range(start: date, end: date) -> str:
    """A date range as Indonesians write it.

    Same month: ``"1–19 Februari 2027"``; same year: ``"29 Januari – 3 Februari 2027"``;
    different years: ``"29 Desember 2027 – 3 Januari 2028"``; one day: ``"1 Februari 2027"``.
    Raise ValueError if ``end`` is before ``start``.
    """
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    end_text = f"{end.day} {month_name(end.month)} {end.year}"
    if start == end:
        return end_text
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{EN_DASH}{end_text}"
    if start.year == end.year:
        return f"{start.day} {month_name(start.month)} {EN_DASH} {end_text}"
    return f"{start.day} {month_name(start.month)} {start.year} {EN_DASH} {end_text}"


def _aware(dt: datetime) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("naive datetime: pass an aware datetime (UTC in records)")
    return dt

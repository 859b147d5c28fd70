"""Shared pieces of the staff tools: labels, WIB times, numbers, spreadsheet-safe text."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import BinaryIO, TypeVar

from catalog.catalog import Catalog, RunRef
from catalog.dates import WIB, format_date_long, format_datetime_wib
from catalog.eligibility import OUTSIDE_BANTEN
from catalog.labels import EDUCATION

_RECEIVED_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
# A cell starting with one of these may be read as a formula by a spreadsheet (OWASP ASVS 1.2.10).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
# Control characters that XML 1.0 (xlsx) cannot hold; \t \n \r are allowed.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# An Indonesian mobile number in E.164, as the form stores it.
MOBILE_RE = re.compile(r"\+628\d{7,11}")
# Asia/Jakarta has been UTC+7 without daylight saving since 1964-01-01 (tzdata); from then on
# WIB is a fixed offset, which is ten times cheaper than a zoneinfo conversion per record.
_WIB_FIXED_SINCE_UTC = datetime(1964, 1, 1)
_WIB_OFFSET = timedelta(hours=7)


def neutralise(value: str) -> str:
    """Text that no spreadsheet will run as a formula: a leading ``= + - @ tab CR NUL`` gets a
    single quote in front; control characters that xlsx cannot store become U+FFFD."""
    if value[:1] in _FORMULA_FIRST and value != "-":  # a lone "-" (nothing to show) is no formula
        value = "'" + value
    if value.isprintable():  # fast path: no control characters at all
        return value
    return _CONTROL_RE.sub("\ufffd", value)


def parse_received_at(value: object) -> datetime | None:
    """``"2027-01-05T02:31:07Z"`` as an aware UTC datetime, else ``None``."""
    if not isinstance(value, str) or not _RECEIVED_RE.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)  # Python >= 3.11 reads the "Z" as UTC
    except ValueError:
        return None


def parse_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def wib_text(value: object) -> str:
    """A UTC record time for people: "Selasa, 5 Januari 2027 pukul 09.31 WIB" (or the raw text)."""
    moment = parse_received_at(value)
    if moment is not None:
        try:
            return format_datetime_wib(moment)
        except OverflowError:  # 9999-12-31T17:00:00Z is already year 10000 in WIB
            pass
    return "-" if value is None else str(value)


def wib_naive(value: object) -> datetime | None:
    """The WIB wall-clock time of a UTC record time, without zone (spreadsheets have none);
    ``None`` if ``value`` is not a valid record time (or has no WIB date, past year 9999)."""
    if not isinstance(value, str) or not _RECEIVED_RE.fullmatch(value):
        return None
    try:
        utc = datetime.fromisoformat(value[:-1])
        if utc >= _WIB_FIXED_SINCE_UTC:
            return utc + _WIB_OFFSET
        return utc.replace(tzinfo=UTC).astimezone(WIB).replace(tzinfo=None)
    except (ValueError, OverflowError):
        return None


def date_text(value: object) -> str:
    parsed = parse_date(value)
    if parsed is None:
        return "-" if value is None else str(value)
    return format_date_long(parsed)


def number(n: int) -> str:
    """Indonesian thousands separator: 12345 -> "12.345"."""
    return f"{n:,}".replace(",", ".")


def ratio(n: float) -> str:
    """One decimal, rounded half up, with a decimal comma: 0.15 -> "0,2", 6.0 -> "6,0"."""
    rounded = Decimal(str(n)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return str(rounded).replace(".", ",")


def humanise(code: object) -> str:
    if code is None or code == "":
        return "-"
    text = str(code).replace("-", " ")
    return text[:1].upper() + text[1:]


def label(mapping: dict, code: object) -> str:
    if isinstance(code, str) and code in mapping:
        return str(mapping[code])
    return humanise(code)


def education_label(code: object) -> str:
    return label(EDUCATION, code)


def phone_local(e164: object) -> str:
    """``+6281200000001`` -> ``0812-0000-0001``: the way clerks dial it, text that no spreadsheet
    mistakes for a number or formula. Other numbers stay as written (then neutralised)."""
    if not isinstance(e164, str):
        return "-" if e164 is None else str(e164)
    if MOBILE_RE.fullmatch(e164):
        national = "0" + e164[3:]
        return f"{national[:4]}-{national[4:8]}-{national[8:]}"
    return e164


def village_label(catalog: Catalog | None, code: object) -> str:
    if code == OUTSIDE_BANTEN:
        return "Luar Banten"
    if not isinstance(code, str):
        return "-" if code is None else str(code)
    if catalog is None or code not in catalog.regions:
        return code
    return catalog.regions.label(code)


def run_title(run: RunRef | None) -> str:
    """ "Tata Boga untuk Usaha Rumahan — angkatan 2027-1" (or "" for an unknown run)."""
    if run is None:
        return ""
    return f"{run.course.title} \u2014 angkatan {run.run.id}"


T = TypeVar("T")


def write_file_atomically(out: Path, mode: int, write: Callable[[BinaryIO], T]) -> T:
    """Run ``write(binary handle)`` on a new file with ``mode``, fsync it, then rename it to
    ``out``: readers see the old file or the whole new one, never half of it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)  # left by a crash of an earlier process with this pid
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return result

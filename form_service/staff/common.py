"""Shared pieces of the staff tools: labels, WIB times, numbers, spreadsheet-safe text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

from catalog.catalog import Catalog, RunRef
from catalog.dates import WIB, format_date_long, format_datetime_wib
from catalog.labels import EDUCATION

STATUS_LABEL = {"registered": "Terdaftar", "waitlist": "Daftar tunggu"}
GENDER_LABEL = {"L": "Laki-laki", "P": "Perempuan"}
DTKS_LABEL = {"ya": "Ya, terdaftar", "tidak": "Tidak terdaftar", "tidak-tahu": "Tidak tahu"}
# Mirrors form_service.forms.EMPLOYMENT (the form's choices); unknown codes are shown humanised.
EMPLOYMENT_LABEL = {
    "bekerja": "Bekerja (karyawan/buruh)",
    "wirausaha": "Usaha sendiri / UMKM",
    "mencari-kerja": "Tidak bekerja, sedang mencari kerja",
    "terdampak-phk": "Terdampak PHK",
    "pelajar": "Pelajar atau mahasiswa",
    "mengurus-rumah-tangga": "Mengurus rumah tangga",
    "lainnya": "Lainnya",
}
OUTSIDE_BANTEN = "luar-banten"

_RECEIVED_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
# A cell starting with one of these may be read as a formula by a spreadsheet (OWASP ASVS 1.2.10).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
# Control characters that XML 1.0 (xlsx) cannot hold; \t \n \r are allowed.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def neutralise(value: str) -> str:
    """Text that no spreadsheet will run as a formula: a leading ``= + - @ tab CR NUL`` gets a
    single quote in front; control characters that xlsx cannot store become U+FFFD."""
    if value.startswith(FORMULA_STARTS):
        value = "'" + value
    if value.isprintable():  # fast path: no control characters at all
        return value
    return _CONTROL_RE.sub("\ufffd", value)


def parse_received_at(value: object) -> datetime | None:
    """``"2027-01-05T02:31:07Z"`` as an aware UTC datetime, else ``None``."""
    if not isinstance(value, str) or not _RECEIVED_RE.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value[:-1]).replace(tzinfo=UTC)
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
    if moment is None:
        return "-" if value is None else str(value)
    return format_datetime_wib(moment)


def wib_naive(value: object) -> datetime | None:
    """The WIB wall-clock time of a UTC record time, without zone (spreadsheets have none)."""
    moment = parse_received_at(value)
    return None if moment is None else moment.astimezone(WIB).replace(tzinfo=None)


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
    if re.fullmatch(r"\+628\d{7,11}", e164):
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

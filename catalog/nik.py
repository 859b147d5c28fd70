"""Parse and check an Indonesian NIK (Nomor Induk Kependudukan).

A NIK has 16 digits::

    PP RR DD ddmmyy SSSS
    |  |  |  |      +-- serial number, never 0000
    |  |  |  +--------- birth date; women have 40 added to the day (e.g. 410195)
    |  |  +------------ district (kecamatan) digits
    |  +--------------- regency/city (kabupaten/kota) digits
    +------------------ province code

Written here on purpose instead of using the public PyPI package, which has known bugs.
Every rejection raises :class:`NikError` whose ``message`` is one Indonesian sentence that
tells the applicant what is wrong and what to do. A :class:`Nik` never shows the full number
in its ``repr`` so it cannot leak into logs by accident.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = [
    "MSG_BAD_BIRTH_DATE",
    "MSG_EMPTY",
    "MSG_NOT_DIGITS",
    "MSG_SERIAL_ZERO",
    "MSG_UNKNOWN_PROVINCE",
    "MSG_UNKNOWN_REGENCY",
    "MSG_WRONG_LENGTH",
    "PROVINCE_CODES",
    "Nik",
    "NikError",
    "clean_nik",
    "mask_nik",
    "parse_nik",
]

#: The 38 province codes (Kemendagri), copied from shared/data/wilayah/provinces.csv.
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36",
        "51", "52", "53",
        "61", "62", "63", "64", "65",
        "71", "72", "73", "74", "75", "76",
        "81", "82",
        "91", "92", "93", "94", "95", "96",
    }
)  # fmt: skip

# Messages shown to applicants. Templates use str.format placeholders.
MSG_EMPTY = "NIK belum diisi. Ketik 16 angka NIK yang tertulis di KTP atau Kartu Keluarga Anda."
MSG_NOT_DIGITS = "NIK hanya boleh berisi angka. Hapus huruf atau tanda lain, lalu periksa lagi."
MSG_WRONG_LENGTH = "NIK harus 16 angka; yang Anda ketik {count} angka. Periksa kembali KTP Anda."
MSG_UNKNOWN_PROVINCE = "Kode provinsi '{code}' pada NIK tidak dikenal. Periksa 2 angka pertama NIK."
MSG_UNKNOWN_REGENCY = (
    "Kode kabupaten/kota '{code}' pada NIK tidak dikenal. Periksa angka ke-3 dan ke-4 NIK."
)
MSG_BAD_BIRTH_DATE = (
    "Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak valid. "
    "Periksa kembali angka tersebut di KTP Anda."
)
MSG_SERIAL_ZERO = "4 angka terakhir NIK tidak boleh 0000. Periksa kembali KTP Anda."

NIK_LENGTH = 16
FEMALE_DAY_OFFSET = 40

# Separators people type inside a NIK: any whitespace, dots and dash-like characters.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015]+")
_ASCII_DIGITS = re.compile(r"[0-9]*")


class NikError(ValueError):
    """A NIK was rejected; ``message`` is one Indonesian sentence for the applicant."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, repr=False)
class Nik:
    """A checked NIK and what it encodes.

    ``value`` holds the 16 digits without separators; ``regency`` and ``district`` are the
    full 4- and 6-digit codes (e.g. ``"3671"`` and ``"367101"``).
    """

    value: str
    province: str
    regency: str
    district: str
    birth_date: date
    gender: Literal["L", "P"]
    serial: str

    def __repr__(self) -> str:
        # Never print the full NIK or birth date: reprs end up in logs and tracebacks.
        return f"Nik({mask_nik(self.value)!r})"

    __str__ = __repr__


def clean_nik(raw: str) -> str:
    """Return ``raw`` without the spaces, dots and dashes people type between digits.

    Full-width digits (from some phone keyboards) become ASCII digits. Nothing else is
    checked; letters stay in place so :func:`parse_nik` can complain about them.
    """
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))


def parse_nik(
    raw: str,
    *,
    known_regencies: Collection[str] | None = None,
    known_provinces: Collection[str] = PROVINCE_CODES,
    today: date | None = None,
) -> Nik:
    """Check ``raw`` and return the parsed :class:`Nik`, or raise :class:`NikError`.

    ``known_regencies`` holds 4-digit regency codes without dots (``"3671"``); when given,
    the regency must be one of them. The two-digit birth year is read as 20YY unless that
    date would lie after ``today`` (default: the system date), in which case it is 19YY.
    """
    digits = clean_nik(raw)
    if not digits:
        raise NikError(MSG_EMPTY)
    if not _ASCII_DIGITS.fullmatch(digits):
        raise NikError(MSG_NOT_DIGITS)
    if len(digits) != NIK_LENGTH:
        raise NikError(MSG_WRONG_LENGTH.format(count=len(digits)))

    province, regency, district = digits[:2], digits[:4], digits[:6]
    if province not in known_provinces:
        raise NikError(MSG_UNKNOWN_PROVINCE.format(code=province))
    if known_regencies is not None and regency not in known_regencies:
        raise NikError(MSG_UNKNOWN_REGENCY.format(code=regency))

    birth_date, gender = _birth_date(digits[6:12], today or date.today())

    serial = digits[12:]
    if serial == "0000":
        raise NikError(MSG_SERIAL_ZERO)

    return Nik(
        value=digits,
        province=province,
        regency=regency,
        district=district,
        birth_date=birth_date,
        gender=gender,
        serial=serial,
    )


def _birth_date(ddmmyy: str, today: date) -> tuple[date, Literal["L", "P"]]:
    """Decode the six birth-date digits; raise NikError if they are not a real date."""
    day, month, yy = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    gender: Literal["L", "P"] = "L"
    if day > FEMALE_DAY_OFFSET:
        day -= FEMALE_DAY_OFFSET
        gender = "P"
    # 2000+YY unless that is in the future (or not a real date, e.g. 29 Feb), then 1900+YY.
    for year in (2000 + yy, 1900 + yy):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= today:
            return candidate, gender
    raise NikError(MSG_BAD_BIRTH_DATE)


def mask_nik(value: str | Nik) -> str:
    """Return a NIK for display with only the region part visible: ``"367101**********"``.

    The first 6 digits (province, regency, district) stay readable so a clerk can tell
    where the applicant is registered; birth date and serial are hidden. Input that is not
    16 digits after :func:`clean_nik` is masked completely, so this never reveals anything.
    """
    digits = clean_nik(value.value if isinstance(value, Nik) else value)
    if len(digits) != NIK_LENGTH or not _ASCII_DIGITS.fullmatch(digits):
        return "*" * NIK_LENGTH
    return digits[:6] + "*" * (NIK_LENGTH - 6)

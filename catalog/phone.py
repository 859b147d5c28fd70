"""Normalise the WhatsApp number an applicant types into E.164 (``+628...``).

Built on ``phonenumbers``. In its metadata (9.0.43) every valid Indonesian ``08...`` number
is of type MOBILE, landlines (``021...``) are FIXED_LINE, and ``0800``/``0804``/``0809``
are toll-free, shared-cost and premium. FIXED_LINE_OR_MOBILE does not occur for Indonesia
today but is accepted too, because WhatsApp only needs a number that can be mobile.

Accepted forms: ``0812...``, ``+62812...``, ``62812...``, ``+62 (0)812...`` and ``812...``,
with spaces, dashes, dots or parentheses between the digits.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

__all__ = [
    "MSG_BAD_CHARACTERS",
    "MSG_EMPTY",
    "MSG_FOREIGN",
    "MSG_INVALID",
    "MSG_NOT_MOBILE",
    "PhoneError",
    "format_local",
    "normalize_mobile",
]

MSG_EMPTY = "Nomor WhatsApp belum diisi. Tulis nomor HP Anda yang diawali 08."
MSG_BAD_CHARACTERS = (
    "Nomor WhatsApp hanya boleh berisi angka, spasi, tanda hubung (-) atau tanda +. "
    "Hapus huruf atau tanda lain."
)
MSG_INVALID = (
    "Nomor WhatsApp tidak lengkap atau tidak dikenal. "
    "Periksa lagi nomor HP Anda; biasanya 10 sampai 13 angka dan diawali 08."
)
MSG_NOT_MOBILE = (
    "Nomor WhatsApp harus nomor HP yang diawali 08, bukan nomor telepon rumah atau kantor."
)
MSG_FOREIGN = (
    "Nomor WhatsApp harus nomor HP Indonesia (diawali 08 atau +62). "
    "Nomor luar negeri tidak dapat kami hubungi."
)

REGION = "ID"
COUNTRY_CODE = 62
_MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015()/]+")
_SHAPE = re.compile(r"\+?[0-9]+")


class PhoneError(ValueError):
    """A phone number was rejected; ``message`` is one Indonesian sentence for the applicant."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def normalize_mobile(raw: str) -> str:
    """Return the Indonesian mobile number in ``raw`` as E.164, e.g. ``"+6281200000001"``.

    Raise :class:`PhoneError` for empty input, letters, landlines and other non-mobile
    numbers, foreign numbers, and numbers that are too short, too long or unassigned.
    """
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))
    if not compact:
        raise PhoneError(MSG_EMPTY)
    if not _SHAPE.fullmatch(compact):
        # phonenumbers would quietly drop trailing letters or read "ext"; we refuse instead.
        raise PhoneError(MSG_BAD_CHARACTERS)

    if compact.startswith("00"):  # international call prefix typed instead of "+"
        compact = "+" + compact[2:]
    elif compact.startswith("+0"):  # "+0812...": a stray plus in front of a local number
        compact = compact[1:]
    elif compact.startswith("62"):
        compact = "+" + compact
    if compact.startswith("+") and not compact.startswith("+62"):
        raise PhoneError(MSG_FOREIGN)

    try:
        number = phonenumbers.parse(compact, REGION)
    except phonenumbers.NumberParseException as error:
        raise PhoneError(MSG_INVALID) from error
    if number.country_code != COUNTRY_CODE:  # pragma: no cover - guarded by "+62" above
        raise PhoneError(MSG_FOREIGN)
    # +62 belongs to Indonesia alone, so the number's type is judged against Indonesia's
    # metadata, as is_valid_number_for_region(number, "ID") would: UNKNOWN means not valid
    # there. (One lookup instead of two: this runs on every registration.)
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.UNKNOWN:
        raise PhoneError(MSG_INVALID)
    if kind not in _MOBILE_TYPES:
        raise PhoneError(MSG_NOT_MOBILE)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def format_local(e164: str) -> str:
    """Format a stored E.164 number the way Indonesians write it: ``"0812-0000-0001"``.

    Numbers outside Indonesia keep their international form (``"+65 8123 4567"``).
    Raise :class:`ValueError` if ``e164`` is not a phone number at all.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException as error:
        raise ValueError(f"not an E.164 phone number: {e164!r}") from error
    if number.country_code == COUNTRY_CODE:
        return phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)

"""Registration numbers: ``KP-XXXX-XXXX-XXXX``, 60 random bits in Crockford base32.

Unguessable (a stranger cannot find another person's receipt by counting), short enough to read
over the phone, and without the letters I, L, O and U that people confuse.
"""

from __future__ import annotations

import re
import secrets

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {c: i for i, c in enumerate(CROCKFORD)}
_ID_RE = re.compile(r"KP-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})")
ID_BITS = 60


def format_registration_id(value: int) -> str:
    """``KP-XXXX-XXXX-XXXX`` for a 60-bit integer."""
    chars = [CROCKFORD[(value >> shift) & 31] for shift in range(ID_BITS - 5, -1, -5)]
    text = "".join(chars)
    return f"KP-{text[0:4]}-{text[4:8]}-{text[8:12]}"


def parse_registration_id(text: str) -> int | None:
    """The integer behind a well-formed registration number, else ``None``."""
    match = _ID_RE.fullmatch(text)
    if match is None:
        return None
    value = 0
    for c in "".join(match.groups()):
        value = (value << 5) | _VALUE[c]
    return value


def random_registration_id() -> str:
    return format_registration_id(secrets.randbits(ID_BITS))


def normalise_registration_id(text: str) -> str:
    """What a person typed as a registration number, written the canonical way: upper case,
    without spaces, ``O`` read as ``0`` and ``I``/``L`` as ``1``, dashes put back."""
    compact = "".join(text.split()).upper().replace("-", "")
    if compact.startswith("KP"):
        compact = compact[2:]
    compact = compact.translate(str.maketrans("OIL", "011"))
    if len(compact) != 12:
        return text.strip().upper()
    return f"KP-{compact[0:4]}-{compact[4:8]}-{compact[8:12]}"

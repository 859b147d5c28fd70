"""Personal values that never show themselves whole in ``repr``, ``str`` or a log line.

The full value is ``.value``: code that stores or exports it asks for it by name, so a NIK or
a phone number cannot slip into a log message, a traceback or an error text by accident.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalog.nik import mask_nik


@dataclass(frozen=True, slots=True, repr=False)
class NikValue:
    """The 16 digits of a NIK as the form normalised them."""

    value: str

    def __repr__(self) -> str:
        return f"NikValue({mask_nik(self.value)!r})"

    __str__ = __repr__


@dataclass(frozen=True, slots=True, repr=False)
class PhoneValue:
    """A WhatsApp number in E.164 (``+62...``) as the form normalised it."""

    value: str

    def masked(self) -> str:
        return self.value[:5] + "*" * max(len(self.value) - 8, 0) + self.value[-3:]

    def __repr__(self) -> str:
        return f"PhoneValue({self.masked()!r})"

    __str__ = __repr__

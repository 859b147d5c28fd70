"""The registration form: one WTForms class whose field names are fixed (the browser tests, the
site's links and the queue record use them).

Field validators only check the shape of each answer and turn it into its normal form; the rules
that involve the course or several fields (NIK against birth date, age, domicile, target groups)
live in :mod:`form_service.registration`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError

from catalog.labels import EDUCATION
from catalog.nik import NikError, parse_nik
from catalog.phone import PhoneError, normalize_mobile
from registrations.answers import DTKS, EMPLOYMENT, GENDERS

NAME_MAX = 100
ADDRESS_MAX = 200
DISABILITY_MAX = 200
MOTIVATION_MAX = 500
EMAIL_MAX = 254

MSG_NAME_EMPTY = "Nama lengkap belum diisi. Tulis nama sesuai KTP."
MSG_NAME_LONG = f"Nama lengkap paling banyak {NAME_MAX} huruf."
MSG_NAME_LETTERS = "Nama lengkap ditulis dengan huruf, sesuai KTP."
MSG_BIRTH_EMPTY = "Tanggal lahir belum diisi. Tulis seperti contoh: 17-08-1995."
MSG_BIRTH_FORMAT = (
    "Tanggal lahir tidak dapat dibaca. Tulis tanggal, bulan dan tahun seperti contoh: 17-08-1995."
)
MSG_BIRTH_INVALID = "Tanggal lahir itu tidak ada di kalender. Periksa tanggal dan bulannya."
MSG_BIRTH_FUTURE = "Tanggal lahir tidak boleh sesudah hari ini. Periksa tahun lahir Anda."
MSG_GENDER_EMPTY = "Pilih jenis kelamin Anda."
MSG_EMAIL = "Alamat email tidak valid. Contoh: nama@contoh.com. Kosongkan jika tidak punya email."
MSG_VILLAGE_EMPTY = "Pilih kelurahan/desa sesuai alamat di KTP Anda."
MSG_ADDRESS_EMPTY = "Alamat belum diisi. Tulis alamat sesuai KTP: jalan, nomor rumah, RT/RW."
MSG_ADDRESS_LONG = f"Alamat paling banyak {ADDRESS_MAX} huruf."
MSG_EDUCATION_EMPTY = "Pilih pendidikan terakhir Anda."
MSG_EMPLOYMENT_EMPTY = "Pilih pekerjaan Anda saat ini."
MSG_DTKS_EMPTY = "Pilih apakah keluarga Anda terdaftar di DTKS/DTSEN."
MSG_DISABILITY_LONG = f"Keterangan disabilitas paling banyak {DISABILITY_MAX} huruf."
MSG_MOTIVATION_LONG = (
    f"Tulisan ini paling banyak {MOTIVATION_MAX} huruf; yang Anda tulis {{count}} huruf. "
    "Persingkat tulisan Anda."
)
MSG_CONSENT = (
    "Centang persetujuan jika Anda setuju data Anda dipakai untuk pendaftaran ini. "
    "Tanpa persetujuan, pendaftaran tidak dapat kami proses."
)

MSG_CONTROL = (
    "Isian ini berisi karakter tersembunyi yang tidak bisa disimpan. Hapus isinya lalu ketik "
    "ulang, jangan ditempel dari aplikasi lain."
)

EDUCATION_CHOICES = [(e.value, label) for e, label in EDUCATION.items()]

_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]{2,}")
_DATE_PATTERNS = (
    # (regex, order of the groups) -- separators: - / . or space; 8 digits DDMMYYYY
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{4})"), "dmy"),
    (re.compile(r"(\d{2})(\d{2})(\d{4})"), "dmy"),
)


# Invisible characters that carry no meaning in Indonesian text but can hide or reorder what a
# clerk sees (zero-width characters, the BOM, soft hyphen, bidirectional marks, overrides and
# isolates): removed from every answer.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d"
        "\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff")
)  # fmt: skip


def strip(value: str | None) -> str | None:
    """NFC-normalised, invisible characters removed, outer spaces stripped (every text field)."""
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", value).translate(_INVISIBLE).replace("\t", " ").strip()


def single_spaces(value: str | None) -> str | None:
    """Runs of spaces as one space (a name is compared and published)."""
    return re.sub(r" {2,}", " ", value) if isinstance(value, str) else value


def no_control_characters(multiline: bool = False) -> Callable:
    """A validator refusing control characters (what a keyboard cannot type: NUL, escape
    sequences, DEL, C1 codes; line breaks too, except in the text boxes)."""
    # Unicode's category Cc is exactly U+0000-U+001F and U+007F-U+009F (one regex search
    # instead of a category lookup per character; tests/form_service/test_hostile_input.py).
    control = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]" if multiline else r"[\x00-\x1f\x7f-\x9f]")

    def check(form, field) -> None:
        data = field.data
        if isinstance(data, str) and control.search(data):
            raise StopValidation(MSG_CONTROL)

    return check


def unify_newlines(value: str | None) -> str | None:
    """Line breaks as LF. Browsers submit a textarea's breaks as CRLF but count each as one
    character for ``maxlength``; counting (and storing) LF makes the limits agree."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def parse_birth_date(raw: str, today: date) -> date:
    """A birth date typed as 17-08-1995, 17/08/1995, 17.08.1995, 17081995 or 1995-08-17."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError(MSG_BIRTH_EMPTY)
    for pattern, order in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            year, month, day = (a, b, c) if order == "ymd" else (c, b, a)
            break
    else:
        raise ValidationError(MSG_BIRTH_FORMAT)
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValidationError(MSG_BIRTH_INVALID) from None
    if value > today:
        raise ValidationError(MSG_BIRTH_FUTURE)
    if value.year < 1900:
        raise ValidationError(MSG_BIRTH_FORMAT)
    return value


class ChoiceField(StringField):
    """One option picked from ``choices`` (``[(value, label)]``, or ``{group: [...]}`` for
    ``<optgroup>``), rendered by the template as a ``select`` or as ``radio`` buttons.

    WTForms' own SelectField is not used: the template renders the options (with placeholder and
    groups) and the validators below give Indonesian messages, so its machinery adds nothing.
    """

    def __init__(self, label=None, validators=None, *, choices=(), control="select", **kwargs):
        super().__init__(label, validators, **kwargs)
        self.choices = choices
        self.control = control
        self.options_html: Callable[[str | None], str] | None = None  # pre-rendered options


ONE_LINE = no_control_characters()
LINES = no_control_characters(multiline=True)


class RegistrationForm(FlaskForm):
    """The applicant's answers. ``configure()`` sets what depends on the run and the day."""

    full_name = StringField("Nama lengkap", [ONE_LINE], filters=[strip, single_spaces])
    nik = StringField("NIK (Nomor Induk Kependudukan)", [ONE_LINE], filters=[strip])
    birth_date = StringField("Tanggal lahir", [ONE_LINE], filters=[strip])
    gender = ChoiceField("Jenis kelamin", choices=GENDERS, control="radio")
    phone = StringField("Nomor WhatsApp", [ONE_LINE], filters=[strip])
    email = StringField("Email (boleh dikosongkan)", [ONE_LINE], filters=[strip])
    village = ChoiceField("Kelurahan/desa sesuai alamat KTP")
    address = TextAreaField("Alamat sesuai KTP", [LINES], filters=[unify_newlines, strip])
    education = ChoiceField("Pendidikan terakhir", choices=EDUCATION_CHOICES)
    employment_status = ChoiceField("Pekerjaan saat ini", choices=EMPLOYMENT)
    dtks = ChoiceField(
        "Apakah keluarga Anda terdaftar di DTKS/DTSEN?", choices=DTKS, control="radio"
    )
    disability = StringField("Disabilitas (boleh dikosongkan)", [ONE_LINE], filters=[strip])
    motivation = TextAreaField(
        "Mengapa Anda ingin ikut pelatihan ini? (boleh dikosongkan)",
        [LINES],
        filters=[unify_newlines, strip],
    )
    consent = BooleanField("Persetujuan")
    publish_name = BooleanField("Pengumuman hasil seleksi")
    # Honeypot: hidden from people by CSS, left empty by them; bots fill every field.
    website = StringField("Jangan diisi", filters=[strip])

    def configure(
        self,
        *,
        village_choices: list | dict,
        village_known: Callable[[str], bool],
        village_options_html: Callable[[str | None], str] | None = None,
        today: date,
    ) -> None:
        self.village.choices = village_choices
        self.village.options_html = village_options_html
        self._village_known = village_known
        self._today = today
        self.parsed_nik = None
        self.parsed_birth_date = None
        self.normal_phone = None

    # -- field validators (WTForms calls validate_<name> after the field's own checks) --------

    def validate_full_name(self, field: StringField) -> None:
        if not field.data:
            raise ValidationError(MSG_NAME_EMPTY)
        if len(field.data) > NAME_MAX:
            raise ValidationError(MSG_NAME_LONG)
        if not any(char.isalpha() for char in field.data):  # e.g. the NIK typed in the wrong box
            raise ValidationError(MSG_NAME_LETTERS)

    def validate_nik(self, field: StringField) -> None:
        try:
            # The province must exist; the regency is not checked against today's list. A NIK
            # keeps the codes of the region that issued it, and regions have been renumbered
            # since (Kalimantan Utara in 2012, the Papua provinces in 2022): such residents
            # would otherwise be locked out. Staff check the KTP itself.
            self.parsed_nik = parse_nik(field.data or "", today=self._today)
        except NikError as error:
            raise ValidationError(error.message) from None

    def validate_birth_date(self, field: StringField) -> None:
        self.parsed_birth_date = parse_birth_date(field.data or "", self._today)

    def validate_gender(self, field: ChoiceField) -> None:
        if field.data not in ("L", "P"):
            raise ValidationError(MSG_GENDER_EMPTY)

    def validate_phone(self, field: StringField) -> None:
        try:
            self.normal_phone = normalize_mobile(field.data or "")
        except PhoneError as error:
            raise ValidationError(error.message) from None

    def validate_email(self, field: StringField) -> None:
        if field.data and (len(field.data) > EMAIL_MAX or not _EMAIL_RE.fullmatch(field.data)):
            raise ValidationError(MSG_EMAIL)

    def validate_village(self, field: ChoiceField) -> None:
        if not field.data or not self._village_known(field.data):
            raise ValidationError(MSG_VILLAGE_EMPTY)

    def validate_address(self, field: TextAreaField) -> None:
        if not field.data:
            raise ValidationError(MSG_ADDRESS_EMPTY)
        if len(field.data) > ADDRESS_MAX:
            raise ValidationError(MSG_ADDRESS_LONG)

    def validate_education(self, field: ChoiceField) -> None:
        if field.data not in EDUCATION_VALUES:
            raise ValidationError(MSG_EDUCATION_EMPTY)

    def validate_employment_status(self, field: ChoiceField) -> None:
        if field.data not in EMPLOYMENT_VALUES:
            raise ValidationError(MSG_EMPLOYMENT_EMPTY)

    def validate_dtks(self, field: ChoiceField) -> None:
        if field.data not in DTKS_VALUES:
            raise ValidationError(MSG_DTKS_EMPTY)

    def validate_disability(self, field: StringField) -> None:
        if field.data and len(field.data) > DISABILITY_MAX:
            raise ValidationError(MSG_DISABILITY_LONG)

    def validate_motivation(self, field: TextAreaField) -> None:
        if field.data and len(field.data) > MOTIVATION_MAX:
            raise ValidationError(MSG_MOTIVATION_LONG.format(count=len(field.data)))

    def validate_consent(self, field: BooleanField) -> None:
        if not field.data:
            raise ValidationError(MSG_CONSENT)

    # -- results -------------------------------------------------------------------------------

    @property
    def honeypot_filled(self) -> bool:
        return bool(self.website.data)

    @property
    def csrf_failed(self) -> bool:
        return bool(getattr(self, "csrf_token", None) is not None and self.csrf_token.errors)

    def field_errors(self) -> dict[str, str]:
        """First message of each field with an error, in form order (the CSRF token excluded)."""
        return {
            field.name: field.errors[0]
            for field in self
            if field.errors and field.name not in ("csrf_token", "website")
        }

    def valid_answers(self) -> dict:
        """The normalised answers of the rule fields that passed their own checks, so the
        course's rules can run on them while other fields still need correcting."""
        values = {
            "nik": self.parsed_nik.value if self.parsed_nik else None,
            "birth_date": self.parsed_birth_date.isoformat() if self.parsed_birth_date else None,
            "gender": self.gender.data,
            "village": self.village.data,
            "education": self.education.data,
            "employment_status": self.employment_status.data,
            "dtks": self.dtks.data,
            "disability": self.disability.data or None,
        }
        return {
            name: value
            for name, value in values.items()
            if value not in (None, "") and not self[name].errors
        }

    def applicant(self) -> dict:
        """The normalised answers, keys in the queue record's order. Call after validate()."""
        assert self.parsed_nik is not None and self.parsed_birth_date is not None
        return {
            "full_name": self.full_name.data,
            "nik": self.parsed_nik.value,
            "birth_date": self.parsed_birth_date.isoformat(),
            "gender": self.gender.data,
            "phone": self.normal_phone,
            "email": self.email.data or None,
            "village": self.village.data,
            "address": self.address.data,
            "education": self.education.data,
            "employment_status": self.employment_status.data,
            "dtks": self.dtks.data,
            "disability": self.disability.data or None,
            "motivation": self.motivation.data or None,
        }


EDUCATION_VALUES = frozenset(value for value, _ in EDUCATION_CHOICES)
EMPLOYMENT_VALUES = frozenset(value for value, _ in EMPLOYMENT)
DTKS_VALUES = frozenset(value for value, _ in DTKS)

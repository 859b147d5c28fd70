"""Turn pydantic validation errors into one Indonesian sentence each, with a suggested fix."""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from typing import Any

from pydantic import BaseModel

from catalog.models import REGION_CODE_PATTERN, SLUG_PATTERN


def suggest(value: str, choices: list[str] | tuple[str, ...] | set[str]) -> str:
    """ " Maksud Anda 'x'?" when one choice is close to ``value``, else "" (follows a sentence)."""
    options = {str(c).lower(): str(c) for c in choices}
    text = str(value).lower()
    if text in options:
        return f" Maksud Anda '{options[text]}'?"
    match = difflib.get_close_matches(text, list(options), n=1, cutoff=0.6)
    return f" Maksud Anda '{options[match[0]]}'?" if match else ""


def slugify(text: str) -> str:
    """The lowercase slug a clerk probably meant: ``"BLK Baru"`` -> ``"blk-baru"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# Indonesian words a clerk may write for an English choice value.
SYNONYMS = {
    "wawancara": "interview",
    "tes": "test",
    "ujian": "test",
    "tes-tertulis": "test",
    "administrasi": "administration",
    "seleksi-berkas": "administration",
    "berkas": "administration",
    "urutan-pendaftaran": "first-come",
    "daring": "online",
    "luring": "offline",
    "tatap-muka": "offline",
    "campuran": "hybrid",
    "bauran": "hybrid",
}

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan"),
            ("februari", "feb", "pebruari"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt", "ags"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des"),
        ),
        start=1,
    )
    for name in names
}
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_WORDS = re.compile(r"^(?:[a-z]+,?\s+)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")


def guess_date(text: str) -> date | None:
    """The date meant by ``13-4-2027``, ``2027/4/13`` or ``Selasa, 13 April 2027`` (day first,
    as Indonesians write it), or None."""
    text = text.strip().lower()
    if match := _DAY_FIRST.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _YEAR_FIRST.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif (match := _WORDS.match(text)) and match.group(2) in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2)], int(match.group(3))
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _places_of(model: type[BaseModel], name: str, loc: tuple[Any, ...]) -> str:
    """Where else in ``model``'s tree a field called ``name`` belongs, in words, or ""."""
    if name in _allowed_fields(model, loc):
        return ""
    here = tuple(p for p in loc[:-1] if isinstance(p, str))
    places = [p for p in _field_paths(model) if p[-1] == name and p[:-1] != here]
    return " atau ".join(_describe(p[:-1]) for p in places)


def _field_paths(model: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, info in getattr(model, "model_fields", {}).items():
        paths.append((*prefix, name))
        inner = _inner_model(info.annotation)
        if inner is not None:
            paths += _field_paths(inner, (*prefix, name))
    return paths


def _describe(parent: tuple[str, ...]) -> str:
    if not parent:
        return "di tingkat teratas berkas, tanpa spasi di awal baris"
    if parent == ("runs",):
        return "di setiap angkatan di bawah 'runs:'"
    if parent[0] == "runs":
        inner = "' > '".join(parent[1:])
        return f"di bawah '{inner}:' di setiap angkatan (runs)"
    return "di bawah '" + ":' > '".join(parent) + ":'"


def _field(loc: tuple[Any, ...]) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "nilai"


def _holder_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> dict[str, Any]:
    """The fields of the model that holds ``loc`` (walks nested models and tuples of models)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return {}
        current = _inner_model(field.annotation)
        if current is None:
            return {}
    return dict(getattr(current, "model_fields", {}))


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    return list(_holder_fields(model, loc))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def message_for(error: dict[str, Any], model: type[BaseModel], raw: str | None = None) -> str:
    """One Indonesian sentence for a pydantic error; ``raw`` is the value as the clerk typed it
    when YAML read it as something other than text (``no`` is read as false)."""
    kind = error["type"]
    loc = tuple(error["loc"])
    field = _field(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"Kolom '{field}' wajib diisi. Tambahkan baris '{field}: ...'."
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        elsewhere = _places_of(model, field, loc)
        if elsewhere:
            return (
                f"Kolom '{field}' tidak boleh di sini; tempatnya {elsewhere}. "
                "Pindahkan baris ini ke sana dan samakan jorokannya."
            )
        hint = suggest(field, allowed)
        listing = ", ".join(allowed)
        return f"Kolom '{field}' tidak dikenal.{hint} Kolom yang boleh di sini: {listing}."
    if value is None:
        info = _holder_fields(model, loc).get(field)
        if info is not None and not info.is_required():  # the line may go: the default applies
            return f"'{field}' belum diisi. Tulis nilainya setelah '{field}:' atau hapus baris itu."
        return f"'{field}' belum diisi. Tulis nilainya setelah '{field}:'."
    if raw is not None and kind == "string_type":
        what = "ya/tidak (true/false)" if isinstance(value, bool) else "angka atau tanggal"
        return (
            f"'{field}' harus berupa teks, tetapi YAML membaca {raw} sebagai {what}. "
            f'Apit nilainya dengan tanda kutip: "{raw}".'
        )
    if raw is not None and kind == "enum":
        value = raw
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == SLUG_PATTERN:
            slug = slugify(str(value))
            hint = f" Maksud Anda '{slug}'?" if slug else ""
            return (
                f"'{value}' bukan id yang sah untuk '{field}': gunakan huruf kecil, angka dan "
                f"tanda '-' saja, tanpa spasi.{hint}"
            )
        if pattern == REGION_CODE_PATTERN:
            return (
                f"Kode wilayah '{value}' tidak sah: tulis 2, 4, 6 atau 10 angka tanpa titik "
                'dan dalam tanda kutip, misalnya "3671" atau "3671011001".'
            )
        return (
            f"Kode kelurahan/desa '{value}' tidak sah: tulis 10 angka tanpa titik dan dalam "
            'tanda kutip, misalnya "3671011001".'
        )
    if kind in ("string_type",):
        return f"'{field}' harus berupa teks."
    if kind == "string_too_short":
        return f"'{field}' tidak boleh kosong."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if field == "fee":
            return "'fee' harus angka rupiah tanpa titik, tanpa 'Rp'; tulis 0 bila gratis."
        return f"'{field}' harus bilangan bulat tanpa titik atau koma, misalnya 20."
    if kind == "greater_than_equal":
        return f"'{field}' paling kecil {ctx.get('ge')}; sekarang {value}."
    if kind == "less_than_equal":
        return f"'{field}' paling besar {ctx.get('le')}; sekarang {value}."
    if kind in (
        "date_type",
        "date_parsing",
        "date_from_datetime_parsing",
        "date_from_datetime_inexact",
    ):
        guess = guess_date(str(value)) if isinstance(value, str) else None
        if guess is not None:
            return (
                f"'{field}' harus ditulis TTTT-BB-HH (tahun-bulan-hari): ubah {value} menjadi "
                f"{guess.isoformat()}."
            )
        return f"'{field}' harus tanggal dengan bentuk TTTT-BB-HH, misalnya 2027-02-01."
    if kind == "enum":
        expected = ctx.get("expected", "").replace(" or ", " atau ")
        choices = [c.strip().strip("'") for c in expected.replace(" atau ", ", ").split(",")]
        hint = suggest(str(value), [c for c in choices if c])
        meant = SYNONYMS.get(slugify(str(value)))
        if not hint and meant in choices:
            hint = f" Maksud Anda '{meant}'?"
        return f"'{value}' bukan pilihan untuk '{field}'.{hint} Pilihan yang boleh: {expected}."
    if kind in ("bool_type", "bool_parsing"):
        return f"'{field}' harus true atau false."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        instead = "daftar" if isinstance(value, list) else "satu nilai"
        return f"'{field}' harus berisi kolom-kolom di bawahnya (nama: nilai), bukan {instead}."
    if kind in ("tuple_type", "list_type"):
        return f"'{field}' harus berupa daftar, misalnya [satu, dua] atau baris-baris '- isi'."
    if kind == "too_short":
        return f"'{field}' harus berisi paling sedikit {ctx.get('min_length', 1)} isian."
    if kind == "too_long":
        return f"'{field}' paling banyak berisi {ctx.get('max_length')} isian."
    return f"Nilai '{field}' tidak sah ({error.get('msg', kind)})."

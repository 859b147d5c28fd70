"""Turn pydantic validation errors into one Indonesian sentence each, with a suggested fix."""

from __future__ import annotations

import difflib
import re
import unicodedata
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


def _field(loc: tuple[Any, ...]) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return "nilai"


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model that holds ``loc`` (walks nested models and tuples of models)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def message_for(error: dict[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = tuple(error["loc"])
    field = _field(loc)
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return f"Kolom '{field}' wajib diisi. Tambahkan baris '{field}: ...'."
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        hint = suggest(field, allowed)
        listing = ", ".join(allowed)
        return f"Kolom '{field}' tidak dikenal.{hint} Kolom yang boleh di sini: {listing}."
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if pattern == SLUG_PATTERN:
            return (
                f"'{value}' bukan id yang sah untuk '{field}': gunakan huruf kecil, angka dan "
                "tanda '-' saja, tanpa spasi, misalnya 'tata-boga'."
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
        return f"'{field}' harus tanggal dengan bentuk TTTT-BB-HH, misalnya 2027-02-01."
    if kind == "enum":
        expected = ctx.get("expected", "").replace(" or ", " atau ")
        choices = [c.strip().strip("'") for c in expected.replace(" atau ", ", ").split(",")]
        hint = suggest(str(value), [c for c in choices if c])
        return f"'{value}' bukan pilihan untuk '{field}'.{hint} Pilihan yang boleh: {expected}."
    if kind in ("bool_type", "bool_parsing"):
        return f"'{field}' harus true atau false."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"'{field}' harus berisi kolom-kolom di bawahnya (nama: nilai), bukan satu nilai."
    if kind in ("tuple_type", "list_type"):
        return f"'{field}' harus berupa daftar, misalnya [satu, dua] atau baris-baris '- isi'."
    if kind == "too_short":
        return f"'{field}' harus berisi paling sedikit {ctx.get('min_length', 1)} isian."
    if kind == "too_long":
        return f"'{field}' paling banyak berisi {ctx.get('max_length')} isian."
    return f"Nilai '{field}' tidak sah ({error.get('msg', kind)})."

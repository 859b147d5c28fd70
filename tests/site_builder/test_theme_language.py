"""Our copy of Material's Indonesian labels differs from Material's own only where Material left
English: a Material upgrade that changes its file makes this fail, so the copy is renewed."""

from __future__ import annotations

from pathlib import Path

import material

REPO = Path(__file__).resolve().parents[2]
OURS = REPO / "overrides" / "partials" / "languages" / "id.html"
THEIRS = Path(material.__file__).parent / "templates" / "partials" / "languages" / "id.html"
TRANSLATED = {
    '"header": "Header"': '"header": "Kepala halaman"',
    '"footer": "Footer"': '"footer": "Kaki halaman"',
    '"blog.meta": "Metadata"': '"blog.meta": "Keterangan"',
}


def body(text: str) -> list[str]:
    return text.split("-#}", 1)[1].splitlines()  # without the leading comment


def test_only_the_english_labels_differ_from_materials_translation() -> None:
    expected = THEIRS.read_text(encoding="utf-8")
    for old, new in TRANSLATED.items():
        assert old in expected, f"Material's id.html changed: {old} is gone; renew the copy"
        expected = expected.replace(old, new)
    assert body(OURS.read_text(encoding="utf-8")) == body(expected)


def test_the_built_site_labels_the_header_in_indonesian(built_site) -> None:  # type: ignore[no-untyped-def]
    html = built_site.page("")
    assert 'aria-label="Kepala halaman"' in html
    assert 'aria-label="Header"' not in html

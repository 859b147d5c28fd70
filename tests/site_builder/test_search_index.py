"""The Pagefind search index (site_builder/search_index.py): what is indexed and what a result
shows. The search itself, in Chromium, is in tests/site_builder/test_search_browser.py."""

from __future__ import annotations

import pytest

from .conftest import BuiltSite
from .pagequery import parse

pytestmark = pytest.mark.slow

COURSE = "kursus/blk-contoh/tata-boga/"


def meta(built_site: BuiltSite, url: str, attribute: str) -> dict[str, list[str]]:
    page = parse(built_site.page(url))
    found: dict[str, list[str]] = {}
    for el in page.find_all():
        if el.get(attribute):
            found.setdefault(el.get(attribute) or "", []).append(el.text)
    return found


def test_the_build_writes_a_pagefind_index(built_site: BuiltSite) -> None:
    assert (built_site.site / "pagefind" / "pagefind.js").is_file()
    assert (built_site.site / "pagefind" / "pagefind-entry.json").is_file()


def test_a_course_result_shows_center_kecamatan_and_next_run(built_site: BuiltSite) -> None:
    shown = meta(built_site, COURSE, "data-pagefind-meta")
    assert shown == {
        "pusat": ["BLK Contoh Kota Tangerang"],
        "kecamatan": ["Tangerang, Jatiuwung"],
        "jadwal": ["1–22 Februari 2027"],  # 2026-1 has ended
        "status": ["Pendaftaran dibuka"],
    }


def test_a_course_can_be_filtered_by_group(built_site: BuiltSite) -> None:
    filters = meta(built_site, COURSE, "data-pagefind-filter")
    assert filters["kelompok"] == ["terdaftar di DTKS/DTSEN (data keluarga kurang mampu)"]
    assert filters["status"] == ["Pendaftaran dibuka"]


@pytest.mark.parametrize("url", ["", "pelatihan/", "kalender/", "tentang/", "pusat/blk-contoh/"])
def test_only_course_pages_are_indexed(built_site: BuiltSite, url: str) -> None:
    """Pagefind indexes only pages with a data-pagefind-body element once any page has one."""
    assert "data-pagefind-body" in built_site.page(COURSE)
    assert "data-pagefind-body" not in built_site.page(url)

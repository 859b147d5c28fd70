"""/pelatihan/: every course, with what the filters compare on each card."""

from __future__ import annotations

import re

from tests.site_builder.conftest import BuiltSite
from tests.site_builder.pagefind_index import indexed_pages


def cards(html: str) -> dict[str, dict[str, str]]:
    """Course URL -> the card's data-* attributes."""
    result = {}
    for attrs, url in re.findall(r'<li class="course-card"([^>]*)><a href="([^"]+)"', html):
        result[url] = dict(re.findall(r' data-([a-z]+)="([^"]*)"', attrs))
    return result


def test_every_course_with_its_filter_values(built_site: BuiltSite) -> None:
    found = cards(built_site.page("pelatihan/"))
    assert found == {
        "../kursus/blk-contoh/menjahit/": {
            "kejuruan": "menjahit", "tinggal": "", "tempat": "367101", "mode": "campuran",
            "kelompok": "", "biaya": "gratis",
        },
        "../kursus/blk-contoh/tata-boga/": {
            "kejuruan": "tata-boga", "tinggal": "3671", "tempat": "367101 367102",
            "mode": "tatap-muka", "kelompok": "dtks", "biaya": "gratis",
        },
        "../kursus/lpks-contoh/tata-rias/": {
            "kejuruan": "tata-rias", "tinggal": "", "tempat": "367301", "mode": "tatap-muka",
            "kelompok": "", "biaya": "gratis",
        },
    }  # fmt: skip


def test_filter_form_and_script_only_on_the_course_list(built_site: BuiltSite) -> None:
    page = built_site.page("pelatihan/")
    assert '<form id="saring" class="saring" method="get" action="./" hidden>' in page
    for name in ("kejuruan", "tinggal", "tempat", "status", "mode", "kelompok", "biaya"):
        assert f'<select id="saring-{name}" name="{name}">' in page
    assert 'src="../assets/katalog/saring.js"' in page
    assert "saring.js" not in built_site.page("kejuruan/tata-boga/")
    # other pages' course cards carry no filter attributes
    assert "data-kejuruan" not in built_site.page("kejuruan/tata-boga/")
    home = built_site.page("")
    assert 'href="cari/" class="link-cari"' in home
    assert 'href="pelatihan/" class="link-pelatihan"' in home


def test_search_results_lead_to_course_pages(built_site: BuiltSite) -> None:
    """Pagefind's index holds every course page, and no list page."""
    locations = set(indexed_pages(built_site.site))
    for course in ("blk-contoh/menjahit/", "blk-contoh/tata-boga/", "lpks-contoh/tata-rias/"):
        assert "kursus/" + course in locations
    assert "pelatihan/" not in locations

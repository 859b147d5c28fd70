"""/pelatihan/: every course page by page, and the chunks of data its filters read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalog.load import require_catalog
from site_builder import course_list_page
from site_builder.build import BuildOptions, build_site
from site_builder.context import SiteContext
from tests.site_builder.conftest import TODAY, BuiltSite, write_courses
from tests.site_builder.pagefind_index import indexed_pages
from tests.site_builder.pagequery import Element, parse

# The fixture catalog in the list's order: open registration, then opening soon, then closed.
ORDER = ["kursus/blk-contoh/tata-boga/", "kursus/lpks-contoh/tata-rias/",
         "kursus/blk-contoh/menjahit/"]  # fmt: skip


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture catalog with one course per page and two per chunk: three pages, two chunks."""
    root = tmp_path_factory.mktemp("paged")
    options = BuildOptions(
        data_dir=write_courses(root),
        out=root / "site",
        today=TODAY,
        cache_dir=None,
        list_page_size=1,
        list_chunk_size=2,
    )
    build_site(options)
    return root / "site"


def page_of(site: Path, url: str) -> Element:
    return parse((site / url / "index.html").read_text(encoding="utf-8"))


def own_cards(page: Element) -> list[str]:
    """The course links of the page's own list (not the <template> card)."""
    listed = page.find("div", "saring-halaman").find_all("a", "course-card__title")
    return [a.get("href") or "" for a in listed]


def site_path(page_url: str, href: str) -> str:
    """A link of the page at ``page_url`` as a site path ("../kursus/a/" -> "kursus/a/")."""
    parts = [p for p in page_url.split("/") if p]
    for piece in href.split("/")[:-1]:
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts) + "/" if parts else ""


def test_each_course_on_exactly_one_page_in_the_list_order(paged_site: Path) -> None:
    urls = ["pelatihan/", "pelatihan/halaman/2/", "pelatihan/halaman/3/"]
    listed = [site_path(u, h) for u in urls for h in own_cards(page_of(paged_site, u))]
    assert listed == ORDER
    assert not (paged_site / "pelatihan/halaman/1").exists()  # page 1 is /pelatihan/
    assert not (paged_site / "pelatihan/halaman/4").exists()


def test_page_links_position_and_title(paged_site: Path) -> None:
    first = page_of(paged_site, "pelatihan/")
    assert first.find("p", "halaman-posisi").text == "Halaman 1 dari 3: pelatihan 1–1 dari 3."
    nav = first.find("nav", "halaman")
    assert nav.find("p", "halaman-keterangan").text == "Halaman 1 dari 3"
    links = [(a.text, a.get("href"), a.get("aria-current")) for a in nav.find_all("a")]
    assert links == [
        ("1", "./", "page"),
        ("2", "halaman/2/", None),
        ("3", "halaman/3/", None),
        ("Berikutnya", "halaman/2/", None),
    ]
    assert first.find("title").text.startswith("Semua pelatihan (halaman 1 dari 3)")
    middle = page_of(paged_site, "pelatihan/halaman/2/").find("nav", "halaman")
    assert middle.find("a", "halaman-sebelumnya").get("href") == "../../"
    assert middle.find("a", "halaman-berikutnya").get("href") == "../3/"
    last = page_of(paged_site, "pelatihan/halaman/3/")
    assert last.find("p", "halaman-posisi").text == "Halaman 3 dari 3: pelatihan 3–3 dari 3."
    nav = last.find("nav", "halaman")
    assert [a.text for a in nav.find_all("a")] == ["Sebelumnya", "1", "2", "3"]
    assert nav.find("a", aria_current="page").get("href") == "./"


def test_one_page_has_no_page_links(built_site: BuiltSite) -> None:
    page = parse(built_site.page("pelatihan/"))
    assert own_cards(page) == ["../" + url for url in ORDER]
    assert page.find_all("nav", "halaman") == []
    assert page.find_all("p", "halaman-posisi") == []
    assert "halaman" not in page.find("title").text


def test_page_window_of_a_long_list(built_site: BuiltSite) -> None:
    """At 10,000 courses (200 pages) a page links the first, the last and two on each side."""
    ctx = SiteContext(built_site.catalog, TODAY)
    pager = course_list_page.pager(ctx, 7, 200, 10_000)
    shown = ["…" if link["gap"] else link["number"] for link in pager["links"]]
    assert shown == [1, "…", 5, 6, 7, 8, 9, "…", 200]
    assert (pager["from"], pager["to"]) == ("301", "350")
    assert pager["previous"] == "../6/" and pager["next"] == "../8/"
    last = course_list_page.pager(ctx, 200, 200, 9_990)
    assert ["…" if link["gap"] else link["number"] for link in last["links"]] == [
        1, "…", 198, 199, 200,
    ]  # fmt: skip
    assert (last["from"], last["to"], last["next"]) == ("9.951", "9.990", "")


def test_chunks_hold_every_course_once_in_the_list_order(paged_site: Path) -> None:
    chunks = [json.loads((paged_site / f"pelatihan/data/{n}.json").read_text()) for n in (1, 2)]
    assert not (paged_site / "pelatihan/data/3.json").exists()
    assert [c["total"] for c in chunks] == [3, 3] and [c["chunks"] for c in chunks] == [2, 2]
    assert [course["url"] for c in chunks for course in c["courses"]] == ORDER
    form = page_of(paged_site, "pelatihan/halaman/2/").find("form", id="saring")
    assert form.get("data-chunks") == "2" and form.get("data-total") == "3"
    assert form.get("data-data") == "../../data/" and form.get("data-root") == "../../../"
    assert form.get("action") == "../../"


def test_a_chunk_holds_the_card_of_the_page_and_the_filter_values(paged_site: Path) -> None:
    first = json.loads((paged_site / "pelatihan/data/1.json").read_text())["courses"][0]
    assert first == {
        "title": "Tata Boga & Kue *Rumahan*",
        "url": "kursus/blk-contoh/tata-boga/",
        "center": "BLK Contoh Kota Tangerang",
        "kejuruan": "Tata Boga",
        "kecamatan": "Tangerang",
        "run": {
            "id": "blk-contoh/tata-boga/2027-1", "opens": "2026-11-16", "closes": "2027-01-22",
            "end": "2027-02-22", "status": "dibuka", "status_label": "Pendaftaran dibuka",
            "dates": "1–22 Februari 2027", "applicants": "",
            "note": "Daftar paling lambat Jumat, 22 Januari 2027",
        },
        "filters": {
            "kejuruan": "tata-boga", "tinggal": ["3671"], "tempat": ["367101", "367102"],
            "mode": "tatap-muka", "kelompok": ["dtks"], "biaya": "gratis",
        },
    }  # fmt: skip
    # The page shows the same card.
    card = page_of(paged_site, "pelatihan/").find("div", "saring-halaman").find("li", "course-card")
    assert card.text == (
        "Tata Boga & Kue *Rumahan* BLK Contoh Kota Tangerang Tata Boga · Kec. Tangerang "
        "Pendaftaran dibuka Daftar paling lambat Jumat, 22 Januari 2027 Pelatihan 1–22 Februari 2027"
    )
    run = card.find("span", "run")
    assert run.get("data-run-id") == first["run"]["id"]


def test_filter_values_of_every_course(built_site: BuiltSite) -> None:
    chunk = json.loads((built_site.site / "pelatihan/data/1.json").read_text())
    found = {c["url"]: c["filters"] for c in chunk["courses"]}
    assert found == {
        "kursus/blk-contoh/menjahit/": {
            "kejuruan": "menjahit", "tinggal": [], "tempat": ["367101"], "mode": "campuran",
            "kelompok": [], "biaya": "gratis",
        },
        "kursus/blk-contoh/tata-boga/": {
            "kejuruan": "tata-boga", "tinggal": ["3671"], "tempat": ["367101", "367102"],
            "mode": "tatap-muka", "kelompok": ["dtks"], "biaya": "gratis",
        },
        "kursus/lpks-contoh/tata-rias/": {
            "kejuruan": "tata-rias", "tinggal": [], "tempat": ["367301"], "mode": "tatap-muka",
            "kelompok": [], "biaya": "gratis",
        },
    }  # fmt: skip


def test_the_template_card_is_the_pages_card_left_empty(built_site: BuiltSite) -> None:
    page = parse(built_site.page("pelatihan/"))
    template = page.find("template", id="saring-kartu")
    blank = template.find("li", "course-card")
    listed = page.find("div", "saring-halaman").find_all("li", "course-card")[0]

    def shape(card: Element) -> list[tuple[str, list[str]]]:  # the status class aside
        return [(e.tag, sorted(c for c in e.classes if not c.startswith("status-")))
                for e in card.find_all()]  # fmt: skip

    assert shape(blank) == shape(listed)
    assert blank.text == "· Kec. Pelatihan"


def test_data_files_match_the_chunk_size(built_site: BuiltSite) -> None:
    catalog = require_catalog(built_site.root / "courses", today=TODAY)
    ctx = SiteContext(catalog, TODAY, list_chunk_size=1)
    files = course_list_page.data_files(ctx)
    assert list(files) == [f"pelatihan/data/{n}.json" for n in (1, 2, 3)]
    assert [json.loads(text)["courses"][0]["url"] for text in files.values()] == ORDER


def test_filter_form_and_script_only_on_the_course_list(built_site: BuiltSite) -> None:
    page = built_site.page("pelatihan/")
    assert '<form id="saring" class="saring" method="get" action="./"' in page
    for name in ("kejuruan", "tinggal", "tempat", "status", "mode", "kelompok", "biaya"):
        assert f'<select id="saring-{name}" name="{name}">' in page
    assert 'src="../assets/katalog/saring.js"' in page
    assert "saring.js" not in built_site.page("kejuruan/tata-boga/")
    home = built_site.page("")
    assert 'href="cari/" class="link-cari"' in home
    assert 'href="pelatihan/" class="link-pelatihan"' in home


def test_search_results_lead_to_course_pages(built_site: BuiltSite) -> None:
    """Pagefind's index holds every course page, and no list page."""
    locations = set(indexed_pages(built_site.site))
    for course in ("blk-contoh/menjahit/", "blk-contoh/tata-boga/", "lpks-contoh/tata-rias/"):
        assert "kursus/" + course in locations
    assert "pelatihan/" not in locations

"""The built site as a whole: every page exists, every link and anchor resolves, nothing is
requested from another host, and no page carries an inline script."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_builder import urls

from .conftest import BASE_URL, BuiltSite
from .sitecrawl import PageInfo, broken_links, crawl, foreign_requests, outbound_hosts

pytestmark = pytest.mark.slow

OUTBOUND_HOSTS = {"www.openstreetmap.org", "wa.me", "dinsos.example.go.id",
                  "daftar.example.go.id"}  # fmt: skip


@pytest.fixture(scope="module")
def pages(built_site: BuiltSite) -> dict[Path, PageInfo]:
    return crawl(built_site.site)


def test_every_course_center_kejuruan_and_kecamatan_has_a_page(built_site: BuiltSite) -> None:
    catalog, site = built_site.catalog, built_site.site
    expected = [urls.course(ref) for ref in catalog.courses()]
    expected += [urls.center(c) for c in catalog.centers]
    expected += [urls.kejuruan(k) for k in catalog.kejuruan]
    expected += ["kecamatan/367101-tangerang/", "kecamatan/367102-jatiuwung/",
                 "kecamatan/367301-serang/"]  # fmt: skip
    expected += ["", "kejuruan/", "kecamatan/", "kalender/", "tentang/"]
    missing = [url for url in expected if not (site / url / "index.html").is_file()]
    assert missing == []
    assert (site / "404.html").is_file()


def test_every_internal_link_and_anchor_resolves(built_site: BuiltSite, pages) -> None:
    broken, checked = broken_links(built_site.site, pages, BASE_URL)
    assert broken == []
    assert checked > 200  # the crawl really looked at the site


def test_outbound_links_only_go_to_expected_hosts(built_site: BuiltSite, pages) -> None:
    hosts = outbound_hosts(built_site.site, pages, BASE_URL)
    assert hosts <= OUTBOUND_HOSTS
    assert {"www.openstreetmap.org", "wa.me", "daftar.example.go.id"} <= hosts


def test_no_page_requests_anything_from_another_host(built_site: BuiltSite, pages) -> None:
    assert foreign_requests(built_site.site, pages, BASE_URL) == []


def test_stylesheets_load_nothing_from_another_host(built_site: BuiltSite) -> None:
    foreign = []
    for css in built_site.site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
            if re.match(r"(https?:)?//", ref):
                foreign.append(f"{css.name}: {ref}")
        foreign += [f"{css.name}: @import" for _ in re.finditer(r"@import", text)]
    assert foreign == []


def test_scripts_fetch_nothing_from_another_host(built_site: BuiltSite) -> None:
    """Material's bundle names a few URLs in code. Each is used only in a case this site rules
    out: GitHub's API with a repo_url (none), mermaid from unpkg.com for diagrams (none), and a
    ResizeObserver polyfill from unpkg.com for browsers without one -- katalog.js defines a
    stand-in first, so the bundle never fetches it. The search worker only names URLs in
    licence comments; lunr's language files are never loaded (no language plugin is set)."""
    site = built_site.site
    known = {"https://api.github.com/repos/", "https://api.github.com/users/",
             "https://unpkg.com/mermaid@11/dist/mermaid.min.js",
             "https://unpkg.com/resize-observer-polyfill", "https://clipboardjs.com/",
             "http://lunrjs.com", "http://tartarus.org/", "https://bit.ly/2s3ChXG"}  # fmt: skip
    loaded = [*site.glob("assets/javascripts/bundle.*.js"),
              *site.glob("assets/javascripts/workers/search.*.js")]  # fmt: skip
    assert len(loaded) == 2
    found = set()
    for script in loaded:
        found |= set(re.findall(r"https?://[\w.-]+[\w./@-]*", script.read_text(encoding="utf-8")))
    assert found - {"https://"} <= known
    katalog_js = (site / "assets/katalog/katalog.js").read_text(encoding="utf-8")
    assert 'typeof window.ResizeObserver === "undefined"' in katalog_js
    assert "http" not in katalog_js
    html = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert 'class="mermaid' not in html


def test_no_inline_script_on_any_page(built_site: BuiltSite, pages) -> None:
    """A Content-Security-Policy without 'unsafe-inline' must not break any page."""
    data_types = {"application/json", "application/ld+json"}
    inline = []
    for path, info in pages.items():
        for attrs in info.scripts:
            if not attrs.get("src") and attrs.get("type") not in data_types:
                inline.append(str(path.relative_to(built_site.site)))
    assert inline == []
    course = pages[built_site.site / "kursus/blk-contoh/tata-boga/index.html"]
    assert [a.get("type") for a in course.scripts if not a.get("src")] == [
        "application/ld+json",
        "application/json",
    ]


def test_generated_pages_have_no_style_attributes(built_site: BuiltSite, pages) -> None:
    site = built_site.site
    styled = [
        str(path.relative_to(site))
        for path, info in pages.items()
        if (info.style_attrs or info.inline_styles) and not path.is_relative_to(site / "poster")
    ]
    assert styled == []

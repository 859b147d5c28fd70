"""The shipped data (courses/) built into a site, checked as a whole: what residents get from
`make run` and what a city publishes first. The other site tests use a small hand-written
catalog; these catch what only the real data set contains."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from catalog.catalog import Catalog
from catalog.load import require_catalog
from site_builder import ical, share, urls
from site_builder.context import SiteContext

from .conftest import BASE_URL, FORM_URL, TODAY, BuiltSite, run_build
from .sitecrawl import PageInfo, broken_links, crawl, foreign_requests, outbound_hosts

pytestmark = pytest.mark.slow

SHIPPED = Path(__file__).resolve().parents[2] / "courses"
# Names of vocabularies in data files (JSON-LD, JSON Schema, sitemap XML), never fetched
NAMESPACES = {"schema.org", "json-schema.org", "www.sitemaps.org"}
JSONLD = re.compile(r'<script type="application/ld\+json">\s*(.*?)\s*</script>', re.S)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("shipped")
    (root / "courses").symlink_to(SHIPPED, target_is_directory=True)
    result = run_build(root, root / "site")
    assert result.exit_code == 0, result.output
    catalog = require_catalog(SHIPPED, today=TODAY)
    return BuiltSite(root, root / "site", catalog, result.output)


@pytest.fixture(scope="module")
def pages(shipped: BuiltSite) -> dict[Path, PageInfo]:
    return crawl(shipped.site)


@pytest.fixture(scope="module")
def catalog(shipped: BuiltSite) -> Catalog:
    return shipped.catalog


def test_every_course_center_kejuruan_and_kecamatan_has_a_page(shipped, catalog) -> None:
    ctx = SiteContext(catalog, TODAY, base_url=BASE_URL, form_url=FORM_URL)
    expected = [urls.course(ref) for ref in catalog.courses()]
    expected += [urls.center(c) for c in catalog.centers]
    expected += [urls.kejuruan(k) for k in catalog.kejuruan]
    expected += [ctx.kecamatan_url(code) for code in ctx.districts]
    missing = [url for url in expected if not (shipped.site / url / "index.html").is_file()]
    assert missing == []
    assert len(expected) > 86 + 21 + 13  # courses, centers, the 13 kecamatan of Kota Tangerang
    assert f"{len(catalog.centers)} pusat pelatihan" in shipped.output


def test_every_internal_link_and_anchor_resolves(shipped, pages) -> None:
    broken, checked = broken_links(shipped.site, pages, BASE_URL)
    assert broken == []
    assert checked > 4000  # every page of the shipped site was crawled


def test_nothing_is_fetched_from_another_host_and_links_leave_only_for_maps_and_whatsapp(
    shipped, pages
) -> None:
    assert foreign_requests(shipped.site, pages, BASE_URL) == []
    assert outbound_hosts(shipped.site, pages, BASE_URL) == {
        "www.openstreetmap.org",
        "wa.me",
        "daftar.example.go.id",
    }
    for path in shipped.site.rglob("*"):  # data files and scripts too (not just <a> and <img>)
        if path.suffix in (".json", ".csv", ".ics", ".xml", ".txt"):
            text = path.read_bytes().decode("utf-8").replace("\r\n ", "")  # unfold .ics lines
            hosts = set(re.findall(r"https?://([\w.-]+)", text)) - NAMESPACES
            assert hosts <= {"pelatihan.example.go.id", "daftar.example.go.id",
                             "www.openstreetmap.org", "wa.me"}, path  # fmt: skip


def test_every_course_page_has_json_ld_for_the_course_and_each_run(shipped, catalog) -> None:
    for ref in catalog.courses():
        html = (shipped.site / urls.course(ref) / "index.html").read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        (block,) = JSONLD.findall(head)
        data = json.loads(block)
        assert data["@type"] == "Course"
        assert data["name"] == ref.course.title
        assert data["url"] == share.course_url(BASE_URL, ref)
        assert data["provider"] and all(p["name"] for p in data["provider"])
        assert data["offers"]["price"] == ref.course.fee
        assert data["offers"]["priceCurrency"] == "IDR"
        instances = data["hasCourseInstance"]
        assert [i["startDate"] for i in instances] == [r.start.isoformat() for r in ref.course.runs]
        for instance in instances:
            assert instance["@type"] == "CourseInstance"
            assert instance["courseMode"] and instance["location"]


def test_every_calendar_file_parses_and_the_full_calendar_has_every_run(shipped, catalog) -> None:
    runs = list(catalog.runs())
    for ref in runs:
        path = shipped.site / ical.run_ics_path(ref)
        calendar = Calendar.from_ical(path.read_bytes())
        (event,) = calendar.walk("VEVENT")
        assert event["DTSTART"].dt == ref.run.start
        assert str(event["SUMMARY"]).startswith(ref.course.title)
    everything = Calendar.from_ical((shipped.site / "kalender" / "semua.ics").read_bytes())
    assert len(everything.walk("VEVENT")) == len(runs)


def test_open_data_validates_against_its_schema_and_lists_every_run(shipped, catalog) -> None:
    site = shipped.site
    schema = json.loads((site / "katalog.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "katalog.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)
    assert [r["id"] for r in data["runs"]] == [ref.public_id for ref in catalog.runs()]
    assert len(data["courses"]) == 86 and len(data["centers"]) == len(catalog.centers)
    for run in data["runs"]:
        assert run["register_url"] == f"{FORM_URL}/daftar/{run['id']}"
    csv_rows = (site / "katalog.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(csv_rows) == 1 + len(data["runs"])


def test_every_run_has_a_poster_with_a_qr_code_to_its_row(shipped, catalog) -> None:
    for ref in catalog.runs():
        poster = (shipped.site / "poster" / f"{ref.public_id}.html").read_text(encoding="utf-8")
        assert "<svg" in poster and "Kode QR menuju halaman pendaftaran" in poster
        assert share.run_url(BASE_URL, ref).removeprefix("https://") in poster

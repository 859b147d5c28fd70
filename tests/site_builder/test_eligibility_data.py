"""cari/kelayakan.json: /cari/'s eligibility data, generated from the course models."""

from __future__ import annotations

import gzip
import json
from datetime import timedelta

import pytest

from catalog.dates import format_date_long
from catalog.eligibility import accepts_village
from catalog.models import YOUTH_AGES, Eligibility, TargetGroup
from catalog.status import RunStatus
from site_builder import eligibility_data
from site_builder.context import SiteContext
from tests.site_builder.conftest import TODAY, BuiltSite


def test_golden_tables_for_the_fixture_catalog(built_site: BuiltSite) -> None:
    data = eligibility_data.data(SiteContext(built_site.catalog, TODAY))
    assert data["built"] == "2026-11-23"
    assert data["youth"] == list(YOUTH_AGES)
    assert data["course_base"] == "../kursus/"
    assert data["regions"] == {"3671": "Kota Tangerang, Banten"}
    # min_age, max_age, domicile, target groups, minimum education: the courses' own rules
    assert data["rules"] == [[18, 45, "3671", "dtks", "smp"], [15, None, "", "", ""],
                             [17, None, "", "", ""]]  # fmt: skip
    assert data["centers"] == [["blk-contoh", "BLK Contoh Kota Tangerang"],
                               ["lpks-contoh", "LPKS Contoh Serang"]]  # fmt: skip
    assert data["places"] == ["Tangerang", "Serang", "Jatiuwung"]
    assert data["courses"] == [
        ["tata-boga", "Tata Boga & Kue *Rumahan*", 0, 0],
        ["tata-rias", "Tata Rias Pengantin", 1, 1],
        ["menjahit", "Menjahit Busana", 0, 2],
    ]
    # course, run, start, registration opens and closes, end, kecamatan, in the order of the
    # list on the build day: the open run, then the upcoming ones by opening date, then the
    # closed one. The run of tata-boga that finished in August 2026 is left out.
    assert data["runs"] == [
        [0, "2027-1", "2027-02-01", "2026-11-16", "2027-01-22", "2027-02-22", 0],
        [1, "2027-1", "2027-01-11", "2026-12-01", "2027-01-04", "2027-01-22", 1],
        [0, "2027-2", "2027-05-03", "2027-03-22", "2027-04-23", "2027-05-28", 2],
        [2, "2026-2", "2026-11-23", "2026-10-01", "2026-11-20", "2026-12-18", 0],
    ]


def test_weekdays_are_listed_as_the_script_counts_them(built_site: BuiltSite) -> None:
    """cari.js writes "Jumat, 4 Desember 2026" like the pages: days[getUTCDay()]."""
    days = eligibility_data.data(SiteContext(built_site.catalog, TODAY))["days"]
    for offset in range(7):
        day = TODAY + timedelta(days=offset)
        js_day = (day.weekday() + 1) % 7  # JavaScript counts from Sunday
        assert format_date_long(day).startswith(days[js_day] + ", ")


def test_words_come_from_the_catalog_labels(built_site: BuiltSite) -> None:
    words = eligibility_data.data(SiteContext(built_site.catalog, TODAY))["words"]
    assert set(words["group"]) == {g.value for g in TargetGroup}
    assert words["status"] == {s.value: s.label for s in RunStatus}
    assert set(eligibility_data.REASON_ORDER) <= set(words["reason"])


def test_the_built_site_ships_the_data_and_loads_the_script_on_cari_only(
    built_site: BuiltSite,
) -> None:
    ctx = SiteContext(built_site.catalog, TODAY)
    shipped = json.loads((built_site.site / eligibility_data.DATA_PATH).read_text("utf-8"))
    assert shipped == eligibility_data.data(ctx)
    for district, parts in eligibility_data.district_data(ctx).items():
        assert len(parts) == 1  # 4 runs: one part
        path = built_site.site / eligibility_data.district_path(district)
        assert json.loads(path.read_text("utf-8")) == parts[0]
        assert parts[0]["parts"] == []
    page = built_site.page("cari/")
    assert 'src="../assets/katalog/cari.js"' in page
    assert 'data-data="kelayakan.json" data-data-kecamatan="kelayakan/"' in page
    assert "cari.js" not in built_site.page("") and "cari.js" not in built_site.page("kejuruan/")
    # without JavaScript: every kelurahan/desa of the three regions is a link to its page
    assert page.count('<details class="cari-kecamatan"') == len(
        {code[:6] for code in SiteContext(built_site.catalog, TODAY).villages}
    )
    assert 'href="../kelurahan/3671011001-sukarasa/" data-kode="3671011001"' in page


def test_data_is_small(built_site: BuiltSite) -> None:
    raw = (built_site.site / eligibility_data.DATA_PATH).read_bytes()
    assert len(gzip.compress(raw, 9)) < 2_000  # words and tables for 4 runs


def test_a_kecamatan_file_holds_the_runs_its_residents_address_allows(
    built_site: BuiltSite,
) -> None:
    """Kecamatan Tangerang may join the two open courses and the one for Kota Tangerang;
    a kecamatan of Kota Serang only the two open ones, and counts the runs of the third."""
    ctx = SiteContext(built_site.catalog, TODAY)
    files = eligibility_data.district_data(ctx)
    assert set(files) == {code[:6] for code in ctx.villages}  # every kecamatan of the regions
    (tangerang,), (serang,) = files["367101"], files["367301"]
    assert (
        tangerang["runs"] == eligibility_data.data(SiteContext(built_site.catalog, TODAY))["runs"]
    )
    assert tangerang["others"] == 0
    assert [c[0] for c in serang["courses"]] == ["tata-rias", "menjahit"]
    assert serang["regions"] == {}
    assert serang["others"] == 2  # the two runs of tata-boga, for Kota Tangerang only


def listed(parts: list[dict]) -> list[tuple[str, str, str]]:
    """The runs of a list's files, read as cari.js reads them: (center, course, run)."""
    courses: list = []
    centers: list = []
    result = []
    for part in parts:
        courses += part["courses"]  # each part adds the rows new in it
        centers += part["centers"]
        result += [(centers[courses[r[0]][2]][0], courses[r[0]][0], r[1]) for r in part["runs"]]
    return result


def test_a_kecamatan_list_in_parts_is_the_whole_list_in_order(built_site: BuiltSite) -> None:
    """Cut after 1 run, then every 2: Kecamatan Tangerang's 4 runs come in three files, the
    first naming the other two and holding the words and the count of runs left out; in
    order, they hold the list of the one-part file."""
    ctx = SiteContext(built_site.catalog, TODAY)
    whole = eligibility_data.district_data(ctx, parts=None)
    cut = eligibility_data.district_data(ctx, parts=(1, 2))
    first, second, third = cut["367101"]
    assert first["parts"] == ["367101-2.json", "367101-3.json"]
    assert first["others"] == 0 and first["words"] == whole["367101"][0]["words"]
    assert first["regions"] == {"3671": "Kota Tangerang, Banten"}  # of the whole list
    assert set(second) == set(third) == {"rules", "centers", "places", "courses", "runs"}
    assert [len(part["runs"]) for part in cut["367101"]] == [1, 2, 1]
    assert listed(cut["367101"]) == listed(whole["367101"])
    # tata-boga (rule 0, center 0) comes in the first part only: the third part's course
    # menjahit is the third course, with the third rule, at the first center.
    assert [c[0] for c in first["courses"]] == ["tata-boga"]
    assert second["courses"] == [["tata-rias", "Tata Rias Pengantin", 1, 1]]
    assert third["courses"] == [["menjahit", "Menjahit Busana", 0, 2]]
    assert (
        second["runs"][1][0] == 0
        and third["centers"] == []
        and third["rules"] == [[17, None, "", "", ""]]
    )
    assert listed(whole["367101"]) == [
        ("blk-contoh", "tata-boga", "2027-1"),  # open: registration closes 22 January
        ("lpks-contoh", "tata-rias", "2027-1"),  # upcoming: opens 1 December
        ("blk-contoh", "tata-boga", "2027-2"),  # upcoming: opens 22 March
        ("blk-contoh", "menjahit", "2026-2"),  # closed on 20 November
    ]
    # The files by site path: a kecamatan of Kota Serang has 2 runs, so two parts.
    files = eligibility_data.data_files(ctx, parts=(1, 2))
    assert json.loads(files["cari/kelayakan/367101-3.json"]) == third
    assert json.loads(files["cari/kelayakan/367301.json"])["parts"] == ["367301-2.json"]
    assert "cari/kelayakan/367301-3.json" not in files


@pytest.mark.parametrize(
    "domicile",
    [(), ("36",), ("3671",), ("3673",), ("367102",), ("3671021004",), ("3603", "3673011002")],
)
def test_a_kecamatan_is_served_when_the_form_accepts_one_of_its_villages(
    built_site: BuiltSite, domicile: tuple[str, ...]
) -> None:
    """serves_district is accepts_village (the form's rule) over the kecamatan's villages."""
    rules = Eligibility(min_age=18, domicile=domicile)
    villages = SiteContext(built_site.catalog, TODAY).villages
    for district in sorted({v[:6] for v in villages}):
        by_form = any(accepts_village(rules, v) for v in villages if v.startswith(district))
        assert eligibility_data.serves_district(rules, district) == by_form, (domicile, district)

"""cari/kelayakan.json: /cari/'s eligibility data, generated from the course models."""

from __future__ import annotations

import gzip
import json

from catalog.models import YOUTH_AGES, TargetGroup
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
    assert data["rules"] == [[17, None, "", "", ""], [15, None, "", "", ""],
                             [18, 45, "3671", "dtks", "smp"]]  # fmt: skip
    assert data["centers"] == [["blk-contoh", "BLK Contoh Kota Tangerang"],
                               ["lpks-contoh", "LPKS Contoh Serang"]]  # fmt: skip
    assert data["places"] == ["Tangerang", "Serang", "Jatiuwung"]
    assert data["courses"] == [
        ["menjahit", "Menjahit Busana", 0, 0],
        ["tata-rias", "Tata Rias Pengantin", 1, 1],
        ["tata-boga", "Tata Boga & Kue *Rumahan*", 0, 2],
    ]
    # course, run, start, registration opens and closes, end, kecamatan; the run of tata-boga
    # that finished in August 2026 is left out.
    assert data["runs"] == [
        [0, "2026-2", "2026-11-23", "2026-10-01", "2026-11-20", "2026-12-18", 0],
        [1, "2027-1", "2027-01-11", "2026-12-01", "2027-01-04", "2027-01-22", 1],
        [2, "2027-1", "2027-02-01", "2026-11-16", "2027-01-22", "2027-02-22", 0],
        [2, "2027-2", "2027-05-03", "2027-03-22", "2027-04-23", "2027-05-28", 2],
    ]


def test_words_come_from_the_catalog_labels(built_site: BuiltSite) -> None:
    words = eligibility_data.data(SiteContext(built_site.catalog, TODAY))["words"]
    assert set(words["group"]) == {g.value for g in TargetGroup}
    assert words["status"] == {s.value: s.label for s in RunStatus}
    assert set(eligibility_data.REASON_ORDER) <= set(words["reason"])


def test_the_built_site_ships_the_data_and_loads_the_script_on_cari_only(
    built_site: BuiltSite,
) -> None:
    shipped = json.loads((built_site.site / eligibility_data.DATA_PATH).read_text("utf-8"))
    assert shipped == eligibility_data.data(SiteContext(built_site.catalog, TODAY))
    page = built_site.page("cari/")
    assert 'src="../assets/katalog/cari.js"' in page
    assert 'data-data="kelayakan.json"' in page
    assert "cari.js" not in built_site.page("") and "cari.js" not in built_site.page("kejuruan/")
    # without JavaScript: every kelurahan/desa of the three regions is a link to its page
    assert page.count('<details class="cari-kecamatan"') == len(
        {code[:6] for code in SiteContext(built_site.catalog, TODAY).villages}
    )
    assert 'href="../kelurahan/3671011001-sukarasa/" data-kode="3671011001"' in page


def test_data_is_small(built_site: BuiltSite) -> None:
    raw = (built_site.site / eligibility_data.DATA_PATH).read_bytes()
    assert len(gzip.compress(raw, 9)) < 2_000  # words and tables for 4 runs

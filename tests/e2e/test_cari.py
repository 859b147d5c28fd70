""" "Pelatihan untuk saya" (/cari/) in Chromium at 360 px: the shared case table
(tests/cases/eligibility.json) against cari.js, and a resident's reasons with and without
JavaScript. The welding course of the woman of 24 from Gandasari is one of the residents' tasks
in tests/e2e/test_resident_tasks.py."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import pytest

from catalog.load import require_catalog
from site_builder import eligibility_data
from site_builder.context import SiteContext
from tests.cases.eligibility_cases import load_cases, run_of
from tests.e2e.live import REPO, TODAY

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 640
CASES = load_cases()

SHOWN = """() => ({
    shown: [...document.querySelectorAll('#cari-hasil .cari-list > li[data-run-id]')]
        .map(li => li.dataset.runId),
    excluded: Object.fromEntries([...document.querySelectorAll('#cari-hasil .cari-tidak > li')]
        .map(li => [li.dataset.runId, li.dataset.alasan.split(' ')])),
})"""

JUDGE = """([data, query, today]) => {
    const run = KatalogCari.runsOf(data)[0];
    const verdict = KatalogCari.judge(run, KatalogCari.readAnswers(query), today, data.youth);
    return verdict.reasons;
}"""


def open_cari(page, live_site, query: str, *, ask_why: bool = True) -> dict:
    """The runs shown and the excluded ones with their reasons; with ``ask_why``, after
    opening "Kenapa pelatihan lain tidak muncul?", which loads the runs of other kecamatan."""
    page.goto(live_site.at("cari/" + query))
    page.wait_for_selector("#cari-hasil:not([hidden])")
    if ask_why:
        page.click(".cari-lain summary")
        page.wait_for_selector("#cari-hasil[data-lengkap=ya]")
    return page.evaluate(SHOWN)


def test_the_first_list_loads_only_the_file_of_her_kecamatan(new_page, live_site) -> None:
    page = new_page(WIDTH, HEIGHT)
    loaded = []
    page.on("request", lambda r: loaded.append(r.url) if "/kelayakan" in r.url else None)
    page.goto(live_site.at("cari/?kelurahan=3671021004&usia=24&jk=P&dtks=tidak"))
    page.wait_for_selector("#cari-hasil:not([hidden])")
    assert loaded == [live_site.at("cari/kelayakan/367102.json")]
    summary = page.locator(".cari-lain summary")
    before = summary.inner_text()
    assert page.locator(".cari-tidak > li").count() < int(page.locator(".cari-n-lain").inner_text())
    summary.click()
    page.wait_for_selector("#cari-hasil[data-lengkap=ya]")
    assert loaded[1:] == [live_site.at("cari/kelayakan.json")]
    # The count in the summary was right before the other kecamatan's runs were loaded.
    assert summary.inner_text() == before
    assert page.locator(".cari-tidak > li").count() == int(
        page.locator(".cari-n-lain").inner_text()
    )
    assert page.js_errors == []


@pytest.mark.parametrize(
    ("day", "query"),
    [
        (TODAY, "?kelurahan=3671021004&usia=24&jk=P&dtks=tidak"),
        (date(2026, 12, 15), "?kelurahan=3671021004"),
    ],
    ids=["hari-build", "22-hari-kemudian"],
)
def test_the_first_results_show_before_the_last_part_of_her_list(
    new_page, live_site, day: date, query: str
) -> None:
    """Her kecamatan's list cut into parts of one run each (the shipped lists fit in one file),
    served to the page with the last part held back: the first results show, in the order of
    the whole list, while a status line says the list is still being checked; once the last
    part is in, the list and the reasons are those of the one-file list. On 15 December, runs
    upcoming on the build day are open, and some go in before runs of earlier parts (the
    Tata Boga run whose registration opened on 14 December closes before the one open since
    November)."""
    page = new_page(WIDTH, HEIGHT, day=day)
    whole = open_cari(page, live_site, query, ask_why=False)
    counts = [page.locator(".cari-n").inner_text(), page.locator(".cari-n-lain").inner_text()]
    ctx = SiteContext(require_catalog(REPO / "courses", today=TODAY), TODAY)
    files = eligibility_data.data_files(ctx, parts=(1, 1))
    names = json.loads(files[eligibility_data.district_path("367102")])["parts"]
    last = eligibility_data.DISTRICT_DIR + names[-1]
    held = []

    def serve(route) -> None:  # type: ignore[no-untyped-def]
        path = route.request.url.removeprefix(live_site.url)
        if path == last:
            held.append(route)
        else:
            route.fulfill(body=files[path], content_type="application/json")

    page = new_page(WIDTH, HEIGHT, day=day)
    page.route("**/cari/kelayakan/367102*.json", serve)
    page.goto(live_site.at("cari/" + query))
    page.wait_for_function(
        "n => document.querySelector('.cari-bagian').textContent === String(n)", arg=len(names)
    )
    status = page.get_by_role("status")
    assert status.inner_text() == (
        f"Masih memeriksa pelatihan lain: {len(names)} dari {len(names) + 1} bagian daftar "
        "sudah diperiksa. Daftar ini bisa bertambah."
    )
    assert len(held) == 1
    first = page.evaluate(SHOWN)
    assert first["shown"] and first["shown"] == whole["shown"][: len(first["shown"])]
    assert page.locator(".cari-kosong").is_hidden()
    held[0].fulfill(body=files[last], content_type="application/json")
    page.wait_for_selector(".cari-memeriksa", state="hidden")
    assert page.evaluate(SHOWN) == whole
    assert [page.locator(".cari-n").inner_text(), page.locator(".cari-n-lain").inner_text()] == (
        counts
    )
    assert page.locator("#cari-hasil").get_attribute("data-lengkap") == "tidak"  # others left out
    assert page.js_errors == []


def test_a_part_that_cannot_be_loaded_is_said_and_the_list_so_far_stays(
    new_page, live_site
) -> None:
    query = "?kelurahan=3671021004&usia=24&jk=P&dtks=tidak"
    ctx = SiteContext(require_catalog(REPO / "courses", today=TODAY), TODAY)
    files = eligibility_data.data_files(ctx, parts=(1, 1))
    names = json.loads(files[eligibility_data.district_path("367102")])["parts"]
    broken = eligibility_data.DISTRICT_DIR + names[-1]

    def serve(route) -> None:  # type: ignore[no-untyped-def]
        path = route.request.url.removeprefix(live_site.url)
        if path == broken:
            route.fulfill(status=503, body="")
        else:
            route.fulfill(body=files[path], content_type="application/json")

    page = new_page(WIDTH, HEIGHT)
    page.route("**/cari/kelayakan/367102*.json", serve)
    page.goto(live_site.at("cari/" + query))
    page.wait_for_selector(".cari-sebagian", state="visible")
    assert page.locator(".cari-sebagian").inner_text() == (
        "Sebagian daftar tidak bisa dimuat, jadi daftar ini mungkin belum lengkap. Periksa "
        "sambungan internet, lalu muat ulang halaman ini."
    )
    assert page.locator(".cari-memeriksa").is_hidden()
    assert page.locator("#cari-hasil .cari-list > li").count() > 0
    assert page.locator(".cari-kosong").is_hidden()
    assert page.js_errors == [f"{page.url}: HTTP 503 for {live_site.at(broken)}"]


def test_case_table_in_the_browser(new_page, live_site) -> None:
    """Each shipped case through the page itself, with its answers in the URL; each case with
    changed rules through the same script on data generated from the changed course."""
    problems = []
    by_visit: dict[tuple[str, date], list] = defaultdict(list)
    for case in CASES:
        if case.eligibility is None:
            by_visit[(case.query, case.today)].append(case)
    for (query, day), cases in by_visit.items():
        page = new_page(WIDTH, HEIGHT, day=day)
        found = open_cari(page, live_site, query)
        for case in cases:
            shown = case.run in found["shown"]
            if shown != (case.expect == "ikut"):
                problems.append(f"{case.about}: shown={shown}, expected {case.expect}")
            elif not shown and found["excluded"].get(case.run) != case.reasons:
                got = found["excluded"].get(case.run)
                problems.append(f"{case.about}: reasons {got}, expected {case.reasons}")
        assert page.js_errors == []
    catalog = require_catalog(REPO / "courses", today=TODAY)
    page = new_page(WIDTH, HEIGHT)
    page.goto(live_site.at("cari/"))
    for case in CASES:
        if case.eligibility is None:
            continue
        ctx = SiteContext(catalog, case.today)
        data = eligibility_data.data(ctx, [run_of(catalog, case)])
        data = json.loads(json.dumps(data))  # exactly what the file would hold
        reasons = page.evaluate(JUDGE, [data, case.query, case.today.isoformat()])
        if reasons != case.reasons:
            problems.append(f"{case.about}: script says {reasons}, expected {case.reasons}")
    assert not problems, "\n".join(problems)


CIPARE = "3673011002"  # Kelurahan Cipare, Kecamatan Serang, Kota Serang
UP_TO_40 = "lpks-pengelolaan-limbah-taktakan/penanganan-limbah-b3/2026-1"


def test_man_of_50_from_kota_serang_sees_why_a_course_for_younger_people_is_not_for_him(
    new_page, live_site
) -> None:
    """The shipped data has no course for the youth group (pemuda): the case table covers
    that with changed rules; here it is Kota Serang's course for people of 18 to 40."""
    page = new_page(WIDTH, HEIGHT)
    found = open_cari(
        page, live_site, f"?kelurahan={CIPARE}&usia=50&jk=L&dtks=tidak", ask_why=False
    )
    assert UP_TO_40 not in found["shown"]
    assert found["excluded"][UP_TO_40] == ["usia-maks"]
    assert "lpks-tata-boga-dekorasi-cipocok-jaya/tata-boga/2027-1" in found["shown"]
    summary = page.locator(".cari-lain summary")
    assert summary.inner_text().startswith("Kenapa pelatihan lain tidak muncul?")
    why = page.locator(f".cari-tidak > li[data-run-id='{UP_TO_40}']")
    assert why.is_hidden()  # shown on request
    summary.click()
    page.wait_for_selector("#cari-hasil[data-lengkap=ya]")
    assert why.is_visible()
    assert "Peserta paling tua berusia 40 tahun saat pelatihan dimulai." in why.inner_text()
    assert page.js_errors == []


def test_man_of_50_without_javascript_reads_the_age_limit_on_the_course_page(
    new_page, live_site
) -> None:
    page = new_page(WIDTH, HEIGHT, javascript=False)
    page.goto(live_site.at("cari/"))
    page.click("details[data-kecamatan='Serang'][data-wilayah='Kota Serang'] summary")
    with page.expect_navigation():
        page.click(f"a[data-kode='{CIPARE}']")
    card = page.locator("li.course-card", has_text="Limbah").first
    with page.expect_navigation():
        card.locator("a.course-card__title").click()
    assert "Berusia 18 sampai 40 tahun saat pelatihan dimulai." in page.inner_text("body")

"""The course page's live status script (overrides/assets/katalog/katalog.js) in a real browser:
statuses follow the browser's date, the form service's answer wins, and applicant counts are
shown against the quota."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest

from catalog.catalog import RunRef
from catalog.dates import format_date_long
from catalog.load import require_catalog
from catalog.status import RunStatus, run_status
from site_builder import urls
from tests.e2e.live import REPO, TODAY

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def upcoming() -> RunRef:
    """A run of the shipped data whose registration opens after TODAY."""
    catalog = require_catalog(REPO / "courses", today=TODAY)
    runs = [r for r in catalog.runs() if run_status(r.run, TODAY) is RunStatus.UPCOMING]
    return min(runs, key=lambda r: (r.run.registration.opens, r.public_id))


def open_row(page, live_site, ref: RunRef, *, form_service: str = "silent"):
    """Open the course page of ``ref``; the form service is "silent" (requests fail), "real",
    or a JSON text to answer with. Returns the run's row once the script has run."""
    if form_service != "real":

        def answer(route) -> None:  # type: ignore[no-untyped-def]
            if form_service == "silent":
                route.abort()
            else:
                route.fulfill(status=200, content_type="application/json", body=form_service)

        page.route(re.compile(r".*/api/runs/.*"), answer)
    page.goto(live_site.at(urls.course(ref.course_ref)))
    row = page.locator(f"#{urls.run_anchor(ref)}")
    row.wait_for()
    page.wait_for_load_state("networkidle")
    return row


def test_a_run_shows_closed_once_the_browsers_date_passes_its_closing_day(
    new_page, live_site, applicant
) -> None:
    ref = applicant.run
    page = new_page(day=ref.run.registration.closes + timedelta(days=1))
    row = open_row(page, live_site, ref)
    assert row.get_attribute("data-status") == "ditutup"
    assert row.locator(".run-status").inner_text() == "Pendaftaran ditutup"
    assert not row.locator("a.daftar-button").is_visible()


def test_a_run_shows_open_with_its_daftar_button_on_its_opening_day(
    new_page, live_site, upcoming
) -> None:
    before = new_page()  # the build's day: not open yet, the button hidden
    row = open_row(before, live_site, upcoming)
    assert row.locator(".run-status").inner_text() == "Pendaftaran segera dibuka"
    assert not row.locator("a.daftar-button").is_visible()

    page = new_page(day=upcoming.run.registration.opens)
    row = open_row(page, live_site, upcoming)
    assert row.locator(".run-status").inner_text() == "Pendaftaran dibuka"
    button = row.locator("a.daftar-button")
    assert button.is_visible()
    assert button.get_attribute("href") == live_site.at(f"daftar/{upcoming.public_id}")


def test_counts_and_status_from_the_form_service(new_page, live_site, applicant) -> None:
    page = new_page(day=applicant.run.run.registration.closes + timedelta(days=1))
    answer = {"status": "dibuka", "quota": 20, "registered": 7, "waitlist": 2}
    row = open_row(page, live_site, applicant.run, form_service=json.dumps(answer))
    # The service's own date wins over the browser's: the run is open there.
    assert row.locator(".run-status").inner_text() == "Pendaftaran dibuka"
    assert row.locator("a.daftar-button").is_visible()
    applicants = row.locator(".run-applicants").inner_text()
    assert applicants == "7 pendaftar untuk 20 kursi, 2 di daftar tunggu"


def test_counts_from_the_running_form_service(new_page, live_site, applicant) -> None:
    page = new_page()
    row = open_row(page, live_site, applicant.run, form_service="real")
    served = page.request.get(live_site.at(f"api/runs/{applicant.run_id}")).json()
    expected = f"{served['registered']} pendaftar untuk {served['quota']} kursi"
    if served["waitlist"]:
        expected += f", {served['waitlist']} di daftar tunggu"
    assert row.locator(".run-applicants").inner_text() == expected
    assert page.js_errors == []


def test_lists_update_the_badge_and_the_sentence_on_the_opening_day(
    new_page, live_site, upcoming
) -> None:
    page = new_page(day=upcoming.run.registration.opens)
    page.route(re.compile(r".*/api/runs/.*"), lambda route: route.abort())
    page.goto(live_site.at("kalender/"))
    item = page.locator(f"li.run-item[data-run-id='{upcoming.public_id}']")
    item.wait_for()
    assert item.locator(".run-status").inner_text() == "Pendaftaran dibuka"
    # Written on the build day as "Pendaftaran dibuka <date>"; now the closing day, in the same
    # words and date format as the site (Babel on the server, Intl in the browser).
    closes = format_date_long(upcoming.run.registration.closes)
    assert item.locator(".run-item__note").inner_text() == f"Daftar paling lambat {closes}"

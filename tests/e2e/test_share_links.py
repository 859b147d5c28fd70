"""The course page's WhatsApp, calendar and poster links work from a real browser."""

from __future__ import annotations

from urllib.parse import parse_qs, urljoin, urlsplit

import icalendar
import pytest

from catalog.dates import format_date_long

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_whatsapp_calendar_and_poster_links(new_page, live_site, applicant):
    page = new_page()
    course_url = live_site.at(applicant.course_url)
    page.goto(course_url)
    row = page.locator(f"#angkatan-{applicant.run.run.id}")
    row.wait_for()
    course = applicant.run.course

    # WhatsApp: a wa.me link whose text names the course, the deadline and this run's page.
    share = row.locator("a.share-whatsapp")
    assert share.count() == 1
    href = share.get_attribute("href")
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/")
    text = parse_qs(parts.query)["text"][0]
    assert course.title in text
    assert format_date_long(applicant.run.run.registration.closes) in text
    assert f"{course_url}#angkatan-{applicant.run.run.id}" in text

    # iCalendar: fetched as the browser would, 200, parses, one event for this run.
    ics_link = row.locator("a.add-calendar")
    assert ics_link.count() == 1
    ics_url = urljoin(page.url, ics_link.get_attribute("href"))
    assert ics_url.endswith(".ics")
    response = page.request.get(ics_url)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.body())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert course.title in str(event["SUMMARY"])
    assert event.decoded("DTSTART") == applicant.run.run.start

    # Poster: an A4 page with an inline SVG (the QR code), reached by clicking the link.
    poster = row.locator("a.poster-link")
    assert poster.count() == 1
    with page.expect_navigation() as navigation:
        poster.click()
    assert navigation.value.status == 200
    assert page.locator("svg").count() >= 1
    assert course.title in page.locator("body").inner_text()

"""Every page type fits a 360x640 phone screen without sideways scrolling or script errors;
full-page screenshots of each are kept in test-artifacts/screenshots/."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import open_page, page_types, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTH, HEIGHT = 360, 640
TOLERANCE = 1  # sub-pixel rounding

# Elements whose right edge sticks out of the viewport (what makes the page scroll sideways);
# skips elements inside a scrolling box (e.g. a table wrapper), which is fine on a phone.
OVERFLOWING = """width => {
    const out = [];
    const scrolls = el => {
        for (let p = el.parentElement; p; p = p.parentElement) {
            const s = getComputedStyle(p);
            if (p !== document.body && p !== document.documentElement
                && ['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) return true;
        }
        return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= width + 1 || scrolls(el)) continue;
        const id = el.id ? '#' + el.id : '';
        const cls = typeof el.className === 'string' && el.className.trim()
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
        out.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(r.right)}px)`);
        if (out.length >= 8) break;
    }
    return out;
}"""


def test_no_sideways_scroll_at_360px(new_page, live_site, applicant, receipt_path):
    page = new_page(WIDTH, HEIGHT)
    problems = []
    for number, kind in enumerate(page_types(applicant, receipt_path), start=1):
        url = live_site.at(kind.path)
        open_page(page, url, kind)
        scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll_width > WIDTH + TOLERANCE:
            culprits = "\n      ".join(page.evaluate(OVERFLOWING, WIDTH)) or "(none found)"
            problems.append(
                f"{kind.name}: {url} is {scroll_width}px wide at {WIDTH}px; sticking out:\n"
                f"      {culprits}"
            )
        screenshot(page, f"{number:02d}-{kind.name}-{WIDTH}x{HEIGHT}")
    problems.extend(f"JavaScript error: {error}" for error in page.js_errors)
    assert not problems, "pages scroll sideways on a phone:\n" + "\n".join(problems)


@pytest.mark.parametrize("javascript", [True, False])
def test_home_page_reaches_the_kejuruan_grid_within_three_phone_screens(
    new_page, live_site, javascript
):
    """The home page shows counts, the nearest deadlines and openings, and links to the full
    lists; the kejuruan grid starts within three screens of a 360x640 phone."""
    page = new_page(WIDTH, HEIGHT, javascript=javascript)
    page.goto(live_site.at(""))
    top = page.evaluate("() => document.getElementById('kejuruan').getBoundingClientRect().top")
    assert top <= 3 * HEIGHT, f"the kejuruan grid starts at {top:.0f}px"
    more = page.locator("#segera ~ p.more a").first.inner_text()
    assert "Kalender" in more

"""A resident finds a course and registers: with JavaScript, without it, and by keyboard only."""

from __future__ import annotations

import re

import openpyxl
import pytest

from catalog.nik import MSG_WRONG_LENGTH
from registrations.rules import MSG_BIRTH_NIK
from tests.e2e.helpers import answers, field_error, fill_form, form_values, screenshot
from tests.e2e.live import Applicant, LiveSite

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RECEIPT_PATH = re.compile(r"/daftar/terima/(KP-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$")
# Each test registers its own NIK: one NIK may register only once per run.
SERIAL_SEARCH_FLOW = 1
SERIAL_NO_JS = 2
SERIAL_KEYBOARD = 3


def submit(page) -> None:
    with page.expect_navigation():
        page.click("button[type=submit]#kirim")


def assert_shows_error(page, name: str, message: str) -> None:
    error = field_error(page, name)
    assert error is not None, f"no error message next to #{name}"
    assert error.message == message
    assert error.described, f"#{name} is not aria-describedby its error message"
    assert error.invalid, f'#{name} lacks aria-invalid="true"'
    assert error.in_summary == message, f"the error summary does not link #{name} with its message"


def registration_number(page) -> str:
    match = RECEIPT_PATH.search(page.url)
    assert match, f"not on a receipt page: {page.url}"
    number = page.locator("#registration-number").inner_text().strip()
    assert number == match.group(1)
    return number


def assert_recorded(live_site: LiveSite, applicant: Applicant, number: str, nik: str) -> dict:
    records = [r for r in live_site.records() if r["id"] == number]
    assert len(records) == 1, f"registration {number} not in the queue file exactly once"
    record = records[0]
    assert record["run_id"] == applicant.run_id
    assert record["status"] == "registered"
    assert record["applicant"]["nik"] == nik
    assert record["applicant"]["full_name"] == applicant.name
    assert record["applicant"]["birth_date"] == applicant.birth_date.isoformat()
    assert record["applicant"]["phone"] == "+6281200000001"
    assert record["applicant"]["village"] == applicant.village
    return record


def make_mistakes_then_register(page, applicant: Applicant, nik: str) -> None:
    """Two failed submits (bad NIK; NIK disagreeing with the birth date), then the right one."""
    bad_nik = nik[:-2]  # 14 digits
    typed = answers(applicant, nik=bad_nik)
    fill_form(page, typed)
    submit(page)
    assert_shows_error(page, "nik", MSG_WRONG_LENGTH.format(count=14))
    assert form_values(page) == typed, "the form lost what the applicant typed"

    wrong_birth = applicant.birth_date.replace(day=applicant.birth_date.day + 1).strftime(
        "%d-%m-%Y"
    )
    typed = answers(applicant, nik=nik, birth_date=wrong_birth)
    page.fill("#nik", nik)
    page.fill("#birth_date", wrong_birth)
    submit(page)
    assert_shows_error(page, "birth_date", MSG_BIRTH_NIK)
    assert field_error(page, "nik") is None
    assert form_values(page) == typed, "the form lost what the applicant typed"
    assert page.locator("#consent").is_checked(), "the consent tick was lost"

    page.fill("#birth_date", applicant.birth_text)
    submit(page)


def test_search_course_register_and_export(new_page, live_site, applicant, tmp_path):
    page = new_page()
    page.goto(live_site.url)
    label = applicant.kejuruan_label

    # The header search box (Pagefind, loaded when the box is focused): type the kejuruan, then
    # pick the course from the results, showing more results while it is not shown yet. Each
    # result shows its center and kecamatan.
    search = page.locator("#pencarian-q")
    search.click()
    search.press_sequentially(label, delay=20)
    page.wait_for_selector(".pencarian-hasil__satu")
    result = page.locator(f"a.pencarian-hasil__judul[href$='/{applicant.course_url}']")
    more = page.locator("button.pencarian-hasil__lagi", has_text="Tampilkan lebih banyak")
    for _ in range(20):
        if result.count() or more.is_hidden():
            break
        more.click()
        page.wait_for_timeout(200)
    shown = page.locator(".pencarian-hasil__satu", has=result).inner_text()
    assert f"Pusat: {applicant.run.center.name}" in shown
    result.click()
    page.wait_for_url(re.compile(re.escape(applicant.course_url) + "$"))
    page.wait_for_selector("table.runs")

    daftar = page.locator(f"a.daftar-button[data-run-id='{applicant.run_id}']")
    daftar.wait_for(state="visible")
    daftar.click()
    page.wait_for_url(re.compile(re.escape(f"/daftar/{applicant.run_id}") + "$"))

    nik = applicant.nik(SERIAL_SEARCH_FLOW)
    make_mistakes_then_register(page, applicant, nik)
    number = registration_number(page)
    assert page.locator("h1").inner_text().strip() == "Pendaftaran tercatat"
    assert page.js_errors == [], f"JavaScript errors: {page.js_errors}"

    assert_recorded(live_site, applicant, number, nik)

    out = tmp_path / "pendaftar.xlsx"
    result = live_site.katalog(
        "queue", "export", "--format", "xlsx", "--queue", str(live_site.queue_path),
        "--run", applicant.run_id, "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    workbook = openpyxl.load_workbook(out, read_only=True)
    cells = [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None and str(cell.value) == nik
    ]
    workbook.close()
    assert cells, "the NIK is not in the export"
    assert all(isinstance(cell.value, str) for cell in cells), "the NIK was stored as a number"


def test_register_without_javascript(new_page, live_site, applicant):
    page = new_page(javascript=False)
    page.goto(live_site.at(applicant.course_url))
    daftar = page.locator(f"a.daftar-button[data-run-id='{applicant.run_id}']")
    assert daftar.is_visible(), "the Daftar button of an open run needs JavaScript to show"
    with page.expect_navigation():
        daftar.click()
    assert page.url == live_site.at(applicant.form_url)

    nik = applicant.nik(SERIAL_NO_JS)
    make_mistakes_then_register(page, applicant, nik)
    number = registration_number(page)
    assert_recorded(live_site, applicant, number, nik)
    screenshot(page, "tanpa-javascript-bukti")


# -- keyboard only ----------------------------------------------------------------------------

FOCUS_STYLE = """selector => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    return {match: el.matches(selector), outline, shadow,
            style: style.outlineStyle + ' ' + style.outlineWidth + ' / ' + style.boxShadow};
}"""


def tab_to(page, target: str, *, max_presses: int = 150) -> None:
    """Press Tab until ``target`` (an id, or a CSS selector) has focus; focus must be visible."""
    selector = target if any(c in target for c in "#.[ ") else f"#{target}"
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE, selector)
        if focus["match"]:
            assert focus["outline"] or focus["shadow"], (
                f"{selector} has no visible focus indicator ({focus['style']})"
            )
            return
    raise AssertionError(f"Tab never reached {selector}")


def choose(page, element_id: str, value: str, *, max_presses: int = 400) -> None:
    """Pick an option of a focused closed <select> with the arrow keys."""
    for _ in range(max_presses):
        if page.input_value(f"#{element_id}") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"ArrowDown never selected {value!r} in #{element_id}")


def type_into(page, element_id: str, text: str) -> None:
    tab_to(page, element_id)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def pick_radio(page, name: str, value: str) -> None:
    """Tab into the radio group, then move with the arrow keys; Space checks the focused one."""
    first = page.locator(f"input[name='{name}']").first.get_attribute("id")
    tab_to(page, first)
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == value:
            page.keyboard.press("Space")
            assert page.locator(f"input[name='{name}'][value='{value}']").is_checked()
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"arrow keys never reached {name}={value}")


def keyboard_fill(page, values: dict[str, str]) -> None:
    """Every field in page order, with keys only. Leaves the consent box unticked."""
    type_into(page, "full_name", values["full_name"])
    type_into(page, "nik", values["nik"])
    type_into(page, "birth_date", values["birth_date"])
    pick_radio(page, "gender", values["gender"])
    type_into(page, "phone", values["phone"])
    tab_to(page, "village")
    choose(page, "village", values["village"])
    type_into(page, "address", values["address"])
    tab_to(page, "education")
    choose(page, "education", values["education"])
    tab_to(page, "employment_status")
    choose(page, "employment_status", values["employment_status"])
    pick_radio(page, "dtks", values["dtks"])


def test_register_with_keyboard_only(new_page, live_site, applicant):
    page = new_page()
    page.goto(live_site.at(applicant.course_url))
    tab_to(page, f"a.daftar-button[data-run-id='{applicant.run_id}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == live_site.at(applicant.form_url)

    nik = applicant.nik(SERIAL_KEYBOARD)
    keyboard_fill(page, answers(applicant, nik=nik))
    tab_to(page, "kirim")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Consent was not given: the summary takes focus and says so; the rest is kept.
    page.wait_for_function("() => document.activeElement && document.activeElement.id")
    assert page.evaluate("() => document.activeElement.id") == "error-summary"
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    error = field_error(page, "consent")
    assert error is not None and error.in_summary == error.message
    assert page.input_value("#nik") == nik

    # From the summary, Tab reaches its link; Enter moves focus to the check box; Space ticks it.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#consent"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'consent'")
    page.keyboard.press("Space")
    assert page.locator("#consent").is_checked()
    tab_to(page, "kirim")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    number = registration_number(page)
    assert_recorded(live_site, applicant, number, nik)

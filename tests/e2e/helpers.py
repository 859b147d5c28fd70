"""Page helpers shared by the browser tests: filling the form, reading errors, axe, screenshots."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import axe_playwright_python

from tests.e2e.live import SCREENSHOTS, Applicant

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = ("serious", "critical")

TEXT_FIELDS = ("full_name", "nik", "birth_date", "phone", "email", "address", "disability",
               "motivation")  # fmt: skip
SELECT_FIELDS = ("village", "education", "employment_status")
RADIO_FIELDS = ("gender", "dtks")


def answers(applicant: Applicant, *, nik: str, birth_date: str | None = None) -> dict[str, str]:
    """What the fake applicant types; ``birth_date`` overrides the correct one."""
    return {
        "full_name": applicant.name,
        "nik": nik,
        "birth_date": birth_date or applicant.birth_text,
        "gender": applicant.gender,
        "phone": applicant.phone,
        "email": "",
        "village": applicant.village,
        "address": applicant.address,
        "education": applicant.education,
        "employment_status": applicant.employment_status,
        "dtks": applicant.dtks,
        "disability": "",
        "motivation": "Ingin membuka usaha sendiri.",
    }


def fill_form(page, values: dict[str, str], *, consent: bool = True) -> None:
    """Fill the registration form with Playwright's actions (works with JavaScript off too)."""
    for name in TEXT_FIELDS:
        if name in values:
            page.fill(f"#{name}", values[name])
    for name in SELECT_FIELDS:
        if name in values:
            page.select_option(f"#{name}", values[name])
    for name in RADIO_FIELDS:
        if name in values:
            page.check(f"input[name='{name}'][value='{values[name]}']")
    if consent:
        page.check("#consent")
    else:
        page.uncheck("#consent")


def form_values(page) -> dict[str, str]:
    """What the form currently holds, keyed like :func:`answers`."""
    values = {name: page.input_value(f"#{name}") for name in (*TEXT_FIELDS, *SELECT_FIELDS)}
    for name in RADIO_FIELDS:
        checked = page.locator(f"input[name='{name}']:checked")
        values[name] = checked.get_attribute("value") if checked.count() else ""
    return values


@dataclass(frozen=True)
class FieldError:
    message: str  # the text next to the field, without the hidden "Kesalahan: " prefix
    described: bool  # the control's aria-describedby points at the message
    invalid: bool  # aria-invalid="true" on the control
    in_summary: str | None  # the summary link's text that points at "#<name>", if any


def field_error(page, name: str) -> FieldError | None:
    """The error shown for one field, read the way a screen reader would find it."""
    message = page.locator(f"#{name}-error")
    if message.count() == 0:
        return None
    text = re.sub(r"^\s*Kesalahan:\s*", "", message.inner_text()).strip()
    control = page.locator(f"#{name}")
    described_by = described_by_ids(control)
    link = page.locator(f"#error-summary a[href='#{name}']")
    return FieldError(
        message=text,
        described=f"{name}-error" in described_by,
        invalid=control.get_attribute("aria-invalid") == "true",
        in_summary=link.inner_text().strip() if link.count() else None,
    )


DESCRIBED_BY = """el => [el, el.closest('fieldset')]
    .filter(Boolean)
    .flatMap(e => (e.getAttribute('aria-describedby') || '').split(/\\s+/))
    .filter(Boolean)"""


def described_by_ids(control) -> list[str]:
    """Ids in aria-describedby of the control and of its <fieldset> (radio groups)."""
    return control.evaluate(DESCRIBED_BY)


def screenshot(page, name: str) -> Path:
    """A full-page PNG in test-artifacts/screenshots/ (kept by CI as an artefact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# -- axe-core ---------------------------------------------------------------------------------

_AXE_SOURCE: str | None = None


def run_axe(page) -> list[dict]:
    """axe-core's violations for the current page (WCAG 2.2 AA rules and best practices).

    axe ships inside axe-playwright-python (no network). The script is evaluated through the
    DevTools protocol, so the page's Content-Security-Policy does not get in the way.
    """
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = AXE_JS.read_text(encoding="utf-8")
    page.evaluate(_AXE_SOURCE)
    result = page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        AXE_TAGS,
    )
    return result["violations"]


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]


def describe_violations(page_name: str, url: str, violations: list[dict]) -> str:
    """One readable block per violation: rule, impact, help, and the elements it hit."""
    lines = []
    for violation in violations:
        lines.append(
            f"[{page_name}] {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f"\n    page: {url}\n    help: {violation['helpUrl']}"
        )
        for node in violation["nodes"][:8]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            lines.append(f"    - {target}\n      {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    ... and {len(violation['nodes']) - 8} more elements")
    return "\n".join(lines)


# -- one page of every type -------------------------------------------------------------------


@dataclass(frozen=True)
class PageType:
    name: str
    path: str  # site-relative
    status: int = 200
    submit_empty: bool = False  # submit the form untouched to get every error message


def page_types(applicant: Applicant, receipt_path: str) -> list[PageType]:
    """One page of each kind a resident or applicant sees, for the layout and axe checks."""
    return [
        PageType("beranda", ""),
        PageType("kursus", applicant.course_url),
        PageType("pusat", applicant.center_url),
        PageType("kejuruan", applicant.kejuruan_url),
        PageType("kecamatan", applicant.kecamatan_url),
        PageType("kalender", "kalender/"),
        PageType("cari", "cari/?kelurahan=3671021004&usia=24&jk=P&dtks=tidak"),
        PageType("pelatihan", "pelatihan/?mode=daring&biaya=gratis"),
        PageType("tentang", "tentang/"),
        PageType("data-terbuka", "data-terbuka/"),
        PageType("capaian", "capaian/"),
        PageType("capaian-program", "capaian/blk-setiap-kelurahan-kota-tangerang/"),
        PageType("kelurahan", "kelurahan/3671011001-sukarasa/"),
        PageType("poster", f"poster/{applicant.run_id}.html"),
        PageType("formulir", applicant.form_url),
        PageType("formulir-salah", applicant.form_url, status=422, submit_empty=True),
        PageType("bukti", receipt_path),
        PageType("status", "daftar/status"),
        PageType("404", "halaman-yang-tidak-ada/", status=404),
    ]


def open_page(page, url: str, kind: PageType) -> None:
    """Load the page (and submit the empty form for "formulir-salah"); check the status."""
    response = page.goto(url)
    if kind.submit_empty:
        with page.expect_navigation() as navigation:
            page.click("button[type=submit]#kirim")
        response = navigation.value
    assert response is not None
    assert response.status == kind.status, f"{kind.name}: HTTP {response.status} for {url}"
    page.wait_for_load_state("load")

"""axe-core (WCAG 2.2 AA and best practices) on every page type, plus the form's own promises."""

from __future__ import annotations

import pytest

from tests.e2e.helpers import (
    blocking,
    describe_violations,
    described_by_ids,
    open_page,
    page_types,
    run_axe,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_axe_finds_no_serious_or_critical_violation(new_page, live_site, applicant, receipt_path):
    """All pages are checked before the assertion, so one run lists every violation."""
    page = new_page()
    serious, minor, problems = [], [], []
    for kind in page_types(applicant, receipt_path):
        url = live_site.at(kind.path)
        open_page(page, url, kind)
        lang = page.evaluate("() => document.documentElement.getAttribute('lang')")
        if lang != "id":
            problems.append(f'{kind.name}: <html lang="{lang}"> at {url}, expected lang="id"')
        violations = run_axe(page)
        found = blocking(violations)
        if found:
            serious.append(describe_violations(kind.name, url, found))
        others = [v for v in violations if v not in found]
        if others:
            minor.append(describe_violations(kind.name, url, others))
    if minor:  # shown by pytest with the test's output; not a failure
        print("\naxe-core, minor and moderate violations:\n" + "\n".join(minor))
    if problems or serious:
        pytest.fail(
            "\n".join([*problems, "axe-core, serious and critical violations:", *serious]),
            pytrace=False,
        )


FIELD_NAMES = (
    "full_name", "nik", "birth_date", "gender", "phone", "email", "village", "address",
    "education", "employment_status", "dtks", "disability", "motivation", "consent",
)  # fmt: skip


def test_every_field_has_a_label_and_its_error_is_tied_to_it(new_page, live_site, applicant):
    page = new_page()
    kind = next(k for k in page_types(applicant, "") if k.name == "formulir-salah")
    open_page(page, live_site.at(kind.path), kind)
    problems = []
    for name in FIELD_NAMES:
        control = page.locator(f"#{name}")
        if control.count() != 1:
            problems.append(f"#{name}: {control.count()} elements with this id")
            continue
        # The accessible name comes from a <label for> (radios: plus the group's <legend>).
        label = page.locator(f"label[for='{name}']")
        if label.count() == 0 or not label.first.inner_text().strip():
            problems.append(f"#{name}: no visible <label for='{name}'>")
        described = described_by_ids(control)
        error = page.locator(f"#{name}-error")
        if error.count() == 0:
            continue  # optional fields have no error when left empty
        if f"{name}-error" not in described:
            problems.append(f"#{name}: aria-describedby {described} misses #{name}-error")
        if control.get_attribute("aria-invalid") != "true":
            problems.append(f'#{name}: error shown but no aria-invalid="true"')
        if page.locator(f"#error-summary a[href='#{name}']").count() != 1:
            problems.append(f"#{name}: error not linked from #error-summary")
    required = ("full_name", "nik", "birth_date", "gender", "phone", "village", "address",
                "education", "employment_status", "dtks", "consent")  # fmt: skip
    missing = [name for name in required if page.locator(f"#{name}-error").count() == 0]
    assert not missing, f"an empty form shows no error for {missing}"
    assert not problems, "\n".join(problems)

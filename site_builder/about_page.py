"""The "Tentang & Privasi" page: what the site is, who publishes it, and what happens to data.

The text is the template ``site_builder/templates/about.md``; this module gives it the
publisher, the example-data notice and the addresses it links to.
"""

from __future__ import annotations

from site_builder import ical, source, urls
from site_builder.context import SiteContext

# How long the organisers keep form data is decided by them; the form's privacy notice (owned
# by form_service) states the period. This page must not contradict it, so it refers to it.
# The form service's own notice (form_service: /daftar/privasi).
PRIVACY_PATH = "/daftar/privasi"


def context(ctx: SiteContext) -> dict[str, object]:
    dataset = ctx.catalog.dataset
    url = urls.ABOUT
    notice = dataset.notice or "Data di situs ini adalah contoh untuk uji coba."
    return {
        "publisher": dataset.publisher,
        "notice": notice if dataset.example else "",
        "privacy": ctx.form_url + PRIVACY_PATH,
        "json": urls.relative(url, "katalog.json"),
        "csv": urls.relative(url, "katalog.csv"),
        "ics": urls.relative(url, ical.ALL_RUNS),
    }


def render(ctx: SiteContext) -> str:
    return source.page(
        "about.md",
        context=context(ctx),
        title="Tentang & Privasi",
        description="Tentang katalog pelatihan dan privasi.",
    )

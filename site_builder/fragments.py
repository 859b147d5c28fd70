"""The contexts of things shown on several pages: runs, course cards, places, contacts.

Plain data only; the theme's macros (``overrides/partials/katalog.html``) render them. Stable
hooks those macros give scripts, styles and browser tests:

* every run shown anywhere is an element with class ``run`` and ``data-run-id``,
  ``data-opens``, ``data-closes``, ``data-end`` (ISO dates, WIB) and ``data-status``;
* inside it, ``.run-status`` is the badge (class ``status-<value>``) and ``.run-applicants``
  the applicants against seats (filled from ``--stats`` or the form service);
* course cards are ``li.course-card``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote_plus

from catalog.catalog import CourseRef, RunRef
from catalog.dates import format_date_long, format_range
from catalog.models import Center, Contact
from catalog.status import RunStatus
from site_builder import urls
from site_builder.context import SiteContext

OSM_SEARCH = "https://www.openstreetmap.org/search?query="

Data = dict[str, Any]


def applicants_text(registered: int, quota: int, waitlist: int = 0) -> str:
    """ "45 pendaftar untuk 20 kursi" (the live script writes the same sentence)."""
    text = f"{registered} pendaftar untuk {quota} kursi"
    if waitlist:
        text += f", {waitlist} di daftar tunggu"
    return text


def applicants(ctx: SiteContext, ref: RunRef) -> str:
    """What the ``.run-applicants`` slot shows at build time: from --stats, else nothing (the
    live script fills it)."""
    counts = ctx.counts(ref)
    if counts is None or ctx.status(ref) is RunStatus.FINISHED:
        return ""
    return applicants_text(counts.registered, counts.quota, counts.waitlist)


def registration_note(ctx: SiteContext, ref: RunRef) -> str:
    """One plain sentence about the registration window as seen on the build day."""
    status, reg = ctx.status(ref), ref.run.registration
    if status is RunStatus.UPCOMING:
        return f"Pendaftaran dibuka {format_date_long(reg.opens)}"
    if status is RunStatus.OPEN:
        return f"Daftar paling lambat {format_date_long(reg.closes)}"
    if status is RunStatus.CLOSED:
        return "Pendaftaran sudah ditutup"
    return "Pelatihan sudah selesai"


def run_state(ctx: SiteContext, ref: RunRef) -> Data:
    """What every run element carries: its id, dates and status (see the module docstring)."""
    run, status = ref.run, ctx.status(ref)
    return {
        "id": ref.public_id,
        "opens": run.registration.opens.isoformat(),
        "closes": run.registration.closes.isoformat(),
        "end": ref.end.isoformat(),
        "status": status.value,
        "status_label": status.label,
        "dates": format_range(run.start, ref.end),
        "applicants": applicants(ctx, ref),
        "note": registration_note(ctx, ref),
    }


def run_item(ctx: SiteContext, ref: RunRef, from_url: str, *, show_center: bool = True) -> Data:
    """A run in a list (home page, calendar), linking to its row on the course page."""
    return {
        **run_state(ctx, ref),
        "title": ref.course.title,
        "url": urls.relative(from_url, urls.run(ref)),
        "center": ref.center.name if show_center else "",
        "kecamatan": ctx.district(ref.village).name,
    }


def course_card(ctx: SiteContext, ref: CourseRef, from_url: str) -> Data:
    """A course in a list: title, center, kecamatan, and its most relevant run."""
    nxt = ctx.next_run(ref)
    district = ctx.district(nxt.village if nxt else ref.center.village)
    return {
        "title": ref.course.title,
        "url": urls.relative(from_url, urls.course(ref)),
        "center": ref.center.name,
        "kejuruan": ctx.catalog.kejuruan[ref.course.kejuruan].label,
        "kecamatan": district.name,
        "run": run_state(ctx, nxt) if nxt is not None else None,
    }


def course_cards(ctx: SiteContext, refs: list[CourseRef], from_url: str) -> list[Data]:
    return [course_card(ctx, ref, from_url) for ref in refs]


def map_url(ctx: SiteContext, village: str, address: str | None) -> str:
    """An OpenStreetMap search for the address (if any) and the kelurahan, kecamatan, city."""
    names = [
        r.name for r in reversed(ctx.catalog.regions.ancestors(village)) if r.level != "province"
    ]
    query = ", ".join(([address] if address else []) + names)
    return OSM_SEARCH + quote_plus(query)


def place(ctx: SiteContext, name: str, address: str | None, village: str) -> Data:
    """Name, address, kelurahan/kecamatan/city and a map search."""
    street = address if address and address != name else None
    return {
        "name": name,
        "address": street,
        "region": ctx.catalog.regions.label(village),
        "map": map_url(ctx, village, street),
    }


def run_place(ctx: SiteContext, ref: RunRef) -> Data:
    venue = ref.run.venue
    if venue is not None:
        return place(ctx, venue.name, venue.address, venue.village)
    return center_place(ctx, ref.center)


def center_place(ctx: SiteContext, center: Center) -> Data:
    return place(ctx, center.name, center.address, center.village)


def contact(ctx: SiteContext, center: Center) -> Data:
    """Who answers questions about a center's courses: its own contact, else its agency's
    public office contact (``via`` names the agency), else its note on where to ask."""
    own = center.contact
    agency = ctx.catalog.agencies[center.agency]
    source, via = own, ""
    if not own.reachable and agency.contact.reachable:
        source, via = agency.contact, agency.name
    fallback = (
        f"Kontak belum tercantum. Tanyakan ke {agency.name} atau kantor kelurahan/desa setempat."
    )
    items = contact_items(source)
    return {
        "ways": items,
        "via": via,
        "hours": source.hours or "",
        "note": own.note or ("" if items else fallback),
    }


def contact_items(info: Contact) -> list[Data]:
    """Ways to reach someone, each ``{label, text, href, external}``, most direct first."""
    items = []
    if info.whatsapp:
        digits = "".join(c for c in info.whatsapp if c.isdigit())
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        items.append(
            {"label": "WhatsApp", "text": info.whatsapp, "href": "https://wa.me/" + digits}
        )
    if info.phone:
        tel = "".join(c for c in info.phone if c.isdigit() or c == "+")
        items.append({"label": "Telepon", "text": info.phone, "href": "tel:" + tel})
    if info.email:
        items.append({"label": "Surel", "text": info.email, "href": "mailto:" + info.email})
    if info.website:
        items.append({"label": "Situs web", "text": info.website, "href": info.website})
    if info.instagram:
        handle = info.instagram.lstrip("@")
        items.append(
            {
                "label": "Instagram",
                "text": "@" + handle,
                "href": f"https://www.instagram.com/{handle}/",
            }
        )
    for item in items:
        item["external"] = item["href"].startswith("https://")
    return items

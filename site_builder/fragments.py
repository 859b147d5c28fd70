"""HTML pieces shared by several pages: status badges, run items, course cards, venues.

Stable hooks for scripts, styles and browser tests:

* every run shown anywhere is an element with class ``run`` and ``data-run-id``,
  ``data-opens``, ``data-closes``, ``data-end`` (ISO dates, WIB) and ``data-status``;
* inside it, ``.run-status`` is the badge (class ``status-<value>``) and ``.run-applicants``
  the applicants against seats (filled from ``--stats`` or the form service);
* course cards are ``li.course-card``.
"""

from __future__ import annotations

from urllib.parse import quote_plus

from catalog.catalog import CourseRef, RunRef
from catalog.dates import format_date_long, format_range
from catalog.models import Center
from catalog.status import RunStatus
from site_builder import urls
from site_builder.context import SiteContext
from site_builder.html import attrs, esc, link

OSM_SEARCH = "https://www.openstreetmap.org/search?query="


def run_attrs(ctx: SiteContext, ref: RunRef) -> dict[str, str]:
    run = ref.run
    return {
        "data_run_id": ref.public_id,
        "data_opens": run.registration.opens.isoformat(),
        "data_closes": run.registration.closes.isoformat(),
        "data_end": ref.end.isoformat(),
        "data_status": ctx.status(ref).value,
    }


def status_badge(ctx: SiteContext, ref: RunRef) -> str:
    status = ctx.status(ref)
    return f'<span class="run-status status-{status.value}">{esc(status.label)}</span>'


def applicants_text(registered: int, quota: int, waitlist: int = 0) -> str:
    """ "45 pendaftar untuk 20 kursi" (the live script writes the same sentence)."""
    text = f"{registered} pendaftar untuk {quota} kursi"
    if waitlist:
        text += f", {waitlist} di daftar tunggu"
    return text


def applicants(ctx: SiteContext, ref: RunRef) -> str:
    """The ``.run-applicants`` slot: filled from --stats, else empty for the live script."""
    counts = ctx.counts(ref)
    if counts is None or ctx.status(ref) is RunStatus.FINISHED:
        return '<span class="run-applicants"></span>'
    text = applicants_text(counts.registered, counts.quota, counts.waitlist)
    return f'<span class="run-applicants">{esc(text)}</span>'


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


def run_item(ctx: SiteContext, ref: RunRef, from_url: str, *, show_center: bool = True) -> str:
    """A run as a list item (home page, calendar), linking to its row on the course page."""
    center = f' <span class="run-item__center">{esc(ref.center.name)}</span>' if show_center else ""
    district = ctx.district(ref.village)
    return (
        f"<li{attrs(cls='run run-item', **run_attrs(ctx, ref))}>"
        f"{link(urls.relative(from_url, urls.run(ref)), ref.course.title, cls='run-item__title')}"
        f"{center}"
        f' <span class="run-item__place">Kec. {esc(district.name)}</span>'
        f' <span class="run-item__dates">{esc(format_range(ref.run.start, ref.end))}</span>'
        f" {status_badge(ctx, ref)}"
        f' <span class="run-item__note">{esc(registration_note(ctx, ref))}</span>'
        f" {applicants(ctx, ref)}"
        "</li>"
    )


def course_card(ctx: SiteContext, ref: CourseRef, from_url: str) -> str:
    """A course as a list item: title, center, kecamatan, and its most relevant run."""
    nxt = ctx.next_run(ref)
    district = ctx.district(nxt.village if nxt else ref.center.village)
    kejuruan = ctx.catalog.kejuruan[ref.course.kejuruan]
    parts = [
        f"<li{attrs(cls='course-card')}>",
        link(urls.relative(from_url, urls.course(ref)), ref.course.title, cls="course-card__title"),
        f' <span class="course-card__center">{esc(ref.center.name)}</span>',
        f' <span class="course-card__meta">{esc(kejuruan.label)} · Kec. {esc(district.name)}</span>',
    ]
    if nxt is not None:
        parts.append(
            f" <span{attrs(cls='run course-card__run', **run_attrs(ctx, nxt))}>"
            f"{status_badge(ctx, nxt)} "
            f'<span class="course-card__dates">{esc(format_range(nxt.run.start, nxt.end))}</span>'
            "</span>"
        )
    parts.append("</li>")
    return "".join(parts)


def course_list(ctx: SiteContext, refs: list[CourseRef], from_url: str, empty: str) -> str:
    if not refs:
        return f'<p class="empty">{esc(empty)}</p>'
    items = "\n".join(course_card(ctx, ref, from_url) for ref in refs)
    return f'<ul class="course-list">\n{items}\n</ul>'


def map_url(ctx: SiteContext, village: str, address: str | None) -> str:
    """An OpenStreetMap search for the address (if any) and the kelurahan, kecamatan, city."""
    names = [
        r.name for r in reversed(ctx.catalog.regions.ancestors(village)) if r.level != "province"
    ]
    query = ", ".join(([address] if address else []) + names)
    return OSM_SEARCH + quote_plus(query)


def place(ctx: SiteContext, name: str, address: str | None, village: str) -> str:
    """Name, address, kelurahan/kecamatan/city and a map link, as one HTML fragment."""
    label = ctx.catalog.regions.label(village)
    lines = [f"<strong>{esc(name)}</strong>"]
    if address and address != name:
        lines.append(esc(address))
    lines.append(esc(label))
    mapped = link(
        map_url(ctx, village, address if address != name else None),
        "Lihat di peta (OpenStreetMap)",
        cls="map-link",
        rel="noopener",
    )
    return "<br>".join(lines) + f"<br>{mapped}"


def run_place(ctx: SiteContext, ref: RunRef) -> str:
    venue = ref.run.venue
    if venue is not None:
        return place(ctx, venue.name, venue.address, venue.village)
    return center_place(ctx, ref.center)


def center_place(ctx: SiteContext, center: Center) -> str:
    return place(ctx, center.name, center.address, center.village)

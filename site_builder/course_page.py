"""The page of one course: what is taught, who may apply, where, and a table of its runs.

The context built here is rendered by ``overrides/course.html``; the searchable text (title,
summary, topics, places) is the Markdown body from ``site_builder/templates/course.md``.
"""

from __future__ import annotations

from catalog import eligibility, labels
from catalog.catalog import CourseRef, RunRef
from catalog.dates import format_date_long, format_range
from catalog.models import CertificationBody, Mode
from catalog.status import RunStatus
from site_builder import ical, jsonld, past_outcomes, poster, share, source, urls
from site_builder.context import SiteContext
from site_builder.fragments import Data, contact, run_place, run_state


def duration_text(ref: CourseRef) -> str:
    duration = ref.course.duration
    text = f"{duration.workdays} hari kerja"
    if duration.hours_per_day:
        total = duration.workdays * duration.hours_per_day
        text += f", {duration.hours_per_day} jam sehari (seluruhnya {total} jam)"
    return text


def certificate_text(ref: CourseRef) -> str:
    cert = ref.course.certification
    text = labels.CERTIFICATION[cert.body]
    if cert.scheme:
        text += f" (skema: {cert.scheme})"
    return text


def run_row(ctx: SiteContext, ref: RunRef, page_url: str) -> Data:
    """One row of the runs table (``overrides/partials/katalog.html``, ``run_row``)."""
    run, status = ref.run, ctx.status(ref)
    reg = run.registration
    if status is RunStatus.OPEN:
        deadline = f"Daftar paling lambat {format_date_long(reg.closes)}."
    elif status is RunStatus.UPCOMING:
        deadline = f"Pendaftaran dibuka {format_date_long(reg.opens)}."
    else:
        deadline = ""
    can_apply = status in (RunStatus.OPEN, RunStatus.UPCOMING)
    current = status is not RunStatus.FINISHED
    return {
        **run_state(ctx, ref),
        "anchor": urls.run_anchor(ref),
        "run": run.id,
        "schedule": run.schedule or "",
        "run_note": run.note or "",
        "window": format_range(reg.opens, reg.closes),
        "deadline": deadline,
        "quota": run.quota,
        "cap": run.applicant_cap or 0,
        "place": run_place(ctx, ref),
        # Upcoming runs carry a hidden button that the live script shows on the opening day.
        "register": urls.register(ctx.form_url, ref) if can_apply else "",
        "register_hidden": status is not RunStatus.OPEN,
        "register_label": f"Daftar {ref.course.title} angkatan {run.id}",
        # Only while one can still apply: the message asks to register by the closing date.
        "whatsapp": share.whatsapp_url(ref, ctx.catalog, page_url=ctx.absolute(urls.run(ref)))
        if can_apply
        else "",
        "ics": urls.relative(page_url, ical.run_ics_path(ref)) if current else "",
        "poster": urls.relative(page_url, poster.poster_path(ref)) if current else "",
        "announcement": urls.relative(page_url, urls.announcement(ref))
        if ctx.results_of(ref) is not None
        else "",
    }


# Said before the list of places, by how the course is taught.
PLACE_INTRO = {
    Mode.OFFLINE: "",
    Mode.HYBRID: "Sebagian kelas lewat internet. Pertemuan tatap muka di:",
    Mode.ONLINE: "Kelas lewat internet; tautannya dikirim kepada peserta yang diterima. Alamat "
    "penyelenggara:",
}


def _places(ctx: SiteContext, runs: list[RunRef]) -> list[str]:
    """Where the course meets, as plain text (search finds a course by kelurahan and
    kecamatan); the map links are in the runs table."""
    seen: list[str] = []
    for run_ref in runs:
        venue = run_ref.run.venue or run_ref.center
        parts = [venue.name]
        if venue.address and venue.address != venue.name:
            parts.append(venue.address)
        parts.append(ctx.catalog.regions.label(venue.village))
        text = ", ".join(parts)
        if text not in seen:
            seen.append(text)
    return seen


def _benefits(ref: CourseRef) -> list[str]:
    course = ref.course
    items = []
    mentions_certificate = any("sertifikat" in b.lower() for b in course.benefits)
    if course.certification.body is not CertificationBody.NONE and not mentions_certificate:
        items.append(certificate_text(ref))
    items += list(course.benefits)
    if course.starter_package:
        package = course.starter_package
        items.append(f"Paket usaha untuk {package.best} peserta terbaik: {package.contents}")
    if course.instructors:
        items.append(f"Pengajar: {course.instructors}")
    return items


def _agency(ctx: SiteContext, agency_id: str) -> Data:
    agency = ctx.catalog.agencies[agency_id]
    return {"name": agency.name, "website": agency.website or ""}


def context(ctx: SiteContext, ref: CourseRef) -> Data:
    catalog, course, center = ctx.catalog, ref.course, ref.center
    url = urls.course(ref)
    kejuruan = catalog.kejuruan[course.kejuruan]
    runs = ctx.course_runs(ref)
    districts = []
    for run_ref in runs:
        district = ctx.district(run_ref.village)
        if district not in districts:
            districts.append(district)
    regency = catalog.regions.regency_of(districts[0].code)
    return {
        "title": course.title,
        "summary": course.summary,
        "description": course.description or "",
        "topics": list(course.topics),
        "places_intro": PLACE_INTRO[course.mode],
        "places": _places(ctx, runs),
        "center": {"name": center.name, "url": urls.relative(url, urls.center(center.id))},
        "contact": contact(ctx, center),
        "status_url": urls.status_page(ctx.form_url),
        "kecamatan": [
            {"name": d.name, "url": urls.relative(url, ctx.kecamatan_url(d.code))}
            for d in districts
        ],
        "regency": regency.name if regency else "",
        "fee": labels.rupiah(course.fee),
        "duration": duration_text(ref),
        "mode": labels.MODE[course.mode],
        "certificate": certificate_text(ref),
        "selection": labels.SELECTION[course.selection],
        "kejuruan": {"name": kejuruan.label, "url": urls.relative(url, urls.kejuruan(kejuruan.id))},
        "runs": [run_row(ctx, r, url) for r in runs],
        "past_outcomes": past_outcomes.rows(ctx, ref),
        "results_example": bool(ctx.results and ctx.results.example),
        "eligibility": eligibility.describe(course.eligibility, catalog.regions),
        "groups": [labels.TARGET_GROUP[g] for g in course.eligibility.target_groups],
        "documents": eligibility.documents(course.eligibility),
        "benefits": _benefits(ref),
        "organiser": _agency(ctx, ref.organiser_id),
        "partners": [_agency(ctx, p) for p in course.partners],
        "reviewed": format_date_long(course.reviewed),
        # course.html writes this into <head> as <script type="application/ld+json">
        "jsonld": jsonld.course_data(
            ref, catalog, base_url=ctx.base_url, page_url=ctx.absolute(url)
        ),
    }


def render(ctx: SiteContext, ref: CourseRef) -> str:
    data = context(ctx, ref)
    return source.page(
        "course.md",
        context=data,
        title=f"{ref.course.title} – {ref.center.name}",
        description=ref.course.summary,
        template="course.html",
        hide=["toc"],
    )

"""The page of one training center: what kind of place it is, where, how to reach it, and its
courses. Rendered by ``overrides/center.html``; the body (``templates/center.md``) is the
searchable text."""

from __future__ import annotations

from catalog import labels
from site_builder import source, urls
from site_builder.context import SiteContext
from site_builder.fragments import Data, center_place, contact, course_cards


def facts(ctx: SiteContext, center_id: str, url: str) -> list[Data]:
    """``{label, text, url}`` rows of the center's facts (``url`` empty when not a link)."""
    catalog = ctx.catalog
    center = catalog.centers[center_id]
    district = ctx.district(center.village)
    rows = [
        {"label": "Jenis", "text": labels.CENTER_KIND[center.kind], "url": ""},
        {"label": "Instansi pembina", "text": catalog.agencies[center.agency].name, "url": ""},
        {
            "label": "Kecamatan",
            "text": f"Kecamatan {district.name}",
            "url": urls.relative(url, ctx.kecamatan_url(district.code)),
        },
    ]
    if center.accreditation:
        acc = center.accreditation
        text = labels.ACCREDITATION[acc.status]
        if acc.body:
            text += f" oleh {acc.body}"
        if acc.year:
            text += f" ({acc.year})"
        rows.append({"label": "Akreditasi", "text": text, "url": ""})
    if center.network:
        rows.append({"label": "Jaringan", "text": center.network, "url": ""})
    if center.programme:
        rows.append({"label": "Program", "text": center.programme, "url": ""})
    return rows


def context(ctx: SiteContext, center_id: str) -> Data:
    catalog = ctx.catalog
    center = catalog.centers[center_id]
    url = urls.center(center.id)
    courses = catalog.courses_of_center(center.id)
    courses.sort(key=lambda r: (r.course.title, r.course.id))
    return {
        "name": center.name,
        "description": center.description or "",
        "kind": labels.CENTER_KIND[center.kind],
        "region": catalog.regions.label(center.village),
        "facts": facts(ctx, center_id, url),
        "place": center_place(ctx, center),
        "contact": contact(ctx, center),
        "courses": course_cards(ctx, courses, url),
    }


def render(ctx: SiteContext, center_id: str) -> str:
    center = ctx.catalog.centers[center_id]
    return source.page(
        "center.md",
        context=context(ctx, center_id),
        title=center.name,
        description=center.description or center.name,
        template="center.html",
        hide=["toc"],
    )

"""Every course (/pelatihan/), page by page, with filters whose answers sit in the URL.

Without JavaScript the list is complete over its pages: ``ctx.list_page_size`` courses each
(50), in the order of :meth:`SiteContext.rank` (open registration first), at /pelatihan/,
/pelatihan/halaman/2/, ... with numbered links between them.

``assets/katalog/saring.js`` (these pages only) shows the filter form. Once a filter is set it
reads the data of every course in chunks of ``ctx.list_chunk_size`` (500), in the list's order
(``pelatihan/data/1.json``, ``2.json``, ...; :func:`data_files`), shows the matches of the
first chunk as soon as it arrives, and goes on with the next ones. It writes the choices into
the query string of /pelatihan/ (``?kejuruan=las&tinggal=367102&status=dibuka&mode=daring&
kelompok=perempuan&biaya=gratis``), so the link can be shared; opening such a link applies them.

A chunk holds, for each course, the same card the pages show (:func:`card`: one context for
both, rendered by the same macro, from a ``<template>`` in the browser) and what the filters
compare (:func:`filter_values`)::

    {"v": 1, "total": 10000, "chunks": 20,
     "courses": [{"title": ..., "url": "kursus/<center>/<course>/", "center": ...,
                  "kejuruan": label, "kecamatan": name, "run": {id, opens, closes, end,
                  status, status_label, dates, applicants, note} | null,
                  "filters": {"kejuruan": id, "tinggal": [domicile codes; [] = anyone],
                              "tempat": [kecamatan codes where held], "mode": ...,
                              "kelompok": [target groups], "biaya": "gratis" | "berbayar"}},
                 ...]}

The card's ``url`` is site-relative; the script puts the page's path to the site root before
it. A run's status is the build day's; the script recomputes it for today (katalog.js), as it
does for the cards of the pages.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from catalog.catalog import CourseRef
from catalog.labels import TARGET_GROUP
from catalog.models import Mode, TargetGroup
from catalog.status import RunStatus
from site_builder import source, urls
from site_builder.capaian_page import number as number_text
from site_builder.context import SiteContext
from site_builder.fragments import course_card

# The query parameters, in the order of the form. Values are words of the URL, not labels.
FILTERS = ("kejuruan", "tinggal", "tempat", "status", "mode", "kelompok", "biaya")
MODE_VALUE = {Mode.OFFLINE: "tatap-muka", Mode.ONLINE: "daring", Mode.HYBRID: "campuran"}
MODE_OPTIONS = [("tatap-muka", "Tatap muka"), ("daring", "Daring (lewat internet)"),
                ("campuran", "Campuran (tatap muka dan daring)")]  # fmt: skip
STATUS_OPTIONS = [
    (RunStatus.OPEN.value, "Pendaftaran dibuka"),
    (RunStatus.UPCOMING.value, "Pendaftaran segera dibuka"),
]
# The groups residents ask for first; the others follow in the catalog's order.
GROUP_FIRST = (TargetGroup.WOMEN, TargetGroup.YOUTH, TargetGroup.DTKS, TargetGroup.DISABILITY)
GROUP_OPTIONS = [(g.value, TARGET_GROUP[g]) for g in GROUP_FIRST] + [
    (g.value, TARGET_GROUP[g]) for g in TargetGroup if g not in GROUP_FIRST
]
FEE_OPTIONS = [("gratis", "Gratis"), ("berbayar", "Berbayar")]
NEIGHBOURS = 2  # page links on each side of the current page; the first and last always show


def ordered(ctx: SiteContext) -> list[CourseRef]:
    """Every course in the list's order: open registration first (:meth:`SiteContext.rank`)."""
    return sorted(ctx.course_refs, key=ctx.rank)


def filter_values(ctx: SiteContext, ref: CourseRef) -> dict[str, Any]:
    """What the filters compare for one course (the status is its card's run's)."""
    course = ref.course
    rules = course.eligibility
    held = sorted({r.village[:6] for r in ref.runs()} or {ref.center.village[:6]})
    return {
        "kejuruan": course.kejuruan,
        "tinggal": list(rules.domicile),  # [] = residents of anywhere
        "tempat": held,
        "mode": MODE_VALUE[course.mode],
        "kelompok": [g.value for g in rules.target_groups],
        "biaya": "gratis" if course.fee == 0 else "berbayar",
    }


def card(ctx: SiteContext, ref: CourseRef, from_url: str) -> dict[str, Any]:
    """A course's row, on a page (``from_url``) or in a chunk (``""``: site-relative link)."""
    return course_card(ctx, ref, from_url)


def kecamatan_options(ctx: SiteContext) -> list[dict[str, Any]]:
    """Kecamatan by regency, for the two kecamatan selects (where I live, where it is held)."""
    regions = ctx.catalog.regions
    by_regency: dict[str, list[str]] = defaultdict(list)
    for code in ctx.districts:
        by_regency[code[:4]].append(code)
    return [
        {
            "name": regions[regency].name,
            "options": [
                [code, ctx.districts[code].name]
                for code in sorted(codes, key=lambda c: ctx.districts[c].name)
            ],
        }
        for regency, codes in sorted(by_regency.items())
    ]


def page_count(ctx: SiteContext, courses: int | None = None) -> int:
    courses = len(ctx.course_refs) if courses is None else courses
    return max(1, -(-courses // ctx.list_page_size))


def chunk_count(ctx: SiteContext) -> int:
    return -(-len(ctx.course_refs) // ctx.list_chunk_size)


def pager(ctx: SiteContext, number: int, pages: int, total: int) -> dict[str, Any]:
    """The links between the pages, from page ``number``: the first, the last, and
    :data:`NEIGHBOURS` on each side of this one; ``gap`` where numbers are left out."""
    url = urls.course_list(number)

    def link(n: int) -> str:
        return urls.relative(url, urls.course_list(n))

    shown = {1, pages, *range(number - NEIGHBOURS, number + NEIGHBOURS + 1)}
    links: list[dict[str, Any]] = []
    for n in sorted(n for n in shown if 1 <= n <= pages):
        if links and n > links[-1]["number"] + 1:
            links.append({"number": 0, "gap": True})
        links.append({"number": n, "url": link(n), "current": n == number, "gap": False})
    size = ctx.list_page_size
    return {
        "number": number,
        "count": pages,
        "from": number_text((number - 1) * size + 1),
        "to": number_text(min(number * size, total)),
        "previous": link(number - 1) if number > 1 else "",
        "next": link(number + 1) if number < pages else "",
        "links": links,
    }


def render_pages(ctx: SiteContext) -> dict[str, str]:
    """Every page of the list, by site URL (page 1 is /pelatihan/)."""
    refs = ordered(ctx)
    total = len(refs)
    pages = page_count(ctx, total)
    kejuruan = sorted(ctx.catalog.kejuruan.values(), key=lambda k: k.label)
    shared = {
        "kejuruan": [[k.id, k.label] for k in kejuruan],
        "kecamatan": kecamatan_options(ctx),
        "status": STATUS_OPTIONS,
        "mode": MODE_OPTIONS,
        "kelompok": GROUP_OPTIONS,
        "biaya": FEE_OPTIONS,
        "total": total,
        "total_text": number_text(total),
        "page_size": ctx.list_page_size,
        "chunks": chunk_count(ctx),
    }
    size = ctx.list_page_size
    result = {}
    for number in range(1, pages + 1):
        url = urls.course_list(number)
        data = {
            **shared,
            "courses": [card(ctx, ref, url) for ref in refs[(number - 1) * size : number * size]],
            "pager": pager(ctx, number, pages, total),
            "links": {
                "first": urls.relative(url, urls.COURSES),
                "root": urls.relative(url, urls.HOME),
                "data": urls.relative(url, urls.COURSE_DATA),
                "kejuruan": urls.relative(url, urls.KEJURUAN_INDEX),
                "kecamatan": urls.relative(url, urls.KECAMATAN_INDEX),
                "cari": urls.relative(url, urls.CARI),
            },
        }
        title = "Semua pelatihan"
        if pages > 1:
            title += f" (halaman {number} dari {pages})"
        result[url] = source.page(
            "pelatihan.md",
            context=data,
            title=title,
            description="Semua pelatihan kerja di Kota Tangerang, Kabupaten Tangerang dan Kota "
            "Serang, bisa disaring menurut kejuruan, kecamatan, status, cara belajar, kelompok "
            "peserta dan biaya.",
            template="pelatihan.html",
            hide=["toc"],
        )
    return result


def data(ctx: SiteContext) -> list[dict[str, Any]]:
    """The contents of every chunk, in order (see the module docstring)."""
    refs = ordered(ctx)
    size, chunks = ctx.list_chunk_size, chunk_count(ctx)
    return [
        {
            "v": 1,
            "total": len(refs),
            "chunks": chunks,
            "courses": [
                {**card(ctx, ref, urls.HOME), "filters": filter_values(ctx, ref)}
                for ref in refs[start : start + size]
            ],
        }
        for start in range(0, len(refs), size)
    ]


def data_files(ctx: SiteContext) -> dict[str, str]:
    """Every chunk as compact JSON, by site path (``pelatihan/data/<n>.json``)."""
    return {
        urls.course_list_data(n): json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        for n, value in enumerate(data(ctx), start=1)
    }

"""Announcement pages ("Pengumuman hasil seleksi"), one per run with published results, and an
index of them. Built only from the public results file (:mod:`site_builder.results`), never from
the registration store; the pages are left out of search (they have no data-pagefind-body; numbers and masked names are for the
notice board, not for finding people).
"""

from __future__ import annotations

from catalog.catalog import RunRef
from catalog.dates import format_date_long, format_datetime_wib, format_range
from site_builder import source, urls
from site_builder.context import SiteContext
from site_builder.fragments import Data
from site_builder.results import RunResults


def _listed(entries, with_rank: bool) -> list[Data]:
    return [
        {"number": e.number, "name": e.name or "", "rank": e.rank if with_rank else None}
        for e in entries
    ]


def context(ctx: SiteContext, ref: RunRef, results: RunResults) -> Data:
    url = urls.announcement(ref)
    counts = results.counts
    return {
        "title": ref.course.title,
        "run": ref.run.id,
        "center": {"name": ref.center.name, "url": urls.relative(url, urls.center(ref.center.id))},
        "course_url": urls.relative(url, urls.run(ref)),
        "dates": format_range(ref.run.start, ref.end),
        "start": format_date_long(ref.run.start),
        "quota": ref.run.quota,
        "counts": [
            {"label": "Pendaftar", "value": counts["applicants"]},
            {"label": "Diundang seleksi", "value": counts["invited"]},
            {"label": "Diterima", "value": counts["accepted"]},
            {"label": "Cadangan", "value": counts["reserve"]},
        ],
        "accepted": _listed(results.accepted, with_rank=False),
        "reserve": _listed(results.reserve, with_rank=True),
        "generated": format_datetime_wib(ctx.results.generated_at) if ctx.results else "",
        "status_url": urls.status_page(ctx.form_url),
        "contact_url": urls.relative(url, urls.center(ref.center.id)) + "#kontak",
    }


def render(ctx: SiteContext, ref: RunRef) -> str:
    results = ctx.results_of(ref)
    assert results is not None
    return source.page(
        "announcement.md",
        context=context(ctx, ref, results),
        title=f"Pengumuman hasil seleksi: {ref.course.title}, angkatan {ref.run.id}",
        description=f"Hasil seleksi {ref.course.title} angkatan {ref.run.id} di {ref.center.name}.",
        template="announcement.html",
        hide=["toc", "navigation"],
    )


def index(ctx: SiteContext) -> str:
    url = urls.ANNOUNCEMENTS
    runs = [
        {
            "title": ref.course.title,
            "run": ref.run.id,
            "center": ref.center.name,
            "dates": format_range(ref.run.start, ref.end),
            "url": urls.relative(url, urls.announcement(ref)),
        }
        for ref in ctx.announced
    ]
    return source.page(
        "announcements.md",
        context={"runs": runs, "status_url": urls.status_page(ctx.form_url)},
        title="Pengumuman hasil seleksi",
        description="Daftar peserta yang diterima dan cadangan per angkatan pelatihan.",
        template="announcements.html",
        hide=["toc"],
    )

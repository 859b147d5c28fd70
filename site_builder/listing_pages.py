"""Pages that list courses and runs: home, kejuruan, kecamatan and the calendar.

Each function builds the page's context; the theme templates (``overrides/home.html``,
``listing.html``, ``calendar.html``, ``kecamatan-index.html``) render it, and the Markdown bodies
come from ``site_builder/templates/``.
"""

from __future__ import annotations

from collections import defaultdict

from catalog.catalog import RunRef
from catalog.dates import month_name
from catalog.status import RunStatus
from site_builder import capaian_page, ical, source, urls
from site_builder.context import SiteContext
from site_builder.fragments import Data, course_cards, run_item

# The home page shows only the nearest deadlines and openings, so that it stays within three
# phone screens before the kejuruan grid whatever the number of runs; the calendar lists all.
HOME_OPEN_LIMIT = 3
HOME_SOON_LIMIT = 2

HOME_DESCRIPTION = (
    "Pelatihan kerja gratis di Kota Tangerang, Kabupaten Tangerang dan Kota Serang: jadwal, "
    "syarat dan pendaftaran."
)


def kejuruan_cards(ctx: SiteContext, url: str) -> list[Data]:
    return [
        {
            "name": kejuruan.label,
            "url": urls.relative(url, urls.kejuruan(kejuruan.id)),
            "count": len(ctx.courses_by_kejuruan.get(kejuruan.id, ())),
            "description": kejuruan.description,
        }
        for kejuruan in sorted(ctx.catalog.kejuruan.values(), key=lambda k: k.label)
    ]


def _run_items(ctx: SiteContext, refs: list[RunRef], url: str) -> list[Data]:
    return [run_item(ctx, r, url) for r in refs]


def home(ctx: SiteContext) -> str:
    url = urls.HOME
    centers, courses, runs = ctx.catalog.counts
    open_runs = sorted(
        (r for r in ctx.run_refs if ctx.status(r) is RunStatus.OPEN),
        key=lambda r: (r.run.registration.closes, r.run.start, r.public_id),
    )
    # Registration opens soon: the nearest openings first.
    soon = sorted(
        (r for r in ctx.run_refs if ctx.status(r) is RunStatus.UPCOMING),
        key=lambda r: (r.run.registration.opens, r.run.start, r.public_id),
    )
    data = {
        "counts": {"centers": centers, "courses": courses, "runs": runs},
        "open": _run_items(ctx, open_runs[:HOME_OPEN_LIMIT], url),
        "open_more": max(0, len(open_runs) - HOME_OPEN_LIMIT),
        "soon": _run_items(ctx, soon[:HOME_SOON_LIMIT], url),
        "soon_more": max(0, len(soon) - HOME_SOON_LIMIT),
        "kejuruan": kejuruan_cards(ctx, url),
        "links": {
            "calendar": urls.relative(url, urls.CALENDAR),
            "kecamatan": urls.relative(url, urls.KECAMATAN_INDEX),
            "open_data": urls.relative(url, urls.OPEN_DATA),
            "json": urls.relative(url, "katalog.json"),
            "csv": urls.relative(url, "katalog.csv"),
            "ics": urls.relative(url, ical.ALL_RUNS),
            "cari": urls.relative(url, urls.CARI),
            "courses": urls.relative(url, urls.COURSES),
        },
    }
    return source.page(
        "home.md",
        context=data,
        title="Beranda",
        description=HOME_DESCRIPTION,
        template="home.html",
        hide=["toc"],
    )


def kejuruan_index(ctx: SiteContext) -> str:
    url = urls.KEJURUAN_INDEX
    return source.page(
        "kejuruan-index.md",
        context={"kejuruan": kejuruan_cards(ctx, url)},
        title="Kejuruan",
        template="kejuruan-index.html",
        hide=["toc"],
    )


def kejuruan_page(ctx: SiteContext, kejuruan_id: str) -> str:
    kejuruan = ctx.catalog.kejuruan[kejuruan_id]
    url = urls.kejuruan(kejuruan_id)
    refs = ctx.courses_by_kejuruan.get(kejuruan_id, [])
    data = {
        "name": kejuruan.label,
        "description": kejuruan.description,
        "courses": course_cards(ctx, refs, url),
        "empty": "Belum ada pelatihan untuk kejuruan ini.",
    }
    return source.page(
        "kejuruan.md",
        context=data,
        title=kejuruan.label,
        description=kejuruan.description,
        template="courses.html",
        hide=["toc"],
    )


def kecamatan_index(ctx: SiteContext) -> str:
    url = urls.KECAMATAN_INDEX
    regions = ctx.catalog.regions
    by_regency: dict[str, list[str]] = defaultdict(list)
    for code in ctx.districts:
        by_regency[code[:4]].append(code)
    groups = []
    for regency_code in sorted(by_regency):
        codes = sorted(by_regency[regency_code], key=lambda c: ctx.districts[c].name)
        groups.append(
            {
                "name": regions[regency_code].name,
                "code": regency_code,
                "kecamatan": [
                    {
                        "name": ctx.districts[code].name,
                        "url": urls.relative(url, ctx.kecamatan_url(code)),
                        "count": len(ctx.courses_by_district.get(code, ())),
                    }
                    for code in codes
                ],
            }
        )
    return source.page(
        "kecamatan-index.md",
        context={"groups": groups},
        title="Kecamatan",
        template="kecamatan-index.html",
    )


def kecamatan_page(ctx: SiteContext, code: str) -> str:
    district = ctx.districts[code]
    url = ctx.kecamatan_url(code)
    regency = ctx.catalog.regions.regency_of(code)
    refs = ctx.courses_by_district.get(code, [])
    centers = [ctx.catalog.centers[c] for c in ctx.centers_by_district.get(code, [])]
    regency_text = f", {regency.name}" if regency else ""
    data = {
        "name": f"Kecamatan {district.name}",
        "regency": regency.name if regency else "",
        "courses": course_cards(ctx, refs, url),
        "courses_heading": "Pelatihan di kecamatan ini",
        "empty": "Belum ada pelatihan yang diadakan di kecamatan ini.",
        "centers": [
            {"name": c.name, "url": urls.relative(url, urls.center(c.id))} for c in centers
        ],
        "villages": [
            {
                "name": f"{(v.kind or 'desa').capitalize()} {v.name}",
                "url": urls.relative(url, ctx.village_url(v.code)),
                "count": sum(len(refs) for refs in ctx.courses_for_residents(v.code)),
            }
            for v in ctx.catalog.regions.children(code)
            if v.code in ctx.villages
        ],
        **capaian_page.area_context(ctx, code, url),
    }
    return source.page(
        "kecamatan.md",
        context=data,
        title=f"Kecamatan {district.name}",
        description=f"Pelatihan kerja gratis di Kecamatan {district.name}{regency_text}.",
        template="courses.html",
        hide=["toc"],
    )


def calendar(ctx: SiteContext) -> str:
    url = urls.CALENDAR
    current = [r for r in ctx.run_refs if ctx.status(r) is not RunStatus.FINISHED]
    months: dict[tuple[int, int], list[RunRef]] = defaultdict(list)
    for ref in current:
        months[(ref.run.start.year, ref.run.start.month)].append(ref)
    data = {
        "ics": urls.relative(url, ical.ALL_RUNS),
        "months": [
            {
                "name": f"{month_name(month)} {year}",
                "anchor": f"bulan-{year}-{month:02d}",
                "runs": _run_items(ctx, refs, url),
            }
            for (year, month), refs in sorted(months.items())
        ],
        "finished": len(ctx.run_refs) - len(current),
    }
    return source.page(
        "calendar.md",
        context=data,
        title="Kalender",
        template="calendar.html",
    )


VILLAGE_LIST_LIMIT = 40  # per list: a page stays small whatever the number of courses


def kelurahan_page(ctx: SiteContext, code: str) -> str:
    """What residents of one kelurahan/desa may join, as far as their address decides; the
    other conditions (age, group, education) are on each course page and in /cari/."""
    village = ctx.villages[code]
    url = ctx.village_url(code)
    regions = ctx.catalog.regions
    district = ctx.district(code)
    kind = (village.kind or "desa").capitalize()
    local, anywhere = ctx.courses_for_residents(code)
    lists = []
    for refs, heading, empty in (
        (local, "Khusus warga wilayah ini", "Belum ada pelatihan khusus untuk warga wilayah ini."),
        (anywhere, "Terbuka untuk warga dari mana saja", ""),
    ):
        if refs or empty:
            lists.append(
                {
                    "heading": heading,
                    "courses": course_cards(ctx, refs[:VILLAGE_LIST_LIMIT], url),
                    "more": max(0, len(refs) - VILLAGE_LIST_LIMIT),
                    "empty": empty,
                }
            )
    data = {
        "name": f"{kind} {village.name}",
        "region": regions.label(code),
        "lists": lists,
        "kecamatan": {
            "name": f"Kecamatan {district.name}",
            "url": urls.relative(url, ctx.kecamatan_url(district.code)),
        },
        "kejuruan": urls.relative(url, urls.KEJURUAN_INDEX),
        **capaian_page.area_context(ctx, code, url),
    }
    return source.page(
        "kelurahan.md",
        context=data,
        title=f"{kind} {village.name}",
        description=f"Pelatihan kerja yang boleh diikuti warga {regions.label(code)}.",
        template="kelurahan.html",
        hide=["toc"],
    )

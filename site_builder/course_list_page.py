"""Every course on one page (/pelatihan/), with filters whose answers sit in the URL.

The list is complete without JavaScript. ``assets/katalog/saring.js`` (this page only) shows
the filter form, narrows the list as the controls change and writes the choices into the
query string (``?kejuruan=las&tinggal=367102&status=dibuka&mode=daring&kelompok=perempuan&
biaya=gratis``), so the link can be shared; opening such a link applies them.

Each course card carries what the filters compare (``data-*`` attributes, see
:data:`FILTERS`); its status is the one of the ``.run`` inside it, which the site's live script
keeps current.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from catalog.catalog import CourseRef
from catalog.labels import TARGET_GROUP
from catalog.models import Mode, TargetGroup
from catalog.status import RunStatus
from site_builder import source, urls
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


def filter_values(ctx: SiteContext, ref: CourseRef) -> list[list[str]]:
    """The card's ``data-*`` attributes as ``[name, value]`` pairs (lists keep the template
    free of Python dict methods, for MiniJinja). Lists are space-separated."""
    course = ref.course
    rules = course.eligibility
    held = sorted({r.village[:6] for r in ref.runs()} or {ref.center.village[:6]})
    return [
        ["kejuruan", course.kejuruan],
        ["tinggal", " ".join(rules.domicile)],  # "" = residents of anywhere
        ["tempat", " ".join(held)],
        ["mode", MODE_VALUE[course.mode]],
        ["kelompok", " ".join(g.value for g in rules.target_groups)],
        ["biaya", "gratis" if course.fee == 0 else "berbayar"],
    ]


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


def render(ctx: SiteContext) -> str:
    url = urls.COURSES
    refs = sorted(ctx.course_refs, key=ctx.rank)
    cards = []
    for ref in refs:
        card = course_card(ctx, ref, url)
        card["filters"] = filter_values(ctx, ref)
        cards.append(card)
    kejuruan = sorted(ctx.catalog.kejuruan.values(), key=lambda k: k.label)
    data = {
        "courses": cards,
        "kejuruan": [[k.id, k.label] for k in kejuruan],
        "kecamatan": kecamatan_options(ctx),
        "status": STATUS_OPTIONS,
        "mode": MODE_OPTIONS,
        "kelompok": GROUP_OPTIONS,
        "biaya": FEE_OPTIONS,
        "links": {
            "kejuruan": urls.relative(url, urls.KEJURUAN_INDEX),
            "kecamatan": urls.relative(url, urls.KECAMATAN_INDEX),
            "cari": urls.relative(url, urls.CARI),
        },
    }
    return source.page(
        "pelatihan.md",
        context=data,
        title="Semua pelatihan",
        description="Semua pelatihan kerja di Kota Tangerang, Kabupaten Tangerang dan Kota "
        "Serang, bisa disaring menurut kejuruan, kecamatan, status, cara belajar, kelompok "
        "peserta dan biaya.",
        template="pelatihan.html",
        hide=["toc"],
    )

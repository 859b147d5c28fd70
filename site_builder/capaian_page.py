"""The Capaian section (``capaian/``): an overview page and one page per programme.

Numbers come from :mod:`site_builder.capaian_data`; the templates ``site_builder/templates/
capaian.md`` and ``overrides/capaian.html`` render them, the bar charts as SVG drawn at build
time (``overrides/partials/bar-chart.html``) from the same numbers as the tables.
"""

from __future__ import annotations

from catalog.models import Programme, TargetKind
from site_builder import source, urls
from site_builder.capaian_data import ProgrammeFigures, programme_figures
from site_builder.context import SiteContext
from site_builder.fragments import Data

INDEX = "capaian/"
BAR_WIDTH = 200  # SVG units of a full bar; the chart scales to the screen width


def programme_url(programme: Programme) -> str:
    return f"{INDEX}{programme.id}/"


def _chart(title: str, bars: list[tuple[str, int, int]]) -> Data:
    """A horizontal bar chart: each bar ``value`` of ``whole``, drawn as a share of it."""
    rows = []
    for i, (label, value, whole) in enumerate(bars):
        share = value / whole if whole else 0.0
        rows.append(
            {
                "label": label,
                "text": f"{value} dari {whole}",
                "y": i * 28,
                "width": round(min(share, 1.0) * BAR_WIDTH, 1),
            }
        )
    return {"title": title, "rows": rows, "height": len(rows) * 28, "full": BAR_WIDTH}


def _summary(f: ProgrammeFigures) -> Data:
    covered_target = f.target(TargetKind.KELURAHAN_COVERED) or f.total.kelurahan_total
    outcomes = None
    if f.announced_runs:
        per_seat = f.applicants / f.accepted if f.accepted else None
        outcomes = {
            "runs": f.announced_runs,
            "applicants": f.applicants,
            "accepted": f.accepted,
            "per_seat": f"{per_seat:.1f}".replace(".", ",") if per_seat is not None else "",
            "completed": f.completed,
            "certified": f.certified,
            "working_or_business": f.working_or_business,
            "starter_packages": f.starter_packages
            if f.target(TargetKind.STARTER_PACKAGES_PER_CLASS)
            else False,
        }
    return {
        "name": f.programme.name,
        "source": f.programme.source,
        "covered": f"{f.total.kelurahan_covered} dari {covered_target} kelurahan",
        "centers": f.total.centers,
        "seats": f.total.seats,
        "runs": len(f.runs),
        "outcomes": outcomes,
    }


def index(ctx: SiteContext) -> str:
    programmes = []
    for programme in ctx.catalog.programmes.values():
        f = programme_figures(ctx, programme)
        programmes.append({**_summary(f), "url": urls.relative(INDEX, programme_url(programme))})
    return source.page(
        "capaian.md",
        context={"programmes": programmes},
        title="Capaian program pelatihan",
        description="Target program pelatihan dibandingkan dengan kursi, kelurahan dan hasil.",
        template="capaian.html",
        hide=["toc"],
    )


def programme_page(ctx: SiteContext, programme: Programme) -> str:
    f = programme_figures(ctx, programme)
    kecamatan = [
        {
            "name": a.name,
            "covered": a.kelurahan_covered,
            "total": a.kelurahan_total,
            "centers": a.centers,
            "seats": a.seats,
        }
        for a in f.kecamatan
    ]
    chart = _chart(
        "Kelurahan yang sudah punya pusat pelatihan, per kecamatan",
        [(a.name, a.kelurahan_covered, a.kelurahan_total) for a in f.kecamatan],
    )
    return source.page(
        "capaian.md",
        context={
            "programme": _summary(f),
            "kecamatan": kecamatan,
            "chart": chart,
            "index_url": urls.relative(programme_url(programme), INDEX),
        },
        title=programme.name,
        description=f"Capaian {programme.name}.",
        template="capaian.html",
        hide=["toc"],
    )

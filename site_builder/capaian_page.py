"""The Capaian section (``capaian/``): an overview page and one page per programme, and the
short Capaian block of the kecamatan and kelurahan pages.

Numbers come from :mod:`site_builder.capaian_data` (``ctx.capaian``); the templates
``site_builder/templates/capaian.md``, ``overrides/capaian.html`` and the partials
``capaian-facts.html``, ``capaian-area.html``, ``bar-chart.html`` and ``hidden-count.html``
render them, the bar charts as SVG drawn at build time from the same numbers as the tables. A
hidden count stays ``None`` here; only the ``count`` macro of ``hidden-count.html`` decides
how it reads ("disembunyikan": small or hidden with a small one, never "< 5").
"""

from __future__ import annotations

from typing import Any

from catalog.models import Programme, TargetKind
from site_builder import source, urls
from site_builder.capaian_data import AreaFigures, Outcomes, ProgrammeFigures
from site_builder.context import SiteContext
from site_builder.fragments import Data

INDEX = "capaian/"
BAR_WIDTH = 320  # SVG units of a full bar; the chart scales to the screen width
ROW_HEIGHT = 38  # a label line above each bar, so long labels fit a phone


def programme_url(programme: Programme) -> str:
    return f"{INDEX}{programme.id}/"


def number(n: int) -> str:
    """12000 -> "12.000" (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


def _chart(title: str, bars: list[tuple[str, int | None, int]]) -> Data:
    """A horizontal bar chart: each bar ``value`` of ``whole``, drawn as a share of it; a
    hidden value (``None``) has no bar and reads like in the tables."""
    rows = []
    for i, (label, value, whole) in enumerate(bars):
        share = value / whole if whole and value is not None else 0.0
        rows.append(
            {
                "label": label,
                "value": value,
                "whole": whole,
                "y": i * ROW_HEIGHT,
                "width": round(min(share, 1.0) * BAR_WIDTH, 1),
            }
        )
    return {"title": title, "rows": rows, "height": len(rows) * ROW_HEIGHT, "full": BAR_WIDTH}


def _per_seat(o: Outcomes) -> str:
    return f"{o.per_seat:.1f}".replace(".", ",") if o.per_seat is not None else ""


def _outcomes(o: Outcomes | None, starter: bool) -> Data | None:
    if o is None:
        return None
    return {
        "runs": o.runs,
        "applicants": o.applicants,
        "accepted": o.accepted,
        "seats": o.seats,
        "per_seat": _per_seat(o),
        "completed": o.completed,
        "certified": o.certified,
        "working_or_business": o.working_or_business,
        "starter_packages": o.starter_packages if starter else False,
    }


def _covered_target(f: ProgrammeFigures) -> int:
    return f.target(TargetKind.KELURAHAN_COVERED) or f.total.kelurahan_total


def _summary(f: ProgrammeFigures) -> Data:
    starter = f.target(TargetKind.STARTER_PACKAGES_PER_CLASS) is not None
    return {
        "name": f.programme.name,
        "source": f.programme.source,
        "covered": f"{f.total.kelurahan_covered} dari {_covered_target(f)} kelurahan",
        "centers": f.total.centers,
        "seats": f.total.seats,
        "runs": f.total.runs,
        "outcomes": _outcomes(f.total.outcomes, starter),
    }


def _at_least(areas: list[AreaFigures], attr: str, value: int) -> int:
    return sum(1 for a in areas if getattr(a, attr) >= value)


def target_rows(f: ProgrammeFigures) -> list[Data]:
    """Each target of the programme against what the catalog and the published results show.
    ``now`` is a list of (label, value): a value is text, or a count (``None`` when hidden)."""
    rows = []
    t = f.total
    o = t.outcomes
    no_results: list[tuple[str, Any]] = [("Hasil", "belum ada angkatan yang hasilnya diumumkan")]
    for target in f.programme.targets:
        v = target.value
        kind = target.kind
        now: list[tuple[str, Any]]
        if kind is TargetKind.KELURAHAN_COVERED:
            label = "Kelurahan yang punya pusat pelatihan"
            promised = f"{number(v)} kelurahan" if v else "tidak disebut"
            now = [("Sekarang", f"{t.kelurahan_covered} dari {_covered_target(f)} kelurahan")]
        elif kind is TargetKind.COURSES_PER_KELURAHAN:
            label = "Pelatihan di setiap kelurahan"
            promised = f"paling sedikit {v} pelatihan" if v else "tidak disebut"
            done = _at_least(f.kelurahan, "courses", v or 1)
            now = [("Kelurahan yang sudah", f"{done} dari {t.kelurahan_total} kelurahan")]
        elif kind is TargetKind.SEATS_PER_COURSE:
            label = "Kursi setiap angkatan"
            promised = f"{v} kursi" if v else "tidak disebut"
            now = [("Angkatan yang sudah", f"{t.seats_per_run_ok} dari {t.runs} angkatan")]
        elif kind is TargetKind.CENTERS_PER_KELURAHAN:
            label = "Pusat pelatihan di setiap kelurahan"
            promised = f"{v} per kelurahan" if v else "tidak disebut"
            done = _at_least(f.kelurahan, "centers", v or 1)
            now = [("Kelurahan yang sudah", f"{done} dari {t.kelurahan_total} kelurahan")]
        elif kind is TargetKind.CENTERS_PER_KECAMATAN:
            label = "Pusat pelatihan di setiap kecamatan"
            promised = f"{v} per kecamatan" if v else "tidak disebut"
            done = _at_least(f.kecamatan, "centers", v or 1)
            now = [("Kecamatan yang sudah", f"{done} dari {len(f.kecamatan)} kecamatan")]
        elif kind is TargetKind.ACCREDITED_CENTERS:
            label = "Pusat pelatihan terakreditasi"
            promised = f"{v} pusat" if v else "jumlahnya tidak disebut"
            now = [("Di katalog", f"{t.accredited} dari {t.centers} pusat pelatihan")]
        elif kind is TargetKind.PEOPLE_TRAINED:
            label = "Warga dilatih"
            promised = f"{number(v)} orang" if v else "tidak disebut"
            now = [("Diterima", o.accepted), ("Lulus", o.completed)] if o else no_results
        elif kind is TargetKind.PEOPLE_TRAINED_PER_YEAR:
            label = "Warga dilatih setiap tahun"
            promised = f"{number(v)} orang per tahun" if v else "tidak disebut"
            now = [
                item
                for year, y in f.by_year.items()
                for item in ((f"Diterima {year}", y.accepted), (f"Lulus {year}", y.completed))
            ] or no_results
        elif kind is TargetKind.STARTER_PACKAGES_PER_CLASS:
            label = "Paket usaha untuk peserta terbaik"
            promised = f"{v} peserta terbaik setiap kelas" if v else "tidak disebut"
            now = (
                [
                    ("Kelas yang hasilnya diumumkan", o.runs),
                    ("Paket usaha diterima", o.starter_packages),
                    ("Yang dijanjikan untuk kelas itu", (v or 0) * o.runs),
                ]
                if o
                else no_results
            )
        else:  # TargetKind.ALUMNI_IN_BUSINESS
            label = "Alumni yang berwirausaha"
            promised = f"{number(v)} orang" if v else "jumlahnya tidak disebut"
            now = [("Berwirausaha 6 bulan setelah pelatihan", o.self_employed)] if o else no_results
        if target.until:
            promised += f" (sampai {target.until})"
        if target.baseline is not None:
            promised += f"; saat diumumkan {number(target.baseline)}"
        rows.append({"kind": kind.value, "label": label, "promised": promised, "now": now,
                     "note": target.note or ""})  # fmt: skip
    return rows


def _area_row(a: AreaFigures) -> Data:
    o = a.outcomes
    return {
        "code": a.code,
        "name": a.name,
        "district": a.district,
        "covered": a.kelurahan_covered,
        "total": a.kelurahan_total,
        "centers": a.centers,
        "courses": a.courses,
        "seats": a.seats,
        "accepted": o.accepted if o else "",
        "completed": o.completed if o else "",
        "certified": o.certified if o else "",
        "working_or_business": o.working_or_business if o else "",
        "has_outcomes": o is not None,
    }


def _outcome_chart(f: ProgrammeFigures) -> Data | None:
    o = f.total.outcomes
    if o is None or not o.accepted:
        return None
    return _chart(
        "Hasil peserta dibandingkan dengan yang diterima",
        [
            ("Lulus", o.completed, o.accepted),
            ("Bersertifikat", o.certified, o.accepted),
            ("Bekerja atau berwirausaha", o.working_or_business, o.accepted),
        ],
    )


def _results_example(ctx: SiteContext) -> bool:
    return bool(ctx.results and ctx.results.example)


def index(ctx: SiteContext) -> str:
    programmes = []
    for programme in ctx.catalog.programmes.values():
        f = ctx.capaian[programme.id]
        programmes.append({**_summary(f), "url": urls.relative(INDEX, programme_url(programme))})
    return source.page(
        "capaian.md",
        context={
            "programmes": programmes,
            "results_example": _results_example(ctx),
            "open_data_url": urls.relative(INDEX, urls.OPEN_DATA),
        },
        title="Capaian program pelatihan",
        description="Target program pelatihan dibandingkan dengan kursi, kelurahan dan hasil.",
        template="capaian.html",
        hide=["toc"],
    )


def programme_page(ctx: SiteContext, programme: Programme) -> str:
    f = ctx.capaian[programme.id]
    url = programme_url(programme)
    chart = _chart(
        "Kelurahan yang sudah punya pusat pelatihan, per kecamatan",
        [(a.name, a.kelurahan_covered, a.kelurahan_total) for a in f.kecamatan],
    )
    kelurahan = []
    if f.per_kelurahan:
        kelurahan = [
            {**_area_row(a), "url": urls.relative(url, ctx.village_url(a.code))}
            if a.code in ctx.villages
            else _area_row(a)
            for a in f.kelurahan
        ]
    return source.page(
        "capaian.md",
        context={
            "programme": _summary(f),
            "targets": target_rows(f),
            "kecamatan": [_area_row(a) for a in f.kecamatan],
            "area_outcomes": any(a.outcomes for a in (*f.kecamatan, *f.kelurahan)),
            "kelurahan": kelurahan,
            "chart": chart,
            "outcome_chart": _outcome_chart(f),
            "index_url": urls.relative(url, INDEX),
            "results_example": _results_example(ctx),
            "open_data_url": urls.relative(url, urls.OPEN_DATA),
        },
        title=programme.name,
        description=f"Capaian {programme.name}.",
        template="capaian.html",
        hide=["toc"],
    )


def area_blocks(ctx: SiteContext, code: str, page_url: str) -> list[Data]:
    """The Capaian block of a kecamatan (6-digit ``code``) or kelurahan/desa page: one entry
    per programme whose area holds it, with the published totals for that area."""
    out = []
    for programme in ctx.catalog.programmes.values():
        if not any(code.startswith(area) for area in programme.area):
            continue
        f = ctx.capaian[programme.id]
        areas = f.kecamatan if len(code) == 6 else f.kelurahan
        area = next((a for a in areas if a.code == code), None)
        if area is None:
            continue
        starter = f.target(TargetKind.STARTER_PACKAGES_PER_CLASS) is not None
        out.append(
            {
                "name": programme.name,
                "url": urls.relative(page_url, programme_url(programme)),
                "kecamatan": len(code) == 6,
                "covered": area.kelurahan_covered,
                "total": area.kelurahan_total,
                "centers": area.centers,
                "seats": area.seats,
                "runs": area.runs,
                "outcomes": _outcomes(area.outcomes, starter),
            }
        )
    return out


def area_context(ctx: SiteContext, code: str, page_url: str) -> Data:
    """What the kecamatan and kelurahan templates need for their Capaian block."""
    return {
        "capaian": area_blocks(ctx, code, page_url),
        "capaian_url": urls.relative(page_url, INDEX),
        "results_example": _results_example(ctx),
    }

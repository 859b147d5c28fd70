"""Open data of the Capaian section: ``capaian.json`` and ``capaian.csv``, beside
``katalog.json`` and ``katalog.csv``, with the same figures as the pages (``ctx.capaian``).

One record per programme and per kecamatan and kelurahan/desa of its area. Outcome counts are
the published totals of the results file (:mod:`site_builder.capaian_data`), suppressed by
``katalog queue publish``; a hidden count is ``null`` in the JSON and ``disembunyikan`` in the
CSV (the pages' word, ``partials/hidden-count.html``): small or hidden with a small one, the file
does not say which, so neither does the CSV. ``docs/data-terbuka.md`` ("capaian.csv dan capaian.json") documents every
field; a test checks that it does.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from catalog.dates import now_utc
from site_builder.capaian_data import AreaFigures, ProgrammeFigures
from site_builder.context import SiteContext
from site_builder.opendata import neutralise

FORMAT_VERSION = 1
JSON_NAME = "capaian.json"
CSV_NAME = "capaian.csv"
HIDDEN_CSV = "disembunyikan"  # a hidden count in capaian.csv, as on the pages

OUTCOME_FIELDS = (
    "announced_runs",
    "announced_seats",
    "applicants",
    "accepted",
    "completed",
    "certified",
    "working_or_business",
    "self_employed",
    "starter_packages",
)
HIDDEN_FIELDS = frozenset(
    {"completed", "certified", "working_or_business", "self_employed", "starter_packages"}
)
AREA_FIELDS = (
    "level",
    "code",
    "name",
    "kecamatan_code",
    "kecamatan_name",
    "kelurahan_total",
    "kelurahan_covered",
    "centers",
    "accredited_centers",
    "courses",
    "runs",
    "seats",
)
CSV_COLUMNS = (
    "programme_id",
    "programme_name",
    *AREA_FIELDS,
    *OUTCOME_FIELDS,
    "applicants_per_seat",
    "example_results",
)


def _area(level: str, a: AreaFigures) -> dict[str, Any]:
    o = a.outcomes
    outcomes = None
    if o is not None:
        outcomes = {
            "announced_runs": o.runs,
            "announced_seats": o.seats,
            "applicants": o.applicants,
            "accepted": o.accepted,
            "completed": o.completed,
            "certified": o.certified,
            "working_or_business": o.working_or_business,
            "self_employed": o.self_employed,
            "starter_packages": o.starter_packages,
            "applicants_per_seat": round(o.per_seat, 2) if o.per_seat is not None else None,
        }
    return {
        "level": level,
        "code": a.code,
        "name": a.name,
        "kecamatan_code": a.district_code or None,
        "kecamatan_name": a.district or None,
        "kelurahan_total": a.kelurahan_total,
        "kelurahan_covered": a.kelurahan_covered,
        "centers": a.centers,
        "accredited_centers": a.accredited,
        "courses": a.courses,
        "runs": a.runs,
        "seats": a.seats,
        "outcomes": outcomes,
    }


def _programme(f: ProgrammeFigures) -> dict[str, Any]:
    p = f.programme
    return {
        "id": p.id,
        "name": p.name,
        "agency": p.agency,
        "area": list(p.area),
        "source": p.source,
        "year": p.year,
        "targets": [
            {
                "kind": t.kind.value,
                "value": t.value,
                "baseline": t.baseline,
                "until": t.until,
                "note": t.note,
            }
            for t in p.targets
        ],
        "total": _area("programme", f.total),
        "kecamatan": [_area("kecamatan", a) for a in f.kecamatan],
        "kelurahan": [_area("kelurahan", a) for a in f.kelurahan],
    }


def capaian_data(ctx: SiteContext) -> dict[str, Any]:
    results = ctx.results
    return {
        "format_version": FORMAT_VERSION,
        "generated_at": now_utc().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "example_data": ctx.catalog.dataset.example,
        "example_results": bool(results and results.example),
        "results_generated_at": (
            results.generated_at.strftime("%Y-%m-%dT%H:%M:%SZ") if results else None
        ),
        # from the results file: the rule lives with the publisher (registrations.suppression)
        "small_counts_hidden_below": results.hidden_below if results else None,
        "programmes": [_programme(f) for f in ctx.capaian.values()],
    }


def csv_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for p in data["programmes"]:
        for area in (p["total"], *p["kecamatan"], *p["kelurahan"]):
            row = {"programme_id": p["id"], "programme_name": p["name"]}
            row.update({k: area[k] for k in AREA_FIELDS})
            o = area["outcomes"] or {}
            for k in (*OUTCOME_FIELDS, "applicants_per_seat"):
                value = o.get(k)
                if k in HIDDEN_FIELDS and o and value is None:
                    value = HIDDEN_CSV
                elif k == "applicants_per_seat" and value is not None:
                    value = f"{value:.2f}"
                row[k] = value
            row["example_results"] = data["example_results"]
            rows.append(row)
    return rows


def csv_text(data: dict[str, Any]) -> str:
    """capaian.csv without the BOM (the writer adds it): like katalog.csv."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(data):
        writer.writerow([neutralise(row[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def write_capaian_data(ctx: SiteContext, out_dir: Path) -> list[Path]:
    data = capaian_data(ctx)
    paths = [out_dir / JSON_NAME, out_dir / CSV_NAME]
    paths[0].write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    paths[1].write_text(csv_text(data), encoding="utf-8-sig", newline="")
    return paths

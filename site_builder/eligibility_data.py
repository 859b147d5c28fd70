"""The eligibility data of "Pelatihan untuk saya" (/cari/): every run a resident might still join,
with its rules, as one compact JSON file that ``overrides/assets/katalog/cari.js`` evaluates.

The rules are taken from the catalog's models (``Course.eligibility``, the run's dates and
``catalog.models.YOUTH_AGES``), never written down a second time; the words come from
``catalog.labels`` and ``catalog.dates``. The evaluator applies them the way
``registrations.rules.check_applicant`` does for the form, to the four answers /cari/ asks for:

* ``kelurahan`` -- the 10-digit code of the KTP address: ``catalog.eligibility.accepts_village``
  (the run's domicile codes are prefixes of it, or there are none);
* ``usia`` -- age today, in years: the rules judge the age at the run's start, so the birth date
  lies between "``usia`` years ago today" and "``usia`` + 1 years ago tomorrow"; a run is
  allowed when either end of that range is (``minimum/maximum age``, and the youth group);
* ``jk`` -- ``L`` or ``P``: the women's group;
* ``dtks`` -- ``ya``, ``tidak`` or ``tidak-tahu``: the DTKS/DTSEN group (only ``ya`` declares it).

An answer not given decides nothing: its rules are shown as conditions to check. Rules /cari/
does not ask about (other target groups, education) are always shown that way. Finished runs are
left out; closed ones are listed with the reason.

The shape (arrays rather than objects: the file stays small at 10,000 courses, see
``benchmarks/cari_data.py``)::

    {"v": 1, "built": "2026-11-23", "youth": [16, 30],
     "months": ["Januari", ...], "course_base": "../kursus/",
     "words": {"reason": {key: sentence}, "group": {key: who}, "education": {key: label},
               "status": {value: label}},
     "regions": {code: label},                # every domicile code used
     "rules": [[min_age, max_age|null, "3671 3603", "dtks perempuan", education|""], ...],
     "centers": [[id, name], ...],
     "places": [kecamatan name, ...],
     "courses": [[id, title, center index, rule index], ...],
     "runs": [[course index, run id, start, opens, closes, end, place index], ...]}

Dates are ISO strings: they compare as strings in the script, exactly as ``catalog.status``
compares dates, and gzip makes their repetition cheap.
"""

from __future__ import annotations

import json
from typing import Any

from catalog.catalog import RunRef
from catalog.dates import month_name
from catalog.labels import EDUCATION, TARGET_GROUP_WHO
from catalog.models import YOUTH_AGES, Eligibility, TargetGroup
from catalog.status import RunStatus
from site_builder import urls
from site_builder.context import SiteContext

DATA_PATH = "cari/kelayakan.json"

# Why a run is not for the resident: the reason keys of tests/cases/eligibility.json, in the
# order they are listed. ``{wilayah}``, ``{min}``, ``{max}`` are filled in by the script.
REASONS = {
    "wilayah": "Hanya untuk warga ber-KTP {wilayah}.",
    "usia-min": "Peserta harus sudah berusia {min} tahun saat pelatihan dimulai.",
    "usia-maks": "Peserta paling tua berusia {max} tahun saat pelatihan dimulai.",
    "pemuda": (
        f"Khusus pemuda, yaitu yang berusia {YOUTH_AGES[0]} sampai {YOUTH_AGES[1]} tahun saat "
        "pelatihan dimulai."
    ),
    "perempuan": "Khusus perempuan.",
    "dtks": "Khusus warga yang keluarganya terdaftar di DTKS/DTSEN.",
    "dtks-tidak-tahu": (
        "Khusus warga yang keluarganya terdaftar di DTKS/DTSEN. Jika belum tahu, tanyakan ke kantor "
        "kelurahan/desa atau periksa di cekbansos.kemensos.go.id."
    ),
    "ditutup": "Pendaftaran sudah ditutup.",
}
REASON_ORDER = ("wilayah", "usia-min", "usia-maks", "pemuda", "perempuan", "dtks", "ditutup")

# Conditions the resident has still to check on the course page, e.g. "Syarat lain: ...".
CONDITIONS = {
    "wilayah": "ber-KTP {wilayah}",
    "usia": "berusia {min} sampai {max} tahun saat pelatihan dimulai",
    "usia-min": "berusia paling sedikit {min} tahun saat pelatihan dimulai",
    "pendidikan": "pendidikan terakhir paling rendah {pendidikan}",
}


def _rule(rules: Eligibility) -> tuple[Any, ...]:
    return (
        rules.min_age,
        rules.max_age,
        " ".join(rules.domicile),
        " ".join(g.value for g in rules.target_groups),
        rules.min_education.value if rules.min_education else "",
    )


def runs_for(ctx: SiteContext) -> list[RunRef]:
    """The runs /cari/ knows: every run not finished on the build day."""
    return [r for r in ctx.run_refs if ctx.status(r) is not RunStatus.FINISHED]


def data(ctx: SiteContext, runs: list[RunRef] | None = None) -> dict[str, Any]:
    """The contents of :data:`DATA_PATH` (plain data, see the module docstring)."""
    runs = runs_for(ctx) if runs is None else runs
    regions = ctx.catalog.regions
    tables: dict[str, dict[Any, int]] = {"rules": {}, "centers": {}, "places": {}, "courses": {}}

    def index(table: str, key: Any) -> int:
        return tables[table].setdefault(key, len(tables[table]))

    run_rows = []
    domicile_codes: set[str] = set()
    for ref in runs:
        rules = ref.course.eligibility
        domicile_codes.update(rules.domicile)
        course_key = (
            ref.course.id,
            ref.course.title,
            index("centers", (ref.center.id, ref.center.name)),
            index("rules", _rule(rules)),
        )
        run_rows.append(
            [
                index("courses", course_key),
                ref.run.id,
                ref.run.start.isoformat(),
                ref.run.registration.opens.isoformat(),
                ref.run.registration.closes.isoformat(),
                ref.end.isoformat(),
                index("places", ctx.district(ref.village).name),
            ]
        )
    return {
        "v": 1,
        "built": ctx.today.isoformat(),
        "youth": list(YOUTH_AGES),
        "months": [month_name(m) for m in range(1, 13)],
        "course_base": urls.relative(urls.CARI, "kursus/"),
        "words": {
            "reason": REASONS,
            "condition": CONDITIONS,
            "group": {g.value: TARGET_GROUP_WHO[g] for g in TargetGroup},
            "education": {e.value: label for e, label in EDUCATION.items()},
            "status": {s.value: s.label for s in RunStatus},
        },
        "regions": {code: regions.label(code) for code in sorted(domicile_codes)},
        "rules": [list(key) for key in tables["rules"]],
        "centers": [list(key) for key in tables["centers"]],
        "places": list(tables["places"]),
        "courses": [list(key) for key in tables["courses"]],
        "runs": run_rows,
    }


def data_json(ctx: SiteContext, runs: list[RunRef] | None = None) -> str:
    return json.dumps(data(ctx, runs), ensure_ascii=False, separators=(",", ":"))

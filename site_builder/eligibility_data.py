"""The eligibility data of "Pelatihan untuk saya" (/cari/): every run a resident might still join,
with its rules, as compact JSON files that ``overrides/assets/katalog/cari.js`` evaluates.

Two kinds of file:

* ``cari/kelayakan/<kecamatan code>.json``, one list per kecamatan of the three regions: the runs
  whose address rule accepts at least one kelurahan/desa of that kecamatan (see
  :func:`serves_district`), in the order the list shows them on the build day (open ones first,
  by closing date; then the others, by opening date: :func:`list_order`), cut into parts: the
  first :data:`FIRST_PART_RUNS` runs, then :data:`PART_RUNS` a part. The first part is that
  file; it also holds the words, the names of the other parts (``"parts"``, files beside it:
  ``<kecamatan>-2.json`` ...) and ``"others"``, the number of runs left out of the list. The
  page shows the resident's first results once the first part is in, and adds the other parts'
  runs as they arrive (``benchmarks/cari_data.py`` measures the first part at 10,000 courses);
* ``cari/kelayakan.json``: every run, in one file, loaded when the resident opens "Kenapa
  pelatihan lain tidak muncul?" (why the others are excluded is shown on request).

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
``benchmarks/cari_data.py``) of the whole file and of a kecamatan's first part::

    {"v": 1, "built": "2026-11-23", "youth": [16, 30],
     "months": ["Januari", ...], "days": ["Minggu", "Senin", ...], "course_base": "../kursus/",
     "words": {"reason": {key: sentence}, "group": {key: who}, "education": {key: label},
               "status": {value: label}},
     "regions": {code: label},                # every domicile code used
     "rules": [[min_age, max_age|null, "3671 3603", "dtks perempuan", education|""], ...],
     "centers": [[id, name], ...],
     "places": [kecamatan name, ...],
     "courses": [[id, title, center index, rule index], ...],
     "runs": [[course index, run id, start, opens, closes, end, place index], ...],
     "parts": ["367102-2.json", ...],         # first parts only: the rest of the list
     "others": 12}                            # first parts only

The other parts of a kecamatan's list hold only ``rules``, ``centers``, ``places``,
``courses`` and ``runs``. The tables grow part by part: a part lists only the rows that no
earlier part of the list has, and its indexes count from the first part's first row (a course
whose runs fall in three parts is written once). ``regions`` in the first part covers the
whole list.

Dates are ISO strings: they compare as strings in the script, exactly as ``catalog.status``
compares dates, and gzip makes their repetition cheap.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from catalog.catalog import RunRef
from catalog.dates import month_name, weekday_name
from catalog.labels import EDUCATION, TARGET_GROUP_WHO
from catalog.models import YOUTH_AGES, Eligibility, TargetGroup
from catalog.status import RunStatus, run_status
from site_builder import urls
from site_builder.context import SiteContext

DATA_PATH = "cari/kelayakan.json"
DISTRICT_DIR = "cari/kelayakan/"
# Runs in the first part of a kecamatan's list, after which the first results show (500 runs
# are 5-14 KB gzip at 10,000 courses: benchmarks/cari_data.py), and in each further part
# (fewer, larger files for the rest of the list, loaded while the resident reads).
FIRST_PART_RUNS = 500
PART_RUNS = 2_000


def district_name(district: str, part: int = 1) -> str:
    """File name of part ``part`` (from 1) of the list for the residents of kecamatan
    ``district`` (6 digits): the first part is ``<kecamatan>.json``."""
    return f"{district}.json" if part == 1 else f"{district}-{part}.json"


def district_path(district: str, part: int = 1) -> str:
    """Site path of part ``part`` of the list for the residents of kecamatan ``district``."""
    return DISTRICT_DIR + district_name(district, part)


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


def list_order(ref: RunRef, today: date) -> tuple[int, str, str]:
    """Where the run stands in /cari/'s list on ``today``: open runs first, by closing date;
    then the upcoming ones, by opening date; then the closed ones (never listed, only given as
    excluded); on equal dates, by start. cari.js sorts the runs it lists the same way
    (``listOrder``), so on the build day each part only adds runs at the end of the list."""
    status = run_status(ref.run, today)
    registration = ref.run.registration
    if status is RunStatus.OPEN:
        return (0, registration.closes.isoformat(), ref.run.start.isoformat())
    rank = 1 if status is RunStatus.UPCOMING else 2
    return (rank, registration.opens.isoformat(), ref.run.start.isoformat())


@dataclass(frozen=True)
class _Facts:
    """What the data says of one run, worked out once for all the files it goes into."""

    domicile: tuple[str, ...]
    center: tuple[str, str]
    rule: tuple[Any, ...]
    course: tuple[str, str]
    row: tuple[str, str, str, str, str]  # run id, start, opens, closes, end
    place: str


def _facts(ctx: SiteContext, ref: RunRef) -> _Facts:
    rules = ref.course.eligibility
    return _Facts(
        domicile=rules.domicile,
        center=(ref.center.id, ref.center.name),
        rule=_rule(rules),
        course=(ref.course.id, ref.course.title),
        row=(
            ref.run.id,
            ref.run.start.isoformat(),
            ref.run.registration.opens.isoformat(),
            ref.run.registration.closes.isoformat(),
            ref.end.isoformat(),
        ),
        place=ctx.district(ref.village).name,
    )


def data(ctx: SiteContext, runs: list[RunRef] | None = None) -> dict[str, Any]:
    """The contents of :data:`DATA_PATH` (plain data, see the module docstring)."""
    return _assemble(ctx, _all_facts(ctx, runs))


def _all_facts(ctx: SiteContext, runs: list[RunRef] | None) -> list[_Facts]:
    """The facts of ``runs`` (by default :func:`runs_for`), in :func:`list_order`."""
    runs = runs_for(ctx) if runs is None else runs
    ordered = sorted(runs, key=lambda ref: list_order(ref, ctx.today))
    return [_facts(ctx, ref) for ref in ordered]


def _assemble(ctx: SiteContext, runs: list[_Facts]) -> dict[str, Any]:
    return {**_words(ctx, runs), **_tables(runs)}


def _words(ctx: SiteContext, runs: list[_Facts]) -> dict[str, Any]:
    """What the script needs besides the runs: the words, and the names of the regions that
    the address rules of ``runs`` name."""
    regions = ctx.catalog.regions
    domicile_codes = {code for facts in runs for code in facts.domicile}
    return {
        "v": 1,
        "built": ctx.today.isoformat(),
        "youth": list(YOUTH_AGES),
        "months": [month_name(m) for m in range(1, 13)],
        # Sunday first, as JavaScript's getUTCDay() counts (date.weekday() counts from Monday)
        "days": [weekday_name((d + 6) % 7) for d in range(7)],
        "course_base": urls.relative(urls.CARI, "kursus/"),
        "words": {
            "reason": REASONS,
            "condition": CONDITIONS,
            "group": {g.value: TARGET_GROUP_WHO[g] for g in TargetGroup},
            "education": {e.value: label for e, label in EDUCATION.items()},
            "status": {s.value: s.label for s in RunStatus},
        },
        "regions": {code: regions.label(code) for code in sorted(domicile_codes)},
    }


Tables = dict[str, dict[Any, int]]  # rows of each table, with their indexes


def _tables(runs: list[_Facts], tables: Tables | None = None) -> dict[str, Any]:
    """The runs, with their courses, centers, rules and places as tables they index. With
    ``tables`` (those of the earlier parts of a list, extended here), only the rows new in
    ``runs``, indexed after the earlier ones."""
    if tables is None:
        tables = {"rules": {}, "centers": {}, "places": {}, "courses": {}}
    before = {name: len(rows) for name, rows in tables.items()}

    def index(table: str, key: Any) -> int:
        return tables[table].setdefault(key, len(tables[table]))

    run_rows = []
    for facts in runs:
        course_key = (*facts.course, index("centers", facts.center), index("rules", facts.rule))
        run_rows.append([index("courses", course_key), *facts.row, index("places", facts.place)])
    new = {name: list(rows)[before[name] :] for name, rows in tables.items()}
    return {
        "rules": [list(key) for key in new["rules"]],
        "centers": [list(key) for key in new["centers"]],
        "places": new["places"],
        "courses": [list(key) for key in new["courses"]],
        "runs": run_rows,
    }


def as_json(value: dict[str, Any]) -> str:
    """A data file's text: compact JSON, UTF-8 kept."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def data_json(ctx: SiteContext, runs: list[RunRef] | None = None) -> str:
    return as_json(data(ctx, runs))


def serves_district(rules: Eligibility, district: str) -> bool:
    """Whether the address rule accepts some kelurahan/desa of kecamatan ``district``.

    That is ``catalog.eligibility.accepts_village`` (a domicile code is a prefix of the
    village's code) for one of the kecamatan's villages: a code of 2, 4 or 6 digits accepts a
    village of the kecamatan when it is a prefix of the kecamatan's code, a village code when it
    lies in the kecamatan. ``tests/site_builder/test_eligibility_data.py`` compares the two on
    every village.
    """
    return _serves(rules.domicile, district)


def _serves(domicile: tuple[str, ...], district: str) -> bool:
    if not domicile:
        return True
    return any(code.startswith(district) or district.startswith(code) for code in domicile)


Parts = tuple[int, int] | None  # runs in the first part and in each further one; None: one part


def district_data(
    ctx: SiteContext,
    runs: list[RunRef] | None = None,
    parts: Parts = (FIRST_PART_RUNS, PART_RUNS),
) -> dict[str, list[dict[str, Any]]]:
    """The parts of every kecamatan's list, by kecamatan code: each list in :func:`list_order`,
    cut into ``parts``."""
    return _by_district(ctx, _all_facts(ctx, runs), parts)


def _cut(runs: list[_Facts], parts: Parts) -> list[list[_Facts]]:
    if parts is None:
        return [runs]
    first, size = parts
    return [runs[:first]] + [runs[i : i + size] for i in range(first, len(runs), size)]


def _by_district(
    ctx: SiteContext, facts: list[_Facts], parts: Parts
) -> dict[str, list[dict[str, Any]]]:
    districts = sorted({code[:6] for code in ctx.villages})
    served: dict[str, list[int]] = {d: [] for d in districts}
    by_domicile: dict[tuple[str, ...], list[str]] = {}
    for number, run in enumerate(facts):
        if run.domicile not in by_domicile:
            by_domicile[run.domicile] = [d for d in districts if _serves(run.domicile, d)]
        for district in by_domicile[run.domicile]:
            served[district].append(number)
    # Kecamatan served by the same runs (all of a city, when its courses are city-wide) share
    # their parts: they are worked out, and written as JSON by data_files, once. Only the
    # names of the other parts differ in the first part.
    shared: dict[tuple[int, ...], list[dict[str, Any]]] = {}
    result = {}
    for district, numbers in served.items():
        key = tuple(numbers)
        if key not in shared:
            subset = [facts[n] for n in numbers]
            cuts = _cut(subset, parts)
            tables: Tables = {"rules": {}, "centers": {}, "places": {}, "courses": {}}
            first = {
                **_words(ctx, subset),
                **_tables(cuts[0], tables),
                "others": len(facts) - len(subset),
            }
            shared[key] = [first, *(_tables(cut, tables) for cut in cuts[1:])]
        first, *rest = shared[key]
        names = [district_name(district, part) for part in range(2, len(rest) + 2)]
        result[district] = [{**first, "parts": names}, *rest]
    return result


def data_files(ctx: SiteContext, parts: Parts = (FIRST_PART_RUNS, PART_RUNS)) -> dict[str, str]:
    """Every file of /cari/'s data, by site path: the whole list and the parts of each
    kecamatan's list."""
    facts = _all_facts(ctx, None)
    files = {DATA_PATH: as_json(_assemble(ctx, facts))}
    texts: dict[int, str] = {}  # by id() of a part shared by several kecamatan
    for district, values in _by_district(ctx, facts, parts).items():
        files[district_path(district)] = as_json(values[0])
        for number, value in enumerate(values[1:], start=2):
            if id(value) not in texts:
                texts[id(value)] = as_json(value)
            files[district_path(district, number)] = texts[id(value)]
    return files

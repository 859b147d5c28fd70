"""Capaian totals of ``katalog queue publish``: outcome counts summed per programme of
``courses/targets.yml``, per kecamatan and per kelurahan/desa of that programme.

The totals are computed here, where the exact counts are, and suppressed in the same pass as
every run's counts (:func:`registrations.suppression.suppress`): a total is a sum of run
counts the file also publishes, so each total adds relations, and a hidden run count cannot be
found from a total and the other runs (see :func:`relations`). The site only reads them.

A run counts for a programme when its center does (:meth:`catalog.catalog.Catalog.
programme_centers`); its kelurahan is the center's (where the programme's center is, the same
kelurahan the coverage figure counts), its kecamatan that kelurahan's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from catalog.catalog import Catalog

# Totals that may be hidden, in the order of the file.
FIGURES = (
    "completed", "certified", "working_or_business", "self_employed", "starter_packages",
)  # fmt: skip
# Exact sums of counts the file publishes anyway (never hidden).
EXACT = ("runs", "applicants", "accepted")
LEVELS = ("programme", "kecamatan", "kelurahan")


@dataclass(frozen=True)
class ProgrammeRuns:
    """The runs of one programme: run id -> (kecamatan code, kelurahan code)."""

    id: str
    runs: dict[str, tuple[str, str]]


def programme_runs(catalog: Catalog) -> list[ProgrammeRuns]:
    out = []
    for programme in catalog.programmes.values():
        centers = {c.id for c in catalog.programme_centers(programme)}
        runs = {}
        for ref in catalog.courses():
            if ref.center.id not in centers:
                continue
            village = ref.center.village
            district = catalog.regions.district_of(village)
            for run_ref in ref.runs():
                runs[run_ref.public_id] = (district.code if district else village[:6], village)
        out.append(ProgrammeRuns(programme.id, runs))
    return out


def run_cell(run_id: str, cell: str) -> str:
    return f"{run_id}|{cell}"


def total_cell(programme: str, level: str, code: str, figure: str) -> str:
    return f"T|{programme}|{level}|{code}|{figure}"


@dataclass
class _Group:
    level: str
    code: str
    runs: list[str]
    parent: str | None = None  # the kecamatan of a kelurahan


def _groups(programme: ProgrammeRuns, published: set[str]) -> list[_Group]:
    runs = {r: where for r, where in programme.runs.items() if r in published}
    groups = [_Group("programme", "", sorted(runs))]
    by_kec: dict[str, list[str]] = {}
    by_kel: dict[str, list[str]] = {}
    for run_id, (kec, kel) in sorted(runs.items()):
        by_kec.setdefault(kec, []).append(run_id)
        by_kel.setdefault(kel, []).append(run_id)
    groups += [_Group("kecamatan", code, ids) for code, ids in sorted(by_kec.items())]
    groups += [
        _Group("kelurahan", code, ids, runs[ids[0]][0]) for code, ids in sorted(by_kel.items())
    ]
    return groups


def exact_cells(members: dict[str, int]) -> dict[str, int]:
    """A run's exact counts for the totals, from its cells (``o:...``, ``f6:...``)."""
    return {
        "completed": members["o:completed"],
        "certified": members["o:certified"],
        "working_or_business": members["f6:working"] + members["f6:self_employed"],
        "self_employed": members["f6:self_employed"],
        "starter_packages": members["o:starter_packages"],
    }


def sums(programme: str, groups: list[_Group]) -> list[list[str]]:
    """Each total of each group and the run counts it adds up (the total first)."""
    out: list[list[str]] = []
    for g in groups:
        runs = g.runs

        def t(figure: str, g: _Group = g) -> str:
            return total_cell(programme, g.level, g.code, figure)

        out.append([t("completed"), *(run_cell(r, "o:completed") for r in runs)])
        out.append([t("certified"), *(run_cell(r, "o:certified") for r in runs)])
        out.append([t("starter_packages"), *(run_cell(r, "o:starter_packages") for r in runs)])
        wb = [run_cell(r, f"f6:{k}") for r in runs for k in ("working", "self_employed")]
        out.append([t("working_or_business"), *wb])
        out.append([t("self_employed"), *(run_cell(r, "f6:self_employed") for r in runs)])
    return out


def relations(
    programme: str, groups: list[_Group], not_completed_answers: tuple[str, ...]
) -> list[list[str]]:
    """Every sum that ties a total to counts the file publishes (the cells of
    :func:`form_service.staff.publish.run_figures`, prefixed by the run id):

    - each figure of a group = the runs' counts of it (``working_or_business`` = the runs'
      ``working`` and ``self_employed``): :func:`sums`;
    - ``completed`` - ``certified`` of a group = the runs' Lulus (``passed``) counts;
    - ``completed`` - ``working_or_business`` of a group = the runs' other follow-up counts;
    - a programme = its kecamatan, a kecamatan = its kelurahan, figure by figure, and the
      two differences above between levels.
    """

    def t(group: _Group, figure: str) -> str:
        return total_cell(programme, group.level, group.code, figure)

    out = sums(programme, groups)
    for g in groups:
        if not g.runs:
            continue
        runs = g.runs
        out.append([t(g, "completed"), t(g, "certified"), *(run_cell(r, "passed") for r in runs)])
        others = [run_cell(r, f"f6:{k}") for r in runs for k in not_completed_answers]
        out.append([t(g, "completed"), t(g, "working_or_business"), *others])
    top = groups[0]
    kecamatan = [g for g in groups if g.level == "kecamatan"]
    for parent, children in [(top, kecamatan)] + [
        (k, [g for g in groups if g.parent == k.code]) for k in kecamatan
    ]:
        if not children:
            continue
        for figure in FIGURES:
            out.append([t(parent, figure), *(t(c, figure) for c in children)])
        out.append(
            [t(parent, "completed"), t(parent, "certified")]
            + [t(c, f) for c in children for f in ("completed", "certified")]
        )
        out.append(
            [t(parent, "completed"), t(parent, "working_or_business")]
            + [t(c, f) for c in children for f in ("completed", "working_or_business")]
        )
    return out


def totals_cells(
    programmes: list[ProgrammeRuns],
    run_cells: dict[str, dict[str, int]],
    not_completed_answers: tuple[str, ...],
) -> tuple[dict[str, int], list[list[str]], list[list[str]], list[tuple[str, list[_Group]]]]:
    """(exact total cells, their relations, their sums (:func:`sums`), the groups) for every
    programme."""
    cells: dict[str, int] = {}
    rels: list[list[str]] = []
    totals: list[list[str]] = []
    layout = []
    published = set(run_cells)
    for programme in programmes:
        groups = _groups(programme, published)
        if not groups[0].runs:
            continue
        for g in groups:
            added = dict.fromkeys(FIGURES, 0)
            for run_id in g.runs:
                for figure, n in exact_cells(run_cells[run_id]).items():
                    added[figure] += n
            for figure, n in added.items():
                cells[total_cell(programme.id, g.level, g.code, figure)] = n
        rels += relations(programme.id, groups, not_completed_answers)
        totals += sums(programme.id, groups)
        layout.append((programme.id, groups))
    return cells, rels, totals, layout


def totals_section(
    layout: list[tuple[str, list[_Group]]],
    shown: dict[str, int | None],
    exact: dict[str, dict[str, int]],
) -> dict[str, Any]:
    """The ``totals`` object of the file, from the suppressed cells; ``exact`` holds each run's
    ``applicants`` and ``accepted`` (public anyway)."""

    def entry(programme: str, g: _Group) -> dict[str, Any]:
        out: dict[str, Any] = {} if g.level == "programme" else {"code": g.code}
        if g.level == "kelurahan":
            out["kecamatan"] = g.parent
        out["runs"] = len(g.runs)
        out["applicants"] = sum(exact[r]["applicants"] for r in g.runs)
        out["accepted"] = sum(exact[r]["accepted"] for r in g.runs)
        for figure in FIGURES:
            out[figure] = shown[total_cell(programme, g.level, g.code, figure)]
        return out

    programmes = []
    for programme, groups in layout:
        item = {"id": programme, **entry(programme, groups[0])}
        item["kecamatan"] = [entry(programme, g) for g in groups if g.level == "kecamatan"]
        item["kelurahan"] = [entry(programme, g) for g in groups if g.level == "kelurahan"]
        programmes.append(item)
    return {"programmes": programmes}

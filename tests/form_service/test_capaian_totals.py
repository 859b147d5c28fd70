"""Programme, kecamatan and kelurahan totals of `katalog queue publish` (issue 13): suppressed
with the run counts, so that no hidden count can be worked out from the file.

The audit below does not reuse the publisher's list of relations: it writes down, from the
meaning of the file's fields, every equation a reader can form, and checks by exact linear
algebra that no hidden (null) count is determined by the published ones.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

import pytest

from form_service.staff.capaian_totals import ProgrammeRuns
from form_service.staff.example_results import ExampleRun, registrations
from form_service.staff.publish import SEAT_HOLDERS, STARTED, announcement
from registrations.outcomes import FollowUp
from registrations.status import Status
from tests.form_service.conftest import RUN_BOGA

SHIPPED = Path(__file__).resolve().parents[2] / "courses" / "example-results.json"
FIGURES = ("completed", "certified", "working_or_business", "self_employed", "starter_packages")
F6 = ("working", "self_employed", "not_working", "unreachable", "no_answer")


def equations(data: dict) -> tuple[list[tuple[dict[str, int], str]], dict[str, int | None]]:
    """([(coefficients by cell, label)], cell values) of everything the file ties by a sum."""
    values: dict[str, int | None] = {}
    eqs: list[tuple[dict[str, int], str]] = []
    per_run: dict[str, dict[str, str]] = {}
    for run in data["runs"]:
        rid, o = run["run_id"], run["outcomes"]
        cell = {s.value: f"{rid}|{s.value}" for s in Status}
        for s in Status:
            values[cell[s.value]] = run["by_status"][s.value]
        for k in ("attending", "completed", "certified", "starter_packages"):
            values[f"{rid}|o:{k}"] = o[k]
        for k in F6:
            values[f"{rid}|f6:{k}"] = o["followup_6"][k]
        values[f"{rid}|#applicants"] = run["counts"]["applicants"]
        values[f"{rid}|#accepted"] = run["counts"]["accepted"]
        values[f"{rid}|#reserve"] = run["counts"]["reserve"]
        eqs.append(({**{cell[s.value]: 1 for s in Status}, f"{rid}|#applicants": -1}, "all"))
        eqs.append(({**{cell[s.value]: 1 for s in SEAT_HOLDERS}, f"{rid}|#accepted": -1}, "seat"))
        eqs.append(({cell["reserve"]: 1, f"{rid}|#reserve": -1}, "reserve"))
        eqs.append(({**{cell[s.value]: 1 for s in STARTED}, f"{rid}|o:attending": -1}, "att"))
        eqs.append(({cell["passed"]: 1, cell["certified"]: 1, f"{rid}|o:completed": -1}, "c"))
        eqs.append(({cell["certified"]: 1, f"{rid}|o:certified": -1}, "cert"))
        eqs.append(({**{f"{rid}|f6:{k}": 1 for k in F6}, f"{rid}|o:completed": -1}, "f6"))
        per_run[rid] = {
            "completed": f"{rid}|o:completed",
            "certified": f"{rid}|o:certified",
            "starter_packages": f"{rid}|o:starter_packages",
            "applicants": f"{rid}|#applicants",
            "accepted": f"{rid}|#accepted",
        }
    for programme in data.get("totals", {}).get("programmes", []):
        groups = [("p", "", programme)]
        groups += [("k", g["code"], g) for g in programme["kecamatan"]]
        groups += [("l", g["code"], g) for g in programme["kelurahan"]]
        runs_of = _runs_of(data, programme)
        for level, code, g in groups:
            name = f"T|{programme['id']}|{level}|{code}"
            runs = runs_of[(level, code)]
            assert len(runs) == g["runs"]
            for figure in (*FIGURES, "applicants", "accepted"):
                values[f"{name}|{figure}"] = g[figure]
                coeffs: dict[str, int] = {f"{name}|{figure}": -1}
                for rid in runs:
                    if figure == "working_or_business":
                        coeffs[f"{rid}|f6:working"] = 1
                        coeffs[f"{rid}|f6:self_employed"] = 1
                    elif figure == "self_employed":
                        coeffs[f"{rid}|f6:self_employed"] = 1
                    else:
                        coeffs[per_run[rid][figure]] = 1
                eqs.append((coeffs, f"{name}|{figure}"))
    return eqs, values


def _runs_of(data: dict, programme: dict) -> dict[tuple[str, str], list[str]]:
    """Which published runs a programme's groups sum, from the shipped catalog's layout: the
    audit needs it, the file does not say it (the test fixtures pass it)."""
    layout = LAYOUTS[programme["id"]]
    published = {r["run_id"] for r in data["runs"]}
    out: dict[tuple[str, str], list[str]] = {("p", ""): []}
    for rid, (kec, kel) in layout.items():
        if rid not in published:
            continue
        out[("p", "")].append(rid)
        out.setdefault(("k", kec), []).append(rid)
        out.setdefault(("l", kel), []).append(rid)
    return out


LAYOUTS: dict[str, dict[str, tuple[str, str]]] = {}


def recoverable(data: dict) -> dict[str, Fraction]:
    """Hidden cells whose value follows from the published ones by linear algebra, with it."""
    eqs, values = equations(data)
    hidden = {c for c, v in values.items() if v is None}
    basis: list[tuple[str, dict[str, Fraction], Fraction]] = []  # Gauss-Jordan, with the sum
    for coeffs, _label in eqs:
        row = {c: Fraction(n) for c, n in coeffs.items() if c in hidden and n}
        rhs = -sum(Fraction(n) * values[c] for c, n in coeffs.items() if c not in hidden)
        for pivot, b, b_rhs in basis:
            if row.get(pivot):
                factor = row[pivot]
                row = _sub(row, factor, b)
                rhs -= factor * b_rhs
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row, rhs = {c: n / scale for c, n in row.items()}, rhs / scale
        for i, (p, b, b_rhs) in enumerate(basis):
            if b.get(pivot):
                factor = b[pivot]
                basis[i] = (p, _sub(b, factor, row), b_rhs - factor * rhs)
        basis.append((pivot, row, rhs))
    return {p: rhs for p, row, rhs in basis if len(row) == 1}


def _sub(row: dict[str, Fraction], factor: Fraction, other: dict[str, Fraction]):  # type: ignore[no-untyped-def]
    out = dict(row)
    for c, n in other.items():
        out[c] = out.get(c, 0) - factor * n
    return {c: n for c, n in out.items() if n}


def small_recoverable(data: dict) -> dict[str, Fraction]:
    """Hidden counts from 1 to 4 that can be worked out: must be none. (A count hidden only
    to protect another may follow from the file; it is not small.)"""
    return {c: v for c, v in recoverable(data).items() if 0 < v < 5}


def pinned_small(data: dict) -> dict[str, int]:
    """Hidden counts with only one possible value from 1 to 4: must be none. Every hidden
    count is a whole number of at least 1 (0 is shown) and at most the file's applicants,
    and every equation holds; a count is pinned when no assignment of all hidden counts
    under these rules gives it another value. Exhaustive: a search over the hidden counts of
    each group of linked equations, narrowing each count's range from the equations (bounds
    propagation) and splitting the widest-open one in two."""
    eqs, values = equations(data)
    top = sum(run["counts"]["applicants"] for run in data["runs"])
    sums = []
    for coeffs, _label in eqs:
        hidden = {c: n for c, n in coeffs.items() if n and values[c] is None}
        if hidden:
            published = sum(n * values[c] for c, n in coeffs.items() if values[c] is not None)
            sums.append((hidden, -published))
    out: dict[str, int] = {}
    for group in _linked(sums):
        out.update(_single_values(group, top))
    return out


def _linked(sums: list) -> list[list]:  # type: ignore[type-arg]
    """The sums grouped by the hidden counts they share (a reader solves each group alone)."""
    groups: list[tuple[set[str], list]] = []  # type: ignore[type-arg]
    for s in sums:
        cells, members = set(s[0]), [s]
        for g in [g for g in groups if g[0] & cells]:
            groups.remove(g)
            cells |= g[0]
            members += g[1]
        groups.append((cells, members))
    return [members for _cells, members in groups]


def _single_values(sums: list, top: int) -> dict[str, int]:  # type: ignore[type-arg]
    """Count -> its value, for the counts of ``sums`` (hidden count -> coefficient, the
    number they add up to) that have only one whole value in 1..``top``, that value from 1
    to 4."""
    cells = sorted({c for coeffs, _n in sums for c in coeffs})
    of: dict[str, list[int]] = {c: [] for c in cells}
    for j, (coeffs, _n) in enumerate(sums):
        for c in coeffs:
            of[c].append(j)

    def narrow(lo: dict[str, int], hi: dict[str, int], todo: set[int]) -> bool:
        while todo:
            coeffs, n = sums[todo.pop()]
            least = sum(k * (lo[c] if k > 0 else hi[c]) for c, k in coeffs.items())
            most = sum(k * (hi[c] if k > 0 else lo[c]) for c, k in coeffs.items())
            if not least <= n <= most:
                return False
            for c, k in coeffs.items():
                # k * c = n - the others, and the others lie between least and most less c's
                low = n - (most - k * (hi[c] if k > 0 else lo[c]))
                high = n - (least - k * (lo[c] if k > 0 else hi[c]))
                if k < 0:
                    low, high = high, low
                new_lo, new_hi = -(-low // k), high // k
                if new_lo > lo[c] or new_hi < hi[c]:
                    lo[c], hi[c] = max(lo[c], new_lo), min(hi[c], new_hi)
                    if lo[c] > hi[c]:
                        return False
                    todo.update(of[c])
        return True

    def solve(lo: dict[str, int], hi: dict[str, int], todo: Iterable[int]) -> dict[str, int] | None:
        lo, hi = dict(lo), dict(hi)
        if not narrow(lo, hi, set(todo)):
            return None
        open_ = [c for c in cells if lo[c] < hi[c]]
        if not open_:
            return lo
        c = min(open_, key=lambda c: (hi[c] - lo[c], c))
        middle = (lo[c] + hi[c]) // 2
        return solve({**lo, c: lo[c]}, {**hi, c: middle}, of[c]) or solve(
            {**lo, c: middle + 1}, {**hi, c: hi[c]}, of[c]
        )

    lo, hi = dict.fromkeys(cells, 1), dict.fromkeys(cells, top)
    first = solve(lo, hi, range(len(sums)))
    assert first, "the published counts have a solution"
    moved: set[str] = set()
    single = {}
    for c in cells:
        if c in moved or not 0 < first[c] < 5:
            continue  # a count pinned at 5 or more gives nothing small away
        for low, high in ((1, first[c] - 1), (first[c] + 1, top)):
            other = solve({**lo, c: low}, {**hi, c: high}, of[c]) if low <= high else None
            if other:
                moved |= {x for x in cells if other[x] != first[x]}
                break
        else:
            single[c] = first[c]
    return single


def publish(examples: tuple[ExampleRun, ...], layout: dict[str, dict[str, tuple[str, str]]]):
    LAYOUTS.clear()
    LAYOUTS.update(layout)
    programmes = [ProgrammeRuns(pid, runs) for pid, runs in layout.items()]
    from form_service.staff.example_results import GENERATED_AT

    return json.loads(json.dumps(announcement(registrations(examples), GENERATED_AT, programmes)))


def run(rid: str, **counts) -> ExampleRun:  # type: ignore[no-untyped-def]
    base = {"rejected": 20, "withdrawn": 0, "failed": 0, "passed": 0, "certified": 0}
    return ExampleRun(rid, **{**base, **counts})


R1, R2, R3 = RUN_BOGA, RUN_BOGA.replace("2027-1", "2027-2"), "x-center/las/2027-1"
KEC_A, KEC_B = "367101", "367102"
LAYOUT = {"program-contoh": {R1: (KEC_A, "3671011001"), R2: (KEC_A, "3671011002"),
                             R3: (KEC_B, "3671021001")}}  # fmt: skip


def totals(data: dict) -> dict:
    return data["totals"]["programmes"][0]


def test_a_total_of_four_is_hidden_and_five_is_shown() -> None:
    four = publish((run(R1, passed=4),), {"p": {R1: (KEC_A, "3671011001")}})
    assert totals(four)["completed"] is None
    five = publish((run(R1, passed=5),), {"p": {R1: (KEC_A, "3671011001")}})
    assert totals(five)["completed"] == 5
    assert totals(five)["kelurahan"][0]["completed"] == 5


def test_a_hidden_run_count_cannot_be_worked_out_from_the_total() -> None:
    # R1 completed 3 (hidden; 6 others failed); the programme total 3 + 17 + 12 = 32 and the
    # other runs' 17 and 12 would give it away: something more is hidden, and no hidden count
    # follows from the file.
    data = publish((run(R1, passed=3, failed=6), run(R2, passed=17), run(R3, passed=12)), LAYOUT)
    by_run = {r["run_id"]: r["outcomes"]["completed"] for r in data["runs"]}
    assert by_run[R1] is None
    t = totals(data)
    published = [t["completed"], by_run[R2], by_run[R3]]
    assert None in published
    assert small_recoverable(data) == {}
    assert pinned_small(data) == {}


def test_starter_packages_below_five_per_class_show_in_the_programme_total() -> None:
    # Dinsos: the best three of each class; per run hidden, two classes make 6.
    data = publish(
        (run(R1, passed=20, starter=3), run(R2, passed=20, starter=3)),
        {"paket": {R1: (KEC_A, "3671011001"), R2: (KEC_A, "3671011001")}},
    )
    assert [r["outcomes"]["starter_packages"] for r in data["runs"]] == [None, None]
    assert totals(data)["starter_packages"] == 6
    assert totals(data)["kelurahan"][0]["starter_packages"] == 6
    assert small_recoverable(data) == {}
    assert pinned_small(data) == {}


def test_totals_are_counts_only() -> None:
    data = publish((run(R1, passed=12, certified=6),), {"p": {R1: (KEC_A, "3671011001")}})
    text = json.dumps(data["totals"])
    assert "KP-" not in text and "Contoh" not in text and "nik" not in text.lower()
    assert set(totals(data)) == {
        "id", "runs", "applicants", "accepted", *FIGURES, "kecamatan", "kelurahan",
    }  # fmt: skip


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_count_can_be_worked_out_random_runs(seed: int) -> None:
    rng = random.Random(seed)

    def small_or_big() -> int:
        return rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 14])

    examples = []
    for rid in (R1, R2, R3):
        passed, certified, failed = small_or_big(), small_or_big(), small_or_big()
        # Not cases for this audit (docs/data-terbuka.md, "Batas"): fewer than 5 seat holders
        # (the accepted list, public anyway, shows them all), or nobody rejected (then
        # applicants - accepted, both public, are exactly those who withdrew).
        failed += max(0, 5 - passed - certified - failed)
        answers = [FollowUp.WORKING, FollowUp.SELF_EMPLOYED, FollowUp.NOT_WORKING,
                   FollowUp.UNREACHABLE]  # fmt: skip
        left, six = passed + certified, []
        for answer in answers:
            n = rng.randint(0, left)
            six.append((answer, n))
            left -= n
        examples.append(
            ExampleRun(
                rid,
                rejected=rng.choice([5, 9, 20]),
                withdrawn=small_or_big(),
                failed=failed,
                passed=passed,
                certified=certified,
                starter=rng.randint(0, 4),
                six=tuple(six),
            )  # fmt: skip
        )
    data = publish(tuple(examples), LAYOUT)
    assert small_recoverable(data) == {}
    assert pinned_small(data) == {}


def test_the_shipped_example_file_gives_nothing_away() -> None:
    from catalog.load import require_catalog
    from form_service.staff.capaian_totals import programme_runs

    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    LAYOUTS.clear()
    for p in programme_runs(require_catalog(SHIPPED.parent)):
        LAYOUTS[p.id] = p.runs
    assert data["totals"]["programmes"], "the example file has totals"
    assert small_recoverable(data) == {}
    assert pinned_small(data) == {}

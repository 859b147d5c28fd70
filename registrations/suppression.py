"""Small-count suppression of published figures: one rule for every public file and page.

Lives in ``registrations/`` because the counts it protects come from registrations, and both
``form_service`` (``katalog queue publish``) and ``site_builder`` may import this package
(``catalog/`` imports nothing else and knows nothing of people).

A count from 1 to 4 is hidden (``None``); ``0`` is shown. Then complementary suppression: in
every *relation* (a set of cells tied together by a sum whose other terms are published), a
relation with exactly one hidden cell gets one more hidden, until no hidden count can be found
by subtraction.

Subtraction within one relation is not all a reader can do: two published sums can be
subtracted from each other (seat holders minus those who completed gives those who failed).
When the caller gives the sums as signed *equations*, a last pass checks by exact linear
algebra that no small hidden count follows from any combination of them, and hides more until
none does (a count hidden only to protect a small one may still follow: it is not small, and
whatever it would give away is itself checked).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

HIDE_BELOW = 5


def suppress(
    counts: dict[str, int],
    relations: Sequence[Sequence[str]],
    never: Iterable[str] = (),
    whole: Sequence[Sequence[str]] = (),
    equations: Sequence[Mapping[str, int]] = (),
) -> dict[str, int | None]:
    """``counts`` with every count from 1 to 4 hidden (``None``), then one more count hidden in
    any relation that has exactly one hidden, until none has.

    ``never``: cells that are public anyway and never hidden. ``whole``: relations whose cells
    add up to a published total; when that total is 1..4 all their non-zero cells are hidden.
    The cell hidden second is the one that protects the most lone relations at once, then the
    one in the fewest relations, then the smallest (ties by name).

    ``equations``: the same sums with signs (cell -> coefficient; the sum equals a published
    number or 0), for :func:`_close_combinations`."""
    never = frozenset(never)
    shown: dict[str, int | None] = dict(counts)
    for cell, n in counts.items():
        if 0 < n < HIDE_BELOW and cell not in never:
            shown[cell] = None
    for relation in whole:
        total = sum(counts[c] for c in relation)
        if 0 < total < HIDE_BELOW:
            for cell in relation:
                if counts[cell] and cell not in never:
                    shown[cell] = None
    # A cell in fewer sums is hidden first (hiding it leaks through fewer other sums, so less
    # is hidden in the end: a run with 2 withdrawals loses its rejected count, not "completed").
    # Each relation's hidden cells are counted once and kept up to date, so a file with
    # thousands of runs and their totals is suppressed in a few passes over the relations.
    relations = [tuple(dict.fromkeys(r)) for r in relations]
    member: dict[str, list[int]] = {cell: [] for cell in counts}
    for i, relation in enumerate(relations):
        for cell in relation:
            member[cell].append(i)
    degree = {cell: len(member[cell]) for cell in counts}
    hidden_in = [sum(1 for c in r if shown[c] is None) for r in relations]

    def cost(cell: str) -> tuple[int, int, int, str]:
        mends = sum(1 for i in member[cell] if hidden_in[i] == 1)  # sums it protects at once
        return (-mends, degree[cell], counts[cell], cell)

    changed = True
    while changed:
        changed = False
        for i, relation in enumerate(relations):
            if hidden_in[i] != 1:
                continue
            candidates = [
                c for c in relation if shown[c] is not None and counts[c] > 0 and c not in never
            ]
            if candidates:
                cell = min(candidates, key=cost)
                shown[cell] = None
                for j in member[cell]:
                    hidden_in[j] += 1
                changed = True
    if equations:
        _close_combinations(counts, shown, equations, never, degree)
    return shown


def determined(hidden: Iterable[str], equations: Sequence[Mapping[str, int]]) -> list[str]:
    """The hidden cells whose value follows from the published ones through any combination
    of ``equations``."""
    return sorted(_derivations(set(hidden), equations))


def _derivations(
    hidden: set[str], equations: Sequence[Mapping[str, int]]
) -> dict[str, dict[int, Fraction]]:
    """Hidden cell -> the combination of equations (index -> factor) that gives it alone,
    by exact Gauss-Jordan elimination over the hidden cells; each row keeps the combination
    of equations it was made from."""
    Row = tuple[dict[str, Fraction], dict[int, Fraction]]
    basis: list[tuple[str, Row]] = []
    for i, eq in enumerate(equations):
        row: Row = ({c: Fraction(n) for c, n in eq.items() if n and c in hidden}, {i: Fraction(1)})
        for pivot, b in basis:
            if row[0].get(pivot):
                row = _minus(row, row[0][pivot], b)
        if not row[0]:
            continue
        pivot = min(row[0])
        scale = row[0][pivot]
        row = ({c: n / scale for c, n in row[0].items()}, {k: n / scale for k, n in row[1].items()})
        basis = [(p, _minus(b, b[0][pivot], row) if b[0].get(pivot) else b) for p, b in basis]
        basis.append((pivot, row))
    # e_h lies in the row space iff a basis row is exactly e_h (the basis is fully reduced).
    return {p: combo for p, (cells, combo) in basis if len(cells) == 1}


def _minus(row, factor, other):  # type: ignore[no-untyped-def]
    """``row - factor * other`` for (cells, combination) pairs, zeros dropped."""
    out = []
    for mine, theirs in zip(row, other, strict=True):
        merged = dict(mine)
        for k, n in theirs.items():
            merged[k] = merged.get(k, 0) - factor * n
        out.append({k: n for k, n in merged.items() if n})
    return tuple(out)


def _close_combinations(
    counts: dict[str, int],
    shown: dict[str, int | None],
    equations: Sequence[Mapping[str, int]],
    never: frozenset[str],
    degree: dict[str, int],
) -> None:
    """Hide more until no small hidden count (1 to 4) can be worked out: for each derivation
    of one, the published counts it uses are the candidates; the one used by the most
    derivations is hidden (then the one in the fewest relations, then the smallest). A
    derivation that uses only public counts (``never``) or zeros cannot be broken and is left
    (e.g. seat holders all of one status, when the accepted list is public anyway)."""
    while True:
        hidden = {c for c, n in shown.items() if n is None}
        uses: dict[str, int] = {}
        for cell, combo in _derivations(hidden, equations).items():
            if not 0 < counts[cell] < HIDE_BELOW:
                continue  # a count hidden only to protect others may be worked out: it is
                # not small, and any small count it would give away is checked on its own
            total: dict[str, Fraction] = {}
            for i, factor in combo.items():
                for c, k in equations[i].items():
                    total[c] = total.get(c, 0) + factor * k
            for c, k in total.items():
                if k and shown[c] is not None and counts[c] > 0 and c not in never:
                    uses[c] = uses.get(c, 0) + 1
        if not uses:
            return
        shown[min(uses, key=lambda c: (-uses[c], degree[c], counts[c], c))] = None

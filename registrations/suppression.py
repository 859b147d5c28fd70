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

Every hidden count is ``None`` alike: the result never says which hidden counts are small and
which were hidden to protect them, and no reader should. Every hidden count is at least 1 (0 is
shown), and that bound can pin counts down too: hidden counts of one sum that can only all be 1
(``_at_their_floor``) take one more published count with them. Other bounds, set only by a
combination of sums, are not checked yet.
Telling which are small would add bounds: a small one is 1..4 and a complementary one is then
known to be 5 or more (it is not 0 and not small), and that can pin a small one down. A run with
6 who completed (published), 1 Lulus and 5 Bersertifikat (both hidden) shows Lulus +
Bersertifikat = 6; unmarked, each may be 1 to 5, but with Lulus marked small and Bersertifikat
not, Bersertifikat >= 5 gives Bersertifikat = 5 and Lulus = 1. So pages and open data must read
every hidden count the same way ("disembunyikan", ``overrides/partials/hidden-count.html``),
never "< 5", which is false for a complementary count (``tests/registrations/
test_suppression.py`` shows the example).
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


Row = tuple[dict[str, Fraction], dict[int, Fraction]]


def _derivations(
    hidden: set[str], equations: Sequence[Mapping[str, int]]
) -> dict[str, dict[int, Fraction]]:
    """Hidden cell -> the combination of equations (index -> factor) that gives it alone."""
    rows = _reduce(hidden, equations)
    # e_h lies in the row space iff a basis row is exactly e_h (the basis is fully reduced).
    return {p: combo for p, (cells, combo) in rows.items() if len(cells) == 1}


def _reduce(hidden: set[str], equations: Sequence[Mapping[str, int]]) -> dict[str, Row]:
    """Pivot cell -> its row, by exact Gauss-Jordan elimination over the hidden cells: every
    row is zero at every other pivot and keeps the combination of equations it was made from."""
    rows: dict[str, Row] = {}  # pivot -> its row; each row is zero at every other pivot
    where: dict[str, set[str]] = {}  # cell -> pivots of the rows that hold it
    # Pivot on the cell in the fewest equations (a run's own count before a programme total):
    # far less fill-in, so a programme of a thousand runs is solved in seconds.
    freq: dict[str, int] = {}
    for eq in equations:
        for c in eq:
            if c in hidden:
                freq[c] = freq.get(c, 0) + 1
    for i, eq in enumerate(equations):
        row: Row = ({c: Fraction(n) for c, n in eq.items() if n and c in hidden}, {i: Fraction(1)})
        for p in [c for c in row[0] if c in rows]:
            row = _minus(row, row[0][p], rows[p])  # adds no other pivot (rows are reduced)
        if not row[0]:
            continue
        pivot = min(row[0], key=lambda c: (freq[c], c))
        scale = row[0][pivot]
        row = ({c: n / scale for c, n in row[0].items()}, {k: n / scale for k, n in row[1].items()})
        for q in sorted(where.pop(pivot, ())):
            old = rows[q]
            new = _minus(old, old[0][pivot], row)
            for c in old[0]:
                if c != pivot:
                    where[c].discard(q)
            for c in new[0]:
                where.setdefault(c, set()).add(q)
            rows[q] = new
        rows[pivot] = row
        for c in row[0]:
            where.setdefault(c, set()).add(pivot)
    return rows


def _at_their_floor(
    eq: Mapping[str, int], counts: Mapping[str, int], shown: Mapping[str, int | None]
) -> bool:
    """True when the hidden counts of one sum can only all be 1. Every hidden count is at least
    1 (0 is shown) and what the sum equals is published (0, or applicants / accepted), so
    hidden counts whose coefficients have one sign and that are all 1 are pinned (diterima +
    tidak lulus = 2 gives 1 and 1), though no single count follows by linear algebra. This
    catches the case one sum at a time, not bounds that only a combination of sums sets."""
    hidden = [(c, k) for c, k in eq.items() if k and shown[c] is None]
    if not hidden or len({k > 0 for _c, k in hidden}) != 1:
        return False
    return all(counts[c] == 1 for c, _k in hidden)


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
    of one, one of the published counts it uses is hidden. A derivation that uses only public
    counts (``never``) or zeros cannot be broken and is left (e.g. seat holders all of one
    status, when the accepted list is public anyway)."""
    # Rows restricted to hidden cells split into independent blocks (equations linked by a
    # shared hidden cell): a count follows from the file iff it follows from its block. Each
    # block is solved alone and its answer kept until a cell of it changes, so a file with
    # thousands of runs costs a little per run instead of one huge elimination a step.
    solved: dict[tuple[tuple[int, ...], frozenset[str]], list[list[str]]] = {}
    while True:
        hidden = {c for c, n in shown.items() if n is None}
        derivations: list[list[str]] = []  # the published counts each derivation uses
        for block in _blocks(hidden, equations):
            cells = frozenset(c for i in block for c in equations[i] if c in hidden)
            key = (block, cells)
            if key not in solved:
                solved[key] = _block_uses(block, cells, counts, shown, equations, never)
            derivations += solved[key]
        derivations = [d for d in derivations if d]
        if not derivations:
            return
        uses: dict[str, int] = {}
        for used in derivations:
            for c in used:
                uses[c] = uses.get(c, 0) + 1

        def cost(c: str, uses: dict[str, int] = uses) -> tuple[int, int, int, str]:
            return (-uses[c], degree[c], counts[c], c)

        # One count per derivation, all at once (a block of thousands of cells is solved
        # again after each round): the one used by the most derivations, then the one in the
        # fewest relations, then the smallest.
        for used in derivations:
            if all(shown[c] is not None for c in used):
                shown[min(used, key=cost)] = None


def _blocks(hidden: set[str], equations: Sequence[Mapping[str, int]]) -> list[tuple[int, ...]]:
    """Equation indices grouped by the hidden cells that link them (union-find), in order."""
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.setdefault(c, c) != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    touched: list[tuple[int, str]] = []
    for i, eq in enumerate(equations):
        mine = [c for c, k in eq.items() if k and c in hidden]
        if not mine:
            continue
        first = root(mine[0])
        for c in mine[1:]:
            other = root(c)
            if other != first:
                parent[other] = first
        touched.append((i, mine[0]))
    groups: dict[str, list[int]] = {}
    for i, c in touched:
        groups.setdefault(root(c), []).append(i)
    return [tuple(g) for g in groups.values()]


def _block_uses(
    block: tuple[int, ...],
    cells: frozenset[str],
    counts: dict[str, int],
    shown: dict[str, int | None],
    equations: Sequence[Mapping[str, int]],
    never: frozenset[str],
) -> list[list[str]]:
    """For one block: for each derivation of a small hidden count, the published counts it
    uses that may still be hidden (none: it cannot be broken, and is left out)."""
    out = []
    local = [equations[i] for i in block]
    for eq in local:
        if _at_their_floor(eq, counts, shown):
            out.append(
                sorted(
                    c
                    for c, k in eq.items()
                    if k and shown[c] is not None and counts[c] > 0 and c not in never
                )
            )
    for cell, combo in _derivations(set(cells), local).items():
        if not 0 < counts[cell] < HIDE_BELOW:
            continue  # a count hidden only to protect others may be worked out: it is
            # not small, and any small count it would give away is checked on its own
        total: dict[str, Fraction] = {}
        for i, factor in combo.items():
            for c, k in local[i].items():
                total[c] = total.get(c, 0) + factor * k
        used = [
            c
            for c, k in total.items()
            if k and shown[c] is not None and counts[c] > 0 and c not in never
        ]
        out.append(sorted(used))
    return out

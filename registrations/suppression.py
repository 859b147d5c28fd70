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

Bounds pin counts down too. Every hidden count is a whole number of at least 1 (0 is shown), so
a small hidden count may have only one possible value though no combination of sums gives it
(diterima + tidak lulus = 2 gives 1 and 1; or several sums together: a + b = T, T + u = 9 and
u = w + 6 leave only a = b = w = 1). The rule: for every small hidden count, some other
assignment of whole numbers of at least 1 to the hidden counts of its block (:func:`_blocks`)
must satisfy every equation, else one more published count nearby is hidden and the check is
made again. :func:`_step` searches for such an assignment as a step of +1 or -1 on at most
:data:`STEP_CELLS` hidden counts, starting from the true counts; a count for which it finds
none within :data:`STEP_TRIES` tries is treated as pinned (even if a larger change would
move it), which only hides more. ``tests/form_service/test_capaian_totals.py`` checks the
published file by an exhaustive search instead.

Every hidden count is ``None`` alike: the result never says which hidden counts are small and
which were hidden to protect them, and no reader should.
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
    solved: dict[tuple[tuple[int, ...], frozenset[str]], list[tuple[str, list[str]]]] = {}
    given_away: set[str] = set()  # small counts whose derivation cannot be broken

    def derivations(hidden: set[str], blocks: list[tuple[int, ...]]) -> list[list[str]]:
        out = []  # the published counts each derivation uses
        for block in blocks:
            cells = frozenset(c for i in block for c in equations[i] if c in hidden)
            key = (block, cells)
            if key not in solved:
                solved[key] = _block_uses(block, cells, counts, shown, equations, never)
            for cell, used in solved[key]:
                out.append(used)
                if not used:
                    given_away.add(cell)
        return out

    movable: set[str] = set()  # small hidden counts known to have another possible value

    def pinned(hidden: set[str], blocks: list[tuple[int, ...]]) -> list[list[str]]:
        skip = movable | given_away  # hiding more cannot help the ones given away
        return _pinned(blocks, hidden, counts, shown, equations, never, movable, skip)

    # Hiding more never lets a count be worked out that could not be before, nor takes away
    # another value a count could have: once no small count follows from the sums alone,
    # only the bounds are checked again, and a count found movable stays so.
    for find in (derivations, pinned):
        while True:
            hidden = {c for c, n in shown.items() if n is None}
            found = [used for used in find(hidden, _blocks(hidden, equations)) if used]
            if not found:
                break
            uses: dict[str, int] = {}
            for used in found:
                for c in used:
                    uses[c] = uses.get(c, 0) + 1

            if find is pinned:
                uses = dict.fromkeys(uses, 0)

            def cost(c: str, uses: dict[str, int] = uses) -> tuple[int, int, int, str]:
                return (-uses[c], degree[c], counts[c], c)

            # One count per derivation, all at once (a block of thousands of cells is solved
            # again after each round): the one used by the most derivations, then the one in
            # the fewest relations, then the smallest. For a pinned count, the one in the
            # fewest relations first: the most used are the programme's own totals, which
            # every pinned count far away reaches, and hiding them frees few.
            for used in found:
                if find is pinned or all(shown[c] is not None for c in used):
                    left = [c for c in used if shown[c] is not None]
                    if left:
                        shown[min(left, key=cost)] = None


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
) -> list[tuple[str, list[str]]]:
    """For one block: for each derivation of a small hidden count, the count and the published
    counts it uses that may still be hidden (none: it cannot be broken, and is left)."""
    out = []
    local = [equations[i] for i in block]
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
        out.append((cell, sorted(used)))
    return out


# How far :func:`_step` looks for another value of a small hidden count: a step changes
# at most this many hidden counts, and this many partial steps are tried before the count is
# taken as pinned (and one more count is hidden, which is safe, only more than needed).
STEP_CELLS = 30
STEP_TRIES = 300


def _pinned(
    blocks: list[tuple[int, ...]],
    hidden: set[str],
    counts: dict[str, int],
    shown: dict[str, int | None],
    equations: Sequence[Mapping[str, int]],
    never: frozenset[str],
    movable: set[str],
    skip: set[str],
) -> list[list[str]]:
    """For each small hidden count that can take no other value (:func:`_step`), the
    published counts that may still be hidden of the equations that hold it (or, when those
    have none, of the nearest equations of its block that have some); none: it cannot be
    protected, and is left out. ``movable`` collects the counts found to have another value
    (they keep it when more is hidden); counts in ``skip`` are not checked."""

    def open_in(indices: Iterable[int]) -> list[str]:
        return sorted(
            {
                c
                for i in indices
                for c, k in equations[i].items()
                if k and shown[c] is not None and counts[c] > 0 and c not in never
            }
        )

    out = []
    for block in blocks:
        sums = [{c: k for c, k in equations[i].items() if k and c in hidden} for i in block]
        holding: dict[str, list[int]] = {}
        for j, eq in enumerate(sums):
            for c in eq:
                holding.setdefault(c, []).append(j)
        for cell in sorted(holding):
            if not 0 < counts[cell] < HIDE_BELOW or cell in skip:
                continue
            step = _step(cell, sums, holding, counts)
            if step:
                movable.update(step)  # every count the step changes has another value
                continue
            # The published counts nearest to it: of the sums that hold it, else of the sums
            # that hold their hidden counts, and so on.
            near, reached, done = holding[cell], {cell}, set()
            while near and not (used := open_in(block[j] for j in near)):
                done.update(near)
                cells = {c for j in near for c in sums[j]} - reached
                reached |= cells
                near = sorted({j for c in cells for j in holding[c]} - done)
            out.append(used if near else [])
    return [used for used in out if used]


def _step(
    cell: str, sums: list[dict[str, int]], holding: dict[str, list[int]], counts: dict[str, int]
) -> list[str]:
    """The hidden counts of a block that can be changed together, ``cell`` among them, so
    that every sum still holds and every hidden count is still at least 1 (then a reader
    cannot tell their values from the sums and the bounds); none if not found. ``sums``: the
    block's equations over its hidden counts; ``holding``: cell -> the indices of the sums
    that hold it.

    A depth-first search for a step of +1 or -1 on a few hidden counts, starting at ``cell``:
    the smallest sum the step leaves unbalanced is balanced next by one more count (the one
    that balances the most other sums at once first); a count of 1 may only go up. The sums
    have coefficients 1 and -1, and another value, when there is one, is then almost always
    such a step away (a run's lulus one less and bersertifikat one more; or one run's count
    up and another's in the same kelurahan down). A count not found movable within
    :data:`STEP_CELLS` counts and :data:`STEP_TRIES` tries is taken as pinned."""
    step: dict[str, int] = {}
    off: dict[int, int] = {}  # sum index -> how far the step puts it out of balance
    tries = STEP_TRIES

    def move(c: str, v: int) -> None:
        if v:
            step[c] = v
        else:
            v = -step.pop(c)
        for j in holding[c]:
            r = off.get(j, 0) + sums[j][c] * v
            if r:
                off[j] = r
            else:
                del off[j]

    def gain(c: str, v: int) -> int:
        return sum(abs(off.get(j, 0)) - abs(off.get(j, 0) + sums[j][c] * v) for j in holding[c])

    def search() -> bool:
        nonlocal tries
        if not off:
            return True
        if len(step) >= STEP_CELLS or tries <= 0:
            return False
        tries -= 1
        j = min(off, key=lambda j: (len(sums[j]), j))
        options = []
        for c, k in sums[j].items():
            v = -1 if (off[j] > 0) == (k > 0) else 1
            if c not in step and (v > 0 or counts[c] > 1):
                options.append((-gain(c, v), c, v))
        for _gain, c, v in sorted(options):
            move(c, v)
            if search():
                return True
            move(c, 0)
        return False

    for v in (1, -1):
        if v > 0 or counts[cell] > 1:
            move(cell, v)
            if search():
                return list(step)
            move(cell, 0)
    return []

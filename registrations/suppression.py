"""Small-count suppression of published figures: one rule for every public file and page.

Lives in ``registrations/`` because the counts it protects come from registrations, and both
``form_service`` (``katalog queue publish``) and ``site_builder`` may import this package
(``catalog/`` imports nothing else and knows nothing of people).

A count from 1 to 4 is hidden (``None``); ``0`` is shown. Then complementary suppression: in
every *relation* (a set of cells tied together by a sum whose other terms are published), a
relation with exactly one hidden cell gets one more hidden, until no hidden count can be found
by subtraction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

HIDE_BELOW = 5


def suppress(
    counts: dict[str, int],
    relations: Sequence[Sequence[str]],
    never: Iterable[str] = (),
    whole: Sequence[Sequence[str]] = (),
) -> dict[str, int | None]:
    """``counts`` with every count from 1 to 4 hidden (``None``), then one more count hidden in
    any relation that has exactly one hidden, until none has.

    ``never``: cells that are public anyway and never hidden. ``whole``: relations whose cells
    add up to a published total; when that total is 1..4 all their non-zero cells are hidden.
    The cell hidden second is the one that protects the most lone relations at once, then the
    one in the fewest relations, then the smallest (ties by name)."""
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
    degree = {cell: sum(1 for r in relations if cell in r) for cell in counts}
    changed = True
    while changed:
        changed = False
        for relation in relations:
            if sum(1 for c in relation if shown[c] is None) != 1:
                continue
            candidates = [
                c for c in relation if shown[c] is not None and counts[c] > 0 and c not in never
            ]
            if candidates:
                lone = [r for r in relations if sum(1 for c in r if shown[c] is None) == 1]

                def cost(cell: str, lone: list[Sequence[str]] = lone) -> tuple[int, int, int, str]:
                    mends = sum(1 for r in lone if cell in r)  # sums it protects at once
                    return (-mends, degree[cell], counts[cell], cell)

                shown[min(candidates, key=cost)] = None
                changed = True
    return shown

"""The one small-count rule of published figures (registrations.suppression)."""

import itertools

from registrations.suppression import determined, suppress


def test_four_is_hidden_five_is_shown_zero_is_shown():
    shown = suppress({"a": 4, "b": 5, "c": 0}, [])
    assert shown == {"a": None, "b": 5, "c": 0}


def test_a_hidden_cell_that_a_total_gives_away_takes_the_next_smallest_with_it():
    # total = men + women; total 20 is published, so hiding only women (3) would leave it as
    # 20 - 17: the smallest other visible cell (men) is hidden too.
    shown = suppress({"total": 20, "men": 17, "women": 3}, [["total", "men", "women"]])
    assert shown["women"] is None
    assert shown["men"] is None
    assert shown["total"] == 20


def test_a_total_with_one_hidden_component_is_hidden_when_it_is_the_smallest_visible():
    # total = a + b + c with a hidden (2): the smallest visible non-zero cell goes too (b).
    shown = suppress({"total": 72, "a": 2, "b": 30, "c": 40}, [["total", "a", "b", "c"]])
    assert [cell for cell, n in shown.items() if n is None] == ["a", "b"]


def test_never_cells_stay_and_the_next_one_is_hidden_instead():
    shown = suppress(
        {"total": 20, "men": 17, "women": 3}, [["total", "men", "women"]], never={"men"}
    )
    assert shown == {"total": None, "men": 17, "women": None}


def test_a_whole_relation_with_a_small_total_hides_every_non_zero_cell():
    shown = suppress({"x": 2, "y": 1, "z": 0}, [["x", "y", "z"]], whole=[["x", "y", "z"]])
    assert shown == {"x": None, "y": None, "z": 0}


def test_nothing_hidden_leaves_everything():
    counts = {"total": 30, "a": 10, "b": 20}
    assert suppress(counts, [["total", "a", "b"]]) == counts


def test_a_small_count_given_away_by_two_sums_together_is_protected_by_the_equations():
    # seat holders (public: 16) = passed + failed + certified; completed = passed + certified;
    # completed = the follow-up answers. Each sum alone has two hidden cells or none, but
    # seat holders minus completed gives failed = 1.
    counts = {"passed": 3, "failed": 1, "certified": 12, "completed": 15, "answers": 15}
    relations = [["passed", "failed", "certified"], ["completed", "passed", "certified"],
                 ["completed", "answers"]]  # fmt: skip
    equations = [{"passed": 1, "failed": 1, "certified": 1},
                 {"completed": -1, "passed": 1, "certified": 1},
                 {"completed": -1, "answers": 1}]  # fmt: skip
    alone = suppress(counts, relations)
    assert (alone["completed"], alone["answers"]) == (15, 15)
    assert determined([c for c, n in alone.items() if n is None], equations) == ["failed"]
    shown = suppress(counts, relations, equations=equations)
    assert (shown["completed"], shown["answers"]) == (None, None)
    assert determined([c for c, n in shown.items() if n is None], equations) == []


def test_saying_which_hidden_counts_are_small_would_give_a_small_one_away():
    # Why every hidden count reads the same ("disembunyikan", never "< 5"): 6 completed,
    # 1 Lulus (small) and 5 Bersertifikat (hidden with it).
    counts = {"completed": 6, "passed": 1, "certified": 5}
    relation = ["completed", "passed", "certified"]
    shown = suppress(counts, [relation], equations=[{"completed": -1, "passed": 1, "certified": 1}])
    assert shown == {"completed": 6, "passed": None, "certified": None}

    def possible(passed_range, certified_range):  # Lulus values a reader cannot rule out
        return sorted(p for p in passed_range for c in certified_range if p + c == 6)

    # Every hidden count is at least 1; nothing else is known: Lulus may be 1 to 5.
    assert possible(range(1, 7), range(1, 7)) == [1, 2, 3, 4, 5]
    # Told that Lulus is small (1..4) and Bersertifikat is not (so 5 or more): Lulus is 1.
    assert possible(range(1, 5), range(5, 7)) == [1]


# Seat holders (public) = diterima + mengikuti + lulus + tidak lulus + bersertifikat.
SEATS = ["accepted", "attending", "passed", "failed", "certified"]
SEATS_SUM = {"holders": -1, **dict.fromkeys(SEATS, 1)}


def hidden_seats(accepted: int, failed: int, equations: list) -> list[str]:  # type: ignore[type-arg]
    counts = {"accepted": accepted, "attending": 0, "passed": 8, "failed": failed, "certified": 0}
    counts["holders"] = sum(counts.values())
    shown = suppress(counts, [["holders", *SEATS]], never=["holders"], equations=equations)
    return [c for c, n in shown.items() if n is None]


def test_hidden_counts_pinned_by_being_at_least_one_take_another_count_with_them():
    # Diterima 1 and Tidak lulus 1 hidden, the rest shown: no count follows from the sums
    # alone, but a hidden count is never 0, so Diterima + Tidak lulus = 2 makes both 1.
    assert hidden_seats(1, 1, equations=[]) == ["accepted", "failed"]
    assert determined(["accepted", "failed"], [SEATS_SUM]) == []  # not by the sums alone
    assert hidden_seats(1, 1, equations=[SEATS_SUM]) == ["accepted", "passed", "failed"]


def test_hidden_counts_with_room_to_move_take_nothing_more():
    # Tidak lulus 2: Diterima + Tidak lulus = 3 may be 1 + 2 or 2 + 1.
    assert hidden_seats(1, 2, equations=[SEATS_SUM]) == ["accepted", "failed"]


def values_a_reader_allows(shown, equations, cell, top=7):  # type: ignore[no-untyped-def]
    """Every value of ``cell`` that some assignment of 1..``top`` to the hidden counts allows,
    with every equation (cell -> coefficient, adding up to 0) holding: brute force (no count
    of the example below can exceed 7)."""
    hidden = sorted(c for c, n in shown.items() if n is None)
    allowed = set()
    for values in itertools.product(range(1, top + 1), repeat=len(hidden)):
        full = {**shown, **dict(zip(hidden, values, strict=True))}
        if all(sum(k * full[c] for c, k in eq.items()) == 0 for eq in equations):
            allowed.add(full[cell])
    return sorted(allowed)


def test_a_small_count_pinned_by_several_sums_and_the_bound_of_one_takes_another_with_it():
    # t = a + b; public = t + u (9, public anyway); u = w + m. No combination of the sums gives
    # a, b or w, and no sum alone has only 1s in it; but every hidden count is at least 1, so
    # w >= 1 gives u >= 7, t <= 2, and a = b = 1, w = 1.
    counts = {"a": 1, "b": 1, "t": 2, "u": 7, "w": 1, "m": 6, "public": 9}
    relations = [["t", "a", "b"], ["public", "t", "u"], ["u", "w", "m"]]
    equations = [{"t": -1, "a": 1, "b": 1}, {"public": -1, "t": 1, "u": 1},
                 {"u": -1, "w": 1, "m": 1}]  # fmt: skip
    alone = suppress(counts, relations, never=["public"])
    assert [c for c, n in alone.items() if n is None] == ["a", "b", "t", "u", "w"]
    assert determined(["a", "b", "t", "u", "w"], equations) == []
    assert [values_a_reader_allows(alone, equations, c) for c in "abw"] == [[1], [1], [1]]

    shown = suppress(counts, relations, never=["public"], equations=equations)
    assert [c for c, n in shown.items() if n is None] == ["a", "b", "t", "u", "w", "m"]
    # m is hidden too: each of a, b and w may now be anything from 1 to 6.
    assert [values_a_reader_allows(shown, equations, c) for c in "abw"] == [[1, 2, 3, 4, 5, 6]] * 3

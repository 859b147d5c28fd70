"""registrations.status: the statuses, their Indonesian labels and which changes are allowed."""

from __future__ import annotations

import pytest

from registrations.status import (
    INITIAL,
    LABELS,
    NEXT_STEP,
    OPEN,
    TRANSITIONS,
    Status,
    allowed,
    parse_status,
    transition_problem,
)

S = Status
OPEN_STATUSES = [S.REGISTERED, S.WAITLIST, S.INVITED, S.ACCEPTED, S.RESERVE]
FINAL = [S.REJECTED, S.WITHDRAWN, S.FAILED, S.CERTIFIED]

# Every change the issue names, with a reason where one is required.
ALLOWED = [
    # terdaftar / daftar tunggu -> diundang seleksi (or straight to a result)
    (S.REGISTERED, S.INVITED),
    (S.WAITLIST, S.INVITED),
    (S.REGISTERED, S.ACCEPTED),
    (S.REGISTERED, S.RESERVE),
    (S.REGISTERED, S.REJECTED),
    (S.WAITLIST, S.ACCEPTED),
    (S.WAITLIST, S.RESERVE),
    (S.WAITLIST, S.REJECTED),
    # diundang seleksi -> diterima | cadangan | tidak diterima
    (S.INVITED, S.ACCEPTED),
    (S.INVITED, S.RESERVE),
    (S.INVITED, S.REJECTED),
    # a seat offered to the next reserve, or the reserve list closed
    (S.RESERVE, S.ACCEPTED),
    (S.RESERVE, S.REJECTED),
    # any open status -> mengundurkan diri
    *[(status, S.WITHDRAWN) for status in OPEN_STATUSES],
    # diterima -> mengikuti pelatihan -> lulus | tidak lulus; lulus -> bersertifikat
    (S.ACCEPTED, S.ATTENDING),
    (S.ATTENDING, S.PASSED),
    (S.ATTENDING, S.FAILED),
    (S.PASSED, S.CERTIFIED),
]


def test_labels_are_the_words_clerks_and_applicants_read():
    assert {status: status.label for status in Status} == {
        S.REGISTERED: "Terdaftar",
        S.WAITLIST: "Daftar tunggu",
        S.INVITED: "Diundang seleksi",
        S.ACCEPTED: "Diterima",
        S.RESERVE: "Cadangan",
        S.REJECTED: "Tidak diterima",
        S.WITHDRAWN: "Mengundurkan diri",
        S.ATTENDING: "Mengikuti pelatihan",
        S.PASSED: "Lulus",
        S.FAILED: "Tidak lulus",
        S.CERTIFIED: "Bersertifikat",
    }
    assert set(LABELS) == set(Status) == set(NEXT_STEP) == set(TRANSITIONS)
    assert INITIAL == {S.REGISTERED, S.WAITLIST}
    assert OPEN == set(OPEN_STATUSES)


@pytest.mark.parametrize(("old", "new"), ALLOWED, ids=lambda s: s.value)
def test_every_change_the_issue_names_is_allowed(old, new):
    reason = "tidak lolos seleksi" if new is S.REJECTED else None
    assert allowed(old, new)
    assert transition_problem(old, new, reason) is None


def test_nothing_else_is_allowed():
    every = {(old, new) for old in Status for new in Status if old != new}
    assert {(old, new) for old, new in every if allowed(old, new)} == set(ALLOWED)


def test_final_statuses_allow_no_change():
    for status in FINAL:
        assert TRANSITIONS[status] == frozenset()


def test_the_same_status_is_never_a_problem():
    for status in Status:
        assert transition_problem(status, status, None) is None


@pytest.mark.parametrize("reason", [None, "", "   ", "\n\t"])
def test_tidak_diterima_needs_a_reason(reason):
    for old in (S.REGISTERED, S.WAITLIST, S.INVITED, S.RESERVE):
        assert transition_problem(old, S.REJECTED, reason) == (
            "status \u201cTidak diterima\u201d perlu alasan; isi alasannya."
        )


def test_only_tidak_diterima_needs_a_reason():
    for old, new in ALLOWED:
        if new is not S.REJECTED:
            assert transition_problem(old, new, None) is None


FORBIDDEN = [
    (
        S.REGISTERED,
        S.ATTENDING,
        "status \u201cTerdaftar\u201d tidak bisa langsung diubah menjadi \u201cMengikuti "
        "pelatihan\u201d; dari status ini yang boleh: \u201cDiundang seleksi\u201d, "
        "\u201cDiterima\u201d, \u201cCadangan\u201d, \u201cTidak diterima\u201d, "
        "\u201cMengundurkan diri\u201d.",
    ),
    (
        S.WAITLIST,
        S.REGISTERED,
        "status \u201cDaftar tunggu\u201d tidak bisa langsung diubah menjadi \u201cTerdaftar\u201d; "
        "dari status ini yang boleh: \u201cDiundang seleksi\u201d, \u201cDiterima\u201d, "
        "\u201cCadangan\u201d, \u201cTidak diterima\u201d, \u201cMengundurkan diri\u201d.",
    ),
    (
        S.INVITED,
        S.REGISTERED,
        "status \u201cDiundang seleksi\u201d tidak bisa langsung diubah menjadi "
        "\u201cTerdaftar\u201d; dari status ini yang boleh: \u201cDiterima\u201d, "
        "\u201cCadangan\u201d, \u201cTidak diterima\u201d, \u201cMengundurkan diri\u201d.",
    ),
    (
        S.INVITED,
        S.PASSED,
        "status \u201cDiundang seleksi\u201d tidak bisa langsung diubah menjadi \u201cLulus\u201d; "
        "dari status ini yang boleh: \u201cDiterima\u201d, \u201cCadangan\u201d, "
        "\u201cTidak diterima\u201d, \u201cMengundurkan diri\u201d.",
    ),
    (
        S.RESERVE,
        S.ATTENDING,
        "status \u201cCadangan\u201d tidak bisa langsung diubah menjadi \u201cMengikuti "
        "pelatihan\u201d; dari status ini yang boleh: \u201cDiterima\u201d, "
        "\u201cTidak diterima\u201d, \u201cMengundurkan diri\u201d.",
    ),
    (
        S.ACCEPTED,
        S.CERTIFIED,
        "status \u201cDiterima\u201d tidak bisa langsung diubah menjadi \u201cBersertifikat\u201d; "
        "dari status ini yang boleh: \u201cMengundurkan diri\u201d, "
        "\u201cMengikuti pelatihan\u201d.",
    ),
    (
        S.ACCEPTED,
        S.REJECTED,
        "status \u201cDiterima\u201d tidak bisa langsung diubah menjadi \u201cTidak diterima\u201d; "
        "dari status ini yang boleh: \u201cMengundurkan diri\u201d, "
        "\u201cMengikuti pelatihan\u201d.",
    ),
    (
        S.ATTENDING,
        S.WITHDRAWN,
        "status \u201cMengikuti pelatihan\u201d tidak bisa langsung diubah menjadi "
        "\u201cMengundurkan diri\u201d; dari status ini yang boleh: \u201cLulus\u201d, "
        "\u201cTidak lulus\u201d.",
    ),
    (
        S.ATTENDING,
        S.CERTIFIED,
        "status \u201cMengikuti pelatihan\u201d tidak bisa langsung diubah menjadi "
        "\u201cBersertifikat\u201d; dari status ini yang boleh: \u201cLulus\u201d, "
        "\u201cTidak lulus\u201d.",
    ),
    (
        S.PASSED,
        S.FAILED,
        "status \u201cLulus\u201d tidak bisa langsung diubah menjadi \u201cTidak lulus\u201d; "
        "dari status ini yang boleh: \u201cBersertifikat\u201d.",
    ),
    (
        S.REJECTED,
        S.ACCEPTED,
        "status \u201cTidak diterima\u201d sudah final dan tidak bisa diubah menjadi "
        "\u201cDiterima\u201d.",
    ),
    (
        S.WITHDRAWN,
        S.REGISTERED,
        "status \u201cMengundurkan diri\u201d sudah final dan tidak bisa diubah menjadi "
        "\u201cTerdaftar\u201d.",
    ),
    (
        S.FAILED,
        S.PASSED,
        "status \u201cTidak lulus\u201d sudah final dan tidak bisa diubah menjadi "
        "\u201cLulus\u201d.",
    ),
    (
        S.CERTIFIED,
        S.WITHDRAWN,
        "status \u201cBersertifikat\u201d sudah final dan tidak bisa diubah menjadi "
        "\u201cMengundurkan diri\u201d.",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "message"), FORBIDDEN, ids=[f"{o.value}-{n.value}" for o, n, _m in FORBIDDEN]
)
def test_forbidden_changes_say_why_and_what_is_allowed(old, new, message):
    assert not allowed(old, new)
    assert transition_problem(old, new, None) == message
    assert transition_problem(old, new, "alasan apa pun") == message  # a reason does not help


def test_every_forbidden_change_has_a_message():
    for old in Status:
        for new in Status:
            if old != new and not allowed(old, new):
                message = transition_problem(old, new, "alasan")
                assert message and old.label in message and new.label in message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Terdaftar", S.REGISTERED),
        ("terdaftar", S.REGISTERED),
        ("TERDAFTAR", S.REGISTERED),
        ("Daftar tunggu", S.WAITLIST),
        ("daftar TUNGGU", S.WAITLIST),
        ("  daftar   tunggu ", S.WAITLIST),
        ("Diundang Seleksi", S.INVITED),
        ("diterima", S.ACCEPTED),
        ("CADANGAN", S.RESERVE),
        ("Tidak Diterima", S.REJECTED),
        ("mengundurkan diri", S.WITHDRAWN),
        ("Mengikuti\tPelatihan", S.ATTENDING),
        ("lulus", S.PASSED),
        ("TIDAK LULUS", S.FAILED),
        ("bersertifikat", S.CERTIFIED),
        ("accepted", S.ACCEPTED),  # the stored code
        ("WAITLIST", S.WAITLIST),
    ],
)
def test_parse_status_reads_labels_in_any_case(typed, expected):
    assert parse_status(typed) is expected


@pytest.mark.parametrize("typed", ["", "   ", "diterim", "lulus!", "tidak", "ditolak", "1"])
def test_parse_status_refuses_other_words(typed):
    assert parse_status(typed) is None


def test_every_label_parses_back():
    for status in Status:
        assert parse_status(status.label) is status
        assert parse_status(status.label.upper()) is status
        assert parse_status(status.value) is status

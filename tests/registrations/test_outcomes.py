"""Follow-up answers: the words clerks type, and the folded current state."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from registrations.models import StatusEvent
from registrations.outcomes import FollowUp, followup_suggestion, outcome_of, parse_followup
from registrations.status import Status


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Bekerja", FollowUp.WORKING),
        ("  belum   BEKERJA ", FollowUp.NOT_WORKING),
        ("berwirausaha", FollowUp.SELF_EMPLOYED),
        ("Tidak dapat dihubungi", FollowUp.UNREACHABLE),
        ("unreachable", FollowUp.UNREACHABLE),
        ("kerja", None),
    ],
)
def test_parse_followup(word, expected):
    assert parse_followup(word) is expected


def test_suggestion_and_labels():
    assert followup_suggestion("Berwiraushaa") == "Berwirausaha"
    assert followup_suggestion("xyz") is None
    assert [a.label for a in FollowUp] == [
        "Bekerja",
        "Berwirausaha",
        "Belum bekerja",
        "Tidak dapat dihubungi",
    ]


def test_outcome_is_the_last_word_on_each_part():
    at = datetime(2027, 6, 1, tzinfo=UTC)

    def event(seq, **kw):
        return StatusEvent(
            "KP-0000-0000-0001", "r", seq, Status.PASSED, Status.PASSED, at, "x", **kw
        )

    outcome = outcome_of(
        [
            event(1, starter_package=True),
            event(2, followup_month=6, followup=FollowUp.WORKING),
            event(3, followup_month=3, followup=FollowUp.UNREACHABLE),
            event(4, followup_month=6, followup=FollowUp.SELF_EMPLOYED),
            event(5, note="tanpa perubahan hasil"),
        ]
    )
    assert outcome.starter_package is True
    assert outcome.followups == ((3, FollowUp.UNREACHABLE), (6, FollowUp.SELF_EMPLOYED))

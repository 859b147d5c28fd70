"""Version-1 lines (the first release) are read unchanged, by the decoder and the file store."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from registrations.jsonl import JsonlStore
from registrations.outcomes import FollowUp
from registrations.records import (
    event_from,
    event_problems,
    event_record,
    registration_from,
    registration_record,
)
from registrations.status import Status
from registrations.store import Change

V1_LINE = {
    "v": 1,
    "id": "KP-0000-0000-0001",
    "received_at": "2027-01-05T02:31:07Z",
    "run_id": "blk-contoh/tata-boga/2027-1",
    "course_id": "tata-boga",
    "center_id": "blk-contoh",
    "status": "waitlist",
    "applicant": {
        "full_name": "Contoh Pendaftar",
        "nik": "3671011708980001",
        "birth_date": "1998-08-17",
        "gender": "L",
        "phone": "+6281200000001",
        "email": None,
        "village": "3671011001",
        "address": "Jl. Contoh No. 1",
        "education": "sma",
        "employment_status": "mencari-kerja",
        "dtks": "tidak",
        "disability": None,
        "motivation": None,
    },
    "consent": {"version": "2026-11-01", "agreed_at": "2027-01-05T02:31:07Z"},
}


def test_v1_record_decodes():
    registration = registration_from(V1_LINE)
    assert registration.version == 1
    assert registration.status is Status.WAITLIST
    assert registration.consent.publish_name is False
    assert registration.received_at == datetime(2027, 1, 5, 2, 31, 7, tzinfo=UTC)
    rewritten = registration_record(registration)
    assert rewritten["v"] == 2 and rewritten["consent"]["publish_name"] is False
    assert {k: v for k, v in rewritten.items() if k not in ("v", "consent")} == {
        k: v for k, v in V1_LINE.items() if k not in ("v", "consent")
    }


def test_v1_file_read_unchanged_by_the_store(tmp_path):
    path = tmp_path / "queue.jsonl"
    text = json.dumps(V1_LINE, ensure_ascii=False, separators=(",", ":")) + "\n"
    path.write_text(text, encoding="utf-8")
    store = JsonlStore(path)
    assert store.get("KP-0000-0000-0001").version == 1
    assert list(store.problems()) == []
    assert store.counts("blk-contoh/tata-boga/2027-1").waitlist == 1
    store.record([Change("KP-0000-0000-0001", Status.INVITED, by="Petugas Contoh")])
    assert path.read_text(encoding="utf-8").startswith(text)  # the v1 line stays as it was
    assert [r.status for r in store.registrations()] == [Status.INVITED]
    assert list(store.problems()) == []


EVENT_LINE = {
    "v": 2,
    "type": "event",
    "id": "KP-0000-0000-0001",
    "run_id": "blk-contoh/tata-boga/2027-1",
    "seq": 1,
    "from": "waitlist",
    "to": "invited",
    "at": "2027-01-20T03:00:00Z",
    "by": "Petugas Contoh",
    "reason": None,
    "rank": None,
    "note": None,
}


def test_event_line_without_the_outcome_keys_reads_as_null():
    event = event_from(EVENT_LINE)
    assert (event.starter_package, event.followup_month, event.followup) == (None, None, None)
    written = event_record(event)
    assert written == {**EVENT_LINE, "starter_package": None, "followup_month": None,
                       "followup": None}  # fmt: skip
    assert event_from(written) == event


def test_outcome_event_round_trip():
    line = {**EVENT_LINE, "from": "passed", "to": "passed", "starter_package": True,
            "followup_month": 6, "followup": "self_employed"}  # fmt: skip
    event = event_from(line)
    assert event.followup is FollowUp.SELF_EMPLOYED and event.starter_package is True
    assert event_record(event) == line


def test_bad_outcome_keys_are_reported():
    line = {**EVENT_LINE, "starter_package": "ya", "followup_month": 4, "followup": ["x"]}
    assert event_problems(line) == [
        "starter_package harus true, false atau null",
        "followup_month harus 3, 6 atau null",
        "jawaban tindak lanjut tidak dikenal: ['x']",
    ]
    assert event_problems({**EVENT_LINE, "followup_month": 3}) == [
        "followup_month dan followup harus diisi berdua atau kosong berdua"
    ]
    assert event_problems({**EVENT_LINE, "extra": 1}) == ["kolom tidak dikenal: extra"]

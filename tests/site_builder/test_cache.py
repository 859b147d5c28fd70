"""The build cache: reuse of QR codes and calendar events across builds and forked processes."""

from __future__ import annotations

import hashlib
import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
import segno
from icalendar import Calendar

from catalog.catalog import Catalog
from site_builder import ical, poster
from site_builder.cache import BuildCache
from tests.site_builder.machine_fixtures import BASE_URL, TODAY, load_fixture

FIRST = datetime(2026, 11, 23, 1, 2, 3, tzinfo=UTC)
LATER = datetime(2026, 11, 24, 4, 5, 6, tzinfo=UTC)
URL = "https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/#angkatan-2027-1"


def never() -> str:
    raise AssertionError("make() called although the value is cached")


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def build(folder: Path, used: dict[str, str]) -> BuildCache:
    """One build that uses ``used`` (key -> value) in namespace "qr", then commits."""
    cache = BuildCache.open(folder)
    for key, value in used.items():
        assert cache.get_or_make("qr", key, lambda v=value: v) == value
    cache.commit()
    return cache


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_fixture(tmp_path / "data")


def test_disabled_cache_makes_every_time_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    cache = BuildCache.open(None)
    calls = []
    for _ in range(2):
        assert cache.get_or_make("qr", "k", lambda: calls.append(1) or "v") == "v"
    cache.save_part()
    cache.commit()
    assert len(calls) == 2
    assert cache.stats == {"qr": (0, 2)}
    assert files(tmp_path) == []


def test_committed_value_is_reused_by_the_next_build(tmp_path):
    folder = tmp_path / "cache"  # does not exist yet: an empty cache
    first = build(folder, {"k": "<svg/>"})
    assert first.stats == {"qr": (0, 1)}
    assert files(folder) == ["qr.json"]
    stored = json.loads((folder / "qr.json").read_text("utf-8"))
    assert stored == {"format": 1, "entries": {hashlib.sha256(b"k").hexdigest(): "<svg/>"}}

    second = BuildCache.open(folder)
    assert second.get_or_make("qr", "k", never) == "<svg/>"
    assert second.get_or_make("qr", "k", never) == "<svg/>"
    assert second.stats == {"qr": (2, 0)}


def test_commit_keeps_only_the_entries_this_build_used(tmp_path):
    folder = tmp_path / "cache"
    build(folder, {"a": "A", "b": "B"})
    ics = BuildCache.open(folder)
    ics.get_or_make("ics", "e", lambda: "E")
    ics.commit()
    assert files(folder) == ["ics.json"]  # "qr" unused in that build: its file is gone

    build(folder, {"a": "A", "b": "B"})
    build(folder, {"a": "A"})
    cache = BuildCache.open(folder)
    assert cache.get_or_make("qr", "a", never) == "A"
    assert cache.get_or_make("qr", "b", lambda: "new B") == "new B"
    assert cache.stats == {"qr": (1, 1)}
    assert len(json.loads((folder / "qr.json").read_text("utf-8"))["entries"]) == 1


def test_entries_used_in_a_forked_child_are_merged(tmp_path):
    folder = tmp_path / "cache"
    build(folder, {"old": "OLD", "shared": "S"})
    cache = BuildCache.open(folder)
    assert cache.get_or_make("qr", "parent", lambda: "P") == "P"
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through its exit code
        code = 1
        try:
            cache.get_or_make("qr", "child", lambda: "C")
            cache.get_or_make("qr", "shared", never)
            cache.get_or_make("ics", "event", lambda: "EV")
            cache.save_part()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert [n for n in files(folder) if n.startswith("part-")]  # the child's part file
    cache.commit()
    assert files(folder) == ["ics.json", "qr.json"]  # part files merged and removed

    again = BuildCache.open(folder)
    for key, value in [("parent", "P"), ("child", "C"), ("shared", "S")]:
        assert again.get_or_make("qr", key, never) == value
    assert again.get_or_make("ics", "event", never) == "EV"
    assert again.get_or_make("qr", "old", lambda: "made") == "made"  # used by no process


def test_part_files_of_an_earlier_crashed_build_are_removed_not_merged(tmp_path):
    folder = tmp_path / "cache"
    crashed = BuildCache.open(folder)
    crashed.get_or_make("qr", "stale", lambda: "STALE")
    crashed.save_part()  # its child finished, but the parent never committed
    (stale_part,) = folder.glob("part-*.json")
    os.utime(stale_part, (time.time() - 3600,) * 2)
    (folder / ".tmp-left-behind").write_text("x", "utf-8")
    os.utime(folder / ".tmp-left-behind", (time.time() - 3600,) * 2)

    cache = BuildCache.open(folder)
    concurrent = BuildCache.open(folder)  # another build on the same folder, still running
    concurrent.get_or_make("qr", "other", lambda: "OTHER")
    concurrent.save_part()
    (other_part,) = set(folder.glob("part-*.json")) - {stale_part}
    os.utime(other_part, (time.time() + 60,) * 2)  # written after this build started
    cache.get_or_make("qr", "fresh", lambda: "FRESH")
    cache.commit()
    assert files(folder) == [other_part.name, "qr.json"]

    again = BuildCache.open(folder)
    assert again.get_or_make("qr", "fresh", never) == "FRESH"
    assert again.get_or_make("qr", "stale", lambda: "made") == "made"
    assert again.get_or_make("qr", "other", lambda: "made") == "made"


def test_corrupt_or_foreign_files_are_a_cold_cache(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "qr.json").write_text('{"format": 1, "entries": {"ab', "utf-8")
    (folder / "ics.json").write_text('{"format": 2, "entries": {}}', "utf-8")
    (folder / "ics_head.json").write_text('{"format": 1, "entries": {"k": 1}}', "utf-8")
    (folder / "odd.json").write_bytes(b"\xff\xfe not json")
    (folder / "part-0000-1.json").write_text("[]", "utf-8")
    cache = BuildCache.open(folder)
    for ns in ("qr", "ics", "ics_head", "odd"):
        assert cache.get_or_make(ns, "k", lambda: "made") == "made"
    assert cache.stats == {ns: (0, 1) for ns in ("qr", "ics", "ics_head", "odd")}
    cache.commit()
    assert BuildCache.open(folder).get_or_make("odd", "k", never) == "made"


def test_unwritable_folder_does_not_fail_the_build(tmp_path, monkeypatch):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", "utf-8")
    cache = BuildCache.open(not_a_folder)
    assert cache.get_or_make("qr", "k", lambda: "v") == "v"
    cache.save_part()
    cache.commit()
    assert files(tmp_path) == ["file"]

    # The target is a folder: the rename fails after the temporary file was written.
    folder = tmp_path / "cache"
    (folder / "qr.json").mkdir(parents=True)
    cache = BuildCache.open(folder)
    assert cache.get_or_make("qr", "k", lambda: "v") == "v"
    cache.commit()
    assert files(folder) == ["qr.json"]

    def refuse(*args: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(os, "replace", refuse)
    cache.save_part()
    cache.commit()
    assert files(folder) == ["qr.json"]


def test_qr_key_holds_the_segno_version(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    cache = BuildCache.open(folder)
    svg = poster.qr_svg(URL, cache)
    cache.commit()
    monkeypatch.setattr(segno, "__version__", "99.0.0")
    cache = BuildCache.open(folder)
    assert poster.qr_svg(URL, cache) == svg
    assert cache.stats == {"qr": (0, 1)}
    monkeypatch.undo()
    cache = BuildCache.open(folder)
    assert poster.qr_svg(URL, cache) == svg
    assert cache.stats == {"qr": (1, 0)}


def test_event_key_holds_the_icalendar_version(catalog, tmp_path, monkeypatch):
    monkeypatch.setattr(ical, "now_utc", lambda: FIRST)
    folder = tmp_path / "cache"
    cache = BuildCache.open(folder)
    ical.write_calendars(catalog, tmp_path / "a", base_url=BASE_URL, cache=cache)
    cache.commit()
    monkeypatch.setattr(icalendar, "__version__", "99.0.0")
    cache = BuildCache.open(folder)
    ical.write_calendars(catalog, tmp_path / "b", base_url=BASE_URL, cache=cache)
    assert cache.stats == {"ics": (0, 2), "ics_head": (0, 2)}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_posters_are_the_same_without_cold_and_warm_cache(catalog, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    args = {"base_url": BASE_URL, "today": TODAY}
    poster.write_posters(catalog, tmp_path / "none", **args)
    cold = BuildCache.open(folder)
    poster.write_posters(catalog, tmp_path / "cold", **args, cache=cold)
    cold.commit()
    runs = len(list(catalog.runs()))
    assert cold.stats == {"qr": (0, runs)}

    monkeypatch.setattr(poster.segno, "make", lambda *a, **k: never())
    warm = BuildCache.open(folder)
    poster.write_posters(catalog, tmp_path / "warm", **args, cache=warm)
    assert warm.stats == {"qr": (runs, 0)}
    expected = tree(tmp_path / "none")
    assert len(expected) == runs + 1 and any(b"<svg" in html for html in expected.values())
    assert tree(tmp_path / "cold") == expected
    assert tree(tmp_path / "warm") == expected


def test_calendars_are_the_same_and_warm_events_keep_the_first_stamp(
    catalog, tmp_path, monkeypatch
):
    folder = tmp_path / "cache"
    now = FIRST
    monkeypatch.setattr(ical, "now_utc", lambda: now)
    ical.write_calendars(catalog, tmp_path / "none", base_url=BASE_URL)
    cold = BuildCache.open(folder)
    ical.write_calendars(catalog, tmp_path / "cold", base_url=BASE_URL, cache=cold)
    cold.commit()
    expected = tree(tmp_path / "none")
    assert expected.keys() == {
        "kalender/blk-contoh/tata-boga/2027-1.ics",
        "kalender/blk-contoh/tata-boga/2027-2.ics",
        "kalender/semua.ics",
    }
    assert tree(tmp_path / "cold") == expected

    # A day later: unchanged events come from the cache with the first build's DTSTAMP.
    now = LATER
    warm = BuildCache.open(folder)
    ical.write_calendars(catalog, tmp_path / "warm", base_url=BASE_URL, cache=warm)
    assert warm.stats == {"ics": (2, 0), "ics_head": (2, 0)}
    assert tree(tmp_path / "warm") == expected
    for path in (tmp_path / "warm").rglob("*.ics"):
        events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        assert events and all(e.decoded("DTSTAMP") == FIRST for e in events)
    # Without the cache that build stamps every event anew; nothing else differs.
    ical.write_calendars(catalog, tmp_path / "later", base_url=BASE_URL)
    later = tree(tmp_path / "later")
    assert later != expected
    assert {
        name: data.replace(b"DTSTAMP:20261124T040506Z", b"DTSTAMP:20261123T010203Z")
        for name, data in later.items()
    } == expected


def test_a_changed_event_is_made_anew_with_the_new_stamp(catalog, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setattr(ical, "now_utc", lambda: FIRST)
    cache = BuildCache.open(folder)
    ical.write_calendars(catalog, tmp_path / "a", base_url=BASE_URL, cache=cache)
    cache.commit()
    monkeypatch.setattr(ical, "now_utc", lambda: LATER)
    cache = BuildCache.open(folder)
    moved = "https://pelatihan-baru.example.go.id/"
    ical.write_calendars(catalog, tmp_path / "b", base_url=moved, cache=cache)
    assert cache.stats == {"ics": (0, 2), "ics_head": (2, 0)}
    (event,) = Calendar.from_ical(
        (tmp_path / "b/kalender/blk-contoh/tata-boga/2027-1.ics").read_bytes()
    ).walk("VEVENT")
    assert event.decoded("DTSTAMP") == LATER
    assert str(event["URL"]).startswith(moved)


def test_calendar_head_key_holds_title_and_uid(tmp_path):
    cache = BuildCache.open(tmp_path / "cache")
    heads = {
        (name, uid): ical._calendar_head(name, uid, cache)
        for name, uid in [("Kursus", "a@x"), ("Kursus", "b@x"), ("Kursus lain", "a@x")]
    }
    assert cache.stats == {"ics_head": (0, 3)}
    for (name, uid), head in heads.items():
        assert head == ical._calendar(name, uid).to_ical()

"""iCalendar files (RFC 5545) so residents can put a run in their phone's calendar.

One file per run at ``kalender/<center>/<course>/<run>.ics`` and ``kalender/semua.ics`` with
every run, for subscribing. Each run is one all-day event from its first to its last day; the
UID is derived from the run's public id, so a re-published file updates the event in place.

The files are written here rather than with the icalendar package, which was most of the cost
of a build's calendars (its line folding goes character by character): the output is the same,
byte for byte, as ``icalendar`` 7 writes for the same properties (tests compare the two), and
every file is parsed back with icalendar in the tests.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from catalog.catalog import Catalog, RunRef
from catalog.dates import format_date_long, now_utc
from catalog.labels import rupiah
from catalog.models import Mode
from site_builder import share

PRODID = "-//Katalog Pelatihan Kerja//Kalender Pelatihan//ID"
UID_DOMAIN = "katalog-pelatihan"
ALL_RUNS = "kalender/semua.ics"
REFRESH = "P1D"  # semua.ics: calendar apps look for changes once a day


def run_ics_path(run_ref: RunRef) -> str:
    """``kalender/<center>/<course>/<run>.ics``, relative to the site root."""
    return f"kalender/{run_ref.public_id}.ics"


def run_uid(run_ref: RunRef) -> str:
    """``<center>.<course>.<run>@katalog-pelatihan``: stable across builds."""
    return f"{run_ref.public_id.replace('/', '.')}@{UID_DOMAIN}"


def write_calendars(catalog: Catalog, out_dir: Path, *, base_url: str) -> list[Path]:
    """Write one .ics per run and ``kalender/semua.ics``; return the paths written.

    Each event is serialised once; its bytes go into both its own file and semua.ics.
    """
    stamp = now_utc().replace(microsecond=0)
    paths = []
    events = []
    made: set[Path] = set()
    for run_ref in catalog.runs():
        event = run_event(run_ref, catalog, base_url=base_url, stamp=stamp)
        events.append(event)
        title = f"{run_ref.course.title} – angkatan {run_ref.run.id}"
        head = _calendar_head(title, f"kalender.{run_uid(run_ref)}")
        paths.append(_write(out_dir / run_ics_path(run_ref), head, [event], made))
    head = _calendar_head(
        f"Pelatihan kerja – {catalog.dataset.publisher}",
        f"kalender.semua@{UID_DOMAIN}",
        refresh=REFRESH,
    )
    paths.append(_write(out_dir / ALL_RUNS, head, events, made))
    return paths


def run_event(run_ref: RunRef, catalog: Catalog, *, base_url: str, stamp: datetime) -> bytes:
    """The VEVENT of a run: all day; DTEND is the day after the last day (exclusive)."""
    page = share.run_url(base_url, run_ref)
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + text_value(run_ref.course.title),
        "DTSTART;VALUE=DATE:" + _date(run_ref.run.start),
        "DTEND;VALUE=DATE:" + _date(run_ref.end + timedelta(days=1)),
        "DTSTAMP:" + stamp.strftime("%Y%m%dT%H%M%SZ"),
        "UID:" + text_value(run_uid(run_ref)),
        "CATEGORIES:" + text_value(catalog.kejuruan[run_ref.course.kejuruan].label),
        "DESCRIPTION:" + text_value(description_text(run_ref, catalog, page_url=page)),
        "LOCATION:" + text_value(location_text(run_ref, catalog)),
        "URL:" + page,
        "END:VEVENT",
    ]
    return _lines(lines)


def location_text(run_ref: RunRef, catalog: Catalog) -> str:
    """Venue (or center), street address and kelurahan, e.g. for a map search."""
    if run_ref.course.mode is Mode.ONLINE:
        return "Daring (online)"
    venue = run_ref.run.venue
    parts = [venue.name, venue.address] if venue else [run_ref.center.name, run_ref.center.address]
    parts.append(catalog.regions.label(run_ref.village))
    return ", ".join(p for p in parts if p)


def description_text(run_ref: RunRef, catalog: Catalog, *, page_url: str) -> str:
    course, run = run_ref.course, run_ref.run
    organiser = catalog.agencies[run_ref.course_ref.organiser_id]
    lines = []
    if catalog.dataset.example:
        lines.append("CONTOH: jadwal ini data uji coba, bukan jadwal resmi.")
    lines += [
        course.summary,
        f"Tempat pelatihan: {run_ref.center.name}",
        f"Penyelenggara: {organiser.name}",
    ]
    if run.schedule:
        lines.append(f"Jadwal harian: {run.schedule}")
    lines += [
        f"Pendaftaran: {format_date_long(run.registration.opens)} sampai "
        f"{format_date_long(run.registration.closes)}",
        f"Biaya: {rupiah(course.fee)}",
        f"Info dan pendaftaran: {page_url}",
    ]
    return "\n".join(lines)


def text_value(value: str) -> str:
    """A TEXT value escaped as RFC 5545 (3.3.11) asks, the way icalendar does it."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def fold(line: str) -> bytes:
    """A content line in UTF-8, folded (RFC 5545 3.1) as icalendar folds it.

    Each piece holds at most 74 octets, never splits a character, and a piece does not end in
    ``\\`` or ``^`` (that character starts the next piece), so an escape stays whole.
    """
    data = line.encode("utf-8")
    if len(data) < 75:
        return data
    pieces = []
    start, size = 0, len(data)
    while size - start > 74:
        cut = start + 74
        while data[cut] & 0xC0 == 0x80:  # inside a multi-byte character
            cut -= 1
        if data[cut - 1] in b"\\^" and cut - start > 1:
            cut -= 1
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def _date(day: date) -> str:
    return day.strftime("%Y%m%d")


def _lines(lines: list[str]) -> bytes:
    return b"".join(fold(line) + b"\r\n" for line in lines)


def _calendar_head(name: str, uid: str, *, refresh: str | None = None) -> bytes:
    """VCALENDAR up to its first event; properties in icalendar's order."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + text_value(PRODID),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "NAME:" + text_value(name),
        "X-WR-CALNAME:" + text_value(name),
    ]
    if refresh:
        lines.append("REFRESH-INTERVAL;VALUE=DURATION:" + refresh)
    lines.append("UID:" + text_value(uid))
    if refresh:
        lines.append("X-PUBLISHED-TTL:" + refresh)
    return _lines(lines)


_END = b"END:VCALENDAR\r\n"


def _write(path: Path, head: bytes, events: list[bytes], made: set[Path]) -> Path:
    if path.parent not in made:
        path.parent.mkdir(parents=True, exist_ok=True)
        made.add(path.parent)
    path.write_bytes(b"".join([head, *events, _END]))
    return path

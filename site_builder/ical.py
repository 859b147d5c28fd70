"""iCalendar files (RFC 5545) so residents can put a run in their phone's calendar.

One file per run at ``kalender/<center>/<course>/<run>.ics`` and ``kalender/semua.ics`` with
every run, for subscribing. Each run is one all-day event from its first to its last day; the
UID is derived from the run's public id, so a re-published file updates the event in place.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
from icalendar import Calendar, Event
from icalendar.prop import vDuration

from catalog.catalog import Catalog, RunRef
from catalog.dates import format_date_long, now_utc
from catalog.labels import rupiah
from catalog.models import Mode
from site_builder import share
from site_builder.cache import NO_CACHE, BuildCache, cache_key
from site_builder.writer import FileWriter

PRODID = "-//Katalog Pelatihan Kerja//Kalender Pelatihan//ID"
UID_DOMAIN = "katalog-pelatihan"
ALL_RUNS = "kalender/semua.ics"
REFRESH = timedelta(days=1)


def run_ics_path(run_ref: RunRef) -> str:
    """``kalender/<center>/<course>/<run>.ics``, relative to the site root."""
    return f"kalender/{run_ref.public_id}.ics"


def run_uid(run_ref: RunRef) -> str:
    """``<center>.<course>.<run>@katalog-pelatihan``: stable across builds."""
    return f"{run_ref.public_id.replace('/', '.')}@{UID_DOMAIN}"


def write_calendars(
    catalog: Catalog,
    out: Path | FileWriter,
    *,
    base_url: str,
    cache: BuildCache = NO_CACHE,
) -> list[Path]:
    """Write one .ics per run and ``kalender/semua.ics``; return the paths written.

    Each event is serialised once and its bytes go into both its own file and semua.ics
    (serialising, mostly line folding, is two thirds of the cost). With a ``cache``, events and
    per-run calendar heads made by an earlier build from the same content are reused. ``out``
    is a folder, or a writer that may link unchanged files.
    """
    writer = out if isinstance(out, FileWriter) else FileWriter(out)
    stamp = now_utc().replace(microsecond=0)
    paths = []
    events = []
    for run_ref in catalog.runs():
        event = _event_bytes(event_fields(run_ref, catalog, base_url=base_url), stamp, cache)
        events.append(event)
        title = f"{run_ref.course.title} – angkatan {run_ref.run.id}"
        head = _calendar_head(title, f"kalender.{run_uid(run_ref)}", cache)
        paths.append(_write(writer, run_ics_path(run_ref), head, [event]))
    everything = _calendar(
        f"Pelatihan kerja – {catalog.dataset.publisher}", f"kalender.semua@{UID_DOMAIN}"
    )
    everything.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # An x- property is text unless given a typed value; "1 day, 0:00:00" would be invalid.
    everything.add("x-published-ttl", vDuration(REFRESH))
    paths.append(_write(writer, ALL_RUNS, everything.to_ical(), events))
    return paths


def run_event(run_ref: RunRef, catalog: Catalog, *, base_url: str, stamp: datetime) -> Event:
    """An all-day event covering the run; DTEND is the day after the last day (exclusive)."""
    return Event.new(stamp=stamp, **event_fields(run_ref, catalog, base_url=base_url))


def event_fields(run_ref: RunRef, catalog: Catalog, *, base_url: str) -> dict:
    """Every argument of the run's ``Event.new`` but the stamp: all its content."""
    page = share.run_url(base_url, run_ref)
    return {
        "uid": run_uid(run_ref),
        "summary": run_ref.course.title,
        "start": run_ref.run.start,
        "end": run_ref.end + timedelta(days=1),
        "location": location_text(run_ref, catalog),
        "description": description_text(run_ref, catalog, page_url=page),
        "url": page,
        "categories": [catalog.kejuruan[run_ref.course.kejuruan].label],
    }


def _event_bytes(fields: dict, stamp: datetime, cache: BuildCache) -> bytes:
    """The serialised VEVENT; from the cache when an earlier build made the same content.

    The key holds every property but DTSTAMP, so a cached event keeps the DTSTAMP of the build
    that first made it. That is right for a METHOD:PUBLISH calendar (RFC 5545 3.8.7.2: DTSTAMP
    is when the information was created): the stamp changes only when the event changes, and
    calendar apps then see an unchanged event as unchanged.
    """

    def make() -> str:
        return Event.new(stamp=stamp, **fields).to_ical().decode("utf-8")

    content = [[name, str(v) if isinstance(v, date) else v] for name, v in fields.items()]
    key = cache_key(icalendar.__version__, content)
    return cache.get_or_make("ics", key, make).encode("utf-8")


def _calendar_head(name: str, uid: str, cache: BuildCache) -> bytes:
    """``_calendar(name, uid)`` serialised (events are put in by :func:`_write`)."""

    def make() -> str:
        return _calendar(name, uid).to_ical().decode("utf-8")

    key = cache_key(icalendar.__version__, PRODID, name, uid)
    return cache.get_or_make("ics_head", key, make).encode("utf-8")


def location_text(run_ref: RunRef, catalog: Catalog) -> str:
    """Venue (or center), street address and kelurahan, e.g. for a map search."""
    if run_ref.course.mode is Mode.ONLINE:
        return "Daring (lewat internet)"
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


def _calendar(name: str, uid: str) -> Calendar:
    return Calendar.new(
        name=name,
        uid=uid,
        prodid=PRODID,
        method="PUBLISH",
        calscale="GREGORIAN",
    )


_END = b"END:VCALENDAR\r\n"


def _write(writer: FileWriter, rel: str, head: bytes, events: list[bytes]) -> Path:
    """The calendar ``head`` (a serialised VCALENDAR) with the serialised events inside, as
    icalendar would write it."""
    assert head.endswith(_END)
    return writer.write_bytes(rel, b"".join([head[: -len(_END)], *events, _END]))

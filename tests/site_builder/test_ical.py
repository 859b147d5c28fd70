"""iCalendar files: one all-day event per run, stable UIDs, and a calendar of every run."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from catalog.catalog import Catalog
from site_builder.ical import run_ics_path, write_calendars
from tests.site_builder.machine_fixtures import BASE_URL, load_fixture

PAGE = "https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/"


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_fixture(tmp_path)


def events(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    assert calendar["VERSION"] == "2.0" and calendar["METHOD"] == "PUBLISH"
    return calendar.walk("VEVENT")


def test_writes_one_file_per_run_and_one_for_all(catalog, tmp_path):
    paths = write_calendars(catalog, tmp_path, base_url=BASE_URL)
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "kalender/blk-contoh/tata-boga/2027-1.ics",
        "kalender/blk-contoh/tata-boga/2027-2.ics",
        "kalender/semua.ics",
    ]
    ref = catalog.find_run("blk-contoh/tata-boga/2027-1")
    assert run_ics_path(ref) == "kalender/blk-contoh/tata-boga/2027-1.ics"


def test_run_event_is_all_day_with_exclusive_end(catalog, tmp_path):
    write_calendars(catalog, tmp_path, base_url=BASE_URL)
    (event,) = events(tmp_path / "kalender/blk-contoh/tata-boga/2027-1.ics")
    # The run's last day is Monday 22 February 2027; DTEND is the day after (RFC 5545).
    assert event.decoded("DTSTART") == date(2027, 2, 1)
    assert event.decoded("DTEND") == date(2027, 2, 23)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["UID"]) == "blk-contoh.tata-boga.2027-1@katalog-pelatihan"
    assert str(event["SUMMARY"]) == "Tata Boga untuk Usaha Rumahan"
    assert str(event["URL"]) == PAGE + "#angkatan-2027-1"
    assert str(event["LOCATION"]) == (
        "BLK Contoh Kota Tangerang, Jl. Contoh No. 1, "
        "Kelurahan Sukarasa, Kecamatan Tangerang, Kota Tangerang, Banten"
    )
    assert str(event["DESCRIPTION"]).split("\n") == [
        "CONTOH: jadwal ini data uji coba, bukan jadwal resmi.",
        "Belajar memasak menu yang laku dijual.",
        "Tempat pelatihan: BLK Contoh Kota Tangerang",
        "Penyelenggara: Dinas Sosial Kota Tangerang",
        "Pendaftaran: Senin, 16 November 2026 sampai Jumat, 22 Januari 2027",
        "Biaya: Gratis",
        f"Info dan pendaftaran: {PAGE}#angkatan-2027-1",
    ]
    assert event.decoded("DTSTAMP").tzinfo is not None


def test_run_at_a_venue_uses_the_venue(catalog, tmp_path):
    write_calendars(catalog, tmp_path, base_url=BASE_URL)
    (event,) = events(tmp_path / "kalender/blk-contoh/tata-boga/2027-2.ics")
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        date(2027, 5, 3),
        date(2027, 5, 29),
    )
    assert str(event["LOCATION"]) == (
        "Kantor Kelurahan Sukasari, Jl. Contoh No. 2, "
        "Kelurahan Sukasari, Kecamatan Tangerang, Kota Tangerang, Banten"
    )
    assert "Jadwal harian: Senin–Jumat, 08.00–15.00 WIB" in str(event["DESCRIPTION"])


def test_all_runs_calendar(catalog, tmp_path):
    write_calendars(catalog, tmp_path, base_url=BASE_URL)
    all_runs = tmp_path / "kalender" / "semua.ics"
    assert [str(e["UID"]) for e in events(all_runs)] == [
        "blk-contoh.tata-boga.2027-1@katalog-pelatihan",
        "blk-contoh.tata-boga.2027-2@katalog-pelatihan",
    ]
    assert b"REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n" in all_runs.read_bytes()
    assert b"X-PUBLISHED-TTL:P1D\r\n" in all_runs.read_bytes()


def test_every_file_parses_and_uses_crlf(catalog, tmp_path):
    for path in write_calendars(catalog, tmp_path, base_url=BASE_URL):
        raw = path.read_bytes()
        assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
        assert max(len(line) for line in raw.split(b"\r\n")) <= 75
        assert events(path)

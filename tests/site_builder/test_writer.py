"""Files equal to the previous site's are hard-linked to them, everything else is written."""

from __future__ import annotations

from pathlib import Path

from site_builder.writer import FileWriter


def test_without_a_previous_site_files_are_written(tmp_path: Path) -> None:
    writer = FileWriter(tmp_path / "baru")
    path = writer.write_text("kalender/a/b/2027-1.ics", "BEGIN:VCALENDAR\r\n")
    assert path == tmp_path / "baru/kalender/a/b/2027-1.ics"
    assert path.read_bytes() == b"BEGIN:VCALENDAR\r\n"
    assert path.stat().st_nlink == 1


def test_an_unchanged_file_is_linked_and_a_changed_one_written(tmp_path: Path) -> None:
    old = tmp_path / "lama"
    FileWriter(old).write_text("poster/a/b/2027-1.html", "sama")
    FileWriter(old).write_text("poster/a/b/2027-2.html", "versi lama")
    writer = FileWriter(tmp_path / "baru", previous=old)
    same = writer.write_text("poster/a/b/2027-1.html", "sama")
    changed = writer.write_text("poster/a/b/2027-2.html", "versi baru")
    added = writer.write_text("poster/a/b/2027-3.html", "baru sama sekali")
    assert same.stat().st_ino == (old / "poster/a/b/2027-1.html").stat().st_ino
    assert changed.stat().st_ino != (old / "poster/a/b/2027-2.html").stat().st_ino
    assert changed.read_text(encoding="utf-8") == "versi baru"
    assert (old / "poster/a/b/2027-2.html").read_text(encoding="utf-8") == "versi lama"
    assert added.read_text(encoding="utf-8") == "baru sama sekali"
    assert (same.stat().st_nlink, changed.stat().st_nlink, added.stat().st_nlink) == (2, 1, 1)


def test_a_linked_file_outlives_the_deleted_previous_site(tmp_path: Path) -> None:
    import shutil

    old = tmp_path / "lama"
    FileWriter(old).write_bytes("kalender/semua.ics", b"isi")
    new = FileWriter(tmp_path / "baru", previous=old).write_bytes("kalender/semua.ics", b"isi")
    shutil.rmtree(old)
    assert new.read_bytes() == b"isi"


def test_same_size_but_different_bytes_is_written(tmp_path: Path) -> None:
    old = tmp_path / "lama"
    FileWriter(old).write_bytes("a.ics", b"AAAA")
    new = FileWriter(tmp_path / "baru", previous=old).write_bytes("a.ics", b"AAAB")
    assert new.read_bytes() == b"AAAB"
    assert new.stat().st_ino != (old / "a.ics").stat().st_ino
    assert (old / "a.ics").read_bytes() == b"AAAA"

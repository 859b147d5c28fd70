"""`katalog build`: what it prints, and that a failure never touches the previous site."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from site_builder.build import MARKER

from .conftest import FILES, BuiltSite, run_build, write_courses

BROKEN_COURSE = FILES["blk-contoh/menjahit.yml"].replace("mode: hybrid", "mode: kadang-kadang")


def previous_site(built_site: BuiltSite, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the session's site as the "previous build" in ``tmp_path / "site"``."""
    out = tmp_path / "site"
    shutil.copytree(built_site.site, out)
    return out, (out / "index.html").read_text(encoding="utf-8")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site."))


def leftovers_after_cleanup(folder: Path, seconds: float = 20.0) -> list[str]:
    """After a successful build, a detached process deletes the work folder and the previous
    site; wait for it (polling), then say what is left."""
    deadline = time.monotonic() + seconds
    while leftovers(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    return leftovers(folder)


@pytest.mark.slow
def test_success_message_names_what_was_built(built_site: BuiltSite) -> None:
    output = built_site.output
    assert f"Situs selesai dibangun di {built_site.site}: " in output
    assert "halaman untuk 2 pusat pelatihan, 3 kursus dan 5 angkatan" in output
    assert (built_site.site / MARKER).is_file()
    assert leftovers_after_cleanup(built_site.root) == []


@pytest.mark.slow
def test_broken_data_fails_with_file_and_line_and_keeps_the_old_site(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, before = previous_site(built_site, tmp_path)
    write_courses(tmp_path, {**FILES, "blk-contoh/menjahit.yml": BROKEN_COURSE})
    monkeypatch.chdir(tmp_path)  # problems name files relative to the current folder
    result = run_build(tmp_path, out)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "courses/blk-contoh/menjahit.yml:7:7: 'kadang-kadang' bukan pilihan untuk 'mode'. "
        "Pilihan yang boleh: 'offline', 'online' atau 'hybrid'."
    )
    assert "Situs tidak dibangun; situs lama di" in result.output
    assert (out / "index.html").read_text(encoding="utf-8") == before
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_bad_stats_file_fails_before_touching_the_site(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    out, before = previous_site(built_site, tmp_path)
    write_courses(tmp_path)
    stats = tmp_path / "stats.json"
    stats.write_text('{"generated_at": "2026-11-23T01:00:00Z", "runs": {"a/b/c": {}}}', "utf-8")
    result = run_build(tmp_path, out, "--stats", str(stats))
    assert result.exit_code == 1
    assert "angka 'registered' untuk angkatan a/b/c harus bilangan bulat 0 atau lebih." in (
        result.output
    )
    assert (out / "index.html").read_text(encoding="utf-8") == before


def test_refuses_to_replace_a_folder_that_is_not_a_build(tmp_path: Path) -> None:
    write_courses(tmp_path)
    out = tmp_path / "dokumen"
    out.mkdir()
    (out / "penting.txt").write_text("jangan dihapus", encoding="utf-8")
    result = run_build(tmp_path, out)
    assert result.exit_code == 1
    assert "sudah berisi berkas lain yang bukan hasil 'katalog build'" in result.output
    assert (out / "penting.txt").read_text(encoding="utf-8") == "jangan dihapus"
    assert sorted(p.name for p in out.iterdir()) == ["penting.txt"]


def test_a_failing_mkdocs_build_leaves_the_old_site(tmp_path: Path) -> None:
    write_courses(tmp_path)
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("{}", encoding="utf-8")
    (out / "index.html").write_text("situs lama", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\ntheme: {name: tidak-ada}\n", encoding="utf-8")
    result = run_build(tmp_path, out, "--config", str(config))
    assert result.exit_code == 1
    assert "MkDocs gagal membangun situs:" in result.output
    assert (out / "index.html").read_text(encoding="utf-8") == "situs lama"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


def test_a_missing_open_data_guide_is_a_message_and_leaves_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from site_builder import opendata_page

    write_courses(tmp_path)
    out = tmp_path / "site"
    out.mkdir()
    (out / MARKER).write_text("{}", encoding="utf-8")
    (out / "index.html").write_text("situs lama", encoding="utf-8")
    missing = tmp_path / "docs" / "data-terbuka.md"
    monkeypatch.setattr(opendata_page, "GUIDE", missing)
    result = run_build(tmp_path, out)
    assert result.exit_code == 1
    assert f"Berkas panduan data terbuka {missing} tidak ditemukan." in result.output
    assert "Traceback" not in result.output
    assert (out / "index.html").read_text(encoding="utf-8") == "situs lama"


def test_help_is_indonesian() -> None:
    from click.testing import CliRunner

    from site_builder.cli import build

    result = CliRunner().invoke(build, ["--help"])
    assert result.exit_code == 0
    assert "Bangun situs katalog dari data pelatihan" in result.output
    assert "--form-url" in result.output and "Alamat layanan formulir" in result.output
    assert "--cache" in result.output and "Aman dihapus kapan saja" in result.output
    assert "--jobs" in result.output and "jumlah inti prosesor" in result.output


@pytest.mark.slow
def test_relative_out_without_addresses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make run` style: `katalog build --out site` in the repository, no --base-url/--form-url."""
    from click.testing import CliRunner

    from site_builder.cli import build

    write_courses(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(build, ["--out", "site", "--today", "2026-11-23"])
    assert result.exit_code == 0, result.output
    assert "Situs selesai dibangun di site: " in result.output
    assert "Catatan: --base-url tidak diisi" in result.output
    page = (tmp_path / "site/kursus/blk-contoh/tata-boga/index.html").read_text("utf-8")
    assert 'href="/daftar/blk-contoh/tata-boga/2027-1"' in page  # the form on the same host
    assert '<meta name="katalog-form-url" content="">' in page
    assert leftovers_after_cleanup(tmp_path) == []
    cache = tmp_path / ".cache" / "katalog"  # the default --cache, as `make run` uses it
    assert sorted(p.name for p in cache.iterdir()) == [
        "ics.json",
        "ics_head.json",
        "jinja",
        "qr.json",
    ]


def built_files(site: Path, folder: str) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in (site / folder).rglob("*.*")}


@pytest.mark.slow
def test_a_rebuild_reuses_the_cache_and_writes_the_same_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_courses(tmp_path)
    cache = tmp_path / "simpanan"
    first = run_build(tmp_path, tmp_path / "site1", "--cache", str(cache))
    assert first.exit_code == 0, first.output
    import segno
    from icalendar import Event

    # Every QR code and calendar event must now come from the cache, in both processes.
    monkeypatch.setattr(segno, "make", failing("segno dipanggil"))
    monkeypatch.setattr(Event, "to_ical", failing("icalendar dipanggil"))
    second = run_build(tmp_path, tmp_path / "site2", "--cache", str(cache))
    assert second.exit_code == 0, second.output
    for folder in ("poster", "kalender"):
        old = built_files(tmp_path / "site1", folder)
        assert len(old) >= 5
        assert built_files(tmp_path / "site2", folder) == old


@pytest.mark.slow
def test_a_rebuild_links_unchanged_calendars_and_posters_to_the_previous_site(
    tmp_path: Path,
) -> None:
    courses = write_courses(tmp_path)
    out = tmp_path / "site"
    assert run_build(tmp_path, out).exit_code == 0
    inodes = {
        p.relative_to(out): p.stat().st_ino
        for pattern in ("poster/**/*.*", "kalender/**/*.ics")  # not kalender/index.html
        for p in out.glob(pattern)
    }
    course_file = courses / "blk-contoh" / "tata-boga.yml"
    text = course_file.read_text(encoding="utf-8")
    course_file.write_text(text.replace("title: ", "title: Baru ", 1), encoding="utf-8")
    result = run_build(tmp_path, out)
    assert result.exit_code == 0, result.output
    assert leftovers_after_cleanup(tmp_path) == []  # the previous site is deleted by now
    changed = {rel for rel in inodes if "tata-boga" in str(rel) or rel.name == "semua.ics"}
    assert changed and len(changed) < len(inodes)
    for rel, inode in inodes.items():
        now = out / rel
        assert (now.stat().st_ino == inode) is (rel not in changed), rel
    poster = next(p for p in changed if p.parts[0] == "poster")
    assert "Baru " in (out / poster).read_text(encoding="utf-8")


@pytest.mark.slow
def test_no_cache_reads_and_writes_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from site_builder.cli import build

    write_courses(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["--out", "site", "--today", "2026-11-23", "--no-cache"]
    result = CliRunner().invoke(build, args)
    assert result.exit_code == 0, result.output
    assert not (tmp_path / ".cache").exists()


def failing(message: str):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError(message)

    return fail


@pytest.mark.slow
@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # Every other course page is rendered by the second process (the 2nd of 3 courses).
        ("site_builder.course_page.render", "Halaman gagal dibuat: RuntimeError: uji"),
        (
            "site_builder.poster.poster_html",
            "Berkas data (JSON, CSV, kalender, poster) gagal dibuat: RuntimeError: uji",
        ),
    ],
)
def test_a_failure_in_the_second_process_leaves_the_old_site(
    built_site: BuiltSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    expected: str,
) -> None:
    out, before = previous_site(built_site, tmp_path)
    write_courses(tmp_path)
    if target.endswith("course_page.render"):
        from site_builder import course_page

        second = list(built_site.catalog.courses())[1].public_id
        render = course_page.render

        def render_or_fail(ctx, ref):  # type: ignore[no-untyped-def]
            if ref.public_id == second:
                raise RuntimeError("uji")
            return render(ctx, ref)

        monkeypatch.setattr(course_page, "render", render_or_fail)
    else:
        monkeypatch.setattr(target, failing("uji"))
    result = run_build(tmp_path, out)
    assert result.exit_code == 1
    assert expected in result.output.splitlines()
    assert "Situs tidak dibangun; situs lama di" in result.output
    assert (out / "index.html").read_text(encoding="utf-8") == before
    assert leftovers(tmp_path) == []


@pytest.mark.slow
def test_rebuild_replaces_the_site_and_deletes_the_previous_one_in_the_background(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    out, _ = previous_site(built_site, tmp_path)
    (out / "sisa-lama.txt").write_text("dari build sebelumnya", encoding="utf-8")
    stale = tmp_path / ".site.old-1-1"  # a deletion cut short earlier
    (stale / "kursus").mkdir(parents=True)
    crashed = tmp_path / ".site.build-999999999-x1"  # a killed build (no such process)
    (crashed / "docs").mkdir(parents=True)
    running = tmp_path / f".site.build-{os.getpid()}-x2"  # a build still running
    running.mkdir()
    write_courses(tmp_path)
    result = run_build(tmp_path, out)
    assert result.exit_code == 0, result.output
    assert not (out / "sisa-lama.txt").exists()
    assert (out / "kursus/blk-contoh/tata-boga/index.html").is_file()
    running.rename(tmp_path / "tetap-ada")  # left alone; out of the way of the next check
    assert leftovers_after_cleanup(tmp_path) == []
    assert (tmp_path / "tetap-ada").is_dir()


@pytest.mark.parametrize(("cores", "jobs"), [(1, 1), (2, 2), (4, 4), (64, 8)])
def test_default_jobs_is_the_cores_up_to_eight(
    monkeypatch: pytest.MonkeyPatch, cores: int, jobs: int
) -> None:
    from site_builder.build import default_jobs

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert default_jobs() == jobs


@pytest.mark.slow
@pytest.mark.parametrize(("jobs", "forks"), [("1", False), ("3", True)])
def test_jobs_one_builds_everything_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str, forks: bool
) -> None:
    from site_builder import build as build_module

    asked: list[bool] = []
    real = build_module.Helper.__init__

    def helper(self, *args, fork, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(fork)
        return real(self, *args, fork=fork, **kwargs)

    monkeypatch.setattr(build_module.Helper, "__init__", helper)
    write_courses(tmp_path)
    result = run_build(tmp_path, tmp_path / "site", "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert asked == [forks]
    assert (tmp_path / "site" / "kursus" / "blk-contoh" / "tata-boga" / "index.html").is_file()
    assert (tmp_path / "site" / "poster" / "blk-contoh" / "tata-boga" / "2027-1.html").is_file()
    refused = run_build(tmp_path, tmp_path / "site", "--jobs", "0")
    assert refused.exit_code == 2
    assert asked == [forks]  # nothing was built


@pytest.mark.slow
def test_progress_names_each_step_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from site_builder.build import BuildOptions, build_site
    from site_builder.cli import _progress

    from .conftest import TODAY

    steps: list[str] = []
    courses = write_courses(tmp_path)
    options = BuildOptions(data_dir=courses, out=tmp_path / "site", today=TODAY)
    build_site(options, progress=steps.append)
    assert steps == ["Membaca dan memeriksa data…", "Membuat halaman…", "Menjalankan MkDocs…"]

    _progress("Membuat halaman…")  # piped (CI logs): nothing
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    _progress("Membuat halaman…")
    assert capsys.readouterr().err == "Membuat halaman…\n"

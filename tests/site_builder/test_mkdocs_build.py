"""The MkDocs build shared between two processes gives the same site as one process."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from site_builder import mkdocs_build
from site_builder.mkdocs_run import MkDocsFailed, run_mkdocs

CONFIG = """\
site_name: Uji
theme: {name: material, language: id, font: false}
plugins: [search]
nav:
  - Beranda: index.md
validation: {omitted_files: ignore, anchors: warn, unrecognized_links: warn}
extra_templates: [robots.txt]
"""
EXTRA = {"example": False, "today": "2026-11-23"}


def write_docs(root: Path, pages: int, body: str = "") -> Path:
    docs = root / "docs"
    (docs / "hal").mkdir(parents=True)
    (docs / "index.md").write_text("# Beranda\n\nHalaman utama.\n", encoding="utf-8")
    (docs / "robots.txt").write_text("Sitemap: {{ config.site_url }}sitemap.xml\n", "utf-8")
    for n in range(pages):
        text = f"# Halaman {n}\n\nIsi halaman nomor {n}.\n\n## Bagian {n}\n\nTeks kedua.\n{body}"
        (docs / "hal" / f"h{n:03d}.md").write_text(text, encoding="utf-8")
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return docs


def build(root: Path, docs: Path, site: str = "site", site_url: str | None = None, **options):  # type: ignore[no-untyped-def]
    """``run_mkdocs`` with the test config of ``root`` into ``root / site``."""
    run_mkdocs(root / "mkdocs.yml", docs, root / site, site_url=site_url, extra=EXTRA, **options)


def built_files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in ("sitemap.xml", "sitemap.xml.gz")  # carry today's date
    }


def test_two_or_three_processes_build_the_same_site_as_mkdocs_build(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, 60)
    for workers in (1, 2, 3):
        build(
            tmp_path,
            docs,
            site=f"site{workers}",
            site_url="https://uji.example.go.id/",
            workers=workers,
        )
    from mkdocs.commands.build import build as mkdocs_build_command
    from mkdocs.config import load_config

    config = load_config(
        str(tmp_path / "mkdocs.yml"),
        docs_dir=str(docs),
        site_dir=str(tmp_path / "site-mkdocs"),
        site_url="https://uji.example.go.id/",
    )
    config["extra"] = {"katalog": EXTRA}
    mkdocs_build_command(config)  # MkDocs' own one-process build, the reference
    reference = built_files(tmp_path / "site-mkdocs")
    one = built_files(tmp_path / "site1")
    assert one == reference
    for workers in (2, 3):
        shared = built_files(tmp_path / f"site{workers}")
        assert shared.keys() == one.keys()
        assert "hal/h059/index.html" in shared
        assert shared["robots.txt"] == b"Sitemap: https://uji.example.go.id/sitemap.xml"
        differing = [name for name in one if one[name] != shared[name]]
        assert differing == []  # including search/search_index.json: same entries, same order


@pytest.mark.parametrize("workers", [2, 3])
def test_warnings_of_pages_built_by_other_processes_fail_the_build(
    tmp_path: Path, workers: int
) -> None:
    docs = write_docs(tmp_path, 60, body="\n[rusak](tidak-ada.md)\n")
    with pytest.raises(MkDocsFailed) as failed:
        build(tmp_path, docs, workers=workers)
    broken = [m for m in failed.value.messages if "tidak-ada.md" in m]
    assert len(broken) == 60  # one per page, whichever process built it
    assert any("hal/h059.md" in m for m in broken)


@pytest.mark.parametrize("workers", [2, 3])
def test_pages_are_shared_between_all_processes(tmp_path: Path, monkeypatch, workers) -> None:  # type: ignore[no-untyped-def]
    docs = write_docs(tmp_path, 3 * mkdocs_build.CHUNK)
    record = tmp_path / "pids"
    real = mkdocs_build._build_page

    def build_page(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        with record.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        time.sleep(0.01)  # long enough that the other processes get their share
        return real(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)  # the fork inherits it
    build(tmp_path, docs, workers=workers)
    pids = record.read_text(encoding="utf-8").split()
    assert len(pids) == 3 * mkdocs_build.CHUNK + 1  # every page once (index.md included)
    assert len(set(pids)) == workers
    assert (tmp_path / "site" / "hal" / "h047" / "index.html").is_file()


@pytest.mark.parametrize("workers", [2, 3])
def test_a_failure_in_another_process_is_reported(tmp_path: Path, monkeypatch, workers) -> None:  # type: ignore[no-untyped-def]
    docs = write_docs(tmp_path, 3 * mkdocs_build.CHUNK)
    parent = os.getpid()
    real = mkdocs_build._build_page

    def build_page(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.01)
        if os.getpid() != parent:
            raise RuntimeError("templat rusak")
        return real(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)
    with pytest.raises(MkDocsFailed) as failed:
        build(tmp_path, docs, workers=workers)
    assert "RuntimeError: templat rusak" in failed.value.messages[-1]


def test_a_failure_in_this_process_stops_the_others(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pages = 6 * mkdocs_build.CHUNK
    docs = write_docs(tmp_path, pages)
    record = tmp_path / "pids"
    parent = os.getpid()

    def build_page(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.getpid() == parent:
            raise RuntimeError("templat rusak")
        with record.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()}\n")
        time.sleep(0.05)  # all the pages would take the others 2.4 s each

    monkeypatch.setattr(mkdocs_build, "_build_page", build_page)
    with pytest.raises(RuntimeError, match="templat rusak"):
        build(tmp_path, docs, workers=3)
    built = record.read_text(encoding="utf-8").split() if record.exists() else []
    assert len(built) < pages // 2  # stopped, not left to build every page


def test_compiled_templates_are_reused_by_the_next_build(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import jinja2

    docs = write_docs(tmp_path, 3)
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def compile_and_count(self, source, name=None, filename=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        compiled.append(str(name))
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile_and_count)
    cache = tmp_path / "cache" / "jinja"
    counts = []
    for n in (1, 2):
        compiled.clear()
        build(tmp_path, docs, site=f"site{n}", template_cache=cache)
        counts.append(len(compiled))
    assert counts[0] >= 10  # Material's base, partials, ...
    assert counts[1] <= counts[0] // 3  # only the search plugin's own environment compiles
    assert (tmp_path / "site2" / "hal" / "h002" / "index.html").read_bytes() == (
        tmp_path / "site1" / "hal" / "h002" / "index.html"
    ).read_bytes()


def test_an_unwritable_template_cache_is_not_used(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, 2)
    blocked = tmp_path / "berkas"
    blocked.write_text("bukan folder", encoding="utf-8")
    build(tmp_path, docs, template_cache=blocked / "jinja")
    assert (tmp_path / "site" / "hal" / "h001" / "index.html").is_file()

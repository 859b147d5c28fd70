"""MkDocs runs through its public API: the same site as `mkdocs build`, warnings fail the build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

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


CONFIG_JSON = re.compile(rb'(<script id="__config" type="application/json">)(.*?)(</script>)')


def same_json(match: re.Match[bytes]) -> bytes:
    """Material's settings as data: our build writes JSON compactly, in its own key order."""
    data = json.dumps(json.loads(match.group(2)), sort_keys=True).encode()
    return match.group(1) + data + match.group(3)


def built_files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): CONFIG_JSON.sub(same_json, p.read_bytes())
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in ("sitemap.xml", "sitemap.xml.gz")  # carry today's date
    }


def test_the_build_is_the_one_of_mkdocs_build(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, 20)
    build(tmp_path, docs, site="ours", template_cache=tmp_path / "cache")
    from mkdocs.commands.build import build as mkdocs_build_command
    from mkdocs.config import load_config

    config = load_config(
        str(tmp_path / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "reference")
    )
    config["extra"] = {"katalog": EXTRA}
    mkdocs_build_command(config)  # what `mkdocs build` runs
    assert built_files(tmp_path / "ours") == built_files(tmp_path / "reference")


def test_no_private_mkdocs_function_is_used() -> None:
    """Only MkDocs' public API (the names MkDocs does not mark private with "_")."""
    import site_builder

    for module in Path(site_builder.__file__).parent.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"from mkdocs[\w.]* import[^\n]*\b_\w", text), module.name
        assert not re.search(r"\bmkdocs[\w.]*\._\w", text), module.name


def test_a_warning_fails_the_build(tmp_path: Path) -> None:
    docs = write_docs(tmp_path, 3, body="\n[rusak](tidak-ada.md)\n")
    with pytest.raises(MkDocsFailed) as failed:
        build(tmp_path, docs)
    assert any("tidak-ada.md" in message for message in failed.value.messages)


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

"""Generated sources: the context MkDocs is handed read as JSON is the one PyYAML would read."""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils.meta import get_data

from site_builder.source import CONTEXT_KEY, front_matter, split_context

from .conftest import run_build, write_courses


def meta_via_json(source: str) -> tuple[str, dict]:
    """What ``JsonContext`` (site_builder/mkdocs_run.py) leaves MkDocs, plus the context."""
    split = split_context(source)
    assert split is not None
    rest, context = split
    markdown, meta = get_data(rest)
    return markdown, {**meta, CONTEXT_KEY: context}


def test_every_generated_page_gets_the_meta_pyyaml_reads(tmp_path: Path) -> None:
    write_courses(tmp_path)
    docs = tmp_path / "docs"
    result = run_build(tmp_path, tmp_path / "site", "--keep-docs", str(docs))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    generated = 0
    for path in sorted(docs.rglob("*.md")):
        source = path.read_text(encoding="utf-8")
        if split_context(source) is None:
            assert f"\n{CONTEXT_KEY}:" not in source.split("\n---\n", 1)[0], path
            continue
        generated += 1
        assert meta_via_json(source) == get_data(source), path
    assert generated >= 20  # course, center, kejuruan, region and list pages


def test_unusual_text_reads_the_same() -> None:
    context = {
        "title": 'Tata "Boga" \\ Dasar: 50% — kelas #1',
        "lines": "satu\u2028dua\u2029tiga\u0085empat\ttab",
        "numbers": [0, 1.5, -3, 10**12],
        "flags": [True, False, None],
        "words": ["yes", "no", "on", "off", "~", "null", "2027-01-04", "0123"],
        "empty": {"list": [], "dict": {}, "text": ""},
    }
    source = front_matter({"title": "Judul", "template": "course.html", CONTEXT_KEY: context})
    source += "# Judul\n\nIsi.\n"
    assert meta_via_json(source) == get_data(source)
    assert meta_via_json(source)[1][CONTEXT_KEY] == context


def test_pages_not_written_here_are_left_to_mkdocs() -> None:
    assert split_context("# Tentang\n\nTeks.\n") is None
    assert split_context("---\ntitle: Tentang\n---\n\n# Tentang\n") is None
    assert split_context("---\nkatalog: {a: 1}\n---\n\nTeks.\n") is None  # YAML, not JSON
    # a "katalog:" line in the body is not front matter
    assert split_context('---\ntitle: "T"\n---\n\nkatalog: {"a": 1}\n') is None

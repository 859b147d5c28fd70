"""Zensical (Material's successor) builds the same mkdocs.yml: the course pages carry the same
title, run table, Daftar links and JSON-LD as MkDocs' pages. What does not carry over yet is in
docs/zensical.md."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from site_builder.build import DEFAULT_CONFIG, BuildOptions, build_site
from tests.services import zensical_binary

REPO = DEFAULT_CONFIG.parent
pytestmark = [pytest.mark.slow, pytest.mark.zensical]


class CoursePage(HTMLParser):
    """What matters on a course page, for comparing two builds."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.title = ""
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.json_ld: list[object] = []
        self.inline_scripts: list[str] = []
        self._in_title = False
        self._script: tuple[str | None, str | None] | None = None
        self._script_text = ""
        self._row: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        attrs = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "script":
            self._script, self._script_text = (attrs.get("type"), attrs.get("src")), ""
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._row.append("")
        elif tag == "a" and "/daftar/" in (attrs.get("href") or ""):
            self.links.append(attrs["href"] or "")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "title":
            self._in_title = False
        elif tag == "tr" and self._row is not None:
            self.rows.append([" ".join(cell.split()) for cell in self._row])
            self._row = None
        elif tag == "script" and self._script is not None:
            kind, src = self._script
            if kind == "application/ld+json":
                self.json_ld.append(json.loads(self._script_text))
            elif src is None and kind != "application/json":  # JSON config is data, not code
                self.inline_scripts.append(self._script_text[:80])
            self._script = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in_title:
            self.title += data
        if self._script is not None:
            self._script_text += data
        if self._row:
            self._row[-1] += data


def test_zensical_course_pages_match_mkdocs(tmp_path: Path):
    # Zensical wants docs_dir and site_dir relative and inside the config file's folder.
    work = tmp_path / "zensical"
    work.mkdir()
    docs = work / "docs"
    build_site(
        BuildOptions(
            data_dir=REPO / "courses",
            out=tmp_path / "mkdocs-site",
            today=date(2027, 1, 15),
            keep_docs=docs,
            jobs=1,
        )
    )
    config = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs.relative_to(work))
    config["site_dir"] = "site"
    config["theme"]["custom_dir"] = str(REPO / "overrides")
    config["extra"].update(
        # what site_builder.build passes to MkDocs in-process
        notice="Data di situs ini adalah contoh untuk uji coba.",
        form_url="",
        today="2027-01-15",
        today_text="Jumat, 15 Januari 2027",
        status_labels={},
    )
    config_file = work / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    subprocess.run(
        [zensical_binary(), "build", "-f", str(config_file)], check=True, cwd=work, timeout=600
    )
    pages = sorted((tmp_path / "mkdocs-site" / "kursus").rglob("index.html"))
    assert len(pages) > 10
    for page in pages:
        rel = page.relative_to(tmp_path / "mkdocs-site")
        mkdocs = CoursePage(page.read_text(encoding="utf-8"))
        zensical = CoursePage((work / "site" / rel).read_text(encoding="utf-8"))
        assert zensical.title == mkdocs.title, rel
        assert zensical.rows == mkdocs.rows, rel
        assert zensical.links == mkdocs.links, rel
        assert zensical.json_ld == mkdocs.json_ld != [], rel
        assert mkdocs.inline_scripts == []
        assert zensical.inline_scripts == [], rel

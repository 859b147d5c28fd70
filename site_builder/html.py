"""Tiny helpers to write generated pages: escaped HTML, front matter, and "slots".

A generated page is a Markdown file. Its Markdown body holds what search should find (titles,
summaries, topics); the large generated HTML (tables of runs, lists of courses, facts) travels
in the front matter as ``slots`` and the theme (overrides/main.html) puts slot *n* where the
body says ``<!--slot-->`` for the *n*-th time. That keeps Python-Markdown and the search
plugin from parsing HTML they have no use for -- the slowest part of the build otherwise --
and keeps tables and lists out of the search index.

Data never passes through Markdown unescaped: text in the body is HTML-escaped and Markdown
marks are backslash-escaped, so a title with ``*`` or ``<`` is shown as written.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape

SLOT = "<!--slot-->"


def esc(text: object) -> str:
    return _escape(str(text))


@lru_cache(maxsize=16384)  # the same names and dates are escaped thousands of times a build
def _escape(text: str) -> str:
    return escape(text, quote=True)


def attrs(**values: object) -> str:
    """`` class="x" data-run-id="y"`` from keyword arguments (``_`` -> ``-``, ``cls`` -> class).

    ``None`` and ``False`` leave the attribute out; ``True`` writes it without a value.
    """
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = "class" if key == "cls" else key.rstrip("_").replace("_", "-")
        parts.append(f" {name}" if value is True else f' {name}="{esc(value)}"')
    return "".join(parts)


def link(href: str, text: str, **extra: object) -> str:
    """``<a href="…">text</a>``; ``text`` is escaped."""
    return f"<a{attrs(href=href, **extra)}>{esc(text)}</a>"


def ul(items: list[str], cls: str | None = None) -> str:
    """A ``<ul>`` of already-built HTML items."""
    return f"<ul{attrs(cls=cls)}>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def h(level: int, text: str, anchor: str) -> str:
    """An HTML heading with a fixed id, for slots."""
    return f'<h{level} id="{anchor}">{esc(text)}</h{level}>'


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]#!"})


def md_escape(text: str) -> str:
    """Text safe inside a Markdown heading: HTML escaped, Markdown marks escaped."""
    return escape(" ".join(text.split()), quote=False).translate(_MD_SPECIAL)


_MD_LIST_START = re.compile(r"^(\d*)([-+.)])(?=\s|$)")


def md_text(text: str) -> str:
    """Text as one Markdown paragraph or list item: escaped, and never read as a list."""
    return _MD_LIST_START.sub(r"\1\\\2", md_escape(text), count=1)


def md_list(items: list[str]) -> str:
    """A Markdown list of plain texts (each escaped)."""
    return "\n".join(f"- {md_text(item)}" for item in items)


def md_heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with a fixed id (attr_list), e.g. ``## Materi {#materi}``."""
    return f"{'#' * level} {md_escape(text)} {{#{anchor}}}"


_YAML_UNSAFE = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}


def _json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in _YAML_UNSAFE.items():  # YAML reads these as line breaks
        text = text.replace(char, escaped)
    return text


def front_matter(meta: dict[str, object]) -> str:
    """YAML front matter; values are written as JSON, which YAML reads unchanged."""
    lines = ["---"]
    lines += [f"{key}: {_json(value)}" for key, value in meta.items() if value is not None]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


class PageText:
    """Collects a page: ``md()`` for searchable Markdown/short HTML, ``html()`` for a slot."""

    def __init__(self, **meta: object) -> None:
        self.meta = meta
        self.blocks: list[str] = []
        self.slots: list[str] = []

    def md(self, *lines: str) -> PageText:
        """Markdown blocks (or short raw HTML blocks without blank lines): indexed by search."""
        text = "\n\n".join(line for line in lines if line)
        if text:
            self.blocks.append(text)
        return self

    def html(self, *parts: str) -> PageText:
        """Generated HTML shown as is, never parsed by Markdown and not searchable."""
        text = "".join(part for part in parts if part)
        if not text:
            return self
        if self.blocks and self.blocks[-1] == SLOT:
            self.slots[-1] += text
        else:
            self.slots.append(text)
            self.blocks.append(SLOT)
        return self

    def render(self) -> str:
        meta = dict(self.meta)
        if self.slots:
            meta["slots"] = self.slots
        return front_matter(meta) + "\n\n".join(self.blocks) + "\n"

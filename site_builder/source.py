"""Generated pages as MkDocs sources: a context in the front matter, a Markdown body from a template.

Pelican style (docs/publikasi.md, "Halaman dari templat"): each page generator builds a plain
context (strings, numbers, lists, dicts -- never markup), and templates render it:

* the front matter carries that context under ``katalog`` (plus MkDocs' own keys: ``title``,
  ``template``, ``hide``), and the page's theme template (``overrides/*.html``)
  renders its HTML from ``page.meta.katalog``;
* the Markdown body holds only what search should find (titles, summaries, topics, places). It
  is rendered from a template in ``site_builder/templates/`` by :func:`markdown`, which escapes
  every value: text in the body is shown as written, never read as Markdown or HTML.

A theme template may place its HTML between parts of the body: the body marks those places
with :data:`SPLIT`, and the template puts part *n* of the content, then its own block *n*.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

SPLIT = "<!--katalog-->"
TEMPLATES = Path(__file__).resolve().parent / "templates"

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]#!"})


def md_escape(text: str) -> str:
    """Text safe inside Markdown: HTML escaped, Markdown marks escaped, spaces collapsed."""
    return _md_escape(str(text))


@lru_cache(maxsize=16384)  # the same names are escaped thousands of times a build
def _md_escape(text: str) -> str:
    return escape(" ".join(text.split()), quote=False).translate(_MD_SPECIAL)


_MD_LIST_START = re.compile(r"^(\d*)([-+.)])(?=\s|$)")


def md_text(text: object) -> str:
    """Text as one Markdown paragraph or list item: escaped, and never read as a list."""
    return _MD_LIST_START.sub(r"\1\\\2", md_escape(str(text)), count=1)


def _finalize(value: object) -> str:
    """Every ``{{ value }}`` of a Markdown template is escaped, unless marked safe."""
    if isinstance(value, Markup):
        return str(value)
    return md_text(value)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML: _finalize escapes for Markdown instead
        # Markdown's attr_list writes ids as {#id}, Jinja's default comment start
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.globals["SPLIT"] = Markup(SPLIT)
    # For the few raw HTML links of a body (to files MkDocs does not know, such as
    # katalog.json): HTML-escaped instead of Markdown-escaped.
    env.filters["html"] = lambda value: Markup(escape(str(value), quote=True))
    return env


def markdown(template: str, **context: Any) -> str:
    """The Markdown body from ``site_builder/templates/<template>``."""
    return environment().get_template(template).render(**context)


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


CONTEXT_KEY = "katalog"
_CONTEXT_LINE = re.compile(r"^katalog: (.*)\n", re.MULTILINE)


def split_context(source: str) -> tuple[str, Any] | None:
    """The inverse of :func:`front_matter` for the context alone: ``source`` without its
    ``katalog:`` line, and that line's value read as JSON, which is what YAML reads from it
    (:func:`_json` writes only JSON). ``None`` when ``source`` is not a page written here (a
    hand-written page, or no context): MkDocs then reads it as usual.

    MkDocs reads front matter with PyYAML, whose Python constructor is about a third of
    MkDocs' time on the thousands of generated pages; ``json.loads`` reads the same value in a
    fraction of that (``site_builder/mkdocs_run.py``, ``JsonContext``)."""
    if not source.startswith("---\n"):
        return None
    end = source.find("\n---\n")
    match = _CONTEXT_LINE.search(source, 0, end + 1) if end > 0 else None
    if match is None:
        return None
    try:
        context = json.loads(match.group(1))
    except ValueError:
        return None
    return source[: match.start()] + source[match.end() :], context


def page(body_template: str, *, context: dict[str, Any] | None = None, **meta: Any) -> str:
    """A whole source file: front matter (``meta``, and ``context`` as ``katalog``) and the
    body rendered from ``body_template`` with the same context."""
    context = context or {}
    # Material writes the title and description into the page without escaping them.
    for key in ("title", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = escape(meta[key], quote=True)
    if context:
        meta[CONTEXT_KEY] = context
    return front_matter(meta) + markdown(body_template, **context)

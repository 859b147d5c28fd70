"""House rule: page HTML lives in Jinja templates, never in Python string literals.

Every string constant in site_builder/*.py and form_service/*.py (docstrings excepted, f-string parts included) is
scanned for an HTML element tag such as ``<a href=...>``, ``</div>`` or ``<br/>``. Placeholders in
text that are not HTML elements (``"<kode tempat>/<kode kursus>"``) are allowed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# HTML elements that page markup is made of (WHATWG HTML, plus svg and the common svg shapes).
HTML_ELEMENTS = (
    "a abbr address article aside audio b blockquote body br button caption code col colgroup "
    "data dd details dfn div dl dt em fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "head header hr html i iframe img input ins kbd label legend li link main mark meta meter nav "
    "noscript ol optgroup option output p picture pre progress q s samp script section select "
    "small source span strong style sub summary sup table tbody td template textarea tfoot th "
    "thead time title tr u ul var video svg path rect circle g"
).split()
ELEMENT = "|".join(HTML_ELEMENTS)
TAG = re.compile(rf"</?(?:{ELEMENT})(?=[\s/>])[^<>]*>", re.IGNORECASE)


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                found.add(id(first.value))
    return found


def _string_texts(tree: ast.AST):
    """(line, text) of every string literal; an f-string is one text with ``{}`` for its values."""
    docstrings = _docstring_nodes(tree)
    inside_fstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    inside_fstrings.add(id(value))
                    parts.append(str(value.value))
                else:
                    parts.append("{}")
            yield node.lineno, "".join(parts)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings | inside_fstrings
        ):
            yield node.lineno, node.value


def markup_in_strings(source: str, filename: str) -> list[str]:
    tree = ast.parse(source, filename=filename)
    return sorted(
        f"{filename}:{line}: {match.group(0)}"
        for line, text in _string_texts(tree)
        if (match := TAG.search(text))
    )


def test_no_site_builder_or_form_service_module_has_html_in_a_string_literal():
    hits = []
    for path in sorted([*REPO.glob("site_builder/*.py"), *REPO.glob("form_service/*.py")]):
        hits += markup_in_strings(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    assert hits == []


def test_the_scan_finds_markup_in_strings_and_f_strings_but_not_docstrings():
    source = (
        "def f(url):\n"
        '    """Returns <a href="x">link</a> (docstring, allowed)."""\n'
        '    plain = "<p>Halo</p>"\n'
        '    return f\'<a href="{url}">Daftar</a>\' + "<kode tempat>/<kode kursus>" + "a < b > c"\n'
    )
    assert markup_in_strings(source, "m.py") == ["m.py:3: <p>", 'm.py:4: <a href="{}">']

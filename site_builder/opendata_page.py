"""The "Data terbuka" page: the guide for people who reuse the open data (``docs/data-terbuka.md``,
in Indonesian), published next to the files it explains.

The guide is written for the site root (it links ``katalog.json``), so its links are made
relative to this page. Its body is converted here with Python-Markdown and placed as a slot:
MkDocs would otherwise report the links to ``katalog.json`` & co. as broken (they are written
after MkDocs runs); the site tests check every link of the built site instead. The title and
the first paragraph stay in the Markdown body, so search finds the page.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown

from site_builder import urls
from site_builder.context import SiteContext
from site_builder.html import PageText, md_heading, md_text

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "data-terbuka.md"
_EXTENSIONS = ["tables", "admonition", "attr_list", "toc"]
_SITE_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"]+)"')


def render(ctx: SiteContext, guide: Path = GUIDE) -> str:
    text = guide.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    title = first.removeprefix("# ").strip()
    intro, _, body = rest.strip().partition("\n\n")
    html = markdown.markdown(body, extensions=_EXTENSIONS, output_format="html")
    html = _SITE_LINK.sub(lambda m: f'href="{urls.relative(urls.OPEN_DATA, m.group(1))}"', html)
    page = PageText(title=title, description=" ".join(intro.split()))
    page.md(md_heading(1, title, "judul"), md_text(" ".join(intro.split())))
    page.html(html)
    return page.render()

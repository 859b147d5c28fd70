"""The "Data terbuka" page: the guide for people who reuse the open data (``docs/data-terbuka.md``,
in Indonesian), published next to the files it explains.

The guide, without its first line (the title), is the page's Markdown body;
``overrides/opendata.html`` writes the title and the download links above it. The files are written after MkDocs runs, so they are links in the
template, not in the guide (MkDocs would report them as missing); the site tests check every
link of the built site.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from site_builder import urls
from site_builder.context import SiteContext
from site_builder.source import front_matter

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "data-terbuka.md"
FILES = ["katalog.json", "katalog.csv", "katalog.schema.json", "capaian.json", "capaian.csv"]


def render(ctx: SiteContext, guide: Path = GUIDE) -> str:
    text = guide.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    title = first.removeprefix("# ").strip()
    intro = rest.strip().partition("\n\n")[0]
    files = [{"name": name, "url": urls.relative(urls.OPEN_DATA, name)} for name in FILES]
    meta = {
        "title": escape(title),
        "description": escape(" ".join(intro.split())),
        "template": "opendata.html",
        "katalog": {"files": files},
    }
    return front_matter(meta) + rest.lstrip()

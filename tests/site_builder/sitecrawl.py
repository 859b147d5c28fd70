"""Read a built site: every HTML file's links, resources, ids and scripts (html.parser only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# (tag, attribute) pairs whose URL the browser fetches by itself when the page loads
REQUESTED = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
}
LINK_REQUESTED_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "manifest",
                       "modulepreload", "dns-prefetch", "apple-touch-icon"}  # fmt: skip


@dataclass
class PageInfo:
    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>
    requested: list[str] = field(default_factory=list)  # URLs fetched on load
    scripts: list[dict[str, str | None]] = field(default_factory=list)  # attrs of <script>
    script_bodies: list[str] = field(default_factory=list)
    style_attrs: int = 0
    inline_styles: int = 0


class _Parser(HTMLParser):
    def __init__(self, info: PageInfo) -> None:
        super().__init__(convert_charrefs=True)
        self.info = info
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        info = self.info
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                info.ids.add(values[key] or "")
        if values.get("style") is not None:
            info.style_attrs += 1
        if tag == "a" and values.get("href") is not None:
            info.links.append(values["href"] or "")
        if tag == "link" and values.get("href"):
            rels = set((values.get("rel") or "").split())
            if rels & LINK_REQUESTED_RELS:
                info.requested.append(values["href"] or "")
        for t, attr in REQUESTED:
            if tag == t and values.get(attr):
                info.requested.append(values[attr] or "")
        if tag == "script":
            info.scripts.append(values)
            self._in_script = True
        if tag == "style":
            info.inline_styles += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.info.script_bodies.append(data)


def read_page(path: Path) -> PageInfo:
    info = PageInfo(path)
    parser = _Parser(info)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return info


def crawl(site: Path) -> dict[Path, PageInfo]:
    return {path: read_page(path) for path in sorted(site.rglob("*.html"))}

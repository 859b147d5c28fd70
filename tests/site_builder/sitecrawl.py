"""Read a built site: every HTML file's links, resources, ids and scripts (html.parser only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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


def page_url(site: Path, path: Path, base_url: str) -> str:
    return base_url + path.relative_to(site).as_posix()


def target_file(site: Path, url: str, base_url: str) -> Path | None:
    """The file a same-site URL points at, or None for another host."""
    parts = urlsplit(url)
    if parts.netloc != urlsplit(base_url).netloc:
        return None
    rel = unquote(parts.path)[len(urlsplit(base_url).path) :]
    path = site / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


def broken_links(site: Path, pages: dict[Path, PageInfo], base_url: str) -> tuple[list[str], int]:
    """Same-site links and resources whose file or ``#anchor`` is missing, and how many links
    were checked."""
    broken, checked = [], 0
    for path, info in pages.items():
        here = page_url(site, path, base_url)
        for href in info.links + info.requested:
            if href.startswith(("mailto:", "tel:")):
                continue
            url = urljoin(here, href)
            target = target_file(site, url, base_url)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {href} (no file)")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no #{fragment})")
    return broken, checked


def outbound_hosts(site: Path, pages: dict[Path, PageInfo], base_url: str) -> set[str]:
    """Every other host that a link (``<a href>``) leads to."""
    own = urlsplit(base_url).netloc
    hosts = set()
    for path, info in pages.items():
        for href in info.links:
            netloc = urlsplit(urljoin(page_url(site, path, base_url), href)).netloc
            if netloc and netloc != own:
                hosts.add(netloc)
    return hosts


def foreign_requests(site: Path, pages: dict[Path, PageInfo], base_url: str) -> list[str]:
    """Resources a page would fetch by itself from another host (there must be none)."""
    own = urlsplit(base_url).netloc
    return [
        f"{path.relative_to(site)}: {ref}"
        for path, info in pages.items()
        for ref in info.requested
        if urlsplit(urljoin(page_url(site, path, base_url), ref)).netloc != own
    ]

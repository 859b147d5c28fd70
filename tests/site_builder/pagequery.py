"""Find elements in a built page by tag and class/attribute (html.parser, no dependency)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    parts: list[str] = field(default_factory=list)
    children: list[Element] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    @property
    def text(self) -> str:
        """Text with whitespace collapsed; element boundaries count as spaces."""
        text = " ".join(" ".join(self.parts).split())
        return re.sub(r" ([.,;:)])", r"\1", text)

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    def find_all(
        self, tag: str | None = None, cls: str | None = None, **attrs: str
    ) -> list[Element]:
        found = []
        for child in self.children:
            if _matches(child, tag, cls, attrs):
                found.append(child)
            found += child.find_all(tag, cls, **attrs)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"{len(found)} matches for {tag}.{cls} {attrs}"
        return found[0]


def _matches(el: Element, tag: str | None, cls: str | None, attrs: dict[str, str]) -> bool:
    if tag and el.tag != tag:
        return False
    if cls and cls not in el.classes:
        return False
    return all(el.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, dict(attrs))
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for el in self.stack:
            el.parts.append(data)


def parse(html: str) -> Element:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root

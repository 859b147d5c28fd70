"""The security headers of the static site's pages, read from the file nginx includes.

``deploy/nginx/static-headers.conf`` is the one place they are written: nginx includes it in
every location that serves the site, and ``katalog serve`` (:mod:`form_service.local_site`) sends
what this module reads from it, so a laptop shows what production sends.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

HEADERS_FILE = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "static-headers.conf"

_LINE = re.compile(r'add_header\s+([A-Za-z0-9-]+)\s+"([^"]*)"\s+always;')


def parse(text: str) -> dict[str, str]:
    """``{name: value}`` from ``add_header Name "value" always;`` lines; comments skipped.
    Any other directive is refused, so the file cannot say more than Python understands."""
    headers: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise ValueError(
                f'static-headers.conf:{number}: expected `add_header Name "value" always;`, '
                f"found {line!r}"
            )
        headers[match.group(1)] = match.group(2)
    return headers


@cache
def static_headers() -> dict[str, str]:
    return parse(HEADERS_FILE.read_text(encoding="utf-8"))

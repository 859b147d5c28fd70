"""What Pagefind indexed in a built site: one record per indexed page, read from its fragments.

Pagefind writes one fragment per page in ``pagefind/fragment/``: gzip, then the signature
``pagefind_dcd`` and a JSON object with the page's ``url``, indexed ``content``, ``meta`` and
``filters`` (what a result shows and is narrowed by). The browser tests search through
Pagefind's own JS API; this reads the same data without a browser.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def indexed_pages(site: Path) -> dict[str, dict[str, Any]]:
    """Every page Pagefind indexed in ``site``, by its URL relative to the site ("kursus/a/b/")."""
    pages: dict[str, dict[str, Any]] = {}
    for fragment in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(SIGNATURE), fragment
        record = json.loads(data[len(SIGNATURE) :])
        pages[record["url"].lstrip("/")] = record
    return pages

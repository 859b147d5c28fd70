"""The site's search index: Pagefind, run on the finished site folder.

Pagefind (the ``pagefind-bin`` wheel holds its binary, so no network and no Node are needed)
reads the HTML MkDocs wrote and writes ``pagefind/`` next to it: a chunked index that a phone
loads piece by piece. Only elements marked ``data-pagefind-body`` are indexed (the course
pages, see overrides/course.html), so announcements, posters and the other pages stay out.
What a result shows comes from ``data-pagefind-meta`` attributes in the same template.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pagefind_bin

OUTPUT_SUBDIR = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message is its output."""


def build(site: Path) -> Path:
    """Index ``site`` in place and return the folder Pagefind wrote."""
    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(site),
        "--output-subdir",
        OUTPUT_SUBDIR,
        "--silent",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip())
    return site / OUTPUT_SUBDIR

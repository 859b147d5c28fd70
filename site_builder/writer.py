"""Writing the thousands of small files of a build (calendars, posters) cheaply.

Creating a file is one of the dearest steps of a build: on ext4 a new file costs 0.1-0.5 ms
(more right after a previous site with as many files was deleted), while the rest of a poster
costs a few hundredths of that once its QR code is cached. Most of these files do not change from
one build to the next, so a file whose bytes equal the same file in the previous site is
hard-linked to it instead (like ``rsync --link-dest``): no new file, and its modification time
stays that of the content, which helps web caches and rsync. Anything unusual (no previous site,
another file system, a system without hard links) simply writes the file.
"""

from __future__ import annotations

import os
from pathlib import Path


class FileWriter:
    """Writes files under ``root``; ``previous`` is the site being replaced, if any."""

    def __init__(self, root: Path, previous: Path | None = None) -> None:
        self.root = root
        self.previous = previous
        self._made: set[Path] = set()

    def write_bytes(self, rel: str, data: bytes) -> Path:
        """Write ``root/rel``; return its path."""
        path = self.root / rel
        folder = path.parent
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)
        if self.previous is not None and self._link_unchanged(self.previous / rel, path, data):
            return path
        path.write_bytes(data)
        return path

    def write_text(self, rel: str, text: str) -> Path:
        return self.write_bytes(rel, text.encode("utf-8"))

    @staticmethod
    def _link_unchanged(old: Path, new: Path, data: bytes) -> bool:
        try:
            if old.stat().st_size != len(data) or old.read_bytes() != data:
                return False
            os.link(old, new)
        except OSError:  # no previous file, or no hard links here: write it
            return False
        return True

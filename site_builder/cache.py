"""A content-addressed cache for pure build outputs (QR codes, calendar events).

Like the social plugin of Material for MkDocs keeps its cards in ``.cache/``, a rebuild reuses
what an earlier build made from the same inputs. The caller builds the key from *every* input
that affects the output, library version and options included; the cache stores it under its
sha256. A changed input is a new key, so nothing is ever invalidated by hand.

On disk, in the cache folder:

* ``<namespace>.json``: ``{"format": 1, "entries": {sha256hex: value}}``, one per namespace.
* ``part-<token>-<pid>.json``: what one forked child used, ``{"format": 1, "token": ...,
  "entries": {namespace: {sha256hex: value or null}}}``, written by
  :meth:`BuildCache.save_part`. ``null`` is a hit: the value the parent loaded too (the child
  was forked after :meth:`BuildCache.open`), so a warm build's parts hold only keys.

The build opens the cache, forks, each child calls :meth:`~BuildCache.save_part` at the end of
its work and the parent :meth:`~BuildCache.commit`\\ s once every child has finished. Commit
rewrites each namespace file with only the entries used by this build, so the cache never
holds more than the current data needs.

Stale parts: :meth:`~BuildCache.open` draws a random build token, which forked children
inherit and put in their part file names. Commit merges only parts carrying this build's token;
parts with another token are left by a crashed (or a concurrent) build: those older than this
build's start are deleted, newer ones (a concurrent build) are left alone.

The cache must never fail the build: an unreadable, corrupt or foreign-version file is read as
empty, and writing gives up quietly on ``OSError`` without leaving temporary files behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["FORMAT", "NO_CACHE", "BuildCache", "cache_key"]

FORMAT = 1
_NAMESPACE = re.compile(r"[a-z0-9_]+")  # no "-" or ".": never confused with part/temp files
_PART_PREFIX = "part-"
_TEMP_PREFIX = ".tmp-"

Entries = dict[str, dict[str, str]]  # namespace -> sha256hex -> value


def cache_key(*parts: object) -> str:
    """A key from the given parts (str, numbers, bools, None, lists), unambiguous."""
    return json.dumps(parts, separators=(",", ":"))


class BuildCache:
    def __init__(self, folder: Path | None, loaded: Entries, token: str) -> None:
        self.folder = folder
        self._loaded = loaded
        self._used: Entries = {}
        self._token = token
        self._started = time.time()
        self._counts: dict[str, list[int]] = {}  # namespace -> [hits, misses]

    @classmethod
    def open(cls, folder: Path | None) -> BuildCache:
        """The cache in ``folder`` (missing = empty), or a disabled one for ``None``."""
        loaded: Entries = {}
        if folder is not None:
            for path in _files(folder, "*.json"):
                namespace = path.name.removesuffix(".json")
                if _NAMESPACE.fullmatch(namespace):
                    loaded[namespace] = _read_entries(path)
        return cls(folder, loaded, secrets.token_hex(8))

    @property
    def stats(self) -> dict[str, tuple[int, int]]:
        """namespace -> (hits, misses) in this process."""
        return {ns: (hits, misses) for ns, (hits, misses) in self._counts.items()}

    def get_or_make(self, namespace: str, key: str, make: Callable[[], str]) -> str:
        """The value stored for ``key``, or ``make()`` (then stored at the next commit)."""
        if not _NAMESPACE.fullmatch(namespace):
            raise ValueError(f"bad cache namespace {namespace!r}")
        counts = self._counts.setdefault(namespace, [0, 0])
        if self.folder is None:
            counts[1] += 1
            return make()
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
        used = self._used.setdefault(namespace, {})
        value = used.get(digest)
        if value is None:
            value = self._loaded.get(namespace, {}).get(digest)
        if value is None:
            counts[1] += 1
            value = make()
            if not isinstance(value, str):
                raise TypeError(f"cache value for {namespace!r} must be str")
        else:
            counts[0] += 1
        used[digest] = value
        return value

    def save_part(self) -> None:
        """In a forked child, at the end of its work: write what this process used."""
        if self.folder is None or not self._used:
            return
        name = f"{_PART_PREFIX}{self._token}-{os.getpid()}.json"
        entries = {
            ns: {d: None if v is self._loaded.get(ns, {}).get(d) else v for d, v in used.items()}
            for ns, used in self._used.items()
        }
        data = {"format": FORMAT, "token": self._token, "entries": entries}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomic(self.folder / name, data)
        except OSError:
            return

    def commit(self) -> None:
        """In the parent, after every child finished: keep exactly the entries this build used."""
        if self.folder is None:
            return
        merged: Entries = {ns: dict(entries) for ns, entries in self._used.items()}
        mine = []
        for path in _files(self.folder, f"{_PART_PREFIX}*.json"):
            if path.name.startswith(f"{_PART_PREFIX}{self._token}-"):
                mine.append(path)
                for ns, entries in _read_part(path, self._token).items():
                    loaded = self._loaded.get(ns, {})
                    merged.setdefault(ns, {}).update(
                        (d, loaded[d] if v is None else v)
                        for d, v in entries.items()
                        if v is not None or d in loaded
                    )
            else:
                _remove_if_older(path, self._started)
        for path in _files(self.folder, f"{_TEMP_PREFIX}*"):  # left by a crashed build
            _remove_if_older(path, self._started)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for ns, entries in merged.items():
                if entries.keys() == self._loaded.get(ns, {}).keys():
                    continue  # same keys, so the same values: the file is up to date
                _write_atomic(self.folder / f"{ns}.json", {"format": FORMAT, "entries": entries})
            for ns in self._loaded.keys() - merged.keys():  # not used at all in this build
                (self.folder / f"{ns}.json").unlink(missing_ok=True)
        except OSError:
            pass
        for path in mine:
            _remove(path)


def _files(folder: Path, pattern: str) -> list[Path]:
    try:
        return sorted(folder.glob(pattern))
    except OSError:
        return []


def _load(path: Path) -> dict | None:
    """The JSON object in ``path`` if it has our format, else ``None``."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    return data


def _valid(entries: object, *, hits: bool = False) -> bool:
    """A dict of str to str (or to ``None`` when ``hits``)."""
    return isinstance(entries, dict) and all(
        isinstance(k, str) and (isinstance(v, str) or (hits and v is None))
        for k, v in entries.items()
    )


def _read_entries(path: Path) -> dict[str, str]:
    data = _load(path)
    entries = data.get("entries") if data else None
    return entries if _valid(entries) else {}


def _read_part(path: Path, token: str) -> Entries:
    data = _load(path)
    if not data or data.get("token") != token or not isinstance(data.get("entries"), dict):
        return {}
    entries = data["entries"]
    return {
        ns: e for ns, e in entries.items() if _NAMESPACE.fullmatch(str(ns)) and _valid(e, hits=True)
    }


def _write_atomic(path: Path, data: dict) -> None:
    """Write ``data`` as JSON next to ``path``, then rename it over ``path``."""
    fd, temp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as file:  # \u escapes: any str is safe
            file.write(json.dumps(data, separators=(",", ":")))  # dump() encodes in Python
        os.replace(temp, path)
    except BaseException:
        _remove(Path(temp))
        raise


def _remove_if_older(path: Path, started: float) -> None:
    try:
        if path.stat().st_mtime < started:
            path.unlink()
    except OSError:
        pass


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


NO_CACHE = BuildCache.open(None)  # makes every value, reads and writes nothing

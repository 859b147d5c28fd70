"""The registration queue: an append-only JSON Lines file shared by every gunicorn worker.

Contract: /work/notes/queue-api.md (mirrored here). One registration per line, UTF-8, written with
``json.dumps(record, ensure_ascii=False, separators=(",", ":"))``.

Writing (:meth:`JsonlQueue.append`):

1. take the exclusive writers' lock: ``fcntl.flock`` on the sidecar file ``<path>.lock``. The lock
   lives beside the queue, not on it, because purge replaces the queue file by rename and a lock on
   the old inode would no longer exclude anybody;
2. bring this process's in-memory index up to date by reading only the bytes appended since it last
   looked (rebuilt from scratch when the file was replaced or shrunk);
3. call ``decide(snapshot)``; it returns the complete record or raises (nothing is written);
4. write the whole line with one ``os.write`` on an ``O_APPEND`` descriptor, prefixed with ``"\\n"``
   when the file ends in a torn line (a crash mid-write) so the new record always stands on a line of
   its own; ``os.fsync``; only then release the lock and return.

Any ``OSError`` while opening, locking or writing (ENOSPC, EIO, EACCES, EROFS...) becomes
:class:`QueueUnavailable`; bytes already written are truncated away, so no half record stays.
Files are created with mode 0600 (the lock file too); a missing parent folder is created (0700).

Reading (:meth:`JsonlQueue.read`) takes the shared lock only long enough to open the file and note
its size, then streams up to that size without blocking writers. A last line without a newline is
reported as torn, a line that is not a JSON object, not UTF-8 or longer than :data:`MAX_LINE_BYTES`
as invalid (``QueueLine.problem``, plain Indonesian for clerks); nothing ever raises for bad content.

Index memory: registration ids are kept as 60-bit integers, NIKs as integers, run ids interned, and
each registration costs one dict entry for its id (-> byte offset of its line, for :meth:`get`)
and one for its NIK: about 270 bytes per record, 27 MB for 100,000 records
(``benchmarks/queue_staff.py``, step "index").
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

__all__ = [
    "APPLICANT_KEYS",
    "CONSENT_KEYS",
    "FORMAT_VERSION",
    "TOP_KEYS",
    "MAX_LINE_BYTES",
    "JsonlQueue",
    "QueueLine",
    "QueueSnapshot",
    "QueueUnavailable",
    "RegistrationQueue",
    "RunCounts",
    "RewriteResult",
    "dump_record",
    "format_registration_id",
    "open_queue",
    "parse_registration_id",
]

FORMAT_VERSION = 1
# The keys of a record, in the order they are written (the format of version 1).
TOP_KEYS = (
    "v",
    "id",
    "received_at",
    "run_id",
    "course_id",
    "center_id",
    "status",
    "applicant",
    "consent",
)
APPLICANT_KEYS = (
    "full_name",
    "nik",
    "birth_date",
    "gender",
    "phone",
    "email",
    "village",
    "address",
    "education",
    "employment_status",
    "dtks",
    "disability",
    "motivation",
)
CONSENT_KEYS = ("version", "agreed_at")
STATUSES = ("registered", "waitlist")
MAX_LINE_BYTES = 1 << 20  # a real record is well under 4 KB
CHUNK = 1 << 20

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_VALUE = {c: i for i, c in enumerate(CROCKFORD)}
_ID_RE = re.compile(r"KP-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})")
_NIK_RE = re.compile(r"[0-9]{16}")
_ID_BITS = 60

# Problems reported for lines of the file (read by clerks through `katalog queue verify`).
PROBLEM_TORN = (
    "baris terakhir terpotong (tidak diakhiri baris baru); kemungkinan penulisan terhenti"
)
PROBLEM_TOO_LONG = "baris terlalu panjang (lebih dari 1 MB)"
PROBLEM_NOT_UTF8 = "bukan teks UTF-8 yang sah"
PROBLEM_NOT_JSON = "bukan JSON yang sah"
PROBLEM_NOT_OBJECT = "bukan objek JSON (harus diawali '{')"
PROBLEM_EMPTY = "baris kosong"


class QueueUnavailable(Exception):
    """The queue file cannot be written or read (full disk, I/O error, no permission...).

    Nothing was written. The web form answers 503; the staff commands print the message.
    """


@dataclass(frozen=True)
class RunCounts:
    registered: int
    waitlist: int
    last_received_at: str | None


@dataclass(frozen=True)
class QueueLine:
    """One line of the file: ``record`` is the parsed object, or ``None`` with a ``problem``."""

    line_no: int
    record: dict | None
    problem: str | None


@dataclass(frozen=True)
class RewriteResult:
    kept: int
    removed: int
    damaged_kept: int


class QueueSnapshot(Protocol):
    """State of the queue at the moment the writer holds the lock (what ``decide`` sees)."""

    def registrations_of_nik(self, nik: str) -> list[tuple[str, str]]: ...

    def counts(self, run_id: str) -> RunCounts: ...

    def has_id(self, registration_id: str) -> bool: ...


class RegistrationQueue(Protocol):
    def append(self, decide: Callable[[QueueSnapshot], dict]) -> dict: ...

    def new_registration_id(self) -> str: ...

    def get(self, registration_id: str) -> dict | None: ...

    def counts(self, run_id: str) -> RunCounts: ...

    def all_counts(self) -> dict[str, RunCounts]: ...

    def read(self) -> Iterator[QueueLine]: ...


def open_queue(path: str | os.PathLike[str]) -> RegistrationQueue:
    """The queue at ``path``. ``postgresql://...`` is reserved for a future backend."""
    text = os.fspath(path)
    if text.startswith(("postgresql://", "postgres://")):
        raise NotImplementedError("the PostgreSQL queue backend is not written yet")
    return JsonlQueue(text)


# --- registration ids ------------------------------------------------------------------------


def format_registration_id(value: int) -> str:
    """``KP-XXXX-XXXX-XXXX`` for a 60-bit integer (Crockford base32)."""
    chars = [CROCKFORD[(value >> shift) & 31] for shift in range(_ID_BITS - 5, -1, -5)]
    text = "".join(chars)
    return f"KP-{text[0:4]}-{text[4:8]}-{text[8:12]}"


def parse_registration_id(text: str) -> int | None:
    """The integer behind a well-formed registration id, else ``None``."""
    match = _ID_RE.fullmatch(text)
    if match is None:
        return None
    value = 0
    for c in "".join(match.groups()):
        value = (value << 5) | _CROCKFORD_VALUE[c]
    return value


def _id_key(text: str) -> int | str:
    value = parse_registration_id(text)
    return text if value is None else value


def _id_text(key: int | str) -> str:
    return key if isinstance(key, str) else format_registration_id(key)


def dump_record(record: dict) -> bytes:
    """The line for ``record``: compact JSON, UTF-8, ending in a newline."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


# --- in-memory index -------------------------------------------------------------------------


class _Index:
    """Compact index of one version (inode) of the queue file; implements QueueSnapshot."""

    __slots__ = (
        "dev",
        "inode",
        "offset",
        "tail",
        "pending",
        "lines",
        "run_names",
        "run_index",
        "registered",
        "waitlist",
        "last",
        "ids",
        "niks",
    )

    def __init__(self, dev: int = -1, inode: int = -1) -> None:
        self.dev = dev
        self.inode = inode
        self.offset = 0  # bytes consumed: always the end of a complete line
        self.tail = b""  # last bytes before offset, to recognise the same file
        self.pending = False  # bytes after offset (a torn last line)
        self.lines = 0
        self.run_names: list[str] = []
        self.run_index: dict[str, int] = {}
        self.registered: list[int] = []
        self.waitlist: list[int] = []
        self.last: list[str | None] = []
        # registration id (int or odd str) -> byte offset of its line
        self.ids: dict[int | str, int] = {}
        # NIK (int) -> one item or a list of items; an item is (run index << 60 | id) for a
        # well-formed id, else (run index, id text)
        self.niks: dict[int | str, Any] = {}

    # QueueSnapshot ------------------------------------------------------------------------
    def registrations_of_nik(self, nik: str) -> list[tuple[str, str]]:
        entry = self.niks.get(_nik_key(nik))
        if entry is None:
            return []
        items = entry if isinstance(entry, list) else [entry]
        result = []
        for item in items:
            if isinstance(item, tuple):
                result.append((self.run_names[item[0]], item[1]))
            else:
                run = item >> _ID_BITS
                rid = item & ((1 << _ID_BITS) - 1)
                result.append((self.run_names[run], format_registration_id(rid)))
        return result

    def counts(self, run_id: str) -> RunCounts:
        i = self.run_index.get(run_id)
        if i is None:
            return RunCounts(0, 0, None)
        return RunCounts(self.registered[i], self.waitlist[i], self.last[i])

    def has_id(self, registration_id: str) -> bool:
        return _id_key(registration_id) in self.ids

    def all_counts(self) -> dict[str, RunCounts]:
        return {name: self.counts(name) for name in self.run_names}

    # building -------------------------------------------------------------------------------
    def add_line(self, raw: bytes, offset: int) -> None:
        self.lines += 1
        try:
            record = json.loads(raw.decode("utf-8"))
        except ValueError:  # includes UnicodeDecodeError
            return
        if not isinstance(record, dict):
            return
        rid, run_id, status = record.get("id"), record.get("run_id"), record.get("status")
        if not isinstance(rid, str) or not isinstance(run_id, str):
            return
        key = _id_key(rid)
        self.ids[key] = offset
        run = self.run_index.get(run_id)
        if run is None:
            run = self.run_index[run_id] = len(self.run_names)
            self.run_names.append(run_id)
            self.registered.append(0)
            self.waitlist.append(0)
            self.last.append(None)
        if status == "registered":
            self.registered[run] += 1
        elif status == "waitlist":
            self.waitlist[run] += 1
        received = record.get("received_at")
        if isinstance(received, str) and (self.last[run] is None or received > self.last[run]):
            self.last[run] = received
        applicant = record.get("applicant")
        nik = applicant.get("nik") if isinstance(applicant, dict) else None
        if isinstance(nik, str):
            item: Any = (run << _ID_BITS) | key if isinstance(key, int) else (run, rid)
            nk = _nik_key(nik)
            entry = self.niks.get(nk)
            if entry is None:
                self.niks[nk] = item
            elif isinstance(entry, list):
                entry.append(item)
            else:
                self.niks[nk] = [entry, item]


def _nik_key(nik: str) -> int | str:
    return int(nik) if _NIK_RE.fullmatch(nik) else nik


# --- the JSON Lines queue --------------------------------------------------------------------


class JsonlQueue:
    """The registration queue in one JSON Lines file (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._index = _Index()
        self._mutex = threading.RLock()  # threads of one process share the index

    def __repr__(self) -> str:
        return f"JsonlQueue({str(self.path)!r})"

    # locking ----------------------------------------------------------------------------
    @contextmanager
    def _locked(self, exclusive: bool) -> Iterator[None]:
        """Hold the writers' lock. A fresh descriptor each time: after fork, workers must not
        share one open file description (flock would then not exclude them from each other)."""
        with self._mutex:
            try:
                if exclusive:
                    self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                    flags = os.O_RDWR | os.O_CREAT
                else:
                    flags = os.O_RDONLY
                lock_fd = os.open(self.lock_path, flags | os.O_CLOEXEC, 0o600)
            except FileNotFoundError:
                if exclusive:
                    raise QueueUnavailable(
                        f"folder antrean tidak ada: {self.path.parent}"
                    ) from None
                lock_fd = None  # no lock file yet: nobody has written yet either
            except OSError as error:
                raise QueueUnavailable(_describe(error)) from error
            try:
                if lock_fd is not None:
                    fcntl.flock(lock_fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
                yield
            finally:
                if lock_fd is not None:
                    os.close(lock_fd)  # closing releases the lock

    @contextmanager
    def exclusive_lock(self) -> Iterator[None]:
        """Hold the writers' lock (for maintenance such as purge)."""
        with self._locked(exclusive=True):
            yield

    # index maintenance ------------------------------------------------------------------------
    def _sync(self, fd: int) -> _Index:
        """Bring the index up to date with the file open at ``fd`` (lock held)."""
        st = os.fstat(fd)
        index = self._index
        if (
            st.st_ino != index.inode
            or st.st_dev != index.dev
            or st.st_size < index.offset
            or (
                index.tail
                and os.pread(fd, len(index.tail), index.offset - len(index.tail)) != index.tail
            )
        ):
            index = self._index = _Index(st.st_dev, st.st_ino)
        offset = index.offset
        buffer = b""
        buffer_start = offset
        size = st.st_size
        while offset < size:
            chunk = os.pread(fd, min(CHUNK, size - offset), offset)
            if not chunk:
                break
            offset += len(chunk)
            buffer += chunk
            start = 0
            while True:
                end = buffer.find(b"\n", start)
                if end < 0:
                    break
                line_start = buffer_start + start
                if end - start <= MAX_LINE_BYTES:
                    index.add_line(buffer[start:end], line_start)
                else:
                    index.lines += 1
                start = end + 1
            buffer_start += start
            buffer = buffer[start:]
            if len(buffer) > MAX_LINE_BYTES:
                # a huge line: skip it until its newline without keeping it in memory
                index.lines += 1
                skip_from = buffer_start
                newline = self._find_newline(fd, offset, size)
                if newline < 0:
                    buffer_start = skip_from  # torn huge tail: leave unconsumed
                    buffer = b""
                    offset = size
                    index.pending = True
                    index.lines -= 1
                    self._set_consumed(fd, index, skip_from)
                    return index
                offset = buffer_start = newline + 1
                buffer = b""
        self._set_consumed(fd, index, buffer_start)
        index.pending = buffer_start < size
        return index

    @staticmethod
    def _find_newline(fd: int, offset: int, size: int) -> int:
        while offset < size:
            chunk = os.pread(fd, min(CHUNK, size - offset), offset)
            if not chunk:
                return -1
            found = chunk.find(b"\n")
            if found >= 0:
                return offset + found
            offset += len(chunk)
        return -1

    @staticmethod
    def _set_consumed(fd: int, index: _Index, offset: int) -> None:
        if offset != index.offset:
            index.offset = offset
            index.tail = os.pread(fd, min(64, offset), offset - min(64, offset))

    @contextmanager
    def _synced(self) -> Iterator[tuple[_Index, int | None]]:
        """Shared lock, index refreshed; yields (index, fd or None if there is no file yet)."""
        with self._locked(exclusive=False):
            try:
                fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
            except FileNotFoundError:
                self._index = _Index()
                yield self._index, None
                return
            except OSError as error:
                raise QueueUnavailable(_describe(error)) from error
            try:
                index = self._sync_or_unavailable(fd)
                yield index, fd
            finally:
                os.close(fd)

    # public API -----------------------------------------------------------------------------
    def append(self, decide: Callable[[QueueSnapshot], dict]) -> dict:
        """Lock, refresh, ``decide(snapshot)``, append its record durably, return it."""
        with self._locked(exclusive=True):
            existed = self.path.exists()
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError as error:
                raise QueueUnavailable(_describe(error)) from error
            try:
                _make_private(fd)
                index = self._sync_or_unavailable(fd)
                record = decide(index)
                _check_record(record, index)
                data = dump_record(record)
                if index.pending:
                    data = b"\n" + data  # never glue the record onto a torn line
                self._write(fd, data)
                if not existed:
                    _fsync_dir(self.path.parent)
                try:
                    self._sync(fd)
                except OSError:
                    self._index = _Index()  # the record is safe; rebuild next time
                return record
            finally:
                os.close(fd)

    def _sync_or_unavailable(self, fd: int) -> _Index:
        try:
            return self._sync(fd)
        except OSError as error:
            raise QueueUnavailable(_describe(error)) from error

    def _open_existing(self) -> BinaryIO:
        """The queue file for reading; FileNotFoundError passes through (no queue yet)."""
        try:
            return open(self.path, "rb")
        except FileNotFoundError:
            raise
        except OSError as error:
            raise QueueUnavailable(_describe(error)) from error

    @staticmethod
    def _write(fd: int, data: bytes) -> None:
        old_size = os.fstat(fd).st_size
        try:
            written = os.write(fd, data)
            if written != len(data):
                raise OSError(errno.EIO, "short write")
            os.fsync(fd)
        except OSError as error:
            try:
                if os.fstat(fd).st_size != old_size:
                    os.ftruncate(fd, old_size)
                    os.fsync(fd)
            except OSError:
                pass
            raise QueueUnavailable(_describe(error)) from error

    def new_registration_id(self) -> str:
        """A fresh unguessable registration number, not yet in the index."""
        with self._mutex:
            while True:
                value = secrets.randbits(_ID_BITS)
                if value not in self._index.ids:
                    return format_registration_id(value)

    def get(self, registration_id: str) -> dict | None:
        """The record with this registration number, or ``None``."""
        with self._synced() as (index, fd):
            offset = index.ids.get(_id_key(registration_id))
            if offset is None or fd is None:
                return None
            raw = _read_line_at(fd, offset)
        try:
            record = json.loads(raw)
        except ValueError:
            return None
        return record if isinstance(record, dict) and record.get("id") == registration_id else None

    def counts(self, run_id: str) -> RunCounts:
        with self._synced() as (index, _fd):
            return index.counts(run_id)

    def all_counts(self) -> dict[str, RunCounts]:
        with self._synced() as (index, _fd):
            return index.all_counts()

    def registrations_of_nik(self, nik: str) -> list[tuple[str, str]]:
        with self._synced() as (index, _fd):
            return index.registrations_of_nik(nik)

    def read(self) -> Iterator[QueueLine]:
        """Stream every line (a snapshot as of the call); damaged lines become problems.

        Raise :class:`FileNotFoundError` if there is no queue file, :class:`QueueUnavailable`
        if it cannot be opened.
        """
        handle = self._open_snapshot()
        return self._lines(handle)

    def _open_snapshot(self) -> tuple[BinaryIO, int]:
        with self._locked(exclusive=False):
            handle = self._open_existing()
            size = os.fstat(handle.fileno()).st_size
        return handle, size

    @staticmethod
    def _lines(opened: tuple[BinaryIO, int]) -> Iterator[QueueLine]:
        handle, size = opened
        with handle:
            for line_no, _raw, record, problem in iter_raw_lines(handle, size):
                yield QueueLine(line_no, record, problem)

    def rewrite(self, keep: Callable[[QueueLine], bool], dry_run: bool = False) -> RewriteResult:
        """Replace the file with the lines ``keep`` accepts, atomically, holding the writers' lock.

        Damaged lines (``record is None``) are always kept byte for byte (a torn last line gets a
        newline) so that `verify` can still show them. New file: mode 0600, the old file's owner
        (when run as root), fsync, rename over the old one, fsync of the folder. A registration arriving meanwhile waits for the lock and
        is appended to the new file.
        """
        with self._locked(exclusive=True):
            source = self._open_existing()
            # Through a symbolic link, replace the file it points to, not the link (which would
            # leave every removed record in the old file).
            target = Path(os.path.realpath(self.path))
            tmp = target.with_name(f".{target.name}.purge-{os.getpid()}.tmp")
            kept = removed = damaged = 0
            out_fd = None
            try:
                with source:
                    st = os.fstat(source.fileno())
                    size = st.st_size
                    if not dry_run:
                        out_fd = os.open(
                            tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600
                        )
                        _keep_owner(out_fd, st)
                    pending: list[bytes] = []
                    pending_size = 0
                    for line_no, raw, record, problem in iter_raw_lines(source, size):
                        line = QueueLine(line_no, record, problem)
                        if record is None:
                            damaged += 1
                        elif not keep(line):
                            removed += 1
                            continue
                        else:
                            kept += 1
                        if out_fd is not None:
                            pending.append(raw if raw.endswith(b"\n") else raw + b"\n")
                            pending_size += len(pending[-1])
                            if pending_size >= CHUNK:
                                _write_all(out_fd, b"".join(pending))
                                pending, pending_size = [], 0
                    if out_fd is not None:
                        _write_all(out_fd, b"".join(pending))
                        os.fsync(out_fd)
                        os.close(out_fd)
                        out_fd = None
                        os.replace(tmp, target)
                        _fsync_dir(target.parent)
            except OSError as error:
                if out_fd is not None:
                    os.close(out_fd)
                tmp.unlink(missing_ok=True)
                raise QueueUnavailable(_describe(error)) from error
            except BaseException:
                if out_fd is not None:
                    os.close(out_fd)
                tmp.unlink(missing_ok=True)
                raise
            if not dry_run:
                self._index = _Index()
            return RewriteResult(kept=kept, removed=removed, damaged_kept=damaged)


# --- helpers ---------------------------------------------------------------------------------


def iter_raw_lines(
    handle: BinaryIO, size: int | None = None
) -> Iterator[tuple[int, bytes, dict | None, str | None]]:
    """Yield ``(line_no, raw bytes, record, problem)`` for the first ``size`` bytes of ``handle``.

    Memory stays flat: a line longer than :data:`MAX_LINE_BYTES` is skipped in chunks and reported
    (its ``raw`` is then only its first bytes).
    """
    remaining = size if size is not None else float("inf")
    line_no = 0
    while remaining > 0:
        limit = int(min(MAX_LINE_BYTES + 1, remaining))
        raw = handle.readline(limit)
        if not raw:
            return
        remaining -= len(raw)
        line_no += 1
        if not raw.endswith(b"\n") and len(raw) > MAX_LINE_BYTES:
            head = raw
            while remaining > 0 and not raw.endswith(b"\n"):
                raw = handle.readline(int(min(CHUNK, remaining)))
                if not raw:
                    break
                remaining -= len(raw)
            yield line_no, head + b"\n", None, PROBLEM_TOO_LONG
            continue
        if not raw.endswith(b"\n"):
            yield line_no, raw, None, PROBLEM_TORN
            return
        body = raw[:-1]
        if not body.strip():
            yield line_no, raw, None, PROBLEM_EMPTY
            continue
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            yield line_no, raw, None, PROBLEM_NOT_UTF8
            continue
        try:
            record = json.loads(text)
        except ValueError:
            yield line_no, raw, None, PROBLEM_NOT_JSON
            continue
        if not isinstance(record, dict):
            yield line_no, raw, None, PROBLEM_NOT_OBJECT
            continue
        yield line_no, raw, record, None


def _read_line_at(fd: int, offset: int) -> bytes:
    parts = []
    while True:
        chunk = os.pread(fd, 4096, offset)
        if not chunk:
            break
        end = chunk.find(b"\n")
        if end >= 0:
            parts.append(chunk[:end])
            break
        parts.append(chunk)
        offset += len(chunk)
        if sum(map(len, parts)) > MAX_LINE_BYTES:
            break
    return b"".join(parts)


def _check_record(record: Any, index: _Index) -> None:
    if not isinstance(record, dict):
        raise TypeError("decide() must return the record as a dict")
    rid = record.get("id")
    if not isinstance(rid, str) or parse_registration_id(rid) is None:
        raise ValueError(f"record has no well-formed registration id: {rid!r}")
    if index.has_id(rid):
        raise ValueError(f"registration id already in the queue: {rid}")
    if not isinstance(record.get("run_id"), str) or record.get("status") not in STATUSES:
        raise ValueError("record needs run_id and status 'registered' or 'waitlist'")


def _keep_owner(fd: int, st: os.stat_result) -> None:
    """Give the new file the old one's owner, so that a purge run as root does not lock the
    service's user out of its own queue (a non-root user can only be the owner already)."""
    if (st.st_uid, st.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except PermissionError:
        pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _make_private(fd: int) -> None:
    """A queue file made by someone else (a copy, a restore) may be readable by other users:
    make it 0600 before adding personal data to it, or refuse."""
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, 0o600)
    except OSError as error:
        raise QueueUnavailable(
            "berkas antrean bisa dibaca pengguna lain dan izinnya tidak bisa diubah ke 0600"
        ) from error


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _describe(error: OSError) -> str:
    """Indonesian text for a file error (shown to staff; the web answers 503)."""
    reasons = {
        errno.ENOSPC: "disk penuh",
        errno.EDQUOT: "kuota disk habis",
        errno.EIO: "kesalahan baca/tulis disk",
        errno.EACCES: "tidak ada izin",
        errno.EPERM: "tidak ada izin",
        errno.EROFS: "disk hanya bisa dibaca",
    }
    reason = reasons.get(error.errno or 0, error.strerror or "kesalahan berkas")
    name = error.filename if error.filename is not None else ""
    return f"Antrean pendaftaran tidak bisa dipakai: {reason}" + (f" ({name})" if name else "")

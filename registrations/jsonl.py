"""The file store: one append-only JSON Lines file shared by every gunicorn worker.

One registration or one status event per line, UTF-8, written with
``json.dumps(record, ensure_ascii=False, separators=(",", ":"))`` (:mod:`registrations.records`
has the fields; version-1 files from the first release stay readable unchanged).

Writing (:meth:`JsonlStore.add`, :meth:`JsonlStore.record`):

1. take the exclusive writers' lock: ``fcntl.flock`` on the sidecar file ``<path>.lock``. The lock
   lives beside the file, not on it, because purge replaces the file by rename and a lock on
   the old inode would no longer exclude anybody;
2. bring this process's in-memory index up to date by reading only the bytes appended since it last
   looked (rebuilt from scratch when the file was replaced or shrunk);
3. apply the rules (``decide`` for a registration, the allowed transitions for events); a refusal
   writes nothing;
4. write every new line with one ``os.write`` on an ``O_APPEND`` descriptor, prefixed with
   ``"\\n"`` when the file ends in a torn line (a crash mid-write) so new lines always stand on their
   own; ``os.fsync``; only then release the lock and return.

Any ``OSError`` while opening, locking or writing (ENOSPC, EIO, EACCES, EROFS...) becomes
:class:`StoreUnavailable`; bytes already written are truncated away, so no half record stays.
Files are created with mode 0600 (the lock file too); a missing parent folder is created (0700).

Reading takes the shared lock only long enough to open the file and note its size, then streams
up to that size without blocking writers. A last line without a newline is reported as torn, a
line that is not a JSON object, not UTF-8 or longer than :data:`MAX_LINE_BYTES` as damaged
(plain Indonesian for clerks); nothing ever raises for bad content.

Index memory: registration numbers are kept as 60-bit integers, NIKs as integers, run ids
interned; each registration costs a dict entry for its number (-> byte offset of its line and its
current status), one for its NIK and 8 bytes in its run's list: about 280 bytes per registration
(``benchmarks/queue_staff.py``, step "index").
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from registrations.ids import ID_BITS, format_registration_id, parse_registration_id
from registrations.ids import random_registration_id as _random_id
from registrations.models import Registration, StatusEvent
from registrations.records import (
    RecordError,
    dump_line,
    event_from,
    event_problems,
    event_record,
    is_event,
    parse_utc,
    registration_from,
    registration_problems,
    registration_record,
)
from registrations.status import Status
from registrations.store import (
    Change,
    ChangeRefused,
    Current,
    Problem,
    PurgeResult,
    RunCounts,
    StoreUnavailable,
    plan_events,
    stamp,
)

__all__ = ["MAX_LINE_BYTES", "JsonlStore", "StoreLine", "iter_raw_lines"]

MAX_LINE_BYTES = 1 << 20  # a real record is well under 4 KB
CHUNK = 1 << 20
MIN_FREE_BYTES = 1 << 20  # a record is under 4 KB; less than this and writes are about to fail
_STATUSES = list(Status)
_STATUS_CODE = {s: i for i, s in enumerate(_STATUSES)}
_STATUS_BITS = 4  # 11 statuses
_NO_STATUS = 15

# Problems reported for lines of the file (read by clerks through `katalog queue verify`).
PROBLEM_TORN = (
    "baris terakhir terpotong (tidak diakhiri baris baru); kemungkinan penulisan terhenti"
)
PROBLEM_TOO_LONG = "baris terlalu panjang (lebih dari 1 MB)"
PROBLEM_NOT_UTF8 = "bukan teks UTF-8 yang sah"
PROBLEM_NOT_JSON = "bukan JSON yang sah"
PROBLEM_NOT_OBJECT = "bukan objek JSON (harus diawali '{')"
PROBLEM_EMPTY = "baris kosong"


@dataclass(frozen=True)
class StoreLine:
    """One line of the file: ``record`` is the parsed object, or ``None`` with a ``problem``."""

    line_no: int
    record: dict | None
    problem: str | None


def _id_key(text: str) -> int | str:
    value = parse_registration_id(text)
    return text if value is None else value


def _nik_key(nik: str) -> int | str:
    return int(nik) if len(nik) == 16 and nik.isascii() and nik.isdigit() else nik


# --- in-memory index -------------------------------------------------------------------------


class _Index:
    """Compact index of one version (inode) of the file; implements ``Snapshot``."""

    __slots__ = (
        "dev",
        "inode",
        "offset",
        "tail",
        "pending",
        "lines",
        "damaged",
        "run_names",
        "run_index",
        "run_counts",
        "run_offsets",
        "last",
        "ids",
        "events",
        "niks",
    )

    def __init__(self, dev: int = -1, inode: int = -1) -> None:
        self.dev = dev
        self.inode = inode
        self.offset = 0  # bytes consumed: always the end of a complete line
        self.tail = b""  # last bytes before offset, to recognise the same file
        self.pending = False  # bytes after offset (a torn last line)
        self.lines = 0
        self.damaged = 0  # lines that are neither a registration nor an event
        self.run_names: list[str] = []
        self.run_index: dict[str, int] = {}
        self.run_counts: list[list[int]] = []  # per run, per status code
        self.run_offsets: list[array] = []  # per run, offsets of its registration lines
        self.last: list[str | None] = []
        # registration number (int, or odd str) -> (offset << 4) | status code
        self.ids: dict[int | str, int] = {}
        # registration number -> offsets of its event lines, for those that have events
        self.events: dict[int | str, list[int]] = {}
        # NIK (int) -> one item or a list; an item is (run << 60 | id), or (run, id text)
        self.niks: dict[int | str, Any] = {}

    # Snapshot -----------------------------------------------------------------------------
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
                run = item >> ID_BITS
                rid = item & ((1 << ID_BITS) - 1)
                result.append((self.run_names[run], format_registration_id(rid)))
        return result

    def counts(self, run_id: str) -> RunCounts:
        i = self.run_index.get(run_id)
        if i is None:
            return RunCounts({}, None)
        by_status = {_STATUSES[c]: n for c, n in enumerate(self.run_counts[i]) if n}
        return RunCounts(by_status, parse_utc(self.last[i]))

    def all_counts(self) -> dict[str, RunCounts]:
        return {name: self.counts(name) for name in self.run_names}

    def status_of(self, registration_id: str) -> tuple[int, Status] | None:
        """(line offset, current status) of a registration, or ``None``."""
        packed = self.ids.get(_id_key(registration_id))
        if packed is None:
            return None
        code = packed & 15
        return packed >> _STATUS_BITS, _STATUSES[code] if code != _NO_STATUS else Status.REGISTERED

    # building -------------------------------------------------------------------------------
    def _run(self, run_id: str) -> int:
        run = self.run_index.get(run_id)
        if run is None:
            run = self.run_index[run_id] = len(self.run_names)
            self.run_names.append(run_id)
            self.run_counts.append([0] * len(_STATUSES))
            self.run_offsets.append(array("q"))
            self.last.append(None)
        return run

    def add_line(self, raw: bytes, offset: int) -> None:
        self.lines += 1
        try:
            record = json.loads(raw.decode("utf-8"))
        except ValueError:  # includes UnicodeDecodeError
            self.damaged += 1
            return
        if not isinstance(record, dict):
            self.damaged += 1
            return
        rid, run_id = record.get("id"), record.get("run_id")
        if not isinstance(rid, str) or not isinstance(run_id, str):
            self.damaged += 1
            return
        if is_event(record):
            self._add_event(record, rid, offset)
        else:
            self._add_registration(record, rid, run_id, offset)

    def _add_registration(self, record: dict, rid: str, run_id: str, offset: int) -> None:
        key = _id_key(rid)
        run = self._run(run_id)
        status = record.get("status")
        code = _STATUS_CODE.get(Status(status)) if status in Status._value2member_map_ else None
        if code is not None:
            self.run_counts[run][code] += 1
        self.ids[key] = (offset << _STATUS_BITS) | (_NO_STATUS if code is None else code)
        self.run_offsets[run].append(offset)
        received = record.get("received_at")
        newer = isinstance(received, str) and (self.last[run] is None or received > self.last[run])
        if newer and parse_utc(received) is not None:  # "zzz" or month 13 is no latest time
            self.last[run] = received
        applicant = record.get("applicant")
        nik = applicant.get("nik") if isinstance(applicant, dict) else None
        if isinstance(nik, str):
            item: Any = (run << ID_BITS) | key if isinstance(key, int) else (run, rid)
            nk = _nik_key(nik)
            entry = self.niks.get(nk)
            if entry is None:
                self.niks[nk] = item
            elif isinstance(entry, list):
                entry.append(item)
            else:
                self.niks[nk] = [entry, item]

    def _add_event(self, record: dict, rid: str, offset: int) -> None:
        key = _id_key(rid)
        packed = self.ids.get(key)
        new = record.get("to")
        if packed is None or new not in Status._value2member_map_:
            self.damaged += 1  # verify reports it; it changes nothing
            return
        self.events.setdefault(key, []).append(offset)
        old_code = packed & 15
        new_code = _STATUS_CODE[Status(new)]
        run = self.run_index[record["run_id"]] if record["run_id"] in self.run_index else None
        if run is not None:
            if old_code != _NO_STATUS:
                self.run_counts[run][old_code] -= 1
            self.run_counts[run][new_code] += 1
        self.ids[key] = (packed >> _STATUS_BITS << _STATUS_BITS) | new_code


# --- the JSON Lines store --------------------------------------------------------------------


class JsonlStore:
    """Registrations and their events in one JSON Lines file (see the module docstring)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._index = _Index()
        self._mutex = threading.RLock()  # threads of one process share the index

    def __repr__(self) -> str:
        return f"JsonlStore({str(self.path)!r})"

    def close(self) -> None:
        pass

    def health(self) -> str | None:
        existing = self.path.parent
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent  # the folder is made on the first registration
        if not existing.is_dir():
            return f"queue folder {self.path.parent} is under a file"
        if not os.access(existing, os.W_OK | os.X_OK):
            return "queue folder not writable"
        for file in (self.path, self.lock_path):
            if file.exists() and not (file.is_file() and os.access(file, os.R_OK | os.W_OK)):
                return f"{file.name} is not a writable file"
        if shutil.disk_usage(existing).free < MIN_FREE_BYTES:
            return "disk full"
        return None

    # locking ----------------------------------------------------------------------------
    @contextmanager
    def _locked(self, exclusive: bool) -> Iterator[None]:
        """Hold the writers' lock. A fresh descriptor each time: after fork, workers must not
        share one open file description (flock would then not exclude them from each other)."""
        with self._mutex:
            try:
                if exclusive:
                    lock_fd = self._open_lock_file()
                else:
                    lock_fd = os.open(self.lock_path, os.O_RDONLY | os.O_CLOEXEC)
            except FileNotFoundError:
                if exclusive:
                    raise StoreUnavailable(
                        f"folder antrean tidak ada: {self.path.parent}"
                    ) from None
                lock_fd = None  # no lock file yet: nobody has written yet either
            except OSError as error:
                raise StoreUnavailable(_describe(error)) from error
            try:
                if lock_fd is not None:
                    fcntl.flock(lock_fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
                yield
            finally:
                if lock_fd is not None:
                    os.close(lock_fd)  # closing releases the lock

    def _open_lock_file(self) -> int:
        """The lock file for writing, made (with its folder) on first use."""
        flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC
        try:
            return os.open(self.lock_path, flags, 0o600)
        except FileNotFoundError:  # no folder yet: one mkdir on the first write only
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            return os.open(self.lock_path, flags, 0o600)

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
                raise StoreUnavailable(_describe(error)) from error
            try:
                index = self._sync_or_unavailable(fd)
                yield index, fd
            finally:
                os.close(fd)

    def _sync_or_unavailable(self, fd: int) -> _Index:
        try:
            return self._sync(fd)
        except OSError as error:
            raise StoreUnavailable(_describe(error)) from error

    def _open_existing(self) -> BinaryIO:
        """The queue file for reading; FileNotFoundError passes through (no queue yet)."""
        try:
            return open(self.path, "rb")
        except FileNotFoundError:
            raise
        except OSError as error:
            raise StoreUnavailable(_describe(error)) from error

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
            raise StoreUnavailable(_describe(error)) from error

    # writing --------------------------------------------------------------------------------
    @contextmanager
    def _writing(self) -> Iterator[tuple[_Index, Callable[[bytes], None], int]]:
        """Exclusive lock, index up to date; yields (index, write, fd) where ``write(data)`` appends
        ``data`` durably (fsync) or raises :class:`StoreUnavailable` with nothing left behind."""
        with self._locked(exclusive=True):
            existed = True
            flags = os.O_RDWR | os.O_APPEND | os.O_CLOEXEC
            try:
                try:
                    fd = os.open(self.path, flags)
                except FileNotFoundError:  # the first registration makes the file
                    existed = False
                    fd = os.open(self.path, flags | os.O_CREAT, 0o600)
            except OSError as error:
                raise StoreUnavailable(_describe(error)) from error
            try:
                _make_private(fd)
                index = self._sync_or_unavailable(fd)

                def write(data: bytes) -> None:
                    if index.pending:
                        data = b"\n" + data  # never glue a line onto a torn one
                    self._write(fd, data)
                    if not existed:
                        _fsync_dir(self.path.parent)
                    try:
                        self._sync(fd)
                    except OSError:
                        self._index = _Index()  # the lines are safe; rebuild next time

                yield index, write, fd
            finally:
                os.close(fd)

    def add(self, decide: Callable[[Any], Registration]) -> Registration:
        """Lock, refresh, ``decide(snapshot)``, append its registration durably, return it."""
        with self._writing() as (index, write, _fd):
            registration = decide(index)
            if not isinstance(registration, Registration):
                raise TypeError("decide() must return a Registration")
            if parse_registration_id(registration.id) is None:
                raise ValueError(f"not a well-formed registration number: {registration.id!r}")
            if _id_key(registration.id) in index.ids:
                raise ValueError(f"registration number already stored: {registration.id}")
            write(dump_line(registration_record(registration)))
            return registration

    def record(
        self, changes: Sequence[Change], *, now: datetime | None = None
    ) -> list[StatusEvent]:
        moment = stamp(now or datetime.now(UTC))
        with self._writing() as (index, write, fd):
            events, problems = plan_events(changes, moment, lambda rid: _current(fd, index, rid))
            if problems:
                raise ChangeRefused(problems)
            if events:
                write(b"".join(dump_line(event_record(e)) for e in events))
            return events

    def new_registration_id(self) -> str:
        """A fresh unguessable registration number, not yet in the index."""
        with self._mutex:
            while True:
                candidate = _random_id()
                if _id_key(candidate) not in self._index.ids:
                    return candidate

    # reading --------------------------------------------------------------------------------
    def get(self, registration_id: str) -> Registration | None:
        """The registration with this number (with its events), or ``None``."""
        if parse_registration_id(registration_id) is None:
            return None
        with self._synced() as (index, fd):
            if fd is None:
                return None
            return _read_registration(fd, index, registration_id)

    def counts(self, run_id: str) -> RunCounts:
        with self._synced() as (index, _fd):
            return index.counts(run_id)

    def all_counts(self) -> dict[str, RunCounts]:
        with self._synced() as (index, _fd):
            return index.all_counts()

    def damaged_count(self) -> int:
        with self._synced() as (index, _fd):
            return index.damaged + (1 if index.pending else 0)

    def registrations(self, run_id: str | None = None) -> Iterator[Registration]:
        """Every valid registration (of one run) with its events, in the order received; a
        snapshot as of the call. Damaged lines are skipped (:meth:`problems` reports them)."""
        with self._synced() as (index, fd):
            if fd is None:
                return iter(())
            if run_id is not None:
                run = index.run_index.get(run_id)
                offsets = list(index.run_offsets[run]) if run is not None else []
                events = {k: list(v) for k, v in index.events.items()}
                handle = os.dup(fd)
                return self._by_offsets(handle, offsets, events)
            events = {k: list(v) for k, v in index.events.items()}
            handle = open(os.dup(fd), "rb")
            size = index.offset
        return self._streamed(handle, size, events)

    @staticmethod
    def _by_offsets(fd: int, offsets: list[int], events: dict) -> Iterator[Registration]:
        try:
            for offset in offsets:
                registration = _decode_at(fd, offset, events)
                if registration is not None:
                    yield registration
        finally:
            os.close(fd)

    @staticmethod
    def _streamed(handle: BinaryIO, size: int, events: dict) -> Iterator[Registration]:
        with handle:
            fd = handle.fileno()
            for _line_no, _raw, record, _problem in iter_raw_lines(handle, size):
                if record is None or is_event(record):
                    continue
                registration = _decode(record, fd, events)
                if registration is not None:
                    yield registration

    def lines(self) -> Iterator[StoreLine]:
        """Every line of the file (a snapshot as of the call); damaged lines carry a problem.

        Raise :class:`FileNotFoundError` if there is no file, :class:`StoreUnavailable` if it
        cannot be opened.
        """
        with self._locked(exclusive=False):
            handle = self._open_existing()
            size = os.fstat(handle.fileno()).st_size
        return self._lines(handle, size)

    @staticmethod
    def _lines(handle: BinaryIO, size: int) -> Iterator[StoreLine]:
        with handle:
            for line_no, _raw, record, problem in iter_raw_lines(handle, size):
                yield StoreLine(line_no, record, problem)

    def exists(self) -> bool:
        return self.path.exists()

    def problems(self) -> Iterator[Problem]:
        """Damaged lines, invalid registrations and events, numbers used twice, the same NIK
        twice for a run, events of unknown registrations or that do not follow the status."""
        try:
            lines = self.lines()
        except FileNotFoundError:
            return
        first_line_of_id: dict[int | str, int] = {}
        first_line_of_pair: dict[tuple[int | str, str], int] = {}
        status: dict[int | str, tuple[Status, int]] = {}  # current status, last seq
        for line in lines:
            where = f"baris {line.line_no}"
            record = line.record
            if record is None:
                yield Problem(where, line.problem or "baris rusak")
                continue
            if is_event(record):
                messages = event_problems(record)
                for message in messages:
                    yield Problem(where, message)
                if messages:
                    continue
                key = _id_key(record["id"])
                known = status.get(key)
                if known is None:
                    yield Problem(
                        where,
                        f"perubahan status untuk nomor {record['id']} yang tidak ada di baris sebelumnya",
                    )
                    continue
                current, seq = known
                if record["from"] != current.value or record["seq"] != seq + 1:
                    yield Problem(
                        where,
                        f"perubahan status nomor {record['id']} tidak menyambung (dari "
                        f"{record['from']}, urutan {record['seq']}; seharusnya dari "
                        f"{current.value}, urutan {seq + 1})",
                    )
                status[key] = (Status(record["to"]), record["seq"])
                continue
            for message in registration_problems(record):
                yield Problem(where, message)
            rid = record.get("id")
            if isinstance(rid, str):
                key = _id_key(rid)
                first = first_line_of_id.setdefault(key, line.line_no)
                if first != line.line_no:
                    yield Problem(where, f"nomor pendaftaran {rid} sudah dipakai di baris {first}")
                elif record.get("status") in Status._value2member_map_:
                    status[key] = (Status(record["status"]), 0)
            applicant = record.get("applicant")
            nik = applicant.get("nik") if isinstance(applicant, dict) else None
            run_id = record.get("run_id")
            if isinstance(nik, str) and isinstance(run_id, str):
                pair = (_nik_key(nik), run_id)
                first = first_line_of_pair.setdefault(pair, line.line_no)
                if first != line.line_no:
                    yield Problem(
                        where,
                        f"NIK yang sama sudah terdaftar untuk angkatan {run_id} di baris {first}",
                    )

    # purge ----------------------------------------------------------------------------------
    def purge(self, keep: Callable[[Registration], bool], *, dry_run: bool = False) -> PurgeResult:
        """Replace the file with the registrations ``keep`` accepts (and their events),
        atomically, holding the writers' lock.

        Damaged lines are always kept byte for byte (a torn last line gets a newline) so that
        `verify` can still show them. New file: mode 0600, the old file's owner (when run as
        root), fsync, rename over the old one, fsync of the folder. A registration arriving
        meanwhile waits for the lock and is appended to the new file.
        """
        with self._locked(exclusive=True):
            try:
                source = self._open_existing()
            except FileNotFoundError:
                return PurgeResult(0, 0, 0)
            # Through a symbolic link, replace the file it points to, not the link (which would
            # leave every removed record in the old file).
            target = Path(os.path.realpath(self.path))
            tmp = target.with_name(f".{target.name}.purge-{os.getpid()}.tmp")
            kept = removed = damaged = 0
            removed_ids: set[int | str] = set()
            out_fd = None
            try:
                with source:
                    fd = source.fileno()
                    st = os.fstat(fd)
                    index = self._sync(fd)
                    events = index.events
                    if not dry_run:
                        out_fd = os.open(
                            tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600
                        )
                        _keep_owner(out_fd, st)
                    pending: list[bytes] = []
                    pending_size = 0
                    for _line_no, raw, record, _problem in iter_raw_lines(source, st.st_size):
                        if record is not None and is_event(record):
                            if _id_key(str(record.get("id"))) in removed_ids:
                                continue
                        elif record is not None:
                            registration = _decode(record, fd, events)
                            if registration is None:
                                damaged += 1
                            elif keep(registration):
                                kept += 1
                            else:
                                removed += 1
                                removed_ids.add(_id_key(registration.id))
                                continue
                        else:
                            damaged += 1
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
                raise StoreUnavailable(_describe(error)) from error
            except BaseException:
                if out_fd is not None:
                    os.close(out_fd)
                tmp.unlink(missing_ok=True)
                raise
            if not dry_run:
                self._index = _Index()
            return PurgeResult(kept=kept, removed=removed, damaged_kept=damaged)


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
        raise StoreUnavailable(
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


def _read_record_at(fd: int, offset: int) -> dict | None:
    try:
        record = json.loads(_read_line_at(fd, offset))
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _events_of(fd: int, offsets: list[int] | None) -> tuple[StatusEvent, ...]:
    if not offsets:
        return ()
    result = []
    for offset in offsets:
        record = _read_record_at(fd, offset)
        if record is None:
            continue
        try:
            result.append(event_from(record))
        except RecordError:
            continue
    return tuple(result)


def _decode(record: dict, fd: int, events: dict) -> Registration | None:
    rid = record.get("id")
    offsets = events.get(_id_key(rid)) if isinstance(rid, str) else None
    try:
        return registration_from(record, _events_of(fd, offsets))
    except RecordError:
        return None


def _decode_at(fd: int, offset: int, events: dict) -> Registration | None:
    record = _read_record_at(fd, offset)
    return None if record is None else _decode(record, fd, events)


def _read_registration(fd: int, index: _Index, registration_id: str) -> Registration | None:
    found = index.status_of(registration_id)
    if found is None:
        return None
    registration = _decode_at(fd, found[0], index.events)
    return registration if registration is not None and registration.id == registration_id else None


def _current(fd: int, index: _Index, registration_id: str) -> Current | None:
    """The state :func:`plan_events` needs, from the registration and its events."""
    registration = _read_registration(fd, index, registration_id)
    if registration is None:
        return None
    return Current(
        registration.run_id,
        registration.status,
        registration.reserve_rank,
        len(registration.events),
        registration.outcome,
    )

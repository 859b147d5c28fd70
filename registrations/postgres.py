"""The PostgreSQL store: the same contract as the file store, for several app servers.

Tables (``registrations/schema/0001_initial.sql``): ``registrations`` keeps each registration as
the JSON object of :func:`registrations.records.registration_record` (``record``) beside the
columns the rules and counts need (run, NIK, current status, reserve rank, number of events,
received order ``seq``); ``status_events`` keeps each event as :func:`~registrations.records.event_record`.
Reading decodes those objects with the same functions as the file store.

Rules under concurrency (:meth:`PostgresStore.add`): one transaction; :class:`_Snapshot` takes a
transaction-scoped advisory lock on the NIK before reading that NIK's registrations, and on the
run before counting it (NIK first, then run: ``make_decide`` asks in that order, and a deadlock
between two orders is retried). Two app servers sending the same NIK at the same moment are thus
serialised; the unique constraint ``(run_id, nik)`` is the backstop: if it ever fires, the whole
transaction is rerun, so ``decide`` sees the other registration and refuses it the usual way
(``AlreadyRegistered``). A registration number that already exists also reruns ``decide``, which
draws a new one. The call returns only after COMMIT.

Failures: a connection that cannot be had in :attr:`PostgresStore.timeout` seconds, a database
that is down, read-only, out of disk or otherwise refusing to write raises
:class:`~registrations.store.StoreUnavailable` with an Indonesian message (never personal data);
the transaction is rolled back, so nothing is half written. The pool checks every connection
before handing it out (``check=ConnectionPool.check_connection``) and gives up reconnecting after
a few seconds, so the first call after the database is back works, with the same store object.

The pool is opened on first use, not in ``__init__``: gunicorn forks its workers after the app
is created, and a pool (with its threads and sockets) must not cross a fork. A store used in a
child process after a fork opens a pool of its own.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool, PoolClosed, PoolTimeout

from registrations.ids import random_registration_id
from registrations.models import Registration, StatusEvent
from registrations.outcomes import NO_OUTCOME, Outcome
from registrations.records import (
    RecordError,
    event_from,
    event_problems,
    event_record,
    registration_from,
    registration_problems,
    registration_record,
)
from registrations.schema import SCHEMA_VERSION, current_version
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

__all__ = ["PostgresStore", "describe_database_error"]

log = logging.getLogger(__name__)

PAGE = 1000  # registrations read per query while streaming
DELETE_BATCH = 1000
ADD_ATTEMPTS = 5

MSG_DOWN = (
    "Basis data pendaftaran tidak bisa dihubungi atau sedang sibuk. Coba lagi dalam beberapa "
    "menit; bila terus terjadi, hubungi pengelola server."
)
MSG_READ_ONLY = (
    "Basis data pendaftaran sedang hanya bisa dibaca, jadi pendaftaran tidak bisa disimpan. "
    "Hubungi pengelola server."
)
MSG_DISK_FULL = (
    "Disk basis data pendaftaran penuh, jadi pendaftaran tidak bisa disimpan. Hubungi pengelola "
    "server."
)
MSG_SCHEMA_OLD = (
    "Struktur basis data pendaftaran belum diperbarui (versi {found}, program ini butuh versi "
    "{needed}). Jalankan `katalog db upgrade`."
)
MSG_SCHEMA_NEW = (
    "Struktur basis data pendaftaran (versi {found}) lebih baru dari program ini (versi "
    "{needed}). Perbarui program di server ini."
)

# Errors that mean "the database cannot serve us now", as opposed to a bug in our SQL.
FAIL_FAST_SECONDS = 1.0  # after a connection timed out, answer "unavailable" at once this long

_UNAVAILABLE = (
    psycopg.OperationalError,  # connection lost, server shutting down, disk full, too many...
    psycopg.InterfaceError,  # a connection closed under us
    pg_errors.ReadOnlySqlTransaction,
    pg_errors.InsufficientPrivilege,
    PoolTimeout,
    PoolClosed,
)


def describe_database_error(error: BaseException) -> str:
    """The Indonesian message for a database failure (no SQL, no values, no personal data)."""
    if isinstance(error, pg_errors.ReadOnlySqlTransaction):
        return MSG_READ_ONLY
    if isinstance(error, pg_errors.DiskFull):
        return MSG_DISK_FULL
    if isinstance(error, pg_errors.InsufficientPrivilege):
        return (
            "Akun basis data pendaftaran tidak punya izin untuk perubahan ini. Hubungi pengelola "
            "server."
        )
    return MSG_DOWN


def _sqlstate(error: BaseException) -> str | None:
    return getattr(getattr(error, "diag", None), "sqlstate", None) or getattr(
        error, "sqlstate", None
    )


class _Retry(Exception):
    """Internal: run the transaction of :meth:`PostgresStore.add` again."""


class _Snapshot:
    """What ``decide`` sees inside the transaction of :meth:`PostgresStore.add`."""

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.locked_niks: set[str] = set()
        self.locked_runs: set[str] = set()

    def registrations_of_nik(self, nik: str) -> list[tuple[str, str]]:
        if nik not in self.locked_niks:
            self.conn.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('nik:' || %s, 0))", (nik,)
            )
            self.locked_niks.add(nik)
        rows = self.conn.execute(
            "SELECT run_id, id FROM registrations WHERE nik = %s ORDER BY seq", (nik,)
        ).fetchall()
        return [(run_id, rid) for run_id, rid in rows]

    def counts(self, run_id: str) -> RunCounts:
        if run_id not in self.locked_runs:
            self.conn.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('run:' || %s, 0))", (run_id,)
            )
            self.locked_runs.add(run_id)
        return _run_counts(self.conn, run_id)


def _run_counts(conn: psycopg.Connection, run_id: str) -> RunCounts:
    rows = conn.execute(
        "SELECT status, count(*), max(received_at) FROM registrations WHERE run_id = %s "
        "GROUP BY status",
        (run_id,),
    ).fetchall()
    return _counts_from(rows)


def _counts_from(rows: list[tuple[str, int, datetime | None]]) -> RunCounts:
    by_status: dict[Status, int] = {}
    last: datetime | None = None
    for status, count, latest in rows:
        by_status[Status(status)] = int(count)
        if latest is not None and (last is None or latest > last):
            last = latest
    return RunCounts(by_status, last.astimezone(UTC) if last is not None else None)


def _decode(record: dict, events: list[dict] | None) -> Registration:
    typed = tuple(event_from(e) for e in (events or ()))
    return registration_from(record, typed)


# Each registration with its events as one JSON array (the primary key finds them).
_SELECT = """
SELECT r.seq, r.record,
       (SELECT jsonb_agg(e.record ORDER BY e.seq) FROM status_events e
         WHERE e.registration_id = r.id)
  FROM registrations r
"""


class PostgresStore:
    """Registrations in PostgreSQL (see the module docstring).

    ``min_size``/``max_size``: connections per process; ``timeout``: seconds to wait for a
    connection before answering :class:`StoreUnavailable`; ``connect_timeout``: seconds for one
    connection attempt; ``reconnect_timeout``: how long the pool keeps retrying in the
    background before it waits for the next request to try again.
    """

    def __init__(
        self,
        url: str,
        *,
        min_size: int = 1,
        max_size: int = 4,
        timeout: float = 3.0,
        connect_timeout: int = 2,
        reconnect_timeout: float = 4.0,
        application_name: str = "katalog",
    ) -> None:
        self.url = url
        self.min_size = min_size
        self.max_size = max_size
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.reconnect_timeout = reconnect_timeout
        self.application_name = application_name
        self._pool: ConnectionPool | None = None
        self._pid: int | None = None
        self._schema_ok = False
        self._lock = threading.Lock()
        self._closed = False
        self._down_until = 0.0  # time.monotonic() before which calls fail at once
        self._down_message = ""

    def __repr__(self) -> str:  # never the URL: it may hold a password
        return "PostgresStore(...)"

    # --- connections --------------------------------------------------------------------------
    def _get_pool(self) -> ConnectionPool:
        with self._lock:
            if self._closed:
                raise StoreUnavailable("Penyimpanan pendaftaran sudah ditutup.")
            if self._pool is not None and self._pid != os.getpid():
                # Inherited through fork: its sockets belong to the parent. Forget it (closing
                # it here would end the parent's sessions) and open our own.
                self._pool = None
                self._schema_ok = False
            if self._pool is None:
                pool = ConnectionPool(
                    self.url,
                    min_size=self.min_size,
                    max_size=self.max_size,
                    timeout=self.timeout,
                    reconnect_timeout=self.reconnect_timeout,
                    check=ConnectionPool.check_connection,
                    kwargs={
                        "connect_timeout": self.connect_timeout,
                        "application_name": self.application_name,
                        "options": "-c timezone=UTC",
                    },
                    name="katalog-registrations",
                    open=False,
                )
                pool.open(wait=False)
                self._pool = pool
                self._pid = os.getpid()
            return self._pool

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection]:
        """A checked connection from the pool, with the schema version verified once; database
        failures become :class:`StoreUnavailable`. The caller runs its own transactions.

        After no connection could be had in :attr:`timeout` seconds, the next calls for
        :data:`FAIL_FAST_SECONDS` answer at once instead of each holding a worker for the whole
        wait (measured in ``benchmarks/crash_test.py``: during a 10 s outage applicants waited up
        to 12 s for the 503 page, and the GETs queued behind them)."""
        if time.monotonic() < self._down_until:
            raise StoreUnavailable(self._down_message)
        try:
            with self._get_pool().connection() as conn:
                if not self._schema_ok:
                    self._check_schema(conn)
                yield conn
        except _UNAVAILABLE as error:
            log.warning("registration database unavailable: %s", type(error).__name__)
            message = describe_database_error(error)
            if isinstance(error, PoolTimeout):
                self._down_until = time.monotonic() + FAIL_FAST_SECONDS
                self._down_message = message
            raise StoreUnavailable(message) from error

    def _check_schema(self, conn: psycopg.Connection) -> None:
        found = current_version(conn)
        conn.rollback()
        if found < SCHEMA_VERSION:
            raise StoreUnavailable(MSG_SCHEMA_OLD.format(found=found, needed=SCHEMA_VERSION))
        if found > SCHEMA_VERSION:
            raise StoreUnavailable(MSG_SCHEMA_NEW.format(found=found, needed=SCHEMA_VERSION))
        self._schema_ok = True

    def health(self) -> str | None:
        """Why a registration could not be written now (English, for monitoring), or None."""
        try:
            with self._connection() as conn:
                read_only = conn.execute("SHOW transaction_read_only").fetchone()
        except StoreUnavailable as error:
            return f"database unavailable: {error}"
        if read_only and read_only[0] == "on":
            return "database is read-only"
        return None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None and self._pid == os.getpid():
            pool.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------------
    def new_registration_id(self) -> str:
        """A fresh unguessable number; a collision with a stored one makes :meth:`add` draw
        again (60 random bits: it practically never happens)."""
        return random_registration_id()

    def add(self, decide: Callable[[Any], Registration]) -> Registration:
        """One transaction: advisory locks, ``decide(snapshot)``, INSERT, COMMIT; then return."""
        for attempt in range(ADD_ATTEMPTS):
            try:
                return self._add_once(decide)
            except _Retry:
                if attempt == ADD_ATTEMPTS - 1:
                    break
        raise StoreUnavailable(
            "Pendaftaran tidak bisa disimpan karena bentrok dengan pendaftaran lain yang masuk "
            "bersamaan. Coba kirim lagi."
        )

    def _add_once(self, decide: Callable[[Any], Registration]) -> Registration:
        with self._connection() as conn:
            try:
                with conn.transaction():
                    registration = decide(_Snapshot(conn))
                    if not isinstance(registration, Registration):
                        raise TypeError("decide() must return a Registration")
                    conn.execute(
                        "INSERT INTO registrations (id, run_id, nik, status, received_at, record) "
                        "VALUES (%s, %s, %s, %s, %s, %s)",
                        (
                            registration.id,
                            registration.run_id,
                            registration.applicant.nik.value,
                            registration.initial_status.value,
                            registration.received_at,
                            Jsonb(registration_record(registration)),
                        ),
                    )
            except pg_errors.UniqueViolation as error:
                # Either constraint: rerun decide. For (run_id, nik) it now sees the other row
                # and refuses; for the primary key it draws a new number.
                log.info("unique violation on %s; retrying", error.diag.constraint_name)
                raise _Retry from None
            except pg_errors.DeadlockDetected:
                raise _Retry from None
            return registration

    def record(
        self, changes: Sequence[Change], *, now: datetime | None = None
    ) -> list[StatusEvent]:
        """All the changes in one transaction (rows locked FOR UPDATE), or none."""
        moment = stamp(now or datetime.now(UTC))
        ids = sorted({change.registration_id for change in changes})
        if not ids:
            return []
        with self._connection() as conn, conn.transaction():
            rows = conn.execute(
                "SELECT id, run_id, status, reserve_rank, event_count FROM registrations "
                "WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                (ids,),
            ).fetchall()
            # Starter package and follow-ups so far: folded from the events that carry them
            # (the rows are locked, so no event of theirs can be added meanwhile).
            outcomes: dict[str, Outcome] = {}
            for rid, record in conn.execute(
                "SELECT registration_id, record FROM status_events "
                "WHERE registration_id = ANY(%s) AND (record ->> 'starter_package' IS NOT NULL "
                "OR record ->> 'followup' IS NOT NULL) ORDER BY registration_id, seq",
                (ids,),
            ).fetchall():
                outcomes[rid] = outcomes.get(rid, NO_OUTCOME).with_event(event_from(record))
            state = {
                rid: Current(run_id, Status(status), rank, count, outcomes.get(rid, NO_OUTCOME))
                for rid, run_id, status, rank, count in rows
            }
            events, problems = plan_events(changes, moment, state.get)
            if problems:
                raise ChangeRefused(problems)
            if not events:
                return []
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO status_events (registration_id, seq, at, record) "
                    "VALUES (%s, %s, %s, %s)",
                    [(e.registration_id, e.seq, e.at, Jsonb(event_record(e))) for e in events],
                )
                last = {e.registration_id: e for e in events}
                cur.executemany(
                    "UPDATE registrations SET status = %s, reserve_rank = %s, event_count = %s "
                    "WHERE id = %s",
                    [(e.to_status.value, e.rank, e.seq, rid) for rid, e in last.items()],
                )
            return events

    def import_registration(self, registration: Registration) -> tuple[bool, int]:
        """Copy a registration and its events as they are (``katalog queue migrate``).

        Returns ``(registration inserted, events inserted)``; what is already there is left
        alone (ON CONFLICT DO NOTHING), so a second run copies nothing. Raises
        :class:`ValueError` when the number is free but the NIK already has another
        registration for the run (the two stores disagree; nothing is written).
        """
        record = registration_record(registration)
        with self._connection() as conn, conn.transaction():
            inserted = conn.execute(
                "INSERT INTO registrations (id, run_id, nik, status, received_at, record) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING id",
                (
                    registration.id,
                    registration.run_id,
                    registration.applicant.nik.value,
                    registration.initial_status.value,
                    registration.received_at,
                    Jsonb(record),
                ),
            ).fetchone()
            if inserted is None:
                row = conn.execute(
                    "SELECT record FROM registrations WHERE id = %s FOR UPDATE",
                    (registration.id,),
                ).fetchone()
                if row is None:
                    raise ValueError(
                        f"nomor {registration.id}: NIK-nya sudah terdaftar di angkatan yang sama "
                        "dengan nomor lain di basis data"
                    )
                if row[0] != record:
                    raise ValueError(
                        f"nomor {registration.id} sudah ada di basis data dengan isi yang berbeda"
                    )
            added = 0
            if registration.events:
                with conn.cursor() as cur:
                    for event in registration.events:
                        cur.execute(
                            "INSERT INTO status_events (registration_id, seq, at, record) "
                            "VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                            (
                                event.registration_id,
                                event.seq,
                                event.at,
                                Jsonb(event_record(event)),
                            ),
                        )
                        added += cur.rowcount
                if added:
                    last = registration.events[-1]
                    conn.execute(
                        "UPDATE registrations SET status = %s, reserve_rank = %s, "
                        "event_count = %s WHERE id = %s",
                        (last.to_status.value, last.rank, last.seq, registration.id),
                    )
            return inserted is not None, added

    # --- reading ------------------------------------------------------------------------------
    def get(self, registration_id: str) -> Registration | None:
        with self._connection() as conn:
            row = conn.execute(_SELECT + " WHERE r.id = %s", (registration_id,)).fetchone()
            conn.rollback()
        if row is None:
            return None
        try:
            return _decode(row[1], row[2])
        except RecordError:
            return None

    def counts(self, run_id: str) -> RunCounts:
        with self._connection() as conn:
            result = _run_counts(conn, run_id)
            conn.rollback()
        return result

    def all_counts(self) -> dict[str, RunCounts]:
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT run_id, status, count(*), max(received_at) FROM registrations "
                "GROUP BY run_id, status ORDER BY run_id"
            ).fetchall()
            conn.rollback()
        grouped: dict[str, list] = {}
        for run_id, status, count, latest in rows:
            grouped.setdefault(run_id, []).append((status, count, latest))
        return {run_id: _counts_from(items) for run_id, items in grouped.items()}

    def damaged_count(self) -> int:
        return 0

    def registrations(self, run_id: str | None = None) -> Iterator[Registration]:
        """Every registration (of one run) with its events, in received order, as of the call:
        read a page at a time (keyset on ``seq``), so memory stays flat however many there are
        and no connection is held between pages."""
        with self._connection() as conn:
            row = conn.execute("SELECT coalesce(max(seq), 0) FROM registrations").fetchone()
            conn.rollback()
        upto = int(row[0]) if row else 0
        return self._pages(run_id, upto)

    def _pages(self, run_id: str | None, upto: int) -> Iterator[Registration]:
        after = 0
        while after < upto:
            with self._connection() as conn:
                if run_id is None:
                    rows = conn.execute(
                        _SELECT + " WHERE r.seq > %s AND r.seq <= %s ORDER BY r.seq LIMIT %s",
                        (after, upto, PAGE),
                    ).fetchall()
                else:
                    rows = conn.execute(
                        _SELECT + " WHERE r.run_id = %s AND r.seq > %s AND r.seq <= %s "
                        "ORDER BY r.seq LIMIT %s",
                        (run_id, after, upto, PAGE),
                    ).fetchall()
                conn.rollback()
            if not rows:
                return
            for _seq, record, events in rows:
                try:
                    yield _decode(record, events)
                except RecordError:
                    continue  # problems() reports it
            after = rows[-1][0]

    def problems(self) -> Iterator[Problem]:
        """Records that do not decode, events that do not follow each other (a gap in ``seq``,
        a ``from`` that is not the status before), and a current status that disagrees with
        the history. Usually nothing."""
        found: list[Problem] = []
        with self._connection() as conn:
            rows = conn.execute(
                """
                SELECT registration_id, seq, expected_seq, from_status, expected_from FROM (
                  SELECT e.registration_id, e.seq, e.record ->> 'from' AS from_status,
                         row_number() OVER w AS expected_seq,
                         coalesce(lag(e.record ->> 'to') OVER w, r.record ->> 'status')
                           AS expected_from
                    FROM status_events e JOIN registrations r ON r.id = e.registration_id
                  WINDOW w AS (PARTITION BY e.registration_id ORDER BY e.seq)
                ) t
                WHERE seq <> expected_seq OR from_status IS DISTINCT FROM expected_from
                ORDER BY registration_id, seq
                """
            ).fetchall()
            for rid, seq, expected_seq, from_status, expected_from in rows:
                found.append(
                    Problem(
                        rid,
                        f"perubahan status nomor {rid} tidak menyambung (dari {from_status}, "
                        f"urutan {seq}; seharusnya dari {expected_from}, urutan {expected_seq})",
                    )
                )
            rows = conn.execute(
                """
                SELECT r.id, r.status, r.event_count,
                       coalesce(last.record ->> 'to', r.record ->> 'status'),
                       coalesce(last.seq, 0)
                  FROM registrations r
                  LEFT JOIN LATERAL (
                    SELECT e.seq, e.record FROM status_events e WHERE e.registration_id = r.id
                     ORDER BY e.seq DESC LIMIT 1
                  ) last ON true
                 WHERE r.status IS DISTINCT FROM coalesce(last.record ->> 'to', r.record ->> 'status')
                    OR r.event_count <> coalesce(last.seq, 0)
                 ORDER BY r.seq
                """
            ).fetchall()
            for rid, status, _count, expected, _last_seq in rows:
                found.append(
                    Problem(
                        rid,
                        f"status tersimpan nomor {rid} ({status}) tidak sama dengan riwayatnya "
                        f"({expected})",
                    )
                )
            conn.rollback()
        yield from found
        yield from self._record_problems()

    def _record_problems(self) -> Iterator[Problem]:
        after = 0
        while True:
            with self._connection() as conn:
                rows = conn.execute(
                    "SELECT r.seq, r.id, r.record, "
                    "(SELECT jsonb_agg(e.record ORDER BY e.seq) FROM status_events e "
                    "  WHERE e.registration_id = r.id) "
                    "FROM registrations r WHERE r.seq > %s ORDER BY r.seq LIMIT %s",
                    (after, PAGE),
                ).fetchall()
                conn.rollback()
            if not rows:
                return
            for _seq, rid, record, events in rows:
                for message in registration_problems(record):
                    yield Problem(rid, message)
                for event in events or ():
                    for message in event_problems(event):
                        yield Problem(rid, message)
            after = rows[-1][0]

    # --- purge --------------------------------------------------------------------------------
    def purge(self, keep: Callable[[Registration], bool], *, dry_run: bool = False) -> PurgeResult:
        """One transaction: block writers (``LOCK TABLE ... IN EXCLUSIVE MODE``: reading goes
        on), read every registration through a server-side cursor, delete the refused ones with
        their events (ON DELETE CASCADE) in batches, COMMIT."""
        kept = removed = damaged = 0
        with self._connection() as conn, conn.transaction():
            if not dry_run:
                conn.execute("LOCK TABLE registrations IN EXCLUSIVE MODE")
            doomed: list[str] = []
            with conn.cursor(name="katalog_purge") as cur:
                cur.itersize = PAGE
                cur.execute(_SELECT + " ORDER BY r.seq")
                for _seq, record, events in cur:
                    try:
                        registration = _decode(record, events)
                    except RecordError:
                        damaged += 1
                        continue
                    if keep(registration):
                        kept += 1
                    else:
                        removed += 1
                        doomed.append(registration.id)
            if not dry_run:
                for start in range(0, len(doomed), DELETE_BATCH):
                    conn.execute(
                        "DELETE FROM registrations WHERE id = ANY(%s)",
                        (doomed[start : start + DELETE_BATCH],),
                    )
        return PurgeResult(kept=kept, removed=removed, damaged_kept=damaged)

"""PostgreSQL helpers shared by the benchmarks: a throwaway server, a pre-filled template
database, a fresh copy per phase, and the "every 303 stored exactly once" check.

The server is :class:`tests.services.postgres.PostgresServer` (Debian's binaries, a temporary
folder, a free loopback port, ``fsync`` on). Fake registrations go in with ``COPY`` as the same
JSON objects :func:`registrations.records.registration_record` makes (each fake record is decoded
with :func:`~registrations.records.registration_from` first, so what is stored is exactly what the
store itself would write).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BARE_TABLE = """
CREATE TABLE bare_registrations (
    id     text PRIMARY KEY,
    run_id text NOT NULL,
    nik    text NOT NULL,
    record jsonb NOT NULL,
    UNIQUE (run_id, nik)
)
"""


def copy_registrations(url: str, records: Iterable[dict], check_every: int = 500) -> int:
    """COPY ``records`` into ``registrations``; return how many. The records must be in the
    store's current format: every ``check_every``-th one is decoded and encoded again with the
    store's own functions and must come back unchanged (decoding all of them would take 15 s
    for 100,000)."""
    import psycopg

    from registrations.records import registration_from, registration_record

    count = 0
    with psycopg.connect(url) as conn, conn.cursor() as cur:
        with cur.copy(
            "COPY registrations (id, run_id, nik, status, received_at, record) FROM STDIN"
        ) as copy:
            for record in records:
                if count % check_every == 0:
                    again = registration_record(registration_from(record))
                    if again != record:
                        raise ValueError(f"not in the store's format: {record} != {again}")
                copy.write_row(
                    (
                        record["id"],
                        record["run_id"],
                        record["applicant"]["nik"],
                        record["status"],
                        record["received_at"],
                        json.dumps(record, ensure_ascii=False, separators=(",", ":")),
                    )
                )
                count += 1
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE registrations")
    return count


def make_template(server, name: str, records: Iterable[dict] | None) -> tuple[str, float, int]:
    """A database ``name`` with the schema (and ``records``); returns (url, seconds, count)."""
    from registrations.schema import upgrade

    started = time.perf_counter()
    url = server.create_database(name)
    upgrade(url)
    count = copy_registrations(url, records) if records is not None else 0
    return url, time.perf_counter() - started, count


def clone(server, template: str, name: str) -> str:
    """A fresh copy of ``template`` (which must have no open connections)."""
    import psycopg

    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
    return server.url_for(name)


def bare_database(server, name: str) -> str:
    import psycopg

    url = server.create_database(name)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(BARE_TABLE)
    return url


def check_stored(url: str, ids: list[str], run_id: str, table: str = "registrations") -> dict:
    """Every id acknowledged with a 303 is stored exactly once; no NIK twice for the run."""
    import psycopg

    with psycopg.connect(url) as conn:
        found = dict(
            conn.execute(
                f"SELECT id, count(*) FROM {table} WHERE id = ANY(%s) GROUP BY id", (ids,)
            ).fetchall()
        )
        doubled_niks = conn.execute(
            f"SELECT nik FROM {table} WHERE run_id = %s GROUP BY nik HAVING count(*) > 1",
            (run_id,),
        ).fetchall()
        rows = conn.execute(f"SELECT count(*) FROM {table} WHERE run_id = %s", (run_id,)).fetchone()
    acked = set(ids)
    return {
        "acknowledged": len(ids),
        "distinct acknowledged": len(acked),
        "missing": [rid for rid in acked if found.get(rid, 0) == 0],
        "stored more than once": [rid for rid, n in found.items() if n > 1],
        "NIKs twice": [n for (n,) in doubled_niks],
        "rows for the run": rows[0] if rows else 0,
    }


def stored_ok(check: dict) -> bool:
    return (
        not check["missing"]
        and not check["stored more than once"]
        and not check["NIKs twice"]
        and check["distinct acknowledged"] == check["acknowledged"]
    )


def describe_check(check: dict) -> str:
    return (
        f"{check['acknowledged']} receipts, {check['distinct acknowledged']} distinct, "
        f"{len(check['missing'])} missing, {len(check['stored more than once'])} stored twice, "
        f"{len(check['NIKs twice'])} NIKs twice; {check['rows for the run']} rows for the run"
    )

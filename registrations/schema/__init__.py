"""The PostgreSQL schema: numbered SQL files applied in order, recorded in ``schema_version``.

``0001_initial.sql``, ``0002_....sql``: each file is applied once, in its own transaction, and
its number is written to ``schema_version`` in the same transaction. :func:`upgrade` takes a
session advisory lock first, so two servers (or two deploy scripts) upgrading at once apply
each file exactly once; running it again applies nothing.

The store refuses to work when the database is older than :data:`SCHEMA_VERSION` (the newest
file shipped with this code): ``katalog db upgrade`` brings it up to date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import psycopg

# Taken while upgrading (pg_advisory_lock); any constant that no other lock of ours uses.
UPGRADE_LOCK = 0x6B61_7461_6C6F_6701  # "katalog" + 1

_FILE_RE = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")

CREATE_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every SQL file shipped in this package, in order."""
    found = []
    for entry in resources.files(__name__).iterdir():
        match = _FILE_RE.fullmatch(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    return found


SCHEMA_VERSION = migrations()[-1].version


def current_version(conn: psycopg.Connection) -> int:
    """The newest version applied in the database (0 for an empty database)."""
    row = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def upgrade(url: str, *, connect_timeout: int = 5) -> list[int]:
    """Apply every migration the database lacks; return their versions (empty: up to date).

    psycopg errors pass through; the command line turns them into a clerk's message.
    """
    applied: list[int] = []
    with psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (UPGRADE_LOCK,))
        try:
            conn.execute(CREATE_VERSION_TABLE)
            done = {row[0] for row in conn.execute("SELECT version FROM schema_version").fetchall()}
            for migration in migrations():
                if migration.version in done:
                    continue
                with conn.transaction():
                    conn.execute(migration.sql.encode("utf-8"))  # several statements: no params
                    conn.execute(
                        "INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                        (migration.version, migration.name),
                    )
                applied.append(migration.version)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (UPGRADE_LOCK,))
    return applied

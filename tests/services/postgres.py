"""A throwaway PostgreSQL server for the tests: Debian's binaries, a temporary folder, a free port.

``initdb`` refuses to run as root, so the cluster belongs to the ``postgres`` user (``runuser``)
and lives in a temporary folder owned by that user; the socket sits in the same folder and TCP
listens on 127.0.0.1 only. ``fsync`` stays on: durability is part of what the tests check
(``--no-sync`` only skips syncing the files ``initdb`` itself writes).

``stop()`` and ``start()`` keep the same port and data folder (the fault tests stop the server
while a store is using it); ``cleanup()`` stops it and removes the folder, and is also registered
with :mod:`atexit` so an interrupted run leaves nothing behind.
"""

from __future__ import annotations

import atexit
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.services import free_port, postgres_bin

SERVER_USER = "postgres"


class PostgresServer:
    """``with PostgresServer() as server: server.url`` -- started on entry, removed on exit."""

    def __init__(self, bin_dir: str | None = None) -> None:
        found = bin_dir or postgres_bin()
        if found is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = Path(found)
        self.port = free_port()
        self.folder: Path | None = None
        self.running = False

    # --- lifecycle --------------------------------------------------------------------------
    def __enter__(self) -> PostgresServer:
        try:
            self.init()
            self.start()
        except BaseException:
            self.cleanup()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()

    @property
    def datadir(self) -> Path:
        assert self.folder is not None
        return self.folder / "data"

    @property
    def url(self) -> str:
        return self.url_for("postgres")

    def url_for(self, database: str) -> str:
        return f"postgresql://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def _as_server_user(self, *args: str, timeout: float = 60) -> None:
        result = subprocess.run(
            ["runuser", "-u", SERVER_USER, "--", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            log = ""
            if self.folder is not None and (self.folder / "server.log").exists():
                log = (self.folder / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(
                f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}\n{log}"
            )

    def init(self) -> None:
        user = pwd.getpwnam(SERVER_USER)
        self.folder = Path(tempfile.mkdtemp(prefix="katalog-pg-"))
        os.chown(self.folder, user.pw_uid, user.pw_gid)
        atexit.register(self.cleanup)
        self._as_server_user(
            str(self.bin / "initdb"),
            "-D",
            str(self.datadir),
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
            "-U",
            SERVER_USER,
        )

    def start(self) -> None:
        """Start (again) on the same port and data folder; returns once it accepts connections."""
        assert self.folder is not None
        options = f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1"
        self._as_server_user(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "30",
            "-o",
            options,
            "start",
        )
        self.running = True

    def stop(self) -> None:
        """Stop now (``-m fast``: open connections are cut, as in a crash of the server)."""
        if not self.running or self.folder is None:
            return
        self._as_server_user(
            str(self.bin / "pg_ctl"), "-D", str(self.datadir), "-m", "fast", "-w", "stop"
        )
        self.running = False

    def cleanup(self) -> None:
        """Stop the server (forcefully if need be) and remove its folder. Safe to call twice."""
        if self.folder is None:
            return
        try:
            self.stop()
        except (RuntimeError, subprocess.TimeoutExpired):
            self._kill()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
        atexit.unregister(self.cleanup)

    def _kill(self) -> None:
        """Last resort: SIGKILL the postmaster named in its pid file (only ours)."""
        pid_file = self.datadir / "postmaster.pid"
        try:
            pid = int(pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        self.running = False

    # --- databases ----------------------------------------------------------------------------
    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

"""Real servers for the tests: Debian's PostgreSQL, Redis and nginx, each started in a temporary
folder on a free loopback port and stopped afterwards. No system service is used.

Tests that need one are marked ``db`` (PostgreSQL, Redis) or ``deploy`` (nginx). Where the
package is missing they skip with a message saying how to install it; with
``KATALOG_REQUIRE_SERVICES=1`` (set by ``.ci/run``) that is a failure instead.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import sys
from pathlib import Path

INSTALL_HINT = (
    "install it with: apt-get install {package} (KATALOG_REQUIRE_SERVICES=1 makes this a failure)"
)


def require_services() -> bool:
    return os.environ.get("KATALOG_REQUIRE_SERVICES") == "1"


def postgres_bin() -> str | None:
    """The folder with Debian's initdb and pg_ctl (the newest installed major), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


def redis_server() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )


def nginx_binary() -> str | None:
    return shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )


def missing_for(marker: str) -> str | None:
    """Why tests with ``marker`` cannot run here, or None."""
    if marker == "db":
        if postgres_bin() is None:
            return "PostgreSQL is not installed; " + INSTALL_HINT.format(package="postgresql")
        if redis_server() is None:
            return "Redis is not installed; " + INSTALL_HINT.format(package="redis-server")
    if marker == "deploy" and nginx_binary() is None:
        return "nginx is not installed; " + INSTALL_HINT.format(package="nginx")
    if marker == "zensical" and zensical_binary() is None:
        return "Zensical is not installed; install it with: pip install -e '.[dev]'"
    return None


def zensical_binary() -> str | None:
    """The ``zensical`` command beside this Python (the project's venv), else on PATH."""
    beside = Path(sys.executable).parent / "zensical"
    return str(beside) if beside.is_file() else shutil.which("zensical")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

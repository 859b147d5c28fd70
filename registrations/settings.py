"""Where registrations are stored, read the same way by the form service and the staff commands.

``KATALOG_DATABASE_URL`` (a ``postgresql://`` URL) wins over ``KATALOG_QUEUE_PATH`` (the JSON Lines
file, default ``var/queue.jsonl``). The form reads them through its Flask config (same names, same
prefix), the staff commands through ``--database`` / ``--queue`` with these variables as
defaults; both end in :func:`store_location`.
"""

from __future__ import annotations

import os

QUEUE_PATH_VARIABLE = "KATALOG_QUEUE_PATH"
DATABASE_URL_VARIABLE = "KATALOG_DATABASE_URL"
DEFAULT_QUEUE_PATH = "var/queue.jsonl"


def store_location(
    queue_path: str | os.PathLike[str] | None = None, database_url: str | None = None
) -> str:
    """The store to open: the database when a URL is given, else the file."""
    if database_url:
        return str(database_url)
    return os.fspath(queue_path) if queue_path else DEFAULT_QUEUE_PATH


def describe_location(location: str) -> str:
    """A location for messages: a database URL without its password."""
    if "://" not in location or "@" not in location:
        return location
    scheme, rest = location.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}" if user else f"{scheme}://{host}"

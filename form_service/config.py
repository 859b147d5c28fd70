"""Configuration: defaults, environment variables with the prefix ``KATALOG_``, and the checks that
refuse to start a misconfigured service.

Every key below can be set as ``KATALOG_<KEY>`` (Flask's ``from_prefixed_env``: values that parse
as JSON become numbers/booleans, so ``KATALOG_RATELIMIT_ENABLED=false`` is ``False``).

========================  =======================================================================
SECRET_KEY                signs the session and CSRF tokens; required outside debug/testing
QUEUE_PATH                the registration file (default ``var/queue.jsonl``)
DATABASE_URL              ``postgresql://...``: registrations in PostgreSQL instead of the file
DATA_DIR                  the ``courses/`` folder (default ``courses``)
SITE_URL                  public catalogue URL for links back (default ``/``)
SITE_DIR                  built site folder; the queue may not live inside it (set by serve)
PRIVACY_URL               another privacy notice to link instead of the form's ``/daftar/privasi``
CONSENT_VERSION           version of the privacy notice recorded with each consent
RETENTION_MONTHS          months after a run ends that its registrations are kept (notice text)
PROXY_COUNT               trusted reverse proxies in front of the app (X-Forwarded-For), 0 = none
PROXY_PROTO               ``true`` (default) trusts X-Forwarded-Proto from those proxies
PROXY_HOST                ``true`` trusts X-Forwarded-Host/-Port from them (default ``false``)
RATELIMIT_ENABLED         ``false`` turns the per-IP limit on POST off (load tests)
RATELIMIT                 the limit on POST per IP (default ``10 per minute``)
STATUS_RATELIMIT          status page lookups per registration number (``5 per 15 minutes``)
RATELIMIT_STORAGE_URI     Flask-Limiter storage, ``memory://`` or e.g. ``redis://host:6379``
HSTS                      ``true`` sends Strict-Transport-Security (only behind HTTPS)
SECURE_COOKIES            ``true`` marks the session cookie Secure (only behind HTTPS)
TODAY                     fixed date ``YYYY-MM-DD`` instead of today's date in WIB (tests, demo)
========================  =======================================================================
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from flask import Config, Flask

from registrations.settings import DEFAULT_QUEUE_PATH, store_location

PREFIX = "KATALOG"

DEFAULTS: dict[str, Any] = {
    "SECRET_KEY": None,
    "QUEUE_PATH": DEFAULT_QUEUE_PATH,
    "DATABASE_URL": None,
    "DATA_DIR": "courses",
    "SITE_URL": "/",
    "SITE_DIR": None,
    "PRIVACY_URL": None,
    "CONSENT_VERSION": "2026-11-01",
    "RETENTION_MONTHS": 6,
    "PROXY_COUNT": 0,
    "PROXY_PROTO": True,
    "PROXY_HOST": False,
    "RATELIMIT_ENABLED": True,
    "RATELIMIT": "10 per minute",
    "STATUS_RATELIMIT": "5 per 15 minutes",
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    "HSTS": False,
    "SECURE_COOKIES": False,
    "TODAY": None,
    # Request limits: a filled form is about 2 KB.
    "MAX_CONTENT_LENGTH": 16 * 1024,
    "MAX_FORM_MEMORY_SIZE": 16 * 1024,
    "MAX_FORM_PARTS": 50,
    # Session cookie (holds only the CSRF token).
    "SESSION_COOKIE_NAME": "katalog_sesi",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # An applicant may take a long time over the form; an expired token re-renders it anyway.
    "WTF_CSRF_TIME_LIMIT": 4 * 3600,
    "WTF_CSRF_SSL_STRICT": False,  # Origin/Referer may be stripped by privacy settings
}


# The settings operators set as KATALOG_<name>; each is documented in docs/produksi.md (tested).
SETTINGS = (
    "SECRET_KEY",
    "QUEUE_PATH",
    "DATABASE_URL",
    "DATA_DIR",
    "SITE_URL",
    "SITE_DIR",
    "PRIVACY_URL",
    "CONSENT_VERSION",
    "RETENTION_MONTHS",
    "PROXY_COUNT",
    "PROXY_PROTO",
    "PROXY_HOST",
    "RATELIMIT_ENABLED",
    "RATELIMIT",
    "STATUS_RATELIMIT",
    "RATELIMIT_STORAGE_URI",
    "HSTS",
    "SECURE_COOKIES",
    "TODAY",
)


class ConfigError(RuntimeError):
    """The service refuses to start; the message says why in Indonesian and English."""


def load_config(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    """Defaults, then the environment (or ``test_config`` instead of it), then checks."""
    app.config.from_mapping(DEFAULTS)
    if test_config is None:
        app.config.from_prefixed_env(PREFIX)
    else:
        app.config.from_mapping(test_config)
    config = app.config
    if config["SECRET_KEY"] is not None:
        config["SECRET_KEY"] = str(config["SECRET_KEY"])  # "12345" would parse as a number
    config["QUEUE_PATH"] = os.fspath(config["QUEUE_PATH"])
    config["DATABASE_URL"] = str(config["DATABASE_URL"]) if config["DATABASE_URL"] else None
    config["STORE_LOCATION"] = store_location(config["QUEUE_PATH"], config["DATABASE_URL"])
    config["DATA_DIR"] = os.fspath(config["DATA_DIR"])
    config["SITE_URL"] = str(config["SITE_URL"] or "/")
    config["TODAY"] = _parse_today(config["TODAY"])
    config["PROXY_COUNT"] = _non_negative_int(config["PROXY_COUNT"], "PROXY_COUNT")
    config["PROXY_PROTO"] = _boolean(config["PROXY_PROTO"], "PROXY_PROTO")
    config["PROXY_HOST"] = _boolean(config["PROXY_HOST"], "PROXY_HOST")
    config["RETENTION_MONTHS"] = _non_negative_int(config["RETENTION_MONTHS"], "RETENTION_MONTHS")
    config["SESSION_COOKIE_SECURE"] = bool(config["SECURE_COOKIES"])
    check_config(app)


def env_config() -> dict[str, Any]:
    """The ``KATALOG_*`` environment as a mapping (for ``katalog serve`` to extend)."""
    probe = Config("")  # empty, unlike app.config which starts with Flask's defaults
    probe.from_prefixed_env(PREFIX)
    return dict(probe)


def check_config(app: Flask) -> None:
    config = app.config
    if not config["SECRET_KEY"] and not (app.debug or app.testing):
        raise ConfigError(
            "KATALOG_SECRET_KEY belum diisi. Isi dengan kunci acak yang panjang, misalnya "
            "keluaran `python -c 'import secrets; print(secrets.token_hex(32))'`. / "
            "KATALOG_SECRET_KEY is not set; the form cannot sign its CSRF tokens without it. "
            "Set it to a long random value."
        )
    if config["SITE_DIR"] and not config["DATABASE_URL"]:
        site = Path(config["SITE_DIR"]).resolve()
        queue = Path(config["QUEUE_PATH"]).resolve()
        if queue.is_relative_to(site):
            raise ConfigError(
                f"Berkas antrean {config['QUEUE_PATH']} berada di dalam folder situs "
                f"{config['SITE_DIR']} sehingga data pendaftar bisa diunduh siapa saja. "
                "Simpan antrean di luar folder situs, misalnya var/queue.jsonl. / "
                "The queue file lies inside the published site folder; move it outside."
            )


def _parse_today(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(
            f"KATALOG_TODAY '{value}' bukan tanggal YYYY-MM-DD. / "
            "KATALOG_TODAY must be a date written YYYY-MM-DD."
        ) from None


def _non_negative_int(value: Any, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if number < 0:
        raise ConfigError(
            f"KATALOG_{name} harus bilangan bulat 0 atau lebih, bukan '{value}'. / "
            f"KATALOG_{name} must be a whole number >= 0."
        )
    return number


def _boolean(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(
        f"KATALOG_{name} harus true atau false, bukan '{value}'. / "
        f"KATALOG_{name} must be true or false."
    )

"""Error pages in plain Indonesian, each with a way back to the catalogue."""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

PAGES = {
    400: (
        "Permintaan tidak dapat dibaca",
        "Isian yang dikirim tidak dapat kami baca. Muat ulang halaman formulir lalu coba lagi.",
    ),
    404: (
        "Halaman tidak ditemukan",
        "Halaman atau angkatan pelatihan ini tidak ada. Mungkin alamatnya salah ketik atau "
        "angkatannya sudah dihapus. Cari pelatihan lain di katalog.",
    ),
    405: (
        "Cara membuka halaman ini salah",
        "Buka formulir pendaftaran dari halaman pelatihan di katalog.",
    ),
    413: (
        "Isian terlalu panjang",
        "Isian yang dikirim terlalu besar untuk formulir ini. Persingkat tulisan Anda, "
        "lalu isi kembali formulirnya.",
    ),
    429: (
        "Terlalu banyak percobaan",
        "Dari jaringan Anda sudah terlalu banyak formulir dikirim dalam waktu singkat. "
        "Tunggu {wait}, lalu kirim lagi.",
    ),
    500: (
        "Terjadi kesalahan di server",
        "Maaf, ada kesalahan di server kami. Coba lagi dalam beberapa menit.",
    ),
    503: (
        "Layanan sedang terganggu",
        "Maaf, layanan pendaftaran sedang terganggu. Coba lagi dalam beberapa menit.",
    ),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http)
    app.register_error_handler(Exception, handle_unexpected)


def error_page(code: int, title: str | None = None, message: str | None = None):
    default_title, default_message = PAGES.get(code, PAGES[500])
    if request.path.startswith("/api/"):
        return jsonify({"error": title or default_title}), code
    html = render_template(
        "error.html",
        code=code,
        title=title or default_title,
        message=message or default_message,
        site_url=current_app.config["SITE_URL"],
    )
    return html, code


def wait_seconds(error: HTTPException) -> int:
    """Seconds until the rate limit that was hit lets this client send again: the end of the
    limiter's current window (what it sends as Retry-After), else the limit's whole window."""
    for limiter in current_app.extensions.get("limiter", ()):
        current = limiter.current_limit
        if current is not None and current.breached:
            return max(1, int(current.reset_at - time.time()))  # as Flask-Limiter computes it
    item = getattr(getattr(error, "limit", None), "limit", None)
    if item is not None:
        return max(1, int(item.get_expiry()))
    return 60


def describe_wait(seconds: int) -> str:
    """A wait in plain Indonesian, rounded up to whole minutes: "1 menit", "1 jam 5 menit"."""
    minutes = max(1, math.ceil(seconds / 60))
    hours, minutes = divmod(minutes, 60)
    parts = ([f"{hours} jam"] if hours else []) + ([f"{minutes} menit"] if minutes else [])
    return " ".join(parts)


def handle_http(error: HTTPException):
    code = error.code or 500
    page = code if code in PAGES else (500 if code >= 500 else 400)
    headers = {}
    if code == 429:
        seconds = wait_seconds(error)
        headers["Retry-After"] = str(seconds)
        body, _ = error_page(page, message=PAGES[429][1].format(wait=describe_wait(seconds)))
    else:
        body, _ = error_page(page)
    valid_methods = getattr(error, "valid_methods", None)
    if code == 405 and valid_methods:
        headers["Allow"] = ", ".join(valid_methods)
    return body, code, headers


def handle_unexpected(error: Exception):
    # The traceback names the code line, never the form body; request data is not logged.
    log.exception("unexpected error on %s %s", request.method, request.path)
    return error_page(InternalServerError.code)

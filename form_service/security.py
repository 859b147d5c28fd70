"""Security for every response: headers, the per-IP rate limit on POST, proxies, cookies.

Proxies: only the forwarded headers an operator turned on are read (``PROXY_COUNT`` for
X-Forwarded-For, ``PROXY_PROTO`` and ``PROXY_HOST``); every other forwarding header is removed
before the app sees it, and ``SCRIPT_NAME`` is pinned to the root. The blank form is rendered
once and served to everyone (``views.blank_form``), so nothing a client sends may change a link in
it: ``url_for`` puts ``SCRIPT_NAME`` in front of every path, which is why a prefix is never taken
from a request (X-Forwarded-Prefix, or gunicorn's ``SCRIPT_NAME`` header).

The CSRF token is a field of the form (Flask-WTF's ``FlaskForm``), not the global
``CSRFProtect``: a failed token must re-render the form with the applicant's answers instead of
answering a bare 400.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HSTS_VALUE = "max-age=31536000; includeSubDomains"


# Request headers that carry what a proxy saw (environ keys). Werkzeug reads only the
# X-Forwarded-* ones; the rest are removed too, so no later code or library can pick them up.
FORWARDING_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PREFIX",
    "HTTP_X_FORWARDED_SERVER",
    "HTTP_X_FORWARDED_SSL",
    "HTTP_X_FORWARDED_PROTOCOL",
    "HTTP_X_FORWARDED_SCHEME",
    "HTTP_X_SCHEME",
    "HTTP_X_HOST",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_X_ORIGINAL_URL",
    "HTTP_X_REWRITE_URL",
    "HTTP_SCRIPT_NAME",
    "HTTP_PATH_INFO",
)


class TrustedForwarding:
    """WSGI middleware: keep the forwarded headers the operator trusts, drop all others.

    ``x_for``, ``x_proto`` and ``x_host`` are Werkzeug ``ProxyFix`` counts (how many proxies set
    the header); 0 means the header is removed unread. X-Forwarded-Port goes with the host.
    ``SCRIPT_NAME`` is always the root: the form's paths (``/daftar/...``) are printed on posters
    and in the static site, and the blank form page is shared by every applicant.
    """

    def __init__(self, app, *, x_for: int = 0, x_proto: int = 0, x_host: int = 0) -> None:
        self.app = app
        self.keep = {
            key
            for key, count in (
                ("HTTP_X_FORWARDED_FOR", x_for),
                ("HTTP_X_FORWARDED_PROTO", x_proto),
                ("HTTP_X_FORWARDED_HOST", x_host),
                ("HTTP_X_FORWARDED_PORT", x_host),
            )
            if count
        }
        self.proxied = (
            ProxyFix(app, x_for=x_for, x_proto=x_proto, x_host=x_host, x_port=x_host, x_prefix=0)
            if x_for or x_proto or x_host
            else app
        )

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        for key in FORWARDING_HEADERS:
            if key not in self.keep:
                environ.pop(key, None)
        environ["SCRIPT_NAME"] = ""
        return self.proxied(environ, start_response)


def init_app(app: Flask) -> None:
    count = app.config["PROXY_COUNT"]
    app.wsgi_app = TrustedForwarding(  # type: ignore[method-assign]
        app.wsgi_app,
        x_for=count,
        x_proto=count if app.config["PROXY_PROTO"] else 0,
        x_host=count if app.config["PROXY_HOST"] else 0,
    )
    init_limiter(app)
    app.after_request(_headers)


def init_limiter(app: Flask) -> Limiter:
    """One limiter per app (tests create many apps). Only POST counts; GET is never limited."""
    limit = str(app.config["RATELIMIT"])
    limiter = Limiter(
        key_func=get_remote_address,
        default_limits=[limit],
        default_limits_exempt_when=lambda: request.method != "POST",
        storage_uri=app.config["RATELIMIT_STORAGE_URI"],
    )
    limiter.init_app(app)
    return limiter


def _headers(response: Response) -> Response:
    from flask import current_app

    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    headers["X-Frame-Options"] = "DENY"
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if current_app.config["HSTS"]:
        headers["Strict-Transport-Security"] = HSTS_VALUE
    if response.mimetype == "text/html":
        # Pages carry a CSRF token or a receipt: never store them in shared caches.
        headers.setdefault("Cache-Control", "no-store")
    return response

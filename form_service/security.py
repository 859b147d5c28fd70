"""Security for every response: headers, the per-IP rate limit on POST, proxies, cookies.

The CSRF token is a field of the form (Flask-WTF's ``FlaskForm``), not the global
``CSRFProtect``: a failed token must re-render the form with the applicant's answers instead of
answering a bare 400.
"""

from __future__ import annotations

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
HSTS_VALUE = "max-age=31536000; includeSubDomains"


def init_app(app: Flask) -> None:
    count = app.config["PROXY_COUNT"]
    if count:
        # Trust exactly `count` proxies for the client address, scheme and host.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count, x_prefix=count
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

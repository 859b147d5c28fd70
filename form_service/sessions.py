"""The session cookie: Flask's own signed cookie, with its signing serializer made once.

Flask's :class:`~flask.sessions.SecureCookieSessionInterface` builds a new
``URLSafeTimedSerializer`` twice per request (to open the cookie and to save it), and building
one encodes a test value to learn the serializer's kind. The blank form and every registration
go through the session (it holds the CSRF secret and the receipts this browser may open), so
the serializer is kept and made again only when the keys change. Format, signature, salt, key
rotation (``SECRET_KEY_FALLBACKS``) and expiry are Flask's, unchanged.
"""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class SessionInterface(SecureCookieSessionInterface):
    def __init__(self) -> None:
        # (secret key, fallback keys) -> the serializer Flask makes for them
        self.signing: tuple[tuple, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cached = self.signing
        if cached is None or cached[0] != keys:
            cached = self.signing = (keys, super().get_signing_serializer(app))
        return cached[1]

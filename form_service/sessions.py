"""The session cookie: Flask's signed cookie (same signature, salt, key rotation and expiry),
made cheaper to open and save.

The blank form and every registration go through the session (it holds the CSRF secret and the
receipts this browser may open), so three costs of Flask's default showed in the profile
(benchmarks/profile_form.py):

* it builds a new ``URLSafeTimedSerializer`` twice per request, and building one encodes a test
  value: here one is kept and made again only when ``SECRET_KEY`` or ``SECRET_KEY_FALLBACKS``
  change;
* it tries zlib on every cookie it writes, which costs more than the rest of the signing and
  rarely makes a cookie of a token and a few registration numbers shorter: here the payload is
  only base64 (cookies written either way are read alike);
* its JSON tags Python types the session never holds (it holds text and a list of text): here
  plain compact JSON, which gives the same bytes for what the session holds.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import Serializer, URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode


class CompactJSON:
    """``dumps``/``loads`` as in Flask's session serializer for text, numbers, lists and dicts."""

    @staticmethod
    def dumps(value: Any) -> str:
        return json.dumps(value, separators=(",", ":"), sort_keys=True)  # as Flask writes it

    @staticmethod
    def loads(value: str | bytes) -> Any:
        return json.loads(value)


class UncompressedSerializer(URLSafeTimedSerializer):
    """``URLSafeTimedSerializer`` whose payload is never zlib-compressed."""

    def dump_payload(self, obj: Any) -> bytes:
        return base64_encode(Serializer.dump_payload(self, obj))


class SessionInterface(SecureCookieSessionInterface):
    serializer = CompactJSON()

    def __init__(self) -> None:
        # ((secret key, fallback keys), the serializer for them)
        self.signing: tuple[tuple, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cached = self.signing
        if cached is None or cached[0] != keys:
            cached = self.signing = (keys, self.make_serializer(*keys))
        return cached[1]

    def make_serializer(self, secret_key, fallbacks: tuple) -> URLSafeTimedSerializer | None:
        """What Flask's ``get_signing_serializer`` makes, without compression."""
        if not secret_key:
            return None
        return UncompressedSerializer(
            [*fallbacks, secret_key],  # itsdangerous takes the current key last
            salt=self.salt,
            serializer=self.serializer,
            signer_kwargs={
                "key_derivation": self.key_derivation,
                "digest_method": self.digest_method,
            },
        )

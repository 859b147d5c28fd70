"""Only the forwarded headers an operator turned on are trusted, and nothing a client sends ends up
in a page or link another visitor receives (the blank form is rendered once and shared)."""

from __future__ import annotations

import re

import pytest
from flask import request

from form_service.security import FORWARDING_HEADERS
from tests.form_service.app_fixtures import BOGA, valid_answers

EVIL = "evil-4f1x.example"
# Each forwarding header with a hostile value that a broken set-up would copy into links.
HOSTILE = {
    "X-Forwarded-For": f"203.0.113.66, {EVIL}",
    "X-Forwarded-Proto": "javascript",
    "X-Forwarded-Host": EVIL,
    "X-Forwarded-Prefix": f"/{EVIL}",
    "X-Forwarded-Port": "6666",
    "Forwarded": f'for=203.0.113.66;host={EVIL};proto=https;by="/{EVIL}"',
    "X-Original-URL": f"/{EVIL}/daftar",
    "X-Rewrite-URL": f"/{EVIL}/daftar",
    "Host": EVIL,
}
MARKERS = (EVIL, "6666", "javascript:", "203.0.113.66")


def assert_clean(text: str) -> None:
    found = [marker for marker in MARKERS if marker in text]
    assert found == [], f"hostile header value {found} leaked into: {text[:300]!r}"


def all_links(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="([^"]*)"', html)


@pytest.mark.parametrize("header", sorted(HOSTILE))
@pytest.mark.parametrize("proxies", [0, 1])
def test_a_hostile_forwarding_header_never_reaches_another_visitor(make_app, header, proxies):
    app = make_app(PROXY_COUNT=proxies)
    client = app.test_client()
    hostile = {header: HOSTILE[header]}
    # The hostile request comes first, so it is the one that renders the shared blank form.
    assert client.get(BOGA, headers=hostile).status_code == 200
    posted = client.post(BOGA, data=valid_answers(), headers=hostile)
    assert posted.status_code == 303
    assert_clean(posted.headers["Location"])
    client.get(posted.headers["Location"], headers=hostile)
    client.get("/api/runs/blk-contoh/tata-boga/2027-1", headers=hostile)

    clean = app.test_client()
    form = clean.get(BOGA)
    assert_clean(form.text)
    own = ("/", "https://katalog.example.org/", "#", "data:,")
    assert [link for link in all_links(form.text) if not link.startswith(own)] == []
    assert '<link rel="stylesheet" href="/daftar/static/form.css' in form.text
    # The receipt opens only in the browser that registered; a clean request from it:
    # (with a hostile Host the session cookie belongs to that host, so this browser is a
    # stranger here too and gets the status page)
    receipt = client.get(posted.headers["Location"])
    assert receipt.status_code == (303 if header == "Host" else 200)
    assert_clean(receipt.text)
    elsewhere = clean.get(posted.headers["Location"])  # another browser: the status page
    assert elsewhere.status_code == 303
    assert_clean(elsewhere.headers["Location"] + clean.get(elsewhere.headers["Location"]).text)
    api = clean.get("/api/runs/blk-contoh/tata-boga/2027-1")
    assert api.headers["Access-Control-Allow-Origin"] == "https://katalog.example.org"
    assert_clean(str(api.headers) + api.text)


def test_a_script_name_from_the_server_never_prefixes_links(make_app):
    """gunicorn takes SCRIPT_NAME from a request header when it trusts the sender; the app pins
    it to the root, so the shared form page keeps its own links."""
    app = make_app(PROXY_COUNT=1)
    client = app.test_client()
    client.get(BOGA, environ_overrides={"SCRIPT_NAME": f"/{EVIL}"})
    assert_clean(app.test_client().get(BOGA).text)


def _echo(app):
    @app.get("/_test/seen")
    def seen():
        return {
            "addr": request.remote_addr,
            "scheme": request.scheme,
            "host": request.host,
            "root": request.root_url,
            "forwarding": sorted(k for k in request.environ if k in FORWARDING_HEADERS),
        }

    return app.test_client()


def test_by_default_one_proxy_is_trusted_for_address_and_scheme_only(make_app):
    client = _echo(make_app(PROXY_COUNT=1))
    seen = client.get(
        "/_test/seen",
        headers={
            "X-Forwarded-For": "198.51.100.1, 203.0.113.9",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": EVIL,
            "X-Forwarded-Port": "6666",
            "X-Forwarded-Prefix": "/x",
            "Forwarded": "for=198.51.100.2",
        },
    ).json
    assert seen["addr"] == "203.0.113.9"  # the one the proxy added, not the client's claim
    assert seen["scheme"] == "https"
    assert seen["host"] == "localhost"
    assert seen["root"] == "https://localhost/"
    # Untrusted forwarding headers are gone before the app runs.
    assert seen["forwarding"] == ["HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO"]


def test_without_proxies_nothing_forwarded_is_trusted(make_app):
    client = _echo(make_app(PROXY_COUNT=0))
    seen = client.get(
        "/_test/seen",
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
    ).json
    assert seen["addr"] == "127.0.0.1" and seen["scheme"] == "http"
    assert seen["forwarding"] == []


def test_proto_and_host_are_separate_settings(make_app):
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "katalog.example.org"}
    seen = _echo(make_app(PROXY_COUNT=1, PROXY_PROTO=False)).get("/_test/seen", headers=headers)
    assert seen.json["scheme"] == "http" and seen.json["host"] == "localhost"
    seen = _echo(make_app(PROXY_COUNT=1, PROXY_HOST=True)).get("/_test/seen", headers=headers)
    assert seen.json["scheme"] == "https" and seen.json["host"] == "katalog.example.org"


def test_proxy_settings_from_the_environment(monkeypatch, app_config):
    from form_service import create_app
    from form_service.config import ConfigError

    for key in ("SECRET_KEY", "QUEUE_PATH", "DATA_DIR", "TODAY"):
        monkeypatch.setenv(f"KATALOG_{key}", str(app_config[key]))
    monkeypatch.setenv("KATALOG_PROXY_PROTO", "false")
    monkeypatch.setenv("KATALOG_PROXY_HOST", "true")
    app = create_app()
    assert app.config["PROXY_PROTO"] is False and app.config["PROXY_HOST"] is True
    monkeypatch.setenv("KATALOG_PROXY_HOST", "kadang")
    with pytest.raises(ConfigError, match="KATALOG_PROXY_HOST harus true atau false"):
        create_app()

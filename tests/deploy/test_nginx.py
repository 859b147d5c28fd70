"""The deployment in deploy/ for real: Debian's nginx, rendered from deploy/nginx/katalog.conf, in
front of gunicorn started with deploy/gunicorn.conf.py (tests/deploy/stack.py)."""

from __future__ import annotations

import re
import ssl
import threading
import time
from pathlib import Path

from werkzeug.test import Client as WsgiClient

from form_service import create_app
from form_service.local_site import SiteAndForm
from form_service.static_headers import static_headers
from tests.deploy.helpers import applicant, raw_exchange, register, tls_socket
from tests.deploy.stack import (
    REPO,
    RUN_PATH,
    SERVER_NAME,
    TEMPLATE,
    Client,
    Stack,
    csrf_token,
    next_address,
    placeholders,
)

HSTS = "max-age=31536000; includeSubDomains"
LIMIT = 16 * 1024


def static_pages(site: Path) -> list[str]:
    css = next((site / "assets" / "stylesheets").glob("main.*.min.css"))
    course = next((site / "kursus").rglob("index.html")).parent.relative_to(site)
    return ["/", f"/{course}/", f"/{css.relative_to(site)}", "/assets/katalog/katalog.js",
            "/katalog.json", "/tidak-ada/"]  # fmt: skip


# --- the files themselves -----------------------------------------------------------------------


def test_every_placeholder_of_the_nginx_site_is_explained_to_operators():
    guide = (REPO / "docs" / "produksi.md").read_text("utf-8")
    assert placeholders(), TEMPLATE
    assert [name for name in placeholders() if f"`@{name}@`" not in guide] == []
    for name in ("katalog.conf", "static-headers.conf", "hsts.conf", "gunicorn.conf.py",
                 "katalog-form.service", "katalog-purge.service", "katalog-purge.timer"):  # fmt: skip
        assert name in guide


# --- forwarded headers (first, so the hostile requests render each worker's blank form) -------


def test_hostile_forwarding_headers_reach_no_other_visitor(stack: Stack):
    import http.client

    from tests.form_service.test_forwarded_headers import HOSTILE, assert_clean

    attacker = Client(stack)
    direct = {**HOSTILE, "SCRIPT_NAME": "/evil-4f1x.example", "X-Forwarded-Ssl": "on"}
    for _ in range(4):  # enough for both gunicorn workers to see it first
        for name, value in direct.items():
            if name != "Host":
                attacker.get(RUN_PATH, headers={name: value})
            # Straight to gunicorn as well, as if nginx were bypassed on the machine.
            conn = http.client.HTTPConnection("127.0.0.1", stack.app_port, timeout=10)
            conn.putrequest("GET", RUN_PATH, skip_host=True)
            conn.putheader("Host", value if name == "Host" else SERVER_NAME)
            if name != "Host":
                conn.putheader(name, value)
            conn.endheaders()
            assert conn.getresponse().status == 200
            conn.close()
    form, posted = register(attacker, applicant(60))
    assert posted.status == 303
    assert_clean(posted.headers["Location"])

    visitor = Client(stack)
    for _ in range(4):
        assert_clean(visitor.get(RUN_PATH).text)
    # The receipt opens only in the browser that registered (others go to the status page).
    receipt = attacker.get(posted.headers["Location"])
    assert receipt.status == 200
    assert_clean(receipt.text)
    elsewhere = visitor.get(posted.headers["Location"])
    assert elsewhere.status == 303
    assert_clean(elsewhere.headers["Location"] + visitor.get(elsewhere.headers["Location"]).text)
    api = visitor.get("/api/runs/blk-contoh/tata-boga/2027-1")
    assert api.headers["Access-Control-Allow-Origin"] == f"https://{SERVER_NAME}"
    assert_clean(str(api.headers) + api.text)


# --- headers ------------------------------------------------------------------------------------


def test_static_pages_carry_the_security_headers(stack: Stack, client: Client):
    expected = {**static_headers(), "Strict-Transport-Security": HSTS}
    assert "frame-ancestors 'none'" in expected["Content-Security-Policy"]
    for path in static_pages(stack.site):
        response = client.get(path)
        assert response.status == (404 if "tidak-ada" in path else 200), path
        for name, value in expected.items():
            assert response.headers.get_all(name) == [value], (path, name)


def test_the_search_scripts_go_compressed_and_pagefinds_own_files_as_stored(
    stack: Stack, client: Client
):
    """A phone's first search downloads the search scripts gzip-compressed (docs/pencarian.md
    counts them so); Pagefind's index and WebAssembly are stored compressed and sent as they are."""
    gzip = {"Accept-Encoding": "gzip"}
    for path in ("/assets/katalog/pencarian.js", "/pagefind/pagefind.js"):
        response = client.get(path, headers=gzip)
        assert response.status == 200, path
        assert response.headers.get("Content-Encoding") == "gzip", path
    wasm = next((stack.site / "pagefind").glob("wasm.*.pagefind"))
    response = client.get(f"/pagefind/{wasm.name}", headers=gzip)
    assert response.status == 200 and response.headers.get("Content-Encoding") is None
    assert response.body == wasm.read_bytes()
    form = client.get(RUN_PATH, headers=gzip)
    assert form.status == 200 and form.headers.get("Content-Encoding") is None  # BREACH


def test_form_pages_carry_the_apps_own_headers_once(stack: Stack, client: Client):
    app_csp = (
        create_app(
            {
                "TESTING": True,
                "DATA_DIR": str(stack.courses),
                "QUEUE_PATH": str(stack.tmp / "q"),
                "TODAY": "2026-11-23",
            }  # fmt: skip
        )
        .test_client()
        .get("/healthz")
        .headers["Content-Security-Policy"]
    )
    for path in (RUN_PATH, "/daftar/privasi", "/healthz", "/api/runs/blk-contoh/tata-boga/2027-1"):
        response = client.get(path)
        assert response.status == 200, path
        assert response.headers.get_all("Content-Security-Policy") == [app_csp], path
        assert response.headers.get_all("X-Content-Type-Options") == ["nosniff"], path
        assert response.headers.get_all("Strict-Transport-Security") == [HSTS], path
        assert response.headers.get_all("X-Frame-Options") == ["DENY"], path


def test_katalog_serve_sends_the_same_static_headers_as_nginx(stack: Stack, client: Client):
    app = create_app(
        {
            "TESTING": True,
            "DATA_DIR": str(stack.courses),
            "QUEUE_PATH": str(stack.tmp / "q"),
            "TODAY": "2026-11-23",
            "SITE_DIR": str(stack.site),
        }  # fmt: skip
    )
    local = WsgiClient(SiteAndForm(stack.site, app))
    names = set(static_headers())
    for path in static_pages(stack.site):
        served = local.get(path)
        served.close()
        behind_nginx = client.get(path)
        assert served.status_code == behind_nginx.status, path
        assert {n: served.headers.getlist(n) for n in names} == {
            n: behind_nginx.headers.get_all(n) for n in names
        }, path


def test_plain_http_only_redirects_to_the_configured_name(stack: Stack):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=10)
    conn.request("GET", "/kursus/?q=1", headers={"Host": SERVER_NAME})
    response = conn.getresponse()
    assert response.status == 301
    assert response.headers["Location"] == f"https://{SERVER_NAME}/kursus/?q=1"
    conn.close()
    # Any other host name gets nothing at all: the Host header never picks a server.
    conn = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=10)
    conn.request("GET", "/", headers={"Host": "evil.example"})
    try:
        status = conn.getresponse().status
    except (http.client.RemoteDisconnected, ConnectionResetError):
        status = None
    assert status is None
    conn.close()


# --- the form behind nginx ----------------------------------------------------------------------


def test_the_form_works_behind_nginx_as_without_it(client: Client):
    form, posted = register(client, applicant(1))
    assert "Kirim pendaftaran" in form.text
    assert posted.status == 303, posted.text[:500]
    location = posted.headers["Location"]
    assert location.startswith("/daftar/terima/")
    receipt = client.get(location)
    assert receipt.status == 200 and "Contoh Pendaftar 0001" in receipt.text

    # A bad form comes back (422) with what was typed.
    form = client.get(RUN_PATH)
    bad = client.post_form(
        RUN_PATH,
        {**applicant(2, phone="12"), "csrf_token": csrf_token(form.text)},
    )
    assert bad.status == 422
    assert 'value="Contoh Pendaftar 0002"' in bad.text and 'value="3671011708950002"' in bad.text

    health = client.get("/healthz")
    assert (health.status, health.text) == (200, "ok")


def test_an_oversized_body_gets_413(stack: Stack, client: Client):
    form = client.get(RUN_PATH)
    big = {**applicant(3), "csrf_token": csrf_token(form.text), "motivation": "x" * (LIMIT + 1)}
    response = client.post_form(RUN_PATH, big)
    assert response.status == 413
    assert "Isian terlalu besar" in response.text


def test_a_chunked_body_over_the_limit_gets_413(stack: Stack):
    chunk = b"motivation=" + b"x" * 4000
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(6)) + b"0\r\n\r\n"
    head = (
        f"POST {RUN_PATH} HTTP/1.1\r\nHost: {SERVER_NAME}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    answer = raw_exchange(stack, next_address(), head + body)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]


# --- trust in the client's address, rate limits ---------------------------------------------------


def _app_rate_limited(response) -> bool:
    return (
        response.status == 429 and "Terlalu banyak pendaftaran dari jaringan ini" in response.text
    )


def _nginx_rate_limited(response) -> bool:
    return response.status == 429 and "Terlalu banyak permintaan" in response.text


def test_a_client_cannot_pick_its_address_with_x_forwarded_for(client: Client):
    """nginx overwrites X-Forwarded-For with the address it saw, so changing it on every POST
    does not escape the app's own limit (10 per minute per address, counted per worker)."""
    answers = []
    for n in range(25):
        answers.append(
            client.post_form(
                RUN_PATH, applicant(40), headers={"X-Forwarded-For": f"198.51.100.{n + 1}"}
            )
        )
    assert any(_app_rate_limited(r) for r in answers), [r.status for r in answers]
    assert not any(_nginx_rate_limited(r) for r in answers)


def test_nginx_limits_posts_from_one_address_but_never_gets(client: Client):
    statuses = []
    for _ in range(80):
        response = client.post_form(RUN_PATH, {"full_name": "Contoh Pendaftar"})
        statuses.append(response.status)
        if _nginx_rate_limited(response):
            assert response.headers["Retry-After"] == "60"
            break
    else:
        raise AssertionError(f"nginx never limited: {statuses}")
    assert len(statuses) > 30  # burst=30: a kelurahan office sending many forms is not stopped
    for _ in range(5):
        assert client.get(RUN_PATH).status == 200


# --- slow clients -------------------------------------------------------------------------------


def test_slow_clients_do_not_delay_an_applicant(stack: Stack, client: Client):
    """40 clients trickle one byte a second (half of them still in their headers, half in a
    POST body). nginx holds them; both gunicorn workers stay free for a normal applicant."""
    stop = threading.Event()
    sockets = []
    for n in range(40):
        sock = tls_socket(stack, next_address(), timeout=5)
        if n % 2:
            sock.sendall(
                f"POST {RUN_PATH} HTTP/1.1\r\nHost: {SERVER_NAME}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                "Content-Length: 4000\r\n\r\nfull_name=".encode()
            )
            trickle = b"x"
        else:
            sock.sendall(f"GET {RUN_PATH} HTTP/1.1\r\nHost: {SERVER_NAME}\r\n".encode())
            trickle = b"X-A: b\r\n"
        sockets.append((sock, trickle))

    def drip() -> None:
        position = 0
        deadline = time.monotonic() + 60  # stops by itself even if the test does not stop it
        while not stop.is_set() and time.monotonic() < deadline:
            for sock, trickle in sockets:
                try:
                    sock.send(trickle[position % len(trickle) : position % len(trickle) + 1])
                except OSError:
                    pass
            position += 1
            stop.wait(1.0)

    dripper = threading.Thread(target=drip, daemon=True)
    dripper.start()
    try:
        time.sleep(3)  # every slow client is connected and has been trickling for a while
        started = time.monotonic()
        form, posted = register(client, applicant(50))
        elapsed = time.monotonic() - started
        assert posted.status == 303, posted.text[:300]
        assert elapsed < 2.0, f"an applicant waited {elapsed:.2f} s behind slow clients"
        # The slow clients were held, not answered or dropped.
        held = 0
        for sock, _ in sockets:
            sock.setblocking(False)
            try:
                sock.recv(1)  # an answer or a closed connection: not held
            except (BlockingIOError, ssl.SSLWantReadError):
                held += 1  # still connected, nothing answered yet
            except OSError:
                pass
        assert held >= 35, f"only {held} of 40 slow clients still connected"
    finally:
        stop.set()
        dripper.join(timeout=5)
        for sock, _ in sockets:
            sock.close()


# --- logs ---------------------------------------------------------------------------------------


def test_logs_keep_no_personal_data_and_only_shortened_addresses(stack: Stack, client: Client):
    answers = applicant(77, full_name="Contoh Pendaftar Lognol", phone="0812-7000-7777")
    form, posted = register(client, answers)
    assert posted.status == 303
    client.get(posted.headers["Location"])
    client.get(f"{RUN_PATH}?nik={answers['nik']}&nama=Contoh+Pendaftar+Lognol")
    bad = client.post_form(RUN_PATH, {**answers, "csrf_token": "salah"})
    assert bad.status == 422
    secrets = [answers["nik"], "Lognol", "7000-7777", "70007777", "+6281270007777"]
    logs = sorted(p for p in stack.logs.iterdir() if p.is_file())
    assert {p.name for p in logs} >= {"katalog-access.log", "katalog-error.log", "gunicorn.log"}
    for path in logs:
        text = path.read_text("utf-8", "replace")
        assert [s for s in secrets if s in text] == [], path.name
    access = (stack.logs / "katalog-access.log").read_text("utf-8").splitlines()
    assert access and all(re.match(r"(\d+\.\d+\.\d+\.0|-) \[", line) for line in access), access[:3]
    assert not any("?" in line for line in access)

"""nginx (Debian's) in front of gunicorn, both started for real in a temporary folder.

``render`` fills the placeholders of ``deploy/nginx/katalog.conf`` (the file operators install,
docs/produksi.md names every placeholder); ``Stack`` starts gunicorn with
``deploy/gunicorn.conf.py`` and nginx with a small wrapper ``nginx.conf`` that keeps every path
(pid, logs, temp files) inside the folder, and ``Client`` talks HTTPS to it from its own
loopback address (127.0.0.x), so every test has its own rate-limit bucket.
"""

from __future__ import annotations

import http.client
import itertools
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.sample_data import write_courses
from tests.services import free_port, nginx_binary

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
TEMPLATE = DEPLOY / "nginx" / "katalog.conf"
SERVER_NAME = "katalog.test"
TODAY = "2026-11-23"  # tests/sample_data.py: blk-contoh/tata-boga/2027-1 is open
RUN_PATH = "/daftar/blk-contoh/tata-boga/2027-1"
START_TIMEOUT = 30.0
PLACEHOLDER = re.compile(r"@[A-Z_]+@")
VENV_BIN = Path(sys.executable).parent

_addresses = itertools.count(10)


def next_address() -> str:
    """A loopback address of its own (127.0.0.10, .11, ...): nginx sees a separate client."""
    n = next(_addresses)
    return f"127.0.{n // 250}.{n % 250 + 2}"


def render(template: str, values: dict[str, str]) -> str:
    text = template
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    left = sorted(set(PLACEHOLDER.findall(text)))
    if left:
        raise ValueError(f"placeholders left unfilled: {left}")
    return text


def placeholders() -> list[str]:
    return sorted({p.strip("@") for p in PLACEHOLDER.findall(TEMPLATE.read_text("utf-8"))})


WRAPPER = """\
{user}worker_processes 2;
error_log {logs}/nginx-main-error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {tmp}/temp/body;
    proxy_temp_path {tmp}/temp/proxy;
    fastcgi_temp_path {tmp}/temp/fastcgi;
    uwsgi_temp_path {tmp}/temp/uwsgi;
    scgi_temp_path {tmp}/temp/scgi;
    access_log off;
    include {tmp}/katalog.conf;
}}
"""


def make_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "katalog.test.crt", folder / "katalog.test.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={SERVER_NAME}", "-addext", f"subjectAltName=DNS:{SERVER_NAME}",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def write_nginx_config(tmp: Path, *, site: Path, upstream: str, http_port: int, https_port: int,
                       cert: Path, key: Path) -> Path:  # fmt: skip
    """The wrapper nginx.conf and the rendered katalog.conf in ``tmp``; returns nginx.conf."""
    logs = tmp / "logs"
    for sub in ("logs", "temp", "include"):
        (tmp / sub).mkdir(exist_ok=True)
    for name in ("static-headers.conf", "hsts.conf"):
        (tmp / "include" / name).write_text((DEPLOY / "nginx" / name).read_text("utf-8"))
    values = {
        "SERVER_NAME": SERVER_NAME,
        "SITE_DIR": str(site),
        "UPSTREAM": upstream,
        "HTTP_LISTEN": f"127.0.0.1:{http_port}",
        "HTTPS_LISTEN": f"127.0.0.1:{https_port}",
        "TLS_CERT": str(cert),
        "TLS_KEY": str(key),
        "INCLUDE_DIR": str(tmp / "include"),
        "LOG_DIR": str(logs),
    }
    (tmp / "katalog.conf").write_text(render(TEMPLATE.read_text("utf-8"), values), "utf-8")
    conf = tmp / "nginx.conf"
    user = "user root;\n" if os.geteuid() == 0 else ""  # tests only: no nginx system user here
    conf.write_text(WRAPPER.format(user=user, logs=logs, tmp=tmp), "utf-8")
    return conf


def nginx_command(tmp: Path, conf: Path, *extra: str) -> list[str]:
    binary = nginx_binary()
    assert binary is not None
    return [binary, "-p", str(tmp), "-c", str(conf),
            "-g", f"daemon off; pid {tmp}/nginx.pid;", *extra]  # fmt: skip


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Client:
    """HTTPS to the stack from one loopback address, with the session cookie kept."""

    stack: Stack
    address: str = field(default_factory=next_address)
    cookies: dict[str, str] = field(default_factory=dict)

    def connect(self, timeout: float = 10.0) -> http.client.HTTPSConnection:
        conn = _Connection(SERVER_NAME, self.stack.https_port, context=self.stack.tls,
                           timeout=timeout, source_address=(self.address, 0))  # fmt: skip
        return conn

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = 10.0) -> Response:  # fmt: skip
        conn = self.connect(timeout)
        try:
            sent = dict(headers or {})
            if self.cookies:
                sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            conn.request(method, path, body=body, headers=sent)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, fields: dict[str, str], **kwargs) -> Response:
        from urllib.parse import urlencode

        headers = {"Content-Type": "application/x-www-form-urlencoded", **kwargs.pop("headers", {})}
        return self.request("POST", path, urlencode(fields).encode(), headers=headers, **kwargs)


class _Connection(http.client.HTTPSConnection):
    """Connects to 127.0.0.1 while naming the server (SNI, Host, certificate) katalog.test."""

    def connect(self) -> None:
        sock = socket.create_connection(("127.0.0.1", self.port), self.timeout, self.source_address)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert match, "no CSRF token in the form page"
    return match.group(1)


class Stack:
    """gunicorn + nginx in ``tmp``. ``start()`` waits until both answer; ``stop()`` always ends
    both (terminate, then kill) and is safe to call twice."""

    def __init__(self, tmp: Path, site: Path, env: dict[str, str] | None = None) -> None:
        self.tmp = tmp
        self.site = site
        self.logs = tmp / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.app_port = free_port()
        self.http_port = free_port()
        self.https_port = free_port()
        self.queue_path = tmp / "var" / "queue.jsonl"
        self.courses = write_courses(tmp / "data")
        cert, key = make_certificate(tmp)
        self.tls = ssl.create_default_context(cafile=str(cert))
        self.conf = write_nginx_config(
            tmp, site=site, upstream=f"127.0.0.1:{self.app_port}", http_port=self.http_port,
            https_port=self.https_port, cert=cert, key=key,
        )  # fmt: skip
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("KATALOG_")},
            "PYTHONPATH": str(REPO),
            "KATALOG_SECRET_KEY": "deploy-test-secret-not-for-production",
            "KATALOG_QUEUE_PATH": str(self.queue_path),
            "KATALOG_DATA_DIR": str(self.courses),
            "KATALOG_TODAY": TODAY,
            "KATALOG_SITE_URL": f"https://{SERVER_NAME}/",
            "KATALOG_SITE_DIR": str(site),
            "KATALOG_PROXY_COUNT": "1",
            "KATALOG_HSTS": "true",
            "KATALOG_SECURE_COOKIES": "true",
            **(env or {}),
        }
        self.processes: list[subprocess.Popen] = []

    def start(self) -> Stack:
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        gunicorn_log = open(self.logs / "gunicorn.log", "ab")  # noqa: SIM115 - closed in stop()
        self._files = [gunicorn_log]
        self.processes.append(
            subprocess.Popen(
                [
                    str(VENV_BIN / "gunicorn"),
                    "-c",
                    str(DEPLOY / "gunicorn.conf.py"),
                    "--bind",
                    f"127.0.0.1:{self.app_port}",
                    "form_service:create_app()",
                ],
                cwd=REPO,
                env=self.env,
                stdout=gunicorn_log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
        test = subprocess.run(nginx_command(self.tmp, self.conf, "-t"), capture_output=True)
        assert test.returncode == 0, test.stderr.decode()
        nginx_log = open(self.logs / "nginx-stderr.log", "ab")  # noqa: SIM115
        self._files.append(nginx_log)
        self.processes.append(
            subprocess.Popen(
                nginx_command(self.tmp, self.conf), stdout=nginx_log, stderr=subprocess.STDOUT
            )  # fmt: skip
        )
        deadline = time.monotonic() + START_TIMEOUT
        client = Client(self)
        while True:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"{process.args[0]} exited with {process.returncode}; see {self.logs}"
                    )
            try:
                if client.get("/healthz", timeout=2).status == 200:
                    return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"nginx + gunicorn not ready in {START_TIMEOUT:.0f} s")
            time.sleep(0.2)

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)  # gunicorn: graceful; nginx: fast shutdown
        for process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        self.processes.clear()
        for file in getattr(self, "_files", []):
            file.close()
        self._files = []

    def url(self, path: str) -> str:
        return f"https://{SERVER_NAME}:{self.https_port}{path}"

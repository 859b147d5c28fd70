"""`katalog serve`: the built site and the form on one port."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from werkzeug.test import Client

from form_service.cli import _PathsOnly, serve
from form_service.local_site import SiteAndForm
from tests.form_service.app_fixtures import BOGA, valid_answers


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "kursus" / "tata-boga").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Beranda katalog</h1>", encoding="utf-8")
    (site / "kursus" / "tata-boga" / "index.html").write_text("<h1>Tata Boga</h1>")
    (site / "404.html").write_text("<h1>Tidak ada di situs</h1>", encoding="utf-8")
    (site / "katalog.json").write_text("{}", encoding="utf-8")
    return site


class ClosingClient(Client):
    """Reads and closes every response (static files are streamed from open files)."""

    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        response.get_data()
        response.close()
        return response


@pytest.fixture
def combined(site: Path, app) -> Client:
    return ClosingClient(SiteAndForm(site, app))


def test_site_index_and_directories(combined):
    response = combined.get("/")
    assert response.status_code == 200 and "Beranda katalog" in response.text
    response = combined.get("/kursus/tata-boga/")
    assert response.status_code == 200 and "Tata Boga" in response.text
    response = combined.get("/kursus/tata-boga")
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/kursus/tata-boga/")
    response = combined.get("/katalog.json")
    assert response.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("path", ["/tidak-ada", "/../secret", "/%2e%2e/etc/passwd", "/kursus/x/"])
def test_missing_and_outside_paths_get_the_sites_404(combined, path):
    response = combined.get(path)
    assert response.status_code == 404
    assert "Tidak ada di situs" in response.text


def test_form_paths_go_to_the_app(combined):
    assert combined.get(BOGA).status_code == 200
    assert combined.get("/healthz").text == "ok"
    assert combined.get("/api/runs/blk-contoh/tata-boga/2027-1").json["quota"] == 1
    response = combined.post(BOGA, data=valid_answers())
    assert response.status_code == 303


def test_post_to_site_is_refused(combined):
    assert combined.post("/").status_code == 405


def test_request_log_keeps_paths_only():
    record = logging.LogRecord(
        "werkzeug", logging.INFO, "", 0, '"%s" %s %s',
        ("GET /daftar/x?nik=3671011708950001 HTTP/1.1", "200", "-"), None,
    )  # fmt: skip
    _PathsOnly().filter(record)
    assert record.getMessage() == '"GET /daftar/x HTTP/1.1" 200 -'


@pytest.fixture
def run_simple(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "werkzeug.serving.run_simple", lambda *args, **kwargs: calls.append((args, kwargs))
    )
    for key in ("SECRET_KEY", "QUEUE_PATH", "DATA_DIR", "SITE_URL", "SITE_DIR", "TODAY"):
        monkeypatch.delenv(f"KATALOG_{key}", raising=False)
    return calls


def test_serve_runs_site_and_form_on_one_port(run_simple, site, form_catalog, tmp_path):
    queue = tmp_path / "var" / "queue.jsonl"
    result = CliRunner().invoke(
        serve,
        ["--port", "8123", "--site", str(site), "--queue", str(queue), "--data", str(form_catalog)],
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert "Tekan Ctrl+C untuk berhenti." in result.output
    [(args, kwargs)] = run_simple
    assert args[:2] == ("127.0.0.1", 8123)
    assert kwargs["threaded"] is True
    app = args[2].app
    assert len(app.config["SECRET_KEY"]) == 64  # generated for local use
    assert app.config["QUEUE_PATH"] == str(queue)


def test_serve_refuses_queue_inside_site(run_simple, site, form_catalog):
    result = CliRunner().invoke(
        serve, ["--site", str(site), "--queue", str(site / "q.jsonl"), "--data", str(form_catalog)]
    )
    assert result.exit_code == 1
    assert "berada di dalam folder situs" in result.output
    assert not run_simple


def test_serve_without_built_site_says_what_to_do(run_simple, tmp_path):
    result = CliRunner().invoke(serve, ["--site", str(tmp_path / "tidak-ada")])
    assert result.exit_code == 1
    assert "Jalankan dulu `katalog build --out" in result.output


def test_serve_with_broken_data_lists_problems(run_simple, site, form_catalog, tmp_path):
    (form_catalog / "blk-contoh" / "menjahit.yml").write_text("id: menjahit\n", encoding="utf-8")
    result = CliRunner().invoke(
        serve, ["--site", str(site), "--data", str(form_catalog), "--queue", str(tmp_path / "q")]
    )
    assert result.exit_code == 1
    assert "menjahit.yml" in result.output
    assert "Traceback" not in result.output


def test_serve_help_is_indonesian():
    result = CliRunner().invoke(serve, ["--help"])
    assert "Jalankan situs katalog dan formulir pendaftaran di satu alamat" in result.output
    assert "Folder situs hasil `katalog build`." in result.output

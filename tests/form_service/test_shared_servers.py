"""The form on the servers several app servers share: PostgreSQL for registrations, Redis for the
rate limit (real servers, started by tests/services; marked ``db``)."""

from __future__ import annotations

import psycopg
import pytest

from form_service import create_app
from form_service.views import MSG_QUEUE_DOWN
from tests.form_service.app_fixtures import BOGA, JAHIT, valid_answers

pytestmark = pytest.mark.db


@pytest.fixture
def pg_app(app_config, pg_url):
    app = create_app({**app_config, "DATABASE_URL": pg_url})
    yield app
    app.extensions["katalog"].store.close()


def test_a_registration_is_stored_in_postgresql_and_its_receipt_read_back(pg_app, pg_url):
    client = pg_app.test_client()
    posted = client.post(BOGA, data=valid_answers())
    assert posted.status_code == 303
    number = posted.headers["Location"].rsplit("/", 1)[1]
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT run_id, status FROM registrations WHERE id = %s", (number,))
        assert row.fetchone() == ("blk-contoh/tata-boga/2027-1", "registered")
    receipt = client.get(posted.headers["Location"])
    assert receipt.status_code == 200
    assert number in receipt.get_data(as_text=True)
    assert client.get("/healthz").get_data(as_text=True) == "ok"


def test_two_app_servers_refuse_the_same_nik_for_overlapping_runs(app_config, pg_url):
    one = create_app({**app_config, "DATABASE_URL": pg_url})
    two = create_app({**app_config, "DATABASE_URL": pg_url})
    try:
        assert one.test_client().post(BOGA, data=valid_answers()).status_code == 303
        refused = two.test_client().post(JAHIT, data=valid_answers())
        assert refused.status_code == 422
        assert "jadwalnya bentrok" in refused.get_data(as_text=True)
    finally:
        for app in (one, two):
            app.extensions["katalog"].store.close()


def test_a_read_only_database_answers_503_with_every_answer_kept(pg_app, pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        name = conn.info.dbname
        conn.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    pg_app.extensions["katalog"].store.close()  # new connections get the setting
    fresh = create_app({**pg_app.config, "TESTING": True})
    try:
        response = fresh.test_client().post(BOGA, data=valid_answers(full_name="Contoh Tertahan"))
        html = response.get_data(as_text=True)
        assert response.status_code == 503
        assert MSG_QUEUE_DOWN in html
        assert 'value="Contoh Tertahan"' in html and 'value="0812-0000-0001"' in html
        health = fresh.test_client().get("/healthz")
        assert health.status_code == 503
    finally:
        fresh.extensions["katalog"].store.close()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("SET default_transaction_read_only = off")
        conn.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = off')
        assert conn.execute("SELECT count(*) FROM registrations").fetchone()[0] == 0


def test_the_rate_limit_is_shared_through_redis_by_every_app_server(app_config, redis_server):
    config = {
        **app_config,
        "RATELIMIT_ENABLED": True,
        "RATELIMIT": "3 per minute",
        "RATELIMIT_STORAGE_URI": redis_server.url,
    }
    servers = [create_app(config).test_client() for _ in range(2)]
    address = {"REMOTE_ADDR": "192.0.2.77"}
    answers = []
    for i in range(4):
        client = servers[i % 2]
        response = client.post(BOGA, data=valid_answers(nik="bukan-nik"), environ_base=address)
        answers.append(response.status_code)
    assert answers == [422, 422, 422, 429]  # the 4th POST, on either server, is over the limit
    other = servers[0].post(
        BOGA, data=valid_answers(nik="bukan-nik"), environ_base={"REMOTE_ADDR": "192.0.2.78"}
    )
    assert other.status_code == 422


@pytest.mark.parametrize("where", ["file", "database"])
def test_the_staff_commands_work_the_same_on_both_stores(
    app_config, form_catalog, pg_url, tmp_path, monkeypatch, where
):
    """Register two applicants through the form, then run the clerk's commands on that store."""
    from click.testing import CliRunner
    from openpyxl import load_workbook

    from form_service.staff_cli import queue

    extra = {"DATABASE_URL": pg_url} if where == "database" else {}
    app = create_app({**app_config, **extra})
    client = app.test_client()
    numbers = []
    for i, nik in enumerate(("3671011708950001", "3671011708950003"), start=1):
        posted = client.post(BOGA, data=valid_answers(nik=nik, phone=f"0812-0000-000{i}"))
        assert posted.status_code == 303, posted.get_data(as_text=True)
        numbers.append(posted.headers["Location"].rsplit("/", 1)[1])
    app.extensions["katalog"].store.close()

    monkeypatch.setenv("KATALOG_DATA_DIR", str(form_catalog))
    # the form stamps registrations with the real clock; the clerk's "today" comes after it
    monkeypatch.setenv("KATALOG_TODAY", "2030-01-01")
    monkeypatch.setenv("KATALOG_QUEUE_PATH", app_config["QUEUE_PATH"])
    if where == "database":
        monkeypatch.setenv("KATALOG_DATABASE_URL", pg_url)
    else:
        monkeypatch.delenv("KATALOG_DATABASE_URL", raising=False)

    def run(*args: str):
        result = CliRunner().invoke(queue, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    assert "Terdaftar            : 2" in run("stats", "--run", "blk-contoh/tata-boga/2027-1")
    run("set", numbers[0], "Diundang seleksi", "--by", "Petugas Contoh")
    shown = run("show", numbers[0])
    assert "Diundang seleksi" in shown and "oleh Petugas Contoh" in shown
    out = tmp_path / "hasil.xlsx"
    run("export", "--run", "blk-contoh/tata-boga/2027-1", "--out", str(out))
    sheet = load_workbook(out)["tata-boga 2027-1"]
    assert sorted(row[0].value for row in sheet.iter_rows(min_row=2)) == sorted(numbers)
    assert "tidak ada masalah" in run("verify")
    public = tmp_path / "pengumuman.json"
    run("publish", "--out", str(public))
    assert public.exists()
    run("purge", "--id", numbers[1], "--yes")
    assert "Terdaftar            : 1" in run("stats", "--run", "blk-contoh/tata-boga/2027-1")

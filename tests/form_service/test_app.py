"""The app's routes, status codes, pages and configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from form_service import create_app
from form_service.config import ConfigError
from tests.form_service.app_fixtures import (
    BOGA,
    BOGA_CLOSED,
    BOGA_UPCOMING,
    JAHIT,
    SITE_URL,
    valid_answers,
)


def register(client, url=BOGA, **changes):
    return client.post(url, data=valid_answers(**changes))


# --- the form page --------------------------------------------------------------------------


def test_form_page_shows_course_run_and_rules(client):
    response = client.get(BOGA)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="id">' in html
    assert '<h1 class="title">Tata Boga</h1>' in html
    assert "Angkatan 2027-1" in html
    assert "1–22 Februari 2027" in html
    assert "Kantor Kelurahan Sukarasa" in html
    assert "Kelurahan Sukarasa, Kecamatan Tangerang, Kota Tangerang, Banten" in html
    assert "<dd>Gratis</dd>" in html
    assert "Berusia 18 sampai 45 tahun saat pelatihan dimulai." in html
    assert "Alamat di KTP berada di Kota Tangerang, Banten." in html
    assert "Daftar paling lambat <strong>Jumat, 22 Januari 2027</strong>." in html
    assert "KTP (asli dan fotokopi), Kartu Keluarga (fotokopi)" in html
    assert 'id="kirim"' in html
    assert '<a href="/daftar/privasi">pemberitahuan privasi</a>' in html


@pytest.mark.parametrize(
    "name",
    [
        "full_name",
        "nik",
        "birth_date",
        "gender",
        "phone",
        "email",
        "village",
        "address",
        "education",
        "employment_status",
        "dtks",
        "disability",
        "motivation",
        "consent",
        "website",
    ],
)
def test_every_field_has_its_name_as_id(client, name):
    html = client.get(BOGA).get_data(as_text=True)
    assert f'id="{name}"' in html
    assert f'name="{name}"' in html


def test_village_select_offers_only_accepted_villages_grouped_by_kecamatan(client):
    html = client.get(BOGA).get_data(as_text=True)
    assert '<optgroup label="Kecamatan Tangerang, Kota Tangerang">' in html
    assert '<option value="3671011001">Sukarasa</option>' in html
    assert 'value="3603' not in html  # Kabupaten Tangerang is not accepted
    assert "luar-banten" not in html


def test_village_select_for_anyone_offers_banten_and_outside_banten(client):
    html = client.get(JAHIT).get_data(as_text=True)
    assert '<option value="luar-banten">Alamat KTP di luar Provinsi Banten</option>' in html
    assert 'value="3603' in html and 'value="3673' in html and 'value="3671011001"' in html


def test_honeypot_is_hidden_from_people(client):
    html = client.get(BOGA).get_data(as_text=True)
    assert '<div class="hp" aria-hidden="true">' in html
    assert 'name="website" value="" tabindex="-1" autocomplete="off"' in html


def test_unknown_run_is_404_in_indonesian_with_link_to_catalogue(client):
    response = client.get("/daftar/blk-contoh/tata-boga/2099-9")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Halaman tidak ditemukan" in html
    assert f'<a class="button" href="{SITE_URL}">Lihat katalog pelatihan</a>' in html


def test_run_not_open_yet_is_410_saying_when_it_opens(client):
    response = client.get(BOGA_UPCOMING)
    assert response.status_code == 410
    html = response.get_data(as_text=True)
    assert "Pendaftaran belum dibuka" in html
    assert "Pendaftaran dibuka Senin, 4 Januari 2027" in html
    assert "<form" not in html


def test_closed_run_is_410_saying_it_closed(client):
    response = client.get(BOGA_CLOSED)
    assert response.status_code == 410
    html = response.get_data(as_text=True)
    assert "Pendaftaran sudah ditutup" in html
    assert "sudah ditutup pada Jumat, 23 Oktober 2026" in html


def test_post_to_closed_run_is_410_and_writes_nothing(client, app_config):
    assert register(client, BOGA_CLOSED).status_code == 410
    assert not Path(app_config["QUEUE_PATH"]).exists()


@pytest.mark.parametrize(
    ("today", "status"),
    [("2026-11-15", 410), ("2026-11-16", 200), ("2027-01-22", 200), ("2027-01-23", 410)],
)
def test_registration_dates_are_inclusive(make_app, today, status):
    assert make_app(TODAY=today).test_client().get(BOGA).status_code == status


# --- register and the receipt -----------------------------------------------------------


def test_valid_registration_redirects_303_to_receipt(client):
    response = register(client)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/daftar/terima/KP-")


def test_receipt_shows_number_course_dates_status_and_next_steps(client):
    location = register(client).headers["Location"]
    registration_id = location.rsplit("/", 1)[1]
    response = client.get(location)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Pendaftaran tercatat" in html
    assert "Pendaftaran diterima" not in html  # "diterima" is a selection result now
    assert f'id="registration-number">{registration_id}</strong>' in html
    assert "<dd>Contoh Pendaftar</dd>" in html
    assert "<dd>Tata Boga</dd>" in html
    # The run is named once: "Angkatan: 2027-1", not "Angkatan: Angkatan 2027-1".
    assert "<div><dt>Angkatan</dt><dd>2027-1</dd></div>" in html
    assert "Angkatan 2027-1" not in html
    assert "1–22 Februari 2027" in html
    assert "Kantor Kelurahan Sukarasa" in html
    assert '<dd id="registration-status">Terdaftar</dd>' in html
    assert "Petugas akan menghubungi Anda lewat WhatsApp untuk jadwal wawancara." in html
    assert "<li>Kartu Keluarga (fotokopi)</li>" in html
    assert response.headers["X-Robots-Tag"] == "noindex"
    assert response.headers["Cache-Control"] == "no-store"


def test_receipt_shows_no_nik_and_no_phone(client):
    html = client.get(register(client).headers["Location"]).get_data(as_text=True)
    assert "3671011708950001" not in html
    assert "81200000001" not in html


def test_receipt_tells_waitlisted_applicant(client):
    register(client, nik="3671011708950001")
    register(client, nik="3671011708950003", phone="081200000003")
    location = register(client, nik="3671011708950004", phone="081200000004").headers["Location"]
    html = client.get(location).get_data(as_text=True)
    # The applicant reads the same words the staff exports and statistics use.
    assert '<h1 class="panel__title">Anda masuk daftar tunggu</h1>' in html
    assert '<dd id="registration-status">Daftar tunggu</dd>' in html
    assert (
        "Jumlah pendaftar angkatan ini sudah mencapai batas, jadi Anda masuk daftar tunggu. "
        "Petugas akan menghubungi Anda jika ada tempat kosong."
    ) in html
    assert "cadangan" not in html


FULL_NOTICE = (
    '<div class="notice notice--full" id="run-full">\n  <p>Kuota angkatan ini sudah penuh. '
    "Anda tetap bisa mendaftar, tetapi masuk daftar tunggu.</p>\n</div>"
)


def test_form_of_a_full_run_says_new_applicants_go_on_the_waiting_list(client):
    # tata-boga 2027-1 has an applicant cap of 2; the cached page must not hide the change.
    assert "daftar tunggu" not in client.get(BOGA).get_data(as_text=True)
    register(client, nik="3671011708950001")
    assert "daftar tunggu" not in client.get(BOGA).get_data(as_text=True)
    register(client, nik="3671011708950003", phone="081200000003")
    html = client.get(BOGA).get_data(as_text=True)
    assert FULL_NOTICE in html
    assert html.index(FULL_NOTICE) < html.index('<form class="form"')
    # ...also when the form comes back with errors
    html = register(client, nik="3671011708950004", phone="").get_data(as_text=True)
    assert FULL_NOTICE in html
    # ...and the run's counts in /api/runs agree
    counts = client.get("/api/runs/blk-contoh/tata-boga/2027-1").json
    assert counts["registered"] + counts["waitlist"] == 2


def test_form_of_a_run_without_applicant_cap_never_says_full(client):
    for i, nik in enumerate(["3671011708950001", "3671011708950003", "3671011708950004"]):
        assert register(client, JAHIT, nik=nik, phone=f"08120000000{i + 1}").status_code == 303
    assert "daftar tunggu" not in client.get(JAHIT).get_data(as_text=True)


@pytest.mark.parametrize("registration_id", ["nope", "KP-IIII-OOOO-LLLL"])
def test_malformed_receipt_number_is_404(client, registration_id):
    register(client)
    assert client.get(f"/daftar/terima/{registration_id}").status_code == 404


def test_unknown_receipt_of_this_browser_is_404(client):
    register(client)
    unknown = "KP-0000-0000-0001"
    with client.session_transaction() as session:
        session["receipts"] = [*session.get("receipts", []), unknown]
    assert client.get(f"/daftar/terima/{unknown}").status_code == 404


def test_receipt_number_this_browser_did_not_register_goes_to_the_status_page(client, make_app):
    # The same answer for an unknown number and for somebody else's: no name is shown, the
    # status page asks for the birth date.
    location = register(client).headers["Location"]
    number = location.rsplit("/", 1)[1]
    other_browser = make_app().test_client()
    for registration_id in ("KP-0000-0000-0001", number):
        response = other_browser.get(f"/daftar/terima/{registration_id}")
        assert response.status_code == 303
        assert response.headers["Location"] == f"/daftar/status?nomor={registration_id}"
        assert "Contoh Pendaftar" not in response.get_data(as_text=True)


def test_session_cookie_follows_a_key_rotation(app, client):
    # The session's signer is kept between requests (form_service.sessions); it must still
    # follow SECRET_KEY and SECRET_KEY_FALLBACKS when an operator rotates the key.
    location = register(client).headers["Location"]
    old_key = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "rotated-test-secret-not-for-production"
    app.config["SECRET_KEY_FALLBACKS"] = [old_key]
    response = client.get(location)
    assert response.status_code == 200
    assert "<dd>Contoh Pendaftar</dd>" in response.get_data(as_text=True)
    app.config["SECRET_KEY_FALLBACKS"] = []
    response = client.get(location)  # the old cookie no longer opens the receipt
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/daftar/status?nomor=")


def test_session_cookies_of_flasks_default_format_are_still_read(app, client):
    # Cookies from before form_service.sessions (zlib-compressed, tagged JSON) keep working
    # after a deploy, and Flask's default reads ours (a rollback keeps them too).
    from flask.sessions import SecureCookieSessionInterface

    location = register(client).headers["Location"]
    number = location.rsplit("/", 1)[1]
    default = SecureCookieSessionInterface().get_signing_serializer(app)
    ours = app.session_interface.get_signing_serializer(app)
    session = {"csrf_token": "0" * 40, "receipts": [number] * 5}
    assert default.loads(ours.dumps(session)) == session
    other_browser = app.test_client()
    other_browser.set_cookie(app.config["SESSION_COOKIE_NAME"], default.dumps(session))
    response = other_browser.get(location)
    assert response.status_code == 200
    assert "<dd>Contoh Pendaftar</dd>" in response.get_data(as_text=True)


def test_receipt_is_printable(client):
    html = client.get(register(client).headers["Location"]).get_data(as_text=True)
    assert 'class="button button--secondary print-button" hidden' in html
    with client.get("/daftar/static/form.css") as response:
        assert "@media print" in response.get_data(as_text=True)


# --- JSON for the static site ---------------------------------------------------------------


def test_run_api_reports_status_and_counts_without_personal_data(client):
    register(client)
    response = client.get("/api/runs/blk-contoh/tata-boga/2027-1")
    assert response.status_code == 200
    assert response.json == {
        "status": "dibuka",
        "quota": 1,
        "registered": 1,
        "waitlist": 0,
        "opens": "2026-11-16",
        "closes": "2027-01-22",
    }
    assert response.headers["Access-Control-Allow-Origin"] == "https://katalog.example.org"
    assert response.headers["Cache-Control"] == "public, max-age=60"


def test_run_api_upcoming_and_unknown(client):
    assert client.get("/api/runs/blk-contoh/tata-boga/2027-2").json["status"] == "akan-dibuka"
    response = client.get("/api/runs/blk-contoh/tata-boga/2099-1")
    assert response.status_code == 404
    assert response.json == {"error": "angkatan tidak ditemukan"}


def test_run_api_allows_any_origin_when_site_url_is_relative(make_app):
    response = make_app(SITE_URL="/").test_client().get("/api/runs/blk-contoh/menjahit/2027-1")
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"


def test_healthz_fails_when_registrations_could_not_be_written(make_app, tmp_path, monkeypatch):
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder", encoding="utf-8")
    under_a_file = make_app(QUEUE_PATH=str(blocker / "queue.jsonl")).test_client()
    response = under_a_file.get("/healthz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == f"queue folder {blocker} is under a file"

    folder_as_queue = tmp_path / "antrean"
    folder_as_queue.mkdir()
    response = make_app(QUEUE_PATH=str(folder_as_queue)).test_client().get("/healthz")
    assert (response.status_code, response.get_data(as_text=True)) == (
        503,
        "antrean is not a writable file",
    )

    from registrations import jsonl

    monkeypatch.setattr(jsonl, "MIN_FREE_BYTES", 1 << 62)
    response = make_app(QUEUE_PATH=str(tmp_path / "var" / "queue.jsonl")).test_client()
    assert response.get("/healthz").get_data(as_text=True) == "disk full"


# --- security headers ---------------------------------------------------------------------


def test_strict_security_headers_on_every_page(client):
    for url in (BOGA, "/daftar/x/y/z", "/healthz"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        for part in (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ):
            assert part in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Strict-Transport-Security" not in headers


def test_no_inline_script_or_style_in_pages(client):
    location = register(client).headers["Location"]
    for url in (BOGA, location, BOGA_UPCOMING, "/daftar/x/y/z"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>" not in html and "<style" not in html and "style=" not in html
        assert "onclick" not in html


def test_hsts_and_secure_cookie_when_configured(make_app):
    client = make_app(HSTS=True, SECURE_COOKIES=True, WTF_CSRF_ENABLED=True).test_client()
    response = client.get(BOGA)
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_is_httponly_and_lax(make_app):
    cookie = make_app(WTF_CSRF_ENABLED=True).test_client().get(BOGA).headers["Set-Cookie"]
    assert cookie.startswith("katalog_sesi=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_proxy_fix_uses_forwarded_client_address(make_app):
    app = make_app(PROXY_COUNT=1)

    @app.get("/_test/ip")
    def ip():
        from flask import request

        return request.remote_addr or ""

    client = app.test_client()
    assert client.get("/_test/ip", headers={"X-Forwarded-For": "203.0.113.9"}).text == (
        "203.0.113.9"
    )


# --- configuration ----------------------------------------------------------------------------


def test_refuses_to_start_in_production_without_secret_key(app_config):
    config = {**app_config, "TESTING": False, "SECRET_KEY": None}
    with pytest.raises(ConfigError) as error:
        create_app(config)
    assert "KATALOG_SECRET_KEY belum diisi" in str(error.value)
    assert "KATALOG_SECRET_KEY is not set" in str(error.value)


def test_refuses_to_start_with_queue_inside_site(app_config, tmp_path):
    site = tmp_path / "site"
    config = {**app_config, "SITE_DIR": str(site), "QUEUE_PATH": str(site / "q.jsonl")}
    with pytest.raises(ConfigError, match="berada di dalam folder situs"):
        create_app(config)


def test_starts_with_a_database_url_and_healthz_answers_503_when_it_cannot_be_reached(
    monkeypatch, app_config
):
    # Nothing listens on port 1: the app must start anyway (the store connects lazily, after
    # gunicorn forks) and monitoring must learn that registrations cannot be written.
    url = "postgresql://katalog:rahasia@127.0.0.1:1/katalog"
    for key in ("SECRET_KEY", "DATA_DIR", "TODAY", "SITE_URL"):
        monkeypatch.setenv(f"KATALOG_{key}", str(app_config[key]))
    monkeypatch.setenv("KATALOG_RATELIMIT_ENABLED", "false")
    monkeypatch.setenv("KATALOG_DATABASE_URL", url)

    app = create_app()

    assert app.config["DATABASE_URL"] == url
    assert app.config["STORE_LOCATION"] == url
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_data(as_text=True)
    assert "rahasia" not in response.get_data(as_text=True)


def test_refuses_to_start_with_broken_catalog_listing_problems(app_config, form_catalog):
    (form_catalog / "blk-contoh" / "menjahit.yml").write_text("id: menjahit\ntitel: x\n")
    with pytest.raises(ConfigError) as error:
        create_app(app_config)
    assert "menjahit.yml:" in str(error.value)
    assert "Data katalog di" in str(error.value)


def test_reads_prefixed_environment(monkeypatch, app_config):
    for key in ("SECRET_KEY", "QUEUE_PATH", "DATA_DIR", "TODAY", "SITE_URL"):
        monkeypatch.setenv(f"KATALOG_{key}", str(app_config[key]))
    monkeypatch.setenv("KATALOG_RATELIMIT_ENABLED", "false")
    monkeypatch.setenv("KATALOG_PROXY_COUNT", "2")
    monkeypatch.setenv("KATALOG_HSTS", "true")
    app = create_app()
    assert app.config["RATELIMIT_ENABLED"] is False
    assert app.config["PROXY_COUNT"] == 2
    assert app.config["HSTS"] is True
    assert app.config["TODAY"].isoformat() == "2026-11-23"
    assert app.config["SECRET_KEY"] == app_config["SECRET_KEY"]


def test_numeric_secret_key_from_environment_stays_text(monkeypatch, app_config):
    for key in ("QUEUE_PATH", "DATA_DIR", "TODAY"):
        monkeypatch.setenv(f"KATALOG_{key}", str(app_config[key]))
    monkeypatch.setenv("KATALOG_SECRET_KEY", "12345678901234567890")
    assert create_app().config["SECRET_KEY"] == "12345678901234567890"


def test_bad_today_is_refused(app_config):
    with pytest.raises(ConfigError, match="KATALOG_TODAY '23-11-2026' bukan tanggal"):
        create_app({**app_config, "TODAY": "23-11-2026"})


def test_queue_file_is_private(client, app_config):
    register(client)
    assert Path(app_config["QUEUE_PATH"]).stat().st_mode & 0o777 == 0o600


def test_record_is_one_json_line(client, app_config):
    register(client)
    lines = Path(app_config["QUEUE_PATH"]).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0])["run_id"] == "blk-contoh/tata-boga/2027-1"


def test_every_setting_is_documented_for_operators():
    from form_service.config import DEFAULTS, SETTINGS

    guide = (Path(__file__).parents[2] / "docs" / "produksi.md").read_text(encoding="utf-8")
    assert [key for key in SETTINGS if f"`KATALOG_{key}`" not in guide] == []
    assert set(SETTINGS) <= set(DEFAULTS)


def test_unexpected_error_is_500_page_without_details(make_app, caplog):
    app = make_app()

    @app.get("/daftar/_test/boom")
    def boom():
        raise RuntimeError("rahasia internal")

    response = app.test_client().get("/daftar/_test/boom")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Terjadi kesalahan di server" in html and "rahasia internal" not in html


def test_wrong_method_is_405_page(client):
    response = client.delete(BOGA)
    assert response.status_code == 405
    assert "Cara membuka halaman ini salah" in response.get_data(as_text=True)
    assert "GET" in response.headers["Allow"]


def test_privacy_notice_states_version_and_retention(make_app):
    client = make_app(CONSENT_VERSION="2027-01-01", RETENTION_MONTHS=3).test_client()
    response = client.get("/daftar/privasi")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<p class="caption" id="privacy-version">Versi 2027-01-01</p>' in html
    assert "Data disimpan sampai 3 bulan setelah angkatan yang Anda pilih selesai" in html


def test_consent_links_to_configured_privacy_notice(make_app):
    client = make_app(PRIVACY_URL="https://contoh.example.org/privasi").test_client()
    html = client.get(BOGA).get_data(as_text=True)
    assert '<a href="https://contoh.example.org/privasi">pemberitahuan privasi</a>' in html


def test_footer_and_receipt_say_free_only_when_it_is_true(make_app, form_catalog):
    free = make_app().test_client()
    assert "Semua pelatihan di katalog ini gratis." in free.get(BOGA).get_data(as_text=True)
    receipt = free.get(register(free).headers["Location"]).get_data(as_text=True)
    assert "Pendaftaran dan pelatihan ini gratis." in receipt

    course = form_catalog / "blk-contoh" / "tata-boga.yml"
    text = course.read_text(encoding="utf-8")
    course.write_text(
        text.replace("title: Tata Boga\n", "title: Tata Boga\nfee: 1250000\n"), "utf-8"
    )
    paid = make_app(QUEUE_PATH=str(form_catalog.parent / "paid.jsonl")).test_client()
    page = paid.get(BOGA).get_data(as_text=True)
    assert "Semua pelatihan di katalog ini gratis." not in page
    assert "Biaya pelatihan, bila ada, tertulis di halaman pelatihannya." in page
    receipt = paid.get(register(paid).headers["Location"]).get_data(as_text=True)
    assert "Pendaftaran dan pelatihan ini gratis." not in receipt
    assert "Pendaftaran ini gratis. Biaya pelatihan Rp1.250.000 hanya dibayar" in receipt

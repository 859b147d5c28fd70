"""The form's answers: every field's wrong values, the error summary, values kept, escaping,
CSRF, the honeypot, request limits and unreadable bodies."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import escape

from catalog.nik import MSG_EMPTY, MSG_NOT_DIGITS, MSG_UNKNOWN_PROVINCE, MSG_WRONG_LENGTH
from catalog.phone import MSG_BAD_CHARACTERS, MSG_FOREIGN, MSG_NOT_MOBILE
from catalog.phone import MSG_EMPTY as MSG_PHONE_EMPTY
from form_service import forms
from form_service.errors import describe_wait
from form_service.views import MSG_CSRF, MSG_HONEYPOT
from registrations.models import Applicant
from registrations.rules import MSG_BIRTH_NIK, MSG_DTKS_UNKNOWN, MSG_GENDER_NIK
from tests.form_service.app_fixtures import BOGA, BOGA_CLOSED, JAHIT, NIK_MAN, valid_answers


def post(client, url=BOGA, **changes):
    return client.post(url, data=valid_answers(**changes))


def error_of(html: str, name: str) -> str | None:
    """The message shown next to field ``name``."""
    match = re.search(
        rf'<p class="error-message" id="{name}-error"><span class="visually-hidden">'
        r"Kesalahan: </span>(.*?)</p>",
        html,
        re.S,
    )
    return match.group(1) if match else None


BAD_INPUTS = [
    # (field, value, message)
    ("full_name", "", forms.MSG_NAME_EMPTY),
    ("full_name", "   ", forms.MSG_NAME_EMPTY),
    ("full_name", "A" * 101, forms.MSG_NAME_LONG),
    ("full_name", "3671011708950001", forms.MSG_NAME_LETTERS),
    ("nik", "", MSG_EMPTY),
    ("nik", "36710117089500O1", MSG_NOT_DIGITS),
    ("nik", "367101170895", MSG_WRONG_LENGTH.format(count=12)),
    ("nik", "9911011708950001", MSG_UNKNOWN_PROVINCE.format(code="99")),
    ("birth_date", "", forms.MSG_BIRTH_EMPTY),
    ("birth_date", "17 Agustus 1995", forms.MSG_BIRTH_FORMAT),
    ("birth_date", "31-02-1995", forms.MSG_BIRTH_INVALID),
    ("birth_date", "17-08-2030", forms.MSG_BIRTH_FUTURE),
    ("birth_date", "17-08-1994", MSG_BIRTH_NIK),
    ("gender", "", forms.MSG_GENDER_EMPTY),
    ("gender", "X", forms.MSG_GENDER_EMPTY),
    ("gender", "P", MSG_GENDER_NIK),
    ("phone", "", MSG_PHONE_EMPTY),
    ("phone", "0812abc", MSG_BAD_CHARACTERS),
    ("phone", "021-5550000", MSG_NOT_MOBILE),
    ("phone", "+6581234567", MSG_FOREIGN),
    ("email", "bukan-email", forms.MSG_EMAIL),
    ("email", "a@b", forms.MSG_EMAIL),
    ("village", "", forms.MSG_VILLAGE_EMPTY),
    ("village", "9999999999", forms.MSG_VILLAGE_EMPTY),
    ("address", "", forms.MSG_ADDRESS_EMPTY),
    ("address", "x" * 201, forms.MSG_ADDRESS_LONG),
    ("education", "", forms.MSG_EDUCATION_EMPTY),
    ("education", "phd", forms.MSG_EDUCATION_EMPTY),
    ("employment_status", "", forms.MSG_EMPLOYMENT_EMPTY),
    ("dtks", "", forms.MSG_DTKS_EMPTY),
    ("dtks", "mungkin", forms.MSG_DTKS_EMPTY),
    ("disability", "d" * 201, forms.MSG_DISABILITY_LONG),
    ("motivation", "m" * 501, forms.MSG_MOTIVATION_LONG.format(count=501)),
    ("consent", None, forms.MSG_CONSENT),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD_INPUTS)
def test_bad_input_gets_message_next_to_field_and_summary(client, app_config, name, value, message):
    response = post(client, **{name: value})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert error_of(html, name) == escape(message)
    assert "Ada 1 hal yang perlu diperbaiki" in html
    assert f'<li><a href="#{name}">{escape(message)}</a></li>' in html
    assert not Path(app_config["QUEUE_PATH"]).exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", forms.MSG_VILLAGE_EMPTY),
        ("3603011001", None),  # a real village, but the course only accepts Kota Tangerang
        ("luar-banten", None),
    ],
)
def test_domicile_is_judged_by_ktp_village_not_nik(client, value, message):
    html = post(client, village=value).get_data(as_text=True)
    expected = message or (
        "Pelatihan ini hanya untuk warga ber-KTP Kota Tangerang, Banten. "
        "Pilih kelurahan/desa sesuai alamat di KTP Anda; jika KTP Anda dari wilayah lain, pilih "
        "pelatihan lain."
    )
    assert error_of(html, "village") == escape(expected)


def test_nik_issued_elsewhere_is_fine_when_ktp_address_is_accepted(client):
    # NIK issued in Kota Serang (3673), KTP address now in Kota Tangerang: accepted.
    response = post(client, nik="3673011708950001")
    assert response.status_code == 303


def test_nik_with_spaces_and_dots_is_accepted(client, app_config):
    assert post(client, nik="3671 0117 0895 0001").status_code == 303


@pytest.mark.parametrize(
    "typed",
    [
        "17-08-1995",
        "17/08/1995",
        "17.08.1995",
        "17081995",
        "1995-08-17",
        "17 - 8 - 1995",
        "17/8/1995",
    ],
)
def test_birth_date_typed_by_hand_is_accepted(client, typed):
    assert post(client, birth_date=typed).status_code == 303


def test_several_errors_all_listed_in_order_with_values_kept(client):
    response = post(client, nik="123", phone="", full_name="Contoh Pendaftar", consent=None)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Ada 3 hal yang perlu diperbaiki" in html
    links = re.findall(r'<li><a href="#(\w+)">', html)
    assert links == ["nik", "phone", "consent"]
    assert 'id="error-summary" tabindex="-1"' in html
    assert 'value="Contoh Pendaftar"' in html
    assert 'value="123"' in html
    assert 'aria-describedby="nik-hint nik-error"' in html
    assert 'aria-invalid="true"' in html
    assert "<title>Perbaiki isian: " in html


def test_every_typed_value_is_kept_after_an_error(client):
    answers = dict(
        full_name="Contoh Pendaftar Dua",
        email="contoh@example.org",
        address="Jl. Contoh No. 9",
        disability="Tuna rungu; mohon juru bahasa isyarat",
        motivation="Ingin membuka warung.",
        gender="L",
        dtks="ya",
        education="smp",
        employment_status="terdampak-phk",
        village="3671011001",
        birth_date="17/08/1995",
        phone="",  # the one error
    )
    html = post(client, **answers).get_data(as_text=True)
    assert 'value="Contoh Pendaftar Dua"' in html
    assert 'value="contoh@example.org"' in html
    assert ">\nJl. Contoh No. 9</textarea>" in html
    assert 'value="Tuna rungu; mohon juru bahasa isyarat"' in html
    assert ">\nIngin membuka warung.</textarea>" in html
    assert 'id="gender" name="gender" value="L" checked' in html
    assert 'id="dtks" name="dtks" value="ya" checked' in html
    assert '<option value="smp" selected>' in html
    assert '<option value="terdampak-phk" selected>' in html
    assert '<option value="3671011001" selected>' in html
    assert 'value="17/08/1995"' in html
    assert 'name="consent" value="y" id="consent" checked' in html


TEXT_FIELDS = [
    "full_name",
    "nik",
    "birth_date",
    "phone",
    "email",
    "address",
    "disability",
    "motivation",
]


@pytest.mark.parametrize("name", TEXT_FIELDS)
def test_html_in_every_text_field_is_escaped(client, name):
    attack = '"><script>alert(1)</script><b onmouseover=x>'
    html = post(client, **{name: attack, "consent": None}).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "<b onmouseover" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_spreadsheet_formula_text_is_kept_and_stored_as_typed(client, app):
    formula = '=HYPERLINK("http://contoh.invalid","klik")'
    response = post(client, full_name=formula, address="+SUM(1,2)", motivation="@cmd")
    assert response.status_code == 303
    with app.app_context():
        from form_service import state

        registration = state.store().get(response.headers["Location"].rsplit("/", 1)[1])
    assert registration.applicant.full_name == formula
    assert registration.applicant.address == "+SUM(1,2)"
    assert registration.applicant.motivation == "@cmd"


def stored_applicant(app, response) -> Applicant:
    with app.app_context():
        from form_service import state

        return state.store().get(response.headers["Location"].rsplit("/", 1)[1]).applicant


def test_line_breaks_count_as_one_character_as_in_the_browser(client, app):
    # Chromium's maxlength counts a line break as one character but submits it as CRLF: the
    # 500 characters the browser allowed (5 of them line breaks) must not become 505 here.
    motivation = "\n".join(["m" * 82] * 5 + ["m" * 85])
    assert len(motivation) == 500
    address = "\n".join(["Jl. Contoh No. 1", "RT 001/RW 002", "a" * 169])
    assert len(address) == 200
    response = post(
        client, motivation=motivation.replace("\n", "\r\n"), address=address.replace("\n", "\r\n")
    )
    assert response.status_code == 303
    applicant = stored_applicant(app, response)
    assert applicant.motivation == motivation  # stored with LF line breaks
    assert applicant.address == address


def test_too_long_text_with_line_breaks_is_counted_as_the_applicant_sees_it(client):
    motivation = "\r\n".join(["m" * 100] * 4 + ["m" * 97])  # 501 characters in the textarea
    html = post(client, motivation=motivation).get_data(as_text=True)
    assert error_of(html, "motivation") == (
        "Tulisan ini paling banyak 500 huruf; yang Anda tulis 501 huruf. Persingkat tulisan Anda."
    )


def test_old_mac_line_breaks_are_stored_as_lf(client, app):
    response = post(client, motivation="satu\rdua")
    assert stored_applicant(app, response).motivation == "satu\ndua"


def test_dtks_tidak_tahu_is_not_enough_for_a_dtks_course(client):
    html = post(client, dtks="tidak-tahu").get_data(as_text=True)
    assert error_of(html, "dtks") == escape(MSG_DTKS_UNKNOWN)


def test_dtks_tidak_for_a_dtks_course(client):
    html = post(client, dtks="tidak").get_data(as_text=True)
    assert error_of(html, "dtks") == (
        "Pelatihan ini khusus untuk warga yang terdaftar di DTKS/DTSEN (data keluarga kurang "
        "mampu). Jika Anda tidak termasuk, pilih pelatihan lain."
    )


def test_dtks_not_asked_of_courses_without_target_group(client):
    assert post(client, JAHIT, dtks="tidak-tahu", village="luar-banten").status_code == 303


@pytest.mark.parametrize(
    ("nik", "birth", "message"),
    [
        # 17 years old on 1 Feb 2027
        (
            "3671011708090001",
            "17-08-2009",
            "Usia Anda saat pelatihan dimulai (17 tahun) di bawah batas minimal 18 tahun. "
            "Pilih pelatihan lain yang sesuai usia Anda.",
        ),
        # 46 years old on 1 Feb 2027
        (
            "3671011708800001",
            "17-08-1980",
            "Usia Anda saat pelatihan dimulai (46 tahun) melebihi batas maksimal 45 tahun. "
            "Pilih pelatihan lain yang sesuai usia Anda.",
        ),
    ],
)
def test_age_at_start_of_run(client, nik, birth, message):
    html = post(client, nik=nik, birth_date=birth).get_data(as_text=True)
    assert error_of(html, "birth_date") == escape(message)


def test_age_limits_are_inclusive_on_the_start_day(client):
    # 18th birthday on the first day of the run (1 Feb 2027)
    assert post(client, nik="3671010102090001", birth_date="01-02-2009").status_code == 303


def test_education_minimum(client):
    html = post(client, JAHIT, education="sd").get_data(as_text=True)
    assert error_of(html, "education") == (
        "Pelatihan ini mensyaratkan pendidikan paling rendah SMP/sederajat. "
        "Pilih pelatihan lain yang sesuai pendidikan Anda."
    )


def test_woman_nik_and_gender(client):
    assert post(client, nik="3671015708950002", gender="P").status_code == 303


# --- CSRF, honeypot, limits -----------------------------------------------------------------


def csrf_client(make_app):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    html = client.get(BOGA).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    return client, token


def test_valid_csrf_token_registers(make_app):
    client, token = csrf_client(make_app)
    response = client.post(BOGA, data={**valid_answers(), "csrf_token": token})
    assert response.status_code == 303


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_missing_or_bad_csrf_token_rerenders_with_values_and_fresh_token(make_app, token):
    client, _good = csrf_client(make_app)
    data = valid_answers(full_name="Contoh Pendaftar Tiga")
    if token is not None:
        data["csrf_token"] = token
    response = client.post(BOGA, data=data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert MSG_CSRF in html
    assert 'id="form-notice" tabindex="-1"' in html
    assert 'value="Contoh Pendaftar Tiga"' in html
    fresh = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    # ...and sending again with the fresh token works
    assert client.post(BOGA, data={**data, "csrf_token": fresh}).status_code == 303


def test_expired_csrf_token_rerenders_with_values(make_app, monkeypatch):
    client, token = csrf_client(make_app)
    import time

    later = time.time() + 5 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(BOGA, data={**valid_answers(), "csrf_token": token})
    assert response.status_code == 422
    assert MSG_CSRF in response.get_data(as_text=True)


def test_lost_session_cookie_rerenders_with_values(make_app):
    client, token = csrf_client(make_app)
    client.delete_cookie("katalog_sesi")
    response = client.post(BOGA, data={**valid_answers(), "csrf_token": token})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert MSG_CSRF in html and 'value="Contoh Pendaftar"' in html


def test_filled_honeypot_records_nothing_and_keeps_values(client, app_config):
    response = post(client, website="http://spam.example")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert MSG_HONEYPOT in html
    assert 'name="website" value="" tabindex="-1"' in html
    assert 'value="Contoh Pendaftar"' in html
    assert not Path(app_config["QUEUE_PATH"]).exists()


def test_oversize_body_is_413_page(client):
    response = post(client, motivation="x" * 20_000)
    assert response.status_code == 413
    assert "Isian terlalu panjang" in response.get_data(as_text=True)


def multipart(fields: list[tuple[str, str]]) -> bytes:
    parts = [
        f'--b\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields
    ]
    return ("".join(parts) + "--b--\r\n").encode()


def test_multipart_form_is_accepted(client):
    body = multipart(list(valid_answers().items()))
    response = client.post(BOGA, data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 303


def test_too_many_form_parts_is_413(client, app_config):
    body = multipart(list(valid_answers().items()) + [(f"x{i}", "1") for i in range(60)])
    response = client.post(BOGA, data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert "Isian terlalu panjang" in response.get_data(as_text=True)
    assert not Path(app_config["QUEUE_PATH"]).exists()


def test_invalid_utf8_body_is_400_page_not_a_crash(client, app_config):
    response = client.post(
        BOGA,
        data=b"full_name=\xff\xfe&nik=" + NIK_MAN.encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "Isian yang dikirim tidak dapat kami baca" in response.get_data(as_text=True)
    assert not Path(app_config["QUEUE_PATH"]).exists()


def test_invalid_utf8_in_multipart_is_replaced_and_kept_escaped(client):
    body = b'--b\r\nContent-Disposition: form-data; name="full_name"\r\n\r\n\xff\xfe\r\n--b--\r\n'
    response = client.post(BOGA, data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 422
    assert "\ufffd" in response.get_data(as_text=True)


def test_rate_limited_post_gets_the_form_back_with_every_value_and_the_wait(make_app):
    # A kelurahan office's Wi-Fi: many residents behind one address.
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT="2 per minute").test_client()
    assert post(client, phone="").status_code == 422
    assert post(client, phone="").status_code == 422
    typed = {
        "full_name": "Contoh Pendaftar Ketiga",
        "address": "Jl. Contoh No. 3\nRT 003/RW 004",
        "motivation": "Ingin membuka warung.",
        "disability": "Tuna rungu",
        "email": "contoh3@example.org",
    }
    response = post(client, nik="3671011708950003", phone="081200000003", **typed)
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert (
        '<div class="notice" id="form-notice" tabindex="-1" role="status">\n  <p>'
        "Terlalu banyak pendaftaran dari jaringan ini. Isian Anda belum terkirim dan masih ada "
        "di bawah. Tunggu 1 menit, lalu tekan Kirim pendaftaran lagi.</p>"
    ) in html
    for name in ("full_name", "email", "disability"):
        assert f'name="{name}" value="{escape(typed[name])}"' in html
    assert 'value="3671011708950003"' in html
    assert 'value="081200000003"' in html
    assert 'value="17-08-1995"' in html
    assert ">\nJl. Contoh No. 3\nRT 003/RW 004</textarea>" in html
    assert ">\nIngin membuka warung.</textarea>" in html
    assert '<option value="3671011001" selected>' in html
    assert '<option value="sma" selected>' in html
    assert re.search(r'name="gender" value="L"\s*checked', html)
    assert re.search(r'name="consent" value="y"[^>]*checked', html)
    assert error_of(html, "phone") is None  # nothing was judged: the form was not read yet
    # Seconds until the one-minute window resets: 60, or 59 when a second boundary just passed.
    assert 55 <= int(response.headers["Retry-After"]) <= 60
    assert client.get(BOGA).status_code == 200  # reading the form is never limited


def test_rate_limit_wait_follows_the_configured_window(make_app, app_config):
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT="1 per hour").test_client()
    assert post(client, phone="").status_code == 422
    response = post(client)
    assert response.status_code == 429
    assert "Tunggu 1 jam, lalu tekan Kirim pendaftaran lagi." in response.get_data(as_text=True)
    assert 3500 <= int(response.headers["Retry-After"]) <= 3600
    assert not Path(app_config["QUEUE_PATH"]).exists()


def test_rate_limit_page_elsewhere_says_how_long_to_wait(make_app):
    # A POST that has no form to give back (here: a closed run) gets the error page.
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT="1 per hour").test_client()
    assert post(client, BOGA_CLOSED).status_code == 410
    response = post(client, BOGA_CLOSED)
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "Terlalu banyak percobaan" in html
    assert (
        "Dari jaringan Anda sudah terlalu banyak formulir dikirim dalam waktu singkat. "
        "Tunggu 1 jam, lalu kirim lagi."
    ) in html
    assert "satu menit" not in html


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1, "1 menit"),
        (60, "1 menit"),
        (61, "2 menit"),
        (3540, "59 menit"),
        (3600, "1 jam"),
        (3601, "1 jam 1 menit"),
        (5400, "1 jam 30 menit"),
        (86400, "24 jam"),
    ],
)
def test_wait_in_plain_indonesian(seconds, text):
    assert describe_wait(seconds) == text


def test_rate_limit_counts_per_client_address(make_app):
    client = make_app(RATELIMIT_ENABLED=True, RATELIMIT="1 per minute").test_client()
    first = {"REMOTE_ADDR": "192.0.2.1"}
    second = {"REMOTE_ADDR": "192.0.2.2"}
    # A form with every answer missing (an empty body is no form at all and gets 400).
    answers = {"full_name": ""}
    assert client.post(BOGA, data=answers, environ_base=first).status_code == 422
    assert client.post(BOGA, data=answers, environ_base=first).status_code == 429
    assert client.post(BOGA, data=answers, environ_base=second).status_code == 422


def test_each_visitor_gets_their_own_token_on_the_cached_page(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    first, second = app.test_client(), app.test_client()
    tokens = []
    for client in (first, second, first):
        html = client.get(BOGA).get_data(as_text=True)
        tokens.append(re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1))
        assert "\x00" not in html
    assert tokens[0] != tokens[1]  # one raw token per session
    assert tokens[0].split(".")[0] == tokens[2].split(".")[0]  # same session, same raw token
    response = second.post(BOGA, data={**valid_answers(), "csrf_token": tokens[0]})
    assert response.status_code == 422  # first's token is no good in second's session


@pytest.mark.parametrize(
    "nik",
    [
        "9471011708950001",  # Kota Jayapura before the Papua provinces were renumbered (2022)
        "6473011708950001",  # Kota Tarakan before Kalimantan Utara was created (2012)
    ],
)
def test_a_nik_issued_under_an_old_regency_code_can_register(app, client, nik):
    """A NIK keeps the codes of the region that issued it; the KTP address decides domicile."""
    response = post(client, nik=nik)
    assert response.status_code == 303
    assert stored_applicant(app, response).nik.value == nik

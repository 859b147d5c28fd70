"""/daftar/status: an applicant reads their own status; nobody can probe someone else's."""

from __future__ import annotations

import pytest

from form_service import state
from form_service.status_page import MSG_NOT_FOUND, MSG_NUMBER_FORMAT
from registrations.status import NEXT_STEP, Status
from registrations.store import Change
from tests.form_service.app_fixtures import BOGA, valid_answers

STATUS = "/daftar/status"


def register(client) -> str:
    response = client.post(BOGA, data=valid_answers())
    assert response.status_code == 303, response.get_data(as_text=True)
    return response.headers["Location"].rsplit("/", 1)[1]


def look_up(client, number: str, birth: str = "17-08-1995"):
    return client.post(STATUS, data={"number": number, "birth_date": birth})


def test_the_page_asks_for_number_and_birth_date_without_javascript(client):
    response = client.get(STATUS)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert 'name="number"' in html and 'name="birth_date"' in html
    assert "<script" not in html.split("</form>")[0].split("<form")[1]


def test_number_and_birth_date_show_the_status_the_next_step_and_when_it_changed(app, client):
    number = register(client)
    response = look_up(client, number.lower().replace("-", ""))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert '<h1 class="panel__title" id="status-label">Terdaftar</h1>' in html
    assert NEXT_STEP[Status.REGISTERED] in html
    assert "Tata Boga" in html and "Angkatan 2027-1" in html
    assert "Contoh Pendaftar" not in html  # the name is not needed to read a status

    with app.app_context():
        store = state.store()
        store.record([Change(number, Status.INVITED, "Petugas Contoh")])
        store.record(
            [Change(number, Status.REJECTED, "Petugas Contoh", reason="Kuota sudah terisi")]
        )
    html = look_up(client, number).get_data(as_text=True)
    assert 'id="status-label">Tidak diterima</h1>' in html
    assert "Kuota sudah terisi" in html
    assert NEXT_STEP[Status.REJECTED] in html


def test_a_reserve_sees_their_rank(app, client):
    number = register(client)
    with app.app_context():
        state.store().record([Change(number, Status.RESERVE, "Petugas Contoh", rank=2)])
    html = look_up(client, number).get_data(as_text=True)
    assert 'id="status-label">Cadangan (urutan 2)</h1>' in html


def test_a_wrong_number_and_a_wrong_birth_date_get_the_same_answer(client):
    number = register(client)
    wrong_birth = look_up(client, number, "18-08-1995")
    unknown_number = look_up(client, "KP-0000-0000-0000", "18-08-1995")
    assert wrong_birth.status_code == unknown_number.status_code == 200
    assert MSG_NOT_FOUND in wrong_birth.get_data(as_text=True)

    def page(response) -> str:
        return response.get_data(as_text=True).replace(number, "").replace("KP-0000-0000-0000", "")

    assert page(wrong_birth) == page(unknown_number)


@pytest.mark.parametrize(
    ("number", "birth", "field", "message"),
    [
        ("", "17-08-1995", "number", "Nomor pendaftaran belum diisi"),
        ("KP-123", "17-08-1995", "number", MSG_NUMBER_FORMAT),
        ("KP-0000-0000-0000", "", "birth_date", "Tanggal lahir belum diisi"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_kept(client, number, birth, field, message):
    response = look_up(client, number, birth)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html
    assert message in html
    if number:
        assert f'value="{number}"' in html


def test_lookups_of_one_number_are_limited_from_any_address(make_app):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT="100 per minute")
    client = app.test_client()
    number = register(client)
    answers = []
    for i in range(6):
        response = client.post(
            STATUS,
            data={"number": number, "birth_date": "01-01-1990"},
            environ_base={"REMOTE_ADDR": f"192.0.2.{i + 1}"},
        )
        answers.append(response.status_code)
    assert answers == [200] * 5 + [429]
    other = client.post(
        STATUS,
        data={"number": "KP-0000-0000-0000", "birth_date": "01-01-1990"},
        environ_base={"REMOTE_ADDR": "192.0.2.50"},
    )
    assert other.status_code == 200


def test_the_receipt_links_to_the_status_page(client):
    number = register(client)
    html = client.get(f"/daftar/terima/{number}").get_data(as_text=True)
    assert "Pendaftaran tercatat" in html
    assert f'href="{STATUS}" id="status-link"' in html


def test_a_receipt_opens_only_in_the_browser_that_registered(app, client):
    number = register(client)
    assert client.get(f"/daftar/terima/{number}").status_code == 200

    stranger = app.test_client()  # someone who read the number on a public list
    response = stranger.get(f"/daftar/terima/{number}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"{STATUS}?nomor={number}"
    page = stranger.get(response.headers["Location"]).get_data(as_text=True)
    assert f'value="{number}"' in page
    assert "perangkat yang dipakai untuk mendaftar" in page
    assert "Contoh Pendaftar" not in page


def test_an_unknown_and_a_known_number_look_the_same_to_a_stranger(app, client):
    number = register(client)
    stranger = app.test_client()
    known = stranger.get(f"/daftar/terima/{number}")
    unknown = stranger.get("/daftar/terima/KP-0000-0000-0001")
    assert known.status_code == unknown.status_code == 303


@pytest.mark.parametrize("path", [BOGA, STATUS, "/daftar/privasi"])
def test_form_pages_carry_the_example_data_banner_of_the_site(client, path):
    html = client.get(path).get_data(as_text=True)
    assert '<p class="example-banner" id="data-contoh"><strong>Data contoh.</strong>' in html

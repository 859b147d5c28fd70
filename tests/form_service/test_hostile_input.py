"""Hostile input: every case with its expected status and message, and what reaches the store.

Invisible characters (zero-width, bidirectional marks and overrides, BOM) are removed and text is
NFC-normalised; control characters are refused next to their field; bodies that are not a text
form get the 400 page. Nothing unusual is ever stored.
"""

from __future__ import annotations

import io
import unicodedata

import pytest

from form_service import state
from form_service.errors import PAGES
from form_service.forms import MSG_CONTROL
from tests.form_service.app_fixtures import BOGA, valid_answers

MSG_400 = PAGES[400][1]

# (case, field, typed value, stored value) -- accepted after cleaning
CLEANED = [
    ("right-to-left override in the name", "full_name", "Contoh \u202ePendaftar", "Contoh Pendaftar"),
    ("zero-width space in the name", "full_name", "Con\u200btoh Pendaftar", "Contoh Pendaftar"),
    ("byte order mark before the name", "full_name", "\ufeffContoh Pendaftar", "Contoh Pendaftar"),
    ("decomposed letters become NFC", "full_name", "Contoh Nun\u0303o", "Contoh Nu\u00f1o"),
    ("tab and double spaces in the name", "full_name", "Contoh\t  Pendaftar", "Contoh Pendaftar"),
    ("bidi isolate in the address", "address", "Jl. Contoh \u2066No. 1\u2069", "Jl. Contoh No. 1"),
    ("zero-width joiner in the address", "address", "Jl. Con\u200dtoh 1", "Jl. Contoh 1"),
    ("soft hyphen in the motivation", "motivation", "Ingin be\u00adlajar", "Ingin belajar"),
    ("line breaks kept in the address", "address", "Jl. Contoh 1\r\nRT 001/RW 002", "Jl. Contoh 1\nRT 001/RW 002"),
]  # fmt: skip

# (case, field, typed value) -- refused next to the field with MSG_CONTROL
REFUSED = [
    ("NUL in the name", "full_name", "Contoh\x00Pendaftar"),
    ("escape sequence in the motivation", "motivation", "Ingin \x1b[2Jbelajar"),
    ("line break in the name", "full_name", "Contoh\nPendaftar"),
    ("DEL in the address", "address", "Jl. Contoh\x7f 1"),
    ("C1 control in the disability field", "disability", "tuna\x85rungu"),
    ("bell in the e-mail", "email", "contoh@contoh.com\x07"),
]


def stored(app, response):
    number = response.headers["Location"].rsplit("/", 1)[1]
    with app.app_context():
        return state.store().get(number)


def no_invisible_or_control(text: str | None) -> bool:
    return text is None or not any(
        unicodedata.category(c) in ("Cc", "Cf") and c != "\n" for c in text
    )


@pytest.mark.parametrize(
    ("case", "field", "typed", "expected"), CLEANED, ids=[c[0] for c in CLEANED]
)
def test_invisible_characters_are_removed_before_storing(app, client, case, field, typed, expected):
    response = client.post(BOGA, data=valid_answers(**{field: typed}))
    assert response.status_code == 303, response.get_data(as_text=True)
    registration = stored(app, response)
    assert getattr(registration.applicant, field) == expected
    for value in (
        registration.applicant.full_name,
        registration.applicant.address,
        registration.applicant.motivation,
        registration.applicant.disability,
    ):
        assert no_invisible_or_control(value)  # fmt: skip


@pytest.mark.parametrize(("case", "field", "typed"), REFUSED, ids=[c[0] for c in REFUSED])
def test_control_characters_are_refused_next_to_the_field(
    app, client, queue_path, case, field, typed
):
    response = client.post(BOGA, data=valid_answers(**{field: typed}))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="{field}-error">' in html or f'id="{field}-error"' in html
    error_at = html.index(f'id="{field}-error"')
    assert MSG_CONTROL in html[error_at : error_at + 400]
    assert 'value="0812-0000-0001"' in html  # the other answers are kept
    assert not queue_path.exists()  # nothing stored


def multipart_with_file():
    data = valid_answers()
    data["full_name"] = (io.BytesIO(b"Contoh Pendaftar"), "nama.txt")
    return {"data": data, "content_type": "multipart/form-data"}


BODIES = [
    ("a file part in place of a field", multipart_with_file),
    ("a JSON body", lambda: {"data": '{"full_name": "Contoh"}', "content_type": "application/json"}),
    ("a plain text body", lambda: {"data": "full_name=Contoh", "content_type": "text/plain"}),
    ("a form that is not UTF-8", lambda: {"data": b"full_name=%FF%FE\xff", "content_type": "application/x-www-form-urlencoded"}),
    ("no content type", lambda: {"data": b"full_name=Contoh", "content_type": ""}),
]  # fmt: skip


@pytest.mark.parametrize(("case", "body"), BODIES, ids=[b[0] for b in BODIES])
@pytest.mark.parametrize("path", [BOGA, "/daftar/status"])
def test_bodies_that_are_not_a_text_form_get_the_400_page(client, queue_path, case, body, path):
    response = client.post(path, **body())
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Permintaan tidak dapat dibaca" in html and MSG_400 in html
    assert not queue_path.exists()


@pytest.mark.parametrize("path", [BOGA, "/daftar/status", "/daftar/privasi", "/healthz"])
def test_head_behaves_like_get(client, path):
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code
    assert head.headers["Content-Type"] == get.headers["Content-Type"]
    assert head.headers.get("Cache-Control") == get.headers.get("Cache-Control")
    assert head.get_data() == b""

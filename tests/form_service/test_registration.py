"""Registration against the queue: the record written, duplicates, overlapping runs, the
waiting list, several processes at once, a torn last line and a full disk."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import re
from pathlib import Path

import pytest

from form_service import state
from form_service.views import MSG_QUEUE_DOWN
from registrations import jsonl as jsonl_module
from registrations.models import Registration
from registrations.records import applicant_from, registration_from
from registrations.rules import MSG_DUPLICATE, MSG_OVERLAP, is_resubmission
from registrations.store import StoreUnavailable, open_store
from tests.form_service.app_fixtures import (
    BOGA,
    JAHIT,
    JAHIT_MAY,
    NIK_MAN,
    valid_answers,
    write_form_catalog,
)

BOGA_RUN = "blk-contoh/tata-boga/2027-1"
ID_RE = re.compile(r"KP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


def post(client, url=BOGA, **changes):
    return client.post(url, data=valid_answers(**changes))


def records(path: str | Path) -> list[dict]:
    return [line.record for line in open_store(path).lines()]


def test_record_holds_normalised_answers_in_contract_order(client, app_config):
    response = post(
        client,
        nik="3671 0117 0895 0001",
        birth_date="17/08/1995",
        phone="0812-0000-0001",
        email="contoh@example.org",
        motivation="Ingin membuka usaha katering.",
    )
    assert response.status_code == 303
    [record] = records(app_config["QUEUE_PATH"])
    assert list(record) == [
        "v", "id", "received_at", "run_id", "course_id", "center_id", "status", "applicant",
        "consent",
    ]  # fmt: skip
    assert ID_RE.fullmatch(record["id"])
    assert response.headers["Location"] == f"/daftar/terima/{record['id']}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record["received_at"])
    assert record["run_id"] == "blk-contoh/tata-boga/2027-1"
    assert (record["course_id"], record["center_id"]) == ("tata-boga", "blk-contoh")
    assert record["status"] == "registered"
    assert record["applicant"] == {
        "full_name": "Contoh Pendaftar",
        "nik": "3671011708950001",
        "birth_date": "1995-08-17",
        "gender": "L",
        "phone": "+6281200000001",
        "email": "contoh@example.org",
        "village": "3671011001",
        "address": "Jl. Contoh No. 1 RT 001/RW 002",
        "education": "sma",
        "employment_status": "mencari-kerja",
        "dtks": "ya",
        "disability": None,
        "motivation": "Ingin membuka usaha katering.",
    }
    assert record["consent"] == {
        "version": "2026-11-01",
        "agreed_at": record["received_at"],
        "publish_name": False,  # the checkbox is optional and unticked
    }
    assert record["v"] == 2


def test_consent_to_publish_the_name_is_recorded_when_ticked(client, app_config):
    assert post(client, publish_name="y").status_code == 303
    [record] = records(app_config["QUEUE_PATH"])
    assert record["consent"]["publish_name"] is True


def test_outside_banten_is_recorded_as_such(client, app_config):
    assert post(client, JAHIT, village="luar-banten").status_code == 303
    assert records(app_config["QUEUE_PATH"])[0]["applicant"]["village"] == "luar-banten"


def test_same_nik_twice_for_one_run_is_refused_without_revealing_the_number(client, app_config):
    first = post(client)
    registration_id = first.headers["Location"].rsplit("/", 1)[1]
    response = post(client, full_name="Orang Lain", phone="081200000009")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert MSG_DUPLICATE in html
    assert '<li><a href="#nik">' in html
    assert registration_id not in html
    assert len(records(app_config["QUEUE_PATH"])) == 1


def test_same_nik_typed_differently_is_still_a_duplicate(client):
    post(client)
    assert post(client, nik="3671-0117-0895-0001", phone="081200000009").status_code == 422


# --- the same form sent twice -----------------------------------------------------------------


def test_same_form_sent_twice_gets_the_same_receipt_and_one_record(client, app_config):
    # A double tap, or a resend after the reply was lost on a slow network.
    first = post(client)
    again = post(client)
    assert again.status_code == 303
    assert again.headers["Location"] == first.headers["Location"]
    assert len(records(app_config["QUEUE_PATH"])) == 1
    html = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "Pendaftaran tercatat" in html
    assert MSG_DUPLICATE not in html


def test_resubmission_is_recognised_through_normalised_answers(client, app_config):
    # NIK with dashes, birth date in another notation, phone as +62: the same person.
    first = post(client)
    again = post(
        client,
        nik="3671-0117-0895-0001",
        birth_date="1995-08-17",
        phone="+62 812 0000 0001",
    )
    assert again.status_code == 303
    assert again.headers["Location"] == first.headers["Location"]
    assert len(records(app_config["QUEUE_PATH"])) == 1


def test_a_resubmission_with_any_other_answer_is_refused_as_a_duplicate(client, app_config):
    # Every answer must be the same: whoever knows a NIK, birth date and phone but not the rest
    # does not get to see the receipt (the name, the course) of somebody else.
    first = post(client)
    number = first.headers["Location"].rsplit("/", 1)[1]
    for changed in (
        {"full_name": "Contoh Pendaftar Diketik Ulang"},
        {"address": "Jl. Lain No. 9"},
        {"motivation": "Lain"},
    ):
        response = post(client, **changed)
        assert response.status_code == 422, changed
        html = response.get_data(as_text=True)
        assert MSG_DUPLICATE in html
        assert number not in html
    assert len(records(app_config["QUEUE_PATH"])) == 1


def test_resubmission_of_a_waitlisted_applicant_shows_the_waitlist_receipt(client, app_config):
    for i, nik in enumerate(["3671011708950001", "3671011708950003", "3671011708950004"]):
        last = post(client, nik=nik, phone=f"08120000000{i + 1}")
    again = post(client, nik="3671011708950004", phone="081200000003")
    assert again.headers["Location"] == last.headers["Location"]
    html = client.get(again.headers["Location"]).get_data(as_text=True)
    assert '<dd id="registration-status">Daftar tunggu</dd>' in html
    assert len(records(app_config["QUEUE_PATH"])) == 3


def test_same_nik_and_birth_date_with_another_phone_is_still_refused(client, app_config):
    first = post(client)
    response = post(client, phone="081200000009")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert MSG_DUPLICATE in html
    assert first.headers["Location"].rsplit("/", 1)[1] not in html
    assert len(records(app_config["QUEUE_PATH"])) == 1


def test_same_nik_and_phone_with_another_birth_date_is_still_refused(client, app_config, qf):
    # The form cannot send another birth date for this NIK (it must agree with the NIK), but an
    # earlier record may hold one (the NIK keeps only two digits of the year).
    earlier = qf.make_record(
        1, BOGA_RUN, nik=NIK_MAN, birth_date="1895-08-17", phone="+6281200000001"
    )
    qf.write_queue(Path(app_config["QUEUE_PATH"]), [earlier])
    response = post(client)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert MSG_DUPLICATE in html
    assert earlier["id"] not in html
    assert len(records(app_config["QUEUE_PATH"])) == 1


def test_resubmission_needs_every_answer_and_the_same_run(qf):
    stored = qf.make_record(1, BOGA_RUN, nik=NIK_MAN, birth_date="1995-08-17")
    earlier: Registration = registration_from(stored)
    answers = stored["applicant"]
    same = applicant_from(dict(answers))
    assert is_resubmission(earlier, BOGA_RUN, same)
    assert not is_resubmission(earlier, "blk-contoh/tata-boga/2027-2", same)
    assert not is_resubmission(None, BOGA_RUN, same)
    for key, other in [
        ("phone", "+6281200000009"),
        ("birth_date", "1895-08-17"),
        ("full_name", "Contoh Pendaftar Lain"),
        ("gender", "P"),
        ("email", None),
        ("village", "luar-banten"),
        ("address", "Jl. Lain No. 9"),
        ("education", "s1"),
        ("employment_status", "bekerja"),
        ("dtks", "ya"),
        ("disability", "tunarungu"),
        ("motivation", "Lain"),
    ]:
        assert answers[key] != other
        assert not is_resubmission(earlier, BOGA_RUN, applicant_from({**answers, key: other})), key


def test_overlapping_run_is_refused_without_naming_the_other_course(client, app_config):
    # Privacy: someone who knows a NIK must not learn another course, place or date.
    first = post(client)
    assert first.status_code == 303  # tata-boga, 1-22 Feb 2027
    response = post(client, JAHIT)  # menjahit, 8-26 Feb 2027
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert MSG_OVERLAP in html
    assert '<li><a href="#nik">' in html
    for secret in ("Tata Boga", "tata-boga", "1–22 Februari"):  # same organiser: not secret
        assert secret not in html
    assert first.headers["Location"].rsplit("/", 1)[1] not in html
    assert len(records(app_config["QUEUE_PATH"])) == 1


def test_runs_that_do_not_overlap_are_both_accepted(client, app_config):
    assert post(client).status_code == 303
    assert post(client, JAHIT_MAY).status_code == 303
    assert len(records(app_config["QUEUE_PATH"])) == 2


def test_waitlist_after_applicant_cap(client, app_config, make_app):
    # cap 2: the first two are registered, the third goes to the waiting list
    niks = ["3671011708950001", "3671011708950003", "3671011708950004"]
    for i, nik in enumerate(niks):
        assert post(client, nik=nik, phone=f"08120000000{i + 1}").status_code == 303
    assert [r["status"] for r in records(app_config["QUEUE_PATH"])] == [
        "registered",
        "registered",
        "waitlist",
    ]
    counts = client.get("/api/runs/blk-contoh/tata-boga/2027-1").json
    assert (counts["registered"], counts["waitlist"]) == (2, 1)


def test_waitlisted_registration_still_counts_as_registered_for_duplicates(client):
    for nik in ("3671011708950001", "3671011708950003", "3671011708950004"):
        post(client, nik=nik)
    assert post(client, nik="3671011708950004", phone="081200000009").status_code == 422


def test_registration_written_by_another_worker_is_seen(make_app, app_config):
    first, second = make_app().test_client(), make_app().test_client()
    assert post(first).status_code == 303
    assert post(second, phone="081200000009").status_code == 422
    assert post(second).headers["Location"] == post(first).headers["Location"]
    assert len(records(app_config["QUEUE_PATH"])) == 1


# --- several processes at once ------------------------------------------------------------


def _register_in_process(data_dir: str, queue_path: str, barrier, results, phone: str) -> None:
    from form_service import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "QUEUE_PATH": queue_path,
            "DATA_DIR": data_dir,
            "TODAY": "2026-11-23",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    client = app.test_client()
    barrier.wait()
    response = client.post(BOGA, data=valid_answers(phone=phone))
    results.put((response.status_code, response.headers.get("Location")))


def _register_at_once(tmp_path: Path, phones: list[str]) -> tuple[list[tuple], str]:
    data_dir = str(write_form_catalog(tmp_path / "data"))
    queue_path = str(tmp_path / "var" / "queue.jsonl")
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(phones))
    results = context.Queue()
    workers = [
        context.Process(
            target=_register_in_process, args=(data_dir, queue_path, barrier, results, phone)
        )
        for phone in phones
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return [results.get(timeout=5) for _ in phones], queue_path


def test_same_nik_from_several_processes_at_once_is_accepted_exactly_once(tmp_path):
    # Six different people typing the same NIK (different phones) at the same moment.
    results, queue_path = _register_at_once(tmp_path, [f"08120000000{i}" for i in range(1, 7)])
    assert sorted(status for status, _location in results) == [303] + [422] * 5
    assert [r["applicant"]["nik"] for r in records(queue_path)] == [NIK_MAN]


def test_same_form_from_several_processes_at_once_gets_one_record_and_one_receipt(tmp_path):
    # The same form sent six times at once (resends landing on different workers).
    results, queue_path = _register_at_once(tmp_path, ["081200000001"] * 6)
    assert [status for status, _location in results] == [303] * 6
    assert len({location for _status, location in results}) == 1
    assert len(records(queue_path)) == 1


# --- damaged file and full disk ---------------------------------------------------------------


def test_torn_last_line_does_not_stop_registrations(client, app_config):
    path = Path(app_config["QUEUE_PATH"])
    assert post(client, nik="3671011708950003").status_code == 303
    with open(path, "ab") as handle:
        handle.write(b'{"v":1,"id":"KP-TORN')  # a crash in the middle of a write
    response = post(client)
    assert response.status_code == 303
    lines = list(open_store(path).lines())
    assert [line.problem is None for line in lines] == [True, False, True]
    assert lines[2].record["applicant"]["nik"] == NIK_MAN
    assert client.get(response.headers["Location"]).status_code == 200


def test_full_disk_answers_503_keeps_values_and_writes_nothing(client, app_config, monkeypatch):
    path = Path(app_config["QUEUE_PATH"])
    assert post(client, nik="3671011708950003").status_code == 303
    before = path.read_bytes()

    real_write = os.write

    def full_disk(fd, data):
        if b'"applicant"' in bytes(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(jsonl_module.os, "write", full_disk)
    response = post(client, full_name="Contoh Pendaftar Empat", motivation="Tetap tersimpan")
    assert response.status_code == 503
    html = response.get_data(as_text=True)
    assert MSG_QUEUE_DOWN in html
    assert 'value="Contoh Pendaftar Empat"' in html
    assert "Tetap tersimpan</textarea>" in html
    assert path.read_bytes() == before

    monkeypatch.setattr(jsonl_module.os, "write", real_write)
    assert post(client).status_code == 303  # works again once there is space


def test_half_written_record_is_truncated_on_error(client, app_config, monkeypatch):
    path = Path(app_config["QUEUE_PATH"])
    assert post(client, nik="3671011708950003").status_code == 303
    before = path.read_bytes()
    real_write = os.write

    def short_write(fd, data):
        if b'"applicant"' in bytes(data):
            real_write(fd, bytes(data)[:20])
            raise OSError(errno.EIO, "Input/output error")
        return real_write(fd, data)

    monkeypatch.setattr(jsonl_module.os, "write", short_write)
    assert post(client).status_code == 503
    assert path.read_bytes() == before


def test_receipt_when_queue_unreadable_is_503(client, app, monkeypatch):
    location = post(client).headers["Location"]

    def broken(registration_id):
        raise StoreUnavailable("kesalahan baca/tulis disk")

    with app.app_context():
        monkeypatch.setattr(state.store(), "get", broken)
    response = client.get(location)
    assert response.status_code == 503
    assert "Layanan sedang terganggu" in response.get_data(as_text=True)


def test_no_personal_data_in_logs(client, caplog, monkeypatch):
    caplog.set_level("DEBUG")
    post(client)
    post(client)  # duplicate
    post(client, phone="")  # invalid

    def full_disk(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jsonl_module.os, "write", full_disk)
    post(client, nik="3671011708950003")
    text = caplog.text + json.dumps([r.args for r in caplog.records], default=str)
    for secret in ("3671011708950001", "3671011708950003", "Contoh Pendaftar", "81200000001"):
        assert secret not in text
    assert "store unavailable" in caplog.text


@pytest.mark.parametrize("url", [BOGA, JAHIT])
def test_nothing_but_the_record_fields_is_stored(client, app_config, url):
    post(client, url, village="3671011001", website="")
    [record] = records(app_config["QUEUE_PATH"])
    assert "website" not in record["applicant"] and "csrf_token" not in record["applicant"]
    assert "consent" not in record["applicant"]


def test_one_submission_shows_rule_and_field_errors_together(client, app_config):
    # A landline for WhatsApp AND a birth date that disagrees with the NIK: both are named at
    # once, so the applicant does not fix one thing only to be told about the next.
    response = post(client, phone="021 5551234", birth_date="18-08-1995", dtks="tidak-tahu")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Nomor WhatsApp harus nomor HP yang diawali 08" in html
    assert "Tanggal lahir tidak sama dengan yang tercatat di NIK." in html
    assert not Path(app_config["QUEUE_PATH"]).exists()  # nothing was recorded


@pytest.mark.parametrize(
    ("written", "declares"),
    [("Tunarungu", True), ("kaki kiri diamputasi", True), ("tidak ada", False),
     ("Tidak ada.", False), ("-", False), ("  ", False), ("TDK ADA", False), (None, False)],
)  # fmt: skip
def test_what_counts_as_declaring_a_disability(written, declares):
    from registrations.rules import declares_disability

    assert declares_disability(written) is declares

"""The WhatsApp messages to applicants (registrations/messages.py): exact words per status."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from registrations.messages import Links, RunDetails, message, phone_digits, whatsapp_url
from registrations.status import Status

RUN = RunDetails(
    course="Tata Boga",
    run_id="2027-1",
    center="BLK Contoh",
    start=date(2027, 2, 1),
    selection_kind="wawancara",
    selection_date=date(2027, 1, 25),
    selection_time="08.00–12.00 WIB",
    selection_place="Aula BLK Contoh",
    reregistration_deadline=date(2027, 1, 29),
)
BARE = RunDetails(course="Tata Boga", run_id="2027-1")
WHO = {"name": "Contoh  Pendaftar", "number": "KP-0000-0000-0001"}
WHAT = "pelatihan Tata Boga (angkatan 2027-1), nomor pendaftaran KP-0000-0000-0001"


def test_invitation_with_day_time_and_place() -> None:
    assert message(Status.INVITED, RUN, **WHO) == (
        f"Halo Contoh Pendaftar, terima kasih sudah mendaftar {WHAT}. Anda diundang mengikuti "
        "seleksi (wawancara) pada Senin, 25 Januari 2027, pukul 08.00–12.00 WIB, di Aula BLK "
        "Contoh. Bawa KTP asli dan dokumen persyaratan. Mohon balas pesan ini untuk konfirmasi "
        "kehadiran. Salam, BLK Contoh."
    )


def test_invitation_without_a_day_yet() -> None:
    assert message(Status.INVITED, BARE, **WHO) == (
        f"Halo Contoh Pendaftar, terima kasih sudah mendaftar {WHAT}. Anda diundang mengikuti "
        "seleksi. Hari, jam dan tempatnya akan kami kirim segera. Bawa KTP asli dan dokumen "
        "persyaratan. Mohon balas pesan ini untuk konfirmasi kehadiran."
    )


def test_invitation_with_a_place_only() -> None:
    run = RunDetails(course="Tata Boga", run_id="2027-1", selection_place="Aula")
    assert "Anda diundang mengikuti seleksi di Aula. Keterangan lainnya akan kami kirim " in (
        message(Status.INVITED, run, **WHO)
    )


def test_accepted_with_deadline() -> None:
    assert message(Status.ACCEPTED, RUN, **WHO) == (
        f"Halo Contoh Pendaftar, selamat! Anda diterima sebagai peserta {WHAT}. Pelatihan "
        "dimulai Senin, 1 Februari 2027. Lakukan daftar ulang paling lambat Jumat, 29 Januari "
        "2027 dengan membalas pesan ini. Bila tidak daftar ulang, tempat Anda dapat diberikan "
        "kepada peserta cadangan. Salam, BLK Contoh."
    )


def test_accepted_without_deadline() -> None:
    assert message(Status.ACCEPTED, BARE, **WHO) == (
        f"Halo Contoh Pendaftar, selamat! Anda diterima sebagai peserta {WHAT}. Lakukan daftar "
        "ulang secepatnya dengan membalas pesan ini. Bila tidak daftar ulang, tempat Anda dapat "
        "diberikan kepada peserta cadangan."
    )


def test_reserve_with_rank() -> None:
    assert message(Status.RESERVE, RUN, rank=2, **WHO) == (
        f"Halo Contoh Pendaftar, terima kasih sudah mengikuti seleksi {WHAT}. Anda menjadi "
        "peserta cadangan nomor 2. Bila ada peserta yang mengundurkan diri, kami akan "
        "menghubungi Anda menurut urutan cadangan. Salam, BLK Contoh."
    )


@pytest.mark.parametrize("reason", ["Kuota penuh", "Kuota penuh.", " Kuota  penuh. "])
def test_not_accepted_with_reason(reason: str) -> None:
    assert message(Status.REJECTED, RUN, reason=reason, **WHO) == (
        f"Halo Contoh Pendaftar, terima kasih sudah mengikuti seleksi {WHAT}. Mohon maaf, Anda "
        "belum diterima di angkatan ini. Alasan: Kuota penuh. Anda tetap bisa mendaftar di "
        "angkatan atau pelatihan lain di katalog. Salam, BLK Contoh."
    )


def test_other_statuses_say_the_next_step() -> None:
    assert message(Status.WAITLIST, BARE, **WHO) == (
        f"Halo Contoh Pendaftar, status {WHAT}: Daftar tunggu. Kuota angkatan ini sudah penuh; "
        "Anda ada di daftar tunggu. Petugas akan mengabari Anda bila ada tempat."
    )


def test_details_from_the_catalog_and_options(tmp_path) -> None:
    from catalog.load import require_catalog
    from tests.sample_data import COURSE_YML, TODAY, write_courses

    courses = write_courses(
        tmp_path,
        course=COURSE_YML
        + "    selection_day: {date: 2027-01-25, place: Aula BLK}\n"
        + "    reregistration_deadline: 2027-01-29\n",
    )
    ref = require_catalog(courses, today=TODAY).find_run("blk-contoh/tata-boga/2027-1")
    details = RunDetails.of(ref, ref.public_id, today=date(2027, 1, 20))
    assert (details.course, details.center, details.selection_kind) == (
        "Tata Boga",
        "BLK Contoh",
        "wawancara",
    )
    assert (details.selection_date, details.selection_place) == (date(2027, 1, 25), "Aula BLK")
    assert details.reregistration_deadline == date(2027, 1, 29)
    given = RunDetails.of(
        ref, ref.public_id, selection_place="Kantor Kelurahan", today=date(2027, 1, 30)
    )
    assert given.selection_place == "Kantor Kelurahan"
    assert given.reregistration_deadline is None  # past: never tell a date that has gone
    unknown = RunDetails.of(None, "blk-x/las/2027-1")
    assert (unknown.course, unknown.run_id) == ("angkatan blk-x/las/2027-1", "2027-1")


def test_no_message_holds_a_nik_or_birth_date() -> None:
    for status in Status:
        text = message(status, RUN, rank=1, reason="Tidak hadir", **WHO)
        assert re.search(r"\d{6,}", text) is None  # no NIK, no phone, no birth date


def test_whatsapp_url() -> None:
    url = whatsapp_url("+6281200000001", "Halo Contoh & teman? #1 / 2")
    assert url == (
        "https://wa.me/6281200000001?text=Halo%20Contoh%20%26%20teman%3F%20%231%20%2F%202"
    )
    assert parse_qs(urlsplit(url).query)["text"] == ["Halo Contoh & teman? #1 / 2"]
    assert whatsapp_url("0812", "x") is None
    assert phone_digits("+62 812") is None


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize(
    ("rank", "reason"), [(None, None), (3, None), (None, "Tidak hadir wawancara."), (1, " ")]
)
def test_fast_links_equal_the_plain_ones(status: Status, rank, reason) -> None:
    links = Links(RUN)
    who = {"name": "Siti Contoh-Nur  Ā'isyah", "number": "KP-0000-0000-0002"}
    expected = whatsapp_url("+6281200000002", message(status, RUN, rank=rank, reason=reason, **who))
    assert links.url("+6281200000002", status, rank=rank, reason=reason, **who) == expected
    assert links.url("bukan nomor", status, **who) is None


def test_followup_message_plain_and_without_personal_data():
    from registrations.messages import RunDetails, followup_message

    run = RunDetails(course="Tata Boga", run_id="2027-1", center="Balai Contoh")
    text = followup_message(run, name="Contoh  Alumni", number="KP-0000-0000-0001", month=6)
    assert text == (
        "Halo Contoh Alumni, 6 bulan lalu Anda menyelesaikan pelatihan Tata Boga (angkatan "
        "2027-1), nomor pendaftaran KP-0000-0000-0001. Kami ingin tahu kabar Anda sekarang, agar "
        "pelatihan berikutnya lebih baik. Mohon balas dengan salah satu: 1. Bekerja, 2. "
        "Berwirausaha (punya usaha sendiri), 3. Belum bekerja. Jawaban Anda hanya dihitung "
        "sebagai jumlah dan tidak diumumkan dengan nama. Terima kasih. Salam, Balai Contoh."
    )

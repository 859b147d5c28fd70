"""`katalog queue verify`: every problem with its line number; never a crash."""

from __future__ import annotations

import json
import os

from registrations.records import dump_line as dump_record
from registrations.records import registration_from


def test_clean_queue(queue_cli, queue_path, qf):
    qf.write_queue(
        queue_path, [qf.make_record(1), qf.make_record(2), qf.make_record(3, qf.RUN_MENJAHIT)]
    )

    result = queue_cli("verify")

    assert result.exit_code == 0
    assert result.stdout == "Antrean baik: 3 pendaftaran di 2 angkatan, tidak ada masalah.\n"


def test_empty_queue(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, [])

    result = queue_cli("verify")

    assert result.exit_code == 0
    assert result.stdout == "Antrean kosong: belum ada pendaftaran. Tidak ada masalah.\n"


def test_every_kind_of_problem_with_its_line(queue_cli, queue_path, qf):
    same_nik = qf.make_record(4, nik=qf.fake_nik(1))
    same_id = qf.make_record(5)
    same_id["id"] = qf.fake_id(2)
    unknown_version = {**qf.make_record(6), "v": 3}
    unknown_run = qf.make_record(7, "lain/kursus/2027-1")
    wrong_course = {**qf.make_record(8), "course_id": "menjahit"}
    odd_fields = qf.make_record(9)
    del odd_fields["consent"]
    odd_fields["catatan"] = "x"
    odd_fields["applicant"]["nik"] = "12345"
    odd_fields["status"] = "diterima"
    odd_fields["received_at"] = "5 Januari 2027"
    queue_path.parent.mkdir()
    queue_path.write_bytes(
        dump_record(qf.make_record(1))  # 1
        + dump_record(qf.make_record(2))  # 2
        + b"\x89PNG\r\n"  # 3: binary garbage, then 4: "\x1a..." garbage
        + b"\x1a\n"
        + b'{"full_name":"Contoh \xe9"}\n'  # 5: not UTF-8
        + dump_record(same_nik)  # 6
        + dump_record(same_id)  # 7
        + dump_record(unknown_version)  # 8
        + dump_record(unknown_run)  # 9
        + dump_record(wrong_course)  # 10
        + dump_record(odd_fields)  # 11
        + b'"teks saja"\n'  # 12
        + b"{"
        + b"9" * (2 << 20)
        + b"\n"  # 13: a 2 MB line
        + dump_record(qf.make_record(14))[:50]  # 14: torn
    )

    result = queue_cli("verify")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "baris 3: bukan teks UTF-8 yang sah",
        "baris 4: bukan JSON yang sah",
        "baris 5: bukan teks UTF-8 yang sah",
        f"baris 6: NIK yang sama sudah terdaftar untuk angkatan {qf.RUN_BOGA} di baris 1",
        f"baris 7: nomor pendaftaran {qf.fake_id(2)} sudah dipakai di baris 2",
        "baris 8: versi format 3 tidak dikenal (seharusnya 2)",
        "baris 11: kolom wajib tidak ada: consent",
        "baris 11: kolom tidak dikenal: catatan",
        "baris 11: waktu daftar tidak sah (harus UTC seperti 2027-01-05T02:31:07Z)",
        "baris 11: status tidak dikenal: diterima (harus registered atau waitlist)",
        "baris 11: NIK bukan 16 angka",
        "baris 12: bukan objek JSON (harus diawali '{')",
        "baris 13: baris terlalu panjang (lebih dari 1 MB)",
        "baris 14: baris terakhir terpotong (tidak diakhiri baris baru); "
        "kemungkinan penulisan terhenti",
        # problems found against the catalog name the registration, after the file's problems
        f"{qf.fake_id(7)}: angkatan lain/kursus/2027-1 tidak ada di katalog",
        f"{qf.fake_id(8)}: center_id/course_id tidak cocok dengan angkatan {qf.RUN_BOGA}",
        "Ditemukan 16 masalah di antrean (6 pendaftaran).",
    ]
    for personal in ("Contoh Pendaftar", qf.fake_nik(1), "+62812"):
        assert personal not in result.stdout


def test_binary_garbage_file_does_not_crash(queue_cli, queue_path):
    queue_path.parent.mkdir()
    queue_path.write_bytes(bytes(range(256)) * 50 + os.urandom(5000).replace(b"\n", b""))

    result = queue_cli("verify")

    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "baris 1: bukan JSON yang sah",  # bytes 0..9: control characters, valid UTF-8
        "baris 2: bukan teks UTF-8 yang sah",
    ]
    assert result.stdout.splitlines()[-1].startswith("Ditemukan ")


def test_limit_hides_the_rest_but_counts_them(queue_cli, queue_path):
    queue_path.parent.mkdir()
    queue_path.write_bytes(b"x\n" * 5)

    result = queue_cli("verify", "--limit", "2")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "baris 1: bukan JSON yang sah",
        "baris 2: bukan JSON yang sah",
        "Ditemukan 5 masalah di antrean (0 pendaftaran) (3 tidak ditampilkan; pakai --limit 0).",
    ]


def test_duplicate_nik_in_other_run_is_allowed(queue_cli, queue_path, qf):
    nik = qf.fake_nik(1)
    qf.write_queue(queue_path, [qf.make_record(1), qf.make_record(2, qf.RUN_BOGA_2, nik=nik)])

    assert queue_cli("verify").exit_code == 0


def test_missing_queue_file(queue_cli, queue_path):
    result = queue_cli("verify")

    assert result.exit_code == 1
    assert result.stderr.startswith(f"Gagal: berkas antrean tidak ditemukan: {queue_path}\n")


def test_records_written_by_the_store_verify_clean(queue_cli, queue_path, qf):
    from registrations.jsonl import JsonlStore
    from registrations.status import Status
    from registrations.store import Change

    store = JsonlStore(queue_path)
    ids = []
    for i in (1, 2):
        record = qf.make_record(i)
        record["id"] = store.new_registration_id()
        store.add(lambda snapshot, record=record: registration_from(record))
        ids.append(record["id"])
    store.record([Change(ids[0], Status.INVITED, by="Siti")])
    store.record([Change(ids[0], Status.ACCEPTED, by="Siti")])

    result = queue_cli("verify")

    assert result.exit_code == 0, result.stdout
    assert result.stdout == "Antrean baik: 2 pendaftaran di 1 angkatan, tidak ada masalah.\n"
    assert [json.loads(line)["v"] for line in queue_path.read_text().splitlines()] == [2] * 4


def test_version_2_lines_and_status_changes_are_checked(queue_cli, queue_path, qf):
    from datetime import UTC, datetime

    from registrations.models import StatusEvent
    from registrations.records import event_record
    from registrations.status import Status

    def v2(record, **consent):
        return {**record, "v": 2, "consent": {**record["consent"], **consent}}

    def event(i, number, old, new, **changes):
        moment = datetime(2027, 1, 20, 3, tzinfo=UTC)
        return {
            **event_record(
                StatusEvent(qf.fake_id(i), qf.RUN_BOGA, number, old, new, moment, "Siti")
            ),
            **changes,
        }

    qf.write_queue(
        queue_path,
        [
            v2(qf.make_record(1), publish_name=True),  # 1: fine
            v2(qf.make_record(2)),  # 2: no publish_name
            v2(qf.make_record(3), publish_name="ya"),  # 3: not true or false
            event(1, 1, Status.REGISTERED, Status.INVITED),  # 4: fine
            event(1, 2, Status.REGISTERED, Status.ACCEPTED),  # 5: from the wrong status
            event(9, 1, Status.REGISTERED, Status.INVITED),  # 6: unknown registration
            event(1, 3, Status.ACCEPTED, Status.ATTENDING, v=1),  # 7: events are format 2
            event(1, 3, Status.ACCEPTED, Status.ATTENDING, by=None, seq=0),  # 8
        ],
    )

    result = queue_cli("verify")

    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "baris 2: kolom wajib tidak ada: consent.publish_name",
        "baris 3: consent.publish_name harus true atau false",
        f"baris 5: perubahan status nomor {qf.fake_id(1)} tidak menyambung (dari registered, "
        "urutan 2; seharusnya dari invited, urutan 2)",
        f"baris 6: perubahan status untuk nomor {qf.fake_id(9)} yang tidak ada di baris sebelumnya",
        "baris 7: versi format 1 tidak dikenal untuk perubahan status",
        "baris 8: seq harus bilangan bulat 1 atau lebih",
        "baris 8: kolom by bukan teks",
        "Ditemukan 7 masalah di antrean (1 pendaftaran).",
    ]


def test_a_registration_time_in_the_future_is_a_problem(queue_cli, queue_path, qf):
    qf.write_queue(
        queue_path,
        [
            qf.make_record(1, received_at="2027-01-20T16:59:59Z"),  # 23.59 WIB today: fine
            qf.make_record(2, received_at="2027-01-22T00:00:00Z"),  # beyond tomorrow
        ],
    )
    result = queue_cli("verify")  # today is 2027-01-20 (KATALOG_TODAY)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{qf.fake_id(2)}: waktu daftar 2027-01-22T00:00:00Z masih di masa depan; periksa jam "
        "server formulir, atau apakah data ini pernah diubah",
        "Ditemukan 1 masalah di antrean (2 pendaftaran).",
    ]
    assert qf.fake_id(1) not in result.stdout

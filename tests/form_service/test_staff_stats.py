"""`katalog queue stats`."""

from __future__ import annotations

import json
import re
import stat

import pytest


def fill(qf, queue_path):
    records = [
        qf.make_record(1, received_at="2027-01-05T02:31:07Z"),
        qf.make_record(2, received_at="2027-01-06T10:05:00Z"),
        qf.make_record(3, status="waitlist", received_at="2027-01-05T23:59:00Z"),
        qf.make_record(4, qf.RUN_MENJAHIT, received_at="2027-01-07T01:00:00Z"),
    ]
    return qf.write_queue(queue_path, records)


def test_report_per_run_and_total(queue_cli, queue_path, qf):
    fill(qf, queue_path)

    result = queue_cli("stats")

    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Angkatan {qf.RUN_MENJAHIT}",
        "  Menjahit Busana Muslim dan Seragam Sekolah — angkatan 2027-1",
        "  Terdaftar            : 1",
        "  Daftar tunggu        : 0",
        "  Kuota                : 15",
        "  Pendaftar per kursi  : 0,1",
        "  Pendaftaran terakhir : Kamis, 7 Januari 2027 pukul 08.00 WIB",
        "",
        f"Angkatan {qf.RUN_BOGA}",
        "  Tata Boga untuk Usaha Rumahan — angkatan 2027-1",
        "  Terdaftar            : 2",
        "  Daftar tunggu        : 1",
        "  Kuota                : 20",
        "  Pendaftar per kursi  : 0,2",
        "  Pendaftaran terakhir : Rabu, 6 Januari 2027 pukul 17.05 WIB",
        "",
        # Open today (2027-01-20) and nobody has registered yet: shown, to be looked at.
        f"Angkatan {qf.RUN_BOGA_2}",
        "  Tata Boga untuk Usaha Rumahan — angkatan 2027-2",
        "  Terdaftar            : 0",
        "  Daftar tunggu        : 0",
        "  Kuota                : 10",
        "  Pendaftar per kursi  : 0,0",
        "  Pendaftaran terakhir : -",
        "",
        "Jumlah: 4 pendaftar (3 terdaftar, 1 daftar tunggu) di 3 angkatan.",
    ]
    assert result.stderr == ""


def test_one_run_without_registrations(queue_cli, queue_path, qf):
    fill(qf, queue_path)

    result = queue_cli("stats", "--run", qf.RUN_BOGA_2)

    assert result.exit_code == 0
    assert "  Terdaftar            : 0" in result.stdout
    assert "  Kuota                : 10" in result.stdout
    assert "  Pendaftaran terakhir : -" in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "Jumlah: 0 pendaftar (0 terdaftar, 0 daftar tunggu) di 1 angkatan."
    )


def test_unknown_run_is_a_clear_error(queue_cli, queue_path, qf):
    fill(qf, queue_path)

    result = queue_cli("stats", "--run", "tidak/ada/2027-9")

    assert result.exit_code == 1
    assert result.stderr == (
        "Gagal: angkatan tidak/ada/2027-9 tidak ada di katalog maupun di antrean.\n"
    )


def test_json_for_machines(queue_cli, queue_path, qf):
    fill(qf, queue_path)

    data = json.loads(queue_cli("stats", "--json").stdout)

    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["generated_at"])
    assert data["runs"][qf.RUN_BOGA] == {
        "in_catalog": True,
        "title": "Tata Boga untuk Usaha Rumahan — angkatan 2027-1",
        "registered": 2,
        "waitlist": 1,
        "quota": 20,
        "applicants_per_seat": 0.15,
        "last_received_at": "2027-01-06T10:05:00Z",
    }
    assert data["totals"] == {"registered": 3, "waitlist": 1, "runs": 3}  # 2027-2 is open
    assert data["runs"][qf.RUN_BOGA_2]["registered"] == 0
    assert data["damaged_lines"] == 0


def test_public_stats_have_counts_of_every_run_and_nothing_personal(
    queue_cli, queue_path, qf, tmp_path
):
    fill(qf, queue_path)
    out = tmp_path / "public" / "stats.json"

    result = queue_cli("stats", "--public-out", str(out))

    assert result.exit_code == 0
    assert result.stdout == (
        f"Statistik publik ditulis ke {out} (3 angkatan, tanpa data pribadi).\n"
    )
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"generated_at", "runs"}
    assert data["runs"] == {
        qf.RUN_MENJAHIT: {"registered": 1, "waitlist": 0, "quota": 15},
        qf.RUN_BOGA: {"registered": 2, "waitlist": 1, "quota": 20},
        qf.RUN_BOGA_2: {"registered": 0, "waitlist": 0, "quota": 10},
    }
    text = out.read_text(encoding="utf-8")
    for personal in ("Contoh Pendaftar", qf.fake_nik(1), "KP-", "+62812", "example.org"):
        assert personal not in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_damaged_lines_are_not_counted_and_reported(queue_cli, queue_path, qf):
    fill(qf, queue_path)
    queue_path.write_bytes(queue_path.read_bytes() + b"\xff\xfe\n" + b'{"v":1,"id":"KP-')

    result = queue_cli("stats", "--run", qf.RUN_BOGA)

    assert result.exit_code == 0
    assert "  Terdaftar            : 2" in result.stdout
    assert result.stderr == (
        "Peringatan: 2 baris rusak tidak dihitung. Jalankan: katalog queue verify\n"
    )


def test_missing_queue_file(queue_cli, queue_path):
    result = queue_cli("stats")

    assert result.exit_code == 1
    assert result.stderr == (
        f"Gagal: berkas antrean tidak ditemukan: {queue_path}\n"
        "Periksa --queue atau variabel KATALOG_QUEUE_PATH. Berkas ini baru ada setelah "
        "pendaftaran pertama masuk.\n"
    )


def test_queue_option_wins_over_the_environment(queue_cli, qf, tmp_path):
    other = qf.write_queue(tmp_path / "lain.jsonl", [qf.make_record(1)])

    result = queue_cli("stats", "--queue", str(other))

    assert result.exit_code == 0
    assert "Jumlah: 1 pendaftar" in result.stdout


def test_broken_catalog_is_a_clear_error(queue_cli, queue_path, qf, staff_catalog):
    fill(qf, queue_path)
    (staff_catalog / "disnaker-kota-tangerang" / "tata-boga.yml").write_text(
        "id: tata-boga\ntitel: salah\n", encoding="utf-8"
    )

    result = queue_cli("stats")

    assert result.exit_code == 1
    assert re.fullmatch(
        rf"Gagal: data kursus di {re.escape(str(staff_catalog))} tidak bisa dibaca "
        rf"\(\d+ kesalahan\)\. Jalankan: katalog check {re.escape(str(staff_catalog))}\n",
        result.stderr,
    )


def test_public_stats_are_read_by_the_site_builder(queue_cli, queue_path, qf, tmp_path):
    site_stats = pytest.importorskip("site_builder.stats")
    fill(qf, queue_path)
    out = tmp_path / "stats.json"
    queue_cli("stats", "--public-out", str(out))

    loaded = site_stats.load_stats(out)

    assert loaded.runs[qf.RUN_BOGA] == site_stats.RunCounts(registered=2, waitlist=1, quota=20)

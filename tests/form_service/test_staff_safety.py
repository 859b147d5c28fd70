"""The staff tools never destroy the queue by mistake and never let an applicant's text act on a
clerk's terminal or spreadsheet."""

from __future__ import annotations

import csv
import io
import os
import stat

from registrations.jsonl import JsonlStore as JsonlQueue


def test_export_refuses_to_write_over_the_queue(queue_cli, queue_path, qf):
    qf.write_queue(queue_path, [qf.make_record(1)])
    before = queue_path.read_bytes()
    for target in (queue_path, JsonlQueue(queue_path).lock_path):
        result = queue_cli("export", "--out", str(target))
        assert result.exit_code == 1
        assert result.stderr == (
            f"Gagal: --out {target} adalah berkas antrean itu sendiri; isinya akan hilang. "
            "Pilih nama berkas lain.\n"
        )
    assert queue_path.read_bytes() == before


def test_public_stats_refuse_to_write_over_the_queue_through_another_name(
    queue_cli, queue_path, qf, tmp_path
):
    qf.write_queue(queue_path, [qf.make_record(1)])
    before = queue_path.read_bytes()
    other_name = tmp_path / "nama-lain.json"
    other_name.symlink_to(queue_path)
    result = queue_cli("stats", "--public-out", str(other_name))
    assert result.exit_code == 1
    assert "adalah berkas antrean itu sendiri; isinya akan hilang." in result.stderr
    assert queue_path.read_bytes() == before


def test_export_of_a_run_that_exists_nowhere_is_an_error_not_an_empty_file(
    queue_cli, queue_path, qf, tmp_path
):
    qf.write_queue(queue_path, [qf.make_record(1)])
    out = tmp_path / "hasil.xlsx"
    result = queue_cli("export", "--run", "blk-contoh/tata-boga/2099-9", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        "Gagal: angkatan blk-contoh/tata-boga/2099-9 tidak ada di katalog maupun di antrean.\n"
    )
    assert not out.exists()


def test_csv_cells_after_a_semicolon_cannot_start_a_formula(queue_cli, queue_path, qf, tmp_path):
    record = qf.make_record(
        1, address="Jl. Contoh;=1+1", motivation="Ingin usaha; @SUM(A1) dan ;  -2+3"
    )
    qf.write_queue(queue_path, [record])
    out = tmp_path / "hasil.csv"
    result = queue_cli("export", "--format", "csv", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_bytes().decode("utf-8-sig")
    # As Excel in an Indonesian locale splits it (on ";"): no piece starts a formula.
    pieces = [p.strip() for line in text.splitlines() for p in line.split(";")]
    assert not [p for p in pieces[1:] if p[:1] in ("=", "+", "-", "@")]
    # Read as CSV (comma), the text is kept, with a quote before the formula signs only.
    row = list(csv.reader(io.StringIO(text)))[1]
    assert "Jl. Contoh;'=1+1" in row
    assert "Ingin usaha; '@SUM(A1) dan ;  '-2+3" in row


def test_show_does_not_pass_terminal_control_characters_through(queue_cli, queue_path, qf):
    record = qf.make_record(
        1, full_name="Contoh\x1b[2J Pendaftar", motivation="Baris satu\nbaris\x1b]52;c;eA==\x07 dua"
    )
    qf.write_queue(queue_path, [record])
    result = queue_cli("show", qf.fake_id(1))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    lines = result.stdout.splitlines()
    assert "  Nama lengkap        Contoh\ufffd[2J Pendaftar" in lines
    assert "  Motivasi            Baris satu" in lines
    assert "                      baris\ufffd]52;c;eA==\ufffd dua" in lines


def test_show_does_not_pass_control_characters_of_a_status_change_through(
    queue_cli, queue_path, qf
):
    # Who changed a status, why and the note come from clerks (or a file they import).
    from datetime import UTC, datetime

    from registrations.jsonl import JsonlStore
    from registrations.status import Status
    from registrations.store import Change

    qf.write_queue(queue_path, [qf.make_record(1)])
    JsonlStore(queue_path).record(
        [
            Change(
                qf.fake_id(1),
                Status.REJECTED,
                by="Siti\x1b[2J",
                reason="tidak hadir\x1b]52;c;eA==\x07",
                note="baris satu\nbaris\u202edua",
            )
        ],
        now=datetime(2027, 1, 20, 3, tzinfo=UTC),
    )
    result = queue_cli("show", qf.fake_id(1))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    lines = result.stdout.splitlines()
    assert lines[lines.index("  Riwayat status:") + 1 :] == [
        "    Rabu, 20 Januari 2027 pukul 10.00 WIB: Terdaftar -> Tidak diterima, oleh "
        "Siti\ufffd[2J; alasan: tidak hadir\ufffd]52;c;eA==\ufffd; catatan: baris satu",
        "      baris\ufffddua",
    ]


def test_purge_keeps_a_record_whose_time_is_past_year_9999(queue_cli, queue_path, qf):
    qf.write_queue(
        queue_path,
        [qf.make_record(1, received_at="9999-12-31T23:59:59Z"), qf.make_record(2)],
    )
    result = queue_cli("purge", "--before", "2027-02-01", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Dihapus: 1 pendaftaran. Tetap disimpan: 1."
    assert [r.record["id"] for r in JsonlQueue(queue_path).lines()] == [qf.fake_id(1)]


def test_purge_through_a_symbolic_link_rewrites_the_real_file(
    queue_cli, queue_path, qf, tmp_path, monkeypatch
):
    real = tmp_path / "data" / "antrean.jsonl"
    qf.write_queue(real, [qf.make_record(1), qf.make_record(2, run_id=qf.RUN_MENJAHIT)])
    os.chmod(real, 0o600)
    queue_path.parent.mkdir(parents=True, exist_ok=True)
    queue_path.symlink_to(real)
    result = queue_cli("purge", "--run", qf.RUN_BOGA, "--yes")
    assert result.exit_code == 0, result.stderr
    assert queue_path.is_symlink()
    assert [r.record["id"] for r in JsonlQueue(real).lines()] == [qf.fake_id(2)]
    assert qf.fake_nik(1) not in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_lone_dash_is_shown_as_is_but_a_dash_formula_is_neutralised():
    from form_service.staff.common import neutralise

    assert neutralise("-") == "-"
    assert neutralise("-2+3") == "'-2+3"
    assert neutralise("--") == "'--"


def test_export_summary_counts_like_stats(queue_cli, queue_path, qf, tmp_path):
    import openpyxl

    from form_service.staff.export import SUMMARY_SHEET

    records = [qf.make_record(1), qf.make_record(2, status="waitlist"), qf.make_record(3)]
    records[2]["status"] = "batal"  # not a status the form writes; verify reports it
    qf.write_queue(queue_path, records)
    out = tmp_path / "hasil.xlsx"
    assert queue_cli("export", "--out", str(out)).exit_code == 0
    workbook = openpyxl.load_workbook(out, read_only=True)
    rows = list(workbook[SUMMARY_SHEET].iter_rows(values_only=True))
    workbook.close()
    assert rows[0][-2:] == ("Terdaftar", "Daftar tunggu")
    assert rows[1][-2:] == (1, 1)
    stats = queue_cli("stats", "--run", qf.RUN_BOGA).stdout
    assert "  Terdaftar            : 1" in stats and "  Daftar tunggu        : 1" in stats

"""`katalog queue ...`: the staff commands over the registration queue.

Every command finds the registrations like the form service does (``KATALOG_DATABASE_URL``, else
``KATALOG_QUEUE_PATH``, default ``var/queue.jsonl``; :mod:`registrations.settings`) or takes
``--database URL`` / ``--queue PATH``; commands that need run titles, quotas or region names
load the catalog from ``--data DIR`` (``KATALOG_DATA_DIR``, default ``courses``). Help texts and
output are plain Indonesian for clerks; errors are one Indonesian sentence, never a traceback.
The logic lives in :mod:`form_service.staff`.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import click

from catalog import cli_language
from catalog.dates import WIB, now_utc, today_wib
from registrations.jsonl import JsonlStore
from registrations.settings import (
    DATABASE_URL_VARIABLE,
    DEFAULT_QUEUE_PATH,
    QUEUE_PATH_VARIABLE,
    describe_location,
    store_location,
)
from registrations.store import RegistrationStore, StoreUnavailable, open_store

cli_language.install()  # click's own messages in Indonesian

DEFAULT_QUEUE = DEFAULT_QUEUE_PATH
DEFAULT_DATA = "courses"
PERSONAL_DATA_NOTE = (
    "Berkas ini berisi data pribadi (NIK, nomor HP, alamat). Simpan hanya di komputer kantor, "
    "jangan dikirim lewat grup WhatsApp, dan hapus bila sudah tidak dipakai."
)


class StaffError(click.ClickException):
    """An error for clerks: printed as "Gagal: ..." on stderr, exit code 1, no traceback."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Gagal: {self.format_message()}", err=True, file=file)


def queue_option(function):
    """``--queue`` and ``--database``: where the registrations are (as the form finds them)."""
    function = click.option(
        "--database",
        "database_url",
        envvar=DATABASE_URL_VARIABLE,
        default=None,
        metavar="URL",
        help="Basis data PostgreSQL pendaftaran (postgresql://...). Bila diisi, --queue tidak "
        f"dipakai. Bawaan: variabel {DATABASE_URL_VARIABLE}.",
    )(function)
    return click.option(
        "--queue",
        "queue_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar=QUEUE_PATH_VARIABLE,
        default=DEFAULT_QUEUE,
        metavar="BERKAS",
        help=f"Berkas antrean pendaftaran. Bawaan: variabel {QUEUE_PATH_VARIABLE}, "
        f"atau {DEFAULT_QUEUE}.",
    )(function)


def data_option(function):
    return click.option(
        "--data",
        "data_dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="KATALOG_DATA_DIR",
        default=DEFAULT_DATA,
        metavar="FOLDER",
        help="Folder data kursus (untuk judul, kuota dan nama kelurahan). Bawaan: variabel "
        f"KATALOG_DATA_DIR, atau {DEFAULT_DATA}.",
    )(function)


def run_option(help_text: str):
    return click.option("--run", "run_id", metavar="ID", help=help_text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def queue() -> None:
    """Baca dan rawat antrean pendaftaran: hitung pendaftar, ekspor ke Excel/CSV, catat hasil
    seleksi dan hasil pelatihan (impor dari Excel, ubah satu pendaftaran, naikkan cadangan),
    daftar tindak lanjut alumni, tulis pengumuman,
    periksa berkas, lihat satu pendaftaran, hapus data yang masa simpannya habis."""


# --- shared helpers --------------------------------------------------------------------------


def _missing(queue_path: Path) -> StaffError:
    return StaffError(
        f"berkas antrean tidak ditemukan: {queue_path}\n"
        "Periksa --queue atau variabel KATALOG_QUEUE_PATH. Berkas ini baru ada setelah "
        "pendaftaran pertama masuk."
    )


def _store(queue_path: Path, database_url: str | None) -> RegistrationStore:
    """The store the options name, closed when the command ends; a file store whose file does
    not exist yet is an error."""
    store = open_store(store_location(queue_path, database_url))
    click.get_current_context().call_on_close(store.close)
    if isinstance(store, JsonlStore) and not store.path.exists():
        raise _missing(queue_path)
    return store


def _where(queue_path: Path, database_url: str | None) -> str:
    return describe_location(store_location(queue_path, database_url))


def _not_the_queue(
    out: Path, queue_path: Path, option: str, database_url: str | None = None
) -> None:
    """Refuse an output file that is the queue itself (or its lock file): writing there would
    replace every registration with the export."""
    if database_url:
        return
    store = JsonlStore(queue_path)
    for protected in (store.path, store.lock_path):
        same = out.resolve() == protected.resolve()
        if not same and out.exists() and protected.exists():
            same = os.path.samefile(out, protected)
        if same:
            raise StaffError(
                f"{option} {out} adalah berkas antrean itu sendiri; isinya akan hilang. "
                "Pilih nama berkas lain."
            )


def _catalog(data_dir: Path):
    from catalog.load import CatalogError, require_catalog

    try:
        return require_catalog(data_dir)
    except CatalogError as error:
        raise StaffError(
            f"data kursus di {data_dir} tidak bisa dibaca ({len(error.problems)} kesalahan). "
            f"Jalankan: katalog check {data_dir}"
        ) from None
    except OSError as error:
        raise StaffError(f"data kursus di {data_dir} tidak bisa dibaca: {error.strerror}") from None


def _guard_io(function):
    """Turn a disk error while streaming the queue into a clerk's message."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except StoreUnavailable as error:
            raise StaffError(str(error)) from None
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            raise StaffError(
                f"berkas tidak bisa dibaca atau ditulis{where}: {error.strerror}"
            ) from None

    return wrapper


def _today() -> date:
    fixed = os.environ.get("KATALOG_TODAY")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise StaffError(f"KATALOG_TODAY harus berbentuk TTTT-BB-HH, bukan {fixed!r}") from None
    return today_wib()


def _damaged_warning(count: int) -> None:
    if count:
        click.echo(
            f"Peringatan: {count} baris rusak tidak dihitung. Jalankan: katalog queue verify",
            err=True,
        )


# --- stats -----------------------------------------------------------------------------------


@queue.command()
@run_option("Hanya angkatan ini, id lengkap seperti disnaker-kota-tangerang/tata-boga/2027-1.")
@click.option(
    "--json", "as_json", is_flag=True, help="Cetak dalam format JSON (untuk program lain)."
)
@click.option(
    "--public-out",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="BERKAS",
    help="Tulis berkas statistik TANPA data pribadi (hanya jumlah per angkatan) untuk situs: "
    "katalog build --stats BERKAS.",
)
@queue_option
@data_option
@_guard_io
def stats(
    run_id: str | None,
    as_json: bool,
    public_out: Path | None,
    queue_path: Path,
    database_url: str | None,
    data_dir: Path,
) -> None:
    """Jumlah pendaftar per angkatan: terdaftar, daftar tunggu, kuota, pendaftar per kursi dan
    waktu pendaftaran terakhir (WIB).

    Tanpa --run: setiap angkatan yang sudah punya pendaftar, ditambah setiap angkatan yang
    pendaftarannya dibuka hari ini walau belum ada pendaftar."""
    from form_service.staff import stats as stats_module

    catalog = _catalog(data_dir)
    result = stats_module.collect(_store(queue_path, database_url))
    if run_id is not None and catalog.find_run(run_id) is None and run_id not in result.runs:
        raise StaffError(f"angkatan {run_id} tidak ada di katalog maupun di antrean.")
    if public_out is not None:
        _not_the_queue(public_out, queue_path, "--public-out", database_url)
        data = stats_module.public_stats(result, catalog, now_utc())
        stats_module.write_public(public_out, data)
        click.echo(
            f"Statistik publik ditulis ke {public_out} ({len(data['runs'])} angkatan, "
            "tanpa data pribadi)."
        )
        _damaged_warning(result.damaged_lines)
        return
    run_ids = stats_module.selected_runs(result, run_id, catalog, _today())
    if as_json:
        data = stats_module.as_json(result, catalog, run_ids, now_utc())
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in stats_module.as_text(result, catalog, run_ids):
            click.echo(line)
    _damaged_warning(result.damaged_lines)


# --- export ----------------------------------------------------------------------------------


def message_options(function):
    """Options that fill the WhatsApp messages (they win over the run's YAML)."""
    for option in reversed(
        [
            click.option(
                "--selection-date",
                type=click.DateTime(formats=["%Y-%m-%d"]),
                metavar="TTTT-BB-HH",
                help="Tanggal seleksi untuk pesan undangan (bila belum ada di data angkatan, "
                "kolom selection_day).",
            ),
            click.option(
                "--selection-time",
                metavar="JAM",
                help='Jam seleksi untuk pesan undangan, misalnya "08.00-12.00 WIB".',
            ),
            click.option(
                "--selection-place",
                metavar="TEMPAT",
                help='Tempat seleksi untuk pesan undangan, misalnya "Aula BLK Kota Tangerang".',
            ),
            click.option(
                "--reregistration-deadline",
                type=click.DateTime(formats=["%Y-%m-%d"]),
                metavar="TTTT-BB-HH",
                help='Batas daftar ulang untuk pesan "Diterima" (bila belum ada di data '
                "angkatan, kolom reregistration_deadline).",
            ),
        ]
    ):
        function = option(function)
    return function


def _message_options(
    selection_date: datetime | None,
    selection_time: str | None,
    selection_place: str | None,
    reregistration_deadline: datetime | None,
):
    from form_service.staff.export import MessageOptions

    return MessageOptions(
        selection_date=selection_date.date() if selection_date else None,
        selection_time=(selection_time or "").strip() or None,
        selection_place=(selection_place or "").strip() or None,
        reregistration_deadline=reregistration_deadline.date() if reregistration_deadline else None,
        today=_today(),
    )


@queue.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv"]),
    default="xlsx",
    help="xlsx untuk Excel (satu lembar per angkatan); csv untuk program lain. Bawaan: xlsx.",
)
@run_option("Hanya angkatan ini, id lengkap seperti disnaker-kota-tangerang/tata-boga/2027-1.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="BERKAS",
    help="Nama berkas hasil. Bawaan: pendaftar-<angkatan>-<tanggal>.xlsx (atau .csv) di folder "
    "ini.",
)
@message_options
@queue_option
@data_option
@_guard_io
def export(
    fmt: str,
    run_id: str | None,
    out: Path | None,
    selection_date: datetime | None,
    selection_time: str | None,
    selection_place: str | None,
    reregistration_deadline: datetime | None,
    queue_path: Path,
    database_url: str | None,
    data_dir: Path,
) -> None:
    """Ekspor pendaftar ke berkas Excel (xlsx) atau CSV untuk dihubungi dan diseleksi.

    Setiap pendaftar punya kolom Hasil, Alasan, Urutan cadangan dan Catatan untuk diisi saat
    seleksi (lalu dibaca kembali dengan 'katalog queue import'), dan tautan Kirim WhatsApp
    dengan pesan sesuai statusnya. Berkas hanya bisa dibaca oleh pengguna komputer ini (izin
    0600)."""
    from form_service.staff.export import export as write_export

    catalog = _catalog(data_dir)
    options = _message_options(
        selection_date, selection_time, selection_place, reregistration_deadline
    )
    if out is None:
        slug = run_id.replace("/", "_") if run_id else "semua"
        out = Path(f"pendaftar-{slug}-{_today().isoformat()}.{fmt}")
    _not_the_queue(out, queue_path, "--out", database_url)
    store = _store(queue_path, database_url)
    if run_id is not None and catalog.find_run(run_id) is None:
        if run_id not in store.all_counts():
            raise StaffError(f"angkatan {run_id} tidak ada di katalog maupun di antrean.")
        click.echo(f"Peringatan: angkatan {run_id} tidak ada di katalog.", err=True)
    counts = store.all_counts()
    expected = sum(c.total for rid, c in counts.items() if run_id is None or rid == run_id)
    result = write_export(store.registrations(run_id), out, fmt, catalog, run_id, options)
    # lines that are not registrations at all, and registrations too damaged to export
    result.damaged_lines = store.damaged_count() + max(0, expected - result.records)
    click.echo(
        f"Tersimpan: {out} ({result.records} pendaftar dari {len(result.per_run)} angkatan)."
    )
    click.echo(PERSONAL_DATA_NOTE)
    _damaged_warning(result.damaged_lines)


# --- selection: import, set, promote, publish ------------------------------------------------


def by_option(function):
    return click.option(
        "--by",
        "by",
        metavar="NAMA",
        default=None,
        help="Nama petugas yang dicatat pada setiap perubahan. Bawaan: variabel "
        "KATALOG_STAFF_NAME, atau nama pengguna komputer ini.",
    )(function)


def _by(by: str | None) -> str:
    """Who makes the change: --by, else KATALOG_STAFF_NAME, else the OS user name."""
    import getpass

    name = (by or os.environ.get("KATALOG_STAFF_NAME") or "").strip()
    if not name:
        try:
            name = getpass.getuser()
        except (KeyError, OSError):
            name = ""
    if not name:
        raise StaffError("nama petugas tidak diketahui. Tulis --by NAMA.")
    return " ".join(name.split())


def _counts_text(counter) -> str:  # type: ignore[no-untyped-def]
    from registrations.status import Status

    return ", ".join(f"{status.label} {counter[status]}" for status in Status if counter[status])


@queue.command("import")
@click.argument("file", metavar="BERKAS.xlsx", type=click.Path(path_type=Path))
@by_option
@click.option(
    "--dry-run", is_flag=True, help="Hanya periksa dan hitung perubahan; antrean tidak diubah."
)
@queue_option
@data_option
@_guard_io
def import_(
    file: Path,
    by: str | None,
    dry_run: bool,
    queue_path: Path,
    database_url: str | None,
    data_dir: Path,
) -> None:
    """Baca hasil seleksi dan hasil pelatihan dari berkas Excel hasil 'katalog queue export'
    (kolom Hasil, Alasan, Urutan cadangan, Catatan, Paket usaha, Tindak lanjut 3 bulan,
    Tindak lanjut 6 bulan) dan catat ke antrean.

    Setiap baris diperiksa dulu; setiap masalah disebut sebagai BERKAS:Lembar!baris. Bila ada
    satu saja masalah, tidak ada yang dicatat. Mengimpor berkas yang sama dua kali tidak
    mengubah apa pun."""
    from form_service.staff.results_import import UnreadableWorkbook, plan_import
    from registrations.store import ChangeRefused

    who = _by(by)
    store = _store(queue_path, database_url)
    try:
        # The catalog (run end dates) lets follow-ups be checked against their month; an
        # import without the data folder still works, without that check.
        catalog = _catalog(data_dir) if data_dir.is_dir() else None
        plan = plan_import(file, store, who, label=str(file), catalog=catalog, today=_today())
    except UnreadableWorkbook as error:
        raise StaffError(error.message) from None
    for notice in plan.notices:
        click.echo(f"Catatan: {notice}", err=True)
    if plan.problems:
        for line in plan.problems:
            click.echo(line, err=True)
        raise StaffError(
            f"{len(plan.problems)} masalah di {file}; tidak ada yang dicatat. Perbaiki "
            "barisnya lalu jalankan lagi."
        )
    counts = ", ".join(
        part for part in (_counts_text(plan.per_status()), plan.outcome_text()) if part
    )
    if dry_run:
        if plan.planned:
            click.echo(
                f"Uji coba: {len(plan.planned)} perubahan akan dicatat ({counts}); "
                f"{plan.unchanged} baris tidak berubah. Antrean tidak diubah."
            )
        else:
            click.echo(
                f"Uji coba: tidak ada perubahan; {plan.unchanged} baris sudah sesuai antrean."
            )
        return
    if not plan.planned:
        click.echo(f"Tidak ada perubahan: {plan.unchanged} baris sudah sesuai antrean.")
        return
    try:
        events = store.record(plan.changes, now=now_utc())
    except ChangeRefused as refused:  # changed by someone else since the check
        for rid, message in refused.problems:
            click.echo(f"{plan.where_of(rid)}: {message}", err=True)
        raise StaffError(
            "antrean berubah selama impor; tidak ada yang dicatat. Jalankan lagi."
        ) from None
    click.echo(
        f"Tercatat: {len(events)} perubahan oleh {who} ({counts}); {plan.unchanged} baris "
        "tidak berubah."
    )
    click.echo(
        "Kabari pendaftar: ekspor ulang angkatannya (katalog queue export --run ID) dan klik "
        "Kirim WhatsApp di setiap baris yang berubah."
    )


def _status_word(word: str):  # type: ignore[no-untyped-def]
    from registrations.status import LABELS, Status, parse_status

    status = parse_status(word)
    if status is None:
        words = ", ".join(f'"{LABELS[s]}"' for s in Status)
        raise StaffError(
            f"status \u201c{word}\u201d tidak dikenal. Tulis salah satu: {words} (huruf besar "
            "atau kecil sama saja; kata yang berspasi diberi tanda kutip)."
        )
    return status


def _rank_taken(store, registration, rank: int):  # type: ignore[no-untyped-def]
    """The reserve of the same run that already has ``rank``, if any."""
    for other in store.registrations(registration.run_id):
        if other.id != registration.id and other.reserve_rank == rank:
            return other
    return None


def _echo_link(registration, catalog, options) -> None:  # type: ignore[no-untyped-def]
    from form_service.staff.export import whatsapp_link
    from registrations.messages import Links

    details = options.details(catalog, registration.run_id)
    url = whatsapp_link(registration, Links(details))
    if url:
        click.echo(f"Kirim WhatsApp: {url}")
    else:
        click.echo("Nomor WhatsApp pendaftar ini tidak bisa dipakai; hubungi lewat telepon.")


def _followup_word(word: str):  # type: ignore[no-untyped-def]
    from registrations.outcomes import followup_choices, followup_suggestion, parse_followup

    answer = parse_followup(word)
    if answer is None:
        close = followup_suggestion(word)
        hint = f" Maksud Anda \u201c{close}\u201d?" if close else ""
        raise StaffError(
            f"jawaban tindak lanjut \u201c{word}\u201d tidak dikenal.{hint} Tulis salah satu: "
            f"{followup_choices()} (kata yang berspasi diberi tanda kutip)."
        )
    return answer


@queue.command("set")
@click.argument("registration_id", metavar="NOMOR")
@click.argument("status_word", metavar="[STATUS]", required=False)
@click.option(
    "--reason",
    metavar="ALASAN",
    help='Alasan perubahan; wajib untuk "Tidak diterima" (pendaftar membaca alasan ini).',
)
@click.option(
    "--rank",
    type=click.IntRange(min=1),
    metavar="N",
    help='Urutan cadangan (1 = cadangan pertama); wajib untuk "Cadangan".',
)
@click.option("--note", metavar="CATATAN", help="Catatan petugas untuk perubahan ini.")
@click.option(
    "--starter-package/--no-starter-package",
    "starter_package",
    default=None,
    help='Catat bahwa peserta menerima paket usaha (hanya untuk "Lulus" atau '
    '"Bersertifikat"); --no-starter-package membatalkannya (tulis --reason).',
)
@click.option(
    "--followup",
    "followup_word",
    metavar="JAWABAN",
    help='Jawaban tindak lanjut: "Bekerja", "Berwirausaha", "Belum bekerja" atau "Tidak '
    'dapat dihubungi". Wajib bersama --month.',
)
@click.option(
    "--month",
    type=click.Choice(["3", "6"]),
    metavar="3|6",
    help="Bulan tindak lanjut setelah angkatan selesai: 3 atau 6.",
)
@by_option
@message_options
@queue_option
@data_option
@_guard_io
def set_status(
    registration_id: str,
    status_word: str | None,
    reason: str | None,
    rank: int | None,
    note: str | None,
    starter_package: bool | None,
    followup_word: str | None,
    month: str | None,
    by: str | None,
    selection_date: datetime | None,
    selection_time: str | None,
    selection_place: str | None,
    reregistration_deadline: datetime | None,
    queue_path: Path,
    database_url: str | None,
    data_dir: Path,
) -> None:
    """Ubah status satu pendaftaran, misalnya saat pendaftar mengundurkan diri lewat telepon;
    atau catat paket usaha dan tindak lanjut satu peserta.

    STATUS boleh ditulis seperti di Excel ("Diterima", "Tidak diterima", "Mengundurkan diri",
    ...) atau kodenya (accepted, rejected, withdrawn, ...). Setelah perubahan status tercatat,
    tautan Kirim WhatsApp dengan pesan untuk status barunya dicetak.

    Tanpa STATUS, statusnya tetap: katalog queue set NOMOR --starter-package, atau katalog
    queue set NOMOR --followup "Belum bekerja" --month 6. Jawaban yang sama tidak dicatat dua
    kali."""
    from form_service.staff.show import normalise_id
    from registrations.outcomes import (
        followup_problem,
        starter_problem,
        too_early_problem,
    )
    from registrations.status import NEEDS_REASON, Status, transition_problem
    from registrations.store import Change, ChangeRefused

    wanted = normalise_id(registration_id)
    status = _status_word(status_word) if status_word is not None else None
    answer = _followup_word(followup_word) if followup_word is not None else None
    if (answer is None) != (month is None):
        raise StaffError(
            "--followup dan --month dipakai bersama, misalnya: --followup Bekerja --month 3."
        )
    months = int(month) if month is not None else None
    if status is None and starter_package is None and answer is None:
        raise StaffError(
            'tulis STATUS yang baru (misalnya "Lulus"), atau --starter-package, atau '
            "--followup JAWABAN --month 3|6."
        )
    who = _by(by)
    reason = " ".join((reason or "").split()) or None
    note = " ".join((note or "").split()) or None
    if status is Status.RESERVE and rank is None:
        raise StaffError(
            'status "Cadangan" perlu --rank N: urutan cadangan, 1 untuk cadangan pertama.'
        )
    if status is not Status.RESERVE and rank is not None:
        raise StaffError('--rank hanya untuk status "Cadangan". Hapus --rank.')
    catalog = _catalog(data_dir)
    store = _store(queue_path, database_url)
    registration = store.get(wanted)
    if registration is None:
        raise StaffError(
            f"nomor pendaftaran {wanted} tidak ada di antrean {_where(queue_path, database_url)}."
        )
    target = status if status is not None else registration.status
    moves = status is not None and not (
        status == registration.status and rank == registration.reserve_rank
    )
    outcome = registration.outcome
    gives = starter_package is not None and starter_package != outcome.starter_package
    answers = answer is not None and outcome.followup(months or 0) != answer
    if not (moves or gives or answers):
        said = [f"berstatus \u201c{target.label}\u201d"] if status is not None else []
        if starter_package is not None:
            said.append("paket usaha " + ("sudah tercatat" if starter_package else "tidak ada"))
        if answer is not None:
            said.append(f"tindak lanjut {months} bulan \u201c{answer.label}\u201d")
        click.echo(f"Tidak ada perubahan: {wanted} sudah {', '.join(said)}.")
        return
    if moves:
        if status in NEEDS_REASON and not reason:
            raise StaffError(
                f'status "{target.label}" perlu alasan: tambahkan --reason "..." (pendaftar '
                "membaca alasan ini)."
            )
        problem = transition_problem(registration.status, target, reason)
        if problem is not None:
            raise StaffError(f"{wanted}: {problem}")
    if gives:
        problem = starter_problem(target, bool(starter_package))
        if problem is not None:
            raise StaffError(f"{wanted}: {problem}")
    if answers and months is not None:
        problem = followup_problem(target, months)
        ref = catalog.find_run(registration.run_id)
        if problem is None and ref is not None:
            problem = too_early_problem(ref.end, months, _today())
        if problem is not None:
            raise StaffError(f"{wanted}: {problem}")
    if rank is not None:
        other = _rank_taken(store, registration, rank)
        if other is not None:
            raise StaffError(
                f"urutan cadangan {rank} sudah dipakai {other.id} di angkatan ini. Pilih "
                "urutan lain."
            )
    change = Change(
        wanted,
        status,
        who,
        reason,
        rank,
        note,
        run_id=registration.run_id,
        starter_package=starter_package if gives else None,
        followup_month=months if answers else None,
        followup=answer if answers else None,
    )
    try:
        store.record([change], now=now_utc())
    except ChangeRefused as refused:
        raise StaffError("; ".join(message for _rid, message in refused.problems)) from None
    updated = store.get(wanted) or registration
    done = []
    if moves:
        done.append(f"\u201c{registration.status.label}\u201d \u2192 \u201c{target.label}\u201d")
    if gives:
        done.append("paket usaha " + ("diberikan" if starter_package else "dibatalkan"))
    if answers and answer is not None:
        done.append(f"tindak lanjut {months} bulan \u201c{answer.label}\u201d")
    click.echo(f"Tercatat: {wanted} {'; '.join(done)} oleh {who}.")
    if moves:
        options = _message_options(
            selection_date, selection_time, selection_place, reregistration_deadline
        )
        _echo_link(updated, catalog, options)


@queue.command()
@click.argument("run_id", metavar="ANGKATAN")
@by_option
@click.option(
    "--reregistration-deadline",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="TTTT-BB-HH",
    help="Batas daftar ulang untuk cadangan yang naik (dikutip di pesan WhatsApp). Bawaan: "
    "reregistration_deadline angkatan, bila belum lewat.",
)
@click.option("--yes", is_flag=True, help="Jangan tanya konfirmasi (untuk skrip).")
@queue_option
@data_option
@_guard_io
def promote(
    run_id: str,
    by: str | None,
    reregistration_deadline: datetime | None,
    yes: bool,
    queue_path: Path,
    database_url: str | None,
    data_dir: Path,
) -> None:
    """Tawarkan kursi kosong ke peserta cadangan menurut urutannya (Cadangan -> Diterima).

    Kursi terisi = Diterima + Mengikuti pelatihan + Lulus + Tidak lulus + Bersertifikat; kuota
    angkatan tidak pernah dilewati. Kursi menjadi kosong bila peserta yang diterima dicatat
    "Mengundurkan diri", juga yang tidak daftar ulang sampai batasnya: catat dulu dengan
    katalog queue set NOMOR "Mengundurkan diri" --reason "Tidak daftar ulang"."""
    from catalog.dates import format_date_long
    from form_service.staff.export import MessageOptions
    from form_service.staff.publish import SEAT_HOLDERS
    from registrations.status import Status
    from registrations.store import Change, ChangeRefused

    who = _by(by)
    catalog = _catalog(data_dir)
    ref = catalog.find_run(run_id)
    if ref is None:
        raise StaffError(
            f"angkatan {run_id} tidak ada di katalog, jadi kuotanya tidak diketahui. Tulis id "
            "lengkap seperti disnaker-kota-tangerang/tata-boga/2027-1."
        )
    store = _store(queue_path, database_url)
    members = list(store.registrations(run_id))
    quota = ref.run.quota
    taken = sum(1 for r in members if r.status in SEAT_HOLDERS)
    reserves = sorted(
        (r for r in members if r.status is Status.RESERVE and r.reserve_rank is not None),
        key=lambda r: r.reserve_rank,
    )
    unranked = sum(1 for r in members if r.status is Status.RESERVE and r.reserve_rank is None)
    today = _today()
    deadline = ref.run.reregistration_deadline
    click.echo(f"Angkatan {run_id}: {taken} dari {quota} kursi terisi.")
    if unranked:
        click.echo(
            f"Peringatan: {unranked} cadangan belum punya urutan dan tidak ditawari kursi. "
            'Beri urutan dengan: katalog queue set NOMOR "Cadangan" --rank N',
            err=True,
        )
    free = quota - taken
    if free <= 0 or not reserves:
        if free <= 0:
            click.echo("Tidak ada kursi kosong. Tidak ada yang diubah.")
        else:
            click.echo(
                f"Ada {free} kursi kosong, tetapi tidak ada peserta cadangan. Tidak ada yang "
                "diubah."
            )
        if deadline is not None and deadline < today:
            click.echo(
                f"Batas daftar ulang ({format_date_long(deadline)}) sudah lewat. Peserta yang "
                'tidak daftar ulang dicatat dulu dengan: katalog queue set NOMOR "Mengundurkan '
                'diri" --reason "Tidak daftar ulang", agar kursinya terhitung kosong.'
            )
        return
    offered = reserves[:free]
    click.echo(f"{free} kursi kosong ditawarkan ke cadangan:")
    for r in offered:
        click.echo(f"  cadangan {r.reserve_rank}: {r.id} {r.applicant.full_name}")
    if not yes:
        _confirm(
            f"Terima {len(offered)} cadangan ini? Ketik ya untuk mencatat: ",
            cancelled="dibatalkan, tidak ada yang diubah.",
        )
    changes = [
        Change(
            r.id,
            Status.ACCEPTED,
            who,
            note=f"Naik dari cadangan nomor {r.reserve_rank}",
            run_id=run_id,
        )
        for r in offered
    ]
    try:
        store.record(changes, now=now_utc())
    except ChangeRefused as refused:
        raise StaffError(
            "antrean berubah sementara ini; tidak ada yang dicatat. Jalankan lagi. ("
            + "; ".join(f"{rid}: {message}" for rid, message in refused.problems)
            + ")"
        ) from None
    click.echo(f"Tercatat: {len(offered)} cadangan diterima oleh {who}.")
    options = MessageOptions(
        reregistration_deadline=reregistration_deadline.date() if reregistration_deadline else None,
        today=today,
    )
    for r in offered:
        click.echo(f"{r.id} (cadangan {r.reserve_rank}):")
        _echo_link(store.get(r.id) or r, catalog, options)


@queue.command()
@click.argument("run_id", metavar="ANGKATAN")
@click.option(
    "--month",
    type=click.Choice(["3", "6"]),
    metavar="3|6",
    help="Tindak lanjut bulan ke-3 atau ke-6 setelah angkatan selesai. Bawaan: yang terakhir "
    "jatuh tempo (6 bila sudah lewat 6 bulan, selain itu 3).",
)
@queue_option
@data_option
@_guard_io
def followup(
    run_id: str, month: str | None, queue_path: Path, database_url: str | None, data_dir: Path
) -> None:
    """Daftar alumni yang perlu ditanya kabarnya 3 atau 6 bulan setelah angkatan selesai, masing-
    masing dengan tautan Kirim WhatsApp berisi pertanyaannya.

    Yang masuk daftar: peserta "Lulus" atau "Bersertifikat" yang belum punya jawaban untuk bulan
    itu. Peserta "Tidak lulus" tidak ditanya: angka yang diumumkan adalah "dari yang lulus,
    berapa yang bekerja atau berwirausaha". Catat jawabannya dengan katalog queue set NOMOR
    --followup JAWABAN --month 3|6, atau lewat kolom Tindak lanjut di Excel lalu impor."""
    from catalog.dates import format_date_long
    from form_service.staff.common import phone_local
    from registrations.messages import RunDetails, followup_message, whatsapp_url
    from registrations.outcomes import COMPLETED, FOLLOWUP_MONTHS, followup_due

    catalog = _catalog(data_dir)
    ref = catalog.find_run(run_id)
    if ref is None:
        raise StaffError(
            f"angkatan {run_id} tidak ada di katalog, jadi tanggal selesainya tidak diketahui. "
            "Tulis id lengkap seperti disnaker-kota-tangerang/tata-boga/2027-1."
        )
    today = _today()
    end = ref.end
    if month is not None:
        months = int(month)
    else:
        due_months = [m for m in FOLLOWUP_MONTHS if followup_due(end, m) <= today]
        months = due_months[-1] if due_months else FOLLOWUP_MONTHS[0]
    due = followup_due(end, months)
    if due > today:
        raise StaffError(
            f"tindak lanjut {months} bulan angkatan {run_id} baru jatuh tempo "
            f"{format_date_long(due)} (angkatan selesai {format_date_long(end)}). Belum ada "
            "yang perlu ditanya."
        )
    store = _store(queue_path, database_url)
    alumni = [r for r in store.registrations(run_id) if r.status in COMPLETED]
    waiting = [r for r in alumni if r.outcome.followup(months) is None]
    click.echo(
        f"Tindak lanjut {months} bulan angkatan {run_id} (selesai {format_date_long(end)}, "
        f"jatuh tempo {format_date_long(due)}): {len(waiting)} dari {len(alumni)} alumni "
        "belum dijawab."
    )
    details = RunDetails.of(ref, run_id)
    for r in waiting:
        a = r.applicant
        text = followup_message(details, name=a.full_name, number=r.id, month=months)
        url = whatsapp_url(a.phone.value, text)
        click.echo(f"{r.id}  {a.full_name}  {phone_local(a.phone.value)}")
        if url:
            click.echo(f"  Kirim WhatsApp: {url}")
        else:
            click.echo("  Nomor WhatsApp tidak bisa dipakai; hubungi lewat telepon.")
    if waiting:
        click.echo(
            f"Catat jawabannya: katalog queue set NOMOR --followup JAWABAN --month {months} "
            '(JAWABAN: "Bekerja", "Berwirausaha", "Belum bekerja" atau "Tidak dapat '
            f'dihubungi"), atau isi kolom "Tindak lanjut {months} bulan" di ekspor lalu impor. '
            'Yang tidak menjawab setelah dihubungi: "Tidak dapat dihubungi".'
        )


@queue.command()
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    metavar="BERKAS",
    help="Berkas pengumuman (JSON) untuk situs: katalog build --results BERKAS. Berisi nomor "
    "pendaftaran, nama yang disamarkan dan jumlah; tanpa NIK, tanggal lahir, nomor HP atau "
    "alamat.",
)
@run_option(
    "Hanya angkatan ini, id lengkap seperti disnaker-kota-tangerang/tata-boga/2027-1 (tanpa "
    "jumlah per program)."
)
@queue_option
@data_option
@_guard_io
def publish(
    out: Path, run_id: str | None, queue_path: Path, database_url: str | None, data_dir: Path
) -> None:
    """Tulis berkas pengumuman hasil seleksi untuk situs: per angkatan, jumlah pendaftar,
    yang diundang, diterima dan cadangan, serta daftar yang diterima dan cadangan (nomor
    pendaftaran dan nama yang disamarkan, misalnya S*** C*****; tanpa nama bila pendaftar tidak
    setuju namanya diumumkan). Juga jumlah hasil pelatihan per angkatan dan, untuk halaman
    Capaian, jumlah per program, per kecamatan dan per kelurahan. Jumlah di bawah 5
    disembunyikan, juga jumlah yang dapat dipakai untuk menghitungnya."""
    from form_service.staff.capaian_totals import programme_runs
    from form_service.staff.publish import announcement, write_announcement

    _not_the_queue(out, queue_path, "--out", database_url)
    programmes = None if run_id is not None else programme_runs(_catalog(data_dir))
    store = _store(queue_path, database_url)
    data = announcement(store.registrations(run_id), now_utc(), programmes)
    if run_id is not None and not data["runs"]:
        raise StaffError(f"angkatan {run_id} tidak punya pendaftar di antrean.")
    write_announcement(out, data)
    accepted = sum(run["counts"]["accepted"] for run in data["runs"])
    reserve = sum(run["counts"]["reserve"] for run in data["runs"])
    click.echo(
        f"Pengumuman ditulis ke {out} ({len(data['runs'])} angkatan, {accepted} diterima, "
        f"{reserve} cadangan; tanpa data pribadi)."
    )
    click.echo(f"Lanjutkan dengan: katalog build --results {out}")


# --- verify ----------------------------------------------------------------------------------


@queue.command()
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=200,
    metavar="JUMLAH",
    help="Tampilkan paling banyak sekian masalah (0 = semua). Bawaan: 200.",
)
@queue_option
@data_option
@_guard_io
def verify(limit: int, queue_path: Path, database_url: str | None, data_dir: Path) -> None:
    """Periksa setiap baris antrean: baris rusak atau terpotong, nomor pendaftaran ganda,
    NIK ganda di satu angkatan, angkatan yang tidak ada di katalog, versi format salah.

    Keluar dengan kode 1 bila ada masalah."""
    from form_service.staff.verify import verify as run_verify

    catalog = _catalog(data_dir)
    # "Now" is the end of today in WIB (or of KATALOG_TODAY, for tests and demos).
    end_of_today = datetime.combine(_today(), datetime.max.time(), tzinfo=WIB)
    report = run_verify(_store(queue_path, database_url), catalog, limit=limit, now=end_of_today)
    for line in report.lines_out():
        click.echo(line)
    click.echo(report.summary())
    if not report.clean:
        sys.exit(1)


# --- show ------------------------------------------------------------------------------------


@queue.command()
@click.argument("registration_id", metavar="NOMOR")
@queue_option
@data_option
@_guard_io
def show(registration_id: str, queue_path: Path, database_url: str | None, data_dir: Path) -> None:
    """Tampilkan satu pendaftaran lengkap, misalnya saat menelepon pendaftar.

    NOMOR adalah nomor pendaftaran seperti KP-7K3M-Q9TX-4HBW (huruf kecil dan tanpa tanda
    hubung juga bisa)."""
    from form_service.staff.show import describe, normalise_id

    wanted = normalise_id(registration_id)
    catalog = _catalog(data_dir)
    found = _store(queue_path, database_url).get(wanted)
    if found is None:
        raise StaffError(
            f"nomor pendaftaran {wanted} tidak ada di antrean {_where(queue_path, database_url)}."
        )
    for line in describe(found, catalog):
        click.echo(line)


# --- purge -----------------------------------------------------------------------------------


@queue.command()
@click.option(
    "--expired",
    is_flag=True,
    help="Hapus pendaftaran angkatan yang selesai lebih dari N bulan lalu: masa simpan yang "
    "dijanjikan pemberitahuan privasi sudah habis (N dari KATALOG_RETENTION_MONTHS, bawaan 6).",
)
@click.option(
    "--before",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="TTTT-BB-HH",
    help="Hapus pendaftaran yang masuk sebelum tanggal ini (WIB).",
)
@run_option("Hapus pendaftaran angkatan ini (id lengkap).")
@click.option(
    "--id",
    "registration_id",
    metavar="NOMOR",
    help="Hapus satu pendaftaran, misalnya atas permintaan pendaftarnya.",
)
@click.option("--dry-run", is_flag=True, help="Hanya hitung, jangan ubah berkas.")
@click.option("--yes", is_flag=True, help="Jangan tanya konfirmasi (untuk skrip dan CI).")
@queue_option
@data_option
@_guard_io
def purge(
    expired: bool,
    before: datetime | None,
    run_id: str | None,
    registration_id: str | None,
    dry_run: bool,
    yes: bool,
    queue_path: Path,
    database_url: str | None,
    data_dir: Path,
) -> None:
    """Hapus pendaftaran yang masa simpannya sudah habis, atau yang diminta dihapus.

    Bila beberapa pilihan dipakai bersama, yang dihapus hanya pendaftaran yang cocok dengan
    semuanya. Berkas antrean ditulis ulang dengan aman: pendaftaran yang masuk pada saat yang
    sama tidak hilang dan tidak tercatat dua kali. Baris rusak tetap disimpan apa adanya agar bisa
    diperiksa dengan 'katalog queue verify'."""
    from form_service.staff import purge as purge_module
    from form_service.staff.show import normalise_id

    months = _retention_months()
    wanted = normalise_id(registration_id) if registration_id is not None else None
    catalog = _catalog(data_dir)
    over, protected = purge_module.split_by_retention(catalog, _today(), months)
    conditions = purge_module.Conditions(
        before=before.date() if before else None,
        run_id=run_id,
        registration_id=wanted,
        expired=over if expired else None,
    )
    if conditions.empty:
        raise StaffError(
            "sebutkan apa yang dihapus: --expired, --before TTTT-BB-HH, --run ID atau --id NOMOR."
        )
    keep = purge_module.keep_function(conditions)
    store = _store(queue_path, database_url)
    where = _where(queue_path, database_url)
    # Records of runs still within their retention period: removing them is allowed (a
    # cancelled run, a request to delete), but the clerk is told.
    early = 0

    def counting(registration) -> bool:  # type: ignore[no-untyped-def]
        nonlocal early
        kept = keep(registration)
        if not kept and registration.run_id in protected:
            early += 1
        return kept

    preview = store.purge(counting, dry_run=True)
    what = _purge_description(conditions, months)
    if preview.removed == 0 and wanted is not None:
        raise StaffError(f"nomor pendaftaran {wanted} tidak ada di antrean {where}.")
    if early:
        click.echo(
            f"Perhatian: {early} di antaranya dari angkatan yang masa simpannya belum habis "
            f"(belum {months} bulan sejak angkatannya selesai).",
            err=True,
        )
    if dry_run:
        click.echo(
            f"Uji coba: {preview.removed} pendaftaran {what} akan dihapus, "
            f"{preview.kept} tetap disimpan. Berkas tidak diubah."
        )
        _damaged_note(preview.damaged_kept)
        return
    if preview.removed == 0:
        click.echo(f"Tidak ada pendaftaran {what}. Berkas tidak diubah.")
        return
    if not yes:
        _confirm(
            f"Hapus {preview.removed} pendaftaran {what} dari {where}? Ketik ya untuk menghapus: "
        )
    result = store.purge(keep)
    click.echo(f"Dihapus: {result.removed} pendaftaran. Tetap disimpan: {result.kept}.")
    _damaged_note(result.damaged_kept)
    click.echo("Ingat: hapus juga berkas ekspor dan cadangan lama yang berisi data ini.")


def _retention_months() -> int:
    from form_service.staff.purge import DEFAULT_RETENTION_MONTHS

    text = os.environ.get("KATALOG_RETENTION_MONTHS", "").strip()
    if not text:
        return DEFAULT_RETENTION_MONTHS
    if not text.isdigit():
        raise StaffError(
            f"KATALOG_RETENTION_MONTHS harus bilangan bulat 0 atau lebih, bukan {text!r}"
        )
    return int(text)


def _purge_description(conditions, months: int) -> str:  # type: ignore[no-untyped-def]
    from catalog.dates import format_date_long

    parts = []
    if conditions.registration_id:
        parts.append(f"nomor {conditions.registration_id}")
    if conditions.run_id:
        parts.append(f"angkatan {conditions.run_id}")
    if conditions.expired is not None:
        parts.append(f"dari angkatan yang selesai lebih dari {months} bulan lalu")
    if conditions.before:
        parts.append(f"yang masuk sebelum {format_date_long(conditions.before)}")
    return " ".join(parts)


def _damaged_note(count: int) -> None:
    if count:
        click.echo(
            f"{count} baris rusak disimpan apa adanya. Periksa dengan: katalog queue verify",
            err=True,
        )


def _confirm(question: str, cancelled: str = "dibatalkan, tidak ada yang dihapus.") -> None:
    click.echo(question, nl=False)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        answer = ""
    if answer == "":
        click.echo("")
        raise StaffError(
            "tidak ada yang menjawab konfirmasi (input tertutup). Jalankan lagi dengan --yes "
            "bila sudah yakin, atau coba dulu dengan --dry-run."
        )
    if answer.strip().lower() not in ("y", "ya", "yes"):
        raise StaffError(cancelled)


# `katalog queue migrate` lives in its own module (it needs the PostgreSQL store).
from form_service.migrate_cli import migrate  # noqa: E402

queue.add_command(migrate)

"""Helpers for the selection tests (issue 12): a queue with applicants in given statuses, and
xlsx files read back with openpyxl. Obviously fake people only (see conftest.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from registrations.jsonl import JsonlStore
from registrations.status import Status
from registrations.store import Change
from tests.form_service.conftest import RUN_BOGA, fake_id, make_record, write_queue

CLERK = "Petugas Contoh"


def queue_with(queue_path: Path, count: int, run_id: str = RUN_BOGA, start: int = 1, **kw) -> list:
    """``count`` registrations (numbers start..start+count-1) of ``run_id``, status terdaftar."""
    records = [make_record(i, run_id, **kw) for i in range(start, start + count)]
    if queue_path.exists():
        existing = queue_path.read_bytes()
        write_queue(queue_path, records)
        queue_path.write_bytes(existing + queue_path.read_bytes())
    else:
        write_queue(queue_path, records)
    return [fake_id(i) for i in range(start, start + count)]


def move(queue_path: Path, *changes: tuple) -> None:
    """Record status changes: ``(number, Status, reason, rank)`` tuples (reason, rank optional)."""
    store = JsonlStore(queue_path)
    store.record(
        [
            Change(c[0], c[1], CLERK, c[2] if len(c) > 2 else None, c[3] if len(c) > 3 else None)
            for c in changes
        ]
    )


def status_of(queue_path: Path, number: str) -> tuple[Status, int | None]:
    registration = JsonlStore(queue_path).get(number)
    assert registration is not None
    return registration.status, registration.reserve_rank


def message_of(url: str) -> str:
    """The text a wa.me link carries."""
    return parse_qs(urlsplit(url).query)["text"][0]


def header_index(sheet) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {cell.value: i for i, cell in enumerate(next(sheet.iter_rows(max_row=1)))}


def export_run(queue_cli, out: Path, *args: str) -> Path:  # type: ignore[no-untyped-def]
    result = queue_cli("export", "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


def edit(path: Path, sheet: str, changes: dict[tuple[int, str], object]) -> Path:
    """Type into the exported workbook as a clerk would: ``{(row, header): value}``."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    columns = header_index(ws)
    for (row, title), value in changes.items():
        ws.cell(row, columns[title] + 1).value = value
    book.save(path)
    return path


def store_under_test(request, queue_cli, queue_path: Path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """For a fixture parametrized ["jsonl", "postgres"]: the queue file as it is, or its copy in
    PostgreSQL (``queue migrate``) with ``KATALOG_DATABASE_URL`` pointing at it."""
    if request.param == "jsonl":
        return str(queue_path)
    url = request.getfixturevalue("pg_url")
    result = queue_cli("migrate", "--from", str(queue_path), "--to", url)
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("KATALOG_DATABASE_URL", url)
    return url

"""Speed and memory of selection day (issue 12) at 100,000 registrations.

The same obviously fake queue as ``benchmarks/queue_staff.py`` (every 50th registration in the
first run of the shipped catalog: 2,000 applicants). Each step runs in its own subprocess, so
its peak RSS (ru_maxrss) is its own, and is printed next to the baseline of the same run:

* baseline      ``for line in f: json.loads(line)`` over the queue (the floor for any reader)
* run-xlsx      ``katalog queue export --run``: one run of 2,000 out of the whole queue, with
                the selection columns, the dropdown and a WhatsApp link per applicant
* all-xlsx      the export of all 100,000 registrations (one sheet per run)
* xlsx-floor    what XlsxWriter alone costs: one export-like row (21 cells, a link among them)
                written N times, nothing read or built
* import-run    ``katalog queue import`` of that run's export with a Hasil typed in every row
                (checking every row, then ``store.record`` of every change at once); the file
                is filled in (by openpyxl) before the clock starts

Goals: run-xlsx <= 2 s, all-xlsx <= 10 s (openpyxl took 32 s), import-run <= 3 s, and memory
flat: each step's peak RSS at most the baseline's + 40 MB... except that XlsxWriter keeps every
link of a sheet until it closes the workbook (Excel stores links apart from the cells), so the
all-xlsx figure is reported against that allowance too.

    .venv/bin/python benchmarks/selection.py [--records 100000]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

STEPS = ["baseline", "run-xlsx", "all-xlsx", "xlsx-floor", "import-run"]
GOALS = {"run-xlsx": 2.0, "all-xlsx": 10.0, "import-run": 3.0}
RSS_ALLOWANCE_MB = 40.0


def run_step(step: str, queue: Path, data: Path, out_dir: Path, n: int) -> dict:
    from catalog.load import require_catalog
    from registrations.jsonl import JsonlStore

    catalog = require_catalog(data) if step != "baseline" else None
    run_id = sorted(ref.public_id for ref in catalog.runs())[0] if catalog else None
    extra: dict = {}
    if step == "import-run":
        target = out_dir / "import.jsonl"
        shutil.copyfile(queue, target)
        sheet = _filled_export(JsonlStore(target), catalog, run_id, out_dir)
        queue = target
    started = time.perf_counter()
    if step == "baseline":
        with open(queue, "rb") as handle:
            extra["lines"] = sum(1 for line in handle if json.loads(line))
    elif step in ("run-xlsx", "all-xlsx"):
        from form_service.staff.export import export

        only = run_id if step == "run-xlsx" else None
        out = out_dir / f"{step}.xlsx"
        result = export(JsonlStore(queue).registrations(only), out, "xlsx", catalog, only)
        extra["records"] = result.records
        extra["size_mb"] = round(out.stat().st_size / 1e6, 1)
    elif step == "xlsx-floor":
        extra["cells"] = _floor(out_dir / "floor.xlsx", n)
    elif step == "import-run":
        from form_service.staff.results_import import plan_import

        store = JsonlStore(queue)
        plan = plan_import(sheet, store, "Petugas Contoh")
        assert not plan.problems, plan.problems[:3]
        events = store.record(plan.changes)
        extra["rows"] = len(plan.planned) + plan.unchanged
        extra["events"] = len(events)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"step": step, "seconds": round(seconds, 2), "peak_rss_mb": round(peak_mb, 1), **extra}


def _filled_export(store, catalog, run_id: str, out_dir: Path) -> Path:
    """The run's export with a result in every row, as a clerk leaves it after selection day."""
    import openpyxl

    from form_service.staff.export import export

    path = out_dir / "hasil.xlsx"
    export(store.registrations(run_id), path, "xlsx", catalog, run_id)
    book = openpyxl.load_workbook(path)
    sheet = book[book.sheetnames[1]]
    columns = {cell.value: cell.column for cell in sheet[1]}
    rank = 0
    for row in range(2, sheet.max_row + 1):
        kind = row % 10
        if kind == 0:
            value = "Diterima"
        elif kind == 1:
            rank += 1
            value = "Cadangan"
            sheet.cell(row, columns["Urutan cadangan"]).value = rank
        elif kind < 6:
            value = "Tidak diterima"
            sheet.cell(row, columns["Alasan"]).value = "Tidak hadir wawancara"
        else:
            value = "Diundang seleksi"
        sheet.cell(row, columns["Hasil"]).value = value
    book.save(path)
    return path


def _floor(path: Path, n: int) -> int:
    from datetime import date, datetime

    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet("floor")
    text = book.add_format({"num_format": "@"})
    day = book.add_format({"num_format": "DD/MM/YYYY"})
    moment = book.add_format({"num_format": "DD/MM/YYYY HH:MM"})
    strings = [
        "Terdaftar",
        "Contoh Pendaftar 1",
        "Laki-laki",
        "contoh1@example.org",
        "Kelurahan Sukarasa, Kecamatan Tangerang, Kota Tangerang, Banten",
        "Jl. Contoh No. 1, RT 001/RW 002",
        "SMA/SMK/MA atau sederajat",
        "Tidak bekerja, sedang mencari kerja",
        "Tidak tahu",
        "Ingin membuka usaha kecil di rumah dan menambah penghasilan keluarga.",
        "Terdaftar",
    ]
    url = "https://wa.me/6281200000001?text=" + "Halo%20Contoh%20Pendaftar%201%2C%20" * 14
    for r in range(1, n + 1):
        sheet.write_string(r, 0, "KP-0000-0000-0001")
        sheet.write_datetime(r, 1, datetime(2027, 1, 5, 9, 31, 7), moment)
        sheet.write_string(r, 4, "3671010101900001", text)
        sheet.write_datetime(r, 5, date(1990, 1, 1), day)
        sheet.write_string(r, 7, "0812-0000-0001", text)
        for c, value in enumerate(strings, start=8):
            sheet.write_string(r, c, value)
        sheet.write_url(r, 20, url, None, "Kirim WhatsApp")
    book.close()
    return n * 17


def child(step: str, queue: Path, args: argparse.Namespace, tmp: str) -> dict:
    command = [sys.executable, __file__, "--step", step, "--queue", str(queue)]
    command += ["--data", str(args.data), "--out-dir", tmp, "--records", str(args.records)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=REPO / "courses")
    parser.add_argument("--step", choices=["synthesise", *STEPS], help=argparse.SUPPRESS)
    parser.add_argument("--queue", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step == "synthesise":
        from queue_staff import synthesise

        from catalog.load import require_catalog

        run_ids = sorted(ref.public_id for ref in require_catalog(args.data).runs())
        synthesise(args.queue, args.records, run_ids)
        print(json.dumps({"runs": len(run_ids)}))
        return
    if args.step:
        print(json.dumps(run_step(args.step, args.queue, args.data, args.out_dir, args.records)))
        return
    with tempfile.TemporaryDirectory(prefix="selection-bench-") as tmp:
        queue = Path(tmp) / "queue.jsonl"
        made = child("synthesise", queue, args, tmp)
        print(f"{args.records:,} fake registrations over {made['runs']} runs")
        print(f"{'step':<12} {'seconds':>8} {'x base':>7} {'peak RSS MB':>12}  notes")
        results: dict[str, dict] = {}
        for step in STEPS:
            result = child(step, queue, args, tmp)
            results[step] = result
            base = results["baseline"]["seconds"] or 1e-9
            notes = ", ".join(
                f"{k}={v}" for k, v in result.items() if k not in ("step", "seconds", "peak_rss_mb")
            )
            print(
                f"{step:<12} {result['seconds']:>8.2f} {result['seconds'] / base:>7.1f} "
                f"{result['peak_rss_mb']:>12.1f}  {notes}"
            )
        print()
        limit = results["baseline"]["peak_rss_mb"] + RSS_ALLOWANCE_MB
        for step, goal in GOALS.items():
            r = results[step]
            time_ok = "ok" if r["seconds"] <= goal else "MISSED"
            rss_ok = "ok" if r["peak_rss_mb"] <= limit else "over"
            print(
                f"  {step:<11} {r['seconds']:6.2f} s <= {goal:.0f} s: {time_ok}; peak RSS "
                f"{r['peak_rss_mb']:.1f} MB <= {limit:.1f} MB: {rss_ok}"
            )


if __name__ == "__main__":
    main()

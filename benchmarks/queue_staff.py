"""Speed and memory of the registration queue and the staff commands at 100,000 registrations.

Synthesises N obviously fake registrations ("Contoh Pendaftar 1", NIK 36710101019xxxxx, phones
+62812000xxxxx) spread over the runs of the shipped catalog (courses/), written straight to a
JSON Lines file in a temporary folder. Then each step runs in its own subprocess, so its peak RSS
(resource.getrusage ru_maxrss) is its own, and is compared with the baseline in the same run:

* baseline     ``for line in f: json.loads(line)`` over the same file (the floor for any reader)
* index        a cold ``JsonlQueue.all_counts()``: builds the writer's in-memory index
* append       1,000 more registrations (on a copy) through ``JsonlQueue.append`` (lock, sync, fsync)
* stats        ``katalog queue stats`` logic (streaming)
* verify       ``katalog queue verify`` logic (streaming, keeps ids and NIK/run pairs)
* export-xlsx  openpyxl write-only workbook, one sheet per run
* export-csv   UTF-8 with BOM
* run-xlsx     ``katalog queue export --run``: one run of 2,000 applicants (1 in 50 records)
               out of the whole queue, as a clerk exports it
* xlsx-floor   what openpyxl itself costs: one export-like row (15 cells, 4 of them formatted)
               appended N times, nothing read or built

Timed steps other than append and export-xlsx run ``--repeat`` times (3) and report the median;
peak RSS is the largest. Goals (issue 5), judged at the end: stats and CSV export finish in
"a few seconds" (here: at most 5 s) for 100,000 records; stats and exports stream (peak RSS at
most the baseline's + 40 MB, not growing with N). xlsx is reported against the openpyxl floor,
and for one realistic run. The index stays compact (tens of MB for 100,000 records); an append
stays in milliseconds.

    .venv/bin/python benchmarks/queue_staff.py [--records 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

APPENDS = 1000
STEPS = [
    "baseline",
    "index",
    "append",
    "stats",
    "verify",
    "export-csv",
    "export-xlsx",
    "run-xlsx",
    "xlsx-floor",
]
ONCE = {"append", "export-xlsx"}  # slow or stateful: a single run
FEATURED_EVERY = 50  # every 50th registration goes to the first run: 2,000 of 100,000
GOAL_SECONDS = 5.0  # "a few seconds" for stats and CSV export
GOAL_RSS_OVER_BASELINE_MB = 40.0
STREAMING = ("stats", "export-csv", "export-xlsx", "run-xlsx")


def fake_record(i: int, run_id: str) -> dict:
    from registrations.ids import format_registration_id

    center_id, course_id, _ = run_id.split("/")
    serial = (i - 1) % 9999 + 1
    day = 1 + ((i - 1) // 9999) % 28
    stamp = f"2027-01-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z"
    return {
        "v": 1,
        "id": format_registration_id(i),
        "received_at": stamp,
        "run_id": run_id,
        "course_id": course_id,
        "center_id": center_id,
        "status": "registered" if i % 5 else "waitlist",
        "applicant": {
            "full_name": f"Contoh Pendaftar {i}",
            "nik": f"367101{day:02d}0190{serial:04d}",
            "birth_date": "1990-01-01",
            "gender": "L" if i % 2 else "P",
            "phone": f"+62812{i:08d}",
            "email": f"contoh{i}@example.org" if i % 3 else None,
            "village": "3671011001",
            "address": f"Jl. Contoh No. {i}, RT 001/RW 002",
            "education": "sma",
            "employment_status": "mencari-kerja",
            "dtks": "tidak-tahu",
            "disability": None,
            "motivation": "Ingin membuka usaha kecil di rumah dan menambah penghasilan keluarga.",
        },
        "consent": {"version": "2026-11-01", "agreed_at": stamp},
    }


def synthesise(path: Path, n: int, run_ids: list[str]) -> None:
    from registrations.records import dump_line as dump_record

    # every 50th registration goes to run 0 (the run exported alone); the others are spread
    # over the remaining runs. NIKs are all different.
    others = run_ids[1:] or run_ids
    with open(path, "wb") as out:
        for i in range(1, n + 1):
            run_id = run_ids[0] if i % FEATURED_EVERY == 0 else others[i % len(others)]
            out.write(dump_record(fake_record(i, run_id)))
    os.chmod(path, 0o600)


def run_step(step: str, queue: Path, data: Path, out_dir: Path, n: int) -> dict:
    """Run one step in this process; return seconds and peak RSS (MB)."""
    from catalog.load import require_catalog
    from registrations.jsonl import JsonlStore as JsonlQueue
    from registrations.records import registration_from

    catalog = require_catalog(data) if step in ("verify", "run-xlsx") or "export" in step else None
    started = time.perf_counter()
    extra: dict = {}
    if step == "baseline":
        count = 0
        with open(queue, "rb") as handle:
            for line in handle:
                json.loads(line)
                count += 1
        extra["lines"] = count
    elif step == "index":
        counts = JsonlQueue(queue).all_counts()
        extra["runs"] = len(counts)
    elif step == "append":
        q = JsonlQueue(queue)
        run_id = next(iter(q.all_counts()))  # warm index, as a running worker has
        started = time.perf_counter()
        for i in range(n + 1, n + APPENDS + 1):
            record = fake_record(i, run_id)
            q.add(lambda snapshot, record=record: registration_from(record))
        extra["ms_per_append"] = round((time.perf_counter() - started) / APPENDS * 1000, 2)
    elif step == "stats":
        from form_service.staff.stats import collect

        extra["records"] = collect(JsonlQueue(queue)).records
    elif step == "verify":
        from datetime import UTC, datetime

        from form_service.staff.verify import verify

        # the synthetic records are from January 2027: check them as of February 2027
        report = verify(JsonlQueue(queue), catalog, now=datetime(2027, 2, 1, tzinfo=UTC))
        extra["problems"] = report.problem_count
    elif step.startswith("export-"):
        from form_service.staff.export import export

        fmt = step.split("-", 1)[1]
        result = export(JsonlQueue(queue).registrations(), out_dir / f"bench.{fmt}", fmt, catalog)
        extra["records"] = result.records
        extra["size_mb"] = round((out_dir / f"bench.{fmt}").stat().st_size / 1e6, 1)
    elif step == "run-xlsx":
        from form_service.staff.export import export

        run_id = sorted(ref.public_id for ref in catalog.runs())[0]
        out = out_dir / "bench-run.xlsx"
        extra["records"] = export(
            JsonlQueue(queue).registrations(run_id), out, "xlsx", catalog, run_id
        ).records
    elif step == "xlsx-floor":
        from datetime import date, datetime

        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell

        # One export row made once (15 cells: 4 formatted as the export formats them, 11 text),
        # written N times: what openpyxl alone costs for the export's cells.
        book = Workbook(write_only=True)
        sheet = book.create_sheet("floor")
        row: list = [
            "KP-0000-0000-0001",
            datetime(2027, 1, 5, 9, 31, 7),
            "Terdaftar",
            "Contoh Pendaftar 1",
            "3671010101900001",
            date(1990, 1, 1),
            "Laki-laki",
            "0812-0000-0001",
            "contoh1@example.org",
            "Kelurahan Sukarasa, Kecamatan Tangerang, Kota Tangerang, Banten",
            "Jl. Contoh No. 1, RT 001/RW 002",
            "SMA/SMK/MA atau sederajat",
            "Tidak bekerja, sedang mencari kerja",
            "Tidak tahu",
            None,
            "Ingin membuka usaha kecil di rumah dan menambah penghasilan keluarga.",
        ]
        formats = {1: "DD/MM/YYYY HH:MM", 4: "@", 5: "DD/MM/YYYY", 7: "@"}
        for i, number_format in formats.items():
            cell = WriteOnlyCell(sheet, row[i])
            cell.number_format = number_format
            row[i] = cell
        for _ in range(n):
            sheet.append(row)
        book.save(out_dir / "floor.xlsx")
        extra["cells"] = n * sum(value is not None for value in row)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"step": step, "seconds": round(seconds, 2), "peak_rss_mb": round(peak_mb, 1), **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=REPO / "courses")
    parser.add_argument("--repeat", type=int, default=3, help="runs per cheap step (median)")
    parser.add_argument("--step", choices=["synthesise", *STEPS], help=argparse.SUPPRESS)
    parser.add_argument("--queue", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.step == "synthesise":  # child process: keeps the catalog out of the parent
        from catalog.load import require_catalog

        run_ids = sorted(ref.public_id for ref in require_catalog(args.data).runs())
        synthesise(args.queue, args.records, run_ids)
        print(json.dumps({"runs": len(run_ids)}))
        return
    if args.step:  # child process
        result = run_step(args.step, args.queue, args.data, args.out_dir, args.records)
        print(json.dumps(result))
        return

    # The parent stays small: a child's ru_maxrss starts from its parent's at fork.
    with tempfile.TemporaryDirectory(prefix="queue-bench-") as tmp:
        queue = Path(tmp) / "queue.jsonl"
        started = time.perf_counter()
        made = child("synthesise", queue, args, tmp)
        size_mb = queue.stat().st_size / 1e6
        print(
            f"{args.records:,} fake registrations over {made['runs']} runs: {size_mb:.1f} MB, "
            f"written in {time.perf_counter() - started:.1f} s"
        )
        print(f"{'step':<12} {'seconds':>8} {'x base':>7} {'peak RSS MB':>12}  notes")
        results: dict[str, dict] = {}
        for step in STEPS:
            target = queue
            if step == "append":  # on a copy, so later steps see exactly N records
                target = Path(tmp) / "append.jsonl"
                shutil.copyfile(queue, target)
                _fsync(target)  # else the first append's fsync pays for flushing the copy
            runs = [
                child(step, target, args, tmp)
                for _ in range(1 if step in ONCE else max(1, args.repeat))
            ]
            result = dict(runs[0])
            result["seconds"] = statistics.median(r["seconds"] for r in runs)
            result["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs)
            if len(runs) > 1:
                result["runs"] = "/".join(f"{r['seconds']:.2f}" for r in runs)
            results[step] = result
            base = results["baseline"]["seconds"]
            ratio = result["seconds"] / base if base else 0
            notes = ", ".join(
                f"{k}={v}" for k, v in result.items() if k not in ("step", "seconds", "peak_rss_mb")
            )
            print(
                f"{step:<12} {result['seconds']:>8.2f} {ratio:>7.1f} "
                f"{result['peak_rss_mb']:>12.1f}  {notes}"
            )
        print()
        for line in verdicts(results, args.records):
            print(line)


def verdicts(results: dict[str, dict], n: int) -> list[str]:
    """The goals of issue 5, judged on this run's figures."""
    base = results["baseline"]
    out = [f"Goals for {n:,} records (baseline = the json.loads loop of this run):"]
    for step in ("stats", "export-csv"):
        seconds = results[step]["seconds"]
        verdict = "ok" if seconds <= GOAL_SECONDS else "MISSED"
        out.append(
            f"  {step:<12} {seconds:6.2f} s <= {GOAL_SECONDS:.0f} s: {verdict} "
            f"({seconds / base['seconds']:.1f} x baseline)"
        )
    limit = base["peak_rss_mb"] + GOAL_RSS_OVER_BASELINE_MB
    for step in STREAMING:
        rss = results[step]["peak_rss_mb"]
        verdict = "ok" if rss <= limit else "MISSED"
        out.append(f"  {step:<12} peak RSS {rss:6.1f} MB <= {limit:.1f} MB: {verdict}")
    xlsx, floor, run = results["export-xlsx"], results["xlsx-floor"], results["run-xlsx"]
    per_cell = floor["seconds"] / floor["cells"] * 1e6
    verdict = "ok" if xlsx["seconds"] <= GOAL_SECONDS else "over (openpyxl bound)"
    out.append(
        f"  export-xlsx  {xlsx['seconds']:6.2f} s <= {GOAL_SECONDS:.0f} s: {verdict}; openpyxl "
        f"alone writes {n:,} export-like rows in {floor['seconds']:.2f} s\n"
        f"               ({per_cell:.1f} us a cell): the export is "
        f"{xlsx['seconds'] / floor['seconds']:.1f} x that floor"
    )
    out.append(
        f"  run-xlsx     {run['seconds']:6.2f} s for one run of {run['records']:,} applicants "
        f"(reads all {n:,} records, writes that run's sheet)"
    )
    return out


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def child(step: str, queue: Path, args: argparse.Namespace, tmp: str) -> dict:
    command = [sys.executable, __file__, "--step", step, "--queue", str(queue)]
    command += ["--data", str(args.data), "--out-dir", tmp, "--records", str(args.records)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


if __name__ == "__main__":
    main()

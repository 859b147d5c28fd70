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

Goals: stats and export stream (peak RSS close to the baseline's, not growing with N); the
index stays compact (tens of MB for 100,000 records); an append stays in milliseconds.

    .venv/bin/python benchmarks/queue_staff.py [--records 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

APPENDS = 1000
STEPS = ["baseline", "index", "append", "stats", "verify", "export-xlsx", "export-csv"]


def fake_record(i: int, run_id: str) -> dict:
    from form_service.queue import format_registration_id

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
    from form_service.queue import dump_record

    # run r gets registrations i with i % len(run_ids) == r; NIKs repeat only across runs
    with open(path, "wb") as out:
        for i in range(1, n + 1):
            out.write(dump_record(fake_record(i, run_ids[i % len(run_ids)])))
    os.chmod(path, 0o600)


def run_step(step: str, queue: Path, data: Path, out_dir: Path, n: int) -> dict:
    """Run one step in this process; return seconds and peak RSS (MB)."""
    from catalog.load import require_catalog
    from form_service.queue import JsonlQueue

    catalog = (
        require_catalog(data) if step in ("stats", "verify", "export-xlsx", "export-csv") else None
    )
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
            q.append(lambda snapshot, record=record: record)
        extra["ms_per_append"] = round((time.perf_counter() - started) / APPENDS * 1000, 2)
    elif step == "stats":
        from form_service.staff.stats import collect

        extra["records"] = collect(JsonlQueue(queue).read()).records
    elif step == "verify":
        from form_service.staff.verify import verify

        report = verify(JsonlQueue(queue).read(), catalog)
        extra["problems"] = report.problem_count
    elif step.startswith("export-"):
        from form_service.staff.export import export

        fmt = step.split("-", 1)[1]
        result = export(JsonlQueue(queue).read(), out_dir / f"bench.{fmt}", fmt, catalog)
        extra["records"] = result.records
        extra["size_mb"] = round((out_dir / f"bench.{fmt}").stat().st_size / 1e6, 1)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"step": step, "seconds": round(seconds, 2), "peak_rss_mb": round(peak_mb, 1), **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--data", type=Path, default=REPO / "courses")
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
        base = None
        for step in STEPS:
            target = queue
            if step == "append":  # on a copy, so later steps see exactly N records
                target = Path(tmp) / "append.jsonl"
                shutil.copyfile(queue, target)
                _fsync(target)  # else the first append's fsync pays for flushing the copy
            result = child(step, target, args, tmp)
            if step == "baseline":
                base = result
            ratio = result["seconds"] / base["seconds"] if base and base["seconds"] else 0
            notes = ", ".join(
                f"{k}={v}" for k, v in result.items() if k not in ("step", "seconds", "peak_rss_mb")
            )
            print(
                f"{step:<12} {result['seconds']:>8.2f} {ratio:>7.1f} "
                f"{result['peak_rss_mb']:>12.1f}  {notes}"
            )


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

"""Reading one registration's status at 100,000 registrations: the store and the status page.

Goals (issues 11 and 12): ``store.get()`` p99 < 5 ms on both stores; the status page
(``POST /daftar/status``, number + birth date, through the Flask app) p99 < 50 ms; memory flat.

Each figure is printed next to a baseline measured in the same run:

* store baseline: reading the same line at a known offset with ``os.pread`` + ``json.loads``
  (the floor for any file lookup); for PostgreSQL, ``SELECT record FROM registrations WHERE id``
  on one plain psycopg connection.
* page baseline: a bare Flask app on the same machine answering a POST with a fixed page.

    .venv/bin/python benchmarks/status_read.py [--records 100000] [--lookups 2000] [--postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from queue_staff import synthesise  # noqa: E402

GOAL_STORE_P99_MS = 5.0
GOAL_PAGE_P99_MS = 50.0


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.99) - 1] * 1000


def timed(calls) -> list[float]:
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def file_store(path: Path, ids: list[str]) -> tuple[list[float], list[float]]:
    from registrations.jsonl import JsonlStore

    store = JsonlStore(path)
    store.counts("warm")  # a running worker has its index
    offsets = []
    with open(path, "rb") as handle:
        offset = 0
        for line in handle:
            offsets.append(offset)
            offset += len(line)
    fd = os.open(path, os.O_RDONLY)
    try:
        sample = random.sample(range(len(offsets)), len(ids))
        baseline = timed(
            (lambda o=offsets[i]: json.loads(os.pread(fd, 4096, o).split(b"\n", 1)[0]))
            for i in sample
        )
    finally:
        os.close(fd)
    ours = timed((lambda rid=rid: store.get(rid).status) for rid in ids)
    return baseline, ours


def pg_store(url: str, ids: list[str]) -> tuple[list[float], list[float]]:
    """Baseline: the row by primary key on one plain connection; ours: ``PostgresStore.get``."""
    import psycopg

    from registrations.postgres import PostgresStore

    with psycopg.connect(url, autocommit=True) as conn:
        query = "SELECT record FROM registrations WHERE id = %s"
        for rid in ids[:50]:
            conn.execute(query, (rid,)).fetchone()  # warm, as a running server is
        baseline = timed((lambda rid=rid: conn.execute(query, (rid,)).fetchone()) for rid in ids)
    with PostgresStore(url) as store:
        for rid in ids[:50]:
            store.get(rid)
        ours = timed((lambda rid=rid: store.get(rid).status) for rid in ids)
    return baseline, ours


def pg_records(n: int, run_ids: list[str]):
    """The fake registrations of :func:`queue_staff.synthesise`, in the store's format."""
    from queue_staff import FEATURED_EVERY, fake_record

    from registrations.records import FORMAT_VERSION

    others = run_ids[1:] or run_ids
    for i in range(1, n + 1):
        record = fake_record(i, run_ids[0] if i % FEATURED_EVERY == 0 else others[i % len(others)])
        record["v"] = FORMAT_VERSION
        record["consent"]["publish_name"] = False
        yield record


def status_page(
    path: Path, data: Path, numbers: list[str], database_url: str | None = None
) -> tuple[list[float], list[float]]:
    from flask import Flask

    from form_service import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "benchmark-only",
            "QUEUE_PATH": str(path),
            "DATABASE_URL": database_url,
            "DATA_DIR": str(data),
            "TODAY": "2027-01-10",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )
    client = app.test_client()
    bare = Flask("bare")

    @bare.post("/daftar/status")
    def page():
        return "<p>Terdaftar</p>"

    bare_client = bare.test_client()
    form = {"number": "", "birth_date": "01-01-1990"}
    baseline = timed((lambda: bare_client.post("/daftar/status", data=form)) for _ in numbers)

    def look_up(number: str) -> None:
        response = client.post("/daftar/status", data={**form, "number": number})
        assert b'id="status-label"' in response.data, response.data[:300]

    ours = timed((lambda n=n: look_up(n)) for n in numbers)
    return baseline, ours


def report(name: str, baseline: list[float], ours: list[float], goal_ms: float) -> str:
    b50, b99 = percentiles(baseline)
    o50, o99 = percentiles(ours)
    verdict = "met" if o99 < goal_ms else "NOT MET"
    return (
        f"{name:<22} p50 {o50:6.2f} ms  p99 {o99:6.2f} ms   baseline p50 {b50:6.2f} ms  "
        f"p99 {b99:6.2f} ms   ({o99 / b99:4.1f}x)   goal p99 < {goal_ms:.0f} ms: {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=REPO / "courses")
    parser.add_argument(
        "--postgres", action="store_true", help="also PostgreSQL (a throwaway server)"
    )
    args = parser.parse_args()

    from catalog.load import require_catalog
    from registrations.ids import format_registration_id

    run_ids = sorted(ref.public_id for ref in require_catalog(args.data).runs())
    rng = random.Random(7)
    picked = [rng.randint(1, args.records) for _ in range(args.lookups)]
    ids = [format_registration_id(i) for i in picked]
    with tempfile.TemporaryDirectory(prefix="status-bench-") as tmp:
        path = Path(tmp) / "queue.jsonl"
        synthesise(path, args.records, run_ids)
        print(f"{args.records:,} fake registrations, {args.lookups:,} lookups of random numbers")
        print(report("file store get()", *file_store(path, ids), GOAL_STORE_P99_MS))
        print(report("status page (file)", *status_page(path, args.data, ids), GOAL_PAGE_P99_MS))
        if args.postgres:
            import pg_bench

            from tests.services.postgres import PostgresServer

            with PostgresServer() as server:
                url, seconds, count = pg_bench.make_template(
                    server, "status", pg_records(args.records, run_ids)
                )
                print(f"PostgreSQL: {count:,} registrations by COPY in {seconds:.1f} s")
                print(report("postgres store get()", *pg_store(url, ids), GOAL_STORE_P99_MS))
                page = status_page(path, args.data, ids, url)
                print(report("status page (postgres)", *page, GOAL_PAGE_P99_MS))


if __name__ == "__main__":
    main()

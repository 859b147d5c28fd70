"""Where the form's CPU time goes per registration (GET the form + POST), under cProfile.

Drives ``form_service:create_app()`` through Flask's test client with distinct fake applicants
over a queue pre-filled like ``registration_load.py`` (same catalog, same answers, CSRF on, rate
limit off), then prints the top functions by cumulative and by own time, and the wall time per
registration without the profiler (the profiler's overhead inflates small calls).

    .venv/bin/python benchmarks/profile_form.py [--prefill 100000] [--count 2000] [--top 35]
        [--store file|postgres]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))
sys.path.insert(0, str(BENCH))

import registration_load as load  # noqa: E402


def make_client(data_dir: Path, queue: Path, database_url: str | None):
    from form_service import create_app

    env = load.form_env(data_dir, KATALOG_QUEUE_PATH=str(queue))
    if database_url:
        env["KATALOG_DATABASE_URL"] = database_url
    os.environ.update(env)
    app = create_app()
    return app.test_client(use_cookies=False)


def register(client, niks: load.NikSource) -> None:
    page = client.get(load.FORM_PATH)
    match = load.TOKEN_RE.search(page.data)
    assert page.status_code == 200 and match, page.status_code
    nik, birth, i = niks.next()
    cookie = page.headers.get("Set-Cookie", "").split(";", 1)[0]
    response = client.post(  # like a browser on its first visit: the cookie of the GET only
        load.FORM_PATH,
        data=load.answers(nik, birth, i, match.group(1).decode()),
        content_type="application/x-www-form-urlencoded",
        headers={"Cookie": cookie} if cookie else {},
    )
    assert response.status_code == 303, (response.status_code, response.data[:2000])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prefill", type=int, default=100_000)
    parser.add_argument("--count", type=int, default=2000, help="registrations per measurement")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--store", choices=("file", "postgres"), default="file")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="katalog-profile-"))
    try:
        with contextlib.ExitStack() as stack:
            data_dir = load.write_catalog(tmp / "data")
            queue = tmp / "queue.jsonl"
            url = None
            if args.store == "file":
                load.prefill(queue, args.prefill)
            else:
                import pg_bench

                from tests.services.postgres import PostgresServer

                server = stack.enter_context(PostgresServer())
                records = (load.stored_record(i) for i in range(1, args.prefill + 1))
                url, _seconds, _count = pg_bench.make_template(server, "ours_full", records)
            profile(make_client(data_dir, queue, url), args)
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def profile(client, args) -> None:
    niks = load.NikSource()
    for _ in range(50):  # warm-up: catalog, index, cached page, pool
        register(client, niks)

    started = time.perf_counter()
    for _ in range(args.count):
        register(client, niks)
    plain = (time.perf_counter() - started) / args.count * 1000

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.count):
        register(client, niks)
    profiler.disable()
    print(f"\n{args.store} store, {args.prefill:,} records before; {args.count} GET+POST")
    print(f"  without profiler: {plain:.2f} ms per registration (test client, one thread)")
    for order in ("cumulative", "tottime"):
        print(f"\n== by {order} (per-call times are for {args.count} registrations)")
        pstats.Stats(profiler).strip_dirs().sort_stats(order).print_stats(args.top)


if __name__ == "__main__":
    raise SystemExit(main())

"""Faults under load, on both stores: nothing acknowledged is lost or doubled.

1. SIGKILL (file store and PostgreSQL store): ``gunicorn -w 4 'form_service:create_app()'`` on
   127.0.0.1 with an empty store and the synthesized catalog of ``registration_load.py``; C
   clients register continuously (GET form, POST a valid fake applicant) and every second a
   random worker gets SIGKILL (gunicorn starts a new one). A client whose request died (or got a
   503) sends the same answers again, as a person would: it must then get its receipt (303),
   whether the first attempt was saved (the same form sent again gets the earlier receipt) or
   not; a 422 duplicate-NIK message is also accepted.
2. PostgreSQL outage: the database is stopped (``pg_ctl -m fast``) for --outage seconds under
   load, then started again: POSTs get 503 while it is down and that page still holds the typed
   name; no 303 is lost; POSTs get 303 again within --back-within seconds of the start, from the
   same gunicorn workers (no restart).
3. Same NIK, two app servers: two gunicorn instances on one database; each round GETs the form
   on both, then POSTs the same NIK to both at the same moment (a barrier). Same answers: both
   get the same receipt; another name: one 303, one "sudah terdaftar". One row per NIK.

Checked at the end with the store's own readers (``JsonlStore(path).lines()``; for PostgreSQL the
stored ``record`` objects and ``PostgresStore.problems()``): every registration that got its 303
is stored exactly once (by registration number); no registration number and no NIK occurs twice
for the run; every NIK answered "already registered" is stored; every record reads cleanly.

    .venv/bin/python benchmarks/crash_test.py [--stores file,postgres] [--seconds 15]
        [--clients 8] [--workers 4] [--outage 10] [--pairs 100] [--verbose]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import registration_load as rl  # noqa: E402

from registrations.jsonl import JsonlStore  # noqa: E402

DUPLICATE = b"NIK ini sudah terdaftar untuk angkatan ini"


class Outcomes:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.accepted: dict[str, str] = {}  # registration id -> NIK
        self.duplicate_after_error: set[str] = set()  # NIKs answered "already registered"
        self.errors = Counter()
        self.attempts = 0
        # (sent, answered: monotonic seconds, "303" | "503" | "dup" | error name | ...)
        self.timeline: list[tuple[float, float, str]] = []
        self.sample_503: tuple[str, str] | None = None  # (typed name, body of a 503 page)
        self.gave_up = 0

    def add_error(self, kind: str, sent: float) -> None:
        with self.lock:
            self.errors[kind] += 1
            self.timeline.append((sent, time.monotonic(), kind))


def get_form(port: int) -> tuple[str, str] | None:
    """GET the form on a fresh connection: (session cookie, CSRF token), or None."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", rl.FORM_PATH)
        response = connection.getresponse()
        body = response.read()
        cookie = (response.getheader("Set-Cookie") or "").split(";", 1)[0]
        match = rl.TOKEN_RE.search(body)
        if response.status != 200 or match is None:
            return None
        return cookie, match.group(1).decode()
    finally:
        connection.close()


def post_form(port: int, cookie: str, body: bytes) -> tuple[int, str, bytes]:
    """POST the answers on a fresh connection: (status, Location, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        connection.request("POST", rl.FORM_PATH, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Location") or "", response.read()
    finally:
        connection.close()


def attempt(port: int, nik: str, birth: str, i: int) -> tuple[str, str]:
    """One GET+POST: ("303", id) | ("dup", "") | ("503", body) | ("other", status)."""
    form = get_form(port)
    if form is None:
        return "other", "GET failed"
    cookie, token = form
    status, location, body = post_form(port, cookie, rl.answers(nik, birth, i, token))
    if status == 303:
        return "303", location.rsplit("/", 1)[-1]
    if status == 422 and DUPLICATE in body:
        return "dup", ""
    if status == 503:
        return "503", body.decode("utf-8", "replace")
    return "other", f"POST {status}"


def client(
    port: int, niks: rl.NikSource, outcomes: Outcomes, stop_at: float, give_up_after: float = 20
) -> None:
    """Register applicants until ``stop_at``. A request that died, or a 503, is sent again with
    the same answers (as a person would) until a definite answer, for at most ``give_up_after``
    seconds after ``stop_at``."""
    while time.monotonic() < stop_at:
        nik, birth, i = niks.next()
        failed_before = False
        for _try in range(400):
            if time.monotonic() > stop_at + give_up_after:
                with outcomes.lock:
                    outcomes.gave_up += 1
                break
            with outcomes.lock:
                outcomes.attempts += 1
            sent = time.monotonic()
            try:
                kind, detail = attempt(port, nik, birth, i)
            except (OSError, http.client.HTTPException) as error:
                outcomes.add_error(type(error).__name__, sent)
                failed_before = True
                time.sleep(0.05)
                continue
            with outcomes.lock:
                outcomes.timeline.append((sent, time.monotonic(), kind))
                if kind == "303":
                    outcomes.accepted[detail] = nik
                elif kind == "dup":
                    if failed_before:
                        outcomes.duplicate_after_error.add(nik)
                    else:
                        outcomes.errors["duplicate without earlier error"] += 1
                elif kind == "503":
                    outcomes.errors["HTTP 503"] += 1
                    if outcomes.sample_503 is None:
                        outcomes.sample_503 = (f"Contoh Pendaftar {i}", detail)
                else:
                    outcomes.errors[detail] += 1
            if kind == "503":
                failed_before = True
                time.sleep(0.2)
                continue
            break


def killer(server: rl.Server, stop_at: float, kills: list[int]) -> None:
    rng = random.Random(1)
    while time.monotonic() < stop_at:
        time.sleep(1.0)
        pids = server.worker_pids()
        if pids:
            pid = rng.choice(pids)
            try:
                os.kill(pid, signal.SIGKILL)
                kills.append(pid)
            except ProcessLookupError:
                pass


def form_env(data_dir: Path, store: str) -> dict[str, str]:
    key = "KATALOG_DATABASE_URL" if store.startswith("postgresql://") else "KATALOG_QUEUE_PATH"
    return {
        "KATALOG_SECRET_KEY": "crash-test-secret-not-for-production",
        key: store,
        "KATALOG_DATA_DIR": str(data_dir),
        "KATALOG_TODAY": rl.TODAY,
        "KATALOG_RATELIMIT_ENABLED": "false",
    }


def stored_records(store: str) -> tuple[list[dict], list[tuple[str, str]], int]:
    """(records, problems, lines or rows) with the store's own readers."""
    if store.startswith("postgresql://"):
        import psycopg

        from registrations.postgres import PostgresStore

        with psycopg.connect(store) as conn:
            records = [r for (r,) in conn.execute("SELECT record FROM registrations ORDER BY seq")]
        with PostgresStore(store) as pg:
            problems = [(p.where, p.message) for p in pg.problems()]
        return records, problems, len(records)
    path = Path(store)
    lines = list(JsonlStore(path).lines()) if path.exists() else []
    problems = [(str(line.line_no), line.problem) for line in lines if line.problem]
    return [line.record for line in lines if line.record is not None], problems, len(lines)


def stored_checks(store: str, outcomes: Outcomes) -> dict[str, bool]:
    records, problems, size = stored_records(store)
    by_id = {r["id"]: r for r in records}
    ids = Counter(r["id"] for r in records)
    nik_counts = Counter((r["run_id"], r["applicant"]["nik"]) for r in records)
    missing = [rid for rid in outcomes.accepted if ids[rid] == 0]
    doubled_ids = [rid for rid, n in ids.items() if n > 1]
    doubled_niks = [key for key, n in nik_counts.items() if n > 1]
    queued_niks = {nik for _run, nik in nik_counts}
    lost_duplicates = [n for n in outcomes.duplicate_after_error if n not in queued_niks]
    mismatched = [
        rid for rid, nik in outcomes.accepted.items()
        if rid in by_id and by_id[rid]["applicant"]["nik"] != nik
    ]  # fmt: skip
    print(f"  attempts (GET+POST pairs):          {outcomes.attempts}")
    print(f"  receipts (303):                     {len(outcomes.accepted)}")
    print(f"  saved although the answer was lost: {len(outcomes.duplicate_after_error)}")
    print(f"  errors seen by clients:             {dict(outcomes.errors) or 'none'}")
    print(f"  applicants given up on:             {outcomes.gave_up}")
    print(f"  stored:                             {size} lines/rows ({len(records)} records)")
    if problems:
        print(f"  problems: {problems[:5]}")
    if missing:
        print(f"  missing: {missing[:5]}")
    return {
        "every 303 is stored": not missing,
        "each 303 exactly once, no id twice": not doubled_ids,
        "no NIK twice for the run": not doubled_niks,
        "every 'already registered' NIK is stored": not lost_duplicates,
        "receipt ids match their NIKs": not mismatched,
        "every record reads cleanly": not problems,
    }


def show(checks: dict[str, bool]) -> bool:
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    return all(checks.values())


def kill_test(args, tmp: Path, data_dir: Path, store: str, label: str) -> bool:
    """SIGKILL a worker every second under load; nothing acknowledged lost or doubled."""
    server = rl.start_gunicorn(
        "form_service:create_app()", args.workers, form_env(data_dir, store), tmp / "log"
    )
    outcomes, kills = Outcomes(), []
    niks = rl.NikSource()
    stop_at = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=client, args=(server.port, niks, outcomes, stop_at))
        for _ in range(args.clients)
    ]
    threads.append(threading.Thread(target=killer, args=(server, stop_at, kills)))
    print(
        f"\n== {label}: {args.clients} clients registering for {args.seconds:.0f} s against "
        f"{args.workers} workers; one worker gets SIGKILL every second..."
    )
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
    finally:
        server.stop()
    print(f"  workers killed:                     {len(kills)}")
    checks = stored_checks(store, outcomes)
    checks["workers were actually killed"] = len(kills) >= max(1, int(args.seconds) - 2)
    return show(checks)


def outage_test(args, tmp: Path, data_dir: Path, pg, url: str) -> bool:
    """PostgreSQL stopped for --outage seconds under load, then started again."""
    server = rl.start_gunicorn("form_service:create_app()", 2, form_env(data_dir, url), tmp / "log")
    workers_before = sorted(server.worker_pids())
    outcomes = Outcomes()
    niks = rl.NikSource()
    before, after = 3.0, args.after
    stop_at = time.monotonic() + before + args.outage + after + 3  # + pg start time
    threads = [
        threading.Thread(target=client, args=(server.port, niks, outcomes, stop_at, 15))
        for _ in range(args.clients)
    ]
    print(
        f"\n== PostgreSQL outage: {args.clients} clients against 2 workers; the database is "
        f"stopped after {before:.0f} s for {args.outage:.0f} s, then started again..."
    )
    try:
        for thread in threads:
            thread.start()
        time.sleep(before)
        down_at = time.monotonic()
        pg.stop()  # -m fast: sessions cut, as in a crash of the database server
        stopped_at = time.monotonic()
        time.sleep(max(0.0, args.outage - (stopped_at - down_at)))
        restart = time.monotonic()
        pg.start()
        up_at = time.monotonic()
        started_in = up_at - restart
        for thread in threads:
            thread.join(timeout=stop_at - time.monotonic() + 60)
        workers_after = sorted(server.worker_pids())
        master_alive = server.process.poll() is None
    finally:
        server.stop()
    timeline = sorted(outcomes.timeline)
    # Answered while the database was stopped; sent after it had stopped and answered before
    # it was started again (those must not be 303).
    answered_down = Counter(kind for _s, done, kind in timeline if stopped_at <= done < up_at)
    during = Counter(kind for sent, done, kind in timeline if sent >= stopped_at and done < up_at)
    waited = Counter(kind for sent, done, kind in timeline if sent < up_at <= done)
    after_up = [(done, kind) for sent, done, kind in timeline if sent >= up_at]
    first_ok = min((done for done, kind in after_up if kind == "303"), default=None)
    back_after = first_ok - up_at if first_ok is not None else float("inf")
    slow_503 = max((done - sent for sent, done, kind in timeline if kind == "503"), default=0.0)
    print(
        f"  database stopped in {stopped_at - down_at:.1f} s, down {up_at - stopped_at:.1f} s "
        f"(pg_ctl start took {started_in:.1f} s)"
    )
    print(f"  answered while it was down:          {dict(answered_down) or 'none'}")
    print(f"  sent and answered while it was down: {dict(during) or 'none'}")
    print(f"  longest wait for a 503 page:         {slow_503:.1f} s")
    print(f"  sent while down, answered after:     {dict(waited) or 'none'}")
    print(
        f"  sent after it was back:              {dict(Counter(k for _d, k in after_up))}; "
        f"first 303 {back_after:.2f} s after the start"
    )
    if args.verbose:
        for sent, done, kind in timeline:
            if done >= stopped_at - 1 and sent <= up_at + 1:
                print(
                    f"    sent {sent - stopped_at:+6.2f} s  answered {done - stopped_at:+6.2f} s  {kind}"
                )
    sample = outcomes.sample_503
    name_kept = sample is not None and f'value="{sample[0]}"' in sample[1]
    if sample is not None:
        print(f"  a 503 page holds the typed name {sample[0]!r}: {'yes' if name_kept else 'no'}")
    checks = stored_checks(url, outcomes)
    checks.update(
        {
            "503s while the database was down": answered_down.get("503", 0) > 0,
            "no 303 for a POST sent after it stopped, answered before it started": (
                during.get("303", 0) == 0
            ),
            "the 503 page still holds the typed answers": name_kept,
            f"303 again within {args.back_within:.0f} s, same workers (no restart)": (
                back_after <= args.back_within and workers_after == workers_before and master_alive
            ),
        }
    )
    return show(checks)


def pairs_test(args, tmp: Path, data_dir: Path, url: str) -> bool:
    """The same NIK POSTed to two app servers at the same moment: exactly one registration."""
    env = form_env(data_dir, url)
    servers = [
        rl.start_gunicorn("form_service:create_app()", 1, env, tmp / "log") for _ in range(2)
    ]
    niks = rl.NikSource()
    results = Counter()
    skews: list[float] = []
    problems: list[str] = []
    accepted: dict[str, str] = {}
    print(
        f"\n== Same NIK, two app servers (ports {servers[0].port}, {servers[1].port}), "
        f"{args.pairs} rounds of two simultaneous POSTs (even rounds: the same answers, odd "
        f"rounds: another name with the same NIK)..."
    )
    try:
        for round_no in range(args.pairs):
            nik, birth, i = niks.next()
            bodies, forms = [], []
            for k, server in enumerate(servers):
                form = get_form(server.port)
                if form is None:
                    problems.append(f"round {round_no}: GET failed")
                    break
                forms.append(form)
                variant = i if round_no % 2 == 0 or k == 0 else i + 500_000
                bodies.append(rl.answers(nik, birth, variant, form[1]))
            if len(forms) < 2:
                continue
            barrier = threading.Barrier(2)
            answers: list = [None, None]
            sent: list = [0.0, 0.0]

            def send(k: int, forms=forms, bodies=bodies, answers=answers, sent=sent, b=barrier):
                b.wait()
                sent[k] = time.perf_counter()
                try:
                    answers[k] = post_form(servers[k].port, forms[k][0], bodies[k])
                except (OSError, http.client.HTTPException) as error:
                    answers[k] = (type(error).__name__, "", b"")

            threads = [threading.Thread(target=send, args=(k,)) for k in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            skews.append(abs(sent[0] - sent[1]))
            statuses = tuple(sorted(str(a[0]) for a in answers))
            results[
                ("same" if round_no % 2 == 0 else "other") + " answers: " + "+".join(statuses)
            ] += 1
            ids = {a[1].rsplit("/", 1)[-1] for a in answers if a[0] == 303}
            if round_no % 2 == 0:
                if statuses != ("303", "303") or len(ids) != 1:
                    problems.append(f"round {round_no}: {statuses}, receipts {ids}")
            else:
                dup = [a for a in answers if a[0] == 422 and DUPLICATE in a[2]]
                if statuses != ("303", "422") or len(dup) != 1:
                    problems.append(f"round {round_no}: {statuses}")
            for rid in ids:
                accepted[rid] = nik
    finally:
        for server in servers:
            server.stop()
    import psycopg

    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT nik, count(*), array_agg(id) FROM registrations GROUP BY nik"
        ).fetchall()
    stored = {nik: (count, ids) for nik, count, ids in rows}
    wrong = [nik for nik in set(accepted.values()) if stored.get(nik, (0, []))[0] != 1]
    unmatched = [rid for rid, nik in accepted.items() if rid not in stored.get(nik, (0, []))[1]]
    skews.sort()
    print(f"  answers: {dict(results)}")
    if skews:
        print(
            f"  POSTs sent {statistics.median(skews) * 1e6:.0f} us apart (median), "
            f"{skews[-1] * 1e6:.0f} us at most"
        )
    if problems:
        print(f"  unexpected: {problems[:5]}")
    return show(
        {
            "each pair: exactly one accepted (the same receipt twice, or 303 + 'sudah terdaftar')": (
                not problems
            ),
            "each NIK stored exactly once, under the receipt given": not wrong and not unmatched,
        }
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stores", default="file,postgres", help="file, postgres or both")
    parser.add_argument("--seconds", type=float, default=15.0, help="the SIGKILL test")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--outage", type=float, default=10.0, help="seconds the database is down")
    parser.add_argument("--after", type=float, default=6.0, help="seconds of load after restart")
    parser.add_argument("--back-within", type=float, default=5.0, help="goal: 303 again within")
    parser.add_argument("--verbose", action="store_true", help="the outage's answers in time")
    parser.add_argument("--pairs", type=int, default=100, help="rounds of simultaneous pairs")
    args = parser.parse_args()
    stores = set(args.stores.split(","))

    tmp = Path(tempfile.mkdtemp(prefix="katalog-crash-"))
    results: dict[str, bool] = {}
    try:
        data_dir = rl.write_catalog(tmp / "data")
        if "file" in stores:
            queue = str(tmp / "var" / "queue.jsonl")
            results["file: SIGKILL"] = kill_test(args, tmp, data_dir, queue, "File store")
        if "postgres" in stores:
            from registrations.schema import upgrade
            from tests.services.postgres import PostgresServer

            with PostgresServer() as pg:
                urls = {}
                for name in ("kill", "outage", "pairs"):
                    urls[name] = pg.create_database(name)
                    upgrade(urls[name])
                if args.seconds > 0:
                    results["postgres: SIGKILL"] = kill_test(
                        args, tmp, data_dir, urls["kill"], "PostgreSQL store"
                    )
                results["postgres: outage"] = outage_test(args, tmp, data_dir, pg, urls["outage"])
                results["postgres: same NIK"] = pairs_test(args, tmp, data_dir, urls["pairs"])
        print()
        for name, ok in results.items():
            print(f"{name:<22} {'all checks met' if ok else 'NOT MET'}")
        return 0 if all(results.values()) else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

"""Kill gunicorn workers with SIGKILL under load; afterwards nothing is lost or doubled.

Starts ``gunicorn -w 4 'form_service:create_app()'`` on 127.0.0.1 with an empty temporary queue
and the synthesized catalog of ``registration_load.py``, then runs C clients that register
continuously (GET form, POST a valid fake applicant). Every second a random worker gets SIGKILL
(gunicorn starts a new one). A client whose request died sends the same answers again, as a
person would: it must then get its receipt (303), whether the first attempt was saved (the same
form sent again gets the earlier receipt) or not; a 422 duplicate-NIK message is also accepted.

Checked at the end, with the queue module's own reader (``JsonlStore(path).lines()``):

* every registration that got its 303 is in the file exactly once (by registration number);
* no registration number and no NIK occurs twice for the run;
* every NIK answered "already registered" is in the file;
* every line of the file reads cleanly (no torn or invalid line).

    .venv/bin/python benchmarks/crash_test.py [--seconds 15] [--clients 8] [--workers 4]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
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

    def add_error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] += 1


def attempt(port: int, nik: str, birth: str, i: int) -> tuple[str, str]:
    """One GET+POST on a fresh connection: ("303", id) | ("dup", "") | ("other", status)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", rl.FORM_PATH)
        response = connection.getresponse()
        body = response.read()
        cookie = (response.getheader("Set-Cookie") or "").split(";", 1)[0]
        match = rl.TOKEN_RE.search(body)
        if response.status != 200 or match is None:
            return "other", f"GET {response.status}"
        connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        connection.request(
            "POST", rl.FORM_PATH, body=rl.answers(nik, birth, i, match.group(1).decode()),
            headers=headers,
        )  # fmt: skip
        response = connection.getresponse()
        body = response.read()
        if response.status == 303:
            return "303", (response.getheader("Location") or "").rsplit("/", 1)[-1]
        if response.status == 422 and DUPLICATE in body:
            return "dup", ""
        return "other", f"POST {response.status}"
    finally:
        connection.close()


def client(port: int, niks: rl.NikSource, outcomes: Outcomes, stop_at: float) -> None:
    while time.monotonic() < stop_at:
        nik, birth, i = niks.next()
        failed_before = False
        for _try in range(20):  # resend the same answers until a definite answer
            with outcomes.lock:
                outcomes.attempts += 1
            try:
                kind, detail = attempt(port, nik, birth, i)
            except (OSError, http.client.HTTPException) as error:
                outcomes.add_error(type(error).__name__)
                failed_before = True
                time.sleep(0.05)
                continue
            with outcomes.lock:
                if kind == "303":
                    outcomes.accepted[detail] = nik
                elif kind == "dup":
                    if failed_before:
                        outcomes.duplicate_after_error.add(nik)
                    else:
                        outcomes.errors["duplicate without earlier error"] += 1
                else:
                    outcomes.errors[detail] += 1
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="katalog-crash-"))
    try:
        data_dir = rl.write_catalog(tmp / "data")
        queue_path = tmp / "var" / "queue.jsonl"
        env = {
            "KATALOG_SECRET_KEY": "crash-test-secret-not-for-production",
            "KATALOG_QUEUE_PATH": str(queue_path),
            "KATALOG_DATA_DIR": str(data_dir),
            "KATALOG_TODAY": rl.TODAY,
            "KATALOG_RATELIMIT_ENABLED": "false",
        }
        server = rl.start_gunicorn("form_service:create_app()", args.workers, env, tmp / "log")
        outcomes, kills = Outcomes(), []
        niks = rl.NikSource()
        stop_at = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=client, args=(server.port, niks, outcomes, stop_at))
            for _ in range(args.clients)
        ]
        threads.append(threading.Thread(target=killer, args=(server, stop_at, kills)))
        print(
            f"{args.clients} clients registering for {args.seconds:.0f} s against "
            f"{args.workers} workers; one worker gets SIGKILL every second..."
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)
        server.stop()

        lines = list(JsonlStore(queue_path).lines()) if queue_path.exists() else []
        problems = [(line.line_no, line.problem) for line in lines if line.problem]
        records = [line.record for line in lines if line.record is not None]
        ids = Counter(r["id"] for r in records)
        nik_counts = Counter((r["run_id"], r["applicant"]["nik"]) for r in records)
        missing = [rid for rid in outcomes.accepted if ids[rid] == 0]
        doubled_ids = [rid for rid, n in ids.items() if n > 1]
        doubled_niks = [key for key, n in nik_counts.items() if n > 1]
        queued_niks = {nik for _run, nik in nik_counts}
        lost_duplicates = [n for n in outcomes.duplicate_after_error if n not in queued_niks]
        mismatched = [
            rid for rid, nik in outcomes.accepted.items()
            if ids[rid] and next(r for r in records if r["id"] == rid)["applicant"]["nik"] != nik
        ]  # fmt: skip

        print(f"  workers killed:                     {len(kills)}")
        print(f"  attempts (GET+POST pairs):          {outcomes.attempts}")
        print(f"  receipts (303):                     {len(outcomes.accepted)}")
        print(f"  saved although the answer was lost: {len(outcomes.duplicate_after_error)}")
        print(f"  errors seen by clients:             {dict(outcomes.errors) or 'none'}")
        print(f"  lines in the queue:                 {len(lines)} ({len(records)} records)")
        checks = {
            "every 303 is in the queue": not missing,
            "each 303 exactly once, no id twice": not doubled_ids,
            "no NIK twice for the run": not doubled_niks,
            "every 'already registered' NIK is queued": not lost_duplicates,
            "receipt ids match their NIKs": not mismatched,
            "every line reads cleanly": not problems,
            "workers were actually killed": len(kills) >= max(1, int(args.seconds) - 2),
        }
        for name, ok in checks.items():
            print(f"  {'ok  ' if ok else 'FAIL'} {name}")
        if problems:
            print(f"  problems: {problems[:5]}")
        if missing:
            print(f"  missing: {missing[:5]}")
        return 0 if all(checks.values()) else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

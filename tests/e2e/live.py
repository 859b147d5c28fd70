"""What the browser tests share: the fake applicant, the live site, Chromium's whereabouts."""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from catalog.catalog import RunRef
from catalog.load import require_catalog
from catalog.models import Education
from catalog.status import RunStatus, run_status
from site_builder import urls

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TODAY = date(2026, 11, 23)
WIB = timezone(timedelta(hours=7))


def browser_time(day: date = TODAY) -> datetime:
    """9 o'clock in the morning in Jakarta on ``day``: when the browser's clock starts. The site's
    live script computes each run's status from the browser's date, so without a fixed clock
    these tests would start failing once the real date passes the shipped runs."""
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=WIB)


SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
SERVER_START_TIMEOUT = 30.0
DEFAULT_TIMEOUT_MS = 10_000

# The fake applicant: obviously not a real person.
APPLICANT_NAME = "Contoh Pendaftar"
APPLICANT_PHONE = "081200000001"
APPLICANT_BIRTH = date(1998, 8, 17)
APPLICANT_GENDER = "L"
APPLICANT_EDUCATION = Education.SMA
APPLICANT_EMPLOYMENT = "mencari-kerja"
APPLICANT_DTKS = "ya"
NIK_DISTRICT = "367101"  # Kecamatan Tangerang, Kota Tangerang


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if importlib.util.find_spec("playwright") is None:
        return (
            "Playwright for Python is not installed; run `.venv/bin/pip install -e '.[dev]'` "
            "(never `playwright install`: the tests use Debian's Chromium)."
        )
    if not CHROMIUM.exists():
        return (
            f"Chromium not found at {CHROMIUM}; install it with `sudo apt-get install chromium` "
            "(Debian/Ubuntu). Set KATALOG_REQUIRE_BROWSER=1 to make this a failure."
        )
    return None


# -- the applicant and the run they apply for -------------------------------------------------


@dataclass(frozen=True)
class Applicant:
    """A fake applicant and an open run they are eligible for, found in the shipped data."""

    run: RunRef
    village: str  # Kemendagri code of the KTP kelurahan/desa
    kecamatan_url: str  # site-relative URL of the run's kecamatan page
    kejuruan_label: str  # what a resident types into the search box

    name: str = APPLICANT_NAME
    phone: str = APPLICANT_PHONE
    birth_date: date = APPLICANT_BIRTH
    gender: str = APPLICANT_GENDER
    education: str = APPLICANT_EDUCATION.value
    employment_status: str = APPLICANT_EMPLOYMENT
    dtks: str = APPLICANT_DTKS
    address: str = "Jl. Contoh No. 1, RT 001/RW 002"

    @property
    def run_id(self) -> str:
        return self.run.public_id

    @property
    def course_url(self) -> str:
        return f"kursus/{self.run.center.id}/{self.run.course.id}/"

    @property
    def center_url(self) -> str:
        return f"pusat/{self.run.center.id}/"

    @property
    def kejuruan_url(self) -> str:
        return f"kejuruan/{self.run.course.kejuruan}/"

    @property
    def form_url(self) -> str:
        return f"daftar/{self.run_id}"

    @property
    def birth_text(self) -> str:
        """The birth date as an applicant types it: 17-08-1998."""
        return self.birth_date.strftime("%d-%m-%Y")

    def nik(self, serial: int) -> str:
        """A structurally valid NIK for this birth date; each test uses its own serial."""
        day = self.birth_date.day + (40 if self.gender == "P" else 0)
        return f"{NIK_DISTRICT}{day:02d}{self.birth_date:%m%y}{serial:04d}"


_EDUCATION_ORDER = list(Education)


def eligible(ref: RunRef) -> bool:
    rules = ref.course.eligibility
    start = ref.run.start
    age = (
        start.year
        - APPLICANT_BIRTH.year
        - ((start.month, start.day) < (APPLICANT_BIRTH.month, APPLICANT_BIRTH.day))
    )
    if age < rules.min_age or (rules.max_age is not None and age > rules.max_age):
        return False
    if rules.min_education is not None and _EDUCATION_ORDER.index(
        rules.min_education
    ) > _EDUCATION_ORDER.index(APPLICANT_EDUCATION):
        return False
    # Job seekers with a DTKS household: only these target groups are declared.
    allowed = {"dtks", "pencari-kerja"}
    if any(group.value not in allowed for group in rules.target_groups):
        return False
    # A Kota Tangerang address (the NIK is from there too; not required, but tidy).
    return all(code.startswith("3671") for code in rules.domicile) and bool(rules.domicile)


def find_applicant() -> Applicant:
    """The first open run (by id) on TODAY that the fake applicant may register for."""
    catalog = require_catalog(REPO / "courses", today=TODAY)
    candidates = sorted(
        (
            ref
            for ref in catalog.runs()
            if run_status(ref.run, TODAY) is RunStatus.OPEN and eligible(ref)
        ),
        key=lambda ref: ref.public_id,
    )
    assert candidates, "the shipped data has no open run on 2026-11-23 the fake applicant fits"
    ref = candidates[0]
    regions = catalog.regions
    domicile = ref.course.eligibility.domicile[0]
    villages = sorted(v.code for v in regions.villages_within(domicile))
    assert villages, f"no kelurahan within {domicile}"
    village = ref.village if ref.village in villages else villages[0]
    district = regions.district_of(ref.village)
    assert district is not None
    return Applicant(
        run=ref,
        village=village,
        kecamatan_url=urls.kecamatan(district),
        kejuruan_label=catalog.kejuruan[ref.course.kejuruan].label,
    )


# -- the built site and the running service ---------------------------------------------------


def katalog_command() -> list[str]:
    script = Path(sys.executable).with_name("katalog")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from katalog.main import cli; cli()"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class LiveSite:
    """The site and form served by ``katalog serve`` for this session."""

    url: str  # http://127.0.0.1:<port>/
    site_dir: Path
    queue_path: Path
    work_dir: Path

    def at(self, path: str) -> str:
        return self.url + path.lstrip("/")

    def records(self) -> list[dict]:
        """Every complete record of the queue file (JSON Lines)."""
        if not self.queue_path.exists():
            return []
        lines = self.queue_path.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def katalog(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*katalog_command(), *args],
            cwd=REPO,
            env=katalog_env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )


def katalog_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KATALOG_")}
    env.update(
        {
            "KATALOG_TODAY": TODAY.isoformat(),
            "KATALOG_RATELIMIT_ENABLED": "false",
            "KATALOG_SECRET_KEY": "e2e-test-secret-not-for-production",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code

"""A small valid data set for tests, written into tmp_path (obviously not real data)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)  # tests use a fixed "today", never the clock

CENTER_YML = """\
id: blk-contoh
name: BLK Contoh
kind: blk
agency: disnaker-kota-tangerang
village: "3671011001"
contact: {email: blk@example.go.id}
"""

COURSE_YML = """\
id: tata-boga
title: Tata Boga
kejuruan: tata-boga
summary: Belajar memasak untuk usaha.
topics:
  - Kebersihan dapur
duration: {workdays: 15}
mode: offline
certification: {body: BNSP}
eligibility:
  min_age: 18
  max_age: 45
  domicile: ["3671"]
selection: interview
reviewed: 2026-11-20
runs:
  - id: 2027-1
    start: 2027-02-01
    registration: {opens: 2026-11-16, closes: 2027-01-22}
    quota: 20
"""


def write_courses(
    root: Path, *, course: str = COURSE_YML, center: str = CENTER_YML, extra: dict | None = None
) -> Path:
    """A minimal valid courses/ tree under ``root``; ``extra`` maps relative paths to text."""
    courses = root / "courses"
    courses.mkdir(parents=True, exist_ok=True)
    for name in ("dataset.yml", "agencies.yml", "kejuruan.yml"):
        shutil.copy(REPO / "courses" / name, courses / name)
    (courses / "blk-contoh").mkdir(exist_ok=True)
    (courses / "blk-contoh" / "center.yml").write_text(center, encoding="utf-8")
    (courses / "blk-contoh" / "tata-boga.yml").write_text(course, encoding="utf-8")
    for rel, text in (extra or {}).items():
        path = courses / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return courses

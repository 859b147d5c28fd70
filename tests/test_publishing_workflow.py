"""The staff repository's GitHub workflow: checks pull requests, refuses to publish a site whose
Daftar buttons would lead nowhere."""

from __future__ import annotations

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "katalog.yml"


def jobs() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def commands(job: dict) -> list[str]:
    return [" ".join(str(step.get("run", "")).split()) for step in job["steps"]]


def test_a_pull_request_is_checked_line_by_line_before_it_is_built() -> None:
    steps = commands(jobs()["check"])
    check = steps.index("katalog check --strict --format github courses")
    build = next(i for i, run in enumerate(steps) if run.startswith("katalog build"))
    assert check < build


def test_publishing_stops_without_the_form_address() -> None:
    build_job = jobs()["build"]
    steps = build_job["steps"]
    guard = next(i for i, s in enumerate(steps) if "KATALOG_FORM_URL" in str(s.get("if", "")))
    assert steps[guard]["if"] == "vars.KATALOG_FORM_URL == ''"
    script = steps[guard]["run"]
    assert "::error title=KATALOG_FORM_URL belum diisi::" in script
    assert "Situs belum diterbitkan." in script
    assert script.strip().endswith("exit 1")
    build = next(i for i, run in enumerate(commands(build_job)) if run.startswith("katalog build"))
    assert guard < build
    assert '--form-url "${{ vars.KATALOG_FORM_URL }}"' in commands(build_job)[build]

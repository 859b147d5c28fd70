"""courses/example-results.json: reproducible, marked as example, without personal data, and
shaped exactly like a real `katalog queue publish` output (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

from form_service.staff.example_results import example_results
from registrations.status import Status
from tests.form_service.selection_helpers import move, queue_with
from tests.form_service.test_capaian_from_store import TARGETS

SHIPPED = Path(__file__).resolve().parents[2] / "courses" / "example-results.json"


def _shape(value):  # type: ignore[no-untyped-def]
    """Keys and kinds, not values (null stands for a hidden count, so it matches a number)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    if value is None or isinstance(value, int):
        return "count"
    return type(value).__name__


def test_the_shipped_file_is_the_script_output() -> None:
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert shipped == example_results(), "run: python -m form_service.staff.example_results"
    assert shipped["example"] is True
    text = SHIPPED.read_text(encoding="utf-8")
    assert "Contoh Peserta" not in text and "3671011708" not in text and "+62" not in text
    assert all("name" not in e for run in shipped["runs"] for e in run["accepted"])


def test_same_shape_as_a_real_publish(
    queue_cli, queue_path, staff_catalog, tmp_path, monkeypatch
) -> None:
    (staff_catalog / "targets.yml").write_text(TARGETS, encoding="utf-8")
    monkeypatch.setenv("KATALOG_STAFF_NAME", "Petugas Contoh")
    numbers = queue_with(queue_path, 6)
    move(queue_path, *[(n, s) for n in numbers for s in (Status.ACCEPTED, Status.ATTENDING)])
    out = tmp_path / "hasil.json"
    assert queue_cli("publish", "--out", str(out)).exit_code == 0
    real = json.loads(out.read_text(encoding="utf-8"))
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert shipped.pop("example") is True
    real_run, shipped_run = real["runs"][0], shipped["runs"][0]
    assert _shape({**real, "runs": []}) == _shape({**shipped, "runs": []})
    assert _shape({**real_run, "reserve": []}) == _shape({**shipped_run, "reserve": []})

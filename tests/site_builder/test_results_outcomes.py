"""Outcome counts read from the public results file (site_builder.results, versions 1 and 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_builder.results import ResultsError, load_results

EXAMPLE = Path(__file__).resolve().parents[2] / "courses" / "example-results.json"


def _file(tmp_path: Path, version: int, outcomes: object = None) -> Path:
    run = {
        "run_id": "contoh/menjahit/2026-1",
        "counts": {"applicants": 40, "invited": 40, "accepted": 16, "reserve": 0},
        "accepted": [],
        "reserve": [],
    }
    if outcomes is not None:
        run["outcomes"] = outcomes
    path = tmp_path / "hasil.json"
    data = {
        "format": "katalog-pengumuman",
        "version": version,
        "generated_at": "2026-11-23T03:00:00Z",
        "runs": [run],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


OUTCOMES = {
    "applicants": 40,
    "accepted": 16,
    "attending": 16,
    "completed": 14,
    "certified": None,
    "starter_packages": 0,
    "followup_6": {
        "working": 5,
        "self_employed": 6,
        "not_working": None,
        "unreachable": None,
        "no_answer": 0,
    },
}


def test_a_version_1_file_has_no_outcomes(tmp_path):
    results = load_results(_file(tmp_path, 1))
    assert results.runs["contoh/menjahit/2026-1"].outcomes is None


def test_version_2_outcomes_keep_hidden_counts_hidden(tmp_path):
    outcomes = load_results(_file(tmp_path, 2, OUTCOMES)).runs["contoh/menjahit/2026-1"].outcomes
    assert outcomes is not None
    assert (outcomes.completed, outcomes.certified, outcomes.starter_packages) == (14, None, 0)
    assert outcomes.working_or_business == 11


def test_working_or_business_is_hidden_when_either_part_is(tmp_path):
    followup = {**OUTCOMES["followup_6"], "self_employed": None}
    path = _file(tmp_path, 2, {**OUTCOMES, "followup_6": followup})
    assert load_results(path).runs["contoh/menjahit/2026-1"].outcomes.working_or_business is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"completed": -1}, "jumlah 'completed' harus bilangan bulat 0 atau lebih, atau null."),
        ({"certified": "12"}, "jumlah 'certified' harus bilangan bulat 0 atau lebih, atau null."),
        ({"followup_6": {}}, "jumlah 'followup_6.working' tidak ada (null bila disembunyikan)."),
    ],
)
def test_a_wrong_outcome_count_stops_the_build(tmp_path, change, message):
    path = _file(tmp_path, 2, {**OUTCOMES, **change})
    with pytest.raises(ResultsError) as caught:
        load_results(path)
    assert f"{path}: angkatan contoh/menjahit/2026-1: {message}" in caught.value.problems


def test_the_example_file_carries_outcomes():
    runs = load_results(EXAMPLE).runs.values()
    assert any(r.outcomes is not None for r in runs)

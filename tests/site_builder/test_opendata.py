"""Open data: katalog.json against its schema, katalog.csv for spreadsheets, and the docs."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import jsonschema
import pytest

from catalog.catalog import Catalog
from site_builder.opendata import CSV_COLUMNS, neutralise, write_open_data
from site_builder.opendata_records import OpenData
from tests.site_builder.machine_fixtures import BASE_URL, FORM_URL, TODAY, load_fixture

REPO = Path(__file__).resolve().parents[2]
RUN_1 = "blk-contoh/tata-boga/2027-1"
RUN_2 = "blk-contoh/tata-boga/2027-2"
STATS = {
    "generated_at": "2026-11-23T02:00:00Z",
    "runs": {RUN_1: {"registered": 12, "waitlist": 3, "quota": 20}},
}


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_fixture(tmp_path)


def write(catalog: Catalog, out: Path, stats: dict | None = None) -> dict:
    paths = write_open_data(
        catalog, out, base_url=BASE_URL, form_url=FORM_URL, today=TODAY, stats=stats
    )
    assert [p.name for p in paths] == ["katalog.json", "katalog.csv", "katalog.schema.json"]
    return json.loads((out / "katalog.json").read_text("utf-8"))


def validator(out: Path) -> jsonschema.Draft202012Validator:
    schema = json.loads((out / "katalog.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_json_validates_against_schema_and_lists_every_run(catalog, tmp_path):
    data = write(catalog, tmp_path / "out")
    validator(tmp_path / "out").validate(data)

    assert [r["id"] for r in data["runs"]] == [RUN_1, RUN_2]
    assert data["counts"] == {"centers": 1, "courses": 1, "runs": 2}
    assert data["example_data"] is True
    assert data["status_date"] == "2026-11-23"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["generated_at"])
    first, second = data["runs"]
    assert (
        first["register_url"] == "https://daftar.example.go.id/daftar/blk-contoh/tata-boga/2027-1"
    )
    assert first["url"] == (
        "https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/#angkatan-2027-1"
    )
    assert first["calendar_url"] == (
        "https://pelatihan.example.go.id/kalender/blk-contoh/tata-boga/2027-1.ics"
    )
    assert first["poster_url"] == (
        "https://pelatihan.example.go.id/poster/blk-contoh/tata-boga/2027-1.html"
    )
    assert (first["status"], first["status_label"]) == ("dibuka", "Pendaftaran dibuka")
    assert (second["status"], second["status_label"]) == (
        "akan-dibuka",
        "Pendaftaran segera dibuka",
    )
    assert (first["start"], first["end"]) == ("2027-02-01", "2027-02-22")
    assert (first["venue_name"], first["village_name"]) == ("BLK Contoh Kota Tangerang", "Sukarasa")
    assert (second["venue_name"], second["village_name"]) == (
        "Kantor Kelurahan Sukasari",
        "Sukasari",
    )
    assert (second["district_name"], second["regency_name"]) == ("Tangerang", "Kota Tangerang")
    assert first["registered"] is None and data["stats_generated_at"] is None

    (course,) = data["courses"]
    assert course["url"] == "https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/"
    assert course["organiser_name"] == "Dinas Sosial Kota Tangerang"
    assert course["fee_label"] == "Gratis"
    assert course["total_hours"] == 105
    assert course["eligibility"]["domicile"] == [{"code": "3671", "name": "Kota Tangerang, Banten"}]
    assert course["eligibility"]["sentences"][0] == (
        "Berusia 18 sampai 45 tahun saat pelatihan dimulai."
    )
    (center,) = data["centers"]
    assert center["url"] == "https://pelatihan.example.go.id/pusat/blk-contoh/"
    assert center["course_ids"] == ["blk-contoh/tata-boga"]


def test_schema_documents_every_field(catalog, tmp_path):
    """Unknown fields fail validation, so a new field cannot ship undocumented."""
    data = write(catalog, tmp_path / "out")
    data["runs"][0]["new_field"] = 1
    errors = list(validator(tmp_path / "out").iter_errors(data))
    assert [e.message for e in errors] == [
        "Additional properties are not allowed ('new_field' was unexpected)"
    ]


def test_json_reads_back_through_the_models_unchanged(catalog, tmp_path):
    """The published file parses with the strict models it was built from, value for value."""
    write(catalog, tmp_path / "out", stats=STATS)
    text = (tmp_path / "out" / "katalog.json").read_text("utf-8")
    assert OpenData.model_validate_json(text).model_dump_json() + "\n" == text


def test_schema_refuses_a_wrong_value_where_a_reader_would_trip(catalog, tmp_path):
    data = write(catalog, tmp_path / "out")
    data["runs"][0]["status"] = "buka"
    data["runs"][1]["village_code"] = "36710110"
    data["courses"][0]["fee"] = -1
    errors = sorted(
        (list(e.absolute_path), e.message) for e in validator(tmp_path / "out").iter_errors(data)
    )
    assert errors == [
        (["courses", 0, "fee"], "-1 is less than the minimum of 0"),
        (
            ["runs", 0, "status"],
            "'buka' is not one of ['akan-dibuka', 'dibuka', 'ditutup', 'selesai']",
        ),
        (["runs", 1, "village_code"], "'36710110' does not match '^\\\\d{10}$'"),
    ]


def _properties(schema: dict, where: str = "$"):
    for name, sub in schema.get("properties", {}).items():
        yield f"{where}.{name}", name, sub
        yield from _properties(sub, f"{where}.{name}")
        if "items" in sub:
            yield from _properties(sub["items"], f"{where}.{name}[]")
    for name, sub in schema.get("$defs", {}).items():
        yield from _properties(sub, f"$defs.{name}")


def test_every_schema_field_has_a_description_and_is_in_the_docs(catalog, tmp_path):
    write(catalog, tmp_path / "out")
    schema = json.loads((tmp_path / "out" / "katalog.schema.json").read_text("utf-8"))
    docs = (REPO / "docs" / "data-terbuka.md").read_text("utf-8")
    fields = list(_properties(schema))
    assert len(fields) > 100
    assert [path for path, _, sub in fields if not sub.get("description")] == []
    assert sorted({name for _, name, _ in fields if f"`{name}`" not in docs}) == []
    assert [c for c in CSV_COLUMNS if f"`{c}`" not in docs] == []


def test_stats_add_counts_per_run(catalog, tmp_path):
    data = write(catalog, tmp_path / "out", stats=STATS)
    validator(tmp_path / "out").validate(data)
    first, second = data["runs"]
    assert (first["registered"], first["waitlist"]) == (12, 3)
    assert (second["registered"], second["waitlist"]) == (None, None)
    assert data["stats_generated_at"] == "2026-11-23T02:00:00Z"
    rows = read_csv(tmp_path / "out" / "katalog.csv")
    assert (rows[0]["registered"], rows[0]["waitlist"]) == ("12", "3")
    assert (rows[1]["registered"], rows[1]["waitlist"]) == ("", "")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_bom_one_row_per_run_and_neutralised_cells(catalog, tmp_path):
    write(catalog, tmp_path / "out")
    raw = (tmp_path / "out" / "katalog.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,course_id,center_id,run_id,")
    assert b"\r\n" in raw
    rows = read_csv(tmp_path / "out" / "katalog.csv")
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert [r["id"] for r in rows] == [RUN_1, RUN_2]
    assert rows[1]["note"] == "'=2+3 catatan uji sel rumus"
    assert rows[1]["schedule"] == "Senin–Jumat, 08.00–15.00 WIB"
    assert rows[0]["documents"] == "KTP (asli dan fotokopi); Kartu Keluarga (fotokopi)"
    assert rows[0]["register_url"] == FORM_URL + "/daftar/" + RUN_1
    assert rows[0]["applicant_cap"] == "100" and rows[1]["applicant_cap"] == ""
    assert not [(r["id"], k) for r in rows for k, v in r.items() if v[:1] in ("=", "+", "-", "@")]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+6281200000001", "'+6281200000001"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Tata Boga", "Tata Boga"),
        ("2027-02-01", "2027-02-01"),
        (None, ""),
        (0, "0"),
        (True, "ya"),
        (False, "tidak"),
    ],
)
def test_neutralise(value, cell):
    assert neutralise(value) == cell

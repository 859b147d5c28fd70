"""Open data: the whole catalog as ``katalog.json``, ``katalog.csv`` and a JSON Schema.

``katalog.json`` holds every agency, kejuruan, center, course and run; ``katalog.csv`` has one row
per run for spreadsheets; ``katalog.schema.json`` (JSON Schema 2020-12) documents every field in
Indonesian. The records are built through the models of :mod:`site_builder.opendata_records`,
and the schema is generated from the same models. ``docs/data-terbuka.md`` explains the files to the people who use them; the site
publishes it as the page ``data-terbuka/`` (site_builder/opendata_page.py).

Calendar and poster links in the records assume :mod:`site_builder.ical` and
:mod:`site_builder.poster` write into the root of the generated docs folder.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from catalog import eligibility, labels
from catalog.catalog import Catalog, CourseRef, RunRef
from catalog.dates import now_utc
from catalog.models import Agency, Center
from catalog.regions import Regions
from catalog.status import RunStatus, run_status
from site_builder import share
from site_builder.ical import run_ics_path
from site_builder.opendata_records import (
    FORMAT_VERSION,
    AccreditationRecord,
    AgencyRecord,
    CenterRecord,
    CertificationRecord,
    CodeLabel,
    ContactRecord,
    CountsRecord,
    CourseRecord,
    EligibilityRecord,
    KejuruanRecord,
    OpenData,
    PartnerRecord,
    RegionRecord,
    RunRecord,
    StarterPackageRecord,
    json_schema,
)
from site_builder.poster import poster_path

JSON_NAME = "katalog.json"
CSV_NAME = "katalog.csv"
SCHEMA_NAME = "katalog.schema.json"

# Characters that make Excel or LibreOffice read a cell as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Row = dict[str, Any]


def write_open_data(
    catalog: Catalog,
    out_dir: Path,
    *,
    base_url: str,
    form_url: str,
    today: date,
    stats: Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write katalog.json, katalog.csv and katalog.schema.json into ``out_dir``.

    ``stats`` (counts only, never personal data) looks like
    ``{"generated_at": "...", "runs": {"<run public id>": {"registered": 3, "waitlist": 0}}}``.
    """
    data = catalog_data(catalog, base_url=base_url, form_url=form_url, today=today, stats=stats)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / JSON_NAME, out_dir / CSV_NAME, out_dir / SCHEMA_NAME]
    # Compact, as pydantic writes it (no spaces, UTF-8 kept); browsers and jq show it indented.
    paths[0].write_text(data.model_dump_json() + "\n", encoding="utf-8")
    paths[1].write_text(csv_text(data), encoding="utf-8-sig", newline="")
    paths[2].write_text(
        json.dumps(json_schema(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return paths


# --------------------------------------------------------------------------- katalog.json


def catalog_data(
    catalog: Catalog,
    *,
    base_url: str,
    form_url: str,
    today: date,
    stats: Mapping[str, Any] | None = None,
) -> OpenData:
    """The content of katalog.json."""
    regions = catalog.regions
    run_stats: Mapping[str, Any] = (stats or {}).get("runs", {})
    stats_generated_at = (stats or {}).get("generated_at")
    centers, courses, runs = catalog.counts
    return OpenData(
        format_version=FORMAT_VERSION,
        generated_at=now_utc().strftime("%Y-%m-%dT%H:%M:%SZ"),
        status_date=today,
        example_data=catalog.dataset.example,
        notice=catalog.dataset.notice,
        publisher=catalog.dataset.publisher,
        counts=CountsRecord(centers=centers, courses=courses, runs=runs),
        stats_generated_at=stats_generated_at if isinstance(stats_generated_at, str) else None,
        agencies=[_agency(a, regions) for a in catalog.agencies.values()],
        kejuruan=[
            KejuruanRecord(id=k.id, label=k.label, description=k.description)
            for k in catalog.kejuruan.values()
        ],
        centers=[_center(c, catalog, base_url) for c in catalog.centers.values()],
        courses=[_course(ref, catalog, base_url) for ref in catalog.courses()],
        runs=[
            _run(ref, catalog, base_url, form_url, today, run_stats.get(ref.public_id))
            for ref in catalog.runs()
        ],
    )


def _place(code: str, regions: Regions) -> dict[str, str | None]:
    """Region codes and names of a kelurahan/desa, flattened for spreadsheets."""
    village = regions.get(code)
    district = regions.district_of(code)
    regency = regions.regency_of(code)
    province = regions.get(code[:2])
    return {
        "village_code": code,
        "village_name": village.name if village else None,
        "village_kind": village.kind if village else None,
        "district_code": code[:6],
        "district_name": district.name if district else None,
        "regency_code": code[:4],
        "regency_name": regency.name if regency else None,
        "province_code": code[:2],
        "province_name": province.name if province else None,
    }


def _agency(agency: Agency, regions: Regions) -> AgencyRecord:
    return AgencyRecord(
        id=agency.id,
        name=agency.name,
        short_name=agency.short_name,
        region_code=agency.region,
        region_name=regions.label(agency.region) if agency.region else None,
        website=agency.website,
    )


def _center(center: Center, catalog: Catalog, base_url: str) -> CenterRecord:
    accreditation = center.accreditation
    return CenterRecord(
        id=center.id,
        name=center.name,
        kind=center.kind,
        kind_label=labels.CENTER_KIND[center.kind],
        agency_id=center.agency,
        agency_name=catalog.agencies[center.agency].name,
        description=center.description,
        address=center.address,
        **_place(center.village, catalog.regions),
        accreditation=None
        if accreditation is None
        else AccreditationRecord(
            status=accreditation.status,
            label=labels.ACCREDITATION[accreditation.status],
            body=accreditation.body,
            year=accreditation.year,
        ),
        network=center.network,
        programme=center.programme,
        contact=ContactRecord(**center.contact.model_dump()),
        url=share.center_url(base_url, center.id),
        course_ids=[ref.public_id for ref in catalog.courses_of_center(center.id)],
    )


def _course(ref: CourseRef, catalog: Catalog, base_url: str) -> CourseRecord:
    course, rules = ref.course, ref.course.eligibility
    hours = course.duration.hours_per_day
    package = course.starter_package
    return CourseRecord(
        id=ref.public_id,
        course_id=course.id,
        center_id=ref.center.id,
        title=course.title,
        kejuruan_id=course.kejuruan,
        kejuruan_label=catalog.kejuruan[course.kejuruan].label,
        summary=course.summary,
        description=course.description,
        topics=list(course.topics),
        duration_workdays=course.duration.workdays,
        hours_per_day=hours,
        total_hours=course.duration.workdays * hours if hours else None,
        mode=course.mode,
        mode_label=labels.MODE[course.mode],
        fee=course.fee,
        fee_label=labels.rupiah(course.fee),
        certification=CertificationRecord(
            body=course.certification.body,
            label=labels.CERTIFICATION[course.certification.body],
            scheme=course.certification.scheme,
        ),
        instructors=course.instructors,
        benefits=list(course.benefits),
        starter_package=StarterPackageRecord(best=package.best, contents=package.contents)
        if package
        else None,
        eligibility=EligibilityRecord(
            min_age=rules.min_age,
            max_age=rules.max_age,
            domicile=[
                RegionRecord(code=code, name=catalog.regions.label(code)) for code in rules.domicile
            ],
            target_groups=[
                CodeLabel(code=g.value, label=labels.TARGET_GROUP[g]) for g in rules.target_groups
            ],
            min_education=rules.min_education,
            min_education_label=labels.EDUCATION[rules.min_education]
            if rules.min_education
            else None,
            documents=[CodeLabel(code=d.value, label=labels.DOCUMENT[d]) for d in rules.documents],
            notes=rules.notes,
            sentences=eligibility.describe(rules, catalog.regions),
        ),
        selection=course.selection,
        selection_label=labels.SELECTION[course.selection],
        organiser_id=ref.organiser_id,
        organiser_name=catalog.agencies[ref.organiser_id].name,
        partners=[PartnerRecord(id=p, name=catalog.agencies[p].name) for p in course.partners],
        reviewed=course.reviewed,
        url=share.course_url(base_url, ref),
        run_ids=[run_ref.public_id for run_ref in ref.runs()],
    )


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _run(
    ref: RunRef,
    catalog: Catalog,
    base_url: str,
    form_url: str,
    today: date,
    counts: Mapping[str, Any] | None,
) -> RunRecord:
    run, venue = ref.run, ref.run.venue
    status: RunStatus = run_status(run, today)
    return RunRecord(
        id=ref.public_id,
        run_id=run.id,
        course_id=ref.course_ref.public_id,
        center_id=ref.center.id,
        course_title=ref.course.title,
        status=status,
        status_label=status.label,
        start=run.start,
        end=ref.end,
        registration_opens=run.registration.opens,
        registration_closes=run.registration.closes,
        quota=run.quota,
        applicant_cap=run.applicant_cap,
        schedule=run.schedule,
        note=run.note,
        at_center=venue is None,
        venue_name=venue.name if venue else ref.center.name,
        venue_address=venue.address if venue else ref.center.address,
        **_place(ref.village, catalog.regions),
        url=share.run_url(base_url, ref),
        register_url=share.register_url(form_url, ref),
        calendar_url=base_url + run_ics_path(ref),
        poster_url=base_url + poster_path(ref),
        registered=_count((counts or {}).get("registered")),
        waitlist=_count((counts or {}).get("waitlist")),
    )


# --------------------------------------------------------------------------- katalog.csv

# Stable snake_case column names, named like the JSON fields they come from (docs/data-terbuka.md).
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "course_id",
    "center_id",
    "run_id",
    "course_title",
    "kejuruan_label",
    "center_name",
    "organiser_name",
    "status",
    "status_label",
    "start",
    "end",
    "registration_opens",
    "registration_closes",
    "quota",
    "applicant_cap",
    "registered",
    "waitlist",
    "fee",
    "mode_label",
    "certification_label",
    "duration_workdays",
    "hours_per_day",
    "schedule",
    "min_age",
    "max_age",
    "domicile_codes",
    "domicile_names",
    "target_groups",
    "min_education_label",
    "documents",
    "selection_label",
    "venue_name",
    "venue_address",
    "village_code",
    "village_name",
    "district_name",
    "regency_name",
    "note",
    "url",
    "register_url",
)

LIST_SEPARATOR = "; "


def csv_rows(data: OpenData) -> list[Row]:
    """One flat row per run, with the course and center facts a spreadsheet user filters on."""
    courses = {c.id: c for c in data.courses}
    centers = {c.id: c for c in data.centers}
    rows = []
    for run in data.runs:
        course, center = courses[run.course_id], centers[run.center_id]
        rules = course.eligibility
        merged = {
            **dict(run),
            "kejuruan_label": course.kejuruan_label,
            "center_name": center.name,
            "organiser_name": course.organiser_name,
            "fee": course.fee,
            "mode_label": course.mode_label,
            "certification_label": course.certification.label,
            "duration_workdays": course.duration_workdays,
            "hours_per_day": course.hours_per_day,
            "min_age": rules.min_age,
            "max_age": rules.max_age,
            "domicile_codes": LIST_SEPARATOR.join(d.code for d in rules.domicile),
            "domicile_names": LIST_SEPARATOR.join(d.name for d in rules.domicile),
            "target_groups": LIST_SEPARATOR.join(g.label for g in rules.target_groups),
            "min_education_label": rules.min_education_label,
            "documents": LIST_SEPARATOR.join(d.label for d in rules.documents),
            "selection_label": course.selection_label,
        }
        rows.append({column: merged[column] for column in CSV_COLUMNS})
    return rows


def neutralise(value: Any) -> str:
    """A cell as text; text that a spreadsheet would run as a formula gets a leading ``'``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return str(value)
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_text(data: OpenData) -> str:
    """katalog.csv without the BOM (the writer adds it): comma-separated, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(data):
        writer.writerow([neutralise(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()

"""Open data: the whole catalog as ``katalog.json``, ``katalog.csv`` and a JSON Schema.

``katalog.json`` holds every agency, kejuruan, center, course and run; ``katalog.csv`` has one row
per run for spreadsheets; ``katalog.schema.json`` (JSON Schema 2020-12) documents every field in
Indonesian. ``docs/data-terbuka.md`` explains the files to the people who use them; the site
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
from site_builder.poster import poster_path

FORMAT_VERSION = 1
JSON_NAME = "katalog.json"
CSV_NAME = "katalog.csv"
SCHEMA_NAME = "katalog.schema.json"

# Characters that make Excel or LibreOffice read a cell as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Record = dict[str, Any]


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
    # Compact: with an indent, json uses its pure-Python encoder (a third of this function's
    # time for 2,000 courses); browsers and jq show it indented anyway.
    paths[0].write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    paths[1].write_text(csv_text(data), encoding="utf-8-sig", newline="")
    paths[2].write_text(_dump(json_schema()), encoding="utf-8")
    return paths


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


# --------------------------------------------------------------------------- katalog.json


def catalog_data(
    catalog: Catalog,
    *,
    base_url: str,
    form_url: str,
    today: date,
    stats: Mapping[str, Any] | None = None,
) -> Record:
    """The content of katalog.json as plain JSON values."""
    regions = catalog.regions
    run_stats: Mapping[str, Any] = (stats or {}).get("runs", {})
    centers, courses, runs = catalog.counts
    return {
        "format_version": FORMAT_VERSION,
        "generated_at": now_utc().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status_date": today.isoformat(),
        "example_data": catalog.dataset.example,
        "notice": catalog.dataset.notice,
        "publisher": catalog.dataset.publisher,
        "counts": {"centers": centers, "courses": courses, "runs": runs},
        "stats_generated_at": (stats or {}).get("generated_at"),
        "agencies": [_agency(a, regions) for a in catalog.agencies.values()],
        "kejuruan": [
            {"id": k.id, "label": k.label, "description": k.description}
            for k in catalog.kejuruan.values()
        ],
        "centers": [_center(c, catalog, base_url) for c in catalog.centers.values()],
        "courses": [_course(ref, catalog, base_url) for ref in catalog.courses()],
        "runs": [
            _run(ref, catalog, base_url, form_url, today, run_stats.get(ref.public_id))
            for ref in catalog.runs()
        ],
    }


def _place(code: str, regions: Regions) -> Record:
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


def _agency(agency: Agency, regions: Regions) -> Record:
    return {
        "id": agency.id,
        "name": agency.name,
        "short_name": agency.short_name,
        "region_code": agency.region,
        "region_name": regions.label(agency.region) if agency.region else None,
        "website": agency.website,
    }


def _center(center: Center, catalog: Catalog, base_url: str) -> Record:
    accreditation = center.accreditation
    return {
        "id": center.id,
        "name": center.name,
        "kind": center.kind.value,
        "kind_label": labels.CENTER_KIND[center.kind],
        "agency_id": center.agency,
        "agency_name": catalog.agencies[center.agency].name,
        "description": center.description,
        "address": center.address,
        **_place(center.village, catalog.regions),
        "accreditation": None
        if accreditation is None
        else {
            "status": accreditation.status.value,
            "label": labels.ACCREDITATION[accreditation.status],
            "body": accreditation.body,
            "year": accreditation.year,
        },
        "network": center.network,
        "programme": center.programme,
        "contact": center.contact.model_dump(),
        "url": share.center_url(base_url, center.id),
        "course_ids": [ref.public_id for ref in catalog.courses_of_center(center.id)],
    }


def _course(ref: CourseRef, catalog: Catalog, base_url: str) -> Record:
    course, rules = ref.course, ref.course.eligibility
    hours = course.duration.hours_per_day
    return {
        "id": ref.public_id,
        "course_id": course.id,
        "center_id": ref.center.id,
        "title": course.title,
        "kejuruan_id": course.kejuruan,
        "kejuruan_label": catalog.kejuruan[course.kejuruan].label,
        "summary": course.summary,
        "description": course.description,
        "topics": list(course.topics),
        "duration_workdays": course.duration.workdays,
        "hours_per_day": hours,
        "total_hours": course.duration.workdays * hours if hours else None,
        "mode": course.mode.value,
        "mode_label": labels.MODE[course.mode],
        "fee": course.fee,
        "fee_label": labels.rupiah(course.fee),
        "certification": {
            "body": course.certification.body.value,
            "label": labels.CERTIFICATION[course.certification.body],
            "scheme": course.certification.scheme,
        },
        "instructors": course.instructors,
        "benefits": list(course.benefits),
        "starter_package": course.starter_package.model_dump() if course.starter_package else None,
        "eligibility": {
            "min_age": rules.min_age,
            "max_age": rules.max_age,
            "domicile": [
                {"code": code, "name": catalog.regions.label(code)} for code in rules.domicile
            ],
            "target_groups": [
                {"code": g.value, "label": labels.TARGET_GROUP[g]} for g in rules.target_groups
            ],
            "min_education": rules.min_education.value if rules.min_education else None,
            "min_education_label": labels.EDUCATION[rules.min_education]
            if rules.min_education
            else None,
            "documents": [{"code": d.value, "label": labels.DOCUMENT[d]} for d in rules.documents],
            "notes": rules.notes,
            "sentences": eligibility.describe(rules, catalog.regions),
        },
        "selection": course.selection.value,
        "selection_label": labels.SELECTION[course.selection],
        "organiser_id": ref.organiser_id,
        "organiser_name": catalog.agencies[ref.organiser_id].name,
        "partners": [{"id": p, "name": catalog.agencies[p].name} for p in course.partners],
        "reviewed": course.reviewed.isoformat(),
        "url": share.course_url(base_url, ref),
        "run_ids": [run_ref.public_id for run_ref in ref.runs()],
    }


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _run(
    ref: RunRef,
    catalog: Catalog,
    base_url: str,
    form_url: str,
    today: date,
    counts: Mapping[str, Any] | None,
) -> Record:
    run, venue = ref.run, ref.run.venue
    status: RunStatus = run_status(run, today)
    return {
        "id": ref.public_id,
        "run_id": run.id,
        "course_id": ref.course_ref.public_id,
        "center_id": ref.center.id,
        "course_title": ref.course.title,
        "status": status.value,
        "status_label": status.label,
        "start": run.start.isoformat(),
        "end": ref.end.isoformat(),
        "registration_opens": run.registration.opens.isoformat(),
        "registration_closes": run.registration.closes.isoformat(),
        "quota": run.quota,
        "applicant_cap": run.applicant_cap,
        "schedule": run.schedule,
        "note": run.note,
        "at_center": venue is None,
        "venue_name": venue.name if venue else ref.center.name,
        "venue_address": venue.address if venue else ref.center.address,
        **_place(ref.village, catalog.regions),
        "url": share.run_url(base_url, ref),
        "register_url": share.register_url(form_url, ref),
        "calendar_url": base_url + run_ics_path(ref),
        "poster_url": base_url + poster_path(ref),
        "registered": _count((counts or {}).get("registered")),
        "waitlist": _count((counts or {}).get("waitlist")),
    }


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


def csv_rows(data: Record) -> list[Record]:
    """One flat row per run, with the course and center facts a spreadsheet user filters on."""
    courses = {c["id"]: c for c in data["courses"]}
    centers = {c["id"]: c for c in data["centers"]}
    rows = []
    for run in data["runs"]:
        course, center = courses[run["course_id"]], centers[run["center_id"]]
        rules = course["eligibility"]
        merged = {
            **run,
            "kejuruan_label": course["kejuruan_label"],
            "center_name": center["name"],
            "organiser_name": course["organiser_name"],
            "fee": course["fee"],
            "mode_label": course["mode_label"],
            "certification_label": course["certification"]["label"],
            "duration_workdays": course["duration_workdays"],
            "hours_per_day": course["hours_per_day"],
            "min_age": rules["min_age"],
            "max_age": rules["max_age"],
            "domicile_codes": LIST_SEPARATOR.join(d["code"] for d in rules["domicile"]),
            "domicile_names": LIST_SEPARATOR.join(d["name"] for d in rules["domicile"]),
            "target_groups": LIST_SEPARATOR.join(g["label"] for g in rules["target_groups"]),
            "min_education_label": rules["min_education_label"],
            "documents": LIST_SEPARATOR.join(d["label"] for d in rules["documents"]),
            "selection_label": course["selection_label"],
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
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_text(data: Record) -> str:
    """katalog.csv without the BOM (the writer adds it): comma-separated, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(data):
        writer.writerow([neutralise(row[column]) for column in CSV_COLUMNS])
    return buffer.getvalue()


# --------------------------------------------------------------------------- katalog.schema.json


def _t(kind: str | list[str], description: str, **extra: Any) -> Record:
    return {"type": kind, "description": description, **extra}


def _text(description: str) -> Record:
    return _t("string", description)


def _opt_text(description: str) -> Record:
    return _t(["string", "null"], description)


def _int(description: str, minimum: int = 0) -> Record:
    return _t("integer", description, minimum=minimum)


def _opt_int(description: str) -> Record:
    return _t(["integer", "null"], description, minimum=0)


def _date(description: str) -> Record:
    return _t("string", description, format="date")


def _url(description: str) -> Record:
    return _t("string", description, format="uri")


def _object(description: str, properties: Record, *, nullable: bool = False) -> Record:
    return {
        "type": ["object", "null"] if nullable else "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def _list(description: str, items: Record) -> Record:
    return {"type": "array", "description": description, "items": items}


def _code_label(what: str) -> Record:
    return _object(
        what,
        {"code": _text("Kode yang tertulis di data."), "label": _text("Keterangan kode.")},
    )


PLACE_PROPERTIES: Record = {
    "village_code": _t("string", "Kode Kemendagri kelurahan/desa (10 digit).", pattern=r"^\d{10}$"),
    "village_name": _opt_text("Nama kelurahan/desa."),
    "village_kind": _t(
        ["string", "null"], 'Jenis: "kelurahan" atau "desa".', enum=["kelurahan", "desa", None]
    ),
    "district_code": _t("string", "Kode kecamatan (6 digit).", pattern=r"^\d{6}$"),
    "district_name": _opt_text("Nama kecamatan."),
    "regency_code": _t("string", "Kode kota/kabupaten (4 digit).", pattern=r"^\d{4}$"),
    "regency_name": _opt_text('Nama kota/kabupaten, misalnya "Kota Tangerang".'),
    "province_code": _t("string", "Kode provinsi (2 digit).", pattern=r"^\d{2}$"),
    "province_name": _opt_text("Nama provinsi."),
}


def json_schema() -> Record:
    """JSON Schema (2020-12) of katalog.json; every field carries an Indonesian description."""
    agency = _object(
        "Instansi pemerintah yang menyelenggarakan atau mendanai pelatihan.",
        {
            "id": _text("Kode instansi, tetap dan dipakai di data lain."),
            "name": _text("Nama lengkap instansi."),
            "short_name": _text("Nama singkat instansi."),
            "region_code": _opt_text("Kode wilayah kerja instansi; null untuk instansi pusat."),
            "region_name": _opt_text("Nama wilayah kerja instansi."),
            "website": _opt_text("Situs web resmi instansi, bila diketahui."),
        },
    )
    kejuruan = _object(
        "Kejuruan (bidang keterampilan).",
        {
            "id": _text("Kode kejuruan."),
            "label": _text("Nama kejuruan."),
            "description": _text("Penjelasan singkat kejuruan."),
        },
    )
    center = _object(
        "Tempat atau penyelenggara pelatihan: BLK, BLK Komunitas, LPK swasta, BPVP, atau "
        "program dinas.",
        {
            "id": _text("Kode tempat pelatihan, tetap dan dipakai di alamat halaman."),
            "name": _text("Nama tempat pelatihan."),
            "kind": _t(
                "string",
                "Jenis tempat pelatihan: blk, blkk, lpks, bpvp, atau dinas.",
                enum=[k.value for k in labels.CENTER_KIND],
            ),
            "kind_label": _text("Keterangan jenis tempat pelatihan."),
            "agency_id": _text("Kode instansi pembina (lihat agencies)."),
            "agency_name": _text("Nama instansi pembina."),
            "description": _opt_text("Penjelasan singkat tentang tempat pelatihan."),
            "address": _opt_text("Alamat jalan, bila diketahui."),
            **PLACE_PROPERTIES,
            "accreditation": _object(
                "Akreditasi lembaga pelatihan; null bila tidak diketahui.",
                {
                    "status": _t(
                        "string",
                        "Status akreditasi: A, B, C, belum, atau proses.",
                        enum=[a.value for a in labels.ACCREDITATION],
                    ),
                    "label": _text("Keterangan status akreditasi."),
                    "body": _opt_text("Lembaga pemberi akreditasi, misalnya LA-LPK."),
                    "year": _opt_int("Tahun akreditasi."),
                },
                nullable=True,
            ),
            "network": _opt_text("Jaringan atau forum, misalnya FK-BLKK."),
            "programme": _opt_text("Program pendanaan, misalnya PBK Kemnaker."),
            "contact": _object(
                "Kontak resmi tempat pelatihan; isian yang tidak diketahui bernilai null.",
                {
                    "whatsapp": _opt_text("Nomor WhatsApp resmi."),
                    "phone": _opt_text("Nomor telepon resmi."),
                    "email": _opt_text("Alamat email resmi."),
                    "website": _opt_text("Situs web resmi."),
                    "instagram": _opt_text("Akun Instagram resmi."),
                    "hours": _opt_text("Jam layanan kantor, seperti diumumkan kantornya."),
                    "note": _opt_text(
                        "Ke mana warga bertanya bila belum ada nomor atau email yang pasti."
                    ),
                },
            ),
            "url": _url("Halaman tempat pelatihan di situs ini."),
            "course_ids": _list(
                "Kode kursus di tempat ini (lihat courses).", _text("Kode kursus.")
            ),
        },
    )
    course = _object(
        "Kursus (jenis pelatihan) di satu tempat pelatihan, dengan satu angkatan atau lebih.",
        {
            "id": _text('Kode kursus: "<kode tempat>/<kode kursus>".'),
            "course_id": _text("Kode kursus di dalam tempat pelatihannya."),
            "center_id": _text("Kode tempat pelatihan (lihat centers)."),
            "title": _text("Nama kursus."),
            "kejuruan_id": _text("Kode kejuruan (lihat kejuruan)."),
            "kejuruan_label": _text("Nama kejuruan."),
            "summary": _text("Ringkasan satu kalimat."),
            "description": _opt_text("Penjelasan lebih panjang."),
            "topics": _list("Materi yang dipelajari.", _text("Satu materi.")),
            "duration_workdays": _int("Lama pelatihan dalam hari kerja.", 1),
            "hours_per_day": _opt_int("Jam pelatihan per hari."),
            "total_hours": _opt_int("Jumlah jam pelatihan (hari kerja × jam per hari)."),
            "mode": _t(
                "string",
                "Cara belajar: offline (tatap muka), online (daring), atau hybrid (campuran).",
                enum=[m.value for m in labels.MODE],
            ),
            "mode_label": _text("Keterangan cara belajar."),
            "fee": _int("Biaya dalam rupiah; 0 berarti gratis."),
            "fee_label": _text('Biaya untuk dibaca: "Gratis" atau misalnya "Rp150.000".'),
            "certification": _object(
                "Sertifikat yang didapat peserta.",
                {
                    "body": _t(
                        "string",
                        "Pemberi sertifikat: BNSP, LSP, penyelenggara, atau tidak-ada.",
                        enum=[c.value for c in labels.CERTIFICATION],
                    ),
                    "label": _text("Keterangan sertifikat."),
                    "scheme": _opt_text('Skema sertifikasi, misalnya "Juru Masak".'),
                },
            ),
            "instructors": _opt_text("Keterangan instruktur."),
            "benefits": _list("Fasilitas untuk peserta.", _text("Satu fasilitas.")),
            "starter_package": _object(
                "Paket usaha untuk peserta terbaik; null bila tidak ada.",
                {
                    "best": _int("Jumlah peserta terbaik yang mendapat paket.", 1),
                    "contents": _text("Isi paket."),
                },
                nullable=True,
            ),
            "eligibility": _object(
                "Siapa yang boleh mendaftar. Formulir pendaftaran memeriksa aturan yang sama.",
                {
                    "min_age": _int("Usia paling rendah saat pelatihan dimulai.", 15),
                    "max_age": _opt_int(
                        "Usia paling tinggi saat pelatihan dimulai; null = tanpa batas."
                    ),
                    "domicile": _list(
                        "Wilayah alamat KTP yang diterima; kosong berarti terbuka untuk semua.",
                        _object(
                            "Satu wilayah.",
                            {
                                "code": _text("Kode wilayah Kemendagri (2, 4, 6 atau 10 digit)."),
                                "name": _text("Nama wilayah lengkap."),
                            },
                        ),
                    ),
                    "target_groups": _list(
                        "Kelompok sasaran; pendaftar harus termasuk semua kelompok ini "
                        "(diisi sendiri, diperiksa petugas).",
                        _code_label("Satu kelompok sasaran."),
                    ),
                    "min_education": _t(
                        ["string", "null"],
                        "Pendidikan terakhir paling rendah; null = tanpa syarat.",
                        enum=[e.value for e in labels.EDUCATION] + [None],
                    ),
                    "min_education_label": _opt_text("Keterangan syarat pendidikan."),
                    "documents": _list(
                        "Dokumen yang dibawa saat seleksi.", _code_label("Satu dokumen.")
                    ),
                    "notes": _opt_text("Catatan tambahan tentang syarat."),
                    "sentences": _list(
                        "Syarat dalam kalimat, seperti tertulis di halaman kursus.",
                        _text("Satu kalimat."),
                    ),
                },
            ),
            "selection": _t(
                "string",
                "Cara seleksi: interview, test, administration, atau first-come.",
                enum=[s.value for s in labels.SELECTION],
            ),
            "selection_label": _text("Keterangan cara seleksi."),
            "organiser_id": _text("Kode instansi penyelenggara (lihat agencies)."),
            "organiser_name": _text("Nama instansi penyelenggara."),
            "partners": _list(
                "Instansi mitra.",
                _object(
                    "Satu mitra.",
                    {"id": _text("Kode instansi."), "name": _text("Nama instansi.")},
                ),
            ),
            "reviewed": _date("Tanggal data kursus terakhir diperiksa petugas."),
            "url": _url("Halaman kursus di situs ini."),
            "run_ids": _list("Kode angkatan kursus ini (lihat runs).", _text("Kode angkatan.")),
        },
    )
    run = _object(
        "Satu angkatan pelatihan dengan tanggal, kuota dan tempatnya.",
        {
            "id": _text('Kode angkatan: "<kode tempat>/<kode kursus>/<kode angkatan>".'),
            "run_id": _text('Kode angkatan di dalam kursusnya, misalnya "2027-1".'),
            "course_id": _text("Kode kursus (lihat courses)."),
            "center_id": _text("Kode tempat pelatihan (lihat centers)."),
            "course_title": _text("Nama kursus."),
            "status": _t(
                "string",
                "Status pendaftaran pada status_date: akan-dibuka, dibuka, ditutup, atau selesai.",
                enum=[s.value for s in RunStatus],
            ),
            "status_label": _text("Keterangan status pendaftaran."),
            "start": _date("Hari pertama pelatihan."),
            "end": _date("Hari terakhir pelatihan."),
            "registration_opens": _date("Pendaftaran dibuka (WIB, tanggal ini termasuk)."),
            "registration_closes": _date("Pendaftaran ditutup (WIB, tanggal ini termasuk)."),
            "quota": _int("Jumlah kursi peserta.", 1),
            "applicant_cap": _opt_int(
                "Batas jumlah pendaftar; pendaftar berikutnya masuk daftar tunggu. null = tanpa "
                "batas."
            ),
            "schedule": _opt_text('Jadwal harian, misalnya "Senin–Jumat, 08.00–15.00 WIB".'),
            "note": _opt_text("Catatan untuk angkatan ini."),
            "at_center": _t("boolean", "true bila pelatihan diadakan di tempat pelatihan sendiri."),
            "venue_name": _text("Nama tempat kegiatan."),
            "venue_address": _opt_text("Alamat jalan tempat kegiatan, bila diketahui."),
            **PLACE_PROPERTIES,
            "url": _url("Bagian angkatan ini di halaman kursus."),
            "register_url": _url("Alamat formulir pendaftaran angkatan ini."),
            "calendar_url": _url("Berkas kalender (iCalendar, .ics) angkatan ini."),
            "poster_url": _url("Poster A4 siap cetak untuk angkatan ini."),
            "registered": _opt_int(
                "Jumlah pendaftar yang masuk hitungan (bukan daftar tunggu) pada "
                "stats_generated_at; null bila tidak tersedia."
            ),
            "waitlist": _opt_int(
                "Jumlah pendaftar di daftar tunggu pada stats_generated_at; null bila tidak "
                "tersedia."
            ),
        },
    )
    root = _object(
        "Katalog pelatihan kerja: semua instansi, kejuruan, tempat pelatihan, kursus dan angkatan.",
        {
            "format_version": _t(
                "integer",
                "Versi format berkas ini; naik bila ada perubahan yang tidak cocok "
                "dengan versi lama.",
                const=FORMAT_VERSION,
            ),
            "generated_at": _t(
                "string", "Waktu berkas dibuat (UTC, ISO 8601).", format="date-time"
            ),
            "status_date": _date("Tanggal (WIB) yang dipakai untuk menghitung status angkatan."),
            "example_data": _t(
                "boolean", "true bila data masih CONTOH untuk uji coba, bukan jadwal resmi."
            ),
            "notice": _opt_text("Pemberitahuan tentang data ini."),
            "publisher": _text("Penerbit data."),
            "counts": _object(
                "Jumlah data di berkas ini.",
                {
                    "centers": _int("Jumlah tempat pelatihan."),
                    "courses": _int("Jumlah kursus."),
                    "runs": _int("Jumlah angkatan."),
                },
            ),
            "stats_generated_at": _opt_text(
                "Waktu jumlah pendaftar dihitung (UTC); null bila jumlah pendaftar tidak disertakan."
            ),
            "agencies": _list("Semua instansi.", {"$ref": "#/$defs/agency"}),
            "kejuruan": _list("Semua kejuruan.", {"$ref": "#/$defs/kejuruan"}),
            "centers": _list("Semua tempat pelatihan.", {"$ref": "#/$defs/center"}),
            "courses": _list("Semua kursus.", {"$ref": "#/$defs/course"}),
            "runs": _list("Semua angkatan.", {"$ref": "#/$defs/run"}),
        },
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Katalog Pelatihan Kerja (katalog.json)",
        **root,
        "$defs": {
            "agency": agency,
            "kejuruan": kejuruan,
            "center": center,
            "course": course,
            "run": run,
        },
    }

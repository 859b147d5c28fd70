"""The records of ``katalog.json``: strict, frozen models, and the JSON Schema made from them.

:mod:`site_builder.opendata` builds every record through these models, so the published file and
its schema (``katalog.schema.json``) cannot drift apart: a field that is not declared here is an
error while building, and every declared field carries the Indonesian description that the
people who reuse the data read. The schema comes from pydantic's public ``model_json_schema``, as
:mod:`catalog.schema` does for the YAML files.

Each record's own description (the text above its fields in the schema) is given through
``json_schema_extra``, so that the class docstrings stay English notes for developers.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema

from catalog.models import (
    AccreditationStatus,
    CenterKind,
    CertificationBody,
    Education,
    Mode,
    Selection,
)
from catalog.status import RunStatus

FORMAT_VERSION = 1
SCHEMA_TITLE = "Katalog Pelatihan Kerja (katalog.json)"


def _described(description: str) -> ConfigDict:
    return ConfigDict(json_schema_extra={"description": description})


class Record(BaseModel):
    """Base of every record: immutable, no unknown fields, no coercion (types as built)."""

    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


# Reusable field types: a rule (pattern, bound, format) is written once.
Url = Annotated[str, Field(json_schema_extra={"format": "uri"})]
Count = Annotated[int, Field(ge=0)]


class CodeLabel(Record):
    model_config = _described("Kode dan keterangannya.")

    code: str = Field(description="Kode yang tertulis di data.")
    label: str = Field(description="Keterangan kode.")


# --------------------------------------------------------------------------- places

# The region codes and names of a kelurahan/desa, flattened into a center's and a run's record
# for spreadsheets. Declared once as annotated types; both records list them in the same order.
VillageCode = Annotated[
    str, Field(pattern=r"^\d{10}$", description="Kode Kemendagri kelurahan/desa (10 digit).")
]
VillageName = Annotated[str | None, Field(description="Nama kelurahan/desa.")]
VillageKind = Annotated[
    Literal["kelurahan", "desa"] | None, Field(description='Jenis: "kelurahan" atau "desa".')
]
DistrictCode = Annotated[str, Field(pattern=r"^\d{6}$", description="Kode kecamatan (6 digit).")]
DistrictName = Annotated[str | None, Field(description="Nama kecamatan.")]
RegencyCode = Annotated[
    str, Field(pattern=r"^\d{4}$", description="Kode kota/kabupaten (4 digit).")
]
RegencyName = Annotated[
    str | None, Field(description='Nama kota/kabupaten, misalnya "Kota Tangerang".')
]
ProvinceCode = Annotated[str, Field(pattern=r"^\d{2}$", description="Kode provinsi (2 digit).")]
ProvinceName = Annotated[str | None, Field(description="Nama provinsi.")]


# --------------------------------------------------------------------------- agencies, kejuruan


class AgencyRecord(Record):
    model_config = _described("Instansi pemerintah yang menyelenggarakan atau mendanai pelatihan.")

    id: str = Field(description="Kode instansi, tetap dan dipakai di data lain.")
    name: str = Field(description="Nama lengkap instansi.")
    short_name: str = Field(description="Nama singkat instansi.")
    region_code: str | None = Field(
        description="Kode wilayah kerja instansi; null untuk instansi pusat."
    )
    region_name: str | None = Field(description="Nama wilayah kerja instansi.")
    website: str | None = Field(description="Situs web resmi instansi, bila diketahui.")


class KejuruanRecord(Record):
    model_config = _described("Kejuruan (bidang keterampilan).")

    id: str = Field(description="Kode kejuruan.")
    label: str = Field(description="Nama kejuruan.")
    description: str = Field(description="Penjelasan singkat kejuruan.")


# --------------------------------------------------------------------------- centers


class AccreditationRecord(Record):
    model_config = _described("Akreditasi lembaga pelatihan.")

    status: AccreditationStatus = Field(
        description="Status akreditasi: A, B, C, belum, atau proses."
    )
    label: str = Field(description="Keterangan status akreditasi.")
    body: str | None = Field(description="Lembaga pemberi akreditasi, misalnya LA-LPK.")
    year: Count | None = Field(description="Tahun akreditasi.")


class ContactRecord(Record):
    # described where it is used

    whatsapp: str | None = Field(description="Nomor WhatsApp resmi.")
    phone: str | None = Field(description="Nomor telepon resmi.")
    email: str | None = Field(description="Alamat email resmi.")
    website: str | None = Field(description="Situs web resmi.")
    instagram: str | None = Field(description="Akun Instagram resmi.")
    hours: str | None = Field(description="Jam layanan kantor, seperti diumumkan kantornya.")
    note: str | None = Field(
        description="Ke mana warga bertanya bila belum ada nomor atau email yang pasti."
    )


class CenterRecord(Record):
    model_config = _described(
        "Tempat atau penyelenggara pelatihan: BLK, BLK Komunitas, LPK swasta, BPVP, atau "
        "program dinas."
    )

    id: str = Field(description="Kode tempat pelatihan, tetap dan dipakai di alamat halaman.")
    name: str = Field(description="Nama tempat pelatihan.")
    kind: CenterKind = Field(
        description="Jenis tempat pelatihan: blk, blkk, lpks, bpvp, atau dinas."
    )
    kind_label: str = Field(description="Keterangan jenis tempat pelatihan.")
    agency_id: str = Field(description="Kode instansi pembina (lihat agencies).")
    agency_name: str = Field(description="Nama instansi pembina.")
    description: str | None = Field(description="Penjelasan singkat tentang tempat pelatihan.")
    address: str | None = Field(description="Alamat jalan, bila diketahui.")
    village_code: VillageCode
    village_name: VillageName
    village_kind: VillageKind
    district_code: DistrictCode
    district_name: DistrictName
    regency_code: RegencyCode
    regency_name: RegencyName
    province_code: ProvinceCode
    province_name: ProvinceName
    accreditation: AccreditationRecord | None = Field(
        description="Akreditasi lembaga pelatihan; null bila tidak diketahui."
    )
    network: str | None = Field(description="Jaringan atau forum, misalnya FK-BLKK.")
    programme: str | None = Field(description="Program pendanaan, misalnya PBK Kemnaker.")
    contact: ContactRecord = Field(
        description="Kontak resmi tempat pelatihan; isian yang tidak diketahui bernilai null."
    )
    url: Url = Field(description="Halaman tempat pelatihan di situs ini.")
    course_ids: list[str] = Field(description="Kode kursus di tempat ini (lihat courses).")


# --------------------------------------------------------------------------- courses


class CertificationRecord(Record):
    # described where it is used

    body: CertificationBody = Field(
        description="Pemberi sertifikat: BNSP, LSP, penyelenggara, atau tidak-ada."
    )
    label: str = Field(description="Keterangan sertifikat.")
    scheme: str | None = Field(description='Skema sertifikasi, misalnya "Juru Masak".')


class StarterPackageRecord(Record):
    model_config = _described("Paket usaha untuk peserta terbaik.")

    best: int = Field(ge=1, description="Jumlah peserta terbaik yang mendapat paket.")
    contents: str = Field(description="Isi paket.")


class RegionRecord(Record):
    model_config = _described("Satu wilayah.")

    code: str = Field(description="Kode wilayah Kemendagri (2, 4, 6 atau 10 digit).")
    name: str = Field(description="Nama wilayah lengkap.")


class EligibilityRecord(Record):
    # described where it is used

    min_age: int = Field(ge=15, description="Usia paling rendah saat pelatihan dimulai.")
    max_age: Count | None = Field(
        description="Usia paling tinggi saat pelatihan dimulai; null = tanpa batas."
    )
    domicile: list[RegionRecord] = Field(
        description="Wilayah alamat KTP yang diterima; kosong berarti terbuka untuk semua."
    )
    target_groups: list[CodeLabel] = Field(
        description="Kelompok sasaran; pendaftar harus termasuk semua kelompok ini "
        "(diisi sendiri, diperiksa petugas)."
    )
    min_education: Education | None = Field(
        description="Pendidikan terakhir paling rendah; null = tanpa syarat."
    )
    min_education_label: str | None = Field(description="Keterangan syarat pendidikan.")
    documents: list[CodeLabel] = Field(description="Dokumen yang dibawa saat seleksi.")
    notes: str | None = Field(description="Catatan tambahan tentang syarat.")
    sentences: list[str] = Field(
        description="Syarat dalam kalimat, seperti tertulis di halaman kursus."
    )


class PartnerRecord(Record):
    model_config = _described("Satu mitra.")

    id: str = Field(description="Kode instansi.")
    name: str = Field(description="Nama instansi.")


class CourseRecord(Record):
    model_config = _described(
        "Kursus (jenis pelatihan) di satu tempat pelatihan, dengan satu angkatan atau lebih."
    )

    id: str = Field(description='Kode kursus: "<kode tempat>/<kode kursus>".')
    course_id: str = Field(description="Kode kursus di dalam tempat pelatihannya.")
    center_id: str = Field(description="Kode tempat pelatihan (lihat centers).")
    title: str = Field(description="Nama kursus.")
    kejuruan_id: str = Field(description="Kode kejuruan (lihat kejuruan).")
    kejuruan_label: str = Field(description="Nama kejuruan.")
    summary: str = Field(description="Ringkasan satu kalimat.")
    description: str | None = Field(description="Penjelasan lebih panjang.")
    topics: list[str] = Field(description="Materi yang dipelajari.")
    duration_workdays: int = Field(ge=1, description="Lama pelatihan dalam hari kerja.")
    hours_per_day: Count | None = Field(description="Jam pelatihan per hari.")
    total_hours: Count | None = Field(
        description="Jumlah jam pelatihan (hari kerja × jam per hari)."
    )
    mode: Mode = Field(
        description="Cara belajar: offline (tatap muka), online (daring), atau hybrid (campuran)."
    )
    mode_label: str = Field(description="Keterangan cara belajar.")
    fee: Count = Field(description="Biaya dalam rupiah; 0 berarti gratis.")
    fee_label: str = Field(description='Biaya untuk dibaca: "Gratis" atau misalnya "Rp150.000".')
    certification: CertificationRecord = Field(description="Sertifikat yang didapat peserta.")
    instructors: str | None = Field(description="Keterangan instruktur.")
    benefits: list[str] = Field(description="Fasilitas untuk peserta.")
    starter_package: StarterPackageRecord | None = Field(
        description="Paket usaha untuk peserta terbaik; null bila tidak ada."
    )
    eligibility: EligibilityRecord = Field(
        description="Siapa yang boleh mendaftar. Formulir pendaftaran memeriksa aturan yang sama."
    )
    selection: Selection = Field(
        description="Cara seleksi: interview, test, administration, atau first-come."
    )
    selection_label: str = Field(description="Keterangan cara seleksi.")
    organiser_id: str = Field(description="Kode instansi penyelenggara (lihat agencies).")
    organiser_name: str = Field(description="Nama instansi penyelenggara.")
    partners: list[PartnerRecord] = Field(description="Instansi mitra.")
    reviewed: date = Field(description="Tanggal data kursus terakhir diperiksa petugas.")
    url: Url = Field(description="Halaman kursus di situs ini.")
    run_ids: list[str] = Field(description="Kode angkatan kursus ini (lihat runs).")


# --------------------------------------------------------------------------- runs


class RunRecord(Record):
    model_config = _described("Satu angkatan pelatihan dengan tanggal, kuota dan tempatnya.")

    id: str = Field(description='Kode angkatan: "<kode tempat>/<kode kursus>/<kode angkatan>".')
    run_id: str = Field(description='Kode angkatan di dalam kursusnya, misalnya "2027-1".')
    course_id: str = Field(description="Kode kursus (lihat courses).")
    center_id: str = Field(description="Kode tempat pelatihan (lihat centers).")
    course_title: str = Field(description="Nama kursus.")
    status: RunStatus = Field(
        description="Status pendaftaran pada status_date: akan-dibuka, dibuka, ditutup, atau "
        "selesai."
    )
    status_label: str = Field(description="Keterangan status pendaftaran.")
    start: date = Field(description="Hari pertama pelatihan.")
    end: date = Field(description="Hari terakhir pelatihan.")
    registration_opens: date = Field(description="Pendaftaran dibuka (WIB, tanggal ini termasuk).")
    registration_closes: date = Field(
        description="Pendaftaran ditutup (WIB, tanggal ini termasuk)."
    )
    quota: int = Field(ge=1, description="Jumlah kursi peserta.")
    applicant_cap: Count | None = Field(
        description="Batas jumlah pendaftar; pendaftar berikutnya masuk daftar tunggu. "
        "null = tanpa batas."
    )
    schedule: str | None = Field(
        description='Jadwal harian, misalnya "Senin–Jumat, 08.00–15.00 WIB".'
    )
    note: str | None = Field(description="Catatan untuk angkatan ini.")
    at_center: bool = Field(description="true bila pelatihan diadakan di tempat pelatihan sendiri.")
    venue_name: str = Field(description="Nama tempat kegiatan.")
    venue_address: str | None = Field(description="Alamat jalan tempat kegiatan, bila diketahui.")
    village_code: VillageCode
    village_name: VillageName
    village_kind: VillageKind
    district_code: DistrictCode
    district_name: DistrictName
    regency_code: RegencyCode
    regency_name: RegencyName
    province_code: ProvinceCode
    province_name: ProvinceName
    url: Url = Field(description="Bagian angkatan ini di halaman kursus.")
    register_url: Url = Field(description="Alamat formulir pendaftaran angkatan ini.")
    calendar_url: Url = Field(description="Berkas kalender (iCalendar, .ics) angkatan ini.")
    poster_url: Url = Field(description="Poster A4 siap cetak untuk angkatan ini.")
    registered: Count | None = Field(
        description="Jumlah pendaftar yang masuk hitungan (bukan daftar tunggu) pada "
        "stats_generated_at; null bila tidak tersedia."
    )
    waitlist: Count | None = Field(
        description="Jumlah pendaftar di daftar tunggu pada stats_generated_at; null bila "
        "tidak tersedia."
    )


# --------------------------------------------------------------------------- the whole file


class CountsRecord(Record):
    # described where it is used

    centers: Count = Field(description="Jumlah tempat pelatihan.")
    courses: Count = Field(description="Jumlah kursus.")
    runs: Count = Field(description="Jumlah angkatan.")


class OpenData(Record):
    """The whole of katalog.json."""

    model_config = ConfigDict(
        title=SCHEMA_TITLE,
        json_schema_extra={
            "description": "Katalog pelatihan kerja: semua instansi, kejuruan, tempat "
            "pelatihan, kursus dan angkatan."
        },
    )

    format_version: Literal[1] = Field(
        description="Versi format berkas ini; naik bila ada perubahan yang tidak cocok dengan "
        "versi lama."
    )
    generated_at: str = Field(
        description="Waktu berkas dibuat (UTC, ISO 8601).",
        json_schema_extra={"format": "date-time"},
    )
    status_date: date = Field(
        description="Tanggal (WIB) yang dipakai untuk menghitung status angkatan."
    )
    example_data: bool = Field(
        description="true bila data masih CONTOH untuk uji coba, bukan jadwal resmi."
    )
    notice: str | None = Field(description="Pemberitahuan tentang data ini.")
    publisher: str = Field(description="Penerbit data.")
    counts: CountsRecord = Field(description="Jumlah data di berkas ini.")
    stats_generated_at: str | None = Field(
        description="Waktu jumlah pendaftar dihitung (UTC); null bila jumlah pendaftar tidak "
        "disertakan."
    )
    agencies: list[AgencyRecord] = Field(description="Semua instansi.")
    kejuruan: list[KejuruanRecord] = Field(description="Semua kejuruan.")
    centers: list[CenterRecord] = Field(description="Semua tempat pelatihan.")
    courses: list[CourseRecord] = Field(description="Semua kursus.")
    runs: list[RunRecord] = Field(description="Semua angkatan.")


class _NoFieldTitles(GenerateJsonSchema):
    """Leave out the English titles pydantic derives from field names ("Village Code")."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False


def json_schema() -> dict[str, Any]:
    """JSON Schema (2020-12) of katalog.json; every field carries an Indonesian description."""
    schema = OpenData.model_json_schema(schema_generator=_NoFieldTitles)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}

"""Indonesian labels for the coded values in the data, shared by the site and the form."""

from __future__ import annotations

from catalog.models import (
    YOUTH_AGES,
    AccreditationStatus,
    CenterKind,
    CertificationBody,
    Document,
    Education,
    Mode,
    Selection,
    TargetGroup,
)

CENTER_KIND = {
    CenterKind.BLK: "Balai Latihan Kerja (BLK)",
    CenterKind.BLKK: "BLK Komunitas (BLKK)",
    CenterKind.LPKS: "Lembaga Pelatihan Kerja Swasta (LPKS)",
    CenterKind.BPVP: "Balai Pelatihan Vokasi dan Produktivitas (BPVP)",
    CenterKind.DINAS: "Program pelatihan instansi pemerintah",
}

MODE = {
    Mode.OFFLINE: "Tatap muka",
    Mode.ONLINE: "Daring (lewat internet)",
    Mode.HYBRID: "Campuran (tatap muka dan daring)",
}

SELECTION = {
    Selection.INTERVIEW: "Wawancara",
    Selection.TEST: "Tes tertulis dan praktik",
    Selection.ADMINISTRATION: "Seleksi berkas",
    Selection.FIRST_COME: "Urutan pendaftaran (siapa cepat dia dapat)",
}

CERTIFICATION = {
    CertificationBody.BNSP: "Sertifikat kompetensi BNSP",
    CertificationBody.LSP: "Sertifikat kompetensi dari LSP",
    CertificationBody.ORGANISER: "Sertifikat pelatihan dari penyelenggara",
    CertificationBody.NONE: "Tanpa sertifikat",
}

TARGET_GROUP = {
    TargetGroup.DTKS: "terdaftar di DTKS/DTSEN (data keluarga kurang mampu)",
    TargetGroup.JOB_SEEKER: "sedang mencari kerja",
    TargetGroup.LAID_OFF: "terdampak PHK",
    TargetGroup.DISABILITY: "penyandang disabilitas",
    TargetGroup.MSME: "pelaku usaha mikro/UMKM",
    TargetGroup.YOUTH: "pemuda",
    TargetGroup.WOMEN: "perempuan",
}

# The same groups as the people they are, for "Pelatihan ini khusus untuk ...".
TARGET_GROUP_WHO = {
    TargetGroup.DTKS: "warga yang terdaftar di DTKS/DTSEN (data keluarga kurang mampu)",
    TargetGroup.JOB_SEEKER: "warga yang sedang mencari kerja",
    TargetGroup.LAID_OFF: "warga yang terdampak PHK",
    TargetGroup.DISABILITY: "penyandang disabilitas",
    TargetGroup.MSME: "pelaku usaha mikro/UMKM",
    TargetGroup.YOUTH: f"pemuda berusia {YOUTH_AGES[0]} sampai {YOUTH_AGES[1]} tahun",
    TargetGroup.WOMEN: "perempuan",
}

DOCUMENT = {
    Document.KTP: "KTP (asli dan fotokopi)",
    Document.KK: "Kartu Keluarga (fotokopi)",
    Document.IJAZAH: "Ijazah terakhir (fotokopi)",
    Document.PAS_FOTO: "Pas foto berwarna 3×4",
    Document.SKTM: "Surat Keterangan Tidak Mampu (SKTM) dari kelurahan/desa",
    Document.DOMISILI: "Surat keterangan domisili",
    Document.KARTU_KUNING: "Kartu pencari kerja (AK/1, kartu kuning)",
    Document.SEHAT: "Surat keterangan sehat",
    Document.SKCK: "SKCK",
    Document.PAKLARING: "Surat keterangan PHK / paklaring",
}

EDUCATION = {
    Education.NONE: "Tidak/belum sekolah",
    Education.SD: "SD/sederajat",
    Education.SMP: "SMP/sederajat",
    Education.SMA: "SMA/SMK/sederajat",
    Education.D3: "Diploma (D1–D3)",
    Education.S1: "Sarjana (D4/S1) atau lebih",
}

EDUCATION_ORDER = list(Education)

ACCREDITATION = {
    AccreditationStatus.A: "Terakreditasi A",
    AccreditationStatus.B: "Terakreditasi B",
    AccreditationStatus.C: "Terakreditasi C",
    AccreditationStatus.NOT_YET: "Belum terakreditasi",
    AccreditationStatus.IN_PROGRESS: "Sedang proses akreditasi",
}


def rupiah(amount: int) -> str:
    """ "Gratis" for 0, else "Rp1.250.000" (Indonesian thousands separator)."""
    if amount == 0:
        return "Gratis"
    return "Rp" + f"{amount:,}".replace(",", ".")

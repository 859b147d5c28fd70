"""The coded answers of the registration form, as stored with each registration and read by the
staff tools. One list per question: (code, Indonesian label). Status labels are in
:mod:`registrations.status`."""

from __future__ import annotations

GENDERS = [("L", "Laki-laki"), ("P", "Perempuan")]
EMPLOYMENT = [
    ("bekerja", "Bekerja (karyawan/buruh)"),
    ("wirausaha", "Usaha sendiri / UMKM"),
    ("mencari-kerja", "Tidak bekerja, sedang mencari kerja"),
    ("terdampak-phk", "Terdampak PHK"),
    ("pelajar", "Pelajar atau mahasiswa"),
    ("mengurus-rumah-tangga", "Mengurus rumah tangga"),
    ("lainnya", "Lainnya"),
]
DTKS = [("ya", "Ya, terdaftar"), ("tidak", "Tidak terdaftar"), ("tidak-tahu", "Tidak tahu")]

GENDER_LABEL = dict(GENDERS)
EMPLOYMENT_LABEL = dict(EMPLOYMENT)
DTKS_LABEL = dict(DTKS)

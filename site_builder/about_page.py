"""The "Tentang & Privasi" page: what the site is, who publishes it, and what happens to data."""

from __future__ import annotations

from site_builder import ical, urls
from site_builder.context import SiteContext
from site_builder.html import PageText, esc, link

# How long the organisers keep form data is decided by them; the form's privacy notice (owned
# by form_service) states the period. This page must not contradict it, so it refers to it.
FORM_DATA = [
    "Formulir pendaftaran menanyakan data diri (antara lain NIK, nama, tanggal lahir, alamat KTP "
    "dan nomor WhatsApp) hanya untuk memeriksa syarat, menyeleksi peserta dan menghubungi Anda "
    "tentang pelatihan yang Anda pilih.",
    "Data hanya dibaca oleh petugas penyelenggara pelatihan itu. Data tidak ditampilkan di situs "
    "ini, tidak dijual dan tidak dipakai untuk keperluan lain.",
    "Data disimpan selama seleksi dan pelatihan berlangsung, lalu dihapus oleh penyelenggara. "
    "Lama penyimpanan tertulis di {privacy}.",
    "Anda boleh meminta melihat, membetulkan atau menghapus data Anda. Hubungi penyelenggara "
    "pelatihan yang Anda daftar; namanya tertulis di halaman pelatihan dan di bukti pendaftaran.",
]
# The form service's own notice (form_service: /daftar/privasi).
PRIVACY_PATH = "/daftar/privasi"


def render(ctx: SiteContext) -> str:
    dataset = ctx.catalog.dataset
    url = urls.ABOUT
    text = PageText(title="Tentang & Privasi", description="Tentang katalog pelatihan dan privasi.")
    text.md(
        "# Tentang situs ini dan privasi {#judul}",
        "## Apa ini {#apa}",
        "<p>Katalog ini mengumpulkan pelatihan kerja gratis dari Balai Latihan Kerja (BLK), BLK "
        "Komunitas, lembaga pelatihan kerja swasta dan dinas pemerintah di Kota Tangerang, "
        "Kabupaten Tangerang dan Kota Serang. Untuk setiap pelatihan tercantum materi, syarat, "
        "jadwal, tempat dan cara mendaftar.</p>",
        f"<p>Diterbitkan oleh {esc(dataset.publisher)}. Jadwal dan kuota berasal dari "
        "penyelenggara pelatihan. Jika ada yang berbeda, yang berlaku adalah keterangan "
        "penyelenggara.</p>",
    )
    if dataset.example:
        notice = dataset.notice or "Data di situs ini adalah contoh untuk uji coba."
        text.md(
            '<div class="admonition warning example-note"><p class="admonition-title">Data contoh'
            f"</p><p>{esc(notice)}</p></div>"
        )
    text.md(
        "## Situs ini tidak melacak Anda {#pelacakan}",
        "<p>Situs katalog ini tidak menyimpan kuki (cookie) di ponsel atau komputer Anda, tidak memasang iklan dan tidak memakai alat "
        "pelacak atau statistik pengunjung. Halaman tidak memuat apa pun dari situs lain. Tautan "
        "ke peta (OpenStreetMap) dan ke WhatsApp baru membuka situs lain jika Anda "
        "menekannya.</p>",
        "## Data yang Anda isi di formulir pendaftaran {#formulir}",
        "<ul>"
        + "".join(
            "<li>"
            + esc(item).replace(
                "{privacy}",
                link(ctx.form_url + PRIVACY_PATH, "pemberitahuan privasi pada formulir"),
            )
            + "</li>"
            for item in FORM_DATA
        )
        + "</ul>",
        "## Pertanyaan {#pertanyaan}",
        "<p>Pertanyaan tentang jadwal, syarat atau hasil seleksi dijawab oleh penyelenggara "
        "masing-masing pelatihan. Mulai dari "
        f"{link(urls.relative(url, urls.KEJURUAN_INDEX), 'daftar kejuruan')} atau "
        f"{link(urls.relative(url, urls.KECAMATAN_INDEX), 'daftar kecamatan')}.</p>",
        "## Data terbuka {#data-terbuka}",
        "<p>Seluruh isi katalog tersedia sebagai "
        f"{link(urls.relative(url, 'katalog.json'), 'katalog.json')} dan "
        f"{link(urls.relative(url, 'katalog.csv'), 'katalog.csv')}; penjelasan kolomnya ada di "
        f"{link(urls.relative(url, urls.OPEN_DATA), 'panduan data terbuka')}. Jadwal "
        "semua angkatan untuk aplikasi kalender: "
        f"{link(urls.relative(url, ical.ALL_RUNS), 'semua.ics')}.</p>",
    )
    return text.render()

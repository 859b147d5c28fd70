"""Residents' tasks on a 360x740 phone in Chromium, each once with JavaScript and once without.

The shipped data (``courses/``) is built and served by ``katalog serve`` (tests/e2e/conftest.py)
with "today" 23 November 2026. Every task starts where a resident would (the home page, or a
course page someone shared), follows the links a resident would tap, and checks the Indonesian
text the resident reads. Every page on the way must fit the screen: no sideways scrolling.
The header's search box is not used (it is being replaced).

The tasks:

1. A resident of Kelurahan Gandasari (Kecamatan Jatiuwung, Kota Tangerang), a woman of 24,
   looks for an open welding course she may join. With JavaScript she answers the questions of
   "Pelatihan untuk saya"; without, she picks her kecamatan and kelurahan from its list.
2. Someone who read about a welding course finds who to ask about it: the course page's
   "Kontak", then the center's page.
3. Someone finds when registration for a course opens and closes.
4. A resident of Desa Cangkudu, Kecamatan Balaraja (Kabupaten Tangerang), where no training is
   held, finds the courses she may join.
5. A resident opens the registration form of a run that is open, and sees that a run not open
   yet has no "Daftar" button.
6. A resident who registered finds whom to ask to see or delete her data: "Tentang & Privasi",
   then the privacy notice of the form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.e2e.live import LiveSite

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 360, 740
TOLERANCE = 1  # sub-pixel rounding

GANDASARI = "3671021004"
WELDING_COURSE = "kursus/kelurahan-gandasari/las/"
WELDING_RUN = "kelurahan-gandasari/las/2026-1"  # registration open 2 Nov - 4 Dec 2026
WELDING_NEXT_RUN = "kelurahan-gandasari/las/2027-1"  # registration opens 22 Mar 2027
CITY_WELDING_RUN = "disnaker-kota-tangerang/las/2027-1"  # for DTKS/DTSEN households only
GANDASARI_NOTE = (
    "Nomor kontak belum tercantum. Tanyakan langsung di Kantor Kelurahan Gandasari pada jam kerja."
)


def words(text: str) -> str:
    """Text as read: runs of spaces and line breaks count as one space."""
    return " ".join(text.split())


def read(locator) -> str:
    return words(locator.inner_text())


class Phone:
    """A resident's phone: opens pages, follows links, and checks each page fits the screen."""

    def __init__(self, page, site: LiveSite, javascript: bool) -> None:
        self.page = page
        self.site = site
        self.javascript = javascript

    def open(self, path: str) -> None:
        self.page.goto(self.site.at(path))
        self.check_fits()

    def follow(self, link) -> None:
        with self.page.expect_navigation():
            link.click()
        self.check_fits()

    def check_fits(self) -> None:
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= WIDTH + TOLERANCE, (
            f"{self.page.url} is {width}px wide on a {WIDTH}px screen (sideways scrolling)"
        )

    def path(self) -> str:
        """Where the phone is, relative to the site, without the #part."""
        return self.page.url.removeprefix(self.site.url).partition("#")[0]

    def main(self):
        return self.page.locator("article").first


# --------------------------------------------------------------------------- the tasks


def welding_course_she_may_join(phone: Phone) -> None:
    page = phone.page
    phone.open("")
    phone.follow(phone.main().get_by_role("link", name="Pelatihan untuk saya", exact=True))
    assert phone.path() == "cari/"
    assert read(page.locator("h1")) == "Pelatihan untuk saya"
    if phone.javascript:
        page.select_option("#cari-kelurahan", GANDASARI)
        page.fill("#cari-usia", "24")
        page.check("input[name=jk][value=P]")
        page.check("input[name=dtks][value=tidak]")
        phone.follow(page.get_by_role("button", name="Tampilkan pelatihan untuk saya"))
        assert phone.path() == f"cari/?kelurahan={GANDASARI}&usia=24&jk=P&dtks=tidak"
        page.wait_for_selector("#cari-hasil:not([hidden])")
        phone.check_fits()
        assert read(page.locator(".cari-siapa")) == (
            "Untuk: Kelurahan Gandasari, Kecamatan Jatiuwung, 24 tahun, perempuan, "
            "DTKS/DTSEN: tidak."
        )
        first = page.locator("#cari-hasil .cari-list > li").first
        assert first.get_attribute("data-run-id") == WELDING_RUN
        assert read(first) == (
            "Pengelasan Dasar Pelatihan Keterampilan Kelurahan Gandasari Kec. Jatiuwung "
            "Pelatihan mulai 16 Desember 2026 "
            "Pendaftaran dibuka Daftar paling lambat Jumat, 4 Desember 2026"
        )
        # The city's welding course is for DTKS/DTSEN households: not in her list, and why.
        assert page.locator(f".cari-list [data-run-id='{CITY_WELDING_RUN}']").count() == 0
        why = page.locator(f".cari-tidak > li[data-run-id='{CITY_WELDING_RUN}']")
        assert why.is_hidden()
        page.locator(".cari-lain summary").click()
        page.wait_for_selector("#cari-hasil[data-lengkap=ya]")  # the other kecamatan's runs too
        assert "terdaftar di DTKS/DTSEN" in read(why)
        phone.follow(first.get_by_role("link", name="Pengelasan Dasar"))
    else:
        assert page.locator("#cari-form").is_hidden()
        page.locator("details[data-kecamatan='Jatiuwung'] summary").click()
        phone.follow(page.get_by_role("link", name="Gandasari", exact=True))
        assert phone.path() == f"kelurahan/{GANDASARI}-gandasari/"
        assert read(page.locator("h1")) == "Kelurahan Gandasari"
        card = page.locator("li.course-card", has_text="Pelatihan Keterampilan Kelurahan Gandasari")
        card = card.filter(has_text="Pengelasan Dasar")
        assert read(card) == (
            "Pengelasan Dasar Pelatihan Keterampilan Kelurahan Gandasari "
            "Pengelasan · Kec. Jatiuwung "
            "Pendaftaran dibuka Daftar paling lambat Jumat, 4 Desember 2026 "
            "Pelatihan 16–31 Desember 2026"
        )
        phone.follow(card.get_by_role("link", name="Pengelasan Dasar"))
    assert phone.path() == WELDING_COURSE
    # She is 24 and lives in Gandasari: both rules hold; nothing about gender.
    rules = page.locator("#syarat + ul.eligibility")
    assert read(rules) == (
        "Berusia 18 sampai 45 tahun saat pelatihan dimulai. "
        "Alamat di KTP berada di Kelurahan Gandasari, Kecamatan Jatiuwung, Kota Tangerang, Banten."
    )
    assert page.locator(f"a.daftar-button[data-run-id='{WELDING_RUN}']").is_visible()


def who_to_ask_about_a_course(phone: Phone) -> None:
    page = phone.page
    phone.open("")
    phone.follow(phone.main().get_by_role("link", name="Pengelasan", exact=True))
    assert phone.path() == "kejuruan/las/"
    card = page.locator("li.course-card", has_text="Pelatihan Keterampilan Kelurahan Gandasari")
    phone.follow(card.get_by_role("link", name="Pengelasan Dasar"))
    assert phone.path() == WELDING_COURSE
    contact = page.locator("#kontak ~ p")
    assert read(contact.nth(0)) == (
        "Pertanyaan tentang pelatihan ini (jadwal, syarat, hasil seleksi, data pendaftaran "
        "Anda) dijawab oleh Pelatihan Keterampilan Kelurahan Gandasari:"
    )
    assert read(page.locator("#kontak ~ p.contact-note")) == GANDASARI_NOTE
    phone.follow(
        contact.nth(0).get_by_role("link", name="Pelatihan Keterampilan Kelurahan Gandasari")
    )
    assert phone.path() == "pusat/kelurahan-gandasari/"
    assert read(page.locator("#kontak + p.contact-note")) == GANDASARI_NOTE


def registration_dates(phone: Phone) -> None:
    page = phone.page
    phone.open(WELDING_COURSE)
    open_run = page.locator(f"tr[data-run-id='{WELDING_RUN}']")
    assert read(open_run.locator("td[data-label=Pendaftaran]")) == (
        "2 November – 4 Desember 2026 Daftar paling lambat Jumat, 4 Desember 2026."
    )
    assert read(open_run.locator("td[data-label=Status]")) == "Pendaftaran dibuka"
    next_run = page.locator(f"tr[data-run-id='{WELDING_NEXT_RUN}']")
    assert read(next_run.locator("td[data-label=Pendaftaran]")) == (
        "22 Maret – 6 Mei 2027 Pendaftaran dibuka Senin, 22 Maret 2027."
    )
    assert read(next_run.locator("td[data-label=Status]")) == "Pendaftaran segera dibuka"
    # The training's own dates are apart from the registration dates.
    assert read(open_run.locator("td[data-label=Angkatan]")) == (
        "Angkatan 2026-1 16–31 Desember 2026 Senin–Jumat, 08.00–15.00 WIB"
    )


def courses_for_a_kecamatan_without_a_center(phone: Phone) -> None:
    page = phone.page
    phone.open("")
    phone.follow(phone.main().get_by_role("link", name="daftar kecamatan", exact=True))
    assert phone.path() == "kecamatan/"
    balaraja = page.locator("li", has=page.get_by_role("link", name="Balaraja", exact=True))
    assert read(balaraja) == "Balaraja 0 pelatihan"
    phone.follow(balaraja.get_by_role("link"))
    assert phone.path() == "kecamatan/360301-balaraja/"
    assert "Belum ada pelatihan yang diadakan di kecamatan ini." in read(phone.main())
    cangkudu = page.locator("li", has=page.get_by_role("link", name="Desa Cangkudu"))
    assert read(cangkudu) == "Desa Cangkudu 6 pelatihan"
    phone.follow(cangkudu.get_by_role("link"))
    assert phone.path() == "kelurahan/3603012003-cangkudu/"
    assert read(page.locator("h1")) == "Desa Cangkudu"
    cards = page.locator("li.course-card")
    assert cards.count() == 6
    assert read(cards.first) == (
        "Operator Komputer dan Pemasaran Digital BLK Komunitas Kecamatan Rajeg "
        "Komputer & Teknologi Informasi · Kec. Rajeg "
        "Pendaftaran dibuka Daftar paling lambat Jumat, 25 Desember 2026 "
        "Pelatihan 29 Desember 2026 – 11 Februari 2027"
    )


def open_the_form_of_an_open_run(phone: Phone) -> None:
    page = phone.page
    phone.open(WELDING_COURSE)
    assert page.locator(f"a.daftar-button[data-run-id='{WELDING_NEXT_RUN}']").is_hidden()
    daftar = page.get_by_role("link", name="Daftar Pengelasan Dasar angkatan 2026-1")
    assert read(daftar) == "Daftar"
    phone.follow(daftar)
    assert phone.path() == "daftar/" + WELDING_RUN
    assert read(page.locator("p.caption")) == "Formulir pendaftaran · Angkatan 2026-1"
    assert read(page.locator("h1")) == "Pengelasan Dasar"
    body = read(page.locator("main"))
    assert (
        "Pengelasan Dasar Penyelenggara Disnaker Kota Tangerang – Pelatihan Keterampilan "
        "Kelurahan Gandasari" in body
    )
    assert "Daftar paling lambat Jumat, 4 Desember 2026." in body
    assert page.get_by_role("button", name="Kirim pendaftaran").is_visible()


def whom_to_ask_about_my_data(phone: Phone) -> None:
    page = phone.page
    phone.open("")
    phone.follow(page.locator(".katalog-footer").get_by_role("link", name="Tentang & Privasi"))
    assert phone.path() == "tentang/"
    assert read(page.locator("h1")) == "Tentang situs ini dan privasi"
    about = read(phone.main())
    assert (
        "Anda boleh meminta melihat, membetulkan atau menghapus data Anda. Hubungi penyelenggara "
        "pelatihan yang Anda daftar; namanya tertulis di halaman pelatihan dan di bukti "
        "pendaftaran." in about
    )
    phone.open("daftar/" + WELDING_RUN)
    phone.follow(page.get_by_role("link", name="pemberitahuan privasi"))
    assert phone.path() == "daftar/privasi"
    notice = read(page.locator("main"))
    assert (
        "Anda boleh meminta melihat, membetulkan atau menghapus data Anda, dan menarik "
        "persetujuan Anda. Hubungi penyelenggara pelatihan dan sebutkan nomor pendaftaran Anda."
        in notice
    )


@dataclass(frozen=True)
class Task:
    name: str
    carry_out: Callable[[Phone], None]


TASKS = (
    Task("las-untuk-perempuan-24-gandasari", welding_course_she_may_join),
    Task("kontak-kursus", who_to_ask_about_a_course),
    Task("tanggal-pendaftaran", registration_dates),
    Task("kecamatan-tanpa-tempat-pelatihan", courses_for_a_kecamatan_without_a_center),
    Task("formulir-angkatan-dibuka", open_the_form_of_an_open_run),
    Task("kontak-privasi", whom_to_ask_about_my_data),
)


@pytest.mark.parametrize("javascript", [True, False], ids=["dengan-js", "tanpa-js"])
@pytest.mark.parametrize("task", TASKS, ids=[t.name for t in TASKS])
def test_resident_task(task: Task, javascript: bool, new_page, live_site) -> None:
    page = new_page(WIDTH, HEIGHT, javascript=javascript)
    task.carry_out(Phone(page, live_site, javascript))
    assert page.js_errors == []

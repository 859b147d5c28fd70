"""The public URL scheme of the site, in one place.

Every URL below is stable: it is printed on posters, shared on WhatsApp and linked from other
sites, so an id change in the data is the only thing that may move a page.

    /                                   home (Beranda)
    /kursus/<center>/<course>/          one course and its runs; a run is #angkatan-<run>
    /pusat/<center>/                    one training center
    /kejuruan/                          every kejuruan (vocation)
    /kejuruan/<kejuruan-id>/            the courses of one kejuruan
    /kecamatan/                         every kecamatan with training
    /kecamatan/<code>-<slug>/           training in one kecamatan, e.g. /kecamatan/367101-tangerang/
    /kelurahan/<code>-<slug>/           what residents of one kelurahan/desa may join
    /kalender/                          runs by month
    /cari/                              "Pelatihan untuk saya": what one resident may join
    /pelatihan/                         every course, with filters: its first page
    /pelatihan/halaman/<n>/             its page n (n >= 2)
    /pelatihan/data/<n>.json            chunk n (from 1) of what its filters compare
    /tentang/                           about the site and privacy
    /katalog.json, /katalog.csv         open data (site_builder.opendata)
    /kalender/<center>/<course>/<run>.ics, /kalender/semua.ics   (site_builder.ical)
    /poster/<center>/<course>/<run>.html                         (site_builder.poster)
    /pengumuman/                        selection results published (``katalog build --results``)
    /pengumuman/<center>/<course>/<run>/   one run's announcement, printable for a notice board

URLs here are site-relative paths without a leading slash ("kursus/a/b/"); pages link to each
other with :func:`relative`, so the site works under any base path (e.g. GitHub Pages).
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from catalog.catalog import CourseRef, RunRef
from catalog.regions import Region

HOME = ""
KEJURUAN_INDEX = "kejuruan/"
KECAMATAN_INDEX = "kecamatan/"
CALENDAR = "kalender/"
ABOUT = "tentang/"
OPEN_DATA = "data-terbuka/"
ANNOUNCEMENTS = "pengumuman/"
CARI = "cari/"
COURSES = "pelatihan/"


def course_list(number: int) -> str:
    """Page ``number`` (from 1) of the list of every course: the first is /pelatihan/."""
    return COURSES if number == 1 else f"{COURSES}halaman/{number}/"


COURSE_DATA = COURSES + "data/"


def course_list_data(number: int) -> str:
    """Chunk ``number`` (from 1) of the course list's filter data."""
    return f"{COURSE_DATA}{number}.json"


def course(ref: CourseRef) -> str:
    return f"kursus/{ref.center.id}/{ref.course.id}/"


def center(center_id: str) -> str:
    return f"pusat/{center_id}/"


def kejuruan(kejuruan_id: str) -> str:
    return f"kejuruan/{kejuruan_id}/"


def slugify(text: str) -> str:
    """ "Karang Tengah" -> "karang-tengah" (ASCII, lowercase, hyphens)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def kecamatan(district: Region) -> str:
    """``kecamatan/367101-tangerang/``: the code keeps it unique, the name makes it readable."""
    return f"kecamatan/{district.code}-{slugify(district.name)}/"


def kelurahan(village: Region) -> str:
    """``kelurahan/3671011001-sukarasa/``: what residents of one kelurahan/desa may join."""
    return f"kelurahan/{village.code}-{slugify(village.name)}/"


def run_anchor(ref: RunRef) -> str:
    """Id of a run's row on its course page."""
    return f"angkatan-{ref.run.id}"


def run(ref: RunRef) -> str:
    return f"{course(ref.course_ref)}#{run_anchor(ref)}"


def announcement(ref: RunRef) -> str:
    return f"{ANNOUNCEMENTS}{ref.public_id}/"


def status_page(form_url: str) -> str:
    """The form service's page where applicants read their own status."""
    return f"{form_url}/daftar/status"


def register(form_url: str, ref: RunRef) -> str:
    """The form service's page for one run: ``<form_url>/daftar/<center>/<course>/<run>``."""
    return f"{form_url}/daftar/{ref.public_id}"


def source_path(url: str) -> str:
    """The generated Markdown file for a page URL.

    Section pages (one level: "kejuruan/") are ``kejuruan/index.md``, as mkdocs.yml's nav names
    them; deeper pages are files without a folder of their own ("kursus/a/b/" ->
    "kursus/a/b.md"), which MkDocs (use_directory_urls) publishes at the same URL. One folder
    fewer per page to create and delete: creating files is a large share of a build.
    """
    path = url.strip("/")
    if not path:
        return "index.md"
    if "/" not in path:
        return f"{path}/index.md"
    return f"{path}.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative).

    ``relative("kursus/a/b/", "pusat/a/") == "../../../pusat/a/"``; anchors and file names are
    kept: ``relative("", "katalog.json") == "katalog.json"``.
    """
    path, sep, fragment = to_url.partition("#")
    suffix = sep + fragment
    if path == from_url and suffix:
        return suffix
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    # What posixpath.relpath("/" + path, "/" + base) gives for these clean paths, at a tenth of
    # its cost (a build computes tens of thousands of links).
    here = [part for part in base.split("/") if part]
    there = [part for part in path.split("/") if part]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:])
    if not rel:
        rel = "./"
    elif path.endswith("/") or not path:
        rel += "/"
    return rel + suffix

"""Public links for courses, centers and runs, and the WhatsApp share link.

The page layout is agreed with the page generator: a course page lives at
``<base_url>kursus/<center>/<course>/`` and shows each run under the anchor ``#angkatan-<run>``;
a center page lives at ``<base_url>pusat/<center>/``. ``base_url`` always ends with "/", the
form service root (``form_url``) never does.
"""

from __future__ import annotations

from urllib.parse import quote

from catalog.catalog import Catalog, CourseRef, RunRef
from catalog.dates import format_date_long, format_range
from catalog.labels import rupiah
from site_builder import urls

WHATSAPP_SHARE = "https://wa.me/?text="


# Absolute versions of the scheme in site_builder.urls (the one place that defines it).


def course_url(base_url: str, course_ref: CourseRef) -> str:
    """``https://…/kursus/<center>/<course>/``"""
    return base_url + urls.course(course_ref)


def center_url(base_url: str, center_id: str) -> str:
    """``https://…/pusat/<center>/``"""
    return base_url + urls.center(center_id)


run_anchor = urls.run_anchor
register_url = urls.register


def run_url(base_url: str, run_ref: RunRef) -> str:
    """``https://…/kursus/<center>/<course>/#angkatan-<run>``"""
    return base_url + urls.run(run_ref)


def share_text(run_ref: RunRef, catalog: Catalog, *, page_url: str) -> str:
    """The Indonesian message a resident forwards to family and neighbours."""
    course, run = run_ref.course, run_ref.run
    fee = rupiah(course.fee)
    lines = [
        f"Pelatihan {fee.lower() if course.fee == 0 else 'kerja'}: {course.title}",
        f"Tempat pelatihan: {run_ref.center.name}",
        f"Jadwal: {format_range(run.start, run_ref.end)}",
        f"Biaya: {fee}",
        f"Daftar paling lambat: {format_date_long(run.registration.closes)}",
        f"Info dan daftar: {page_url}",
    ]
    if run.venue:
        lines.insert(2, f"Lokasi: {run.venue.name}")
    if catalog.dataset.example:
        lines.insert(0, "[CONTOH – data uji coba]")
    return "\n".join(lines)


def whatsapp_url(run_ref: RunRef, catalog: Catalog, *, page_url: str) -> str:
    """A ``wa.me`` link that opens WhatsApp with :func:`share_text` ready to send."""
    return WHATSAPP_SHARE + quote(share_text(run_ref, catalog, page_url=page_url), safe="")

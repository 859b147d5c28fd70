"""Printable A4 posters, one per run, for kelurahan and RW notice boards.

Each poster is a standalone HTML page (``site_builder/templates/poster.html``) at ``poster/<center>/<course>/<run>.html`` sharing
``poster/poster.css``; no script and no request to another host. A QR code (inline SVG from
segno) leads to the run on its course page, and the same address is printed under it for people
who type it in.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import segno
from markupsafe import Markup

from catalog import eligibility, labels
from catalog.catalog import Catalog, RunRef
from catalog.dates import format_date_long, format_range
from catalog.models import Mode
from catalog.status import RunStatus, run_status
from site_builder import share
from site_builder.cache import NO_CACHE, BuildCache, cache_key
from site_builder.source import TEMPLATES
from site_builder.writer import FileWriter

CSS_NAME = "poster/poster.css"

POSTER_CSS = (TEMPLATES / "poster.css").read_text(encoding="utf-8")

_STATUS_NOTICE = {
    RunStatus.CLOSED: "Pendaftaran angkatan ini sudah ditutup.",
    RunStatus.FINISHED: "Angkatan ini sudah selesai.",
}


def poster_path(run_ref: RunRef) -> str:
    """``poster/<center>/<course>/<run>.html``, relative to the site root."""
    return f"poster/{run_ref.public_id}.html"


# A fixed data mask: segno otherwise builds the symbol with all eight masks and keeps the one
# with the lowest penalty score, which made the QR code 80% of a poster's cost (6.8 ms against
# 1.5 ms with a fixed mask). Any mask gives a valid symbol that phones read; mask 2 is the one
# segno picks for most course addresses (90% of the synthetic ones, a third of the shipped ones).
QR_MASK = 2
QR_TITLE = "Kode QR menuju halaman pendaftaran"


QR_ERROR = "m"
QR_SVG_OPTIONS = {"scale": 1, "omitsize": True, "title": QR_TITLE}


def qr_svg(url: str, cache: BuildCache = NO_CACHE) -> str:
    """The QR code for ``url`` as an inline ``<svg>`` (no size, the stylesheet sets it).

    With a ``cache``, a symbol made by an earlier build with the same segno version, options
    and address is reused (making one costs about 3 ms of pure Python).
    """

    def make() -> str:
        code = segno.make(url, error=QR_ERROR, mask=QR_MASK, micro=False)
        return code.svg_inline(**QR_SVG_OPTIONS)

    key = cache_key(segno.__version__, QR_ERROR, QR_MASK, False, QR_SVG_OPTIONS, url)
    return cache.get_or_make("qr", key, make)


def printed_url(url: str) -> str:
    """The address as printed under the QR code, without ``https://``."""
    return url.removeprefix("https://").removeprefix("http://")


def write_posters(
    catalog: Catalog,
    out: Path | FileWriter,
    *,
    base_url: str,
    today: date,
    cache: BuildCache = NO_CACHE,
) -> list[Path]:
    """Write ``poster/poster.css`` and one poster per run into ``out`` (a folder, or a writer
    that may link unchanged files); return the paths written."""
    writer = out if isinstance(out, FileWriter) else FileWriter(out)
    paths = [writer.write_text(CSS_NAME, POSTER_CSS)]
    for run_ref in catalog.runs():
        html = poster_html(run_ref, catalog, base_url=base_url, today=today, cache=cache)
        paths.append(writer.write_text(poster_path(run_ref), html))
    return paths


def poster_html(
    run_ref: RunRef,
    catalog: Catalog,
    *,
    base_url: str,
    today: date,
    cache: BuildCache = NO_CACHE,
) -> str:
    """The poster of one run, from ``site_builder/templates/poster.html``."""
    return _template().render(
        poster_context(run_ref, catalog, base_url=base_url, today=today, cache=cache)
    )


def poster_context(
    run_ref: RunRef,
    catalog: Catalog,
    *,
    base_url: str,
    today: date,
    cache: BuildCache = NO_CACHE,
) -> dict[str, Any]:
    course, run, center = run_ref.course, run_ref.run, run_ref.center
    url = share.run_url(base_url, run_ref)
    organiser = catalog.agencies[run_ref.course_ref.organiser_id]
    rules = course.eligibility
    example = ""
    if catalog.dataset.example:
        example = "CONTOH – data uji coba, bukan jadwal resmi."
        if catalog.dataset.notice:
            example += " " + catalog.dataset.notice
    venue = run.venue
    if course.mode is Mode.ONLINE:
        place = [labels.MODE[course.mode]]
    else:
        place = [venue.name, venue.address] if venue else [center.name, center.address]
        place.append(catalog.regions.label(run_ref.village))
        if course.mode is Mode.HYBRID:
            place.append(labels.MODE[course.mode])
    return {
        "example": example,
        "status_notice": _STATUS_NOTICE.get(run_status(run, today), ""),
        "free": course.fee == 0,
        "fee": labels.rupiah(course.fee),
        "title": course.title,
        "run": run.id,
        "summary": course.summary,
        "dates": f"{format_range(run.start, run_ref.end)} ({course.duration.workdays} hari kerja)",
        "schedule": run.schedule or "",
        "opens": format_date_long(run.registration.opens),
        "closes": format_date_long(run.registration.closes),
        "place": [p for p in place if p],
        "quota": run.quota,
        "selection": labels.SELECTION[course.selection],
        "certificate": labels.CERTIFICATION[course.certification.body],
        "organiser": organiser.name,
        "center": center.name,
        "note": run.note or "",
        "who": eligibility.describe(rules, catalog.regions),
        "documents": eligibility.documents(rules),
        "publisher": catalog.dataset.publisher,
        # segno's SVG: markup made by a library from the address, not written here
        "qr": Markup(qr_svg(url, cache)),
        "url": url,
        "printed_url": printed_url(url),
    }


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("poster.html")

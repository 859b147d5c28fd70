"""Printable A4 posters, one per run, for kelurahan and RW notice boards.

Each poster is a standalone HTML page at ``poster/<center>/<course>/<run>.html`` sharing
``poster/poster.css``; no script and no request to another host. A QR code (inline SVG from
segno) leads to the run on its course page, and the same address is printed under it for people
who type it in.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

import segno

from catalog import eligibility, labels
from catalog.catalog import Catalog, RunRef
from catalog.dates import format_date_long, format_range
from catalog.models import Mode
from catalog.status import RunStatus, run_status
from site_builder import share
from site_builder.cache import NO_CACHE, BuildCache, cache_key
from site_builder.writer import FileWriter

CSS_NAME = "poster/poster.css"

POSTER_CSS = """\
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html { color: #000; background: #fff; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  font-size: 11pt;
  line-height: 1.3;
}
.poster { max-width: 180mm; margin: 0 auto; }
@media screen { .poster { padding: 10mm 4mm; } }
.contoh { border: 2px dashed #000; padding: 1.5mm 3mm; font-size: 10pt; font-weight: bold;
  margin: 0 0 3mm; }
.status { background: #000; color: #fff; padding: 2mm 4mm; font-size: 16pt; font-weight: bold;
  margin: 0 0 4mm; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.kicker { font-size: 16pt; margin: 0; }
.gratis { display: inline-block; border: 3px solid #000; padding: 0 3mm; font-size: 26pt;
  font-weight: 900; letter-spacing: 0.05em; margin-left: 2mm; }
h1 { font-size: 26pt; line-height: 1.1; margin: 2mm 0 1.5mm; }
.summary { font-size: 13pt; margin: 0 0 4mm; }
.main { display: grid; grid-template-columns: 1fr 52mm; gap: 6mm; align-items: start; }
dl { margin: 0; display: grid; grid-template-columns: 34mm 1fr; gap: 1.2mm 3mm; }
dt { font-weight: bold; }
dd { margin: 0; }
h2 { font-size: 13pt; margin: 4mm 0 1mm; }
ul { margin: 0; padding-left: 6mm; }
.qr { text-align: center; }
.qr svg { width: 52mm; height: 52mm; display: block; }
.qr p { margin: 1mm 0 0; font-size: 10pt; overflow-wrap: anywhere; }
a { color: inherit; }
.qr .link { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 9pt; }
footer { margin-top: 5mm; padding-top: 2mm; border-top: 1px solid #000; font-size: 10pt; }
/* Opened on a phone (e.g. from WhatsApp): one column, the QR code under the facts. */
@media screen and (max-width: 160mm) {
  .main { grid-template-columns: minmax(0, 1fr); }
  .qr svg { margin: 0 auto; }
}
"""

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
    course, run, center = run_ref.course, run_ref.run, run_ref.center
    url = share.run_url(base_url, run_ref)
    organiser = catalog.agencies[run_ref.course_ref.organiser_id]
    rules = course.eligibility
    e = escape

    notices = []
    if catalog.dataset.example:
        text = "CONTOH – data uji coba, bukan jadwal resmi."
        if catalog.dataset.notice:
            text += " " + catalog.dataset.notice
        notices.append(f'<p class="contoh">{e(text)}</p>')
    status_notice = _STATUS_NOTICE.get(run_status(run, today))
    if status_notice:
        notices.append(f'<p class="status">{e(status_notice)}</p>')

    if course.fee == 0:
        kicker = 'Pelatihan kerja <strong class="gratis">GRATIS</strong>'
    else:
        kicker = f"Pelatihan kerja, biaya <strong>{e(labels.rupiah(course.fee))}</strong>"

    dates = f"{format_range(run.start, run_ref.end)} ({course.duration.workdays} hari kerja)"
    if run.schedule:
        dates += f"<br>{e(run.schedule)}"
    venue = run.venue
    if course.mode is Mode.ONLINE:
        place = [labels.MODE[course.mode]]
    else:
        place = [venue.name, venue.address] if venue else [center.name, center.address]
        place.append(catalog.regions.label(run_ref.village))
        if course.mode is Mode.HYBRID:
            place.append(labels.MODE[course.mode])
    facts = [
        ("Tanggal", dates),
        (
            "Pendaftaran",
            f"{e(format_date_long(run.registration.opens))} sampai "
            f"<strong>{e(format_date_long(run.registration.closes))}</strong>",
        ),
        ("Tempat", "<br>".join(e(p) for p in place if p)),
        ("Kuota", f"{run.quota} peserta, seleksi: {e(labels.SELECTION[course.selection])}"),
        ("Sertifikat", e(labels.CERTIFICATION[course.certification.body])),
        ("Penyelenggara", f"{e(organiser.name)}<br>{e(center.name)}"),
    ]
    if run.note:
        facts.append(("Catatan", e(run.note)))
    fact_html = "\n".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts)
    who = "\n".join(f"<li>{e(s)}</li>" for s in eligibility.describe(rules, catalog.regions))
    docs = "\n".join(f"<li>{e(d)}</li>" for d in eligibility.documents(rules))
    footer = e(catalog.dataset.publisher)
    if course.fee == 0:
        footer += ". Pendaftaran dan pelatihan tidak dipungut biaya apa pun; hati-hati penipuan."
    title = f"{course.title} – angkatan {run.id}"
    notice_html = "\n".join(notices)

    return f"""<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Poster: {e(title)}</title>
<link rel="stylesheet" href="../../poster.css">
</head>
<body>
<main class="poster">
{notice_html}
<p class="kicker">{kicker}</p>
<h1>{e(course.title)}</h1>
<p class="summary">{e(course.summary)}</p>
<div class="main">
<div>
<dl>
{fact_html}
</dl>
<h2>Siapa yang boleh mendaftar</h2>
<ul>
{who}
</ul>
<h2>Dokumen yang dibawa</h2>
<ul>
{docs}
</ul>
</div>
<div class="qr">
{qr_svg(url, cache)}
<p>Pindai kode QR untuk info dan pendaftaran, atau buka:</p>
<p class="link"><a href="{e(url)}">{e(printed_url(url))}</a></p>
</div>
</div>
<footer>{footer}</footer>
</main>
</body>
</html>
"""

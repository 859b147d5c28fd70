"""The page of one course: what is taught, who may apply, where, and a table of its runs."""

from __future__ import annotations

from catalog import eligibility, labels
from catalog.catalog import CourseRef, RunRef
from catalog.dates import format_date_long, format_range
from catalog.models import CertificationBody, Mode
from catalog.status import RunStatus
from site_builder import ical, jsonld, poster, share, urls
from site_builder.context import SiteContext
from site_builder.fragments import applicants, run_attrs, run_place, status_badge
from site_builder.html import PageText, attrs, esc, h, link, md_heading, md_list, md_text, ul

RUNS_HEADER = (
    '<table class="runs">\n<thead><tr><th scope="col">Angkatan</th>'
    '<th scope="col">Pendaftaran</th><th scope="col">Tempat</th>'
    '<th scope="col">Kuota</th><th scope="col">Status</th>'
    '<th scope="col"><span class="visually-hidden">Tindakan</span></th></tr></thead>\n<tbody>'
)


def duration_text(ref: CourseRef) -> str:
    duration = ref.course.duration
    text = f"{duration.workdays} hari kerja"
    if duration.hours_per_day:
        total = duration.workdays * duration.hours_per_day
        text += f", {duration.hours_per_day} jam sehari (seluruhnya {total} jam)"
    return text


def certificate_text(ref: CourseRef) -> str:
    cert = ref.course.certification
    text = labels.CERTIFICATION[cert.body]
    if cert.scheme:
        text += f" (skema: {cert.scheme})"
    return text


def run_row(ctx: SiteContext, ref: RunRef, page_url: str) -> str:
    """One ``<tr>`` of ``table.runs``; see site_builder.fragments for the data attributes."""
    run, status = ref.run, ctx.status(ref)
    reg = run.registration
    when = [f"<strong>Angkatan {esc(run.id)}</strong>", esc(format_range(run.start, ref.end))]
    if run.schedule:
        when.append(f'<span class="run-schedule">{esc(run.schedule)}</span>')
    if run.note:
        when.append(f'<span class="run-note">{esc(run.note)}</span>')
    window = [esc(format_range(reg.opens, reg.closes))]
    if status is RunStatus.OPEN:
        window.append(f"Daftar paling lambat {esc(format_date_long(reg.closes))}.")
    elif status is RunStatus.UPCOMING:
        window.append(f"Pendaftaran dibuka {esc(format_date_long(reg.opens))}.")
    quota = [f"{run.quota} peserta", applicants(ctx, ref)]
    if run.applicant_cap:
        quota.append(
            f'<span class="run-cap">Setelah {run.applicant_cap} pendaftar, pendaftar berikutnya '
            "masuk daftar tunggu.</span>"
        )
    run_page = ctx.absolute(urls.run(ref))
    actions = []
    if status in (RunStatus.OPEN, RunStatus.UPCOMING):
        # Upcoming runs carry a hidden button that the live script shows on the opening day.
        actions.append(
            f"<a{attrs(href=urls.register(ctx.form_url, ref), cls='md-button md-button--primary daftar-button', data_run_id=ref.public_id, hidden=status is not RunStatus.OPEN, aria_label=f'Daftar {ref.course.title} angkatan {run.id}')}>Daftar</a>"
        )
        # Only while one can still apply: the message asks to register by the closing date.
        actions.append(
            link(
                share.whatsapp_url(ref, ctx.catalog, page_url=run_page),
                "Bagikan lewat WhatsApp",
                cls="share-whatsapp",
                rel="noopener",
            )
        )
    if status is not RunStatus.FINISHED:
        actions.append(
            link(
                urls.relative(page_url, ical.run_ics_path(ref)),
                "Tambahkan ke kalender",
                cls="add-calendar",
                type="text/calendar",
            )
        )
        actions.append(
            link(
                urls.relative(page_url, poster.poster_path(ref)),
                "Poster untuk dicetak",
                cls="poster-link",
            )
        )
    cells = [
        ("Angkatan", "<br>".join(when)),
        ("Pendaftaran", "<br>".join(window)),
        ("Tempat", run_place(ctx, ref)),
        ("Kuota", "<br>".join(quota)),
        ("Status", status_badge(ctx, ref)),
    ]
    row = [f"<tr{attrs(id=urls.run_anchor(ref), cls='run', **run_attrs(ctx, ref))}>"]
    row += [f'<td data-label="{label}">{html}</td>' for label, html in cells]
    row.append(f'<td class="run-actions">{" ".join(actions)}</td>')
    row.append("</tr>")
    return "".join(row)


def _list(items: list[str], cls: str | None = None) -> str:
    return ul([esc(item) for item in items], cls)


def render(ctx: SiteContext, ref: CourseRef) -> str:
    catalog, course, center = ctx.catalog, ref.course, ref.center
    url = urls.course(ref)
    kejuruan = catalog.kejuruan[course.kejuruan]
    runs = ctx.course_runs(ref)
    districts = []
    for run_ref in runs:
        district = ctx.district(run_ref.village)
        if district not in districts:
            districts.append(district)
    where = ", ".join(
        link(urls.relative(url, ctx.kecamatan_url(d.code)), f"Kecamatan {d.name}")
        for d in districts
    )
    regency = catalog.regions.regency_of(districts[0].code)
    facts = [
        ("Biaya", f'<strong class="fee">{esc(labels.rupiah(course.fee))}</strong>'),
        ("Lama pelatihan", esc(duration_text(ref))),
        ("Cara belajar", esc(labels.MODE[course.mode])),
        ("Sertifikat", esc(certificate_text(ref))),
        ("Seleksi", esc(labels.SELECTION[course.selection])),
        ("Kejuruan", link(urls.relative(url, urls.kejuruan(kejuruan.id)), kejuruan.label)),
    ]
    text = PageText(
        title=esc(f"{course.title} – {center.name}"),
        description=esc(course.summary),
        template="course.html",
        hide=["toc"],
        # course.html writes this <script type="application/ld+json"> into <head>
        jsonld=jsonld.course_jsonld(
            ref, catalog, base_url=ctx.base_url, page_url=ctx.absolute(url)
        ),
    )
    # The Markdown body holds only plain text that search should find (title, summary, topics,
    # places); links, the facts and the runs table are slots (see site_builder.html).
    text.md(
        md_heading(1, course.title, "judul"),
        f"{md_text(course.summary)}\n{{: .course-summary }}",
    )
    text.html(
        f'<p class="course-where">{link(urls.relative(url, urls.center(center.id)), center.name)}'
        f" · {where}{', ' + esc(regency.name) if regency else ''}</p>",
        '<dl class="course-facts">',
        *(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts),
        "</dl>",
        h(2, "Jadwal angkatan", "jadwal"),
        '<div class="runs-wrap">',
        RUNS_HEADER,
        *(run_row(ctx, r, url) for r in runs),
        "</tbody></table></div>",
    )
    text.md(
        md_heading(2, "Yang dipelajari", "materi"),
        f"{md_text(course.description)}\n{{: .course-description }}" if course.description else "",
        md_list(list(course.topics)),
        md_heading(2, "Tempat", "tempat"),
        *_places(ctx, runs),
    )
    text.html(
        h(2, "Siapa yang boleh mendaftar", "syarat"),
        _list(eligibility.describe(course.eligibility, catalog.regions), "eligibility"),
        "<p>Formulir pendaftaran memeriksa syarat yang sama.</p>",
        h(2, "Dokumen yang dibawa", "dokumen"),
        _list(eligibility.documents(course.eligibility), "documents"),
        h(2, "Yang Anda dapatkan", "manfaat"),
        _benefits(ref),
        h(2, "Penyelenggara", "penyelenggara"),
        _organiser(ctx, ref, url),
        f'<p class="reviewed">Data pelatihan ini terakhir diperiksa '
        f"{esc(format_date_long(course.reviewed))}.</p>",
    )
    return text.render()


# Said before the list of places, by how the course is taught.
PLACE_INTRO = {
    Mode.OFFLINE: "",
    Mode.HYBRID: "Sebagian kelas lewat internet. Pertemuan tatap muka di:",
    Mode.ONLINE: "Kelas lewat internet; tautannya dikirim kepada peserta yang diterima. Alamat "
    "penyelenggara:",
}


def _places(ctx: SiteContext, runs: list[RunRef]) -> list[str]:
    """Where the course meets, as plain Markdown (search finds a course by kelurahan and
    kecamatan); the map links are in the runs table."""
    seen: list[str] = []
    for run_ref in runs:
        venue = run_ref.run.venue or run_ref.center
        parts = [venue.name]
        if venue.address and venue.address != venue.name:
            parts.append(venue.address)
        parts.append(ctx.catalog.regions.label(venue.village))
        text = ", ".join(parts)
        if text not in seen:
            seen.append(text)
    intro = PLACE_INTRO[runs[0].course.mode]
    note = "Peta setiap tempat ada di tabel jadwal angkatan."
    return [intro, md_list(seen), note]


def _benefits(ref: CourseRef) -> str:
    course = ref.course
    items = []
    mentions_certificate = any("sertifikat" in b.lower() for b in course.benefits)
    if course.certification.body is not CertificationBody.NONE and not mentions_certificate:
        items.append(certificate_text(ref))
    items += list(course.benefits)
    if course.starter_package:
        package = course.starter_package
        items.append(f"Paket usaha untuk {package.best} peserta terbaik: {package.contents}")
    if course.instructors:
        items.append(f"Pengajar: {course.instructors}")
    return _list(items, "benefits")


def _organiser(ctx: SiteContext, ref: CourseRef, url: str) -> str:
    catalog = ctx.catalog
    organiser = catalog.agencies[ref.organiser_id]
    lines = [
        f"<p>Diselenggarakan oleh {_agency(organiser.name, organiser.website)} di "
        f"{link(urls.relative(url, urls.center(ref.center.id)), ref.center.name)}.</p>"
    ]
    if ref.course.partners:
        partners = ", ".join(
            _agency(catalog.agencies[p].name, catalog.agencies[p].website)
            for p in ref.course.partners
        )
        lines.append(f"<p>Bekerja sama dengan {partners}.</p>")
    lines.append(
        "<p>Pertanyaan tentang pelatihan ini dijawab oleh penyelenggara; lihat "
        f"{link(urls.relative(url, urls.center(ref.center.id)), 'kontak tempat pelatihan')}.</p>"
    )
    return "".join(lines)


def _agency(name: str, website: str | None) -> str:
    if website:
        return link(website, name, rel="noopener")
    return esc(name)

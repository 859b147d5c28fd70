"""Pages that list courses and runs: home, kejuruan, kecamatan and the calendar."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from catalog.catalog import RunRef
from catalog.dates import month_name
from catalog.status import RunStatus
from site_builder import ical, urls
from site_builder.context import SiteContext
from site_builder.fragments import course_list, run_item
from site_builder.html import PageText, esc, h, link, md_heading

HOME_OPEN_LIMIT = 30
HOME_SOON_DAYS = 60
HOME_SOON_LIMIT = 12


def _kejuruan_cards(ctx: SiteContext, url: str, *, describe: bool) -> list[str]:
    cards = []
    for kejuruan in sorted(ctx.catalog.kejuruan.values(), key=lambda k: k.label):
        n = len(ctx.courses_by_kejuruan.get(kejuruan.id, ()))
        description = (
            f' <span class="kejuruan-card__description">{esc(kejuruan.description)}</span>'
            if describe
            else ""
        )
        cards.append(
            '<li class="kejuruan-card">'
            f"{link(urls.relative(url, urls.kejuruan(kejuruan.id)), kejuruan.label)}"
            f' <span class="kejuruan-card__count">{n} pelatihan</span>{description}</li>'
        )
    return cards


def _run_list(ctx: SiteContext, refs: list[RunRef], url: str) -> str:
    return '<ul class="run-list">' + "".join(run_item(ctx, r, url) for r in refs) + "</ul>"


def home(ctx: SiteContext) -> str:
    catalog, url = ctx.catalog, urls.HOME
    centers, courses, runs = catalog.counts
    open_runs = sorted(
        (r for r in ctx.run_refs if ctx.status(r) is RunStatus.OPEN),
        key=lambda r: (r.run.registration.closes, r.run.start, r.public_id),
    )
    soon_end = ctx.today + timedelta(days=HOME_SOON_DAYS)
    # Runs that start soon and whose registration has not opened yet: worth watching.
    soon = [
        r for r in ctx.run_refs if r.run.start <= soon_end and ctx.status(r) is RunStatus.UPCOMING
    ][:HOME_SOON_LIMIT]
    calendar_link = link(urls.relative(url, urls.CALENDAR), "Kalender")
    text = PageText(
        title="Beranda",
        description="Pelatihan kerja gratis di Kota Tangerang, Kabupaten Tangerang dan Kota "
        "Serang: jadwal, syarat dan pendaftaran.",
        hide=["toc"],
    )
    text.md(
        "# Pelatihan kerja gratis di Tangerang dan Serang {#judul}",
        '<p class="lead">Cari pelatihan keterampilan dari BLK, BLK Komunitas, lembaga pelatihan '
        "dan dinas di Kota Tangerang, Kabupaten Tangerang dan Kota Serang. Lihat syaratnya, "
        "lalu daftar lewat formulir.</p>",
    )
    text.html(
        f'<p class="totals">{courses} pelatihan di {centers} tempat pelatihan, {runs} angkatan.</p>',
        '<p><label class="home-search" for="__search">Cari pelatihan, misalnya '
        "menjahit, barista atau nama kecamatan</label></p>",
        h(2, "Sedang buka pendaftaran", "dibuka"),
        _run_list(ctx, open_runs[:HOME_OPEN_LIMIT], url)
        if open_runs
        else '<p class="empty">Saat ini belum ada pendaftaran yang dibuka. Lihat jadwal '
        f"berikutnya di bawah atau di {calendar_link}.</p>",
        f"<p>Dan {len(open_runs) - HOME_OPEN_LIMIT} angkatan lain yang sedang dibuka: lihat "
        f"{calendar_link}.</p>"
        if len(open_runs) > HOME_OPEN_LIMIT
        else "",
        h(2, "Segera dimulai", "segera"),
        _run_list(ctx, soon, url)
        if soon
        else f'<p class="empty">Tidak ada angkatan baru yang dimulai dalam {HOME_SOON_DAYS} '
        "hari ke depan.</p>",
        f"<p>{link(urls.relative(url, urls.CALENDAR), 'Lihat semua jadwal di Kalender')}</p>",
        h(2, "Pilih kejuruan", "kejuruan"),
        '<ul class="kejuruan-grid">',
        *_kejuruan_cards(ctx, url, describe=False),
        "</ul>",
        h(2, "Cari menurut tempat", "tempat"),
        "<p>Lihat pelatihan di dekat rumah Anda: "
        f"{link(urls.relative(url, urls.KECAMATAN_INDEX), 'daftar kecamatan')}.</p>",
        h(2, "Data terbuka", "data"),
        "<p>Seluruh katalog boleh dipakai ulang: "
        f"{link('katalog.json', 'katalog.json', cls='open-data-json')}, "
        f"{link('katalog.csv', 'katalog.csv', cls='open-data-csv')} "
        f"(penjelasan kolom: {link(urls.OPEN_DATA, 'panduan data terbuka')}) dan "
        f"{link(ical.ALL_RUNS, 'kalender semua angkatan (.ics)', cls='calendar-all')}.</p>",
    )
    return text.render()


def kejuruan_index(ctx: SiteContext) -> str:
    url = urls.KEJURUAN_INDEX
    text = PageText(title="Kejuruan", search={"exclude": True}, hide=["toc"])
    text.md("# Kejuruan {#judul}", "<p>Pilih bidang keterampilan yang ingin Anda pelajari.</p>")
    text.html('<ul class="kejuruan-grid">', *_kejuruan_cards(ctx, url, describe=True), "</ul>")
    return text.render()


def kejuruan_page(ctx: SiteContext, kejuruan_id: str) -> str:
    kejuruan = ctx.catalog.kejuruan[kejuruan_id]
    url = urls.kejuruan(kejuruan_id)
    refs = ctx.courses_by_kejuruan.get(kejuruan_id, [])
    text = PageText(title=esc(kejuruan.label), description=esc(kejuruan.description), hide=["toc"])
    text.md(
        md_heading(1, kejuruan.label, "judul"),
        f'<p class="kejuruan-description">{esc(kejuruan.description)}</p>',
    )
    text.html(course_list(ctx, refs, url, "Belum ada pelatihan untuk kejuruan ini."))
    return text.render()


def kecamatan_index(ctx: SiteContext) -> str:
    url = urls.KECAMATAN_INDEX
    regions = ctx.catalog.regions
    by_regency: dict[str, list[str]] = defaultdict(list)
    for code in ctx.districts:
        by_regency[code[:4]].append(code)
    text = PageText(title="Kecamatan", search={"exclude": True})
    text.md(
        "# Kecamatan {#judul}",
        "<p>Pelatihan menurut tempat diadakannya. Angka di samping nama kecamatan adalah "
        "jumlah pelatihan.</p>",
    )
    for regency_code in sorted(by_regency):
        items = []
        codes = sorted(by_regency[regency_code], key=lambda c: ctx.districts[c].name)
        for code in codes:
            n = len(ctx.courses_by_district.get(code, ()))
            items.append(
                f"<li>{link(urls.relative(url, ctx.kecamatan_url(code)), ctx.districts[code].name)}"
                f' <span class="count">{n} pelatihan</span></li>'
            )
        text.md(md_heading(2, regions[regency_code].name, f"wilayah-{regency_code}"))
        text.html('<ul class="kecamatan-list">', *items, "</ul>")
    return text.render()


def kecamatan_page(ctx: SiteContext, code: str) -> str:
    district = ctx.districts[code]
    url = ctx.kecamatan_url(code)
    regency = ctx.catalog.regions.regency_of(code)
    refs = ctx.courses_by_district.get(code, [])
    centers = [ctx.catalog.centers[c] for c in ctx.centers_by_district.get(code, [])]
    regency_text = f", {regency.name}" if regency else ""
    text = PageText(
        title=esc(f"Kecamatan {district.name}"),
        description=esc(f"Pelatihan kerja gratis di Kecamatan {district.name}{regency_text}."),
        search={"exclude": True},
        hide=["toc"],
    )
    text.md(
        md_heading(1, f"Kecamatan {district.name}", "judul"),
        f'<p class="region">{esc(regency.name)}</p>' if regency else "",
    )
    text.html(
        h(2, "Pelatihan di kecamatan ini", "pelatihan"),
        course_list(ctx, refs, url, "Belum ada pelatihan yang diadakan di kecamatan ini."),
    )
    if centers:
        text.html(
            h(2, "Tempat pelatihan di kecamatan ini", "tempat"),
            '<ul class="center-list">',
            *(f"<li>{link(urls.relative(url, urls.center(c.id)), c.name)}</li>" for c in centers),
            "</ul>",
        )
    return text.render()


def calendar(ctx: SiteContext) -> str:
    url = urls.CALENDAR
    current = [r for r in ctx.run_refs if ctx.status(r) is not RunStatus.FINISHED]
    finished = len(ctx.run_refs) - len(current)
    months: dict[tuple[int, int], list[RunRef]] = defaultdict(list)
    for ref in current:
        months[(ref.run.start.year, ref.run.start.month)].append(ref)
    text = PageText(title="Kalender", search={"exclude": True})
    text.md(
        "# Kalender pelatihan {#judul}",
        "<p>Semua angkatan yang belum selesai, menurut bulan mulainya. Status dihitung pada "
        "tanggal situs ini dibuat.</p>",
    )
    text.html(
        "<p>"
        + link(
            urls.relative(url, ical.ALL_RUNS),
            "Tambahkan semua jadwal ke kalender ponsel (.ics)",
            cls="calendar-all",
        )
        + "</p>"
    )
    if not months:
        text.html('<p class="empty">Belum ada angkatan yang dijadwalkan.</p>')
    for (year, month), refs in sorted(months.items()):
        text.md(md_heading(2, f"{month_name(month)} {year}", f"bulan-{year}-{month:02d}"))
        text.html(_run_list(ctx, refs, url))
    if finished:
        text.html(
            f'<p class="finished-note">{finished} angkatan sudah selesai dan tidak ditampilkan.</p>'
        )
    return text.render()

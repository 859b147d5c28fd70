"""Render every page of the site as Markdown, in memory, then write them into a docs folder.

Nothing is written until every page has been rendered, so a page that cannot be built leaves
no half-written folder behind (the build itself also happens in a temporary folder).
"""

from __future__ import annotations

from pathlib import Path

from site_builder import (
    about_page,
    announcement_page,
    capaian_page,
    cari_page,
    center_page,
    course_list_page,
    course_page,
    listing_pages,
    opendata_page,
    urls,
)
from site_builder.context import SiteContext


def render_pages(ctx: SiteContext, part: int = 0, parts: int = 1) -> dict[str, str]:
    """Source path inside the docs folder -> Markdown text, for every page of the site.

    With ``parts`` > 1, only part ``part`` of them (to share the work between processes): the
    listing, center and about pages are in part 0, course pages are dealt out in turn.
    """
    pages = {}
    if part == 0:
        pages |= {
            urls.source_path(urls.HOME): listing_pages.home(ctx),
            urls.source_path(urls.KEJURUAN_INDEX): listing_pages.kejuruan_index(ctx),
            urls.source_path(urls.KECAMATAN_INDEX): listing_pages.kecamatan_index(ctx),
            urls.source_path(urls.CALENDAR): listing_pages.calendar(ctx),
            urls.source_path(urls.ABOUT): about_page.render(ctx),
            urls.source_path(urls.OPEN_DATA): opendata_page.render(ctx),
            urls.source_path(urls.CARI): cari_page.render(ctx),
        }
        for url, text in course_list_page.render_pages(ctx).items():
            pages[urls.source_path(url)] = text
        for kejuruan_id in ctx.catalog.kejuruan:
            pages[urls.source_path(urls.kejuruan(kejuruan_id))] = listing_pages.kejuruan_page(
                ctx, kejuruan_id
            )
        for code in ctx.districts:
            pages[urls.source_path(ctx.kecamatan_url(code))] = listing_pages.kecamatan_page(
                ctx, code
            )
        for code in ctx.villages:
            pages[urls.source_path(ctx.village_url(code))] = listing_pages.kelurahan_page(ctx, code)
        if ctx.results is not None:
            pages[urls.source_path(urls.ANNOUNCEMENTS)] = announcement_page.index(ctx)
            for ref in ctx.announced:
                pages[urls.source_path(urls.announcement(ref))] = announcement_page.render(ctx, ref)
        pages[urls.source_path(capaian_page.INDEX)] = capaian_page.index(ctx)
        for programme in ctx.catalog.programmes.values():
            pages[urls.source_path(capaian_page.programme_url(programme))] = (
                capaian_page.programme_page(ctx, programme)
            )
        for center_id in ctx.catalog.centers:
            pages[urls.source_path(urls.center(center_id))] = center_page.render(ctx, center_id)
    for ref in ctx.course_refs[part::parts]:
        pages[urls.source_path(urls.course(ref))] = course_page.render(ctx, ref)
    return pages


def write_pages(pages: dict[str, str], docs_dir: Path) -> None:
    made: set[Path] = set()
    for rel, text in pages.items():
        path = docs_dir / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(text, encoding="utf-8")

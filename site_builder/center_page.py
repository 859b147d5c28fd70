"""The page of one training center: what kind of place it is, where, and its courses."""

from __future__ import annotations

from catalog import labels
from catalog.models import Center
from site_builder import urls
from site_builder.context import SiteContext
from site_builder.fragments import center_place, course_list
from site_builder.html import PageText, esc, h, link, md_heading, ul


def _contact(center: Center) -> list[str]:
    contact = center.contact
    items = []
    if contact.whatsapp:
        digits = "".join(c for c in contact.whatsapp if c.isdigit())
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        items.append(
            f"WhatsApp: {link('https://wa.me/' + digits, contact.whatsapp, rel='noopener')}"
        )
    if contact.phone:
        tel = "".join(c for c in contact.phone if c.isdigit() or c == "+")
        items.append(f"Telepon: {link('tel:' + tel, contact.phone)}")
    if contact.email:
        items.append(f"Surel: {link('mailto:' + contact.email, contact.email)}")
    if contact.website:
        items.append(f"Situs web: {link(contact.website, contact.website, rel='noopener')}")
    if contact.instagram:
        handle = contact.instagram.lstrip("@")
        items.append(
            f"Instagram: {link('https://www.instagram.com/' + handle + '/', '@' + handle, rel='noopener')}"
        )
    return items


def render(ctx: SiteContext, center_id: str) -> str:
    catalog = ctx.catalog
    center = catalog.centers[center_id]
    url = urls.center(center.id)
    agency = catalog.agencies[center.agency]
    district = ctx.district(center.village)
    facts = [
        ("Jenis", esc(labels.CENTER_KIND[center.kind])),
        ("Instansi pembina", esc(agency.name)),
        (
            "Kecamatan",
            link(
                urls.relative(url, ctx.kecamatan_url(district.code)), f"Kecamatan {district.name}"
            ),
        ),
    ]
    if center.accreditation:
        acc = center.accreditation
        text = labels.ACCREDITATION[acc.status]
        if acc.body:
            text += f" oleh {acc.body}"
        if acc.year:
            text += f" ({acc.year})"
        facts.append(("Akreditasi", esc(text)))
    if center.network:
        facts.append(("Jaringan", esc(center.network)))
    if center.programme:
        facts.append(("Program", esc(center.programme)))
    contact = _contact(center)
    courses = catalog.courses_of_center(center.id)
    courses.sort(key=lambda r: (r.course.title, r.course.id))
    text = PageText(
        title=esc(center.name), description=esc(center.description or center.name), hide=["toc"]
    )
    text.md(
        md_heading(1, center.name, "judul"),
        f'<p class="center-description">{esc(center.description)}</p>'
        if center.description
        else "",
        f'<p class="center-where">{esc(labels.CENTER_KIND[center.kind])} · '
        f"{esc(ctx.catalog.regions.label(center.village))}</p>",
    )
    text.html(
        '<dl class="center-facts">',
        *(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts),
        "</dl>",
        h(2, "Alamat", "alamat"),
        f'<p class="place">{center_place(ctx, center)}</p>',
        h(2, "Kontak", "kontak"),
        ul(contact, "contact")
        if contact
        else "<p>Kontak belum tercantum. Tanyakan ke "
        f"{esc(agency.name)} atau kantor kelurahan/desa setempat.</p>",
        h(2, "Pelatihan di sini", "pelatihan"),
        course_list(ctx, courses, url, "Belum ada pelatihan yang tercantum."),
    )
    return text.render()

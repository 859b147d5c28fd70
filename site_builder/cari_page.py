""" "Pelatihan untuk saya" (/cari/): four questions, then only the runs the resident may join.

The page works in two ways (overrides/cari.html renders both from this context):

* Without JavaScript, it is a list of every kecamatan of the three regions, each a details
  that opens (no script needed) on the links to its kelurahan/desa pages, which list what the
  residents may join by address. A form cannot lead to a page chosen in it on a static host
  (that would need a redirect on a server), and a list of links is what a cheap phone opens
  fastest: one page of plain links, one tap to open a kecamatan, one tap to its kelurahan.
* With JavaScript (``assets/katalog/cari.js``, loaded on this page only), the same links fill
  the kelurahan/desa select of a GET form, and the answers in the URL
  (``?kelurahan=3671021004&usia=24&jk=P&dtks=tidak``) are judged against the list of the
  resident's kecamatan, in parts: the first, ``cari/kelayakan/<kecamatan>.json``, shows her
  first results, the others are added as they arrive; and against the whole
  ``cari/kelayakan.json`` once she asks why other runs are not listed
  (site_builder/eligibility_data.py).
"""

from __future__ import annotations

from collections import defaultdict

from site_builder import source, urls
from site_builder.context import SiteContext
from site_builder.eligibility_data import DATA_PATH, DISTRICT_DIR


def kecamatan_groups(ctx: SiteContext, from_url: str) -> list[dict[str, object]]:
    """Regencies -> kecamatan -> kelurahan/desa, each by name, with their pages' links."""
    regions = ctx.catalog.regions
    by_district: dict[str, list[str]] = defaultdict(list)
    for code in ctx.villages:
        by_district[code[:6]].append(code)
    groups = []
    for regency_code in sorted({code[:4] for code in by_district}):
        districts = sorted(
            (c for c in by_district if c.startswith(regency_code)),
            key=lambda c: ctx.districts[c].name,
        )
        groups.append(
            {
                "name": regions[regency_code].name,
                "kecamatan": [
                    {
                        "name": ctx.districts[code].name,
                        "code": code,
                        "url": urls.relative(from_url, ctx.kecamatan_url(code)),
                        "villages": [
                            {
                                "name": ctx.villages[v].name,
                                "kind": (ctx.villages[v].kind or "desa").capitalize(),
                                "code": v,
                                "url": urls.relative(from_url, ctx.village_url(v)),
                            }
                            for v in sorted(by_district[code], key=lambda v: ctx.villages[v].name)
                        ],
                    }
                    for code in districts
                ],
            }
        )
    return groups


def render(ctx: SiteContext) -> str:
    url = urls.CARI
    data = {
        "data": urls.relative(url, DATA_PATH),
        "district_data": urls.relative(url, DISTRICT_DIR),
        "groups": kecamatan_groups(ctx, url),
        "courses": urls.relative(url, urls.COURSES),
    }
    return source.page(
        "cari.md",
        context=data,
        title="Pelatihan untuk saya",
        description="Pelatihan kerja gratis yang boleh Anda ikuti, menurut alamat KTP, usia, "
        "jenis kelamin dan DTKS/DTSEN.",
        template="cari.html",
        hide=["toc"],
    )

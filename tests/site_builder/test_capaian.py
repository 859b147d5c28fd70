"""The Capaian section (/capaian/), built from the shipped catalog and the example results file."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.cli import build

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"  # the day the shipped example data is made for (Makefile DATA_DAY)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("capaian") / "site"
    args = [
        "--data", str(ROOT / "courses"), "--out", str(out), "--today", TODAY,
        "--cache", str(out.parent / ".cache"),
        "--results", str(ROOT / "courses" / "example-results.json"),
    ]  # fmt: skip
    result = CliRunner().invoke(build, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_overview_compares_coverage_with_the_target(site):
    html = text(page(site, "capaian"))
    assert (
        "BLK di setiap kelurahan Kota Tangerang Kelurahan yang sudah punya pusat pelatihan "
        "13 dari 104 kelurahan"
    ) in html
    assert "LPKS di setiap kelurahan Kota Serang" in html
    assert "Kursi yang direncanakan 2.500 kursi di 125 angkatan" in html  # thousands with "."


@pytest.mark.slow
def test_capaian_is_in_the_navigation(site):
    assert 'href="capaian/"' in page(site, "") or 'href="./capaian/"' in page(site, "")


@pytest.mark.slow
def test_a_programme_page_has_a_kecamatan_table_and_the_same_numbers_in_its_chart(site):
    html = page(site, "capaian/blk-setiap-kelurahan-kota-tangerang")
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+) dari (\d+)</td>', html)
    assert ("Karawaci", "1", "16") in rows
    start = html.rindex('<svg class="bar-chart"', 0, html.index('id="grafik-kecamatan-judul"'))
    svg = html[start : html.index("</svg>", start)]
    assert "<script" not in svg and "on" + "load" not in svg
    assert 'role="img"' in svg and "<title" in svg
    bars = re.findall(r"<text[^>]*>([^:<]+): (\d+) dari (\d+)</text>", svg)
    assert bars == rows


@pytest.mark.slow
def test_hidden_counts_read_disembunyikan_with_one_explanation(site):
    html = page(site, "capaian/paket-usaha-dinsos-kota-tangerang")
    # Dinsos gives 3 packages per class; one class announced: the total (3) is hidden
    hidden = '<span class="hidden-count">disembunyikan</span>'
    assert f"<dt>Paket usaha diterima</dt><dd>{hidden}</dd>" in html
    assert html.count('class="hidden-count-note"') == 1
    assert "–" not in text(html[html.index("<article") : html.index("</article>")])
    assert (
        "<strong>disembunyikan</strong>: angkanya tidak ditampilkan supaya tidak ada peserta "
        "yang bisa dikenali, karena jumlahnya kurang dari 5 orang, atau karena angka itu ikut "
        "disembunyikan agar angka kecil lain tidak bisa dihitung darinya. Angka yang ikut "
        "disembunyikan bisa saja besar."
    ) in html


@pytest.mark.slow
def test_a_count_hidden_to_protect_a_small_one_never_reads_below_five(site):
    # Barista 2026-1 (example): 18 of 20 passed, 2 failed; the 2 is hidden and so is the 18
    # (seat holders minus Lulus would give it). The page must not say "Lulus < 5".
    pages = {url: page(site, url) for url in (
        "capaian/blk-setiap-kelurahan-kota-tangerang", "kursus/kelurahan-sukarasa/barista",
        "kecamatan/367101-tangerang", "kelurahan/3671011001-sukarasa",
    )}  # fmt: skip
    for url, html in pages.items():
        assert "&lt; 5" not in html and "< 5" not in text(html), url
    blk = text(pages["capaian/blk-setiap-kelurahan-kota-tangerang"])
    assert "Diterima 20 Lulus disembunyikan Bersertifikat 0" in blk
    assert "Lulus: disembunyikan (dari 20); Bersertifikat: 0 dari 20" in blk
    course = pages["kursus/kelurahan-sukarasa/barista"]
    past = course[course.index('<h2 id="hasil">') : course.index('class="past-outcomes-note"')]
    assert (
        '<tr><th scope="row">2026-1</th><td>20</td>'
        '<td><span class="hidden-count">disembunyikan</span></td><td>0</td><td>0</td></tr>'
    ) in past
    assert 'class="hidden-count-note"><strong>disembunyikan</strong>' in past
    row = next(r for r in _csv(site) if r["programme_id"] == "blk-setiap-kelurahan-kota-tangerang"
               and r["level"] == "programme")  # fmt: skip
    assert (row["accepted"], row["completed"], row["certified"]) == ("20", "disembunyikan", "0")


@pytest.mark.slow
def test_pages_built_from_the_example_results_say_so(site):
    banner = '<p class="example-banner" id="hasil-contoh"><strong>Hasil contoh.</strong>'
    for url in ("capaian", "capaian/blk-setiap-kelurahan-kota-tangerang",
                "kecamatan/367101-tangerang", "kelurahan/3671011001-sukarasa",
                "kursus/kelurahan-sukarasa/barista"):  # fmt: skip
        assert banner in page(site, url), url


@pytest.mark.slow
def test_each_target_is_compared_with_the_catalog_and_the_results(site):
    html = page(site, "capaian/blk-setiap-kelurahan-kota-tangerang")
    rows = {
        m[0]: (text(m[1]).strip(), text(m[2]).strip())
        for m in re.findall(
            r'<tr data-target="([^"]+)"><th scope="row">[^<]+</th><td>(.*?)</td><td>(.*?)</td></tr>',
            html,
            re.S,
        )
    }
    assert rows["kelurahan-covered"] == (
        "104 kelurahan BLK di semua 104 kelurahan Kota Tangerang.",
        "Sekarang: 13 dari 104 kelurahan",
    )
    assert rows["courses-per-kelurahan"][1] == "Kelurahan yang sudah: 13 dari 104 kelurahan"
    assert rows["seats-per-course"] == ("20 kursi", "Angkatan yang sudah: 125 dari 125 angkatan")
    assert rows["people-trained"] == (
        "12.000 orang 12.000 warga dilatih.",
        "Diterima: 20 Lulus: disembunyikan",
    )
    dinsos = text(page(site, "capaian/paket-usaha-dinsos-kota-tangerang"))
    assert (
        "Paket usaha untuk peserta terbaik 3 peserta terbaik setiap kelas Tiga peserta terbaik "
        "setiap kelas menerima paket usaha. Kelas yang hasilnya diumumkan: 1 Paket usaha "
        "diterima: disembunyikan Yang dijanjikan untuk kelas itu: 3"
    ) in dinsos
    serang = text(page(site, "capaian/lpks-setiap-kelurahan-kota-serang"))
    assert "Pusat pelatihan di setiap kelurahan 1 per kelurahan" in serang
    assert "67 kelurahan; saat diumumkan 27" in serang


@pytest.mark.slow
def test_applicants_per_seat(site):
    html = text(page(site, "capaian/paket-usaha-dinsos-kota-tangerang"))
    assert "Pendaftar per kursi 6,7 (134 pendaftar, 20 kursi)" in html


@pytest.mark.slow
def test_kelurahan_rows_only_where_the_programme_targets_kelurahan(site):
    blk = page(site, "capaian/blk-setiap-kelurahan-kota-tangerang")
    start = blk.index('<table class="capaian-kelurahan">')
    table = blk[start : blk.index("</table>", start)]
    assert table.count('<tr><th scope="row">') == 104
    row = re.search(r'<tr><th scope="row"><a href="[^"]+">Kelurahan Sukarasa</a></th>(.*?)</tr>',
                    table)  # fmt: skip
    assert row is not None
    # 2 centers there (the Disnaker BLK and the kelurahan BLK): 8 + 5 courses
    assert text(row[1]).split() == ["Tangerang", "2", "13", "500", "20", "disembunyikan", "0"]
    dinsos = page(site, "capaian/paket-usaha-dinsos-kota-tangerang")
    assert "capaian-kelurahan" not in dinsos  # a starter-package target: no kelurahan rows


@pytest.mark.slow
def test_kecamatan_and_kelurahan_pages_have_a_capaian_block(site):
    kec = page(site, "kecamatan/367101-tangerang")
    block = text(kec[kec.index('id="capaian"') : kec.index("</article>")])
    assert (
        "BLK di setiap kelurahan Kota Tangerang Kelurahan yang sudah punya pusat pelatihan "
        "1 dari 8 kelurahan Pusat pelatihan 2 Kursi yang direncanakan 500 kursi di 25 angkatan"
    ) in block
    assert "Diterima 20 Lulus disembunyikan Bersertifikat 0" in block
    assert 'href="../../capaian/"' in kec
    assert 'href="../../capaian/blk-setiap-kelurahan-kota-tangerang/"' in kec
    kel = text(page(site, "kelurahan/3671011001-sukarasa"))
    assert "Capaian program di sini" in kel
    assert "Pusat pelatihan program ini di sini 2" in kel
    outside = page(site, "kecamatan/360301-balaraja")
    assert "alumni-berwirausaha" in outside or 'id="capaian"' not in outside


@pytest.mark.slow
def test_charts_have_text_alternatives_with_the_table_numbers(site):
    html = page(site, "capaian/paket-usaha-dinsos-kota-tangerang")
    svgs = re.findall(r"<svg class=\"bar-chart\".*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        labelled = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg)
        assert labelled and f'<title id="{labelled[1]}">' in svg
        assert f'<desc id="{labelled[2]}">' in svg
    assert '<desc id="grafik-hasil-isi">Lulus: 20 dari 20; Bersertifikat: 0 dari 20; ' in html


# --------------------------------------------------------------------------- open data


def _csv(site: Path) -> list[dict[str, str]]:
    raw = (site / "capaian.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, like katalog.csv
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


@pytest.mark.slow
def test_open_data_reads_back_with_the_figures_of_the_pages(site):
    rows = _csv(site)
    data = json.loads((site / "capaian.json").read_text(encoding="utf-8"))
    assert data["example_results"] is True and data["example_data"] is True
    assert {r["example_results"] for r in rows} == {"ya"}
    assert data["small_counts_hidden_below"] == 5
    by_key = {(r["programme_id"], r["level"], r["code"]): r for r in rows}
    for p in data["programmes"]:
        total = by_key[(p["id"], "programme", p["total"]["code"])]
        facts = text(page(site, f"capaian/{p['id']}"))
        assert (
            f"Kelurahan yang sudah punya pusat pelatihan {total['kelurahan_covered']} dari" in facts
        )
        o = p["total"]["outcomes"]
        if o is None:
            continue
        shown = {k: ("disembunyikan" if o[k] is None else str(o[k])) for k in o}
        assert (total["accepted"], total["completed"], total["certified"]) == (
            shown["accepted"], shown["completed"], shown["certified"],
        )  # fmt: skip
        assert (
            f"Diterima {shown['accepted']} Lulus {shown['completed']} "
            f"Bersertifikat {shown['certified']} Bekerja atau berwirausaha 6 bulan kemudian "
            f"{shown['working_or_business']}"
        ) in facts
        per_seat = f"{o['applicants_per_seat']:.1f}".replace(".", ",")
        assert f"Pendaftar per kursi {per_seat} ({o['applicants']} pendaftar" in facts
    dinsos = by_key[("paket-usaha-dinsos-kota-tangerang", "programme", "3671")]
    assert dinsos["starter_packages"] == "disembunyikan"
    # a kecamatan row equals the programme page's table row
    html = page(site, "capaian/blk-setiap-kelurahan-kota-tangerang")
    row = re.search(r'<tr><th scope="row">Tangerang</th>(.*?)</tr>', html)
    assert row is not None
    tangerang = by_key[("blk-setiap-kelurahan-kota-tangerang", "kecamatan", "367101")]
    assert text(row[1]).split() == [
        tangerang["kelurahan_covered"], "dari", tangerang["kelurahan_total"],
        tangerang["centers"], tangerang["seats"], tangerang["accepted"],
        *tangerang["completed"].split(), tangerang["certified"],
        tangerang["working_or_business"],
    ]  # fmt: skip


@pytest.mark.slow
def test_open_data_holds_counts_only(site):
    text_json = (site / "capaian.json").read_text(encoding="utf-8")
    text_csv = (site / "capaian.csv").read_text(encoding="utf-8-sig")
    for blob in (text_json, text_csv):
        assert "KP-" not in blob and "Contoh Peserta" not in blob and "nik" not in blob.lower()


@pytest.mark.slow
def test_every_open_data_field_is_documented(site):
    from catalog.models import TargetKind
    from site_builder.capaian_opendata import CSV_COLUMNS

    docs = (ROOT / "docs" / "data-terbuka.md").read_text(encoding="utf-8")
    section = docs[docs.index("## capaian.csv dan capaian.json") : docs.index("## Kalender")]
    assert [c for c in CSV_COLUMNS if f"`{c}`" not in section] == []
    keys: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            keys.update(value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(json.loads((site / "capaian.json").read_text(encoding="utf-8")))
    assert "applicants_per_seat" in keys and "kecamatan_code" in keys
    assert sorted(k for k in keys if f"`{k}`" not in section) == []
    assert [k.value for k in TargetKind if f"`{k.value}`" not in section] == []

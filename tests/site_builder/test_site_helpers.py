"""Small pieces of the site builder: relative links, escaping, slots, the stats file."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st

from catalog.regions import Region
from site_builder import urls
from site_builder.source import SPLIT, front_matter, markdown, md_escape
from site_builder.stats import StatsError, load_stats


@pytest.mark.parametrize(
    ("here", "there", "expected"),
    [
        ("kursus/a/b/", "pusat/a/", "../../../pusat/a/"),
        ("", "katalog.json", "katalog.json"),
        ("", "kursus/a/b/#angkatan-1", "kursus/a/b/#angkatan-1"),
        ("kursus/a/b/", "kursus/a/b/#angkatan-1", "#angkatan-1"),
        ("tentang/", "", "../"),
        ("", "", "./"),
        ("kursus/a/b/", "kalender/a/b/1.ics", "../../../kalender/a/b/1.ics"),
    ],
)
def test_relative_links(here: str, there: str, expected: str) -> None:
    assert urls.relative(here, there) == expected


def reference_relative(from_url: str, to_url: str) -> str:
    """urls.relative as it was written first, with posixpath.relpath."""
    path, sep, fragment = to_url.partition("#")
    if path == from_url and fragment:
        return sep + fragment
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath("/" + path, "/" + base)
    if rel == ".":
        rel = "./"
    elif path.endswith("/") or not path:
        rel += "/"
    return rel + sep + fragment


SEGMENTS = st.sampled_from(["kursus", "pusat", "a", "b", "kalender", "x.ics", "katalog.json"])
URLS = st.lists(SEGMENTS, max_size=4).flatmap(
    lambda parts: st.sampled_from(
        ["/".join(parts), "/".join(parts) + "/" if parts else "", "/".join(parts) + "#run"]
    )
)


@given(here=URLS, there=URLS)
def test_relative_links_agree_with_posixpath(here: str, there: str) -> None:
    assume("#" not in here)  # a link starts from a page or file, never from an anchor
    assert urls.relative(here, there) == reference_relative(here, there)


def test_kecamatan_url_has_code_and_readable_name() -> None:
    district = Region("367105", "Karang Tengah", "district")
    assert urls.kecamatan(district) == "kecamatan/367105-karang-tengah/"
    assert urls.slugify("Pondok Aren (Baru)") == "pondok-aren-baru"


def test_md_escape_keeps_text_literal() -> None:
    assert md_escape("Tata *Boga* & <Kue> #1") == "Tata \\*Boga\\* &amp; &lt;Kue&gt; \\#1"


def test_front_matter_is_yaml_even_for_awkward_text() -> None:
    meta = {"title": 'Judul: "kutip" \u2028 baris', "slots": ["<p>a</p>", "b\nc"], "n": None}
    text = front_matter(meta)
    assert text.startswith("---\n") and text.endswith("---\n\n")
    assert yaml.safe_load(text.strip().strip("-")) == {
        "title": 'Judul: "kutip" \u2028 baris',
        "slots": ["<p>a</p>", "b\nc"],
    }


def test_markdown_templates_escape_every_value() -> None:
    text = markdown("kejuruan.md", name="Tata *Boga* <b>", description="1. Bukan daftar")
    assert text.startswith("# Tata \\*Boga\\* &lt;b&gt; {#judul}\n")
    assert "1\\. Bukan daftar" in text


def test_split_marks_where_a_theme_template_adds_its_part() -> None:
    text = markdown("calendar.md", months=[{"name": "Mei 2027", "anchor": "bulan-2027-05"}])
    assert text.count(SPLIT) == 1
    assert "## Mei 2027 {#bulan-2027-05}" in text


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "stats.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_stats_counts(tmp_path: Path) -> None:
    stats = load_stats(
        write(
            tmp_path,
            {
                "generated_at": "2027-01-10T02:00:00Z",
                "runs": {"a/b/c": {"registered": 45, "quota": 20}},
            },
        )
    )
    counts = stats.runs["a/b/c"]
    assert (counts.registered, counts.waitlist, counts.quota) == (45, 0, 20)
    assert stats.generated_at.isoformat() == "2027-01-10T02:00:00+00:00"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "berkas statistik bukan JSON yang benar"),
        ("[]", "berkas statistik harus berisi 'generated_at' dan 'runs'."),
        (
            {"generated_at": "kemarin", "runs": {}},
            "'generated_at' harus waktu ISO 8601, misalnya 2027-01-10T02:00:00Z.",
        ),
        (
            {"generated_at": "2027-01-10T02:00:00", "runs": {}},
            "'generated_at' harus menyebut zona waktu, misalnya akhiran Z.",
        ),
        (
            {"generated_at": "2027-01-10T02:00:00Z", "runs": {"a/b/c": {"registered": -1}}},
            "angka 'registered' untuk angkatan a/b/c harus bilangan bulat 0 atau lebih.",
        ),
    ],
)
def test_bad_stats_files_are_named(tmp_path: Path, content: object, message: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(StatsError) as caught:
        load_stats(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("", "index.md"),
        ("kejuruan/", "kejuruan/index.md"),  # as mkdocs.yml's nav names the section pages
        ("kursus/blk-contoh/tata-boga/", "kursus/blk-contoh/tata-boga.md"),
        ("kecamatan/367101-tangerang/", "kecamatan/367101-tangerang.md"),
    ],
)
def test_source_path_of_each_kind_of_page(url: str, source: str) -> None:
    assert urls.source_path(url) == source

"""schema.org Course JSON-LD for course pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jinja2 import Environment

from catalog.catalog import Catalog
from site_builder.jsonld import course_data
from site_builder.mkdocs_run import steady
from tests.site_builder.machine_fixtures import BASE_URL, COURSE_YML, load_fixture

PAGE = "https://pelatihan.example.go.id/kursus/blk-contoh/tata-boga/"
OPEN = '<script type="application/ld+json">'
CLOSE = "</script>"
# As overrides/course.html writes it, with the Jinja settings of the build (mkdocs_run.steady)
TEMPLATE = steady(Environment()).from_string(OPEN + "{{ data | tojson }}" + CLOSE)


def jsonld(catalog: Catalog) -> tuple[str, dict]:
    data = course_data(
        catalog.find_course("blk-contoh", "tata-boga"), catalog, base_url=BASE_URL, page_url=PAGE
    )
    html = TEMPLATE.render(data=data)
    assert html.startswith(OPEN) and html.endswith(CLOSE)
    return html, json.loads(html[len(OPEN) : -len(CLOSE)])


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return load_fixture(tmp_path)


def test_course(catalog):
    _, data = jsonld(catalog)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Course"
    assert data["name"] == "Tata Boga untuk Usaha Rumahan"
    assert data["description"] == (
        "Belajar memasak menu yang laku dijual. Pelatihan memasak dengan praktik setiap hari."
    )
    assert data["url"] == PAGE
    assert data["inLanguage"] == "id"
    assert data["isAccessibleForFree"] is True
    assert data["timeRequired"] == "PT105H"
    assert [(p["@type"], p["name"]) for p in data["provider"]] == [
        ("GovernmentOrganization", "Dinas Sosial Kota Tangerang"),
        ("EducationalOrganization", "BLK Contoh Kota Tangerang"),
    ]
    assert data["provider"][1]["url"] == "https://pelatihan.example.go.id/pusat/blk-contoh/"
    assert data["offers"] == {
        "@type": "Offer",
        "category": "Free",
        "price": 0,
        "priceCurrency": "IDR",
        "url": PAGE,
    }
    assert data["educationalCredentialAwarded"]["name"] == (
        "Sertifikat kompetensi BNSP: Juru Masak"
    )


def test_course_instances(catalog):
    _, data = jsonld(catalog)
    first, second = data["hasCourseInstance"]
    assert first["@type"] == "CourseInstance"
    assert first["courseMode"] == "Onsite"
    assert (first["startDate"], first["endDate"]) == ("2027-02-01", "2027-02-22")
    assert (second["startDate"], second["endDate"]) == ("2027-05-03", "2027-05-28")
    assert first["url"] == PAGE + "#angkatan-2027-1"
    assert first["location"] == {
        "@type": "Place",
        "name": "BLK Contoh Kota Tangerang",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "Jl. Contoh No. 1",
            "addressLocality": "Sukarasa",
            "addressRegion": "Kota Tangerang",
            "addressCountry": "ID",
        },
    }
    assert second["location"]["name"] == "Kantor Kelurahan Sukasari"
    assert second["location"]["address"]["addressLocality"] == "Sukasari"
    assert second["courseSchedule"] == {
        "@type": "Schedule",
        "startDate": "2027-05-03",
        "endDate": "2027-05-28",
        "repeatFrequency": "Daily",
        "repeatCount": 15,
        "duration": "PT7H",
        "description": "Senin–Jumat, 08.00–15.00 WIB",
    }
    assert first["maximumAttendeeCapacity"] == 20
    assert (first["offers"]["availabilityStarts"], first["offers"]["availabilityEnds"]) == (
        "2026-11-16T00:00:00+07:00",
        "2027-01-22T23:59:59+07:00",
    )


def test_online_course_without_certificate(tmp_path):
    course = COURSE_YML.replace("mode: offline", "mode: online").replace(
        "certification: {body: BNSP, scheme: Juru Masak}", "certification: {body: tidak-ada}"
    )
    _, data = jsonld(load_fixture(tmp_path, course=course))
    instance = data["hasCourseInstance"][0]
    assert instance["courseMode"] == "Online"
    assert instance["location"] == {"@type": "VirtualLocation", "url": PAGE + "#angkatan-2027-1"}
    assert "educationalCredentialAwarded" not in data


def test_text_cannot_close_the_script_element(tmp_path):
    summary = "Masak </script><script>alert(1)</script> <!-- enak -->"
    course = COURSE_YML.replace(
        "summary: Belajar memasak menu yang laku dijual.", f"summary: '{summary}'"
    )
    html, data = jsonld(load_fixture(tmp_path, course=course))
    assert html.count("</") == 1 and "<!--" not in html
    assert re.findall(r"</script>", html, re.IGNORECASE) == ["</script>"]
    assert data["description"].startswith(summary)

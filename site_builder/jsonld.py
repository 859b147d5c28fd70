"""schema.org ``Course`` data for a course page (JSON-LD).

Search engines read it to show the course, its provider, that it is free, and its runs
(``CourseInstance``). ``overrides/course.html`` writes it into ``<head>`` with Jinja's
``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``, so no text can close the element). The
block is data, not script, so a Content-Security-Policy without ``script-src 'unsafe-inline'``
allows it.
"""

from __future__ import annotations

from typing import Any

from catalog import eligibility, labels
from catalog.catalog import Catalog, CourseRef, RunRef
from catalog.models import Agency, Center, CertificationBody, Mode
from site_builder import share

# schema.org/Google course modes; the data's "offline" is "Onsite" there.
COURSE_MODE = {Mode.OFFLINE: "Onsite", Mode.ONLINE: "Online", Mode.HYBRID: "Blended"}

Node = dict[str, Any]


def course_data(course_ref: CourseRef, catalog: Catalog, *, base_url: str, page_url: str) -> Node:
    course, center = course_ref.course, course_ref.center
    organiser = catalog.agencies[course_ref.organiser_id]
    description = course.summary
    if course.description:
        description += " " + course.description
    data: Node = {
        "@context": "https://schema.org",
        "@type": "Course",
        "@id": page_url + "#kursus",
        "url": page_url,
        "name": course.title,
        "description": description,
        "inLanguage": "id",
        "about": catalog.kejuruan[course.kejuruan].label,
        "teaches": list(course.topics),
        "coursePrerequisites": eligibility.describe(course.eligibility, catalog.regions),
        "isAccessibleForFree": course.fee == 0,
        "provider": [
            _agency(organiser),
            _center(center, catalog, base_url),
        ],
        "offers": _offer(course.fee, page_url),
        "hasCourseInstance": [
            _instance(run_ref, catalog, base_url) for run_ref in course_ref.runs()
        ],
    }
    if course.duration.hours_per_day:
        hours = course.duration.workdays * course.duration.hours_per_day
        data["timeRequired"] = f"PT{hours}H"
    if course.certification.body is not CertificationBody.NONE:
        credential: Node = {
            "@type": "EducationalOccupationalCredential",
            "name": labels.CERTIFICATION[course.certification.body],
            "credentialCategory": "certificate",
        }
        if course.certification.scheme:
            credential["name"] += f": {course.certification.scheme}"
        data["educationalCredentialAwarded"] = credential
    return data


def _agency(agency: Agency) -> Node:
    node: Node = {
        "@type": "GovernmentOrganization",
        "name": agency.name,
        "alternateName": agency.short_name,
    }
    if agency.website:
        node["url"] = agency.website
    return node


def _address(village: str, catalog: Catalog, street: str | None) -> Node:
    regions = catalog.regions
    region = regions.get(village)
    regency = regions.regency_of(village)
    address: Node = {"@type": "PostalAddress"}
    if street:
        address["streetAddress"] = street
    if region:
        address["addressLocality"] = region.name
    if regency:
        address["addressRegion"] = regency.name
    address["addressCountry"] = "ID"
    return address


def _center(center: Center, catalog: Catalog, base_url: str) -> Node:
    return {
        "@type": "EducationalOrganization",
        "name": center.name,
        "url": share.center_url(base_url, center.id),
        "address": _address(center.village, catalog, center.address),
    }


def _offer(fee: int, url: str) -> Node:
    return {
        "@type": "Offer",
        "category": "Free" if fee == 0 else "Paid",
        "price": fee,
        "priceCurrency": "IDR",
        "url": url,
    }


def _instance(run_ref: RunRef, catalog: Catalog, base_url: str) -> Node:
    course, run = run_ref.course, run_ref.run
    url = share.run_url(base_url, run_ref)
    schedule: Node = {
        "@type": "Schedule",
        "startDate": run.start.isoformat(),
        "endDate": run_ref.end.isoformat(),
        "repeatFrequency": "Daily",
        "repeatCount": course.duration.workdays,
    }
    if course.duration.hours_per_day:
        schedule["duration"] = f"PT{course.duration.hours_per_day}H"
    if run.schedule:
        schedule["description"] = run.schedule
    if course.mode is Mode.ONLINE:
        location: Node = {"@type": "VirtualLocation", "url": url}
    else:
        venue = run.venue
        location = {
            "@type": "Place",
            "name": venue.name if venue else run_ref.center.name,
            "address": _address(
                run_ref.village, catalog, venue.address if venue else run_ref.center.address
            ),
        }
    offer = _offer(course.fee, url)
    # Registration dates are whole days in WIB.
    offer["availabilityStarts"] = f"{run.registration.opens.isoformat()}T00:00:00+07:00"
    offer["availabilityEnds"] = f"{run.registration.closes.isoformat()}T23:59:59+07:00"
    return {
        "@type": "CourseInstance",
        "name": f"{course.title} – angkatan {run.id}",
        "url": url,
        "courseMode": COURSE_MODE[course.mode],
        "startDate": run.start.isoformat(),
        "endDate": run_ref.end.isoformat(),
        "location": location,
        "courseSchedule": schedule,
        "maximumAttendeeCapacity": run.quota,
        "offers": offer,
    }

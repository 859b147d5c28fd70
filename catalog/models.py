"""Typed, immutable models of the catalog data.

The models mirror the YAML files field by field and reject unknown keys, so a clerk who writes
``titel:`` is told so. They know nothing about YAML or line numbers: :mod:`catalog.yamlread` reads
files and keeps the line of every value, :mod:`catalog.load` maps validation errors back to lines,
and :mod:`catalog.checks` does the rules that span several fields or files.

Every model's docstring shows the YAML it is read from; ``tests/test_docs.py`` checks that
each field is documented in the staff guide.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic import Strict as NoCoercion

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)
REGION_CODE_PATTERN = r"^(?:\d{2}|\d{4}|\d{6}|\d{10})$"


def _code_to_str(value: object) -> object:
    """Accept a code or id typed without quotes (YAML reads ``3671`` as a number)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


Slug = Annotated[str, BeforeValidator(_code_to_str), StringConstraints(pattern=SLUG_PATTERN)]
RegionCode = Annotated[
    str, BeforeValidator(_code_to_str), StringConstraints(pattern=REGION_CODE_PATTERN)
]
VillageCode = Annotated[str, BeforeValidator(_code_to_str), StringConstraints(pattern=r"^\d{10}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# YAML reads "2.000" as the float 2.0; a lax int would silently turn a quota of 2000 into 2.
WholeNumber = Annotated[int, NoCoercion()]


class Strict(BaseModel):
    """Base for every model: immutable, unknown keys are errors, no silent coercion of text."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=False, str_strip_whitespace=True)


class CenterKind(StrEnum):
    BLK = "blk"  # Balai Latihan Kerja of a local government (UPT)
    BLKK = "blkk"  # BLK Komunitas (community BLK, Kemnaker programme)
    LPKS = "lpks"  # Lembaga Pelatihan Kerja Swasta (private institute)
    BPVP = "bpvp"  # Balai Besar/Balai Pelatihan Vokasi dan Produktivitas (Kemnaker)
    DINAS = "dinas"  # an agency's own programme, held at e.g. a kelurahan office


class Mode(StrEnum):
    OFFLINE = "offline"
    ONLINE = "online"
    HYBRID = "hybrid"


class Selection(StrEnum):
    INTERVIEW = "interview"  # wawancara
    TEST = "test"  # tes tertulis/praktik
    ADMINISTRATION = "administration"  # seleksi berkas saja
    FIRST_COME = "first-come"  # urutan pendaftaran


class CertificationBody(StrEnum):
    BNSP = "BNSP"  # competence certificate through an LSP licensed by BNSP
    LSP = "LSP"  # an LSP named in `scheme`
    ORGANISER = "penyelenggara"  # certificate of completion from the organiser
    NONE = "tidak-ada"


class TargetGroup(StrEnum):
    DTKS = "dtks"  # registered in DTKS / DTSEN (poor households), self-declared
    JOB_SEEKER = "pencari-kerja"
    LAID_OFF = "korban-phk"
    DISABILITY = "disabilitas"
    MSME = "pelaku-umkm"
    YOUTH = "pemuda"
    WOMEN = "perempuan"


YOUTH_AGES = (16, 30)  # UU 40/2009 tentang Kepemudaan: pemuda are 16 to 30 years old


class Document(StrEnum):
    KTP = "ktp"
    KK = "kk"
    IJAZAH = "ijazah"
    PAS_FOTO = "pas-foto"
    SKTM = "sktm"
    DOMISILI = "surat-domisili"
    KARTU_KUNING = "kartu-ak1"
    SEHAT = "surat-sehat"
    SKCK = "skck"
    PAKLARING = "surat-phk"


class Education(StrEnum):
    NONE = "tidak-sekolah"
    SD = "sd"
    SMP = "smp"
    SMA = "sma"
    D3 = "d3"
    S1 = "s1"


class AccreditationStatus(StrEnum):
    A = "A"
    B = "B"
    C = "C"
    NOT_YET = "belum"
    IN_PROGRESS = "proses"


# --------------------------------------------------------------------------- reference files


class Contact(Strict):
    """How residents reach a center (or an agency's public office). Leave out what you do not
    know; never guess a number, never a staff member's own number::

    contact:
      whatsapp: "0812..."        # the service's official number
      phone: "(021) 5..."
      email: blk@...go.id
      hours: Senin–Jumat, 08.00–16.00 WIB
      note: Tanyakan langsung di Kantor Kelurahan Sukarasa.   # when no number is known
    """

    whatsapp: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    instagram: str | None = None
    hours: Text | None = None  # office hours, as the office states them
    note: Text | None = None  # how to ask when no number or email is known, shown on the pages

    @property
    def reachable(self) -> bool:
        """A number or an email that answers questions (a website alone does not)."""
        return bool(self.whatsapp or self.phone or self.email)


class Agency(Strict):
    """A government body that runs or funds programmes (``courses/agencies.yml``)::

    - id: disnaker-kota-tangerang
      name: Dinas Ketenagakerjaan Kota Tangerang
      short_name: Disnaker Kota Tangerang
      region: "3671"
      website: https://disnaker.tangerangkota.go.id
    """

    id: Slug
    name: Text
    short_name: Text
    region: RegionCode | None = None  # None for a national body such as Kemnaker
    website: str | None = None
    contact: Contact = Contact()  # the public office contact, used for centers without one


class Kejuruan(Strict):
    """A vocation, the site's main way to browse (``courses/kejuruan.yml``)::

    - id: tata-boga
      label: Tata Boga
      description: Memasak dan mengolah makanan untuk usaha.
    """

    id: Slug
    label: Text
    description: Text


class Dataset(Strict):
    """Facts about the data set as a whole (``courses/dataset.yml``)::

    example: true
    notice: Jadwal angkatan adalah contoh. Pastikan ke penyelenggara sebelum datang.
    publisher: Pemerintah Kota Tangerang
    """

    example: bool
    notice: Text | None = None
    publisher: Text


# --------------------------------------------------------------------------- centers


class Accreditation(Strict):
    """Accreditation of a training institute (LPK), e.g. by LA-LPK::

    accreditation: {status: B, body: LA-LPK, year: 2024}
    """

    status: AccreditationStatus
    body: Text | None = None
    year: WholeNumber | None = Field(default=None, ge=1990, le=2100)


class Center(Strict):
    """A place or organiser of training (``courses/<center-id>/center.yml``)::

    id: blk-kota-tangerang
    name: UPT Balai Latihan Kerja Kota Tangerang
    kind: blk                 # blk | blkk | lpks | bpvp | dinas
    agency: disnaker-kota-tangerang
    address: Jl. ...          # optional; never invent a street number
    village: "3671011001"     # Kemendagri code of the kelurahan/desa
    accreditation: {status: B, body: LA-LPK}
    network: FK-BLKK          # optional, e.g. the BLKK forum
    programme: PBK Kemnaker   # optional, the funding programme
    contact: {website: https://...}
    """

    id: Slug
    name: Text
    kind: CenterKind
    agency: Slug
    description: Text | None = None
    address: Text | None = None
    village: VillageCode
    accreditation: Accreditation | None = None
    network: Text | None = None
    programme: Text | None = None
    contact: Contact = Contact()


# --------------------------------------------------------------------------- courses and runs


class Duration(Strict):
    """Length of a course: ``duration: {workdays: 15, hours_per_day: 8}``."""

    workdays: WholeNumber = Field(ge=1, le=400)
    hours_per_day: WholeNumber | None = Field(default=None, ge=1, le=12)


class Certification(Strict):
    """``certification: {body: BNSP, scheme: Juru Masak}``."""

    body: CertificationBody
    scheme: Text | None = None


class StarterPackage(Strict):
    """Business starter package for the best participants: ``{best: 3, contents: Peralatan ...}``."""

    best: WholeNumber = Field(ge=1, le=100)
    contents: Text


class Eligibility(Strict):
    """Who may apply; the form enforces exactly this::

    eligibility:
      min_age: 18
      max_age: 45
      domicile: ["3671"]        # KTP address must lie in these regions; [] = anyone
      target_groups: [dtks]     # every listed group is required (self-declared)
      min_education: smp
      documents: [ktp, kk]
    """

    min_age: WholeNumber = Field(default=15, ge=15, le=100)
    max_age: WholeNumber | None = Field(default=None, ge=15, le=100)
    domicile: tuple[RegionCode, ...] = ()
    target_groups: tuple[TargetGroup, ...] = ()
    min_education: Education | None = None
    documents: tuple[Document, ...] = (Document.KTP,)
    notes: Text | None = None


class Registration(Strict):
    """Registration window, both dates inclusive (WIB): ``{opens: 2027-01-04, closes: 2027-01-22}``."""

    opens: date
    closes: date


class Venue(Strict):
    """Where a run is held when not at the center: ``{name: Kantor Kelurahan Sukasari, village: ...}``."""

    name: Text
    village: VillageCode
    address: Text | None = None


class SelectionDay(Strict):
    """When and where invited applicants come for selection (interview or test); the WhatsApp
    invitation quotes it::

    selection_day: {date: 2027-01-25, time: 08.00–12.00 WIB, place: Aula BLK Kota Tangerang}
    """

    date: date
    time: Text | None = None
    place: Text


class Run(Strict):
    """One intake (angkatan) of a course::

    - id: 2027-1
      start: 2027-02-01
      end: 2027-02-19            # optional; computed from working days when left out
      registration: {opens: 2027-01-04, closes: 2027-01-22}
      quota: 20                  # seats
      applicant_cap: 100         # optional; later applicants join the waiting list
      schedule: Senin–Jumat, 08.00–15.00 WIB
      venue: {name: Kantor Kelurahan Sukasari, village: "3671011001"}
      selection_day: {date: 2027-01-25, time: 08.00–12.00 WIB, place: Aula BLK}  # optional
      reregistration_deadline: 2027-01-29   # optional; last day of daftar ulang
    """

    id: Slug
    start: date
    end: date | None = None
    registration: Registration
    quota: WholeNumber = Field(ge=1, le=10_000)
    applicant_cap: WholeNumber | None = Field(default=None, ge=1, le=100_000)
    schedule: Text | None = None
    venue: Venue | None = None
    note: Text | None = None
    selection_day: SelectionDay | None = None
    reregistration_deadline: date | None = None


class Course(Strict):
    """A course and its runs (``courses/<center-id>/<course-id>.yml``)::

    id: tata-boga
    title: Tata Boga
    kejuruan: tata-boga
    summary: One sentence a resident understands.
    topics: [Kebersihan dapur, Menu usaha rumahan]
    duration: {workdays: 15, hours_per_day: 8}
    mode: offline
    fee: 0
    certification: {body: BNSP}
    instructors: Instruktur bersertifikat BNSP
    benefits: [Modul, Seragam, Makan siang]
    starter_package: {best: 3, contents: Paket peralatan usaha}
    eligibility: {min_age: 18, max_age: 45, domicile: ["3671"], documents: [ktp, kk]}
    selection: interview
    organiser: dinsos-kota-tangerang    # optional; defaults to the center's agency
    partners: [disperindag-kota-tangerang]
    reviewed: 2026-11-20
    runs: [...]
    """

    id: Slug
    title: Text
    kejuruan: Slug
    summary: Text
    description: Text | None = None
    topics: tuple[Text, ...] = Field(min_length=1)
    duration: Duration
    mode: Mode
    fee: WholeNumber = Field(default=0, ge=0)
    certification: Certification
    instructors: Text | None = None
    benefits: tuple[Text, ...] = ()
    starter_package: StarterPackage | None = None
    eligibility: Eligibility = Eligibility()
    selection: Selection
    organiser: Slug | None = None
    partners: tuple[Slug, ...] = ()
    reviewed: date
    runs: tuple[Run, ...] = Field(min_length=1)


# --------------------------------------------------------------------------- targets


class TargetKind(StrEnum):
    """What a programme promised (the Capaian pages compare it with the catalog and outcomes)."""

    PEOPLE_TRAINED = "people-trained"  # residents trained in all (by ``until``)
    PEOPLE_TRAINED_PER_YEAR = "people-trained-per-year"
    COURSES_PER_KELURAHAN = "courses-per-kelurahan"
    SEATS_PER_COURSE = "seats-per-course"  # seats (kuota) of each run
    CENTERS_PER_KELURAHAN = "centers-per-kelurahan"
    CENTERS_PER_KECAMATAN = "centers-per-kecamatan"
    KELURAHAN_COVERED = "kelurahan-covered"  # kelurahan/desa with at least one center
    ACCREDITED_CENTERS = "accredited-centers"
    STARTER_PACKAGES_PER_CLASS = "starter-packages-per-class"  # the best N of each class
    ALUMNI_IN_BUSINESS = "alumni-in-business"  # alumni running their own business


class Target(Strict):
    """One promise of a programme (an item of ``targets:`` in ``courses/targets.yml``)::

    - kind: kelurahan-covered
      value: 67                 # the number promised; leave out when none was named
      baseline: 27              # how many there were when it was announced
      until: 2029               # the year it should be reached, when said
      area: ["3673"]            # optional; defaults to the programme's area
      note: 27 LPKS hari ini, 11 di antaranya terakreditasi.
    """

    kind: TargetKind
    value: WholeNumber | None = Field(default=None, ge=1)
    baseline: WholeNumber | None = Field(default=None, ge=0)
    until: WholeNumber | None = Field(default=None, ge=2000, le=2100)
    area: tuple[RegionCode, ...] | None = Field(default=None, min_length=1)
    note: Text | None = None


class ProgrammeScope(Strict):
    """Which centers' runs count for a programme; every given condition must hold, and the
    center's kelurahan/desa must lie in the programme's area::

    scope: {agencies: [disnaker-kota-tangerang], kinds: [dinas], centers: [kelurahan-belendung]}
    """

    agencies: tuple[Slug, ...] = ()
    kinds: tuple[CenterKind, ...] = ()
    centers: tuple[Slug, ...] = ()


class Programme(Strict):
    """A programme and the targets it announced (``courses/targets.yml``, a list)::

    - id: lpks-setiap-kelurahan-kota-serang
      name: LPKS di setiap kelurahan Kota Serang
      agency: disnakertrans-kota-serang      # optional: who announced it (agencies.yml)
      area: ["3673"]                         # region codes it covers
      scope: {kinds: [lpks]}
      source: Pemerintah Kota Serang, diberitakan media lokal
      year: 2025                             # the year it was announced (leave out if unknown)
      targets:
        - {kind: centers-per-kelurahan, value: 1}
    """

    id: Slug
    name: Text
    agency: Slug | None = None
    area: tuple[RegionCode, ...] = Field(min_length=1)
    scope: ProgrammeScope = ProgrammeScope()
    source: Text
    year: WholeNumber | None = Field(default=None, ge=2000, le=2100)  # None: not yet known
    targets: tuple[Target, ...] = Field(min_length=1)


Severity = Literal["error", "warning"]

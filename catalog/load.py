"""Load every file under ``courses/`` into a :class:`~catalog.catalog.Catalog`.

Everything is read and checked first and every problem is reported in one pass; a catalog is
returned only when there is no error. Layout::

    courses/
      dataset.yml            facts about the data set (example data or not)
      agencies.yml           list of agencies
      kejuruan.yml           list of vocations
      targets.yml            programmes and the targets they announced (optional)
      <center-id>/center.yml one folder per center
      <center-id>/<course-id>.yml
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from catalog import checks
from catalog.catalog import Catalog
from catalog.dates import today_wib
from catalog.errors import message_for, slugify
from catalog.models import SLUG_RE, Agency, Center, Course, Dataset, Kejuruan, Programme
from catalog.problems import Problem
from catalog.regions import Regions, load_regions
from catalog.yamlread import Located, read_yaml

REFERENCE_FILES = ("dataset.yml", "agencies.yml", "kejuruan.yml")
TARGETS_FILE = "targets.yml"  # optional: a catalog without programme targets is fine
CENTER_FILE = "center.yml"
YAML_SUFFIXES = (".yml", ".yaml")
# fields of a course file that name an id from kejuruan.yml or agencies.yml
COURSE_REFERENCES = (("kejuruan",), ("organiser",), ("partners",))


@dataclass
class LoadResult:
    catalog: Catalog | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class CatalogError(Exception):
    """Raised by :func:`require_catalog` when the data has errors; carries every problem."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} masalah pada data katalog")
        self.problems = problems


@dataclass
class _File:
    rel: str
    located: Located


class _Loader:
    def __init__(self, root: Path, base: Path, today: date, workers: int = 1) -> None:
        self.root = root
        self.base = base
        self.today = today
        self.workers = workers
        self.problems: list[Problem] = []
        self.regions: Regions | None = None

    # -- reporting -----------------------------------------------------------------------------

    def rel(self, path: Path) -> str:
        try:
            return Path(os.path.relpath(path, self.base)).as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()

    def report(self, file: _File, finding: checks.Finding) -> None:
        located = file.located
        pos = (
            located.key_position(finding.path) if finding.at_key else located.position(finding.path)
        )
        self.problems.append(
            Problem(file.rel, pos.line, pos.column, finding.message, finding.severity)
        )

    def report_file(self, rel: str, message: str, line: int = 1) -> None:
        self.problems.append(Problem(rel, line, 1, message))

    # -- reading -------------------------------------------------------------------------------

    def read(self, path: Path) -> _File | None:
        rel = self.rel(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            self.report_file(
                rel, "Berkas bukan teks UTF-8. Simpan ulang berkas sebagai UTF-8.", line
            )
            return None
        except OSError as exc:
            self.report_file(rel, f"Berkas tidak dapat dibaca ({exc.strerror}).")
            return None
        located, problems = read_yaml(text)
        for problem in problems:
            pos = problem.position
            self.problems.append(Problem(rel, pos.line, pos.column, problem.message))
        if located is None:
            return None
        return _File(rel, located)

    def validate(
        self,
        file: _File,
        model: type[BaseModel],
        data: Any,
        prefix: tuple = (),
        references: tuple[tuple[str, ...], ...] = (),
    ) -> Any:
        """The model, or None after reporting every error. A malformed id in one of the
        ``references`` fields is left to the reference check, which names the id meant."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            for error in errors:
                if error["type"] == "too_short" and _has_inner_error(error["loc"], errors):
                    continue  # pydantic also counts items that failed; those are reported already
                loc = (*prefix, *error["loc"])
                if error["type"] == "string_pattern_mismatch" and loc[:1] in references:
                    continue
                if loc in file.located.bad_paths:
                    continue  # the YAML reader already said what is wrong with this value
                at_key = error["type"] in ("extra_forbidden",)
                if error["type"] == "missing":
                    loc = loc[:-1]  # point at the mapping that lacks the key
                raw = file.located.raw.get(loc)
                message = self.wider_region(error) or message_for(error, model, raw)
                self.report(file, checks.Finding(loc, message, at_key=at_key))
            return None

    def wider_region(self, error: Any) -> str | None:
        """A kecamatan or kota code where a kelurahan/desa code belongs, said in words."""
        code = error.get("input")
        loc = error["loc"]
        if (
            error["type"] != "string_pattern_mismatch"
            or loc[-1] != "village"
            or not isinstance(code, str)
            or self.regions is None
            or code not in self.regions
        ):
            return None
        return (
            f"'{code}' adalah kode wilayah {self.regions.label(code)}, bukan kode kelurahan/desa. "
            "Tulis kode 10 angka kelurahan/desanya dalam tanda kutip; daftarnya ada di "
            "catalog/data/wilayah/banten_villages.csv."
        )

    def validate_list(self, file: _File, model: type[BaseModel], what: str) -> list[Any]:
        data = file.located.data
        if not isinstance(data, list):
            self.report(
                file,
                checks.Finding(
                    (), f"Berkas ini harus berupa daftar {what}: setiap isian diawali '- '."
                ),
            )
            return []
        items = [self.validate(file, model, item, (i,)) for i, item in enumerate(data)]
        ids = [
            (i, item.id if item is not None else raw.get("id"))
            for i, (item, raw) in enumerate(zip(items, data, strict=True))
            if item is not None or (isinstance(raw, dict) and isinstance(raw.get("id"), str))
        ]
        for finding in checks.check_unique_ids(ids, what.capitalize()):
            self.report(file, finding)
        return items

    def require_mapping(self, file: _File) -> bool:
        if isinstance(file.located.data, dict):
            return True
        self.report(
            file,
            checks.Finding((), "Berkas ini harus berisi kolom-kolom 'nama: nilai', bukan daftar."),
        )
        return False

    # -- the whole tree ------------------------------------------------------------------------

    def load(self) -> Catalog | None:
        if not self.root.is_dir():
            self.report_file(self.rel(self.root), "Folder data tidak ditemukan.")
            return None
        regions = self.regions = load_regions()
        dataset = None
        reference: dict[str, list[Any]] = {"agencies.yml": [], "kejuruan.yml": []}
        for name in REFERENCE_FILES:
            path = self.root / name
            if not path.is_file():
                self.report_file(self.rel(path), f"Berkas {name} tidak ada. Buat berkas ini.")
                continue
            file = self.read(path)
            if file is None:
                continue
            if name == "dataset.yml":
                dataset = (
                    self.validate(file, Dataset, file.located.data)
                    if self.require_mapping(file)
                    else None
                )
            else:
                model = Agency if name == "agencies.yml" else Kejuruan
                what = "instansi" if name == "agencies.yml" else "kejuruan"
                reference[name] = self.validate_list(file, model, what)
                if name == "agencies.yml":
                    for i, agency in enumerate(reference[name]):
                        if agency is not None and agency.region and agency.region not in regions:
                            self.report(
                                file,
                                checks.Finding(
                                    (i, "region"),
                                    f"Kode wilayah '{agency.region}' tidak dikenal menurut data "
                                    "Kemendagri 2025. Periksa kodenya di catalog/data/wilayah/.",
                                ),
                            )
        refs = checks.References(
            agencies={a.id: a for a in reference["agencies.yml"] if a is not None},
            kejuruan={k.id: k for k in reference["kejuruan.yml"] if k is not None},
            regions=regions,
        )
        centers: dict[str, Center] = {}
        center_courses: dict[str, tuple[Course, ...]] = {}
        folders = []
        for entry in sorted(self.root.iterdir()):
            if entry.name.startswith(".") or entry.name in (*REFERENCE_FILES, TARGETS_FILE):
                continue
            if entry.is_file():
                if entry.suffix in YAML_SUFFIXES:
                    self.report_file(
                        self.rel(entry),
                        "Berkas kursus harus berada di dalam folder pusat pelatihannya, "
                        "misalnya courses/blk-kota-tangerang/tata-boga.yml. Pindahkan berkas ini.",
                    )
                continue
            folders.append(entry)
        for center, courses in self.load_centers(folders, refs):
            if center is not None:
                centers[center.id] = center
                center_courses[center.id] = courses
        programmes = self.load_programmes(refs, centers)
        if self.errors():
            return None
        assert dataset is not None
        return Catalog(
            dataset=dataset,
            regions=regions,
            agencies=refs.agencies,
            kejuruan=refs.kejuruan,
            centers=centers,
            center_courses=center_courses,
            programmes=programmes,
        )

    def load_programmes(
        self, refs: checks.References, centers: dict[str, Center]
    ) -> dict[str, Programme]:
        """``targets.yml`` when there is one: validated, then cross-checked at file:line."""
        path = self.root / TARGETS_FILE
        if not path.is_file():
            return {}
        file = self.read(path)
        if file is None:
            return {}
        items = self.validate_list(file, Programme, "program")
        for i, programme in enumerate(items):
            if programme is None:
                continue
            for finding in checks.check_programme(programme, refs, centers):
                self.report(
                    file,
                    checks.Finding(
                        (i, *finding.path), finding.message, finding.severity, finding.at_key
                    ),
                )
        return {p.id: p for p in items if p is not None}

    def load_centers(
        self, folders: list[Path], refs: checks.References
    ) -> list[tuple[Center | None, tuple]]:
        """Every center folder, in order; with ``workers`` > 1 a forked process reads every
        other one (each folder is read and checked on its own; reading is most of a load)."""
        if self.workers < 2 or len(folders) < 2 or "fork" not in mp.get_all_start_methods():
            return [self.load_center(folder, refs) for folder in folders]
        context = mp.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        child = context.Process(
            target=_load_in_child, args=(send, self, folders[1::2], refs), daemon=True
        )
        child.start()
        send.close()
        mine = [self.load_center(folder, refs) for folder in folders[0::2]]
        try:
            theirs, problems = receive.recv()
        except EOFError:  # the process died (e.g. killed for memory): read its share here
            theirs, problems = [self.load_center(folder, refs) for folder in folders[1::2]], []
        finally:
            child.join()
        self.problems += problems
        merged = [None] * len(folders)
        merged[0::2], merged[1::2] = mine, theirs
        return merged  # type: ignore[return-value]

    def load_center(self, folder: Path, refs: checks.References) -> tuple[Center | None, tuple]:
        center = None
        center_path = folder / CENTER_FILE
        entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
        misnamed_centers = [p for p in entries if _is_misnamed_center_file(p)]
        folder_id = self.checked_name(center_path, folder.name, "folder")
        if not center_path.is_file():
            if not misnamed_centers:
                self.report_file(
                    self.rel(center_path),
                    f"Folder '{folder.name}' tidak punya {CENTER_FILE}. Buat berkas ini dengan "
                    "data pusat pelatihannya (lihat docs/panduan-staf.md).",
                )
        else:
            file = self.read(center_path)
            if file is not None and self.require_mapping(file):
                center = self.validate(file, Center, file.located.data)
                if center is not None:
                    for finding in checks.check_center(center, folder_id, refs):
                        self.report(file, finding)
        courses = []
        for path in entries:
            if path.name == CENTER_FILE:
                continue
            if path in misnamed_centers:
                self.report_file(
                    self.rel(path),
                    f"Berkas pusat pelatihan harus bernama {CENTER_FILE} (huruf kecil, akhiran "
                    f".yml). Ganti nama berkas ini menjadi {CENTER_FILE}.",
                )
                continue
            if path.is_dir() or path.suffix not in YAML_SUFFIXES:
                self.report_file(
                    self.rel(path),
                    "Hanya berkas .yml yang boleh ada di folder pusat pelatihan. "
                    "Pindahkan atau hapus berkas/folder ini.",
                )
                continue
            if path.suffix != ".yml":
                twin = path.with_suffix(".yml")
                if twin in entries:
                    self.report_file(
                        self.rel(path),
                        f"Kursus '{path.stem}' sudah ada di berkas {twin.name}. "
                        "Hapus salah satu dari kedua berkas itu.",
                    )
                    continue
                self.report_file(
                    self.rel(path),
                    f"Nama berkas kursus harus berakhiran .yml. Ganti nama berkas ini menjadi "
                    f"{twin.name}.",
                )
            stem = self.checked_name(path, path.stem, "berkas")
            file = self.read(path)
            if file is None or not self.require_mapping(file):
                continue
            course = self.validate(file, Course, file.located.data, references=COURSE_REFERENCES)
            if course is None:
                findings = checks.check_invalid_course(file.located.data, stem, refs, self.today)
                for finding in findings:
                    self.report(file, finding)
                continue
            for finding in checks.check_course(course, stem, refs, self.today):
                self.report(file, finding)
            runs = tuple(checks.with_end(run, course.duration.workdays) for run in course.runs)
            courses.append(course.model_copy(update={"runs": runs}))
        return center, tuple(courses)

    def checked_name(self, path: Path, name: str, what: str) -> str:
        """``name`` (a folder or file name that must equal an id) or the slug it should be."""
        if SLUG_RE.match(name):
            return name
        slug = slugify(name) or "nama-baru"
        suffix = "" if what == "folder" else ".yml"
        self.report_file(
            self.rel(path),
            f"Nama {what} '{name}{suffix}' hanya boleh berisi huruf kecil, angka dan tanda '-', "
            f"tanpa spasi. Ganti nama {what} menjadi '{slug}{suffix}'.",
        )
        return slug

    def errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def _is_misnamed_center_file(path: Path) -> bool:
    """``center.yaml``, ``Center.yml``, ``centre.yml``: meant as the center file."""
    name = path.name.lower()
    stem, _, suffix = name.partition(".")
    return path.name != CENTER_FILE and stem in ("center", "centre") and suffix in ("yml", "yaml")


def _has_inner_error(loc: tuple, errors: list[Any]) -> bool:
    n = len(loc)
    return any(len(e["loc"]) > n and tuple(e["loc"][:n]) == tuple(loc) for e in errors)


def _load_in_child(send, loader: _Loader, folders: list[Path], refs) -> None:  # type: ignore[no-untyped-def]
    try:
        before = len(loader.problems)
        results = [loader.load_center(folder, refs) for folder in folders]
        send.send((results, loader.problems[before:]))
    finally:
        send.close()


def load_catalog(
    root: str | os.PathLike[str] = "courses",
    *,
    today: date | None = None,
    base: str | os.PathLike[str] | None = None,
    workers: int = 1,
) -> LoadResult:
    """Read and check every file under ``root``.

    ``today`` (WIB) decides which runs are in the past, for warnings; ``base`` is the folder that
    reported paths are relative to (the current directory by default). ``workers=2`` reads the
    center folders in two processes (where fork exists), for large data sets; only call it so
    from a program's main thread (``katalog build`` does).
    """
    loader = _Loader(Path(root), Path(base) if base else Path.cwd(), today or today_wib(), workers)
    catalog = loader.load()
    problems = sorted(loader.problems, key=lambda p: (p.path, p.line, p.column, p.message))
    return LoadResult(catalog, problems)


def require_catalog(root: str | os.PathLike[str] = "courses", **kwargs: Any) -> Catalog:
    """Load the catalog or raise :class:`CatalogError` with every problem."""
    result = load_catalog(root, **kwargs)
    if result.catalog is None:
        raise CatalogError(result.errors)
    return result.catalog


def iter_messages(problems: Iterable[Problem], fmt: str = "text") -> Iterable[str]:
    for problem in problems:
        yield problem.format_github() if fmt == "github" else problem.format_text()

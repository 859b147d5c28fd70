"""Kemendagri region codes (2025) shipped with the package: provinces, regencies, and every
kecamatan and kelurahan/desa of Banten. Source and licence: ``catalog/data/wilayah/SOURCE.md``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

Level = Literal["province", "regency", "district", "village"]

_LEVEL_BY_LENGTH: dict[int, Level] = {2: "province", 4: "regency", 6: "district", 10: "village"}
_PARENT_LENGTH = {4: 2, 6: 4, 10: 6}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: Level
    kind: str | None = None  # "kelurahan" or "desa" for villages

    @property
    def parent_code(self) -> str | None:
        length = _PARENT_LENGTH.get(len(self.code))
        return self.code[:length] if length else None


class Regions:
    """Look-ups over the shipped region table. Build once with :func:`load_regions`."""

    def __init__(self, regions: list[Region]) -> None:
        self._by_code = {r.code: r for r in regions}
        self._children: dict[str, list[Region]] = {}
        for region in regions:
            if region.parent_code:
                self._children.setdefault(region.parent_code, []).append(region)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Region | None:
        return self._by_code.get(code)

    def __getitem__(self, code: str) -> Region:
        return self._by_code[code]

    def children(self, code: str) -> list[Region]:
        return list(self._children.get(code, ()))

    def ancestors(self, code: str) -> list[Region]:
        """The region and its parents, from the province down (unknown codes are skipped)."""
        result = []
        for length in (2, 4, 6, 10):
            if len(code) >= length and code[:length] in self._by_code:
                result.append(self._by_code[code[:length]])
        return result

    def district_of(self, code: str) -> Region | None:
        return self._by_code.get(code[:6]) if len(code) >= 6 else None

    def regency_of(self, code: str) -> Region | None:
        return self._by_code.get(code[:4]) if len(code) >= 4 else None

    def villages_within(self, code: str) -> list[Region]:
        """Every known kelurahan/desa whose code starts with ``code``."""
        return [
            r for r in self._by_code.values() if r.level == "village" and r.code.startswith(code)
        ]

    def has_villages(self, code: str) -> bool:
        """Whether the table lists the villages under ``code`` (only Banten's are shipped)."""
        return code[:2] == "36"

    def label(self, code: str) -> str:
        """A human label such as "Kelurahan Sukasari, Kecamatan Tangerang, Kota Tangerang"."""
        parts = []
        for region in reversed(self.ancestors(code)):
            if region.level == "village":
                parts.append(f"{(region.kind or 'desa').capitalize()} {region.name}")
            elif region.level == "district":
                parts.append(f"Kecamatan {region.name}")
            elif region.level in ("regency", "province"):
                parts.append(region.name)
        return ", ".join(parts) if parts else code

    @property
    def provinces(self) -> frozenset[str]:
        return frozenset(c for c, r in self._by_code.items() if r.level == "province")

    @property
    def regencies(self) -> frozenset[str]:
        return frozenset(c for c, r in self._by_code.items() if r.level == "regency")


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("catalog").joinpath("data", "wilayah", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def load_regions() -> Regions:
    regions: list[Region] = []
    for row in _rows("provinces.csv"):
        regions.append(Region(row["code"], row["name"], "province"))
    for row in _rows("regencies.csv"):
        regions.append(Region(row["code"], row["name"], "regency"))
    for row in _rows("banten_districts.csv"):
        regions.append(Region(row["code"], row["name"], "district"))
    for row in _rows("banten_villages.csv"):
        regions.append(Region(row["code"], row["name"], "village", row["kind"]))
    return Regions(regions)

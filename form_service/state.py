"""What the app loads once at start: the catalog and the registration store, plus the village
lists per run.

Views reach them through :func:`catalog`, :func:`store` and :func:`today`, never through files.
The store is opened here but connects lazily (a database pool is made after gunicorn forks).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from flask import Flask, current_app
from markupsafe import Markup, escape

from catalog.catalog import Catalog, RunRef
from catalog.dates import today_wib
from catalog.eligibility import OUTSIDE_BANTEN
from catalog.load import CatalogError, require_catalog
from catalog.regions import Regions
from form_service.config import ConfigError
from registrations.store import RegistrationStore, open_store

BANTEN = "36"
OUTSIDE_LABEL = "Alamat KTP di luar Provinsi Banten"


@dataclass
class Villages:
    """The ``<select>`` choices for one run, grouped by kecamatan, and the values offered."""

    choices: dict[str, list[tuple[str, str]]]
    values: frozenset[str]
    regions: Regions
    _html: str = ""

    def __post_init__(self) -> None:
        # Rendered once: a run open to anyone lists ~1,550 villages, too many for a Jinja loop
        # on every request (it was most of the time of a registration).
        template = current_app.jinja_env.get_template("_village_options.html")
        self._html = template.render(choices=self.choices).strip()

    def options_html(self, selected: str | None) -> Markup:
        """The option group markup with ``selected`` marked."""
        html = self._html
        if selected and selected in self.values:
            needle = f'value="{escape(selected)}">'
            html = html.replace(needle, needle[:-1] + " selected>", 1)
        return Markup(html)

    def known(self, value: str) -> bool:
        """An answer the course rules can judge: an offered value or any known village.

        A village the course does not accept then gets the rule's own message ("only for
        residents of ...") instead of a bare "pick one".
        """
        if value in self.values or value == OUTSIDE_BANTEN:
            return True
        region = self.regions.get(value)
        return region is not None and region.level == "village"


@dataclass
class State:
    catalog: Catalog
    store: RegistrationStore
    fixed_today: date | None
    all_free: bool = True  # every course of the catalog is free (the footer says so)
    # blank form pages by (run id, day, run full); a few runs x a few KB
    pages: dict[tuple[str, date, bool], str] = field(default_factory=dict)
    _villages: dict[str, Villages] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def villages(self, ref: RunRef) -> Villages:
        key = ref.public_id
        with self._lock:
            if key not in self._villages:
                self._villages[key] = village_choices(ref, self.catalog.regions)
            return self._villages[key]


def init_app(app: Flask) -> None:
    config = app.config
    try:
        catalog_ = require_catalog(config["DATA_DIR"], today=config["TODAY"] or today_wib())
    except CatalogError as error:
        lines = "\n".join(p.format_text() for p in error.problems)
        raise ConfigError(
            f"Data katalog di {config['DATA_DIR']} berisi {len(error.problems)} kesalahan; "
            f"perbaiki dulu (jalankan `katalog check`). / The catalog has errors:\n{lines}"
        ) from None
    app.extensions["katalog"] = State(
        catalog=catalog_,
        store=open_store(config["STORE_LOCATION"]),
        fixed_today=config["TODAY"],
        all_free=all(ref.course.fee == 0 for ref in catalog_.courses()),
    )


def state() -> State:
    return current_app.extensions["katalog"]


def catalog() -> Catalog:
    return state().catalog


def store() -> RegistrationStore:
    return state().store


def store_problem() -> str | None:
    """Why a registration could not be written now (for /healthz), or ``None``."""
    return store().health()


def today() -> date:
    """Today in WIB, or the configured fixed date."""
    return state().fixed_today or today_wib()


def village_choices(ref: RunRef, regions: Regions) -> Villages:
    """Kelurahan/desa the run accepts, grouped by kecamatan; anyone -> Banten + outside Banten."""
    domicile = ref.course.eligibility.domicile
    prefixes = domicile or (BANTEN,)
    villages = sorted(
        {v.code: v for p in prefixes for v in regions.villages_within(p)}.values(),
        key=lambda v: v.code,
    )
    groups: dict[str, list[tuple[str, str]]] = {}
    if not domicile:
        groups["Di luar Banten"] = [(OUTSIDE_BANTEN, OUTSIDE_LABEL)]
    for village in villages:
        district = regions.district_of(village.code)
        regency = regions.regency_of(village.code)
        label = f"Kecamatan {district.name if district else village.code[:6]}"
        if regency is not None:
            label += f", {regency.name}"
        groups.setdefault(label, []).append((village.code, village.name))
    values = frozenset(code for options in groups.values() for code, _ in options)
    return Villages(choices=groups, values=values, regions=regions)

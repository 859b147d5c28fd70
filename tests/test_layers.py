"""Dependencies point inward: catalog <- registrations <- form_service; site_builder uses
catalog only and never reads the registration store (it reads public files)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

# package -> top-level modules it must never import
FORBIDDEN = {
    "catalog": {"registrations", "form_service", "site_builder", "katalog", "flask", "mkdocs"},
    "registrations": {"form_service", "site_builder", "katalog", "flask", "mkdocs", "wtforms"},
    "site_builder": {"registrations", "form_service", "flask", "psycopg", "psycopg_pool"},
    "form_service": {"site_builder", "mkdocs"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_package_imports_nothing_from_outer_layers(package):
    wrong = []
    for path in sorted((REPO / package).rglob("*.py")):
        bad = imported_modules(path) & FORBIDDEN[package]
        if bad:
            wrong.append(f"{path.relative_to(REPO)} imports {', '.join(sorted(bad))}")
    assert wrong == []

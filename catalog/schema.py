"""JSON Schemas for the YAML files, generated from the models (editors use them while typing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from catalog.models import Agency, Center, Course, Dataset, Kejuruan, Programme

_TITLES = {
    "center.schema.json": (Center, "Pusat pelatihan (center.yml)"),
    "course.schema.json": (Course, "Kursus dan angkatannya"),
    "dataset.schema.json": (Dataset, "Tentang data set (dataset.yml)"),
}


def schemas() -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for name, (model, title) in _TITLES.items():
        schema = model.model_json_schema()
        schema["title"] = title
        result[name] = schema
    result["agencies.schema.json"] = TypeAdapter(list[Agency]).json_schema()
    result["kejuruan.schema.json"] = TypeAdapter(list[Kejuruan]).json_schema()
    result["targets.schema.json"] = TypeAdapter(list[Programme]).json_schema()
    result["targets.schema.json"]["title"] = "Target program (targets.yml)"
    for name, schema in result.items():
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = name
    return result


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = out / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written

"""Docs and code prove each other: every data field is documented for staff, every option has
help, the committed JSON Schemas match the models, and the README lists every command."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from pydantic import BaseModel

from catalog import models
from catalog.schema import schemas
from katalog.main import COMMANDS, LazyGroup, cli

REPO = Path(__file__).resolve().parent.parent


def _models() -> list[type[BaseModel]]:
    return [
        obj
        for obj in vars(models).values()
        if isinstance(obj, type) and issubclass(obj, models.Strict) and obj is not models.Strict
    ]


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_field_is_in_the_staff_guide(model: type[BaseModel]) -> None:
    guide = (REPO / "docs" / "panduan-staf.md").read_text(encoding="utf-8")
    missing = [name for name in model.model_fields if f"`{name}`" not in guide]
    assert missing == [], f"docs/panduan-staf.md does not explain {missing} of {model.__name__}"


def test_committed_schemas_match_the_models() -> None:
    for name, schema in schemas().items():
        committed = json.loads((REPO / "schemas" / name).read_text(encoding="utf-8"))
        assert committed == schema, f"schemas/{name} is stale: run `katalog schema`"


def _all_commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(cli)
    found = []
    group = cli
    assert isinstance(group, LazyGroup)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        found.append((name, command))
        if isinstance(command, click.Group):
            sub_ctx = click.Context(command)
            for sub in command.list_commands(sub_ctx):
                found.append((f"{name} {sub}", command.get_command(sub_ctx, sub)))
    return found


def test_every_command_and_option_has_help() -> None:
    undocumented = []
    for name, command in _all_commands():
        if not (command.help or "").strip():
            undocumented.append(name)
        for param in command.params:
            if isinstance(param, click.Option) and not (param.help or "").strip():
                undocumented.append(f"{name} {param.opts[0]}")
    assert undocumented == []


def test_readme_names_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [c for c in COMMANDS if f"katalog {c}" not in readme] == []
    lines = [line for line in readme.splitlines() if line.strip()]
    # The README starts with exactly the two commands a newcomer needs.
    assert lines[1:5] == [
        "```sh",
        lines[2],
        lines[3],
        "```",
    ]
    assert lines[2].startswith("make run") and lines[3].startswith("make test")


def test_the_queue_guide_covers_every_queue_command_and_purge_option() -> None:
    from form_service.staff_cli import queue

    guide = (REPO / "docs" / "panduan-antrean.md").read_text(encoding="utf-8")
    missing = [
        f"katalog queue {name}" for name in queue.commands if f"katalog queue {name}" not in guide
    ]
    purge = queue.commands["purge"]
    missing += [
        option
        for param in purge.params
        for option in param.opts
        if option.startswith("--")
        and option not in ("--yes", "--queue", "--data", "--help")
        and option not in guide
    ]
    assert missing == [], f"docs/panduan-antrean.md does not explain {missing}"


def test_the_queue_guide_tells_clerks_where_the_registrations_are() -> None:
    # Clerks read the first part; the PostgreSQL section at the end is for IT staff.
    guide = (REPO / "docs" / "panduan-antrean.md").read_text(encoding="utf-8")
    for_clerks = guide.split("(untuk petugas TI)")[0]
    for needed in ("--database", "KATALOG_DATABASE_URL", "--queue", "KATALOG_QUEUE_PATH"):
        assert needed in for_clerks, f"docs/panduan-antrean.md: explain {needed} to clerks"


def test_the_queue_guide_says_when_to_record_outcomes_and_how_publish_feeds_capaian() -> None:
    guide = (REPO / "docs" / "panduan-antrean.md").read_text(encoding="utf-8")
    when = guide[guide.index("### Kapan mencatat apa") : guide.index("### Dari pengumuman")]
    for needed in ("Hari pertama pelatihan", "Hari terakhir", "3 bulan setelah hari terakhir",
                   "6 bulan setelah hari terakhir", "katalog queue followup ID --month 3",
                   "katalog queue followup ID --month 6", "katalog queue publish"):  # fmt: skip
        assert needed in when, f"docs/panduan-antrean.md, Kapan mencatat apa: {needed}"
    feeds = guide[guide.index("### Dari pengumuman ke halaman Capaian") :]
    for needed in ("--data", "targets.yml", "per program, per kecamatan dan per\nkelurahan",
                   "--run", "disembunyikan", "/capaian/", "capaian.csv", "example-results.json",
                   "Hasil contoh"):  # fmt: skip
        assert needed in feeds, f"docs/panduan-antrean.md, Dari pengumuman...: {needed}"

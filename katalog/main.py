"""Entry point of the `katalog` command.

Subcommands live with the package they belong to and are imported only when used, so
`katalog check` starts without importing Flask or MkDocs. This module is the outermost layer:
it may import every package; none of them imports it.
"""

from __future__ import annotations

import importlib

import click

from catalog import cli_language

cli_language.install()  # click's own messages in Indonesian

# name -> "module:attribute" of a click command
COMMANDS = {
    "check": "catalog.cli:check",
    "schema": "catalog.cli:schema",
    "build": "site_builder.cli:build",
    "serve": "form_service.cli:serve",
    "queue": "form_service.staff_cli:queue",
    "db": "form_service.db_cli:db",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use (click's documented pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        return localise(load(target))


def load(target: str) -> click.Command:
    module_name, attribute = target.split(":")
    return getattr(importlib.import_module(module_name), attribute)


OPTIONS_METAVAR = "[PILIHAN]"
SUBCOMMAND_METAVAR = "PERINTAH [ARGUMEN]..."


def localise(command: click.Command) -> click.Command:
    """Usage lines in Indonesian ("katalog queue [PILIHAN] PERINTAH [ARGUMEN]..."): click's
    metavariables are plain attributes, out of the reach of its gettext messages."""
    command.options_metavar = OPTIONS_METAVAR
    if isinstance(command, click.Group):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            localise(sub)
    return command


@click.group(
    cls=LazyGroup,
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar=SUBCOMMAND_METAVAR,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="katalog-pelatihan")
def cli() -> None:
    """Katalog Pelatihan Kerja: periksa data kursus, bangun situs, jalankan formulir
    pendaftaran, dan baca antrean pendaftaran."""


if __name__ == "__main__":  # `python -m katalog.main`, as the console script does
    cli()

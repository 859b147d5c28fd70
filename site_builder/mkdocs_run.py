"""Run MkDocs' own build (its public API) in this process and collect its warnings.

``mkdocs.commands.build.build`` is what ``mkdocs build`` runs; nothing of MkDocs' private
build steps is copied or called here. The only additions are two plugin objects handed to that
build (MkDocs' public plugin API, never listed in mkdocs.yml, so Zensical building the same
file is unaffected). ``JsonContext`` reads each generated page's context (one JSON line of its
front matter) with ``json.loads`` instead of PyYAML: the same ``page.meta``, a third less of
MkDocs' time at 1,000 courses (docs/publikasi.md). ``SteadyTemplates`` makes Jinja skip work
that cannot change during a build:

* Material's templates are not checked on disk each time a page includes one (about 25 times
  a page) -- nothing edits them during a build;
* compiled templates are kept in ``template_cache`` for the next build (compiling them is a
  large share of the part of a build that does not grow with the number of pages);
* ``tojson`` (the JSON-LD of course pages) writes compact JSON in the data's own key order
  instead of Jinja's default of sorted keys with spaces: smaller pages, same data.

In-process is a little faster than a subprocess (no second Python start, no second import of
MkDocs and Material). Any warning from MkDocs (a broken link, a missing template) fails the
build, like ``--strict``.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, FileSystemBytecodeCache
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from site_builder.source import CONTEXT_KEY, split_context


class MkDocsFailed(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class TemplateCache(FileSystemBytecodeCache):
    """Material's compiled templates, kept between builds. Jinja checks each entry against the
    template's source and Python version; a folder that cannot be written is simply not used."""

    def __init__(self, folder: Path) -> None:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        super().__init__(str(folder))

    def load_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class SteadyTemplates(BasePlugin):  # type: ignore[type-arg]
    """MkDocs plugin (added by :func:`run_mkdocs` only): templates do not change mid-build."""

    def __init__(self, template_cache: Path | None) -> None:
        super().__init__()
        self.template_cache = template_cache

    def on_env(self, env: Environment, /, *, config: Any, files: Any) -> Environment:
        steady(env)
        if self.template_cache is not None:
            env.bytecode_cache = TemplateCache(self.template_cache)
        return env


class JsonContext(BasePlugin):  # type: ignore[type-arg]
    """MkDocs plugin (added by :func:`run_mkdocs` only): a generated page's context is read from
    its front matter as the JSON it was written as (``site_builder/source.py``,
    ``split_context``), not by PyYAML: MkDocs reads the rest of the front matter as usual and
    the page gets the same ``meta``. Hand-written pages are untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.contexts: dict[str, Any] = {}

    def on_page_read_source(self, /, *, page: Page, config: Any) -> str | None:
        split = split_context(page.file.content_string)
        if split is None:
            return None
        source, self.contexts[page.file.src_uri] = split
        return source

    @event_priority(100)  # before any other plugin sees the page's meta
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: Any, files: Any) -> str:
        if page.file.src_uri in self.contexts:
            page.meta[CONTEXT_KEY] = self.contexts.pop(page.file.src_uri)
        return markdown


def steady(env: Environment) -> Environment:
    env.auto_reload = False
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env


PLUGIN_NAME = "katalog/steady-templates"
CONTEXT_PLUGIN_NAME = "katalog/json-context"


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    site_url: str | None,
    extra: dict[str, Any],
    template_cache: Path | None = None,
) -> None:
    """Build ``docs_dir`` into ``site_dir`` with ``config_file``; raise MkDocsFailed on warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    saved = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        config = load_config(
            str(config_file),
            docs_dir=str(docs_dir),
            site_dir=str(site_dir),
            site_url=site_url or None,
        )
        config["extra"] = {**(config.get("extra") or {}), "katalog": extra}
        config.plugins[PLUGIN_NAME] = SteadyTemplates(template_cache)
        config.plugins[CONTEXT_PLUGIN_NAME] = JsonContext()
        build(config)
    except MkDocsException as exc:
        raise MkDocsFailed([*handler.messages, str(exc)]) from exc
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved
    if handler.messages:
        raise MkDocsFailed(handler.messages)

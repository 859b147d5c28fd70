"""MkDocs' own build, with the page work shared between processes.

``mkdocs.commands.build.build`` renders every page in one process, one after the other. Most of
a build is that loop (Markdown, then Material's templates: 4-5 ms a page), so here it is shared:
after the common part (config events, files, navigation, static files, theme templates), the
process forks (one child per extra worker, usually one per extra CPU core) and all take pages
in small chunks from a shared counter until none are left. Each child then hands back what the
parent needs to finish: its search index entries (put back in page order, so the index is the
same as a one-process build's) and its warnings.

The steps and plugin events are those of MkDocs 1.6.1's ``build()`` (pinned; MkDocs 1.x gets no
new features), calling its own ``_populate_page`` and ``_build_page``. Differences, all
harmless for this site:

* the pages in the navigation are read before the others (the navigation shows their titles on
  every page; mkdocs.yml gives them explicit titles anyway);
* MkDocs checks a link's ``#anchor`` only when the target page was read in the same process,
  so anchors on a page read by another process are not checked at build time. The tests check
  every link and anchor of the built site (tests/site_builder/test_site_links.py).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, FileSystemBytecodeCache
from mkdocs.commands.build import (
    _build_extra_template,
    _build_page,
    _build_theme_template,
    _populate_page,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory

CHUNK = 16  # pages taken at a time; small enough that all processes finish together
SEARCH_PLUGIN = "material/search"


class ChildFailed(Exception):
    """The second process could not build its pages; the message says why."""


def build(
    config: MkDocsConfig,
    *,
    workers: int = 2,
    warnings: Callable[[], list[str]] = list,
    template_cache: Path | None = None,
) -> list[str]:
    """Build the site like ``mkdocs build``; return the other processes' warnings.

    ``warnings`` returns the messages logged so far in this process (the caller collects them);
    each child sends its own back, as they are logged in a different process. Compiled theme
    templates are kept in ``template_cache`` for the next build, if given.
    """
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    clean_directory(config.site_dir)

    files = get_files(config)
    env = config.theme.get_env()
    # Nothing edits the templates during a build: without this, Jinja checks each template's
    # file on disk every time a page includes or imports it (about 25 times a page).
    env.auto_reload = False
    if template_cache is not None:
        env.bytecode_cache = _TemplateCache(template_cache)
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    for file in doc_files:
        if file.page is None:
            Page(None, file, config)
    in_nav = {id(page.file) for page in nav.pages}
    for file in doc_files:
        if id(file) in in_nav:
            _populate_page(file.page, config, files)  # type: ignore[arg-type]

    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(inclusion=InclusionLevel.is_included)
    for template in config.theme.static_templates:
        _build_theme_template(template, env, files, config, nav)
    for template in config.extra_templates:
        _build_extra_template(template, files, config, nav)

    def build_one(file: File) -> None:
        page = file.page
        assert page is not None
        if page.content is None:
            _populate_page(page, config, files)
        _build_page(page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())

    search = config.plugins.get(SEARCH_PLUGIN)
    shared = _Pages(doc_files, workers)
    child_warnings = shared.run(build_one, search, warnings)

    log_level = config.validation.links.anchors
    for file in doc_files:
        assert file.page is not None
        if file.page.content is not None:  # read in this process
            file.page.validate_anchor_links(files=files, log_level=log_level)
    config.plugins.on_post_build(config=config)
    return child_warnings


class _TemplateCache(FileSystemBytecodeCache):
    """Material's compiled templates, kept between builds (compiling them is a third of the
    part of a build that only one process can do). Jinja checks each entry against the
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


class _Pages:
    """The pages to build, taken in chunks by this process and ``workers - 1`` forked ones."""

    def __init__(self, doc_files: Sequence[File], workers: int) -> None:
        self.files = list(doc_files)
        fork = workers > 1 and "fork" in multiprocessing.get_all_start_methods()
        self.workers = workers if fork else 1
        self._context = multiprocessing.get_context("fork") if fork else None
        self._next = self._context.Value("q", 0) if self._context else None
        self._local = 0

    def _take(self) -> int:
        if self._next is None:
            start, self._local = self._local, self._local + CHUNK
            return start
        with self._next.get_lock():
            start = self._next.value
            self._next.value = start + CHUNK
        return start

    def _work(self, build_one: Callable[[File], None], entries: list[Any] | None) -> dict:
        """Build chunks until none are left; the search entries each page added, by index."""
        added: dict[int, list[Any]] = {}
        while (start := self._take()) < len(self.files):
            for index in range(start, min(start + CHUNK, len(self.files))):
                before = len(entries) if entries is not None else 0
                build_one(self.files[index])
                if entries is not None:
                    added[index] = entries[before:]
        return added

    def run(
        self, build_one: Callable[[File], None], search: Any, warnings: Callable[[], list[str]]
    ) -> list[str]:
        entries = search.search_index.entries if search is not None else None
        start_entries = list(entries) if entries is not None else []
        if self._context is None:
            self._work(build_one, entries)
            return []
        already = len(warnings())
        children = []
        for _ in range(self.workers - 1):
            receive, send = self._context.Pipe(duplex=False)
            process = self._context.Process(
                target=_child, args=(send, self, build_one, entries, warnings, already), daemon=True
            )
            process.start()
            send.close()
            children.append((process, receive))
        replies = []
        try:
            mine = self._work(build_one, entries)
            for process, receive in children:
                try:
                    replies.append(receive.recv())
                except EOFError:
                    replies.append(("error", f"proses berhenti (kode {process.exitcode})"))
        finally:
            for process, _ in children:
                if len(replies) < len(children):  # this process failed: stop the others
                    process.terminate()
                process.join()
        failed = [payload for kind, payload in replies if kind == "error"]
        if failed:
            raise ChildFailed(failed[0])
        by_page, child_warnings = dict(mine), []
        for _, (theirs, messages) in replies:
            by_page.update(theirs)
            child_warnings += messages
        if entries is not None:  # the index in page order, as a one-process build makes it
            entries[:] = start_entries + [e for i in sorted(by_page) for e in by_page[i]]
        return child_warnings


def _child(send, pages, build_one, entries, warnings, already) -> None:  # type: ignore[no-untyped-def]
    try:
        added = pages._work(build_one, entries)
        send.send(("ok", (added, warnings()[already:])))
    except BaseException as exc:  # the parent reports it
        send.send(("error", "".join(traceback.format_exception_only(exc)).strip()))
    finally:
        send.close()

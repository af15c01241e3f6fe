"""The whole pipeline in two short functions, one per boundary.

``seeds/ -> content/`` is :func:`ingest` (an explicit command that writes
editor-owned files); ``content/ -> site/`` is :func:`build_site_model` (pure:
it reads ``content/`` and returns pages in memory) followed by MkDocs.
Read this module first: each line names the stage module that does the work.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .analyse import analyse
from .analyse.store import AnalysisStore
from .content import display_path, load_content
from .errors import UserError
from .render import PageOut, StreamedFile, by_date, human_date, render_site
from . import search as lean_search

__all__ = ["SiteModel", "UserError", "build_site_model"]


@dataclass(frozen=True)
class SiteModel:
    pages: tuple[PageOut, ...]
    files: Mapping[str, bytes | StreamedFile]  # StreamedFile: written piece by piece (explainer.json)
    nav: tuple
    warnings: tuple[str, ...]
    source_date_epoch: int  # newest article date, so sitemaps do not depend on the clock
    search: str = "material"  # "material", "lean" (files in `files`, generator/search.py) or "pagefind"


def build_site_model(
    content_dir: Path,
    templates_dir: Path,
    *,
    site_name: str = "Space Explainer",
    page_size: int = 100,
    site_url: str | None = None,
    search: str = "material",
    search_threshold: int = 1000,
    directory_urls: bool = True,
    remember: bool = True,
    cache_dir: Path | None = None,
    one_off: bool = False,
) -> SiteModel:
    """content/ -> pages in memory.  Raises UserError listing every content problem.

    ``one_off``: the process builds once and exits (``mkdocs build``), so the
    model's objects may be frozen out of the cycle collector's passes; never
    in ``mkdocs serve``, where a later rebuild must be able to free them.
    """
    with _cycle_collector_paused(freeze=one_off):
        return _build_site_model(
            content_dir, templates_dir, site_name=site_name, page_size=page_size, site_url=site_url,
            search=search, search_threshold=search_threshold, directory_urls=directory_urls,
            remember=remember, cache_dir=cache_dir,
        )


@contextmanager
def _cycle_collector_paused(*, freeze: bool):
    """Python's cycle collector off while the model is built, then frozen out of later passes.

    Building the model creates millions of long-lived objects and almost no
    reference cycles; every full pass of the collector walks all of them
    (15% of the model's CPU time at 10,000 articles).  Objects are still
    freed by reference counting as usual.  Afterwards one collection frees
    the few cycles made meanwhile, and the survivors are moved to the
    collector's permanent generation (``gc.freeze``), so MkDocs' own
    collections during the rest of the build do not walk them again.
    Freezing is only for a process that builds once: under ``mkdocs serve``
    a frozen object that later becomes part of a cycle would never be freed.
    Measured at 10,000 articles (whole ``mkdocs build``, user CPU): 25.7 s
    with the collector untouched, 24.0 s paused only, 23.0-23.8 s paused
    then frozen; without the collection before freezing, peak memory grew by
    21 MB (cycles made while paused would never be freed).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.collect()
                gc.freeze()
            gc.enable()


def _build_site_model(
    content_dir: Path,
    templates_dir: Path,
    *,
    site_name: str,
    page_size: int,
    site_url: str | None,
    search: str,
    search_threshold: int,
    directory_urls: bool,
    remember: bool,
    cache_dir: Path | None,
) -> SiteModel:
    content = load_content(content_dir, cache_dir=cache_dir)  # load + check (generator/content.py)
    if content.problems:
        raise UserError(list(content.problems))
    # Per-article results come from the on-disk store when their article is unchanged
    # (generator/analyse/store.py); `explainer ingest` fills it in parallel.
    store = AnalysisStore(cache_dir) if cache_dir is not None else None
    analysis = analyse(content.articles, content.topics, remember=remember, store=store)  # facts, timeline, players (generator/analyse/)
    if store is not None:
        store.save()
    out = render_site(  # Jinja templates -> Markdown (generator/render.py)
        content.articles, content.topics, analysis, templates_dir,
        site_name=site_name, page_size=page_size, site_url=site_url, directory_urls=directory_urls,
    )
    files = dict(out.files)
    if search == "lean" or (search == "auto" and len(out.pages) > search_threshold):
        search = "lean"  # chunked index of titles, leads and rare words (generator/search.py)
        docs = lean_search.article_docs(
            by_date(content.articles), content.topics, directory_urls=directory_urls, human_date=human_date
        )
        files.update(lean_search.build_index(docs))
    elif search != "pagefind":  # pagefind indexes the built site after the build (plugin)
        search = "material"
    warnings = tuple(f"{display_path(a.path)}: {w}" for a in content.articles for w in a.warnings)
    return SiteModel(out.pages, files, out.nav, warnings, _epoch(content.articles), search)


def _epoch(articles) -> int:
    dates = [a.date for a in articles if a.date]
    if not dates:
        return 0
    day = dt.date.fromisoformat(max(dates))
    return calendar.timegm(day.timetuple())

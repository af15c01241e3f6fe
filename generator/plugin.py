"""MkDocs adapter: the only module that imports MkDocs.

It checks ``content/`` (the same check as ``explainer check``), runs the
analysis and render stages once per build, and hands the results to MkDocs as
in-memory files.  It never writes into ``content/``: writing into a watched
folder would make ``mkdocs serve`` rebuild forever.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from . import pipeline
from .diskcache import default_cache_dir
from .bodyhtml import page_html
from .render import StreamedFile
from .sanitise import sanitise_html

log = logging.getLogger("mkdocs.plugins.explainer")


class ExplainerConfig(Config):
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="templates")
    page_size = c.Type(int, default=100)
    # Search: Material's full-text index while the site has at most `search_threshold`
    # pages, then the lean chunked index (generator/search.py); or force one with
    # `search: material` / `search: lean`, or `search: pagefind` (needs the `pagefind`
    # extra; runs Pagefind on the built site: full text, but slower and heavier builds).
    search = c.Choice(("auto", "material", "lean", "pagefind"), default="auto")
    search_threshold = c.Type(int, default=1000)
    # Per-article analysis kept between builds (generator/analyse/store.py); the default
    # folder is .cache/explainer beside the content folder, the one `explainer ingest` fills.
    cache = c.Type(bool, default=True)
    cache_dir = c.Optional(c.Type(str))


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    serving = False

    def on_startup(self, *, command, dirty):
        # `mkdocs serve` rebuilds in the same process: remember per-article analysis there.
        self.serving = command == "serve"

    def on_config(self, config):
        base = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = (base / self.config.content_dir).resolve()
        self.templates_dir = (base / self.config.templates_dir).resolve()
        cache_dir = None
        if self.config.cache:
            cache_dir = (base / self.config.cache_dir).resolve() if self.config.cache_dir else default_cache_dir(self.content_dir)
        try:
            self.site = pipeline.build_site_model(
                self.content_dir,
                self.templates_dir,
                site_name=config.site_name,
                page_size=self.config.page_size,
                site_url=config.site_url or None,
                search=self.config.search,
                search_threshold=self.config.search_threshold,
                directory_urls=config.use_directory_urls,
                remember=self.serving,
                cache_dir=cache_dir,
                one_off=not self.serving,
            )
        except pipeline.UserError as err:
            # One line per problem, no traceback: the same text `explainer check` prints.
            raise PluginError(f"content check failed:\n{err.format()}") from None
        for warning in self.site.warnings:
            log.info(warning)
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(self.site.source_date_epoch))
        if not config.nav:
            config.nav = list(self.site.nav)
        self.head = {p.src_uri: p for p in self.site.pages}
        self.search_mode = self.site.search  # read by templates/theme/main.html
        material_search = config.plugins.get("material/search")
        if self.search_mode in ("lean", "pagefind") and material_search is not None:
            # Material's documented switch: no full-text index, no search box of its own.
            material_search.config.enabled = False
        return config

    def on_files(self, files: Files, *, config):
        for page in self.site.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for name, data in sorted(self.site.files.items()):
            if isinstance(data, StreamedFile):  # big: written piece by piece, copied by MkDocs
                path = self._scratch() / name.replace("/", "_")
                data.write_to(path)
                generated = File.generated(config, name, abs_src_path=str(path), inclusion=InclusionLevel.NOT_IN_NAV)
            else:
                generated = File.generated(config, name, content=data, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(generated)
        self.site = None  # MkDocs holds the pages now; do not keep a second reference
        return files

    def _scratch(self) -> Path:
        """A private temporary folder for streamed files, removed when MkDocs shuts down."""
        if getattr(self, "_tmp", None) is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="explainer-")
        return Path(self._tmp.name)

    def on_shutdown(self):
        if getattr(self, "_tmp", None) is not None:
            self._tmp.cleanup()
            self._tmp = None

    def on_page_markdown(self, markdown, *, page, config, files):
        head = self.head.get(page.file.src_uri)
        if head is not None:
            # Material prints these into <head> without escaping: escape once
            # here, and mark as safe so Jinja's `| e` does not escape twice.
            page.meta["title"] = Markup(escape(head.title))
            page.meta["description"] = Markup(escape(head.description))
            if not head.searchable:
                page.meta["search"] = {"exclude": True}  # Material's per-page switch
        return markdown

    def on_page_content(self, html, *, page, config, files):
        # The page's last use of its PageOut: let it go (at 10,000 articles the bodies
        # and HTML parts are 17 MB that MkDocs now holds as the page's HTML anyway).
        head = self.head.pop(page.file.src_uri, None)
        if head is not None:
            if head.inert_body is not None:  # ingest's own body: HTML without Markdown (bodyhtml.py)
                out = page_html(head.title, head.inert_body)
                html, page.toc, page.present_anchor_ids = out.html, get_toc(out.toc_tokens), set(out.ids)
            # HTML parts rendered with final URLs, kept out of Markdown for speed (render.py).
            if head.html_lead:
                end = html.find("</h1>")
                at = end + len("</h1>") if end >= 0 else 0
                html = html[:at] + "\n" + head.html_lead + html[at:]
            html += "\n" + head.html_after if head.html_after else ""
        return sanitise_html(html)

    def on_post_build(self, *, config):
        if self.search_mode == "pagefind":
            run_pagefind(Path(config.site_dir))

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.content_dir))
        server.watch(str(self.templates_dir))
        return server


def run_pagefind(site_dir: Path) -> None:
    """Index the built site with Pagefind (PyPI ``pagefind[bin]`` ships the binary).

    Only elements marked ``data-pagefind-body`` are indexed (templates/theme/main.html
    marks article and topic pages), and the origin box is left out.
    """
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
           "--exclude-selectors", ".ex-origin, .headerlink", "--silent"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as err:  # pragma: no cover - no Python executable
        raise PluginError(f"search: pagefind: {err}") from None
    if "No module named pagefind" in done.stderr:
        raise PluginError("search: pagefind needs the Pagefind package: pip install 'pagefind[bin]'")
    if done.returncode != 0:
        raise PluginError(f"search: pagefind failed:\n{done.stderr.strip() or done.stdout.strip()}")

"""MkDocs adapter: the only module that imports MkDocs.

It checks ``content/`` (the same check as ``explainer check``), runs the
analysis and render stages once per build, and hands the results to MkDocs as
in-memory files.  It never writes into ``content/``: writing into a watched
folder would make ``mkdocs serve`` rebuild forever.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from . import pipeline
from .sanitise import sanitise_html

log = logging.getLogger("mkdocs.plugins.explainer")


class ExplainerConfig(Config):
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="templates")
    page_size = c.Type(int, default=100)


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def on_config(self, config):
        base = Path(config.config_file_path or ".").resolve().parent
        self.content_dir = (base / self.config.content_dir).resolve()
        self.templates_dir = (base / self.config.templates_dir).resolve()
        try:
            self.site = pipeline.build_site_model(
                self.content_dir,
                self.templates_dir,
                site_name=config.site_name,
                page_size=self.config.page_size,
                site_url=config.site_url or None,
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
        return config

    def on_files(self, files: Files, *, config):
        for page in self.site.pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for name, data in sorted(self.site.files.items()):
            files.append(
                File.generated(
                    config, name, content=data, inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        head = self.head.get(page.file.src_uri)
        if head is not None:
            # Material prints these into <head> without escaping: escape once
            # here, and mark as safe so Jinja's `| e` does not escape twice.
            page.meta["title"] = Markup(escape(head.title))
            page.meta["description"] = Markup(escape(head.description))
        return markdown

    def on_page_content(self, html, *, page, config, files):
        return sanitise_html(html)

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.content_dir))
        server.watch(str(self.templates_dir))
        return server

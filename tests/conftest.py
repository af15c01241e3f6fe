"""Shared fixtures: a content folder builder and the seeds of the project."""

from __future__ import annotations

import textwrap

from playwright.sync_api import Error as PlaywrightError, sync_playwright

from tests.browser import CHROMIUM_ARGS, DESKTOP, find_chromium
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


ILRS_TOPIC = """
title: International Lunar Research Station
summary: China and Russia's planned base on the Moon.
keywords: [ILRS, lunar research station, lunar space station]
order: 1
"""

ARTEMIS_TOPIC = """
title: Artemis
summary: NASA's return to the Moon.
keywords: [Artemis]
order: 2
"""


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """An empty content folder with two valid topics."""
    root = tmp_path / "content"
    write(root / "topics" / "ilrs.yml", ILRS_TOPIC)
    write(root / "topics" / "artemis.yml", ARTEMIS_TOPIC)
    (root / "articles").mkdir(parents=True)
    return root


@pytest.fixture
def seeds_dir(tmp_path: Path) -> Path:
    """A writable copy of the project's seeds."""
    target = tmp_path / "seeds"
    target.mkdir()
    for p in sorted(SEEDS.iterdir()):
        (target / p.name).write_bytes(p.read_bytes())
    return target


REPO = ROOT


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project's site inputs (config, templates, topics, seeds)."""
    import shutil

    dst = tmp_path / "project"
    dst.mkdir()
    shutil.copy(REPO / "mkdocs.yml", dst / "mkdocs.yml")
    shutil.copytree(REPO / "templates", dst / "templates")
    shutil.copytree(REPO / "seeds", dst / "seeds")
    (dst / "content" / "articles").mkdir(parents=True)
    shutil.copytree(REPO / "content" / "topics", dst / "content" / "topics")
    return dst


# One Chromium for the whole session: Playwright's sync API allows one running instance
# per thread, and the browser and scale tests both need it.
@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    """A persistent Chromium context with a fresh profile, or a skip saying why not."""
    executable = find_chromium()
    if executable is None:
        pytest.skip("browser tests need Chromium at /usr/bin/chromium (Debian package `chromium`); not found")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        try:
            context = pw.chromium.launch_persistent_context(
                str(profile),
                executable_path=executable,
                headless=True,
                args=CHROMIUM_ARGS,
                viewport=DESKTOP,
                color_scheme="light",
                locale="en-GB",
                service_workers="block",
            )
        except PlaywrightError as err:
            pytest.skip(f"browser tests need a working Chromium; {executable} did not start: {err}")
        try:
            yield context
        finally:
            context.close()



"""Shared fixtures: a content folder builder and the seeds of the project."""

from __future__ import annotations

import textwrap
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

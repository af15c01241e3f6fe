"""Shared fixtures: the repository layout and a scratch copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project's site inputs (config, templates, topics, seeds)."""
    dst = tmp_path / "project"
    dst.mkdir()
    shutil.copy(REPO / "mkdocs.yml", dst / "mkdocs.yml")
    shutil.copytree(REPO / "templates", dst / "templates")
    shutil.copytree(REPO / "seeds", dst / "seeds")
    (dst / "content" / "articles").mkdir(parents=True)
    shutil.copytree(REPO / "content" / "topics", dst / "content" / "topics")
    return dst

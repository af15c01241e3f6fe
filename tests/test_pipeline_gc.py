"""The cycle collector is paused while the model is built and left as it was found."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from generator import pipeline

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture()
def seen_during_build(monkeypatch):
    states: list[bool] = []
    real = pipeline.analyse

    def spy(*args, **kwargs):
        states.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", spy)
    return states


@pytest.mark.parametrize("one_off", [False, True])
def test_the_collector_is_paused_during_the_build_and_restored(seen_during_build, one_off):
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    try:
        model = pipeline.build_site_model(REPO / "content", REPO / "templates", remember=False, one_off=one_off)
        assert any(p.src_uri == "topics/ilrs.md" for p in model.pages)
        assert seen_during_build == [False]
        assert gc.isenabled()
        assert (gc.get_freeze_count() > frozen) is one_off  # `mkdocs serve` (one_off=False) never freezes
    finally:
        gc.unfreeze()


def test_a_disabled_collector_stays_disabled(seen_during_build):
    gc.disable()
    try:
        pipeline.build_site_model(REPO / "content", REPO / "templates", remember=False, one_off=True)
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_collector_comes_back_when_the_content_has_problems(tmp_path):
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "articles" / "bad.md").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(pipeline.UserError):
        pipeline.build_site_model(tmp_path / "content", REPO / "templates", one_off=True)
    assert gc.isenabled()
    gc.unfreeze()

"""The on-disk per-article analysis store: same results, fewer analyses, never a stale entry."""

from __future__ import annotations

import dataclasses
import pytest

from generator.analyse import analyse, to_json
from generator.analyse import explain, store as store_mod
from generator.analyse.store import CACHE_FILE, AnalysisStore, warm
from generator.cli import main
from tests.fixtures.seed_articles import seed_articles, seed_topics


@pytest.fixture()
def counted(monkeypatch):
    """Count calls of analyse_article (the expensive per-article step)."""
    calls: list[str] = []
    real = explain.analyse_article
    monkeypatch.setattr(explain, "analyse_article", lambda a, f=None: calls.append(a.id) or real(a, f))
    monkeypatch.setattr(explain, "_REMEMBERED", {})
    return calls


def test_a_stored_analysis_gives_the_same_result_without_analysing(tmp_path, counted):
    articles, topics = seed_articles(), seed_topics()
    fresh = to_json(analyse(articles, topics, remember=False))
    counted.clear()
    first = AnalysisStore(tmp_path)
    assert to_json(analyse(articles, topics, remember=False, store=first)) == fresh
    assert first.save() is True and (tmp_path / CACHE_FILE).is_file()
    assert len(counted) == len(articles)
    counted.clear()
    second = AnalysisStore(tmp_path)
    assert to_json(analyse(articles, topics, remember=False, store=second)) == fresh
    assert counted == [] and second.hits == len(articles) and second.misses == 0
    before = (tmp_path / CACHE_FILE).stat().st_mtime_ns
    assert second.save() is False  # nothing changed: nothing written
    assert (tmp_path / CACHE_FILE).stat().st_mtime_ns == before


def test_an_edited_article_is_analysed_again_and_deleted_ones_are_dropped(tmp_path, counted):
    articles, topics = seed_articles(), seed_topics()
    s = AnalysisStore(tmp_path)
    analyse(articles, topics, remember=False, store=s)
    s.save()
    edited = dataclasses.replace(articles[0], text=articles[0].text + "\nThe station will open in 2035.")
    counted.clear()
    s = AnalysisStore(tmp_path)
    result = analyse([edited, *articles[1:-1]], topics, remember=False, store=s)  # the last one deleted
    assert counted == [edited.id]
    assert s.save() is True
    assert len(AnalysisStore(tmp_path)) == len(articles) - 1  # the edit replaced, the deleted pruned
    assert any("2035" in e.date for e in result["ilrs"].timeline)


def test_entries_from_other_analysis_code_are_never_used(tmp_path, counted, monkeypatch):
    articles, topics = seed_articles(), seed_topics()
    s = AnalysisStore(tmp_path)
    analyse(articles, topics, remember=False, store=s)
    s.save()
    monkeypatch.setattr(store_mod, "code_fingerprint", lambda: "another version of the code")
    counted.clear()
    s = AnalysisStore(tmp_path)
    assert len(s) == 0
    analyse(articles, topics, remember=False, store=s)
    assert len(counted) == len(articles)


@pytest.mark.parametrize("junk", [b"", b"not marshal at all", b"\xe9\x00\x00", None])
def test_a_damaged_cache_file_is_ignored_and_rewritten(tmp_path, counted, junk):
    import marshal

    articles, topics = seed_articles(), seed_topics()
    path = tmp_path / CACHE_FILE
    # None: well-formed file whose entries have the wrong shape
    junk = junk if junk is not None else marshal.dumps((store_mod.code_fingerprint(),
                                                         {store_mod.article_key(a): (1, 2) for a in articles}))
    path.write_bytes(junk)
    s = AnalysisStore(tmp_path)
    assert to_json(analyse(articles, topics, remember=False, store=s)) == to_json(analyse(articles, topics, remember=False))
    assert s.save() is True
    assert AnalysisStore(tmp_path).get(articles[0]) is not None


def test_a_file_where_the_folder_should_be_costs_time_not_the_build(tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    s = AnalysisStore(blocker)
    analyse(seed_articles(), seed_topics(), remember=False, store=s)
    assert s.save() is False
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


def test_warm_analyses_in_a_pool_what_is_missing(tmp_path, counted):
    articles = seed_articles()
    assert warm(articles[:2], tmp_path, jobs=1) == (0, 2)
    steps = []

    class Bar:
        def __init__(self, n):
            steps.append(("total", n))

        def step(self):
            steps.append("step")

        def close(self):
            steps.append("close")

    assert warm(iter(articles), tmp_path, jobs=2, progress=Bar, batch=2) == (2, len(articles) - 2)
    assert steps == [("total", None), *["step"] * (len(articles) - 2), "close"]
    counted.clear()
    s = AnalysisStore(tmp_path)
    analyse(articles, seed_topics(), remember=False, store=s)
    assert counted == [] and s.hits == len(articles)


def test_ingest_prepares_the_analysis_the_build_then_reuses(project, counted):
    from generator import pipeline
    from generator.analyse.store import default_cache_dir

    content = project / "content"
    assert main(["ingest", str(project / "seeds"), "--content-dir", str(content), "--quiet"]) == 0
    cache = default_cache_dir(content)
    assert cache == project / ".cache" / "explainer"
    assert (cache / CACHE_FILE).is_file()
    stored = (cache / CACHE_FILE).read_bytes()
    counted.clear()
    model = pipeline.build_site_model(content, project / "templates", remember=False, cache_dir=cache)
    assert counted == []  # every article came from the store
    assert any(p.src_uri == "topics/ilrs.md" for p in model.pages)
    assert (cache / CACHE_FILE).read_bytes() == stored  # a build with nothing new writes nothing
    # --no-analysis-cache leaves the folder alone
    (cache / CACHE_FILE).unlink()
    assert main(["ingest", str(project / "seeds"), "--content-dir", str(content), "--quiet", "--no-analysis-cache"]) == 0
    assert not (cache / CACHE_FILE).exists()


@pytest.mark.parametrize("cache", [True, False])
def test_mkdocs_build_uses_the_cache_unless_switched_off(project, cache):
    import re

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    content = project / "content"
    assert main(["ingest", str(project / "seeds"), "--content-dir", str(content), "--quiet", "--no-analysis-cache"]) == 0
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    text, n = re.subn(r"^(\s+cache:) true\b", rf"\1 {str(cache).lower()}", text, count=1, flags=re.M)
    assert n == 1
    config_file.write_text(text, encoding="utf-8")
    build(load_config(str(config_file), site_dir=str(project / "site")))
    assert (project / "site" / "topics" / "ilrs" / "index.html").is_file()
    assert (project / ".cache" / "explainer" / CACHE_FILE).is_file() is cache


def test_warm_in_worker_processes_stores_what_analysis_in_process_gives(tmp_path):
    base = seed_articles()
    many = [dataclasses.replace(a, id=f"{a.id}-{n}") for n in range(3) for a in base]  # 15 articles
    assert warm(iter(many), tmp_path, jobs=2, batch=10) == (0, len(many))
    s = AnalysisStore(tmp_path)
    for a in many:
        assert s.get(a) == explain.analyse_article(a)
    assert s.hits == len(many)

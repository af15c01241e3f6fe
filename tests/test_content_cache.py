"""Checked front matter kept between builds: same content, no re-parsing, every error still found."""

from __future__ import annotations

import pytest

from generator import content as content_mod
from generator.cli import main
from generator.content import FRONT_MATTER_CACHE, load_content


@pytest.fixture()
def ingested(project):
    content = project / "content"
    assert main(["ingest", str(project / "seeds"), "--content-dir", str(content), "--quiet", "--no-analysis-cache"]) == 0
    return content


@pytest.fixture()
def reads(monkeypatch):
    """Count the files that go through the full parse-and-validate path."""
    calls: list[str] = []
    real = content_mod.read_article_file
    monkeypatch.setattr(content_mod, "read_article_file", lambda p, t=None: calls.append(p.name) or real(p, t))
    return calls


def test_an_unchanged_file_is_not_parsed_again_and_gives_the_same_article(ingested, tmp_path, reads):
    cache = tmp_path / "cache"
    plain = load_content(ingested)
    reads.clear()
    first = load_content(ingested, cache_dir=cache)
    assert len(reads) == len(plain.articles) == 5
    assert (cache / FRONT_MATTER_CACHE).is_file()
    reads.clear()
    second = load_content(ingested, cache_dir=cache)
    assert reads == []
    assert first == second == plain  # articles (all fields, edited flag included), topics, problems


def test_an_edited_file_is_read_again(ingested, tmp_path, reads):
    cache = tmp_path / "cache"
    load_content(ingested, cache_dir=cache)
    path = sorted((ingested / "articles").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title_line, "title: An editor's better title", 1), encoding="utf-8")
    reads.clear()
    loaded = load_content(ingested, cache_dir=cache)
    assert reads == [path.name]
    edited = next(a for a in loaded.articles if a.id == path.stem)
    assert edited.title == "An editor's better title" and not edited.unedited
    assert loaded == load_content(ingested)


def test_errors_are_found_with_their_position_on_every_load(ingested, tmp_path):
    cache = tmp_path / "cache"
    path = sorted((ingested / "articles").glob("*.md"))[1]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ndate: ", "\ndate: 21 March\nlanguage: en\ndate: ", 1) if "\ndate: " in text
                    else text.replace("\ntitle:", "\ndropped_lines: -3\ntitle:", 1), encoding="utf-8")
    first = load_content(ingested, cache_dir=cache)
    second = load_content(ingested, cache_dir=cache)
    assert first.problems and first.problems == second.problems
    assert all(p.path.endswith(path.name) and p.line for p in second.problems)


def test_a_topic_removed_after_caching_is_reported(ingested, tmp_path):
    cache = tmp_path / "cache"
    assert not load_content(ingested, cache_dir=cache).problems
    (ingested / "topics" / "ilrs.yml").unlink()
    problems = load_content(ingested, cache_dir=cache).problems
    assert problems == load_content(ingested).problems
    assert any("ilrs" in p.message and p.field.startswith("topics") for p in problems)


def test_a_second_article_for_the_same_seed_is_reported_even_when_both_are_cached(ingested, tmp_path):
    cache = tmp_path / "cache"
    load_content(ingested, cache_dir=cache)
    original = sorted((ingested / "articles").glob("*.md"))[0]
    copy = original.with_name("zz-copy.md")
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    load_content(ingested, cache_dir=cache)  # the copy is now cached too
    problems = load_content(ingested, cache_dir=cache).problems
    assert [p.field for p in problems] == ["source_file"]
    assert problems[0].path.endswith("zz-copy.md") and "already belongs to" in problems[0].message
    assert problems == load_content(ingested).problems


def test_ingest_records_the_front_matter_for_the_first_build(project, reads):
    from generator.diskcache import default_cache_dir

    content = project / "content"
    assert main(["ingest", str(project / "seeds"), "--content-dir", str(content), "--quiet"]) == 0
    reads.clear()
    loaded = load_content(content, cache_dir=default_cache_dir(content))
    assert reads == [] and len(loaded.articles) == 5


def test_a_build_from_a_warm_cache_needs_no_schema_library(ingested):
    """Unchanged files skip parsing and validation entirely: pydantic is not even imported."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    code = (
        "import sys; from pathlib import Path; from generator import pipeline;"
        f"m = pipeline.build_site_model(Path({str(ingested)!r}), Path({str(repo / 'templates')!r}),"
        f" remember=False, cache_dir=Path({str(ingested.parent / 'cache')!r}));"
        "print(len(m.pages), 'pydantic' in sys.modules)"
    )
    env = dict(os.environ, PYTHONPATH=str(repo))
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.split()
            for _ in range(2)]
    assert runs[0][0] == runs[1][0] and int(runs[0][0]) > 5
    assert runs[0][1] == "True"  # the first build checks every file in full
    assert runs[1][1] == "False"  # the second finds them all in the cache

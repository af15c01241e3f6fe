"""Ingest: creates, refreshes what nobody edited, never loses an edit."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests import standins
from tests.standins import STAGES, unescape_markdown

from generator import ingest as ingest_mod
from generator.content import content_hash, load_content
from generator.errors import UserError
from generator.ingest import FIELD_ORDER, Stages, atomic_write, ingest
from generator.yamlio import load_yaml, split_front_matter


def run(seeds: Path, content: Path, **kw):
    kw.setdefault("stages", STAGES)
    kw.setdefault("jobs", 1)
    return ingest(seeds, content, **kw)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def article_for(content: Path, seed_name: str) -> Path:
    for p in sorted((content / "articles").glob("*.md")):
        if f"source_file: {seed_name}\n" in p.read_text(encoding="utf-8"):
            return p
    raise AssertionError(f"no article for {seed_name}")


def front_matter(path: Path) -> dict:
    yaml_text, _, _ = split_front_matter(path.read_text(encoding="utf-8"))
    return load_yaml(yaml_text).data


def test_first_ingest_creates_valid_articles(seeds_dir: Path, content_dir: Path) -> None:
    report = run(seeds_dir, content_dir)
    assert len(report.created) == 5 and report.errors == ()
    names = sorted(p.name for p in (content_dir / "articles").iterdir())
    assert names == [
        "china-and-russia-agree-to-build-a-joint-lunar-space-station.md",
        "china-and-russia-to-build-a-joint-lunar-research-station.md",
        "russia-and-china-on-tuesday-unveiled-plans-for-a-joint-lunar.md",
        "russia-and-china-plan-to-deepen-their-geopolitical-ties.md",
        "russia-china-agree-to-build-lunar-station-together.md",
    ]
    content = load_content(content_dir, unescape=unescape_markdown)
    assert content.problems == ()
    assert len(content.articles) == 5
    dw = article_for(content_dir, "001_5897ebab3c82f283.txt")
    fm = front_matter(dw)
    assert tuple(fm) == FIELD_ORDER
    assert fm["source"] == "DW" and fm["date"] == "2021-03-09"
    assert fm["topics"] == ["ilrs"]
    assert fm["warnings"] == ["date: header says 2021-02-18 but the article's dateline says 2021-03-09 (kept the dateline)"]
    assert fm["generated_sha256"] == content_hash(dw.read_text(encoding="utf-8"))
    assert "created   " in report.summary()


def test_second_ingest_changes_nothing(seeds_dir: Path, content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(seeds_dir, content_dir)
    before = snapshot(content_dir / "articles")
    writes: list[Path] = []
    monkeypatch.setattr(ingest_mod, "atomic_write", lambda path, text: writes.append(path))
    report = run(seeds_dir, content_dir)
    assert writes == []
    assert len(report.unchanged) == 5 and not report.created and not report.updated
    assert snapshot(content_dir / "articles") == before  # bytes and mtimes
    assert report.summary().startswith("ingest: 0 created, 0 updated, 5 unchanged")


def _explode(text: str):
    raise AssertionError("unchanged seeds must not be cleaned again")


def test_unchanged_seed_is_skipped_without_cleaning(seeds_dir: Path, content_dir: Path) -> None:
    run(seeds_dir, content_dir)
    report = run(seeds_dir, content_dir, stages=dataclasses.replace(STAGES, clean=_explode))
    assert report.errors == () and len(report.unchanged) == 5


def test_force_on_unchanged_files_rewrites_nothing(seeds_dir: Path, content_dir: Path) -> None:
    run(seeds_dir, content_dir)
    before = snapshot(content_dir / "articles")
    report = run(seeds_dir, content_dir, force=True)
    assert len(report.unchanged) == 5 and report.replaced == () and report.updated == ()
    assert snapshot(content_dir / "articles") == before


def edit_title(path: Path, new_title: str) -> None:
    text = path.read_text(encoding="utf-8")
    old = front_matter(path)["title"]
    path.write_text(text.replace(f"title: {old}\n", f'title: "{new_title}"\n', 1), encoding="utf-8")


def change_seed(seeds_dir: Path, name: str) -> None:
    seed = seeds_dir / name
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nA new closing paragraph with more than eight words in it, added later.\n", encoding="utf-8")


DW = "001_5897ebab3c82f283.txt"


def test_editor_title_edit_survives_and_no_duplicate(seeds_dir: Path, content_dir: Path) -> None:
    run(seeds_dir, content_dir)
    article = article_for(content_dir, DW)
    edit_title(article, "Russia and China: a lunar station together")
    edited = article.read_bytes()
    report = run(seeds_dir, content_dir)
    assert report.skipped_edited == (str(article),)
    assert article.read_bytes() == edited
    assert len(list((content_dir / "articles").glob("*.md"))) == 5  # mapped by source_file, not title
    assert load_content(content_dir, unescape=unescape_markdown).problems == ()


def test_unedited_article_is_updated_when_its_seed_changes(seeds_dir: Path, content_dir: Path) -> None:
    run(seeds_dir, content_dir)
    article = article_for(content_dir, DW)
    change_seed(seeds_dir, DW)
    report = run(seeds_dir, content_dir)
    assert report.updated == (str(article),)
    assert "A new closing paragraph" in article.read_text(encoding="utf-8")
    assert len(report.unchanged) == 4


def test_conflict_writes_a_proposal_beside_the_edited_file(seeds_dir: Path, content_dir: Path) -> None:
    run(seeds_dir, content_dir)
    article = article_for(content_dir, DW)
    edit_title(article, "Edited by an editor")
    edited = article.read_bytes()
    change_seed(seeds_dir, DW)
    report = run(seeds_dir, content_dir)
    proposed = article.with_name(article.name + ".proposed")
    assert [(c.article, c.proposed) for c in report.conflicts] == [(str(article), str(proposed))]
    assert article.read_bytes() == edited
    assert "A new closing paragraph" in proposed.read_text(encoding="utf-8")
    assert f"conflict  {article}: edited by hand and its seed changed; the new version is in {proposed}" in report.summary()
    # the site ignores the proposal
    content = load_content(content_dir, unescape=unescape_markdown)
    assert content.problems == () and len(content.articles) == 5
    assert "Edited by an editor" in {a.title for a in content.articles}
    # a second run reports it again without rewriting anything
    before = snapshot(content_dir / "articles")
    again = run(seeds_dir, content_dir)
    assert len(again.conflicts) == 1
    assert snapshot(content_dir / "articles") == before


def test_force_replaces_edited_files_and_says_so(seeds_dir: Path, content_dir: Path) -> None:
    run(seeds_dir, content_dir)
    article = article_for(content_dir, DW)
    edit_title(article, "Edited by an editor")
    change_seed(seeds_dir, DW)
    assert len(run(seeds_dir, content_dir).conflicts) == 1
    report = run(seeds_dir, content_dir, force=True)
    assert report.replaced == (str(article),)
    assert front_matter(article)["title"] == "Russia, China agree to build lunar station together"
    assert not article.with_name(article.name + ".proposed").exists()
    assert f"replaced  {article} (edited by hand; overwritten because of --force)" in report.summary()


def test_resolving_a_conflict_by_taking_the_new_source_sha256(seeds_dir: Path, content_dir: Path) -> None:
    run(seeds_dir, content_dir)
    article = article_for(content_dir, DW)
    edit_title(article, "Edited by an editor")
    change_seed(seeds_dir, DW)
    run(seeds_dir, content_dir)
    proposed = article.with_name(article.name + ".proposed")
    new_sha = front_matter(proposed)["source_sha256"]
    old_sha = front_matter(article)["source_sha256"]
    article.write_text(article.read_text(encoding="utf-8").replace(old_sha, new_sha), encoding="utf-8")
    proposed.unlink()
    report = run(seeds_dir, content_dir)
    assert report.conflicts == () and report.skipped_edited == (str(article),)
    assert not proposed.exists()


def test_broken_front_matter_is_never_overwritten_nor_duplicated(seeds_dir: Path, content_dir: Path) -> None:
    run(seeds_dir, content_dir)
    article = article_for(content_dir, DW)
    broken = article.read_text(encoding="utf-8").replace("title: Russia, China", "title: Russia: China", 1)
    article.write_text(broken, encoding="utf-8")
    change_seed(seeds_dir, DW)
    report = run(seeds_dir, content_dir)
    assert article.read_text(encoding="utf-8") == broken
    assert len(report.conflicts) == 1
    assert len(list((content_dir / "articles").glob("*.md"))) == 5


def test_interrupted_write_keeps_the_old_file(seeds_dir: Path, content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run(seeds_dir, content_dir)
    article = article_for(content_dir, DW)
    old = article.read_bytes()
    change_seed(seeds_dir, DW)

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    report = run(seeds_dir, content_dir)
    assert article.read_bytes() == old
    assert [p.format() for p in report.errors] == [f"{article}: could not write: No space left on device"]
    assert sorted(p.name for p in (content_dir / "articles").iterdir() if p.name.startswith(".")) == []


def test_interrupted_first_ingest_leaves_no_article_and_no_staged_file(
    seeds_dir: Path, content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import ingest as ingest_mod

    real = ingest_mod.Stages.default()

    def assign_then_stop(items):
        assert len(items) == 5  # every new title is known before any file is named
        staged = [p.name for p in (content_dir / "articles").iterdir()]
        assert len(staged) == 5 and all(n.startswith(".ingest-new-") for n in staged)
        raise KeyboardInterrupt

    stages = dataclasses.replace(real, assign_slugs=assign_then_stop)
    with pytest.raises(KeyboardInterrupt):
        ingest(seeds_dir, content_dir, stages=stages, jobs=1, progress=False)
    assert list((content_dir / "articles").iterdir()) == []


def test_staged_files_of_a_killed_run_are_removed_by_the_next(seeds_dir: Path, content_dir: Path) -> None:
    articles = content_dir / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (articles / ".ingest-new-abc123.tmp").write_text("left by a killed run\n", encoding="utf-8")
    report = run(seeds_dir, content_dir)
    assert len(report.created) == 5
    assert sorted(p.name for p in articles.iterdir() if p.name.startswith(".")) == []


def test_atomic_write_cleans_up_on_crash_during_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.md"
    target.write_text("old\n", encoding="utf-8")

    def crash(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_atomic_write_permissions_follow_umask(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    atomic_write(target, "x\n")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_unreadable_seed_is_reported_and_others_still_ingest(seeds_dir: Path, content_dir: Path) -> None:
    (seeds_dir / "005_broken.txt").write_bytes(b"\xff\xfe\x00bad")
    report = run(seeds_dir, content_dir)
    assert [p.format() for p in report.errors] == [f"{seeds_dir / '005_broken.txt'}: not UTF-8"]
    assert len(report.created) == 5
    assert f"error     {seeds_dir / '005_broken.txt'}: not UTF-8" in report.summary()


def _boom(text: str):
    raise RuntimeError("cleaner bug")


def test_unexpected_stage_failure_is_one_error(seeds_dir: Path, content_dir: Path) -> None:
    report = run(seeds_dir, content_dir, stages=dataclasses.replace(STAGES, clean=_boom))
    assert len(report.errors) == 5
    assert report.errors[0].message == "could not ingest: RuntimeError: cleaner bug"


def test_parallel_output_equals_serial(seeds_dir: Path, tmp_path: Path, content_dir: Path) -> None:
    other = tmp_path / "content2"
    (other / "topics").mkdir(parents=True)
    for p in (content_dir / "topics").iterdir():
        (other / "topics" / p.name).write_bytes(p.read_bytes())
    for i in range(6):  # enough files for the pool to be used
        (seeds_dir / f"1{i:02d}_copy.txt").write_bytes((seeds_dir / DW).read_bytes() + f"\nCopy number {i} of the seed, for the parallel test here.\n".encode())
    serial = run(seeds_dir, content_dir, jobs=1)
    parallel = run(seeds_dir, other, jobs=3)
    assert [Path(p).name for p in serial.created] == [Path(p).name for p in parallel.created]
    a = {p.name: p.read_bytes() for p in (content_dir / "articles").iterdir()}
    b = {p.name: p.read_bytes() for p in (other / "articles").iterdir()}
    assert a == b and len(a) == 11
    # same titles got distinct, deterministic slugs
    assert "russia-china-agree-to-build-lunar-station-together-2.md" in a


def test_new_article_never_takes_an_existing_name(seeds_dir: Path, content_dir: Path) -> None:
    taken = content_dir / "articles" / "russia-china-agree-to-build-lunar-station-together.md"
    taken.write_text("---\ntitle: Hand-written\n---\n\nBody.\n", encoding="utf-8")
    report = run(seeds_dir, content_dir)
    assert taken.read_text(encoding="utf-8") == "---\ntitle: Hand-written\n---\n\nBody.\n"
    assert str(content_dir / "articles" / "russia-china-agree-to-build-lunar-station-together-2.md") in report.created


def test_orphans_are_reported_not_deleted(seeds_dir: Path, content_dir: Path) -> None:
    run(seeds_dir, content_dir)
    article = article_for(content_dir, DW)
    (seeds_dir / DW).unlink()
    report = run(seeds_dir, content_dir)
    assert report.orphans == (str(article),)
    assert article.exists()


def test_progress_line_when_asked(seeds_dir: Path, content_dir: Path, capsys: pytest.CaptureFixture) -> None:
    run(seeds_dir, content_dir, progress=True)
    err = capsys.readouterr().err
    assert "ingest [" in err and "5/5" in err and err.endswith("\n")
    run(seeds_dir, content_dir, progress=None)  # not a terminal: quiet
    assert capsys.readouterr().err == ""


def test_missing_seeds_folder(tmp_path: Path, content_dir: Path) -> None:
    with pytest.raises(UserError, match="seeds folder not found"):
        run(tmp_path / "nope", content_dir)


def test_default_stages_import_lazily() -> None:
    # Importing ingest must not need the other stages; Stages.default() does.
    assert callable(Stages.default)
    assert standins.STAGES.describe is ingest_mod._describe


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85\ufeff"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(
    title=_text,
    source=st.one_of(st.none(), _text),
    warnings=st.lists(_text, max_size=3),
    body=st.text(alphabet="abc *_\n#-:'\"", max_size=80),
)
def test_rendered_files_read_back_unedited(tmp_path_factory, title, source, warnings, body) -> None:
    from generator.content import read_article_file
    from generator.ingest import render_article

    fm = {
        "title": title, "date": "2021-03-09", "source": source, "author": None, "url": None, "language": "en",
        "topics": [], "source_file": "s.txt", "source_sha256": "0" * 64, "provenance": {"title": "headline"},
        "warnings": warnings, "dropped_lines": 0,
    }
    path = tmp_path_factory.mktemp("r") / "a.md"
    path.write_text(render_article(fm, body), encoding="utf-8")
    af = read_article_file(path)
    assert af.problems == () and not af.edited
    assert af.front_matter is not None
    assert af.front_matter.model_dump(exclude={"generated_sha256"}) == fm

"""Loading and checking content/: every error kind, at its line, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import write
from tests.standins import unescape_markdown

from generator.content import check, format_problems, load_content

GOOD = """
---
title: Russia, China agree to build lunar station together
date: '2021-03-09'
source: DW
language: en
topics: [ilrs]
---

Russia and China are reaching for the \\*moon\\*.
"""


def load(content_dir: Path):
    return load_content(content_dir, unescape=unescape_markdown)


def lines_for(content_dir: Path, name: str) -> list[str]:
    """Formatted problems of one file, with the path made relative to the content folder."""
    out = []
    for p in load(content_dir).problems:
        if Path(p.path).name == name:
            out.append(p.format().replace(str(content_dir) + "/", ""))
    return out


def test_good_article_loads_with_plain_text(content_dir: Path) -> None:
    write(content_dir / "articles" / "russia-china.md", GOOD)
    content = load(content_dir)
    assert content.problems == ()
    (article,) = content.articles
    assert article.id == "russia-china"
    assert article.title == "Russia, China agree to build lunar station together"
    assert article.date == "2021-03-09"
    assert article.topics == ("ilrs",)
    assert article.body == "Russia and China are reaching for the \\*moon\\*."
    assert article.text == "Russia and China are reaching for the *moon*."
    assert article.path == str(content_dir / "articles" / "russia-china.md")
    assert [t.id for t in content.topics] == ["ilrs", "artemis"]  # by order
    assert check(content_dir, unescape=unescape_markdown) == []


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        (
            "title: Russia: the plan\n",
            "articles/a.md:2:14: title: mapping values are not allowed here: the title contains \": \", which YAML "
            'reads as a new key; quote the title with double quotes: title: "Russia: the plan"',
        ),
        ("title: A\ntitle: B\n", "articles/a.md:3:1: title: duplicate key 'title' (first defined on line 2); keep only one"),
        (
            "title: A\ntitel: B\n",
            "articles/a.md:3:1: titel: unknown field (allowed: title, date, source, author, url, language, topics, "
            "source_file, source_sha256, provenance, warnings, dropped_lines, generated_sha256)",
        ),
        ("title: 2024\n", "articles/a.md:2:8: title: expected text, got the number 2024; put it in double quotes if it is meant as text"),
        ("title: A\ndate: 2021-02-30\n", "articles/a.md:3:7: date: 2021-02-30 is not a real calendar date (day is out of range for month)"),
        ("title: A\ndate: 9 March 2021\n", "articles/a.md:3:7: date: '9 March 2021' is not a date as YYYY-MM-DD, e.g. 2021-03-09"),
        ("title: A\ndate: 2021\n", "articles/a.md:3:7: date: expected text, got the number 2021; put it in double quotes if it is meant as text"),
        (
            "title: A\ntopics: [ilrs, lunar]\n",
            "articles/a.md:3:16: topics[1]: unknown topic 'lunar' (known: artemis, ilrs); topic ids are the file names in content/topics/",
        ),
        ("title: A\ntopics: [ilrs, ilrs]\n", "articles/a.md:3:16: topics[1]: topic 'ilrs' is listed twice"),
        ("title: A\ntopics: ilrs\n", "articles/a.md:3:9: topics: expected a list such as [a, b], got 'ilrs'"),
        ("title: A\nurl: javascript:alert(1)\n", "articles/a.md:3:6: url: 'javascript:alert(1)' is not a web address starting with http:// or https://"),
        ("title: A\nlanguage: English\n", "articles/a.md:3:11: language: 'English' is not a 2-3 letter lowercase language code such as en or de"),
        ("title: A\ndropped_lines: -1\n", "articles/a.md:3:16: dropped_lines: must be 0 or more, got -1"),
        ("title: A\ndropped_lines: true\n", "articles/a.md:3:16: dropped_lines: expected a whole number, got true"),
        ("title: A\nsource_sha256: abc\n", "articles/a.md:3:16: source_sha256: must be 64 lowercase hexadecimal characters (written by ingest)"),
        ("title: ''\n", "articles/a.md:2:8: title: must not be empty"),
        ("date: '2021-03-09'\n", "articles/a.md:1:1: title: required field is missing"),
        ("title: A\nsource: &s DW\n", "articles/a.md:3:9: source: anchors (&s) are not allowed; write the value out"),
        ("title: !!str A\n", "articles/a.md:2:8: title: explicit tags (tag:yaml.org,2002:str) are not allowed"),
        ("- title\n", "articles/a.md:1:1: expected key: value fields, got a list"),
    ],
)
def test_each_error_kind_is_reported_at_its_line(content_dir: Path, front_matter: str, expected: str) -> None:
    (content_dir / "articles" / "a.md").write_text(f"---\n{front_matter}---\n\nBody.\n", encoding="utf-8")
    assert lines_for(content_dir, "a.md") == [expected]
    assert load(content_dir).articles == ()  # a broken file is not published


def test_missing_and_unclosed_front_matter(content_dir: Path) -> None:
    write(content_dir / "articles" / "plain.md", "Just a body.\n")
    (content_dir / "articles" / "open.md").write_text("---\ntitle: A\n\nBody\n", encoding="utf-8")
    assert lines_for(content_dir, "plain.md") == [
        "articles/plain.md:1:1: no front matter: the file must start with a line '---', then the fields (title: ...), then '---'"
    ]
    assert lines_for(content_dir, "open.md") == [
        "articles/open.md:1:1: front matter is not closed: add a line '---' after the last field"
    ]


def test_not_utf8(content_dir: Path) -> None:
    (content_dir / "articles" / "latin.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    assert lines_for(content_dir, "latin.md") == ["articles/latin.md:2: not UTF-8 text (byte 0xe9); save the file as UTF-8"]


def test_every_problem_at_once_and_good_files_still_load(content_dir: Path) -> None:
    write(content_dir / "articles" / "good.md", GOOD)
    (content_dir / "articles" / "bad.md").write_text(
        "---\ntitle: A\ndate: 2021-02-30\ntitel: x\ntopics: [nope]\n---\n", encoding="utf-8"
    )
    write(content_dir / "topics" / "broken.yml", "title: Broken\nkeywords: []\ncolour: red\n")
    content = load(content_dir)
    assert [a.id for a in content.articles] == ["good"]
    assert [t.id for t in content.topics] == ["ilrs", "artemis"]
    text = format_problems(content.problems).replace(str(content_dir) + "/", "")
    assert text == "\n".join(
        [
            "articles/bad.md:3:7: date: 2021-02-30 is not a real calendar date (day is out of range for month)",
            "articles/bad.md:4:1: titel: unknown field (allowed: title, date, source, author, url, language, topics, "
            "source_file, source_sha256, provenance, warnings, dropped_lines, generated_sha256)",
            "articles/bad.md:5:10: topics[0]: unknown topic 'nope' (known: artemis, broken, ilrs); topic ids are the file names in content/topics/",
            "topics/broken.yml:2:11: keywords: must list at least one item",
            "topics/broken.yml:3:1: colour: unknown field (allowed: title, summary, keywords, order, curation)",
            "5 problems in 2 files",
        ]
    )


def test_topic_file_errors(content_dir: Path) -> None:
    write(content_dir / "topics" / "Bad Name.yml", "title: X\nkeywords: [x]\n")
    write(content_dir / "topics" / "syntax.yml", "title: Mars: red\nkeywords: [x]\n")
    write(content_dir / "topics" / "types.yml", "title: T\nkeywords: [x]\norder: first\ncuration: [a]\n")
    problems = [p.format().replace(str(content_dir) + "/", "") for p in load(content_dir).problems]
    assert problems == [
        "topics/Bad Name.yml: topic file names must be lowercase letters, digits and hyphens, e.g. lunar-station.yml",
        'topics/syntax.yml:1:12: title: mapping values are not allowed here: the title contains ": ", which YAML '
        'reads as a new key; quote the title with double quotes: title: "Mars: red"',
        "topics/types.yml:3:8: order: expected a whole number, got 'first'",
        "topics/types.yml:4:11: curation: expected a mapping (key: value lines), got a list",
    ]


def test_topic_curation_is_kept(content_dir: Path) -> None:
    write(content_dir / "topics" / "mars.yml", "title: Mars\nkeywords: [Mars]\ncuration:\n  pin: [a]\n")
    (topic,) = [t for t in load(content_dir).topics if t.id == "mars"]
    assert topic.curation == {"pin": ["a"]}  # as the editor wrote it
    assert topic.order == 100 and topic.summary == ""


def test_proposed_hidden_and_temp_files_are_ignored(content_dir: Path) -> None:
    write(content_dir / "articles" / "good.md", GOOD)
    (content_dir / "articles" / "good.md.proposed").write_text("---\ntitle: [broken\n---\n", encoding="utf-8")
    (content_dir / "articles" / ".good.md.x1.tmp").write_text("junk", encoding="utf-8")
    (content_dir / "articles" / ".hidden.md").write_text("junk", encoding="utf-8")
    content = load(content_dir)
    assert content.problems == ()
    assert [a.id for a in content.articles] == ["good"]


def test_articles_sorted_by_date_desc_then_id(content_dir: Path) -> None:
    for name, date in [("b", "2021-03-09"), ("a", "2021-03-09"), ("c", None), ("d", "2021-03-10"), ("0", None)]:
        d = f"'{date}'" if date else "null"
        write(content_dir / "articles" / f"{name}.md", f"---\ntitle: T {name}\ndate: {d}\n---\n\nx\n")
    assert [a.id for a in load(content_dir).articles] == ["d", "a", "b", "0", "c"]


def test_same_seed_claimed_twice(content_dir: Path) -> None:
    sha = "0" * 64
    for name in ("one", "two"):
        write(content_dir / "articles" / f"{name}.md", f"---\ntitle: T\nsource_file: s.txt\nsource_sha256: '{sha}'\n---\n")
    assert lines_for(content_dir, "two.md") == [
        f"articles/two.md:3:14: source_file: seed 's.txt' already belongs to articles/one.md; "
        "each seed has one article (delete one of the two files)"
    ]
    assert [a.id for a in load(content_dir).articles] == ["one"]


def test_missing_folders_are_empty_content(tmp_path: Path) -> None:
    content = load(tmp_path / "nothing")
    assert content.articles == () and content.topics == () and content.problems == ()
    assert format_problems([]) == ""


def test_paths_inside_the_working_directory_are_shown_relative(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (content_dir / "articles" / "a.md").write_text("---\ntitle: A\ndate: 2021-02-30\n---\n", encoding="utf-8")
    monkeypatch.chdir(content_dir.parent)
    (problem,) = load(content_dir.resolve()).problems
    assert problem.format().startswith("content/articles/a.md:3:7: date: ")

"""Strict YAML reading, safe writing and front-matter fences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import yamlio
from generator.yamlio import FrontMatterError, YamlError, dump_yaml, join_front_matter, load_yaml, split_front_matter


@pytest.mark.parametrize(
    "scalar",
    ["NO", "no", "Yes", "yes", "on", "off", "ON", "y", "n", "10:00", "1:20:30", "2021-03-10", "2021-03-10T10:00:00Z", "True", "FALSE", "0x1A", "0o17", "1_000", ".5e", "<<"],
)
def test_yaml11_coercions_stay_strings(scalar: str) -> None:
    assert load_yaml(f"value: {scalar}\n").data == {"value": scalar}


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("10", 10),
        ("010", 10),
        ("-3", -3),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ('"10"', "10"),
        ("'true'", "true"),
    ],
)
def test_core_scalars_resolve(scalar: str, expected: object) -> None:
    value = load_yaml(f"value: {scalar}\n").data["value"]
    assert value == expected and type(value) is type(expected)


def test_positions_of_keys_and_values_with_offset() -> None:
    doc = load_yaml("title: A\ntopics:\n  - ilrs\n  - artemis\nprovenance:\n  title: headline\n", line_offset=1)
    assert doc.positions[("title",)] == (2, 8)
    assert doc.key_positions[("topics",)] == (3, 1)
    assert doc.positions[("topics", 1)] == (5, 5)
    assert doc.positions[("provenance", "title")] == (7, 10)
    assert doc.key_positions[("provenance", "title")] == (7, 3)
    assert doc.where(("topics", 7)) == (4, 3)  # unknown item: falls back to the list


@pytest.mark.parametrize(
    ("text", "line", "col", "message", "field"),
    [
        ("title: A\ntitle: B\n", 3, 1, "duplicate key 'title' (first defined on line 2)", "title"),
        ("a: &x 1\nb: *x\n", 2, 4, "anchors (&x) are not allowed", "a"),
        ("a: 1\nb: *x\n", 3, 4, "aliases (*x) are not allowed", "b"),
        ("a: !!str 1\n", 2, 4, "explicit tags (tag:yaml.org,2002:str) are not allowed", "a"),
        ("a: !custom 1\n", 2, 4, "explicit tags (!custom) are not allowed", "a"),
        ("title: Russia: the plan\n", 2, 14, "mapping values are not allowed here: the title contains", "title"),
        ("topics: [a, b\n", 3, 1, "expected ',' or ']'", "topics"),
        ("p:\n  x: 1\n  x: 2\n", 4, 3, "duplicate key 'x' (first defined on line 3)", None),
    ],
)
def test_rejections_have_positions(text: str, line: int, col: int, message: str, field: str | None) -> None:
    with pytest.raises(YamlError) as info:
        load_yaml(text, line_offset=1)
    err = info.value
    assert (err.line, err.col) == (line, col)
    assert err.message.startswith(message)
    assert err.field == field


def test_colon_hint_shows_the_quoted_line() -> None:
    with pytest.raises(YamlError) as info:
        load_yaml('title: Artemis: the "plan"\n')
    assert info.value.message.endswith('quote the title with double quotes: title: "Artemis: the \\"plan\\""')


def test_tab_hint() -> None:
    with pytest.raises(YamlError) as info:
        load_yaml("topics:\n\t- ilrs\n")
    assert "indent with spaces, not tabs" in info.value.message


def test_empty_document_is_none() -> None:
    assert load_yaml("").data is None
    assert load_yaml("# only a comment\n").data is None


def test_dump_quotes_what_would_be_coerced() -> None:
    data = {
        "no": "NO",
        "time": "10:00",
        "date": "2021-03-10",
        "float": "1e5",
        "bool": "true",
        "null": "null",
        "empty": "",
        "tilde": "~",
        "dash": "- x",
        "hash": "#x",
        "colon": "A: B",
        "apostrophe": "the article's: dateline",
        "unicode": "Chang’e “quoted” 張克儉",
        "long": "word " * 100 + "end",
        "int": 3,
        "none": None,
        "list": ["a", "NO"],
        "map": {"z": "1", "a": "2"},
    }
    text = dump_yaml(data)
    assert load_yaml(text).data == data
    assert "'no': 'NO'\n" in text  # even the key is quoted
    assert "time: '10:00'\n" in text
    assert "date: '2021-03-10'\n" in text
    assert "float: '1e5'\n" in text
    assert 'apostrophe: "the article\'s: dateline"\n' in text
    assert "unicode: Chang’e “quoted” 張克儉\n" in text
    assert list(load_yaml(text).data) == list(data)  # order kept
    assert list(load_yaml(text).data["map"]) == ["z", "a"]
    assert len(text.splitlines()) == len(text.strip().splitlines())  # nothing folded
    assert "long: " + "word " * 100 + "end\n" in text  # no line wrapping


def test_dump_is_also_safe_for_yaml11_readers() -> None:
    import yaml

    data = {"a": "NO", "b": "10:00", "c": "2021-03-10", "d": "on", "e": "0777"}
    assert yaml.safe_load(dump_yaml(data)) == data


def test_dump_refuses_output_that_does_not_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    real = yamlio.load_yaml
    monkeypatch.setattr(yamlio, "load_yaml", lambda text, **kw: yamlio.YamlDoc(data={"other": 1}) if text else real(text))
    with pytest.raises(ValueError, match="round trip"):
        dump_yaml({"a": "b"})


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85\ufeff"), max_size=30),
)
documents = st.dictionaries(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10),
    st.one_of(scalars, st.lists(scalars, max_size=4), st.dictionaries(st.text("abc", min_size=1, max_size=3), scalars, max_size=3)),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_dump_round_trips(data: dict) -> None:
    assert load_yaml(dump_yaml(data)).data == data


def test_split_and_join_front_matter() -> None:
    text = join_front_matter({"title": "A"}, "Body line\n\nSecond\n")
    assert text == "---\ntitle: A\n---\n\nBody line\n\nSecond\n"
    yaml_text, body, start = split_front_matter(text)
    assert yaml_text == "title: A\n"
    assert body == "\nBody line\n\nSecond\n"
    assert start == 4
    assert text.split("\n")[start - 1] == ""


def test_split_without_front_matter_and_unclosed() -> None:
    assert split_front_matter("Just text\n") == (None, "Just text\n", 1)
    with pytest.raises(FrontMatterError) as info:
        split_front_matter("---\ntitle: A\n")
    assert (info.value.line, info.value.col) == (1, 1)


def test_split_ignores_bom() -> None:
    assert split_front_matter("\ufeff---\na: 1\n---\nx\n")[0] == "a: 1\n"


def test_fast_path_gives_the_same_data_and_positions_as_the_strict_loader(monkeypatch):
    """libyaml parses the common case; it must agree with the pure-Python strict loader."""
    from pathlib import Path

    from generator import yamlio

    root = Path(__file__).resolve().parent.parent
    texts = [(p.read_text(encoding="utf-8"), 0) for p in sorted((root / "content" / "topics").glob("*.yml"))]
    for p in sorted((root / "content" / "articles").glob("*.md")):
        front, _, _ = yamlio.split_front_matter(p.read_text(encoding="utf-8"))
        texts.append((front, 1))
    texts.append(("title: 张克俭 — “x”\nsource: NO\ntime: 10:00\nn: 1.5\nl:\n  - yes\n  - {a: [b]}\n", 1))
    fast = [yamlio._fast_load(t, off) for t, off in texts]
    assert all(doc is not None for doc in fast)  # none of these needs the slow path
    monkeypatch.setattr(yamlio, "_fast_load", lambda text, offset: None)
    for (text, off), doc in zip(texts, fast):
        strict = yamlio.load_yaml(text, line_offset=off)
        assert (doc.data, doc.positions, doc.key_positions) == (strict.data, strict.positions, strict.key_positions)


def test_documents_the_fast_path_cannot_judge_go_to_the_strict_loader():
    from generator import yamlio

    for text in ("a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n", "title: Mars: red\n"):
        assert yamlio._fast_load(text, 0) is None
        with pytest.raises(yamlio.YamlError):
            yamlio.load_yaml(text)

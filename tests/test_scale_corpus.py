"""The scale benchmark's synthetic corpus: deterministic, with body-only names."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from corpus import make_dump, unique_name, write_dumps  # noqa: E402


def _tree(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def test_same_n_and_seed_give_identical_bytes(tmp_path):
    write_dumps(tmp_path / "a", 25, seed=7)
    write_dumps(tmp_path / "b", 25, seed=7)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_article_i_does_not_depend_on_n_and_seed_matters():
    assert make_dump(3, 5) == make_dump(3, 5)
    assert make_dump(3, 5).text != make_dump(4, 5).text


def test_unique_names_are_unique():
    names = [unique_name(i) for i in range(20_000)]
    assert len(set(names)) == len(names)
    surnames = [n.split()[-1] for n in names]
    assert len(set(surnames)) == len(surnames)


@pytest.mark.parametrize("i", range(40))
def test_unique_name_is_in_the_body_only(i):
    d = make_dump(1, i)
    surname = d.unique_name.split()[-1]
    assert d.text.count(surname) == 1
    assert surname not in d.title
    after_header = d.text[d.text.index(d.title):].split("\n\n")[1:]  # header block ends at the first blank line
    assert surname not in after_header[0], "the name must not be in the lead paragraph"
    assert any(surname in p for p in after_header[1:])


def test_dumps_carry_boilerplate_and_varied_metadata():
    dumps = [make_dump(1, i) for i in range(300)]
    assert len({d.publisher for d in dumps}) >= 35
    assert len({d.date[:4] for d in dumps}) >= 10
    assert {d.theme for d in dumps} == {"ilrs", "artemis", "iss", "china", "other"}
    text = "\n".join(d.text for d in dumps)
    for chrome in ("Skip to content", "Share", "cookies", "Source: ", "Related articles", "Comments (", "All rights reserved"):
        assert chrome in text

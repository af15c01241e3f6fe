"""Slugs are confined file names/URL segments, unique and order-independent."""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import UserError
from generator.read import read_file
from generator.slug import RESERVED, assign_slugs, safe_join, slugify


def _examples(default: int) -> int:
    """Hypothesis examples per property; raise with SAFETY_EXAMPLES for a long soak."""
    return int(os.environ.get("SAFETY_EXAMPLES", default))


HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Russia and China plan a lunar station", "russia-and-china-plan-a-lunar-station"),
        ("Ça marche: Łódź & Straße", "ca-marche-lodz-and-strasse"),
        ("．．／．．／etc／passwd", "etc-passwd"),
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("ＦＵＬＬ　ＷＩＤＴＨ", "full-width"),
        ("東京", "article"),
        ("", "article"),
        ("---", "article"),
        ("Index", "index-page"),
        ("404", "404-page"),
        ("assets", "assets-page"),
        ("CON", "con-page"),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize("name", sorted(RESERVED))
def test_reserved_names_are_suffixed(name):
    slug = slugify(name)
    assert slug != name and slug not in RESERVED and slug.startswith(name)


def test_length_is_bounded_at_a_word_boundary():
    slug = slugify("word " * 40, max_len=30)
    assert len(slug) <= 30 and not slug.endswith("-")
    assert slug == "word-" * 5 + "word"
    assert slugify("x" * 100, max_len=30) == "x" * 30


def test_traversal_title_from_fixture_stays_inside(tmp_path):
    doc = read_file(HOSTILE / "traversal_title.txt")
    title = doc.text.split("\n", 1)[0]
    slug = slugify(title)
    assert SLUG_RE.fullmatch(slug)
    target = safe_join(tmp_path, "articles", f"{slug}.md")
    assert target.parent == (tmp_path / "articles").resolve()


def test_safe_join_refuses_escape(tmp_path):
    with pytest.raises(UserError, match="outside"):
        safe_join(tmp_path, "..", "etc", "passwd")
    with pytest.raises(UserError):
        safe_join(tmp_path, "/etc/passwd")
    with pytest.raises(UserError):
        safe_join(tmp_path, "a/../../b")
    with pytest.raises(UserError):
        safe_join(tmp_path, "a\x00b")
    assert safe_join(tmp_path, "a/../b") == tmp_path.resolve() / "b"
    assert safe_join(tmp_path) == tmp_path.resolve()


def test_safe_join_refuses_symlink_escape(tmp_path):
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "link").symlink_to(tmp_path)
    with pytest.raises(UserError):
        safe_join(tmp_path / "root", "link", "x")


def test_case_insensitive_collisions_get_key_hashes():
    items = [("A.txt", "Moon Base"), ("b.txt", "moon base"), ("c.txt", "MOON-BASE!"), ("d.txt", "Other")]
    slugs = assign_slugs(items)
    assert slugs["d.txt"] == "other"
    moon = [slugs[k] for k in ("A.txt", "b.txt", "c.txt")]
    assert len({s.lower() for s in moon}) == 3
    assert all(re.fullmatch(r"moon-base-[0-9a-f]{8}", s) for s in moon)


def test_assignment_is_order_independent():
    items = [(f"{i:03}.txt", f"Title {i % 7}") for i in range(40)] + [("x.txt", "index"), ("y.txt", "Index")]
    expected = assign_slugs(items)
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert assign_slugs(shuffled) == expected


def test_suffix_does_not_depend_on_other_members():
    one = assign_slugs([("a.txt", "Same"), ("b.txt", "Same")])
    two = assign_slugs([("a.txt", "Same"), ("b.txt", "Same"), ("c.txt", "Same")])
    assert one["a.txt"] == two["a.txt"] and one["b.txt"] == two["b.txt"]


def test_suffixed_slug_colliding_with_a_title_is_resolved():
    first = assign_slugs([("a.txt", "Same"), ("b.txt", "Same")])
    items = [("a.txt", "Same"), ("b.txt", "Same"), ("c.txt", first["a.txt"])]
    slugs = assign_slugs(items)
    assert len(set(slugs.values())) == 3


def test_duplicate_keys_are_an_error():
    with pytest.raises(ValueError):
        assign_slugs([("a", "x"), ("a", "y")])


# ---- properties -----------------------------------------------------------

TITLES = st.text(max_size=120) | st.sampled_from(sorted(RESERVED)) | st.from_regex(r"[ A-Za-z./．／]{0,80}", fullmatch=True)


@settings(max_examples=_examples(500), deadline=None)
@given(TITLES, st.integers(min_value=12, max_value=100))
def test_property_slug_is_confined(title, max_len):
    slug = slugify(title, max_len=max_len)
    assert SLUG_RE.fullmatch(slug)
    assert len(slug) <= max_len
    assert slug not in RESERVED


@settings(max_examples=_examples(300), deadline=None)
@given(st.lists(st.tuples(st.text(max_size=20), TITLES), max_size=30, unique_by=lambda kv: kv[0]))
def test_property_assigned_slugs_are_unique_and_confined(items):
    slugs = assign_slugs(items)
    assert set(slugs) == {k for k, _ in items}
    values = list(slugs.values())
    assert len({v.lower() for v in values}) == len(values)
    for slug in values:
        assert SLUG_RE.fullmatch(slug) and len(slug) <= 60 and slug not in RESERVED
    assert assign_slugs(list(reversed(items))) == slugs

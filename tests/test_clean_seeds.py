"""Golden tests: the five seed files clean to the hand-reviewed bodies.

Expected bodies live in ``tests/fixtures/clean/expected/<seed-stem>.txt``:
every article sentence present, no title (it is metadata), no user cards,
replies, publisher/date lines, captions, bios, source lines or glued widgets.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.clean import clean, explain

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
EXPECTED = ROOT / "tests" / "fixtures" / "clean" / "expected"


def test_all_seeds_have_expectations():
    assert len(SEEDS) == 5
    for seed in SEEDS:
        assert (EXPECTED / seed.name).exists(), seed.name


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_body_matches_expected(seed: Path):
    result = clean(seed.read_text(encoding="utf-8"))
    expected = (EXPECTED / seed.name).read_text(encoding="utf-8").rstrip("\n")
    assert result.body == expected, explain(result)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_input_line_has_a_decision(seed: Path):
    text = seed.read_text(encoding="utf-8")
    result = clean(text)
    assert [d.number for d in result.lines] == list(range(1, len(text.splitlines()) + 1))
    for d in result.lines:
        assert d.reason, d
    assert result.language == "en"


def _by_text(result, needle):
    return next(d for d in result.lines if needle in d.text)


def test_forum_seed_keeps_subheadings_and_drops_chrome():
    result = clean((ROOT / "seeds" / "001_5897ebab3c82f283.txt").read_text(encoding="utf-8"))
    for heading in ("'A worthy partner'", "Space rivals, space allies"):
        d = _by_text(result, heading)
        assert d.kept and d.heading
    for chrome, reason in (
        ("SENIOR MEMBER", "forum:user-card"),
        ("qwerrty", "forum:user-card"),
        ("Comprehensive Strategic Partners", "forum:"),
        ("You must log in or register", "forum:"),
        ("Similar threads", "forum:"),
        ("| DW | 09.03.2021", "chrome:title-publisher"),
        ("Deutsche Welle (www.dw.com)", "chrome:publisher"),
        ("2-3 minutes", "chrome:reading-time"),
    ):
        d = _by_text(result, chrome)
        assert not d.kept and d.reason.startswith(reason), d
    assert not result.lines[0].kept  # "What's new" after the header date
    assert result.dropped_count > 50


def test_header_lead_sentence_is_kept_without_the_date():
    result = clean((ROOT / "seeds" / "000_a196451088c2ef19.txt").read_text(encoding="utf-8"))
    first = result.lines[0]
    assert first.kept and first.reason == "header-lead"
    assert first.text.startswith("Russia and China plan to deepen")
    assert "2021-03-10" not in result.body


def test_glued_video_title_is_cut_and_caption_bio_dropped():
    result = clean((ROOT / "seeds" / "004_2861dd45dee997b4.txt").read_text(encoding="utf-8"))
    d = result.lines[26]
    assert d.kept and d.text.startswith("However, in recent years") and d.reason.startswith("glued-widget")
    assert "0:47" not in result.body
    assert _by_text(result, "Members of the National Space").reason == "caption"
    assert _by_text(result, "is the World News reporter").reason == "author-bio"
    assert result.lines[38].reason == "author-bio:name"
    assert not result.lines[0].kept and not result.lines[2].kept  # duplicated title


def test_skip_link_title_and_source_line_leave_the_body():
    result = clean((ROOT / "seeds" / "003_a8417f131f1ec0e7.txt").read_text(encoding="utf-8"))
    assert result.lines[0].reason.startswith("chrome:skip-link")
    assert not result.lines[2].kept  # title
    assert result.lines[12].reason.startswith("chrome:source-line")

"""describe(): metadata from the whole dump, with provenance and warnings."""

from __future__ import annotations

import hashlib
import textwrap

import pytest
from tests.conftest import SEEDS
from generator.clean import clean
from generator.read import read_file
from tests import standins

from generator.describe import (
    canonical_publisher,
    describe,
    find_dates,
    first_sentence,
    parse_date,
    publisher_for_domain,
    shorten_title,
    stopword_language,
)
from generator.model import Metadata, RawDoc


def seed(prefix: str) -> Metadata:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    raw = read_file(path)
    return describe(raw, clean(raw.text), detect_language=stopword_language)


def doc(text: str, *, header: str | None = None, html: str | None = None, name: str = "x.txt") -> RawDoc:
    text = textwrap.dedent(text).strip("\n")
    return RawDoc(path=name, name=name, sha256=hashlib.sha256(text.encode()).hexdigest(), text=text, header_date=header, html=html)


def meta(text: str, **kw) -> Metadata:
    """describe() on a fixed split (every sentence-like line kept), so a rule is tested alone."""
    raw = doc(text, **kw)
    return describe(raw, standins.clean(raw.text), detect_language=stopword_language)


# ---------------------------------------------------------------- the seeds


def test_seed_000_title_from_lead_sentence_date_from_header() -> None:
    m = seed("000")
    assert m.title == "Russia and China plan to deepen their geopolitical ties"
    assert m.date == "2021-03-10"
    assert m.provenance["title"] == "lead-sentence" and m.provenance["date"] == "seed-header"
    assert m.language == "en"
    assert any(w.startswith("title: the dump has no headline") for w in m.warnings)


def test_seed_001_forum_thread_with_dw_title_line() -> None:
    m = seed("001")
    assert m.title == "Russia, China agree to build lunar station together"
    assert m.source == "DW"
    assert m.date == "2021-03-09"  # 09.03.2021 is European
    assert m.provenance["date"] == "dateline"
    assert "date: header says 2021-02-18 but the article's dateline says 2021-03-09 (kept the dateline)" in m.warnings
    assert m.author is None  # forum user names are not authors


def test_seed_002_title_from_lead_sentence() -> None:
    m = seed("002")
    assert m.title == "Russia and China on Tuesday unveiled plans for a joint lunar space station"
    assert m.date == "2021-03-11" and m.provenance["date"] == "seed-header"


def test_seed_003_source_line() -> None:
    m = seed("003")
    assert m.title == "China and Russia to Build a Joint Lunar Research Station"
    assert (m.source, m.date) == ("BBC Chinese", "2021-03-10")
    assert m.provenance["source"] == "source-line" and m.provenance["date"] == "source-line"
    assert m.warnings == ()


def test_seed_004_bio_gives_author_and_publisher() -> None:
    m = seed("004")
    assert m.title == "China and Russia agree to build a joint lunar space station"
    assert (m.author, m.source) == ("Melissa Galbraith", "Globe Live Media")
    assert m.provenance["author"] == "bio" and m.provenance["source"] == "bio"
    assert m.date is None and "date: no date found in the page; please add one" in m.warnings


def test_header_left_in_text_is_understood() -> None:
    raw = doc(" date 2021-03-10 Russia and China plan to deepen their ties, this time in space with a lunar station built together.")
    m = describe(raw, clean(raw.text), detect_language=stopword_language)
    assert m.date == "2021-03-10" and m.title == "Russia and China plan to deepen their ties"


# ---------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("09.03.2021", "2021-03-09"),
        ("March 10, 2021", "2021-03-10"),
        ("Mar. 10 2021", "2021-03-10"),
        ("10 March 2021", "2021-03-10"),
        ("10th of March, 2021", "2021-03-10"),
        ("2021-03-10", "2021-03-10"),
        ("25/03/2021", "2021-03-25"),
        ("03/25/2021", "2021-03-25"),
        ("03/04/2021", None),  # ambiguous: not guessed
        ("31.02.2021", None),  # impossible
        ("no date here", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


def test_find_dates_does_not_double_count() -> None:
    assert [d for d, _ in find_dates("Source: BBC Chinese, March 10, 2021 and 2021-03-11")] == ["2021-03-10", "2021-03-11"]


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Short and sweet lead sentence here.", "Short and sweet lead sentence here"),
        (
            "NASA said on Monday that the Artemis program would land the first woman on the Moon as soon as 2024 with help from partners.",
            "NASA said on Monday that the Artemis program would land the first…",
        ),
        (
            "The agency confirmed the plan to build the station near the south pole as it prepares another mission.",
            "The agency confirmed the plan to build the station near the south pole",
        ),
    ],
)
def test_shorten_title(sentence: str, title: str) -> None:
    assert shorten_title(sentence) == title


def test_first_sentence_skips_abbreviations() -> None:
    assert first_sentence("The U.S. and Mr. Smith met on Oct. 1 in Washington. Then they left.") == (
        "The U.S. and Mr. Smith met on Oct. 1 in Washington."
    )


def test_byline_and_dateline_beat_the_header() -> None:
    m = meta(
        """
        Moon base plans take shape
        By Jane Doe and John Roe
        March 12, 2021
        Officials from both agencies described how the plans for a moon base take shape, in a long statement.
        """,
        header="2021-03-20",
    )
    assert m.title == "Moon base plans take shape" and m.provenance["title"] == "headline"
    assert m.author == "Jane Doe and John Roe" and m.provenance["author"] == "byline"
    assert m.date == "2021-03-12"
    assert m.warnings == ("date: header says 2021-03-20 but the article's dateline says 2021-03-12 (kept the dateline)",)


def test_site_line_and_domain_line_use_the_publisher_list() -> None:
    m = meta(
        """
        Deutsche Welle (www.dw.com)
        Officials from both agencies described the next steps of the lunar station programme in a long statement.
        """
    )
    assert (m.source, m.provenance["source"]) == ("DW", "site-line")
    m = meta(
        """
        bbc.com
        Officials from both agencies described the next steps of the lunar station programme in a long statement.
        """
    )
    assert (m.source, m.provenance["source"]) == ("BBC", "domain-line")
    m = meta(
        """
        example.org
        Officials from both agencies described the next steps of the lunar station programme in a long statement.
        """
    )
    assert m.source == "example.org"


def test_url_line_and_publisher_from_it() -> None:
    m = meta(
        """
        https://www.reuters.com/article/space-moon-idUS123
        Officials from both agencies described the next steps of the lunar station programme in a long statement.
        """
    )
    assert m.url == "https://www.reuters.com/article/space-moon-idUS123"
    assert (m.source, m.provenance["source"]) == ("Reuters", "url")


def test_forum_user_card_dates_are_not_datelines() -> None:
    m = meta(
        """
        What's new
        China lands a rover on Mars
        someuser
        SENIOR MEMBER
        May 12, 2010
        Officials from both agencies described the next steps of the lunar station programme in a long statement.
        """,
        header="2021-05-15",
    )
    assert m.title == "China lands a rover on Mars"
    assert m.provenance["title"] == "thread-title"
    assert m.date == "2021-05-15" and m.warnings == ()


def test_publisher_helpers() -> None:
    assert publisher_for_domain("www.dw.com") == "DW"
    assert publisher_for_domain("news.bbc.co.uk") == "BBC"
    assert publisher_for_domain("unknown.example") is None
    assert canonical_publisher("Deutsche Welle") == "DW"
    assert canonical_publisher("  BBC Chinese ") == "BBC Chinese"


def test_language_guess() -> None:
    assert stopword_language("Die Raumfahrtbehörde hat nicht gesagt, wann die Station auf dem Mond gebaut wird und mit wem.") == "de"
    assert stopword_language("La agencia dijo que la estación de los dos países se construirá en la Luna para el programa.") == "es"
    assert stopword_language("中国和俄罗斯签署了合作建设国际月球科研站的谅解备忘录。") == "zh"
    assert stopword_language("") == "en"


def test_language_detector_injected_and_failing_detector_falls_back() -> None:
    raw = doc("Die Raumfahrtbehörde hat nicht gesagt, wann die Station auf dem Mond gebaut wird und mit wem.")

    def broken(text: str) -> str:
        raise RuntimeError

    assert describe(raw, clean(raw.text), detect_language=lambda t: "fr").language == "fr"
    m = describe(raw, clean(raw.text), detect_language=broken)
    assert (m.language, m.provenance["language"]) == ("de", "stop-words")


def test_nothing_at_all() -> None:
    m = meta("", name="007_empty.txt")
    assert m.title == "007_empty" and m.provenance["title"] == "file-name"
    assert m.date is None


# ---------------------------------------------------------------- HTML

HTML_FULL = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>China and Russia sign lunar station deal - Example News</title>
<meta property="og:title" content="China and Russia sign lunar station deal">
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-03-09T10:00:00+00:00">
<link rel="canonical" href="https://news.example.com/2021/03/09/lunar-station">
</head><body>
<header>Home | World | Science</header>
<article><h1>China and Russia sign lunar station deal</h1>
<p>China and Russia signed a memorandum on Tuesday to build an international lunar research station together.</p>
<p>The station will be open to all interested countries and international partners, the agencies said.</p>
</article></body></html>
"""

HTML_BARE = """<!doctype html>
<html><head><meta charset="utf-8"></head><body>
<p>dw.com</p>
<p>Moon station plans | DW | 09.03.2021</p>
<p>Russia and China are reaching for the moon with plans to construct a complex of experimental research facilities.</p>
</body></html>
"""


def html_doc(html: str, header: str | None = None) -> Metadata:
    raw = read_file_html(html, header)
    return describe(raw, clean(raw.text), detect_language=stopword_language)


def read_file_html(html: str, header: str | None) -> RawDoc:
    import re

    text = re.sub(r"(?s)<head\b.*?</head>", "", html)
    text = "\n".join(line.strip() for line in re.sub(r"<[^>]+>", "\n", text).split("\n") if line.strip())
    return RawDoc(path="a.html", name="a.html", sha256="0" * 64, text=text, header_date=header, html=html)


def test_html_metadata_wins_with_provenance_html() -> None:
    m = html_doc(HTML_FULL, header="2021-03-20")
    assert m.title == "China and Russia sign lunar station deal"
    assert m.date == "2021-03-09"
    assert m.author == "Jane Doe"
    assert m.source == "Example News"
    assert m.url == "https://news.example.com/2021/03/09/lunar-station"
    assert {m.provenance[k] for k in ("title", "date", "author", "source", "url")} == {"html"}
    assert "date: header says 2021-03-20 but the article's page metadata says 2021-03-09 (kept the page metadata)" in m.warnings


def test_html_without_metadata_falls_back_to_text_rules() -> None:
    m = html_doc(HTML_BARE)
    assert m.date == "2021-03-09" and m.provenance["date"] in ("html", "dateline")
    assert m.source == "DW"
    assert m.title == "Moon station plans" and m.provenance["title"] == "title-line"


def test_broken_html_is_only_missing_evidence() -> None:
    raw = RawDoc(path="b.html", name="b.html", sha256="0" * 64, text="Moon station plans | DW | 09.03.2021", html="\x00<<<")
    m = describe(raw, clean(raw.text), detect_language=stopword_language)
    assert m.date == "2021-03-09"


def test_lead_paragraph_dropped_by_the_cleaner_still_gives_the_title() -> None:
    from generator.model import CleanResult, LineDecision

    raw = doc(
        """
        Russia and China plan to deepen their geopolitical ties, this time in space with a new lunar station.

        The countries' space agencies signed a memorandum of understanding on Tuesday in Moscow and Beijing.

        It will carry out "multidisciplinary and multi-purpose" scientific research activities such as lunar exploration.
        """,
        header="2021-03-10",
    )
    lines = raw.text.split("\n")
    cleaned = CleanResult(tuple(LineDecision(i, t, i == 5 and bool(t), "test") for i, t in enumerate(lines, start=1)))
    m = describe(raw, cleaned, detect_language=stopword_language)
    assert m.title == "Russia and China plan to deepen their geopolitical ties"


def test_such_as_is_not_a_clause_boundary() -> None:
    title = shorten_title(
        "It will carry out multidisciplinary and multi-purpose scientific research activities such as lunar exploration and more."
    )
    assert not title.endswith("such")


def test_short_dump_uses_its_first_words_and_titles_are_plain_text() -> None:
    m = meta("First sentence here.\n\nBody.", name="utf8.txt")
    assert (m.title, m.provenance["title"]) == ("First sentence here", "lead-sentence")
    m = meta("<b>Moon</b> <i>base</i> plans take shape\n\nOfficials described how the plans for a moon base take shape, in a long statement.")
    assert m.title == "Moon base plans take shape"
    m = meta("<script>alert(1)</script>", name="payloads.txt")
    assert (m.title, m.provenance["title"]) == ("payloads", "file-name")


def test_byline_beats_bio_and_the_disagreement_is_a_warning() -> None:
    m = meta(
        """
        Moon base plans take shape
        By Jane Doe
        Officials described how the plans for a moon base take shape, in a long statement on Tuesday.
        John Roe is a science reporter for Example Media.
        """
    )
    assert (m.author, m.provenance["author"]) == ("Jane Doe", "byline")
    assert "author: the byline says Jane Doe but the page also names John Roe (kept Jane Doe)" in m.warnings
    assert (m.source, m.provenance["source"]) == ("Example Media", "bio")

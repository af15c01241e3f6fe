"""Assign articles to topics from the topic keywords, favouring precision.

A wrong assignment puts an unrelated article's sentences into a topic's facts
and timeline, which readers notice at once; a missed one only loses a source.
So a keyword hit alone is not enough: the score weighs where and how often the
keywords occur, and ambiguous one-word keywords ("Artemis" the goddess,
"ISS" the company) only count when the text is about spaceflight at all.

Decision rule (``assign_topics``), with the constants below:

* every keyword occurrence scores ``MULTI_WEIGHT`` (1.5) if the keyword is
  specific (several words, or a name with a digit such as ``Tianwen-1``) and
  ``SINGLE_WEIGHT`` (1.0) otherwise; occurrences in the title count
  ``TITLE_FACTOR`` (3) times.  Overlapping matches keep the longest keyword,
  and an acronym in brackets right after its long form ("International Space
  Station (ISS)") is the same mention;
* hits of ambiguous keywords (one word, no digit or apostrophe) count only if
  the text uses at least ``MIN_CONTEXT`` (3) distinct spaceflight words;
* a topic is assigned when its score is at least ``MIN_SCORE`` (3.0) **and**
  the keywords appear in the title, or their density is at least
  ``MIN_DENSITY`` (2.0 hits per 1000 words, with texts shorter than 150 words
  counted as 150), or at least two distinct keywords occur three or more
  times in all; **and** the score is at least ``RELATIVE`` (0.2) of the best
  topic's score for the same article, so a side remark does not make a
  second topic.
* alternatively, two or more body hits at a density of at least
  ``SHORT_DENSITY`` (5 per 1000 words) pass on their own: a short report that
  names Artemis twice in 300 words is about Artemis.

With these values a single passing mention ("SpaceX has made 23 visits to the
ISS") never assigns a topic, while an article whose title names the topic, or
a short article mentioning it twice, is found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.model import Topic

MULTI_WEIGHT = 1.5
SINGLE_WEIGHT = 1.0
TITLE_FACTOR = 3.0
MIN_CONTEXT = 3
MIN_SCORE = 3.0
MIN_DENSITY = 2.0
MIN_WORDS_FOR_DENSITY = 150
SHORT_DENSITY = 5.0
RELATIVE = 0.2

_APOS_CLASS = "['\u2019\u2018\u02bc`\u00b4]"
_SEP_CLASS = "[\\s\\-\u2010\u2011\u2012\u2013]+"

# Words that show a text is about spaceflight; used only to accept hits of
# ambiguous keywords.  Distinct words are counted, not occurrences.
_SPACE_WORDS = frozenset(
    """space spaceflight spacecraft spaceship astronaut astronauts cosmonaut cosmonauts taikonaut
    taikonauts nasa esa roscosmos cnsa jaxa spacex orbit orbital orbiting rocket rockets launch
    launched launches lunar moon mars satellite satellites probe rover lander mission missions
    module capsule crewed uncrewed telescope planetary asteroid spacewalk""".split()
)
_WORD_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)*")


@dataclass(frozen=True)
class KeywordHit:
    """One keyword occurrence, kept so ``explain`` can show why a topic was chosen."""

    keyword: str
    start: int
    end: int
    in_title: bool
    weight: float


@dataclass(frozen=True)
class TopicScore:
    """Why an article does or does not belong to one topic."""

    topic_id: str
    score: float
    title_hits: int
    body_hits: int
    distinct: tuple[str, ...]  # keywords that occurred, in topic keyword order
    density: float  # body hits per 1000 words
    context: int  # distinct spaceflight words in the text
    passes: bool  # the absolute rule (before comparing with other topics)
    reason: str


def _is_acronym(keyword: str) -> bool:
    letters = [c for c in keyword if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in keyword.strip()


def _is_specific(keyword: str) -> bool:
    k = keyword.strip()
    return len(k.split()) > 1 or any(c.isdigit() for c in k)


def _is_ambiguous(keyword: str) -> bool:
    k = keyword.strip()
    return len(k.split()) == 1 and not any(c.isdigit() for c in k) and not re.search(_APOS_CLASS, k)


_WORD_START = r"(?<![\w'\u2019])"  # a keyword starts a word


def _keyword_body(keyword: str) -> str:
    """Regex source for one keyword after its word-start check (see ``keyword_pattern``)."""
    parts = re.split(r"[\s\-\u2010\u2011\u2012\u2013]+", keyword.strip())
    rendered = []
    for part in parts:
        pieces = re.split(_APOS_CLASS, part)
        rendered.append(_APOS_CLASS.join(re.escape(p) for p in pieces))
    body = _SEP_CLASS.join(rendered)
    return body + r"(?!\w)(?!['\u2019](?!s\b)\w)"


@lru_cache(maxsize=4096)
def keyword_pattern(keyword: str) -> re.Pattern[str]:
    """Regex for one keyword: whole words, any apostrophe, space or hyphen between parts.

    Acronyms are case-sensitive ("ISS" is not "iss"); other keywords are not.
    A keyword without an apostrophe never matches across one, so ``change``
    cannot match ``Chang'e`` and ``Chang'e`` cannot match ``change``.
    """
    flags = 0 if _is_acronym(keyword) else re.IGNORECASE
    return re.compile(_WORD_START + _keyword_body(keyword), flags)


@lru_cache(maxsize=1024)
def _keyword_scanner(keywords: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[tuple[str, bool, float], ...]]:
    """One alternation over a topic's keywords (longest first), scanned once per text.

    The word-start check every keyword pattern begins with is written once
    before the alternation, so positions inside a word are rejected before any
    keyword is tried; it is the same check at the same place, so the matches
    are those of the keywords' own patterns.  Returns the pattern and, per
    keyword, ``(keyword, is acronym, weight)``.
    """
    kws = tuple(sorted({k for k in keywords if k.strip()}, key=lambda k: (-len(k), k)))
    parts = []
    for n, kw in enumerate(kws):
        body = _keyword_body(kw)
        scoped = body if _is_acronym(kw) else f"(?i:{body})"
        parts.append(f"(?P<k{n}>{scoped})")
    pattern = _WORD_START + "(?:" + "|".join(parts) + ")" if parts else r"(?!x)x"
    traits = tuple((kw, _is_acronym(kw), MULTI_WEIGHT if _is_specific(kw) else SINGLE_WEIGHT) for kw in kws)
    return re.compile(pattern), traits


_BRACKET_OPEN_RE = re.compile(r"\s*\(")


def find_keywords(text: str, keywords: Sequence[str], in_title: bool = False) -> list[KeywordHit]:
    """All non-overlapping keyword occurrences, longest keyword first at each place."""
    pattern, traits = _keyword_scanner(tuple(keywords))
    out: list[KeywordHit] = []
    for m in pattern.finditer(text):
        kw, acronym, weight = traits[int(m.lastgroup[1:])]
        # "International Space Station (ISS)": the bracketed acronym is the same mention.
        if out and acronym and _BRACKET_OPEN_RE.fullmatch(text, out[-1].end, m.start()):
            continue
        out.append(KeywordHit(kw, m.start(), m.end(), in_title, weight))
    return out


def space_context(text: str) -> int:
    """Number of distinct spaceflight words in a text."""
    return len({w.lower() for w in _WORD_RE.findall(text)} & _SPACE_WORDS)


def topic_score(title: str, text: str, topic: Topic) -> TopicScore:
    """Score one article against one topic and say whether it passes the absolute rule."""
    context = space_context(title + "\n" + text)
    hits = find_keywords(title, topic.keywords, True) + find_keywords(text, topic.keywords, False)
    if context < MIN_CONTEXT:
        hits = [h for h in hits if not _is_ambiguous(h.keyword)]
    title_hits = sum(1 for h in hits if h.in_title)
    body_hits = len(hits) - title_hits
    score = sum(h.weight * (TITLE_FACTOR if h.in_title else 1.0) for h in hits)
    n_words = max(len(_WORD_RE.findall(text)), MIN_WORDS_FOR_DENSITY)
    density = body_hits * 1000.0 / n_words
    seen = {h.keyword for h in hits}
    distinct = tuple(k for k in topic.keywords if k in seen)
    reasons = []
    if score < MIN_SCORE:
        reasons.append(f"score {score:.1f} < {MIN_SCORE}")
    spread = title_hits > 0 or density >= MIN_DENSITY or (len(distinct) >= 2 and body_hits >= 3)
    if not spread:
        reasons.append(f"no title hit, density {density:.2f}/1000 words, {len(distinct)} distinct")
    # A short text that keeps coming back to the topic is about it even with few hits.
    dense = body_hits >= 2 and density >= SHORT_DENSITY
    passes = not reasons or dense
    reason = "passes" if passes else "; ".join(reasons)
    return TopicScore(
        topic_id=topic.id,
        score=round(score, 3),
        title_hits=title_hits,
        body_hits=body_hits,
        distinct=distinct,
        density=round(density, 3),
        context=context,
        passes=passes,
        reason=reason,
    )


def score_topics(title: str, text: str, topics: Sequence[Topic]) -> tuple[TopicScore, ...]:
    """Scores for every topic, in the given topic order."""
    return tuple(topic_score(title, text, t) for t in topics)


def assign_topics(title: str, text: str, topics: Sequence[Topic]) -> tuple[str, ...]:
    """Topic ids the article belongs to, in the order of ``topics``.

    Deterministic: the result depends only on the arguments.
    """
    scores = score_topics(title, text, topics)
    best = max((s.score for s in scores), default=0.0)
    return tuple(s.topic_id for s in scores if s.passes and s.score >= RELATIVE * best)

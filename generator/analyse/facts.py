"""Key facts: what the articles of a topic say, each statement shown once.

Five papers reporting one agreement repeat the same facts in different words.
Listing every sentence would bury the reader; listing one article's sentences
would hide that the others confirm them.  So sentences about the topic are
grouped when they say the same thing (content-word overlap after light
stemming, synonyms and alias folding, weighted by rarity within the topic),
each group is shown once through its clearest sentence, and groups are ranked
by how many independent sources state them, then by how central they are to
the topic, not by the order articles happened to be read in.

Grouping runs per topic and finds candidate pairs through an inverted index
(``text.group_similar``), so the cost grows with the topic's sentences, not
with the square of the whole collection.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.analyse.text import centrality_in_group, group_similar, idf_weights, short_hash

GROUP_THRESHOLD = 0.35
MAX_FACTS = 30
PROFILE_SINGLE = 3
PROFILE_SHARED = 2
MIN_WORDS = 7
MAX_WORDS = 70

_PRONOUN_START = re.compile(r"^(?:It|They|This|These|That|Those|He|She|Its|Their|Then|And|But|So)\b")
_RELATIVE_TIME = re.compile(r"\b(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                            r"yesterday|today|last year|this year)\b")


@dataclass(frozen=True)
class FactCandidate:
    """A sentence that may state a key fact of a topic."""

    article_id: str
    publisher: str | None
    sentence: int  # index in the article
    position: float  # 0.0 = first sentence, 1.0 = last
    text: str
    tokens: frozenset[str]
    keyword_hits: int


@dataclass(frozen=True)
class Fact:
    """One statement, shown once, with every article that makes it."""

    id: str  # stable: hash of the normalised representative text
    text: str  # the clearest sentence of the group
    sources: tuple[str, ...]  # article ids, earliest article first
    variants: tuple[str, ...]  # the other sentences of the group (for review)
    score: float
    pinned: bool = False


def _clarity(c: FactCandidate, centrality: float) -> float:
    """How well a sentence can stand alone as the group's representative.

    Prefers sentences that are central to the group, of moderate length, that
    do not open with a pronoun (they need the previous sentence), and that do
    not lean on the article's date ("on Tuesday").
    """
    n = len(c.text.split())
    score = centrality
    score -= 0.01 * max(0, n - 32) + 0.02 * max(0, 12 - n)
    if _PRONOUN_START.match(c.text):
        score -= 0.35
    if _RELATIVE_TIME.search(c.text):
        score -= 0.05
    if c.text.count("\u201c") != c.text.count("\u201d") or c.text.count('"') % 2:
        score -= 0.1
    return score


def is_candidate_text(text: str) -> bool:
    """Sentences that can be facts: declarative, not too short or long."""
    n = len(text.split())
    return MIN_WORDS <= n <= MAX_WORDS and not text.rstrip().endswith("?")


def build_facts(
    candidates: Sequence[FactCandidate],
    article_dates: Mapping[str, str | None],
    n_articles: int,
    profile: frozenset[str] = frozenset(),
    max_facts: int = MAX_FACTS,
) -> tuple[Fact, ...]:
    """Group candidate sentences of one topic and rank the groups.

    ``profile`` is the topic's own vocabulary (title, summary, keywords).  A
    group is kept when one of its sentences names a topic keyword or shares
    enough of that vocabulary (``PROFILE_SINGLE`` words for a statement made
    by one article, ``PROFILE_SHARED`` when several articles make it); the
    rest are side remarks of articles that are mainly about something else.
    """
    if not candidates:
        return ()
    token_sets = [c.tokens for c in candidates]
    weights = idf_weights(token_sets)
    # Topic centrality of a token: share of the topic's articles that use it.
    df: dict[str, set[str]] = defaultdict(set)
    for c in candidates:
        for t in c.tokens:
            df[t].add(c.article_id)
    n_art = max(n_articles, 1)

    def centrality(c: FactCandidate) -> float:
        if not c.tokens:
            return 0.0
        shared = [len(df[t]) / n_art for t in c.tokens if len(df[t]) >= 2]
        return round(sum(shared) / math.sqrt(len(c.tokens)), 9)

    def same_article_ok(i: int, j: int) -> bool:
        # Two sentences of one article are rarely the same fact said twice
        # and merging them would inflate nothing but hide content.
        return candidates[i].article_id != candidates[j].article_id

    groups = group_similar(token_sets, GROUP_THRESHOLD, weights, min_shared=2, can_join=same_article_ok)
    facts: list[tuple[tuple, Fact]] = []
    for g in groups:
        members = [candidates[i] for i in g]
        sources = sorted({m.article_id for m in members}, key=lambda a: (article_dates.get(a) or "9999", a))
        publishers = {m.publisher or m.article_id for m in members}
        kw = max(m.keyword_hits for m in members)
        cent = max(centrality(m) for m in members)
        best_pos = min(m.position for m in members)
        overlap = max(len(m.tokens & profile) for m in members)
        needed = PROFILE_SINGLE if len(sources) < 2 else PROFILE_SHARED
        if kw == 0 and overlap < needed:
            continue  # a side remark, not about this topic

        inner = centrality_in_group([token_sets[i] for i in g], weights)

        def rep_key(k: int) -> float:
            return round(_clarity(members[k], inner[k] + 0.1 * min(members[k].keyword_hits, 2)), 9)

        order = sorted(range(len(g)), key=lambda k: (-rep_key(k), members[k].article_id, members[k].sentence))
        rep = members[order[0]]
        score = len(sources) * 10 + len(publishers) * 2 + min(kw, 3) * 1.5 + 0.5 * min(overlap, 6) + cent + (1.0 - best_pos)
        variants = tuple(dict.fromkeys(members[k].text for k in order[1:] if members[k].text != rep.text))
        fact = Fact(short_hash(rep.text, "f"), rep.text, tuple(sources), variants, round(score, 4))
        relevance = min(kw, 3) + 0.5 * min(overlap, 6) + cent
        facts.append(((-len(sources), -len(publishers), -round(relevance, 6), best_pos, fact.id), fact))
    facts.sort(key=lambda kf: kf[0])
    return tuple(f for _, f in facts[:max_facts])

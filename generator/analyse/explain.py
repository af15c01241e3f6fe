"""Put the analysis together per topic, apply curation, and serialise to JSON.

Each article is analysed once (sentences, players, dated events, quotes) no
matter how many topics it belongs to; grouping across articles then happens
only inside a topic.  That keeps the whole run roughly linear in the number
of articles, which matters when a collection grows to thousands of saved
pages.  The JSON written by ``to_json`` is what templates read, so its shape is
documented in ``docs/explainer-json.md`` and its order is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from generator.analyse.assign import find_keywords, score_topics
from generator.analyse.curation import load_curation, matches
from generator.analyse.facts import Fact, FactCandidate, build_facts, is_candidate_text
from generator.analyse.players import (
    Player,
    PlayerEdits,
    PlayerFinder,
    PlayerMention,
    aggregate_players,
    default_finder,
    find_mentions,
)
from generator.analyse.quotes import Quote, find_quotes, merge_quotes
from generator.analyse.sentences import article_sentences
from generator.analyse.text import content_tokens, normalise_for_id, short_hash, weighted_similarity
from generator.analyse.timeline import (
    EventMention,
    TimelineEntry,
    article_events,
    build_timeline,
    label_for,
    status_of,
    timeline_sort_key,
)
from generator.model import Article, Topic


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything extracted from one article, computed once and shared by its topics."""

    article: Article
    sentences: tuple[str, ...]
    paragraphs: tuple[int, ...]  # paragraph index of each sentence
    sentence_tokens: tuple[frozenset[str], ...]  # content tokens with player names folded
    mentions: tuple[PlayerMention, ...]
    events: tuple[EventMention, ...]
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class CoverageItem:
    """One article of a topic, for the "coverage" list (by date, with publisher)."""

    article_id: str
    date: str | None
    publisher: str | None
    title: str


@dataclass(frozen=True)
class RelatedTopic:
    """Another topic sharing articles or players with this one."""

    topic_id: str
    shared_articles: int
    shared_players: int
    score: float


@dataclass(frozen=True)
class TopicAnalysis:
    """The explainer content of one topic."""

    topic_id: str
    articles: tuple[str, ...]
    facts: tuple[Fact, ...]
    timeline: tuple[TimelineEntry, ...]
    players: tuple[Player, ...]
    quotes: tuple[Quote, ...]
    coverage: tuple[CoverageItem, ...]
    related: tuple[RelatedTopic, ...]
    warnings: tuple[str, ...] = ()  # curation selectors that matched nothing, etc.


def _fold_tokens(sentence: str, mentions: Sequence[PlayerMention]) -> frozenset[str]:
    """Content tokens where each player mention becomes one token of its canonical name.

    "National Space Administration of China" and "CNSA" then count as the
    same word when comparing sentences.
    """
    pieces = []
    last = 0
    names = []
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < last:
            continue
        pieces.append(sentence[last:m.start])
        pieces.append(" ")
        names.append("@" + normalise_for_id(m.name).replace(" ", "_"))
        last = m.end
    pieces.append(sentence[last:])
    return content_tokens("".join(pieces)) | frozenset(names)


def _profile_tokens(topic: Topic, finder: PlayerFinder) -> frozenset[str]:
    """The topic's own vocabulary (title, summary, keywords), names folded like sentences."""
    text = " . ".join([topic.title, topic.summary, *topic.keywords])
    found = finder.find(text)
    mentions = [PlayerMention(name, kind, surface, "", 0, a, b, role) for name, kind, surface, a, b, role in found]
    generic = {"spac", "country", "russia", "china", "usa"}
    return frozenset(t for t in _fold_tokens(text, mentions) if t not in generic)


def analyse_article(article: Article, finder: PlayerFinder | None = None) -> ArticleAnalysis:
    """Sentences, player mentions, dated events and quotes of one article."""
    finder = finder or default_finder()
    split = article_sentences(article.text)
    sentences = tuple(s.text for s in split)
    paragraphs = tuple(s.paragraph for s in split)
    mentions = find_mentions(article.id, sentences, finder)
    by_sentence: dict[int, list[PlayerMention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sentence].append(m)
    tokens = tuple(_fold_tokens(s, by_sentence.get(i, [])) for i, s in enumerate(sentences))
    events = article_events(article.id, article.date, sentences)
    quotes = tuple(find_quotes(article.id, sentences, mentions))
    return ArticleAnalysis(article, sentences, paragraphs, tokens, mentions, events, quotes)


def topic_members(
    articles: Sequence[Article], topics: Sequence[Topic]
) -> tuple[dict[str, list[Article]], dict[str, str]]:
    """Articles of each topic, and each article's primary topic.

    The front matter's ``topics`` decide, exactly as written: ``ingest`` fills
    them with ``assign_topics`` when it first writes an article, and after that
    the list belongs to editors (an empty list means "on no topic page";
    re-assigning here would undo an edit).  The primary topic
    is the one with the highest keyword score: an article contributes all of
    its content there, and only its on-topic sentences to its other topics.
    """
    known = {t.id for t in topics}
    members: dict[str, list[Article]] = {t.id: [] for t in topics}
    primary: dict[str, str] = {}
    for a in articles:
        ids = [t for t in a.topics if t in known]
        if not ids:
            continue
        if len(ids) > 1:
            scores = {s.topic_id: s.score for s in score_topics(a.title, a.text, [t for t in topics if t.id in ids])}
            primary[a.id] = sorted(ids, key=lambda t: (-scores.get(t, 0.0), ids.index(t)))[0]
        else:
            primary[a.id] = ids[0]
        for tid in ids:
            members[tid].append(a)
    return members, primary


DISTINCT_OVERLAP = 3


def _relevant_sentences(aa: ArticleAnalysis, keyword_hits: Sequence[int], distinct: frozenset[str]) -> set[int]:
    """Sentences of a secondary article that speak about the topic.

    A sentence counts when it names a topic keyword; the next sentence of the
    same paragraph counts too, because it usually continues the thought
    ("The orbiting science lab celebrated…" after a sentence naming the ISS).
    Shared vocabulary counts only for ``distinct`` words, those of this
    topic's description that the article's primary topic does not use, and
    only ``DISTINCT_OVERLAP`` or more of them: an ILRS article uses most of
    the ISS topic's words without saying anything about the ISS.
    """
    out: set[int] = set()
    for i, hits in enumerate(keyword_hits):
        if hits or len(aa.sentence_tokens[i] & distinct) >= DISTINCT_OVERLAP:
            out.add(i)
            if i + 1 < len(aa.sentences) and aa.paragraphs[i + 1] == aa.paragraphs[i]:
                out.add(i + 1)
    return out


def _date_key(a: Article) -> tuple[str, str]:
    return (a.date or "9999-99-99", a.id)


def _apply_fact_curation(facts: Sequence[Fact], cur: Any, warnings: list[str]) -> tuple[Fact, ...]:
    kept = [f for f in facts if not any(matches(h, f.id, (f.text, *f.variants)) for h in cur.hide)]
    pinned: list[Fact] = []
    for sel in cur.pin:
        hit = next((f for f in kept if matches(sel, f.id, (f.text, *f.variants)) and f not in pinned), None)
        if hit is None:
            warnings.append(f"pin {sel!r} matches no fact")
            continue
        pinned.append(hit)
    rest = [f for f in kept if f not in pinned]
    return tuple([replace(f, pinned=True) for f in pinned] + rest)


def _apply_timeline_curation(entries: Sequence[TimelineEntry], cur: Any,
                             article_dates: Mapping[str, str | None], warnings: list[str]) -> tuple[TimelineEntry, ...]:
    out = [e for e in entries if not any(matches(h, e.id, (e.text,)) for h in cur.hide)]
    for add in cur.timeline:
        precision = {4: "year", 7: "month", 10: "day"}[len(add.date)]
        unknown = [s for s in add.sources if s not in article_dates]
        if unknown:
            warnings.append(f"timeline entry {add.text!r} cites unknown article(s) {unknown}")
        ref = min((article_dates.get(s) for s in add.sources if article_dates.get(s)), default=None)
        status = add.status or status_of(add.date, precision, ref, add.text)
        entry = TimelineEntry(
            id=short_hash(f"{add.date} {add.text}", "t"), date=add.date, precision=precision,
            label=add.label or label_for(add.date, precision), text=add.text, status=status,
            sources=tuple(add.sources), curated=True)
        # The editor's entry replaces extracted ones of the same date saying the same thing.
        new_tokens = content_tokens(add.text)
        out = [e for e in out if not (e.date == add.date and not e.curated and
                                      weighted_similarity(new_tokens, content_tokens(e.text), {}) >= 0.35)]
        out.append(entry)
    return tuple(sorted(out, key=timeline_sort_key))


_REMEMBERED: dict[tuple, ArticleAnalysis] = {}
_REMEMBER_AT_MOST = 50_000


def _article_analysis(article: Article, finder: PlayerFinder, *, remember: bool, store=None) -> ArticleAnalysis:
    """``analyse_article``, reusing an earlier result of the same article content.

    Two places can hold one: this process's memory (``remember``: ``mkdocs
    serve`` rebuilds the site in the same process after every edit) and the
    on-disk ``store`` (:mod:`generator.analyse.store`, filled by ingest and
    by earlier builds).  The key holds every field ``analyse_article`` reads.
    """
    key = (article.id, article.title, article.date, article.source, article.language, article.text)
    found = _REMEMBERED.get(key) if remember else None
    if found is None and store is not None:
        found = store.get(article)
    if found is None:
        found = analyse_article(article, finder)
        if store is not None:
            store.put(article, found)
    if remember:
        if len(_REMEMBERED) >= _REMEMBER_AT_MOST:
            _REMEMBERED.clear()
        _REMEMBERED[key] = found
    return found if found.article is article else replace(found, article=article)


def analyse(
    articles: Sequence[Article],
    topics: Sequence[Topic],
    *,
    finder: PlayerFinder | None = None,
    remember: bool = True,
    store=None,
) -> dict[str, TopicAnalysis]:
    """Facts, timeline, players, quotes, coverage and related topics for every topic.

    ``remember``: keep each article's analysis for the life of the process, so
    the next call re-analyses only changed articles (``mkdocs serve``); a
    one-off build passes False and its memory is freed when it returns.
    ``store``: an :class:`~generator.analyse.store.AnalysisStore` to read
    per-article results from and add new ones to (the caller saves it).

    Raises ``curation.CurationError`` when a topic's curation block is malformed.
    """
    shared = finder is None  # only the packaged gazetteer's results are kept between calls
    finder = finder or default_finder()
    topics = sorted(topics, key=lambda t: (t.order, t.id))
    members, primary = topic_members(articles, topics)
    cache: dict[str, ArticleAnalysis] = {}

    def get(a: Article) -> ArticleAnalysis:
        if a.id not in cache:
            cache[a.id] = (
                _article_analysis(a, finder, remember=remember, store=store) if shared else analyse_article(a, finder)
            )
        return cache[a.id]

    # An article's analysis is dropped after the last of its topics, so memory
    # holds about one topic's articles at a time rather than the whole collection.
    uses: dict[str, int] = defaultdict(int)
    for tid in members:
        for a in members[tid]:
            uses[a.id] += 1

    def done_with(arts: Sequence[Article]) -> None:
        for a in arts:
            uses[a.id] -= 1
            if uses[a.id] == 0:
                cache.pop(a.id, None)

    profiles = {t.id: _profile_tokens(t, finder) for t in topics}
    partial: dict[str, TopicAnalysis] = {}
    for topic in topics:
        cur = load_curation(topic.curation, topic.path)
        warnings: list[str] = []
        arts = sorted(members[topic.id], key=_date_key)
        dates = {a.id: a.date for a in arts}
        analyses = [get(a) for a in arts]

        profile = profiles[topic.id]
        candidates: list[FactCandidate] = []
        events: list[EventMention] = []
        mentions: list[PlayerMention] = []
        quotes: list[Quote] = []
        for aa in analyses:
            n = max(len(aa.sentences) - 1, 1)
            hits = [len(find_keywords(s, topic.keywords)) for s in aa.sentences]
            if primary.get(aa.article.id) == topic.id:
                relevant = set(range(len(aa.sentences)))
            else:
                other = profiles.get(primary.get(aa.article.id, ""), frozenset())
                relevant = _relevant_sentences(aa, hits, profile - other)
            for i, s in enumerate(aa.sentences):
                if i in relevant and is_candidate_text(s):
                    candidates.append(FactCandidate(aa.article.id, aa.article.source, i, i / n, s,
                                                    aa.sentence_tokens[i], hits[i]))
            events.extend(e for e in aa.events if e.sentence in relevant)
            mentions.extend(m for m in aa.mentions if m.sentence in relevant)
            quotes.extend(q for q in aa.quotes if q.index in relevant)

        facts = _apply_fact_curation(build_facts(candidates, dates, len(arts), profile), cur, warnings)
        timeline = _apply_timeline_curation(build_timeline(events, dates), cur, dates, warnings)
        edits = PlayerEdits(cur.players.rename, cur.players.merge, frozenset(cur.players.hide))
        players = aggregate_players(mentions, edits)
        del analyses
        done_with(arts)
        coverage = tuple(CoverageItem(a.id, a.date, a.source, a.title) for a in arts)
        partial[topic.id] = TopicAnalysis(
            topic_id=topic.id,
            articles=tuple(a.id for a in arts),
            facts=facts,
            timeline=timeline,
            players=players,
            quotes=merge_quotes(quotes, dates),
            coverage=coverage,
            related=(),
            warnings=tuple(warnings),
        )
    return {tid: replace(ta, related=_related(ta, partial)) for tid, ta in partial.items()}


def _related(ta: TopicAnalysis, all_topics: Mapping[str, TopicAnalysis]) -> tuple[RelatedTopic, ...]:
    """Other topics ranked by shared articles (weight 2) and shared players (weight 1).

    Only players mentioned at least twice in a topic count, so one passing
    name does not link two topics.
    """
    mine_articles = set(ta.articles)
    mine_players = {p.name for p in ta.players if p.mentions >= 2}
    out = []
    for other in all_topics.values():
        if other.topic_id == ta.topic_id:
            continue
        sa = len(mine_articles & set(other.articles))
        sp = len(mine_players & {p.name for p in other.players if p.mentions >= 2})
        score = 2.0 * sa + sp
        if score > 0:
            out.append(RelatedTopic(other.topic_id, sa, sp, score))
    out.sort(key=lambda r: (-r.score, r.topic_id))
    return tuple(out)


def _topic_json(ta: TopicAnalysis) -> dict[str, Any]:
    return {
        "facts": [
            {"id": f.id, "text": f.text, "sources": list(f.sources), "pinned": f.pinned}
            for f in ta.facts
        ],
        "timeline": [
            {
                "id": e.id,
                "date": e.date,
                "label": e.label,
                "precision": e.precision,
                "text": e.text,
                "status": e.status,
                "sources": list(e.sources),
                "disputed": e.disputed,
                **({"alternatives": list(e.alternatives)} if e.alternatives else {}),
                **({"other_dates": list(e.other_dates)} if e.other_dates else {}),
                **({"curated": True} if e.curated else {}),
            }
            for e in ta.timeline
        ],
        "players": [
            {
                "name": p.name,
                "kind": p.kind,
                "mentions": p.mentions,
                "roles": list(p.roles),
                "aliases": list(p.aliases),
                "articles": list(p.articles),
            }
            for p in ta.players
        ],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "source": q.source, "sources": list(q.sources)}
            for q in ta.quotes
        ],
        "coverage": [
            {"id": c.article_id, "date": c.date, "source": c.publisher, "title": c.title}
            for c in ta.coverage
        ],
        "related": [r.topic_id for r in ta.related],
    }


def to_json(analysis: TopicAnalysis | Mapping[str, TopicAnalysis]) -> dict[str, Any]:
    """JSON-ready dict: one topic's fields, or ``{topic_id: fields}`` for a whole analysis.

    Shape documented in ``docs/explainer-json.md``; lists keep the analysis
    order, which is deterministic.
    """
    if isinstance(analysis, TopicAnalysis):
        return _topic_json(analysis)
    return {tid: _topic_json(ta) for tid, ta in analysis.items()}

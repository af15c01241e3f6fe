"""Quotes: what was said, by whom, in which article.

A quotation is only useful on an explainer page when the reader can see who
said it and check the article it came from.  Speakers in news text sit before
the verb ("Rogozin was quoted as saying"), after it ("…, assured the space
agency of China"), inside an "according to" phrase, or behind a pronoun, and
publishers mix straight, curly and even mismatched quote marks.  This module
handles those shapes and resolves the speaker to a canonical player; a quote
whose speaker cannot be found is left out rather than shown unattributed.
When the speaker is described but is not a known player ("a NASA spokesman
said"), the description is the speaker and ``speakers`` stays empty.
Scare quotes ("best friend", "space race") are not quotations: spans shorter
than ``MIN_WORDS`` words are ignored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.analyse.players import PlayerMention
from generator.analyse.text import fold_quotes, normalise_for_id, short_hash

MIN_WORDS = 4

_SPEECH_RE = re.compile(
    r"\b(?:was\s+quoted\s+as\s+saying|quoted\s+as\s+saying|said|says|say|told|tells|wrote|writes|added|"
    r"adds|stated|states|noted|notes|announced|announces|assured|explained|claimed|claims|insisted|"
    r"tweeted|argued|warned|declared|confirmed|stressed|emphasised|emphasized|according\s+to|"
    r"statement\s+from|statement\s+by|press\s+release)\b",
    re.IGNORECASE,
)
# A described speaker who is not a known player: "a NASA spokesman said", "experts said".
_HUMAN_NOUNS = (r"(?:officials?|spokes(?:man|woman|person)|ambassador|experts?|analysts?|scientists?|sources?|"
                r"minister|administrator|engineers?|director|chief|head|president|researchers?|professor|"
                r"astronauts?|cosmonauts?|commander|agency|ministry)")
_DESCRIBED_RE = re.compile(
    rf"((?:[Tt]he|[Aa]n?|[A-Z][\w'-]*(?:'s)?)\s+(?:[\w'-]+\s+){{0,3}}?{_HUMAN_NOUNS}|[Ee]xperts|[Aa]nalysts|[Oo]fficials)"
    r"\s+(?:(?:was|were|has|have|had|also)\s+){0,2}$"
)
_PRONOUN_RE = re.compile(r"\b(he|she|they)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Quote:
    """One quotation with its speaker and the article(s) that print it."""

    id: str
    text: str
    speaker: str  # canonical player name, "A and B" for a joint statement, or a description ("a NASA spokesman")
    speakers: tuple[str, ...]  # canonical players; empty when the speaker is only described
    source: str  # article id of the earliest article quoting it
    sources: tuple[str, ...]
    sentence: str  # the full sentence, for context
    index: int = -1  # sentence index in the source article


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans inside double quotes; an unclosed quote runs to the end of the sentence.

    Marks are paired in order whatever their shape, because publishers close
    quotes with an opening mark (“…“) often enough to matter.
    """
    text = fold_quotes(sentence)
    marks = [m.start() for m in re.finditer(r'"', text)]
    spans = []
    for k in range(0, len(marks), 2):
        a = marks[k] + 1
        b = marks[k + 1] if k + 1 < len(marks) else len(text)
        spans.append((a, b))
    if not marks:
        # Single curly quotes used as quotation marks: ‘…’ around several words.
        for m in re.finditer(r"(?<![\w])\u2018([^\u2018\u2019]+?)\u2019(?![\w])", sentence):
            spans.append((m.start(1), m.end(1)))
    return spans


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"^[\s,;:\u2018\u2019']+|[\s,;:\u2018\u2019']+$", "", text)
    return text


_GAP_BEFORE_RE = re.compile(r"\s*(?:(?:was|were|has|have|had|also|reportedly|then|later|once|again)\s+){0,3}", re.IGNORECASE)
_GAP_AFTER_RE = re.compile(r"\s*(?:(?:to|by|from|the|a|an|of|in|its|their|statement|release|press)\s+)*", re.IGNORECASE)


def _subject_near(frame_mentions: Sequence[PlayerMention], verb_start: int, verb_end: int,
                  text: str) -> list[PlayerMention]:
    """Players that are the subject of a speech verb: just before it, or right after (inversion).

    Only people and organisations speak, and only filler words may stand
    between the name and the verb, so "The station, they said" is not
    attributed to the station.
    """
    speakers = [m for m in frame_mentions if m.kind in ("person", "organisation")]
    before = [m for m in speakers if m.end <= verb_start]
    if before:
        last = before[-1]
        gap = text[last.end:verb_start]
        # "…'s deputy administrator, Lori Garver, said": an appositive name between commas
        if re.match(r"\s*,", gap) and re.search(r",\s*$", text[:last.start]):
            gap = gap.lstrip().lstrip(",")
        if _GAP_BEFORE_RE.fullmatch(gap):
            group = [last]
            # "Roscosmos and CNSA said": a joint subject
            for m in reversed(before[:-1]):
                if re.fullmatch(r"\s*(?:and|,)\s*", text[m.end:group[0].start]):
                    group.insert(0, m)
                else:
                    break
            return group
    after = [m for m in speakers if m.start >= verb_end]
    # Inversion ("…," said Rogozin.) only when the name closes the clause;
    # in 'said Ride "was a role model"' Ride is the object, not the speaker.
    if (after and _GAP_AFTER_RE.fullmatch(text[verb_end:after[0].start])
            and re.match(r"\s*(?:(?:'s\s+)?(?:statement|press\s+release|announcement|report|website)\s*)?(?:[,.;:)]|$)",
                         text[after[0].end:])):
        return [after[0]]
    return []


def find_quotes(
    article_id: str,
    sentences: Sequence[str],
    mentions: Sequence[PlayerMention],
) -> list[Quote]:
    """Attributed quotations of one article."""
    by_sentence: dict[int, list[PlayerMention]] = defaultdict(list)
    for m in mentions:
        by_sentence[m.sentence].append(m)
    out: list[Quote] = []
    for i, sentence in enumerate(sentences):
        text = fold_quotes(sentence)
        spans = [(a, b) for a, b in quoted_spans(sentence) if len(sentence[a:b].split()) >= MIN_WORDS]
        if not spans:
            continue

        def inside(pos: int) -> bool:
            return any(a <= pos < b for a, b in spans)

        frame = [m for m in sorted(by_sentence.get(i, []), key=lambda m: m.start) if not inside(m.start)]
        verbs = [v for v in _SPEECH_RE.finditer(text) if not inside(v.start())]
        q_start, q_end = spans[0][0], spans[-1][1]
        verbs.sort(key=lambda v: min(abs(v.start() - q_start), abs(v.start() - q_end), abs(v.end() - q_start)))
        speakers: list[str] = []
        for v in verbs:
            group = _subject_near(frame, v.start(), v.end(), text)
            if group:
                speakers = [m.name for m in group]
                break
            pron = _PRONOUN_RE.search(text[: v.start()])
            if pron:
                speakers = _resolve_pronoun(pron.group(1).lower(), i, by_sentence)
                if speakers:
                    break
        described = None
        if not speakers:
            for v in verbs:
                m = _DESCRIBED_RE.search(text[: v.start()])
                if m and not any(a <= m.start() < b for a, b in spans):
                    described = " ".join(sentence[m.start(1):m.end(1)].split())
                    break
            if described is None:
                continue
        speakers = list(dict.fromkeys(speakers))
        quote_text = " \u2026 ".join(_clean(sentence[a:b]) for a, b in spans)
        speaker = " and ".join(speakers) if speakers else described
        out.append(Quote(short_hash(quote_text, "q"), quote_text, speaker, tuple(speakers), article_id,
                         (article_id,), sentence, i))
    return out


def _resolve_pronoun(pronoun: str, index: int, by_sentence: Mapping[int, list[PlayerMention]]) -> list[str]:
    """He/she: the last person named in the three sentences before; they: the
    organisations of the previous sentence when it names no person."""
    if pronoun in ("he", "she"):
        for k in range(index, max(-1, index - 4), -1):
            people = [m for m in by_sentence.get(k, []) if m.kind == "person"]
            if people:
                return [people[-1].name]
        return []
    prev = by_sentence.get(index - 1, [])
    if any(m.kind == "person" for m in prev):
        return []
    orgs = list(dict.fromkeys(m.name for m in prev if m.kind == "organisation"))
    return orgs if 1 <= len(orgs) <= 2 else []


def merge_quotes(quotes: Sequence[Quote], article_dates: Mapping[str, str | None]) -> tuple[Quote, ...]:
    """One entry per (quotation, speaker) across articles, citing every article.

    Ordered by how many articles print the quote, then by the earliest date,
    so the most widely reported statements come first.
    """
    groups: dict[tuple[str, str], list[Quote]] = {}
    for q in quotes:
        groups.setdefault((normalise_for_id(q.text), q.speaker), []).append(q)

    def date_key(a: str) -> tuple[str, str]:
        return (article_dates.get(a) or "9999", a)

    out = []
    for members in groups.values():
        sources = tuple(sorted({q.source for q in members}, key=date_key))
        first = sorted(members, key=lambda q: date_key(q.source))[0]
        out.append(Quote(first.id, first.text, first.speaker, first.speakers, sources[0], sources, first.sentence,
                         first.index))
    out.sort(key=lambda q: (-len(q.sources), date_key(q.source), q.text))
    return tuple(out)

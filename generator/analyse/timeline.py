"""Timeline: every dated event the articles state, with absolute dates.

News text rarely writes full dates.  "On Tuesday", "last year", "in February
this year" and "scheduled for Oct. 1" only mean something against the date of
the article that says them, and the same signing is reported as "on Tuesday"
by two papers on different days and as "on March 9, 2021" by a third.  This
module resolves each expression against its article's date, keeps the
precision it was stated with (a year is not a day), decides whether the event
was past or planned when the article was written, and merges reports of the
same event from several articles.  When articles give different dates for what
looks like the same event, the entries are flagged ``disputed`` rather than
silently reconciled, so an editor can decide.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.analyse.text import (
    centrality_in_group,
    content_tokens,
    fold_quotes,
    group_similar,
    idf_weights,
    short_hash,
)

PRECISIONS = ("decade", "year", "month", "day")

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")

# Month names must be capitalised; abbreviations may carry a full stop.
_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
_YEAR = r"(?:1[5-9]\d\d|20\d\d|21\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_REL_YEAR = r"(?:(?:of\s+)?(?:last|this|next|the\s+previous|the\s+following)\s+year)"
# Words before a bare year or month that show it is a date, not a quantity.
_PREP = (r"(?:in|by|since|until|till|from|of|before|after|around|circa|between|during|through|to|"
         r"early|late|mid|spring|summer|autumn|fall|winter|year|and|or|than|as\s+of|as\s+early\s+as|"
         r"as\s+late\s+as|for|on|the|In|By|Since|Until|From|Before|After|Around|During|Early|Late|"
         r"Mid|Between|Through|As\s+of)")
_QUAL_WORDS = ("by", "before", "after", "since", "until", "till", "around", "circa")

_FUTURE_RE = re.compile(
    r"\b(?:will|won't|shall|'ll|scheduled|expected|expects|plans?|planned|planning|aims?|aiming|"
    r"intends?|intended|set\s+to|due\s+to|is\s+to|are\s+to|upcoming|slated|targets?|targeted|"
    r"hopes?\s+to|wants?\s+to|would\s+like|envisions?|envisaged|proposed|next|future|by\s+" + _YEAR + r")\b",
    re.IGNORECASE,
)

# Future wording close before a weekday ("will sign on Friday"): "plans" alone is a noun too often.
_STRONG_FUTURE_RE = re.compile(r"\b(?:will|shall|'ll|scheduled|due|set\s+to|slated|expected\s+to)\b", re.IGNORECASE)

# Whether a sentence may state a date at all: a digit (found fast), or else
# a month, weekday or day word.
_DIGIT_RE = re.compile(r"\d")
_DATE_WORD_RE = re.compile(
    r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)|"
    r"(?:year|month|yesterday|today|tomorrow)\b)",
    re.IGNORECASE,
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # March 9, 2021 / Oct. 1, 2021 / Tuesday, March 9, 2021
    ("mdy", re.compile(rf"(?:{_WD},?\s+)?(?P<mon>{_MON})\s+(?P<day>{_DAY}),?\s+(?P<year>{_YEAR})\b")),
    # 9 March 2021 / 9th of March 2021
    ("dmy", re.compile(rf"\b(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})\s*,?\s+(?P<year>{_YEAR})\b")),
    # 2021-03-09
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")),
    # July 2020 / February this year / November of last year / May or June 2021
    ("my", re.compile(
        rf"(?P<pre>\b{_PREP}\s+)?(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?P<mon>{_MON})"
        rf"(?:\s+(?:or|and|to)\s+(?P<mon2>{_MON}))?,?\s+(?:(?:of\s+)?(?P<year>{_YEAR})\b|(?P<rel>{_REL_YEAR}))")),
    # Oct. 1 / March 9th / 9 March (no year)
    ("md", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<day>{_DAY})\b(?![,.]?\d|\s*,?\s*{_YEAR})")),
    ("dm", re.compile(rf"\b(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})\b(?!\s*,?\s*{_YEAR})")),
    # in March / in May or June (no year; needs a preposition)
    ("m", re.compile(
        rf"\b(?P<pre>{_PREP})\s+(?:(?:early|late|mid-?)\s*)?(?P<mon>{_MON})(?:\s+(?:or|and|to)\s+(?P<mon2>{_MON}))?\b(?!\s+\d)")),
    # the 2030s / the mid-2030s
    ("decade", re.compile(rf"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]*)?(?P<decade>(?:1[5-9]|20|21)\d0)'?s\b")),
    # in 2023 or 2024 / by 2024 / since 1976
    ("year", re.compile(
        rf"(?<![\w$.,-])(?P<pre>{_PREP})\s+(?:the\s+year\s+)?(?P<year>{_YEAR})"
        rf"(?:\s*(?:or|/)\s*(?P<year2>{_YEAR}))?(?![\w%]|[.,]\d|\s*(?:km|kg|m|%|per\s*cent|percent)\b)")),
    # last year / this year / next year
    ("relyear", re.compile(r"\b(?P<rel>last|this|next|the\s+previous|the\s+following)\s+year\b", re.IGNORECASE)),
    # on Tuesday / last Friday / yesterday
    ("weekday", re.compile(rf"\b(?P<rel>on|last|this|next|late\s+on|early\s+on|On|Last|This|Next)\s+(?P<wd>{_WD})\b")),
    ("dayword", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.IGNORECASE)),
    ("relmonth", re.compile(r"\b(?P<rel>last|this|next)\s+month\b", re.IGNORECASE)),
]

# What each pattern cannot match without, checked once per sentence: most
# sentences name no month, decade or weekday, and a pattern that cannot match
# is not run (scanning a sentence costs the same whether it matches or not).
_MONTH_RE = re.compile(_MON)
_YEAR_WORD_RE = re.compile("year", re.IGNORECASE)
_MONTH_WORD_RE = re.compile("month", re.IGNORECASE)
_PREREQUISITES: dict[str, Callable[[str], bool]] = {
    "month": lambda text: _MONTH_RE.search(text) is not None,
    "year": lambda text: "1" in text or "2" in text,  # every year in _YEAR starts so
    "decade": lambda text: "0s" in text or "0's" in text,
    "weekday": lambda text: "day" in text,  # every weekday name ends so
    "year word": lambda text: _YEAR_WORD_RE.search(text) is not None,
    "month word": lambda text: _MONTH_WORD_RE.search(text) is not None,
}
_NEEDS: dict[str, tuple[str, ...]] = {
    "mdy": ("year", "month"), "dmy": ("year", "month"), "iso": ("year",), "my": ("month",),
    "md": ("month",), "dm": ("month",), "m": ("month",), "decade": ("decade",), "year": ("year",),
    "relyear": ("year word",), "weekday": ("weekday",), "relmonth": ("month word",),
}


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence, resolved to an absolute date."""

    date: str  # YYYY, YYYY-MM or YYYY-MM-DD (a decade is its first year)
    precision: str  # decade | year | month | day
    alternatives: tuple[str, ...]  # "2023 or 2024" -> ("2024",)
    qualifier: str | None  # "by", "since", "until", ... as stated
    start: int
    end: int
    surface: str
    relative: bool  # resolved against the article date ("on Tuesday", "last year")


@dataclass(frozen=True)
class EventMention:
    """One dated statement in one article (before merging across articles)."""

    article_id: str
    article_date: str | None
    sentence: int
    date: str
    precision: str
    alternatives: tuple[str, ...]
    qualifier: str | None
    text: str  # the clause (or sentence) that states the event
    status: str  # past | planned
    relative: bool


@dataclass(frozen=True)
class TimelineEntry:
    """One event on a topic's timeline, merged across the articles that state it."""

    id: str
    date: str
    precision: str
    label: str  # "9 March 2021", "2030s", "2023 or 2024", "by 2024"
    text: str
    status: str  # past | planned
    sources: tuple[str, ...]
    alternatives: tuple[str, ...] = ()
    qualifier: str | None = None
    disputed: bool = False
    other_dates: tuple[str, ...] = ()  # dates other sources give for the same event
    curated: bool = False


def _parse_iso(date: str | None) -> dt.date | None:
    if not date:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def _month(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _fmt(year: int, month: int | None = None, day: int | None = None) -> str:
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=65536)
def interval(date: str, precision: str) -> tuple[dt.date, dt.date]:
    """First and last day a date of the given precision covers (remembered: a topic repeats its dates)."""
    year = int(date[:4])
    if precision == "decade":
        return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)
    if precision == "year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(date[5:7])
    if precision == "month":
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    d = dt.date.fromisoformat(date)
    return d, d


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= day <= calendar.monthrange(year, month)[1]


def find_dates(sentence: str, article_date: str | None) -> list[DateMention]:
    """All date expressions of a sentence, resolved against the article date.

    Expressions that need the article date ("on Tuesday", "Oct. 1") are
    dropped when the article has none, rather than guessed.
    """
    text = fold_quotes(sentence)
    if not (_DIGIT_RE.search(text) or _DATE_WORD_RE.search(text)):
        return []  # cheap pre-check: most sentences state no date
    ref = _parse_iso(article_date)
    future_wording: list[bool] = []  # searched for only when a rule needs it
    taken = [False] * (len(text) + 1)
    out: list[DateMention] = []
    prerequisites: dict[str, bool] = {}

    def possible(kind: str) -> bool:
        for need in _NEEDS.get(kind, ()):
            if need not in prerequisites:
                prerequisites[need] = _PREREQUISITES[need](text)
            if not prerequisites[need]:
                return False
        return True

    def future() -> bool:
        if not future_wording:
            future_wording.append(bool(_FUTURE_RE.search(text)))
        return future_wording[0]

    def claim(a: int, b: int) -> bool:
        if any(taken[a:b]):
            return False
        for k in range(a, b):
            taken[k] = True
        return True

    def rel_year(rel: str) -> int | None:
        if ref is None:
            return None
        rel = rel.lower()
        if "last" in rel or "previous" in rel:
            return ref.year - 1
        if "next" in rel or "following" in rel:
            return ref.year + 1
        return ref.year

    def qualifier_before(a: int) -> str | None:
        m = re.search(r"(\w+)\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]*)?$", text[:a])
        if m and m.group(1).lower() in _QUAL_WORDS:
            return m.group(1).lower()
        return None

    def month_year(month: int, explicit_year: int | None) -> int | None:
        """Year of a month stated without one: this year, or the nearest in the stated tense."""
        if explicit_year is not None:
            return explicit_year
        if ref is None:
            return None
        if future() and month < ref.month:
            return ref.year + 1
        if not future() and month > ref.month:
            return ref.year - 1
        return ref.year

    for kind, pattern in _PATTERNS:
        if not possible(kind):
            continue
        for m in pattern.finditer(text):
            g = m.groupdict()
            a, b = m.start(), m.end()
            if kind in ("m", "year"):
                a = m.start("pre") + len(m.group("pre"))
                a += len(text[a:]) - len(text[a:].lstrip())
            mention: DateMention | None = None
            if kind in ("mdy", "dmy", "iso"):
                year = int(g["year"])
                month = int(g["mnum"]) if kind == "iso" else _month(g["mon"])
                day = int(re.match(r"\d+", g["day"]).group(0))
                if _valid_day(year, month, day):
                    mention = DateMention(_fmt(year, month, day), "day", (), qualifier_before(a), a, b,
                                          sentence[a:b], False)
            elif kind == "my":
                if g.get("pre"):
                    a = m.start("pre") + len(g["pre"])
                month = _month(g["mon"])
                year = int(g["year"]) if g.get("year") else rel_year(g["rel"]) if g.get("rel") else None
                if year is not None:
                    alts = (_fmt(year, _month(g["mon2"])),) if g.get("mon2") else ()
                    mention = DateMention(_fmt(year, month), "month", alts, qualifier_before(a), a, b,
                                          sentence[a:b], bool(g.get("rel")))
            elif kind in ("md", "dm"):
                month = _month(g["mon"])
                day = int(re.match(r"\d+", g["day"]).group(0))
                if ref is not None:
                    year = ref.year
                    if _valid_day(year, month, day):
                        cand = dt.date(year, month, day)
                        if future() and cand < ref - dt.timedelta(days=31):
                            year += 1
                        elif not future() and cand > ref + dt.timedelta(days=1):
                            year -= 1
                    if _valid_day(year, month, day):
                        mention = DateMention(_fmt(year, month, day), "day", (), qualifier_before(a), a, b,
                                              sentence[a:b], True)
            elif kind == "m":
                if g["mon"] == "May" and not g.get("mon2") and g["pre"] in ("and", "or", "to", "the", "for", "on"):
                    continue
                month = _month(g["mon"])
                year = month_year(month, None)
                if year is not None:
                    alts = (_fmt(month_year(_month(g["mon2"]), None) or year, _month(g["mon2"])),) if g.get("mon2") else ()
                    mention = DateMention(_fmt(year, month), "month", alts, qualifier_before(a), a, b,
                                          sentence[a:b], True)
            elif kind == "decade":
                mention = DateMention(g["decade"], "decade", (), qualifier_before(a), a, b, sentence[a:b], False)
            elif kind == "year":
                year = int(g["year"])
                alts = (g["year2"],) if g.get("year2") and int(g["year2"]) > year else ()
                pre = g["pre"].lower()
                qual = pre if pre in _QUAL_WORDS else None
                mention = DateMention(_fmt(year), "year", alts, qual, a, b, sentence[a:b], False)
            elif kind == "relyear":
                year = rel_year(g["rel"])
                if year is not None:
                    mention = DateMention(_fmt(year), "year", (), qualifier_before(a), a, b, sentence[a:b], True)
            elif kind == "relmonth":
                if ref is not None:
                    shift = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
                    y, mth = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
                    mention = DateMention(_fmt(y, mth + 1), "month", (), None, a, b, sentence[a:b], True)
            elif kind == "weekday":
                if ref is not None:
                    target = _WEEKDAYS[g["wd"].lower()]
                    rel = g["rel"].lower()
                    back = (ref.weekday() - target) % 7
                    ahead = (target - ref.weekday()) % 7
                    if rel == "last":
                        d = ref - dt.timedelta(days=back or 7)
                    elif rel == "next":
                        d = ref + dt.timedelta(days=ahead or 7)
                    elif _STRONG_FUTURE_RE.search(text[max(0, a - 60):a]):
                        d = ref + dt.timedelta(days=ahead)
                    else:
                        d = ref - dt.timedelta(days=back)
                    mention = DateMention(d.isoformat(), "day", (), None, a, b, sentence[a:b], True)
            elif kind == "dayword":
                if ref is not None:
                    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"].lower()]
                    d = ref + dt.timedelta(days=shift)
                    mention = DateMention(d.isoformat(), "day", (), None, a, b, sentence[a:b], True)
            if mention is not None and claim(mention.start, mention.end):
                out.append(mention)
    out.sort(key=lambda d: d.start)
    return out


def status_of(date: str, precision: str, article_date: str | None, clause: str) -> str:
    """``past`` or ``planned`` as seen on the day the article was written.

    A date wholly before the article date is past and wholly after is
    planned; when the period contains the article date ("this year"), the
    wording decides ("will", "scheduled", "expected" mean planned).
    """
    first, last = interval(date, precision)
    ref = _parse_iso(article_date)
    if ref is not None and last < ref:
        return "past"
    if ref is not None and first > ref:
        return "planned"
    return "planned" if _FUTURE_RE.search(fold_quotes(clause)) else "past"


_CLAUSE_SPLIT_RE = re.compile(
    r"\s*(?:;|:|\s[\u2014\u2013-]\s|\u2014)\s*|,\s+(?=(?:which|when|while|but|after|before|whereas|making)\b)"
)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence; very short pieces stay with their neighbour."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CLAUSE_SPLIT_RE.finditer(sentence):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and len(sentence[a:b].split()) < 5:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    if len(merged) > 1 and len(sentence[merged[0][0]:merged[0][1]].split()) < 5:
        merged[1] = (merged[0][0], merged[1][1])
        merged.pop(0)
    return merged


def _clause_text(sentence: str, mention: DateMention, n_dates: int) -> str:
    """The sentence, or when it holds several dates, the clause around this one.

    A date inside a parenthesis of a long sentence ("… the Chinese Chang'e-7
    mission (a planned robotic mission is expected to launch in 2023 or
    2024), and …") gives the parenthesis with the words it explains.
    """
    paren = _parenthetical(sentence, mention)
    if paren:
        return paren
    if n_dates <= 1:
        return sentence.strip()
    spans = _clauses(sentence)
    for i, (a, b) in enumerate(spans):
        if a <= mention.start < b or (a <= mention.start and mention.start == b):
            piece = sentence[a:b].strip()
            if re.match(r"(?:which|when|while|making)\b", piece) and i > 0:
                piece = sentence[spans[i - 1][0]:b].strip()
            piece = piece.rstrip(",;: ")
            if piece and piece[0].islower():
                piece = piece[0].upper() + piece[1:]
            if not piece.endswith((".", "!", "?", "\u201d", '"')):
                piece += "."
            return piece
    return sentence.strip()


_LONG_SENTENCE = 25
_HEAD_CUT_RE = re.compile(r".*(?:,|;|:|\b(?:including|such as|like|on|of|about|with|for))\s+", re.DOTALL)


def _parenthetical(sentence: str, mention: DateMention) -> str | None:
    if len(sentence.split()) <= _LONG_SENTENCE:
        return None
    open_at = sentence.rfind("(", 0, mention.start)
    if open_at < 0 or ")" in sentence[open_at:mention.start]:
        return None
    close_at = sentence.find(")", mention.end)
    if close_at < 0:
        return None
    head = sentence[:open_at].rstrip()
    m = _HEAD_CUT_RE.match(head)
    subject = head[m.end():] if m else head
    if not subject or len(subject.split()) > 8:
        return None
    text = f"{subject} ({sentence[open_at + 1:close_at].strip()})."
    return text[0].upper() + text[1:]


_EVENT_WORD_RE = re.compile(r"\b[a-z][a-z'-]{2,}\b")
_NON_EVENT_WORDS = frozenset("the and for with from that this was were has have had been are not but its".split())


def _states_something(sentence: str, mentions: Sequence[DateMention]) -> bool:
    """Whether a sentence says anything besides its dates: one ordinary word at least."""
    rest = sentence
    for m in sorted(mentions, key=lambda m: -m.start):
        rest = rest[:m.start] + " " + rest[m.end:]
    words = [w for w in _EVENT_WORD_RE.findall(rest) if w not in _NON_EVENT_WORDS]
    return len(words) >= 1


def article_events(article_id: str, article_date: str | None, sentences: Sequence[str]) -> tuple[EventMention, ...]:
    """Dated statements of one article, one per distinct date per sentence."""
    out: list[EventMention] = []
    for i, sentence in enumerate(sentences):
        mentions = find_dates(sentence, article_date)
        seen: set[str] = set()
        distinct = [m for m in mentions if not (m.date in seen or seen.add(m.date))]
        if distinct and not _states_something(sentence, mentions):
            continue  # a byline or timestamp ("July 23, 2012 5:44 PM"), not an event
        for m in distinct:
            clause = _clause_text(sentence, m, len(distinct))
            status = status_of(m.date, m.precision, article_date, clause)
            out.append(EventMention(article_id, article_date, i, m.date, m.precision, m.alternatives,
                                    m.qualifier, clause, status, m.relative))
    return tuple(out)


def label_for(date: str, precision: str, alternatives: Sequence[str] = (), qualifier: str | None = None) -> str:
    """Human label: "9 March 2021", "July 2020", "2030s", "2023 or 2024", "by 2024"."""

    def one(d: str, p: str) -> str:
        if p == "decade":
            return f"{d[:4]}s"
        if p == "year" or len(d) == 4:
            return d[:4]
        month = _MONTH_NAMES[int(d[5:7]) - 1]
        if p == "month" or len(d) == 7:
            return f"{month} {d[:4]}"
        return f"{int(d[8:10])} {month} {d[:4]}"

    label = one(date, precision)
    if alternatives:
        alt_labels = [one(a, precision) for a in alternatives]
        if precision == "month" and all(a[:4] == date[:4] for a in alternatives):
            label = " or ".join([_MONTH_NAMES[int(date[5:7]) - 1]] + [x.split()[0] for x in alt_labels]) + f" {date[:4]}"
        else:
            label = " or ".join([label] + alt_labels)
    if qualifier in ("by", "before", "after", "since", "until", "around"):
        label = f"{qualifier} {label}"
    return label


_THRESHOLD = {"day": 0.2, "month": 0.3, "year": 0.4, "decade": 0.4}
DISPUTE_THRESHOLD = 0.55


def build_timeline(
    events: Sequence[EventMention],
    article_dates: Mapping[str, str | None],
    phrase_map: Callable[[str], str] | None = None,
) -> tuple[TimelineEntry, ...]:
    """Merge event mentions of a topic into timeline entries.

    Mentions are grouped only within one year (their block), and within a
    block only when their dates are compatible and their wording similar; the
    same-day threshold is lowest because two reports of one day rarely describe
    unrelated events in one topic.  Groups whose wording is very similar but
    whose dates contradict each other are marked ``disputed``.
    """
    if not events:
        return ()
    tokens = [content_tokens(e.text, phrase_map) for e in events]
    weights = idf_weights(tokens)
    spans = [interval(e.date, e.precision) for e in events]
    ranks = [PRECISIONS.index(e.precision) for e in events]
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        blocks[e.date[:4] if e.precision != "decade" else e.date[:3] + "x"].append(i)
    groups: list[list[int]] = []
    for key in sorted(blocks):
        idx = blocks[key]
        sub = [tokens[i] for i in idx]

        def limit(x: int, y: int, idx: list[int] = idx) -> float:
            return _THRESHOLD[PRECISIONS[min(ranks[idx[x]], ranks[idx[y]])]]

        def ok(x: int, y: int, idx: list[int] = idx) -> bool:
            # compatible: one date contains the other (2021 and 2021-03-09), i.e. no contradiction
            (a1, a2), (b1, b2) = spans[idx[x]], spans[idx[y]]
            return (a1 <= b1 and b2 <= a2) or (b1 <= a1 and a2 <= b2)

        def same_date(x: int, idx: list[int] = idx) -> tuple[str, str]:
            return (events[idx[x]].date, events[idx[x]].precision)

        for g in group_similar(sub, limit, weights, min_shared=1, can_join=ok, collapse_key=same_date):
            groups.append([idx[k] for k in g])

    entries: list[TimelineEntry] = []
    group_tokens: list[frozenset[str]] = []
    for g in groups:
        members = [events[i] for i in g]
        # most precise date wins; among equals the one stated most often, then earliest
        best_prec = max(PRECISIONS.index(m.precision) for m in members)
        precise = [m for m in members if PRECISIONS.index(m.precision) == best_prec]
        counts: dict[str, int] = defaultdict(int)
        for m in precise:
            counts[m.date] += 1
        date = sorted(counts, key=lambda d: (-counts[d], d))[0]
        chosen = [m for m in precise if m.date == date]
        alternatives = tuple(sorted({a for m in chosen for a in m.alternatives}))
        qualifier = next((m.qualifier for m in chosen if m.qualifier), None)
        # representative: most similar to the rest, then explicit date, then shorter
        inner = centrality_in_group([tokens[i] for i in g], weights)

        def central(k: int) -> tuple:
            m = events[g[k]]
            return (-round(inner[k], 6), m.relative, len(m.text), m.article_id, m.sentence)
        rep = events[g[sorted(range(len(g)), key=central)[0]]]
        # Past as soon as one report was written after the event; a plan
        # reported only before it stays planned.
        status = "past" if any(m.status == "past" for m in chosen) else "planned"
        sources = tuple(sorted({m.article_id for m in members},
                               key=lambda a: (article_dates.get(a) or "9999", a)))
        entries.append(TimelineEntry(
            id=short_hash(f"{date} {rep.text}", "t"),
            date=date,
            precision=PRECISIONS[best_prec],
            label=label_for(date, PRECISIONS[best_prec], alternatives, qualifier),
            text=rep.text,
            status=status,
            sources=sources,
            alternatives=alternatives,
            qualifier=qualifier,
        ))
        toks: set[str] = set()
        for i in g:
            toks |= tokens[i]
        group_tokens.append(frozenset(toks))

    entries = _mark_disputes(entries, group_tokens, weights)
    return tuple(sorted(entries, key=timeline_sort_key))


def timeline_sort_key(e: TimelineEntry) -> tuple:
    first, _ = interval(e.date, e.precision)
    return (first, PRECISIONS.index(e.precision), e.text)


def _mark_disputes(
    entries: Sequence[TimelineEntry],
    group_tokens: Sequence[frozenset[str]],
    weights: Mapping[str, float],
) -> list[TimelineEntry]:
    """Flag entries that look like one event but carry contradicting dates.

    Candidates share a rare token (inverted index), so grouping stays
    near-linear.  Only pairs stated by different articles count: one article
    giving two dates is more likely two events than a contradiction.  Within a
    group of similar entries, an entry's ``other_dates`` are the dates of every
    member that contradicts it; a large group has long lists, and building them
    costs about their length (``_contradicting_dates``).
    """
    spans = [interval(e.date, e.precision) for e in entries]
    keys = [frozenset((e.date, *e.alternatives)) for e in entries]
    sources = [frozenset(e.sources) for e in entries]

    def contradict(i: int, j: int) -> bool:
        (a1, a2), (b1, b2) = spans[i], spans[j]
        contained = (a1 <= b1 and b2 <= a2) or (b1 <= a1 and a2 <= b2)
        return not contained and keys[i].isdisjoint(keys[j])

    sims = group_similar(group_tokens, DISPUTE_THRESHOLD, weights, min_shared=2,
                         can_join=lambda i, j: contradict(i, j) and sources[i].isdisjoint(sources[j]))
    disputed: dict[int, set[str]] = {}
    for g in sims:
        if len(g) >= 2:
            disputed.update(_contradicting_dates(g, entries, spans, keys))
    out = []
    for i, e in enumerate(entries):
        if i in disputed:
            out.append(replace(e, disputed=True, other_dates=tuple(sorted(disputed[i]))))
        else:
            out.append(e)
    return out


# An entry of a large dispute group could list hundreds of other dates (and all
# entries together the square of the group's size); a reader needs the few most given.
OTHER_DATES_KEPT = 6


def _contradicting_dates(
    group: Sequence[int],
    entries: Sequence[TimelineEntry],
    spans: Sequence[tuple[dt.date, dt.date]],
    keys: Sequence[frozenset[str]],
) -> dict[int, set[str]]:
    """For each member of a group, the dates of the other members that contradict it.

    Checking every pair would cost the square of the group's size in Python
    calls.  Two members whose intervals do not overlap always contradict
    unless they share a date or an alternative, so those pairs are found as
    slices of the members sorted by interval end (all that end before this
    member starts) and by interval start (all that start after it ends),
    turned into sets of dates in one step.  Only the members whose intervals
    overlap this one, and the few disjoint ones sharing a date or an
    alternative, are checked one by one.  The result is the same set of dates
    as comparing every pair, cut to the ``OTHER_DATES_KEPT`` dates the most
    sources of the group give.  Members without any contradicting date are
    left out.
    """
    by_start = sorted(group, key=lambda k: spans[k][0])
    by_end = sorted(group, key=lambda k: spans[k][1])
    starts = [spans[k][0] for k in by_start]
    ends = [spans[k][1] for k in by_end]
    dates_by_start = [entries[k].date for k in by_start]
    dates_by_end = [entries[k].date for k in by_end]
    with_key: dict[str, list[int]] = defaultdict(list)
    with_date: dict[str, list[int]] = defaultdict(list)
    for k in group:
        with_date[entries[k].date].append(k)
        for key in keys[k]:
            with_key[key].append(k)

    support = {d: sum(len(entries[k].sources) for k in ks) for d, ks in with_date.items()}
    ranked = sorted(support, key=lambda d: (-support[d], d))  # once per group, not per member
    out: dict[int, set[str]] = {}
    for i in group:
        first, last = spans[i]
        before = bisect.bisect_left(ends, first)  # by_end[:before] end before i starts
        after = bisect.bisect_right(starts, last)  # by_start[after:] start after i ends
        found = set(dates_by_end[:before])
        found.update(dates_by_start[after:])

        def disjoint(j: int) -> bool:
            return spans[j][1] < first or spans[j][0] > last

        # Disjoint members sharing a date or alternative with i do not contradict it:
        # drop their dates unless another disjoint member with the same date does.
        shared = {j for key in keys[i] for j in with_key[key] if disjoint(j)}
        for d in {entries[j].date for j in shared}:
            if not any(disjoint(j) and j not in shared for j in with_date[d]):
                found.discard(d)
        # Overlapping members: compared one by one.
        overlapping = set(by_start[:after]).difference(by_end[:before])
        for j in overlapping:
            if j != i:
                (b1, b2) = spans[j]
                contained = (first <= b1 and b2 <= last) or (b1 <= first and last <= b2)
                if not contained and keys[i].isdisjoint(keys[j]):
                    found.add(entries[j].date)
        if len(found) > OTHER_DATES_KEPT:  # keep the dates most sources give (then the earliest)
            kept: set[str] = set()
            for d in ranked:
                if d in found:
                    kept.add(d)
                    if len(kept) == OTHER_DATES_KEPT:
                        break
            found = kept
        if found:
            out[i] = found
    return out

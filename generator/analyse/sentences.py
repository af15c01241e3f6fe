"""Sentence splitting that survives news-style abbreviations and quotes.

Every later stage (facts, dates, quotes) works sentence by sentence, so a
wrong split cuts a date from its event ("scheduled for Oct." / "1 — the
first...") or a quote from its speaker.  A regular expression that splits at
every full stop is not enough for "U.S. sanctions", "Oct. 1" or "Dr. Ride";
this module decides each candidate boundary from the word before and after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles before a name: a full stop after them never ends a sentence.
_TITLES = frozenset(
    "mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon pres mt ft fr".split()
)
# Month and weekday abbreviations: no break when a number follows ("Oct. 1").
_DATE_ABBR = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun".split()
)
# Abbreviations that usually continue the sentence.
_CONTINUING = frozenset("vs v no nos fig figs approx cf al ca est dept univ".split())
# Abbreviations that may end a sentence; we break only before a typical sentence opener.
_MAYBE_END = frozenset("etc inc ltd co corp bros jr sr".split())

# Words that typically open a sentence: after "U.S." or "etc." they signal a break.
_OPENERS = frozenset(
    """The A An It He She They We I You This That These Those There Here But And Yet So
    In On At For From By With As If When While Although Though After Before Since However
    Meanwhile Still Then Now Its His Her Their Our Such Some Many Most No Not One Two""".split()
)

_INITIALISM_RE = re.compile(r"^(?:[A-Za-z]\.){2,}$")
_CANDIDATE_RE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s+)")
_OPEN_QUOTES = "\"'\u201c\u2018\u00ab([“‘"


@dataclass(frozen=True)
class Sentence:
    """One sentence with where it came from, so facts can cite their position."""

    text: str
    paragraph: int  # 0-based paragraph index in the article
    index: int  # 0-based sentence index in the whole article


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"\s+([" + re.escape(_OPEN_QUOTES) + r"]*)(\S+)", text[pos:])
    return m.group(2) if m else ""


def _is_boundary(text: str, start: int, end: int) -> bool:
    """Decide whether the punctuation text[start:end] ends a sentence."""
    punct = text[start:end]
    nxt = _next_word(text, end)
    if not nxt:
        return True
    first = nxt[0]
    if first.islower():
        return False  # "… Oct. 1 — the first", '"…," he said' (comma case) etc.
    if not (first.isupper() or first.isdigit()):
        return False
    if punct.rstrip("\"'\u201d\u2019\u00bb)]") != ".":
        return True  # ! ? … or a quote/bracket closed after the full stop
    if any(c in punct for c in "\"'\u201d\u2019\u00bb)]"):
        return True
    # A bare full stop: look at the word it ends.
    m = re.search(r"(\S+)$", text[:start])
    word = m.group(1) if m else ""
    word = word.lstrip(_OPEN_QUOTES)
    bare = word.rstrip(".").lower()
    if not bare:
        return True
    if bare in _TITLES:
        return False
    if bare in _DATE_ABBR and first.isdigit():
        return False
    if bare in _CONTINUING:
        return False
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial: "John F. Kennedy"
    if _INITIALISM_RE.match(word + "." if not word.endswith(".") else word) or bare in _MAYBE_END:
        return nxt.strip("\"'\u201c\u2018") in _OPENERS
    return True


def split_sentences(paragraph: str) -> tuple[str, ...]:
    """Split one paragraph into sentences, keeping the original characters."""
    text = paragraph.strip()
    if not text:
        return ()
    out: list[str] = []
    begin = 0
    for m in _CANDIDATE_RE.finditer(text):
        if _is_boundary(text, m.start(), m.end()):
            piece = text[begin : m.end()].strip()
            if piece:
                out.append(piece)
            begin = m.end()
    tail = text[begin:].strip()
    if tail:
        out.append(tail)
    return tuple(out)


def article_sentences(text: str) -> tuple[Sentence, ...]:
    """All sentences of a plain-text body (one paragraph per line)."""
    out: list[Sentence] = []
    paras = [p.strip() for p in text.split("\n")]
    p_index = 0
    for para in paras:
        if not para:
            continue
        for s in split_sentences(para):
            out.append(Sentence(text=s, paragraph=p_index, index=len(out)))
        p_index += 1
    return tuple(out)

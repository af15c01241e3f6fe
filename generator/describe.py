"""Describe one article: title, date, publisher, author, url and language.

The dumps we get are select-all copies of web pages, so the metadata sits in
the boilerplate the cleaner throws away: a ``Title | DW | 09.03.2021`` line,
a bare ``dw.com``, a forum's "What's new" bar followed by the thread title,
a ``Source: BBC Chinese, March 10, 2021`` footer, an author bio at the end.
So :func:`describe` reads the *whole* raw text (``raw.text``), not the
cleaned body.

It works as an explicit cascade, like trafilatura's: each rule below yields
:class:`Evidence` (a value, the kind of evidence, the line), the first kind in
a fixed preference order wins, and the kind is recorded in ``provenance`` so
editors can see *why* a field has its value.  The article's own evidence
(dateline, byline) beats page-level evidence (the seed header, which records
when the page was saved); when they disagree the winner is kept and the
disagreement becomes a warning for editors, never a silent choice.

Word lists (publishers) are data, in ``generator/data/publishers.yml``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .model import CleanResult, Metadata, RawDoc

__all__ = [
    "describe",
    "Evidence",
    "parse_date",
    "find_dates",
    "shorten_title",
    "first_sentence",
    "publisher_for_domain",
    "canonical_publisher",
    "stopword_language",
]


@dataclass(frozen=True)
class Evidence:
    """One candidate value for a field and where it came from."""

    value: str
    kind: str  # provenance label, e.g. "dateline"
    line: int | None = None  # 1-based line in raw.text


# --------------------------------------------------------------------------
# Publishers (data)

_DATA = Path(__file__).parent / "data" / "publishers.yml"


@lru_cache(maxsize=1)
def _publishers() -> tuple[dict[str, str], dict[str, str]]:
    """(domain -> name, lower-cased name or alias -> name)."""
    from .yamlio import load_yaml

    entries = load_yaml(_DATA.read_text(encoding="utf-8")).data or []
    by_domain: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for entry in entries:
        name = entry["name"]
        by_domain[entry["domain"].lower()] = name
        by_name[name.lower()] = name
        for alias in entry.get("aliases") or ():
            by_name[alias.lower()] = name
    return by_domain, by_name


def _bare_domain(domain: str) -> str:
    domain = domain.lower().strip().rstrip("/.")
    return domain[4:] if domain.startswith("www.") else domain


def publisher_for_domain(domain: str) -> str | None:
    """Known publisher for ``domain`` or one of its parents (news.bbc.co.uk)."""
    by_domain, _ = _publishers()
    parts = _bare_domain(domain).split(".")
    for i in range(len(parts) - 1):
        name = by_domain.get(".".join(parts[i:]))
        if name:
            return name
    return None


def canonical_publisher(name: str) -> str:
    """``Deutsche Welle`` -> ``DW``; unknown names are returned tidied."""
    name = _tidy(name)
    _, by_name = _publishers()
    return by_name.get(name.lower(), name)


# --------------------------------------------------------------------------
# Dates

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = [
    ("ymd", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("dot", re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b")),
    ("slash", re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b")),
    ("mdy", re.compile(rf"\b{_MONTH_RE}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I)),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE},?\s+(?P<y>\d{{4}})\b", re.I)),
]


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Every unambiguous calendar date written in ``text``, as ISO strings.

    ``09.03.2021`` is European (9 March).  ``03/09/2021`` is read only when
    one part is above 12; otherwise it is ambiguous and skipped rather than
    guessed.
    """
    found: list[tuple[str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _DATE_PATTERNS:
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            g = m.groupdict()
            y = int(g["y"])
            if kind == "slash":
                a, b = int(g["a"]), int(g["b"])
                if a > 12 >= b:
                    iso = _iso(y, b, a)
                elif b > 12 >= a:
                    iso = _iso(y, a, b)
                else:
                    iso = None
            elif kind in ("mdy", "dmy"):
                iso = _iso(y, _MONTHS[g["month"].lower()], int(g["d"]))
            else:
                iso = _iso(y, int(g["m"]), int(g["d"]))
            if iso and 1900 <= y <= 2100:
                found.append((iso, m.span()))
                taken.append(m.span())
    found.sort(key=lambda x: x[1])
    return found


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD``, or None."""
    dates = find_dates(text)
    return dates[0][0] if dates else None


_DATELINE_FILLER = re.compile(
    r"\b(?:published|updated|posted|last|modified|on|at|am|pm|gmt|utc|cet|cest|est|edt|pst|bst|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"\d{1,2}:\d{2}(?::\d{2})?|\d+\s*(?:min|minutes?|hours?)\s*(?:ago|read)?)\b",
    re.I,
)


def _is_dateline(line: str) -> str | None:
    """The date if ``line`` is (almost) only a date, as datelines are."""
    if len(line) > 80:
        return None
    dates = find_dates(line)
    if len(dates) != 1:
        return None
    iso, (s, e) = dates[0]
    rest = _DATELINE_FILLER.sub(" ", line[:s] + " " + line[e:])
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return iso if len(words) <= 2 else None


# --------------------------------------------------------------------------
# Lines and titles

_CHROME = {
    "skip to content",
    "skip to main content",
    "skip to navigation",
    "what's new",
    "what’s new",
    "menu",
    "search",
    "home",
    "share",
    "share this article",
    "log in",
    "sign in",
    "register",
    "subscribe",
    "advertisement",
    "related articles",
    "related stories",
    "latest news",
    "top stories",
    "most read",
    "you must log in or register to reply here.",
    "similar threads",
    "latest posts",
    "top bottom",
    "read more",
    "toggle navigation",
    "main menu",
    "close",
}


def _tidy(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip(" \t|·-–—")


def _words(s: str) -> list[str]:
    return s.split()


_URL_LINE = re.compile(r"^(?:(?:url|link|source|original|read more)\s*:\s*)?(https?://\S+)$", re.I)
_DOMAIN_LINE = re.compile(r"^(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})/?$", re.I)
_SITE_LINE = re.compile(
    r"^(?P<name>[^()|]{2,60}?)\s*\(\s*(?:https?://)?(?P<domain>(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,})/?\s*\)$", re.I
)
_TITLE_LINE = re.compile(r"^(?P<title>[^|]{8,250}?)\s+\|\s+(?P<pub>[^|]{2,60}?)\s+\|\s+(?P<date>[^|]{6,40})$")
_SOURCE_LINE = re.compile(
    r"^(?:source|sources|via|quelle|fuente|fonte|来源)\s*[:：]\s*(?P<pub>[^,|;]{2,80}?)\s*(?:[,|;]\s*(?P<rest>.*))?$",
    re.I,
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|al|bin|le|la|du))*\s+[A-Z][\w'’-]+"
_BYLINE = re.compile(
    rf"^(?i:by|written by|words by|author:|reporting by)\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)"
)
_PUB_WORD = r"[A-Z][\w&'’-]*(?:\.[\w-]+)*"
_ROLE = r"(?:reporter|writer|journalist|correspondent|editor|contributor|columnist|author|producer|analyst)"
_BIO = re.compile(
    rf"^(?P<name>{_NAME}) is (?:a|an|the|our)\b[^.]{{0,80}}?\b{_ROLE}s?\b[^.]{{0,40}}?\s(?:for|at|with)\s"
    rf"(?P<pub>(?:the\s)?{_PUB_WORD}(?:\s+(?:{_PUB_WORD}|of|and|the|de))*)"
)
_FORUM_CARD = re.compile(r"member|joined|registered|moderator|administrator|posts:|reaction", re.I)


def _is_chrome(line: str) -> bool:
    return line.lower().strip(" .:") in _CHROME or line.lower() in _CHROME


def _titleish(line: str) -> bool:
    """Could ``line`` be a headline?  Short, starts like a sentence, no full stop."""
    words = _words(line)
    if not 3 <= len(words) <= 25 or len(line) > 200:
        return False
    if _is_chrome(line) or line.endswith((".", ":", ",", ";")) and not line.endswith("..."):
        return False
    if not re.match(r"^[\"“‘'(]?[A-Z0-9\u00c0-\u024f\u0400-\u04ff]", line):
        return False
    if _URL_LINE.match(line) or _DOMAIN_LINE.match(line) or _BYLINE.match(line) or _is_dateline(line):
        return False
    if _TITLE_LINE.match(line) or _SOURCE_LINE.match(line) or _SITE_LINE.match(line):
        return False
    letters = sum(c.isalpha() for c in line)
    return letters >= 0.6 * len(line.replace(" ", ""))


def _is_paragraph(line: str) -> bool:
    return len(_words(line)) >= 20


_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "rep", "sen", "gov",
    "inc", "ltd", "co", "corp", "vs", "etc", "no", "fig", "approx", "dept", "est",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e",
}


def first_sentence(paragraph: str) -> str:
    """The first sentence, not fooled by ``U.S.``, ``Oct. 1`` or ``Mr. X``."""
    for m in re.finditer(r"[.!?][”\"’')\]]*(?=\s+[\"“‘(]?[A-Z0-9])", paragraph):
        before = paragraph[: m.start()]
        word = re.split(r"\s", before)[-1].lower().strip("(\"“‘")
        if word in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", word):
            continue
        return paragraph[: m.end()].strip()
    return paragraph.strip()


_WEAK_BOUNDARY = {
    "as", "while", "after", "before", "because", "which", "who", "where", "when", "with", "amid", "despite",
    "but", "though", "although", "since", "saying", "according", "following", "during", "so", "whereas",
}
_DANGLING = {
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "from", "that", "its", "their",
    "as", "such", "than", "into", "about", "between", "is", "are", "was", "were", "will", "would",
}


def shorten_title(sentence: str, *, target: int = 12, limit: int = 14) -> str:
    """Make a title-sized phrase from a lead sentence.

    Whole sentence when it has at most ``limit`` words; otherwise cut at the
    last clause boundary (``,`` ``;`` ``:`` a dash) within ``limit`` words,
    else before a conjunction ("as", "while", ...) within ``limit`` words,
    else after ``target`` words with an ellipsis.  Leading/trailing
    punctuation and dangling function words are dropped.
    """
    sentence = _tidy(sentence).rstrip(".!?;:,")
    words = sentence.split()
    if len(words) <= limit:
        return sentence
    cut = None
    for i in range(min(limit, len(words) - 1), 3, -1):
        if words[i - 1].endswith((",", ";", ":")) or words[i] in ("—", "–", "-"):
            cut = i
            break
    ellipsis = False
    if cut is None:
        for i in range(min(limit, len(words) - 1), 3, -1):
            if words[i].lower() in _WEAK_BOUNDARY and words[i - 1].lower() not in ("such", "so", "as", "just"):
                cut = i
                break
    if cut is None:
        cut, ellipsis = target, True
    chosen = words[:cut]
    while len(chosen) > 3 and chosen[-1].lower().strip(",;:") in _DANGLING:
        chosen.pop()
    text = " ".join(chosen).rstrip(",;:—–- ")
    return text + ("…" if ellipsis else "")


# --------------------------------------------------------------------------
# Language

_STOPWORDS = {
    "en": "the and of to in is that for on with as was by it are from at this be have has said will",
    "de": "der die und das ist nicht mit den von zu sich des auf für ein eine im dem auch wird sie",
    "fr": "le la les et des est une pour dans que qui du en sur au par pas plus avec ont",
    "es": "el la los las que y del en por con una para es se como más al lo sus",
    "it": "il la che di e per una sono del della con non nel alla gli anche come più",
    "pt": "o a os as que de do da em para com uma não por mais se dos das foi",
    "nl": "de het een en van is dat op te in met voor niet zijn ook aan er",
}
_STOP_SETS = {lang: set(words.split()) for lang, words in _STOPWORDS.items()}


def stopword_language(text: str) -> str:
    """A small, dependency-free language guess; ``en`` when unsure.

    Scripts first (Han, kana, Hangul, Cyrillic, Arabic), then stop-word
    counts for the Latin-script languages we expect in the corpus.
    """
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    if letters:
        def share(lo: int, hi: int) -> float:
            return sum(lo <= ord(c) <= hi for c in letters) / len(letters)

        if share(0x3040, 0x30FF) > 0.1:
            return "ja"
        if share(0xAC00, 0xD7AF) > 0.3:
            return "ko"
        if share(0x4E00, 0x9FFF) > 0.3:
            return "zh"
        if share(0x0400, 0x04FF) > 0.5:
            return "ru"
        if share(0x0600, 0x06FF) > 0.5:
            return "ar"
    tokens = re.findall(r"[a-zà-ÿ]+", sample.lower())
    if not tokens:
        return "en"
    scores = {lang: sum(t in words for t in tokens) for lang, words in _STOP_SETS.items()}
    best = max(sorted(scores), key=lambda lang: scores[lang])
    return best if scores[best] >= 3 else "en"


def _default_detector() -> Callable[[str], str] | None:
    try:
        from generator.clean import detect_language  # type: ignore[import-not-found,attr-defined]
    except ImportError:
        return None
    return detect_language


# --------------------------------------------------------------------------
# Evidence from the text

_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})(?:[ \t]+|$)")


def _strip_header(raw: RawDoc) -> tuple[str | None, str]:
    """The seed header date and the text without the header, whichever
    way the reader left it (``read`` may or may not have removed it)."""
    text = raw.text
    header = raw.header_date
    m = _HEADER.match(text)
    if m:
        header = header or m.group(1)
        text = text[m.end() :]
    return header, text


def _body_start(lines: list[str], cleaned: CleanResult) -> int:
    """Index of the article's first paragraph: the cleaner's first long kept
    line, else the first long line of the page."""
    for d in cleaned.kept:
        if len(_words(d.text)) >= 12 and not d.heading and 0 < d.number <= len(lines):
            return d.number - 1
    return next((i for i, line in enumerate(lines) if _is_paragraph(line)), len(lines))


def _text_evidence(lines: list[str], cleaned: CleanResult) -> dict[str, list[Evidence]]:
    ev: dict[str, list[Evidence]] = {k: [] for k in ("title", "date", "source", "author", "url")}
    # The page-top region: everything before the article's first paragraph.
    top_end = _body_start(lines, cleaned)
    body = " ".join(d.text for d in cleaned.kept)[:4000] or " ".join(lines[top_end:])[:4000]
    body_words = _content_words(body)
    nonempty_before: list[str] = []
    for i, line in enumerate(lines):
        n = i + 1
        if not line:
            continue
        if m := _TITLE_LINE.match(line):
            date = parse_date(m.group("date"))
            if date:
                ev["title"].append(Evidence(_tidy(m.group("title")), "title-line", n))
                ev["source"].append(Evidence(canonical_publisher(m.group("pub")), "title-line", n))
                ev["date"].append(Evidence(date, "dateline", n))
        elif m := _SOURCE_LINE.match(line):
            pub = m.group("pub")
            if pub.lower().startswith("http"):
                host = urlsplit(pub).hostname or ""
                ev["url"].append(Evidence(pub, "url-line", n))
                pub = publisher_for_domain(host) or _bare_domain(host)
            ev["source"].append(Evidence(canonical_publisher(pub), "source-line", n))
            if m.group("rest") and (date := parse_date(m.group("rest"))):
                ev["date"].append(Evidence(date, "source-line", n))
        elif m := _SITE_LINE.match(line):
            name = publisher_for_domain(m.group("domain")) or canonical_publisher(m.group("name"))
            ev["source"].append(Evidence(name, "site-line", n))
        elif m := _URL_LINE.match(line):
            ev["url"].append(Evidence(m.group(1).rstrip(".,)"), "url-line", n))
        elif m := _DOMAIN_LINE.match(line):
            domain = m.group(1)
            if "." in domain and not domain.replace(".", "").isdigit():
                ev["source"].append(Evidence(publisher_for_domain(domain) or _bare_domain(domain), "domain-line", n))
        elif len(_words(line)) <= 10 and (m := _BYLINE.match(line)):
            ev["author"].append(Evidence(_tidy(m.group("name")), "byline", n))
        elif (date := _is_dateline(line)) and not (
            nonempty_before and (_FORUM_CARD.search(nonempty_before[-1]) or nonempty_before[-1].isupper())
        ):
            ev["date"].append(Evidence(date, "dateline", n))
        if m := _BIO.match(line):
            ev["author"].append(Evidence(_tidy(m.group("name")), "bio", n))
            ev["source"].append(Evidence(canonical_publisher(m.group("pub")), "bio", n))
        nonempty_before.append(line)

    # Forum thread title: the first title-like line after "What's new".
    for i, line in enumerate(lines[:top_end]):
        if line.lower().replace("’", "'") == "what's new":
            for j in range(i + 1, min(top_end, i + 6)):
                if lines[j] and _titleish(lines[j]):
                    ev["title"].append(Evidence(lines[j], "thread-title", j + 1))
                    break
            break
    # Headline: the title-like line of the page top that the body talks about.
    head = _headline(lines, top_end, body_words)
    if head is not None:
        ev["title"].append(head)
    return ev


_STOP_EN = set(
    "the and for with that this from are was were has have had will would its their his her they them into over "
    "about after before than then when what which who whom how why not but can could may might also more most "
    "new says said you your our out all any one two off per via".split()
)


def _content_words(text: str) -> set[str]:
    """Lower-case content words, cut to 5 letters as a poor man's stemmer."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text.lower())
    return {w[:5] for w in (w.strip("'’-") for w in words) if len(w) >= 3 and w not in _STOP_EN}


def _headline(lines: list[str], top_end: int, body_words: set[str]) -> Evidence | None:
    """The headline: a title-like line before the body that shares its words.

    Page tops are full of short title-like lines -- menu items, section
    names, the site's slogan.  What sets the headline apart is that the
    article is *about* it: most of its content words recur in the body.
    Among lines that qualify, the most overlapping wins (shared words times
    the share of the line's words), then a repeated one (dumps often hold
    the headline twice), then the one nearest the body.  Lines with
    separators (``|``, ``»``) or dates are navigation or bylines, not
    headlines.  No qualifying line means no headline evidence at all; the lead
    sentence is a better title than a menu item.
    """
    region = [(i, plain) for i, line in enumerate(lines[:top_end]) if line and (plain := _plain_text(line))]
    counts: dict[str, int] = {}
    for _, line in region:
        counts[line] = counts.get(line, 0) + 1
    best: tuple[float, int, int] | None = None
    best_ev: Evidence | None = None
    for i, line in region:
        if not _titleish(line) or re.search(r"[|»«]|^\W", line) or find_dates(line):
            continue
        words = _content_words(line)
        if not words:
            continue
        shared = len(words & body_words)
        share = shared / len(words)
        if shared < 2 or share < 0.5:
            continue
        key = (round(shared * share, 1), 1 if counts[line] > 1 else 0, i)
        if best is None or key > best:
            best, best_ev = key, Evidence(line, "headline", i + 1)
    return best_ev


def _html_evidence(html: str) -> dict[str, list[Evidence]]:
    """Title, date, author, site name and canonical url from HTML metadata.

    trafilatura reads ``<meta>``, JSON-LD, Open Graph and the page itself;
    any failure there only means we fall back to the text rules.
    """
    ev: dict[str, list[Evidence]] = {k: [] for k in ("title", "date", "source", "author", "url")}
    try:
        import trafilatura

        meta = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is optional evidence
        return ev
    if meta is None:
        return ev
    if meta.title and _tidy(meta.title):
        ev["title"].append(Evidence(_tidy(meta.title), "html"))
    if meta.date and (date := parse_date(str(meta.date))):
        ev["date"].append(Evidence(date, "html"))
    if meta.author and _tidy(meta.author):
        ev["author"].append(Evidence(_tidy(meta.author), "html"))
    if meta.url and str(meta.url).startswith(("http://", "https://")):
        ev["url"].append(Evidence(str(meta.url), "html"))
    if meta.sitename and _tidy(meta.sitename):
        ev["source"].append(Evidence(canonical_publisher(meta.sitename), "html"))
    elif meta.hostname:
        host = str(meta.hostname)
        ev["source"].append(Evidence(publisher_for_domain(host) or _bare_domain(host), "html"))
    return ev


# --------------------------------------------------------------------------
# Choosing

_ORDER = {
    "title": ("html", "title-line", "headline*", "thread-title", "headline"),
    "date": ("html", "dateline", "source-line"),
    "source": ("html", "title-line", "source-line", "site-line", "domain-line", "bio"),
    "author": ("html", "byline", "bio"),
    "url": ("html", "url-line"),
}


def _rank(field: str, ev: Evidence, repeated_headline: bool) -> tuple[int, int]:
    order = _ORDER[field]
    kind = "headline*" if ev.kind == "headline" and repeated_headline else ev.kind
    return (order.index(kind) if kind in order else len(order), ev.line or 0)


def _pick(field: str, evidence: Iterable[Evidence], repeated_headline: bool = False) -> list[Evidence]:
    return sorted(evidence, key=lambda e: _rank(field, e, repeated_headline))


_NOT_LEAD = re.compile(
    r"cookie|javascript|newsletter|subscribe|sign up|log in|privacy|terms of (?:use|service)|all rights reserved|"
    r"advertis|you must|register",
    re.I,
)


def _lead_paragraph(cleaned: CleanResult, lines: list[str]) -> str | None:
    """The article's first paragraph, for a title of last resort.

    Normally the cleaner's first kept paragraph.  But a cleaner may drop an
    article's opening paragraphs (they are short and sit near chrome), so a
    sentence-like paragraph shortly *before* the first kept line -- long,
    ending like a sentence, no chrome words -- is preferred: that is where
    a lead sits.
    """
    first_kept = next((d for d in cleaned.kept if len(_words(d.text)) >= 8 and not d.heading), None)
    end = (first_kept.number - 1) if first_kept is not None else len(lines)
    window = [i for i in range(min(end, len(lines))) if lines[i]][-12:]
    for i in window:
        line = lines[i]
        if (
            len(_words(line)) >= 12
            and re.search(r"[.!?][”\"’')]*$", line)
            and not _NOT_LEAD.search(line)
            and not re.search(r"[|»«]", line)
        ):
            return line
    if first_kept is not None:
        return _HEADER.sub("", first_kept.text).strip()
    return next((line for line in lines if len(_words(line)) >= 8), None)


def _first_words(cleaned: CleanResult, lines: list[str]) -> str | None:
    """Any line with a few words, for very short dumps (kept lines first)."""
    for text in [d.text for d in cleaned.kept] + lines:
        text = _HEADER.sub("", text).strip()
        if len(re.findall(r"[^\W\d_]{2,}", _plain_text(text))) >= 2:
            return text
    return None


def _plain_text(s: str) -> str:
    """Titles are plain text: markup found in a dump is not part of one."""
    s = re.sub(r"<[^>]*>", " ", s)
    return _tidy(s)


def _strip_publisher_suffix(title: str, source: str | None) -> str:
    """``Headline | DW`` / ``Headline - BBC News`` -> ``Headline``."""
    m = re.match(r"^(.{8,}?)\s+[|–—-]\s+([^|–—-]{2,40})$", title)
    if m:
        tail = m.group(2)
        if canonical_publisher(tail) != _tidy(tail) or (source and canonical_publisher(tail) == source):
            return m.group(1)
    return title


def describe(
    raw: RawDoc,
    cleaned: CleanResult,
    *,
    detect_language: Callable[[str], str] | None = None,
) -> Metadata:
    """Metadata for one article, each field with its provenance.

    ``detect_language`` defaults to ``generator.clean.detect_language`` when
    that exists, else a stop-word guess.  Never raises for odd input: a
    field without evidence is None (title falls back to the lead sentence,
    then to the file name) and gets a warning for editors.
    """
    header_date, text = _strip_header(raw)
    lines = [line.strip() for line in text.split("\n")]
    ev = _text_evidence(lines, cleaned)
    if raw.html:
        html_ev = _html_evidence(raw.html)
        for key, items in html_ev.items():
            ev[key] = items + ev[key]
    warnings: list[str] = []
    provenance: dict[str, str] = {}

    # Title
    title_line_counts: dict[str, int] = {}
    for line in lines:
        if line:
            title_line_counts[line] = title_line_counts.get(line, 0) + 1
    repeated = any(e.kind == "headline" and title_line_counts.get(e.value, 0) > 1 for e in ev["title"])
    titles = _pick("title", ev["title"], repeated)
    title: str
    title = ""
    if titles:
        title, provenance["title"] = _plain_text(titles[0].value), titles[0].kind
    if not title:
        lead = _lead_paragraph(cleaned, lines) or _first_words(cleaned, lines)
        title = _plain_text(shorten_title(first_sentence(lead))) if lead else ""
        if title:
            provenance["title"] = "lead-sentence"
            warnings.append("title: the dump has no headline; this one was made from the lead sentence (please write a real title)")
        else:
            title = Path(raw.name).stem
            provenance["title"] = "file-name"
            warnings.append("title: no headline or text found; the file name is used (please write a title)")

    # Source (before title clean-up, which uses it)
    sources = _pick("source", ev["source"])
    source = sources[0].value if sources else None
    if sources:
        provenance["source"] = sources[0].kind
        others = sorted({e.value for e in sources[1:] if e.value.lower() != source.lower()})  # type: ignore[union-attr]
        if others:
            warnings.append(
                f"source: the {sources[0].kind} says {source} but the page also names {', '.join(others)} (kept {source})"
            )
    title = _strip_publisher_suffix(title, source)

    # Date: the article's own evidence beats the seed header.
    dates = _pick("date", ev["date"])
    date: str | None = None
    if dates:
        date, kind = dates[0].value, dates[0].kind
        provenance["date"] = kind
        label = {"html": "page metadata", "source-line": "source line"}.get(kind, "dateline")
        if header_date and header_date != date:
            warnings.append(f"date: header says {header_date} but the article's {label} says {date} (kept the {label})")
        # Another *kind* of evidence disagreeing is worth a look; several
        # datelines usually are related-article lists, so they are not.
        others = sorted({e.value for e in dates[1:] if e.value != date and e.kind != kind})
        if others:
            warnings.append(f"date: the page also shows {', '.join(others)} (kept {date} from the {label})")
    elif header_date:
        date, provenance["date"] = header_date, "seed-header"
    else:
        warnings.append("date: no date found in the page; please add one")

    # Author
    authors = _pick("author", ev["author"])
    author = authors[0].value if authors else None
    if authors:
        provenance["author"] = authors[0].kind
        others = sorted({e.value for e in authors[1:] if e.kind != authors[0].kind and e.value.lower() != author.lower()})  # type: ignore[union-attr]
        if others:
            warnings.append(f"author: the {authors[0].kind} says {author} but the page also names {', '.join(others)} (kept {author})")

    # URL
    urls = _pick("url", ev["url"])
    url = urls[0].value if urls else None
    if urls:
        provenance["url"] = urls[0].kind
    if source is None and url:
        host = urlsplit(url).hostname or ""
        if host:
            source = publisher_for_domain(host) or _bare_domain(host)
            provenance["source"] = "url"

    # Language
    sample = cleaned.body if cleaned.body.strip() else text
    detector = detect_language or _default_detector()
    language = None
    if detector is not None:
        try:
            guess = detector(sample)
        except Exception:  # noqa: BLE001 - fall back to our own guess
            guess = None
        if isinstance(guess, str) and re.fullmatch(r"[a-z]{2,3}", guess):
            language, provenance["language"] = guess, "detector"
    if language is None:
        language, provenance["language"] = stopword_language(sample), "stop-words"

    order = ("title", "date", "source", "author", "url", "language")
    provenance = {k: provenance[k] for k in sorted(provenance, key=lambda k: (order.index(k) if k in order else 99, k))}
    return Metadata(
        title=title,
        date=date,
        source=source,
        author=author,
        url=url,
        language=language,
        provenance=provenance,
        warnings=tuple(warnings),
    )

"""Boilerplate removal: decide, line by line, what is article body.

Input is the normalised text of one saved page (what select-all + copy gives:
menus, share buttons, comment forms, forum user cards ... around the article).
Output is a :class:`~generator.model.CleanResult` with one
:class:`~generator.model.LineDecision` per input line, so every decision can
be shown and argued about (``explainer clean --explain``).

How a line is decided, in order (the first step that decides wins):

1. **Structure of the seed file.**  A first line `` date YYYY-MM-DD <text>`` is
   a header; its text after the date is the article's lead sentence when it
   reads like a sentence (kept, reason ``header-lead``), otherwise chrome.
2. **Glued widgets** are split off first ("... Mars sent by Chinese mission
   0:47However, ..." keeps only "However, ...").
3. **Rules from data** (``data/chrome_patterns.json``): share/cookie/subscribe
   /comment-form/copyright/navigation/"Read more"/source/reading-time/domain
   lines, forum chrome (user cards, replies, footers), author bios, photo
   captions, and duplicated title lines.  Rules only fire on short lines or on
   very specific phrasings, because a rule that fires inside real paragraphs
   costs recall on every site.
4. **A small learned model** for everything else: logistic regression over
   cheap, language-independent line features (length, sentence shape,
   punctuation, stop-word density in the page's language *relative to the
   page*, link/menu-likeness, repetition, the size of the blank-separated
   block).  A second logistic regression smooths the first one's output with
   the neighbours' scores and the position relative to the densest run of
   body text.  Weights live in ``data/clean_model.json`` and are produced by
   ``benchmarks/train_cleaner.py``; at run time this is plain Python.
5. **Repairs**: short lines between two kept paragraphs become sub-headings;
   a page with text but nothing kept keeps its densest block (so a page in a
   language the model has never seen never comes out empty).

Only the standard library is used here, and the data files are loaded once.
"""

from __future__ import annotations

import gc
import json
import math
import operator
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from typing import Final
from functools import lru_cache, partial
from itertools import accumulate, chain, compress, repeat
from pathlib import Path

from .model import CleanResult, LineDecision

__all__ = ["clean", "explain", "detect_language", "line_features", "FEATURES", "STAGE2_FEATURES"]

DATA_DIR: Final = Path(__file__).resolve().parent / "data"
# True when this module runs compiled (see setup.py): then __file__ is the extension
COMPILED: Final = not __file__.endswith(".py")

# A line's reason: a rule's name, or (model decisions) a zero-argument callable
# that phrases it when somebody reads it (see LineDecision)
Reason = str | Callable[[], str]

_WORD: Final = re.compile(r"\w+")
_HEADER: Final = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b\s*(.*)$")
_SENT_END: Final = frozenset(".!?。！？…")
_TRAIL: Final = "\"'”’»)] \t"
_DIGIT: Final = re.compile(r"\d")
_LETTER: Final = re.compile(r"[^\W\d_]")
_CAP_START: Final = re.compile(r"(?:^|(?<=\s))[A-ZА-ЯЁÀ-ÖØ-Þ]")
# The characters of _CAP_START's class: a word (``str.split``, which splits on
# the same whitespace as ``\s``) starting with one of them is exactly one
# _CAP_START match, and testing first characters is ~3x cheaper than the
# look-behind regex on long lines.
_CAP_CHARS: Final = frozenset(
    [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    + [chr(c) for c in range(ord("А"), ord("Я") + 1)] + ["Ё"]
    + [chr(c) for c in range(ord("À"), ord("Ö") + 1)]
    + [chr(c) for c in range(ord("Ø"), ord("Þ") + 1)]
)
_FIRST: Final = operator.itemgetter(0)
_LAST_CHAR: Final = operator.itemgetter(slice(-1, None))  # "" for ""
_SENT_SPLIT: Final = re.compile(r"[.!?。！？](?:[\"'”’»)\]]*)\s+(?=[\"“‘«(]?[A-ZА-ЯЁÀ-ÖØ-Þ0-9가-힣])")
# menu/breadcrumb separators, counted with str.count (cheaper than a regex)
_SEPARATOR_MARKS: Final = ("|", "•", "·", "»", "›", "«", "‹", " / ", " - ", " – ", "→", "←")
_ASCII_SEPARATOR_MARKS: Final = tuple(m for m in _SEPARATOR_MARKS if m.isascii())
_URLISH: Final = re.compile(r"https?://|www\.|\.(com|org|net|html?|php)\b|@\w|#\w")
_DATE: Final = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}\b|"
    r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}\b",
    re.I,
)
# _DATE without re.I, for lower-cased ASCII lines (no upper-case letters in
# the pattern, so on ASCII text the two find the same dates)
_DATE_LOW: Final = re.compile(_DATE.pattern)
# bytes.translate table for ASCII lines: digits -> "0", upper case -> "A",
# lower case -> "a", whitespace (what str.split splits on) -> " ", the rest -> "."
_ASCII_CLASSES: Final = bytes(
    ord("0") if chr(c).isdigit() else ord("A") if chr(c).isupper() else ord("a") if chr(c).islower()
    else ord(" ") if chr(c).isspace() else ord(".")
    for c in range(128)
) + b"." * 128
# bytes.translate table: \w characters of ASCII text stay, every other byte becomes a space
_ASCII_WORD_BYTES: Final = bytes(c if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256))
_NUMERIC_LINE: Final = re.compile(r"^[-+]?[\d.,\s%kKmM]+$")
_HANGUL: Final = re.compile(r"[\uac00-\ud7a3]")
_KANA: Final = re.compile(r"[\u3040-\u30ff]")
_HIRAGANA: Final = re.compile(r"[\u3040-\u309f]")
_HAN: Final = re.compile(r"[\u4e00-\u9fff]")
_ANY_CJK: Final = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
SAMPLE_CHARS: Final = 2500
_CJK_CHARS: Final = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_CAP_WORD: Final = re.compile(r"^[A-ZА-ЯЁÀ-ÖØ-Þ]")

# Stage-1 features (per line, from the line and its block) and stage-2
# features (smoothing over neighbours and position).  The order is the order
# of the weights in clean_model.json; change both together (retrain).
FEATURES: Final = (
    "words", "stop", "stop_rel", "end_punct", "sentences", "commas", "digits",
    "caps", "upper", "sep", "urlish", "repeat", "date", "short", "numeric",
    "block_lines", "block_words", "long10", "long20", "long40", "texty", "len_rel",
)
_N_FEATURES: Final = len(FEATURES)
STAGE2_FEATURES: Final = ("logit", "prev", "next", "nb2", "block_logit", "in_run", "run_dist", "words", "short", "texty")

# How each feature reads in an explanation: (when it pushes to keep, when it pushes to drop).
_PHRASES: Final = {
    "words": ("long", "short"),
    "stop": ("many stop-words", "few stop-words"),
    "stop_rel": ("stop-words like the body", "fewer stop-words than the body"),
    "end_punct": ("ends like a sentence", "no sentence end"),
    "sentences": ("several sentences", "one fragment"),
    "commas": ("commas", "no commas"),
    "digits": ("few digits", "many digits"),
    "caps": ("normal casing", "Title Case"),
    "upper": ("mixed case", "ALL CAPS"),
    "sep": ("no separators", "link-like separators"),
    "urlish": ("no links", "link-like"),
    "repeat": ("unique", "repeated on page"),
    "date": ("no date", "date-like"),
    "short": ("not tiny", "tiny"),
    "numeric": ("text", "numbers only"),
    "block_lines": ("lone paragraph", "in a list of lines"),
    "block_words": ("paragraph-sized block", "block of short lines"),
    "long10": ("10+ words", "under 10 words"),
    "long20": ("20+ words", "under 20 words"),
    "long40": ("40+ words", "under 40 words"),
    "texty": ("long with stop-words", "little running text"),
    "len_rel": ("among the page's longest lines", "short for this page"),
    "pos": ("position", "position"),
    "logit": ("line looks like body", "line looks like chrome"),
    "prev": ("line above is body", "line above is chrome"),
    "next": ("line below is body", "line below is chrome"),
    "nb2": ("near body", "near chrome"),
    "block_logit": ("block is body", "block is chrome"),
    "in_run": ("inside main text run", "outside main text run"),
    "run_dist": ("close to main text", "far from main text"),
}


# --------------------------------------------------------------------------
# data files


def _is_anchored(pattern: str) -> bool:
    """True if ``pattern`` starts with ``^`` and has no top-level ``|`` (so ``^`` binds it all)."""
    return pattern.startswith("^") and len(_alternatives(pattern)) == 1


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern`` (split at each ``|`` outside groups and classes)."""
    out, depth, k, start, in_class = [], 0, 0, 0, False
    while k < len(pattern):
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:k])
            start = k + 1
        k += 1
    out.append(pattern[start:])
    return out


class _LineSearch:
    """``re.compile(pattern, re.I).search(ln.text) is not None``, in fewer regex steps.

    A ``search`` tries every position of the line.  The alternatives that
    start with ``^`` can only match at its start, so they go into one regex
    tried once with ``match``; only the others are searched.  Both parts get
    the case-sensitive twins of :func:`_search_line` for ASCII lines.
    """

    __slots__ = ("anchored", "anchored_low", "floating", "floating_low")

    def __init__(self, pattern: str) -> None:
        alts = _alternatives(pattern)
        anchored = "|".join(f"(?:{a[1:]})" for a in alts if a.startswith("^"))
        floating = "|".join(f"(?:{a})" for a in alts if not a.startswith("^"))
        self.anchored = re.compile(anchored, re.I) if anchored else None
        self.floating = re.compile(floating, re.I) if floating else None
        self.anchored_low = _lowercase_equivalent(anchored) if anchored else None
        self.floating_low = _lowercase_equivalent(floating) if floating else None
        if (self.anchored is not None and self.anchored_low is None) or (
            self.floating is not None and self.floating_low is None
        ):
            self.anchored_low = self.floating_low = None  # no ASCII fast path

    def __call__(self, ln: "_Line") -> bool:
        if (self.anchored_low is not None or self.floating_low is not None) and ln.text.isascii():
            a, f, subject = self.anchored_low, self.floating_low, ln.low
        else:
            a, f, subject = self.anchored, self.floating, ln.text
        return (a is not None and a.match(subject) is not None) or (f is not None and f.search(subject) is not None)


class _Data:
    """Everything loaded from ``generator/data`` (once per process)."""

    def __init__(self) -> None:
        stop = json.loads((DATA_DIR / "stopwords.json").read_text(encoding="utf-8"))
        self.stopwords: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in stop.items()}
        # inverted index word -> languages, so language detection is one dict lookup per token
        index: dict[str, list[str]] = {}
        for lang, words in stop.items():
            if lang in ("zh", "ja"):
                continue
            for w in words:
                index.setdefault(w, []).append(lang)
        self.stop_index = {w: (tuple(ls), 1.0 / len(ls)) for w, ls in index.items()}
        # the same shares as integers: word -> ((lang, stop_unit_lcm // k), ...)
        self.stop_unit_lcm = math.lcm(*{len(ls) for ls in index.values()})
        self.stop_units = {
            w: tuple((lang, self.stop_unit_lcm // len(ls)) for lang in ls) for w, ls in index.items()
        }
        chrome = json.loads((DATA_DIR / "chrome_patterns.json").read_text(encoding="utf-8"))
        # Rules are combined into a few big regexes (group name = rule index):
        # patterns anchored at the line start go into ``match`` regexes (one
        # attempt per line), the rest into ``search`` regexes; each comes in
        # one version per word-count limit, holding the rules whose max_words
        # allows a line of that length.
        rules = chrome["rules"]
        self.rule_names = [r["name"] for r in rules]
        limits = sorted({r["max_words"] for r in rules})
        self.rule_buckets: list[tuple[int, re.Pattern | None, list, re.Pattern | None]] = []
        for limit in limits:
            anchored, floating = [], []
            for k, r in enumerate(rules):
                if r["max_words"] < limit:
                    continue
                a = [p[1:] for p in r["patterns"] if _is_anchored(p)]
                f = [p for p in r["patterns"] if not _is_anchored(p)]
                if a:
                    anchored.append(f"(?P<r{k}>" + "|".join(f"(?:{p})" for p in a) + ")")
                if f:
                    rx = re.compile("|".join(f"(?:{p})" for p in f), re.I)
                    nd = r.get("needles")
                    needle_rx = re.compile("|".join(re.escape(x) for x in nd), re.I) if nd else None
                    floating.append((r["name"], rx, needle_rx))
            # one pre-check for the whole bucket: the union of all needles
            # (only possible when every floating rule has needles)
            needles = [x for r in rules if r["max_words"] >= limit for x in r.get("needles", ())]
            pre = None
            if floating and all(f[2] is not None for f in floating):
                pre = re.compile("|".join(re.escape(x) for x in needles), re.I)
            self.rule_buckets.append((limit, re.compile("|".join(anchored), re.I) if anchored else None, floating, pre))
        self.rule_buckets_ascii = _ascii_buckets(self.rule_buckets)
        self.rule_max_words = [r["max_words"] for r in rules]
        self.rule_dispatch = _rule_dispatch(rules) if self.rule_buckets_ascii is not None else None
        # bucket of a line with n words = the first whose limit allows n
        # (indexed by n, so _chrome_rule does not walk the bucket list)
        self.rule_bucket_by_words = _by_words(self.rule_buckets)
        self.rule_bucket_by_words_ascii = (
            _by_words(self.rule_buckets_ascii) if self.rule_buckets_ascii is not None else None
        )
        forum = chrome["forum"]
        self.forum_rank = re.compile(forum["rank"], re.I)
        # cheap pre-check: every rank line names one of these
        self.forum_rank_hint = re.compile(r"member|moderator|admin|user|poster|analyst", re.I)
        self.forum_footer = re.compile(forum["footer"], re.I)
        self.forum_label = re.compile(forum["card_labels"], re.I)
        self.bio = re.compile(chrome["bio"]["pattern"])
        self.bio_other = re.compile("|".join(chrome["bio"]["other"]), re.I)
        cap = chrome["caption"]
        self.caption_anchored = re.compile(
            "|".join(f"(?:{p[1:]})" for p in cap["patterns"] if _is_anchored(p)), re.I)
        # the floating caption cues all contain "(", "/" or "|" (checked before searching)
        self.caption = re.compile("|".join(f"(?:{p})" for p in cap["patterns"] if not _is_anchored(p)), re.I)
        self.caption_date_end = re.compile(cap["date_end"], re.I)
        self.finite = frozenset(cap["finite"])
        self.glued_duration = re.compile(chrome["glued"]["duration"])
        self.glued_label = re.compile(chrome["glued"]["label"])
        cs = chrome["comment_section"]
        self.comment_section = re.compile(cs["pattern"], re.I)
        self.comment_max_words = cs["max_words"]
        self.comment_min_before = cs["min_words_before"]
        self.comment_min_meta = cs["min_meta"]
        self.comment_meta_search = _LineSearch(cs["meta"])
        # case-sensitive twins for lower-cased ASCII lines (see _search_line)
        self.forum_rank_hint_low = _lowercase_equivalent(self.forum_rank_hint.pattern)
        self.forum_footer_low = _lowercase_equivalent(self.forum_footer.pattern)
        self.comment_section_low = _lowercase_equivalent(self.comment_section.pattern)
        self.bio_other_low = _lowercase_equivalent(self.bio_other.pattern)
        self.caption_anchored_low = _lowercase_equivalent(self.caption_anchored.pattern)
        # first characters that rule a line out before the call (see _cannot_start)
        self.forum_footer_skip = _cannot_start(self.forum_footer_low)
        self.caption_anchored_skip = _cannot_start(self.caption_anchored_low)
        self.bio_other_skip = _cannot_start(self.bio_other_low)
        self.comment_section_skip = _cannot_start(self.comment_section_low)
        model_path = DATA_DIR / "clean_model.json"
        self.model = json.loads(model_path.read_text(encoding="utf-8")) if model_path.exists() else None


# Escapes whose meaning does not depend on case (``\S`` is upper-case in the
# source but a class, not a letter).  A pattern using any other escape gets no
# ASCII fast path (see _ascii_buckets).
_CASE_NEUTRAL_ESCAPES: Final = frozenset("sSwWdDbB.()[]{}+*?|^$-/\\&#:'\" ")


def _lowercase_equivalent(pattern: str) -> re.Pattern | None:
    """``pattern`` compiled *without* re.I, for matching lower-cased ASCII lines.

    On an ASCII line, ``re.compile(pattern, re.I).match(line)`` and
    ``re.compile(pattern).match(line.lower())`` agree (same positions, same
    winning alternative) when the pattern has no upper-case ASCII letter of
    its own and none of its non-ASCII characters matches an ASCII character
    under re.I (``ſ`` or the Kelvin sign would).  Both are checked here;
    ``None`` means "no fast path".  The case-sensitive version is ~2x faster
    because the regex engine can skip alternatives by their first literal.
    """
    k, plain = 0, []
    while k < len(pattern):
        c = pattern[k]
        if pattern.startswith("(?P<", k):  # a named group (ours: r0, r1, ...), not a letter
            k += 4
            continue
        if c == "\\":
            if pattern[k + 1 : k + 2] not in _CASE_NEUTRAL_ESCAPES:
                return None
            k += 2
            continue
        plain.append(c)
        k += 1
    if any("A" <= c <= "Z" for c in plain):
        return None
    ascii_chars = [chr(c) for c in range(128)]
    for c in set(plain):
        if not c.isascii() and any(re.fullmatch(re.escape(c), a, re.I) for a in ascii_chars):
            return None
    return re.compile(pattern)


_ASCII: Final = frozenset(map(chr, range(128)))


@lru_cache(maxsize=None)
def _ascii_class(pattern: str) -> frozenset[str]:
    """The ASCII characters a one-character ``pattern`` matches (case-sensitive)."""
    rx = re.compile(pattern)
    return frozenset(c for c in _ASCII if rx.fullmatch(c))


def _start_chars(items) -> tuple[frozenset[str], bool]:
    """(ASCII characters a match of a parsed sequence can start with, can it match empty).

    ``items`` is a parsed, case-sensitive pattern (``re._parser``).  Anything
    not understood here counts as "any character", so the answer is never too
    small; that is all :func:`_rule_dispatch` needs.
    """
    c = _parser_constants
    out: set[str] = set()
    for op, av in items:
        if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:
            continue  # zero width: the next item starts the match
        empty = False
        if op is c.LITERAL:
            first: frozenset[str] = frozenset({chr(av)}) & _ASCII
        elif op is c.NOT_LITERAL or op is c.ANY:
            first = _ASCII
        elif op is c.IN:
            chars: set[str] = set()
            negate = False
            for o, a in av:
                if o is c.NEGATE:
                    negate = True
                elif o is c.LITERAL:
                    chars.add(chr(a))
                elif o is c.RANGE:
                    chars.update(map(chr, range(a[0], min(a[1], 127) + 1)))
                elif o is c.CATEGORY and a in _CATEGORY_PATTERNS:
                    chars |= _ascii_class(_CATEGORY_PATTERNS[a])
                else:
                    chars = set(_ASCII)
                    negate = False
                    break
            first = _ASCII - chars if negate else frozenset(chars) & _ASCII
        elif op is c.SUBPATTERN and not av[1] and not av[2]:  # a group without inline flags
            first, empty = _start_chars(av[3])
        elif op is c.BRANCH:
            first = frozenset()
            for alt in av[1]:
                f, e = _start_chars(alt)
                first, empty = first | f, empty or e
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            first, empty = _start_chars(av[2])
            empty = empty or av[0] == 0
        else:
            return _ASCII, True
        out |= first
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


try:  # the parser behind re.compile; without it, no dispatch (see _rule_dispatch)
    import re._constants as _parser_constants  # type: ignore[import-not-found]  # (no stubs)
    import re._parser as _parser  # type: ignore[import-not-found]

    _CATEGORY_PATTERNS = {
        _parser_constants.CATEGORY_DIGIT: r"\d",
        _parser_constants.CATEGORY_NOT_DIGIT: r"\D",
        _parser_constants.CATEGORY_SPACE: r"\s",
        _parser_constants.CATEGORY_NOT_SPACE: r"\S",
        _parser_constants.CATEGORY_WORD: r"\w",
        _parser_constants.CATEGORY_NOT_WORD: r"\W",
    }
except ImportError:  # pragma: no cover - other Python implementations
    _parser = None


def _rule_dispatch(rules: list[dict]) -> tuple[dict[str, re.Pattern | None], re.Pattern | None, int] | None:
    """For ASCII lines: regexes of only the anchored rules that can match, by the line's first character.

    A ``match`` against a bucket's big alternation tries every anchored
    pattern in turn.  Here each pattern goes, by the characters its matches
    can start with, into the regexes of those characters; the few that can
    start with almost anything (more than ``_WIDE_START`` characters) go into
    one regex tried on every line instead.  All keep the rule order and the
    group names of the buckets and hold the rules of every word limit, so the
    two ``match``es say which anchored rule fires first;
    :func:`_chrome_rule` checks its limit (and skips the wide regex on lines
    longer than all of its rules allow: whatever it found would not count).
    Only built when the buckets have case-sensitive twins (so every pattern
    has one); ``None`` when the parser is unavailable (the buckets then do
    all the work).
    """
    if _parser is None:
        return None
    narrow: list[tuple[int, str, frozenset[str]]] = []
    wide: list[tuple[int, str]] = []
    for k, r in enumerate(rules):
        for p in r["patterns"]:
            if not _is_anchored(p):
                continue
            try:
                parsed = _parser.parse(p[1:])
                first = _ASCII if parsed.state.flags & re.I else _start_chars(parsed)[0]
            except Exception:  # noqa: BLE001 - a pattern the analysis does not follow: any character
                first = _ASCII
            if len(first) > _WIDE_START:
                wide.append((k, p[1:]))
            else:
                narrow.append((k, p[1:], first))

    def combined(patterns: list[tuple[int, str]]) -> str:
        by_rule: dict[int, list[str]] = {}
        for k, p in patterns:
            by_rule.setdefault(k, []).append(p)
        return "|".join(f"(?P<r{k}>" + "|".join(f"(?:{p})" for p in ps) + ")" for k, ps in by_rule.items())

    compiled: dict[str, re.Pattern | None] = {}
    by_char: dict[str, re.Pattern | None] = {}
    for ch in sorted(_ASCII):
        pattern = combined([(k, p) for k, p, first in narrow if ch in first])
        if pattern not in compiled:
            compiled[pattern] = re.compile(pattern) if pattern else None
        by_char[ch] = compiled[pattern]
    wide_limit = max((rules[k]["max_words"] for k, _ in wide), default=-1)
    return by_char, (re.compile(combined(wide)) if wide else None), wide_limit


_WIDE_START: Final = 20


def _cannot_start(twin: re.Pattern | None) -> frozenset[str]:
    """ASCII characters that no ``match`` of ``twin`` can start with.

    ``twin`` is the case-sensitive twin of an re.I regex (see
    :func:`_lowercase_equivalent`), so a line whose lower-cased text starts
    with one of these characters matches neither (the re.I regex compares
    the first character case-insensitively, which is what lower-casing it
    does).  Empty (no shortcut) when the pattern is not understood or can
    match the empty string.
    """
    if twin is None or _parser is None:
        return frozenset()
    try:
        parsed = _parser.parse(twin.pattern)
        first, empty = _start_chars(parsed)
    except Exception:  # noqa: BLE001 - a pattern the analysis does not follow: no shortcut
        return frozenset()
    if empty or parsed.state.flags & re.I:
        return frozenset()
    return _ASCII - first


def _by_words(buckets: list) -> list:
    """``out[n]`` = the first bucket (limits ascending) whose word limit is at least ``n``."""
    return [next(b for b in buckets if n <= b[0]) for n in range(buckets[-1][0] + 1)] if buckets else []


def _ascii_buckets(buckets: list) -> list | None:
    """Case-sensitive twins of each bucket's anchored regex and needle pre-check, or ``None``.

    Used by :func:`_chrome_rule` on ASCII lines (most lines), matched against
    the already lower-cased text.  Any pattern that fails the checks of
    :func:`_lowercase_equivalent` switches the fast path off entirely.
    """
    out = []
    for limit, anchored, floating, pre in buckets:
        a = _lowercase_equivalent(anchored.pattern) if anchored is not None else None
        p = _lowercase_equivalent(pre.pattern) if pre is not None else None
        if (anchored is not None and a is None) or (pre is not None and p is None):
            return None
        out.append((limit, a, floating, p))
    return out



def _search_line(rx: re.Pattern, twin: re.Pattern | None, ln: "_Line") -> bool:
    """``rx.search(ln.text)`` (an re.I regex) as a bool, via its case-sensitive twin on ASCII lines."""
    if twin is not None and ln.text.isascii():
        return twin.search(ln.low) is not None
    return rx.search(ln.text) is not None


def _match_line(rx: re.Pattern, twin: re.Pattern | None, ln: "_Line") -> bool:
    """``rx.match(ln.text)`` (an re.I regex) as a bool, via its case-sensitive twin on ASCII lines."""
    if twin is not None and ln.text.isascii():
        return twin.match(ln.low) is not None
    return rx.match(ln.text) is not None


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _Data()


# --------------------------------------------------------------------------
# language


def detect_language(text: str, lines: list[str] | None = None) -> str:
    """Best-effort ISO 639-1 code of ``text``; ``'en'`` when unsure.

    Scripts that identify a language on their own (Hangul, kana, Han) are
    counted first; otherwise the language whose stop-word list covers most
    tokens wins (a token in several lists counts fractionally for each).
    Only the first ``SAMPLE_CHARS`` characters of the page's longer lines
    (more than 60 characters, where running text is) are looked at.
    ``lines`` is ``text.split("\n")`` when the caller already has it.
    """
    sample, _parts = _language_sample(text, text.split("\n") if lines is None else lines)
    return _pick_language(sample, _WORD.findall(sample.lower()))


def _language_sample(text: str, lines: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text :func:`detect_language` looks at, and the lines it is made of.

    The sample is the first ``SAMPLE_CHARS`` characters of the lines longer
    than 60 characters, joined by newlines (or of the text, when there are
    none); the parts are ``(line index, characters of it in the sample)``,
    empty in the second case.  Long lines are only collected until the
    sample is full (the same prefix as joining all of them, without walking
    the rest of a long page).
    """
    parts: list[tuple[int, int]] = []
    size = 0
    for i, ln in enumerate(lines):
        if len(ln) > 60:
            parts.append((i, min(len(ln), SAMPLE_CHARS - size)))
            size += len(ln) + 1
            if size > SAMPLE_CHARS:
                break
    if not parts:
        return text[:SAMPLE_CHARS], parts
    return "\n".join([lines[i] for i, _ in parts])[:SAMPLE_CHARS], parts


def _pick_language(sample: str, tokens: list[str]) -> str:
    """The language of ``sample`` (see :func:`detect_language`); ``tokens`` are its lower-cased words."""
    if _ANY_CJK.search(sample):
        hangul = len(_HANGUL.findall(sample))
        kana = len(_KANA.findall(sample))
        han = len(_HAN.findall(sample))
        letters = len(_LETTER.findall(sample)) or 1
        if hangul / letters > 0.2:
            return "ko"
        if kana / letters > 0.1:
            return "ja"
        if (han + kana) / letters > 0.3:
            return "zh"
    data = _data()
    # Scores are sums of 1/k (k = number of lists holding the token), added
    # token by token as floats.  The same sums are first taken exactly, as
    # integers in units of 1/stop_unit_lcm and once per distinct token; when the
    # winner leads by more than the float sums can be off, the float loop
    # (the reference) would pick it too.
    units = data.stop_units
    exact: dict[str, int] = {}
    exact_of = exact.get
    hits = 0
    for w, c in Counter(tokens).items():
        e = units.get(w)
        if e is not None:
            hits += c
            for lang, u in e:
                exact[lang] = exact_of(lang, 0) + c * u
    if hits < 3 or not exact:
        return "en"
    top = sorted(exact.values(), reverse=True)
    # each float sum is within (hits**2 + hits) * 2**-53 of the exact one
    if len(top) == 1 or (top[0] - top[1]) * 2**53 > 2 * (hits * hits + hits) * data.stop_unit_lcm:
        return max(exact, key=exact.__getitem__)
    lookup = data.stop_index.get
    scores: dict[str, float] = {}
    score_of = scores.get
    for langs, share in filter(None, map(lookup, tokens)):
        for lang in langs:
            scores[lang] = score_of(lang, 0.0) + share
    return max(sorted(scores), key=scores.__getitem__)


def _ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence (closing quotes/brackets allowed)."""
    t = text.rstrip(_TRAIL)
    return bool(t) and t[-1] in _SENT_END


def _stop_counter(lang: str) -> tuple[Callable[[str, list[str]], tuple[int, int]], frozenset[str] | None]:
    """Return ``f(line, tokens) -> (n_words, n_stop)`` for the page language, and its stop-words.

    For space-separated languages this counts tokens in the page language's
    list (plus English, which shows up quoted everywhere).  Chinese and
    Japanese do not separate words, so there a "word" is ~1.5 characters and
    function characters (zh) or hiragana (ja) are the stop-words.
    """
    data = _data()
    if lang == "zh":
        chars = data.stopwords["zh"]

        def count_zh(line: str, tokens: list[str]) -> tuple[int, int]:
            cjk = _CJK_CHARS.findall(line)
            if len(cjk) < 2:
                return len(tokens), sum(1 for t in tokens if t in data.stopwords["en"])
            n = max(1, round(len(cjk) / 1.5))
            return n, min(n, 3 * sum(1 for c in cjk if c in chars))

        return count_zh, None
    if lang == "ja":

        def count_ja(line: str, tokens: list[str]) -> tuple[int, int]:
            cjk = _CJK_CHARS.findall(line)
            if len(cjk) < 2:
                return len(tokens), sum(1 for t in tokens if t in data.stopwords["en"])
            n = max(1, round(len(cjk) / 1.5))
            return n, min(n, round(len(_HIRAGANA.findall(line)) / 1.5))

        return count_ja, None
    words = data.stopwords.get(lang, frozenset()) | data.stopwords["en"]

    def count(line: str, tokens: list[str]) -> tuple[int, int]:
        return len(tokens), sum(map(words.__contains__, tokens))

    # the words are returned too: a space-separated language's count is the
    # same on every line, and _analyse inlines it
    return count, words


# --------------------------------------------------------------------------
# features


_NO_FEATURES: Final[list[float]] = []  # a line's features before they are computed (never mutated)


class _Line:
    __slots__ = ("i", "text", "low", "tokens", "n", "stop", "block", "end", "feat", "n_splits")

    def __init__(self, i: int, text: str, low: str, tokens: list[str], n: int, stop: int, block: int, end: bool) -> None:
        self.i = i
        self.text = text
        self.low = low  # lower-cased text
        self.tokens = tokens
        self.n = n
        self.stop = stop
        self.block = block  # number of the blank-separated block the line is in
        self.end = end  # ends like a sentence
        self.feat: list[float] = _NO_FEATURES  # filled by line_features or _prepare
        # number of _SENT_SPLIT matches once known (-1: not counted yet); the
        # caption check counts them and the features reuse the count
        self.n_splits = -1


class _Page:
    """What the line features of a page are measured against (see :func:`_page_stats`)."""

    __slots__ = ("stop_ref", "long_ref", "copies", "block_stats")

    def __init__(self, stop_ref: float, long_ref: int, copies: Counter, block_stats: dict) -> None:
        self.stop_ref = stop_ref  # the page's typical stop-word share (_stop_ref)
        self.long_ref = long_ref  # a long line's word count (95th percentile, at least 8)
        self.copies = copies  # lower-cased text -> number of lines with it
        self.block_stats = block_stats  # block -> (log1p(lines), log1p(mean words per line))


def _analyse(
    text: str, raw_lines: list[str], texts: list[str], glued_from: int
) -> tuple[list[_Line | None], list[_Line], dict[int, str], str]:
    """Cut glued widgets off (from line ``glued_from`` on), tokenise every non-empty line once, detect the language.

    Returns the lines (``None`` for blank ones), the non-blank ones, the
    reason of each cut, and the language (:func:`detect_language` of
    ``text``, from the tokens of the lines the sample is made of).  ``texts``
    (``raw_lines`` with the header cut) gets the cut lines.  Each step runs
    over all lines at once (``map`` and friends loop in C), not line by line.
    """
    data = _data()
    glued_reason: dict[int, str] = {}
    # 2. glued widgets: a video title ending in its duration, or an ad label
    for i in [i for i, t in enumerate(texts) if i >= glued_from and (":" in t or len(t) > 50)]:
        t = texts[i]
        cut: str | None = None
        m = data.glued_duration.search(t) if ":" in t else None
        if m is not None and m.start() > 0 and len(t[: m.start()].split()) <= 15 and len(t) - m.end() > 40:
            cut = t[: m.end()].strip()
        else:
            m = data.glued_label.match(t) if len(t) > 50 else None
            if m is not None and len(t) - m.end() > 40:
                cut = m.group(0)
        if cut is not None and m is not None:
            glued_reason[i] = f"glued-widget: cut {cut!r}"
            texts[i] = t[m.end():].strip()
    stripped = list(map(str.strip, texts))
    filled = list(map(bool, stripped))
    # a non-blank line starts a block when the line before it is blank
    starts = compress(chain((True,), map(operator.not_, filled)), filled)
    blocks = list(accumulate(starts, initial=0))[1:]
    ss = list(compress(stripped, filled))
    lows = list(map(str.lower, ss))
    # \w+ on an ASCII line is [0-9A-Z_a-z]+: mapping every other byte to a
    # space and splitting gives the same words, ~1.5x faster than the regex
    findall, table = _WORD.findall, _ASCII_WORD_BYTES
    tokens = [
        low.encode("ascii").translate(table).decode("ascii").split() if low.isascii() else findall(low)
        for low in lows
    ]
    index = list(compress(range(len(texts)), filled))
    # the sample's words: a whole line of it that was not cut has the words
    # of its stripped, lower-cased self (lower() of the joined sample treats
    # the newlines between lines like the ends of separate strings)
    sample, parts = _language_sample(text, raw_lines)
    sample_tokens: list[str] = []
    for i, taken in parts:
        raw = raw_lines[i]
        if taken == len(raw) and texts[i] is raw and filled[i]:
            sample_tokens += tokens[bisect_left(index, i)]
        else:
            sample_tokens += _WORD.findall(raw[:taken].lower())
    lang = _pick_language(sample, sample_tokens if parts else _WORD.findall(sample.lower()))
    counter, words = _stop_counter(lang)
    if words is not None:
        ns = list(map(len, tokens))
        stops = list(map(sum, map(map, repeat(words.__contains__), tokens)))  # = counter(s, tokens)
    else:
        counts = list(map(counter, ss, tokens))
        ns, stops = [c[0] for c in counts], [c[1] for c in counts]
    ends = map(_SENT_END.__contains__, map(_LAST_CHAR, map(str.rstrip, ss, repeat(_TRAIL))))  # = _ends_sentence
    present = list(map(_Line, index, ss, lows, tokens, ns, stops, blocks, ends))
    lines: list[_Line | None] = [None] * len(texts)
    for ln in present:
        lines[ln.i] = ln
    return lines, present, glued_reason, lang


def _stop_ref(present: list[_Line]) -> float:
    """The page's typical stop-word share of running text (80th percentile of lines with 6+ words)."""
    ratios = sorted(ln.stop / ln.n for ln in present if ln.n >= 6)
    ref = ratios[int(len(ratios) * 0.8)] if len(ratios) >= 3 else 0.3
    return max(ref, 0.08)


def _page_stats(present: list[_Line]) -> _Page:
    """The page-wide values of :func:`line_features`: stop-word and length references, copies, blocks."""
    ns = [ln.n for ln in present]
    lengths = sorted(ns)
    # per block (a run of equal block numbers): log1p of its line count and
    # of its mean words per line, from the running sum of the word counts at
    # each block's first and last line (integers, so the same sums)
    blocks = [ln.block for ln in present]
    starts = list(compress(range(len(blocks)), map(operator.ne, blocks, chain((None,), blocks))))
    ends = starts[1:] + [len(blocks)]
    at = list(accumulate(ns, initial=0)).__getitem__
    sizes = list(map(operator.sub, ends, starts))
    sums = map(operator.sub, map(at, ends), map(at, starts))
    log1p = math.log1p
    block_stats = dict(zip(
        map(blocks.__getitem__, starts),
        zip(map(log1p, sizes), map(log1p, map(operator.truediv, sums, sizes))),
    ))
    copies = Counter([ln.low for ln in present])
    return _Page(_stop_ref(present), max(lengths[int(len(lengths) * 0.95)], 8), copies, block_stats)


def line_features(lines: list[_Line | None], skip: set[int] | frozenset = frozenset()) -> None:
    """Fill ``feat`` (stage-1 feature vector, order = ``FEATURES``) on every line.

    Lines in ``skip`` (decided by a rule) only get what the smoothing stage
    reads (see :func:`_rule_features`).  ``_prepare`` computes the same
    features line by line, together with the rules.
    """
    present = [ln for ln in lines if ln is not None]
    if not present:
        return
    page = _page_stats(present)
    for ln in present:
        ln.feat = _rule_features(ln, page) if ln.i in skip else _features(ln, page)


def _rule_features(ln: _Line, page: _Page) -> list[float]:
    """Features of a line a rule decided: only what the smoothing stage reads is filled in."""
    n = ln.n
    stop = ln.stop / n if n else 0.0
    logn = math.log1p(n)
    feat = [0.0] * _N_FEATURES
    feat[0] = logn
    feat[13] = 1.0 if n <= 3 else 0.0
    sr, lr = stop / page.stop_ref, n / page.long_ref
    feat[20] = logn * (1.5 if 1.5 < sr else sr)  # = min(sr, 1.5), see _features
    feat[21] = 1.5 if 1.5 < lr else lr
    return feat


def _features(ln: _Line, page: _Page) -> list[float]:
    """The stage-1 feature vector of one line (order = ``FEATURES``).

    Every feature is cheap (one pass, no per-feature regex over the page) and
    language independent: stop-word density is also given relative to the
    page's own long lines, so a language with fewer stop-words per sentence
    (Russian, Korean) is judged against its own body text.
    """
    text = ln.text
    n = ln.n
    stop = ln.stop / n if n else 0.0
    logn = math.log1p(n)
    nchar = len(text)
    tokens = ln.tokens
    upper = 0.0
    if text.isascii():
        # ASCII lines (most of them) are mapped to character classes with
        # bytes.translate and counted in C: for ASCII, \d is 0-9, [^\W\d_]
        # is A-Za-z, str.isupper is A-Z, and the whitespace str.split splits
        # on becomes " ", so a word starting with a capital is " A" (or a
        # leading "A"), exactly the words the str versions below count.
        cls = text.encode("ascii").translate(_ASCII_CLASSES)
        ndigits = cls.count(b"0")
        cap_words = (cls[0] == 65) + cls.count(b" A")  # 65 = "A"
        if n <= 12:
            caps = cap_words / len(text.split())
            n_upper = cls.count(b"A")
            n_letters = n_upper + cls.count(b"a")
            if n_letters >= 3 and n_upper > 0.8 * n_letters:
                upper = 1.0
        else:
            caps = cap_words / (text.count(" ") + 1)
        # the other comma and separator marks are not ASCII
        n_commas = text.count(",")
        n_seps = sum(map(text.count, _ASCII_SEPARATOR_MARKS))
        # every form of _DATE has at least four digits
        date = 1.0 if ndigits >= 4 and n <= 40 and _DATE_LOW.search(ln.low) else 0.0
        # without digits, no token is a number (all() of no tokens is True)
        numeric = 1.0 if (all(map(str.isdigit, tokens)) if ndigits else not tokens) else 0.0
    else:
        ndigits = len(_DIGIT.findall(text))
        if n <= 12:
            words = text.split()
            caps = sum(map(str.isupper, map(_FIRST, words))) / len(words)
            letters = _LETTER.findall(text)
            n_letters = len(letters)
            n_upper = sum(map(str.isupper, letters)) if n_letters >= 3 else 0
            if n_letters >= 3 and n_upper > 0.8 * n_letters:
                upper = 1.0
        else:
            caps = sum(map(_CAP_CHARS.__contains__, map(_FIRST, text.split()))) / (text.count(" ") + 1)
        n_commas = text.count(",") + text.count("،") + text.count("，") + text.count("、")
        n_seps = sum(map(text.count, _SEPARATOR_MARKS))
        date = 1.0 if ndigits >= 4 and n <= 40 and _DATE.search(text) else 0.0
        numeric = 1.0 if all(map(str.isdigit, tokens)) else 0.0
    stop_rel = stop / page.stop_ref
    len_rel = n / page.long_ref
    # caps written as ``hi if hi < x else x``: exactly what min(x, hi)
    # returns (min keeps its first argument unless a later one is
    # smaller), without a builtin call per feature
    bl, bw = page.block_stats[ln.block]
    return [
        logn,
        stop,
        2.0 if 2.0 < stop_rel else stop_rel,
        1.0 if ln.end else 0.0,
        math.log1p(len(_SENT_SPLIT.findall(text)) if ln.n_splits < 0 else ln.n_splits) if n > 6 else 0.0,
        (10 if 10 < n_commas else n_commas) / (n + 1),
        ndigits / nchar,
        caps,
        upper,
        (5 if 5 < n_seps else n_seps) / 5.0,
        1.0 if ("." in text or "@" in text or "#" in text) and _URLISH.search(text) else 0.0,
        1.0 if page.copies[ln.low] > 1 else 0.0,
        date,
        1.0 if n <= 3 else 0.0,
        numeric,
        bl,
        bw,
        1.0 if n >= 10 else 0.0,
        1.0 if n >= 20 else 0.0,
        1.0 if n >= 40 else 0.0,
        logn * (1.5 if 1.5 < stop_rel else stop_rel),
        1.5 if 1.5 < len_rel else len_rel,
    ]


def _folded(stage: dict) -> tuple[list[float], float]:
    """(weights, bias) with the standardisation folded in, computed once per stage."""
    folded = stage.get("_folded")
    if folded is None:
        w = [wi / si for wi, si in zip(stage["weights"], stage["scale"])]
        b = stage["bias"] - sum(wi * mi for wi, mi in zip(w, stage["mean"]))
        folded = stage["_folded"] = (w, b)
    return folded


def stage_logit(stage: dict, x: list[float]) -> float:
    """Logit of one logistic-regression stage; standardisation folded into the weights once.

    The per-line loops in this module inline ``b + sum(map(operator.mul, w, x))``
    (the same expression, so the same floats) to save a call per line.
    """
    w, b = _folded(stage)
    return b + sum(map(operator.mul, w, x))


def _dot(weights: list[float], mean: list[float], scale: list[float], x: list[float], bias: float) -> float:
    z = bias
    for w, m, s, v in zip(weights, mean, scale, x):
        z += w * (v - m) / s
    return z


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


def densest_run(scores: list[float]) -> tuple[int, int]:
    """Maximum-sum contiguous run (Kadane) over per-line scores; inclusive indices.

    Scores are positive for body-like lines and negative for chrome, so the
    run is the stretch of the page where the article most likely is.
    """
    best, best_a, best_b = -math.inf, 0, -1
    cur, a = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, a = s, i
        else:
            cur += s
        if cur > best:
            best, best_a, best_b = cur, a, i
    return best_a, best_b


# Stage-1 logits are shifted by this before the densest-run search: the model
# is trained with every page weighing the same, so its logits sit low on long
# pages, and a run should still form over lines the model finds "fairly" body-like.
RUN_OFFSET: Final = 1.5
RULE_LOGIT: Final = -4.0  # stage-1 logit given to lines a rule already dropped
# What "the line above/below" counts as at the very start/end of the text:
# neutral, so an article that runs to the end of a saved file (no footer)
# does not lose its last paragraph.
EDGE_LOGIT: Final = 0.0
# A rule-dropped line (caption, share button, menu) inside the article must
# not split the densest run in two, so it costs only this much there.
RULE_RUN_SCORE: Final = -0.5


def stage2_features(present: list[_Line], logits: list[float], only: set[int] | None = None) -> list:
    """Smoothing features for each present line (order = ``STAGE2_FEATURES``).

    With ``only`` (a set of line indices), rows of other lines are ``None``.
    """
    if only is None:
        return _stage2_rows(present, logits, range(len(present)))
    positions = [k for k, ln in enumerate(present) if ln.i in only]
    out: list = [None] * len(present)
    for k, row in zip(positions, _stage2_rows(present, logits, positions)):
        out[k] = row
    return out


def _stage2_rows(present: list[_Line], logits: list[float], positions) -> list[list[float]]:
    """The rows of :func:`stage2_features` for the lines at ``positions`` (ascending) in ``present``."""
    m = len(present)
    # per line: the densest-run score, the clipped logit and the block sums
    # (written out: ``(v if v > lo else lo) if v < hi else hi`` is exactly
    # max(lo, min(hi, v)), which keeps its first argument unless a later one
    # is strictly smaller/larger)
    clipped: list[float] = []
    block_sum: dict[int, list] = {}
    acc: list = [0.0, 0]
    block = None
    # densest_run over the scores, as they come
    best, a, b = -math.inf, 0, -1
    cur, start = 0.0, 0
    for j, (ln, z) in enumerate(zip(present, logits)):
        if z == RULE_LOGIT:
            score = RULE_RUN_SCORE
        else:
            v = z + RUN_OFFSET
            q = ln.n / 8
            score = ((v if v > -3.0 else -3.0) if v < 3.0 else 3.0) * (q if q > 1.0 else 1.0)
        if cur <= 0:
            cur, start = score, j
        else:
            cur += score
        if cur > best:
            best, a, b = cur, start, j
        clipped.append((z if z > -10.0 else -10.0) if z < 10.0 else 10.0)
        if ln.block != block:
            block = ln.block
            acc = block_sum.setdefault(block, [0.0, 0])
        acc[0] += z
        acc[1] += 1
    block_mean = {blk: max(-10.0, min(10.0, acc[0] / acc[1])) for blk, acc in block_sum.items()}
    out = []
    for j in positions:
        ln = present[j]
        if 2 <= j < m - 2:
            # the common case written out: the same left-to-right sum as sum()
            nb = (logits[j - 2] + logits[j - 1] + logits[j + 1] + logits[j + 2]) / 4
            nb = (nb if nb > -10.0 else -10.0) if nb < 10.0 else 10.0
        else:
            nb2 = [logits[k] for k in (j - 2, j - 1, j + 1, j + 2) if 0 <= k < m]
            nb = max(-10.0, min(10.0, sum(nb2) / len(nb2))) if nb2 else 0.0
        dist = 0 if a <= j <= b else (a - j if j < a else j - b)
        feat = ln.feat
        out.append([
            clipped[j],
            clipped[j - 1] if j > 0 else EDGE_LOGIT,
            clipped[j + 1] if j + 1 < m else EDGE_LOGIT,
            nb,
            block_mean[ln.block],
            1.0 if dist == 0 else 0.0,
            math.log1p(dist) if dist else 0.0,
            feat[0],
            feat[13],
            feat[20],
        ])
    return out


def _explain_model(stage: dict, x: list[float], names: tuple[str, ...], keep: bool, k: int = 3) -> str:
    """The ``k`` features that pushed hardest towards the decision taken.

    A feature's push is its weight times its standardised value; the phrase
    says which way it pushed ("short" / "long").  Per-stage constants are
    cached on the stage dict (``_explain``) because this runs for every line.

    Only the top one or two pushes are ever asked for, so instead of sorting
    all contributions we select them in one pass (:func:`_top_pushes`), which
    picks exactly what a stable sort would, ties included.
    """
    wf, mean, phrases = _explain_consts(stage, names)
    # same arithmetic as w * (v - m), so the same floats
    cs = list(map(operator.mul, wf, map(operator.sub, x, mean)))
    if k > 2:
        if keep:
            top = sorted((j for j, c in enumerate(cs) if c > 0), key=cs.__getitem__, reverse=True)[:k]
        else:
            top = sorted((j for j, c in enumerate(cs) if c < 0), key=cs.__getitem__)[:k]
    else:
        top = _top_pushes(cs, k, keep)
    side = 0 if keep else 1
    return ", ".join([phrases[j][side] for j in top])


def _explain_consts(stage: dict, names: tuple[str, ...]) -> tuple:
    """(weight / scale per feature, feature means, phrases), cached on the stage dict."""
    ex = stage.get("_explain")
    if ex is None:
        wf = [w / sc for w, sc in zip(stage["weights"], stage["scale"])]
        phrases = [_PHRASES.get(n, (n, n)) for n in names]
        ex = stage["_explain"] = (wf, stage["mean"], phrases)
    return ex


def _model_why(ex1: tuple, ex2: tuple, feat: list[float], x: list[float], keep: bool) -> str:
    """The reason text of a model-decided line, in one call (it runs for every such line).

    The two strongest line features (stage 1) and the strongest context cue
    (stage 2), unless that cue is just the line's own stage-1 score; the same
    string as ``_explain_model(s1, feat, FEATURES, keep, 2)`` joined with
    ``_explain_model(s2, x, STAGE2_FEATURES, keep, 1)``, with the selection of
    :func:`_top_pushes` written out (max/min and ``list.index`` pick what a
    stable sort would, ties included).  ``ex1``/``ex2`` are
    ``_explain_consts`` of the two stages, looked up once per page by the caller.
    """
    wf1, mean1, ph1 = ex1
    wf2, mean2, ph2 = ex2
    cs = list(map(operator.mul, wf1, map(operator.sub, feat, mean1)))
    cs2 = list(map(operator.mul, wf2, map(operator.sub, x, mean2)))
    why = ctx = ""
    if keep:
        m = max(cs)
        if m > 0.0:
            j = cs.index(m)
            why = ph1[j][0]
            cs[j] = -math.inf
            m = max(cs)
            if m > 0.0:
                why = f"{why}, {ph1[cs.index(m)][0]}"
        m = max(cs2)
        if m > 0.0:
            ctx = ph2[cs2.index(m)][0]
    else:
        m = min(cs)
        if m < 0.0:
            j = cs.index(m)
            why = ph1[j][1]
            cs[j] = math.inf
            m = min(cs)
            if m < 0.0:
                why = f"{why}, {ph1[cs.index(m)][1]}"
        m = min(cs2)
        if m < 0.0:
            ctx = ph2[cs2.index(m)][1]
    if ctx and ctx not in ("line looks like body", "line looks like chrome"):
        why = f"{why}, {ctx}" if why else ctx
    return why


def _model_reason(ex1: tuple, ex2: tuple, p: float, feat: list[float], x: list[float], keep: bool) -> str:
    """The reason text of a model-decided line: its probability and :func:`_model_why`."""
    return f"model p={p:.2f}: {_model_why(ex1, ex2, feat, x, keep)}"


def _by_model(reason: Reason) -> bool:
    """True for the reason of a line the model decided (a :func:`_model_reason` not yet phrased)."""
    return not isinstance(reason, str)


def _top_pushes(cs: list[float], k: int, keep: bool) -> list[int]:
    """Indices of the ``k`` (1 or 2) strongest pushes in ``cs`` towards the decision.

    For ``keep``: the largest positive values, largest first; otherwise the
    most negative ones, most negative first.  Identical to the stable sort
    ``sorted((j for j, c in enumerate(cs) if c > 0), key=cs.__getitem__,
    reverse=True)[:k]`` (resp. ascending over ``c < 0``): ``max``/``min``
    and ``list.index`` run in C, and ``index`` returns the earliest position
    of a value, which is the one a stable sort puts first among ties.  The
    winner is blanked out (``cs`` is a scratch list) before looking for the
    runner-up, so a tie with the winner yields the next-earliest index.
    """
    pick, sentinel = (max, -math.inf) if keep else (min, math.inf)
    top = []
    for _ in range(k):
        m = pick(cs)
        if (m <= 0.0) if keep else (m >= 0.0):
            break
        j = cs.index(m)
        top.append(j)
        cs[j] = sentinel
    return top


def _heuristic_logit(x: list[float]) -> float:
    """Fallback score when no trained model file exists (keeps the module usable)."""
    return (x[0] - 2.0) * 1.2 + (x[2] - 0.5) * 3 + x[3] - 2 * x[9] - 2 * x[10] - x[11] - x[14] * 3


# --------------------------------------------------------------------------
# rules


def _rule_index(m: re.Match) -> int:
    """The rule a match of the combined regexes comes from (its group is named ``r<index>``)."""
    return int(m.lastgroup[1:])  # type: ignore[index]  # every alternative is a named group


def _chrome_rule(text: str, n: int, low: str | None = None, data: _Data | None = None) -> str | None:
    """Name of a chrome rule that fires on this line, if any.

    Anchored patterns are tried first (one combined ``match``); the others
    only when the line contains one of their rule's needles.  ``low`` is
    ``text.lower()`` when the caller has it: an ASCII line is then matched
    with the case-sensitive twins of the regexes (same result, faster).
    ``data`` is ``_data()`` when the caller has it.
    """
    if data is None:
        data = _data()
    by_words, subject, dispatch = data.rule_bucket_by_words, text, None
    if low is not None and data.rule_bucket_by_words_ascii is not None and text.isascii():
        by_words, subject, dispatch = data.rule_bucket_by_words_ascii, low, data.rule_dispatch
    if n >= len(by_words):
        return None  # longer than every rule's max_words
    _limit, anchored, floating, pre = by_words[n]
    if dispatch is not None and subject:
        # the first anchored rule (of any limit) that fires, from the rules
        # that can start with this character and the wide ones; its limit
        # decides whether it is the bucket's answer too (nearly always)
        by_char, wide, wide_limit = dispatch
        rx = by_char[subject[0]]
        m = rx.match(subject) if rx is not None else None
        w = wide.match(subject) if wide is not None and n <= wide_limit else None
        if w is not None and (m is None or _rule_index(w) < _rule_index(m)):
            m = w
        if m is not None and data.rule_max_words[_rule_index(m)] < n:
            m = anchored.match(subject) if anchored is not None else None
    else:
        m = anchored.match(subject) if anchored is not None else None
    if m is not None:
        return data.rule_names[_rule_index(m)]
    if pre is not None and pre.search(subject) is None:
        return None
    for name, rx, needle_rx in floating:
        if needle_rx is not None and needle_rx.search(text) is None:
            continue
        if rx.search(text):
            return name
    return None


def _is_caption(text: str, ln: _Line, lang: str, data: _Data | None = None) -> bool:
    """Photo captions: credit cues anywhere, or (English) a verbless one-sentence date line.

    A caption names who/what is in the picture and when ("Members of ... during
    the joint signing ... on March 9, 2021.") but, unlike a news sentence, has
    no finite verb.  We look for the absence of auxiliaries/common verbs and of
    lower-case ``-ed`` forms, plus a caption shape (ends with a date, or has
    "during"/"at the").  ``data`` is ``_data()`` when the caller has it.
    """
    if data is None:
        data = _data()
    if ln.n <= 60 and ((
        ln.low[:1] not in data.caption_anchored_skip
        and _match_line(data.caption_anchored, data.caption_anchored_low, ln)
    ) or (
        ("(" in text or "/" in text or "|" in text) and data.caption.search(text)
    )):
        return True
    if lang != "en" or not (5 <= ln.n <= 45):
        return False
    if not text.endswith("."):
        return False
    # one sentence only (all splits are counted: line_features needs the count)
    ln.n_splits = len(_SENT_SPLIT.findall(text))
    if ln.n_splits:
        return False
    if not (data.caption_date_end.search(text) or " during " in text):
        return False
    for k, w in enumerate(text.split()):
        w = w.strip(".,;:\"'“”‘’()")
        lw = w.lower()
        if k and w[:1].isupper():
            continue  # a name or a month ("May"), not a verb
        if lw in data.finite:
            return False
        if w.islower() and len(w) > 4 and lw.endswith("ed"):
            return False
    return True


def _is_title_like(ln: _Line) -> bool:
    return 2 <= ln.n <= 25 and not ln.end


# --------------------------------------------------------------------------
# main entry points


GROW_MIN_WORDS: Final = 8  # body growth: a neighbour sentence needs this many words
GROW_MIN_STOP_REL: Final = 0.3  # and at least this share of the page's usual stop-word density
MENU_MIN_LINES: Final = 4  # a menu block has at least this many lines,
MENU_MEAN_WORDS: Final = 4  # at most this many words per line on average
MENU_MAX_WORDS: Final = 7  # and no line longer than this


_RANK_HINTS: Final = ("member", "moderator", "admin", "user", "poster", "analyst")  # = _Data.forum_rank_hint


def _may_have_rank(text: str) -> bool:
    """False when no line of ``text`` can contain a forum rank hint (most pages).

    A line is a substring of the page, so an ASCII page without any hint
    word, in any case, has no rank line; substring tests on the lower-cased
    page are ~50x cheaper than the per-line regex.  Non-ASCII pages are left
    to the per-line check (``re.I`` and ``str.lower`` differ on a few letters).
    """
    if not text.isascii():
        return True
    low = text.lower()
    return any(h in low for h in _RANK_HINTS)


_BLANK: Final = (False, "blank")  # the decision on a blank line


class _State:
    """Everything ``clean`` knows about a page before the model runs."""

    __slots__ = (
        "raw_lines", "texts", "lang", "lines", "present", "decided", "header_lead", "glued_reason", "page", "logits",
        "todo",
    )
    raw_lines: list[str]
    texts: list[str]
    lang: str
    lines: list[_Line | None]
    present: list[_Line]
    decided: dict[int, tuple[bool, Reason]]  # line index -> (kept, reason)
    header_lead: str | None
    glued_reason: dict[int, str]
    page: _Page
    logits: list[float]  # stage-1 logits of present (with a model; else unused)
    todo: list[int]


def _prepare(text: str) -> _State:
    """Steps 1-3 of the module doc, plus the stage-1 features (shared with training) and logits.

    The rules and the features run in one pass over the lines: a line a rule
    drops gets only the few features the smoothing stage reads.
    """
    data = _data()
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "" and len(raw_lines) > 1 and text.endswith("\n"):
        raw_lines.pop()
    n_lines = len(raw_lines)
    texts = list(raw_lines)
    decided: dict[int, tuple[bool, Reason]] = {}  # index -> (kept, reason); see clean() for model reasons

    # 1. seed header
    header_lead: str | None = None
    if n_lines and (m := _HEADER.match(raw_lines[0])):
        lead = m.group(2).strip()
        texts[0] = lead
        if not lead:
            decided[0] = (False, "header")
        else:
            header_lead = lead

    # 2. glued widgets (cut while tokenising)
    lines, present, glued_reason, lang = _analyse(text, raw_lines, texts, 1 if header_lead is not None else 0)
    page = _page_stats(present) if present else _Page(_stop_ref(present), 8, Counter(), {})

    # 3a. forum threads: user cards, replies after the first post, footers
    rank_idx = [
        ln.i for ln in (present if _may_have_rank(text) else ())
        if ln.n <= 5 and _search_line(data.forum_rank_hint, data.forum_rank_hint_low, ln)
        and data.forum_rank.match(ln.text)
    ]
    footer_skip = data.forum_footer_skip
    footer_idx = [
        ln.i for ln in present
        if 2 <= ln.n <= 15 and ln.low[:1] not in footer_skip
        and _match_line(data.forum_footer, data.forum_footer_low, ln)
    ]
    if rank_idx or footer_idx:
        _forum(data, present, rank_idx, footer_idx, decided)

    # 3b. menu blocks: a blank-separated block of several short lines, none of
    # which ends like a sentence, is a menu / link list (decided as a whole,
    # which also spares the per-line work on a third of a typical page)
    start = 0
    while start < len(present):
        block = present[start].block
        end = start + 1
        while end < len(present) and present[end].block == block:
            end += 1
        members = present[start:end]
        start = end
        if len(members) < MENU_MIN_LINES:
            continue
        words = [member.n for member in members]
        if max(words) > MENU_MAX_WORDS or sum(words) > MENU_MEAN_WORDS * len(words):
            continue
        if any(member.end for member in members):
            continue
        for member in members:
            decided.setdefault(member.i, (False, "menu-block"))

    # 3c. per-line rules, and the features of each line as soon as it is
    # known whether a rule drops it (then only the few the smoothing stage reads)
    pipe_prefixes = {ln.text.split(" | ")[0].strip().lower() for ln in present if " | " in ln.text}
    model = data.model
    w1, b1 = _folded(model["stage1"]) if model else ((), 0.0)
    mul = operator.mul
    logits: list[float] = []
    todo: list[int] = []  # positions in present of the lines the model decides
    lead_first = header_lead is not None
    bio, bio_other, bio_other_low, bio_other_skip = data.bio, data.bio_other, data.bio_other_low, data.bio_other_skip
    for k, ln in enumerate(present):
        i = ln.i
        if i == 0 and lead_first:
            rule = None  # the header's lead sentence: decided in clean(), but with all features
        elif i in decided:
            rule = decided[i][1]  # forum or menu
        else:
            t = ln.text
            n = ln.n
            rule = _chrome_rule(t, n, ln.low, data)
            if rule is None:
                bm = bio.match(t) if n >= 5 and (" is " in t or " was " in t or " has been " in t) else None
                if bm and n <= 120:
                    rule = "author-bio"
                    prev = present[k - 1] if k > 0 else None
                    if prev is not None and prev.text.strip().lower() == bm.group("name").lower():
                        decided[prev.i] = (False, "author-bio:name")
                        if not (prev.i == 0 and lead_first):
                            prev.feat = _rule_features(prev, page)
                            logits[k - 1] = RULE_LOGIT
                            if todo and todo[-1] == k - 1:
                                todo.pop()
                elif n <= 8 and ln.low[:1] not in bio_other_skip and _match_line(bio_other, bio_other_low, ln):
                    rule = "author-bio"
                elif _is_caption(t, ln, lang, data):
                    rule = "caption"
                elif 4 <= n <= 25 and not ln.end and (
                    ln.low in pipe_prefixes or (page.copies[ln.low] > 1 and _near_copy(present, k))
                ):
                    rule = "title:duplicate"  # (_is_title_like, 4+ words)
            if rule is not None:
                decided[i] = (False, rule)
        if rule is not None:
            ln.feat = _rule_features(ln, page)
            logits.append(RULE_LOGIT)
        else:
            ln.feat = feat = _features(ln, page)
            logits.append(b1 + sum(map(mul, w1, feat)))  # = stage_logit(model["stage1"], feat)
            todo.append(k)

    st = _State()
    st.raw_lines, st.texts, st.lang, st.lines, st.present = raw_lines, texts, lang, lines, present
    st.decided, st.header_lead, st.glued_reason = decided, header_lead, glued_reason
    st.page, st.logits, st.todo = page, logits, todo
    return st


def _near_copy(present: list[_Line], k: int) -> bool:
    """The same title twice within a few lines (page title + headline).

    A copy far away is usually a "recent posts" list entry, not a title.
    """
    low = present[k].low
    return any(ln.low == low for ln in present[max(0, k - 3) : k] + present[k + 1 : k + 4])


def _forum(data: _Data, present: list[_Line], rank_idx: list[int], footer_idx: list[int], decided: dict) -> None:
    """Forum threads: drop user cards, the replies after the first post, and the footer."""
    pos = {ln.i: k for k, ln in enumerate(present)}
    cards: list[tuple[int, int]] = []
    for r in rank_idx:
        k = pos[r]
        start = k
        while start > 0 and present[start - 1].n <= 3 and not present[start - 1].end and k - start < 4:
            start -= 1
        end = k
        while end + 1 < len(present):
            nxt = present[end + 1]
            if nxt.n <= 3 and (
                _NUMERIC_LINE.match(nxt.text) or _DATE.search(nxt.text) or data.forum_label.match(nxt.text)
                or data.forum_label.match(present[end].text)
            ):
                end += 1
            else:
                break
        cards.append((start, end))
        for j in range(start, end + 1):
            decided.setdefault(present[j].i, (False, "forum:user-card"))
    # replies: everything after the second card's end that is not chrome
    if len(cards) >= 2:
        for j in range(cards[1][1] + 1, len(present)):
            decided.setdefault(present[j].i, (False, "forum:reply"))
    if footer_idx:
        first_footer = footer_idx[0]
        for ln in present:
            if ln.i >= first_footer:
                decided.setdefault(ln.i, (False, "forum:footer"))


def stage1_logits(stage: dict, st: _State) -> list[float]:
    """Stage-1 logits of every present line; rule-dropped lines count as sure chrome."""
    out = []
    decided = st.decided
    lead = st.header_lead is not None
    w, b = _folded(stage)
    mul = operator.mul
    for ln in st.present:
        if ln.i in decided and not (ln.i == 0 and lead):
            out.append(RULE_LOGIT)
        else:
            out.append(b + sum(map(mul, w, ln.feat)))  # = stage_logit(stage, ln.feat)
    return out


def clean(text: str) -> CleanResult:
    """Split ``text`` into article body and boilerplate, line by line (see module doc).

    The cyclic garbage collector is paused while a page is cleaned: the
    cleaner makes many small objects but no reference cycles (reference
    counting frees all of them), so the collector's passes over them would
    find nothing.  It is switched back on afterwards, and left alone when
    the caller already had it off.
    """
    if not gc.isenabled():
        return _clean(text)
    gc.disable()
    try:
        return _clean(text)
    finally:
        gc.enable()


def _clean(text: str) -> CleanResult:
    data = _data()
    st = _prepare(text)
    raw_lines, lang, lines, present = st.raw_lines, st.lang, st.lines, st.present
    decided, header_lead, glued_reason = st.decided, st.header_lead, st.glued_reason
    n_lines = len(raw_lines)
    headings: set[int] = set()

    # 4. model
    model = data.model
    todo = st.todo  # positions of the lines left to the model (and the header's lead)
    logits: list[float] = []
    if model:
        s1 = model["stage1"]
        logits = st.logits  # = stage1_logits(s1, st), computed with the rules
        s2 = model["stage2"]
        threshold = model.get("threshold", 0.5)
    else:
        logits = [_heuristic_logit(ln.feat) for ln in present]
        threshold = 0.5
    x2 = _stage2_rows(present, logits, todo)  # = the rows of stage2_features(present, logits) at todo

    # header lead: kept when it reads like a sentence (decided here, not by the model)
    if header_lead is not None:
        ln0 = lines[0]
        lead_ok = ln0 is not None and ln0.n >= 6 and (_ends_sentence(header_lead) or ln0.n >= 12)
        decided[0] = (True, "header-lead") if lead_ok else (False, "header: not a lead sentence")

    # one pass over the model's lines: stage-2 probability, decision and reason
    reason: Reason
    if model:
        w2, b2 = _folded(s2)
        mul = operator.mul
        ex1, ex2 = _explain_consts(s1, FEATURES), _explain_consts(s2, STAGE2_FEATURES)
        exp = math.exp
    for k, x in zip(todo, x2):
        ln = present[k]
        if ln.i == 0 and header_lead is not None:
            continue  # the header's lead sentence
        if model:
            z = b2 + sum(map(mul, w2, x))  # = stage_logit(s2, x)
            p = 0.0 if z < -30 else 1.0 if z > 30 else 1.0 / (1.0 + exp(-z))  # = _sigmoid(z)
            keep = p >= threshold
            # strongest line features (stage 1), then the strongest context cue
            # (stage 2), phrased only if someone reads the reason
            reason = partial(_model_reason, ex1, ex2, p, ln.feat, x, keep)
        else:
            p = _sigmoid(x[0] + 0.5 * x[1])
            keep = p >= threshold
            reason = f"heuristic p={p:.2f}"
        decided[ln.i] = (keep, reason)

    # the verdicts by position in present, kept in step with ``decided`` below
    keep = [decided[ln.i][0] for ln in present]
    m = len(present)

    # 5a. first title-like line directly above the body, with only rule-dropped chrome before it
    if True in keep:
        last_kept = m - 1 - keep[::-1].index(True)
        for k, ln in enumerate(present):
            kept, reason = decided[ln.i]
            if kept:
                if (
                    _by_model(reason)
                    and _is_title_like(ln)
                    and ln.n <= 15
                    and header_lead is None
                    and k != last_kept
                ):
                    decided[ln.i] = (False, "title: first line above the body")
                    keep[k] = False
                break
            if not isinstance(reason, str) or reason.startswith("forum") or reason.startswith("glued"):
                break  # (a reason that is not a string is the model's: _by_model)

    # 5b. grow the body over adjacent sentence-like lines: a full sentence
    # with the page's usual share of stop-words right next to kept body text is
    # body too (this is what keeps the first and last paragraphs of short
    # non-English pages, whose lines look less "texty" to the model)
    ref = st.page.stop_ref
    def sentence_like(ln: _Line) -> bool:
        if ln.n < GROW_MIN_WORDS or not ln.end:
            return False
        # where stop-words are sparse (Korean, weak lists) their absence says little
        return ref < 0.2 or ln.stop >= GROW_MIN_STOP_REL * ref * ln.n
    for order in (range(m), range(m - 1, -1, -1)):
        prev_kept = False
        for k in order:
            if keep[k]:
                prev_kept = True
            elif prev_kept:
                ln = present[k]
                reason = decided[ln.i][1]
                if _by_model(reason) and sentence_like(ln):
                    decided[ln.i] = (True, "body-neighbour: sentence next to body")
                    keep[k] = True
                elif reason not in ("caption", "chrome:share"):
                    prev_kept = False
                # (captions and share buttons are in-article furniture: the
                # paragraphs around them still touch)

    # 5c. reader comments: once body has been kept, a comment-section header ends it
    # (a header like "12 Comments"), or the first of several comment "meta"
    # lines (reply links, "X says:", "August 9, 2012 at 2:07 pm")
    kept_words = 0
    cut_at = None
    meta_left = -1  # meta lines from here to the end; counted once enough body was seen
    for k, ln in enumerate(present):
        if keep[k]:
            kept_words += ln.n
            continue
        if kept_words < data.comment_min_before:
            continue
        if meta_left < 0:
            # one regex pass over the rest of the page, reused for each line below
            meta_from = k
            is_meta_line = data.comment_meta_search
            meta_flags = [m.n <= 12 and is_meta_line(m) for m in present[k:]]
            meta_left = sum(meta_flags)
        is_meta = meta_flags[k - meta_from]
        if ln.n <= data.comment_max_words and (
            (ln.low[:1] not in data.comment_section_skip
             and _match_line(data.comment_section, data.comment_section_low, ln))
            or (is_meta and meta_left >= data.comment_min_meta)
        ):
            cut_at = k
            break
        if is_meta:
            meta_left -= 1
    if cut_at is not None:
        reason = f"comments: after line {present[cut_at].i + 1}"
        for k in range(cut_at + 1, m):
            if keep[k]:
                decided[present[k].i] = (False, reason)
                keep[k] = False

    # 5d. sub-headings: short non-sentence lines between kept paragraphs
    for k in range(1, m - 1):
        if not (keep[k - 1] and keep[k + 1]):
            continue
        ln = present[k]
        if not _is_title_like(ln) or ln.n > 12 or ln.stop == ln.n and ln.n > 3:
            continue
        next_ln = present[k + 1]
        if next_ln.n < 12 or not next_ln.end:
            continue
        if keep[k]:
            headings.add(ln.i)
        elif _by_model(decided[ln.i][1]) and not _NUMERIC_LINE.match(ln.text):
            decided[ln.i] = (True, "heading: between body paragraphs")
            keep[k] = True
            headings.add(ln.i)

    # 5e. never empty: keep the densest block when text exists but nothing was kept
    if present and True not in keep:
        scores = [(ln.n - 8) * (0.5 + (ln.stop / ln.n if ln.n else 0.0)) for ln in present]
        a, b = densest_run(scores)
        for ln in present[a : b + 1]:
            decided[ln.i] = (True, "fallback: densest block")

    out: list[LineDecision] = []
    append = out.append
    for i, (line, raw) in enumerate(zip(lines, raw_lines)):
        kept, reason = decided[i] if line is not None or i in decided else _BLANK
        if i in glued_reason:
            reason = f"{glued_reason[i]}; {reason if isinstance(reason, str) else reason()}"
        # positional (number, text, kept, reason, heading): keyword arguments
        # cost more per line
        if kept:
            append(LineDecision(i + 1, line.text if line is not None else "", True, reason, i in headings))
        else:
            append(LineDecision(i + 1, raw.strip(), False, reason, False))
    return CleanResult(lines=tuple(out), language=lang)


def explain(result: CleanResult) -> str:
    """One line per input line: ``  12 KEEP  <reason>  | text`` (for ``clean --explain``)."""
    width = max((len(d.reason) for d in result.lines), default=0)
    width = min(width, 48)
    rows = []
    for d in result.lines:
        verdict = "KEEP" if d.kept else "DROP"
        text = d.text if len(d.text) <= 100 else d.text[:97] + "..."
        reason = d.reason + (" [heading]" if d.heading else "")
        rows.append(f"{d.number:4d} {verdict}  {reason:<{width}}  | {text}".rstrip())
    return "\n".join(rows)

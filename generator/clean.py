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

import json
import math
import re
from functools import lru_cache
from pathlib import Path

from .model import CleanResult, LineDecision

__all__ = ["clean", "explain", "detect_language", "line_features", "FEATURES", "STAGE2_FEATURES"]

DATA_DIR = Path(__file__).resolve().parent / "data"

_WORD = re.compile(r"\w+")
_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\b\s*(.*)$")
_END_PUNCT = re.compile(r"[.!?。！？…](?:[\"'”’»)\]]*)\s*$")
_SENT_SPLIT = re.compile(r"[.!?。！？](?:[\"'”’»)\]]*)\s+(?=[\"“‘«(]?[A-ZА-ЯЁÀ-ÖØ-Þ0-9가-힣])")
_SEPARATORS = re.compile(r"\s[|•·»›/–-]\s|^[•·»›*-]\s|\s\|\s?|[|•·›»«‹]")
_URLISH = re.compile(r"https?://|www\.|\.(com|org|net|html?|php)\b|@\w|#\w")
_DATE = re.compile(
    r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(st|nd|rd|th)?,? \d{4}\b|"
    r"\b\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4}\b",
    re.I,
)
_NUMERIC_LINE = re.compile(r"^[-+]?[\d.,\s%kKmM]+$")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CJK_CHARS = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_CAP_WORD = re.compile(r"^[A-ZА-ЯЁÀ-ÖØ-Þ]")

# Stage-1 features (per line, from the line and its block) and stage-2
# features (smoothing over neighbours and position).  The order is the order
# of the weights in clean_model.json; change both together (retrain).
FEATURES = (
    "words", "stop", "stop_rel", "end_punct", "sentences", "commas", "digits",
    "caps", "upper", "sep", "urlish", "repeat", "date", "short", "numeric",
    "block_lines", "block_words", "prev_words", "next_words",
)
STAGE2_FEATURES = ("logit", "prev", "next", "nb2", "block_logit", "in_run", "run_dist", "words", "short")

# How each feature reads in an explanation: (when it pushes to keep, when it pushes to drop).
_PHRASES = {
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
    "block_words": ("long lines around", "short lines around"),
    "prev_words": ("after text", "after short lines"),
    "next_words": ("before text", "before short lines"),
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
        chrome = json.loads((DATA_DIR / "chrome_patterns.json").read_text(encoding="utf-8"))
        self.rules = [
            (r["name"], r["max_words"], re.compile("|".join(f"(?:{p})" for p in r["patterns"]), re.I))
            for r in chrome["rules"]
        ]
        forum = chrome["forum"]
        self.forum_rank = re.compile(forum["rank"], re.I)
        self.forum_footer = re.compile(forum["footer"], re.I)
        self.forum_label = re.compile(forum["card_labels"], re.I)
        self.bio = re.compile(chrome["bio"]["pattern"])
        self.bio_other = re.compile("|".join(chrome["bio"]["other"]), re.I)
        cap = chrome["caption"]
        self.caption = re.compile("|".join(f"(?:{p})" for p in cap["patterns"]), re.I)
        self.caption_date_end = re.compile(cap["date_end"], re.I)
        self.finite = frozenset(cap["finite"])
        self.glued_duration = re.compile(chrome["glued"]["duration"])
        self.glued_label = re.compile(chrome["glued"]["label"])
        cs = chrome["comment_section"]
        self.comment_section = re.compile(cs["pattern"], re.I)
        self.comment_max_words = cs["max_words"]
        self.comment_min_before = cs["min_words_before"]
        model_path = DATA_DIR / "clean_model.json"
        self.model = json.loads(model_path.read_text(encoding="utf-8")) if model_path.exists() else None


@lru_cache(maxsize=1)
def _data() -> _Data:
    return _Data()


# --------------------------------------------------------------------------
# language


def detect_language(text: str) -> str:
    """Best-effort ISO 639-1 code of ``text``; ``'en'`` when unsure.

    Scripts that identify a language on their own (Hangul, kana, Han) are
    counted first; otherwise the language whose stop-word list covers most
    tokens wins (a token in several lists counts fractionally for each).
    Only the first 20,000 characters are looked at.
    """
    sample = text[:20000]
    hangul = len(_HANGUL.findall(sample))
    kana = len(_KANA.findall(sample))
    han = len(_HAN.findall(sample))
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    if hangul / letters > 0.2:
        return "ko"
    if kana / letters > 0.1:
        return "ja"
    if (han + kana) / letters > 0.3:
        return "zh"
    index = _data().stop_index
    scores: dict[str, float] = {}
    hits = 0
    for tok in _WORD.findall(sample.lower()):
        entry = index.get(tok)
        if entry is None:
            continue
        hits += 1
        langs, share = entry
        for lang in langs:
            scores[lang] = scores.get(lang, 0.0) + share
    if hits < 3 or not scores:
        return "en"
    return max(sorted(scores), key=scores.__getitem__)


def _stop_counter(lang: str):
    """Return ``f(line, tokens) -> (n_words, n_stop)`` for the page language.

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

        return count_zh
    if lang == "ja":

        def count_ja(line: str, tokens: list[str]) -> tuple[int, int]:
            cjk = _CJK_CHARS.findall(line)
            if len(cjk) < 2:
                return len(tokens), sum(1 for t in tokens if t in data.stopwords["en"])
            n = max(1, round(len(cjk) / 1.5))
            return n, min(n, round(len(_HIRAGANA.findall(line)) / 1.5))

        return count_ja
    words = data.stopwords.get(lang, frozenset()) | data.stopwords["en"]

    def count(line: str, tokens: list[str]) -> tuple[int, int]:
        return len(tokens), sum(1 for t in tokens if t in words)

    return count


# --------------------------------------------------------------------------
# features


class _Line:
    __slots__ = ("i", "text", "tokens", "n", "stop", "block", "feat")

    def __init__(self, i: int, text: str, tokens: list[str], n: int, stop: int) -> None:
        self.i = i
        self.text = text
        self.tokens = tokens
        self.n = n
        self.stop = stop
        self.block = 0
        self.feat: list[float] | None = None


def _analyse(texts: list[str], lang: str) -> list[_Line | None]:
    """Tokenise every non-empty line once (``None`` for blank lines)."""
    counter = _stop_counter(lang)
    out: list[_Line | None] = []
    block = 0
    prev_blank = True
    for i, t in enumerate(texts):
        s = t.strip()
        if not s:
            out.append(None)
            prev_blank = True
            continue
        if prev_blank:
            block += 1
        prev_blank = False
        tokens = _WORD.findall(s.lower())
        n, stop = counter(s, tokens)
        ln = _Line(i, s, tokens, n, stop)
        ln.block = block
        out.append(ln)
    return out


def line_features(lines: list[_Line | None]) -> None:
    """Fill ``feat`` (stage-1 feature vector, order = ``FEATURES``) on every line.

    Every feature is cheap (one pass, no per-feature regex over the page) and
    language independent: stop-word density is also given relative to the
    page's own long lines, so a language with fewer stop-words per sentence
    (Russian, Korean) is judged against its own body text.
    """
    present = [ln for ln in lines if ln is not None]
    if not present:
        return
    ratios = sorted(ln.stop / ln.n for ln in present if ln.n >= 6)
    ref = ratios[int(len(ratios) * 0.8)] if len(ratios) >= 3 else 0.3
    ref = max(ref, 0.08)
    counts: dict[str, int] = {}
    for ln in present:
        key = ln.text.lower()
        counts[key] = counts.get(key, 0) + 1
    blocks: dict[int, list[_Line]] = {}
    for ln in present:
        blocks.setdefault(ln.block, []).append(ln)
    block_stats = {
        b: (math.log1p(len(members)), math.log1p(sum(m.n for m in members) / len(members)))
        for b, members in blocks.items()
    }
    total = len(lines)
    for k, ln in enumerate(present):
        text = ln.text
        n = ln.n
        stop = ln.stop / n if n else 0.0
        nchar = len(text)
        digits = sum(1 for c in text if c.isdigit()) / nchar
        alpha = [t for t in ln.tokens if not t.isdigit()]
        words_orig = text.split()
        caps = sum(1 for w in words_orig if _CAP_WORD.match(w)) / len(words_orig) if words_orig else 0.0
        letters = [c for c in text if c.isalpha()]
        upper = 1.0 if len(letters) >= 3 and sum(1 for c in letters if c.isupper()) / len(letters) > 0.8 else 0.0
        prev_n = present[k - 1].n if k > 0 else 0
        next_n = present[k + 1].n if k + 1 < len(present) else 0
        bl, bw = block_stats[ln.block]
        ln.feat = [
            math.log1p(n),
            stop,
            min(stop / ref, 2.0),
            1.0 if _END_PUNCT.search(text) else 0.0,
            math.log1p(len(_SENT_SPLIT.findall(text))),
            min(text.count(",") + text.count("،") + text.count("，") + text.count("、"), 10) / (n + 1),
            digits,
            caps,
            upper,
            min(len(_SEPARATORS.findall(text)), 5) / 5.0,
            1.0 if _URLISH.search(text) else 0.0,
            1.0 if counts[text.lower()] > 1 else 0.0,
            1.0 if _DATE.search(text) else 0.0,
            1.0 if n <= 3 else 0.0,
            1.0 if not alpha else 0.0,
            bl,
            bw,
            math.log1p(prev_n),
            math.log1p(next_n),
        ]


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


def stage2_features(present: list[_Line], logits: list[float]) -> list[list[float]]:
    """Smoothing features for each present line (order = ``STAGE2_FEATURES``)."""
    m = len(present)
    scores = [(1.0 / (1.0 + math.exp(-max(-30, min(30, z)))) - 0.5) * max(1.0, present[j].n / 8) for j, z in enumerate(logits)]
    a, b = densest_run(scores)
    block_sum: dict[int, list[float]] = {}
    for ln, z in zip(present, logits):
        acc = block_sum.setdefault(ln.block, [0.0, 0])
        acc[0] += z
        acc[1] += 1
    out = []
    for j, ln in enumerate(present):
        z = logits[j]
        nb2 = [logits[k] for k in (j - 2, j - 1, j + 1, j + 2) if 0 <= k < m]
        dist = 0 if a <= j <= b else (a - j if j < a else j - b)
        bs = block_sum[ln.block]
        out.append([
            max(-10.0, min(10.0, z)),
            max(-10.0, min(10.0, logits[j - 1])) if j > 0 else -4.0,
            max(-10.0, min(10.0, logits[j + 1])) if j + 1 < m else -4.0,
            max(-10.0, min(10.0, sum(nb2) / len(nb2))) if nb2 else 0.0,
            max(-10.0, min(10.0, bs[0] / bs[1])),
            1.0 if dist == 0 else 0.0,
            math.log1p(dist),
            ln.feat[0],
            ln.feat[13],
        ])
    return out


def _explain_model(stage: dict, x: list[float], names: tuple[str, ...], keep: bool, k: int = 3) -> str:
    """The ``k`` features that pushed hardest towards the decision taken."""
    contrib = []
    for name, w, m, s, v in zip(names, stage["weights"], stage["mean"], stage["scale"], x):
        c = w * (v - m) / s
        if (c > 0) == keep and name != "pos":
            contrib.append((abs(c), name, c > 0))
    contrib.sort(reverse=True)
    phrases = []
    for _, name, pos in contrib[:k]:
        phrase = _PHRASES.get(name, (name, name))[0 if pos else 1]
        if phrase not in phrases:
            phrases.append(phrase)
    return ", ".join(phrases)


def _heuristic_logit(x: list[float]) -> float:
    """Fallback score when no trained model file exists (keeps the module usable)."""
    return (x[0] - 2.0) * 1.2 + (x[2] - 0.5) * 3 + x[3] - 2 * x[9] - 2 * x[10] - x[11] - x[14] * 3


# --------------------------------------------------------------------------
# rules


def _chrome_rule(text: str, n: int) -> str | None:
    for name, max_words, rx in _data().rules:
        if n <= max_words and rx.search(text):
            return name
    return None


def _is_caption(text: str, ln: _Line, lang: str) -> bool:
    """Photo captions: credit cues anywhere, or (English) a verbless one-sentence date line.

    A caption names who/what is in the picture and when ("Members of ... during
    the joint signing ... on March 9, 2021.") but, unlike a news sentence, has
    no finite verb.  We look for the absence of auxiliaries/common verbs and of
    lower-case ``-ed`` forms, plus a caption shape (ends with a date, or has
    "during"/"at the").
    """
    data = _data()
    if ln.n <= 60 and data.caption.search(text):
        return True
    if lang != "en" or not (5 <= ln.n <= 45):
        return False
    if len(_SENT_SPLIT.findall(text)) > 0 or not text.endswith("."):
        return False
    if not (data.caption_date_end.search(text) or " during " in text):
        return False
    for w in text.split():
        w = w.strip(".,;:\"'“”‘’()")
        lw = w.lower()
        if lw in data.finite:
            return False
        if w.islower() and len(w) > 4 and (lw.endswith("ed") or lw.endswith("s") and not lw.endswith("ss")):
            return False
    return True


def _is_title_like(ln: _Line) -> bool:
    return 2 <= ln.n <= 25 and not _END_PUNCT.search(ln.text)


# --------------------------------------------------------------------------
# main entry points


class _State:
    """Everything ``clean`` knows about a page before the model runs."""

    __slots__ = ("raw_lines", "texts", "lang", "lines", "present", "decided", "header_lead", "glued_reason")


def _prepare(text: str) -> _State:
    """Steps 1-3 of the module doc, plus the stage-1 features (shared with training)."""
    data = _data()
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "" and len(raw_lines) > 1 and text.endswith("\n"):
        raw_lines.pop()
    lang = detect_language(text)
    n_lines = len(raw_lines)
    texts = list(raw_lines)
    decided: dict[int, tuple[bool, str]] = {}  # index -> (kept, reason)

    # 1. seed header
    header_lead: str | None = None
    if n_lines and (m := _HEADER.match(raw_lines[0])):
        lead = m.group(2).strip()
        texts[0] = lead
        if not lead:
            decided[0] = (False, "header")
        else:
            header_lead = lead

    # 2. glued widgets
    glued_reason: dict[int, str] = {}
    for i, t in enumerate(texts):
        if not t or (i == 0 and header_lead is not None):
            continue
        m = data.glued_duration.search(t)
        if m and m.start() > 0 and len(t[: m.start()].split()) <= 15 and len(t) - m.end() > 40:
            glued_reason[i] = f"glued-widget: cut {t[: m.end()].strip()!r}"
            texts[i] = t[m.end():].strip()
            continue
        m = data.glued_label.search(t)
        if m and len(t) - m.end() > 40:
            glued_reason[i] = f"glued-widget: cut {m.group(0)!r}"
            texts[i] = t[m.end():].strip()

    lines = _analyse(texts, lang)
    present = [ln for ln in lines if ln is not None]
    for i, ln in enumerate(lines):
        if ln is None and i not in decided:
            decided[i] = (False, "blank")

    # 3a. forum threads: user cards, replies after the first post, footers
    rank_idx = [ln.i for ln in present if ln.n <= 5 and data.forum_rank.match(ln.text)]
    footer_idx = [ln.i for ln in present if ln.n <= 15 and data.forum_footer.match(ln.text)]
    if rank_idx or len(footer_idx) >= 2:
        pos = {ln.i: k for k, ln in enumerate(present)}
        cards: list[tuple[int, int]] = []
        for r in rank_idx:
            k = pos[r]
            start = k
            while start > 0 and present[start - 1].n <= 3 and not _END_PUNCT.search(present[start - 1].text) and k - start < 4:
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

    # 3b. per-line rules
    by_text: dict[str, list[int]] = {}
    for ln in present:
        by_text.setdefault(ln.text.lower(), []).append(ln.i)
    pipe_prefixes = {ln.text.split(" | ")[0].strip().lower() for ln in present if " | " in ln.text}
    for k, ln in enumerate(present):
        i = ln.i
        if i in decided or (i == 0 and header_lead is not None):
            continue
        t = ln.text
        rule = _chrome_rule(t, ln.n)
        if rule:
            decided[i] = (False, rule)
            continue
        bm = data.bio.match(t)
        if bm and ln.n <= 120:
            decided[i] = (False, "author-bio")
            if k > 0 and present[k - 1].text.strip().lower() == bm.group("name").lower():
                decided[present[k - 1].i] = (False, "author-bio:name")
            continue
        if ln.n <= 8 and data.bio_other.match(t):
            decided[i] = (False, "author-bio")
            continue
        if _is_caption(t, ln, lang):
            decided[i] = (False, "caption")
            continue
        if _is_title_like(ln) and (len(by_text[t.lower()]) > 1 or t.lower() in pipe_prefixes):
            decided[i] = (False, "title:duplicate")
            continue

    line_features(lines)
    st = _State()
    st.raw_lines, st.texts, st.lang, st.lines, st.present = raw_lines, texts, lang, lines, present
    st.decided, st.header_lead, st.glued_reason = decided, header_lead, glued_reason
    return st


def clean(text: str) -> CleanResult:
    """Split ``text`` into article body and boilerplate, line by line (see module doc)."""
    data = _data()
    st = _prepare(text)
    raw_lines, lang, lines, present = st.raw_lines, st.lang, st.lines, st.present
    decided, header_lead, glued_reason = st.decided, st.header_lead, st.glued_reason
    n_lines = len(raw_lines)
    headings: set[int] = set()

    # 4. model
    model = data.model
    todo = [ln for ln in present if ln.i not in decided or ln.i == 0 and header_lead is not None]
    logits: list[float] = []
    if model:
        s1 = model["stage1"]
        for ln in present:
            logits.append(_dot(s1["weights"], s1["mean"], s1["scale"], ln.feat, s1["bias"]))
        # lines already decided by a rule are chrome for the smoothing stage
        for k, ln in enumerate(present):
            if ln.i in decided:
                logits[k] = min(logits[k], -4.0)
        s2 = model["stage2"]
        x2 = stage2_features(present, logits)
        threshold = model.get("threshold", 0.5)
    else:
        logits = [_heuristic_logit(ln.feat) for ln in present]
        x2 = stage2_features(present, logits)
        threshold = 0.5
    probs: dict[int, float] = {}
    for k, ln in enumerate(present):
        if model:
            z = _dot(s2["weights"], s2["mean"], s2["scale"], x2[k], s2["bias"])
        else:
            z = x2[k][0] + 0.5 * x2[k][1]
        probs[ln.i] = _sigmoid(z)
    todo_set = {ln.i for ln in todo}
    k_of = {ln.i: k for k, ln in enumerate(present)}

    # header lead: kept when it reads like a sentence
    if header_lead is not None:
        ln0 = lines[0]
        sentence_like = ln0 is not None and ln0.n >= 6 and (_END_PUNCT.search(header_lead) or ln0.n >= 12)
        decided[0] = (True, "header-lead") if sentence_like else (False, "header: not a lead sentence")
        todo_set.discard(0)

    for ln in present:
        if ln.i not in todo_set:
            continue
        p = probs[ln.i]
        keep = p >= threshold
        if model:
            k = k_of[ln.i]
            why = _explain_model(s2, x2[k], STAGE2_FEATURES, keep, 1)
            if why in ("line looks like body", "line looks like chrome"):
                why = _explain_model(model["stage1"], ln.feat, FEATURES, keep, 3)
            reason = f"model p={p:.2f}: {why}"
        else:
            reason = f"heuristic p={p:.2f}"
        decided[ln.i] = (keep, reason)

    # 5a. first title-like line directly above the body, with only rule-dropped chrome before it
    kept_idx = [ln.i for ln in present if decided[ln.i][0]]
    if kept_idx:
        for ln in present:
            kept, reason = decided[ln.i]
            if kept:
                if (
                    reason.startswith("model")
                    and _is_title_like(ln)
                    and ln.n <= 15
                    and header_lead is None
                    and ln.i != kept_idx[-1]
                ):
                    decided[ln.i] = (False, "title: first line above the body")
                break
            if reason.startswith("model") or reason.startswith("forum") or reason.startswith("glued"):
                break

    # 5b. reader comments: once body has been kept, a comment-section header ends it
    kept_words = 0
    cut_at = None
    for ln in present:
        if decided[ln.i][0]:
            kept_words += ln.n
        elif kept_words >= data.comment_min_before and ln.n <= data.comment_max_words and data.comment_section.match(ln.text):
            cut_at = ln.i
            break
    if cut_at is not None:
        for ln in present:
            if ln.i > cut_at and decided[ln.i][0]:
                decided[ln.i] = (False, f"comments: after line {cut_at + 1}")

    # 5c. sub-headings: short non-sentence lines between kept paragraphs
    for k, ln in enumerate(present):
        if k == 0 or k + 1 >= len(present):
            continue
        kept, reason = decided[ln.i]
        prev_ln, next_ln = present[k - 1], present[k + 1]
        if not (decided[prev_ln.i][0] and decided[next_ln.i][0]):
            continue
        if not _is_title_like(ln) or ln.n > 12 or ln.stop == ln.n and ln.n > 3:
            continue
        if next_ln.n < 12 or not _END_PUNCT.search(next_ln.text):
            continue
        if kept:
            headings.add(ln.i)
        elif reason.startswith("model") and not _NUMERIC_LINE.match(ln.text):
            decided[ln.i] = (True, "heading: between body paragraphs")
            headings.add(ln.i)

    # 5d. never empty: keep the densest block when text exists but nothing was kept
    if present and not any(decided[ln.i][0] for ln in present):
        scores = [(ln.n - 8) * (0.5 + (ln.stop / ln.n if ln.n else 0.0)) for ln in present]
        a, b = densest_run(scores)
        for ln in present[a : b + 1]:
            decided[ln.i] = (True, "fallback: densest block")

    out = []
    for i in range(n_lines):
        kept, reason = decided[i]
        t = lines[i].text if lines[i] is not None else ""
        if i in glued_reason:
            reason = f"{glued_reason[i]}; {reason}"
        out.append(LineDecision(number=i + 1, text=t if kept else raw_lines[i].strip(),
                                kept=kept, reason=reason, heading=kept and i in headings))
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

"""Shared text helpers: normalisation, content tokens and near-duplicate grouping.

Facts, timeline entries and quotes all need to decide whether two sentences
from different articles say the same thing.  Keeping one tokeniser and one
grouping routine here means the three stages agree on what "the same" means,
and the scaling trick (an inverted index over rare tokens instead of comparing
every pair) is written once.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from itertools import chain
from operator import itemgetter
from functools import lru_cache
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence

# Typographic variants editors and publishers use for the same character.
_APOSTROPHES = "\u2019\u2018\u02bc\u0060\u00b4\u2032"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

# (variant, ASCII) pairs.  A few ``str.replace`` calls are much faster than
# ``str.translate`` with a dict, which looks up every character of a
# non-ASCII text one by one; the result is the same.
_FOLDS = tuple((c, "'") for c in _APOSTROPHES) + tuple((c, '"') for c in _DOUBLE_QUOTES)


def fold_quotes(text: str) -> str:
    """Map curly quotes and apostrophes to ASCII, keeping string length.

    Length is preserved so offsets found in the folded text are valid in the
    original, which lets callers show the publisher's own typography.
    """
    if text.isascii():
        return text
    for variant, plain in _FOLDS:
        if variant in text:
            text = text.replace(variant, plain)
    return text


_QUOTE_MARK_RE = re.compile(r"[\"']")
_NOT_WORD_RE = re.compile(r"[^\w\s-]")


@lru_cache(maxsize=16384)
def normalise_for_id(text: str) -> str:
    """Lower-case, quote-folded, whitespace-collapsed text used for ids and matching.

    Editors copy fact texts from the site into curation files; this makes that
    copy match even if quotes or spacing changed on the way.  Remembered,
    because player names are normalised at every mention.
    """
    text = unicodedata.normalize("NFKC", fold_quotes(text))
    for d in _DASHES:
        text = text.replace(d, "-")
    text = _QUOTE_MARK_RE.sub("", text.lower())
    text = _NOT_WORD_RE.sub(" ", text)
    return " ".join(text.split())


def short_hash(text: str, prefix: str) -> str:
    """Stable short id of a text, so curation can refer to it across rebuilds."""
    digest = hashlib.sha1(normalise_for_id(text).encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{digest}"


STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on once
    only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until
    up very was we were what when where which while who whom why will with would you your
    yours yourself yourselves said say says saying told according one two three also would
    may might must shall us yet still even however meanwhile already since well per via
    s t don like new this that which whose upon onto among amid within without""".split()
)

# Words that publishers use interchangeably for the same idea.  Keys are
# lower-case surface forms (checked before and after suffix stripping).
SYNONYMS: Mapping[str, str] = {
    "moon": "lunar",
    "moons": "lunar",
    "construct": "build",
    "construction": "build",
    "constructing": "build",
    "create": "build",
    "creating": "build",
    "develop": "build",
    "development": "build",
    "establish": "build",
    "base": "station",
    "facility": "station",
    "facilities": "station",
    "nation": "country",
    "nations": "country",
    "national": "country",
    "jointly": "joint",
    "together": "joint",
    "agreement": "agree",
    "agreed": "agree",
    "memorandum": "mou",
    "mou": "mou",
    "cooperation": "cooperate",
    "cooperating": "cooperate",
    "collaboration": "cooperate",
    "collaborate": "cooperate",
    "collaborating": "cooperate",
    "partnership": "partner",
    "mankind": "humanity",
    "humankind": "humanity",
    "peaceful": "peace",
    "american": "usa",
    "america": "usa",
    "washington": "usa",
    "us": "usa",
    "u.s": "usa",
    "u.s.": "usa",
    "russian": "russia",
    "moscow": "russia",
    "kremlin": "russia",
    "chinese": "china",
    "beijing": "china",
    "unmanned": "uncrewed",
    "robotic": "uncrewed",
    "manned": "crewed",
    "astronaut": "crew",
    "astronauts": "crew",
    "cosmonaut": "crew",
    "taikonaut": "crew",
    "announced": "announce",
    "unveiled": "announce",
    "unveil": "announce",
    "signing": "sign",
    "signed": "sign",
    "interested": "interest",
    "scientific": "science",
    "research": "research",
    "investigation": "research",
    "investigations": "research",
    "experimentation": "experiment",
    "experimental": "experiment",
    "experiments": "experiment",
}

_CANONICAL = frozenset(SYNONYMS.values())

_WORD_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:'[A-Za-z]+)*(?:-[A-Za-z0-9]+)*")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately small stemmer ("stemming-lite").

    A full Porter stemmer over-merges short words and adds a dependency; the
    articles only need plural, past tense and -ing forms to meet, plus the
    synonym table above.
    """
    w = word.lower()
    if w in SYNONYMS:
        return SYNONYMS[w]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
        if len(w) > 2 and w[-1] == w[-2]:
            w = w[:-1]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2] if not w.endswith("eed") else w[:-1]
        if len(w) > 2 and w[-1] == w[-2]:
            w = w[:-1]
    elif len(w) > 4 and w.endswith("ly"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss") and not w.endswith("us"):
        w = w[:-1]
    if w in SYNONYMS:
        return SYNONYMS[w]
    if w in _CANONICAL:
        return w
    # "operate"/"operation" and "explore"/"exploration" meet on one stem.
    for suffix in ("ation", "ion", "e"):
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            w = w[: -len(suffix)]
            break
    return SYNONYMS.get(w, w)


def words(text: str) -> list[str]:
    """Word tokens of a text (quote-folded), keeping hyphenated names whole."""
    return _WORD_RE.findall(fold_quotes(text))


def content_tokens(text: str, phrase_map: Callable[[str], str] | None = None) -> frozenset[str]:
    """Stemmed content words: the unit of comparison between sentences.

    ``phrase_map`` rewrites multi-word names to one canonical token first (so
    "National Space Administration of China" and "CNSA" are the same token).
    """
    if phrase_map is not None:
        text = phrase_map(text)
    cache = _TOKEN_OF
    if len(cache) > _TOKEN_CACHE_SIZE:
        cache.clear()
    out = set()
    for w in words(text):
        token = cache.get(w, _MISSING)
        if token is _MISSING:
            token = cache[w] = _token_of(w)
        if token is not None:
            out.add(token)
    return frozenset(out)


# Word -> content token (``None`` for a stopword or a number), filled as words
# are seen: a collection uses a few tens of thousands of distinct words, each
# many times.
_TOKEN_OF: dict[str, str | None] = {}
_TOKEN_CACHE_SIZE = 200_000
_MISSING = object()
_POSSESSIVE_RE = re.compile(r"'s$|'$")


def _token_of(word: str) -> str | None:
    lw = _POSSESSIVE_RE.sub("", word.lower())
    if lw in STOPWORDS or len(lw) < 2:
        return None
    if lw.isdigit() and len(lw) != 4:
        return None
    return stem(lw)


def idf_weights(token_sets: Iterable[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency over the given sets (smoothed, always > 0).

    Computed per topic, so words every article of the topic uses ("lunar",
    "station" for ILRS) count little and the distinctive words decide.
    """
    df: dict[str, int] = defaultdict(int)
    n = 0
    for s in token_sets:
        n += 1
        for t in s:
            df[t] += 1
    return {t: math.log((n + 1) / (c + 0.5)) + 0.1 for t, c in df.items()}


def weighted_similarity(a: frozenset[str], b: frozenset[str], w: Mapping[str, float]) -> float:
    """Mean of weighted Jaccard and weighted overlap coefficient.

    Jaccard alone punishes a short paraphrase embedded in a long sentence;
    overlap alone merges a short sentence into anything that contains its
    words.  The mean behaves well on both.
    """
    if not a or not b:
        return 0.0
    shared = sum(w.get(t, 1.0) for t in a & b)
    if shared == 0:
        return 0.0
    wa = sum(w.get(t, 1.0) for t in a)
    wb = sum(w.get(t, 1.0) for t in b)
    union = wa + wb - shared
    # Rounded so that summing a set in another order (hash seed) cannot flip a comparison.
    return round(0.5 * (shared / union + shared / min(wa, wb)), 9)


def group_similar(
    token_sets: Sequence[frozenset[str]],
    threshold: float | Callable[[int, int], float],
    weights: Mapping[str, float] | None = None,
    *,
    average: float = 0.8,
    max_postings: int = 200,
    min_shared: int = 2,
    can_join: Callable[[int, int], bool] | None = None,
    collapse_key: Callable[[int], Hashable] | None = None,
    prefix: int = 8,
    max_candidates: int = 60,
) -> list[list[int]]:
    """Group items whose token sets are similar, without comparing all pairs.

    Scaling: identical token sets (with the same ``collapse_key``) are folded
    into one item first, since syndicated copies of one sentence are common.
    Candidate pairs then come from an inverted index, looking only at each
    item's ``prefix`` rarest tokens whose posting lists are no longer than
    ``max_postings`` (prefix filtering, as in similarity joins), and at most
    ``max_candidates`` candidates per item are scored.  Work is therefore
    bounded by a constant per item instead of growing with items².

    Pairs at or above the threshold are merged strongest first, and two groups
    only merge when the *average* similarity between (up to ten of) their
    members is at least ``average`` × threshold.  Plain transitive closure
    would chain two different facts through one sentence that mentions both.

    Returns groups as lists of indices, each sorted, groups ordered by first index.
    """
    w = weights if weights is not None else idf_weights(token_sets)
    # 1. fold identical items
    classes: dict[tuple, int] = {}
    reps: list[int] = []
    members_of: list[list[int]] = []
    for i, s in enumerate(token_sets):
        key = (s, collapse_key(i) if collapse_key is not None else None)
        k = classes.get(key)
        if k is None:
            classes[key] = len(reps)
            reps.append(i)
            members_of.append([i])
        else:
            members_of[k].append(i)
    sets = [token_sets[i] for i in reps]
    if all(t in w for s in sets for t in s):
        weight_of = w.__getitem__  # the usual case: a C-level lookup per token

        def weigh(tokens: frozenset[str]) -> float:
            return sum(map(weight_of, tokens))
    else:
        def weigh(tokens: frozenset[str]) -> float:
            return sum(w.get(t, 1.0) for t in tokens)
    totals = [weigh(s) for s in sets]

    def common(a: int, b: int) -> frozenset[str]:
        sa, sb = sets[a], sets[b]
        return sa & sb if len(sa) <= len(sb) else sb & sa

    def score(a: int, b: int, shared_tokens: frozenset[str]) -> float:
        shared = weigh(shared_tokens)
        if shared == 0:
            return 0.0
        union = totals[a] + totals[b] - shared
        return round(0.5 * (shared / union + shared / min(totals[a], totals[b])), 9)

    def sim(a: int, b: int) -> float:
        return score(a, b, common(a, b))

    # 2. candidates through the rarest tokens
    postings: dict[str, list[int]] = defaultdict(list)
    for k, s in enumerate(sets):
        for t in s:
            postings[t].append(k)
    # Usable tokens ranked rarest first (posting length, then the token), so
    # each item's prefix is a sort of small integers and its candidates are
    # counted in one pass over the prefix's posting lists.
    usable = sorted((t for t, p in postings.items() if len(p) <= max_postings), key=lambda t: (len(postings[t]), t))
    rank = {t: r for r, t in enumerate(usable)}
    ranked_postings = [postings[t] for t in usable]
    pairs: list[tuple[float, int, int, float]] = []
    cache: dict[tuple[int, int], float] = {}
    for a, s in enumerate(sets):
        rare = [r for r in map(rank.get, s) if r is not None]
        rare.sort()
        counts = Counter(chain.from_iterable(ranked_postings[r] for r in rare[:prefix]))
        counts.pop(a, None)
        if len(counts) <= max_candidates:
            ranked = list(counts)  # all of them, unsorted: pairs are sorted by score and index below
        else:
            # most shared prefix tokens first, then lowest index (a stable sort on counts of index-sorted items)
            ranked = [b for b, _c in sorted(sorted(counts.items()), key=itemgetter(1), reverse=True)[:max_candidates]]
        for b in ranked:
            key = lo, hi = (a, b) if a < b else (b, a)
            if key in cache:
                continue
            shared_tokens = common(lo, hi)
            if len(shared_tokens) < min_shared:
                cache[key] = 0.0
                continue
            i, j = reps[lo], reps[hi]
            if can_join is not None and not can_join(i, j):
                cache[key] = 0.0
                continue
            limit = threshold(i, j) if callable(threshold) else threshold
            value = cache[key] = score(lo, hi, shared_tokens)
            if value >= limit:
                pairs.append((value, lo, hi, limit))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))

    def cached(a: int, b: int) -> float:
        key = (a, b) if a < b else (b, a)
        if key not in cache:
            cache[key] = sim(*key)
        return cache[key]

    # 3. greedy average-linkage merging over the candidate pairs
    cluster_of = list(range(len(sets)))
    clusters: dict[int, list[int]] = {k: [k] for k in range(len(sets))}
    for _v, a, b, limit in pairs:
        ca, cb = cluster_of[a], cluster_of[b]
        if ca == cb:
            continue
        cross = [cached(x, y) for x in clusters[ca][:10] for y in clusters[cb][:10]]
        if sum(cross) / len(cross) < average * limit:
            continue
        keep, gone = (ca, cb) if ca < cb else (cb, ca)
        for k in clusters[gone]:
            cluster_of[k] = keep
        clusters[keep].extend(clusters.pop(gone))
    groups = []
    for ks in clusters.values():
        groups.append(sorted(i for k in ks for i in members_of[k]))
    return sorted(groups, key=lambda g: g[0])


def centrality_in_group(sets: Sequence[frozenset[str]], weights: Mapping[str, float]) -> list[float]:
    """How typical each member is of its group, in linear time.

    The weighted share of a member's tokens that the other members also use;
    used to pick a representative without comparing every pair of members.
    """
    n = len(sets)
    if n < 2:
        return [1.0] * n
    freq: dict[str, int] = defaultdict(int)
    for s in sets:
        for t in s:
            freq[t] += 1
    out = []
    for s in sets:
        total = sum(weights.get(t, 1.0) for t in s) or 1.0
        out.append(round(sum(weights.get(t, 1.0) * (freq[t] - 1) for t in s) / (total * (n - 1)), 9))
    return out

"""Lean, chunked search index: what readers search, in files a browser loads on demand.

Why not Material's search at scale: its ``search_index.json`` holds the full
text of every page and the browser downloads all of it on the first search
(about 25 MB at 10,000 articles), and building it costs the build about a
tenth of its time.  Pagefind was measured too (docs/performance.md): its index
is chunked, but indexing 2,000 pages took 6 s and 280 MB in its own process,
more than MkDocs itself uses, so it cannot meet the build targets here.

This index keeps only what readers look for:

* every word of titles and lead paragraphs (topic summaries for topic pages),
* from the rest of the body only *rare* words: those in at most ``rare_df``
  articles.  Names of people, places and missions are rare words, so a name
  that appears only in one article's body is still found; words that are in
  hundreds of bodies ("spacecraft") are found through titles and leads.

Layout under ``search/lean/`` (all JSON, deterministic bytes):

``manifest.json``
    format version, document count, chunk size and the list of token shards.
``t/<xx>.json``
    token shard: every indexed token starting with ``xx`` -> delta-encoded
    postings ``doc * 4 + field`` (field 2 title, 1 lead, 0 body).
``d/<n>.json``
    documents ``n * chunk ...``: ``[url, title, meta, lead]``.

A query loads the manifest, one shard per query word and the document chunks
of the results it shows: a few tens of kilobytes, whatever the site size.
``templates/static/javascripts/explainer-search.js`` is the reader's side and
must tokenise exactly like :func:`tokens`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Sequence

from .model import Article, Topic

FORMAT = 1
ROOT = "search/lean"
FIELD_BODY, FIELD_LEAD, FIELD_TITLE = 0, 1, 2
DOCS_PER_CHUNK = 50  # a result list touches at most 10 chunks of ~20 KB
LEAD_CHARS = 200

# Words too common to help anyone find an article.  Kept short on purpose:
# rare-word selection already keeps most function words out of bodies.
STOP_WORDS = frozenset(
    """a about after all also an and any are as at be been but by can could did do does for from
    had has have he her his how i if in into is it its may more most no not of on one or our out
    over said says she so some than that the their them then there these they this those to up
    was we were what when where which while who will with would you your""".split()
)

_WORD = re.compile(r"[^\W_]{2,}")  # maximal runs of letters/digits, two or more
_SHARD_OK = re.compile(r"[a-z0-9]{2}")
# Unicode marks (category M*, what JavaScript's \p{M} matches) in the Basic Multilingual
# Plane, as one character class: a regex pass is ~20x faster than a per-character loop.
_MARKS = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == "M") + "]"
)


def normalise(text: str) -> str:
    """Lowercase, accents removed (NFKD, marks dropped): ``Éclair`` -> ``eclair``."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()


def tokens(text: str) -> list[str]:
    """Index/query words: runs of letters and digits, at least two characters, no stop words."""
    return [t for t in _WORD.findall(normalise(text)) if t not in STOP_WORDS]


def token_set(text: str) -> set[str]:
    """The distinct words of :func:`tokens` (deduplicated first: much faster on long bodies)."""
    return set(_WORD.findall(normalise(text))) - STOP_WORDS


def shard_key(token: str) -> str:
    """First two characters when they are ASCII letters/digits, else ``__`` (file-name safe)."""
    key = token[:2]
    return key if _SHARD_OK.fullmatch(key) else "__"


@dataclass(frozen=True)
class SearchDoc:
    """One searchable page."""

    url: str  # site-relative URL, e.g. "articles/foo/"
    title: str
    meta: str  # shown under the title: date · publisher
    lead: str  # first paragraph (articles) or summary (topics)
    body: str  # everything else; only its rare words are indexed


def article_docs(
    ordered: Sequence[Article], topics: Sequence[Topic], *, directory_urls: bool = True,
    human_date=lambda d: d or "undated",
) -> Iterator[SearchDoc]:
    """Topics first, then articles in the order given (newest first).

    A generator: each body is joined only while it is being indexed, so the
    index never holds a second copy of every article's text.
    """

    def url(stem: str) -> str:
        return f"{stem}/" if directory_urls else f"{stem}.html"

    for t in topics:
        yield SearchDoc(url(f"topics/{t.id}"), t.title, "Topic", t.summary, "")
    for a in ordered:
        paras = a.paragraphs
        meta = " · ".join(x for x in (human_date(a.date), a.source) if x)
        yield SearchDoc(url(f"articles/{a.id}"), a.title, meta, paras[0] if paras else "", "\n".join(paras[1:]))


def _short(text: str, limit: int = LEAD_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(",;:") + "…"


def build_index(docs: Iterable[SearchDoc], *, rare_df: int | None = None) -> dict[str, bytes]:
    """Files of the lean index, keyed by site path.

    ``rare_df``: a body word is indexed when at most this many documents have
    it in their body (default: 1% of the documents, at least 5).

    Memory: one pass keeps, per document, only its display row and tuples of
    interned words (one string object per distinct word for the whole site);
    measured at 2,000 articles this cut the index's transient peak from 22 MB
    to a few MB, which mattered because it was the build's peak.
    """
    vocab: dict[str, str] = {}
    intern = vocab.setdefault
    rows: list[list[str]] = []
    fields: list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = []
    body_df: Counter[str] = Counter()
    for d in docs:
        title = token_set(d.title)
        lead = token_set(d.lead) - title
        body = {t for t in token_set(d.body) if not t.isdigit()} - title - lead
        body_df.update(body)
        fields.append((tuple(map(intern, title, title)), tuple(map(intern, lead, lead)), tuple(map(intern, body, body))))
        rows.append([d.url, d.title, d.meta, _short(d.lead)])
    if rare_df is None:
        rare_df = max(5, len(rows) // 100)

    postings: dict[str, list[int]] = defaultdict(list)
    for n, (title, lead, body) in enumerate(fields):
        for t in title:
            postings[t].append(n * 4 + FIELD_TITLE)
        for t in lead:
            postings[t].append(n * 4 + FIELD_LEAD)
        for t in body:
            if body_df[t] <= rare_df:
                postings[t].append(n * 4 + FIELD_BODY)
    del fields

    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for t in sorted(postings):
        codes = postings[t]  # already increasing: documents are visited in order
        shards[shard_key(t)][t] = [codes[0]] + [b - a for a, b in zip(codes, codes[1:])]

    files = {f"{ROOT}/t/{k}.json": _json(v) for k, v in shards.items()}
    for start in range(0, len(rows), DOCS_PER_CHUNK):
        files[f"{ROOT}/d/{start // DOCS_PER_CHUNK}.json"] = _json(rows[start : start + DOCS_PER_CHUNK])
    manifest = {"format": FORMAT, "docs": len(rows), "chunk": DOCS_PER_CHUNK, "shards": sorted(shards)}
    files[f"{ROOT}/manifest.json"] = _json(manifest)
    return files


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# --------------------------------------------------------------------------- query (tests, benchmark)


def search(files: Mapping[str, bytes], query: str, limit: int = 10) -> list[str]:
    """Python twin of the browser's search, for tests: URLs of the best matches.

    Every query word must match (as a prefix of an indexed word); titles
    outrank leads, leads outrank bodies, and ties keep the newest first.
    """
    words = tokens(query)
    if not words:
        return []
    scores: dict[int, float] | None = None
    for w in words:
        shard = json.loads(files.get(f"{ROOT}/t/{shard_key(w)}.json", b"{}"))
        best: dict[int, float] = {}
        for tok, deltas in shard.items():
            if not tok.startswith(w):
                continue
            exact = 1.0 if tok == w else 0.5
            code = 0
            for d in deltas:
                code += d
                doc, field = divmod(code, 4)
                best[doc] = max(best.get(doc, 0.0), exact * (1, 4, 10)[field])
        scores = best if scores is None else {k: v + best[k] for k, v in scores.items() if k in best}
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    manifest = json.loads(files[f"{ROOT}/manifest.json"])
    out = []
    for doc, _ in ranked:
        chunk = json.loads(files[f"{ROOT}/d/{doc // manifest['chunk']}.json"])
        out.append(chunk[doc % manifest["chunk"]][0])
    return out


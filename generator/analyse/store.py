"""Per-article analysis kept on disk between runs, keyed by what it depends on.

``analyse_article`` (sentences, player mentions, dated events, quotes) is
the expensive, purely per-article part of the analysis.  Its result depends
only on a few fields of the article and on the analysis code and data, so it
is stored in one file under the cache folder (default ``.cache/explainer/``
beside ``content/``, ignored by git) and reused by the next build:

* the **key** of an entry is the sha256 of the article fields that
  ``analyse_article`` reads (id, title, date, publisher, language, text);
* the **fingerprint** of the whole file is the sha256 of the analysis
  package's source files and of the data files it reads; a different
  fingerprint (code or gazetteer changed) discards every entry, so a stale
  result can never be used;
* ``explainer ingest`` fills it in a process pool (:func:`warm`), so the build
  that follows analyses nothing; a build fills in what is missing;
* the file mechanics (written only when something changed, atomically;
  a damaged or foreign file ignored; never a failed build) are
  :class:`generator.diskcache.DiskCache`'s.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Iterable, Sequence
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from generator.analyse.explain import ArticleAnalysis, analyse_article
from generator.analyse.players import PlayerMention
from generator.analyse.quotes import Quote
from generator.analyse.timeline import EventMention
from generator.diskcache import DiskCache, default_cache_dir, fingerprint
from generator.model import Article

__all__ = ["AnalysisStore", "default_cache_dir", "warm", "CACHE_FILE"]

CACHE_FILE = "analysis.marshal"
_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
_DATA = _PACKAGE.parent / "data"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of everything an article's analysis depends on besides the article."""
    paths = sorted(_PACKAGE.glob("*.py")) + sorted(p for p in _DATA.iterdir() if p.is_file())
    paths.append(_PACKAGE.parent / "model.py")
    return fingerprint(f"analysis format {_FORMAT}", paths)


def article_key(a: Article) -> str:
    parts = (a.id, a.title, a.date or "", a.source or "", a.language or "", a.text)
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _rows(items: Iterable[object]) -> tuple[tuple, ...]:
    return tuple(tuple(getattr(x, f.name) for f in fields(x)) for x in items)


def to_entry(aa: ArticleAnalysis) -> tuple:
    """An analysis as plain tuples (token sets sorted, so entries are deterministic)."""
    return (
        aa.sentences,
        aa.paragraphs,
        tuple(tuple(sorted(t)) for t in aa.sentence_tokens),
        _rows(aa.mentions),
        _rows(aa.events),
        _rows(aa.quotes),
    )


def pack(aa: ArticleAnalysis) -> bytes:
    """One entry as bytes: the cache keeps entries packed (about a third of the objects' memory)."""
    return marshal.dumps(to_entry(aa))


def from_entry(article: Article, entry: tuple) -> ArticleAnalysis:
    sentences, paragraphs, tokens, mentions, events, quotes = entry
    return ArticleAnalysis(
        article,
        tuple(sentences),
        tuple(paragraphs),
        tuple(frozenset(t) for t in tokens),
        tuple(PlayerMention(*m) for m in mentions),
        tuple(EventMention(*e) for e in events),
        tuple(Quote(*q) for q in quotes),
    )


class AnalysisStore:
    """The analysis cache of one project: ``get``/``put`` per article, ``save`` at the end."""

    def __init__(self, folder: Path):
        self._cache = DiskCache(Path(folder) / CACHE_FILE, code_fingerprint())

    def __len__(self) -> int:
        return len(self._cache)

    @property
    def hits(self) -> int:
        return self._cache.hits

    @property
    def misses(self) -> int:
        return self._cache.misses

    def has(self, article: Article) -> bool:
        """Whether ``article`` has an entry (which then counts as used and is kept)."""
        return self._cache.keep(article_key(article))

    def get(self, article: Article) -> ArticleAnalysis | None:
        key = article_key(article)
        packed = self._cache.get(key)
        if packed is None:
            return None
        try:
            return from_entry(article, marshal.loads(packed))
        except (TypeError, ValueError, EOFError):  # an entry of the wrong shape: recompute it
            self._cache.reject(key)
            return None

    def put(self, article: Article, analysis: ArticleAnalysis | bytes) -> None:
        """Store an analysis (or its packed form, :func:`pack`)."""
        self._cache.put(article_key(article), analysis if isinstance(analysis, bytes) else pack(analysis))

    def save(self) -> bool:
        """Write the file if anything changed (see :meth:`DiskCache.save`)."""
        return self._cache.save()


def _analyse_packed(article: Article) -> bytes:
    return pack(analyse_article(article))


def warm(articles: Iterable[Article], folder: Path, *, jobs: int | None = None, progress=None,
         batch: int = 400) -> tuple[int, int]:
    """Analyse every article the store lacks, in a process pool, and save.

    ``articles`` may be a generator: they are consumed in batches of
    ``batch``, so memory holds one batch of articles plus the packed entries,
    however large the collection.  Returns (articles already stored,
    articles analysed now).  ``progress``, if given, is called with None
    (the total is not known in advance) and returns an object with
    ``step()`` and ``close()`` (a progress bar).
    """
    from concurrent.futures import ProcessPoolExecutor

    store = AnalysisStore(folder)
    jobs = jobs or min(os.cpu_count() or 1, 8)
    pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None
    bar = progress(None) if progress is not None else None
    kept = analysed = 0
    todo: list[Article] = []

    def flush() -> None:
        nonlocal analysed
        if pool is None or len(todo) < 8:
            results: Iterable[bytes] = map(_analyse_packed, todo)
        else:
            results = pool.map(_analyse_packed, todo, chunksize=max(1, len(todo) // (jobs * 4)))
        for article, packed in zip(todo, results):
            store.put(article, packed)
            analysed += 1
            if bar is not None:
                bar.step()
        todo.clear()

    try:
        for article in articles:
            if store.has(article):
                kept += 1
                continue
            todo.append(article)
            if len(todo) >= batch:
                flush()
        flush()
    finally:
        if pool is not None:
            pool.shutdown()
        if bar is not None:
            bar.close()
    store.save()
    return kept, analysed

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
* the file is written only when something changed (new entries, or entries
  of articles that no longer exist), atomically; an unreadable or foreign
  file is ignored and rebuilt.  Nothing here can fail a build: a cache
  problem only costs time.

The format is :mod:`marshal` of plain tuples and strings: it loads about ten
times faster than JSON and, unlike pickle, cannot construct arbitrary objects.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from generator.analyse.explain import ArticleAnalysis, analyse_article
from generator.analyse.players import PlayerMention
from generator.analyse.quotes import Quote
from generator.analyse.timeline import EventMention
from generator.model import Article

__all__ = ["AnalysisStore", "default_cache_dir", "warm", "CACHE_FILE"]

log = logging.getLogger("generator.analyse.store")

CACHE_FILE = "analysis.marshal"
_FORMAT = 1
_PACKAGE = Path(__file__).resolve().parent
_DATA = _PACKAGE.parent / "data"


def default_cache_dir(content_dir: Path) -> Path:
    """``.cache/explainer`` in the folder that holds ``content/`` (the project root)."""
    return Path(content_dir).resolve().parent / ".cache" / "explainer"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of everything an article's analysis depends on besides the article."""
    h = hashlib.sha256(f"format {_FORMAT}\n".encode())
    paths = sorted(_PACKAGE.glob("*.py")) + sorted(p for p in _DATA.iterdir() if p.is_file())
    paths.append(_PACKAGE.parent / "model.py")
    for p in paths:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


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
    """The cache file of one project: ``get``/``put`` per article, ``save`` at the end.

    An entry handed out by ``get`` is not kept in memory (the analysis uses
    the objects made from it); ``save`` reads the file again in the rare
    case that it has to rewrite it.
    """

    def __init__(self, folder: Path):
        self.path = Path(folder) / CACHE_FILE
        self._entries: dict[str, tuple] = {}  # loaded and not handed out yet
        self._stored: frozenset[str] = frozenset()  # keys in the file as loaded
        self._new: dict[str, tuple] = {}
        self._used: set[str] = set()
        self._stale = False  # the file is from other code or unreadable
        self.hits = self.misses = 0
        entries = self._read()
        if entries is None:
            self._stale = self.path.exists()
        else:
            self._entries = entries
            self._stored = frozenset(entries)

    def _read(self) -> dict[str, tuple] | None:
        try:
            data = marshal.loads(self.path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError, TypeError) as exc:
            log.info("analysis cache %s ignored: %s", self.path, exc)
            return None
        if isinstance(data, tuple) and len(data) == 2 and data[0] == code_fingerprint() and isinstance(data[1], dict):
            return data[1]
        return None  # other code or format: start again

    def __len__(self) -> int:
        """Entries in the file as loaded (or as last saved)."""
        return len(self._stored)

    def get(self, article: Article) -> ArticleAnalysis | None:
        key = article_key(article)
        entry = self._entries.pop(key, None) or self._new.get(key)
        if entry is None:
            self.misses += 1
            return None
        try:
            found = from_entry(article, entry)
        except (TypeError, ValueError):  # an entry of the wrong shape: recompute it
            self._stale = True
            self.misses += 1
            return None
        self._used.add(key)
        self.hits += 1
        return found

    def put(self, article: Article, analysis: ArticleAnalysis | tuple) -> None:
        key = article_key(article)
        self._new[key] = analysis if isinstance(analysis, tuple) else to_entry(analysis)
        self._used.add(key)

    def save(self) -> bool:
        """Write the file if anything changed: new entries, or entries no article used.

        Only entries used since loading are kept, so the file never grows
        with articles that are gone.  Returns whether it wrote; errors are
        logged, never raised.
        """
        unused = self._stored - self._used
        if not self._new and not unused and not self._stale:
            return False
        keep = self._used - self._new.keys()
        old = (self._read() or {}) if keep else {}
        entries = {k: v for k, v in old.items() if k in keep}
        entries.update(self._new)
        data = marshal.dumps((code_fingerprint(), dict(sorted(entries.items()))))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".analysis-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fp:
                    fp.write(data)
                os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a cache is not secret
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.warning("could not write the analysis cache %s: %s", self.path, exc)
            return False
        self._stored = frozenset(entries)
        self._entries = {}
        self._new = {}
        self._used = set(entries)
        self._stale = False
        return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _analyse_entry(article: Article) -> tuple:
    return to_entry(analyse_article(article))


def warm(articles: Sequence[Article], folder: Path, *, jobs: int | None = None, progress=None) -> tuple[int, int]:
    """Analyse every article the store lacks, in a process pool, and save.

    Returns (articles already stored, articles analysed now).  ``progress``,
    if given, is called with the number of articles to analyse and returns
    an object with ``step()`` and ``close()`` (a progress bar).
    """
    store = AnalysisStore(folder)
    missing = [a for a in articles if store.get(a) is None]
    bar = progress(len(missing)) if progress is not None else None
    jobs = jobs or min(os.cpu_count() or 1, 8)
    if jobs == 1 or len(missing) < 8:
        results: Iterable[tuple] = map(_analyse_entry, missing)
    else:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs)
        results = pool.map(_analyse_entry, missing, chunksize=max(1, len(missing) // (jobs * 4)))
    try:
        for article, entry in zip(missing, results):
            store.put(article, entry)
            if bar is not None:
                bar.step()
    finally:
        if jobs != 1 and len(missing) >= 8:
            pool.shutdown()
        if bar is not None:
            bar.close()
    store.save()
    return len(articles) - len(missing), len(missing)

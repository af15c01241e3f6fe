"""One cache file of plain values, for work that is repeated on every build.

Used for per-article analysis (:mod:`generator.analyse.store`) and parsed
front matter (:mod:`generator.content`), both in ``.cache/explainer/``
beside the content folder (ignored by git):

* each entry's **key** is a hash of everything the value depends on in the
  input (computed by the caller);
* the file carries a **fingerprint** of the code that produced the values; a
  file with another fingerprint is ignored as a whole, so an entry made by
  older code is never used;
* an entry handed out by ``get`` is not kept (the caller owns the value);
  ``save`` writes only when something changed (new entries, or entries no
  input used, which it drops, so the file never grows with deleted
  articles), atomically, and re-reads the file in that rare case;
* nothing here raises for a missing, damaged or unwritable file: a cache
  problem only costs time.

The format is :mod:`marshal` of plain values (tuples, dicts, strings,
numbers): it loads several times faster than JSON and, unlike pickle, cannot
construct arbitrary objects.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

__all__ = ["DiskCache", "default_cache_dir", "fingerprint"]

log = logging.getLogger("generator.diskcache")


def default_cache_dir(content_dir: Path) -> Path:
    """``.cache/explainer`` in the folder that holds ``content/`` (the project root)."""
    return Path(content_dir).resolve().parent / ".cache" / "explainer"


def fingerprint(label: str, files: Iterable[Path]) -> str:
    """sha256 of a label (the format) and the bytes of the given source/data files."""
    h = hashlib.sha256(label.encode() + b"\n")
    for p in files:
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class DiskCache:
    """``get``/``put`` plain values by key; ``save`` once at the end."""

    def __init__(self, path: Path, code: str):
        self.path = Path(path)
        self.code = code
        self._entries: dict[str, Any] = {}  # loaded and not handed out yet
        self._stored: frozenset[str] = frozenset()  # keys in the file as loaded (or saved)
        self._new: dict[str, Any] = {}
        self._used: set[str] = set()
        self._stale = False  # the file is from other code, or unreadable, or has a bad entry
        self.hits = self.misses = 0
        entries = self._read()
        if entries is None:
            self._stale = self.path.exists()
        else:
            self._entries = entries
            self._stored = frozenset(entries)

    def _read(self) -> dict[str, Any] | None:
        try:
            data = marshal.loads(self.path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValueError, EOFError, TypeError) as exc:
            log.info("cache %s ignored: %s", self.path, exc)
            return None
        if isinstance(data, tuple) and len(data) == 2 and data[0] == self.code and isinstance(data[1], dict):
            return data[1]
        return None  # other code or format: start again

    def __len__(self) -> int:
        """Entries in the file as loaded (or as last saved)."""
        return len(self._stored)

    def get(self, key: str) -> Any:
        """The value stored under ``key``, or None (counted as a miss)."""
        value = self._entries.pop(key, None)
        if value is None:
            value = self._new.get(key)
        if value is None:
            self.misses += 1
            return None
        self._used.add(key)
        self.hits += 1
        return value

    def keep(self, key: str) -> bool:
        """Mark ``key``'s entry as used without reading it; False if there is none."""
        if key in self._entries or key in self._new:
            self._used.add(key)
            return True
        return False

    def reject(self, key: str) -> None:
        """The value just read for ``key`` was unusable: forget it and rewrite the file."""
        self._used.discard(key)
        self._stale = True
        self.hits -= 1
        self.misses += 1

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value
        self._used.add(key)

    def save(self) -> bool:
        """Write the file if anything changed; keep only entries used since loading.

        Returns whether it wrote.  Errors are logged, never raised.
        """
        unused = self._stored - self._used
        if not self._new and not unused and not self._stale:
            return False
        keep = self._used - self._new.keys()
        old = (self._read() or {}) if keep else {}
        entries = {k: v for k, v in old.items() if k in keep}
        entries.update(self._new)
        try:
            data = marshal.dumps((self.code, dict(sorted(entries.items()))))
        except ValueError as exc:  # a value marshal cannot store: a bug, but never a failed build
            log.warning("could not write the cache %s: %s", self.path, exc)
            return False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".cache-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as fp:
                    fp.write(data)
                os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a cache is not secret
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.warning("could not write the cache %s: %s", self.path, exc)
            return False
        self._stored = frozenset(entries)
        self._entries = {}
        self._new = {}
        self._used = set(entries)
        self._stale = False
        return True

"""File names and URLs derived from untrusted titles.

A slug becomes both a file name under ``content/`` and ``docs/`` and a URL
path segment, so it must be confined: ASCII ``[a-z0-9-]`` only (no dots, no
slashes, nothing a file system or a browser treats specially), bounded in
length, never empty and never a name the site itself uses.  Titles are
normalised with NFKC *before* filtering so that look-alikes such as the
fullwidth ``．．／`` are seen as the ``../`` they imitate and removed like it.

:func:`assign_slugs` makes slugs unique across a whole input set in a way
that does not depend on the order files were listed in, so rebuilding the
same seeds always gives the same URLs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from .errors import Problem, UserError

__all__ = ["FALLBACK_SLUG", "RESERVED", "assign_slugs", "safe_join", "slugify"]

#: Top-level names the site uses for its own pages and folders, plus names
#: that Windows refuses as file names.
RESERVED: frozenset[str] = frozenset(
    {
        "index",
        "search",
        "assets",
        "topics",
        "articles",
        "404",
        "sitemap",
        "feed",
        "sources",
        "timeline",
        "stylesheets",
        "javascripts",
        # Windows device names: a file called con.md cannot be created there.
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    }
)

FALLBACK_SLUG = "article"
_RESERVED_SUFFIX = "-page"
_HASH_LEN = 8

# Letters that have no ASCII decomposition but an obvious ASCII spelling.
_TRANSLIT = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
        "&": " and ",
    }
)
_NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")


def _ascii(text: str) -> str:
    """NFKC, then strip accents by decomposition; anything else is dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLIT)
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("ascii", "ignore").decode("ascii")


def _cut(slug: str, max_len: int) -> str:
    """Shorten to ``max_len``, at a dash when one is in the second half."""
    if len(slug) <= max_len:
        return slug
    head = slug[: max_len + 1]
    dash = head.rfind("-")
    if dash >= max_len // 2:
        return head[:dash].strip("-")
    return slug[:max_len].strip("-")


def slugify(text: str, *, max_len: int = 60) -> str:
    """A confined, readable URL segment for ``text``.

    The result matches ``[a-z0-9]+(-[a-z0-9]+)*``, is at most ``max_len``
    characters (``max_len`` must be at least 12 so the fallbacks fit), is
    never empty (``article``) and never a reserved name (``index`` becomes
    ``index-page``).
    """
    if max_len < 12:
        raise ValueError("max_len must be at least 12")
    slug = _NOT_SLUG_RE.sub("-", _ascii(text).lower()).strip("-")
    slug = _cut(slug, max_len)
    if not slug:
        return FALLBACK_SLUG
    if slug in RESERVED:
        slug = _cut(slug, max_len - len(_RESERVED_SUFFIX)) + _RESERVED_SUFFIX
    return slug


def _key_hash(key: str, length: int) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def _with_suffix(base: str, suffix: str, max_len: int) -> str:
    return f"{_cut(base, max_len - len(suffix) - 1)}-{suffix}"


def assign_slugs(items: Sequence[tuple[str, str]], *, max_len: int = 60) -> dict[str, str]:
    """Map each key (e.g. a source file name) to a unique slug of its text.

    Keys whose slugs collide *all* get ``-<hash>`` suffixes, the hash being of
    the key, so the result depends only on the set of items and never on
    their order.  Slugs are lowercase, so uniqueness is also
    case-insensitive (safe on case-insensitive file systems).  In the
    practically impossible case that a suffixed slug still collides, the keys
    involved are re-hashed with an attempt counter (still order-free).  Duplicate keys are a programming
    error and raise ``ValueError``.
    """
    base: dict[str, str] = {}
    for key, text in items:
        if key in base:
            raise ValueError(f"duplicate key {key!r}")
        base[key] = slugify(text, max_len=max_len)

    groups: dict[str, list[str]] = defaultdict(list)
    for key, slug in base.items():
        groups[slug].append(key)
    result = {
        key: slug if len(groups[slug]) == 1 else _with_suffix(slug, _key_hash(key, _HASH_LEN), max_len)
        for key, slug in base.items()
    }

    attempt = 0
    while True:
        owners: dict[str, list[str]] = defaultdict(list)
        for key, slug in result.items():
            owners[slug].append(key)
        clashes = [keys for keys in owners.values() if len(keys) > 1]
        if not clashes:
            return result
        attempt += 1
        for keys in clashes:
            for key in keys:
                suffix = _key_hash(f"{key}\x00{attempt}", _HASH_LEN)
                result[key] = _with_suffix(base[key], suffix, max_len)


def safe_join(root: Path, *parts: str | Path) -> Path:
    """``root / parts``, resolved, refusing any result outside ``root``.

    Symlinks are resolved too, so a link inside ``root`` that points
    elsewhere is refused as well.
    """
    base = Path(root).resolve()
    shown = "/".join(str(p) for p in parts)
    try:
        target = base.joinpath(*parts).resolve()
    except (ValueError, OSError) as exc:  # e.g. an embedded NUL, a symlink loop
        raise UserError(Problem(path=str(root), message=f"refusing path {shown!r}: {exc}")) from None
    if target != base and not target.is_relative_to(base):
        raise UserError(Problem(path=str(root), message=f"refusing path {shown!r}: it leads outside {base}"))
    return target

"""Plain data passed between pipeline stages.

Every stage takes and returns these frozen dataclasses (``LineDecision``
behaves like one), so a stage can be tested (and read) without the others.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Callable

#: A topic id (the topic file's name): lowercase letters, digits and hyphens.
TOPIC_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class RawDoc:
    """Output of ``read``: decoded, normalised text of one seed file."""

    path: str  # path as given, for messages
    name: str  # file name (``source_file`` in front matter)
    sha256: str  # of the raw bytes
    text: str  # normalised text: LF line endings, no control characters
    header_date: str | None = None  # from the seed header line `` date YYYY-MM-DD``
    html: str | None = None  # raw HTML when the input was an HTML file
    warnings: tuple[str, ...] = ()  # what reading changed (removed characters, fallback decoding)


class LineDecision:
    """One input line and what the cleaner decided about it.

    Immutable and compared by value like the dataclasses here, but written
    out by hand for one reason: ``reason`` may be given as a zero-argument
    callable instead of a string.  It is then called the first time the
    reason is read, and its result kept.  The cleaner explains every line,
    but only ``clean --explain`` and tests ever read the explanations, and
    phrasing them is a good part of the cleaner's work.
    """

    __slots__ = ("number", "text", "kept", "heading", "_reason")

    number: int  # 1-based line number in the normalised text
    text: str  # the line as kept (after splitting glued chrome off)
    kept: bool
    heading: bool  # a kept sub-heading inside the article

    def __init__(
        self, number: int, text: str, kept: bool, reason: str | Callable[[], str], heading: bool = False
    ) -> None:
        # through the slots' own setters (__setattr__ refuses): a third of
        # the cost of object.__setattr__, and the cleaner makes one per line
        _set_number(self, number)
        _set_text(self, text)
        _set_kept(self, kept)
        _set_reason(self, reason)
        _set_heading(self, heading)

    @property
    def reason(self) -> str:
        """Rule name or strongest features, shown by ``clean --explain``."""
        r = self._reason
        if not isinstance(r, str):
            r = r()
            _set_reason(self, r)
        return r

    def _key(self) -> tuple:
        return (self.number, self.text, self.kept, self.reason, self.heading)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"LineDecision(number={self.number!r}, text={self.text!r}, kept={self.kept!r}, "
            f"reason={self.reason!r}, heading={self.heading!r})"
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple:
        return (self.__class__, self._key())


_set_number = LineDecision.number.__set__  # type: ignore[attr-defined]
_set_text = LineDecision.text.__set__  # type: ignore[attr-defined]
_set_kept = LineDecision.kept.__set__  # type: ignore[attr-defined]
_set_reason = LineDecision._reason.__set__  # type: ignore[attr-defined]
_set_heading = LineDecision.heading.__set__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class CleanResult:
    """Output of ``clean``: every line with its verdict."""

    lines: tuple[LineDecision, ...]
    language: str = "en"

    @property
    def kept(self) -> tuple[LineDecision, ...]:
        return tuple(d for d in self.lines if d.kept)

    @property
    def dropped_count(self) -> int:
        return sum(1 for d in self.lines if not d.kept and d.text.strip())

    @property
    def body(self) -> str:
        """The article body as plain text, one paragraph per line."""
        return "\n".join([d.text for d in self.lines if d.kept])


@dataclass(frozen=True)
class Metadata:
    """Output of ``describe``: fields with where each came from."""

    title: str
    date: str | None  # ISO YYYY-MM-DD
    source: str | None  # publisher
    author: str | None
    url: str | None
    language: str
    provenance: dict[str, str] = field(default_factory=dict)  # field -> evidence kind
    warnings: tuple[str, ...] = ()  # disagreements editors should look at


@dataclass(frozen=True)
class Article:
    """One article as loaded from ``content/articles/<id>.md`` (after checking)."""

    id: str  # slug, file stem
    title: str
    date: str | None
    source: str | None
    author: str | None
    url: str | None
    language: str
    topics: tuple[str, ...]
    source_file: str
    source_sha256: str
    body: str  # Markdown body as stored (inert, escaped)
    text: str  # the same body as plain text (unescaped), for analysis
    path: str  # content path, for messages
    provenance: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    dropped_lines: int | None = None
    unedited: bool = False  # the file is exactly what ingest wrote (generated_sha256 matches)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(p for p in (x.strip() for x in self.text.split("\n")) if p)


@dataclass(frozen=True)
class Topic:
    """One topic from ``content/topics/<id>.yml``."""

    id: str
    title: str
    summary: str
    keywords: tuple[str, ...]  # aliases and keywords that assign articles
    order: int = 100
    curation: dict = field(default_factory=dict)  # pinned/hidden facts, players, timeline additions
    path: str = ""

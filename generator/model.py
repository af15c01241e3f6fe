"""Plain data passed between pipeline stages.

Every stage takes and returns these frozen dataclasses (``LineDecision``
behaves like one), so a stage can be tested (and read) without the others.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError, dataclass, field
from operator import attrgetter
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


def _frozen_field(slot: str, doc: str) -> property:
    """A read-only field over the private slot ``slot``: assigning or deleting raises like a frozen dataclass."""
    name = slot.lstrip("_")

    def refuse(self: object, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def refuse_delete(self: object) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    return property(attrgetter(slot), refuse, refuse_delete, doc)


class LineDecision:
    """One input line and what the cleaner decided about it.

    Immutable and compared by value like the dataclasses here, but written
    out by hand for one reason: ``reason`` may be given as a zero-argument
    callable instead of a string.  It is then called the first time the
    reason is read, and its result kept.  The cleaner explains every line,
    but only ``clean --explain`` and tests ever read the explanations, and
    phrasing them is a good part of the cleaner's work.

    The fields are read-only properties over private slots.  The cleaner
    makes one of these per input line, and filling slots with plain
    attribute stores in ``__init__`` costs about half as much as going
    through a refusing ``__setattr__``.
    """

    __slots__ = ("_number", "_text", "_kept", "_heading", "_reason")

    number = _frozen_field("_number", "1-based line number in the normalised text")
    text = _frozen_field("_text", "the line as kept (after splitting glued chrome off)")
    kept = _frozen_field("_kept", "True when the line is article body")
    heading = _frozen_field("_heading", "a kept sub-heading inside the article")

    def __init__(
        self, number: int, text: str, kept: bool, reason: str | Callable[[], str], heading: bool = False
    ) -> None:
        self._number = number
        self._text = text
        self._kept = kept
        self._reason = reason
        self._heading = heading

    def _get_reason(self) -> str:
        """Rule name or strongest features, shown by ``clean --explain``."""
        r = self._reason
        if not isinstance(r, str):
            r = self._reason = r()
        return r

    def _refuse_reason(self, value: object) -> None:
        raise FrozenInstanceError("cannot assign to field 'reason'")

    def _refuse_reason_delete(self) -> None:
        raise FrozenInstanceError("cannot delete field 'reason'")

    reason = property(_get_reason, _refuse_reason, _refuse_reason_delete)

    def _key(self) -> tuple:
        return (self._number, self._text, self._kept, self.reason, self._heading)

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

    def __reduce__(self) -> tuple:
        return (self.__class__, self._key())


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

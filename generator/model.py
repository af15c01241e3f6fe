"""Plain data passed between pipeline stages.

Every stage takes and returns these frozen dataclasses, so a stage can be
tested (and read) without the others.  Nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


@dataclass(frozen=True)
class LineDecision:
    """One input line and what the cleaner decided about it."""

    number: int  # 1-based line number in the normalised text
    text: str  # the line as kept (after splitting glued chrome off)
    kept: bool
    reason: str  # rule name or strongest features, shown by ``clean --explain``
    heading: bool = False  # a kept sub-heading inside the article


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
        return "\n".join(d.text for d in self.kept)


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

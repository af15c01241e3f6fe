"""Editor curation of a topic's analysis, read from ``content/topics/<id>.yml``.

Extraction is automatic and will sometimes pick a clumsy sentence, a junk
player or miss an event.  Editors fix that in the topic file, and the model
here is strict (unknown keys are errors) so a typo such as ``hidden:`` fails
the build loudly instead of being silently ignored.  Curation always wins over
extraction: pinned facts come first, hidden ones never appear, renamed and
merged players are shown under the editor's name, and added timeline entries
replace extracted entries of the same date that say the same thing.

Facts and timeline entries are referred to by a stable id (``f-1a2b3c4d``,
``t-…``: a hash of the normalised text, shown on the site and in the JSON) or
by their text; matching ignores case, quote style and punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.analyse.text import normalise_for_id

_DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


class CurationError(ValueError):
    """A topic file's curation block is malformed; the message names file and field."""


class PlayerCuration(BaseModel):
    """Player overrides: display names, extra aliases and players to leave out."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rename: dict[str, str] = Field(default_factory=dict)  # shown name -> new name
    merge: dict[str, str] = Field(default_factory=dict)  # alias/other player -> canonical name
    hide: list[str] = Field(default_factory=list)  # names never shown


class TimelineAddition(BaseModel):
    """An event the editor adds (or corrects); it must cite at least one article."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: str
    text: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    status: Literal["past", "planned"] | None = None
    label: str | None = None  # display label; defaults to one derived from the date

    @field_validator("date", mode="before")
    @classmethod
    def _date_shape(cls, value: Any) -> str:
        # YAML reads an unquoted 2021-03-09 as a date and 2024 as an int.
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        if not _DATE_RE.match(text):
            raise ValueError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
        return text


class TopicCuration(BaseModel):
    """The ``curation`` mapping of a topic file (every key optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pin: list[str] = Field(default_factory=list)  # fact ids or texts, shown first in this order
    hide: list[str] = Field(default_factory=list)  # fact or timeline ids or texts to drop
    players: PlayerCuration = Field(default_factory=PlayerCuration)
    timeline: list[TimelineAddition] = Field(default_factory=list)


def load_curation(data: Mapping[str, Any] | None, path: str = "") -> TopicCuration:
    """Validate a topic's curation dict; raise ``CurationError`` with readable messages."""
    try:
        return TopicCuration.model_validate(dict(data or {}))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            problems.append(f"{path or '<topic>'}: curation.{where}: {err['msg']}")
        raise CurationError("\n".join(problems)) from None


def matches(selector: str, item_id: str, texts: list[str] | tuple[str, ...]) -> bool:
    """Whether an editor's selector (id or text) picks an item.

    A text selector matches the item's text or any of its variants, either
    exactly (after normalisation) or, for selectors of 20+ characters, as a
    part of it, so a shortened copy of a long sentence still works.
    """
    sel = selector.strip()
    if sel.lower() == item_id.lower():
        return True
    norm = normalise_for_id(sel)
    if not norm:
        return False
    for t in texts:
        nt = normalise_for_id(t)
        if norm == nt or (len(norm) >= 20 and norm in nt):
            return True
    return False

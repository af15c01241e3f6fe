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

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.analyse.text import normalise_for_id

if TYPE_CHECKING:
    from generator.analyse.curation_schema import TopicCuration


class CurationError(ValueError):
    """A topic file's curation block is malformed; the message names file and field."""


@dataclass(frozen=True)
class _NoPlayerCuration:
    rename: Mapping[str, str] = field(default_factory=dict)
    merge: Mapping[str, str] = field(default_factory=dict)
    hide: tuple[str, ...] = ()


@dataclass(frozen=True)
class _NoCuration:
    """What a topic without a ``curation`` block curates: nothing (same fields as TopicCuration)."""

    pin: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()
    players: _NoPlayerCuration = field(default_factory=_NoPlayerCuration)
    timeline: tuple = ()


NO_CURATION = _NoCuration()
_MODELS = ("TopicCuration", "PlayerCuration", "TimelineAddition")


def __getattr__(name: str) -> Any:
    # The models live in curation_schema (pydantic), imported only when a topic has curation.
    if name in _MODELS:
        from generator.analyse import curation_schema

        return getattr(curation_schema, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def load_curation(data: Mapping[str, Any] | None, path: str = "") -> TopicCuration | _NoCuration:
    """Validate a topic's curation dict; raise ``CurationError`` with readable messages.

    No curation (None or empty) gives :data:`NO_CURATION`, which reads like an
    empty ``TopicCuration`` without importing pydantic.
    """
    if not data:
        return NO_CURATION
    from pydantic import ValidationError

    from generator.analyse.curation_schema import TopicCuration

    try:
        return TopicCuration.model_validate(dict(data))
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

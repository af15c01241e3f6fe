"""The pydantic models behind a topic's ``curation`` block (see :mod:`generator.analyse.curation`).

Kept apart so that building a site whose topics have no curation block
never imports pydantic.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_DATE_RE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


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

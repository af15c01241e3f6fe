"""The schema of editor-owned files, and how its errors read.

Pydantic models with ``extra='forbid'`` and ``strict=True``: a misspelt key
(``titel:``) or a number where text belongs is an error, not silently
accepted or coerced.  The YAML reader (:mod:`generator.yamlio`) has already
refused YAML's own coercions, so what reaches here is what the editor wrote.

:func:`validate` turns pydantic's errors into :class:`Problem` objects at the
line and column of the offending key or value, with messages written for
editors rather than for programmers.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Optional, get_args
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from .errors import Problem
from .yamlio import KeyPath, YamlDoc

__all__ = [
    "ARTICLE_FIELDS",
    "ArticleFrontMatter",
    "TopicFile",
    "CurationModel",
    "validate",
    "TOPIC_ID_RE",
    "topic_problems",
]

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
from .model import TOPIC_ID_RE  # noqa: E402 - defined beside the data it names


def _curation_type() -> Any:
    """The one hook for topic curation's schema.

    ``generator.analyse.curation.TopicCuration`` (owned by the analysis
    stage) describes pinned/hidden facts and the like.  When it is
    importable, curation is validated against it, with its errors reported
    at the right line like any other; when it is not, any mapping is
    accepted so that content checking does not depend on that stage.
    """
    try:
        from generator.analyse.curation_schema import TopicCuration  # type: ignore[import-not-found]
    except ImportError:
        return dict[str, Any]
    return TopicCuration


CurationModel = _curation_type()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _check_text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty", "must not be empty")
    return value


class ArticleFrontMatter(_Strict):
    """Front matter of ``content/articles/<id>.md``.

    Only ``title`` is required, so an editor can write an article by hand;
    ingest always writes every field, in this order (see ``ARTICLE_FIELDS``).
    Topic ids are checked against the topic files by :func:`topic_problems`
    (it needs the topic folder, and reports every unknown id, not the first).
    """

    title: str
    date: Optional[str] = None
    source: Optional[str] = None
    author: Optional[str] = None
    url: Optional[str] = None
    language: str = "en"
    topics: list[str] = Field(default_factory=list)
    source_file: Optional[str] = None
    source_sha256: Optional[str] = None
    provenance: dict[str, str] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)
    dropped_lines: int = Field(default=0, ge=0)
    generated_sha256: Optional[str] = None

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        return _check_text(v)

    @field_validator("source", "author", "source_file")
    @classmethod
    def _optional_text(cls, v: Optional[str]) -> Optional[str]:
        if v is not None:
            _check_text(v)
        return v

    @field_validator("date")
    @classmethod
    def _date(cls, v: Optional[str]) -> Optional[str]:
        if v is None:
            return v
        if not _DATE_RE.match(v):
            raise PydanticCustomError(
                "date_format", "{value} is not a date as YYYY-MM-DD, e.g. 2021-03-09", {"value": repr(v)}
            )
        try:
            _dt.date.fromisoformat(v)
        except ValueError as exc:
            raise PydanticCustomError(
                "date_impossible", "{value} is not a real calendar date ({why})", {"value": v, "why": str(exc)}
            ) from None
        return v

    @field_validator("url")
    @classmethod
    def _url(cls, v: Optional[str]) -> Optional[str]:
        if v is None:
            return v
        parts = urlsplit(v)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in v):
            raise PydanticCustomError(
                "url", "{value} is not a web address starting with http:// or https://", {"value": repr(v)}
            )
        return v

    @field_validator("language")
    @classmethod
    def _language(cls, v: str) -> str:
        if not _LANG_RE.match(v):
            raise PydanticCustomError(
                "language", "{value} is not a 2-3 letter lowercase language code such as en or de", {"value": repr(v)}
            )
        return v

    @field_validator("source_sha256", "generated_sha256")
    @classmethod
    def _sha(cls, v: Optional[str]) -> Optional[str]:
        if v is not None and not _SHA_RE.match(v):
            raise PydanticCustomError("sha256", "must be 64 lowercase hexadecimal characters (written by ingest)")
        return v


ARTICLE_FIELDS: tuple[str, ...] = tuple(ArticleFrontMatter.model_fields)


class TopicFile(_Strict):
    """``content/topics/<id>.yml``; the topic id is the file stem."""

    title: str
    summary: str = ""
    keywords: list[str] = Field(min_length=1)
    order: int = 100
    curation: Optional[CurationModel] = None  # type: ignore[valid-type]

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        return _check_text(v)

    @field_validator("keywords")
    @classmethod
    def _keywords(cls, v: list[str]) -> list[str]:
        for item in v:
            if not item.strip():
                raise PydanticCustomError("empty", "keywords must not be empty strings")
        return v


# --------------------------------------------------------------------------
# Errors for editors

_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true/false",
    type(None): "nothing (null)",
    list: "a list",
    dict: "a mapping",
}


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _message(err: dict, model: type[BaseModel]) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        owner = _model_at(model, tuple(err["loc"]))
        if owner is None:
            return "unknown field"
        return f"unknown field (allowed: {', '.join(owner.model_fields)})"
    if kind == "string_type":
        return f"expected text, got {_describe_value(value)}; put it in double quotes if it is meant as text"
    if kind in ("int_type", "int_parsing"):
        return f"expected a whole number, got {_describe_value(value)}"
    if kind == "list_type":
        return f"expected a list such as [a, b], got {_describe_value(value)}"
    if kind in ("dict_type", "model_type", "dataclass_type"):
        return f"expected a mapping (key: value lines), got {_describe_value(value)}"
    if kind == "too_short":
        return "must list at least one item"
    if kind == "greater_than_equal":
        return f"must be 0 or more, got {value}"
    if kind == "model_attributes_type":
        return "expected a mapping of fields"
    return err["msg"]


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The (nested) model that owns the last key of ``loc``, to list its fields."""
    current: type[BaseModel] = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        found = None
        pending = [field.annotation]
        while pending:
            ann = pending.pop()
            if isinstance(ann, type) and issubclass(ann, BaseModel):
                found = ann
                break
            pending.extend(get_args(ann))
        if found is None:
            return None
        current = found
    return current


def _field_name(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def validate(
    model: type[BaseModel],
    doc: YamlDoc,
    path: str,
    *,
    context: dict | None = None,
    whole_position: tuple[int | None, int | None] = (None, None),
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate ``doc.data`` against ``model``; every error becomes a Problem.

    Positions: unknown keys point at the key, wrong values at the value,
    missing fields at the start of the front matter.  An error inside a
    list (an unknown topic) points at that item.
    """
    if not isinstance(doc.data, dict):
        line, col = whole_position
        return None, [
            Problem(path, f"expected key: value fields, got {_describe_value(doc.data)}", line, col)
        ]
    try:
        obj = model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc: KeyPath = tuple(err["loc"])
            kind = err["type"]
            if kind == "missing":
                line, col = whole_position
            elif kind == "extra_forbidden":
                line, col = doc.where(loc, key=True)
            else:
                line, col = doc.where(loc)
            problems.append(Problem(path, _message(err, model), line, col, _field_name(loc) or None))
        return None, problems
    return obj, []


def topic_problems(doc: YamlDoc, path: str, known: set[str] | frozenset[str]) -> list[Problem]:
    """Every unknown or repeated topic id in an article, at its list item."""
    topics = doc.data.get("topics") if isinstance(doc.data, dict) else None
    if not isinstance(topics, list):
        return []
    problems = []
    seen: set[str] = set()
    listing = ", ".join(sorted(known)) or "none yet"
    for i, topic in enumerate(topics):
        if not isinstance(topic, str):
            continue  # already reported as a type error
        line, col = doc.where(("topics", i))
        if topic in seen:
            problems.append(Problem(path, f"topic {topic!r} is listed twice", line, col, f"topics[{i}]"))
        elif topic not in known:
            problems.append(
                Problem(
                    path,
                    f"unknown topic {topic!r} (known: {listing}); topic ids are the file names in content/topics/",
                    line,
                    col,
                    f"topics[{i}]",
                )
            )
        seen.add(topic)
    return problems

"""Strict YAML for editor-owned files, and a writer that cannot be misread.

Why not plain ``yaml.safe_load``: PyYAML implements YAML 1.1, where ``NO``
is ``False``, ``10:00`` is the integer 600, ``2021-03-10`` is a ``date``
object and a repeated key silently keeps the last value.  Every one of those
turns an editor's innocent edit into wrong data without an error.  So the
reader here

* resolves only what YAML 1.2's core schema resolves, and less: strings,
  decimal ints, floats, ``null``/``~``/empty, and ``true``/``false`` spelled
  exactly so.  ``NO``, ``yes``, ``on``, ``10:00`` and dates stay strings;
* rejects duplicate keys, anchors, aliases and explicit tags (none of them is
  needed in front matter, and each is a way to hide or repeat data);
* returns the source position of every key and value, so the schema layer
  can point editors at the offending line instead of at the file.

The writer goes through PyYAML's serializer (never string formatting) and
quotes any string that *any* reader -- this strict one or a YAML 1.1 reader
such as MkDocs' -- would turn into something else.  It re-reads what it wrote
and refuses output that does not round-trip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver, Resolver
from yaml.scanner import Scanner

__all__ = [
    "YamlError",
    "YamlDoc",
    "KeyPath",
    "load_yaml",
    "dump_yaml",
    "split_front_matter",
    "join_front_matter",
    "FrontMatterError",
]

KeyPath = tuple[str | int, ...]

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"


class YamlError(Exception):
    """A YAML problem at a 1-based line and column of the *file*."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.field = field  # the top-level key on the offending line, when there is one


class FrontMatterError(YamlError):
    """The ``---`` fences around the front matter are missing or unclosed."""


# --------------------------------------------------------------------------
# Reading


class _StrictResolver(BaseResolver):
    """Implicit typing limited to a YAML 1.2-like core schema.

    A fresh resolver table (not PyYAML's 1.1 one) so nothing else creeps in:
    no timestamps, no sexagesimal numbers, no yes/no/on/off booleans, no
    merge keys (``<<`` is an ordinary string key here, and the schema rejects
    it as unknown).
    """

    yaml_implicit_resolvers: dict = {}
    yaml_path_resolvers: dict = {}


_StrictResolver.add_implicit_resolver(BOOL, re.compile(r"^(?:true|false)$"), list("tf"))
_StrictResolver.add_implicit_resolver(NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_StrictResolver.add_implicit_resolver(INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
_StrictResolver.add_implicit_resolver(
    FLOAT,
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"),
)


class _StrictConstructor(SafeConstructor):
    """Builds plain Python values; rejects duplicate keys with their position."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict:  # type: ignore[override]
        if not isinstance(node, MappingNode):  # pragma: no cover - composer guarantees it
            raise YamlError("expected a mapping", *_pos(node))
        mapping: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlError("a key must be a plain word, not a list or mapping", *_pos(key_node))
            key = self.construct_object(key_node, deep=deep)
            if key in first_seen:
                raise YamlError(
                    f"duplicate key {key!r} (first defined on line {first_seen[key]}); keep only one",
                    *_pos(key_node),
                )
            first_seen[key] = key_node.start_mark.line + 1 + getattr(self, "line_offset", 0)
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def construct_yaml_int(self, node: ScalarNode) -> int:  # type: ignore[override]
        # YAML 1.2: "010" is ten, not an octal eight.
        return int(self.construct_scalar(node), 10)

    def construct_yaml_map(self, node: MappingNode):  # type: ignore[override]
        data: dict = {}
        yield data
        data.update(self.construct_mapping(node, deep=True))


_StrictConstructor.add_constructor(INT, _StrictConstructor.construct_yaml_int)
_StrictConstructor.add_constructor("tag:yaml.org,2002:map", _StrictConstructor.construct_yaml_map)


class _StrictComposer(Composer):
    """Composer that refuses anchors, aliases and explicit tags."""

    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise YamlError(
                f"aliases (*{event.anchor}) are not allowed; write the value out", *_mark(event.start_mark)
            )
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                raise YamlError(
                    f"anchors (&{event.anchor}) are not allowed; write the value out", *_mark(event.start_mark)
                )
            if event.tag is not None and event.tag != "!":
                raise YamlError(f"explicit tags ({event.tag}) are not allowed", *_mark(event.start_mark))
            if event.tag == "!":
                raise YamlError("explicit tags (!) are not allowed", *_mark(event.start_mark))
        return super().compose_node(parent, index)


class StrictLoader(Reader, Scanner, Parser, _StrictComposer, _StrictConstructor, _StrictResolver):
    """PyYAML loader with the strict rules above (built on SafeLoader's parts)."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _StrictComposer.__init__(self)
        _StrictConstructor.__init__(self)
        _StrictResolver.__init__(self)


def _mark(mark: Any) -> tuple[int | None, int | None]:
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _pos(node: Node) -> tuple[int | None, int | None]:
    return _mark(node.start_mark)


@dataclass(frozen=True)
class YamlDoc:
    """Parsed YAML plus where every key and value was written.

    ``positions[path]`` is the (line, col) of the value at ``path`` (e.g.
    ``("topics", 1)``), ``key_positions[path]`` that of its key.  Lines are
    1-based *file* lines (``line_offset`` applied), so messages can be
    printed as they are.
    """

    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: KeyPath, *, key: bool = False) -> tuple[int | None, int | None]:
        """Best known position for ``path``: itself, else its nearest parent."""
        table = self.key_positions if key else self.positions
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if not key and p in self.key_positions:
                return self.key_positions[p]
            p = p[:-1]
        return self.positions.get((), (None, None))  # type: ignore[return-value]


def _collect_positions(
    node: Node,
    path: KeyPath,
    loader: StrictLoader,
    offset: int,
    positions: dict,
    key_positions: dict,
) -> None:
    positions[path] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            sub = path + (key,)
            key_positions[sub] = (key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1)
            _collect_positions(value_node, sub, loader, offset, positions, key_positions)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _collect_positions(item, path + (i,), loader, offset, positions, key_positions)


_KEY_ON_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:")


def _key_on_line(text: str, line0: int | None) -> str | None:
    """The top-level key written on 0-based ``line0``, to name the field."""
    if line0 is None:
        return None
    lines = text.split("\n")
    if 0 <= line0 < len(lines):
        m = _KEY_ON_LINE.match(lines[line0])
        if m:
            return m.group(1)
    return None


def _explain(problem: str, field: str | None, line_text: str | None) -> str:
    """PyYAML's wording plus what an editor should do about it."""
    if "mapping values are not allowed here" in problem:
        what = f"the {field}" if field else "the value"
        m = re.match(r"^\s*([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.+?)\s*$", line_text or "")
        if m and not m.group(2).startswith(("'", '"')):
            value = m.group(2).replace("\\", "\\\\").replace('"', '\\"')
            example = f'{m.group(1)}: "{value}"'
        else:
            example = f'{field or "title"}: "Artemis: the return to the Moon"'
        return (
            f'{problem}: {what} contains ": ", which YAML reads as a new key; '
            f"quote the {field or 'value'} with double quotes: {example}"
        )
    if "found character '\\t' that cannot start any token" in problem:
        return f"{problem}: indent with spaces, not tabs"
    return problem


if getattr(yaml, "__with_libyaml__", False):

    class _FastStrictLoader(yaml.cyaml.CParser, _StrictConstructor, _StrictResolver):  # type: ignore[misc]
        """libyaml's parser and composer with the same strict constructor and resolver.

        libyaml composes aliases itself, so this loader is only used for text
        that cannot hold an anchor, alias or tag (see :func:`_fast_load`).
        """

        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            _StrictConstructor.__init__(self)
            _StrictResolver.__init__(self)

else:  # pragma: no cover - PyYAML without libyaml
    _FastStrictLoader = None


def _fast_load(text: str, line_offset: int) -> YamlDoc | None:
    """The common case in C: about ten times faster on thousands of articles.

    Only for text without ``&``, ``*`` and ``!`` (so no anchor, alias or tag
    can be in it) and only when it parses cleanly; anything else returns None
    and goes through the pure-Python strict loader, which gives every error
    its exact message and position.
    """
    if _FastStrictLoader is None or any(c in text for c in "&*!"):
        return None
    loader = _FastStrictLoader(text)
    try:
        return _read_document(loader, line_offset)
    except (yaml.YAMLError, YamlError):
        return None
    finally:
        loader.dispose()


def _read_document(loader: Any, line_offset: int) -> YamlDoc:
    """Compose, construct and record positions with either loader (the caller disposes it)."""
    node = loader.get_single_node()
    if node is None:
        return YamlDoc(data=None)
    data = loader.construct_document(node)
    positions: dict = {}
    key_positions: dict = {}
    _collect_positions(node, (), loader, line_offset, positions, key_positions)
    return YamlDoc(data=data, positions=positions, key_positions=key_positions)


def load_yaml(text: str, *, line_offset: int = 0) -> YamlDoc:
    """Parse one YAML document strictly.

    ``line_offset`` is added to every line number: front matter starts on
    line 2 of an article file, so callers pass 1 and get file lines back.
    Raises :class:`YamlError` with a file position on any problem.
    """
    fast = _fast_load(text, line_offset)
    if fast is not None:
        return fast
    loader = StrictLoader(text)
    loader.line_offset = line_offset
    try:
        try:
            return _read_document(loader, line_offset)
        finally:
            loader.dispose()
    except YamlError as exc:
        field = exc.field or _key_on_line(text, exc.line - 1 if exc.line is not None else None)
        line = exc.line + line_offset if exc.line is not None else None
        raise type(exc)(exc.message, line, exc.col, field) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _mark(mark)
        field = _key_on_line(text, mark.line if mark is not None else None)
        if field is None and exc.context_mark is not None:
            field = _key_on_line(text, exc.context_mark.line)
        lines = text.split("\n")
        line_text = lines[mark.line] if mark is not None and 0 <= mark.line < len(lines) else None
        message = _explain(exc.problem or exc.context or "invalid YAML", field, line_text)
        if exc.context and exc.problem and "mapping values" not in exc.problem:
            message = f"{message} ({exc.context})"
        raise YamlError(message, line + line_offset if line is not None else None, col, field) from None
    except yaml.YAMLError as exc:  # e.g. reader errors on control characters
        raise YamlError(str(exc).replace("\n", " ")) from None


# --------------------------------------------------------------------------
# Writing


_YAML11 = Resolver()  # what PyYAML/MkDocs readers would make of a plain scalar
_STRICT = _StrictResolver()


class _SafeStrictDumper(yaml.SafeDumper):
    """SafeDumper that quotes every string some reader would coerce.

    The serializer asks ``resolve`` whether a plain scalar would read back
    as a string; answering with the most suspicious verdict of both the
    YAML 1.1 resolver and the strict one makes the emitter quote
    ``"NO"``, ``"10:00"``, ``"2021-03-10"``, ``"1e5"``, ``"true"``...
    """

    def resolve(self, kind, value, implicit):  # type: ignore[override]
        if kind is ScalarNode and implicit[0]:
            for resolver in (_STRICT, _YAML11):
                tag = resolver.resolve(kind, value, (True, False))
                if tag != STR:
                    return tag
            return STR
        return super().resolve(kind, value, implicit)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # never emit anchors: the reader rejects them

    def choose_scalar_style(self):  # type: ignore[override]
        # 'the article''s dateline' is correct YAML but reads like a typo to
        # editors; double quotes keep apostrophes as they are.
        style = super().choose_scalar_style()
        if style == "'" and "'" in self.event.value:
            return '"'
        return style


def _plain(data: Any) -> Any:
    """Tuples to lists, so that what we compare is what YAML can express."""
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_plain(v) for v in data]
    return data


def dump_yaml(data: Any) -> str:
    """Serialise ``data`` (dicts keep their order) and verify the round trip.

    Raises ``ValueError`` if the strict reader would not read back exactly
    ``data`` -- better to stop ingest than to write a file that means
    something else.
    """
    plain = _plain(data)
    text = yaml.dump(
        plain,
        Dumper=_SafeStrictDumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
        default_flow_style=False,
        indent=2,
    )
    back = load_yaml(text).data
    if back != plain:
        raise ValueError(f"YAML round trip changed the data: wrote {plain!r}, read back {back!r}")
    return text


# --------------------------------------------------------------------------
# Front matter

_FENCE = "---"


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---`` YAML ``---`` body.

    Returns ``(yaml_text, body, body_start_line)``; ``yaml_text`` is None
    when the text does not start with a ``---`` line (no front matter).
    The YAML starts on file line 2, so parse it with ``line_offset=1``.
    Raises :class:`FrontMatterError` if the closing fence is missing.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        return None, text, 1
    for i in range(1, len(lines)):
        if lines[i].rstrip() in (_FENCE, "..."):
            yaml_text = "\n".join(lines[1:i])
            if yaml_text:
                yaml_text += "\n"
            body = "\n".join(lines[i + 1 :])
            return yaml_text, body, i + 2
    raise FrontMatterError("front matter is not closed: add a line '---' after the last field", 1, 1)


def join_front_matter(data: dict, body: str) -> str:
    """The article file: fenced YAML, a blank line, the body, one final newline."""
    body = body.strip("\n")
    out = f"{_FENCE}\n{dump_yaml(data)}{_FENCE}\n"
    if body:
        out += f"\n{body}\n"
    return out

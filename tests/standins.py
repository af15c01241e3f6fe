"""Small stand-ins for the stages other branches provide.

``generator.read``, ``generator.clean``, ``generator.inert``,
``generator.slug`` and ``generator.analyse.assign`` are written elsewhere;
these tests must pass with or without them, so the modules under test take
the stages as parameters and the tests pass these simple versions.  They
are deliberately naive: the tests check the content boundary, not cleaning.
Everything is a module-level function so it pickles into worker processes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from generator.errors import Problem, UserError
from generator.ingest import Stages
from generator.model import CleanResult, LineDecision, RawDoc

_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})[ \t]*")


def read_file(path: str | Path) -> RawDoc:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(Problem(str(path), f"cannot read: {exc.strerror}")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(Problem(str(path), "not UTF-8")) from None
    text = text.replace("\r\n", "\n")
    html = None
    header = None
    if path.suffix in (".html", ".htm"):
        html = text
        text = re.sub(r"<[^>]+>", "\n", re.sub(r"(?s)<(script|style|head)\b.*?</\1>", "", text))
        text = "\n".join(line.strip() for line in text.split("\n") if line.strip())
    elif m := _HEADER.match(text):
        header = m.group(1)
        text = text[m.end():]
    return RawDoc(
        path=str(path), name=path.name, sha256=hashlib.sha256(data).hexdigest(), text=text,
        header_date=header, html=html,
    )


def list_inputs(folder: str | Path) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.suffix in (".txt", ".html") and p.is_file())


def clean(text: str) -> CleanResult:
    lines = []
    for i, line in enumerate(text.split("\n"), start=1):
        keep = len(line.split()) >= 8
        lines.append(LineDecision(i, line.strip(), keep, "long" if keep else "short"))
    return CleanResult(tuple(lines))


def body_markdown(cleaned: CleanResult) -> str:
    return "\n\n".join(re.sub(r"([\\`*_\[\]<>#])", r"\\\1", d.text) for d in cleaned.kept)


def unescape_markdown(md: str) -> str:
    return re.sub(r"\\(.)", r"\1", md)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def assign_slugs(items: Sequence[tuple[str, str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    used: set[str] = set()
    for key, text in items:
        base = slugify(text) or "article"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[key] = slug
    return out


def assign_topics(title: str, text: str, topics) -> tuple[str, ...]:
    hay = f"{title}\n{text}".lower()
    return tuple(t.id for t in topics if any(k.lower() in hay for k in t.keywords))


def detect_language(text: str) -> str:
    return "en"


STAGES = Stages(
    read_file=read_file,
    list_inputs=list_inputs,
    clean=clean,
    body_markdown=body_markdown,
    assign_slugs=assign_slugs,
    assign_topics=assign_topics,
)

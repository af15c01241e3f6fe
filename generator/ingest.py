"""``seeds/ -> content/``: create article files, refresh them, never lose an edit.

Ingest writes files that people own afterwards, so its rules are about
trust rather than speed:

* **Idempotent.** Re-running on unchanged seeds touches no file at all (not
  even its mtime): ``git status`` stays clean and ``mkdocs serve`` does not
  reload.  A seed whose sha256 equals the ``source_sha256`` recorded in its
  article is skipped before it is even read.
* **Edits win.** Each article records ``generated_sha256``, the hash of what
  ingest wrote (the file without that one line).  If the file no longer
  hashes to it, a person changed it, and ingest leaves it alone.  If the
  seed changed too, the new version is written beside it as
  ``<slug>.md.proposed`` (ignored by the site) and reported as a conflict.
  Only ``force=True`` replaces edited files, and it names each one.
* **Stable identity.** Seeds map to articles through ``source_file`` in the
  front matter, not through the title, so renaming an article's title does
  not create a duplicate.  The slug (file name) is chosen once, at the
  first write.
* **Crash-safe.** Every write goes to a temporary file in the same folder,
  is fsynced, then ``os.replace``-d over the target: a crash leaves either
  the old file or the new one, never half of one, and no temp file.
* **One bad seed is one error.** Unreadable files are reported with path and
  reason; the others still ingest.

The per-file work (read, clean, describe, topic assignment, rendering the file)
is pure and runs in a process pool; results arrive in sorted order and the
parent writes each as it comes, so output does not depend on scheduling and
memory does not grow with the number of seeds.  A new article's text waits in
a hidden staged file until every new title is known (file names depend on all
of them), then is renamed into place; an interrupted run leaves no staged file
behind, and the next run removes any a killed one left.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .content import ArticleFile, article_paths, content_hash, display_path, load_topics, read_article_file
from .describe import describe as _describe
from .errors import Problem, UserError
from .model import CleanResult, Metadata, RawDoc, Topic
from .schema import ArticleFrontMatter
from .yamlio import join_front_matter

__all__ = [
    "Stages",
    "IngestReport",
    "Conflict",
    "ingest",
    "render_article",
    "atomic_write",
    "front_matter_for",
]


# --------------------------------------------------------------------------
# The stages ingest runs, injectable for tests


@dataclass(frozen=True)
class Stages:
    """The pipeline functions ingest calls, as one picklable bundle.

    The real ones live in other modules (``generator.read``, ``.clean``,
    ``.inert``, ``.slug``, ``.analyse.assign``); :meth:`default` imports
    them only when ingest runs, so this module imports without them and
    tests can pass small stand-ins.  Every function must be importable by
    name (module-level) so it can be sent to worker processes.
    """

    read_file: Callable[[Path], RawDoc]
    list_inputs: Callable[[Path], Iterable[Path]]
    clean: Callable[[str], CleanResult]
    body_markdown: Callable[[CleanResult], str]
    assign_slugs: Callable[[Sequence[tuple[str, str]]], dict[str, str]]
    assign_topics: Callable[[str, str, Sequence[Topic]], Sequence[str]]
    describe: Callable[[RawDoc, CleanResult], Metadata] = _describe

    @classmethod
    def default(cls) -> Stages:
        from generator.analyse.assign import assign_topics  # type: ignore[import-not-found]
        from generator.clean import clean  # type: ignore[import-not-found]
        from generator.inert import body_markdown  # type: ignore[import-not-found]
        from generator.read import list_inputs, read_file  # type: ignore[import-not-found]
        from generator.slug import assign_slugs  # type: ignore[import-not-found]

        return cls(
            read_file=read_file,
            list_inputs=list_inputs,
            clean=clean,
            body_markdown=body_markdown,
            assign_slugs=assign_slugs,
            assign_topics=assign_topics,
        )


# --------------------------------------------------------------------------
# Report


@dataclass(frozen=True)
class Conflict:
    """An edited article whose seed changed: the proposal waits beside it."""

    article: str
    proposed: str


@dataclass(frozen=True)
class IngestReport:
    """What one ingest run did, file by file (paths as strings)."""

    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    skipped_edited: tuple[str, ...] = ()  # edited by hand, seed unchanged: left alone
    conflicts: tuple[Conflict, ...] = ()
    replaced: tuple[str, ...] = ()  # edited by hand and overwritten because of force
    orphans: tuple[str, ...] = ()  # articles whose seed is no longer in seeds/
    errors: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> tuple[str, ...]:
        return self.created + self.updated + self.replaced + tuple(c.proposed for c in self.conflicts)

    def summary(self) -> str:
        """A count line, then one line per file that needs a look."""
        n = len
        head = (
            f"ingest: {n(self.created)} created, {n(self.updated)} updated, "
            f"{n(self.unchanged)} unchanged, {n(self.skipped_edited)} edited by hand (kept), "
            f"{n(self.conflicts)} conflict{'s' if n(self.conflicts) != 1 else ''}, "
            f"{n(self.replaced)} replaced, {n(self.errors)} error{'s' if n(self.errors) != 1 else ''}"
        )
        lines = [head]
        lines += [f"  created   {p}" for p in self.created]
        lines += [f"  updated   {p}" for p in self.updated]
        lines += [f"  replaced  {p} (edited by hand; overwritten because of --force)" for p in self.replaced]
        lines += [
            f"  conflict  {c.article}: edited by hand and its seed changed; the new version is in "
            f"{c.proposed} -- merge what you want into the article (take its source_sha256 line too), "
            "then delete the .proposed file"
            for c in self.conflicts
        ]
        lines += [f"  orphan    {p}: its seed is no longer in the seeds folder (kept)" for p in self.orphans]
        lines += [f"  error     {p.format()}" for p in sorted(self.errors, key=Problem.sort_key)]
        return "\n".join(lines)


# --------------------------------------------------------------------------
# Rendering


FIELD_ORDER = (
    "title",
    "date",
    "source",
    "author",
    "url",
    "language",
    "topics",
    "source_file",
    "source_sha256",
    "provenance",
    "warnings",
    "dropped_lines",
    "generated_sha256",
)


def front_matter_for(
    meta: Metadata,
    *,
    topics: Sequence[str],
    source_file: str,
    source_sha256: str,
    dropped_lines: int,
    extra_warnings: Sequence[str] = (),
) -> dict[str, Any]:
    """The front matter ingest writes, in the documented field order."""
    return {
        "title": meta.title,
        "date": meta.date,
        "source": meta.source,
        "author": meta.author,
        "url": meta.url,
        "language": meta.language,
        "topics": list(topics),
        "source_file": source_file,
        "source_sha256": source_sha256,
        "provenance": dict(meta.provenance),
        "warnings": [*meta.warnings, *extra_warnings],
        "dropped_lines": dropped_lines,
    }


def render_article(front_matter: dict[str, Any], body: str) -> str:
    """The article file, ending with ``generated_sha256`` of everything else.

    The hash covers the file exactly as written minus that one line, so an
    editor's change anywhere -- a field, the body, even field order --
    makes :func:`generator.content.content_hash` disagree with it.
    """
    fm = {k: v for k, v in front_matter.items() if k != "generated_sha256"}
    without = join_front_matter(fm, body)
    digest = hashlib.sha256(without.encode("utf-8")).hexdigest()
    text = join_front_matter({**fm, "generated_sha256": digest}, body)
    if content_hash(text) != digest:  # pragma: no cover - guards the format
        raise AssertionError("generated_sha256 must be the last front matter line")
    return text


# --------------------------------------------------------------------------
# Writing


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash never leaves half a file.

    Temp file in the same folder (so ``os.replace`` is a rename on one file
    system), fsync, replace, then fsync the folder so the rename survives a
    power cut.  On any failure the temp file is removed and the old file is
    untouched.
    """
    path = Path(path)
    tmp = _write_temp(path.parent, f".{path.name}.", text)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _write_temp(folder: Path, prefix: str, text: str) -> Path:
    """``text`` in a new hidden file of ``folder``, flushed to disk, with umask permissions."""
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def _fsync_dir(folder: Path) -> None:
    """Make renames in ``folder`` survive a power cut (best effort)."""
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


# --------------------------------------------------------------------------
# Per-file work (runs in worker processes)


@dataclass(frozen=True)
class _Prepared:
    """Everything about one seed except its file name (the slug)."""

    seed: str  # seed path, for messages
    name: str  # seed file name = source_file
    front_matter: dict[str, Any] = field(hash=False)
    text: str  # the whole article file, as it would be written


@dataclass(frozen=True)
class _Task:
    path: Path
    stages: Stages
    topics: tuple[Topic, ...]


def _prepare(task: _Task) -> _Prepared | tuple[Problem, ...]:
    """read -> clean -> describe -> topics -> Markdown -> the file's text.

    Everything that does not depend on other files happens here, in a worker;
    only the file name (slug) and the writes are left to the parent.
    Errors become Problems so that one bad seed does not stop the others.
    """
    spath = str(task.path)
    st = task.stages
    try:
        raw = st.read_file(task.path)
        cleaned = st.clean(raw.text)
        meta = st.describe(raw, cleaned)
        topics = tuple(st.assign_topics(meta.title, cleaned.body, task.topics)) if task.topics else ()
        body = st.body_markdown(cleaned)
        fm = front_matter_for(
            meta,
            topics=topics,
            source_file=raw.name,
            source_sha256=raw.sha256,
            dropped_lines=cleaned.dropped_count,
            extra_warnings=[f"read: {w}" for w in raw.warnings]
            + ([] if body.strip() else ["body: the cleaner kept no text from this seed; check the seed or write the body"]),
        )
        try:
            ArticleFrontMatter.model_validate(fm)
        except ValidationError as exc:
            fm = _repair(fm, exc)
        text = render_article(fm, body)
    except UserError as exc:
        return tuple(p if p.path else Problem(spath, p.message, p.line, p.col, p.field) for p in exc.problems)
    except Exception as exc:  # noqa: BLE001 - one bad seed must not stop the others
        return (Problem(spath, f"could not ingest: {type(exc).__name__}: {exc}"),)
    return _Prepared(seed=spath, name=raw.name, front_matter=fm, text=text)


def _repair(fm: dict[str, Any], exc: ValidationError) -> dict[str, Any]:
    """Drop optional values describe got wrong, with a warning, rather than
    write a file the content check would reject."""
    fm = dict(fm)
    warnings = list(fm["warnings"])
    for err in exc.errors():
        key = err["loc"][0] if err["loc"] else None
        if key in ("date", "source", "author", "url"):
            warnings.append(f"{key}: dropped the extracted value {fm[key]!r} ({err['msg']})")
            fm[key] = None
        elif key == "language":
            warnings.append(f"language: {fm[key]!r} is not a language code; assumed en")
            fm[key] = "en"
        elif key == "title":
            fm[key] = Path(fm["source_file"]).stem
            warnings.append("title: no usable title was found; the file name is used")
        else:
            raise exc
    fm["warnings"] = warnings
    ArticleFrontMatter.model_validate(fm)
    return fm


# --------------------------------------------------------------------------
# Progress


class _Progress:
    """A one-line counter on a terminal; silent in CI, pipes and small runs."""

    label = "ingest"

    def __init__(self, total: int | None, enabled: bool | None, label: str = "ingest"):
        """``total`` None: the count is not known in advance; show a running count instead."""
        self.label = label
        if enabled is None:
            enabled = (total is None or total >= 20) and sys.stderr.isatty() and not os.environ.get("CI")
        self.total = total
        self.enabled = enabled and total != 0
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if self.enabled and self.total is None:
            sys.stderr.write(f"\r{self.label}: {self.done} article(s)")
            sys.stderr.flush()
        elif self.enabled:
            width = 30
            filled = width * self.done // self.total
            sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _run(tasks: list[_Task], jobs: int | None, progress: _Progress) -> Iterator[_Prepared | tuple[Problem, ...]]:
    """Each task's result, in task order, as soon as it is ready (the caller writes it then)."""
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 8)
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1 or len(tasks) < 4:  # a pool costs more than it saves here
        for task in tasks:
            yield _prepare(task)
            progress.step()
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(_prepare, tasks, chunksize=max(1, min(32, len(tasks) // (jobs * 4)))):
            yield result
            progress.step()


def _stage(folder: Path, text: str) -> Path:
    """Write a new article's text to a hidden temporary file in ``folder`` (renamed once named)."""
    return _write_temp(folder, _STAGED_PREFIX, text)


_STAGED_PREFIX = ".ingest-new-"


# --------------------------------------------------------------------------
# The command


def _sha256_file(path: Path) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None  # the reader reports why, with its own message


def _drop_stale_proposal(article: Path) -> None:
    """A proposal is ingest's own output; once the article itself has been
    regenerated it is out of date and would only mislead."""
    with contextlib.suppress(FileNotFoundError):
        article.with_name(article.name + ".proposed").unlink()


def _safe_slug(slug: str, fallback: str) -> str:
    slug = (slug or "").strip().replace(os.sep, "-").replace("/", "-").strip(".-")
    if not slug:
        slug = "".join(c if c.isalnum() else "-" for c in fallback.lower()).strip("-") or "article"
    return slug


def ingest(
    seeds_dir: Path,
    content_dir: Path,
    *,
    force: bool = False,
    jobs: int | None = None,
    progress: bool | None = None,
    stages: Stages | None = None,
) -> IngestReport:
    """Turn every seed into ``content/articles/<slug>.md`` (see module doc).

    ``jobs``: worker processes (default: CPU count, at most 8; 1 runs in this
    process).  ``progress``: force the progress line on/off (default: on a
    terminal for 20+ files, never under ``CI``).  ``stages``: the pipeline
    functions (default :meth:`Stages.default`).
    """
    seeds_dir, content_dir = Path(seeds_dir), Path(content_dir)
    if not seeds_dir.is_dir():
        raise UserError(Problem(str(seeds_dir), "seeds folder not found"))
    stages = stages or Stages.default()
    articles_dir = content_dir / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)

    errors: list[Problem] = []
    topics, topic_problems, _ = load_topics(content_dir)
    errors.extend(topic_problems)

    # Existing articles by seed.
    existing: dict[str, ArticleFile] = {}
    for path in article_paths(content_dir):
        af = read_article_file(path)
        if not af.source_file:
            continue
        if af.source_file in existing:
            errors.append(
                Problem(
                    str(path),
                    f"seed {af.source_file!r} already belongs to {existing[af.source_file].path}; this file is ignored by ingest",
                    field="source_file",
                )
            )
            continue
        existing[af.source_file] = af
    # Names compare case-insensitively: editors on macOS/Windows share the repo.
    taken = {p.name[: -len(".md")].casefold() for p in articles_dir.glob("*.md")}
    taken |= {p.name[: -len(".md.proposed")].casefold() for p in articles_dir.glob("*.md.proposed")}

    inputs = sorted((Path(p) for p in stages.list_inputs(seeds_dir)), key=lambda p: p.name)
    unchanged: list[str] = []
    skipped_edited: list[str] = []
    tasks: list[_Task] = []
    for path in inputs:
        af = existing.get(path.name)
        if af is not None and not force and af.source_sha256 and _sha256_file(path) == af.source_sha256:
            (skipped_edited if af.edited else unchanged).append(str(af.path))
            continue
        tasks.append(_Task(path=path, stages=stages, topics=topics))

    # Results are written as they arrive, so memory stays flat however many seeds
    # there are. A new article's file name (slug) depends on all new titles
    # (colliding titles all get suffixes), so its text waits in a hidden staged
    # file and is renamed into place once every title is known.
    for stale in articles_dir.glob(_STAGED_PREFIX + "*.tmp"):  # left by an interrupted run
        with contextlib.suppress(OSError):
            stale.unlink()
    created: list[str] = []
    updated: list[str] = []
    replaced: list[str] = []
    conflicts: list[Conflict] = []
    staged: list[tuple[str, str, Path]] = []  # (seed name, title, staged file) of new articles
    bar = _Progress(len(tasks), progress)
    try:
        for result in _run(tasks, jobs, bar):
            if not isinstance(result, _Prepared):
                errors.extend(result)
                continue
            item = result
            text = item.text
            af = existing.get(item.name)
            try:
                if af is None:
                    staged.append((item.name, item.front_matter["title"], _stage(articles_dir, text)))
                elif af.text == text:
                    (skipped_edited if af.edited else unchanged).append(str(af.path))
                elif not af.edited:
                    atomic_write(af.path, text)
                    _drop_stale_proposal(af.path)
                    updated.append(str(af.path))
                elif force:
                    atomic_write(af.path, text)
                    _drop_stale_proposal(af.path)
                    replaced.append(str(af.path))
                elif af.source_sha256 == item.front_matter["source_sha256"]:
                    skipped_edited.append(str(af.path))
                else:
                    proposed = af.path.with_name(af.path.name + ".proposed")
                    current = proposed.read_text(encoding="utf-8") if proposed.exists() else None
                    if current != text:
                        atomic_write(proposed, text)
                    conflicts.append(Conflict(article=str(af.path), proposed=str(proposed)))
            except OSError as exc:
                errors.append(Problem(str(af.path if af else articles_dir), f"could not write: {exc.strerror or exc}"))

        # Slugs are chosen once, for new articles only, and never reuse a name.
        slugs = stages.assign_slugs([(name, title) for name, title, _ in staged]) if staged else {}
        while staged:
            name, _title, tmp = staged.pop(0)
            base = _safe_slug(slugs.get(name, ""), Path(name).stem)
            slug, n = base, 2
            while slug.casefold() in taken:
                slug, n = f"{base}-{n}", n + 1
            taken.add(slug.casefold())
            target = articles_dir / f"{slug}.md"
            try:
                os.replace(tmp, target)
                created.append(str(target))
            except OSError as exc:
                errors.append(Problem(str(target), f"could not write: {exc.strerror or exc}"))
        if created:
            _fsync_dir(articles_dir)
    finally:
        bar.close()
        for _name, _title, tmp in staged:  # interrupted: no half-named article is left behind
            with contextlib.suppress(OSError):
                tmp.unlink()

    names = {p.name for p in inputs}
    orphans = sorted(str(af.path) for name, af in existing.items() if name not in names)

    def shown(paths: Iterable[str]) -> tuple[str, ...]:
        return tuple(display_path(p) for p in paths)

    return IngestReport(
        created=shown(created),
        updated=shown(updated),
        unchanged=shown(sorted(unchanged)),
        skipped_edited=shown(sorted(skipped_edited)),
        conflicts=tuple(Conflict(display_path(c.article), display_path(c.proposed)) for c in conflicts),
        replaced=shown(replaced),
        orphans=shown(orphans),
        errors=tuple(
            sorted(
                (Problem(display_path(p.path) if p.path else p.path, p.message, p.line, p.col, p.field) for p in errors),
                key=Problem.sort_key,
            )
        ),
    )


def prepare_analysis(
    content_dir: Path, cache_dir: Path, *, jobs: int | None = None, progress: bool | None = None
) -> tuple[int, int]:
    """Analyse new and changed articles in parallel, for the build to reuse.

    Runs after :func:`ingest` (and by ``explainer ingest``).  It also records
    each article file's checked front matter for the build's loader.  Every article on
    at least one topic whose analysis is not in ``cache_dir`` yet is analysed
    in a process pool (:func:`generator.analyse.store.warm`).  Files are read
    one at a time, so memory does not grow with the collection.  Returns
    (already there, analysed now).  Files with problems are left to the
    build, which reports them.
    """
    from .analyse.store import warm
    from .content import article_from_file, front_matter_cache, remember_checked

    checked = front_matter_cache(cache_dir)  # the build's content loader reuses these too
    topics, _, topic_ids = load_topics(content_dir, checked)
    known = {t.id for t in topics}

    def on_topics():
        for path in article_paths(content_dir):
            af = read_article_file(path, topic_ids)
            if af.front_matter is None or af.problems or af.text is None:
                continue
            remember_checked(checked, af)
            if any(t in known for t in af.front_matter.topics):
                yield article_from_file(af)

    result = warm(on_topics(), cache_dir, jobs=jobs, progress=lambda total: _Progress(total, progress, "analyse"))
    checked.save()
    return result

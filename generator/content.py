"""Load and check ``content/``: the editor-owned articles and topics.

This is the gate between what people edit and what gets published.  It is
run by ``explainer check`` (exit 1 on problems), by the MkDocs plugin before
a build and by ingest (to find existing articles).  Two rules shape it:

* report *every* problem in one run, each as ``path:line:col: field:
  message``, so an editor fixes a pull request in one round trip instead of
  one error per CI run;
* a file with a problem is not published, but the others still load, so
  one broken article does not hide the rest of the site from ``mkdocs
  serve``.  (MkDocs itself would publish broken front matter as text.)

Only ``articles/*.md`` and ``topics/*.yml`` count.  ``*.md.proposed`` files
(ingest's proposals beside an edited article) and hidden/temporary files are
ignored on purpose.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .diskcache import DiskCache, fingerprint
from .errors import Problem, UserError
from .model import TOPIC_ID_RE, Article, Topic

# The schema (pydantic) is imported where a file is checked in full: a build whose
# files are all in the cache never needs it (10 MB of memory and 0.1 s less).
if TYPE_CHECKING:
    from .schema import ArticleFrontMatter
from .yamlio import FrontMatterError, YamlDoc, YamlError, load_yaml, split_front_matter

__all__ = [
    "Content",
    "ArticleFile",
    "load_content",
    "load_topics",
    "read_article_file",
    "article_paths",
    "check",
    "format_problems",
    "content_hash",
    "display_path",
]

TOPIC_SUFFIXES = (".yml", ".yaml")


def display_path(path: str | Path) -> str:
    """``path`` relative to the working directory when it lies inside it.

    The CLI passes absolute folders; editors and CI annotations want
    ``content/articles/x.md``, the path as seen from the repository.
    """
    p = Path(path)
    if not p.is_absolute():
        return str(path)
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _for_display(problems: list[Problem]) -> tuple[Problem, ...]:
    shown = [Problem(display_path(p.path) if p.path else p.path, p.message, p.line, p.col, p.field) for p in problems]
    return tuple(sorted(shown, key=Problem.sort_key))


@dataclass(frozen=True)
class Content:
    """Everything publishable in ``content/``, plus what is wrong with it."""

    articles: tuple[Article, ...]  # date descending (undated last), then id
    topics: tuple[Topic, ...]  # by order, then id
    problems: tuple[Problem, ...]  # sorted by path, line, column

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_for_problems(self) -> None:
        """Raise one :class:`UserError` carrying every problem, if any."""
        if self.problems:
            raise UserError(list(self.problems))


# --------------------------------------------------------------------------
# Reading files


def _read_text(path: Path) -> tuple[str | None, Problem | None]:
    """UTF-8 text with LF line endings, or the reason it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, Problem(str(path), f"cannot read file: {exc.strerror or exc}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(
            str(path), f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8", line
        )
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


_HASH_LINE = re.compile(r"^generated_sha256:[^\n]*\n", re.MULTILINE)


def content_hash(text: str) -> str:
    """sha256 of an article file without its ``generated_sha256`` line.

    Ingest records this hash of what it wrote in the file itself; if the
    file's current hash differs, someone edited it and ingest must not
    overwrite it.  The line is removed only inside the front matter.
    """
    yaml_text, _, body_start = _split_quiet(text)
    if yaml_text is None:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = text.split("\n")
    head = "\n".join(lines[: body_start - 1]) + "\n"
    rest = text[len(head) :] if len(head) <= len(text) else ""
    head = _HASH_LINE.sub("", head, count=1)
    return hashlib.sha256((head + rest).encode("utf-8")).hexdigest()


def _split_quiet(text: str) -> tuple[str | None, str, int]:
    try:
        return split_front_matter(text)
    except FrontMatterError:
        return None, text, 1


@dataclass(frozen=True)
class ArticleFile:
    """One article file as found on disk, before or after validation.

    ``front_matter`` is None when the file is broken; ``source_file`` is
    then still recovered by a line match when possible, so ingest maps the
    seed to this file instead of creating a duplicate article.
    """

    path: Path
    text: str | None
    body: str
    front_matter: ArticleFrontMatter | None
    doc: YamlDoc | None
    problems: tuple[Problem, ...]
    source_file: str | None
    source_sha256: str | None
    generated_sha256: str | None

    @property
    def id(self) -> str:
        return self.path.name[: -len(".md")]

    @property
    def edited(self) -> bool:
        """True unless the file is byte-for-byte what ingest last wrote."""
        if self.text is None or not self.generated_sha256:
            return True
        return content_hash(self.text) != self.generated_sha256


_LOOSE = {
    name: re.compile(rf"^{name}:[ \t]*['\"]?([^'\"\n]*?)['\"]?[ \t]*$", re.MULTILINE)
    for name in ("source_file", "source_sha256", "generated_sha256")
}


def read_article_file(path: Path, topic_ids: frozenset[str] | None = None) -> ArticleFile:
    """Read, parse and validate one article file; never raises for content."""
    from .schema import ArticleFrontMatter, topic_problems, validate

    spath = str(path)
    text, problem = _read_text(path)
    if text is None:
        return ArticleFile(path, None, "", None, None, (problem,) if problem else (), None, None, None)
    loose = {k: (m.group(1) if (m := rx.search(text)) else None) for k, rx in _LOOSE.items()}

    def broken(problems: list[Problem], body: str = "") -> ArticleFile:
        return ArticleFile(path, text, body, None, None, tuple(problems), loose["source_file"], loose["source_sha256"], loose["generated_sha256"])

    try:
        yaml_text, body, _ = split_front_matter(text)
    except FrontMatterError as exc:
        return broken([Problem(spath, exc.message, exc.line, exc.col)])
    if yaml_text is None:
        return broken(
            [
                Problem(
                    spath,
                    "no front matter: the file must start with a line '---', then the fields (title: ...), then '---'",
                    1,
                    1,
                )
            ],
            text,
        )
    try:
        doc = load_yaml(yaml_text, line_offset=1)
    except YamlError as exc:
        return broken([Problem(spath, exc.message, exc.line, exc.col, exc.field)], body)
    fm, problems = validate(ArticleFrontMatter, doc, spath, whole_position=(1, 1))
    if topic_ids is not None:
        problems += topic_problems(doc, spath, topic_ids)
    if fm is None or problems:
        return ArticleFile(
            path, text, body, None, doc, tuple(problems),
            loose["source_file"], loose["source_sha256"], loose["generated_sha256"],
        )
    assert isinstance(fm, ArticleFrontMatter)
    return ArticleFile(path, text, body, fm, doc, (), fm.source_file, fm.source_sha256, fm.generated_sha256)


def article_paths(content_dir: Path) -> list[Path]:
    """Article files that count: ``articles/*.md``, no hidden or temp files."""
    folder = Path(content_dir) / "articles"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith(".") and p.is_file())


def _topic_paths(content_dir: Path) -> list[Path]:
    folder = Path(content_dir) / "topics"
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix in TOPIC_SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def load_topics(
    content_dir: Path, checked: DiskCache | None = None
) -> tuple[tuple[Topic, ...], tuple[Problem, ...], frozenset[str]]:
    """Valid topics (by order, id), problems, and every topic id on disk.

    The id set includes topics whose file is broken: an article naming such
    a topic is not wrong, and reporting it too would bury the real error.
    ``checked``: the front-matter cache; a topic file without a curation
    block whose text is unchanged is not parsed and validated again.
    """
    topics: list[Topic] = []
    problems: list[Problem] = []
    ids: set[str] = set()
    for path in _topic_paths(content_dir):
        spath = str(path)
        topic_id = path.stem
        if topic_id in ids:
            problems.append(Problem(spath, f"topic {topic_id!r} is defined twice (.yml and .yaml); keep one", 1, 1))
            continue
        ids.add(topic_id)
        if not TOPIC_ID_RE.match(topic_id):
            problems.append(
                Problem(spath, "topic file names must be lowercase letters, digits and hyphens, e.g. lunar-station.yml")
            )
            continue
        text, problem = _read_text(path)
        if text is None:
            problems.append(problem)  # type: ignore[arg-type]
            continue
        key = "topic " + _text_key(text)
        known = checked.get(key) if checked is not None else None
        if known is not None:
            try:
                title, summary, keywords, order = known
                topics.append(Topic(id=topic_id, title=title, summary=summary, keywords=tuple(keywords),
                                    order=order, curation={}, path=spath))
                continue
            except (TypeError, ValueError):
                checked.reject(key)  # type: ignore[union-attr]
        from .schema import TopicFile, validate

        try:
            doc = load_yaml(text)
        except YamlError as exc:
            problems.append(Problem(spath, exc.message, exc.line, exc.col, exc.field))
            continue
        model, errs = validate(TopicFile, doc, spath, whole_position=(1, 1))
        if model is None:
            problems.extend(errs)
            continue
        assert isinstance(model, TopicFile)
        curation = doc.data.get("curation") or {}
        if checked is not None and not curation:  # curated topics are validated on every build
            checked.put(key, (model.title, model.summary, tuple(model.keywords), model.order))
        topics.append(
            Topic(
                id=topic_id,
                title=model.title,
                summary=model.summary,
                keywords=tuple(model.keywords),
                order=model.order,
                curation=dict(curation),
                path=spath,
            )
        )
    topics.sort(key=lambda t: (t.order, t.id))
    return tuple(topics), tuple(problems), frozenset(ids)


def _default_unescape() -> Callable[[str], str]:
    from generator.inert import unescape_markdown  # type: ignore[import-not-found]

    return unescape_markdown


def article_from_file(af: ArticleFile, unescape: Callable[[str], str] | None = None) -> Article:
    """The :class:`Article` of a file that passed its checks (``af.front_matter`` is set)."""
    fm = af.front_matter
    assert fm is not None
    body = af.body.strip("\n")
    return Article(
        id=af.id,
        title=fm.title,
        date=fm.date,
        source=fm.source,
        author=fm.author,
        url=fm.url,
        language=fm.language,
        topics=tuple(fm.topics),
        source_file=fm.source_file or "",
        source_sha256=fm.source_sha256 or "",
        body=body,
        text=(unescape or _default_unescape())(body),
        path=str(af.path),
        provenance=dict(fm.provenance),
        warnings=tuple(fm.warnings),
        dropped_lines=fm.dropped_lines,
        unedited=not af.edited,
    )


FRONT_MATTER_CACHE = "front-matter.marshal"


def front_matter_cache(cache_dir: Path) -> DiskCache:
    """Checked front matter by file content, valid for this version of the parser and schema.

    Parsing YAML with positions and validating it is most of the cost of
    loading an article; an article file whose text is byte-for-byte the same
    as in an earlier build gives the same fields.  Files with any problem are
    never stored, so every error is still found, with its position, by the
    full path.
    """
    here = Path(__file__).resolve().parent
    code = fingerprint("front matter 1", [here / "content.py", here / "yamlio.py", here / "schema.py", here / "model.py"])
    return DiskCache(Path(cache_dir) / FRONT_MATTER_CACHE, code)


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _checked_fields(af: ArticleFile) -> tuple:
    fm = af.front_matter
    assert fm is not None
    return (fm.title, fm.date, fm.source, fm.author, fm.url, fm.language, tuple(fm.topics),
            fm.source_file or "", fm.source_sha256 or "", dict(fm.provenance), tuple(fm.warnings),
            fm.dropped_lines, af.edited)


def remember_checked(checked: DiskCache, af: ArticleFile) -> None:
    """Store the checked front matter of a file that has no problem (files with one never are)."""
    if af.front_matter is not None and not af.problems and af.text is not None:
        checked.put(_text_key(af.text), _checked_fields(af))


def _known_article(path: Path, checked: DiskCache, topic_ids: frozenset[str], unescape) -> tuple[Article, str] | None:
    """The article of a file whose checked front matter is cached, or None (full path)."""
    text, problem = _read_text(path)
    if text is None:
        return None
    key = _text_key(text)
    fields = checked.get(key)
    if fields is None:
        return None
    try:
        (title, date, source, author, url, language, topics, source_file, source_sha256,
         provenance, warnings, dropped_lines, edited) = fields
        if not all(t in topic_ids for t in topics):  # topic files changed: report it properly
            checked.reject(key)
            return None
        _, body, _ = split_front_matter(text)
    except (TypeError, ValueError, FrontMatterError):
        checked.reject(key)
        return None
    body = body.strip("\n")
    article = Article(
        id=path.name[: -len(".md")], title=title, date=date, source=source, author=author, url=url,
        language=language, topics=topics, source_file=source_file, source_sha256=source_sha256,
        body=body, text=unescape(body), path=str(path), provenance=provenance, warnings=warnings,
        dropped_lines=dropped_lines, unedited=not edited,
    )
    return article, key


def load_content(
    content_dir: Path, *, unescape: Callable[[str], str] | None = None, cache_dir: Path | None = None
) -> Content:
    """Load every topic and article; collect every problem.

    ``unescape`` turns the stored (inert, escaped) Markdown body into plain
    text for analysis; it defaults to ``generator.inert.unescape_markdown``.
    ``cache_dir``: keep the checked front matter of each article file there
    (:func:`front_matter_cache`), so an unchanged file is not parsed and
    validated again by the next build.
    """
    content_dir = Path(content_dir)
    checked = front_matter_cache(cache_dir) if cache_dir is not None else None
    topics, problems_t, topic_ids = load_topics(content_dir, checked)
    problems: list[Problem] = list(problems_t)
    if unescape is None:
        unescape = _default_unescape()
    articles: list[Article] = []
    claimed: dict[str, str] = {}
    for path in article_paths(content_dir):
        known = _known_article(path, checked, topic_ids, unescape) if checked is not None else None
        if known is not None:
            article, key = known
            if not article.source_file or article.source_file not in claimed:
                if article.source_file:
                    claimed[article.source_file] = str(path)
                articles.append(article)
                continue
            checked.reject(key)  # a duplicate seed: the full path below reports it with its line
        af = read_article_file(path, topic_ids)
        problems.extend(af.problems)
        if af.front_matter is None:
            continue
        fm = af.front_matter
        if checked is not None:
            remember_checked(checked, af)
        if fm.source_file:
            if fm.source_file in claimed:
                line, col = af.doc.where(("source_file",)) if af.doc else (None, None)
                problems.append(
                    Problem(
                        str(path),
                        f"seed {fm.source_file!r} already belongs to {claimed[fm.source_file]}; "
                        "each seed has one article (delete one of the two files)",
                        line,
                        col,
                        "source_file",
                    )
                )
                continue
            claimed[fm.source_file] = str(path)
        articles.append(article_from_file(af, unescape))
    if checked is not None:
        checked.save()
    articles.sort(key=lambda a: a.id)
    articles.sort(key=lambda a: a.date or "", reverse=True)  # stable: ties stay by id
    return Content(
        articles=tuple(articles),
        topics=topics,
        problems=_for_display(problems),
    )


def check(content_dir: Path, *, unescape: Callable[[str], str] | None = None) -> list[Problem]:
    """All problems in ``content_dir`` (empty when it can be published)."""
    return list(load_content(content_dir, unescape=unescape).problems)


def format_problems(problems: list[Problem] | tuple[Problem, ...]) -> str:
    """One problem per line, then a count; empty string when there are none."""
    if not problems:
        return ""
    lines = [p.format() for p in sorted(problems, key=Problem.sort_key)]
    files = len({p.path for p in problems})
    n = len(problems)
    lines.append(f"{n} problem{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}")
    return "\n".join(lines)

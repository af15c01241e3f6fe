"""STAND-IN content loader until the content module lands."""
from dataclasses import dataclass
from pathlib import Path
import yaml
from .model import Article, Topic
from .inert import unescape_markdown

@dataclass(frozen=True)
class Content:
    articles: tuple
    topics: tuple
    problems: tuple

def load_content(content_dir: Path) -> Content:
    topics = []
    for p in sorted((content_dir / "topics").glob("*.yml")):
        d = yaml.safe_load(p.read_text())
        topics.append(Topic(id=p.stem, title=d["title"], summary=d["summary"], keywords=tuple(d["keywords"]), order=d.get("order", 100), path=str(p)))
    topics.sort(key=lambda t: (t.order, t.id))
    arts = []
    for p in sorted((content_dir / "articles").glob("*.md")):
        text = p.read_text()
        _, fm, body = text.split("---\n", 2)
        # libyaml when available: pure-Python YAML was the largest cost of a 2,000-article
        # build after MkDocs itself (0.9 s of CPU vs 0.1 s); see docs/performance.md.
        d = yaml.load(fm, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        arts.append(Article(id=p.stem, title=d["title"], date=d.get("date"), source=d.get("source"), author=d.get("author"), url=d.get("url"), language=d.get("language", "en"), topics=tuple(d.get("topics", [])), source_file=d["source_file"], source_sha256=d["source_sha256"], body=body, text=unescape_markdown(body), path=str(p)))
    return Content(tuple(arts), tuple(topics), ())

"""Topic-assignment precision on unrelated pages, recall on the seeds.

Usage::

    PYTHONPATH=. python benchmarks/topic_precision.py CORPUS_DIR [--topics DIR] [--seeds DIR]

CORPUS_DIR holds unrelated pages as ``*.txt`` (``*.gold.txt`` files are
skipped); none of them should get a topic.  The pages are read as they are,
with their navigation and boilerplate, because that is what the assigner will
see when a cleaner misses something; the first non-empty line stands in for
the title.  Topics come from ``content/topics/*.yml`` when present, otherwise
from the test fixtures.  Seeds are the raw files in ``seeds/`` (header line
removed) plus the hand-cleaned fixture articles; every one should get ``ilrs``.

Nothing from the corpus is copied or written anywhere; only figures are printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analyse.assign import assign_topics, score_topics  # noqa: E402
from generator.model import Topic  # noqa: E402


def load_topics(folder: Path) -> tuple[Topic, ...]:
    """Topics from YAML files, or the fixture topics when the folder is missing."""
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    if not files:
        from tests.fixtures.seed_articles import seed_topics

        return seed_topics()
    out = []
    for f in files:
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        out.append(Topic(id=f.stem, title=str(data.get("title", f.stem)), summary=str(data.get("summary", "")),
                         keywords=tuple(str(k) for k in data.get("keywords") or ()),
                         order=int(data.get("order", 100)), path=str(f)))
    return tuple(sorted(out, key=lambda t: (t.order, t.id)))


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")[:200]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--topics", type=Path, default=ROOT / "content" / "topics")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    args = ap.parse_args(argv)

    topics = load_topics(args.topics)
    print(f"topics: {', '.join(t.id for t in topics)} (from {args.topics if args.topics.is_dir() else 'fixtures'})")

    pages = sorted(p for p in args.corpus.glob("*.txt") if not p.name.endswith(".gold.txt"))
    start = time.perf_counter()
    assigned: list[tuple[str, tuple[str, ...]]] = []
    near: list[tuple[str, str, float]] = []
    per_topic = {t.id: 0 for t in topics}
    for p in pages:
        text = p.read_text(encoding="utf-8", errors="replace")
        title = first_line(text)
        got = assign_topics(title, text, topics)
        if got:
            assigned.append((p.name, got))
            for tid in got:
                per_topic[tid] += 1
        for s in score_topics(title, text, topics):
            if s.score > 0 and s.topic_id not in got:
                near.append((p.name, s.topic_id, s.score))
    elapsed = time.perf_counter() - start

    print(f"unrelated pages: {len(pages)}")
    print(f"unrelated pages given a topic: {len(assigned)} (target 0)")
    for tid, n in per_topic.items():
        print(f"  {tid}: {n}")
    for name, got in assigned:
        print(f"  FALSE POSITIVE {name}: {', '.join(got)}")
    print(f"pages with some keyword hit but rejected: {len({n for n, _, _ in near})}")
    for name, tid, score in sorted(near, key=lambda x: -x[2])[:10]:
        print(f"  near miss {name}: {tid} score {score}")
    print(f"time: {elapsed:.2f}s ({1000 * elapsed / max(len(pages), 1):.1f} ms/page)")

    seeds = sorted(args.seeds.glob("*.txt")) if args.seeds.is_dir() else []
    ok = 0
    print(f"raw seeds: {len(seeds)}")
    for p in seeds:
        text = p.read_text(encoding="utf-8", errors="replace")
        lines = text.splitlines()
        if lines and lines[0].startswith(" date "):
            lines[0] = lines[0][len(" date 2021-03-10 "):]
        text = "\n".join(lines)
        got = assign_topics(first_line(text), text, topics)
        ok += "ilrs" in got
        print(f"  {p.name}: {', '.join(got) or '-'}")
    try:
        from tests.fixtures.seed_articles import seed_articles
    except ImportError:
        fixtures = ()
    else:
        fixtures = seed_articles()
    ok_fix = 0
    for a in fixtures:
        got = assign_topics(a.title, a.text, topics)
        ok_fix += "ilrs" in got
        print(f"  fixture {a.id}: {', '.join(got) or '-'}")
    print(f"seeds assigned to ilrs: raw {ok}/{len(seeds)}, cleaned {ok_fix}/{len(fixtures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

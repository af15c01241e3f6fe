"""Time ``analyse`` on N synthetic articles to check it scales roughly linearly.

Usage::

    PYTHONPATH=. python benchmarks/analyse_scale.py 1000 5000 10000

Articles are the five hand-cleaned seeds with shuffled paragraphs, shifted
dates and one unique sentence each, so every topic gets large groups of
near-identical sentences (the worst case for grouping) plus unique noise.

Times are CPU seconds of this process (``time.process_time``), which other
jobs on a shared machine disturb much less than wall-clock time.
"""

from __future__ import annotations

import dataclasses
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.analyse import analyse, to_json  # noqa: E402
from tests.fixtures.seed_articles import seed_articles, seed_topics  # noqa: E402

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa "
         "quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split()


def synthetic(n: int, seed: int = 1):
    rng = random.Random(seed)
    base = seed_articles()
    out = []
    for i in range(n):
        a = base[i % len(base)]
        paras = list(a.paragraphs)
        rng.shuffle(paras)
        noise = " ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + f" number {i}."
        text = "\n".join([*paras, noise])
        date = f"2021-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append(dataclasses.replace(a, id=f"{a.id}-{i}", text=text, body=text, date=date))
    return out


def main(argv: list[str]) -> int:
    sizes = [int(x) for x in argv] or [250, 500, 1000]
    for n in sizes:
        arts = synthetic(n)
        start = time.process_time()
        data = to_json(analyse(arts, seed_topics()))
        elapsed = time.process_time() - start
        summary = ", ".join(f"{k}: {len(v['facts'])}f/{len(v['timeline'])}t/{len(v['players'])}p" for k, v in data.items())
        print(f"{n:>6} articles: {elapsed:7.1f}s CPU  {1000 * elapsed / n:5.1f} ms/article  ({summary})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

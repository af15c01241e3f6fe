"""Word 4-gram shingle scoring of extracted bodies against gold bodies.

This is our own implementation of the metric documented for the dev corpus
(the scrapinghub article-extraction-benchmark metric), so the benchmark and
the regression tests need nothing outside the project:

* lower-case, tokens are Unicode ``\\w+`` runs; shingles are token 4-grams;
  a text with 1-3 tokens is a single shingle, a text with none has none;
* per document, tp/fp/fn are multiset intersections/differences;
* P = R = 1 when fp = fn = 0; otherwise P = tp/(tp+fp) (0 if no prediction
  shingles) and R = tp/(tp+fn) (0 if no gold shingles);
* P is averaged over documents whose prediction has shingles, R over documents
  whose gold has shingles; F1 is the harmonic mean of the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def doc_counts(gold: str, pred: str) -> tuple[int, int, int]:
    """(tp, fp, fn) of one document."""
    g, p = shingles(gold), shingles(pred)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp


def doc_pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r


def corpus_scores(pairs: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Macro P/R (as documented above) and F1 over ``(gold, prediction)`` pairs."""
    ps: list[float] = []
    rs: list[float] = []
    n = 0
    for gold, pred in pairs:
        n += 1
        tp, fp, fn = doc_counts(gold, pred)
        p, r = doc_pr(tp, fp, fn)
        if tp + fp > 0:
            ps.append(p)
        if tp + fn > 0:
            rs.append(r)
    P = sum(ps) / len(ps) if ps else 0.0
    R = sum(rs) / len(rs) if rs else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return {"f1": F, "precision": P, "recall": R, "n": n}

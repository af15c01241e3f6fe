"""Train the cleaner's line model and write ``generator/data/clean_model.json``.

Usage::

    python benchmarks/train_cleaner.py CORPUS_DIR [--out PATH] [--no-write]

CORPUS_DIR is a folder with ``<id>.txt`` (raw dump) and ``<id>.gold.txt``
(gold body) pairs, or a folder holding such a ``dev/`` folder.

Labels: a raw line is body when at least half of its word 4-gram shingles
occur in the gold body (lines of 1-3 tokens: when the tokens occur in that
order in the gold).  Rule-decided lines are not training rows (at run time the
model never sees them); they still enter the smoothing stage as chrome.

Model: two logistic regressions (stage 1 over ``FEATURES``, stage 2 smoothing
over ``STAGE2_FEATURES``), standardised features, L2 (C=1), then a decision
threshold chosen on the training documents by the corpus F1 of the whole
``clean`` pipeline.  Everything is deterministic: documents are split into two
halves by a hash of their id, and liblinear/lbfgs are run with fixed seeds.

Reported: 2-fold cross-validation (train on one half, score the other; both
directions and their mean) and the full fit scored on all documents (an
optimistic in-sample figure, shown for comparison).  Needs numpy and
scikit-learn; the cleaner itself does not.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

from generator import clean as cl  # noqa: E402
from generator.score import corpus_scores, shingles  # noqa: E402

THRESHOLDS = [round(0.30 + 0.0125 * k, 4) for k in range(33)]


def load_corpus(path: Path) -> list[tuple[str, str, str]]:
    if (path / "dev").is_dir() and not list(path.glob("*.gold.txt")):
        path = path / "dev"
    docs = []
    for gold in sorted(path.glob("*.gold.txt")):
        doc_id = gold.name[: -len(".gold.txt")]
        raw = path / f"{doc_id}.txt"
        if raw.exists():
            docs.append((doc_id, raw.read_text(encoding="utf-8"), gold.read_text(encoding="utf-8")))
    return docs


def fold_of(doc_id: str) -> int:
    return hashlib.sha1(doc_id.encode()).digest()[0] % 2


def line_label(tokens: list[str], gold_set: set, gold_joined: str) -> int:
    if not tokens:
        return 0
    if len(tokens) < 4:
        return int(f" {' '.join(tokens)} " in gold_joined)
    sh = [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
    return int(sum(1 for s in sh if s in gold_set) >= 0.5 * len(sh))


def prepare(docs):
    """Per document: state from the cleaner and per-line labels."""
    out = []
    for doc_id, raw, gold in docs:
        st = cl._prepare(raw)
        gold_set = set(shingles(gold))
        gold_joined = " " + " ".join(cl._WORD.findall(gold.lower())) + " "
        labels = [line_label(ln.tokens, gold_set, gold_joined) for ln in st.present]
        out.append((doc_id, raw, gold, st, labels))
    return out


def _trainable(st, ln) -> bool:
    return ln.i not in st.decided or (ln.i == 0 and st.header_lead is not None)


def fit_lr(X, y, w):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=int)
    w = np.asarray(w, dtype=float)
    w = w * (len(w) / w.sum())
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    lr = LogisticRegression(C=1.0, max_iter=2000, solver="lbfgs", random_state=0)
    lr.fit((X - mean) / scale, y, sample_weight=w)
    return {
        "weights": [round(float(w), 6) for w in lr.coef_[0]],
        "bias": round(float(lr.intercept_[0]), 6),
        "mean": [round(float(m), 6) for m in mean],
        "scale": [round(float(s), 6) for s in scale],
    }


def train(prepared) -> dict:
    # Each document weighs the same in total (the metric is a per-document
    # average; without this, a few pages with thousands of reader comments
    # would teach the model that long texty lines are chrome).
    X1, y1, w1 = [], [], []
    for _, _, _, st, labels in prepared:
        rows = [(ln.feat, lab) for ln, lab in zip(st.present, labels) if _trainable(st, ln)]
        for feat, lab in rows:
            X1.append(feat)
            y1.append(lab)
            w1.append(1.0 / len(rows))
    s1 = fit_lr(X1, y1, w1)
    X2, y2, w2 = [], [], []
    for _, _, _, st, labels in prepared:
        if not st.present:
            continue
        x2 = cl.stage2_features(st.present, cl.stage1_logits(s1, st))
        rows = [(row, lab) for ln, row, lab in zip(st.present, x2, labels) if _trainable(st, ln)]
        for row, lab in rows:
            X2.append(row)
            y2.append(lab)
            w2.append(1.0 / len(rows))
    s2 = fit_lr(X2, y2, w2)
    model = {
        "features": list(cl.FEATURES),
        "stage2_features": list(cl.STAGE2_FEATURES),
        "stage1": s1,
        "stage2": s2,
        "threshold": 0.5,
    }
    # pick the threshold on these (training) documents, whole pipeline
    best = None
    for t in THRESHOLDS:
        model["threshold"] = t
        sc = evaluate(model, prepared)
        if best is None or sc["f1"] > best[0] + 1e-9:
            best = (sc["f1"], t)
    model["threshold"] = best[1]
    model["train_rows"] = {"stage1": len(y1), "stage2": len(y2), "positive_share": round(sum(y1) / max(1, len(y1)), 4)}
    return model


def evaluate(model, prepared) -> dict:
    data = cl._data()
    saved = data.model
    data.model = model
    try:
        pairs = [(gold, cl.clean(raw).body) for _, raw, gold, _, _ in prepared]
    finally:
        data.model = saved
    return corpus_scores(pairs)


def fmt(sc: dict) -> str:
    return f"F1 {sc['f1']:.4f}  P {sc['precision']:.4f}  R {sc['recall']:.4f}  (n={sc['n']})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, default=ROOT / "generator" / "data" / "clean_model.json")
    ap.add_argument("--no-write", action="store_true", help="only report cross-validation and full-fit scores")
    args = ap.parse_args(argv)
    docs = load_corpus(args.corpus)
    if not docs:
        print(f"no <id>.txt + <id>.gold.txt pairs in {args.corpus}", file=sys.stderr)
        return 2
    prepared = prepare(docs)
    halves = [[d for d in prepared if fold_of(d[0]) == f] for f in (0, 1)]
    cv = []
    for f in (0, 1):
        m = train(halves[f])
        sc = evaluate(m, halves[1 - f])
        cv.append(sc)
        print(f"CV train half {f} ({len(halves[f])} docs) -> test half {1 - f}: {fmt(sc)}  threshold {m['threshold']}")
    cv_mean = {k: sum(s[k] for s in cv) / 2 for k in ("f1", "precision", "recall")}
    print(f"CV mean: F1 {cv_mean['f1']:.4f}  P {cv_mean['precision']:.4f}  R {cv_mean['recall']:.4f}")
    model = train(prepared)
    full = evaluate(model, prepared)
    print(f"full fit, scored in-sample: {fmt(full)}  threshold {model['threshold']}")
    model["report"] = {
        "corpus_docs": len(prepared),
        "cv_mean": {k: round(v, 4) for k, v in cv_mean.items()},
        "full_fit_in_sample": {k: round(full[k], 4) for k in ("f1", "precision", "recall")},
    }
    for name, stage, names in (("stage1", model["stage1"], cl.FEATURES), ("stage2", model["stage2"], cl.STAGE2_FEATURES)):
        ranked = sorted(zip(names, stage["weights"]), key=lambda x: -abs(x[1]))
        print(name + ": " + ", ".join(f"{n} {w:+.2f}" for n, w in ranked))
    if not args.no_write:
        for stage in (model["stage1"], model["stage2"]):
            stage.pop("_folded", None)  # run-time caches, not data
            stage.pop("_explain", None)
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

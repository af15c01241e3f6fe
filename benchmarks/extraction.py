"""Benchmark the cleaner against jusText on a dev corpus, same inputs, same run.

Usage::

    python benchmarks/extraction.py CORPUS_DIR [--gold-dir DIR] [--passes 3] [--pred-dir DIR]

CORPUS_DIR holds raw ``<id>.txt`` dumps (and usually ``<id>.gold.txt``; a
folder holding a ``dev/`` folder works too).  ``--gold-dir`` points elsewhere
for the gold: if it has ``<id>.gold.txt`` files those are the gold, otherwise
its ``<id>.txt`` files are.

Both extractors see exactly the same raw texts:

* ours: ``generator.clean.clean(text).body``; when the cleaner is compiled
  (setup.py), its Python source is measured too, as a second row (same
  decisions, see tests/test_clean_compiled.py);
* jusText 3 (if installed, with ``lxml_html_clean``): every non-empty line is
  wrapped in its own ``<p>`` (HTML-escaped), English stop list, default
  parameters; paragraphs not classified as boilerplate are joined by newlines.

Scores use ``generator.score`` (word 4-gram shingles, per-document P/R
averaged, F1 of the averages).  Speed is documents per second in this single
process: CPU time of the process (``time.process_time``, so that other load on
a shared machine does not blur the comparison), median of ``--passes`` passes
over all documents, the two extractors' passes interleaved.  Reading files is
not timed.  On an otherwise idle machine CPU time and wall time agree.
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import generator.clean as cleaner  # noqa: E402
from generator import cleaner_source  # noqa: E402
from generator.score import corpus_scores  # noqa: E402


def load(corpus: Path, gold_dir: Path | None) -> list[tuple[str, str, str]]:
    if (corpus / "dev").is_dir() and not list(corpus.glob("*.txt")):
        corpus = corpus / "dev"
    gold_dir = gold_dir or corpus
    golds = {p.name[: -len(".gold.txt")]: p for p in gold_dir.glob("*.gold.txt")}
    if not golds:
        golds = {p.stem: p for p in gold_dir.glob("*.txt")}
    docs = []
    for doc_id in sorted(golds):
        raw = corpus / f"{doc_id}.txt"
        if raw.exists():
            docs.append((doc_id, raw.read_text(encoding="utf-8"), golds[doc_id].read_text(encoding="utf-8")))
    return docs


def ours(text: str) -> str:
    return cleaner.clean(text).body


def source_cleaner():
    """``clean(text).body`` of generator/clean.py run as Python, when the imported cleaner is compiled."""
    if not cleaner.COMPILED:
        return None
    module = cleaner_source()
    return lambda text: module.clean(text).body


def make_justext():
    try:
        import justext
    except ImportError as exc:  # jusText 3 needs lxml_html_clean with lxml >= 5.2
        print(f"jusText unavailable ({exc}); install justext and lxml_html_clean", file=sys.stderr)
        return None
    stoplist = justext.get_stoplist("English")

    def run(text: str) -> str:
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        if not lines:
            return ""
        page = "<html><body>" + "".join(f"<p>{html.escape(ln)}</p>" for ln in lines) + "</body></html>"
        paras = justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8")
        return "\n".join(p.text for p in paras if not p.is_boilerplate)

    return run


def measure(fns, docs, passes: int) -> list[tuple[list[str], float]]:
    """Predictions and docs/s of each extractor.

    Passes are interleaved (A, B, A, B, ...) so that a change in machine load
    during the run affects both extractors alike; docs/s uses the median pass.
    """
    times: list[list[float]] = [[] for _ in fns]
    preds: list[list[str]] = [[] for _ in fns]
    for _ in range(passes):
        for k, fn in enumerate(fns):
            t0 = time.process_time()
            preds[k] = [fn(raw) for _, raw, _ in docs]
            times[k].append(time.process_time() - t0)
    return [(preds[k], len(docs) / statistics.median(times[k])) for k in range(len(fns))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="cleaner vs jusText on plain-text dumps")
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--gold-dir", type=Path)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--pred-dir", type=Path, help="also write our predictions here as <id>.txt")
    args = ap.parse_args(argv)
    docs = load(args.corpus, args.gold_dir)
    if not docs:
        print("no documents with gold found", file=sys.stderr)
        return 2
    rows = []
    jt = make_justext()
    src = source_cleaner()
    fns = [("explainer clean" + (" (compiled)" if cleaner.COMPILED else " (Python)"), ours)]
    if src is not None:
        fns.append(("explainer clean (Python source)", src))
    if jt is not None:
        fns.append(("jusText (lines as <p>, English)", jt))
    results = measure([fn for _, fn in fns], docs, args.passes)
    preds, speed = results[0]
    if args.pred_dir:
        args.pred_dir.mkdir(parents=True, exist_ok=True)
        for (doc_id, _, _), pred in zip(docs, preds):
            (args.pred_dir / f"{doc_id}.txt").write_text(pred + "\n" if pred else "", encoding="utf-8")
    for (name, _), (fpreds, fspeed) in zip(fns, results):
        empty = sum(1 for (_, _, gold), pred in zip(docs, fpreds) if gold.strip() and not pred.strip())
        rows.append((name, corpus_scores((g, p) for (_, _, g), p in zip(docs, fpreds)), fspeed, empty))
    print(f"{len(docs)} documents, median of {args.passes} interleaved passes, single process")
    print(f"{'method':34s} {'F1':>6s} {'P':>6s} {'R':>6s} {'docs/s':>8s} {'empty':>6s}")
    for name, sc, sp, em in rows:
        print(f"{name:34s} {sc['f1']:6.3f} {sc['precision']:6.3f} {sc['recall']:6.3f} {sp:8.1f} {em:6d}")
    if jt is not None:
        jspeed = rows[-1][2]
        for name, _, sp, _ in rows[:-1]:
            print(f"speed ratio ({name} / jusText): {sp / jspeed:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

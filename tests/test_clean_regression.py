"""Pin the cleaner's score on the project's own raw/gold pairs so it can only go up.

The pairs in ``tests/fixtures/clean/pairs`` (``<name>.txt`` raw dump,
``<name>.gold.txt`` gold body) were written for this project: pages with
realistic navigation, share, cookie, comment and footer chrome in English,
Russian, Portuguese, Italian, Korean, German, French, Spanish and Chinese.
Scores use ``generator.score`` (the dev corpus metric).  When the cleaner
improves, raise the pins to the new figures (minus a hair); never lower them.
"""

from __future__ import annotations

from pathlib import Path

from generator.clean import clean
from generator.score import corpus_scores, doc_counts, doc_pr

PAIRS = Path(__file__).resolve().parent / "fixtures" / "clean" / "pairs"

PINNED_F1 = 0.93
PINNED_PRECISION = 0.99
PINNED_RECALL = 0.87
PINNED_DOC_RECALL = 0.63  # worst single page


def load_pairs():
    out = []
    for raw in sorted(PAIRS.glob("*.txt")):
        if raw.name.endswith(".gold.txt"):
            continue
        gold = raw.with_name(raw.stem + ".gold.txt")
        out.append((raw.stem, raw.read_text(encoding="utf-8"), gold.read_text(encoding="utf-8")))
    return out


def test_fixture_set_is_present():
    pairs = load_pairs()
    assert len(pairs) >= 10
    langs = {name.split("_")[0] for name, _, _ in pairs}
    assert {"en", "ru", "pt", "it", "ko"} <= langs


def test_scores_do_not_regress():
    pairs = load_pairs()
    preds = [(gold, clean(raw).body) for _, raw, gold in pairs]
    sc = corpus_scores(preds)
    worst = min(doc_pr(*doc_counts(g, p))[1] for g, p in preds)
    assert sc["f1"] >= PINNED_F1, sc
    assert sc["precision"] >= PINNED_PRECISION, sc
    assert sc["recall"] >= PINNED_RECALL, sc
    assert worst >= PINNED_DOC_RECALL, worst


def test_no_page_comes_out_empty():
    for name, raw, _ in load_pairs():
        assert clean(raw).body.strip(), name


def test_scorer_basics():
    assert corpus_scores([("a b c d e", "a b c d e")])["f1"] == 1.0
    assert doc_counts("one two three four five", "one two three four") == (1, 0, 1)
    assert doc_counts("", "") == (0, 0, 0)
    assert doc_pr(0, 0, 0) == (1.0, 1.0)
    # 1-3 tokens form one shingle; none form none
    assert doc_counts("a b", "a b") == (1, 0, 0)
    sc = corpus_scores([("a b c d", ""), ("a b c d", "a b c d")])
    assert sc["precision"] == 1.0 and sc["recall"] == 0.5


def test_extraction_benchmark_reports_every_cleaner(capsys, tmp_path):
    """benchmarks/extraction.py on the pairs: one row per cleaner, the same F1 as above, ratios to jusText."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "extraction.py"
    spec = importlib.util.spec_from_file_location("extraction_benchmark", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main([str(PAIRS), "--passes", "1", "--pred-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    rows = {line[:34].strip(): line[34:].split() for line in out.splitlines() if line.startswith(("explainer", "jusText"))}
    ours = [name for name in rows if name.startswith("explainer clean")]
    assert len(ours) == (2 if bench.cleaner.COMPILED else 1)
    expected = corpus_scores((gold, clean(raw).body) for _, raw, gold in load_pairs())
    for name in ours:
        assert float(rows[name][0]) == round(expected["f1"], 3)
        assert rows[name][4] == "0"  # no empty page
    if bench.make_justext() is not None:
        assert len([line for line in out.splitlines() if line.startswith("speed ratio")]) == len(ours)
    # the predictions written are the cleaner's bodies
    first = load_pairs()[0]
    assert (tmp_path / f"{first[0]}.txt").read_text(encoding="utf-8").strip() == clean(first[1]).body.strip()

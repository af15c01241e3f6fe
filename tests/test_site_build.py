"""Functional test: the seeds become a published site, byte-identical on every build."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

TOPICS = ("ilrs", "artemis", "iss", "china-missions")


def _tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    import shutil

    REPO = Path(__file__).resolve().parent.parent

    root = tmp_path_factory.mktemp("built")
    for name in ("mkdocs.yml",):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "content" / "topics", root / "content" / "topics")
    rc = main(["build", "--seeds", str(root / "seeds"), "--content-dir", str(root / "content"),
               "--site-dir", str(root / "site"), "--config", str(root / "mkdocs.yml"), "--quiet"])
    assert rc == 0
    return root


def test_every_topic_and_every_seed_has_a_page(built: Path):
    site = built / "site"
    for topic in TOPICS:
        assert (site / "topics" / topic / "index.html").is_file(), topic
    doc = json.loads((site / "explainer.json").read_text(encoding="utf-8"))
    seeds = sorted(p.name for p in (built / "seeds").iterdir())
    assert sorted(a["source_file"] for a in doc["articles"]) == seeds
    for a in doc["articles"]:
        page = site / a["path"] / "index.html"
        assert page.is_file(), a["path"]
        assert a["id"] in {p.name for p in (site / "articles").iterdir()}
    assert [t["id"] for t in doc["topics"]] == list(TOPICS)
    ilrs = next(t for t in doc["topics"] if t["id"] == "ilrs")
    assert len(ilrs["articles"]) == 5  # every seed is about the lunar station


def test_search_index_finds_rogozin(built: Path):
    index = json.loads((built / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    hits = [d["location"] for d in index["docs"] if "Rogozin" in d["text"]]
    assert any(loc.startswith("articles/") for loc in hits)


def test_build_is_byte_identical_and_leaves_content_alone(built: Path, tmp_path: Path):
    before = _tree(built / "content")
    rc = main(["build", "--seeds", str(built / "seeds"), "--content-dir", str(built / "content"),
               "--site-dir", str(tmp_path / "site2"), "--config", str(built / "mkdocs.yml"), "--quiet"])
    assert rc == 0
    assert _tree(built / "content") == before  # nothing to do: no file changes
    assert _tree(tmp_path / "site2") == _tree(built / "site")


def test_mkdocs_build_strict_passes(built: Path, tmp_path: Path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "strict")],
        cwd=built, env=env, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "strict" / "topics" / "ilrs" / "index.html").is_file()


def test_cli_help_documents_every_command():
    proc = subprocess.run([sys.executable, "-m", "generator.cli", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for command in ("ingest", "clean", "check", "build"):
        assert command in proc.stdout
    for command, options in {
        "ingest": ("--content-dir", "--force", "SEEDS_DIR"),
        "clean": ("--output-dir", "--explain"),
        "check": ("--content-dir",),
        "build": ("--seeds", "--content-dir", "--site-dir"),
    }.items():
        out = subprocess.run([sys.executable, "-m", "generator.cli", command, "--help"],
                             capture_output=True, text=True).stdout
        for opt in options:
            assert opt in out, (command, opt)


def test_ilrs_explainer_from_the_seeds(built: Path):
    """The whole pipeline on the seeds: facts, timeline, players and quotes cite the right articles."""
    doc = json.loads((built / "site" / "explainer.json").read_text(encoding="utf-8"))
    seed_of = {a["id"]: a["source_file"][:3] for a in doc["articles"]}
    ilrs = next(t for t in doc["topics"] if t["id"] == "ilrs")

    open_to_all = [f for f in ilrs["facts"] if "open to all interested" in f["text"]]
    assert open_to_all and len(open_to_all[0]["sources"]) >= 3
    assert ilrs["facts"][0]["sources"] and len(ilrs["facts"][0]["sources"]) >= len(ilrs["facts"][-1]["sources"])

    by_date = {e["date"]: e for e in ilrs["timeline"]}
    signing = by_date["2021-03-09"]
    assert signing["status"] == "past" and "memorandum" in signing["text"]
    assert {"000", "001", "002"} <= {seed_of[s] for s in signing["sources"]}
    luna = by_date["2021-10-01"]
    assert luna["status"] == "planned" and "Luna 25" in luna["text"] and [seed_of[s] for s in luna["sources"]] == ["002"]
    change7 = [e for e in ilrs["timeline"] if "Chang" in e["text"] and e["date"] == "2023"]
    assert change7 and change7[0]["status"] == "planned" and change7[0]["label"] == "2023 or 2024"

    players = {p["name"]: p for p in ilrs["players"]}
    assert "Roscosmos Director-General" in players["Dmitry Rogozin"]["roles"]
    cnsa = players["China National Space Administration"]
    assert "CNSA" in cnsa["aliases"] or "National Space Administration of China" in cnsa["aliases"]
    assert not {"CNSA", "National Space Administration of China"} & set(players)  # merged, not listed twice

    rogozin = [q for q in ilrs["quotes"] if q["speaker"] == "Dmitry Rogozin"]
    assert rogozin and seed_of[rogozin[0]["source"]] == "001" and "worthy partner" in rogozin[0]["text"]
    assert any("China National Space Administration" in q["speaker"] and seed_of[q["source"]] == "002"
               for q in ilrs["quotes"])
    # Every statement traces to at least one article of the topic.
    members = set(ilrs["articles"])
    for item in ilrs["facts"] + ilrs["timeline"]:
        assert item["sources"] and set(item["sources"]) <= members, item

"""The ILRS analysis of the five seed articles, end to end."""

import json
import random
import re

import pytest

from generator.analyse import analyse, to_json
from tests.fixtures.seed_articles import A000, A001, A002, A003, A004, seed_articles, seed_topics


@pytest.fixture(scope="module")
def result():
    return analyse(seed_articles(), seed_topics())


@pytest.fixture(scope="module")
def ilrs(result):
    return to_json(result)["ilrs"]


def test_all_seeds_are_ilrs_articles(result):
    assert set(result["ilrs"].articles) == {A000, A001, A002, A003, A004}
    cov = result["ilrs"].coverage
    assert [c.date for c in cov] == sorted(c.date for c in cov)
    assert {c.article_id: c.publisher for c in cov}[A001] == "DW"


def test_open_to_all_group_has_three_sources(ilrs):
    groups = [f for f in ilrs["facts"] if "open to all" in f["text"].lower() or "open access" in f["text"].lower()]
    assert groups, "no 'open to all' fact"
    assert max(len(f["sources"]) for f in groups) >= 3
    # shown once: a single fact carries the shared statement
    big = max(groups, key=lambda f: len(f["sources"]))
    assert {A000, A002, A003} <= set(big["sources"])


def test_facts_ranked_by_sources(ilrs):
    counts = [len(f["sources"]) for f in ilrs["facts"]]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] >= 3


def test_signing_on_9_march_2021(ilrs):
    signing = [e for e in ilrs["timeline"] if e["date"] == "2021-03-09"]
    assert len(signing) == 1
    e = signing[0]
    assert e["status"] == "past"
    assert {A000, A001, A002, A004} <= set(e["sources"])
    assert e["label"] == "9 March 2021"


def test_luna_25_planned_for_1_october_2021(ilrs):
    luna = [e for e in ilrs["timeline"] if e["date"] == "2021-10-01"]
    assert len(luna) == 1
    assert luna[0]["status"] == "planned"
    assert luna[0]["sources"] == [A002]
    assert "Luna 25" in luna[0]["text"]


def test_change_7_in_2023_or_2024(ilrs):
    ce7 = [e for e in ilrs["timeline"] if "Chang’e-7" in e["text"] or "Chang'e-7" in e["text"]]
    dated = [e for e in ce7 if e["date"] == "2023"]
    assert dated and dated[0]["label"] == "2023 or 2024"
    assert dated[0]["alternatives"] == ["2024"]
    assert dated[0]["status"] == "planned"
    assert dated[0]["sources"] == [A000]


def test_other_timeline_forms(ilrs):
    by_date = {e["date"]: e for e in ilrs["timeline"]}
    assert by_date["2030"]["label"] == "2030s" and by_date["2030"]["status"] == "planned"
    assert by_date["2020-11"]["status"] == "past"  # "in November of last year"
    assert by_date["2021-02"]["status"] == "past"  # "in February this year"
    assert by_date["1957"]["status"] == "past"
    assert "2024" in by_date and by_date["2024"]["status"] == "planned"
    # no junk from "10km", "23 visits", "15 countries", "20th anniversary"
    for e in ilrs["timeline"]:
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", e["date"])
        assert 1900 <= int(e["date"][:4]) <= 2100


def test_every_entry_traces_to_a_source(result, ilrs):
    ids = set(result["ilrs"].articles)
    for key in ("facts", "timeline"):
        for item in ilrs[key]:
            assert item["sources"] and set(item["sources"]) <= ids, item
    for q in ilrs["quotes"]:
        assert q["source"] in ids


def test_players(ilrs):
    players = {p["name"]: p for p in ilrs["players"]}
    rog = players["Dmitry Rogozin"]
    assert rog["kind"] == "person"
    assert any("Director-General" in r for r in rog["roles"])
    assert rog["mentions"] >= 3
    assert set(rog["articles"]) == {A001, A002}
    cnsa = players["China National Space Administration"]
    assert cnsa["kind"] == "organisation"
    assert {"CNSA", "National Space Administration of China"} <= set(cnsa["aliases"])
    assert set(cnsa["articles"]) >= {A000, A002, A003, A004}
    for junk in ("The", "However", "March", "Tuesday", "CNSA", "Rogozin", "ISS"):
        assert junk not in players
    assert "Zhang Kejian" in players and players["Zhang Kejian"]["roles"] == ["CNSA Director"]
    assert "International Space Station" in players


def test_quotes(ilrs):
    rog = [q for q in ilrs["quotes"] if q["speaker"] == "Dmitry Rogozin"]
    assert rog and rog[0]["source"] == A001
    assert "worthy partner" in rog[0]["text"]
    agencies = [q for q in ilrs["quotes"] if "China National Space Administration" in q["speaker"]
                or "Roscosmos" in q["speaker"]]
    assert agencies
    cnsa_002 = [q for q in ilrs["quotes"] if q["speaker"] == "China National Space Administration"
                and q["source"] == A002]
    assert cnsa_002 and cnsa_002[0]["text"].startswith("open to all interested countries")
    by_speaker = {}
    for q in ilrs["quotes"]:
        by_speaker.setdefault(q["speaker"], set()).update(q["sources"])
    assert by_speaker["Roscosmos"] == {A001, A002, A004}
    assert A004 in by_speaker["China National Space Administration"]


def test_related_topics(ilrs):
    assert ilrs["related"] and set(ilrs["related"]) <= {"artemis", "iss", "china-missions"}


def test_json_is_deterministic_and_order_independent():
    first = json.dumps(to_json(analyse(seed_articles(), seed_topics())), sort_keys=False)
    shuffled = list(seed_articles())
    random.Random(4).shuffle(shuffled)
    topics = list(seed_topics())
    random.Random(7).shuffle(topics)
    second = json.dumps(to_json(analyse(shuffled, topics)), sort_keys=False)
    assert first == second


def test_json_shape(ilrs):
    assert set(ilrs) >= {"facts", "timeline", "players", "quotes"}
    for f in ilrs["facts"]:
        assert {"text", "sources"} <= set(f) and f["id"].startswith("f-")
    for e in ilrs["timeline"]:
        assert {"date", "text", "status", "sources"} <= set(e)
        assert e["status"] in ("past", "planned")
    for p in ilrs["players"]:
        assert {"name", "kind", "mentions"} <= set(p)
        assert p["kind"] in ("person", "organisation", "mission", "spacecraft")
    for q in ilrs["quotes"]:
        assert {"text", "speaker", "source"} <= set(q)

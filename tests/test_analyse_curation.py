"""Curation in topic files: strict schema, and editors' choices win over extraction."""

import dataclasses

import pytest

from generator.analyse import CurationError, TopicCuration, analyse, load_curation, to_json
from tests.fixtures.seed_articles import A001, A002, seed_articles, seed_topics


def _with_curation(curation):
    topics = list(seed_topics())
    topics[0] = dataclasses.replace(topics[0], curation=curation, path="content/topics/ilrs.yml")
    return to_json(analyse(seed_articles(), topics))["ilrs"]


def test_empty_curation_is_valid():
    for empty in ({}, None):  # no curation reads like an empty one, without pydantic
        got = load_curation(empty)
        blank = TopicCuration()
        assert (list(got.pin), list(got.hide), list(got.timeline)) == (blank.pin, blank.hide, blank.timeline)
        assert (dict(got.players.rename), dict(got.players.merge), list(got.players.hide)) == (
            blank.players.rename, blank.players.merge, blank.players.hide)


def test_unknown_keys_are_rejected_with_path():
    with pytest.raises(CurationError, match=r"content/topics/ilrs.yml: curation.hidden"):
        load_curation({"hidden": ["x"]}, "content/topics/ilrs.yml")
    with pytest.raises(CurationError, match=r"players.rename"):
        load_curation({"players": {"rename": ["not a mapping"]}})
    with pytest.raises(CurationError):
        load_curation({"timeline": [{"date": "March 2021", "text": "x", "sources": ["a"]}]})
    with pytest.raises(CurationError):
        load_curation({"timeline": [{"date": "2021-03-09", "text": "x", "sources": []}]})


def test_yaml_dates_and_ints_accepted():
    import datetime

    cur = load_curation({"timeline": [{"date": datetime.date(2021, 3, 9), "text": "x", "sources": ["a"]},
                                      {"date": 2024, "text": "y", "sources": ["a"]}]})
    assert [t.date for t in cur.timeline] == ["2021-03-09", "2024"]


def test_pin_and_hide_facts_by_id_and_text():
    base = _with_curation({})
    last = base["facts"][-1]
    first = base["facts"][0]
    got = _with_curation({"pin": [last["id"]], "hide": [first["text"].replace("’", "'").upper()]})
    assert got["facts"][0]["id"] == last["id"] and got["facts"][0]["pinned"] is True
    assert first["id"] not in [f["id"] for f in got["facts"]]


def test_fact_ids_are_stable_across_runs():
    assert [f["id"] for f in _with_curation({})["facts"]] == [f["id"] for f in _with_curation({})["facts"]]


def test_player_edits():
    got = _with_curation({"players": {"rename": {"Dmitry Rogozin": "Dmitry Olegovich Rogozin"},
                                      "merge": {"Interfax": "Reuters"}, "hide": ["SpaceX"]}})
    names = {p["name"]: p for p in got["players"]}
    assert "Dmitry Olegovich Rogozin" in names and "Dmitry Rogozin" not in names
    assert "Interfax" not in names and names["Reuters"]["mentions"] >= 3
    assert "SpaceX" not in names


def test_timeline_addition_replaces_extracted_entry():
    got = _with_curation({"timeline": [
        {"date": "2021-10-01", "text": "Luna 25, Russia's first modern lunar lander, is scheduled to launch.",
         "sources": [A002]},
        {"date": "2021-04-24", "text": "China's space day.", "sources": [A001], "status": "planned"},
    ]})
    oct1 = [e for e in got["timeline"] if e["date"] == "2021-10-01"]
    assert len(oct1) == 1 and oct1[0]["curated"] is True and oct1[0]["status"] == "planned"
    added = [e for e in got["timeline"] if e["date"] == "2021-04-24"][0]
    assert added["status"] == "planned" and added["sources"] == [A001]
    dates = [e["date"] for e in got["timeline"]]
    assert dates.index("2021-04-24") > dates.index("2021-03-09")


def test_hide_timeline_entry_by_id():
    base = _with_curation({})
    victim = base["timeline"][0]
    got = _with_curation({"hide": [victim["id"]]})
    assert victim["id"] not in [e["id"] for e in got["timeline"]]

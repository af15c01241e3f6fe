"""Robustness: odd inputs never crash the analysis and the output contract always holds."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.analyse import analyse, to_json
from generator.analyse.timeline import find_dates
from generator.model import Article, Topic

TOPIC = Topic(id="ilrs", title="ILRS", summary="Lunar station.", keywords=("ILRS", "lunar station"))
PIECES = [
    "ILRS", "lunar station", "on Tuesday", "Oct. 1", "Feb. 29", "February 30, 2021", "in 2023 or 2024", "by 2024",
    "the 2030s", "last year", "in May or June", "U.S.", "Dr.", "“", "”", '"', "‘", "’", "Chang’e-7", "Rogozin said",
    "CNSA", "Roscosmos", ",", ".", "!", "?", "\n", "10km", "23 visits", "the", "and", "will launch", "signed",
    "Director-General Dmitry Rogozin", "(", ")", "—", "9 March 2021", "2021-03-09", "yesterday", "next Friday",
]
DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def art(id, text, date):
    return Article(id=id, title="ILRS lunar station", date=date, source=None, author=None, url=None, language="en",
                   topics=("ilrs",), source_file="x", source_sha256="0", body=text, text=text, path="x")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join), min_size=1, max_size=4),
       st.sampled_from([None, "2021-03-10", "2020-02-29", "1999-12-31"]))
def test_random_articles_keep_the_contract(bodies, date):
    arts = [art(f"a{i}", body, date) for i, body in enumerate(bodies)]
    data = to_json(analyse(arts, (TOPIC,)))["ilrs"]
    ids = {a.id for a in arts}
    for e in data["timeline"]:
        assert DATE_RE.fullmatch(e["date"]) and e["status"] in ("past", "planned")
        assert e["sources"] and set(e["sources"]) <= ids
    for f in data["facts"]:
        assert f["sources"] and set(f["sources"]) <= ids
    for q in data["quotes"]:
        assert q["source"] in ids and q["speaker"]


@given(st.text(max_size=200), st.sampled_from([None, "2021-03-10", "not a date"]))
def test_find_dates_never_crashes(text, date):
    for m in find_dates(text, date):
        assert DATE_RE.fullmatch(m.date)


def test_empty_inputs():
    assert to_json(analyse([], (TOPIC,))) == {"ilrs": {"facts": [], "timeline": [], "players": [], "quotes": [],
                                                      "coverage": [], "related": []}}
    data = to_json(analyse([art("e", "", None)], (TOPIC,)))
    assert data["ilrs"]["facts"] == []


def test_undated_article_keeps_absolute_dates_only():
    data = to_json(analyse([art("u", "The ILRS lunar station was signed on Tuesday. Gagarin flew in 1961.", None)],
                           (TOPIC,)))
    assert [e["date"] for e in data["ilrs"]["timeline"]] == ["1961"]

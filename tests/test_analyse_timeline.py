"""Date resolution: every form the articles use, against the article date."""

from datetime import date as _date
from datetime import timedelta as _td

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.analyse.timeline import (
    EventMention,
    article_events,
    build_timeline,
    find_dates,
    label_for,
    status_of,
)


def dates(sentence, article_date="2021-03-10"):
    return [(m.date, m.precision, m.alternatives, m.qualifier) for m in find_dates(sentence, article_date)]


def test_year():
    assert dates("The Soviet Union in 1957 became the first country to launch a satellite.") == [
        ("1957", "year", (), None)]


def test_month_and_year():
    assert dates("In July 2020, China launched its first mission to Mars.") == [("2020-07", "month", (), None)]


def test_full_date():
    assert dates("The joint signing took place on March 9, 2021.") == [("2021-03-09", "day", (), None)]
    assert dates("It was signed on 9 March 2021 in Moscow.") == [("2021-03-09", "day", (), None)]


def test_day_without_year_resolved_against_article_date():
    assert dates("Luna 25, scheduled for Oct. 1, will land near the pole.", "2021-03-11") == [
        ("2021-10-01", "day", (), None)]


def test_past_day_without_year_after_article_month_is_last_year():
    assert dates("The probe landed on Dec. 3 after a long cruise.", "2021-03-10") == [("2020-12-03", "day", (), None)]


def test_weekday_before_article_date():
    assert dates("The agencies on Tuesday signed a memorandum.", "2021-03-10") == [("2021-03-09", "day", (), None)]
    assert dates("Russia and China on Tuesday unveiled plans for a station.", "2021-03-11") == [
        ("2021-03-09", "day", (), None)]


def test_weekday_same_day_as_article():
    assert dates("Roscosmos announced on Tuesday that it signed.", "2021-03-09") == [("2021-03-09", "day", (), None)]


def test_weekday_future():
    assert dates("The crew will launch on Friday from Baikonur.", "2021-03-10") == [("2021-03-12", "day", (), None)]


def test_last_year_and_this_year():
    assert dates("Russia did not sign the Artemis Accords last year.") == [("2020", "year", (), None)]
    assert dates("The probe entered orbit in February this year.") == [("2021-02", "month", (), None)]
    assert dates("The lab celebrated its 20th anniversary in November of last year.") == [
        ("2020-11", "month", (), None)]


def test_month_without_year():
    assert dates("In February, an EU official told Reuters about it.", "2021-03-09") == [("2021-02", "month", (), None)]
    assert dates("A prototype exploded in March after landing.", "2021-03-11") == [("2021-03", "month", (), None)]


def test_month_alternatives():
    assert dates("The rover is expected to arrive in May or June.") == [("2021-05", "month", ("2021-06",), None)]


def test_decade():
    assert dates("There are plans to send astronauts to the Moon in the 2030s.") == [("2030", "decade", (), None)]


def test_year_alternatives_and_by():
    assert dates("The mission is expected to launch in 2023 or 2024.") == [("2023", "year", ("2024",), None)]
    assert dates("NASA plans to land the first woman on the moon by 2024.") == [("2024", "year", (), "by")]


def test_junk_numbers_are_not_dates():
    assert dates("The prototype climbed to an altitude of 10km and exploded.") == []
    assert dates("To date, SpaceX has made 23 visits to the ISS.") == []
    assert dates("This space station, with the participation of 15 countries, took 10 years.") == []
    assert dates("The lab celebrated its 20th anniversary of human occupation.") == []
    assert dates("The company sold 2024 units and paid $1999 in fees.") == []
    assert dates("No date was given for the start or end of the project.") == []


def test_relative_forms_need_an_article_date():
    assert dates("The agencies on Tuesday signed a memorandum.", None) == []
    assert dates("In 1961, Gagarin flew.", None) == [("1961", "year", (), None)]


@pytest.mark.parametrize("date,precision,ref,clause,expected", [
    ("2021-03-09", "day", "2021-03-10", "signed on Tuesday", "past"),
    ("2021-10-01", "day", "2021-03-11", "scheduled for Oct. 1", "planned"),
    ("2021", "year", "2021-03-10", "will launch this year", "planned"),
    ("2021", "year", "2021-03-10", "was founded this year", "past"),
    ("2030", "decade", "2021-03-10", "plans in the 2030s", "planned"),
    ("1957", "year", None, "launched in 1957", "past"),
])
def test_status(date, precision, ref, clause, expected):
    assert status_of(date, precision, ref, clause) == expected


def test_labels():
    assert label_for("2021-03-09", "day") == "9 March 2021"
    assert label_for("2020-07", "month") == "July 2020"
    assert label_for("2030", "decade") == "2030s"
    assert label_for("2023", "year", ("2024",)) == "2023 or 2024"
    assert label_for("2021-05", "month", ("2021-06",)) == "May or June 2021"
    assert label_for("2024", "year", (), "by") == "by 2024"


def test_several_dates_in_one_sentence_give_trimmed_clauses():
    s = ("Rogozin invited Zhang to the launch of Luna 25, scheduled for Oct. 1 — the first lunar lander "
         "to be launched by Russia since 1976.")
    events = article_events("a", "2021-03-11", [s])
    by_date = {e.date: e for e in events}
    assert set(by_date) == {"2021-10-01", "1976"}
    assert by_date["2021-10-01"].status == "planned"
    assert by_date["1976"].status == "past"
    assert "1976" not in by_date["2021-10-01"].text
    assert "Oct. 1" not in by_date["1976"].text


def _ev(aid, adate, date, precision, text, status="past"):
    return EventMention(aid, adate, 0, date, precision, (), None, text, status, False)


def test_merge_same_event_from_several_articles():
    events = [
        _ev("a", "2021-03-10", "2021-03-09", "day", "Roscosmos and CNSA on Tuesday signed a memorandum on a lunar station."),
        _ev("b", "2021-03-11", "2021-03-09", "day", "Russia and China on Tuesday signed a memorandum to build a lunar station."),
        _ev("c", "2021-03-10", "2021", "year", "NASA plans to land astronauts in 2021 on Mars."),
    ]
    tl = build_timeline(events, {"a": "2021-03-10", "b": "2021-03-11", "c": "2021-03-10"})
    assert len(tl) == 2
    signing = [e for e in tl if e.date == "2021-03-09"][0]
    assert signing.sources == ("a", "b")
    assert not signing.disputed


def test_disputed_dates_are_flagged():
    events = [
        _ev("a", "2021-03-10", "2021-10-01", "day", "Russia will launch the Luna 25 lunar lander on its mission to the south pole.", "planned"),
        _ev("b", "2021-06-01", "2022-07", "month", "Russia will launch the Luna 25 lunar lander on its mission to the south pole.", "planned"),
    ]
    tl = build_timeline(events, {"a": "2021-03-10", "b": "2021-06-01"})
    assert len(tl) == 2
    assert all(e.disputed for e in tl)
    assert tl[0].other_dates == ("2022-07",)


def test_a_large_dispute_lists_only_the_dates_most_sources_give():
    from generator.analyse.timeline import OTHER_DATES_KEPT

    text = "Russia will launch the Luna 25 lunar lander on its mission to the south pole."
    years = [2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031]
    events, dates = [], {}
    for n, year in enumerate(years):
        for copy in range(1 + (year in (2029, 2031)) * 2):  # two of the dates are given three times
            aid = f"a{n}-{copy}"
            events.append(_ev(aid, "2021-03-10", str(year), "year", text, "planned"))
            dates[aid] = "2021-03-10"
    tl = build_timeline(events, dates)
    assert all(e.disputed for e in tl) and len(tl) == len(years)
    first = next(e for e in tl if e.date == "2022")
    assert len(first.other_dates) == OTHER_DATES_KEPT < len(years) - 1
    assert {"2029", "2031"} <= set(first.other_dates)  # the most given come first
    assert list(first.other_dates) == sorted(first.other_dates)
    assert set(first.other_dates) == {"2029", "2031", "2023", "2024", "2025", "2026"}  # then the earliest


def test_merged_event_is_past_once_a_later_report_says_so():
    events = [
        _ev("a", "2021-03-11", "2021-10-01", "day", "Russia will launch the Luna 25 lunar lander on Oct. 1.", "planned"),
        _ev("b", "2021-10-02", "2021-10-01", "day", "Russia launched the Luna 25 lunar lander on Friday.", "past"),
    ]
    (entry,) = build_timeline(events, {"a": "2021-03-11", "b": "2021-10-02"})
    assert entry.status == "past" and entry.sources == ("a", "b")


def test_bylines_and_timestamps_are_not_events():
    assert article_events("a", "2012-07-24", ["July 23, 2012 5:44 PM"]) == ()
    assert article_events("a", "2012-11-08", ["Orion Jones on November 7, 2012, 5:53 PM"]) == ()
    assert len(article_events("a", "2012-07-24", ["Ride died on Monday after a long battle."])) == 1

_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@given(st.dates(min_value=_date(1990, 1, 1), max_value=_date(2060, 12, 31)), st.integers(0, 6))
def test_weekday_resolves_to_the_latest_such_day_not_after_the_article(article_day, wd):
    (m,) = find_dates(f"The agencies signed the deal on {_WEEKDAYS[wd]} in Moscow.", article_day.isoformat())
    d = _date.fromisoformat(m.date)
    assert d.weekday() == wd and article_day - _td(days=6) <= d <= article_day


@given(st.dates(min_value=_date(1990, 1, 1), max_value=_date(2060, 12, 31)))
def test_last_year_and_this_year_follow_the_article(article_day):
    got = dates("It was founded last year and will expand this year.", article_day.isoformat())
    assert [g[0] for g in got] == [str(article_day.year - 1), str(article_day.year)]


def test_date_in_parenthesis_of_long_sentence_gives_the_parenthesis():
    s = ("They noted that there had been previous agreements to cooperate on other projects, including the Chinese "
         "Chang’e-7 mission (a planned robotic lunar exploration mission is expected to launch in 2023 or 2024), "
         "and a center joint data for lunar and distant space exploration.")
    (e,) = article_events("a", "2021-03-10", [s])
    assert e.text == ("The Chinese Chang’e-7 mission (a planned robotic lunar exploration mission is expected "
                      "to launch in 2023 or 2024).")
    assert e.status == "planned" and e.alternatives == ("2024",)

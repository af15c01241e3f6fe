"""Players: gazetteer aliases merge, roles are read, junk is not a player."""

from generator.analyse.players import (
    GazetteerEntry,
    PlayerEdits,
    PlayerFinder,
    aggregate_players,
    find_mentions,
    load_gazetteer,
)

FINDER = PlayerFinder()


def players(sentences, edits=None, article="a"):
    return {p.name: p for p in aggregate_players(find_mentions(article, sentences, FINDER), edits)}


def test_cnsa_aliases_merge():
    got = players([
        "The CNSA said so.",
        "The China National Space Administration agreed.",
        "Members of the National Space Administration of China attended.",
        "It signed with the Chinese National Space Administration (CNSA) on Tuesday.",
    ])
    cnsa = got["China National Space Administration"]
    assert cnsa.mentions == 4  # the bracketed acronym is the same mention
    assert cnsa.kind == "organisation"
    assert "CNSA" in cnsa.aliases


def test_surname_merges_with_full_name_and_roles_are_read():
    got = players([
        "Roscosmos Director-General Dmitry Rogozin wrote on Twitter.",
        "In July 2020, Roscosmos chief Dmitry Rogozin said talks were under way.",
        "Rogozin hinted at cooperation.",
    ])
    rog = got["Dmitry Rogozin"]
    assert rog.mentions == 3 and rog.kind == "person"
    assert any("Director-General" in r for r in rog.roles)
    assert "Roscosmos chief" in rog.roles
    assert "Rogozin" in rog.aliases


def test_iss_alias():
    got = players(["SpaceX flies to the International Space Station.", "It made 23 visits to the ISS."])
    assert got["International Space Station"].mentions == 2
    assert got["International Space Station"].kind == "spacecraft"


def test_unknown_person_found_by_role_and_by_speech_verb():
    got = players(["ESA Director General Josef Aschbacher welcomed the plan.", "Maria Kovacs said it was late."])
    assert got["Josef Aschbacher"].kind == "person"
    assert got["Josef Aschbacher"].roles == ("ESA Director General",)
    assert got["Maria Kovacs"].kind == "person"


def test_unknown_organisation_and_numbered_mission():
    got = players(["The Indian Space Research Organisation launched Chandrayaan-3 in July."])
    assert got["Indian Space Research Organisation"].kind == "organisation"
    assert got["Chandrayaan-3"].kind == "mission"


def test_no_junk_players():
    got = players([
        "However, The Moon is far. In March, Monday Tuesday plans changed.",
        "The United States and the Soviet Union raced. 15 countries took part over 10 years.",
    ])
    assert got == {}


def test_counts_across_articles_and_links_articles():
    ms = find_mentions("a", ["NASA plans a base."], FINDER) + find_mentions("b", ["NASA and SpaceX agreed."], FINDER)
    got = {p.name: p for p in aggregate_players(ms)}
    assert got["NASA"].mentions == 2 and got["NASA"].articles == ("a", "b")


def test_editor_merge_rename_hide():
    ms = find_mentions("a", ["Roscosmos chief Dmitry Rogozin spoke.", "NASA agreed.", "The CNES agreed."], FINDER)
    got = {p.name: p for p in aggregate_players(ms, PlayerEdits(rename={"Dmitry Rogozin": "Dmitry O. Rogozin"},
                                                               merge={"CNES": "NASA"}, hide=frozenset({"Roscosmos"})))}
    assert "Dmitry O. Rogozin" in got and "Dmitry Rogozin" not in got
    assert got["NASA"].mentions == 2
    assert "Roscosmos" not in got


def test_custom_gazetteer():
    finder = PlayerFinder([GazetteerEntry("Lunar Gateway", "spacecraft", ("Gateway station",))])
    ms = find_mentions("a", ["The Gateway station will orbit."], finder)
    assert [m.name for m in ms] == ["Lunar Gateway"]


def test_packaged_gazetteer_is_well_formed():
    entries = load_gazetteer()
    names = [e.name for e in entries]
    assert len(names) == len(set(names))
    aliases = [a for e in entries for a in (e.name, *e.aliases)]
    assert len({a.lower() for a in aliases}) == len(aliases)


def test_appositive_role():
    got = players(["Yuri Borisov, the head of Roscosmos, said the station would be built.",
                   "Jane Whitfield, a professor at Leeds University, agreed."])
    assert got["Yuri Borisov"].roles == ("head of Roscosmos",)
    assert got["Jane Whitfield"].roles == ("professor at Leeds University",)
    assert got["Roscosmos"].mentions == 1


def test_numbered_flights_and_not_numbered_junk():
    got = players(["Apollo 11 landed in 1969, and Chang'e-9 and Tianwen 2 will follow.",
                   "Covid-19 delayed Section 2 of the report, said Boeing 737 pilots."])
    assert got["Apollo 11"].kind == "mission"
    assert got["Chang'e-9"].kind == "mission" and got["Tianwen 2"].kind == "mission"
    assert "Apollo program" not in got
    assert not {"Covid-19", "Section 2", "Boeing 737"} & set(got)


def test_capitalised_title_middle_initial_and_title_plus_surname():
    got = players(["NASA astronaut Sally K. Ride flew in 1983.", "Astronaut Sally Ride later taught physics.",
                   "President Barack Obama praised her.", '"She was a hero," President Obama said.', "Ride died."])
    assert got["Sally Ride"].mentions == 3 and got["Sally Ride"].roles[0] in ("NASA astronaut", "Astronaut")
    assert got["Barack Obama"].mentions == 2
    assert "President Obama" not in got


def test_organisation_after_titles_and_possessive():
    got = players(["Ride was Professor of Physics and Director of the University of California's California Space Institute."])
    assert "California Space Institute" in got
    assert not [n for n in got if n.startswith("Professor")]
    got = players(["She spoke at the Allegheny County Women's Leadership Council in Pittsburgh."])
    assert "Allegheny County Women's Leadership Council" in got

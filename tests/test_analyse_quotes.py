"""Quote attribution: speaker before/after the verb, 'according to', statements, pronouns."""

from generator.analyse.players import PlayerFinder, find_mentions
from generator.analyse.quotes import find_quotes, merge_quotes, quoted_spans

FINDER = PlayerFinder()


def quotes(sentences, article="a"):
    return [(q.speaker, q.text) for q in find_quotes(article, sentences, find_mentions(article, sentences, FINDER))]


def test_speaker_after_quote_with_quoted_as_saying():
    got = quotes(['"The Chinese have grown a lot, they are a worthy partner for us," Rogozin was quoted as saying by Interfax.'])
    assert got == [("Dmitry Rogozin", "The Chinese have grown a lot, they are a worthy partner for us")]


def test_speaker_before_said_that_curly_quotes():
    got = quotes(["The CNSA said that the project was “open to all interested countries and international partners” "
                  "in what experts said would be China’s biggest project."])
    assert got == [("China National Space Administration", "open to all interested countries and international partners")]


def test_statement_from_and_unclosed_quote():
    got = quotes(["A statement from the Russian space agency Roscosmos said the two plan to “promote cooperation in "
                  "creating an open access ILRS for all interested countries. ‘"])
    assert got and got[0][0] == "Roscosmos"


def test_according_to_statement():
    got = quotes(['The station is a "complex of experimental research facilities on the Moon," according to a statement from Roscosmos.'])
    assert got == [("Roscosmos", "complex of experimental research facilities on the Moon")]


def test_inverted_speaker_after_verb():
    got = quotes(["“China and Russia will jointly develop a roadmap for the station”, assured the space agency of China."])
    assert got == [("China National Space Administration", "China and Russia will jointly develop a roadmap for the station")]


def test_pronoun_resolves_to_last_person():
    got = quotes(["NASA Administrator Bill Nelson visited the launch pad.", '"We are going back to the Moon soon," he said.'])
    assert got == [("Bill Nelson", "We are going back to the Moon soon")]


def test_scare_quotes_and_unattributed_quotes_are_ignored():
    assert quotes(["Xi called Putin his “best friend” in 2019."]) == []
    assert quotes(["The so-called “space race of the last century” shaped everything."]) == []


def test_joint_speaker():
    got = quotes(["Roscosmos and CNSA said they would “facilitate extended cooperation within the project,” saying more."])
    assert got[0][0] == "Roscosmos and China National Space Administration"


def test_quoted_spans_pair_any_marks():
    s = "It would be “open to all countries, strengthen exchanges “."
    (a, b), = quoted_spans(s)
    assert s[a:b].startswith("open to all")


def test_merge_across_articles_cites_all():
    s = ['The station is a "complex of experimental research facilities on the Moon," according to Roscosmos.']
    qa = find_quotes("a", s, find_mentions("a", s, FINDER))
    qb = find_quotes("b", s, find_mentions("b", s, FINDER))
    merged = merge_quotes(qa + qb, {"a": "2021-03-10", "b": "2021-03-09"})
    assert len(merged) == 1 and merged[0].source == "b" and merged[0].sources == ("b", "a")


def test_described_speaker_when_no_player():
    got = quotes(['"We will not comment on the launch schedule today," a senior agency spokesman said.'])
    assert got == [("a senior agency spokesman", "We will not comment on the launch schedule today")]
    assert quotes(['"This changes the balance in space for a decade," experts said.'])[0][0] == "experts"


def test_object_after_said_is_not_the_speaker():
    got = quotes(["Sally Ride flew in 1983.",
                  "NASA's deputy administrator, Lori Garver, said Ride \"was a personal and professional role model to me.\""])
    assert got == [("Lori Garver", "was a personal and professional role model to me.")]


def test_according_to_the_org_statement():
    got = quotes(["The station will be “a complex of facilities for experiments and research” on the Moon, "
                  "according to the Roscosmos statement."])
    assert got == [("Roscosmos", "a complex of facilities for experiments and research")]

"""Sentence splitting: abbreviations, initials and quotes must not cut sentences."""

from hypothesis import given
from hypothesis import strategies as st

from generator.analyse.sentences import article_sentences, split_sentences


def test_plain_split():
    assert split_sentences("One two three. Four five six! Seven?") == ("One two three.", "Four five six!", "Seven?")


def test_us_abbreviation_mid_sentence():
    text = "The U.S. sanctions hit Russia hard. Moscow responded."
    assert split_sentences(text) == ("The U.S. sanctions hit Russia hard.", "Moscow responded.")


def test_us_abbreviation_before_capitalised_word():
    text = "It bought U.S. Treasury bonds last year. Then it sold them."
    assert split_sentences(text) == ("It bought U.S. Treasury bonds last year.", "Then it sold them.")


def test_us_abbreviation_at_sentence_end():
    text = "Tariffs were imposed by the U.S. The Chinese side objected."
    assert split_sentences(text) == ("Tariffs were imposed by the U.S.", "The Chinese side objected.")


def test_month_abbreviation_with_day():
    text = "Luna 25 is scheduled for Oct. 1 and will carry instruments. It is Russia's first lander since 1976."
    assert split_sentences(text)[0] == "Luna 25 is scheduled for Oct. 1 and will carry instruments."
    assert len(split_sentences(text)) == 2


def test_titles_and_initials():
    text = "Dr. Sally Ride flew in 1983. John F. Kennedy set the goal. Mr. Smith agreed."
    assert split_sentences(text) == ("Dr. Sally Ride flew in 1983.", "John F. Kennedy set the goal.", "Mr. Smith agreed.")


def test_quote_with_comma_and_speaker_stays_one_sentence():
    text = '"They are a worthy partner for us," Rogozin was quoted as saying. He hinted at more.'
    assert split_sentences(text) == ('"They are a worthy partner for us," Rogozin was quoted as saying.', "He hinted at more.")


def test_sentence_ending_inside_curly_quotes():
    text = "The base will be “open to all countries.” Roscosmos agreed."
    assert split_sentences(text) == ("The base will be “open to all countries.”", "Roscosmos agreed.")


def test_question_inside_quote_followed_by_lowercase():
    text = "“Why not?” she asked. Nobody answered."
    assert split_sentences(text) == ("“Why not?” she asked.", "Nobody answered.")


def test_decimal_and_lowercase_continuation():
    text = "The rocket reached 10.5 km. after launch it fell."
    assert split_sentences(text) == ("The rocket reached 10.5 km. after launch it fell.",)


def test_article_sentences_index_paragraphs():
    out = article_sentences("First one. Second one.\n\nThird paragraph here.")
    assert [s.paragraph for s in out] == [0, 0, 1]
    assert [s.index for s in out] == [0, 1, 2]


@given(st.lists(st.sampled_from(["Alpha beta.", "Gamma U.S. delta.", "Oct. 1 came.", "“Quote here,” he said."]),
                min_size=1, max_size=8))
def test_split_never_loses_text(parts):
    text = " ".join(parts)
    out = split_sentences(text)
    assert "".join(out).replace(" ", "") == text.replace(" ", "")

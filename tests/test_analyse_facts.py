"""Facts: near-duplicates and paraphrases grouped, distinct facts kept apart, ranking by sources."""

import dataclasses

from generator.analyse import analyse, to_json
from generator.analyse.facts import FactCandidate, build_facts
from generator.analyse.text import content_tokens, group_similar, idf_weights, normalise_for_id, short_hash, stem
from generator.model import Article, Topic

TOPIC = Topic(id="ilrs", title="International Lunar Research Station",
              summary="A planned lunar research station built by China and Russia, open to partners.",
              keywords=("International Lunar Research Station", "ILRS", "lunar research station"))


def art(id, text, date="2021-03-10", source=None, title="Lunar research station news"):
    return Article(id=id, title=title, date=date, source=source, author=None, url=None, language="en",
                   topics=("ilrs",), source_file=f"{id}.txt", source_sha256="0", body=text, text=text,
                   path=f"content/articles/{id}.md")


def test_stem_lite_and_synonyms():
    assert stem("stations") == stem("station") == stem("base")
    assert stem("Moon") == stem("lunar")
    assert stem("constructing") == stem("build") == stem("creating")
    assert stem("countries") == stem("nations") == "country"
    assert content_tokens("China’s station") == content_tokens("China's stations")


def test_group_similar_merges_paraphrases_but_does_not_chain():
    texts = [
        "The station will be open to all interested countries and international partners.",
        "It will be open to all interested nations and international partners, the agency said.",
        "Both sides said the base would be open to every interested country and partner.",
        "The launch of the lander is scheduled for October from the Vostochny cosmodrome.",
        "Vostochny cosmodrome will host the October launch of the lander.",
    ]
    sets = [content_tokens(t) for t in texts]
    groups = group_similar(sets, 0.35, idf_weights(sets), min_shared=2)
    assert [0, 1, 2] in groups
    assert [3, 4] in groups


def test_identical_items_collapse_and_can_join_is_respected():
    sets = [content_tokens("Roscosmos signed a memorandum on the lunar station.")] * 50
    assert group_similar(sets, 0.5) == [list(range(50))]
    keyed = group_similar(sets, 0.5, collapse_key=lambda i: i % 2, can_join=lambda i, j: False)
    assert sorted(map(len, keyed)) == [25, 25]


def test_seed_like_group_and_ranking():
    arts = [
        art("a", "The ILRS will be open to all interested countries and international partners.\n"
                 "Roscosmos and CNSA signed a memorandum of understanding on Tuesday.", source="A"),
        art("b", "The CNSA said the project was open to all interested countries and international partners.\n"
                 "The weather in Moscow was cold that week, with snow in the streets.", source="B"),
        art("c", "Both parties claim this lunar research station will be open to all interested national and "
                 "international partners.", source="C"),
    ]
    facts = to_json(analyse(arts, (TOPIC,)))["ilrs"]["facts"]
    assert len(facts[0]["sources"]) == 3
    assert "open to all" in facts[0]["text"]
    assert all("weather" not in f["text"] for f in facts)  # off-topic remark dropped
    assert all(f["sources"] for f in facts)


def test_fact_ids_are_hashes_of_normalised_text():
    assert short_hash("The “ILRS” is open.", "f") == short_hash('the "ILRS" is open', "f")
    assert normalise_for_id("Chang’e-7  launches!") == "change-7 launches"


def test_representative_prefers_standalone_sentence():
    cands = [
        FactCandidate("a", None, 3, 0.5, "It will be open to all interested countries and international partners.",
                      content_tokens("It will be open to all interested countries and international partners."), 0),
        FactCandidate("b", None, 1, 0.1, "The ILRS will be open to all interested countries and international partners.",
                      content_tokens("The ILRS will be open to all interested countries and international partners."), 1),
    ]
    facts = build_facts(cands, {"a": "2021-03-10", "b": "2021-03-11"}, 2)
    assert len(facts) == 1 and facts[0].text.startswith("The ILRS")
    assert facts[0].sources == ("a", "b")


def test_many_articles_smoke():
    base = [
        "Roscosmos and the CNSA signed a memorandum of understanding on the ILRS on Tuesday.",
        "The International Lunar Research Station will be open to all interested countries and partners.",
        "Luna 25 is scheduled for Oct. 1, Roscosmos said.",
    ]
    arts = []
    for i in range(300):
        extra = f"Reporter {i} visited plant number {i} in the city of Kazan on a cold day in winter."
        arts.append(art(f"a{i:03d}", "\n".join(base[i % 3:] + base[: i % 3] + [extra]),
                        date=f"2021-03-{10 + i % 5:02d}", source=f"P{i % 7}"))
    result = to_json(analyse(arts, (TOPIC,)))["ilrs"]
    assert len(result["facts"][0]["sources"]) >= 200
    assert any(e["date"] == "2021-10-01" and len(e["sources"]) == 300 for e in result["timeline"])


def test_article_topics_from_front_matter_win():
    # An editor emptied x's topics and put y on the topic: both choices stand,
    # even though the keywords say otherwise (ingest assigns; editors decide).
    a = dataclasses.replace(art("x", "The ILRS is a lunar research station. ILRS ILRS."), topics=())
    b = dataclasses.replace(art("y", "Nothing about the Moon here at all, only bread and cakes."), topics=("ilrs",))
    res = analyse([a, b], (TOPIC,))
    assert res["ilrs"].articles == ("y",)


def test_rebuilds_analyse_only_changed_articles(monkeypatch):
    """Within one process (mkdocs serve), unchanged articles are not analysed again."""
    from generator.analyse import explain

    calls = []
    real = explain.analyse_article
    monkeypatch.setattr(explain, "analyse_article", lambda a, f=None: calls.append(a.id) or real(a, f))
    monkeypatch.setattr(explain, "_REMEMBERED", {})
    a = dataclasses.replace(art("cache-a", "The ILRS is a lunar research station. It opened in 2021."), topics=("ilrs",))
    b = dataclasses.replace(art("cache-b", "The ILRS will be open to all partners by 2030."), topics=("ilrs",))
    first = analyse([a, b], (TOPIC,))
    assert sorted(calls) == ["cache-a", "cache-b"]
    b2 = dataclasses.replace(b, text=b.text + " Russia and China signed it in March 2021.")
    second = analyse([a, b2], (TOPIC,))
    assert sorted(calls) == ["cache-a", "cache-b", "cache-b"]  # only the edited article again
    assert analyse([a, b], (TOPIC,)) == first  # same inputs, same result, nothing recomputed
    assert len(calls) == 3 and second != first


def test_one_off_builds_do_not_keep_article_analyses(monkeypatch):
    """`mkdocs build` passes remember=False: nothing outlives the call (memory)."""
    from generator.analyse import explain

    monkeypatch.setattr(explain, "_REMEMBERED", {})
    a = dataclasses.replace(art("once-a", "The ILRS is a lunar research station. It opened in 2021."), topics=("ilrs",))
    kept = analyse([a], (TOPIC,), remember=True)
    assert len(explain._REMEMBERED) == 1
    explain._REMEMBERED.clear()
    assert analyse([a], (TOPIC,), remember=False) == kept
    assert explain._REMEMBERED == {}


def test_plugin_remembers_analyses_only_when_serving():
    from generator.plugin import ExplainerPlugin

    plugin = ExplainerPlugin()
    plugin.on_startup(command="build", dirty=False)
    assert plugin.serving is False
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.serving is True

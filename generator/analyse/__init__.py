"""Analysis stage: from cleaned articles to per-topic explainer content.

Public entry points are re-exported here; each concern lives in its own
module (sentences, timeline, facts, players, quotes, assign, curation) so it
can be tested and replaced alone.  Nothing in this package imports MkDocs.
"""

from __future__ import annotations

from generator.analyse.assign import assign_topics, score_topics, topic_score
from generator.analyse.curation import CurationError, load_curation
from generator.analyse.explain import (
    ArticleAnalysis,
    CoverageItem,
    RelatedTopic,
    TopicAnalysis,
    analyse,
    analyse_article,
    to_json,
)
from generator.analyse.facts import Fact
from generator.analyse.players import Player
from generator.analyse.quotes import Quote
from generator.analyse.sentences import split_sentences
from generator.analyse.timeline import TimelineEntry

__all__ = [
    "ArticleAnalysis",
    "CoverageItem",
    "CurationError",
    "Fact",
    "Player",
    "Quote",
    "RelatedTopic",
    "TimelineEntry",
    "TopicAnalysis",
    "TopicCuration",
    "analyse",
    "analyse_article",
    "assign_topics",
    "load_curation",
    "score_topics",
    "split_sentences",
    "to_json",
    "topic_score",
]


def __getattr__(name: str):
    # TopicCuration is a pydantic model, imported only when asked for (see curation.py).
    if name == "TopicCuration":
        from generator.analyse.curation_schema import TopicCuration

        return TopicCuration
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Players: the people, organisations, missions and spacecraft articles talk about.

Two sources are combined because neither is enough alone.  The curated
gazetteer (``generator/data/players.yml``) knows that "CNSA", "National Space
Administration of China" and "Chinese National Space Administration" are one
agency, which no rule can guess.  The generic extractor finds people the
gazetteer has never heard of, from role patterns ("CNSA Director Zhang
Kejian"), from speech verbs ("Jane Doe said") and from organisation-like names
("Institute of Space Research"), so new articles do not need a data edit to
show their main actors.  Capitalised words that are only sentence openers,
months, places or filler ("However", "The", "March") are never players.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from generator.analyse.text import fold_quotes

KINDS = ("person", "organisation", "mission", "spacecraft")
DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "players.yml"


@dataclass(frozen=True)
class GazetteerEntry:
    """One curated player: the name to show, its kind and the other names used for it."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlayerMention:
    """One occurrence of a player in one sentence of one article."""

    name: str  # canonical name
    kind: str
    surface: str  # the words as written
    article_id: str
    sentence: int  # sentence index in the article
    start: int  # offsets in the sentence
    end: int
    role: str | None = None  # "Roscosmos Director-General" when the text states it


@dataclass(frozen=True)
class Player:
    """A player aggregated over the articles of a topic."""

    name: str
    kind: str
    mentions: int
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # other names seen in the articles
    articles: tuple[str, ...] = ()  # ids of the articles that mention it


def load_gazetteer(path: str | Path = DATA_FILE) -> tuple[GazetteerEntry, ...]:
    """Read the curated player list; raises ``ValueError`` on a malformed entry."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    out = []
    for i, item in enumerate(data):
        if not isinstance(item, dict) or "name" not in item or item.get("kind") not in KINDS:
            raise ValueError(f"{path}: entry {i + 1}: needs 'name' and a 'kind' in {KINDS}")
        aliases = tuple(str(a) for a in (item.get("aliases") or ()))
        out.append(GazetteerEntry(str(item["name"]), str(item["kind"]), aliases))
    return tuple(out)


# --- vocabulary for the generic extractor -----------------------------------

_TITLES = [
    "Director-General", "Director General", "Deputy Director", "Director", "Deputy Administrator",
    "Administrator", "Chief Executive", "CEO", "Chairman", "Chairwoman", "Chair", "Vice President",
    "President", "Prime Minister", "Premier", "Deputy Minister", "Minister", "Secretary", "Chancellor",
    "Ambassador", "General", "Colonel", "Commander", "chief", "head", "spokesman", "spokeswoman",
    "spokesperson", "astronaut", "cosmonaut", "taikonaut", "scientist", "engineer", "professor",
    "Professor", "Dr.", "Dr", "founder", "designer", "official", "analyst", "researcher", "expert",
    "deputy", "director", "director-general", "president", "administrator", "minister", "leader",
]
_TITLE_RE = "|".join(
    # a lower-case title also matches capitalised at the start of a sentence ("Astronaut Sally Ride")
    (f"[{t[0]}{t[0].upper()}]{re.escape(t[1:])}" if t[0].islower() else re.escape(t))
    for t in sorted(_TITLES, key=len, reverse=True)
)
_TITLE_WORDS = frozenset(w.lower().rstrip(".") for t in _TITLES for w in t.split())
# How a title can end in the text: its last word, capitalised too when the title is lower case.
_TITLE_ENDINGS = tuple(sorted({w.split()[-1] for t in _TITLES for w in (t, t[0].upper() + t[1:])}))
_NAME_TOKEN = r"[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)?"
# Two or three name words, optionally with a middle initial ("Sally K. Ride").
_PERSON_NAME = rf"{_NAME_TOKEN}(?:\s+[A-Z]\.)?(?:\s+{_NAME_TOKEN}){{1,2}}"
_QUALIFIER = r"(?:(?:former|then|acting|deputy|current)\s+)?"
_PREFIX = r"(?:(?P<prefix>(?:[A-Z][\w'-]*(?:'s)?|U\.S\.)(?:\s+(?:[A-Z][\w'-]*|space))?)\s+)?"
_ROLE_RE = re.compile(
    rf"(?P<qual>{_QUALIFIER}){_PREFIX}(?P<title>{_TITLE_RE})\s+(?P<name>{_PERSON_NAME})\b"
)
# "NASA's deputy administrator, Lori Garver, said"
_TITLE_COMMA_RE = re.compile(
    rf"(?P<prefix>(?:[A-Z][\w'-]*(?:'s)?\s+)?)(?P<qual>{_QUALIFIER})(?P<title>{_TITLE_RE}),\s+(?P<name>{_PERSON_NAME}),"
)
# "Dmitry Rogozin, the head of Roscosmos," / "Jane Doe, director of the institute,"
_APPOSITIVE_RE = re.compile(
    rf"(?P<name>{_PERSON_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?P<qual>{_QUALIFIER})(?P<title>{_TITLE_RE})"
    rf"(?:\s+(?P<prep>of|at|for)\s+(?:the\s+)?(?P<org>[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*)*))?(?=[,.;]|\s+(?:said|says|told))"
)
_SPEECH_AFTER_RE = re.compile(
    rf"(?P<name>{_PERSON_NAME})\s+(?:said|says|told|wrote|added|stated|noted|explained|"
    rf"announced|tweeted|argued|warned|claimed|was quoted)\b"
)
_CAPSEQ_RE = re.compile(
    r"(?:[A-Z][\w'-]*|of|for|and|the|de|du)(?:\s+(?:[A-Z][\w'-]*|of|for|and|the|de|du))*"
)
_FOLLOWING_NUMBER_RE = re.compile(r"\s(\d{1,3}[A-Z]?)\b(?![.,]\d)")
# Capitalised words followed by a number that are not missions ("Covid-19", "Section 2").
_NOT_NUMBERED = frozenset(
    """covid section article chapter part page top formula channel level phase stage class category
    windows boeing airbus route highway room gate day week year number no version model series game
    season episode figure table vol volume district ward terminal platform flight line grade
    group item row""".split()
)
_NUMBERED_RE = re.compile(r"\b([A-Z][a-z]+(?:'[a-z]+)?)(?:-|\s)(\d{1,3}[A-Z]?)\b(?![.,]\d)")

_ORG_WORDS = frozenset(
    """Agency Administration Corporation Corp Institute University Academy Organisation Organization
    Center Centre Council Commission Company Inc Ltd Group Association Society Ministry Department
    Office Bureau Laboratory Lab Observatory Foundation Force Command Service Network Agencies
    Federation Committee Authority Party Parliament Congress Senate Reuters Press News Times""".split()
)
# Capitalised words that open sentences or stand for pronouns: never part of a name.
_FILLER = frozenset(
    """The A An This That These Those There Here It Its In On At For From By With As If When While
    However Meanwhile But And Or So Then Now Also Still Yet After Before Since Under Over Into
    He She They We I You His Her Their Our My Your Both Each Every Some Many Most Such No Not
    Source Photo Image Video Read More Mr Mrs Ms Dr Sir According Under During Members""".split()
)
# Places, nationalities, calendar words and generic nouns: capitalised, but not players.
_PLACES = frozenset(
    """Russia Russian Russians China Chinese Moscow Beijing Washington Kremlin Soviet Soviets Union
    United States America American Americans Europe European Japan Japanese Canada Canadian India
    Indian France French Paris Germany German Britain British UK US USA EU Earth Moon Mars Sun Venus
    Jupiter Twitter Facebook Ukraine Crimea Texas Florida Cold War West East North South Asia Africa
    Antarctica Americas Singapore Malaysia Pakistan Lunar Space Station Mission Program Programme
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
_NOT_NAMES = _FILLER | _PLACES
_CAPITALISED_RE = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
_OPEN_BRACKET_RE = re.compile(r"\s*\(\s*")
_UPPER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _may_name_a_title(text: str) -> bool:
    """Whether a title can be followed by a name here, as ``_ROLE_RE`` and ``_TITLE_COMMA_RE`` need.

    Both patterns put a title right before whitespace (or a comma and
    whitespace) and a capital letter, so some whitespace-separated word before
    a capitalised one must end with a title's last word.  Checking that on the
    words is much cheaper than letting the two patterns try every title at
    every position of a sentence that has none.
    """
    tokens = text.split()
    for k in range(len(tokens) - 1):
        if tokens[k + 1][0] in _UPPER:
            word = tokens[k]
            if word.endswith(","):
                word = word[:-1]
            if word.endswith(_TITLE_ENDINGS):
                return True
    return False


def _bare(word: str) -> str:
    """A word without a final possessive "'s"."""
    return word[:-2] if word.endswith("'s") else word
_SAY_WORDS = ("said", "says", "told", "wrote", "added", "stated", "noted", "announced")


def _alias_regex(alias: str) -> str:
    """Regex source for one alias, with its own case rule as a scoped flag.

    Acronyms and one-word names must match their capitalisation ("Apollo" the
    mission, not "apollo" in a URL); longer names also match in lower case
    because publishers vary ("international lunar research station").
    """
    parts = re.split(r"\s+", fold_quotes(alias).strip())
    body = r"\s+".join("'".join(re.escape(p) for p in part.split("'")) for part in parts)
    letters = [c for c in alias if c.isalpha()]
    acronym = bool(letters) and all(c.isupper() for c in letters)
    return f"(?i:{body})" if (len(parts) > 1 and not acronym) else body


def _plain_name(name: str) -> str:
    """A person's name without middle initials, so "Sally K. Ride" and "Sally Ride" meet."""
    return " ".join(re.sub(r"\s+[A-Z]\.(?=\s)", "", name).split())


class PlayerFinder:
    """Finds player mentions in sentences with a gazetteer plus generic rules.

    Built once per analysis (compiling a few hundred patterns), then applied
    to every sentence, so the cost per article is linear in its length.
    """

    def __init__(self, gazetteer: Sequence[GazetteerEntry] | None = None) -> None:
        self.gazetteer = tuple(gazetteer) if gazetteer is not None else load_gazetteer()
        self._by_name: dict[str, GazetteerEntry] = {}
        alias_list: list[tuple[str, GazetteerEntry]] = []
        for entry in self.gazetteer:
            self._by_name[entry.name] = entry
            for alias in (entry.name, *entry.aliases):
                alias_list.append((alias, entry))
        alias_list.sort(key=lambda ae: -len(ae[0]))
        # One alternation, longest alias first, so each sentence is scanned once.
        self._alias_re = re.compile(
            r"(?<![\w'-])(?:" + "|".join(_alias_regex(a) for a, _e in alias_list) + r")(?![\w-])"
        )
        self._alias_to_entry = {" ".join(fold_quotes(a).lower().split()): e for a, e in alias_list}
        self._alias_to_name = {k: e.name for k, e in self._alias_to_entry.items()}
        # Surnames of listed people, when unambiguous: "Rogozin" -> "Dmitry Rogozin".
        surnames: dict[str, list[str]] = defaultdict(list)
        for entry in self.gazetteer:
            if entry.kind == "person":
                surnames[entry.name.split()[-1]].append(entry.name)
        self._surnames = {s: names[0] for s, names in surnames.items() if len(names) == 1}

    def canonical(self, name: str) -> str | None:
        """Canonical name for an alias, or ``None`` if the gazetteer does not know it."""
        return self._alias_to_name.get(fold_quotes(name).lower())

    def kind_of(self, name: str) -> str | None:
        entry = self._by_name.get(name)
        return entry.kind if entry else None

    def find(self, sentence: str, extra_surnames: Mapping[str, str] | None = None) -> list[tuple[str, str, str, int, int, str | None]]:
        """Mentions in one sentence as ``(name, kind, surface, start, end, role)``.

        Gazetteer names win over generic ones where they overlap; within the
        gazetteer the longest alias wins ("Russian space agency Roscosmos" is
        one mention of Roscosmos, not two).
        """
        text = fold_quotes(sentence)
        taken = [False] * (len(text) + 1)
        found: list[tuple[str, str, str, int, int, str | None]] = []

        def free(a: int, b: int) -> bool:
            return not any(taken[a:b])

        def take(a: int, b: int) -> None:
            for k in range(a, b):
                taken[k] = True

        roles: dict[tuple[int, int], str] = {}
        role_names: list[tuple[int, int, str]] = []
        titled = _may_name_a_title(text)
        for m in _ROLE_RE.finditer(text) if titled else ():
            title = m.group("title")
            prefix = m.group("prefix") or ""
            prefix_words = prefix.split()
            while prefix_words and prefix_words[0] in _FILLER:
                prefix_words.pop(0)
            prefix = " ".join(prefix_words)
            if title[0].islower() and title in {"official", "expert", "analyst", "leader", "head"} and not prefix:
                continue
            name = _plain_name(m.group("name"))
            if name.split()[0] in _NOT_NAMES:
                continue
            role = " ".join(x for x in (m.group("qual").strip(), prefix, title) if x)
            roles[(m.start("name"), m.end("name"))] = role
            role_names.append((m.start("name"), m.end("name"), name))
        for m in _TITLE_COMMA_RE.finditer(text) if titled else ():
            name = _plain_name(m.group("name"))
            if name.split()[0] in _NOT_NAMES or (m.start("name"), m.end("name")) in roles:
                continue
            prefix = " ".join(w for w in m.group("prefix").split() if w not in _FILLER)
            role = " ".join(x for x in (prefix, m.group("qual").strip(), m.group("title")) if x)
            roles[(m.start("name"), m.end("name"))] = role
            role_names.append((m.start("name"), m.end("name"), name))
        for m in _APPOSITIVE_RE.finditer(text):
            name = _plain_name(m.group("name"))
            if name.split()[0] in _NOT_NAMES or (m.start("name"), m.end("name")) in roles:
                continue
            role = " ".join(x for x in (m.group("qual").strip(), m.group("title")) if x)
            if m.group("org"):
                role += f" {m.group('prep')} {m.group('org')}"
            roles[(m.start("name"), m.end("name"))] = role
            role_names.append((m.start("name"), m.end("name"), name))

        for m in self._alias_re.finditer(text):
            entry = self._alias_to_entry.get(" ".join(m.group(0).lower().split()))
            if entry is None or not free(m.start(), m.end()):
                continue
            num = _FOLLOWING_NUMBER_RE.match(text, m.end())
            if num and entry.kind in ("mission", "spacecraft") and " " not in m.group(0).strip():
                # "Apollo 11", "Artemis 2": a numbered flight of a known programme.
                end = num.end()
                if free(m.start(), end):
                    take(m.start(), end)
                    found.append((f"{m.group(0)} {num.group(1)}", "mission", sentence[m.start():end],
                                  m.start(), end, None))
                continue
            take(m.start(), m.end())
            role = None
            for (a, b), r in roles.items():
                if a <= m.start() and m.end() <= b or m.start() <= a and b <= m.end():
                    role = r
            found.append((entry.name, entry.kind, sentence[m.start():m.end()], m.start(), m.end(), role))

        for a, b, name in role_names:
            if free(a, b):
                take(a, b)
                found.append((name, "person", sentence[a:b], a, b, roles[(a, b)]))
        for m in _SPEECH_AFTER_RE.finditer(text):
            a, b = m.start("name"), m.end("name")
            name = _plain_name(m.group("name"))
            if name.split()[0].lower() in _TITLE_WORDS:
                continue  # "President Obama said": left to the surname rule below
            if free(a, b) and name.split()[0] not in _NOT_NAMES and not (set(name.split()) & _ORG_WORDS):
                take(a, b)
                found.append((name, "person", sentence[a:b], a, b, None))
        for m in _NUMBERED_RE.finditer(text):
            a, b = m.start(), m.end()
            if free(a, b) and m.group(1) not in _NOT_NAMES and m.group(1).lower() not in _NOT_NUMBERED:
                take(a, b)
                sep = "-" if m.group(0)[len(m.group(1))] == "-" else " "
                found.append((f"{m.group(1)}{sep}{m.group(2)}", "mission", sentence[a:b], a, b, None))
        for m in _CAPSEQ_RE.finditer(text):
            tokens = m.group(0).split()
            if len(tokens) < 2:
                continue  # trimming below only removes words; most matches are one word
            # Trimming keeps the last word that is not lower case as the last word,
            # and only a sequence ending with an organisation word is kept.
            last = next((tok for tok in reversed(tokens) if not tok.islower()), "")
            if _bare(last) not in _ORG_WORDS:
                continue
            # trim connectors and filler from both ends
            while tokens and (tokens[0] in _FILLER or tokens[0].islower()):
                tokens.pop(0)
            while tokens and tokens[-1].islower():
                tokens.pop()
            # "Professor of Physics and Director of the University's Space Institute":
            # the organisation starts after the last title word and the last possessive.
            cut = max((k + 1 for k, tok in enumerate(tokens) if tok.lower() in _TITLE_WORDS), default=0)
            owner = max((k + 1 for k, tok in enumerate(tokens) if tok.endswith("'s") and k < len(tokens) - 1
                         and any(_bare(x) in _ORG_WORDS for x in tokens[cut:k + 1])), default=0)
            cut = max(cut, owner)
            tokens = tokens[cut:]
            while tokens and (tokens[0] in _FILLER or tokens[0].islower()):
                tokens.pop(0)
            if len(tokens) < 2 or _bare(tokens[-1]) not in _ORG_WORDS:
                continue
            phrase = " ".join(tokens)
            a = text.find(phrase, m.start())
            if a < 0:
                continue
            b = a + len(phrase)
            if free(a, b):
                take(a, b)
                found.append((phrase, "organisation", sentence[a:b], a, b, None))
        surnames = dict(self._surnames)
        if extra_surnames:
            surnames.update(extra_surnames)
        if surnames:
            for m in _CAPITALISED_RE.finditer(text):
                full = surnames.get(m.group(0))
                if full and free(m.start(), m.end()):
                    take(m.start(), m.end())
                    found.append((full, "person", sentence[m.start():m.end()], m.start(), m.end(), None))
        found.sort(key=lambda f: f[3])
        # "Chinese National Space Administration (CNSA)": the bracketed alias is the same mention.
        deduped: list[tuple[str, str, str, int, int, str | None]] = []
        for f in found:
            if deduped and deduped[-1][0] == f[0] and _OPEN_BRACKET_RE.fullmatch(text[deduped[-1][4]:f[3]]):
                continue
            deduped.append(f)
        return deduped


@lru_cache(maxsize=1)
def default_finder() -> PlayerFinder:
    """The finder over the packaged gazetteer, built once per process."""
    return PlayerFinder()


def find_mentions(
    article_id: str, sentences: Sequence[str], finder: PlayerFinder | None = None
) -> tuple[PlayerMention, ...]:
    """Player mentions in an article's sentences.

    Runs twice over the article: people first named in full ("Dmitry
    Rogozin") make their bare surname a mention later in the same article.
    """
    finder = finder or default_finder()
    first = [finder.find(s) for s in sentences]
    extra = {}
    for found in first:
        for name, kind, _surface, _a, _b, _role in found:
            if kind == "person" and len(name.split()) >= 2:
                extra.setdefault(name.split()[-1], name)
    # Second pass only where a surname of someone named earlier occurs.
    passes = [finder.find(s, extra) if extra and any(n in s for n in extra) else f
              for s, f in zip(sentences, first)]
    out = []
    for i, found in enumerate(passes):
        for name, kind, surface, a, b, role in found:
            out.append(PlayerMention(name, kind, surface, article_id, i, a, b, role))
    return tuple(out)


@dataclass(frozen=True)
class PlayerEdits:
    """Editor overrides for players (see ``curation.TopicCuration``)."""

    rename: Mapping[str, str] = field(default_factory=dict)
    merge: Mapping[str, str] = field(default_factory=dict)
    hide: frozenset[str] = frozenset()


def aggregate_players(
    mentions: Iterable[PlayerMention],
    edits: PlayerEdits | None = None,
    min_mentions: int = 1,
) -> tuple[Player, ...]:
    """Count mentions per canonical player across articles and apply editor edits.

    Order: most mentions first, then most articles, then name, so the page is
    stable between builds.  Merges are applied before renames, and hiding is
    checked against both the old and the new name, so an editor can refer to a
    player by the name they see on the site.
    """
    edits = edits or PlayerEdits()
    merge = {k.lower(): v for k, v in edits.merge.items()}
    rename = {k.lower(): v for k, v in edits.rename.items()}
    hide = {h.lower() for h in edits.hide}
    counts: dict[str, int] = defaultdict(int)
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    roles: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    surfaces: dict[str, set[str]] = defaultdict(set)
    articles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        name = merge.get(m.name.lower(), m.name)
        if name.lower() in hide:
            continue
        shown = rename.get(name.lower(), name)
        if shown.lower() in hide:
            continue
        counts[shown] += 1
        kinds[shown][m.kind] += 1
        if m.role:
            roles[shown][m.role] += 1
        if fold_quotes(m.surface) != fold_quotes(shown):
            surfaces[shown].add(" ".join(m.surface.split()))
        articles[shown].add(m.article_id)
    out = []
    for name, n in counts.items():
        if n < min_mentions:
            continue
        kind = sorted(kinds[name].items(), key=lambda kv: (-kv[1], KINDS.index(kv[0])))[0][0]
        role_list = tuple(r for r, _ in sorted(roles[name].items(), key=lambda kv: (-kv[1], kv[0])))
        alias_list = tuple(sorted(surfaces[name], key=str.lower))
        out.append(Player(name, kind, n, role_list, alias_list, tuple(sorted(articles[name]))))
    out.sort(key=lambda p: (-p.mentions, -len(p.articles), p.name.lower()))
    return tuple(out)

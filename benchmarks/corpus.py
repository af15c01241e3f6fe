"""Deterministic synthetic raw dumps for the scale benchmark and its tests.

Each dump looks like what people save from a news page with select-all +
copy: a ``date`` header line, site navigation, a byline, share and cookie
lines, the article, a "Source:" line, related links, reader comments and a
footer.  Articles mix the site's topics (ILRS, Artemis, ISS, China's
missions) with unrelated space and science news, over many years and about
forty publishers.

Every article also names one made-up person who appears *only in its body*
(never in a title, summary or lead paragraph): searching for that name is how
the benchmark checks that a lean search index still finds body-only words.

Generation depends only on ``(seed, i)``: article ``i`` is the same whatever
``N`` is, and the same seed always gives identical bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

PUBLISHERS = [
    ("Orbital Ledger", "orbitalledger.example"), ("Lunar Dispatch", "lunardispatch.example"),
    ("SpaceWire Daily", "spacewire.example"), ("The Launch Pad", "launchpad.example"),
    ("Astro Observer", "astro-observer.example"), ("Celestial Times", "celestialtimes.example"),
    ("Mission Control Weekly", "mcweekly.example"), ("Deep Space Report", "deepspace.example"),
    ("Rocket Review", "rocketreview.example"), ("Payload Post", "payloadpost.example"),
    ("Science Chronicle", "sciencechronicle.example"), ("Frontier Press", "frontierpress.example"),
    ("Eastern Space News", "easternspace.example"), ("Moonshot Magazine", "moonshotmag.example"),
    ("Gravity Well Journal", "gravitywell.example"), ("Planetary Post", "planetarypost.example"),
    ("Telescope Tribune", "telescopetribune.example"), ("Star Gazette", "stargazette.example"),
    ("Apogee News", "apogeenews.example"), ("Perigee Herald", "perigeeherald.example"),
    ("Cosmos Courier", "cosmoscourier.example"), ("Nova Bulletin", "novabulletin.example"),
    ("Global Science Wire", "globalsciencewire.example"), ("The Regolith", "regolith.example"),
    ("Zenith Daily", "zenithdaily.example"), ("Meridian Report", "meridianreport.example"),
    ("Polar Orbit", "polarorbit.example"), ("Ascent Weekly", "ascentweekly.example"),
    ("Open Space Forum", "openspaceforum.example"), ("Horizon Science", "horizonscience.example"),
    ("Quasar Quarterly", "quasarquarterly.example"), ("Tech and Space", "techandspace.example"),
    ("World Affairs Desk", "worldaffairs.example"), ("Capital Correspondent", "capitalcorr.example"),
    ("Pacific Space Review", "pacificspace.example"), ("Euro Orbit", "euroorbit.example"),
    ("Asia Science Today", "asiascience.example"), ("The Engineer's Log", "engineerslog.example"),
    ("Atlas Newsroom", "atlasnews.example"), ("Skyline Tribune", "skylinetribune.example"),
]

AUTHORS = [
    "Maria Lopez", "James Whitfield", "Chen Wei", "Anna Petrova", "David Okafor", "Sophie Martin",
    "Rajesh Iyer", "Laura Bianchi", "Tom Becker", "Yuki Tanaka", "Elena Ivanova", "Samuel Green",
    "Fatima Haddad", "Lucas Moreau", "Hannah Schmidt", "Kofi Mensah", "Ingrid Larsen", "Pablo Ruiz",
]

# Syllables for the made-up, per-article unique names (body only).
SYLLABLES = [
    "quil", "bran", "dor", "vex", "mar", "tol", "zen", "kiv", "osk", "rud", "fen", "lor",
    "thu", "gav", "pim", "sar", "wyn", "jor", "bel", "cra", "dru", "hal", "nev", "yor",
]

THEMES = {
    "ilrs": {
        "titles": [
            "Russia and China sign deal on a joint lunar research station",
            "ILRS partners outline the next phase of the International Lunar Research Station",
            "Roscosmos and CNSA invite partners to the International Lunar Research Station",
            "What we know about the planned Chinese-Russian lunar base",
        ],
        "paras": [
            "The International Lunar Research Station, a project of the China National Space Administration and Roscosmos, is meant to become a long-term scientific base on the lunar surface and in lunar orbit, {agency_said}",
            "Officials said the ILRS would be open to all interested countries and international partners, and that the first construction phase could begin after {year_future}, although no binding timetable was published.",
            "Under the memorandum of understanding, the two agencies will work together on the planning, design, development and operation of the station, including a joint data centre for lunar and deep space exploration.",
            "Analysts note that the lunar research station is widely seen as a counterweight to the Artemis Accords, which {count} countries had signed by {year}.",
        ],
    },
    "artemis": {
        "titles": [
            "NASA's Artemis programme faces new schedule questions",
            "Artemis II crew prepares for a flight around the Moon",
            "More countries sign the Artemis Accords",
            "Lunar Gateway modules move toward launch under the Artemis program",
        ],
        "paras": [
            "NASA's Artemis program aims to return astronauts to the Moon and land the first woman and the next man on the lunar surface; in {year} the agency said the landing was targeted for {year_future}.",
            "The Artemis Accords, a set of principles for civil lunar exploration led by the United States, had been signed by {count} countries by {year}, while Russia and China stayed outside the agreement.",
            "Engineers working on the Space Launch System and the Orion capsule said the next integrated test would take place in {month} {year}, {agency_said}",
            "The Lunar Gateway, a small station in lunar orbit, is expected to support surface missions later in the decade, with modules contributed by partner agencies in Europe, Canada and Japan.",
        ],
    },
    "iss": {
        "titles": [
            "Crew rotation flight docks with the International Space Station",
            "ISS partners discuss the end of the station's life",
            "Cargo ship delivers experiments to the International Space Station",
            "Spacewalk completes repairs outside the ISS",
        ],
        "paras": [
            "The International Space Station has been continuously occupied since November 2000, and the partners have discussed extending operations until {year_future} before a controlled deorbit.",
            "A cargo vehicle arrived at the ISS on {month} {day}, {year}, carrying about {count} hundred kilograms of supplies and experiments for the crew of the orbiting laboratory.",
            "Since 2020 commercial crew flights have carried astronauts to the station, ending a period in which Soyuz was the only way to reach the ISS, {agency_said}",
            "Two astronauts spent almost seven hours outside the International Space Station on {month} {day} to replace a failed power unit and route new cables.",
        ],
    },
    "china": {
        "titles": [
            "Chang'e mission returns new samples from the Moon",
            "Tianwen-1 rover sends back images from Mars",
            "Shenzhou crew arrives at the Tiangong space station",
            "China sets out plans for crewed lunar landings in the 2030s",
        ],
        "paras": [
            "The Chang'e programme put the Yutu-2 rover on the far side of the Moon in 2019 and returned lunar samples with Chang'e-5 in December 2020; later missions are planned for the south polar region.",
            "Tianwen-1 reached Mars orbit in February 2021 and its Zhurong rover drove across Utopia Planitia for about a year, the China National Space Administration said.",
            "A Shenzhou spacecraft docked with the Tiangong space station on {month} {day}, {year}, and the crew was expected to stay for about six months, {agency_said}",
            "Chinese officials said they plan to land astronauts on the Moon before 2030, using a new heavy rocket and a lunar lander that is being tested in {year}.",
        ],
    },
    "other": {
        "titles": [
            "Astronomers spot a rocky exoplanet in its star's habitable zone",
            "Space telescope maps dust in a distant galaxy",
            "Mars rover finds layered rocks in an ancient river delta",
            "Small asteroid passes close to Earth",
            "Solar observatory records a strong flare",
            "Researchers test a new engine for small satellites",
            "Ocean satellite tracks rising sea levels",
            "Comet brightens as it nears the Sun",
        ],
        "paras": [
            "Astronomers using a space telescope said the planet orbits a small red dwarf every {count} days and receives about as much light as Earth does from the Sun.",
            "The rover has collected {count} rock cores so far, which a future mission may bring back to Earth for study in laboratories.",
            "The asteroid, about {count} metres across, passed well beyond the orbit of the Moon on {month} {day}, {year}, and posed no danger to the planet.",
            "Scientists said the flare was among the strongest of the solar cycle and briefly disrupted high-frequency radio communication on the day side of Earth.",
            "The small thruster uses a solid fuel and was tested for {count} minutes in a vacuum chamber, the company said in a statement in {month} {year}.",
            "Measurements from the satellite show that the global average sea level rose by several millimetres per year over the past decade, researchers wrote.",
        ],
    },
}

FILLERS = [
    "The announcement was welcomed by several research institutes, which said they hoped to take part in instrument development and data analysis.",
    "Funding for the next phase has not yet been approved, and budget documents published this year leave several questions open.",
    "Independent experts cautioned that similar plans have slipped before and that the published dates should be read as goals rather than commitments.",
    "The agency said more details would be released after a series of technical reviews planned for the coming months.",
    "Industry partners have already begun building test hardware, according to people familiar with the programme.",
]

AGENCY_SAID = [
    "the agency said in a statement.",
    "according to a press release published on Tuesday.",
    "officials told reporters at a briefing.",
    "a spokesperson said on Wednesday.",
]

MONTHS = "January February March April May June July August September October November December".split()

NAV = [
    "Skip to content",
    "Home | News | Space | Science | Opinion | Video | Podcasts",
    "Menu  Search  Subscribe  Sign in",
]
SHARE = ["Share on Facebook   Share on Twitter   Email   Print", "Share this article", "Tweet  Share  Pin"]
COOKIES = [
    "We use cookies to improve your experience. By continuing you agree to our cookie policy. Accept",
    "This site uses cookies. Manage preferences | Accept all",
]
COMMENTERS = ["spacefan42", "lunatic_orbit", "Rocketeer", "mkline", "orbitwatcher", "astro_amy"]
COMMENTS = [
    "Great article, thanks for the update!",
    "I'll believe it when I see the launch.",
    "Does anyone know when the next mission is scheduled?",
    "Interesting, but the timeline seems optimistic to me.",
]

TOPIC_KEYWORDS = {"ilrs": "ilrs", "artemis": "artemis", "iss": "iss", "china": "china-missions"}


@dataclass(frozen=True)
class Dump:
    """One generated raw dump and what the benchmark checks against."""

    index: int
    name: str  # file name in seeds/
    text: str
    title: str
    date: str  # ISO date
    publisher: str
    author: str
    theme: str  # ilrs / artemis / iss / china / other
    unique_name: str  # a person named only in the body


def unique_name(i: int) -> str:
    """A made-up 'First Last' name that no other article index gets.

    The surname encodes ``i`` in base 24 syllables (four syllables cover
    331,776 articles), with a fixed suffix so stemmers leave it alone.
    """
    digits = []
    n = i
    for _ in range(4):
        digits.append(SYLLABLES[n % len(SYLLABLES)])
        n //= len(SYLLABLES)
    surname = "".join(digits).capitalize() + "ak"
    first = SYLLABLES[(i * 7) % len(SYLLABLES)].capitalize() + SYLLABLES[(i * 11 + 3) % len(SYLLABLES)] + "o"
    return f"{first} {surname}"


def _fill(template: str, rng: random.Random, year: int) -> str:
    return template.format(
        year=year,
        year_future=year + rng.randint(2, 9),
        month=rng.choice(MONTHS),
        day=rng.randint(1, 28),
        count=rng.randint(3, 40),
        agency_said=rng.choice(AGENCY_SAID),
    )


def make_dump(seed: int, i: int) -> Dump:
    rng = random.Random(f"explainer-scale:{seed}:{i}")
    theme = rng.choices(list(THEMES), weights=[2, 3, 3, 3, 6])[0]
    spec = THEMES[theme]
    start = dt.date(2012, 1, 1).toordinal()
    day = dt.date.fromordinal(start + rng.randrange(13 * 365))
    publisher, domain = rng.choice(PUBLISHERS)
    author = rng.choice(AUTHORS)
    title = rng.choice(spec["titles"])
    if rng.random() < 0.5:
        title = f"{title} ({MONTHS[day.month - 1]} {day.year})"
    person = unique_name(i)

    paras = [_fill(p, rng, day.year) for p in rng.sample(spec["paras"], k=min(len(spec["paras"]), rng.randint(2, 4)))]
    if theme != "other" and rng.random() < 0.3:  # some articles mention a second topic
        other = rng.choice([t for t in THEMES if t not in ("other", theme)])
        paras.append(_fill(rng.choice(THEMES[other]["paras"]), rng, day.year))
    paras += rng.sample(FILLERS, k=rng.randint(1, 3))
    # The body-only name: never in the first paragraph (the lead) nor the title.
    where = rng.randint(1, len(paras))
    paras.insert(
        where,
        f"\u201cWe are looking at this very carefully,\u201d said {person}, a researcher who has followed "
        f"the programme for years, adding that the data released so far leaves room for more than one reading.",
    )

    slug_words = "-".join(title.lower().split()[:6])
    lines = [
        f" date {day.isoformat()} ",
        *NAV[: rng.randint(1, 3)],
        publisher,
        title,
        f"By {author} | {MONTHS[day.month - 1]} {day.day}, {day.year}",
        rng.choice(SHARE),
        "",
    ]
    for p in paras:
        lines += [p, ""]
    if rng.random() < 0.6:
        lines.append(f"Source: {publisher}, https://{domain}/{day.year}/{slug_words}-{i}")
    lines.append("Related articles")
    for t in rng.sample([t for s in THEMES.values() for t in s["titles"]], k=3):
        lines.append(f"  {t}")
    lines.append(rng.choice(COOKIES))
    n_comments = rng.randint(0, 3)
    if n_comments:
        lines.append(f"Comments ({n_comments})")
        for _ in range(n_comments):
            lines.append(f"{rng.choice(COMMENTERS)} · {rng.randint(1, 23)}h ago")
            lines.append(rng.choice(COMMENTS))
    lines.append(f"\u00a9 {day.year} {publisher}. All rights reserved. Privacy | Terms | Contact")
    text = "\n".join(lines) + "\n"
    digest = hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()[:16]
    return Dump(i, f"{i:05d}_{digest}.txt", text, title, day.isoformat(), publisher, author, theme, person)


def write_dumps(seeds_dir: Path, n: int, seed: int = 1) -> list[Dump]:
    """Write N dumps into ``seeds_dir`` (created) and return them."""
    seeds_dir.mkdir(parents=True, exist_ok=True)
    dumps = [make_dump(seed, i) for i in range(n)]
    for d in dumps:
        (seeds_dir / d.name).write_bytes(d.text.encode("utf-8"))
    return dumps

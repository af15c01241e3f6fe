"""Lean pages and lean search at (small) scale, built for real with MkDocs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import write_dumps  # noqa: E402
from scale import project_config, stand_in_ingest  # noqa: E402

from generator import pipeline, search  # noqa: E402


def _content(tmp: Path, n: int) -> tuple[Path, list]:
    """Seeds -> content/ for N synthetic articles (the benchmark's minimal ingest)."""
    dumps = write_dumps(tmp / "seeds", n, seed=11)
    content = tmp / "content"
    shutil.copytree(REPO / "content" / "topics", content / "topics")
    stand_in_ingest(tmp / "seeds", content)
    return content, dumps


def _slug_of(content: Path, dump) -> str:
    for p in (content / "articles").glob("*.md"):
        if f"source_file: {dump.name}" in p.read_text(encoding="utf-8"):
            return p.stem
    raise AssertionError(f"no article for {dump.name}")


@pytest.fixture(scope="module")
def content_120(tmp_path_factory):
    return _content(tmp_path_factory.mktemp("c120"), 120)


def test_paginated_indexes_never_exceed_the_page_size(content_120):
    content, _ = content_120
    model = pipeline.build_site_model(content, REPO / "templates", page_size=25)
    pages = {p.src_uri: p for p in model.pages}
    index_pages = [u for u in pages if u == "articles/index.md" or re.fullmatch(r"articles/page-\d+\.md", u)]
    assert len(index_pages) == 5  # 120 articles, 25 per page
    seen = []
    for uri in index_pages:
        rows = re.findall(r"^<tr><td>[^<]*</td><td><a href=\"([^\"]+)\">", pages[uri].html_after, flags=re.M)
        assert 0 < len(rows) <= 25, uri
        seen += rows
    assert len(seen) == len(set(seen)) == 120


def test_long_lists_on_topic_and_sources_pages_are_capped(content_120):
    content, _ = content_120
    model = pipeline.build_site_model(content, REPO / "templates")
    pages = {p.src_uri: p.markdown for p in model.pages}
    for uri, md in pages.items():
        if uri.startswith("topics/"):
            coverage = md.split("## Coverage", 1)[1]
            assert len(re.findall(r"^- \[", coverage, flags=re.M)) <= 30, uri
            if "most recent of" in coverage:
                assert "](../articles/index.md)" in coverage
    for section in pages["sources.md"].split("\n## ")[1:]:
        assert len(re.findall(r"^- \[", section, flags=re.M)) <= 5


def test_topic_sections_keep_curated_and_best_attested_events_in_date_order():
    from generator.analyse import TopicAnalysis
    from generator.analyse.timeline import TimelineEntry
    from generator.render import TIMELINE_LISTED, topic_sections

    n = TIMELINE_LISTED + 15
    entries = tuple(
        TimelineEntry(id=f"t{i}", date=f"{1950 + i}", precision="year", label=f"{1950 + i}", text=f"event {i}",
                      status="past", sources=tuple(f"a{k}" for k in range(1 + (i % 3 == 0) + (i == 5) * 5)),
                      curated=(i == 1))
        for i in range(n)
    )
    ta = TopicAnalysis("x", (), (), entries, (), (), (), ())
    shown = topic_sections(ta)["timeline"]
    assert len(shown) == TIMELINE_LISTED
    assert [e.date for e in shown] == sorted(e.date for e in shown)  # still in date order
    ids = {e.id for e in shown}
    assert "t1" in ids and "t5" in ids  # the editor's entry and the best-attested one
    assert all(f"t{i}" in ids for i in range(0, n, 3))  # every two-source event beats one-source ones
    dropped = [e for e in entries if e.id not in ids]
    assert all(len(e.sources) == 1 and not e.curated for e in dropped)
    assert topic_sections(TopicAnalysis("x", (), (), entries[:5], (), (), (), ()))["timeline"] == entries[:5]


def test_topic_pages_list_capped_sections_and_say_how_many_there_are(content_120):
    from generator.render import CITES_SHOWN, TIMELINE_LISTED

    content, _ = content_120
    model = pipeline.build_site_model(content, REPO / "templates")
    data = {t["id"]: t for t in json.loads(model.files["explainer.json"].read())["topics"]}
    pages = {p.src_uri: p.markdown for p in model.pages}
    capped = cut_cites = 0
    for tid, topic in data.items():
        md = pages[f"topics/{tid}.md"]
        timeline = md.split("## Timeline", 1)[1].split("\n## ", 1)[0] if "## Timeline" in md else ""
        listed = len(re.findall(r'^- <span class="ex-when">', timeline, flags=re.M))
        assert listed == min(len(topic["timeline"]), TIMELINE_LISTED), tid
        if len(topic["timeline"]) > TIMELINE_LISTED:
            capped += 1
            assert f"{TIMELINE_LISTED} of {len(topic['timeline'])} dated events are listed here" in timeline
            assert "[explainer.json](../explainer.json)" in timeline
        for line in md.splitlines():
            links = len(re.findall(r"\[\\\[\d+\\\]\]\(", line))
            assert links <= CITES_SHOWN, line[:80]
            more = re.search(r"\) and (\d+) more</span>", line)
            if more:
                assert links == CITES_SHOWN
                cut_cites += 1
    assert capped and cut_cites  # the fixture is big enough to exercise both caps


def test_article_pages_do_not_repeat_the_body(content_120):
    content, _ = content_120
    model = pipeline.build_site_model(content, REPO / "templates")
    for page in model.pages:
        if page.src_uri.startswith("articles/") and page.html_lead:
            body = page.inert_body if page.inert_body is not None else page.markdown.split("\n\n", 1)[1]
            assert page.inert_body is None or page.markdown == ""  # the body is handed over once
            first = body.split("\n\n")[0]  # the first paragraph
            assert body.count(first) == 1
            assert "<details" in page.html_after and "<details" not in body
            assert "ex-provenance" in page.html_lead


def test_lean_index_finds_body_only_words_and_skips_common_body_words():
    docs = [
        search.SearchDoc(f"a{i}/", f"Moon news {i}", "m", "A lead about the Moon.",
                         "Spacecraft spacecraft." + (" Zorbledrak said so." if i == 7 else ""))
        for i in range(40)
    ]
    files = search.build_index(docs, rare_df=5)
    assert search.search(files, "Zorbledrak") == ["a7/"]
    assert search.search(files, "zorble") == ["a7/"]  # prefix, as the reader types
    assert search.search(files, "spacecraft") == []  # in every body: not worth indexing
    assert len(search.search(files, "moon", limit=100)) == 40
    assert search.build_index(docs, rare_df=5) == files  # deterministic bytes


def test_tokens_fold_case_and_accents():
    assert search.tokens("Chang’e-5 ÉCLAIR the Moon") == ["chang", "eclair", "moon"]
    assert search.shard_key(search.tokens("Éclair")[0]) == "ec"
    assert search.shard_key(search.tokens("中国")[0]) == "__"


def _build(tmp: Path, content: Path, mode: str, threshold: int | None = None) -> Path:
    from generator.cli import build_site

    cfg = project_config(tmp, content, mode, threshold)
    site = tmp / "site"
    assert build_site(cfg, content, site) == 0
    return site


@pytest.fixture(scope="module")
def lean_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lean")
    content, dumps = _content(tmp, 30)
    return _build(tmp, content, "lean"), content, dumps


def test_lean_mode_build_finds_a_body_only_name(lean_site):
    site, content, dumps = lean_site
    assert not (site / "search" / "search_index.json").exists(), "Material's full-text index is off"
    files = {
        str(p.relative_to(site)): p.read_bytes() for p in (site / "search" / "lean").rglob("*.json")
    }
    for dump in (dumps[0], dumps[17], dumps[29]):
        surname = dump.unique_name.split()[-1]
        assert f"articles/{_slug_of(content, dump)}/" in search.search(files, surname)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "javascripts/explainer-search.js" in page
    assert 'data-md-component="search"' not in page  # no dead Material search box


def test_html_parts_link_to_pages_that_exist(lean_site):
    """Byline and index-table links are final URLs written by us: check them on the built site."""
    site, _, _ = lean_site
    checked = 0
    for page in [site / "articles" / "index.html", site / "articles" / "page-2" / "index.html",
                 *sorted((site / "articles").glob("0*/index.html"))[:5]]:
        if not page.exists():
            continue
        text = page.read_text(encoding="utf-8")
        parts = re.findall(r'<p class="ex-provenance[^"]*">.*?</p>|<div class="ex-index">.*?</table>', text, flags=re.S)
        assert parts, page
        for link in re.findall(r'href="([^"#]+)"', "".join(parts)):
            if link.startswith("http"):
                continue
            target = (page.parent / link).resolve()
            assert (target / "index.html").exists() or target.is_file(), (page, link)
            checked += 1
    assert checked > 30
    first = (site / "articles" / "index.html").read_text(encoding="utf-8")
    assert first.index("</h1>") < first.index('class="ex-index"')


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_browser_script_agrees_with_the_python_twin(lean_site):
    site, content, dumps = lean_site
    files = {str(p.relative_to(site)): p.read_bytes() for p in (site / "search" / "lean").rglob("*.json")}
    for query in (dumps[5].unique_name, "lunar station", "iss"):
        out = subprocess.run(
            ["node", str(REPO / "benchmarks" / "lean_query.mjs"), str(site), query],
            capture_output=True, text=True, check=True,
        )
        assert json.loads(out.stdout)["results"] == search.search(files, query), query


def test_auto_mode_keeps_material_search_below_the_threshold(tmp_path):
    content, _ = _content(tmp_path, 12)
    site = _build(tmp_path, content, "auto", threshold=2000)
    assert (site / "search" / "search_index.json").exists()
    assert not (site / "search" / "lean").exists()
    assert "explainer-search.js\"" not in (site / "index.html").read_text(encoding="utf-8")


def _has_pagefind() -> bool:
    import importlib.util

    return importlib.util.find_spec("pagefind") is not None


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory):
    if not _has_pagefind():
        pytest.skip("the pagefind package is not installed (pip install 'pagefind[bin]')")
    tmp = tmp_path_factory.mktemp("pagefind")
    content, dumps = _content(tmp, 30)
    return _build(tmp, content, "pagefind"), content, dumps


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_pagefind_mode_indexes_articles_and_finds_a_body_only_name(pagefind_site):
    site, content, dumps = pagefind_site
    assert not (site / "search" / "search_index.json").exists()
    assert "data-pagefind-body" not in (site / "articles" / "index.html").read_text(encoding="utf-8")
    dump = dumps[12]
    out = subprocess.run(
        ["node", str(REPO / "benchmarks" / "pagefind_query.mjs"), str(site), dump.unique_name.split()[-1]],
        capture_output=True, text=True, check=True,
    )
    assert json.loads(out.stdout)["results"] == [f"/articles/{_slug_of(content, dump)}/"]




def _browser_search(context, site: Path, query: str, box: str, hit: str) -> list[str]:
    """Type into the search box of a served page in headless Chromium; hrefs of the hits."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        try:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/topics/ilrs/")
            page.fill(box, query)
            page.wait_for_selector(hit, timeout=15000)
            hrefs = [h.get_attribute("href") for h in page.query_selector_all(hit)]
        finally:
            page.close()
    finally:
        server.shutdown()
    assert not errors, errors
    return [h.split("://", 1)[-1].split("/", 1)[-1] for h in hrefs]


def test_lean_search_box_works_in_the_material_header(lean_site, browser_context):
    site, content, dumps = lean_site
    dump = dumps[4]
    hits = _browser_search(browser_context, site, dump.unique_name.split()[-1], ".md-header .ex-search__input", ".ex-search__hit")
    assert hits == [f"articles/{_slug_of(content, dump)}/"]


def test_pagefind_ui_works_in_the_material_header(pagefind_site, browser_context):
    site, content, dumps = pagefind_site
    dump = dumps[4]
    hits = _browser_search(browser_context, site, dump.unique_name.split()[-1], ".md-header .pagefind-ui__search-input",
                           ".pagefind-ui__result-link")
    assert hits == [f"articles/{_slug_of(content, dump)}/"]

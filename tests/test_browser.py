"""End-to-end tests: the built site in headless Chromium, as a reader sees it.

The site is built from hand-written fixture content (tests/fixtures/sample/) with
``explainer build --no-ingest``, served from a thread on 127.0.0.1, and driven
with Playwright's Python API against Debian's Chromium (never a downloaded
browser).  Every request is routed: anything that leaves the site's own origin
is blocked and recorded, and the test that caused it fails.

The tests skip only when Chromium cannot be found or started.
Set SAVE_SCREENSHOTS=1 to refresh docs/screenshots/*.png.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from generator.content import load_content
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, sync_playwright

from tests.browser import CHROMIUM_ARGS, DESKTOP, find_chromium  # noqa: F401
from tests.sitebuild import (
    EVIL_SLUG, EVIL_TITLE, FIXTURE_CONTENT, REPO, SiteServer, build_fixture_site, build_hostile_site, html_pages,
    run_cli,
)

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "docs" / "screenshots"
MOBILE = {"width": 375, "height": 812}

# Fixture facts the assertions rely on (checked against the files in test_fixture_preconditions).
BODY_ONLY_NAME = "Zhang Kejian"
BODY_ONLY_ARTICLE = "change-5-returns-lunar-samples"
ILRS_ARTICLES = {
    "russia-china-sign-lunar-station-memorandum",
    "ilrs-roadmap-presented-in-st-petersburg",
    "moscow-and-beijing-open-lunar-base-to-partners",
}
ILRS_TITLE = "International Lunar Research Station (ILRS)"
ARTICLE = "russia-china-sign-lunar-station-memorandum"


# --------------------------------------------------------------------------
# Fixtures: one built site, one server, one browser per session.


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    return build_fixture_site(FIXTURE_CONTENT, tmp_path_factory.mktemp("fixture-site") / "site")


@pytest.fixture(scope="session")
def server(site_dir):
    with SiteServer(site_dir) as srv:
        yield srv


@dataclass
class Tab:
    """A page plus everything it did that a test may want to fail on."""

    page: Page
    origin: str
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def goto(self, path: str):
        response = self.page.goto(self.origin + "/" + path.lstrip("/"), wait_until="load")
        assert response is not None and response.ok, f"GET /{path} -> {response and response.status}"
        return response

    def check_clean(self) -> None:
        assert not self.foreign_requests, f"requests left the site's origin: {self.foreign_requests}"
        assert not self.dialogs, f"a page opened a dialog (script ran?): {self.dialogs}"
        assert not self.page_errors, f"uncaught JavaScript errors: {self.page_errors}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


def open_tab(context, origin: str) -> Tab:
    page = context.new_page()
    tab = Tab(page, origin)

    def route(route):
        url = route.request.url
        if url == origin or url.startswith(origin + "/"):
            route.continue_()
        else:
            tab.foreign_requests.append(url)
            route.abort("blockedbyclient")

    page.route("**/*", route)
    page.on("websocket", lambda ws: tab.foreign_requests.append(ws.url))
    page.on("console", lambda msg: tab.console_errors.append(f"{msg.text} @ {msg.location}")
            if msg.type == "error" else None)
    page.on("pageerror", lambda exc: tab.page_errors.append(str(exc)))
    page.on("requestfailed", lambda req: tab.failed_requests.append(req.url))

    def on_dialog(dialog):
        tab.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return tab


@pytest.fixture
def tab(browser_context, server):
    """A fresh page. Tests end with tab.check_clean(); the same check runs again at teardown as a net."""
    t = open_tab(browser_context, server.origin)
    try:
        yield t
        t.check_clean()
    finally:
        t.page.close()


def save_screenshot(page: Page, name: str, tmp_path: Path, *, full_page: bool = True) -> Path:
    """Always into the test's tmp dir; into docs/screenshots/ only with SAVE_SCREENSHOTS=1."""
    out = tmp_path / f"{name}.png"
    page.screenshot(path=str(out), full_page=full_page)
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(out, SCREENSHOTS / f"{name}.png")
    return out


def heading(locator) -> str:
    """A heading's text without the permalink sign MkDocs appends."""
    return locator.inner_text().replace("\u00b6", "").strip()


def path_of(href: str, base: str) -> str:
    """Absolute URL path of a link as the browser resolves it."""
    return urlsplit(urljoin(base, href)).path


# --------------------------------------------------------------------------
# Tests


def test_fixture_preconditions():
    """The name used by the search test occurs in exactly one article, and only in its body."""
    hits = []
    for p in sorted((FIXTURE_CONTENT / "articles").glob("*.md")):
        _, front, body = p.read_text(encoding="utf-8").split("---\n", 2)
        assert BODY_ONLY_NAME not in front, f"{p.name}: the name must not be in the front matter"
        if BODY_ONLY_NAME in body:
            hits.append(p.stem)
    assert hits == [BODY_ONLY_ARTICLE]


def test_harness_blocks_and_reports_off_origin_requests(tab):
    """The guard itself: a page that loads something from another host makes check_clean fail."""
    tab.goto("/")
    tab.page.evaluate(
        """() => new Promise(done => {
            const img = new Image();
            img.onload = img.onerror = () => done();
            img.src = 'https://cdn.example.net/pixel.png';
        })"""
    )
    assert tab.foreign_requests == ["https://cdn.example.net/pixel.png"]
    with pytest.raises(AssertionError, match="left the site's origin"):
        tab.check_clean()
    tab.foreign_requests.clear()
    tab.console_errors.clear()  # the blocked image is also logged as a failed load


def test_home_loads_without_console_errors(tab):
    tab.goto("/")
    page = tab.page
    assert page.title() == "Space Explainer"
    assert heading(page.locator("h1").first) == "Space Explainer"
    # The home page says what the site is and routes to every topic.
    lead = page.locator(".ex-lead").inner_text()
    assert "explainer" in lead.lower() or "explain" in lead.lower()
    for slug in ("ilrs", "artemis", "iss", "china-missions"):
        link = page.locator(f"article a[href$='topics/{slug}/']")
        assert link.count() >= 1, f"home page has no link to topic {slug}"
    page.wait_for_load_state("networkidle")
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


def test_search_finds_a_name_only_in_an_article_body(tab):
    tab.goto("/")
    page = tab.page
    box = page.locator("input.md-search__input")
    box.click()
    # Material's worker loads the index in the background; type once it is ready, like a reader.
    page.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=15_000,
    )
    box.press_sequentially(BODY_ONLY_NAME, delay=20)
    result = page.locator(f".md-search-result__item a[href*='articles/{BODY_ONLY_ARTICLE}/']")
    result.first.wait_for(state="attached", timeout=15_000)
    assert page.locator(".md-search-result__item").count() >= 1
    # The search worker fetched the index from this origin only.
    page.wait_for_load_state("networkidle")
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


def test_ilrs_topic_page_summary_and_coverage(tab):
    tab.goto("/topics/ilrs/")
    page = tab.page
    assert heading(page.locator("article h1")) == ILRS_TITLE
    summary = page.locator(".ex-summary").inner_text()
    assert "memorandum of understanding" in summary and "9 March 2021" in summary
    assert "3 articles" in page.locator(".ex-meta").inner_text()
    coverage = page.locator(".ex-source > p > a")
    linked = {path_of(a.get_attribute("href"), page.url) for a in coverage.all()}
    assert linked == {f"/articles/{slug}/" for slug in ILRS_ARTICLES}
    # Following a coverage link lands on that article.
    first = coverage.first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/articles/[^/]+/$"))
    assert heading(page.locator("article h1")) == title
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


def test_ilrs_explainer_sections(tab):
    """Key facts, Timeline and Key players, each citing articles of this topic."""
    tab.goto("/topics/ilrs/")
    page = tab.page
    headings = [heading(h) for h in page.locator("article h2").all()]
    for wanted in ("Key facts", "Timeline", "Key players"):
        assert wanted in headings, f"ILRS page lacks a '{wanted}' section: {headings}"
    allowed = {f"/articles/{slug}/" for slug in ILRS_ARTICLES}

    facts = page.locator("h2#key-facts + ol > li")
    assert facts.count() >= 1
    for fact in facts.all():
        cites = fact.locator(".ex-cite a")
        assert cites.count() >= 1, f"fact without a citation: {fact.inner_text()}"
        for a in cites.all():
            assert path_of(a.get_attribute("href"), page.url) in allowed, fact.inner_text()

    events = page.locator(".ex-timeline > ul > li")
    assert events.count() >= 1
    for event in events.all():
        assert event.locator(".ex-when").inner_text().strip()
        for a in event.locator("a[href*='articles/']").all():
            assert path_of(a.get_attribute("href"), page.url) in allowed, event.inner_text()

    rows = page.locator("xpath=//h2[@id='key-players']/following-sibling::*[1]//tbody/tr")  # the table after it
    assert rows.count() >= 1
    names = [r.locator("td").first.inner_text() for r in rows.all()]
    assert any("Roscosmos" in n for n in names) or any("CNSA" in n or "China National" in n for n in names), names

    # A citation leads to the cited article.
    first = page.locator("h2#key-facts + ol .ex-cite a").first
    target = path_of(first.get_attribute("href"), page.url)
    first.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


def test_navigation_between_topics(tab):
    tab.goto("/")
    page = tab.page
    page.locator(".md-tabs__link", has_text="Topics").click()
    page.wait_for_url(re.compile(r"/topics/[^/]+/$"))
    assert heading(page.locator("article h1")) == ILRS_TITLE  # the first topic by `order`
    # The sidebar lists every topic; go to Artemis, then to the ISS.
    nav = page.locator("nav.md-nav--primary")
    nav.get_by_role("link", name="NASA's Artemis programme", exact=True).click()
    page.wait_for_url(re.compile(r"/topics/artemis/$"))
    assert heading(page.locator("article h1")) == "NASA's Artemis programme"
    nav.get_by_role("link", name="International Space Station (ISS)", exact=True).click()
    page.wait_for_url(re.compile(r"/topics/iss/$"))
    # And back home through the tab.
    page.locator(".md-tabs__link", has_text="Home").click()
    page.wait_for_url(re.compile(r"/$"))
    assert heading(page.locator("article h1")) == "Space Explainer"
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


MOBILE_PAGES = ["/", "/topics/ilrs/", f"/articles/{ARTICLE}/", "/articles/", "/sources/"]


def test_mobile_has_no_horizontal_scrolling(tab, tmp_path):
    page = tab.page
    page.set_viewport_size(MOBILE)
    for path in MOBILE_PAGES:
        tab.goto(path)
        width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways at 375px: {width[0]} > {width[1]}"
    tab.goto("/topics/ilrs/")
    save_screenshot(page, "mobile-topic", tmp_path)
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


def _axe_violations(page: Page) -> list[dict]:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(REPO)} is missing: run `npm ci` (make test does it)")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary),
            }));
        }"""
    )


AXE_PAGES = ["/", "/topics/ilrs/", f"/articles/{ARTICLE}/", "/articles/", "/sources/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", AXE_PAGES)
def test_accessibility_no_serious_violations(tab, path, scheme):
    tab.page.emulate_media(color_scheme=scheme)
    tab.goto(path)
    bad = [v for v in _axe_violations(tab.page) if v["impact"] in ("serious", "critical")]
    assert not bad, "axe-core found:\n" + "\n".join(
        f"- {v['impact']} {v['id']}: {v['help']}\n    " + "\n    ".join(v["nodes"]) for v in bad
    )
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


def test_no_page_requests_anything_off_site(tab, site_dir):
    """Every page, including its scripts, styles, icons and the search worker, stays on this origin."""
    pages = html_pages(site_dir)
    assert len(pages) >= 10
    for path in pages:
        tab.goto(path)
        tab.page.wait_for_load_state("networkidle")
    assert not tab.failed_requests, f"requests failed: {tab.failed_requests}"
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


def test_article_page_shows_provenance(tab):
    tab.goto(f"/articles/{ARTICLE}/")
    page = tab.page
    prov = " ".join(page.locator(".ex-provenance").all_inner_texts())  # one block or two paragraphs
    assert "Orbit Weekly" in prov and "9 March 2021" in prov
    topic_links = {path_of(a.get_attribute("href"), page.url) for a in page.locator(".ex-provenance a[href*='topics/']").all()}
    assert topic_links == {"/topics/ilrs/", "/topics/china-missions/"}
    # text_content, not inner_text: the box may be a collapsed <details>.
    text = page.locator(".ex-origin").text_content()
    assert "104_b3326aee1ec142a9.txt" in text and "b3326aee1ec1" in text
    article = {a.id: a for a in load_content(FIXTURE_CONTENT).articles}[ARTICLE]
    assert article.dropped_lines, "the fixture article records removed boilerplate"
    assert f"{article.dropped_lines} lines" in text, text
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


def test_screenshots(tab, tmp_path):
    """Home, ILRS topic and an article at desktop width (see docs/site.md)."""
    page = tab.page
    for name, path in (("home", "/"), ("topic-ilrs", "/topics/ilrs/"), ("article", f"/articles/{ARTICLE}/")):
        tab.goto(path)
        out = save_screenshot(page, name, tmp_path)
        assert out.stat().st_size > 10_000
    page.set_viewport_size(MOBILE)
    tab.goto("/")
    save_screenshot(page, "mobile-home", tmp_path)
    tab.check_clean()  # fail (not error) on off-origin requests, console errors, dialogs


def test_site_from_real_seeds(browser_context, tmp_path):
    """The whole way: seeds -> ingest -> content -> site, then read it in the browser."""
    content, site = tmp_path / "content", tmp_path / "site"
    shutil.copytree(REPO / "content" / "topics", content / "topics")
    proc = run_cli(
        "build", "--quiet", "--seeds", str(REPO / "seeds"),
        "--content-dir", str(content), "--site-dir", str(site), "--config", str(REPO / "mkdocs.yml"),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    articles = sorted((content / "articles").glob("*.md"))
    assert len(articles) >= 3
    with SiteServer(site) as srv:
        t = open_tab(browser_context, srv.origin)
        try:
            t.goto("/")
            assert heading(t.page.locator("article h1").first)
            t.goto("/topics/ilrs/")
            coverage = t.page.locator(".ex-source > p > a")
            assert coverage.count() >= 1, "no seed article was assigned to the ILRS topic"
            assert coverage.count() == 5  # every seed is about the lunar station
            for a in coverage.all():
                target = path_of(a.get_attribute("href"), t.page.url)
                assert (site / target.strip("/") / "index.html").is_file(), target
            # The README's picture of the product: the ILRS explainer built from seeds/.
            t.page.set_viewport_size({"width": 1280, "height": 1800})
            save_screenshot(t.page, "seeds-ilrs", tmp_path, full_page=False)
            t.page.set_viewport_size(DESKTOP)
            t.goto(f"/articles/{articles[0].stem}/")
            bad = [v for v in _axe_violations(t.page) if v["impact"] in ("serious", "critical")]
            assert not bad, bad
            # Freshly ingested articles are built without Markdown (bodyhtml.py): their
            # sub-headings still get ids, permalinks and entries in the page's TOC sidebar.
            with_headings = next(p for p in articles if "\n### " in p.read_text(encoding="utf-8"))
            t.goto(f"/articles/{with_headings.stem}/")
            headings = t.page.locator("article h3[id]")
            assert headings.count() >= 1
            toc = t.page.locator(".md-sidebar--secondary a.md-nav__link")
            toc_targets = [a.get_attribute("href") for a in toc.all()]
            for h in headings.all():
                anchor = "#" + h.get_attribute("id")
                assert anchor in toc_targets, (anchor, toc_targets)
                assert h.locator(f"a.headerlink[href='{anchor}']").count() == 1
                assert heading(h) in " ".join(toc.all_inner_texts())
            t.check_clean()
        finally:
            t.page.close()


def test_hostile_title_runs_no_script_in_the_browser(browser_context, tmp_path_factory):
    """The article titled <script>alert(1)</script> is shown as text: pages and search open no dialog."""
    site = build_hostile_site(tmp_path_factory.mktemp("hostile-browser"))
    with SiteServer(site) as srv:
        t = open_tab(browser_context, srv.origin)
        try:
            for path in ("/", f"/articles/{EVIL_SLUG}/", "/topics/ilrs/", "/articles/", "/sources/"):
                t.goto(path)
            t.goto(f"/articles/{EVIL_SLUG}/")
            assert heading(t.page.locator("article h1")) == EVIL_TITLE
            assert t.page.title() == f"{EVIL_TITLE} - Space Explainer"
            box = t.page.locator("input.md-search__input")
            box.click()
            t.page.wait_for_function(
                "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)"
            )
            box.press_sequentially("harmless", delay=20)  # in the hostile article: its title is listed
            item = t.page.locator(f".md-search-result__item a[href*='articles/{EVIL_SLUG}/']").first
            item.wait_for(state="attached", timeout=15_000)
            assert "<script>alert(1)</script>" in item.inner_text()  # shown as text
            t.page.wait_for_timeout(300)
            t.check_clean()  # includes: no dialog was opened
        finally:
            t.page.close()

"""The exploration UI in a real browser: Debian's Chromium, headless, driven by Playwright against a real
`isnad serve` on 127.0.0.1 (tests/setup.sh installs chromium; playwright is a test dependency, and
`playwright install` is never run: the system browser is used).

Every test also checks that the browser asked for nothing outside 127.0.0.1 (every request is recorded)
and logged no console error (a Content-Security-Policy violation is one), and writes a screenshot of each
page it visits to test-artifacts/."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from urllib.parse import quote, urlsplit

import pytest
from playwright import sync_api

from conftest import REPO, ServerProcess

# Debian's Chromium, installed by tests/setup.sh; a missing browser is a failure, never a skip.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.slow
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
KATAIB = "/id/actor/kataib-hezbollah"


@pytest.fixture(scope="module")
def browser(served_seed_store: ServerProcess) -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Watched:
    """A page whose requests and console messages are recorded."""

    def __init__(self, page, base_url: str, name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.name = name
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.shots = 0
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"

    def shot(self, label: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.shots += 1
        self.page.screenshot(path=str(ARTIFACTS / f"ui-{self.name}-{self.shots}-{label}.png"), full_page=True)

    def check_clean(self) -> None:
        outside = [url for url in self.requests
                   if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).hostname != "127.0.0.1"]
        assert outside == [], f"requests outside 127.0.0.1: {outside}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def watched(browser, served_seed_store: ServerProcess, request) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(20_000)
    watcher = Watched(page, served_seed_store.base_url, request.node.name.removeprefix("test_"))
    yield watcher
    context.close()
    watcher.check_clean()


def run_in_editor(w: Watched) -> int:
    """Press YASGUI's run button and wait for the results table; the number of rows shown."""
    w.page.locator(".yasqe_queryButton").first.click()
    rows = w.page.locator(".yasr table.dataTable tbody tr")
    rows.first.wait_for()
    w.page.wait_for_function("document.querySelectorAll('.yasr table.dataTable tbody tr td').length > 1")
    return rows.count()


def test_saved_query_runs_and_shows_rows(watched: Watched) -> None:
    w = watched
    page = w.page
    saved_page = page.request.get(w.base_url + "/queries/troop-levels", headers={"Accept": "text/html"})
    if saved_page.status == 200 and 'id="parameters"' in saved_page.text():
        # The saved query's own page: run it through its form and see the rows.
        w.goto("/queries/troop-levels")
        page.locator("form#parameters button[type=submit]").click()
        page.wait_for_load_state()
        assert "/queries/troop-levels" in page.url
        assert page.locator("#answer tbody tr").count() >= 3  # the seed articles give four US troop figures
        assert "2500" in page.locator("#answer").inner_text()
        w.shot("saved-query-page")
        # Its "open in the editor" link prefills the SPARQL editor, where the query runs again.
        page.locator("#open-in-editor").click()
        page.wait_for_url("**/sparql-editor?query=**")
        page.locator("#yasgui[data-ready=true]").wait_for()
        assert "isnad:TroopLevel" in page.evaluate("window.isnadYasgui.getTab().getQuery()")
        assert run_in_editor(w) >= 3
        w.shot("saved-query-in-editor")
        return
    # No saved-query pages on this server: the same saved query through the editor's examples.
    run_saved_query_from_editor_examples(w)


def test_editor_offers_the_saved_queries_as_examples(watched: Watched) -> None:
    run_saved_query_from_editor_examples(watched)


def run_saved_query_from_editor_examples(w: Watched) -> None:
    page = w.page
    w.goto("/sparql-editor")
    page.locator("#yasgui[data-ready=true]").wait_for()
    options = page.locator("#examples option").all_inner_texts()
    assert any("(troop-levels)" in o for o in options), options
    page.select_option("#examples", "troop-levels")
    page.wait_for_function("window.isnadYasgui.getTab().getQuery().includes('isnad:TroopLevel')")
    assert run_in_editor(w) >= 3  # the seed articles give four US troop figures
    table = page.locator(".yasr table.dataTable").inner_text()
    assert "2500" in table and "as_of_date" in table
    w.shot("example-in-editor")


def test_sparql_editor_runs_a_query_with_table_raw_and_chart_views(watched: Watched) -> None:
    w = watched
    page = w.page
    query = ("SELECT ?kind (COUNT(?claim) AS ?claims) WHERE { ?claim a isnad:Claim ; isnad:fromArticle ?a . "
             "BIND(REPLACE(STR(?claim), '^.*/([a-z-]+)-[0-9a-f]+$', '$1') AS ?kind) } GROUP BY ?kind ORDER BY ?kind")
    w.goto("/sparql-editor?query=" + quote(query))
    page.locator("#yasgui[data-ready=true]").wait_for()
    editor_text = page.evaluate("window.isnadYasgui.getTab().getQuery()")
    assert "COUNT(?claim)" in editor_text and "PREFIX isnad: <https://isnad.example.org/ontology#>" in editor_text
    endpoint = page.evaluate("window.isnadYasgui.getTab().getEndpoint()")
    assert endpoint == w.base_url + "/sparql"
    assert run_in_editor(w) >= 3
    table = page.locator(".yasr table.dataTable").inner_text()
    assert "statement" in table and "relation" in table
    w.shot("table")
    page.locator(".yasr .select_response").click()
    page.locator(".yasr .CodeMirror, .yasr pre, .yasr .cm-editor").first.wait_for()
    assert '"claims"' in page.locator(".yasr").inner_text()
    w.shot("raw")
    page.locator(".yasr .select_chart").click()
    bars = page.locator(".yasr .chart-plugin rect.bar")
    bars.first.wait_for()
    assert bars.count() >= 3
    w.shot("chart")


def test_kataib_hezbollah_page_quote_rtl_inferred_backing_explained_to_the_article(watched: Watched) -> None:
    w = watched
    page = w.page
    w.goto(KATAIB)
    assert "Kataib Hezbollah" in page.locator("h1").inner_text()
    quote_box = page.locator("blockquote[lang=ar]").first
    assert re.search(r"[\u0600-\u06FF]", quote_box.inner_text())
    assert quote_box.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # The backing by Iran is stated by an article and also derived by the reasoner: marked, with its why.
    iran = page.locator("li.fact", has=page.locator("a[href='/id/actor/iran']")).filter(has_text="inferred").first
    assert "inferred" in iran.inner_text()
    # The neighbourhood graph draws it as an inferred edge to Iran, and its nodes link to their pages.
    page.locator("#entity-graph[data-ready=true]").wait_for()
    edge = page.evaluate("""() => window.isnadGraph.edges().filter(e => e.data('target').endsWith('/actor/iran')
        && e.data('predicate').endsWith('#backedBy')).map(e => e.data())[0]""")
    assert edge["inferred"] is True and edge["explain"].startswith("/explain?")
    assert page.evaluate("window.isnadGraph.edges('.inferred').length") > 0  # some edges are inferred only
    w.shot("entity")
    iran.locator("a.why").click()
    page.wait_for_url("**/explain?**")
    tree = page.locator("#explanation")
    assert "backedBy" in tree.inner_text() and "derived by" in tree.inner_text()
    assert tree.locator("blockquote[lang=ar]").count() >= 1
    w.shot("explanation")
    tree.locator("a.article-link").first.click()
    page.wait_for_url("**/articles/**")
    text = page.locator("#article-text")
    assert text.get_attribute("lang") == "ar"
    assert text.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator("mark.claim").count() > 5
    assert "كتائب حزب الله" in text.inner_text()
    assert page.locator("#claims li").count() > 5
    w.shot("article")


def test_clicking_a_graph_node_opens_its_page(watched: Watched) -> None:
    w = watched
    page = w.page
    w.goto(KATAIB)
    page.locator("#entity-graph[data-ready=true]").wait_for()
    position = page.evaluate("""() => {
        const n = window.isnadGraph.nodes().filter(n => n.id().endsWith('/actor/iran'))[0];
        const box = document.getElementById('entity-graph').getBoundingClientRect();
        const p = n.renderedPosition(); return {x: box.left + p.x, y: box.top + p.y}; }""")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_url("**/id/actor/iran")
    assert "Iran" in page.locator("h1").inner_text()


def test_search_in_arabic_lands_on_the_united_states(watched: Watched) -> None:
    w = watched
    page = w.page
    w.goto("/")
    counts = page.locator("#counts").inner_text()
    assert "articles" in counts and "inferred facts" in counts and "troop levels" in counts
    w.shot("home")
    page.locator("form.big-search input[name=q]").fill("أمريكي")
    page.locator("form.big-search button").click()
    page.wait_for_url("**/search?q=**")
    first = page.locator("#entity-results a.entity-hit").first
    assert first.inner_text() == "United States"
    assert page.locator("#claim-results blockquote[lang=ar]").count() > 0
    w.shot("search")
    first.click()
    page.wait_for_url("**/id/actor/united-states")
    assert "United States" in page.locator("h1").inner_text()


def test_timeline_and_troop_levels_link_to_their_evidence(watched: Watched) -> None:
    w = watched
    page = w.page
    w.goto("/timeline?kind=attack&kind=strike")
    items = page.locator("#timeline-items > li")
    assert items.count() >= 3
    assert {k for k in page.locator("#timeline-items > li").evaluate_all("els => els.map(e => e.dataset.kind)")} \
        <= {"attack", "strike"}
    assert page.locator("svg.timeline-svg circle").count() == items.count()
    w.shot("timeline")
    evidence = page.locator("#timeline-items a.evidence").first
    evidence.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("mark.claim:target").count() == 1  # the linked sentence is the highlighted target
    w.goto("/troop-levels")
    assert page.locator("#troop-chart circle.point").count() >= 3
    assert "2,500" in page.locator("#troop-table").inner_text()
    w.shot("troop-levels")
    page.locator("#troop-chart a.troop-point").first.click()
    page.wait_for_url("**/articles/**")

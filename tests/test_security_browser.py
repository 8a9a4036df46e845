"""What a browser makes of the pages, in headless Chromium (Debian's, driven by Playwright, as in
tests/test_ui_browser.py) against a real `isnad serve` on 127.0.0.1:

* an article whose title, outlet and text carry script (ingested through the authorised write API) is
  shown as text on every page that shows it: no script runs, no dialog opens;
* every HTML page sends a Content-Security-Policy that allows only the server's own assets, and the UI
  pages work under it: no violation is reported (by the browser's console or its
  `securitypolicyviolation` event) on the home, SPARQL editor, entity, saved-query and article pages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from playwright import sync_api
from test_ui_browser import CHROMIUM, CHROMIUM_ARGS, KATAIB, Watched, run_in_editor

from conftest import ServerProcess, start_server

pytestmark = pytest.mark.slow

TOKEN = "browser-token"
XSS_ID = "990_script_in_article"
PAYLOAD = "<script>window.__pwned = 'script'</script><img src=x onerror=\"window.__pwned = 'img'; alert(1)\">"
ARTICLE = {
    "id": XSS_ID,
    "title": f"عنوان {PAYLOAD}",
    "outlet": f"\"><svg onload=\"window.__pwned = 'outlet'\">{PAYLOAD}",
    "text": f"قالت وزارة الدفاع العراقية اليوم إن المحادثات مع التحالف الدولي مستمرة {PAYLOAD}.\n"
            f"وأضافت الوزارة أن القوات الأمريكية في العراق {PAYLOAD} باقية.",
    "published": "2024-02-11",
    "published_basis": f"stated {PAYLOAD}",
    "source": "javascript:window.__pwned='source'",
}
# What every page must have kept as text.
SHOWN = "<script>window.__pwned = 'script'</script>"
RECORD_VIOLATIONS = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def server(seed_store, tmp_path_factory) -> Iterator[ServerProcess]:
    store = tmp_path_factory.mktemp("browser-security") / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    process = start_server(store, env={"ISNAD_TOKEN": TOKEN})
    posted = httpx.post(process.base_url + "/articles", json=ARTICLE, timeout=120,
                        headers={"Authorization": f"Bearer {TOKEN}"})
    assert posted.status_code == 201, posted.text
    yield process
    process.stop()


@pytest.fixture(scope="module")
def browser(server) -> Iterator:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def watched(browser, server, request) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(20_000)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    watcher = Watched(page, server.base_url, "security-" + request.node.name.removeprefix("test_"))
    yield watcher
    context.close()
    watcher.check_clean()  # nothing asked from outside 127.0.0.1, no console error (CSP violations are)
    assert dialogs == []


def assert_no_script_ran(w: Watched) -> None:
    assert w.page.evaluate("typeof window.__pwned") == "undefined", w.page.evaluate("window.__pwned")
    assert w.page.evaluate("window.__cspViolations") == []


# Pages that show the payload (as text), and pages that may show parts of it (quotes, search hits).
PAGES_WITH_THE_ARTICLE = [
    f"/articles/{XSS_ID}",
    f"/id/article/{XSS_ID}",
    "/",
    "/explain?s=" + quote("x" + SHOWN) + "&p=isnad:backedBy&o=iran",
]
PAGES_WITH_PARTS = ["/search?q=" + quote("المحادثات"), f"/queries/article?article={XSS_ID}&format=html",
                    "/timeline", "/troop-levels"]


def test_script_in_an_article_is_shown_as_text_and_never_runs(watched: Watched) -> None:
    w = watched
    for path in PAGES_WITH_THE_ARTICLE + PAGES_WITH_PARTS:
        response = w.page.goto(w.base_url + path)
        assert response is not None and response.status in (200, 404), (path, response and response.status)
        if response.status == 404:  # the page meant to say "not found" (with the payload in its message)
            w.errors[:] = [e for e in w.errors if "status of 404" not in e]
        if path in PAGES_WITH_THE_ARTICLE:
            assert SHOWN in w.page.locator("body").inner_text(), path
        assert_no_script_ran(w)
        w.shot(path.strip("/").split("?")[0].replace("/", "-") or "home")
    w.goto("/sparql-editor?query=" + quote(f"SELECT * WHERE {{ ?s ?p \"{SHOWN}\" }}"))
    w.page.locator("#yasgui[data-ready=true]").wait_for()
    assert SHOWN in w.page.evaluate("window.isnadYasgui.getTab().getQuery()")
    assert_no_script_ran(w)
    # The article page shows the payload where it belongs: in the title and in the text, as text.
    w.goto(f"/articles/{XSS_ID}")
    assert "<img src=x onerror=" in w.page.locator("h1").inner_text()
    assert w.page.locator("#article-text script, #article-text img, h1 img, h1 script").count() == 0


def test_every_html_page_sends_the_policy(server) -> None:
    pages = ["/", "/sparql-editor", KATAIB, "/queries", "/queries/troop-levels", "/search?q=iran", "/timeline",
             "/troop-levels", f"/articles/{XSS_ID}", "/dumps/", "/sparql", "/graph/provenance", "/ontology",
             "/explain?s=kataib-hezbollah&p=isnad:backedBy&o=iran", "/id/actor/no-such-actor", "/articles/missing",
             "/docs"]
    for path in pages:
        response = httpx.get(server.base_url + path, headers={"Accept": "text/html"}, timeout=60)
        assert response.headers["content-type"].startswith("text/html"), path
        policy = response.headers.get("content-security-policy", "")
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert directives.get("default-src") == "'self'", (path, policy)
        assert directives.get("script-src") == "'self'", (path, policy)  # no inline script, no other host
        assert directives.get("object-src") == "'none'" and directives.get("frame-ancestors") == "'self'", path
        sources = " ".join(directives.values())
        assert "http" not in sources and "*" not in sources, (path, policy)
        assert response.headers.get("x-content-type-options") == "nosniff", path


def test_the_ui_works_under_the_policy(watched: Watched) -> None:
    w = watched
    page = w.page
    w.goto("/")
    assert "articles" in page.locator("#counts").inner_text()
    assert_no_script_ran(w)
    w.goto("/sparql-editor")
    page.locator("#yasgui[data-ready=true]").wait_for()
    assert run_in_editor(w) >= 1  # YASGUI's table writes inline styles: allowed on this page only
    assert_no_script_ran(w)
    w.goto(KATAIB)
    page.locator("#entity-graph[data-ready=true]").wait_for()  # cytoscape draws the neighbourhood
    assert page.evaluate("window.isnadGraph.nodes().length") > 1
    assert_no_script_ran(w)
    w.goto("/queries/troop-levels")
    page.locator("form#parameters button[type=submit]").click()
    page.wait_for_load_state()
    assert "as_of_date" in page.locator("#answer thead").inner_text()
    assert_no_script_ran(w)
    w.goto("/ontology")
    assert "Claim" in page.locator("body").inner_text()
    assert_no_script_ran(w)
    w.shot("ontology")
    # The API documentation: the vendored Swagger UI lists the operations (nothing loaded from a CDN).
    w.goto("/docs")
    page.locator(".opblock-summary-path", has_text="/sparql").first.wait_for()
    assert page.locator(".opblock").count() > 20
    assert_no_script_ran(w)
    w.shot("api-docs")

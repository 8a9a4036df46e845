"""The exploration UI's routes without a browser: search (Arabic normalization and clitics), explanations,
timeline, troop levels, articles, editor configuration and completion, the security policy, and the
vendored libraries. The browser side is in tests/test_ui_browser.py."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from isnad.server.app import create_app
from isnad.server.ui_search import word_variants
from isnad.settings import Settings

BASE = "https://isnad.example.org/"
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(seed_store: Path):
    with TestClient(create_app(Settings.from_env(store=seed_store))) as test_client:
        yield test_client


def test_clitic_variants_reach_the_bare_word() -> None:
    assert {"العراق", "عراق"} <= word_variants("بالعراق")
    assert "القوات" in word_variants("للقوات")  # لل = ل + ال with the alef dropped
    assert "العراق" in word_variants("وبالعراق")
    assert word_variants("في") == {"في"}  # too short to lose a letter


@pytest.mark.parametrize(("query", "first"), [
    ("أمريكي", "united-states"),  # a nisba the gazetteer knows, in the other spelling than الأميركي
    ("الأميركية", "united-states"),
    ("بالعراق", "iraq"),  # clitic ب before العراق
    ("Kataib Hezbollah", "kataib-hezbollah"),
    ("كتائب حزب الله", "kataib-hezbollah"),
])
def test_search_finds_entities_by_arabic_or_english_label(client: TestClient, query: str, first: str) -> None:
    answer = client.get("/search", params={"q": query, "format": "json"}).json()
    assert answer["entities"], answer
    assert answer["entities"][0]["iri"].endswith("/" + first)


def test_search_finds_claims_by_the_words_of_their_quotes_in_any_spelling(client: TestClient) -> None:
    answer = client.get("/search", params={"q": "أمريكي"}, headers={"Accept": "application/json"}).json()
    quotes = [c["quote"] for c in answer["claims"]]
    assert any("الأميركي" in q for q in quotes), "أمريكي should find quotes spelling it الأميركي"
    assert all(c["article_href"].startswith("/articles/") and c["claims"] for c in answer["claims"])
    both = client.get("/search", params={"q": "سليماني قاسم", "format": "json"}).json()["claims"]
    assert both and all("سليماني" in c["quote"] for c in both)


def test_search_page_escapes_what_it_is_given(client: TestClient) -> None:
    page = client.get("/search", params={"q": "<script>alert(1)</script>"}, headers=HTML)
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_html_pages_carry_a_self_only_content_security_policy(client: TestClient) -> None:
    for path in ("/", "/search?q=x", "/timeline", "/troop-levels", "/id/actor/kataib-hezbollah",
                 "/articles/001_989b01d71f21a984"):
        response = client.get(path, headers=HTML)
        assert response.status_code == 200, path
        policy = response.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'self'" in policy and "unsafe" not in policy, path
        # Every script and style sheet the page loads is local.
        for url in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', response.text):
            assert url.startswith(("/", "?")), (path, url)
    editor = client.get("/sparql-editor", headers=HTML).headers["content-security-policy"]
    assert "script-src 'self';" in editor  # only the editor's styles are relaxed (YASGUI's table writes <style>)


def test_vendored_libraries_are_served_with_their_license_headers(client: TestClient) -> None:
    yasgui = client.get("/static/vendor/yasgui/yasgui.min.js")
    assert yasgui.status_code == 200 and yasgui.text.startswith("/*! @zazuko/yasgui 4.6.2 | MIT License")
    cytoscape = client.get("/static/vendor/cytoscape/cytoscape.min.js")
    assert cytoscape.status_code == 200 and "Copyright (c) 2016-" in cytoscape.text[:200]
    assert "Permission is hereby granted" in cytoscape.text[:1500]
    assert client.get("/static/vendor/yasgui/LICENSE").status_code == 200
    assert "sourceMappingURL" not in yasgui.text[-300:]


def test_editor_presets_endpoint_prefixes_and_saved_queries_as_examples(client: TestClient) -> None:
    page = client.get("/sparql-editor", params={"query": "SELECT * WHERE { ?s isnad:backedBy ?o }"}, headers=HTML)
    config = json.loads(unescape(re.search(r'data-config="([^"]*)"', page.text).group(1)))
    assert config["endpoint"].endswith("/sparql")
    assert config["prefixes"]["isnad"] == "https://isnad.example.org/ontology#"
    assert config["query"].startswith("PREFIX isnad: <https://isnad.example.org/ontology#>")
    assert config["query"].endswith("SELECT * WHERE { ?s isnad:backedBy ?o }")
    names = {e["name"] for e in config["examples"]}
    assert {"troop-levels", "attacks", "backing"} <= names
    troops = next(e for e in config["examples"] if e["name"] == "troop-levels")
    assert "#+" not in troops["query"] and "VALUES" in troops["query"]  # defaults bound, header dropped


def test_completion_of_entities_classes_and_properties_is_local(client: TestClient) -> None:
    entities = client.get("/ui/complete", params={"kind": "entity", "q": "كتائب حزب"}).json()
    assert entities[0]["iri"] == BASE + "id/actor/kataib-hezbollah"
    classes = client.get("/ui/complete", params={"kind": "class", "q": "isnad:Att"}).json()
    assert "https://isnad.example.org/ontology#Attack" in [c["iri"] for c in classes]
    properties = client.get("/ui/complete", params={"kind": "property", "q": "backed"}).json()
    assert "https://isnad.example.org/ontology#backedBy" in [p["iri"] for p in properties]
    assert client.get("/ui/prefixes.json").json()["skos"] == "http://www.w3.org/2004/02/skos/core#"


def test_explanation_reaches_the_article_and_its_quote(client: TestClient) -> None:
    params = {"s": f"<{BASE}id/actor/kataib-hezbollah>", "p": "isnad:backedBy", "o": f"<{BASE}id/actor/iran>"}
    tree = client.get("/explain", params={**params, "format": "json"}).json()
    assert tree["inferred"] is True
    articles = [s for s in tree["sources"] if s["kind"] == "article"]
    assert articles and articles[0]["article_href"] == "/articles/" + articles[0]["article_id"]
    assert "كتائب حزب الله" in articles[0]["quote"]
    assert tree["derivations"] and tree["derivations"][0]["premises"]
    page = client.get("/explain", params=params, headers=HTML)
    assert page.status_code == 200 and 'class="article-link"' in page.text and 'lang="ar"' in page.text
    missing = client.get("/explain", params={**params, "o": f"<{BASE}id/actor/united-states>", "format": "json"})
    assert missing.status_code == 404


def test_entity_page_groups_facts_and_marks_inferred_ones(client: TestClient) -> None:
    page = client.get("/id/actor/kataib-hezbollah", headers=HTML).text
    assert '<section class="kind-group" data-kind="Relations">' in page
    assert "also inferred" in page and 'href="/explain?' in page
    assert 'id="entity-graph"' in page and "/static/vendor/cytoscape/cytoscape.min.js" in page
    graph = client.get("/ui/graph", params={"iri": BASE + "id/actor/kataib-hezbollah"}).json()
    iran = [e for e in graph["edges"] if e["target"] == BASE + "id/actor/iran" and e["predicate"].endswith("backedBy")]
    assert iran and iran[0]["stated"] and iran[0]["inferred"] and iran[0]["explain"].startswith("/explain?")
    assert any(e["inferred"] and not e["stated"] for e in graph["edges"])
    assert all(n["href"].startswith("/id/") for n in graph["nodes"])


def test_timeline_filters_by_kind_and_actor(client: TestClient) -> None:
    everything = client.get("/timeline", params={"format": "json"}).json()["items"]
    kinds = {i["kind"] for i in everything}
    assert {"attack", "strike", "meeting", "statement", "troop-level"} <= kinds
    assert [i["date"] for i in everything] == sorted(i["date"] for i in everything)
    strikes = client.get("/timeline", params={"kind": "strike", "format": "json"}).json()["items"]
    assert strikes and all(i["kind"] == "strike" for i in strikes)
    assert all(e["article_href"].startswith("/articles/") and e["quote"] for i in strikes for e in i["evidence"])
    by_actor = client.get("/timeline", params={"actor": "kataib-hezbollah", "format": "json"}).json()["items"]
    assert all(any(a["iri"].endswith("/kataib-hezbollah") for a in i["actors"]) for i in by_actor)
    assert len(by_actor) < len(everything)


def test_troop_levels_link_each_figure_to_its_source(client: TestClient) -> None:
    answer = client.get("/troop-levels", params={"format": "json"}).json()
    figures = answer["figures"]
    assert answer["country"] == BASE + "id/actor/united-states"
    assert {f["count"] for f in figures} >= {2500}
    assert all(f["evidence"] and f["evidence"][0]["article_href"].startswith("/articles/") for f in figures)
    page = client.get("/troop-levels", headers=HTML).text
    assert page.count('class="troop-point"') == len(figures)


def test_article_page_highlights_claim_sentences(client: TestClient) -> None:
    data = client.get("/articles/001_989b01d71f21a984", params={"format": "json"}).json()
    assert data["claims"] and all(data["text"][c["start"]:c["start"] + len(c["sentence"])] == c["sentence"]
                                  for c in data["claims"] if c["start"] is not None)
    page = client.get("/articles/001_989b01d71f21a984", headers=HTML).text
    assert page.count('<mark class="claim"') >= 5 and 'id="article-text"' in page
    assert client.get("/articles/no-such-article", headers=HTML).status_code == 404
    assert client.get("/articles/" + quote("../etc"), headers=HTML).status_code == 404

"""`isnad serve` as a real process on 127.0.0.1, reached by real HTTP clients."""

from __future__ import annotations

import json
import signal

import httpx
from SPARQLWrapper import JSON, SPARQLWrapper

from conftest import run_isnad, start_server

COUNT_ARTICLES = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"


def test_sparql_over_http_matches_the_cli(served_seed_store, seed_store):
    response = httpx.get(served_seed_store.base_url + "/sparql", params={"query": COUNT_ARTICLES},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    over_http = int(response.json()["results"]["bindings"][0]["n"]["value"])
    cli = json.loads(run_isnad("query", "--store", str(seed_store), COUNT_ARTICLES, "--format", "json").stdout)
    assert over_http == int(cli["results"]["bindings"][0]["n"]["value"]) == 5


def test_sparqlwrapper_post(served_seed_store):
    client = SPARQLWrapper(served_seed_store.base_url + "/sparql")
    client.setMethod("POST")
    client.setQuery(COUNT_ARTICLES)
    client.setReturnFormat(JSON)
    result = client.queryAndConvert()
    assert result["results"]["bindings"][0]["n"]["value"] == "5"


def test_post_sparql_query_body_and_csv(served_seed_store):
    response = httpx.post(served_seed_store.base_url + "/sparql", content=COUNT_ARTICLES.encode(),
                          headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert response.status_code == 200
    assert response.text.splitlines() == ["n", "5"]


def test_bad_query_is_400_with_the_parser_message(served_seed_store):
    response = httpx.get(served_seed_store.base_url + "/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert "bad SPARQL query" in response.json()["detail"]


def test_unavailable_type_is_406(served_seed_store):
    response = httpx.get(served_seed_store.base_url + "/sparql", params={"query": COUNT_ARTICLES},
                         headers={"Accept": "image/png"})
    assert response.status_code == 406


def test_home_page_says_what_is_in_the_graph(served_seed_store):
    page = httpx.get(served_seed_store.base_url + "/").text
    assert "articles" in page and "البقاء الأمريكي في العراق" in page


def test_serve_builds_when_there_is_no_store_and_stops_on_sigterm(tmp_path):
    server = start_server(tmp_path / "fresh-store")
    response = httpx.get(server.base_url + "/sparql", params={"query": COUNT_ARTICLES},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.json()["results"]["bindings"][0]["n"]["value"] == "5"
    # uvicorn shuts down gracefully, then re-raises SIGTERM so that the exit status says what stopped it.
    assert server.stop(signal.SIGTERM) in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in server.output()
    try:
        httpx.get(server.base_url + "/", timeout=2)
        still_listening = True
    except httpx.TransportError:
        still_listening = False
    assert not still_listening
    assert run_isnad("info", "--store", str(tmp_path / "fresh-store")).returncode == 0

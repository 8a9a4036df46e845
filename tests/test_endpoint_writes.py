"""Writes: SPARQL Update and POST /articles only with the bearer token; read-only without one."""

from __future__ import annotations

import json

import httpx
import pytest
from endpoint_support import build_fixture_store

from conftest import run_isnad, start_server

TOKEN = "s3cret-token-for-tests"
UPDATE = """INSERT DATA { GRAPH <https://isnad.example.org/graph/meta> {
  <https://isnad.example.org/id/note/1> <http://www.w3.org/2000/01/rdf-schema#label> "ملاحظة"@ar } }"""
ASK_NOTE = "ASK { <https://isnad.example.org/id/note/1> ?p ?o }"
ARTICLE = {
    "id": "900_posted",
    "text": "قالت وزارة الدفاع العراقية اليوم الأحد إن المحادثات مع التحالف الدولي مستمرة.",
    "title": "المحادثات مستمرة",
    "outlet": "وكالة الاختبار",
    "published": "2024-02-11",
    "published_basis": "stated in the dateline",
    "source": "test fixture",
}
# Everything the article contributed: its own description and the claim graphs minted under its id.
ARTICLE_QUADS = """CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o }
  FILTER(?s = <https://isnad.example.org/id/article/900_posted>
         || STRSTARTS(STR(?g), "https://isnad.example.org/id/claim/900_posted/")) }"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return build_fixture_store(tmp_path_factory.mktemp("writes") / "store")


@pytest.fixture(scope="module")
def server(store):
    process = start_server(store, env={"ISNAD_TOKEN": TOKEN})
    yield process
    process.stop()


def ask(server, query: str) -> bool:
    return httpx.get(server.base_url + "/sparql", params={"query": query}).json()["boolean"]


def update(server, text: str, token: str | None):
    headers = {"Content-Type": "application/sparql-update"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.post(server.base_url + "/sparql", content=text.encode(), headers=headers, timeout=30)


def test_update_needs_the_right_token(server):
    missing = update(server, UPDATE, None)
    assert missing.status_code == 401 and "bearer token" in missing.json()["detail"]
    assert missing.headers["www-authenticate"].startswith("Bearer")
    wrong = update(server, UPDATE, "not-the-token")
    assert wrong.status_code == 403
    assert ask(server, ASK_NOTE) is False
    right = update(server, UPDATE, TOKEN)
    assert right.status_code == 200, right.text
    assert right.json()["quads_after"] == right.json()["quads_before"] + 1
    assert ask(server, ASK_NOTE) is True


def test_update_by_form_and_bad_update(server):
    form = httpx.post(server.base_url + "/sparql", headers={"Authorization": f"Bearer {TOKEN}"},
                      data={"update": "DELETE DATA { GRAPH <https://isnad.example.org/graph/meta> { "
                                      "<https://isnad.example.org/id/note/1> "
                                      "<http://www.w3.org/2000/01/rdf-schema#label> \"ملاحظة\"@ar } }"})
    assert form.status_code == 200, form.text
    assert ask(server, ASK_NOTE) is False
    bad = update(server, "INSERT DATA { <a> }", TOKEN)
    assert bad.status_code == 400 and "bad SPARQL update" in bad.json()["detail"]


def test_update_may_not_call_other_hosts(server):
    load = update(server, "LOAD <http://127.0.0.1:9/data.ttl>", TOKEN)
    assert load.status_code == 400 and "not allowed" in load.json()["detail"]
    service = update(server, "INSERT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                     TOKEN)
    assert service.status_code == 400


def test_post_article_needs_the_token_then_ingests(server, tmp_path):
    url = server.base_url + "/articles"
    assert httpx.post(url, json=ARTICLE).status_code == 401
    assert httpx.post(url, json=ARTICLE, headers={"Authorization": "Bearer nope"}).status_code == 403
    response = httpx.post(url, json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["iri"] == "https://isnad.example.org/id/article/900_posted" and body["replaced"] is False
    # The same path as `isnad ingest`: the server's graph now holds what the CLI makes of the same article.
    posted = httpx.get(server.base_url + "/sparql", params={"query": ARTICLE_QUADS, "format": "ntriples"}).text
    cli_store = build_fixture_store(tmp_path / "cli-store")
    (tmp_path / "900_posted.txt").write_text(ARTICLE["text"], encoding="utf-8")
    record = {k: v for k, v in ARTICLE.items() if k not in ("id", "text")}
    (tmp_path / "900_posted.json").write_text(json.dumps({**record, "language": "ar"}), encoding="utf-8")
    ingested = run_isnad("ingest", str(tmp_path / "900_posted.txt"), "--store", str(cli_store))
    assert ingested.returncode == 0, ingested.stderr
    assert f"{body['quads_added']} quads in" in ingested.stderr
    by_cli = run_isnad("query", "--store", str(cli_store), ARTICLE_QUADS, "--format", "ntriples").stdout
    assert set(posted.splitlines()) == set(by_cli.splitlines())
    assert len(posted.splitlines()) > 5
    again = httpx.post(url, json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
    assert again.status_code == 200 and again.json()["replaced"] is True


def test_post_article_validation_says_what_to_fix(server):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    english = httpx.post(server.base_url + "/articles", json={**ARTICLE, "text": "only English"}, headers=headers)
    assert english.status_code == 422 and "no Arabic text" in english.text
    bad_date = httpx.post(server.base_url + "/articles", json={**ARTICLE, "published": "2024-13-01"},
                          headers=headers)
    assert bad_date.status_code == 422 and "published" in bad_date.text
    bad_id = httpx.post(server.base_url + "/articles", json={**ARTICLE, "id": "../etc"}, headers=headers)
    assert bad_id.status_code == 422


def test_without_a_token_configured_writes_are_off(store):
    server = start_server(store)
    try:
        refused = update(server, UPDATE, "anything")
        assert refused.status_code == 403 and "writes are off" in refused.json()["detail"]
        assert httpx.post(server.base_url + "/articles", json=ARTICLE,
                          headers={"Authorization": "Bearer anything"}).status_code == 403
    finally:
        server.stop()

"""The query timeout stops a runaway query for real (its worker process is killed), other clients are
answered meanwhile, answers are capped at ISNAD_MAX_ROWS, and the request limits (query length, body size,
answer size, number of parameters) refuse what is past them with a message naming the limit."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from endpoint_support import build_fixture_store, descendants, process_tree_cpu_seconds

from conftest import REPO, start_server
from isnad.settings import Settings, SettingsError

# A cross product of all triples with itself, five times over: 10^15 and more combinations to count.
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
SIMPLE = "ASK { ?a a <https://schema.org/NewsArticle> }"
MAX_QUERY, MAX_BODY, MAX_RESULT, MAX_PARAMETERS = 5_000, 20_000, 20_000, 10


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_fixture_store(tmp_path_factory.mktemp("limits") / "store")
    process = start_server(store, "--query-timeout", "2", "--query-workers", "2", env={
        "ISNAD_MAX_ROWS": "7", "ISNAD_MAX_QUERY_LENGTH": str(MAX_QUERY), "ISNAD_MAX_BODY_BYTES": str(MAX_BODY),
        "ISNAD_MAX_RESULT_BYTES": str(MAX_RESULT), "ISNAD_MAX_PARAMETERS": str(MAX_PARAMETERS)})
    yield process
    process.stop()


def test_runaway_query_is_stopped_while_others_are_answered(server):
    url = server.base_url + "/sparql"
    pid = server.process.pid
    httpx.get(url, params={"query": SIMPLE})  # both workers up and warm
    outcome: dict = {}

    def explode() -> None:
        started = time.monotonic()
        outcome["response"] = httpx.get(url, params={"query": EXPLOSIVE}, timeout=30)
        outcome["seconds"] = time.monotonic() - started

    runaway = threading.Thread(target=explode)
    runaway.start()
    time.sleep(0.5)
    busy_before = process_tree_cpu_seconds(pid)
    started = time.monotonic()
    simple = httpx.get(url, params={"query": SIMPLE}, timeout=5)
    simple_seconds = time.monotonic() - started
    assert simple.status_code == 200, simple.text
    assert simple.json()["boolean"] is True
    assert simple_seconds < 1.0
    time.sleep(0.5)
    assert process_tree_cpu_seconds(pid) - busy_before > 0.3  # the runaway query really was running

    runaway.join(30)
    response = outcome["response"]
    assert response.status_code == 503
    assert "stopped after 2 s" in response.json()["detail"]
    assert 1.9 < outcome["seconds"] < 5

    # Back to idle: a window in which the server and its workers use almost no CPU. (A query still running
    # would use a whole core, 1.5 s per window; the replacement worker's start-up takes a moment first.)
    windows = []
    for _ in range(8):
        idle_start = process_tree_cpu_seconds(pid)
        time.sleep(1.5)
        windows.append(process_tree_cpu_seconds(pid) - idle_start)
        if windows[-1] < 0.15:
            break
    assert windows[-1] < 0.15, f"CPU seconds per 1.5 s window after the timeout: {windows}"
    assert len(descendants(pid)) >= 3  # forkserver and two workers: the killed one was replaced
    assert httpx.get(url, params={"query": SIMPLE}).json()["boolean"] is True


def test_answers_are_capped_at_max_rows(server):
    url = server.base_url + "/sparql"
    response = httpx.get(url, params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"})
    assert response.status_code == 200, response.text
    assert len(response.json()["results"]["bindings"]) == 7
    assert response.headers["isnad-truncated"] == "max-rows=7"
    small = httpx.get(url, params={"query": "SELECT ?a WHERE { ?a a <https://schema.org/NewsArticle> }"})
    assert len(small.json()["results"]["bindings"]) == 5 and "isnad-truncated" not in small.headers
    graph = httpx.get(url, params={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "ntriples"})
    assert len(graph.text.strip().splitlines()) == 7 and graph.headers["isnad-truncated"] == "max-rows=7"


def padded(query: str, length: int) -> str:
    """The query, padded with a comment to exactly `length` characters."""
    return query + "\n#" + "x" * (length - len(query) - 2)


def assert_names_the_limit(response: httpx.Response, status: int, setting: str, limit: int) -> None:
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert setting in detail and f"{limit:,}" in detail, detail


def test_a_query_past_the_length_limit_is_refused_in_every_form(server):
    url = server.base_url + "/sparql"
    at_limit = padded(SIMPLE, MAX_QUERY)
    assert httpx.get(url, params={"query": at_limit}).json()["boolean"] is True
    over = padded(SIMPLE, MAX_QUERY + 1)
    refused = [
        httpx.get(url, params={"query": over}),
        httpx.post(url, data={"query": over}),
        httpx.post(url, content=over.encode(), headers={"Content-Type": "application/sparql-query"}),
    ]
    for response in refused:
        assert_names_the_limit(response, 413, "ISNAD_MAX_QUERY_LENGTH", MAX_QUERY)
        assert f"{MAX_QUERY + 1:,} characters" in response.json()["detail"]
    update = httpx.post(url, content=padded("CLEAR ALL", MAX_QUERY + 1).encode(),
                        headers={"Content-Type": "application/sparql-update"})
    assert_names_the_limit(update, 413, "ISNAD_MAX_QUERY_LENGTH", MAX_QUERY)


def test_a_body_past_the_size_limit_is_refused_declared_or_streamed(server):
    url = server.base_url + "/sparql"
    body = padded(SIMPLE, MAX_BODY + 1).encode()
    declared = httpx.post(url, content=body, headers={"Content-Type": "application/sparql-query"})
    assert_names_the_limit(declared, 413, "ISNAD_MAX_BODY_BYTES", MAX_BODY)

    def chunks():  # no Content-Length: the server counts what arrives
        for start in range(0, len(body), 4096):
            yield body[start:start + 4096]

    streamed = httpx.post(url, content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert "content-length" not in streamed.request.headers
    assert_names_the_limit(streamed, 413, "ISNAD_MAX_BODY_BYTES", MAX_BODY)
    article = httpx.post(server.base_url + "/articles", json={"id": "big", "text": "نص" * MAX_BODY})
    assert_names_the_limit(article, 413, "ISNAD_MAX_BODY_BYTES", MAX_BODY)
    # Under the limit the same route answers as usual.
    assert httpx.post(url, content=SIMPLE.encode(), headers={"Content-Type": "application/sparql-query"}).json()[
        "boolean"] is True


def test_an_answer_past_the_size_limit_is_refused(server):
    url = server.base_url + "/sparql"
    texts = "SELECT ?text WHERE { ?a <https://schema.org/text> ?text } ORDER BY STRLEN(?text)"
    refused = httpx.get(url, params={"query": texts})
    assert_names_the_limit(refused, 413, "ISNAD_MAX_RESULT_BYTES", MAX_RESULT)
    assert "LIMIT" in refused.json()["detail"]
    shortest = httpx.get(url, params={"query": texts + " LIMIT 1"})
    assert shortest.status_code == 200 and len(shortest.json()["results"]["bindings"]) == 1


def test_too_many_parameters_are_refused(server):
    saved = server.base_url + "/queries/troop-levels"
    allowed = {"country": "united-states", "place": "iraq", "format": "csv"}
    assert httpx.get(saved, params=allowed).status_code == 200
    too_many = [*allowed.items(), *((f"extra{n}", "1") for n in range(MAX_PARAMETERS))]
    refused = httpx.get(saved, params=too_many)
    assert_names_the_limit(refused, 400, "ISNAD_MAX_PARAMETERS", MAX_PARAMETERS)
    assert f"has {len(too_many)} parameters" in refused.json()["detail"]
    graphs = {"query": SIMPLE, "named-graph-uri": [f"urn:x:{n}" for n in range(MAX_PARAMETERS)]}
    form = httpx.post(server.base_url + "/sparql", data=graphs)
    assert_names_the_limit(form, 400, "ISNAD_MAX_PARAMETERS", MAX_PARAMETERS)
    form = httpx.post(server.base_url + "/sparql", data=graphs, files={"other": (None, "x")})  # multipart
    assert_names_the_limit(form, 400, "ISNAD_MAX_PARAMETERS", MAX_PARAMETERS)


@pytest.mark.parametrize("variable", ["ISNAD_MAX_QUERY_LENGTH", "ISNAD_MAX_BODY_BYTES", "ISNAD_MAX_RESULT_BYTES",
                                      "ISNAD_MAX_PARAMETERS"])
def test_each_limit_is_a_setting(monkeypatch, variable):
    monkeypatch.setenv("ISNAD_STORE", str(REPO / "no-store"))
    monkeypatch.setenv(variable, "123")
    name = variable.removeprefix("ISNAD_").lower()
    assert getattr(Settings.from_env(), name) == 123
    for wrong in ("0", "-5", "lots"):
        monkeypatch.setenv(variable, wrong)
        with pytest.raises(SettingsError, match=variable):
            Settings.from_env()

"""The query timeout stops a runaway query for real (its worker process is killed), other clients are
answered meanwhile, and answers are capped at ISNAD_MAX_ROWS."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from endpoint_support import build_fixture_store, descendants, process_tree_cpu_seconds

from conftest import start_server

# A cross product of all triples with itself, five times over: 10^15 and more combinations to count.
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
SIMPLE = "ASK { ?a a <https://schema.org/NewsArticle> }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = build_fixture_store(tmp_path_factory.mktemp("limits") / "store")
    process = start_server(store, "--query-timeout", "2", "--query-workers", "2", env={"ISNAD_MAX_ROWS": "7"})
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

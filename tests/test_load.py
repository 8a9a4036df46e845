"""Load: concurrent clients mixing SPARQL, saved queries, entity pages and dumps against a real `isnad serve`
get no 5xx and no dropped connection, and the server's memory does not grow while they run; runaway
queries from several clients at once are all stopped at the timeout while simple queries are answered.

The short run here is part of the default test run; bench/bench_load.py runs the long one (8 clients,
60 s) with the same driver and reports the figures."""

from __future__ import annotations

import random
import statistics
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import httpx
import psutil
import pytest

from conftest import ServerProcess, start_server

BASE = "https://isnad.example.org/"
SPARQL_QUERIES = [
    "SELECT ?id ?published WHERE { ?a dcterms:identifier ?id ; schema:datePublished ?published } ORDER BY ?id",
    "SELECT ?kind (COUNT(?claim) AS ?n) WHERE { GRAPH ?claim { ?fact a ?kind } } GROUP BY ?kind",
    "SELECT ?label WHERE { ?actor a isnad:Militia ; skos:prefLabel ?label } LIMIT 50",
    "ASK { ?a a schema:NewsArticle }",
    "CONSTRUCT WHERE { ?s a isnad:Attack } LIMIT 200",
]
# (weight, method, path, params, Accept): a browsing and harvesting mix, dumps included.
REQUESTS = [
    *[(3, "GET", "/sparql", {"query": q}, "application/sparql-results+json") for q in SPARQL_QUERIES[:3]],
    (2, "POST", "/sparql", {"query": SPARQL_QUERIES[3]}, "application/sparql-results+json"),
    (2, "GET", "/sparql", {"query": SPARQL_QUERIES[4]}, "text/turtle"),
    (3, "GET", "/queries/troop-levels", {"format": "csv"}, "text/csv"),
    (2, "GET", "/queries/backing", {"backer": "iran"}, "application/sparql-results+json"),
    (2, "GET", "/queries/conflicting-troop-figures", {}, "text/html"),
    (3, "GET", "/id/actor/iran", {}, "text/html"),
    (2, "GET", "/id/actor/kataib-hezbollah", {}, "text/turtle"),
    (2, "GET", "/id/article/001_989b01d71f21a984", {}, "application/ld+json"),
    (1, "GET", "/dumps/", {}, "application/json"),
    (1, "GET", "/dumps/isnad.nq.gz", {}, "application/gzip"),
    (1, "GET", "/dumps/isnad.trig", {}, "application/trig"),
    (1, "GET", "/.well-known/void", {}, "text/turtle"),
]


@dataclass
class LoadReport:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # 5xx, dropped connections, timeouts
    rss: list[tuple[float, int]] = field(default_factory=list)  # (seconds since start, server RSS bytes)

    @property
    def p99(self) -> float:
        return statistics.quantiles(self.latencies, n=100)[98]

    def rss_window(self, start: float, end: float) -> int:
        """Median server RSS between two moments (seconds since the start)."""
        return int(statistics.median(b for t, b in self.rss if start <= t <= end))

    def summary(self, window: float) -> str:
        first = self.rss_window(0, window)
        last = self.rss_window(self.seconds - window, self.seconds)
        mib = 1 << 20
        return (f"{len(self.latencies)} requests in {self.seconds:.0f} s, statuses {dict(self.statuses)}, "
                f"p50 {statistics.median(self.latencies) * 1000:.0f} ms, p99 {self.p99 * 1000:.0f} ms, "
                f"server RSS peak {max(b for _, b in self.rss) / mib:.0f} MiB, median over the first {window:.0f} s "
                f"{first / mib:.0f} MiB, over the last {window:.0f} s {last / mib:.0f} MiB")


def run_load(base_url: str, pid: int, clients: int, seconds: float, seed: int = 0) -> LoadReport:
    """`clients` threads, each with its own keep-alive connection, send the request mix until time is up;
    the server process's RSS is sampled meanwhile."""
    report = LoadReport(seconds)
    server = psutil.Process(pid)
    lock = threading.Lock()
    started = time.monotonic()
    deadline = started + seconds
    weights = [r[0] for r in REQUESTS]

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        with httpx.Client(base_url=base_url, timeout=60) as session:
            while time.monotonic() < deadline:
                _, method, path, params, accept = rng.choices(REQUESTS, weights)[0]
                sent = time.monotonic()
                try:
                    if method == "POST":
                        response = session.post(path, data=params, headers={"Accept": accept})
                    else:
                        response = session.get(path, params=params, headers={"Accept": accept})
                    _ = response.content
                    outcome = response.status_code
                except httpx.TransportError as exc:
                    outcome = f"{type(exc).__name__}: {exc}"
                took = time.monotonic() - sent
                with lock:
                    report.latencies.append(took)
                    report.statuses[outcome if isinstance(outcome, int) else "transport error"] += 1
                    if not isinstance(outcome, int) or outcome >= 500:
                        report.failures.append(f"{method} {path} {params}: {outcome}")

    def sample() -> None:
        while time.monotonic() < deadline:
            report.rss.append((time.monotonic() - started, server.memory_info().rss))
            time.sleep(0.2)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    threads.append(threading.Thread(target=sample))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return report


def warm_up(base_url: str) -> None:
    """Each kind of request once, so that caches filled on first use (dumps, saved queries, workers' open
    stores) are not mistaken for growth."""
    for _, method, path, params, accept in REQUESTS:
        response = httpx.request(method, base_url + path, params=None if method == "POST" else params,
                                 data=params if method == "POST" else None, headers={"Accept": accept}, timeout=120)
        assert response.status_code == 200, (path, response.status_code, response.text[:300])


@pytest.fixture(scope="module")
def server(seed_store):
    process = start_server(seed_store, ready_timeout=180)
    yield process
    process.stop()


@pytest.mark.slow
def test_mixed_load_without_errors_or_memory_growth(server: ServerProcess):
    warm_up(server.base_url)
    report = run_load(server.base_url, server.process.pid, clients=8, seconds=15)
    print(report.summary(window=5))
    assert report.failures == [], report.failures[:10]
    assert set(report.statuses) == {200}, report.statuses  # the mix has no request that should fail
    assert len(report.latencies) >= 50
    first, last = report.rss_window(0, 5), report.rss_window(10, 15)
    # Memory may wobble with allocator and cache behaviour, but must not keep climbing under steady load.
    assert last <= first * 1.15 + (24 << 20), report.summary(window=5)


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
SIMPLE = "ASK { ?a a <https://schema.org/NewsArticle> }"


@pytest.mark.slow
def test_runaway_queries_from_several_clients_are_all_stopped(seed_store):
    # Three runaway clients, four workers: one worker is left for everyone else while they run.
    server = start_server(seed_store, "--query-workers", "4", env={"ISNAD_QUERY_TIMEOUT": "3"}, ready_timeout=180)
    try:
        url = server.base_url + "/sparql"
        assert httpx.get(url, params={"query": SIMPLE}, timeout=30).status_code == 200
        outcomes: list[tuple[int, str, float, float]] = []

        def runaway() -> None:
            sent = time.monotonic()
            response = httpx.get(url, params={"query": RUNAWAY}, timeout=60)
            outcomes.append((response.status_code, response.text, time.monotonic() - sent, time.monotonic()))

        threads = [threading.Thread(target=runaway) for _ in range(3)]
        for thread in threads:
            thread.start()
        answered = []
        while any(t.is_alive() for t in threads):
            simple = httpx.get(url, params={"query": SIMPLE}, timeout=30)
            page = httpx.get(server.base_url + "/id/actor/iran", headers={"Accept": "text/turtle"}, timeout=30)
            answered.append((simple.status_code, simple.json().get("boolean"), page.status_code, time.monotonic()))
            time.sleep(0.2)
        for thread in threads:
            thread.join()
        assert len(outcomes) == 3
        for status, body, seconds, _ in outcomes:
            assert status == 503 and "stopped after 3 s" in body, body
            assert 2.9 < seconds < 15
        assert {a[:3] for a in answered} == {(200, True, 200)}, answered
        # At least one simple query and one page were answered while all three runaway queries were running.
        assert answered[0][3] < min(o[3] for o in outcomes)
        assert httpx.get(url, params={"query": SIMPLE}, timeout=30).json()["boolean"] is True
    finally:
        server.stop()

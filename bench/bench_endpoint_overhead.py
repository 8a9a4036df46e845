"""What the killable query workers cost: the same queries evaluated in-process and through the worker
pool (a pipe round trip to another process), in the same run. Reports the median per query and the ratio.

    .venv/bin/python bench/bench_endpoint_overhead.py [--store STORE] [--repeat 50]

Without --store, the bundled corpus is built into a temporary store first."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from isnad.build import build
from isnad.graph.query import run_query, serialize_capped
from isnad.graph.store import GraphStore
from isnad.resources import bundled_corpus_dir
from isnad.server.query_pool import QueryPool
from isnad.server.query_worker import QueryTask
from isnad.settings import Settings

QUERIES = {
    "ask": "ASK { ?a a schema:NewsArticle }",
    "count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "articles": "SELECT ?a ?t ?d WHERE { ?a a schema:NewsArticle ; schema:headline ?t ; schema:datePublished ?d }",
    "1000 rows": "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 1000",
    "construct": "CONSTRUCT WHERE { ?s a ?c } LIMIT 500",
}
MAX_ROWS = 10_000


def median_seconds(action, repeat: int) -> float:
    action()  # warm
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    store_root = args.store
    if store_root is None:
        store_root = Path(tempfile.mkdtemp(prefix="isnad-bench-")) / "store"
        build(Settings.from_env(store=store_root), bundled_corpus_dir())
    graph_store = GraphStore(store_root)
    generation = str(graph_store.current_generation())
    store = graph_store.open_read()
    pool = QueryPool(2)
    pool.start()
    try:
        print(f"{'query':<12} {'in-process ms':>14} {'worker pool ms':>15} {'ratio':>7}")
        ratios = []
        for name, query in QUERIES.items():
            kind_format = "turtle" if query.startswith("CONSTRUCT") else "json"

            def in_process(query=query, kind_format=kind_format) -> bytes:
                return serialize_capped(run_query(store, query), kind_format, MAX_ROWS)[0]

            task = QueryTask(query, generation, "json", "turtle", MAX_ROWS)

            def pooled(task=task) -> bytes:
                reply = pool.run(task, 30)
                assert reply.status == 200, reply.message
                return reply.data

            assert in_process() == pooled(), f"{name}: the two paths disagree"
            local, remote = median_seconds(in_process, args.repeat), median_seconds(pooled, args.repeat)
            ratios.append(remote / local)
            print(f"{name:<12} {local * 1000:>14.3f} {remote * 1000:>15.3f} {remote / local:>7.2f}")
        print(f"geometric mean ratio (pool / in-process): {statistics.geometric_mean(ratios):.2f}")
    finally:
        pool.close()


if __name__ == "__main__":
    main()

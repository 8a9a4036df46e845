"""End-to-end build of a generated corpus: stage timings, peak memory, and the load stage against pyoxigraph's
own bulk load of the same quads.

The corpus comes from bench/generate_corpus.py (synthetic, for throughput only). Each worker count builds into
the same store in turn, so every build after the first also times the diff against the previous generation.
Peak memory is the largest resident size of this process plus its worker processes, sampled every 50 ms.
The load comparison extracts once, writes the load stream (ontology, gazetteer, articles) as N-Quads, then
times, each into a fresh store: pyoxigraph's Store.bulk_load of the file (the peer), the build's local path
(bulk_extend of quads already in memory), and the build's worker path (bulk_extend of quads parsed from each
article's N-Quads, as they come back from the workers).

    .venv/bin/python bench/bench_build.py --articles 1000 [--workers 1,2] [--corpus DIR] [--seed 11]
    .venv/bin/python bench/bench_build.py --articles 10000 --workers 2 --skip-load-comparison \
        --skip-reasoning-and-validation
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import psutil
import pyoxigraph as ox

import isnad.build
from isnad.build import article_batch_nquads, article_to_quads, gazetteer_claims, ontology_quads
from isnad.graph.diff import diff_stores
from isnad.graph.iris import Iris
from isnad.graph.store import GraphStore
from isnad.loaders.corpus import read_corpus
from isnad.loaders.gazetteer import load_gazetteer
from isnad.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_corpus import write_corpus  # noqa: E402


class PeakMemory:
    """Largest summed RSS of this process and its descendants while the block runs, and the CPU seconds they
    used (the machine may be shared: CPU time says what the build cost, wall time what it took)."""

    def __init__(self) -> None:
        self.peak = 0
        self.cpu = 0.0
        self._children_cpu: dict[int, float] = {}
        self._stop = threading.Event()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for process in (me, *me.children(recursive=True)):
                with contextlib.suppress(psutil.Error):  # a worker that just exited
                    total += process.memory_info().rss
                    if process is not me:
                        times = process.cpu_times()
                        self._children_cpu[process.pid] = times.user + times.system
            self.peak = max(self.peak, total)
            self._stop.wait(0.05)

    def __enter__(self) -> PeakMemory:
        times = psutil.Process().cpu_times()
        self._started_cpu = times.user + times.system
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        times = psutil.Process().cpu_times()
        self.cpu = times.user + times.system - self._started_cpu + sum(self._children_cpu.values())


def skip_reasoning_and_validation() -> None:
    """Bench only: time the stages around reasoning and validation on corpora where those two would take
    hours (they are measured in full builds of smaller corpora, and in bench_reasoning.py)."""
    isnad.build.reason = lambda store, iris: None
    isnad.build.validate_store = lambda store: SimpleNamespace(conforms=True)


def time_builds(corpus: Path, store: Path, worker_counts: list[int]) -> None:
    print(f"{'workers':>7} {'total s':>8} {'CPU s':>7} {'peak MiB':>9}  stages (wall s)")
    for workers in worker_counts:
        settings = Settings.from_env(store=store)
        with PeakMemory() as memory:
            started = time.perf_counter()
            summary = isnad.build.build(settings, corpus, workers=workers)
            total = time.perf_counter() - started
        cpu = memory.cpu
        stages = "  ".join(f"{name} {seconds:.1f}" for name, seconds in summary.stages.items())
        print(f"{workers:>7} {total:>8.1f} {cpu:>7.1f} {memory.peak / 2**20:>9.0f}  {stages}", flush=True)
    print(f"graph: {summary.articles} articles, {summary.claims} claims, "
          f"{sum(summary.triples_by_graph.values()):,} triples ({summary.triples_by_graph})")
    graph_store = GraphStore(store)
    previous = graph_store.previous_generation()
    if previous is not None:  # what `isnad diff` costs on the same pair, against the build's counts summary
        started = time.perf_counter()
        diff_stores(ox.Store.read_only(str(previous / "oxigraph")), graph_store.open_read(), Iris(settings.base_iri))
        print(f"isnad diff of the last two generations (exact, reads both graphs): "
              f"{time.perf_counter() - started:.1f} s")


def compare_load(corpus: Path, scratch: Path) -> None:
    iris, gazetteer = Iris(Settings.from_env(store=scratch).base_iri), load_gazetteer()
    articles = read_corpus(corpus)
    per_article = article_batch_nquads(articles, iris.base)
    background = ox.serialize([*ontology_quads(iris), *gazetteer_claims(gazetteer, iris)],
                              format=ox.RdfFormat.N_QUADS)
    nquads = scratch / "load.nq"
    nquads.write_bytes(background + b"".join(per_article))
    in_memory = [*ontology_quads(iris), *gazetteer_claims(gazetteer, iris),
                 *(q for a in articles for q in article_to_quads(a, iris, gazetteer))]

    def timed(name: str, load) -> float:
        store = ox.Store(str(scratch / name))
        started = time.perf_counter()
        load(store)
        store.flush()
        seconds = time.perf_counter() - started
        del store
        return seconds

    peer = timed("peer", lambda s: s.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    local = timed("local", lambda s: s.bulk_extend(in_memory))
    workers = timed("workers", lambda s: s.bulk_extend(
        q for chunk in (background, *per_article) for q in ox.parse(chunk, format=ox.RdfFormat.N_QUADS)))
    n = len(in_memory)
    print(f"load of {n:,} quads ({nquads.stat().st_size / 2**20:.0f} MiB of N-Quads):")
    for name, seconds in (("pyoxigraph Store.bulk_load (peer)", peer), ("build, local path", local),
                          ("build, worker path (parse + load)", workers)):
        print(f"  {name:36} {seconds:6.2f} s  {n / seconds:>10,.0f} quads/s  {seconds / peer:.2f}x the peer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts, built in this order")
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder instead of generating one")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--skip-load-comparison", action="store_true")
    parser.add_argument("--skip-reasoning-and-validation", action="store_true",
                        help="time extract, load, counts, commit and diff only")
    args = parser.parse_args()
    if args.skip_reasoning_and_validation:
        skip_reasoning_and_validation()
    with tempfile.TemporaryDirectory(prefix="isnad-bench-build-") as tmp:
        scratch = Path(tmp)
        corpus = args.corpus
        if corpus is None:
            corpus = scratch / "corpus"
            write_corpus(args.articles, corpus, seed=args.seed)
        print(f"corpus: {corpus} ({len(list(corpus.glob('*.txt')))} articles); {psutil.cpu_count()} cores")
        time_builds(corpus, scratch / "store", [int(w) for w in args.workers.split(",")])
        if not args.skip_load_comparison:
            compare_load(corpus, scratch)


if __name__ == "__main__":
    main()

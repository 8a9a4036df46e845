"""Full extraction throughput (text layer plus every fact extractor) on ~1,000-word articles, on one core
and on all cores, in the same run, with the scaling ratio.

Articles are built from seed paragraphs as in bench_text_layer.py (a benchmark input only, never used for
quality figures). The all-core run uses worker processes, as `isnad build` does: each loads the gazetteer
once and warms up before the clock starts (their start-up is timed and printed on its own), and articles go
to them in chunks, so one message carries many articles and IPC is not what is measured.

    .venv/bin/python bench/bench_extraction.py [--articles 200] [--repeat 3] [--chunk 10]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from multiprocessing import get_context
from pathlib import Path

from isnad.loaders.corpus import Article
from isnad.loaders.extract import extract_article
from isnad.loaders.gazetteer import load_gazetteer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_text_layer import build_articles  # noqa: E402


def _article(index: int, text: str) -> Article:
    return Article(id=f"bench-{index:05d}", text=text, title="bench", outlet=None, language="ar",
                   published="2024-02-10", published_basis="benchmark", source="benchmark")


def extract_all(texts: list[tuple[int, str]]) -> tuple[int, float]:
    """Extract every article: (facts found, CPU seconds spent). The gazetteer is loaded once per process
    (load_gazetteer caches it)."""
    gazetteer = load_gazetteer()
    facts = 0
    cpu = time.process_time()
    for index, text in texts:
        extraction, _ = extract_article(_article(index, text), gazetteer)
        facts += len(extraction.facts)
    return facts, time.process_time() - cpu


def _start_worker(warm_up: list[tuple[int, str]], ready) -> None:
    """Worker start-up: imports, the gazetteer, a few articles; then wait until every worker is ready."""
    extract_all(warm_up)
    ready.wait()


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best one is reported")
    parser.add_argument("--chunk", type=int, default=10, help="articles per message to a worker")
    args = parser.parse_args()
    texts = list(enumerate(build_articles(args.articles, 1000)))
    cores = _cores()
    warm_up = texts[:5]
    extract_all(warm_up)  # imports, gazetteer automaton
    one = one_cpu = float("inf")
    for _ in range(args.repeat):
        started = time.perf_counter()
        facts, cpu = extract_all(texts)
        one, one_cpu = min(one, time.perf_counter() - started), min(one_cpu, cpu)

    chunks = [texts[i:i + args.chunk] for i in range(0, len(texts), args.chunk)]
    context = get_context("spawn")  # as `isnad build`: a worker starts clean, nothing inherited
    ready = context.Barrier(cores + 1)
    started = time.perf_counter()
    with context.Pool(cores, initializer=_start_worker, initargs=(warm_up, ready)) as pool:
        ready.wait()  # every worker has loaded the gazetteer and extracted its warm-up articles
        startup = time.perf_counter() - started
        many = many_cpu = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            counted, cpu = map(sum, zip(*pool.imap_unordered(extract_all, chunks), strict=True))
            many, many_cpu = min(many, time.perf_counter() - started), min(many_cpu, cpu)
    if counted != facts:
        raise SystemExit(f"the workers found {counted} facts, one core {facts}")

    size = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6
    print(f"{args.articles} articles of ~1,000 words ({size:.1f} MB), {cores} cores, best of {args.repeat}")
    print(f"one core:   {args.articles / one:7.1f} articles/s  ({size / one:.2f} MB/s)")
    print(f"{cores} cores:    {args.articles / many:7.1f} articles/s  ({args.articles / many / cores:.1f} per core; "
          f"chunks of {args.chunk} articles)")
    print(f"scaling:    {one / many:.2f}x on {cores} cores (workers ready in {startup:.1f} s, not counted: "
          f"imports, gazetteer, warm-up)")
    # On a machine shared with other work the wall-clock figures above fall; CPU time mostly does not.
    print(f"CPU time:   {args.articles / one_cpu:7.1f} articles per CPU second on one core, "
          f"{args.articles / many_cpu:.1f} in the workers; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

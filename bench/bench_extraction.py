"""Full extraction throughput (text layer plus every fact extractor) on ~1,000-word articles, on one core
and on all cores, in the same run, with the scaling ratio.

Articles are built from seed paragraphs as in bench_text_layer.py (a benchmark input only, never used for
quality figures). Workers are processes; each loads the gazetteer once.

    .venv/bin/python bench/bench_extraction.py [--articles 200] [--repeat 3]
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


def extract_all(texts: list[tuple[int, str]]) -> int:
    gazetteer = load_gazetteer()
    facts = 0
    for index, text in texts:
        extraction, _ = extract_article(_article(index, text), gazetteer)
        facts += len(extraction.facts)
    return facts


def timed(texts: list[tuple[int, str]], workers: int) -> float:
    started = time.perf_counter()
    if workers == 1:
        extract_all(texts)
    else:
        chunks = [texts[i::workers] for i in range(workers)]
        with get_context("spawn").Pool(workers) as pool:
            pool.map(extract_all, chunks)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best one is reported")
    args = parser.parse_args()
    texts = list(enumerate(build_articles(args.articles, 1000)))
    cores = os.cpu_count() or 1
    extract_all(texts[:5])  # warm-up: imports, gazetteer automaton
    one = min(timed(texts, 1) for _ in range(args.repeat))
    many = min(timed(texts, cores) for _ in range(args.repeat))
    size = sum(len(t.encode("utf-8")) for _, t in texts) / 1e6
    print(f"{args.articles} articles of ~1,000 words ({size:.1f} MB), {cores} cores, best of {args.repeat}")
    print(f"one core:   {args.articles / one:7.1f} articles/s  ({size / one:.2f} MB/s)")
    print(f"{cores} cores:    {args.articles / many:7.1f} articles/s  ({args.articles / many / cores:.1f} per core)")
    print(f"scaling:    {one / many:.2f}x on {cores} cores (the all-core run includes starting its workers)")


if __name__ == "__main__":
    main()

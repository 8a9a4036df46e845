"""Benchmark: the OWL 2 RL closure of a generated graph, fast engine vs owlrl (the reference), same run.

    .venv/bin/python bench/bench_reasoning.py                 # 50,000 triples, both engines (owlrl takes minutes)
    .venv/bin/python bench/bench_reasoning.py --triples 5000  # quicker
    .venv/bin/python bench/bench_reasoning.py --skip-owlrl    # fast engine and the full build step only

Reports, for the same asserted triples: owlrl's closure time (DeductiveClosure(OWLRL_Semantics).expand on an
rdflib Graph, conversion excluded), the fast engine's (encoding included), their ratio, whether the kept
closures are equal, and the time of the whole reasoning step of a build (closure + SPARQL rules +
explanations) on a pyoxigraph store. If the `reasonable` package is installed it is timed too, with the
number of kept triples it misses (it has no property chains).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import pyoxigraph as ox

from isnad.graph.iris import Iris
from isnad.graph.reasoning import fast_owl_closure, infer, reasoning_vocabulary
from isnad.graph.reasoning_fixtures import synthetic_quads
from isnad.graph.reasoning_owlrl import kept_triples, owlrl_inferred, to_rdflib


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the fast engine (the best is reported)")
    parser.add_argument("--skip-owlrl", action="store_true")
    args = parser.parse_args(argv)
    iris = Iris("https://isnad.example.org/")
    quads = synthetic_quads(iris, args.triples, seed=args.seed)
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    triples |= {(t.subject, t.predicate, t.object) for t in reasoning_vocabulary()}
    report: dict = {"quads": len(quads), "distinct_triples": len(triples)}

    fast_times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        fast = fast_owl_closure(triples)
        fast_times.append(time.perf_counter() - started)
    report["fast_seconds"] = round(min(fast_times), 3)
    report["fast_kept_inferred"] = len(fast)

    store = ox.Store()
    store.bulk_extend(quads)
    started = time.perf_counter()
    result = infer(store, iris)
    report["build_step_seconds"] = round(time.perf_counter() - started, 3)
    report["build_step"] = result.stats

    fast_graph = kept_triples(to_rdflib(fast))
    asserted = to_rdflib(triples)
    try:
        import reasonable  # optional: not a dependency of the project
    except ImportError:
        report["reasonable"] = "not installed"
    else:
        reasoner = reasonable.PyReasoner()
        started = time.perf_counter()
        reasoner.from_graph(asserted)
        closure = reasoner.reason()
        report["reasonable_seconds"] = round(time.perf_counter() - started, 3)
        theirs = {t for t in kept_triples_of(closure) if t not in asserted}
        report["reasonable_missing_kept"] = len(fast_graph - theirs)
        report["reasonable_extra_kept"] = len(theirs - fast_graph)

    if not args.skip_owlrl:
        started = time.perf_counter()
        reference = owlrl_inferred(asserted)
        report["owlrl_seconds"] = round(time.perf_counter() - started, 3)
        report["owlrl_kept_inferred"] = len(reference)
        report["closures_equal"] = reference == fast_graph
        report["speedup"] = round(report["owlrl_seconds"] / report["fast_seconds"], 1)
    return report


def kept_triples_of(triples) -> set:
    from rdflib import Graph

    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return kept_triples(graph)


if __name__ == "__main__":
    out = main()
    json.dump(out, sys.stdout, indent=2, ensure_ascii=False)
    print()

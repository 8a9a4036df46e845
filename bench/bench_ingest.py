"""Benchmark: `isnad ingest` of one article into an empty store vs into a large one, same run.

    .venv/bin/python bench/bench_ingest.py                          # 60 generated articles x 20 copies
    .venv/bin/python bench/bench_ingest.py --articles 100 --copies 40

Issue 11 asks that an ingest into a store of 100,000 articles cost about what it costs into an empty store.
The large store is made quickly rather than built: `--articles` generated articles (bench/generate_corpus.py)
are built once (extraction, full closure), then the whole dataset (gazetteer, claims, provenance, article
records, inferred, explanations and summaries graphs) is loaded again `--copies` times with every data IRI renamed per
copy (`…/id/attack/x` -> `…/id/attack/c7-x`, actors and places too, so copies share only the ontology and
literals). The copies' statement and derivation nodes are re-minted from the renamed triples, so the store
looks like a build of articles x copies articles (rules that join on literals, such as a strike answering the
attacks of a date, would link copies in a real build; here they do not, so the large store is slightly less
than closed; the ingest then has more to derive, not less).

Measured: wall and CPU seconds of the real `ingest()` (checkpoint, incremental reasoning, validation of what
it adds, commit) of one held-out generated article, into a store holding only the ontology and gazetteer and
into the large store; their ratio; the store sizes. Ingests of an article whose troop figure is newer than the
store's current one fall back to the full closure (reported as "reasoning": "full").
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import write_corpus  # noqa: E402

from isnad.build import article_to_quads, graph_counts, ontology_quads  # noqa: E402
from isnad.graph.claims import gazetteer_claims  # noqa: E402
from isnad.graph.iris import PREFIXES, Iris, term  # noqa: E402
from isnad.graph.reasoning import infer, statement_iri  # noqa: E402
from isnad.graph.store import GraphStore  # noqa: E402
from isnad.graph.summaries import write_summaries  # noqa: E402
from isnad.ingest import ingest  # noqa: E402
from isnad.loaders.corpus import read_corpus  # noqa: E402
from isnad.loaders.gazetteer import load_gazetteer  # noqa: E402
from isnad.settings import Settings  # noqa: E402

RDF = PREFIXES["rdf"]


def renamer(iris: Iris, copy: int):
    """Term -> term of copy `copy`: data IRIs get a per-copy prefix in their last part; statement and derivation
    nodes are left to `copy_quads`, which re-mints them."""
    data = f"{iris.base}id/"

    def rename(term):
        if isinstance(term, ox.NamedNode) and term.value.startswith(data):
            kind, _, rest = term.value[len(data):].partition("/")
            if kind not in ("triple", "derivation"):
                return ox.NamedNode(f"{data}{kind}/c{copy}-{rest}")
        return term
    return rename


def copy_quads(quads: list[ox.Quad], iris: Iris, copy: int, ontology: ox.NamedNode,
               explanations: ox.NamedNode) -> list[ox.Quad]:
    rename = renamer(iris, copy)
    statements: dict[ox.NamedNode, dict[str, object]] = {}
    for quad in quads:
        if quad.graph_name == explanations and quad.predicate.value in (RDF + "subject", RDF + "predicate",
                                                                         RDF + "object"):
            statements.setdefault(quad.subject, {})[quad.predicate.value[len(RDF):]] = rename(quad.object)
    nodes = {node: statement_iri(iris, parts["subject"], parts["predicate"], parts["object"])
             for node, parts in statements.items() if len(parts) == 3}
    derivation = f"{iris.base}id/derivation/"
    for quad in quads:  # a derivation node is named after its conclusion's statement, and its index
        if quad.graph_name == explanations and quad.predicate == term("derivation"):
            index = quad.object.value.rsplit("-", 1)[1]
            new = nodes.get(quad.subject, quad.subject).value.rsplit("/", 1)[1]
            nodes[quad.object] = ox.NamedNode(f"{derivation}{new}-{index}")
    out = []
    for quad in quads:
        if quad.graph_name == ontology:
            continue  # shared by every copy: loaded once
        out.append(ox.Quad(nodes.get(quad.subject) or rename(quad.subject), rename(quad.predicate),
                           nodes.get(quad.object) or rename(quad.object), rename(quad.graph_name)))
    return out


def make_store(path: Path, quads, info: dict) -> GraphStore:
    graph_store = GraphStore(path)
    with graph_store.new_generation() as generation:
        generation.load(quads)
        counts, claims = graph_counts(generation.store, Iris(Settings.from_env(store=path).base_iri))
        generation.info.update({**info, "claims": claims, "triples_by_graph": counts})
    return graph_store


def timed_ingest(path: Path, article) -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    summary = ingest(Settings.from_env(store=path), article)
    info = GraphStore(path).build_info()
    return {"wall_seconds": round(time.perf_counter() - wall, 3), "cpu_seconds": round(time.process_time() - cpu, 3),
            "reasoning": info.get("reasoning"), "quads_added": summary.quads_added,
            "store_quads_after": sum(info["triples_by_graph"].values())}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--probes", type=int, default=3, help="held-out articles ingested (the median is kept)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpus and stores (default: temp)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    iris = Iris(Settings.from_env(store=work / "unused").base_iri)
    gazetteer = load_gazetteer()
    write_corpus(args.articles + args.probes, work / "corpus")
    articles = read_corpus(work / "corpus")
    built, probes = articles[:args.articles], articles[args.articles:]
    report: dict = {"articles_built": len(built), "copies": args.copies}

    started = time.perf_counter()
    background = list(ontology_quads(iris)) + list(gazetteer_claims(gazetteer, iris))
    base = ox.Store()
    base.bulk_extend(background + [q for a in built for q in article_to_quads(a, iris, gazetteer)])
    result = infer(base, iris)
    result.write_to(base)
    write_summaries(base, iris)
    dataset = list(base)
    report["base_build_seconds"] = round(time.perf_counter() - started, 1)

    started = time.perf_counter()
    ontology, explanations = iris.graph("ontology"), iris.graph("explanations")

    def large_quads():
        yield from dataset
        for copy in range(1, args.copies):
            yield from copy_quads(dataset, iris, copy, ontology, explanations)

    make_store(work / "large", large_quads(), {"articles": len(built) * args.copies})
    make_store(work / "empty", background, {"articles": 0})
    report["large_store_seconds"] = round(time.perf_counter() - started, 1)
    large_info = GraphStore(work / "large").build_info()
    report["large_store"] = {"articles": large_info["articles"], "claims": large_info["claims"],
                             "quads": sum(large_info["triples_by_graph"].values()),
                             "triples_by_graph": large_info["triples_by_graph"]}

    runs = {"empty": [], "large": []}
    for probe in probes:  # the same article into both stores, one after the other
        for name in runs:
            runs[name].append(timed_ingest(work / name, probe))
    for name, results in runs.items():
        report[f"ingest_into_{name}"] = results
    median = len(probes) // 2
    empty = sorted(r["cpu_seconds"] for r in runs["empty"])[median]
    large = sorted(r["cpu_seconds"] for r in runs["large"])[median]
    report["median_cpu_seconds"] = {"empty": empty, "large": large, "ratio_large_to_empty": round(large / empty, 2)}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()

"""Adding one article to an existing graph without a rebuild: all of its claims or none.

The new generation starts as a checkpoint of the current one; the article's earlier claims (if it was
ingested before) are removed, its new ones added, and the generation is switched in atomically."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox

from isnad.build import article_to_quads, graph_counts, reason
from isnad.graph.failpoints import failpoint
from isnad.graph.iris import Iris
from isnad.graph.store import GraphStore
from isnad.loaders.corpus import Article
from isnad.loaders.gazetteer import load_gazetteer
from isnad.settings import Settings


@dataclass
class IngestSummary:
    article: str
    replaced: bool
    quads_removed: int
    quads_added: int
    seconds: float


def article_graphs(store: ox.Store, iris: Iris, article_id: str) -> list[ox.NamedNode]:
    """The claim graphs an article contributed (their IRIs are minted under the article's id)."""
    prefix = f"{iris.base}id/claim/{article_id}/"
    return [g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)]


def _remove_article(store: ox.Store, iris: Iris, article_id: str) -> tuple[Counter, int]:
    """Remove what an earlier ingest of this article added; returns quads removed by graph kind, and claims."""
    removed: Counter = Counter()
    graphs = article_graphs(store, iris, article_id)
    for graph in graphs:
        for subject in (graph, ox.NamedNode(graph.value + "#evidence")):
            for quad in list(store.quads_for_pattern(subject, None, None, iris.graph("provenance"))):
                store.remove(quad)
                removed["provenance"] += 1
        removed["claim"] += sum(1 for _ in store.quads_for_pattern(None, None, None, graph))
        store.remove_graph(graph)
    for quad in list(store.quads_for_pattern(iris.article(article_id), None, None, iris.graph("articles"))):
        store.remove(quad)
        removed["articles"] += 1
    return removed, len(graphs)


def ingest(settings: Settings, article: Article) -> IngestSummary:
    started = time.perf_counter()
    iris = Iris(settings.base_iri)
    graph_store = GraphStore(settings.store)
    quads = list(article_to_quads(article, iris, load_gazetteer()))  # extraction finishes before the store is touched
    previous = graph_store.build_info()
    with graph_store.new_generation(from_current=True) as generation:
        store = generation.store
        failpoint("ingest-remove")
        removed, _ = _remove_article(store, iris, article.id)
        failpoint("ingest-load")
        store.extend(quads)
        # The closure is recomputed over the whole graph: simple and always right, at a cost that grows
        # with the graph (incremental reasoning is the scale issue's work).
        for name in ("inferred", "explanations"):
            store.remove_graph(iris.graph(name))
        failpoint("ingest-reason")
        reason(store, iris)
        counts, claims = graph_counts(store, iris)
        replaced = removed["articles"] > 0
        generation.info.update({
            **{k: v for k, v in previous.items() if k not in ("generation", "replaces", "written_at")},
            "articles": previous.get("articles", 0) + (0 if replaced else 1),
            "claims": claims,
            "triples_by_graph": counts,
            "last_ingest": article.id,
        })
    return IngestSummary(article.id, replaced, sum(removed.values()), len(quads), time.perf_counter() - started)

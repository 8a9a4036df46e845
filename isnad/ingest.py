"""Adding one article to an existing graph without a rebuild: all of its claims or none.

The new generation starts as a checkpoint of the current one; the article's earlier claims (if it was
ingested before) are removed, its new ones added, and the generation is switched in atomically.

Reasoning is incremental (graph/reasoning_incremental.py): only what the new claims touch is read and
derived, so an ingest costs about the same into a large store as into a small one. Re-ingesting an article
(its old claims removed), or new claims that make an earlier conclusion false or change the schema, need
the full closure, which is then recomputed over the whole graph. The counts in build.json are kept by adding
and subtracting what the store gained and lost, never by counting the whole store."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox

from isnad.build import BuildError, article_to_quads, graph_counts, reason
from isnad.graph.failpoints import failpoint
from isnad.graph.iris import Iris
from isnad.graph.reasoning import contradiction_message
from isnad.graph.reasoning_incremental import NotIncremental, add_and_reason
from isnad.graph.store import GraphStore
from isnad.graph.summaries import update_summaries
from isnad.graph.validation import format_report, ingest_focus, validate_store
from isnad.loaders.corpus import Article
from isnad.loaders.gazetteer import load_gazetteer
from isnad.settings import Settings

DERIVED = ("inferred", "explanations")


@dataclass
class IngestSummary:
    article: str
    replaced: bool
    quads_removed: int
    quads_added: int
    seconds: float
    incremental: bool = True  # False when the full closure had to be recomputed


def article_graphs(store: ox.Store, iris: Iris, article_id: str) -> list[ox.NamedNode]:
    """The claim graphs an article contributed (their IRIs are minted under the article's id)."""
    prefix = f"{iris.base}id/claim/{article_id}/"
    return [g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)]


def _remove_article(store: ox.Store, iris: Iris, article_id: str) -> tuple[Counter, int, list[ox.Quad]]:
    """Remove what an earlier ingest of this article added; returns quads removed by graph kind, claims, and
    the claim quads removed (their subjects are validated again, their facts' summaries recomputed)."""
    removed: Counter = Counter()
    record = list(store.quads_for_pattern(iris.article(article_id), None, None, iris.graph("articles")))
    if not record:  # never ingested: nothing to look for (the scan of every graph name below is not cheap)
        return removed, 0, []
    removed_claim_quads: list[ox.Quad] = []
    graphs = article_graphs(store, iris, article_id)
    for graph in graphs:
        for subject in (graph, ox.NamedNode(graph.value + "#evidence")):
            for quad in list(store.quads_for_pattern(subject, None, None, iris.graph("provenance"))):
                store.remove(quad)
                removed["provenance"] += 1
        claim_quads = list(store.quads_for_pattern(None, None, None, graph))
        removed["claim"] += len(claim_quads)
        removed_claim_quads += claim_quads
        store.remove_graph(graph)
    for quad in record:
        store.remove(quad)
        removed["articles"] += 1
    return removed, len(graphs), removed_claim_quads


def _full_closure(store: ox.Store, iris: Iris, counts: Counter) -> Counter:
    """Recompute the inferred and explanations graphs over the whole store; returns the change of their sizes."""
    for name in DERIVED:
        store.remove_graph(iris.graph(name))
    reason(store, iris)
    return Counter({name: sum(1 for _ in store.quads_for_pattern(None, None, None, iris.graph(name))) - counts[name]
                    for name in DERIVED})


def ingest(settings: Settings, article: Article) -> IngestSummary:
    started = time.perf_counter()
    iris = Iris(settings.base_iri)
    graph_store = GraphStore(settings.store)
    quads = list(dict.fromkeys(article_to_quads(article, iris, load_gazetteer())))  # before the store is touched
    previous = graph_store.build_info()
    counts = Counter(previous.get("triples_by_graph", {}))
    with graph_store.new_generation(from_current=True) as generation:
        store = generation.store
        failpoint("ingest-remove")
        removed, removed_claims, removed_claim_quads = _remove_article(store, iris, article.id)
        replaced = removed["articles"] > 0
        failpoint("ingest-load")
        fresh = [q for q in quads if q not in store]  # what the store gains: duplicates are not counted
        claim_graphs = {q.graph_name for q in fresh if iris.graph_kind(q.graph_name.value) == "claim"}
        claims = previous.get("claims", 0) - removed_claims + sum(
            1 for g in claim_graphs if next(store.quads_for_pattern(None, None, None, g), None) is None)
        counts.update(iris.graph_kind(q.graph_name.value) for q in fresh)
        added = fresh
        incremental = not replaced
        if incremental:
            try:
                result = add_and_reason(store, iris, fresh, on_loaded=lambda: failpoint("ingest-reason"))
            except NotIncremental:
                incremental = False  # the new quads are in the store; the derived graphs are as they were
            else:
                if result.contradictions:
                    raise BuildError(contradiction_message(result.contradictions))
                added = result.added
                counts.update({kind: n for kind, n in result.gained.items() if kind in DERIVED})
                counts.subtract(result.lost)
        if not incremental:
            store.extend(q for q in fresh if q not in store)
            failpoint("ingest-reason")
            counts.update(_full_closure(store, iris, counts))
        summaries_lost, summaries_gained = update_summaries(
            store, iris, removed_claim_quads + [q for q in fresh if iris.graph_kind(q.graph_name.value) == "claim"])
        counts["summaries"] += summaries_gained - summaries_lost
        report = validate_store(store, ingest_focus(store, added, {q.subject for q in removed_claim_quads}))
        if not report.conforms:
            raise BuildError("the article's claims break the SHACL shapes; nothing was added:\n"
                             + format_report(report))
        counts.subtract(removed)
        if "triples_by_graph" not in previous:  # a store from before counts were kept: count it once
            counts, claims = graph_counts(store, iris)
        generation.info.update({
            **{k: v for k, v in previous.items() if k not in ("generation", "replaces", "written_at")},
            "articles": previous.get("articles", 0) + (0 if replaced else 1),
            "claims": claims,
            "triples_by_graph": dict(sorted((k, v) for k, v in counts.items() if v)),
            "last_ingest": article.id,
            "reasoning": "incremental" if incremental else "full",
        })
    return IngestSummary(article.id, replaced, sum(removed.values()), len(quads), time.perf_counter() - started,
                         incremental)

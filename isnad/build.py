"""The build pipeline: corpus -> loaders -> quads -> a new store generation, switched in only when complete.

Data flows one way: loaders read text and produce records, isnad.graph turns them into quads and stores
them. This module only wires the stages together and reports what they did."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from isnad.graph.articles import article_quads
from isnad.graph.failpoints import failpoint
from isnad.graph.iris import Iris
from isnad.graph.store import GraphStore, StoreError
from isnad.loaders.corpus import Article, read_corpus
from isnad.resources import ontology_path
from isnad.settings import Settings


class BuildError(Exception):
    """The build could not complete; the previous store is untouched."""


@dataclass
class BuildSummary:
    store: Path
    generation: str
    corpus: str
    articles: int
    claims: int
    triples_by_graph: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "articles": self.articles,
            "claims": self.claims,
            "triples_by_graph": self.triples_by_graph,
            "seconds": round(self.seconds, 3),
        }


def ontology_quads(iris: Iris) -> Iterator[ox.Quad]:
    graph = iris.graph("ontology")
    with open(ontology_path(), "rb") as source:
        for triple in ox.parse(source, format=ox.RdfFormat.TURTLE):
            yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def _counted(quads: Iterable[ox.Quad], iris: Iris, counts: Counter, claims: set[str]) -> Iterator[ox.Quad]:
    for quad in quads:
        kind = iris.graph_kind(quad.graph_name.value)
        counts[kind] += 1
        if kind == "claim":
            claims.add(quad.graph_name.value)
        yield quad


def article_to_quads(article: Article, iris: Iris) -> Iterator[ox.Quad]:
    """Everything one article contributes to the graph."""
    yield from article_quads(article, iris)


def build(
    settings: Settings,
    corpus_dir: Path,
    on_article: Callable[[Article], None] | None = None,
) -> BuildSummary:
    started = time.perf_counter()
    articles = read_corpus(corpus_dir)  # every metadata problem surfaces before the store is touched
    iris = Iris(settings.base_iri)
    graph_store = GraphStore(settings.store)
    counts: Counter = Counter()
    claims: set[str] = set()

    def all_quads() -> Iterator[ox.Quad]:
        yield from ontology_quads(iris)
        for article in articles:
            failpoint("extract")
            yield from article_to_quads(article, iris)
            if on_article:
                on_article(article)

    try:
        with graph_store.new_generation() as generation:
            failpoint("load")
            generation.load(_counted(all_quads(), iris, counts, claims))
            failpoint("validate")
            _check_loaded(generation.store, iris, len(articles))
            summary = BuildSummary(
                store=graph_store.root,
                generation=generation.path.name,
                corpus=str(Path(corpus_dir).resolve()),
                articles=len(articles),
                claims=len(claims),
                triples_by_graph=dict(sorted(counts.items())),
            )
            summary.seconds = time.perf_counter() - started
            generation.info.update(summary.as_dict())
    except OSError as exc:
        raise BuildError(
            f"writing the store at {settings.store} failed: {exc}; the previous store is untouched"
        ) from exc
    summary.generation = graph_store.build_info()["generation"]
    return summary


def _check_loaded(store: ox.Store, iris: Iris, expected_articles: int) -> None:
    """A generation is switched in only if it answers queries and holds every article."""
    query = "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }"
    found = int(next(iter(store.query(query)))["n"].value)
    if found != expected_articles:
        raise StoreError(f"the new store holds {found} articles, expected {expected_articles}; not switched in")

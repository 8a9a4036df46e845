"""The build pipeline: corpus -> loaders -> quads -> a new store generation, switched in only when complete.

Data flows one way: loaders read text and produce records, isnad.graph turns them into quads and stores
them. This module only wires the stages together and reports what they did."""

from __future__ import annotations

import time
from collections import ChainMap, Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from isnad.graph.articles import article_quads
from isnad.graph.claims import gazetteer_claims, mention_claims
from isnad.graph.diff import diff_stores
from isnad.graph.fact_model import fact_claims
from isnad.graph.failpoints import failpoint
from isnad.graph.iris import Iris
from isnad.graph.reasoning import find_contradictions, infer
from isnad.graph.store import GraphStore, StoreError
from isnad.graph.validation import ValidationReport, format_report, validate_store
from isnad.loaders.corpus import Article, read_corpus
from isnad.loaders.extract import extract_article
from isnad.loaders.gazetteer import Gazetteer, load_gazetteer
from isnad.resources import ontology_path
from isnad.settings import Settings


class BuildError(Exception):
    """The build could not complete; the previous store is untouched."""


class InvalidGraphError(BuildError):
    """The new graph breaks the SHACL shapes; it was not switched in."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        super().__init__(
            f"the new graph has {len(report.errors)} SHACL violation(s) and was not switched in; the previous "
            "store is untouched (build with --allow-invalid to keep it anyway):\n" + format_report(report)
        )


@dataclass
class BuildSummary:
    store: Path
    generation: str
    corpus: str
    articles: int
    claims: int
    triples_by_graph: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    changes: str | None = None  # the short diff against the store this build replaced

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


def graph_counts(store: ox.Store, iris: Iris) -> tuple[dict[str, int], int]:
    """Triples per kind of graph, and the number of claims, as the store holds them (duplicates merged)."""
    def count(pattern: str) -> int:
        return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))["n"].value)

    counts: Counter = Counter()
    claims = 0
    for graph in store.named_graphs():
        kind = iris.graph_kind(graph.value)
        if kind == "claim":
            claims += 1
        else:
            counts[kind] += count(f"GRAPH <{graph.value}> {{ ?s ?p ?o }}")
    counts["claim"] = count("GRAPH ?g { ?s ?p ?o }") - sum(counts.values())
    return dict(sorted(counts.items())), claims


INCLUDE_FORMATS = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".ttl": ox.RdfFormat.TURTLE}


def included_quads(path: Path, iris: Iris) -> list[ox.Quad]:
    """Hand-curated data to build into the graph (TriG or N-Quads keep their graphs; Turtle goes into a
    graph named after the file). Parsed whole before the store is touched, so a syntax error stops the
    build with the file, line and column."""
    rdf_format = INCLUDE_FORMATS.get(path.suffix)
    if rdf_format is None:
        raise BuildError(f"{path}: cannot include a {path.suffix or 'suffix-less'} file; use .trig, .nq or .ttl")
    graph = ox.NamedNode(f"{iris.base}graph/include/{path.stem}") if rdf_format is ox.RdfFormat.TURTLE else None
    try:
        with open(path, "rb") as source:
            return [
                ox.Quad(q.subject, q.predicate, q.object, graph) if graph else q
                for q in ox.parse(source, format=rdf_format)
            ]
    except OSError as exc:
        raise BuildError(f"{path}: cannot be read ({exc.strerror})") from None
    except SyntaxError as exc:
        raise BuildError(f"{path}: {exc}") from None


def article_to_quads(article: Article, iris: Iris, gazetteer: Gazetteer) -> Iterator[ox.Quad]:
    """Everything one article contributes to the graph: itself, the entities it mentions, its facts."""
    extraction, new_entity_types = extract_article(article, gazetteer)
    entity_types = ChainMap({e.id: e.type for e in gazetteer.entities.values()}, new_entity_types)
    yield from article_quads(article, iris)
    yield from mention_claims(extraction, iris)
    yield from fact_claims(extraction, iris, entity_types)


def build(
    settings: Settings,
    corpus_dir: Path,
    on_article: Callable[[Article], None] | None = None,
    allow_invalid: bool = False,
    includes: tuple[Path, ...] = (),
) -> BuildSummary:
    started = time.perf_counter()
    articles = read_corpus(corpus_dir)  # every metadata problem surfaces before the store is touched
    iris = Iris(settings.base_iri)
    extra = [quad for path in includes for quad in included_quads(Path(path), iris)]
    gazetteer = load_gazetteer()
    graph_store = GraphStore(settings.store)

    def all_quads() -> Iterator[ox.Quad]:
        yield from ontology_quads(iris)
        yield from gazetteer_claims(gazetteer, iris)
        yield from extra
        for article in articles:
            failpoint("extract")
            yield from article_to_quads(article, iris, gazetteer)
            if on_article:
                on_article(article)

    try:
        with graph_store.new_generation() as generation:
            failpoint("load")
            generation.load(all_quads())
            _check_loaded(generation.store, iris, len(articles))
            failpoint("reason")
            reason(generation.store, iris)
            failpoint("validate")
            report = validate_store(generation.store)
            if not report.conforms and not allow_invalid:
                raise InvalidGraphError(report)
            counts, claims = graph_counts(generation.store, iris)
            summary = BuildSummary(
                store=graph_store.root,
                generation=generation.path.name,
                corpus=str(Path(corpus_dir).resolve()),
                articles=len(articles),
                claims=claims,
                triples_by_graph=counts,
            )
            summary.seconds = time.perf_counter() - started
            generation.info.update(summary.as_dict())
    except OSError as exc:
        raise BuildError(
            f"writing the store at {settings.store} failed: {exc}; the previous store is untouched"
        ) from exc
    summary.generation = graph_store.build_info()["generation"]
    previous = graph_store.previous_generation()
    if previous is not None:
        old = ox.Store.read_only(str(previous / "oxigraph"))
        summary.changes = diff_stores(old, graph_store.open_read(), iris).summary()
    return summary


def reason(store: ox.Store, iris: Iris) -> None:
    """Compute the inferred and explanations graphs into the store; a contradiction the ontology can
    detect stops the build, naming the claims that cause it."""
    result = infer(store, iris)
    contradictions = find_contradictions(store, iris, result)
    if contradictions:
        lines = "\n".join(f"- {c.message} (claims: {', '.join(c.claims)})" for c in contradictions[:20])
        raise BuildError(f"the graph contradicts itself in {len(contradictions)} place(s); not switched in:\n{lines}")
    result.write_to(store)


def _check_loaded(store: ox.Store, iris: Iris, expected_articles: int) -> None:
    """A generation is switched in only if it answers queries and holds every article."""
    query = "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }"
    found = int(next(iter(store.query(query)))["n"].value)
    if found != expected_articles:
        raise StoreError(f"the new store holds {found} articles, expected {expected_articles}; not switched in")

"""The build pipeline: corpus -> loaders -> quads -> a new store generation, switched in only when complete.

Data flows one way: loaders read text and produce records, isnad.graph turns them into quads and stores
them. This module only wires the stages together and reports what they did."""

from __future__ import annotations

import contextlib
import itertools
import json
import math
import time
from collections import ChainMap, Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from isnad.executors import ExecutorError, batches, check_available, cpu_count, open_executor, ordered_map
from isnad.graph.articles import article_quads
from isnad.graph.claims import gazetteer_claims, mention_claims
from isnad.graph.diff import claim_kind, summarize_counts
from isnad.graph.fact_model import fact_claims
from isnad.graph.failpoints import failpoint
from isnad.graph.iris import Iris
from isnad.graph.reasoning import contradiction_message, find_contradictions, infer
from isnad.graph.store import GraphStore, StoreError
from isnad.graph.summaries import write_summaries
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
    claims_by_kind: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    changes: str | None = None  # the short diff against the store this build replaced
    workers: int = 1
    # Wall seconds per stage. extract: producing the quads (in-process extraction, or waiting for the
    # workers and reading their N-Quads); load: the store's share of the bulk load; commit: flush, compaction
    # and the switch; diff: the comparison with the previous generation.
    stages: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "corpus": self.corpus,
            "articles": self.articles,
            "claims": self.claims,
            "triples_by_graph": self.triples_by_graph,
            "claims_by_kind": self.claims_by_kind,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
            "stages": {stage: round(seconds, 3) for stage, seconds in self.stages.items()},
        }


def ontology_quads(iris: Iris) -> Iterator[ox.Quad]:
    graph = iris.graph("ontology")
    with open(ontology_path(), "rb") as source:
        for triple in ox.parse(source, format=ox.RdfFormat.TURTLE):
            yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def graph_counts(store: ox.Store, iris: Iris, claims_by_kind: Counter | None = None) -> tuple[dict[str, int], int]:
    """Triples per kind of graph, and the number of claims, as the store holds them (duplicates merged);
    claims_by_kind, if given, is filled with the number of claims of each kind."""
    def count(pattern: str) -> int:
        return int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")))["n"].value)

    counts: Counter = Counter()
    claims = 0
    for graph in store.named_graphs():
        kind = iris.graph_kind(graph.value)
        if kind == "claim":
            claims += 1
            if claims_by_kind is not None:
                claims_by_kind[claim_kind(graph.value)] += 1
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


def article_batch_nquads(batch: list[Article], base_iri: str) -> list[bytes]:
    """The quads of each article of a batch as N-Quads: what a worker process or Dask worker sends back
    (plain bytes travel cheaply between processes and machines; the gazetteer is loaded once per worker)."""
    iris, gazetteer = Iris(base_iri), load_gazetteer()
    return [ox.serialize(article_to_quads(article, iris, gazetteer), format=ox.RdfFormat.N_QUADS)
            for article in batch]


# Below this many articles per worker, starting worker processes costs more than it saves (each imports
# isnad and loads the gazetteer, seconds on a busy machine); the automatic worker count respects it.
MIN_ARTICLES_PER_WORKER = 50


def worker_count(requested: int, articles: int) -> int:
    """0 asks for one worker per core, fewer for a small corpus; any other number is taken as given."""
    if requested > 0:
        return requested
    return max(1, min(cpu_count(), articles // MIN_ARTICLES_PER_WORKER))


def build(
    settings: Settings,
    corpus_dir: Path,
    on_article: Callable[[Article], None] | None = None,
    allow_invalid: bool = False,
    includes: tuple[Path, ...] = (),
    workers: int | None = None,
    executor: str | None = None,
) -> BuildSummary:
    """Build the corpus into a new store generation. Extraction runs in `workers` processes (None: the
    settings' build_workers; 0: automatic) on the `executor` ('local' processes, or 'dask[://SCHEDULER]');
    one local worker extracts in this process. Every way gives the same graph."""
    started = time.perf_counter()
    articles = read_corpus(corpus_dir)  # every metadata problem surfaces before the store is touched
    iris = Iris(settings.base_iri)
    extra = [quad for path in includes for quad in included_quads(Path(path), iris)]
    gazetteer = load_gazetteer()
    graph_store = GraphStore(settings.store)
    executor = executor or settings.build_executor
    workers = worker_count(settings.build_workers if workers is None else workers, len(articles))
    stages: Counter = Counter()

    def article_quads_in_process() -> Iterator[Iterable[ox.Quad]]:
        for article in articles:
            yield article_to_quads(article, iris, gazetteer)

    def article_quads_from_workers() -> Iterator[Iterable[ox.Quad]]:
        with open_executor(executor, workers) as (pool, slots):
            size = min(16, max(1, math.ceil(len(articles) / (slots * 8))))  # several batches per worker
            for batch in ordered_map(pool, article_batch_nquads, batches(articles, size), 2 * slots,
                                     settings.base_iri):
                for nquads in batch:
                    yield ox.parse(nquads, format=ox.RdfFormat.N_QUADS)

    parallel = workers > 1 or executor != "local"
    try:
        check_available(executor)
    except ExecutorError as exc:
        raise BuildError(str(exc)) from None
    per_article = article_quads_from_workers() if parallel else article_quads_in_process()

    def all_quads() -> Iterator[ox.Quad]:
        yield from ontology_quads(iris)
        yield from gazetteer_claims(gazetteer, iris)
        yield from extra
        for article, quads in zip(articles, per_article, strict=True):
            failpoint("extract")
            yield from quads
            if on_article:
                on_article(article)

    try:
        with graph_store.new_generation() as generation:
            failpoint("load")
            with _timed(stages, "load"):
                generation.load(_timed_stream(all_quads(), stages, "extract"))
            stages["load"] -= stages["extract"]
            _check_loaded(generation.store, iris, len(articles))
            failpoint("reason")
            with _timed(stages, "reason"):
                reason(generation.store, iris)
            with _timed(stages, "summarize"):
                write_summaries(generation.store, iris)
            failpoint("validate")
            with _timed(stages, "validate"):
                report = validate_store(generation.store)
            if not report.conforms and not allow_invalid:
                raise InvalidGraphError(report)
            claims_by_kind: Counter = Counter()
            with _timed(stages, "counts"):
                counts, claims = graph_counts(generation.store, iris, claims_by_kind)
            summary = BuildSummary(
                store=graph_store.root,
                generation=generation.path.name,
                corpus=str(Path(corpus_dir).resolve()),
                articles=len(articles),
                claims=claims,
                triples_by_graph=counts,
                claims_by_kind=dict(sorted(claims_by_kind.items())),
                workers=workers if executor == "local" else 0,
                stages=stages,
            )
            summary.seconds = time.perf_counter() - started
            generation.info.update(summary.as_dict())
            commit_started = time.perf_counter()
    except OSError as exc:
        raise BuildError(
            f"writing the store at {settings.store} failed: {exc}; the previous store is untouched"
        ) from exc
    except ExecutorError as exc:
        raise BuildError(f"{exc}; the previous store is untouched") from None
    stages["commit"] = time.perf_counter() - commit_started
    info = graph_store.build_info()
    summary.generation = info["generation"]
    previous = graph_store.previous_generation()
    if previous is not None:
        with _timed(stages, "diff"):
            summary.changes = summarize_counts(_read_info(previous), info)
    summary.seconds = time.perf_counter() - started
    return summary


@contextlib.contextmanager
def _timed(stages: Counter, name: str) -> Iterator[None]:
    """Adds the wall time of the block to stages[name]."""
    started = time.perf_counter()
    try:
        yield
    finally:
        stages[name] += time.perf_counter() - started


def _timed_stream(quads: Iterator[ox.Quad], stages: Counter, name: str) -> Iterator[ox.Quad]:
    """The stream as is, adding the time spent producing it to stages[name] (the consumer's time is not
    counted). Timed per chunk of quads: a clock read per quad would cost more than some of the stages."""
    while True:
        started = time.perf_counter()
        chunk = list(itertools.islice(quads, 4096))
        stages[name] += time.perf_counter() - started
        if not chunk:
            return
        yield from chunk


def reason(store: ox.Store, iris: Iris) -> None:
    """Compute the inferred and explanations graphs into the store; a contradiction the ontology can
    detect stops the build, naming the claims that cause it."""
    result = infer(store, iris)
    contradictions = find_contradictions(store, iris, result)
    if contradictions:
        raise BuildError(contradiction_message(contradictions))
    result.write_to(store)


def _read_info(generation: Path) -> dict:
    try:
        return json.loads((generation / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a previous generation without a readable record: everything counts as new


def _check_loaded(store: ox.Store, iris: Iris, expected_articles: int) -> None:
    """A generation is switched in only if it answers queries and holds every article."""
    query = "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }"
    found = int(next(iter(store.query(query)))["n"].value)
    if found != expected_articles:
        raise StoreError(f"the new store holds {found} articles, expected {expected_articles}; not switched in")

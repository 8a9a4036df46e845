"""SHACL validation of an Isnad graph against ontology/shapes.ttl, with reports that name things by their labels.

Choice of inference mode: none. The ontology is mixed into the data so that sh:targetClass and sh:class follow
rdfs:subClassOf (a Militia is an Actor), which SHACL does by itself. pyshacl's "rdfs" or "owlrl" modes would
also apply rdfs:domain and rdfs:range, and so manufacture the very types that sh:class is meant to check: with
`isnad:speaker rdfs:range isnad:Actor`, a speaker typed as a place would be inferred to be an Actor and the
error would vanish (see notes/LIBRARIES.md). For the same reason the inferred graph of a store is left out.

A Dataset is validated as the union of its graphs: one claim graph holds the fact, another (the gazetteer's)
types the entities it points to, and the provenance graph describes the claim; checked one graph at a time,
every cross-graph reference would look broken.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

# The store's graphs of derived triples (isnad.graph.iris: <BASE graph/inferred>, <BASE graph/explanations>),
# whatever the base IRI.
DERIVED_GRAPH_SUFFIXES = ("/graph/inferred", "/graph/explanations")

_PREFIXES = {
    "isnad": "https://isnad.example.org/ontology#",
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
}
_SEVERITY_ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Violation:
    """One SHACL result. `severity` is "Violation", "Warning" or "Info"; nodes are IRIs (or _:id for blank nodes)."""

    focus_node: str
    focus_label: str | None
    path: str | None
    message: str
    severity: str
    value: str | None = None
    value_label: str | None = None
    focus_type: str | None = None  # e.g. "isnad:TroopLevel", to say what an unlabelled node is
    shape: str | None = None
    # Where the offending statements come from: "claim <IRI> (article ID)" or "(curated: …)" or "inferred".
    sources: tuple[str, ...] = ()


@dataclass
class ValidationReport:
    """`conforms` is False when there is at least one result of severity Violation; warnings do not count."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    @property
    def errors(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Violation"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity != "Violation"]


@lru_cache(maxsize=1)
def _packaged_graph(name: str) -> Graph:
    text = files("isnad.ontology").joinpath(name).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def load_shapes() -> Graph:
    """The SHACL shapes shipped with the package (ontology/shapes.ttl). A fresh copy: callers may change it."""
    return _copy(_packaged_graph("shapes.ttl"))


def load_ontology() -> Graph:
    """The OWL ontology shipped with the package (ontology/isnad.ttl). A fresh copy: callers may change it."""
    return _copy(_packaged_graph("isnad.ttl"))


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    copy += graph
    return copy


def _union(data: Graph | Dataset, skip_graphs: Iterable[str], include_inferred: bool = False) -> Graph:
    skipped = {str(g) for g in skip_graphs}
    union = Graph()
    for prefix, namespace in _PREFIXES.items():
        union.bind(prefix, namespace)
    if isinstance(data, ConjunctiveGraph):  # Dataset is one too
        graphs = data.graphs() if isinstance(data, Dataset) else data.contexts()
        for graph in graphs:
            name = str(graph.identifier)
            derived = name.endswith(DERIVED_GRAPH_SUFFIXES[1:] if include_inferred else DERIVED_GRAPH_SUFFIXES)
            if name in skipped or derived:
                continue
            for triple in graph:
                union.add(triple)
    else:
        union += data
    return union


def validate(
    data: Graph | Dataset,
    ontology: Graph | None = None,
    *,
    skip_graphs: Iterable[str] = (),
    include_inferred: bool = False,
) -> ValidationReport:
    """Validate `data` against the packaged shapes.

    `data` is a Graph, or a Dataset whose graphs are validated as one union (graphs named in `skip_graphs`
    and any graph whose IRI ends in /graph/inferred are left out). `ontology` defaults to the packaged
    isnad.ttl; it is mixed into the data for its class hierarchy only, with no inference (see module doc)."""
    union = _union(data, skip_graphs, include_inferred)
    union += ontology if ontology is not None else _packaged_graph("isnad.ttl")
    shapes = _packaged_graph("shapes.ttl")
    _conforms, results, _text = shacl_validate(
        data_graph=union,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        allow_infos=True,
        meta_shacl=False,
        advanced=False,
        inplace=True,
    )
    violations = [_violation(results, shapes, result, union) for result in _results(results)]
    violations.sort(key=lambda v: (_SEVERITY_ORDER.get(v.severity, 3), v.focus_node, v.path or "", v.message))
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=violations,
    )


def _results(results: Graph) -> list[Node]:
    return list(results.subjects(RDF.type, SH.ValidationResult))


def _violation(results: Graph, shapes: Graph, result: Node, data: Graph) -> Violation:
    focus = results.value(result, SH.focusNode)
    value = results.value(result, SH.value)
    path = results.value(result, SH.resultPath)
    severity = results.value(result, SH.resultSeverity)
    shape = results.value(result, SH.sourceShape)
    return Violation(
        focus_node=_node_text(focus, data),
        focus_label=label_of(data, focus),
        path=_path_text(path, results, shapes) if path is not None else None,
        message=_message(results, result),
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        value=_node_text(value, data) if value is not None else None,
        value_label=label_of(data, value) if value is not None else None,
        focus_type=_isnad_type(data, focus),
        shape=str(shape) if isinstance(shape, URIRef) else None,
    )


def _message(results: Graph, result: Node) -> str:
    messages = list(results.objects(result, SH.resultMessage))
    for message in messages:
        if isinstance(message, Literal) and message.language in (None, "en"):
            return str(message)
    if messages:
        return str(messages[0])
    component = results.value(result, SH.sourceConstraintComponent)
    return f"constraint {_compact(component, results)} not met" if component is not None else "constraint not met"


def label_of(graph: Graph, node: Node | None) -> str | None:
    """A readable name found in the graph: skos:prefLabel, then rdfs:label; English, then Arabic, then any."""
    if node is None or isinstance(node, Literal):
        return None
    for predicate in (SKOS.prefLabel, RDFS.label):
        labels = [o for o in graph.objects(node, predicate) if isinstance(o, Literal)]
        for language in ("en", "ar"):
            for label in labels:
                if label.language == language:
                    return str(label)
        if labels:
            return str(labels[0])
    return None


def _isnad_type(graph: Graph, node: Node) -> str | None:
    types = sorted(str(t) for t in graph.objects(node, RDF.type) if str(t).startswith(_PREFIXES["isnad"]))
    return _compact(URIRef(types[0]), graph) if types else None


def _node_text(node: Node, data: Graph) -> str:
    if isinstance(node, Literal):
        return node.n3(data.namespace_manager)
    if isinstance(node, BNode):
        return f"_:{node}"
    return str(node)


def _compact(node: Node, graph: Graph) -> str:
    if isinstance(node, URIRef):
        for prefix, namespace in _PREFIXES.items():
            if str(node).startswith(namespace):
                return f"{prefix}:{str(node)[len(namespace) :]}"
        return f"<{node}>"
    return str(node)


def _path_text(path: Node, results: Graph, shapes: Graph) -> str:
    """A SHACL property path in SPARQL-like notation: isnad:a/isnad:b, isnad:a|isnad:b, ^isnad:a."""
    if isinstance(path, URIRef):
        return _compact(path, results)
    for graph in (results, shapes):  # pyshacl may or may not copy a complex path into the results graph
        if (path, None, None) not in graph:
            continue
        if (path, RDF.first, None) in graph:
            return "/".join(_path_text(p, results, shapes) for p in Collection(graph, path))
        alternatives = graph.value(path, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(_path_text(p, results, shapes) for p in Collection(graph, alternatives)) + ")"
        for predicate, mark in (
            (SH.inversePath, "^"),
            (SH.zeroOrMorePath, "*"),
            (SH.oneOrMorePath, "+"),
            (SH.zeroOrOnePath, "?"),
        ):
            inner = graph.value(path, predicate)
            if inner is not None:
                text = _path_text(inner, results, shapes)
                return "^" + text if mark == "^" else text + mark
    return str(path)


def format_report(report: ValidationReport) -> str:
    """The report as text for people: one block per result, things named by their labels and IRIs."""
    errors, warnings = len(report.errors), len(report.warnings)
    if report.conforms and not warnings:
        return "The graph conforms to the Isnad shapes: no violations."
    lines = [
        f"The graph {'conforms' if report.conforms else 'does NOT conform'} to the Isnad shapes: "
        f"{errors} violation{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}."
    ]
    for v in report.violations:
        name = f"{v.focus_label} <{v.focus_node}>" if v.focus_label else f"<{v.focus_node}>"
        lines.append("")
        lines.append(f"[{v.severity}] {name}" + (f" ({v.focus_type})" if v.focus_type else ""))
        lines.append(f"  {v.message}")
        if v.path:
            lines.append(f"  path:  {v.path}")
        if v.value is not None:
            value = f"{v.value_label} <{v.value}>" if v.value_label else v.value
            lines.append(f"  value: {value}")
        for source in v.sources:
            lines.append(f"  from:  {source}")
    return "\n".join(lines)


def validate_store(store: ox.Store, focus: Iterable[ox.NamedNode | ox.BlankNode] | None = None,
                   chunk: int = 2000) -> ValidationReport:
    """Validate a pyoxigraph store in two passes: the asserted graphs alone (so that inferred types cannot
    hide a wrong value class, as above), then the asserted graphs with the inferred graph, reporting only
    what the inferred triples add (a derived second value where one is allowed, say). The explanations
    graph describes derivations, not the world, and is not validated.

    Scale: the store is validated focus node by focus node, `chunk` nodes at a time, each with only what its
    shapes can read (`_neighbourhood`), so memory stays bounded and the time grows with the graph, not faster.
    With `focus` (what an ingest added: see `ingest_focus`), only those nodes are validated."""
    inferred = [g for g in store.named_graphs() if g.value.endswith(DERIVED_GRAPH_SUFFIXES[0])]
    nodes = list(dict.fromkeys(focus)) if focus is not None else _all_focus_nodes(store)
    targets_of, second_steps = _shape_reach()
    first: list[Violation] = []
    added: list[Violation] = []

    def said(v: Violation) -> tuple:  # what a result says, however the node happens to be typed
        return v.focus_node, v.path, v.message, v.severity, v.value

    for start in range(0, len(nodes), chunk):
        part = nodes[start:start + chunk]
        keep = {_node_text_ox(n) for n in part}
        asserted = _neighbourhood(store, part, targets_of, second_steps, False, focus is not None)
        one = [v for v in validate(asserted).violations if v.focus_node in keep]
        first += one
        if inferred:
            both = _neighbourhood(store, part, targets_of, second_steps, True, focus is not None)
            seen = {said(v) for v in one}
            added += [v for v in validate(both).violations if v.focus_node in keep and said(v) not in seen]
    violations = [replace(v, sources=_sources(store, v)) for v in first + added]
    violations.sort(key=lambda v: (_SEVERITY_ORDER.get(v.severity, 3), v.focus_node, v.path or "", v.message))
    return ValidationReport(conforms=not any(v.severity == "Violation" for v in violations), violations=violations)


def ingest_focus(store: ox.Store, added: Iterable[ox.Quad], removed_subjects: Iterable = ()
                 ) -> list[ox.NamedNode | ox.BlankNode]:
    """The nodes whose validation can change when `added` quads (already in the store) arrive and the
    `removed_subjects` lose statements: those subjects, the objects of properties whose objects are shape
    targets, and the nodes pointing to a node that gained a type it did not have (sh:class reads it)."""
    targets_of, _ = _shape_reach()
    added = list(added)
    graphs = {q.graph_name for q in added}
    nodes: dict = dict.fromkeys(removed_subjects)
    for quad in added:
        nodes[quad.subject] = None
        if quad.predicate in targets_of:
            nodes[quad.object] = None
        if quad.predicate == _RDF_TYPE and not any(
                q.graph_name not in graphs and not _derived(q.graph_name, explanations_only=True)
                for q in store.quads_for_pattern(quad.subject, _RDF_TYPE, quad.object, None)):
            for pointing in store.quads_for_pattern(None, None, quad.subject, None):
                if not _derived(pointing.graph_name, explanations_only=True):
                    nodes[pointing.subject] = None
    return [n for n in nodes if isinstance(n, ox.NamedNode | ox.BlankNode)]


def _derived(graph: object, explanations_only: bool = False) -> bool:
    """Whether a graph name is the inferred or explanations graph (or only the latter)."""
    suffixes = DERIVED_GRAPH_SUFFIXES[1:] if explanations_only else DERIVED_GRAPH_SUFFIXES
    return isinstance(graph, ox.NamedNode) and graph.value.endswith(suffixes)


_RDF_TYPE = ox.NamedNode(str(RDF.type))
# Read for a value node besides what sh:class and sequence paths need: its labels, for the report.
_VALUE_PREDICATES = (_RDF_TYPE, ox.NamedNode(str(SKOS.prefLabel)), ox.NamedNode(str(RDFS.label)))


def _path_predicates(shapes: Graph, path: Node) -> Iterable[URIRef]:
    if isinstance(path, URIRef):
        yield path
    elif (path, RDF.first, None) in shapes:
        for step in Collection(shapes, path):
            yield from _path_predicates(shapes, step)
    else:
        for kind in (SH.alternativePath, SH.inversePath, SH.zeroOrMorePath, SH.oneOrMorePath, SH.zeroOrOnePath):
            inner = shapes.value(path, kind)
            if inner is not None:
                yield from _path_predicates(shapes, inner)


@lru_cache(maxsize=1)
def _read_predicates() -> frozenset[ox.NamedNode]:
    """Every property a shape reads (paths, property targets, comparisons), with rdf:type and the labels the
    report names things by: a focus node's other triples (Iraq's thousands of inferred isnad:contains) are not
    fetched, so validating what an ingest adds does not grow with the store."""
    shapes = _packaged_graph("shapes.ttl")
    read = {p for path in shapes.objects(None, SH.path) for p in _path_predicates(shapes, path)}
    for kind in (SH.targetSubjectsOf, SH.targetObjectsOf, SH.lessThan, SH.lessThanOrEquals, SH.equals, SH.disjoint):
        read.update(p for p in shapes.objects(None, kind) if isinstance(p, URIRef))
    if any(shapes.triples((None, SH.inversePath, None))):
        raise ValueError("shapes.ttl: validate_store does not fetch the triples an inverse path reads")
    return frozenset({ox.NamedNode(str(p)) for p in read} | set(_VALUE_PREDICATES))


@lru_cache(maxsize=1)
def _shape_reach() -> tuple[frozenset[ox.NamedNode], tuple[ox.NamedNode, ...]]:
    """What the shapes read beyond a focus node's own triples: the properties whose objects are targets
    (sh:targetObjectsOf), and the properties at later steps of sequence paths (isnad:evidence/isnad:quote)."""
    shapes = _packaged_graph("shapes.ttl")
    targets_of = frozenset(ox.NamedNode(str(p)) for p in shapes.objects(None, SH.targetObjectsOf))
    later: dict[ox.NamedNode, None] = {}
    for path in shapes.objects(None, SH.path):
        if (path, RDF.first, None) in shapes:
            steps = list(Collection(shapes, path))
            if any(not isinstance(step, URIRef) for step in steps) or len(steps) > 2:
                raise ValueError(f"shapes.ttl: validate_store reads one step past a value; extend _neighbourhood "
                                 f"for the path {steps}")
            later.update((ox.NamedNode(str(step)), None) for step in steps[1:])
    return targets_of, tuple(later)


def _all_focus_nodes(store: ox.Store) -> list[ox.NamedNode | ox.BlankNode]:
    targets_of, _ = _shape_reach()
    nodes: dict = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        if _derived(quad.graph_name, explanations_only=True):
            continue
        nodes[quad.subject] = None
        if quad.predicate in targets_of and isinstance(quad.object, ox.NamedNode | ox.BlankNode):
            nodes[quad.object] = None
    return list(nodes)


def _neighbourhood(store: ox.Store, nodes: list, targets_of: frozenset, second_steps: tuple,
                   with_inferred: bool, by_predicate: bool = False) -> Graph:
    """Everything the shapes can read about `nodes`: their own triples with a property they read, the triples
    making them objects of a targeted property, and of each value node its types, labels and the properties
    sequence paths follow. `by_predicate` fetches a node's triples property by property (bounded by what the
    shapes read, for a few nodes) instead of all of them (fewer lookups, for a whole store)."""
    def allowed(quad: ox.Quad) -> bool:
        return not _derived(quad.graph_name, explanations_only=with_inferred)

    read = _read_predicates()
    triples: dict[tuple, None] = {}
    values: dict = {}
    for node in nodes:
        own = (store.quads_for_pattern(node, None, None, None) if not by_predicate else
               (q for p in read for q in store.quads_for_pattern(node, p, None, None)))
        for quad in own:
            if quad.predicate in read and allowed(quad):
                triples[(quad.subject, quad.predicate, quad.object)] = None
                if not isinstance(quad.object, ox.Literal):
                    values[quad.object] = None
        for predicate in targets_of:
            for quad in store.quads_for_pattern(None, predicate, node, None):
                if allowed(quad):
                    triples[(quad.subject, quad.predicate, quad.object)] = None
    for value in values:
        for predicate in (*_VALUE_PREDICATES, *second_steps):
            for quad in store.quads_for_pattern(value, predicate, None, None):
                if allowed(quad):
                    triples[(quad.subject, quad.predicate, quad.object)] = None
    data = ox.serialize((ox.Triple(*t) for t in triples), format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _node_text_ox(node: ox.NamedNode | ox.BlankNode) -> str:
    """A node as Violation.focus_node writes it."""
    return node.value if isinstance(node, ox.NamedNode) else f"_:{node.value}"


_SOURCES = """
SELECT DISTINCT ?g ?article ?note WHERE {
  GRAPH ?g { FOCUS ?p ?o }
  OPTIONAL { ?g <https://isnad.example.org/ontology#fromArticle> ?a .
             ?a <http://purl.org/dc/terms/identifier> ?article }
  OPTIONAL { ?g <https://isnad.example.org/ontology#fromSource> ?s .
             ?s <http://www.w3.org/2000/01/rdf-schema#label> ?note }
} LIMIT 5"""


def _sources(store: ox.Store, violation: Violation) -> tuple[str, ...]:
    """The claims (and their articles) that make statements about the focus node, so a reader knows
    which article or curated entry to look at."""
    if not violation.focus_node.startswith(("http://", "https://")):
        return ()
    found = []
    query = _SOURCES.replace("FOCUS", f"<{violation.focus_node}>")
    for row in store.query(query, use_default_graph_as_union=True):
        graph = row["g"].value
        if graph.endswith(DERIVED_GRAPH_SUFFIXES):
            found.append("inferred")
        elif row["article"] is not None:
            found.append(f"claim <{graph}> (article {row['article'].value})")
        elif row["note"] is not None:
            found.append(f"claim <{graph}> (curated: {row['note'].value})")
    return tuple(dict.fromkeys(found))

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


def validate_store(store: ox.Store) -> ValidationReport:
    """Validate a pyoxigraph store in two passes: the asserted graphs alone (so that inferred types cannot
    hide a wrong value class, as above), then the asserted graphs with the inferred graph, reporting only
    what the inferred triples add (a derived second value where one is allowed, say). The explanations
    graph describes derivations, not the world, and is not validated."""
    asserted = [g for g in store.named_graphs() if not g.value.endswith(DERIVED_GRAPH_SUFFIXES)]
    inferred = [g for g in store.named_graphs() if g.value.endswith(DERIVED_GRAPH_SUFFIXES[0])]
    dataset = _dataset(store, asserted)
    first = validate(dataset)
    if not inferred:
        return first
    second = validate(_dataset(store, [*asserted, *inferred]), skip_graphs=(), include_inferred=True)
    def said(v: Violation) -> tuple:  # what a result says, however the node happens to be typed
        return v.focus_node, v.path, v.message, v.severity, v.value

    seen = {said(v) for v in first.violations}
    added = [v for v in second.violations if said(v) not in seen]
    violations = [replace(v, sources=_sources(store, v)) for v in first.violations + added]
    return ValidationReport(conforms=not any(v.severity == "Violation" for v in violations), violations=violations)


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


def _dataset(store: ox.Store, graphs: list[ox.NamedNode]) -> Dataset:
    quads = (quad for graph in graphs for quad in store.quads_for_pattern(None, None, None, graph))
    dataset = Dataset()
    dataset.parse(data=ox.serialize(quads, format=ox.RdfFormat.N_QUADS), format="nquads")
    return dataset

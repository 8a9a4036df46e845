"""Running SPARQL against a store and serializing the answer, for the CLI and the server alike.

Serializers are pyoxigraph's own; nothing here writes a result format by hand."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pyoxigraph as ox

from isnad.graph.iris import PREFIXES
from isnad.graph.sparql_scan import scan

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}


class QueryError(ValueError):
    """The query does not parse or cannot be evaluated; the message is the engine's (with line and column)."""


@dataclass
class QueryAnswer:
    """One of: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples

    @property
    def kind(self) -> str:
        if isinstance(self.result, ox.QuerySolutions):
            return "solutions"
        if isinstance(self.result, ox.QueryBoolean):
            return "boolean"
        return "triples"


def run_query(
    store: ox.Store,
    sparql: str,
    *,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] | None = None,
) -> QueryAnswer:
    """The default graph is the union of all graphs, unless the dataset is named.

    As in the SPARQL 1.1 Protocol, a dataset given by the caller (default_graphs and/or named_graphs, either
    may be an empty list) wins over the query's own FROM / FROM NAMED clauses, which win over the union."""
    options: dict = {"prefixes": PREFIXES}
    if default_graphs is not None or named_graphs is not None:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs or []]
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs or []]
    elif not scan(sparql, PREFIXES).declares_dataset:
        options["use_default_graph_as_union"] = True
    if substitutions:
        options["substitutions"] = substitutions
    try:
        return QueryAnswer(store.query(sparql, **options))
    except SyntaxError as exc:
        raise QueryError(str(exc)) from None
    except (ValueError, OSError) as exc:
        raise QueryError(f"query failed: {exc}") from None


def serialize_answer(answer: QueryAnswer, format_name: str) -> bytes:
    """Serialize to one of RESULT_FORMATS (solutions, booleans) or GRAPH_FORMATS (triples)."""
    if answer.kind == "triples":
        if format_name not in GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT/DESCRIBE result is a graph: use one of {', '.join(GRAPH_FORMATS)}")
        return answer.result.serialize(format=GRAPH_FORMATS[format_name])
    if format_name not in RESULT_FORMATS:
        raise QueryError(f"a SELECT/ASK result is a table: use one of {', '.join(RESULT_FORMATS)}")
    return answer.result.serialize(format=RESULT_FORMATS[format_name])


_XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")


def serialize_capped(answer: QueryAnswer, format_name: str, max_rows: int) -> tuple[bytes, bool]:
    """Serialize at most max_rows solutions (or triples); also say whether the answer was cut there.

    Evaluation is lazy, so stopping after max_rows + 1 also stops the engine. The kept solutions are
    serialized by pyoxigraph too: they are put back into a small in-memory store, one row node each, and
    selected again in their original order (the engine's own serializer, nothing written by hand)."""
    try:
        if answer.kind == "boolean":
            return serialize_answer(answer, format_name), False
        if answer.kind == "triples":
            if format_name not in GRAPH_FORMATS:
                serialize_answer(answer, format_name)  # raises the QueryError that names the right formats
            triples = list(itertools.islice(answer.result, max_rows + 1))
            return _serialize_triples(triples[:max_rows], format_name), len(triples) > max_rows
        if format_name not in RESULT_FORMATS:
            serialize_answer(answer, format_name)
        variables = answer.result.variables
        rows = list(itertools.islice(answer.result, max_rows + 1))
        return _serialize_solutions(variables, rows[:max_rows], format_name), len(rows) > max_rows
    except (ValueError, OSError) as exc:
        # Evaluation is lazy: failures while iterating (a SERVICE that fails, a type error) surface here.
        raise QueryError(f"query failed: {exc}") from None


def _serialize_triples(triples: list[ox.Triple], format_name: str) -> bytes:
    rdf_format = GRAPH_FORMATS[format_name]
    if rdf_format in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        return ox.serialize(quads, format=rdf_format, prefixes=PREFIXES)
    return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)


def _serialize_solutions(variables: list[ox.Variable], rows: list[ox.QuerySolution], format_name: str) -> bytes:
    if not variables:  # SELECT * over a pattern with no variables: n empty solutions
        empty = ox.Store().query("SELECT * WHERE { VALUES () { " + "() " * len(rows) + "} }")
        return empty.serialize(format=RESULT_FORMATS[format_name])
    names = {v.value for v in variables}
    row_var, index_var = (_fresh_name(stem, names) for stem in ("row", "index"))
    index_predicate = ox.NamedNode("urn:isnad:result:index")
    predicates = [ox.NamedNode(f"urn:isnad:result:var:{v.value}") for v in variables]
    quads = []
    for position, row in enumerate(rows):
        node = ox.NamedNode(f"urn:isnad:result:row:{position}")
        quads.append(ox.Quad(node, index_predicate, ox.Literal(str(position), datatype=_XSD_INTEGER)))
        for predicate, variable in zip(predicates, variables, strict=True):
            value = row[variable]
            if value is not None:
                quads.append(ox.Quad(node, predicate, value))
    table = ox.Store()
    table.bulk_extend(quads)
    optionals = " ".join(
        f"OPTIONAL {{ ?{row_var} <{p.value}> {v} }}" for p, v in zip(predicates, variables, strict=True)
    )
    select = (f"SELECT {' '.join(str(v) for v in variables)} "
              f"WHERE {{ ?{row_var} <{index_predicate.value}> ?{index_var} {optionals} }} ORDER BY ?{index_var}")
    return table.query(select).serialize(format=RESULT_FORMATS[format_name])


def _fresh_name(stem: str, taken: set[str]) -> str:
    name = f"isnad_{stem}"
    while name in taken:
        name += "_"
    return name

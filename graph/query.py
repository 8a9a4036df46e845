"""Running SPARQL against a store and serializing the answer, for the CLI and the server alike.

Serializers are pyoxigraph's own; nothing here writes a result format by hand."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from isnad.graph.iris import PREFIXES

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
    """The default graph is the union of all graphs unless the caller names the default graphs."""
    options: dict = {"prefixes": PREFIXES}
    if default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
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

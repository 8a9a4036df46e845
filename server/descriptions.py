"""Descriptions of the service and the dataset, in RDF: the SPARQL Service Description (at /sparql with no
query) and the VoID description (at /.well-known/void). Built as pyoxigraph triples and written by
pyoxigraph's serializers."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from isnad.graph.iris import ONTOLOGY_IRI, PREFIXES, Iris
from isnad.server.dumps import DUMPS
from isnad.server.media import GRAPH_MEDIA, choose, openapi_content, prefers_html
from isnad.server.models import ErrorDetail
from isnad.server.store_access import StoreReader, get_reader, get_settings
from isnad.server.templating import templates
from isnad.settings import Settings

router = APIRouter(tags=["Dataset"])

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
DESCRIPTION_PREFIXES = {**PREFIXES, "sd": SD, "void": VOID, "formats": FORMATS}
# The W3C's IRIs for the formats we give (http://www.w3.org/ns/formats/).
FORMAT_IRIS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle",
               "N-Triples", "JSON-LD", "RDF_XML", "TriG", "N-Quads"]
VOCABULARIES = [ONTOLOGY_IRI, PREFIXES["prov"][:-1], PREFIXES["org"], PREFIXES["skos"][:-1], PREFIXES["schema"],
                PREFIXES["sem"], PREFIXES["dcterms"]]
RDF_RESPONSES: dict = {
    200: {"description": "RDF in the format chosen by `format` or Accept (Turtle by default).",
          "content": openapi_content(GRAPH_MEDIA.values())},
    406: {"model": ErrorDetail, "description": "None of the accepted types can be given."},
}


def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


def sd(local: str) -> ox.NamedNode:
    return ox.NamedNode(SD + local)


def void(local: str) -> ox.NamedNode:
    return ox.NamedNode(VOID + local)


def term(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=term("xsd", "integer"))


def wants_html(accept: str) -> bool:
    return prefers_html(accept)


def rdf_response(triples: list[ox.Triple], accept: str, format_param: str | None,
                 prefixes: dict[str, str] | None = None) -> Response:
    chosen = choose(accept, format_param, GRAPH_MEDIA, "turtle")
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                  "rdfxml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}[chosen]
    items: list = triples
    if chosen in ("trig", "nquads"):
        items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    data = ox.serialize(items, format=rdf_format, prefixes=prefixes or DESCRIPTION_PREFIXES)
    return Response(data, media_type=GRAPH_MEDIA[chosen], headers={"Vary": "Accept"})


def _graph_counts(reader: StoreReader, iris: Iris) -> dict[str, int]:
    def compute() -> dict[str, int]:
        counts: dict[str, int] = {}
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        for row in reader.current().query(query):
            kind = iris.graph_kind(row["g"].value)
            counts[kind] = counts.get(kind, 0) + int(row["n"].value)
        return counts

    return reader.cached(f"graph-counts {iris.base}", compute)


def service_triples(request: Request, settings: Settings, reader: StoreReader) -> list[ox.Triple]:
    endpoint = iri(str(request.url_for("sparql_get")))
    iris = Iris(settings.base_iri)
    service = endpoint
    dataset = ox.BlankNode("dataset")
    default_graph = ox.BlankNode("defaultGraph")
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), endpoint),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, term("dcterms", "title"), ox.Literal("Isnad SPARQL endpoint", language="en")),
        ox.Triple(service, term("rdfs", "seeAlso"), iri(str(request.url_for("void_description")))),
        ox.Triple(service, sd("defaultEntailmentRegime"), iri("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
    ]
    if settings.token:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    if settings.service_allow:
        triples.append(ox.Triple(service, sd("feature"), sd("BasicFederatedQuery")))
    triples += [ox.Triple(service, sd("resultFormat"), iri(FORMATS + name)) for name in FORMAT_IRIS]
    counts = _graph_counts(reader, iris)
    triples.append(ox.Triple(default_graph, void("triples"), integer(sum(counts.values()))))
    for name in ("articles", "provenance", "ontology", "inferred", "meta"):
        if name in counts:
            named, graph = ox.BlankNode(f"graph-{name}"), ox.BlankNode(f"graph-{name}-description")
            triples += [
                ox.Triple(dataset, sd("namedGraph"), named),
                ox.Triple(named, RDF_TYPE, sd("NamedGraph")),
                ox.Triple(named, sd("name"), iris.graph(name)),
                ox.Triple(named, sd("graph"), graph),
                ox.Triple(graph, void("triples"), integer(counts[name])),
            ]
    return triples


def service_page(request: Request, settings: Settings, reader: StoreReader) -> str:
    turtle = ox.serialize(service_triples(request, settings, reader), format=ox.RdfFormat.TURTLE,
                          prefixes=DESCRIPTION_PREFIXES).decode("utf-8")
    return templates.get_template("sparql.html").render(
        endpoint=str(request.url_for("sparql_get")), description=turtle, timeout=settings.query_timeout,
        max_rows=settings.max_rows, writes=bool(settings.token),
    )


def _scalar(store: ox.Store, query: str) -> int:
    return int(next(iter(store.query(query, use_default_graph_as_union=True)))["n"].value)


def _void_counts(reader: StoreReader, iris: Iris) -> dict:
    def compute() -> dict:
        store = reader.current()
        base = iris.base
        counts = {
            "triples": _scalar(store, "SELECT (COUNT(*) AS ?n) { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } }"),
            "distinctSubjects": _scalar(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o }"),
            "distinctObjects": _scalar(store, "SELECT (COUNT(DISTINCT ?o) AS ?n) { ?s ?p ?o }"),
            "properties": _scalar(store, "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?s ?p ?o }"),
            "classes": _scalar(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) { ?s a ?c }"),
            "entities": _scalar(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) { ?s ?p ?o "
                                       f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), \"{base}id/\")) }}"),
        }
        classes = store.query(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { ?s a ?c "
            f"FILTER(STRSTARTS(STR(?s), \"{base}id/\")) }} GROUP BY ?c ORDER BY DESC(?n) ?c LIMIT 30",
            use_default_graph_as_union=True)
        counts["class_partitions"] = [(row["c"].value, int(row["n"].value)) for row in classes]
        examples = store.query(
            "SELECT DISTINCT ?s { ?s ?p ?o "
            f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), \"{base}id/\") && !STRSTARTS(STR(?s), \"{base}id/claim/\")) }}"
            " ORDER BY ?s LIMIT 5", use_default_graph_as_union=True)
        counts["examples"] = [row["s"].value for row in examples]
        return counts

    return reader.cached(f"void {iris.base}", compute)


def void_triples(request: Request, settings: Settings, reader: StoreReader) -> list[ox.Triple]:
    iris = Iris(settings.base_iri)
    root = str(request.base_url)
    dataset = iri(root + ".well-known/void#isnad")
    counts = _void_counts(reader, iris)
    triples = [
        ox.Triple(dataset, RDF_TYPE, void("Dataset")),
        ox.Triple(dataset, term("dcterms", "title"), ox.Literal("Isnad", language="en")),
        ox.Triple(dataset, term("dcterms", "title"), ox.Literal("إسناد", language="ar")),
        ox.Triple(dataset, term("dcterms", "description"), ox.Literal(
            "A knowledge graph of the US–Iraq security relationship built from Arabic news; every fact is a "
            "claim (a named graph) with its provenance down to the sentence that states it.", language="en")),
        ox.Triple(dataset, void("sparqlEndpoint"), iri(str(request.url_for("sparql_get")))),
        ox.Triple(dataset, void("uriSpace"), ox.Literal(settings.base_iri)),
        ox.Triple(dataset, void("feature"), iri(FORMATS + "Turtle")),
        ox.Triple(dataset, void("feature"), iri(FORMATS + "JSON-LD")),
        ox.Triple(dataset, void("feature"), iri(FORMATS + "N-Triples")),
    ]
    for key in ("triples", "distinctSubjects", "distinctObjects", "properties", "classes", "entities"):
        triples.append(ox.Triple(dataset, void(key), integer(counts[key])))
    triples += [ox.Triple(dataset, void("vocabulary"), iri(v)) for v in VOCABULARIES]
    triples += [ox.Triple(dataset, void("exampleResource"), iri(e)) for e in counts["examples"]]
    triples += [ox.Triple(dataset, void("dataDump"), iri(root + "dumps/" + name)) for name in DUMPS]
    for position, (cls, entities) in enumerate(counts["class_partitions"]):
        partition = ox.BlankNode(f"class{position}")
        triples += [ox.Triple(dataset, void("classPartition"), partition),
                    ox.Triple(partition, void("class"), iri(cls)),
                    ox.Triple(partition, void("entities"), integer(entities))]
    for kind, count in sorted(_graph_counts(reader, iris).items()):
        subset = ox.BlankNode(f"subset-{kind}")
        title = "claim graphs (one per claim)" if kind == "claim" else f"graph {kind}"
        triples += [ox.Triple(dataset, void("subset"), subset),
                    ox.Triple(subset, RDF_TYPE, void("Dataset")),
                    ox.Triple(subset, term("dcterms", "title"), ox.Literal(title, language="en")),
                    ox.Triple(subset, void("triples"), integer(count))]
    return triples


@router.get(
    "/.well-known/void",
    summary="VoID description of the dataset",
    description="The dataset described with VoID: counts (triples, subjects, objects, properties, classes, "
    "entities, triples per graph kind), the vocabularies it uses, example resources, the SPARQL endpoint and "
    "the dumps. Turtle by default; any RDF format by Accept or `format`.",
    responses=RDF_RESPONSES,
)
def void_description(
    request: Request,
    settings: Annotated[Settings, Depends(get_settings)],
    reader: Annotated[StoreReader, Depends(get_reader)],
    format: Annotated[str | None, Query(description="RDF format, overriding Accept: turtle, ntriples, jsonld, "
                                                    "rdfxml, trig, nquads.")] = None,
) -> Response:
    accept = request.headers.get("accept", "")
    return rdf_response(void_triples(request, settings, reader), accept, format)


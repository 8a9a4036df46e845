"""Linked data: every IRI under the base IRI resolves here, the ontology at /ontology, and read access to
each graph by the SPARQL 1.1 Graph Store Protocol at /rdf-graphs.

A request path /id/… stands for the IRI BASE + "id/…" (and /graph/… for BASE + "graph/…"), whatever host
the server runs on. Browsers get an HTML page; machines get RDF by Accept (or `format`)."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from isnad.graph.iris import PREFIXES, Iris
from isnad.resources import ontology_path
from isnad.server.describe import Describer
from isnad.server.media import GRAPH_MEDIA, HTML, TRIPLE_FORMATS, choose, openapi_content, prefers_html
from isnad.server.models import ErrorDetail
from isnad.server.store_access import get_settings, get_store
from isnad.server.templating import templates
from isnad.settings import Settings

router = APIRouter(tags=["Linked data"])

RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
}
_RDF_CONTENT = openapi_content(GRAPH_MEDIA.values())
RESOURCE_RESPONSES: dict = {
    200: {"description": "An HTML page for browsers; RDF for machines (by Accept or `format`).",
          "content": {HTML: {"schema": {"type": "string"}}, **_RDF_CONTENT}},
    404: {"model": ErrorDetail, "description": "Nothing in the graph has this IRI."},
    406: {"model": ErrorDetail, "description": "None of the accepted types can be given."},
}
FormatParam = Annotated[str | None, Query(description="RDF format, overriding Accept: turtle, ntriples, jsonld, "
                                                      "rdfxml, trig, nquads.")]


def serialize_quads(quads: list[ox.Quad], format_name: str) -> bytes:
    """Quads in a quad format; their triples (once each) in a triple format."""
    rdf_format = RDF_FORMATS[format_name]
    if format_name in TRIPLE_FORMATS:
        triples = list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))
        return ox.serialize(triples, format=rdf_format, prefixes=PREFIXES)
    return ox.serialize(quads, format=rdf_format, prefixes=PREFIXES)


def _not_found(request: Request, iri: str) -> Response:
    message = f"nothing in the graph has the IRI <{iri}>"
    if prefers_html(request.headers.get("accept", "")):
        page = templates.get_template("not_found.html").render(message=message)
        return HTMLResponse(page, status_code=404)
    raise HTTPException(404, detail=message)


def resource_response(request: Request, store: ox.Store, settings: Settings, iri: str, format_param: str | None,
                      ) -> Response:
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return _not_found(request, iri)  # not even a valid IRI, so certainly not in the graph
    describer = Describer(store, Iris(settings.base_iri))
    if not describer.exists(node):
        return _not_found(request, iri)
    accept = request.headers.get("accept", "")
    headers = {"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'}
    if not format_param and prefers_html(accept):
        description = describer.describe(node)
        # The neighbourhood graph is drawn for named entities (not for claims, events or articles).
        kind = iri[len(settings.base_iri):].split("/")[1] if iri.startswith(settings.base_iri + "id/") else ""
        named = bool(description.labels_en or description.labels_ar) and kind in ("actor", "place", "process")
        page = templates.get_template("resource.html").render(d=description, sparql=str(request.url_for("sparql_get")),
                                                              graph_iri=iri if named else None)
        return HTMLResponse(page, headers=headers)
    chosen = choose(accept, format_param, GRAPH_MEDIA, "turtle")
    data = serialize_quads(describer.quads(node, settings.max_rows), chosen)
    return Response(data, media_type=GRAPH_MEDIA[chosen], headers=headers)


@router.get(
    "/id/{path:path}",
    summary="Dereference an IRI of the graph",
    description="The resource whose IRI is BASE + `id/{path}` (entities, events, claims, articles): for "
    "browsers an HTML page (Arabic and English labels, types, facts grouped by kind with each fact's source "
    "articles, quotes and number of sources, inferred facts marked); for machines Turtle, JSON-LD, N-Triples "
    "or RDF/XML (the triples that mention it) or TriG / N-Quads (the same quads in their claim graphs, with "
    "the claims' provenance).",
    responses=RESOURCE_RESPONSES,
    response_class=Response,
)
def resource(
    request: Request,
    path: Annotated[str, PathParam(description="The IRI's path after BASE id/, e.g. actor/kataib-hezbollah.")],
    store: Annotated[ox.Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    format: FormatParam = None,
) -> Response:
    return resource_response(request, store, settings, f"{settings.base_iri}id/{path}", format)


@router.get(
    "/graph/{name:path}",
    summary="Dereference a graph's IRI",
    description="The named graph whose IRI is BASE + `graph/{name}` (articles, provenance, ontology, inferred): "
    "its triples for machines, an HTML page for browsers. /rdf-graphs serves any graph by its IRI.",
    responses=RESOURCE_RESPONSES,
    response_class=Response,
)
def graph_resource(
    request: Request,
    name: Annotated[str, PathParam(description="The graph's name: articles, provenance, ontology, inferred.")],
    store: Annotated[ox.Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
    format: FormatParam = None,
) -> Response:
    iri = f"{settings.base_iri}graph/{name}"
    accept = request.headers.get("accept", "")
    if format or not prefers_html(accept):
        return graph_store_response(request, store, iri, format)
    return resource_response(request, store, settings, iri, format)


def graph_store_response(request: Request, store: ox.Store, graph_iri: str | None, format_param: str | None,
                         ) -> Response:
    chosen = choose(request.headers.get("accept", ""), format_param, GRAPH_MEDIA, "turtle")
    if graph_iri is None:  # the default graph: the union of all graphs, as the SPARQL endpoint sees it
        union = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in union]
    else:
        try:
            graph = ox.NamedNode(graph_iri)
        except ValueError:
            raise HTTPException(404, detail=f"there is no graph <{graph_iri}>: that is not a valid IRI") from None
        if not store.contains_named_graph(graph):
            raise HTTPException(404, detail=f"there is no graph <{graph_iri}> in the store")
        quads = list(store.quads_for_pattern(None, None, None, graph))
    return Response(serialize_quads(quads, chosen), media_type=GRAPH_MEDIA[chosen], headers={"Vary": "Accept"})


@router.get(
    "/rdf-graphs",
    summary="Read a graph (SPARQL 1.1 Graph Store Protocol)",
    description="Read access to one graph: `?graph=IRI` for a named graph (a claim, provenance, articles, "
    "ontology, inferred), or `?default` for the default graph, which is the union of all graphs. In every "
    "RDF format (by Accept or `format`); TriG and N-Quads keep the graph's name. This server offers no "
    "writes through this protocol.",
    responses={**RESOURCE_RESPONSES, 400: {"model": ErrorDetail, "description": "Neither or both of graph and "
                                                                                  "default given."},
               200: {"description": "The graph's triples.", "content": _RDF_CONTENT}},
    response_class=Response,
)
def graph_store(
    request: Request,
    store: Annotated[ox.Store, Depends(get_store)],
    graph: Annotated[str | None, Query(description="The IRI of a named graph.")] = None,
    default: Annotated[str | None, Query(description="Present (with no value) for the default graph.")] = None,
    format: FormatParam = None,
) -> Response:
    if (graph is None) == (default is None):
        raise HTTPException(400, detail="give exactly one of ?graph=IRI (a named graph) or ?default")
    return graph_store_response(request, store, graph, format)


@router.get(
    "/ontology",
    summary="The Isnad ontology",
    description="The ontology <https://isnad.example.org/ontology>: HTML documentation for browsers (every class "
    "and property with its English and Arabic labels), Turtle (or another RDF format) for machines. Ontology "
    "terms such as isnad:Claim dereference here (the fragment picks the term).",
    responses={200: {"description": "HTML documentation or RDF.",
                     "content": {HTML: {"schema": {"type": "string"}}, **_RDF_CONTENT}},
               406: {"model": ErrorDetail, "description": "None of the accepted types can be given."}},
    response_class=Response,
)
def ontology(request: Request, format: FormatParam = None) -> Response:
    accept = request.headers.get("accept", "")
    if not format and prefers_html(accept):
        from isnad.graph.ontology_docs import ontology_html  # pyLODE is heavy: loaded on the first request

        return HTMLResponse(ontology_html(), headers={"Vary": "Accept"})
    chosen = choose(accept, format, GRAPH_MEDIA, "turtle")
    source = ontology_path()
    if chosen == "turtle":
        data = source.read_bytes()
    else:
        with open(source, "rb") as handle:
            triples = list(ox.parse(handle, format=ox.RdfFormat.TURTLE))
        items = triples if chosen in TRIPLE_FORMATS else [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
        data = ox.serialize(items, format=RDF_FORMATS[chosen], prefixes=PREFIXES)
    return Response(data, media_type=GRAPH_MEDIA[chosen], headers={"Vary": "Accept"})


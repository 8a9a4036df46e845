"""The SPARQL 1.1 Protocol query operation at /sparql, with content negotiation."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response

from isnad.graph.query import QueryError, run_query, serialize_answer
from isnad.server.store_access import get_store

router = APIRouter(tags=["SPARQL"])

RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "trig": "application/trig",
    "nquads": "application/n-quads",
}


def negotiate(accept: str, offered: dict[str, str], fallback: str) -> str | None:
    """Pick the format whose media type the Accept header prefers (q-values honoured)."""
    if not accept.strip():
        return fallback
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        for name, offered_media in offered.items():
            if media in (offered_media, "*/*") or (media.endswith("/*") and offered_media.startswith(media[:-1])):
                choices.append((-quality, position, fallback if media == "*/*" else name))
                break
        if media == "application/json" and "json" in offered:
            choices.append((-quality, position, "json"))
    return min(choices)[2] if choices else None


def answer(request: Request, store: ox.Store, query: str, format_name: str | None,
           default_graphs: list[str], named_graphs: list[str]) -> Response:
    try:
        result = run_query(store, query, default_graphs=default_graphs or None, named_graphs=named_graphs or None)
    except QueryError as exc:
        raise HTTPException(status_code=400, detail=f"bad SPARQL query: {exc}") from None
    offered = GRAPH_MEDIA if result.kind == "triples" else RESULT_MEDIA
    fallback = "turtle" if result.kind == "triples" else "json"
    chosen = format_name or negotiate(request.headers.get("accept", ""), offered, fallback)
    if chosen not in offered:
        raise HTTPException(
            status_code=406,
            detail=f"cannot give this result as {format_name or request.headers.get('accept')}; "
            f"available: {', '.join(offered.values())}",
        )
    return Response(serialize_answer(result, chosen), media_type=offered[chosen])


@router.get("/sparql", summary="SPARQL query (GET)")
def sparql_get(
    request: Request,
    store: Annotated[ox.Store, Depends(get_store)],
    query: Annotated[str, Query(description="The SPARQL query.")],
    format: Annotated[str | None, Query(description="Result format, overriding Accept: json, xml, csv, tsv, "
                                         "turtle, ntriples, jsonld, rdfxml, trig, nquads.")] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
) -> Response:
    return answer(request, store, query, format, default_graph_uri, named_graph_uri)


@router.post("/sparql", summary="SPARQL query (POST, urlencoded or application/sparql-query)")
async def sparql_post(request: Request, store: Annotated[ox.Store, Depends(get_store)]) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    params = request.query_params
    if content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8", errors="replace")
        default_graphs, named_graphs = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    elif content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        query = str(form.get("query") or "")
        default_graphs = [str(v) for v in form.getlist("default-graph-uri")]
        named_graphs = [str(v) for v in form.getlist("named-graph-uri")]
    else:
        raise HTTPException(415, detail="send the query as application/sparql-query or as a form field 'query' "
                                        "(application/x-www-form-urlencoded)")
    if not query.strip():
        raise HTTPException(400, detail="no query given")
    return answer(request, store, query, params.get("format"), default_graphs, named_graphs)

"""The SPARQL 1.1 Protocol at /sparql: queries (GET, POST form, POST application/sparql-query), updates
(POST, with the token), and the service description when there is no query."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, HTTPException, Query, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials

from isnad.graph.iris import PREFIXES
from isnad.graph.sparql_scan import scan, tokens
from isnad.server import descriptions
from isnad.server.limits import check_query_length, read_form
from isnad.server.media import (
    FORMAT_HELP,
    GRAPH_ALIASES,
    GRAPH_MEDIA,
    RESULT_MEDIA,
    format_from_parameter,
    negotiate,
    openapi_content,
)
from isnad.server.models import ErrorDetail, UpdateResult
from isnad.server.query_pool import PoolBusy, QueryPool, QueryTimeout, WorkerDied
from isnad.server.query_worker import QueryTask
from isnad.server.store_access import StoreReader, get_pool, get_reader, get_settings
from isnad.server.writes import bearer, check_token
from isnad.settings import Settings

router = APIRouter(tags=["SPARQL"])

TRUNCATED_HEADER = "Isnad-Truncated"

_ANSWER_CONTENT = openapi_content((*RESULT_MEDIA.values(), *GRAPH_MEDIA.values()))
QUERY_RESPONSES: dict = {
    200: {"description": "The answer: a results table (SELECT/ASK) or a graph (CONSTRUCT/DESCRIBE), in the "
                         "format chosen by `format` or Accept. Without a query: the service description.",
          "content": _ANSWER_CONTENT},
    400: {"model": ErrorDetail, "description": "The query does not parse (the message gives line and column), "
                                              "it is an update sent as a query, it calls a SERVICE that is not "
                                              "on the allow-list, or the format is unknown."},
    406: {"model": ErrorDetail, "description": "The answer cannot be given in any type the client accepts."},
    413: {"model": ErrorDetail, "description": "The query is longer than ISNAD_MAX_QUERY_LENGTH characters, the "
                                              "body larger than ISNAD_MAX_BODY_BYTES, or the answer larger than "
                                              "ISNAD_MAX_RESULT_BYTES; the message names the limit."},
    503: {"model": ErrorDetail, "description": "The query ran past the time limit and was stopped, or every "
                                              "query worker stayed busy until then."},
}

_QUERY_DOC = (
    "The default graph is the union of all graphs (asserted claims, curated background, inferred); "
    "`GRAPH ?claim { … }` reaches each claim, whose provenance is in `<BASE graph/provenance>`. Prefixes "
    "isnad:, schema:, prov:, skos:, org:, sem:, dcterms:, rdf:, rdfs:, owl:, xsd: are predeclared.\n\n"
    "The answer's format comes from `format` or else the Accept header: SPARQL JSON, XML, CSV or TSV for "
    "SELECT/ASK; Turtle, N-Triples, JSON-LD, RDF/XML, TriG or N-Quads for CONSTRUCT/DESCRIBE. At most "
    "ISNAD_MAX_ROWS rows (or triples) are returned; a cut answer carries the header `Isnad-Truncated`. "
    "A query that runs past the time limit (ISNAD_QUERY_TIMEOUT) is stopped and answered with 503. "
    "SERVICE is refused unless its endpoint is on the allow-list (ISNAD_SERVICE_ALLOW). A query longer than "
    "ISNAD_MAX_QUERY_LENGTH characters, or an answer larger than ISNAD_MAX_RESULT_BYTES, is refused with 413."
)
# The first keyword of a SPARQL Update operation (after its PREFIX and BASE declarations).
_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_FORM_SCHEMA = {
    "type": "object",
    "properties": {
        "query": {"type": "string", "description": "A SPARQL query."},
        "update": {"type": "string", "description": "A SPARQL Update (needs the bearer token)."},
        "default-graph-uri": {"type": "array", "items": {"type": "string", "format": "uri"}},
        "named-graph-uri": {"type": "array", "items": {"type": "string", "format": "uri"}},
    },
}
_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {"schema": {"type": "string"},
                                         "example": "SELECT * WHERE { ?s ?p ?o } LIMIT 10"},
            "application/sparql-update": {"schema": {"type": "string"},
                                          "example": "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> 1 } }"},
            "application/x-www-form-urlencoded": {"schema": _FORM_SCHEMA},
        },
    }
}


def refuse_remote_calls(text: str, settings: Settings) -> None:
    """400 for a SERVICE (or LOAD) whose endpoint is not on the allow-list; pyoxigraph would otherwise call it."""
    for endpoint in scan(text, PREFIXES).remote:
        if endpoint is None:
            raise HTTPException(400, detail="SERVICE/LOAD with a variable or unresolvable endpoint is not allowed; "
                                            "name the endpoint by its full IRI (it must be on the allow-list)")
        if endpoint not in settings.service_allow:
            listed = ", ".join(settings.service_allow) or "none: federated queries are off"
            raise HTTPException(400, detail=f"SERVICE <{endpoint}> is not allowed on this server; endpoints on the "
                                            f"allow-list (ISNAD_SERVICE_ALLOW / --service-allow): {listed}")


def refuse_update_as_query(text: str) -> None:
    """400 for an update sent where a query is expected (the engine would only say it does not parse)."""
    significant = [t for t in tokens(text) if not (t.kind == "iri" or t.text.endswith(":"))]
    declarations = {"PREFIX", "BASE"}
    first = next((t.text.upper() for t in significant if t.text.upper() not in declarations), "")
    if first in _UPDATE_KEYWORDS:
        raise HTTPException(400, detail=f"this is a SPARQL Update ({first}), and the 'query' parameter takes "
                                        "queries only: send an update as the form field 'update' or as "
                                        "application/sparql-update, with the bearer token")


def _formats(request: Request, format_param: str | None) -> tuple[str | None, str | None]:
    """The results format and the graph format the client would take (None: none acceptable)."""
    if format_param:
        return (format_from_parameter(format_param, RESULT_MEDIA),
                format_from_parameter(format_param, GRAPH_MEDIA, GRAPH_ALIASES))
    accept = request.headers.get("accept", "")
    return (negotiate(accept, RESULT_MEDIA, "json"), negotiate(accept, GRAPH_MEDIA, "turtle", GRAPH_ALIASES))


async def run_sparql_query(request: Request, query: str, format_param: str | None,
                           default_graphs: list[str] | None, named_graphs: list[str] | None) -> Response:
    settings: Settings = get_settings(request)
    pool: QueryPool = get_pool(request)
    reader: StoreReader = get_reader(request)
    if not query.strip():
        raise HTTPException(400, detail="the query is empty")
    refuse_update_as_query(query)
    refuse_remote_calls(query, settings)
    for name, graphs in (("default-graph-uri", default_graphs), ("named-graph-uri", named_graphs)):
        for graph in graphs or ():
            try:
                ox.NamedNode(graph)
            except ValueError:
                raise HTTPException(400, detail=f"{name} {graph!r} is not an IRI; give each graph by its full "
                                                "IRI") from None
    result_format, graph_format = _formats(request, format_param)
    dataset_given = bool(default_graphs) or bool(named_graphs)
    task = QueryTask(
        sparql=query, generation=str(reader.generation()), result_format=result_format, graph_format=graph_format,
        max_rows=settings.max_rows, max_bytes=settings.max_result_bytes,
        default_graphs=tuple(default_graphs or ()) if dataset_given else None,
        named_graphs=tuple(named_graphs or ()) if dataset_given else None,
    )
    try:
        reply = await run_in_threadpool(pool.run, task, settings.query_timeout)
    except QueryTimeout:
        raise HTTPException(503, detail=f"the query was stopped after {settings.query_timeout:g} s, this server's "
                                        "time limit (ISNAD_QUERY_TIMEOUT); narrow it, add a LIMIT, or ask for a "
                                        "longer limit") from None
    except PoolBusy:
        raise HTTPException(503, detail="every query worker stayed busy until the time limit; try again shortly",
                            headers={"Retry-After": "2"}) from None
    except WorkerDied:
        raise HTTPException(500, detail="the query worker ended while evaluating (out of memory?); "
                                        "the query was not answered") from None
    if reply.status == 406:
        offered = GRAPH_MEDIA if reply.kind == "triples" else RESULT_MEDIA
        kind = "a graph (CONSTRUCT/DESCRIBE)" if reply.kind == "triples" else "a results table (SELECT/ASK)"
        asked = format_param or request.headers.get("accept", "")
        raise HTTPException(406, detail=f"the answer is {kind} and cannot be given as {asked!r}; "
                                        f"available: {', '.join(offered.values())}")
    if reply.status == 413:
        raise HTTPException(413, detail=f"the answer is larger than {settings.max_result_bytes:,} bytes, this "
                                        "server's limit for one answer (ISNAD_MAX_RESULT_BYTES): ask for less "
                                        "(fewer or shorter values, a LIMIT) or page through it with LIMIT and "
                                        "OFFSET")
    if reply.status != 200:
        raise HTTPException(reply.status, detail=reply.message)
    media = (GRAPH_MEDIA if reply.kind == "triples" else RESULT_MEDIA)[reply.format_name]
    headers = {"Vary": "Accept"}
    if reply.truncated:
        headers[TRUNCATED_HEADER] = f"max-rows={settings.max_rows}"
    return Response(reply.data, media_type=media, headers=headers)


async def run_sparql_update(request: Request, update: str, credentials: HTTPAuthorizationCredentials | None,
                            ) -> UpdateResult:
    settings: Settings = get_settings(request)
    check_token(credentials, settings)
    if not update.strip():
        raise HTTPException(400, detail="the update is empty")
    refuse_remote_calls(update, settings)
    pool: QueryPool = get_pool(request)
    try:
        outcome = await run_in_threadpool(pool.run_update, str(settings.store), settings.base_iri, update,
                                          settings.query_timeout)
    except QueryTimeout:
        raise HTTPException(503, detail=f"the update was stopped after {settings.query_timeout:g} s "
                                        "(ISNAD_QUERY_TIMEOUT); nothing was changed") from None
    except WorkerDied:
        raise HTTPException(500, detail="the update process ended unexpectedly; nothing was changed") from None
    if outcome.status != 200:
        raise HTTPException(outcome.status, detail=outcome.message)
    return UpdateResult(generation=outcome.generation, quads_before=outcome.quads_before,
                        quads_after=outcome.quads_after)


@router.get(
    "/sparql",
    summary="SPARQL query (GET), or the service description",
    description="Run a SPARQL 1.1 query given as `query`. " + _QUERY_DOC + "\n\nWithout `query`, the answer is "
    "the SPARQL Service Description of this endpoint (Turtle by default, any RDF format by Accept; HTML "
    "for browsers).",
    responses=QUERY_RESPONSES,
)
async def sparql_get(
    request: Request,
    query: Annotated[str | None, Query(description="The SPARQL query; leave out for the service description.")] = None,
    format: Annotated[str | None, Query(description=f"Answer format, overriding Accept: {FORMAT_HELP}; "
                                                    "or a media type.")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(
        alias="default-graph-uri", description="Graphs whose merge is the default graph (instead of the union "
                                               "of all graphs).")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(
        alias="named-graph-uri", description="Graphs that GRAPH patterns may reach (instead of all).")] = None,
) -> Response:
    if query is None:
        return service_description(request, format)
    check_query_length(query, get_settings(request))
    return await run_sparql_query(request, query, format, default_graph_uri, named_graph_uri)


@router.post(
    "/sparql",
    summary="SPARQL query or update (POST)",
    description="A query as `application/sparql-query` or as the form field `query`; " + _QUERY_DOC
    + "\n\nAn update as `application/sparql-update` or as the form field `update`, only with the bearer token "
    "(ISNAD_TOKEN): 401 without it, 403 with a wrong one or when the server has no token (writes off). The "
    "update is applied to a copy of the graph that replaces it only when complete, so readers never see half "
    "of it.",
    responses={**QUERY_RESPONSES, 401: {"model": ErrorDetail, "description": "An update without the token."},
               403: {"model": ErrorDetail, "description": "Wrong token, or writes are off."},
               415: {"model": ErrorDetail, "description": "Neither a SPARQL body nor a form."}},
    openapi_extra=_POST_BODY,
)
async def sparql_post(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
    format: Annotated[str | None, Query(description=f"Answer format, overriding Accept: {FORMAT_HELP}.")] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri",
                                                         description="Default graph(s) of the dataset.")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri",
                                                       description="Named graphs of the dataset.")] = None,
) -> Response:
    settings: Settings = get_settings(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8", errors="replace")
        check_query_length(query, settings)
        return await run_sparql_query(request, query, format, default_graph_uri, named_graph_uri)
    if content_type == "application/sparql-update":
        update = (await request.body()).decode("utf-8", errors="replace")
        check_query_length(update, settings, "update")
        return _json(await run_sparql_update(request, update, credentials))
    if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await read_form(request, settings)
        if form.get("update") is not None:
            for name in ("using-graph-uri", "using-named-graph-uri"):
                if form.getlist(name):
                    raise HTTPException(400, detail=f"{name} is not supported; put USING / USING NAMED in the update")
            check_query_length(str(form.get("update")), settings, "update")
            return _json(await run_sparql_update(request, str(form.get("update")), credentials))
        if form.get("query") is None:
            raise HTTPException(400, detail="the form has neither a 'query' nor an 'update' field")
        check_query_length(str(form.get("query")), settings)
        default_graphs = [str(v) for v in form.getlist("default-graph-uri")] or default_graph_uri
        named_graphs = [str(v) for v in form.getlist("named-graph-uri")] or named_graph_uri
        return await run_sparql_query(request, str(form.get("query")), format or _str(form.get("format")),
                                      default_graphs, named_graphs)
    raise HTTPException(415, detail="send a query as application/sparql-query or as the form field 'query' "
                                    "(application/x-www-form-urlencoded); an update as application/sparql-update "
                                    "or the form field 'update'")


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _json(result: UpdateResult) -> Response:
    return Response(result.model_dump_json(), media_type="application/json")


def service_description(request: Request, format_param: str | None) -> Response:
    settings: Settings = get_settings(request)
    reader: StoreReader = get_reader(request)
    accept = request.headers.get("accept", "")
    if not format_param and descriptions.wants_html(accept):
        return HTMLResponse(descriptions.service_page(request, settings, reader))
    return descriptions.rdf_response(descriptions.service_triples(request, settings, reader), accept, format_param)


"""The saved queries over HTTP: `GET /queries` lists them (the metadata `isnad queries list --json` prints),
and each one is its own operation, `GET /queries/{name}`, with the typed parameters its `#+` header
declares, so the API documentation shows each question with its parameters, defaults and examples.

Routes are generated from the library loaded at start-up: a name that is not in it is answered 404, so no
request can reach a file by its path. Values are bound by the library (typed RDF terms in VALUES, never
pasted as text), and the bound query runs through the same worker pool as /sparql: the same time limit,
the same row cap and the same `Isnad-Truncated` header."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute

from isnad.graph.iris import Iris
from isnad.graph.saved_queries import (
    PARAMETER_TYPES,
    Parameter,
    ParameterError,
    SavedQuery,
    load_saved_queries,
)
from isnad.server.media import RESULT_MEDIA, negotiate, openapi_content
from isnad.server.models import ErrorDetail
from isnad.server.sparql import TRUNCATED_HEADER, run_sparql_query
from isnad.server.store_access import get_iris, get_reader
from isnad.server.templating import templates

EDITOR_PATH = "/sparql-editor"
HTML = "text/html"
# What a saved query's answer can be given as: a SPARQL results format, an HTML table, or the bound query.
ANSWER_MEDIA = {**RESULT_MEDIA, "html": HTML, "sparql": "application/sparql-query"}
FORMAT_DESCRIPTION = ("Answer format, overriding Accept: json (SPARQL JSON results), csv, tsv, xml, html (a table "
                      "with a link to the SPARQL editor), or sparql (the query text with the parameters bound).")
_ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_ARTICLE_ID = r"^[A-Za-z0-9_.-]{1,200}$"

_ANSWER_CONTENT = openapi_content(media for media in ANSWER_MEDIA.values() if media != HTML)
_RUN_RESPONSES: dict = {
    200: {"description": "The answer table, by `format` or Accept: SPARQL JSON results (the default), CSV, TSV, "
                         "XML, an HTML table, or the bound query text.",
          "content": {**_ANSWER_CONTENT, HTML: {"schema": {"type": "string"}}}},
    400: {"model": ErrorDetail, "description": "A parameter value does not fit its type (the message names the "
                                              "parameter and the type it expects), or the query has no such "
                                              "parameter."},
    406: {"model": ErrorDetail, "description": "The answer cannot be given in any type the client accepts."},
    503: {"model": ErrorDetail, "description": "The query ran past the server's time limit and was stopped, or "
                                              "every query worker stayed busy until then."},
    # Also keeps FastAPI from documenting a 422: wrong values are answered 400 here.
    "default": {"model": ErrorDetail, "description": "Any other error (500 when the query worker ended while "
                                                    "evaluating), with its message."},
}


def editor_link(bound_text: str) -> str:
    """A link that opens the bound query in the SPARQL editor. The `#+` header is documentation for the
    library, not part of the question: it is left out to keep the link short."""
    body = "\n".join(line for line in bound_text.splitlines() if not line.startswith("#+")).strip()
    return f"{EDITOR_PATH}?{urlencode({'query': body})}"


def _wanted_format(request: Request, format_param: str | None) -> str:
    if format_param:
        value = format_param.strip().lower()
        for name, media in ANSWER_MEDIA.items():
            if value in (name, media):
                return name
        raise HTTPException(400, detail=f"unknown format {format_param!r}; use one of: {', '.join(ANSWER_MEDIA)}")
    chosen = negotiate(request.headers.get("accept", ""), ANSWER_MEDIA, "json")
    if chosen is None:
        raise HTTPException(406, detail=f"a saved query's answer is a table; available: "
                                        f"{', '.join(ANSWER_MEDIA.values())}")
    return chosen


def _query_parameter(parameter: Parameter) -> inspect.Parameter:
    """The parameter as FastAPI should read and document it, typed from the `#+` header. The Python name
    is prefixed, because header names may be Python keywords (`from`); the query-string name is the alias."""
    description = parameter.description or PARAMETER_TYPES[parameter.type]
    extra: dict[str, Any] = {}
    if parameter.type == "integer":
        python_type: type = int
    else:
        python_type = str
        description = f"{description} Type: {PARAMETER_TYPES[parameter.type]}."
        if parameter.type == "date":
            extra = {"pattern": _ISO_DATE, "json_schema_extra": {"format": "date"}}
        elif parameter.type == "article":
            extra = {"pattern": _ARTICLE_ID}
        elif parameter.type == "string":
            extra = {"max_length": 500}
    default: Any = parameter.default
    if default is not None and python_type is int:
        default = int(default)
    examples = [parameter.example] if parameter.example is not None else None
    if examples and python_type is int:
        examples = [int(parameter.example)]
    query = Query(alias=parameter.name, description=description, examples=examples,
                  openapi_examples={"example": {"summary": "example", "value": examples[0]}} if examples else None,
                  **extra)
    # Not `| None`: the schema stays one plain type; the default (None when the header gives none) is not
    # validated, so the parameter is optional all the same.
    return inspect.Parameter(f"param_{parameter.name}", inspect.Parameter.KEYWORD_ONLY, default=default,
                             annotation=Annotated[python_type, query])


def _validation_message(saved: SavedQuery, exc: RequestValidationError) -> str:
    """One line per wrong value, naming the parameter and the type it expects (FastAPI's default is a 422
    listing pydantic internals)."""
    by_name = {p.name: p for p in saved.parameters}
    lines = []
    for error in exc.errors():
        name = str(error.get("loc", ("", ""))[-1])
        parameter = by_name.get(name)
        given = error.get("input")
        if parameter is not None:
            lines.append(f"parameter '{name}' expects {PARAMETER_TYPES[parameter.type]}, got {given!r}")
        else:
            lines.append(f"parameter '{name}': {error.get('msg', 'invalid value')}")
    return "; ".join(lines) or "invalid parameters"


def _route_class(saved: SavedQuery) -> type[APIRoute]:
    class SavedQueryRoute(APIRoute):
        """Answers a value FastAPI cannot read as its declared type with a 400 that says what is expected."""

        def get_route_handler(self) -> Callable:
            handler = super().get_route_handler()

            async def handle(request: Request) -> Response:
                # An empty value means "not given" (the default applies), as in `isnad queries run`; an
                # HTML form sends its empty fields, which FastAPI would otherwise read as wrong values.
                pairs = parse_qsl(request.scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
                given = [(key, value) for key, value in pairs if value.strip() != ""]
                if len(given) != len(pairs):
                    request = Request({**request.scope, "query_string": urlencode(given).encode("latin-1")},
                                      request.receive)
                try:
                    return await handler(request)
                except RequestValidationError as exc:
                    return JSONResponse({"detail": _validation_message(saved, exc)}, status_code=400)

            return handle

    return SavedQueryRoute


async def run_saved_query(request: Request, saved: SavedQuery, format_param: str | None) -> Response:
    values = {key: value for key, value in request.query_params.items() if key != "format"}
    wanted = _wanted_format(request, format_param)
    reader = get_reader(request)
    iris: Iris = get_iris(request)
    try:
        bound = await run_in_threadpool(saved.bind, values, iris, reader.current())
    except ParameterError as exc:
        raise HTTPException(400, detail=str(exc)) from None
    editor = editor_link(bound)
    link_header = {"Link": f'<{request.url_for("saved_query_list")}>; rel="collection"'}
    if wanted == "sparql":
        return Response(bound, media_type=ANSWER_MEDIA["sparql"], headers={"Vary": "Accept", **link_header})
    if wanted != "html":
        response = await run_sparql_query(request, bound, wanted, None, None)
        response.headers.update(link_header)
        return response
    answer = await run_sparql_query(request, bound, "json", None, None)
    results = json.loads(answer.body)
    base = iris.base
    page = templates.get_template("queries_run.html").render(
        query=saved.metadata(), values=values, variables=results["head"]["vars"],
        rows=[[_cell(row.get(v), base) for v in results["head"]["vars"]] for row in results["results"]["bindings"]],
        truncated=answer.headers.get(TRUNCATED_HEADER), editor=editor, formats=_format_links(request),
        parameters=[{**p, "value": values.get(p["name"], "")} for p in saved.metadata()["parameters"]],
    )
    return HTMLResponse(page, headers={"Vary": "Accept"})


def _format_links(request: Request) -> dict[str, str]:
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
    return {name: f"{request.url.path}?{urlencode([*kept, ('format', name)])}"
            for name in ("json", "csv", "tsv", "xml", "sparql")}


def _cell(term: dict | None, base: str) -> dict:
    """A value of a SPARQL JSON row, for the template: text, a link where it has one, and its language."""
    if term is None:
        return {"text": ""}
    value = term["value"]
    if term["type"] == "uri":
        href = "/" + value[len(base):] if value.startswith(base) else value
        return {"text": value, "href": href}
    cell = {"text": value, "language": term.get("xml:lang")}
    if value.startswith("/explain?"):
        cell["href"] = value
    return cell


def _wants_html(request: Request, format_param: str | None) -> bool:
    if format_param:
        value = format_param.strip().lower()
        if value in ("html", HTML):
            return True
        if value in ("json", "application/json"):
            return False
        raise HTTPException(400, detail=f"unknown format {format_param!r}; use json or html")
    chosen = negotiate(request.headers.get("accept", ""), {"json": "application/json", "html": HTML}, "json")
    return chosen == "html"


def _endpoint(saved: SavedQuery) -> Callable:
    async def endpoint(request: Request, **_: Any) -> Response:
        format_param = request.query_params.get("format")
        return await run_saved_query(request, saved, format_param)

    format_parameter = inspect.Parameter(
        "format", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[str | None, Query(description=FORMAT_DESCRIPTION)],
    )
    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request),
         *(_query_parameter(p) for p in saved.parameters), format_parameter],
    )
    endpoint.__name__ = "saved_query_" + saved.name.replace("-", "_")
    return endpoint


def _operation_description(saved: SavedQuery) -> str:
    lines = [saved.description, ""]
    if saved.parameters:
        lines.append("Parameters (all optional; a parameter left out takes its default, or else does not "
                     "restrict the answer):")
        for p in saved.parameters:
            default = f" Default: `{p.default}`." if p.default is not None else ""
            lines.append(f"* `{p.name}` ({p.type}): {p.description}{default}")
        lines.append("")
    lines.append("The answer is SPARQL JSON results by default; CSV, TSV, XML or an HTML table by `format` or "
                 "Accept. The HTML table links to the SPARQL editor with the bound query. Runs with the same "
                 "time limit and row cap as /sparql. Tags: " + ", ".join(saved.tags) + ".")
    return "\n".join(lines)


def build_router(queries: dict[str, SavedQuery] | None = None) -> APIRouter:
    """The listing, one operation per saved query, and a 404 for any other name."""
    library = load_saved_queries() if queries is None else queries
    router = APIRouter(tags=["Saved queries"])

    @router.get(
        "/queries",
        name="saved_query_list",
        summary="The saved queries",
        description="The library of saved queries (queries/*.rq) with their title, description, tags and typed "
        "parameters: the same list as `isnad queries list --json`. JSON by default; an HTML page for browsers "
        "(Accept) or with `format=html`. Each query runs at `/queries/{name}`.",
        responses={200: {"description": "The saved queries' metadata.",
                         "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}},
                                     HTML: {"schema": {"type": "string"}}}}},
    )
    async def list_queries(
        request: Request,
        format: Annotated[str | None, Query(description="json or html, overriding Accept.")] = None,
    ) -> Response:
        listing = [q.metadata() for q in library.values()]
        if not _wants_html(request, format):
            return JSONResponse(listing, headers={"Vary": "Accept"})
        page = templates.get_template("queries.html").render(queries=listing)
        return HTMLResponse(page, headers={"Vary": "Accept"})

    for saved in library.values():
        router.add_api_route(
            f"/queries/{saved.name}",
            _endpoint(saved),
            methods=["GET"],
            name=f"saved_query_{saved.name}",
            summary=f"{saved.title} ({saved.name})",
            description=_operation_description(saved),
            responses=_RUN_RESPONSES,
            response_class=Response,
            route_class_override=_route_class(saved),
        )

    # Every saved query has its own route above; any other name is not in the library.
    @router.get("/queries/{name}", include_in_schema=False)
    async def unknown_query(name: str) -> Response:
        raise HTTPException(404, detail=f"no saved query named {name!r}; GET /queries lists them")

    return router

"""The exploration UI: search, the SPARQL editor (YASGUI), explanations, the timeline, US troop levels and
articles with their claims, served by the same app. Every script and style sheet is served from
/static (the libraries are vendored under server/static/vendor, see ui/package.json); a
Content-Security-Policy header on every HTML page allows nothing else."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from isnad.graph.explain import ExplainError, explain
from isnad.graph.iris import PREFIXES, Iris
from isnad.graph.saved_queries import SavedQueryError, load_saved_queries
from isnad.server.models import ErrorDetail
from isnad.server.store_access import StoreReader, get_iris, get_reader, get_store
from isnad.server.templating import templates
from isnad.server.ui_catalog import Catalog, get_catalog, local_href
from isnad.server.ui_search import fold, search
from isnad.server.ui_views import (
    KIND_LABELS,
    article_view,
    date_position,
    home_counts,
    neighbourhood,
    timeline,
    timeline_actors,
    troop_levels,
)

router = APIRouter(tags=["Pages"])

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
# YASGUI's results table (its column resizer) writes <style> elements whose text depends on the table, so no
# hash can allow them: on the editor page only, inline styles are allowed. Scripts stay 'self' everywhere.
EDITOR_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
# pyLODE's ontology page carries its style sheet inline (and no script), and the vendored Swagger UI on the
# API documentation page writes <style> elements from its bundle: the same allowance.
INLINE_STYLE_PATHS = ("/sparql-editor", "/ontology", "/docs")

Reader = Annotated[StoreReader, Depends(get_reader)]
Store = Annotated[ox.Store, Depends(get_store)]
IrisDep = Annotated[Iris, Depends(get_iris)]


class ContentSecurityPolicy:
    """Adds the policy (and nosniff) to every HTML response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if content_type.startswith(b"text/html"):
                    policy = EDITOR_POLICY if scope["path"] in INLINE_STYLE_PATHS else CONTENT_SECURITY_POLICY
                    headers.append((b"content-security-policy", policy.encode()))
                    headers.append((b"x-content-type-options", b"nosniff"))
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_policy)


def install(app: FastAPI) -> None:
    """Routes, the static files and the security policy of the UI."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(files("isnad.server") / "static")), name="static")
    app.add_middleware(ContentSecurityPolicy)
    templates.env.globals["has_route"] = lambda path: any(getattr(r, "path", None) == path for r in app.routes)


@router.get("/docs", include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    """The API documentation: Swagger UI over /openapi.json, from the vendored files (no CDN)."""
    return page(request, "api_docs.html", openapi_url=request.app.openapi_url)


def wants_json(request: Request, format_param: str | None) -> bool:
    if format_param:
        return format_param.lower() == "json"
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def catalog_of(reader: StoreReader, iris: Iris) -> Catalog:
    return get_catalog(reader, iris)


def page(request: Request, template: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context)


FormatQuery = Annotated[str | None, Query(description="`json` for JSON; HTML otherwise (or by Accept).")]


# ---------------------------------------------------------------------------------------------------------
# Home counts (used by the home page)
# ---------------------------------------------------------------------------------------------------------

def cached_home_counts(reader: StoreReader, iris: Iris) -> dict:
    return reader.cached(f"ui-home-counts {iris.base}", lambda: home_counts(reader.current(), iris))


# ---------------------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------------------

@router.get(
    "/search",
    summary="Search entities and claims",
    description="Entities whose Arabic or English label matches `q`, and claims whose quotes contain its "
    "words. Arabic is normalized and clitics are allowed (بالعراق finds العراق); a word the gazetteer knows "
    "as a name or nisba of an entity finds it (أمريكي finds the United States, and quotes saying الأميركي). "
    "HTML for browsers, JSON with `format=json` or Accept: application/json.",
    response_class=Response,
)
def search_page(request: Request, reader: Reader, iris: IrisDep,
                q: Annotated[str, Query(max_length=200, description="Words to look for.")] = "",
                format: FormatQuery = None) -> Response:
    result = search(catalog_of(reader, iris), iris, q)
    if wants_json(request, format):
        return JSONResponse(result.to_json())
    return page(request, "search.html", result=result, q=q)


# ---------------------------------------------------------------------------------------------------------
# SPARQL editor
# ---------------------------------------------------------------------------------------------------------

DEFAULT_QUERY = """SELECT ?actor ?label ?backer ?backer_label WHERE {
  ?actor isnad:backedBy ?backer ; skos:prefLabel ?label .
  ?backer skos:prefLabel ?backer_label .
  FILTER (LANG(?label) = "en" && LANG(?backer_label) = "en")
}
ORDER BY ?label
LIMIT 50"""


def with_prefixes(query: str) -> str:
    """The query with PREFIX lines for the project prefixes it uses but does not declare (the endpoint
    predeclares them, but YASGUI's editor and results table read them from the text)."""
    declared = {line.split()[1].rstrip(":") for line in query.splitlines()
                if line.strip().upper().startswith("PREFIX") and len(line.split()) > 1}
    lines = [f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items() if p not in declared and f"{p}:" in query]
    return "\n".join(lines + [query]) if lines else query


def editor_examples(reader: StoreReader, iris: Iris) -> list[dict]:
    try:
        saved = load_saved_queries()
    except SavedQueryError:
        return []
    examples = []
    for name, saved_query in saved.items():
        try:
            text = saved_query.bind({}, iris, reader.current())
        except ValueError:
            text = saved_query.text
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#+"))
        examples.append({"name": name, "title": saved_query.title, "query": with_prefixes(body.strip())})
    return examples


@router.get(
    "/sparql-editor",
    summary="SPARQL editor",
    description="YASGUI on this server's /sparql endpoint: the project prefixes preset, the saved queries as "
    "examples, autocompletion of entities (by label) and of ontology classes and properties from this server. "
    "`query` prefills the editor.",
    response_class=HTMLResponse,
)
def sparql_editor(request: Request, reader: Reader, iris: IrisDep,
                  query: Annotated[str | None, Query(max_length=100_000, description="A query to open.")] = None,
                  ) -> HTMLResponse:
    config = {
        "endpoint": str(request.url_for("sparql_get")),
        "prefixes": PREFIXES,
        "base": iris.base,
        "query": with_prefixes(query if query else DEFAULT_QUERY),
        "examples": editor_examples(reader, iris),
    }
    return page(request, "editor.html", config=json.dumps(config, ensure_ascii=False))


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    icon = (files("isnad.server") / "static" / "ui" / "favicon.svg").read_bytes()
    return Response(icon, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})


@router.get("/ui/prefixes.json", include_in_schema=False)
def prefixes_json() -> JSONResponse:
    """The prefixes the editor proposes after PREFIX (instead of asking prefix.cc)."""
    return JSONResponse(PREFIXES)


@router.get(
    "/ui/complete",
    summary="Autocompletion for the SPARQL editor",
    description="Entities whose label matches `q` (`kind=entity`), or ontology classes or properties whose IRI "
    "or label matches it (`kind=class`, `kind=property`): at most 50, as [{iri, label}].",
)
def complete(reader: Reader, iris: IrisDep,
             kind: Annotated[str, Query(pattern="^(entity|class|property)$",
                                        description="What to complete: entity, class or property.")] = "entity",
             q: Annotated[str, Query(max_length=200, description="What has been typed so far.")] = "",
             ) -> JSONResponse:
    catalog = catalog_of(reader, iris)
    wanted = fold(q.strip().lstrip("<"))
    if kind == "entity":
        if not wanted:
            return JSONResponse([])
        result = search(catalog, iris, q.strip().lstrip("<"))
        hits = [{"iri": h.entity.iri, "label": h.entity.label + (f" — {h.entity.label_ar}" if h.entity.label_ar
                                                                 and h.entity.label_ar != h.entity.label else "")}
                for h in result.entities]
        return JSONResponse(hits[:50])
    terms = catalog.classes if kind == "class" else catalog.properties
    local = wanted.split(":", 1)[-1].split("#")[-1] if wanted else ""
    hits = [{"iri": iri, "label": label} for iri, label in terms
            if not wanted or wanted in fold(iri) or local in fold(iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
            or (label and wanted in fold(label))]
    return JSONResponse(hits[:50])


# ---------------------------------------------------------------------------------------------------------
# Explanations
# ---------------------------------------------------------------------------------------------------------

def _explain_links(node: dict, iris: Iris) -> dict:
    """The JSON tree with links added: each term's page, each article source's page."""
    for key in ("subject", "predicate", "object"):
        value = node.get(key, "")
        if value.startswith(("http://", "https://")):
            node[key + "_href"] = local_href(iris, value)
    for source in node.get("sources", []):
        if source.get("article_id"):
            source["article_href"] = f"/articles/{source['article_id']}"
        source["claim_href"] = local_href(iris, source["graph"])
    for derivation in node.get("derivations", []):
        for premise in derivation.get("premises", []):
            _explain_links(premise, iris)
    return node


@router.get(
    "/explain",
    summary="Why the graph holds a triple",
    description="The explanation tree of the triple (`s`, `p`, `o`): the claims that state it (article, date, "
    "Arabic quote; or the curated source) and the rule derivations that infer it, each premise explained in "
    "turn, down to the articles. Terms as <IRI>, prefixed names (isnad:backedBy), N-Triples literals or "
    "labels. HTML for browsers, JSON with `format=json` or Accept: application/json.",
    response_class=Response,
    responses={404: {"model": ErrorDetail, "content": {"text/html": {"schema": {"type": "string"}}},
                     "description": "The graph holds no such triple, or a term is unknown or ambiguous."},
               400: {"model": ErrorDetail, "content": {"text/html": {"schema": {"type": "string"}}},
                     "description": "A term is not a valid IRI."}},
)
def explain_page(request: Request, store: Store, iris: IrisDep,
                 s: Annotated[str, Query(max_length=2000, description="Subject.")],
                 p: Annotated[str, Query(max_length=2000, description="Predicate.")],
                 o: Annotated[str, Query(max_length=5000, description="Object.")],
                 format: FormatQuery = None) -> Response:
    try:
        tree = explain(store, iris, s, p, o)
    except (ExplainError, ValueError) as exc:
        # A ValueError is pyoxigraph refusing a term that is not even a valid IRI.
        status, message = (404, str(exc)) if isinstance(exc, ExplainError) else (
            400, f"a term is not a valid IRI ({exc}); give terms as <IRI>, prefixed names, literals or labels")
        if wants_json(request, format):
            raise HTTPException(status, detail=message) from None
        return HTMLResponse(templates.get_template("not_found.html").render(message=message), status_code=status)
    data = _explain_links(tree.to_json(), iris)
    if wants_json(request, format):
        return JSONResponse(data)
    return page(request, "explain.html", tree=data)


# ---------------------------------------------------------------------------------------------------------
# Timeline and troop levels
# ---------------------------------------------------------------------------------------------------------

def _axis(dates: list[str], width: int, margin: int = 40) -> tuple[Callable[[str], float], list[tuple[float, str]]]:
    """A linear time axis: a function from a date to x, and the year ticks."""
    positions = [date_position(d) for d in dates] or [2020.0]
    low, high = int(min(positions)), int(max(positions)) + 1
    span = max(high - low, 1)

    def x(date: str) -> float:
        return round(margin + (date_position(date) - low) / span * (width - 2 * margin), 1)

    ticks = [(round(margin + (year - low) / span * (width - 2 * margin), 1), str(year))
             for year in range(low, high + 1)]
    return x, ticks


@router.get(
    "/timeline",
    summary="Timeline of events",
    description="Attacks, strikes, meetings, statements, troop levels (and troop movements, negotiation outcomes, "
    "legislation) on a time axis, each with its actors and its evidence (article and quote). Filter with `kind` "
    "(repeatable) and `actor` (an entity IRI or id). HTML, or JSON with `format=json`.",
    response_class=Response,
)
def timeline_page(request: Request, store: Store, reader: Reader, iris: IrisDep,
                  kind: Annotated[list[str] | None, Query(description="attack, strike, meeting, statement, "
                                                                      "troop-level, movement, outcome, legislation")]
                  = None,
                  actor: Annotated[str | None, Query(max_length=500, description="Entity IRI or id.")] = None,
                  format: FormatQuery = None) -> Response:
    catalog = catalog_of(reader, iris)
    actor_iri = None
    if actor:
        actor_iri = actor if actor.startswith(("http://", "https://")) else next(
            (iri for iri in catalog.entities if iri.rstrip("/").rsplit("/", 1)[-1] == actor), actor)
    everything = timeline(store, iris, catalog)
    kinds = {k for k in (kind or []) if k}
    items = timeline(store, iris, catalog, kinds or None, actor_iri) if (kinds or actor_iri) else everything
    if wants_json(request, format):
        return JSONResponse({"items": [i.to_json() for i in items]})
    x, ticks = _axis([i.date for i in everything], 1000)
    lanes = {k: n for n, k in enumerate(KIND_LABELS)}
    marks = [{"x": x(i.date), "y": 30 + 22 * lanes[i.kind], "kind": i.kind, "index": n,
              "title": f"{i.date} {i.title}"} for n, i in enumerate(items)]
    return page(request, "timeline.html", items=items, marks=marks, ticks=ticks, kinds=KIND_LABELS,
                lanes=[(30 + 22 * n, label) for n, label in enumerate(KIND_LABELS.values())],
                height=30 + 22 * len(KIND_LABELS), selected=kinds, actor=actor_iri,
                actors=timeline_actors(everything))


@router.get(
    "/troop-levels",
    summary="US troop levels over time",
    description="Every figure the articles give for US troops (in Iraq and elsewhere), by the date it holds "
    "for, each linked to its source; figures that differ for the same place and period are marked as "
    "conflicting. `country` picks another state (IRI or id). HTML chart, or JSON with `format=json`.",
    response_class=Response,
    responses={400: {"model": ErrorDetail, "description": "`country` is neither an IRI nor an id."}},
)
def troop_levels_page(request: Request, store: Store, reader: Reader, iris: IrisDep,
                      country: Annotated[str, Query(max_length=500, description="The state (IRI or id).")]
                      = "united-states",
                      format: FormatQuery = None) -> Response:
    catalog = catalog_of(reader, iris)
    try:
        # A valid IRI cannot close the <…> it is written into in the view's query.
        country_iri = ox.NamedNode(country).value if country.startswith(("http://", "https://")) \
            else iris.entity("State", country).value
    except ValueError:
        raise HTTPException(400, detail=f"country {country!r} is neither an IRI nor an id such as "
                                        "united-states") from None
    figures = troop_levels(store, iris, catalog, country_iri)
    if wants_json(request, format):
        return JSONResponse({"country": country_iri, "figures": [f.to_json() for f in figures]})
    width, height, margin = 900, 320, 60
    x, ticks = _axis([f.as_of for f in figures], width, margin)
    top = max([f.count for f in figures] or [1])
    scale = 10 ** max(len(str(top)) - 1, 0)
    ceiling = (top // scale + 1) * scale

    def y(count: int) -> float:
        return round(height - 40 - count / ceiling * (height - 80), 1)

    points = [{"x": x(f.as_of), "y": y(f.count), "figure": f, "index": n} for n, f in enumerate(figures)]
    y_ticks = [(y(v), f"{v:,}") for v in range(0, ceiling + 1, max(ceiling // 5, 1))]
    line = " ".join(f"{p['x']},{p['y']}" for p in points)
    return page(request, "troop_levels.html", figures=figures, points=points, ticks=ticks, y_ticks=y_ticks,
                line=line, width=width, height=height, margin=margin, country=catalog.label(country_iri))


# ---------------------------------------------------------------------------------------------------------
# Articles and entity graphs
# ---------------------------------------------------------------------------------------------------------

@router.get(
    "/articles/{article_id}",
    summary="An article with its claims",
    description="The article's text with each sentence a claim rests on highlighted, and the claims (with what "
    "they state) beside it. HTML, or JSON with `format=json`.",
    response_class=Response,
    responses={404: {"description": "No article with this id."}},
)
def article_page(request: Request, store: Store, reader: Reader, iris: IrisDep,
                 article_id: Annotated[str, PathParam(pattern=r"^[A-Za-z0-9_.-]{1,200}$",
                                                      description="The article id (its file name without "
                                                                  "extension).")],
                 format: FormatQuery = None) -> Response:
    view = article_view(store, iris, catalog_of(reader, iris), article_id)
    if view is None:
        if wants_json(request, format):
            raise HTTPException(404, detail=f"no article with id {article_id!r}")
        return HTMLResponse(templates.get_template("not_found.html").render(
            message=f"no article with id {article_id!r}"), status_code=404)
    if wants_json(request, format):
        return JSONResponse({
            "iri": view.iri, "id": view.article_id, "headline": view.headline, "published": view.published,
            "publisher": view.publisher, "text": "".join(s.text for s in view.spans),
            "claims": [{"claim": c.claim, "href": c.href, "kind": c.kind, "start": s.start, "sentence": s.text,
                        "triples": c.triples} for s in view.spans for c in s.claims],
        })
    return page(request, "article.html", a=view)


@router.get(
    "/ui/graph",
    summary="An entity's neighbourhood",
    description="Nodes and edges around an entity, for the graph on its page: each edge says whether claims "
    "state it, the reasoner infers it, or both, and links inferred edges to their explanation.",
    responses={404: {"model": ErrorDetail, "description": "No named entity has this IRI."}},
)
def entity_graph(reader: Reader, iris: IrisDep,
                 iri: Annotated[str, Query(max_length=2000, description="The entity's IRI.")]) -> JSONResponse:
    catalog = catalog_of(reader, iris)
    if iri not in catalog.entities:
        raise HTTPException(404, detail=f"no named entity <{iri}>")
    data = neighbourhood(reader.current(), iris, catalog, iri)
    labels = dict(catalog.properties)
    for edge in data["edges"]:
        edge["label"] = labels.get(edge["predicate"]) or edge["label"]
    return JSONResponse(data)

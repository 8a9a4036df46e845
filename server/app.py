"""The FastAPI application: one store, one settings object and one query-worker pool, injected into routes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from isnad import __version__
from isnad.server import descriptions, dumps, home, resources, saved_queries, sparql, ui, writes
from isnad.server.limits import RequestLimits
from isnad.server.models import ErrorDetail
from isnad.server.query_pool import QueryPool
from isnad.server.store_access import StoreReader
from isnad.settings import Settings

# Read-only routes a browser tool on another origin may call (writes stay same-origin).
CORS_PATHS = ("/sparql", "/rdf-graphs", "/dumps/", "/id/", "/graph/", "/ontology", "/.well-known/void")


class PathCORS:
    """CORS headers (and preflight answers) on the read-only linked-data and SPARQL routes only."""

    def __init__(self, app: ASGIApp, paths: tuple[str, ...] = CORS_PATHS) -> None:
        self.app = app
        self.paths = paths
        self.cors = CORSMiddleware(
            app, allow_origins=["*"], allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            allow_headers=["Accept", "Content-Type", "Authorization"],
            expose_headers=["Isnad-Truncated", "ETag", "Last-Modified", "Content-Disposition", "Link"], max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.paths):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def create_app(settings: Settings) -> FastAPI:
    reader = StoreReader(settings)  # fails here, before the server listens, when the store is unusable

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = QueryPool(settings.query_workers, warm_generation=lambda: str(reader.generation()))
        pool.start()
        app.state.query_pool = pool
        app.state.dump_cache = dumps.DumpCache()
        try:
            yield
        finally:
            pool.close()
            app.state.dump_cache.close()

    app = FastAPI(
        title="Isnad",
        version=__version__,
        description="A knowledge graph of the US–Iraq security relationship built from Arabic news. "
        "Every fact is a claim (a named graph) with its provenance: article, sentence, quote.\n\n"
        "* **SPARQL 1.1** at `/sparql` (queries; updates with the token), its service description, and the "
        "dataset's VoID description at `/.well-known/void`.\n"
        "* **Linked data**: every IRI under the base IRI resolves (`/id/…`), the ontology at `/ontology`, each "
        "graph at `/rdf-graphs`, dumps at `/dumps/`.\n"
        "* **Writes** (off unless the server has a token): SPARQL Update, and `POST /articles`.",
        lifespan=lifespan,
        # FastAPI's own pages load Swagger UI and ReDoc from a CDN; /docs is served by server/ui.py from the
        # vendored Swagger UI instead.
        docs_url=None,
        redoc_url=None,
        # Any request can meet the limits (server/limits.py) and a wrong `format`; the message says which.
        responses={400: {"model": ErrorDetail, "description": "A parameter is wrong (an unknown format, more "
                                                              "parameters than ISNAD_MAX_PARAMETERS)."},
                   413: {"model": ErrorDetail, "description": "The request body is larger than "
                                                              "ISNAD_MAX_BODY_BYTES."}},
    )
    app.state.settings = settings
    app.state.store_reader = reader
    app.add_middleware(PathCORS)
    app.add_middleware(RequestLimits, settings=settings)  # before any route reads a body
    app.add_exception_handler(Exception, internal_error)
    for module in (home, sparql, resources, descriptions, dumps, writes):
        app.include_router(module.router)
    app.include_router(saved_queries.build_router())  # /queries: one operation per saved query
    ui.install(app)  # exploration pages, /static, Content-Security-Policy on HTML
    return app


async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    """A failure no route expected, answered with a JSON body that says what to do instead of a bare
    'Internal Server Error' (the exception still reaches the server's log with its traceback)."""
    return JSONResponse({"detail": f"the server failed on this request ({type(exc).__name__}); it is logged. "
                                   "Try again; if it keeps failing, report the request"}, status_code=500)

"""The FastAPI application: one store, one settings object, injected into every route."""

from __future__ import annotations

from fastapi import FastAPI

from isnad import __version__
from isnad.server import home, sparql
from isnad.server.store_access import StoreReader
from isnad.settings import Settings


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="Isnad",
        version=__version__,
        description="A knowledge graph of the US–Iraq security relationship built from Arabic news. "
        "Every fact is a claim (a named graph) with its provenance: article, sentence, quote.",
    )
    app.state.settings = settings
    app.state.store_reader = StoreReader(settings)
    app.include_router(home.router)
    app.include_router(sparql.router)
    return app

"""The home page: what the graph holds, and where to go next."""

from __future__ import annotations

from typing import Annotated

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from isnad.graph.query import run_query
from isnad.server.store_access import get_iris, get_store
from isnad.server.templating import templates
from isnad.server.ui import cached_home_counts

router = APIRouter(tags=["Pages"])

_ARTICLES = """
SELECT ?title ?published ?outlet ?id WHERE {
  GRAPH ?g { ?a a schema:NewsArticle ; schema:headline ?title ; schema:datePublished ?published .
             OPTIONAL { ?a schema:publisher ?outlet } OPTIONAL { ?a dcterms:identifier ?id } }
} ORDER BY ?published
"""


@router.get(
    "/",
    response_class=HTMLResponse,
    summary="Home page: what is in the graph",
    description="An HTML overview for people: how many articles, claims and triples the graph holds, the "
    "articles it was built from, and where to go next (SPARQL endpoint, ontology, dumps, API documentation).",
)
def home(request: Request, store: Annotated[ox.Store, Depends(get_store)]) -> HTMLResponse:
    rows = [
        {"title": s["title"].value, "published": s["published"].value,
         "outlet": s["outlet"].value if s["outlet"] else None, "id": s["id"].value if s["id"] else None}
        for s in run_query(store, _ARTICLES).result
    ]
    dates = [r["published"] for r in rows]
    return templates.TemplateResponse(
        request,
        "home.html",
        {
            "info": request.app.state.store_reader.build_info(),
            "articles": rows,
            "date_range": (min(dates), max(dates)) if dates else None,
            "sparql_url": str(request.url_for("sparql_get")),
            "counts": cached_home_counts(request.app.state.store_reader, get_iris(request)),
        },
    )

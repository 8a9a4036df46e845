"""Writes: the bearer token check, and article ingest at POST /articles.

Read-only by default: with no ISNAD_TOKEN configured, every write is refused. The token is compared in
constant time, so its value cannot be found by timing the answers."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from isnad.build import BuildError
from isnad.graph.iris import Iris
from isnad.graph.store import StoreError, StoreWriteError
from isnad.ingest import ingest
from isnad.loaders.corpus import Article, CorpusError
from isnad.server.models import ArticleIn, ErrorDetail, IngestResult
from isnad.server.store_access import get_settings
from isnad.settings import Settings

router = APIRouter(tags=["Writes"])
bearer = HTTPBearer(auto_error=False, description="The server's write token (ISNAD_TOKEN).")
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="isnad"'}


def check_token(credentials: HTTPAuthorizationCredentials | None, settings: Settings) -> None:
    if settings.token is None:
        raise HTTPException(403, detail="writes are off on this server: it was started without a token "
                                        "(set ISNAD_TOKEN to allow SPARQL Update and POST /articles)")
    if credentials is None or not credentials.credentials:
        raise HTTPException(401, detail="this write needs the bearer token: send 'Authorization: Bearer TOKEN'",
                            headers=_CHALLENGE)
    if not hmac.compare_digest(credentials.credentials.encode("utf-8"), settings.token.encode("utf-8")):
        raise HTTPException(403, detail="the bearer token is not this server's write token", headers=_CHALLENGE)


def require_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> None:
    check_token(credentials, settings)


@router.post(
    "/articles",
    summary="Add (or replace) one article",
    description="Ingest one Arabic article through the same all-or-nothing path as `isnad ingest`: its "
    "claims are extracted first, then written to a copy of the graph that replaces the current one only when "
    "complete. Posting the same `id` again replaces that article's claims. Needs the bearer token "
    "(ISNAD_TOKEN).",
    status_code=201,
    response_model=IngestResult,
    responses={200: {"model": IngestResult, "description": "An earlier version of the article was replaced."},
               401: {"model": ErrorDetail, "description": "No token."},
               403: {"model": ErrorDetail, "description": "Wrong token, or writes are off."},
               409: {"model": ErrorDetail, "description": "Another build or ingest is writing; try again."},
               507: {"model": ErrorDetail, "description": "The store could not be written (e.g. the disk is "
                                                          "full); the previous graph is untouched."},
               422: {"description": "The article does not validate (the body says which field and why), or its "
                                    "claims contradict the graph or break a SHACL shape (nothing was added)."}},
    dependencies=[Depends(require_token)],
)
def post_article(request: Request, response: Response, article: ArticleIn) -> IngestResult:
    settings: Settings = get_settings(request)
    record = Article(id=article.id, text=article.text.removeprefix("\ufeff"), title=article.title,
                     outlet=article.outlet, language="ar", published=article.published,
                     published_basis=article.published_basis, source=article.source)
    try:
        summary = ingest(settings, record)
    except StoreWriteError as exc:  # the disk is full or failing: not something a retry now will fix
        raise HTTPException(507, detail=str(exc)) from None
    except StoreError as exc:
        raise HTTPException(409, detail=str(exc)) from None
    except CorpusError as exc:
        raise HTTPException(400, detail=str(exc)) from None
    except BuildError as exc:  # the article contradicts the graph or breaks a shape: nothing was added
        raise HTTPException(422, detail=str(exc)) from None
    if summary.replaced:
        response.status_code = 200
    return IngestResult(article=summary.article, iri=Iris(settings.base_iri).article(summary.article).value,
                        replaced=summary.replaced, quads_added=summary.quads_added,
                        quads_removed=summary.quads_removed, seconds=round(summary.seconds, 3))


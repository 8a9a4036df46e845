"""Request limits enforced before any route runs: the size of a request body (ISNAD_MAX_BODY_BYTES) and the
number of parameters of one request (ISNAD_MAX_PARAMETERS); and the length of a SPARQL query or update
(ISNAD_MAX_QUERY_LENGTH), checked by the SPARQL routes. Each refusal names the limit, its setting and what
to send instead."""

from __future__ import annotations

import contextlib

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from isnad.settings import Settings


class _BodyTooLarge(Exception):
    """Raised from receive() once a body without (or with a false) Content-Length passes the limit."""


def body_too_large(limit: int) -> str:
    return (f"the request body is larger than {limit:,} bytes, this server's limit (ISNAD_MAX_BODY_BYTES); send a "
            "smaller body (one article per request, a shorter query) or ask the operator to raise the limit")


def too_many_parameters(count: int | str, limit: int) -> str:
    return (f"the request has {count} parameters; this server accepts at most {limit} per request "
            "(ISNAD_MAX_PARAMETERS): leave out the ones the operation does not need")


async def read_form(request: Request, settings: Settings) -> FormData:
    """The request's form, refused (400) when it has more fields than ISNAD_MAX_PARAMETERS (the middleware
    counts the query string's)."""
    limit = settings.max_parameters
    try:
        form = await request.form(max_fields=limit, max_files=0)
    except StarletteHTTPException as exc:  # a multipart form stops parsing at the limit
        if "Too many fields" in str(exc.detail):
            raise HTTPException(400, detail=too_many_parameters(f"more than {limit}", limit)) from None
        raise
    if len(form.multi_items()) > limit:
        raise HTTPException(400, detail=too_many_parameters(len(form.multi_items()), limit))
    return form


def check_query_length(text: str, settings: Settings, what: str = "query") -> None:
    """413 for a SPARQL query or update longer than ISNAD_MAX_QUERY_LENGTH characters."""
    if len(text) > settings.max_query_length:
        raise HTTPException(413, detail=(
            f"the {what} is {len(text):,} characters long; this server accepts at most {settings.max_query_length:,} "
            f"(ISNAD_MAX_QUERY_LENGTH): shorten it (VALUES with fewer rows, fewer alternatives) or split it into "
            "several requests"))


class RequestLimits:
    """Refuses a body over ISNAD_MAX_BODY_BYTES (413) and a query string with more than ISNAD_MAX_PARAMETERS
    parameters (400) before the application reads them."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.settings.max_body_bytes
        count = sum(1 for pair in scope.get("query_string", b"").split(b"&") if pair)
        if count > self.settings.max_parameters:
            await _refuse(400, too_many_parameters(count, self.settings.max_parameters), scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > limit:
            await _refuse(413, body_too_large(limit), scope, receive, send)
            return

        received = 0
        exceeded = started = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:
                return  # whatever the route made of a cut-off body; the 413 below answers instead
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, limited_receive, guarded_send)
        if exceeded and not started:
            await _refuse(413, body_too_large(limit), scope, receive, send)


async def _refuse(status: int, detail: str, scope: Scope, receive: Receive, send: Send) -> None:
    await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)

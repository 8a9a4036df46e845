"""Dumps of the whole dataset at /dumps/: N-Quads (gzip), TriG, and Turtle of the default graph.

Each dump is written once per store generation to a cache file (by graph/export.py, pyoxigraph's
serializers) and then streamed from it. The generation names the content, so it is the ETag; the
generation's write time is Last-Modified; a conditional GET that matches is answered 304."""

from __future__ import annotations

import gzip
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, Response

from isnad.graph.export import dump
from isnad.server.media import prefers_html
from isnad.server.models import DumpInfo, DumpList, ErrorDetail
from isnad.server.store_access import StoreReader, get_reader
from isnad.server.templating import templates

router = APIRouter(tags=["Dataset"])


@dataclass(frozen=True)
class Dump:
    format_name: str  # one of graph.export.DUMP_FORMATS
    media_type: str
    description: str
    gzip: bool = False


DUMPS: dict[str, Dump] = {
    "isnad.nq.gz": Dump("nquads", "application/gzip", "every graph (claims, provenance, articles, ontology, "
                        "inferred) as gzip-compressed N-Quads", gzip=True),
    "isnad.trig": Dump("trig", "application/trig", "every graph as TriG"),
    "isnad.ttl": Dump("turtle", "text/turtle", "the default graph (the union of all graphs) as Turtle"),
}


class DumpCache:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="isnad-dumps-"))
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def path(self, reader: StoreReader, name: str) -> Path:
        """The dump file for the current generation, written first if it is not there yet."""
        generation = reader.generation()
        target = self.root / generation.name / name
        with self._guard:
            lock = self._locks.setdefault(f"{generation.name}/{name}", threading.Lock())
        with lock:
            if not target.exists():
                self._write(reader, generation, name, target)
        return target

    def _write(self, reader: StoreReader, generation: Path, name: str, target: Path) -> None:
        for old in self.root.iterdir():  # dumps of generations that are gone
            if old.name != generation.name:
                shutil.rmtree(old, ignore_errors=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        spec = DUMPS[name]
        partial = target.with_name(target.name + ".partial")
        store = reader.current()
        with open(partial, "wb") as raw:
            if spec.gzip:
                with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as compressed:
                    dump(store, spec.format_name, compressed)
            else:
                dump(store, spec.format_name, raw)
        os.replace(partial, target)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def get_dump_cache(request: Request) -> DumpCache:
    return request.app.state.dump_cache


def _last_modified(reader: StoreReader) -> datetime | None:
    written = reader.build_info().get("written_at")
    try:
        return datetime.fromisoformat(written) if written else None
    except ValueError:
        return None


def _not_modified(request: Request, etag: str, last_modified: datetime | None) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return etag in tags or "*" in tags
    since = request.headers.get("if-modified-since")
    if since and last_modified is not None:
        try:
            return last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


@router.get(
    "/dumps/",
    summary="The dumps of the dataset",
    description="What can be downloaded: the whole dataset as gzip-compressed N-Quads and as TriG (every "
    "named graph kept), and the default graph (the union of all graphs) as Turtle. JSON by default, an HTML "
    "page for browsers.",
    response_model=DumpList,
)
def list_dumps(request: Request, reader: Annotated[StoreReader, Depends(get_reader)]) -> DumpList | HTMLResponse:
    listing = DumpList(
        generation=reader.generation().name,
        dumps=[DumpInfo(name=name, url=str(request.url_for("get_dump", name=name)), media_type=spec.media_type,
                        description=spec.description) for name, spec in DUMPS.items()],
    )
    if prefers_html(request.headers.get("accept", "")):
        return HTMLResponse(templates.get_template("dumps.html").render(listing=listing))
    return listing


@router.get(
    "/dumps/{name}",
    summary="Download one dump",
    description="One dump file, streamed. `ETag` (the store generation) and `Last-Modified` (when the "
    "generation was written) let a client ask again with If-None-Match / If-Modified-Since and get 304 Not "
    "Modified when nothing has changed.",
    responses={200: {"description": "The dump.", "content": {spec.media_type: {"schema": {"type": "string",
                                                                                          "format": "binary"}}
                                                            for spec in DUMPS.values()}},
               304: {"description": "Not modified since the copy the client has."},
               404: {"model": ErrorDetail, "description": "No dump of that name."}},
    response_class=Response,
)
def get_dump(
    request: Request,
    name: Annotated[str, PathParam(description=f"One of: {', '.join(DUMPS)}.")],
    reader: Annotated[StoreReader, Depends(get_reader)],
    cache: Annotated[DumpCache, Depends(get_dump_cache)],
) -> Response:
    if name not in DUMPS:
        raise HTTPException(404, detail=f"no dump named {name!r}; available: {', '.join(DUMPS)}")
    generation = reader.generation().name
    etag = f'"{generation}-{name}"'
    last_modified = _last_modified(reader)
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if last_modified is not None:
        headers["Last-Modified"] = format_datetime(last_modified.astimezone(UTC), usegmt=True)
    if _not_modified(request, etag, last_modified):
        return Response(status_code=304, headers=headers)
    path = cache.path(reader, name)
    return FileResponse(path, media_type=DUMPS[name].media_type, filename=name, headers=headers)

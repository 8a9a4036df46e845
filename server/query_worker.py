"""What runs inside a query worker process: open the store read-only, evaluate, serialize, reply.

Kept small and free of web-framework imports, because every worker imports it (through the forkserver,
which imports it once and forks workers from there)."""

from __future__ import annotations

import contextlib
import ctypes
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from isnad.graph.query import QueryError, run_query, serialize_capped

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class QueryTask:
    sparql: str
    generation: str  # the store generation directory to read (the current one when the request came)
    result_format: str | None  # for SELECT/ASK; None: the client accepts no results format
    graph_format: str | None  # for CONSTRUCT/DESCRIBE; None: the client accepts no RDF format
    max_rows: int
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    max_bytes: int | None = None  # an answer serialized larger than this is refused (413), not sent


@dataclass(frozen=True)
class QueryReply:
    status: int  # an HTTP status: 200, or 400 / 406 / 413 / 500 with `message`
    kind: str = ""  # solutions, boolean or triples
    format_name: str = ""
    data: bytes = b""
    truncated: bool = False
    message: str = ""


def evaluate(store: ox.Store, task: QueryTask) -> QueryReply:
    try:
        answer = run_query(store, task.sparql, default_graphs=_list(task.default_graphs),
                           named_graphs=_list(task.named_graphs))
    except QueryError as exc:
        return QueryReply(400, message=f"bad SPARQL query: {exc}")
    format_name = task.graph_format if answer.kind == "triples" else task.result_format
    if format_name is None:
        return QueryReply(406, kind=answer.kind)  # known before evaluation: the answer is lazy
    try:
        data, truncated = serialize_capped(answer, format_name, task.max_rows)
    except QueryError as exc:
        return QueryReply(400, kind=answer.kind, message=str(exc))
    if task.max_bytes is not None and len(data) > task.max_bytes:
        return QueryReply(413, kind=answer.kind, format_name=format_name)
    return QueryReply(200, kind=answer.kind, format_name=format_name, data=data, truncated=truncated)


def _list(graphs: tuple[str, ...] | None) -> list[str] | None:
    return None if graphs is None else list(graphs)


def _die_with_parent() -> None:
    """Ask Linux to SIGKILL this worker when its parent (the forkserver) goes, so a worker in the middle of
    a long query never outlives the server that asked for it."""
    # Not Linux: the worker still ends when its pipe closes after the current query.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def worker_main(connection: Connection) -> None:
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle; it ends workers itself
    store: ox.Store | None = None
    opened: str | None = None
    while True:
        try:
            task: QueryTask = connection.recv()
        except (EOFError, OSError):
            return
        try:
            if task.generation != opened or store is None:
                store = None
                store = ox.Store.read_only(str(Path(task.generation) / "oxigraph"))
                opened = task.generation
            reply = evaluate(store, task)
        except Exception as exc:  # noqa: BLE001 - the server must get a reply, whatever went wrong
            reply = QueryReply(500, message=f"query evaluation failed: {type(exc).__name__}: {exc}")
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return

"""Query evaluation in worker processes that can be ended: the query timeout that actually stops a query.

pyoxigraph has no per-query timeout and no way to cancel a query that is running; a thread that gives up
waiting leaves the query running and a core busy. So each SPARQL query goes to a worker process (a pool of
them, one per core by default, each with the store open read-only). When a query passes its deadline, its
worker is killed (SIGKILL: the query stops at once and its memory is returned), the client gets a clear
error, and a fresh worker takes its place. Other workers keep answering other clients meanwhile.

Workers come from a forkserver: a small clean process that has imported the worker code once and forks
new workers quickly, without copying the web server's threads and sockets."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from isnad.server.query_worker import QueryReply, QueryTask, worker_main
from isnad.server.update_worker import UpdateOutcome, update_main

# Modules the forkserver imports once, so that a new worker is a fork away rather than a fresh interpreter.
PRELOAD = ["isnad.server.query_worker", "isnad.server.update_worker"]


class QueryTimeout(Exception):
    """The query ran past the deadline; its worker was killed."""


class PoolBusy(Exception):
    """Every worker stayed busy until the deadline; the query never started."""


class WorkerDied(Exception):
    """The worker ended while evaluating (killed from outside, or out of memory)."""


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection


class QueryPool:
    def __init__(self, size: int = 0, warm_generation: Callable[[], str] | None = None) -> None:
        self.size = size or os.cpu_count() or 2
        # Each new worker opens this generation before it takes its first query (opening a store takes a
        # while; a client should not wait for that, least of all right after a worker was replaced).
        self._warm_generation = warm_generation
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(PRELOAD)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        self._processes: dict[int, BaseProcess] = {}
        self.killed = 0  # workers ended at a deadline, for tests and monitoring

    def start(self) -> None:
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent_end, child_end = self._context.Pipe(duplex=True)
        process = self._context.Process(target=worker_main, args=(child_end,), name="isnad-query-worker", daemon=True)
        process.start()
        child_end.close()
        with self._lock:
            self._processes[process.pid or 0] = process
        if self._warm_generation is not None:
            with contextlib.suppress(Exception):  # a worker that cannot open the store says so at its first query
                parent_end.send(QueryTask("ASK {}", self._warm_generation(), "json", "turtle", 1))
                if parent_end.poll(60):
                    parent_end.recv()
        return _Worker(process, parent_end)

    def worker_pids(self) -> list[int]:
        with self._lock:
            return sorted(self._processes)

    def run(self, task: QueryTask, timeout: float) -> QueryReply:
        """Evaluate on a free worker; the deadline covers waiting for a worker and evaluating."""
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise PoolBusy from None
        try:
            worker.connection.send(task)
            if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker, killed=True)
                raise QueryTimeout
            reply: QueryReply = worker.connection.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise WorkerDied from None
        self._idle.put(worker)
        return reply

    def _replace(self, worker: _Worker, *, killed: bool = False) -> None:
        """End a worker for good (SIGKILL stops pyoxigraph mid-query) and start another in the background,
        so that the client whose query timed out is answered without waiting for the new worker."""
        worker.process.kill()
        worker.process.join(5)
        worker.connection.close()
        with self._lock:
            self._processes.pop(worker.process.pid or 0, None)
            if killed:
                self.killed += 1
        if not self._closed:
            threading.Thread(target=self._add_worker, name="isnad-worker-spawn", daemon=True).start()

    def _add_worker(self) -> None:
        if not self._closed:
            self._idle.put(self._spawn())

    def run_update(self, store_root: str, base_iri: str, update: str, timeout: float) -> UpdateOutcome:
        """Apply a SPARQL Update in a process of its own, killed at the deadline like a query worker."""
        parent_end, child_end = self._context.Pipe(duplex=False)
        process = self._context.Process(target=update_main, args=(child_end, store_root, base_iri, update),
                                        name="isnad-update", daemon=True)
        process.start()
        child_end.close()
        with self._lock:
            self._processes[process.pid or 0] = process
        try:
            if not parent_end.poll(timeout):
                process.kill()
                raise QueryTimeout
            return parent_end.recv()
        except EOFError:
            raise WorkerDied from None
        finally:
            process.join(5)
            parent_end.close()
            with self._lock:
                self._processes.pop(process.pid or 0, None)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            worker.connection.close()  # the worker's recv() ends with EOF and it exits
            worker.process.join(2)
            if worker.process.is_alive():
                worker.process.kill()
        with self._lock:
            busy = list(self._processes.values())
        for process in busy:  # workers still evaluating when the server stops
            if process.is_alive():
                process.kill()
                process.join(2)

"""Where extraction runs: in local worker processes or on a Dask cluster, its results back in input order.

An executor here is anything with ``submit(fn, *args) -> future`` whose futures have ``result()``: a
concurrent.futures process pool, or a dask.distributed Client. ``ordered_map`` keeps a bounded window of
tasks in flight and yields their results in submission order, so the consumer (the store's bulk load)
sees one stream in corpus order and memory holds at most ``window`` results, however large the corpus.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

LOCAL = "local"
DASK = "dask"


class ExecutorError(ValueError):
    """The executor cannot be used as given; the message says what to change."""


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def parse_executor(spec: str) -> tuple[str, str | None]:
    """'local' -> ('local', None); 'dask' -> ('dask', None) for a LocalCluster; 'dask://HOST:PORT' (or
    'dask://tcp://HOST:PORT') -> ('dask', 'tcp://HOST:PORT') for a running scheduler."""
    if spec == LOCAL:
        return LOCAL, None
    if spec == DASK:
        return DASK, None
    if spec.startswith("dask://") and len(spec) > len("dask://"):
        address = spec.removeprefix("dask://")
        return DASK, address if "://" in address else f"tcp://{address}"
    raise ExecutorError(f"executor {spec!r}: use 'local', 'dask' (a local Dask cluster) or 'dask://HOST:PORT' "
                        "(a running Dask scheduler)")


def check_available(spec: str) -> None:
    """Fail early, before a build touches the store, if the executor's library is missing."""
    if parse_executor(spec)[0] == DASK:
        _dask_distributed()


def _dask_distributed():
    try:
        import dask.distributed
    except ImportError:
        raise ExecutorError("--executor dask needs dask.distributed: pip install 'isnad[dask]'") from None
    return dask.distributed


@contextlib.contextmanager
def open_executor(spec: str, workers: int) -> Iterator[tuple[Any, int]]:
    """The executor for `spec` with `workers` processes (a scheduler's cluster brings its own), and how many
    tasks it runs at once. Everything it started is stopped when the block ends."""
    kind, address = parse_executor(spec)
    if kind == LOCAL:
        # spawn: the parent holds an open RocksDB store and threads, which a forked child must not inherit.
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            yield pool, workers
        return
    distributed = _dask_distributed()
    with contextlib.ExitStack() as stack:
        if address is None:
            cluster = stack.enter_context(distributed.LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                dashboard_address=None,
            ))
            address = cluster.scheduler_address
        try:
            client = stack.enter_context(distributed.Client(address, timeout="20s"))
        except OSError as exc:
            raise ExecutorError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        slots = sum(client.nthreads().values()) or workers
        yield _DaskSubmitter(client), slots


class _DaskSubmitter:
    """Client.submit with pure=False: every batch is its own task, even if two batches were equal."""

    def __init__(self, client) -> None:
        self.client = client

    def submit(self, fn: Callable, *args: Any):
        return self.client.submit(fn, *args, pure=False)


def ordered_map(executor: Any, fn: Callable, items: Iterable, window: int, *args: Any) -> Iterator:
    """fn(item, *args) for each item, run on the executor, yielded in the order of `items`; at most `window`
    tasks are submitted and not yet consumed at any time."""
    pending: deque = deque()
    try:
        for item in items:
            pending.append(executor.submit(fn, item, *args))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:  # the consumer stopped early (an error): drop what is still queued
            future.cancel()


def batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]

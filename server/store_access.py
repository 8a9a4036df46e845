"""The store, settings and query pool as FastAPI dependencies.

Routes that run our own bounded queries (entity pages, graphs, dumps) read the current generation in the
server process; clients' SPARQL queries go to the worker pool (server/query_pool.py), which can stop them."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
from fastapi import Request

from isnad.graph.iris import Iris
from isnad.graph.store import GraphStore
from isnad.server.query_pool import QueryPool
from isnad.settings import Settings


class StoreReader:
    """Hands out the current generation read-only. A request that started on the previous generation
    finishes on it (the store keeps the previous generation on disk), new requests see the new one."""

    def __init__(self, settings: Settings) -> None:
        self.graph_store = GraphStore(settings.store)
        self._lock = threading.Lock()
        self._generation: Path | None = None
        self._store: ox.Store | None = None
        self._cache: dict[str, object] = {}
        self.current()  # fail at start-up, not at the first request, when the store is unusable

    def current(self) -> ox.Store:
        generation = self.graph_store.current_generation()
        with self._lock:
            if self._store is None or generation != self._generation:
                self._store = self.graph_store.open_read()
                self._generation = generation
                self._cache = {}
            return self._store

    def generation(self) -> Path:
        """The current generation's directory (what the query workers are told to open)."""
        self.current()
        assert self._generation is not None
        return self._generation

    def cached(self, key: str, compute):
        """A value computed once per generation (VoID counts and the like)."""
        self.current()
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        value = compute()
        with self._lock:
            self._cache[key] = value
        return value

    def build_info(self) -> dict:
        return self.graph_store.build_info()


def get_reader(request: Request) -> StoreReader:
    return request.app.state.store_reader


def get_store(request: Request) -> ox.Store:
    return request.app.state.store_reader.current()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_iris(request: Request) -> Iris:
    return Iris(request.app.state.settings.base_iri)


def get_pool(request: Request) -> QueryPool:
    return request.app.state.query_pool

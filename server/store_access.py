"""The store as a FastAPI dependency: the current generation, reopened when a build or ingest switches it."""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
from fastapi import Request

from isnad.graph.store import GraphStore
from isnad.settings import Settings


class StoreReader:
    """Hands out the current generation read-only. A request that started on the previous generation
    finishes on it (the store keeps the previous generation on disk), new requests see the new one."""

    def __init__(self, settings: Settings) -> None:
        self.graph_store = GraphStore(settings.store)
        self._lock = threading.Lock()
        self._generation: Path | None = None
        self._store: ox.Store | None = None
        self.current()  # fail at start-up, not at the first request, when the store is unusable

    def current(self) -> ox.Store:
        generation = self.graph_store.current_generation()
        with self._lock:
            if self._store is None or generation != self._generation:
                self._store = self.graph_store.open_read()
                self._generation = generation
            return self._store

    def build_info(self) -> dict:
        return self.graph_store.build_info()


def get_store(request: Request) -> ox.Store:
    return request.app.state.store_reader.current()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings

"""The on-disk graph store: generations of pyoxigraph stores behind one atomically switched pointer.

Layout of a store root:

    ROOT/current                 symlink -> generations/<id>  (what readers open)
    ROOT/generations/<id>/       a complete generation: oxigraph/ (the RocksDB store) and build.json
    ROOT/generations/<id>.partial/  a generation being written; never read, removed by the next writer
    ROOT/.lock                   held by the one writer (build or ingest) at a time

A writer fills a new generation and switches `current` with a single rename, so a reader sees either
the previous generation or the new one, never half of one; a writer that raises or is killed leaves
`current` untouched. The previous generation is kept (for `isnad diff` and for readers that still have
it open); older ones are removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import json
import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox

from isnad.graph.failpoints import failpoint

STORE_FORMAT_VERSION = 1
_PARTIAL = ".partial"


class StoreError(Exception):
    """The store is missing, locked, corrupt or of another version; the message says which and what to do."""


class StoreWriteError(StoreError):
    """Writing a new generation failed (disk full, file size limit, permissions); the previous one is intact."""


@dataclass
class Generation:
    """A generation being written. Add quads with `load`; `info` is saved as build.json on commit."""

    path: Path
    store: ox.Store
    info: dict = field(default_factory=dict)

    def load(self, quads: Iterable[ox.Quad]) -> None:
        # bulk_extend skips the transaction log: the fast path, safe because nobody reads a partial generation.
        self.store.bulk_extend(quads)


class GraphStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def generations_dir(self) -> Path:
        return self.root / "generations"

    @property
    def current_link(self) -> Path:
        return self.root / "current"

    def current_generation(self) -> Path | None:
        """The directory of the current generation, or None when nothing was ever built here. A `current`
        that is there but leads nowhere is a damaged store, not an empty one: StoreError."""
        if not self.current_link.is_symlink():
            if os.path.lexists(self.current_link):
                raise StoreError(f"store at {self.root} is damaged: 'current' is not a link to a generation; "
                                 f"{self._rebuild_hint}")
            return None
        target = self.root / os.readlink(self.current_link)
        if not target.is_dir():
            raise StoreError(f"store at {self.root} is damaged: 'current' points to {os.readlink(self.current_link)}, "
                             f"which is missing; {self._rebuild_hint}")
        return target

    def exists(self) -> bool:
        """Whether anything was built here (a damaged store exists too: opening it says what is wrong)."""
        return os.path.lexists(self.current_link)

    @property
    def _rebuild_hint(self) -> str:
        return f"rebuild it with 'isnad build --store {self.root}'"

    def build_info(self) -> dict:
        generation = self._require_current()
        try:
            info = json.loads((generation / "build.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"store at {self.root} has no readable build.json ({exc}); {self._rebuild_hint}") from exc
        if not isinstance(info, dict):
            raise StoreError(f"store at {self.root} is damaged: build.json does not hold a JSON object; "
                             f"{self._rebuild_hint}")
        return info

    def open_read(self) -> ox.Store:
        """The current generation, read-only."""
        generation = self._require_current()
        info = self.build_info()
        if info.get("format_version") != STORE_FORMAT_VERSION:
            raise StoreError(
                f"store at {self.root} has format version {info.get('format_version')!r}, this isnad reads "
                f"version {STORE_FORMAT_VERSION}; rebuild it with 'isnad build --store {self.root}'"
            )
        try:
            return ox.Store.read_only(str(generation / "oxigraph"))
        except (OSError, RuntimeError) as exc:  # RocksDB reports damaged files as RuntimeError("Corruption: …")
            raise StoreError(f"store at {generation} is damaged and cannot be opened ({exc}); "
                             f"{self._rebuild_hint}") from None

    def _require_current(self) -> Path:
        generation = self.current_generation()
        if generation is None:
            raise StoreError(f"no graph store at {self.root}; run 'isnad build --store {self.root}' first")
        return generation

    @contextlib.contextmanager
    def write_lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as lock_file:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise StoreError(f"another build or ingest is writing to {self.root}; try again when it ends") from None
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def new_generation(self, *, from_current: bool = False) -> Iterator[Generation]:
        """Write a new generation and make it current when the block ends without an exception.

        With from_current, the new generation starts as a copy (a RocksDB checkpoint: hard links, cheap)
        of the current one, which is how an ingest adds to the graph without a rebuild."""
        with self.write_lock():
            self._remove_leftovers()
            self.generations_dir.mkdir(parents=True, exist_ok=True)
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            name = f"{stamp}-{uuid.uuid4().hex[:8]}"
            partial = self.generations_dir / (name + _PARTIAL)
            previous = self._intact_current()
            final: Path | None = None
            try:
                partial.mkdir()
                if from_current:
                    if previous is None:
                        self._require_current()  # says whether the store is missing or damaged
                    self._checkpoint(previous / "oxigraph", partial / "oxigraph")
                store = ox.Store(str(partial / "oxigraph"))
                generation = Generation(path=partial, store=store)
                yield generation
                failpoint("commit")
                store.flush()
                if not from_current:
                    # A build compacts its store once, for query speed. An ingest adds an article's worth of
                    # quads: compacting the whole store again would make it cost what the store holds, and
                    # RocksDB's own background compaction keeps the few new files in check.
                    store.optimize()
                del store, generation.store
                gc.collect()  # closes RocksDB before the directory is renamed
                info = {
                    **generation.info,
                    "format_version": STORE_FORMAT_VERSION,
                    "generation": name,
                    "replaces": previous.name if previous else None,
                    "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
                }
                (partial / "build.json").write_text(json.dumps(info, ensure_ascii=False, indent=2), "utf-8")
                final = self.generations_dir / name
                os.rename(partial, final)
                failpoint("switch")
                self._switch_to(final)
            except BaseException as exc:
                gc.collect()
                shutil.rmtree(partial, ignore_errors=True)
                if final is not None and final != self._intact_current():
                    shutil.rmtree(final, ignore_errors=True)
                if isinstance(exc, OSError):  # ENOSPC, EFBIG, EACCES…: say so without a traceback
                    raise StoreWriteError(f"writing a new generation of the store at {self.root} failed: {exc}; "
                                          "the previous store is untouched") from exc
                raise
            failpoint("prune")
            self._prune(keep={final.name, previous.name if previous else ""})

    def _intact_current(self) -> Path | None:
        """The current generation for a writer: a damaged `current` counts as none, so a build repairs it."""
        try:
            return self.current_generation()
        except StoreError:
            return None

    def _checkpoint(self, source: Path, target: Path) -> None:
        try:
            source_store = ox.Store.read_only(str(source))
        except RuntimeError as exc:  # RocksDB's "Corruption: …"
            raise StoreError(f"store at {source.parent} is damaged and cannot be copied ({exc}); "
                             f"{self._rebuild_hint}") from None
        source_store.backup(str(target))
        del source_store

    def _switch_to(self, generation: Path) -> None:
        tmp_link = self.root / f".current-{uuid.uuid4().hex[:8]}"
        os.symlink(os.path.relpath(generation, self.root), tmp_link)
        os.replace(tmp_link, self.current_link)  # the atomic step
        dir_fd = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def _remove_leftovers(self) -> None:
        """Partial generations and stray links from writers that were killed; called with the lock held."""
        for stray in self.root.glob(".current-*"):
            stray.unlink(missing_ok=True)
        if self.generations_dir.is_dir():
            for partial in self.generations_dir.glob("*" + _PARTIAL):
                shutil.rmtree(partial, ignore_errors=True)

    def _prune(self, keep: set[str]) -> None:
        for generation in self.generations_dir.iterdir():
            if generation.name not in keep and not generation.name.endswith(_PARTIAL):
                shutil.rmtree(generation, ignore_errors=True)

    def previous_generation(self) -> Path | None:
        replaced = self.build_info().get("replaces")
        if not replaced:
            return None
        path = self.generations_dir / replaced
        return path if path.is_dir() else None


def query_union(store: ox.Store, sparql: str, **kwargs) -> object:
    """Run SPARQL with the default graph as the union of all graphs, as the endpoint does."""
    return store.query(sparql, use_default_graph_as_union=True, **kwargs)

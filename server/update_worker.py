"""A SPARQL Update, applied in a process of its own that the server can end.

The update is applied to a new store generation that starts as a copy of the current one and is switched
in only when the update has completed, so readers never see half of it. The process can be killed at the
deadline like a query worker: the half-written generation is never switched in (the next writer removes
it) and the write lock goes with the process."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from isnad.graph.iris import PREFIXES, Iris
from isnad.graph.store import GraphStore, StoreError

_COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


@dataclass(frozen=True)
class UpdateOutcome:
    status: int  # 200, or 400 (bad update), 409 (another writer), 500
    message: str = ""
    generation: str = ""
    quads_before: int = 0
    quads_after: int = 0


def _counts(store: ox.Store, iris: Iris) -> tuple[Counter, int]:
    counts: Counter = Counter()
    claims = 0
    for row in store.query(_COUNT_BY_GRAPH):
        kind = iris.graph_kind(row["g"].value)
        counts[kind] += int(row["n"].value)
        claims += kind == "claim"
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if default:
        counts["default"] = default
    return counts, claims


def apply_update(store_root: str, base_iri: str, update: str) -> UpdateOutcome:
    graph_store = GraphStore(Path(store_root))
    iris = Iris(base_iri)
    try:
        previous = graph_store.build_info()
        with graph_store.new_generation(from_current=True) as generation:
            before = len(generation.store)
            generation.store.update(update, prefixes=PREFIXES)
            counts, claims = _counts(generation.store, iris)
            after = len(generation.store)
            generation.info.update({
                **{k: v for k, v in previous.items() if k not in ("generation", "replaces", "written_at")},
                "claims": claims,
                "triples_by_graph": dict(sorted(counts.items())),
                "last_update": datetime.now(UTC).isoformat(timespec="seconds"),
            })
        return UpdateOutcome(200, generation=graph_store.build_info()["generation"], quads_before=before,
                             quads_after=after)
    except SyntaxError as exc:
        return UpdateOutcome(400, message=f"bad SPARQL update: {exc}")
    except StoreError as exc:
        return UpdateOutcome(409, message=str(exc))
    except (OSError, ValueError) as exc:
        return UpdateOutcome(400, message=f"update failed, nothing was changed: {exc}")


def update_main(connection: Connection, store_root: str, base_iri: str, update: str) -> None:
    try:
        outcome = apply_update(store_root, base_iri, update)
    except Exception as exc:  # noqa: BLE001 - the server must get an answer
        outcome = UpdateOutcome(500, message=f"update failed, nothing was changed: {type(exc).__name__}: {exc}")
    connection.send(outcome)
    connection.close()

"""What changed between two graphs: claims that appeared, disappeared or changed, by kind, and inferred
triples that appeared or disappeared, by property. So an extractor change or a new article shows exactly
what it did to the graph."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from isnad.graph.iris import ISNAD, Iris


@dataclass
class GraphDiff:
    claims_added: dict[str, list[str]] = field(default_factory=dict)
    claims_removed: dict[str, list[str]] = field(default_factory=dict)
    claims_changed: dict[str, list[str]] = field(default_factory=dict)
    inferred_added: Counter = field(default_factory=Counter)
    inferred_removed: Counter = field(default_factory=Counter)

    @property
    def empty(self) -> bool:
        return not (self.claims_added or self.claims_removed or self.claims_changed
                    or self.inferred_added or self.inferred_removed)

    def by_kind(self) -> dict[str, tuple[int, int, int]]:
        """kind -> (added, removed, changed)."""
        kinds = sorted({*self.claims_added, *self.claims_removed, *self.claims_changed})
        return {k: (len(self.claims_added.get(k, [])), len(self.claims_removed.get(k, [])),
                    len(self.claims_changed.get(k, []))) for k in kinds}

    def summary(self) -> str:
        """One line: what the new graph adds and drops."""
        if self.empty:
            return "no change in claims or inferred triples"
        parts = [f"{kind} +{a} -{r}" + (f" ~{c}" if c else "") for kind, (a, r, c) in self.by_kind().items()]
        added, removed = sum(self.inferred_added.values()), sum(self.inferred_removed.values())
        return "claims: " + (", ".join(parts) or "none") + f"; inferred triples +{added} -{removed}"

    def as_dict(self) -> dict:
        return {
            "claims": {kind: {"added": self.claims_added.get(kind, []), "removed": self.claims_removed.get(kind, []),
                              "changed": self.claims_changed.get(kind, [])} for kind in self.by_kind()},
            "inferred": {"added": dict(self.inferred_added), "removed": dict(self.inferred_removed)},
        }


def claim_kind(claim_iri: str) -> str:
    """The kind a claim IRI names: <BASE id/claim/ARTICLE/KIND-HASH> (curated claims: curated-entity…)."""
    article, local = claim_iri.rsplit("/", 2)[-2:]
    kind = local.rsplit("-", 1)[0].replace("-", "_")
    return f"curated {kind}" if article == "curated" else kind


def _claims(store: ox.Store, iris: Iris) -> dict[str, frozenset[tuple[str, str, str]]]:
    # A prefix seek per claim graph: measured faster than one SPARQL pass or a scan of every quad.
    contents: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for graph in store.named_graphs():
        if iris.graph_kind(graph.value) == "claim":
            for quad in store.quads_for_pattern(None, None, None, graph):
                contents[graph.value].add((str(quad.subject), str(quad.predicate), str(quad.object)))
    return {iri: frozenset(triples) for iri, triples in contents.items()}


def _inferred(store: ox.Store, iris: Iris) -> set[tuple[str, str, str]]:
    return {(str(q.subject), q.predicate.value, str(q.object))
            for q in store.quads_for_pattern(None, None, None, iris.graph("inferred"))}


def diff_stores(old: ox.Store, new: ox.Store, iris: Iris) -> GraphDiff:
    result = GraphDiff()
    old_claims, new_claims = _claims(old, iris), _claims(new, iris)
    for target, iris_in in ((result.claims_added, new_claims.keys() - old_claims.keys()),
                            (result.claims_removed, old_claims.keys() - new_claims.keys()),
                            (result.claims_changed, {c for c in old_claims.keys() & new_claims.keys()
                                                     if old_claims[c] != new_claims[c]})):
        for claim in sorted(iris_in):
            target.setdefault(claim_kind(claim), []).append(claim)
    old_inferred, new_inferred = _inferred(old, iris), _inferred(new, iris)
    result.inferred_added = Counter(p.removeprefix(ISNAD) for _, p, _ in new_inferred - old_inferred)
    result.inferred_removed = Counter(p.removeprefix(ISNAD) for _, p, _ in old_inferred - new_inferred)
    return result


def summarize_counts(old: dict, new: dict) -> str:
    """The build's short account of what changed, from the two generations' recorded counts (build.json):
    claims by kind and triples by graph, old -> new. Constant time however large the graphs; which claims
    appeared, disappeared or changed is `isnad diff`'s job (it reads both graphs)."""
    old_kinds, new_kinds = old.get("claims_by_kind"), new.get("claims_by_kind")
    if old_kinds is None or new_kinds is None:  # a generation built before kinds were recorded
        old_kinds, new_kinds = {"all": old.get("claims", 0)}, {"all": new.get("claims", 0)}
    old_triples, new_triples = old.get("triples_by_graph", {}), new.get("triples_by_graph", {})
    claims = [f"{kind} {old_kinds.get(kind, 0):,} → {new_kinds.get(kind, 0):,}"
              for kind in sorted({*old_kinds, *new_kinds}) if old_kinds.get(kind, 0) != new_kinds.get(kind, 0)]
    triples = [f"{graph} {old_triples.get(graph, 0):,} → {new_triples.get(graph, 0):,}"
               for graph in sorted({*old_triples, *new_triples})
               if old_triples.get(graph, 0) != new_triples.get(graph, 0)]
    if not claims and not triples:
        return "no change in claims or inferred triples (by count; 'isnad diff' compares their contents)"
    return (f"claims: {', '.join(claims) or 'same number of each kind'}; "
            f"triples: {', '.join(triples) or 'same number in each graph'} ('isnad diff' for the details)")

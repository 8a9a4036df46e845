"""The reference closure: owlrl's OWL 2 RL semantics over rdflib, kept to the triples an analyst can use.

Slow (it re-applies every rule to every triple on each round) but the project's reference for
correctness: the fast engine is proven equal to it, triple for triple, on the kept triples."""

from __future__ import annotations

from collections.abc import Iterable

import owlrl
import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from isnad.graph.reasoning_keep import is_kept_iri_triple


def to_rdflib(triples: Iterable[tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, object]]) -> Graph:
    """pyoxigraph triples as an rdflib Graph, through N-Triples so that every literal survives as written."""
    data = ox.serialize((ox.Triple(s, p, o) for s, p, o in triples), format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def _kept(triple: tuple[Node, Node, Node]) -> bool:
    s, p, o = triple
    if isinstance(s, (RdfLiteral, BNode)) or isinstance(o, BNode):
        return False
    return is_kept_iri_triple(str(p), str(o) if isinstance(o, URIRef) else None)


def kept_triples(graph: Graph) -> set[tuple[Node, Node, Node]]:
    return {triple for triple in graph if _kept(triple)}


def owlrl_inferred(asserted: Graph) -> set[tuple[Node, Node, Node]]:
    """The kept triples that owlrl's OWL 2 RL closure adds to `asserted` (which is left unchanged)."""
    closure = Graph()
    closure += asserted
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return {triple for triple in closure if triple not in asserted and _kept(triple)}

"""The fast engine's OWL 2 RL closure equals owlrl's, triple for triple on the kept triples: on the seed graph,
and on a generated graph of 50,000 triples shaped like the project's data (owlrl needs minutes there: slow)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from isnad.graph.iris import Iris
from isnad.graph.reasoning import fast_owl_closure, reasoning_vocabulary
from isnad.graph.reasoning_fixtures import seed_quads, synthetic_quads
from isnad.graph.reasoning_owlrl import kept_triples, owlrl_inferred, to_rdflib

IRIS = Iris("https://isnad.example.org/")
GOLD = Path(__file__).parent / "gold" / "seeds.jsonl"


def _compare(quads: list[ox.Quad]) -> tuple[int, int]:
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    triples |= {(t.subject, t.predicate, t.object) for t in reasoning_vocabulary()}
    fast = kept_triples(to_rdflib(fast_owl_closure(triples)))
    reference = owlrl_inferred(to_rdflib(triples))
    only_owlrl, only_fast = reference - fast, fast - reference
    assert not only_owlrl and not only_fast, (sorted(only_owlrl)[:5], sorted(only_fast)[:5])
    return len(triples), len(fast)


def test_fast_closure_equals_owlrl_on_the_seed_graph():
    asserted, inferred = _compare(list(seed_quads(IRIS, GOLD)))
    assert asserted > 4000 and inferred > 2000  # the comparison is not vacuous


def test_synthetic_graph_is_deterministic_and_of_the_asked_size():
    def data(quads: list[ox.Quad]) -> list[ox.Quad]:  # the ontology's blank nodes differ from parse to parse
        return [q for q in quads if q.graph_name != IRIS.graph("ontology")]

    first, second = synthetic_quads(IRIS, 5000, seed=3), synthetic_quads(IRIS, 5000, seed=3)
    assert data(first) == data(second)
    assert 5000 <= len(first) < 5600
    assert data(synthetic_quads(IRIS, 5000, seed=4)) != data(first)


def test_fast_closure_equals_owlrl_on_a_small_generated_graph():
    asserted, inferred = _compare(synthetic_quads(IRIS, 4000, seed=11))
    assert inferred > 1500


@pytest.mark.slow
def test_fast_closure_equals_owlrl_on_a_generated_graph_of_50000_triples():
    quads = synthetic_quads(IRIS, 50_000)
    assert len(quads) >= 50_000
    asserted, inferred = _compare(quads)
    assert inferred > 20_000

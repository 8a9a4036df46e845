"""Incremental reasoning for `isnad ingest`: the closure of a store that gains one article's quads, computed
from what the new quads touch instead of from every asserted triple.

    add_and_reason(store, iris, quads)  ->  IncrementalResult   (raises NotIncremental when it cannot)

The store holds the previous full closure: the asserted graphs, <BASE graph/inferred> (the kept inferred
triples) and <BASE graph/explanations>. That closure K is closed under the rules, so a new consequence needs
at least one new premise (semi-naive forward chaining):

* The OWL 2 RL engine (`ForwardChainer`) runs from the new triples only. Its joins (transitive properties,
  property chains) and its "is this conclusion new?" test read the store on demand: the edges of a node for a
  property the first time a join needs them, and a conclusion's quads the first time it is derived. What it
  loads is old (already closed) and is never queued again. The schema is read once, by predicate.
* Stratum-1 SPARQL rules run with one premise pattern bound (VALUES) to the triples new since their last
  evaluation, over the store's union graph (the new derived triples sit in a scratch graph meanwhile), and the
  OWL closure of their conclusions follows, to a fixpoint.
* Stratum-2 rules (negation) find their new solutions the same way; adding triples can also make an old
  conclusion false (a later troop figure makes the previous one no longer current), so their old conclusions
  are re-checked, and if one no longer holds the ingest falls back to the full closure (NotIncremental).
* Explanations are written for the new inferred triples only; premises already explained are not rewritten,
  and an old statement node named by a new asserted triple gains `isnad:assertedIn` its new graph.

Removal (re-ingesting an article that is already in the store) is not done incrementally: `isnad ingest`
recomputes the full closure then (isnad/ingest.py). So is a new triple that changes the schema (a
subClassOf, an inverseOf… in a claim), or a rule set this module cannot restrict safely (see `_check_rules`).

Equal to the full closure: tests/test_incremental_reasoning.py builds stores both ways and compares the
inferred graphs triple for triple, and checks every explanation down to asserted triples. The explanations
themselves may differ: each triple keeps the first derivation found, which depends on the order facts arrive.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Variable

from isnad.graph.iris import Iris, term, vocab
from isnad.graph.reasoning import (
    RDF_SUBJECT,
    Contradiction,
    ReasoningError,
    _depends_on,
    _explanations,
    _kept,
    disjoint_contradictions,
    late_event_contradictions,
    statement_iri,
)
from isnad.graph.reasoning_engine import (
    ALL_DISJOINT,
    CHAIN,
    DISJOINT_WITH,
    DOMAIN,
    EQUIVALENT_CLASS,
    EQUIVALENT_PROPERTY,
    FIRST,
    INVERSE_OF,
    MEMBERS,
    RANGE,
    REST,
    SUBCLASS,
    SUBPROPERTY,
    SYMMETRIC,
    TRANSITIVE,
    TYPE,
    UNSUPPORTED_PREDICATES,
    UNSUPPORTED_TYPES,
    ForwardChainer,
    Step,
    Terms,
    Triple,
    extract_tbox,
)
from isnad.graph.reasoning_rules import SparqlRule, by_predicate, evaluate, load_rules, restricted_selects

SCHEMA_PREDICATES = (SUBCLASS, SUBPROPERTY, DOMAIN, RANGE, EQUIVALENT_CLASS, EQUIVALENT_PROPERTY, INVERSE_OF,
                     CHAIN, DISJOINT_WITH, MEMBERS, FIRST, REST, *UNSUPPORTED_PREDICATES)
SCHEMA_TYPES = (SYMMETRIC, TRANSITIVE, ALL_DISJOINT, *UNSUPPORTED_TYPES)
# What the explanations graph says (reasoning._explanations): a rule premise using one of these would match it.
EXPLANATION_PREDICATES = tuple(vocab("rdf", n) for n in ("subject", "predicate", "object", "first", "rest")) + (
    vocab("rdfs", "label"), vocab("skos", "definition"),
    *(term(n) for n in ("derivation", "byRule", "premise", "usesAxiom", "assertedIn", "ruleQuery")))
_MAX_RULE_ROUNDS = 50


class NotIncremental(Exception):
    """This change needs the full closure; the message says why. The store may hold the new asserted quads."""


@dataclass
class IncrementalResult:
    gained: Counter = field(default_factory=Counter)  # quads the store gained, by graph kind
    lost: Counter = field(default_factory=Counter)  # quads it lost (an inferred typing now asserted)
    new_claims: int = 0  # claim graphs that did not exist before
    added: list[ox.Quad] = field(default_factory=list)  # asserted and inferred quads the store gained
    touched: set = field(default_factory=set)  # nodes that lost inferred triples
    contradictions: list[Contradiction] = field(default_factory=list)
    stats: dict = field(default_factory=dict)


class StoreChainer(ForwardChainer):
    """The OWL 2 RL engine over a store that already holds a closure: known facts are read from the store when
    a join or a derivation needs them, and kept apart (`old`) from the ones this run derives."""

    def __init__(self, terms: Terms, tbox, store: ox.Store, iris: Iris, skipped: set[ox.NamedNode]) -> None:
        super().__init__(terms, tbox)
        self.store = store
        self.inferred_graph = iris.graph("inferred")
        self.skipped = skipped
        self.old: set[Triple] = set()
        self.loaded: set[tuple[int, int, bool]] = set()

    def load(self, quads: Iterable[ox.Quad]) -> None:
        for quad in quads:
            if quad.graph_name in self.skipped:
                continue
            triple = self.terms.encode(quad.subject, quad.predicate, quad.object)
            if quad.graph_name != self.inferred_graph:
                self.asserted.add(triple)
            if triple not in self.facts:
                self.facts.add(triple)
                self.old.add(triple)
                self._index(triple)

    def _edges(self, p: int, node: int, outgoing: bool) -> None:
        key = (p, node, outgoing)
        if key in self.loaded or node in self.terms.literals:
            return
        self.loaded.add(key)
        prop, at = self.terms.terms[p], self.terms.terms[node]
        self.load(self.store.quads_for_pattern(at, prop, None, None) if outgoing
                  else self.store.quads_for_pattern(None, prop, at, None))

    def objects(self, p: int, s: int) -> set[int] | tuple:
        self._edges(p, s, True)
        return super().objects(p, s)

    def subjects(self, p: int, o: int) -> set[int] | tuple:
        self._edges(p, o, False)
        return super().subjects(p, o)

    def derive(self, triple: Triple, step: Step) -> bool:
        if triple not in self.facts and triple[0] not in self.terms.literals:
            self.load(self.store.quads_for_pattern(*self.terms.decode(triple), None))
        return super().derive(triple, step)


def _check_rules(rules: tuple[SparqlRule, ...]) -> None:
    """Rules are evaluated over the store's union graph, where the explanations graph and the previous
    stratum-2 conclusions also live; refuse (full closure) rather than let them match there."""
    later = {(p, o) for r in rules if r.stratum == 2 for _, p, o in r.template}
    for rule in rules:
        for _, p, o in rule.premises:
            if isinstance(p, Variable) or (p == TYPE and isinstance(o, Variable)):
                raise NotIncremental(f"rule {rule.name} has a premise with a variable predicate or class")
            if p in EXPLANATION_PREDICATES:
                raise NotIncremental(f"rule {rule.name} reads {p}, which the explanations graph also uses")
            if rule.stratum == 1 and ((p, o) in later or (p != TYPE and any(p == q for q, _ in later))):
                raise NotIncremental(f"stratum-1 rule {rule.name} reads what a stratum-2 rule derives")


def _schema(store: ox.Store, skipped: set[ox.NamedNode]) -> Iterator[ox.Quad]:
    for predicate in SCHEMA_PREDICATES:
        yield from (q for q in store.quads_for_pattern(None, predicate, None, None) if q.graph_name not in skipped)
    for cls in SCHEMA_TYPES:
        yield from (q for q in store.quads_for_pattern(None, TYPE, cls, None) if q.graph_name not in skipped)


def _is_schema(quad: ox.Quad) -> bool:
    return quad.predicate in SCHEMA_PREDICATES or (quad.predicate == TYPE and quad.object in SCHEMA_TYPES)


def _derivations(store: ox.Store, node: ox.NamedNode, explanations: ox.NamedNode) -> list[ox.Quad]:
    """The quads recording the derivations of a statement node."""
    found = []
    for link in store.quads_for_pattern(node, term("derivation"), None, explanations):
        found.append(link)
        found.extend(store.quads_for_pattern(link.object, None, None, explanations))
    return found


def _retract(store: ox.Store, iris: Iris, chainer: StoreChainer, gone: list[tuple], holding: set[Triple],
             rules: tuple[SparqlRule, ...]) -> list[tuple]:
    """Delete and rederive, for the one kind of removal an addition causes: stratum-2 conclusions that no
    longer hold (the previous latest troop figure is no longer current). They are typings, and a typing only
    entails typings of the same node (cax-sco, cax-eqc) that no stratum-1 rule reads, so the types of each such
    node are recomputed from its own triples without the retracted ones (`holding`: the stratum-2 conclusions
    that still hold); the inferred types it no longer has are returned. Anything outside that case (a
    conclusion that is not a typing, a dropped typing some written derivation uses as a premise) raises
    NotIncremental."""
    terms, type_id = chainer.terms, chainer.type
    explanations, inferred = iris.graph("explanations"), iris.graph("inferred")
    if any(t[1] != TYPE for t in gone) or any(p == TYPE for r in rules if r.stratum == 1 for _, p, _ in r.template):
        raise NotIncremental("the new claims make an earlier stratum-2 conclusion false; the full closure is needed")
    retracted = {terms.encode(*t) for t in gone}
    dropped: list[tuple] = []
    for node in dict.fromkeys(t[0] for t in gone):
        node_id = terms.id(node)
        local = ForwardChainer(terms, chainer.tbox)
        seeds = set()
        around = (*store.quads_for_pattern(node, None, None, None), *store.quads_for_pattern(None, None, node, None))
        for quad in around:
            triple = terms.encode(quad.subject, quad.predicate, quad.object)
            derived_type = quad.graph_name in chainer.skipped or quad.graph_name == inferred
            if quad.graph_name != explanations and not (derived_type and triple[0] == node_id and triple[1] == type_id):
                seeds.add(triple)
        seeds.update(t for t in chainer.order if node_id in (t[0], t[2]))  # this run's, and the stratum-2 ones
        seeds.update(t for t in holding if t[0] == node_id)
        local.assert_triples(seeds - retracted)
        local.run()
        for quad in store.quads_for_pattern(node, TYPE, None, inferred):
            triple = terms.encode(quad.subject, quad.predicate, quad.object)
            if triple not in local.facts:
                statement = statement_iri(iris, quad.subject, quad.predicate, quad.object)
                if next(store.quads_for_pattern(None, term("premise"), statement, explanations), None) is not None:
                    raise NotIncremental(f"{quad.subject} {quad.object} no longer holds and a written derivation "
                                         "rests on it; the full closure is needed")
                dropped.append((quad.subject, quad.predicate, quad.object))
    return dropped


def add_and_reason(store: ox.Store, iris: Iris, quads: Iterable[ox.Quad], rules: Iterable[SparqlRule] | None = None,
                   on_loaded: Callable[[], None] | None = None) -> IncrementalResult:
    """Add `quads` (asserted: an article's claims, provenance and record) to a store holding a full closure,
    and extend the inferred and explanations graphs with what they entail. Raises NotIncremental (the caller
    computes the full closure) when the change is not one this can do; the new asserted quads are in the
    store by then, the derived graphs untouched."""
    started = time.perf_counter()
    rules = tuple(load_rules() if rules is None else rules)
    explanations, inferred = iris.graph("explanations"), iris.graph("inferred")
    scratch = ox.NamedNode(f"{iris.base}graph/reasoning-scratch")
    skipped = {explanations, scratch, iris.graph("summaries")}
    quads = list(dict.fromkeys(quads))
    if any(not isinstance(q.graph_name, ox.NamedNode) or q.graph_name in (inferred, *skipped) for q in quads):
        raise ValueError("asserted quads go into named graphs other than the inferred and explanations graphs")
    result = IncrementalResult()
    new_quads = [q for q in quads if q not in store]
    claim_graphs = {q.graph_name for q in new_quads if iris.graph_kind(q.graph_name.value) == "claim"}
    result.new_claims = sum(1 for g in claim_graphs if next(store.quads_for_pattern(None, None, None, g), None) is None)

    terms = Terms()
    tbox = extract_tbox((terms.encode(q.subject, q.predicate, q.object) for q in _schema(store, skipped)), terms)
    if tbox.unsupported:
        raise ReasoningError("the ontology uses OWL constructs the reasoner does not implement: "
                             + "; ".join(sorted(set(tbox.unsupported))[:10]))
    schema_change = next((q for q in new_quads if _is_schema(q)), None)
    if schema_change is not None:
        raise NotIncremental(f"a new triple changes the schema ({schema_change}); the full closure is needed")
    _check_rules(rules)

    chainer = StoreChainer(terms, tbox, store, iris, skipped)
    delta = list(dict.fromkeys(terms.encode(q.subject, q.predicate, q.object) for q in new_quads))
    for triple in delta:  # what the store knew of these triples before
        chainer.load(store.quads_for_pattern(*terms.decode(triple), None))
    promoted = [t for t in delta if t in chainer.old and t not in chainer.asserted]  # inferred, now stated
    fresh = [t for t in delta if t not in chainer.facts]
    chainer.assert_triples(delta)
    store.extend(new_quads)
    for q in new_quads:
        result.gained[iris.graph_kind(q.graph_name.value)] += 1
    if on_loaded is not None:
        on_loaded()

    def holds(triple: tuple) -> bool:
        return any(q.graph_name != explanations for q in store.quads_for_pattern(*triple, None))

    def fire(rule: SparqlRule, triples: dict[object, list[tuple]], templates: bool = False) -> set[Triple]:
        concluded: set[Triple] = set()
        for select, constants in restricted_selects(rule, triples, rule.template if templates else rule.premises):
            for conclusions, premises in evaluate(rule, store, select, holds, constants,
                                                  use_default_graph_as_union=True):
                step = Step(rule.name, tuple(terms.encode(*p) for p in premises))
                for conclusion in conclusions:
                    triple = terms.encode(*conclusion)
                    concluded.add(triple)
                    if not templates:
                        chainer.derive(triple, step)
        return concluded

    try:
        chainer.run()
        pending, written, rounds = by_predicate(terms.decode(t) for t in fresh + chainer.order), 0, 0
        while pending:
            rounds += 1
            if rounds > _MAX_RULE_ROUNDS:
                raise ReasoningError(f"the SPARQL rules did not reach a fixpoint in {_MAX_RULE_ROUNDS} rounds")
            store.extend(ox.Quad(*terms.decode(t), scratch) for t in chainer.order[written:])
            written = before = len(chainer.order)
            for rule in rules:
                if rule.stratum == 1:
                    fire(rule, pending)
            chainer.run()
            pending = by_predicate(terms.decode(t) for t in chainer.order[before:])
        store.extend(ox.Quad(*terms.decode(t), scratch) for t in chainer.order[written:])
        everything_new = by_predicate(terms.decode(t) for t in fresh + chainer.order)
        gone: list[tuple] = []  # old stratum-2 conclusions the new triples make false
        holding: set[Triple] = set()
        for rule in rules:
            if rule.stratum != 2:
                continue
            old = [(q.subject, q.predicate, q.object) for s, p, o in rule.template
                   for q in store.quads_for_pattern(None, p, o if isinstance(o, ox.NamedNode) else None, inferred)]
            still = fire(rule, by_predicate(old), templates=True) if old else set()
            gone += [t for t in old if terms.encode(*t) not in still]
            holding |= still
        for rule in rules:
            if rule.stratum == 2:
                fire(rule, everything_new)
        chainer.run()
        retracted = _retract(store, iris, chainer, gone, holding, rules) if gone else []
    finally:
        store.remove_graph(scratch)

    def in_inferred(triple: Triple) -> bool:
        return ox.Quad(*terms.decode(triple), inferred) in store

    kept = [t for t in chainer.order if _kept(terms, t)]
    rederived = [t for t, steps in chainer.alternatives.items()
                 if _kept(terms, t) and not in_inferred(t) and any(not _depends_on(chainer, s, t) for s in steps)]

    def sources_of(triple: Triple) -> list[ox.NamedNode]:
        return [q.graph_name for q in store.quads_for_pattern(*terms.decode(triple), None)
                if q.graph_name not in (inferred, *skipped)]

    def described(node: ox.NamedNode) -> bool:
        return next(store.quads_for_pattern(node, RDF_SUBJECT, None, explanations), None) is not None

    def derived(node: ox.NamedNode) -> bool:
        return next(store.quads_for_pattern(node, term("derivation"), None, explanations), None) is not None

    additions = [ox.Quad(*terms.decode(t), inferred) for t in kept + rederived]
    additions += _explanations(chainer, kept + rederived, sources_of, rules, iris, described, derived)
    for q in new_quads:  # an old statement node now also stated by the new claims
        node = statement_iri(iris, q.subject, q.predicate, q.object)
        if described(node):
            additions.append(ox.Quad(node, term("assertedIn"), q.graph_name, explanations))
    removals = [ox.Quad(*t, inferred) for t in retracted]
    for t in retracted:
        result.touched.add(t[0])
        removals.extend(_derivations(store, statement_iri(iris, *t), explanations))
    for triple in promoted:  # an inferred typing now asserted: the full closure does not keep it
        if triple[1] == chainer.type and in_inferred(triple):
            removals.append(ox.Quad(*terms.decode(triple), inferred))
            removals.extend(_derivations(store, statement_iri(iris, *terms.decode(triple)), explanations))
    for q in dict.fromkeys(removals):
        store.remove(q)
        result.lost[iris.graph_kind(q.graph_name.value)] += 1
    additions = [q for q in dict.fromkeys(additions) if q not in store]
    store.extend(additions)
    result.added = new_quads + [q for q in additions if q.graph_name == inferred]
    for q in additions:
        result.gained[iris.graph_kind(q.graph_name.value)] += 1

    typed = {t[0] for t in fresh + chainer.order if t[1] == chainer.type and t[0] not in terms.literals}
    for node in typed:
        chainer.load(store.quads_for_pattern(terms.terms[node], TYPE, None, None))
    result.contradictions = sorted(
        disjoint_contradictions(store, iris, chainer, (t for t in chainer.facts if t[0] in typed), sources_of)
        + late_event_contradictions(store, claim_graphs), key=lambda c: (c.kind, c.node))
    result.stats = {
        "new_asserted_triples": len(fresh), "derived_triples": len(chainer.order),
        "inferred_triples": len(kept) + len(rederived), "known_triples_read": len(chainer.old),
        "rule_rounds": rounds, "seconds": round(time.perf_counter() - started, 3),
    }
    return result

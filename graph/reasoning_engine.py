"""The fast OWL 2 RL engine: a semi-naive forward chainer over integer-encoded triples that remembers, for
every triple it derives, the one rule instance that first produced it (rule, premises, axiom).

Why our own engine and not owlrl or `reasonable`: owlrl is the reference for correctness but re-applies
every rule to every triple on each round (~100 s on 50,000 triples); `reasonable` 0.4.4 is fast but has no
property chains (rule prp-spo2), which are the inferences this project exists for, and neither says *why*
a triple holds. Here each new triple is joined once with what is already known (a worklist), the schema
axioms are compiled into per-predicate tables, and the first derivation of a triple is kept as its
explanation. Premises are always in the store before their conclusion, so explanations are well founded.

Scope: the OWL 2 RL rules the Isnad ontology uses, stated over the direct axioms of the schema:
cax-sco, cax-eqc1/2, prp-dom, prp-rng, prp-spo1, prp-eqp1/2, prp-inv1/2, prp-symp, prp-trp, prp-spo2.
The schema rules (scm-*) only add shortcut or reflexive schema triples, which are dropped from the kept
closure anyway (see reasoning.py); their effect on data is reached here step by step. Constructs whose
rules are not implemented (sameAs, functional properties, restrictions, keys, …) make `extract_tbox`
report them, and `infer` refuses to run rather than return a closure that differs from owlrl's.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"

TYPE = NamedNode(RDF + "type")
FIRST, REST, NIL = NamedNode(RDF + "first"), NamedNode(RDF + "rest"), NamedNode(RDF + "nil")
SUBCLASS, SUBPROPERTY = NamedNode(RDFS + "subClassOf"), NamedNode(RDFS + "subPropertyOf")
DOMAIN, RANGE = NamedNode(RDFS + "domain"), NamedNode(RDFS + "range")
EQUIVALENT_CLASS, EQUIVALENT_PROPERTY = NamedNode(OWL + "equivalentClass"), NamedNode(OWL + "equivalentProperty")
INVERSE_OF = NamedNode(OWL + "inverseOf")
CHAIN = NamedNode(OWL + "propertyChainAxiom")
SYMMETRIC, TRANSITIVE = NamedNode(OWL + "SymmetricProperty"), NamedNode(OWL + "TransitiveProperty")
DISJOINT_WITH, ALL_DISJOINT, MEMBERS = (NamedNode(OWL + "disjointWith"), NamedNode(OWL + "AllDisjointClasses"),
                                        NamedNode(OWL + "members"))

# Constructs whose OWL 2 RL rules this engine does not implement. Their presence is reported, not ignored.
UNSUPPORTED_PREDICATES = tuple(NamedNode(OWL + name) for name in (
    "sameAs", "hasKey", "onProperty", "someValuesFrom", "allValuesFrom", "hasValue", "intersectionOf",
    "unionOf", "oneOf", "complementOf", "maxCardinality", "maxQualifiedCardinality", "hasSelf",
))
UNSUPPORTED_TYPES = tuple(NamedNode(OWL + name) for name in (
    "FunctionalProperty", "InverseFunctionalProperty", "Restriction",
))

Term = NamedNode | BlankNode | Literal
Triple = tuple[int, int, int]


class Terms:
    """Interns RDF terms as small integers; literals are remembered because they may not be subjects."""

    def __init__(self) -> None:
        self.ids: dict[Term, int] = {}
        self.terms: list[Term] = []
        self.literals: set[int] = set()

    def id(self, term: Term) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.terms)
            self.terms.append(term)
            if isinstance(term, Literal):
                self.literals.add(found)
        return found

    def encode(self, s: Term, p: Term, o: Term) -> Triple:
        return self.id(s), self.id(p), self.id(o)

    def decode(self, triple: Triple) -> tuple[Term, Term, Term]:
        terms = self.terms
        return terms[triple[0]], terms[triple[1]], terms[triple[2]]


@dataclass(frozen=True)
class Axiom:
    """The schema axiom a step used: a plain triple, or a property chain (P, owl:propertyChainAxiom, [p1 … pn])."""

    triple: Triple
    chain: tuple[int, ...] = ()


@dataclass(frozen=True)
class Step:
    """One rule instance: the rule's name (an OWL 2 RL rule id or a SPARQL rule's name), its data premises
    in the order the rule reads them, and the schema axiom it applied (None for SPARQL rules)."""

    rule: str
    premises: tuple[Triple, ...]
    axiom: Axiom | None = None


@dataclass
class TBox:
    """The schema compiled into lookup tables keyed by class or property id."""

    superclasses: dict[int, list[tuple[int, str, Axiom]]] = field(default_factory=dict)
    superproperties: dict[int, list[tuple[int, str, Axiom]]] = field(default_factory=dict)
    domains: dict[int, list[tuple[int, Axiom]]] = field(default_factory=dict)
    ranges: dict[int, list[tuple[int, Axiom]]] = field(default_factory=dict)
    inverses: dict[int, list[tuple[int, str, Axiom]]] = field(default_factory=dict)
    symmetric: dict[int, Axiom] = field(default_factory=dict)
    transitive: dict[int, Axiom] = field(default_factory=dict)
    # property -> [(position in chain, chain, super property, axiom)]
    chains: dict[int, list[tuple[int, tuple[int, ...], int, Axiom]]] = field(default_factory=dict)
    disjoint: set[tuple[int, int]] = field(default_factory=set)
    unsupported: list[str] = field(default_factory=list)


def _read_list(head: int, first: dict[int, int], rest: dict[int, int], nil: int) -> tuple[int, ...] | None:
    items, seen = [], set()
    while head != nil:
        if head in seen or head not in first or head not in rest:
            return None
        seen.add(head)
        items.append(first[head])
        head = rest[head]
    return tuple(items)


def extract_tbox(triples: Iterable[Triple], terms: Terms) -> TBox:
    tid = terms.id
    t_type, t_first, t_rest, t_nil = tid(TYPE), tid(FIRST), tid(REST), tid(NIL)
    t_sco, t_spo, t_dom, t_rng = tid(SUBCLASS), tid(SUBPROPERTY), tid(DOMAIN), tid(RANGE)
    t_eqc, t_eqp, t_inv, t_chain = tid(EQUIVALENT_CLASS), tid(EQUIVALENT_PROPERTY), tid(INVERSE_OF), tid(CHAIN)
    t_sym, t_trans = tid(SYMMETRIC), tid(TRANSITIVE)
    t_disjoint, t_all_disjoint, t_members = tid(DISJOINT_WITH), tid(ALL_DISJOINT), tid(MEMBERS)
    unsupported_p = {tid(t) for t in UNSUPPORTED_PREDICATES}
    unsupported_t = {tid(t) for t in UNSUPPORTED_TYPES}
    tbox = TBox()
    first: dict[int, int] = {}
    rest: dict[int, int] = {}
    chain_heads: list[tuple[int, int]] = []
    disjoint_sets: list[int] = []
    members: dict[int, int] = {}

    def put(table: dict, key: int, value: tuple) -> None:
        entries = table.setdefault(key, [])
        if value not in entries:
            entries.append(value)

    for triple in triples:
        s, p, o = triple
        if p == t_sco:
            put(tbox.superclasses, s, (o, "cax-sco", Axiom(triple)))
        elif p == t_eqc:
            put(tbox.superclasses, s, (o, "cax-eqc1", Axiom(triple)))
            put(tbox.superclasses, o, (s, "cax-eqc2", Axiom(triple)))
        elif p == t_spo:
            put(tbox.superproperties, s, (o, "prp-spo1", Axiom(triple)))
        elif p == t_eqp:
            put(tbox.superproperties, s, (o, "prp-eqp1", Axiom(triple)))
            put(tbox.superproperties, o, (s, "prp-eqp2", Axiom(triple)))
        elif p == t_dom:
            put(tbox.domains, s, (o, Axiom(triple)))
        elif p == t_rng:
            put(tbox.ranges, s, (o, Axiom(triple)))
        elif p == t_inv:
            put(tbox.inverses, s, (o, "prp-inv1", Axiom(triple)))
            put(tbox.inverses, o, (s, "prp-inv2", Axiom(triple)))
        elif p == t_type and o == t_sym:
            tbox.symmetric[s] = Axiom(triple)
        elif p == t_type and o == t_trans:
            tbox.transitive[s] = Axiom(triple)
        elif p == t_type and o == t_all_disjoint:
            disjoint_sets.append(s)
        elif p == t_type and o in unsupported_t:
            tbox.unsupported.append(f"{terms.terms[s]} a {terms.terms[o]}")
        elif p == t_chain:
            chain_heads.append((s, o))
        elif p == t_disjoint:
            tbox.disjoint.add((s, o))
        elif p == t_first:
            first[s] = o
        elif p == t_rest:
            rest[s] = o
        elif p == t_members:
            members[s] = o
        elif p in unsupported_p:
            tbox.unsupported.append(f"{terms.terms[s]} {terms.terms[p]} {terms.terms[o]}")
    for prop, head in chain_heads:
        chain = _read_list(head, first, rest, t_nil)
        if not chain:
            tbox.unsupported.append(f"{terms.terms[prop]} has a malformed owl:propertyChainAxiom")
            continue
        axiom = Axiom((prop, t_chain, head), chain)
        for position, member in enumerate(chain):
            put(tbox.chains, member, (position, chain, prop, axiom))
    for node in disjoint_sets:
        classes = _read_list(members.get(node, t_nil), first, rest, t_nil) or ()
        for i, a in enumerate(classes):
            for b in classes[i + 1:]:
                tbox.disjoint.add((a, b))
    return tbox


class ForwardChainer:
    """Computes the closure of asserted triples under a TBox; `why` holds each derived triple's first step.

    `alternatives` holds, for asserted triples other than typings, up to `max_alternatives` rule instances
    that would also derive them (e.g. "Kataib Hezbollah backedBy Iran" stated in an article, and derived
    through its membership of an Iran-backed umbrella). They may be circular; reasoning.py filters them."""

    def __init__(self, terms: Terms, tbox: TBox, max_alternatives: int = 4) -> None:
        self.terms = terms
        self.tbox = tbox
        self.type = terms.id(TYPE)
        self.facts: set[Triple] = set()
        self.asserted: set[Triple] = set()
        self.why: dict[Triple, Step] = {}
        self.alternatives: dict[Triple, list[Step]] = {}
        self.max_alternatives = max_alternatives
        self.queue: deque[Triple] = deque()
        self.order: list[Triple] = []  # derived triples in derivation order
        joined = set(tbox.transitive) | set(tbox.chains)
        self.by_subject: dict[int, dict[int, set[int]]] = {p: {} for p in joined}
        self.by_object: dict[int, dict[int, set[int]]] = {p: {} for p in joined}

    def assert_triples(self, triples: Iterable[Triple]) -> None:
        for triple in triples:
            if triple not in self.facts:
                self.facts.add(triple)
                self._index(triple)
                self.queue.append(triple)
            self.asserted.add(triple)

    def _index(self, triple: Triple) -> None:
        s, p, o = triple
        by_s = self.by_subject.get(p)
        if by_s is not None:
            by_s.setdefault(s, set()).add(o)
            self.by_object[p].setdefault(o, set()).add(s)

    def objects(self, p: int, s: int) -> set[int] | tuple:
        """The known z with (s p z), for a transitive or chain property p (the joins' index)."""
        return self.by_subject[p].get(s, ())

    def subjects(self, p: int, o: int) -> set[int] | tuple:
        """The known w with (w p o), for a transitive or chain property p."""
        return self.by_object[p].get(o, ())

    def derive(self, triple: Triple, step: Step) -> bool:
        """Add a conclusion (from the OWL rules here or a SPARQL rule); False when it was already known."""
        if triple in self.facts:
            if triple in self.asserted and triple[1] != self.type:
                alternatives = self.alternatives.setdefault(triple, [])
                if len(alternatives) < self.max_alternatives and step not in alternatives:
                    alternatives.append(step)
            return False
        if triple[0] in self.terms.literals:
            return False  # a literal cannot be a subject: OWL RL's literal typings are dropped anyway
        self.facts.add(triple)
        self.why[triple] = step
        self.order.append(triple)
        self._index(triple)
        self.queue.append(triple)
        return True

    def run(self) -> None:
        tbox, derive, type_id, literals = self.tbox, self.derive, self.type, self.terms.literals
        superclasses, superproperties = tbox.superclasses, tbox.superproperties
        domains, ranges, inverses = tbox.domains, tbox.ranges, tbox.inverses
        symmetric, transitive, chains = tbox.symmetric, tbox.transitive, tbox.chains
        queue = self.queue
        while queue:
            triple = queue.popleft()
            s, p, o = triple
            if p == type_id:
                for cls, rule, axiom in superclasses.get(o, ()):
                    derive((s, type_id, cls), Step(rule, (triple,), axiom))
                continue
            for prop, rule, axiom in superproperties.get(p, ()):
                derive((s, prop, o), Step(rule, (triple,), axiom))
            for cls, axiom in domains.get(p, ()):
                derive((s, type_id, cls), Step("prp-dom", (triple,), axiom))
            if o in literals:
                continue
            for cls, axiom in ranges.get(p, ()):
                derive((o, type_id, cls), Step("prp-rng", (triple,), axiom))
            for prop, rule, axiom in inverses.get(p, ()):
                derive((o, prop, s), Step(rule, (triple,), axiom))
            axiom = symmetric.get(p)
            if axiom is not None:
                derive((o, p, s), Step("prp-symp", (triple,), axiom))
            axiom = transitive.get(p)
            if axiom is not None:
                for z in tuple(self.objects(p, o)):
                    derive((s, p, z), Step("prp-trp", (triple, (o, p, z)), axiom))
                for w in tuple(self.subjects(p, s)):
                    derive((w, p, o), Step("prp-trp", ((w, p, s), triple), axiom))
            for position, chain, prop, axiom in chains.get(p, ()):
                for path in self._chain_paths(chain, position, triple):
                    derive((path[0][0], prop, path[-1][2]), Step("prp-spo2", path, axiom))

    def _chain_paths(self, chain: tuple[int, ...], position: int, edge: Triple) -> Iterator[tuple[Triple, ...]]:
        """Every path x0 -chain[0]-> x1 … -chain[n-1]-> xn whose edge at `position` is `edge`."""
        lefts: list[tuple[Triple, ...]] = [()]
        for index in range(position - 1, -1, -1):
            prop = chain[index]
            lefts = [((w, prop, path[0][0] if path else edge[0]),) + path
                     for path in lefts for w in tuple(self.subjects(prop, path[0][0] if path else edge[0]))]
        rights: list[tuple[Triple, ...]] = [()]
        for index in range(position + 1, len(chain)):
            prop = chain[index]
            rights = [path + ((path[-1][2] if path else edge[2], prop, z),)
                      for path in rights for z in tuple(self.objects(prop, path[-1][2] if path else edge[2]))]
        for left in lefts:
            for right in rights:
                yield left + (edge,) + right

"""Reasoning at build: what the graph knows by inference, kept apart from what the articles state.

    infer(store, iris)  ->  InferenceResult
        .inferred_quads       kept inferred triples, all in <BASE graph/inferred>
        .explanation_quads    <BASE graph/explanations>: for each inferred triple, how it follows
    find_contradictions(store, iris, result)  ->  [Contradiction]   (a build error, naming the claims)

Input: every named graph of the store but the inferred and explanations graphs (claims, provenance,
articles, and the ontology graph loaded from isnad.ttl). Asserted graphs are never changed.

Steps: the OWL 2 RL closure (graph/reasoning_engine.py, proven equal to owlrl's on the kept triples), then
the SPARQL rules of ontology/rules/ (stratum 1) and the closure again, to a fixpoint; then the stratum-2
rules (with negation) once, and the closure of their conclusions. Only kept triples (reasoning_keep.py)
go into the inferred graph.

Explanations, in RDF (terms in isnad.ttl, rules in ontology/rules/owl-rl-rules.ttl): each triple named is a node
<BASE id/triple/HASH> with rdf:subject/predicate/object; asserted ones carry isnad:assertedIn (the claim
graphs, whose provenance leads to the article and the quote, or the ontology graph); derived ones carry
isnad:derivation <BASE id/derivation/HASH-n> with isnad:byRule, isnad:premise (statements again, down to
asserted ones) and, for OWL rules, isnad:usesAxiom. One-step derivations by a schema axiom are not written
(graph/explain.py finds them from the ontology): see _explanations. An asserted triple that the rules also
derive (Kataib Hezbollah backedBy Iran: stated in an article, and derived through its membership of an
Iran-backed umbrella) gets those derivations too, when they do not rest on itself.

`isnad ingest` extends these graphs incrementally: graph/reasoning_incremental.py.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import pyoxigraph as ox

from isnad.graph.iris import Iris, key_hash, term, vocab
from isnad.graph.reasoning_engine import (
    CHAIN,
    TYPE,
    Axiom,
    ForwardChainer,
    Step,
    Terms,
    Triple,
    extract_tbox,
)
from isnad.graph.reasoning_keep import is_kept_iri_triple
from isnad.graph.reasoning_rules import SparqlRule, evaluate, load_rules, rule_iri

ENGINES = ("fast", "owlrl")
# OWL 2 RL rules that derive a triple from one data triple and one schema axiom (see _explanations).
ONE_STEP_RULES = frozenset({"cax-sco", "cax-eqc1", "cax-eqc2", "prp-dom", "prp-rng", "prp-spo1", "prp-eqp1",
                            "prp-eqp2", "prp-inv1", "prp-inv2", "prp-symp"})
# Graphs that reasoning neither reads nor writes as asserted: its own output, and the build's summaries.
NOT_ASSERTED = ("inferred", "explanations", "summaries")
_MAX_RULE_ROUNDS = 50


class ReasoningError(Exception):
    """The closure cannot be computed faithfully (unsupported OWL construct, engines disagree, rules loop)."""


@dataclass
class InferenceResult:
    inferred_quads: list[ox.Quad]
    explanation_quads: list[ox.Quad]
    stats: dict = field(default_factory=dict)
    # What find_contradictions and the tests need: the engine's state after the run.
    chainer: ForwardChainer | None = None
    sources: dict[Triple, list[ox.NamedNode]] = field(default_factory=dict)

    def inferred_triples(self) -> set[tuple]:
        return {(q.subject, q.predicate, q.object) for q in self.inferred_quads}

    def write_to(self, store: ox.Store) -> None:
        """Add both graphs to a store (e.g. the generation being built)."""
        store.bulk_extend(self.inferred_quads)
        store.bulk_extend(self.explanation_quads)


# --------------------------------------------------------------------------------------------------------
# Input
# --------------------------------------------------------------------------------------------------------

@cache
def reasoning_vocabulary() -> tuple[ox.Triple, ...]:
    """The OWL 2 RL rules as individuals (ontology/rules/owl-rl-rules.ttl), named by explanations."""
    data = files("isnad.ontology").joinpath("rules", "owl-rl-rules.ttl").read_bytes()
    return tuple(ox.parse(data, format=ox.RdfFormat.TURTLE))


def asserted_quads(store: ox.Store, iris: Iris) -> Iterator[ox.Quad]:
    skipped = {iris.graph(name) for name in NOT_ASSERTED}
    for quad in store.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.DefaultGraph) or quad.graph_name not in skipped:
            yield quad


def _kept(terms: Terms, triple: Triple) -> bool:
    s, p, o = terms.decode(triple)
    if not isinstance(s, ox.NamedNode) or isinstance(o, ox.BlankNode):
        return False
    return is_kept_iri_triple(p.value, o.value if isinstance(o, ox.NamedNode) else None)


# --------------------------------------------------------------------------------------------------------
# Closure and rules
# --------------------------------------------------------------------------------------------------------

def infer(store: ox.Store, iris: Iris, engine: str = "fast", rules: Iterable[SparqlRule] | None = None
          ) -> InferenceResult:
    """The inferred and explanations graphs of the asserted graphs of `store` (which is only read).

    engine="fast" computes the OWL 2 RL closure with our engine; engine="owlrl" computes it with owlrl (the
    reference, ~100x slower) and raises ReasoningError unless the fast engine's closure is the same; the
    explanations come from the fast engine's derivations in both cases."""
    if engine not in ENGINES:
        raise ValueError(f"unknown reasoning engine {engine!r}; choose one of {', '.join(ENGINES)}")
    started = time.perf_counter()
    rules = tuple(load_rules() if rules is None else rules)
    terms = Terms()
    sources: dict[Triple, list[ox.NamedNode]] = {}
    for quad in asserted_quads(store, iris):
        graph = quad.graph_name if isinstance(quad.graph_name, ox.NamedNode) else iris.graph("ontology")
        sources.setdefault(terms.encode(quad.subject, quad.predicate, quad.object), []).append(graph)
    tbox = extract_tbox(sources, terms)
    if tbox.unsupported:
        raise ReasoningError("the ontology uses OWL constructs the reasoner does not implement: "
                             + "; ".join(sorted(set(tbox.unsupported))[:10]))
    chainer = ForwardChainer(terms, tbox)
    chainer.assert_triples(sources)
    loaded = time.perf_counter()
    chainer.run()
    closed = time.perf_counter()
    if engine == "owlrl":
        _check_with_owlrl(chainer, sources, [t for t in chainer.order if _kept(terms, t)])
    rule_counts = _apply_rules(chainer, rules)
    ruled = time.perf_counter()
    # Kept: derived triples, and asserted ones (not typings) that the rules derive too, not from themselves.
    rederived = [t for t, steps in chainer.alternatives.items()
                 if _kept(terms, t) and any(not _depends_on(chainer, step, t) for step in steps)]
    kept = [t for t in chainer.order if _kept(terms, t)] + rederived
    inferred_graph = iris.graph("inferred")
    inferred_quads = [ox.Quad(*terms.decode(t), inferred_graph) for t in kept]
    explanation_quads = list(_explanations(chainer, kept, lambda t: sources.get(t, ()), rules, iris))
    finished = time.perf_counter()
    by_rule = Counter(chainer.why[t].rule if t in chainer.why else chainer.alternatives[t][0].rule for t in kept)
    stats = {
        "engine": engine,
        "asserted_triples": len(sources),
        "inferred_triples": len(kept),
        "also_asserted": len(rederived),
        "derived_triples_dropped_as_noise": len(chainer.order) - (len(kept) - len(rederived)),
        "explanation_triples": len(explanation_quads),
        "by_rule": dict(sorted(by_rule.items())),
        "sparql_rule_solutions": rule_counts,
        "seconds": {"load": round(loaded - started, 3), "closure": round(closed - loaded, 3),
                    "rules": round(ruled - closed, 3), "explanations": round(finished - ruled, 3),
                    "total": round(finished - started, 3)},
    }
    return InferenceResult(inferred_quads, explanation_quads, stats, chainer, sources)


def _apply_rules(chainer: ForwardChainer, rules: tuple[SparqlRule, ...]) -> dict[str, int]:
    """Stratum-1 rules and the OWL closure to a fixpoint, then stratum-2 rules once (and the closure)."""
    terms = chainer.terms
    counts: Counter = Counter()
    working = ox.Store()  # in memory: the default graph is everything known so far
    working.bulk_extend(ox.Quad(*terms.decode(t), ox.DefaultGraph()) for t in chainer.facts)
    loaded = len(chainer.order)

    def fire(stratum_rules: Iterable[SparqlRule]) -> bool:
        nonlocal loaded
        new = False
        for rule in stratum_rules:
            for conclusions, premises in evaluate(rule, working):
                counts[rule.name] += 1
                step = Step(rule.name, tuple(terms.encode(*p) for p in premises))
                for conclusion in conclusions:
                    new |= chainer.derive(terms.encode(*conclusion), step)
        chainer.run()
        fresh = chainer.order[loaded:]
        loaded = len(chainer.order)
        working.bulk_extend(ox.Quad(*terms.decode(t), ox.DefaultGraph()) for t in fresh)
        return new

    monotonic = [r for r in rules if r.stratum == 1]
    for _ in range(_MAX_RULE_ROUNDS):
        if not fire(monotonic):
            break
    else:
        raise ReasoningError(f"the SPARQL rules did not reach a fixpoint in {_MAX_RULE_ROUNDS} rounds")
    fire([r for r in rules if r.stratum == 2])
    return dict(sorted(counts.items()))


def _check_with_owlrl(chainer: ForwardChainer, sources: dict, owl_kept: list[Triple]) -> None:
    """Compare the fast OWL 2 RL closure (before the SPARQL rules) with owlrl's on the same asserted triples."""
    from isnad.graph.reasoning_owlrl import kept_triples, owlrl_inferred, to_rdflib

    terms = chainer.terms
    asserted = to_rdflib(terms.decode(t) for t in sources)
    reference = owlrl_inferred(asserted)
    fast = kept_triples(to_rdflib(terms.decode(t) for t in owl_kept))
    if reference != fast:
        missing, extra = reference - fast, fast - reference
        raise ReasoningError(f"the fast engine and owlrl disagree: {len(missing)} triples only in owlrl's "
                             f"closure (e.g. {sorted(missing)[:3]}), {len(extra)} only in the fast engine's "
                             f"(e.g. {sorted(extra)[:3]})")


# --------------------------------------------------------------------------------------------------------
# Explanations
# --------------------------------------------------------------------------------------------------------

RDF_SUBJECT, RDF_PREDICATE, RDF_OBJECT = (vocab("rdf", "subject"), vocab("rdf", "predicate"),
                                          vocab("rdf", "object"))
RDF_FIRST, RDF_REST, RDF_NIL = vocab("rdf", "first"), vocab("rdf", "rest"), vocab("rdf", "nil")


def triple_key(s: object, p: object, o: object) -> str:
    """The hash naming a triple's statement node: the same triple always gets the same node."""
    return key_hash(str(s), str(p), str(o))


def statement_iri(iris: Iris, s: object, p: object, o: object) -> ox.NamedNode:
    # iris.event("triple", key) without its slugging: a hex hash is its own slug (and this runs per triple).
    return ox.NamedNode(f"{iris.base}id/triple/{triple_key(s, p, o)}")


def _chain_key(terms: Terms, axiom: Axiom) -> tuple:
    prop = terms.terms[axiom.triple[0]]
    return prop, CHAIN, "(" + " ".join(str(terms.terms[m]) for m in axiom.chain) + ")"


def _depends_on(chainer: ForwardChainer, step: Step, target: Triple) -> bool:
    """Whether a step's premises rest (through first derivations) on `target`."""
    seen: set[Triple] = set()
    stack = list(step.premises)
    while stack:
        triple = stack.pop()
        if triple == target:
            return True
        if triple in seen:
            continue
        seen.add(triple)
        why = chainer.why.get(triple)
        if why is not None:
            stack.extend(why.premises)
    return False


def _explanations(chainer: ForwardChainer, kept: list[Triple], sources_of: Callable[[Triple], Iterable[ox.NamedNode]],
                  rules: tuple[SparqlRule, ...], iris: Iris, described: Callable[[ox.NamedNode], bool] | None = None,
                  derived: Callable[[ox.NamedNode], bool] | None = None) -> Iterator[ox.Quad]:
    """The explanations of `kept` and of the premises they rest on. `described` and `derived` say which
    statement nodes a store being extended already describes and already gives derivations (incremental
    reasoning); those parts are not written again.

    Compact, because most inferred triples follow in one step from one premise by a schema axiom (a claim is a
    prov:Entity because it is an isnad:Claim; Iran backs a group because the group is backedBy Iran): such a
    derivation (ONE_STEP_RULES, premise in the store) is not written; graph/explain.py finds it from the
    ontology when asked. Written: derivations with several premises (transitivity, property chains, SPARQL
    rules) or resting on a triple the store does not keep, and the statements they name. Statement and
    derivation nodes are typed rdf:Statement and isnad:Derivation by the domains and ranges of rdf:subject,
    isnad:derivation and isnad:premise, so those typings are not written either."""
    terms = chainer.terms
    graph = iris.graph("explanations")
    described = described or (lambda node: False)
    axioms_written: set[Axiom] = set()
    rules_used: set[str] = set()

    statements: dict[Triple, ox.NamedNode] = {}

    def statement(triple: Triple) -> ox.NamedNode:
        node = statements.get(triple)
        if node is None:  # minting hashes a triple's N-Triples form: once per triple
            node = statements[triple] = statement_iri(iris, *terms.decode(triple))
        return node

    def describe(node: ox.NamedNode, s: object, p: object, o: object) -> Iterator[ox.Quad]:
        yield ox.Quad(node, RDF_SUBJECT, s, graph)
        yield ox.Quad(node, RDF_PREDICATE, p, graph)
        yield ox.Quad(node, RDF_OBJECT, o, graph)

    def axiom_node(axiom: Axiom) -> tuple[ox.NamedNode, list[ox.Quad]]:
        """The statement node of a schema axiom, and its description the first time it is used."""
        if axiom.chain:
            prop, chain_p, text = _chain_key(terms, axiom)
            node = iris.event("triple", key_hash(str(prop), str(chain_p), text))
        else:
            node = statement(axiom.triple)
        quads: list[ox.Quad] = []
        if axiom in axioms_written or described(node):
            return node, quads
        axioms_written.add(axiom)
        if axiom.chain:
            # The chain as an RDF list, as in the ontology: (P owl:propertyChainAxiom (p1 … pn)).
            cells = [ox.BlankNode() for _ in axiom.chain]
            quads.extend(describe(node, terms.terms[axiom.triple[0]], CHAIN, cells[0]))
            for index, (cell, member) in enumerate(zip(cells, axiom.chain, strict=True)):
                quads.append(ox.Quad(cell, RDF_FIRST, terms.terms[member], graph))
                quads.append(ox.Quad(cell, RDF_REST, cells[index + 1] if index + 1 < len(cells) else RDF_NIL, graph))
            quads.append(ox.Quad(node, term("assertedIn"), iris.graph("ontology"), graph))
        else:
            quads.extend(describe(node, *terms.decode(axiom.triple)))
            quads.extend(ox.Quad(node, term("assertedIn"), source, graph) for source in sources_of(axiom.triple))
        return node, quads

    def derivation(triple: Triple, index: int, step: Step) -> Iterator[ox.Quad]:
        node = ox.NamedNode(f"{iris.base}id/derivation/{triple_key(*terms.decode(triple))}-{index}")
        rules_used.add(step.rule)
        yield ox.Quad(statement(triple), term("derivation"), node, graph)
        yield ox.Quad(node, term("byRule"), rule_iri(step.rule), graph)
        for premise in step.premises:
            yield ox.Quad(node, term("premise"), statement(premise), graph)
        if step.axiom is not None:
            axiom, description = axiom_node(step.axiom)
            yield ox.Quad(node, term("usesAxiom"), axiom, graph)
            yield from description

    def evident(step: Step) -> bool:
        """A one-premise step of an OWL schema rule whose premise is in the store (asserted, or kept in the
        inferred graph): not written, graph/explain.py finds it again from the ontology when asked."""
        return step.rule in ONE_STEP_RULES and all(p in chainer.asserted or _kept(terms, p) for p in step.premises)

    named: set[Triple] = set()
    done: set[Triple] = set()

    def name(triple: Triple) -> Iterator[ox.Quad]:
        """The statement node of a triple that a written derivation refers to."""
        if triple in named:
            return
        named.add(triple)
        node = statement(triple)
        if not described(node):
            yield from describe(node, *terms.decode(triple))
            for source in sources_of(triple):
                yield ox.Quad(node, term("assertedIn"), source, graph)

    def explain(triple: Triple) -> Iterator[ox.Quad]:
        stack = [triple]
        while stack:
            current = stack.pop()
            if current in done:
                continue
            done.add(current)
            if derived is not None and derived(statement(current)):
                continue  # explained by an earlier run, down to its asserted premises
            steps = []
            why = chainer.why.get(current)
            if why is not None:
                steps.append(why)
            elif current[1] != chainer.type:
                steps.extend(s for s in chainer.alternatives.get(current, ()) if not _depends_on(chainer, s, current))
            stored = [step for step in steps if not evident(step)]
            if stored:
                yield from name(current)
            for index, step in enumerate(stored):
                yield from derivation(current, index, step)
                for premise in step.premises:
                    yield from name(premise)
                stack.extend(step.premises)

    for triple in kept:
        yield from explain(triple)
    yield from _rule_descriptions(rules_used | ONE_STEP_RULES, rules, graph)


def _rule_descriptions(used: set[str], rules: tuple[SparqlRule, ...], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    by_name = {rule.name: rule for rule in rules}
    owl_rules = {quad.subject for quad in reasoning_vocabulary()
                 if quad.predicate == TYPE and quad.object == term("OwlRlRule")}
    for name in sorted(used):
        node = rule_iri(name)
        if node in owl_rules:
            for triple in reasoning_vocabulary():
                if triple.subject == node:
                    yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)
        elif name in by_name:
            rule = by_name[name]
            yield ox.Quad(node, TYPE, term("SparqlRule"), graph)
            yield ox.Quad(node, vocab("rdfs", "label"), ox.Literal(rule.label_en, language="en"), graph)
            yield ox.Quad(node, vocab("rdfs", "label"), ox.Literal(rule.label_ar, language="ar"), graph)
            yield ox.Quad(node, vocab("skos", "definition"),
                          ox.Literal(f"Derives {rule.derives}. {rule.why}", language="en"), graph)
            yield ox.Quad(node, term("ruleQuery"), ox.Literal(rule.query), graph)


# --------------------------------------------------------------------------------------------------------
# Contradictions
# --------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Contradiction:
    """Something the ontology says cannot be: a build error. `claims` are the claim graphs it rests on."""

    kind: str  # "disjoint-classes" or "event-after-publication"
    node: str
    message: str
    claims: tuple[str, ...]


def _asserted_roots(chainer: ForwardChainer, triple: Triple) -> set[Triple]:
    """The asserted triples a triple rests on, through first derivations."""
    roots: set[Triple] = set()
    seen: set[Triple] = set()
    stack = [triple]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        why = chainer.why.get(current)
        if current in chainer.asserted or why is None:  # None: known from an earlier run (incremental)
            roots.add(current)
        else:
            stack.extend(why.premises)
    return roots


def _label(store: ox.Store, node: ox.NamedNode) -> str:
    for predicate in (vocab("skos", "prefLabel"), vocab("rdfs", "label")):
        labels = [q.object.value for q in store.quads_for_pattern(node, predicate, None, None)
                  if isinstance(q.object, ox.Literal) and q.object.language == "en"]
        if labels:
            return f"{sorted(labels)[0]} <{node.value}>"
    return f"<{node.value}>"


def _coarser_after(event_date: str, published: str) -> bool:
    """Whether a date is after another at the coarser of their precisions ("2024" is not after "2024-01-30")."""
    length = min(len(event_date), len(published))
    return event_date[:length] > published[:length]


def contradiction_message(contradictions: list[Contradiction]) -> str:
    """The error that stops a build or an ingest, naming the claims behind each contradiction."""
    lines = "\n".join(f"- {c.message} (claims: {', '.join(c.claims)})" for c in contradictions[:20])
    return f"the graph contradicts itself in {len(contradictions)} place(s); not switched in:\n{lines}"


def find_contradictions(store: ox.Store, iris: Iris, result: InferenceResult | None = None) -> list[Contradiction]:
    """Contradictions the ontology can detect: a node in two disjoint classes (after inference: a node typed
    Person by one claim and Militia by another), and a violent event (attack, strike) dated after the article
    that reports it was published. Each names the claims that cause it."""
    result = result if result is not None else infer(store, iris)
    chainer = result.chainer
    if chainer is None:
        raise ValueError("the inference result carries no engine state; pass the result of infer()")
    found = disjoint_contradictions(store, iris, chainer, chainer.facts, lambda t: result.sources.get(t, ()))
    found += late_event_contradictions(store)
    return sorted(found, key=lambda c: (c.kind, c.node))


def disjoint_contradictions(store: ox.Store, iris: Iris, chainer: ForwardChainer, facts: Iterable[Triple],
                            sources_of: Callable[[Triple], Iterable[ox.NamedNode]]) -> list[Contradiction]:
    """Nodes that `facts` (with what the engine knows) type with two disjoint classes."""
    terms = chainer.terms
    disjoint: dict[int, set[int]] = {}
    for a, b in chainer.tbox.disjoint:
        disjoint.setdefault(a, set()).add(b)
        disjoint.setdefault(b, set()).add(a)
    types: dict[int, set[int]] = {}
    for s, p, o in facts:
        if p == chainer.type and o in disjoint:
            types.setdefault(s, set()).add(o)
    found: list[Contradiction] = []
    for node, classes in types.items():
        pairs = sorted({tuple(sorted((a, b))) for a in classes for b in disjoint[a] & classes})
        if not pairs:
            continue
        claims: set[str] = set()
        for a, b in pairs:
            for cls in (a, b):
                for root in _asserted_roots(chainer, (node, chainer.type, cls)):
                    claims.update(g.value for g in sources_of(root) if iris.graph_kind(g.value) == "claim")
        subject = terms.terms[node]
        names = ", ".join(f"{terms.terms[a].value.rsplit('#', 1)[-1]} / {terms.terms[b].value.rsplit('#', 1)[-1]}"
                          for a, b in pairs[:4])
        found.append(Contradiction(
            "disjoint-classes", subject.value,
            f"{_label(store, subject) if isinstance(subject, ox.NamedNode) else subject} is typed with disjoint "
            f"classes ({names}); fix the claims that type it", tuple(sorted(claims))))
    return found


_LATE_EVENTS = """
    PREFIX isnad: <https://isnad.example.org/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX schema: <https://schema.org/>
    SELECT DISTINCT ?claim ?event ?date ?article ?published WHERE {
      GRAPH ?ontology { ?class rdfs:subClassOf* isnad:ViolentEvent }
      GRAPH ?claim { ?event a ?class ; isnad:date|isnad:periodStart ?date }
      GRAPH ?provenance { ?claim isnad:fromArticle ?article }
      GRAPH ?articles { ?article schema:datePublished ?published }
    }"""


_VIOLENT_CLASSES = """
    PREFIX isnad: <https://isnad.example.org/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT DISTINCT ?class WHERE { GRAPH ?ontology { ?class rdfs:subClassOf* isnad:ViolentEvent } }"""
_EVENT_DATES = (term("date"), term("periodStart"))
_FROM_ARTICLE = term("fromArticle")
_PUBLISHED = vocab("schema", "datePublished")


def _dated_events(store: ox.Store, claims: Iterable[ox.NamedNode]) -> Iterator[tuple[ox.Term, ...]]:
    """(claim, event, date, article, published) of the violent events of these claims, found by lookups from
    each claim rather than by a query: an ingest's check then costs what the article holds, not the store."""
    violent = {row["class"] for row in store.query(_VIOLENT_CLASSES)}
    for claim in claims:
        events = {q.subject for q in store.quads_for_pattern(None, TYPE, None, claim) if q.object in violent}
        dates = [(event, q.object) for event in events for predicate in _EVENT_DATES
                 for q in store.quads_for_pattern(event, predicate, None, claim)]
        if not dates:
            continue
        for link in store.quads_for_pattern(claim, _FROM_ARTICLE, None, None):
            for published in store.quads_for_pattern(link.object, _PUBLISHED, None, None):
                for event, date in dates:
                    yield claim, event, date, link.object, published.object


def late_event_contradictions(store: ox.Store, claims: Iterable[ox.NamedNode] | None = None) -> list[Contradiction]:
    """Attacks and strikes dated after the publication of the article reporting them (in `claims` only, if
    given: what an ingest adds)."""
    if claims is None:
        rows = {tuple(row[name] for name in ("claim", "event", "date", "article", "published"))
                for row in store.query(_LATE_EVENTS)}
    else:
        rows = set(_dated_events(store, claims))
    return [Contradiction(
                "event-after-publication", event.value,
                f"<{event.value}> is dated {date.value}, after its article <{article.value}> was published "
                f"({published.value}): a report cannot describe a later attack or strike", (claim.value,))
            for claim, event, date, article, published in sorted(rows, key=lambda row: [t.value for t in row])
            if _coarser_after(date.value, published.value)]


# --------------------------------------------------------------------------------------------------------
# The OWL 2 RL closure alone (for the equality test with owlrl and the benchmark)
# --------------------------------------------------------------------------------------------------------

def fast_owl_closure(triples: Iterable[tuple]) -> list[tuple]:
    """The kept triples the fast engine's OWL 2 RL closure adds to `triples` (pyoxigraph terms), no rules."""
    terms = Terms()
    encoded = {terms.encode(*t) for t in triples}
    tbox = extract_tbox(encoded, terms)
    if tbox.unsupported:
        raise ReasoningError("unsupported OWL constructs: " + "; ".join(sorted(set(tbox.unsupported))[:10]))
    chainer = ForwardChainer(terms, tbox)
    chainer.assert_triples(encoded)
    chainer.run()
    return [terms.decode(t) for t in chainer.order if _kept(terms, t)]

"""Reasoning on the seed graph (ontology + seed articles + gazetteer + the gold facts as claims), in a real
on-disk pyoxigraph store: chain inferences, SPARQL rules, kept/dropped triples, explanations in RDF,
contradictions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from isnad.graph.iris import ISNAD, PREFIXES, Iris, term
from isnad.graph.reasoning import (
    Contradiction,
    ReasoningError,
    find_contradictions,
    infer,
    late_event_contradictions,
    statement_iri,
)
from isnad.graph.reasoning_fixtures import seed_quads
from isnad.graph.reasoning_rules import RuleError, load_rules, parse_rule

GOLD = Path(__file__).parent / "gold" / "seeds.jsonl"
IRIS = Iris("https://isnad.example.org/")
TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
INFERRED = IRIS.graph("inferred")
EXPLANATIONS = IRIS.graph("explanations")


def actor(slug: str) -> ox.NamedNode:
    return ox.NamedNode(f"{IRIS.base}id/actor/{slug}")


def place(slug: str) -> ox.NamedNode:
    return ox.NamedNode(f"{IRIS.base}id/place/{slug}")


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> tuple[ox.Store, object, Counter]:
    """The seed graph in a store on disk, with the inferred and explanations graphs written beside it."""
    store = ox.Store(str(tmp_path_factory.mktemp("reasoning") / "oxigraph"))
    store.bulk_extend(seed_quads(IRIS, GOLD))
    before = Counter(q.graph_name.value for q in store)
    result = infer(store, IRIS)
    result.write_to(store)
    store.flush()
    return store, result, before


def inferred(store: ox.Store, s, p, o) -> bool:
    return ox.Quad(s, p, o, INFERRED) in store


def holds(store: ox.Store, s, p, o) -> bool:
    """In any graph: stated or inferred."""
    return next(store.quads_for_pattern(s, p, o, None), None) is not None


def attack_of(store: ox.Store, perpetrator: ox.NamedNode) -> ox.NamedNode:
    attacks = {q.subject for q in store.quads_for_pattern(None, term("perpetratedBy"), perpetrator, None)
               if IRIS.graph_kind(q.graph_name.value) == "claim"}
    assert len(attacks) == 1, attacks
    return attacks.pop()


def test_umbrella_members_are_backed_by_the_umbrellas_backer(seed):
    store, _, _ = seed
    members = {q.subject for q in store.quads_for_pattern(None, term("memberOf"), actor("islamic-resistance-in-iraq"))}
    assert {actor("kataib-hezbollah"), actor("harakat-al-nujaba"), actor("kataib-sayyid-al-shuhada")} <= members
    for member in members:
        assert inferred(store, member, term("backedBy"), actor("iran")), member
        assert inferred(store, actor("iran"), term("backs"), member), member


def test_attack_by_a_backed_umbrella_implicates_its_backer(seed):
    store, _, _ = seed
    attack = attack_of(store, actor("islamic-resistance-in-iraq"))
    assert inferred(store, attack, term("implicates"), actor("iran"))
    # perpetratedBy ⊑ implicates: the perpetrator itself is implicated too
    assert inferred(store, attack, term("implicates"), actor("islamic-resistance-in-iraq"))


def test_located_in_closure_reaches_the_state(seed):
    store, _, _ = seed
    # Gazetteer: Ain al-Asad (base) → Anbar (province) → Iraq; Erbil air base → Erbil → … → Iraq.
    assert inferred(store, place("ain-al-asad"), term("locatedIn"), actor("iraq"))
    assert inferred(store, place("erbil-air-base"), term("locatedIn"), actor("iraq"))
    assert inferred(store, actor("iraq"), term("contains"), place("ain-al-asad"))
    # Every base of the gazetteer ends up in a state.
    states = {q.subject for q in store.quads_for_pattern(None, TYPE, term("State"))}
    bases = {q.subject for q in store.quads_for_pattern(None, TYPE, term("MilitaryBase"))
             if IRIS.graph_kind(q.graph_name.value) == "claim"}
    assert bases
    for base in bases:
        where = {q.object for q in store.quads_for_pattern(base, term("locatedIn"), None)}
        assert where & states, base


def test_nothing_absurd(seed):
    store, _, _ = seed
    persons = {q.subject for q in store.quads_for_pattern(None, TYPE, term("Person"))}
    assert len(persons) > 20
    for cls in ("Location", "Place", "Organization", "State"):
        typed = {q.subject for q in store.quads_for_pattern(None, TYPE, term(cls))}
        assert not persons & typed, f"persons typed {cls}: {persons & typed}"
    for prop in ("backedBy", "memberOf", "locatedIn", "implicates", "inConflictWith", "accusedBy"):
        for quad in store.quads_for_pattern(None, term(prop), None, INFERRED):
            assert quad.subject != quad.object, f"{quad.subject} {prop} itself"
    states = {q.subject for q in store.quads_for_pattern(None, TYPE, term("State"))}
    assert actor("iran") in states
    for quad in store.quads_for_pattern(None, term("backedBy"), None, None):
        assert not (quad.subject in states and quad.subject == quad.object), quad


def test_inferred_graph_keeps_only_analyst_triples(seed):
    store, result, _ = seed
    owl, rdfs = PREFIXES["owl"], PREFIXES["rdfs"]
    assert result.inferred_quads
    for quad in result.inferred_quads:
        assert isinstance(quad.subject, ox.NamedNode)
        assert not quad.predicate.value.startswith((owl, rdfs))
        if quad.predicate == TYPE:
            assert quad.object.value.startswith(tuple(PREFIXES[p] for p in ("isnad", "prov", "org", "schema",
                                                                               "sem", "skos", "dcterms")))
    assert ox.Quad(actor("iraq"), TYPE, ox.NamedNode(owl + "Thing"), None) not in store


def test_asserted_graphs_are_unchanged_and_inferred_triples_live_in_one_graph(seed):
    store, result, before = seed
    after = Counter(q.graph_name.value for q in store)
    new_graphs = set(after) - set(before)
    assert new_graphs == {INFERRED.value, EXPLANATIONS.value}
    assert all(after[g] == n for g, n in before.items())
    assert after[INFERRED.value] == len(result.inferred_quads)
    assert {q.graph_name for q in result.inferred_quads} == {INFERRED}


def test_every_inferred_triple_has_a_well_founded_explanation(seed):
    """Written in the explanations graph, or (one premise, one schema axiom) found by explain from the
    ontology: either way the explanation ends in stated triples."""
    from test_incremental_reasoning import grounded

    from isnad.graph.explain import explain

    store, result, _ = seed
    sample = result.inferred_quads[:: max(1, len(result.inferred_quads) // 300)]
    for quad in sample:
        tree = explain(store, IRIS, quad.subject, quad.predicate, quad.object)
        assert tree.inferred and tree.derivations and grounded(tree), tree.to_text()


def test_explanations_graph_is_compact(seed):
    """One-step schema derivations are left to explain; chains, transitivity and SPARQL rules are written."""
    store, result, _ = seed
    written = Counter(q.object.value.rsplit("-", 1)[-1] for q in store.quads_for_pattern(None, term("byRule"), None,
                                                                                           EXPLANATIONS))
    assert {"spo2", "trp"} <= set(written) and not {"sco", "spo1", "inv1", "inv2", "dom", "rng"} & set(written)
    assert len(result.explanation_quads) < 4 * len(result.inferred_quads)


def test_stated_and_derived_backing_has_both_paths(seed):
    store, _, _ = seed
    node = statement_iri(IRIS, actor("kataib-hezbollah"), term("backedBy"), actor("iran"))
    claims = {q.object.value for q in store.quads_for_pattern(node, term("assertedIn"), None, EXPLANATIONS)}
    assert any("/id/claim/001_989b01d71f21a984/" in c for c in claims), claims
    assert any("/id/claim/curated/" in c for c in claims), claims
    derivation = next(store.quads_for_pattern(node, term("derivation"), None, EXPLANATIONS)).object
    assert ox.Quad(derivation, term("byRule"), ox.NamedNode(ISNAD + "rule-prp-spo2"), EXPLANATIONS) in store
    premises = {q.object for q in store.quads_for_pattern(derivation, term("premise"), None, EXPLANATIONS)}
    assert statement_iri(IRIS, actor("kataib-hezbollah"), term("memberOf"), actor("islamic-resistance-in-iraq")) \
        in premises


# ---------------------------------------------------------------------------------------------- SPARQL rules

def test_rule_files_have_headers_and_parse():
    rules = load_rules()
    assert len(rules) >= 5
    for rule in rules:
        assert rule.label_en and rule.label_ar and rule.derives and len(rule.why) > 60, rule.name
        assert rule.premises and rule.template
        query = rule.query.upper()  # not monotonic: a negation, or an aggregate over what is known so far
        assert rule.stratum == (2 if "NOT EXISTS" in query or "GROUP BY" in query else 1), rule.name


def test_rule_without_header_is_refused(tmp_path):
    path = tmp_path / "bad.rq"
    path.write_text("PREFIX isnad: <https://isnad.example.org/ontology#>\n"
                    "CONSTRUCT { ?a isnad:backedBy ?b } WHERE { ?a isnad:memberOf ?b }\n", encoding="utf-8")
    with pytest.raises(RuleError, match="header lacks"):
        parse_rule(path)


def test_strike_in_response_links_striker_and_perpetrator_as_opponents(seed):
    store, _, _ = seed
    attack = attack_of(store, actor("islamic-resistance-in-iraq"))
    strikes = {q.subject for q in store.quads_for_pattern(None, term("inResponseTo"), attack, INFERRED)}
    assert len(strikes) == 1
    assert holds(store, strikes.pop(), term("carriedOutBy"), actor("united-states"))
    assert inferred(store, actor("united-states"), term("inConflictWith"), actor("islamic-resistance-in-iraq"))
    assert inferred(store, actor("islamic-resistance-in-iraq"), term("inConflictWith"), actor("united-states"))


def test_members_of_a_blamed_umbrella_are_accused_by_the_state(seed):
    store, _, _ = seed
    for group in ("kataib-hezbollah", "harakat-al-nujaba", "kataib-sayyid-al-shuhada"):
        assert inferred(store, actor(group), term("accusedBy"), actor("united-states")), group
    assert not inferred(store, actor("badr-organization"), term("accusedBy"), actor("united-states"))


def test_post_holders_represent_their_state_at_meetings(seed):
    store, _, _ = seed
    representations = list(store.quads_for_pattern(None, term("stateRepresentation"), None, INFERRED))
    holders = set()
    for quad in representations:
        holder = next(store.quads_for_pattern(quad.object, term("holder"), None, None)).object
        state = next(store.quads_for_pattern(quad.object, term("inOrganization"), None, None)).object
        assert holds(store, quad.subject, term("participant"), holder)
        assert holds(store, quad.subject, term("participant"), state)
        assert holds(store, state, TYPE, term("State"))
        holders.add(holder.value.rsplit("/", 1)[-1])
    assert {"fuad-hussein", "antony-blinken", "qasim-al-araji", "lloyd-austin"} <= holders


def test_latest_troop_level_is_current(seed):
    store, _, _ = seed
    current = [q.subject for q in store.quads_for_pattern(None, TYPE, term("CurrentTroopLevel"), INFERRED)]
    assert len(current) == 1
    as_of = next(store.quads_for_pattern(current[0], term("asOf"), None, None)).object.value
    count = next(store.quads_for_pattern(current[0], term("count"), None, None)).object.value
    assert (as_of, count) == ("2024", "2400")
    assert inferred(store, current[0], TYPE, term("Observation"))  # the closure runs on rule conclusions too


def test_attacks_get_the_state_they_happened_in(seed):
    store, _, _ = seed
    attack = attack_of(store, actor("islamic-resistance-in-iraq"))
    assert inferred(store, attack, term("occurredIn"), actor("jordan"))
    in_iraq = {q.subject for q in store.quads_for_pattern(None, term("occurredIn"), actor("iraq"), INFERRED)}
    assert any("kurdistan-region" in s.value for s in in_iraq), in_iraq


def test_owlrl_engine_agrees_and_gives_the_same_graphs(seed):
    store, result, _ = seed
    reference = infer(store, IRIS, engine="owlrl")
    assert reference.inferred_triples() == result.inferred_triples()


def test_unknown_engine_is_refused(seed):
    with pytest.raises(ValueError, match="unknown reasoning engine"):
        infer(seed[0], IRIS, engine="pellet")


# -------------------------------------------------------------------------------------------- contradictions

def test_seed_graph_has_no_contradiction(seed):
    store, result, _ = seed
    assert find_contradictions(store, IRIS, result) == []


def _claim(store: ox.Store, article_id: str, name: str, quads: list[tuple], quote: str) -> ox.NamedNode:
    claim = ox.NamedNode(f"{IRIS.base}id/claim/{article_id}/{name}")
    provenance = IRIS.graph("provenance")
    evidence = ox.NamedNode(claim.value + "#evidence")
    store.extend([ox.Quad(*q, claim) for q in quads] + [
        ox.Quad(claim, TYPE, term("Claim"), provenance),
        ox.Quad(claim, term("fromArticle"), IRIS.article(article_id), provenance),
        ox.Quad(claim, term("evidence"), evidence, provenance),
        ox.Quad(evidence, term("quote"), ox.Literal(quote, language="ar"), provenance),
    ])
    return claim


def test_contradictions_name_the_claims_that_cause_them(tmp_path):
    store = ox.Store(str(tmp_path / "oxigraph"))
    store.bulk_extend(q for q in seed_quads(IRIS, GOLD)
                      if IRIS.graph_kind(q.graph_name.value) in ("ontology", "articles"))
    article = "001_989b01d71f21a984"
    who = actor("abu-test")
    typed_person = _claim(store, article, "mention-person", [(who, TYPE, term("Person"))], "قال أبو تست")
    typed_militia = _claim(store, article, "mention-militia", [(who, TYPE, term("Militia"))], "مليشيا أبو تست")
    attack = ox.NamedNode(f"{IRIS.base}id/attack/2030-01-01-x")
    dated = _claim(store, article, "attack-future", [
        (attack, TYPE, term("Attack")), (attack, term("date"), ox.Literal("2030-01-01", datatype=ox.NamedNode(
            PREFIXES["xsd"] + "date")))], "هجوم")
    contradictions = find_contradictions(store, IRIS)
    assert [c.kind for c in contradictions] == ["disjoint-classes", "event-after-publication"]
    disjoint, late = contradictions
    assert isinstance(disjoint, Contradiction) and disjoint.node == who.value
    assert set(disjoint.claims) == {typed_person.value, typed_militia.value}
    assert "Person" in disjoint.message and "Organization" in disjoint.message
    assert late.node == attack.value and late.claims == (dated.value,)
    assert "2030-01-01" in late.message and "2024" in late.message
    # An ingest checks only its own claims, by lookups from each claim: the same finding, and none for an
    # earlier-dated attack (its class reached through the ontology: Strike is a ViolentEvent too).
    strike = ox.NamedNode(f"{IRIS.base}id/strike/2019-12-29-x")
    earlier = _claim(store, article, "strike-earlier", [
        (strike, TYPE, term("Strike")), (strike, term("date"), ox.Literal("2019-12-29", datatype=ox.NamedNode(
            PREFIXES["xsd"] + "date")))], "غارة")
    assert late_event_contradictions(store, [dated, earlier, typed_person]) == [late]
    assert late_event_contradictions(store, [earlier]) == []
    assert late_event_contradictions(store) == [late]


def test_unsupported_owl_construct_is_refused(tmp_path):
    store = ox.Store()
    store.add(ox.Quad(term("backedBy"), TYPE, ox.NamedNode(PREFIXES["owl"] + "FunctionalProperty"),
                      IRIS.graph("ontology")))
    with pytest.raises(ReasoningError, match="FunctionalProperty"):
        infer(store, IRIS)


def test_inferred_graph_adds_no_shacl_violation(seed):
    """pyshacl with ontology/shapes.ttl over asserted + inferred finds nothing that asserted alone does not."""
    from rdflib import Graph

    from isnad.graph.validation import validate

    store, _, _ = seed

    def union(with_inferred: bool) -> Graph:
        skipped = {EXPLANATIONS} | (set() if with_inferred else {INFERRED})
        data = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in store if q.graph_name not in skipped),
                            format=ox.RdfFormat.N_TRIPLES)
        return Graph().parse(data=data.decode("utf-8"), format="nt")

    def problems(graph: Graph) -> set[tuple]:
        return {(v.focus_node, v.path, v.message) for v in validate(graph).errors}

    assert problems(union(True)) <= problems(union(False))

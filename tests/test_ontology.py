"""The ontology: it parses, stays inside OWL 2 RL, is labelled in both languages, reasons as intended, and documents."""

from __future__ import annotations

import re
from importlib.resources import files

import owlrl
import pyoxigraph
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from isnad.graph.ontology_docs import ontology_html

ISNAD_NS = "https://isnad.example.org/ontology#"
ISNAD = Namespace(ISNAD_NS)
D = Namespace("https://isnad.example.org/id/")
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
OWLRL_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")


def ontology_text() -> str:
    return files("isnad.ontology").joinpath("isnad.ttl").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ontology_text(), format="turtle")


# ---------------------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------------------


def test_parses_with_rdflib_and_pyoxigraph_to_the_same_size(ontology: Graph) -> None:
    assert (URIRef("https://isnad.example.org/ontology"), RDF.type, OWL.Ontology) in ontology
    quads = list(pyoxigraph.parse(ontology_text(), format=pyoxigraph.RdfFormat.TURTLE))
    store = pyoxigraph.Store()
    store.load(ontology_text(), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(quads) == len(ontology) == len(store) > 1000


# ---------------------------------------------------------------------------------------------------------
# OWL 2 RL profile (syntactic restrictions of https://www.w3.org/TR/owl2-profiles/#OWL_2_RL)
# ---------------------------------------------------------------------------------------------------------

RL_DATATYPES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral",
    str(RDFS.Literal),
} | {
    XSD_NS + name
    for name in [
        *("decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger"),
        *("long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"),
        *("double", "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN"),
        *("boolean", "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp"),
    ]
}
NEVER_IN_RL = {
    OWL.minCardinality: "owl:minCardinality",
    OWL.cardinality: "owl:cardinality",
    OWL.minQualifiedCardinality: "owl:minQualifiedCardinality",
    OWL.qualifiedCardinality: "owl:qualifiedCardinality",
    OWL.hasSelf: "owl:hasSelf",
    OWL.disjointUnionOf: "owl:disjointUnionOf",
}


class RLChecker:
    """Walks the axioms of a graph and lists the constructs that OWL 2 RL does not allow where they are used.

    RL splits class expressions by position: subclass (left of ⊑), superclass (right of ⊑) and equivalence.
    Existentials, unions and enumerations may appear only on the left; universals, complements and max
    cardinalities 0/1 only on the right; min and exact cardinalities, hasSelf, disjoint unions, reflexive
    properties and datatypes outside the RL datatype map nowhere."""

    def __init__(self, g: Graph) -> None:
        self.g = g
        self.offenders: list[str] = []

    def name(self, node: Node) -> str:
        return node.n3(self.g.namespace_manager) if isinstance(node, URIRef) else f"[{node}]"

    def members(self, node: Node) -> list[Node]:
        return list(Collection(self.g, node))

    def is_data_property(self, prop: Node) -> bool:
        return (prop, RDF.type, OWL.DatatypeProperty) in self.g

    def datatype_ok(self, node: Node) -> bool:
        if isinstance(node, URIRef):
            return str(node) in RL_DATATYPES
        restricted = self.g.value(node, OWL.onDatatype)
        return restricted is not None and str(restricted) in RL_DATATYPES

    # Each of the three returns why `c` is not allowed in its position, or None when it is.
    def sub(self, c: Node) -> str | None:
        g = self.g
        if isinstance(c, URIRef):
            return "owl:Thing as a subclass expression" if c == OWL.Thing else None
        if (c, OWL.intersectionOf, None) in g or (c, OWL.unionOf, None) in g:
            operands = self.members(g.value(c, OWL.intersectionOf) or g.value(c, OWL.unionOf))
            return next((why for why in map(self.sub, operands) if why), None)
        if (c, OWL.oneOf, None) in g:
            return None
        if (c, OWL.onProperty, None) in g:
            prop = g.value(c, OWL.onProperty)
            if (c, OWL.someValuesFrom, None) in g:
                filler = g.value(c, OWL.someValuesFrom)
                if self.is_data_property(prop):
                    return None if self.datatype_ok(filler) else "non-RL datatype in someValuesFrom"
                return None if filler == OWL.Thing else self.sub(filler)
            if (c, OWL.hasValue, None) in g:
                return None
            return f"restriction on {self.name(prop)} other than someValuesFrom/hasValue as a subclass"
        return f"{self.name(c)} is not an RL subclass expression"

    def super(self, c: Node) -> str | None:
        g = self.g
        if isinstance(c, URIRef):
            return "owl:Thing as a superclass expression" if c == OWL.Thing else None
        if (c, OWL.intersectionOf, None) in g:
            return next((why for why in map(self.super, self.members(g.value(c, OWL.intersectionOf))) if why), None)
        if (c, OWL.unionOf, None) in g:
            return "owl:unionOf as a superclass expression (e.g. in rdfs:range or rdfs:domain)"
        if (c, OWL.oneOf, None) in g:
            return "owl:oneOf as a superclass expression"
        if (c, OWL.complementOf, None) in g:
            return self.sub(g.value(c, OWL.complementOf))
        if (c, OWL.onProperty, None) in g:
            prop = g.value(c, OWL.onProperty)
            if (c, OWL.someValuesFrom, None) in g:
                return f"owl:someValuesFrom on {self.name(prop)} as a superclass expression"
            if (c, OWL.hasValue, None) in g:
                return None
            if (c, OWL.allValuesFrom, None) in g:
                filler = g.value(c, OWL.allValuesFrom)
                if self.is_data_property(prop):
                    return None if self.datatype_ok(filler) else "non-RL datatype in allValuesFrom"
                return self.super(filler)
            for card in (OWL.maxCardinality, OWL.maxQualifiedCardinality):
                value = g.value(c, card)
                if value is not None:
                    if int(value) > 1:
                        return f"{self.name(card)} {value} > 1 on {self.name(prop)}"
                    on_class = g.value(c, OWL.onClass)
                    return None if on_class in (None, OWL.Thing) else self.sub(on_class)
            return f"restriction on {self.name(prop)} not allowed as a superclass"
        return f"{self.name(c)} is not an RL superclass expression"

    def equiv(self, c: Node) -> str | None:
        g = self.g
        if isinstance(c, URIRef):
            return "owl:Thing in an equivalence" if c == OWL.Thing else None
        if (c, OWL.intersectionOf, None) in g:
            return next((why for why in map(self.equiv, self.members(g.value(c, OWL.intersectionOf))) if why), None)
        if (c, OWL.onProperty, None) in g and (c, OWL.hasValue, None) in g:
            return None
        return f"{self.name(c)} is not an RL equivalent-class expression"

    def flag(self, axiom: str, why: str | None) -> None:
        if why:
            self.offenders.append(f"{axiom}: {why}")

    def check(self) -> list[str]:
        g = self.g
        for predicate, label in NEVER_IN_RL.items():
            for s in g.subjects(predicate, None):
                self.offenders.append(f"{self.name(s)}: {label} is outside OWL 2 RL")
        for s in g.subjects(RDF.type, OWL.ReflexiveProperty):
            self.offenders.append(f"{self.name(s)}: owl:ReflexiveProperty is outside OWL 2 RL")
        for a, b in g.subject_objects(RDFS.subClassOf):
            axiom = f"{self.name(a)} rdfs:subClassOf {self.name(b)}"
            self.flag(axiom, self.sub(a))
            self.flag(axiom, self.super(b))
        for a, b in g.subject_objects(OWL.equivalentClass):
            axiom = f"{self.name(a)} owl:equivalentClass {self.name(b)}"
            self.flag(axiom, self.equiv(a))
            self.flag(axiom, self.equiv(b))
        for a, b in g.subject_objects(OWL.disjointWith):
            self.flag(f"{self.name(a)} owl:disjointWith {self.name(b)}", self.sub(a) or self.sub(b))
        for axiom_node in g.subjects(RDF.type, OWL.AllDisjointClasses):
            for member in self.members(g.value(axiom_node, OWL.members)):
                self.flag("owl:AllDisjointClasses", self.sub(member))
        for s in g.subjects(OWL.hasKey, None):
            self.flag(f"{self.name(s)} owl:hasKey", self.sub(s))
        for p, c in g.subject_objects(RDFS.domain):
            self.flag(f"{self.name(p)} rdfs:domain", self.super(c))
        for p, c in g.subject_objects(RDFS.range):
            if self.is_data_property(p):
                if not self.datatype_ok(c):
                    self.offenders.append(f"{self.name(p)} rdfs:range {self.name(c)}: not in the OWL 2 RL datatype map")
            else:
                self.flag(f"{self.name(p)} rdfs:range", self.super(c))
        for x, c in g.subject_objects(RDF.type):
            if isinstance(c, BNode):
                self.flag(f"{self.name(x)} rdf:type", self.super(c))
        return self.offenders


def test_ontology_is_inside_owl2_rl(ontology: Graph) -> None:
    offenders = RLChecker(ontology).check()
    assert offenders == [], "\n".join(offenders)


def test_rl_checker_flags_constructs_outside_rl() -> None:
    """The checker itself: each axiom below breaks one RL restriction and must be reported."""
    bad = Graph().parse(
        format="turtle",
        data="""
        @prefix : <http://example.org/> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        :p a owl:ObjectProperty .  :d a owl:DatatypeProperty .
        :A rdfs:subClassOf [ a owl:Restriction ; owl:onProperty :p ; owl:someValuesFrom :B ] .
        :A rdfs:subClassOf [ a owl:Restriction ; owl:onProperty :p ; owl:maxCardinality 2 ] .
        :A rdfs:subClassOf [ a owl:Restriction ; owl:onProperty :p ; owl:minCardinality 1 ] .
        :A rdfs:subClassOf [ owl:oneOf ( :x :y ) ] .
        :p rdfs:range [ owl:unionOf ( :B :C ) ] .
        :d rdfs:range xsd:gYear .
        [ a owl:Restriction ; owl:onProperty :p ; owl:allValuesFrom :B ] rdfs:subClassOf :C .
        :E owl:equivalentClass [ owl:unionOf ( :B :C ) ] .
        :q a owl:ReflexiveProperty .
        """,
    )
    offenders = RLChecker(bad).check()
    expected = [
        "owl:someValuesFrom on",
        "owl:maxCardinality 2 > 1",
        "owl:minCardinality is outside OWL 2 RL",
        "owl:oneOf as a superclass",
        "owl:unionOf as a superclass",
        "not in the OWL 2 RL datatype map",
        "other than someValuesFrom/hasValue as a subclass",
        "not an RL equivalent-class expression",
        "owl:ReflexiveProperty is outside OWL 2 RL",
    ]
    for fragment in expected:
        assert any(fragment in o for o in offenders), (fragment, offenders)
    # And a well-formed RL graph gives nothing.
    good = Graph().parse(
        format="turtle",
        data="""
        @prefix : <http://example.org/> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        :p a owl:ObjectProperty .
        [ a owl:Restriction ; owl:onProperty :p ; owl:someValuesFrom :B ] rdfs:subClassOf :C .
        :A rdfs:subClassOf [ a owl:Restriction ; owl:onProperty :p ; owl:maxCardinality 1 ] .
        [ owl:unionOf ( :B :C ) ] rdfs:subClassOf :D .
        """,
    )
    assert RLChecker(good).check() == []


# ---------------------------------------------------------------------------------------------------------
# Labels and definitions
# ---------------------------------------------------------------------------------------------------------

TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def isnad_terms(g: Graph) -> set[URIRef]:
    return {s for t in TERM_TYPES for s in g.subjects(RDF.type, t) if str(s).startswith(ISNAD_NS)}


def test_every_term_has_english_and_arabic_labels_and_a_definition(ontology: Graph) -> None:
    terms = isnad_terms(ontology)
    assert len(terms) > 120
    offenders = []
    for term in sorted(terms):
        labels = {lit.language for lit in ontology.objects(term, RDFS.label) if isinstance(lit, Literal)}
        definitions = [d for d in ontology.objects(term, SKOS.definition) if isinstance(d, Literal)]
        missing = [lang for lang in ("en", "ar") if lang not in labels]
        if missing:
            offenders.append(f"{term}: no rdfs:label @{', @'.join(missing)}")
        if not any(d.language == "en" and str(d).endswith(".") for d in definitions):
            offenders.append(f"{term}: no skos:definition @en ending in a full stop")
    for term in terms:
        arabic = next(str(lit) for lit in ontology.objects(term, RDFS.label) if lit.language == "ar")
        if not re.search(r"[\u0600-\u06FF]", arabic):
            offenders.append(f"{term}: the @ar label {arabic!r} has no Arabic letters")
    assert offenders == [], "\n".join(offenders)


FACTS_ENTITY_TYPES = [
    *("State", "GovernmentBody", "Person", "Militia", "TerroristOrganization", "MilitaryCoalition"),
    *("MilitiaUmbrella", "PoliticalAlliance", "Institution", "Force", "Country", "Province", "City"),
    *("MilitaryBase", "Zone", "Embassy", "NegotiationProcess"),
]
FACTS_RELATIONS = ["memberOf", "partOf", "leads", "backedBy", "alliedWith", "opposes", "commanderOf"]
FACTS_VALUES = {
    ISNAD.CountQualifier: "exact about more_than at_least less_than",
    ISNAD.MissionRole: "combat advise_assist mixed",
    ISNAD.WeaponKind: "drone rocket missile ied gunfire other",
    ISNAD.AttributionKind: "claimed attributed accused",
    ISNAD.Stance: "supports opposes welcomes criticizes demands threatens asserts",
    ISNAD.MeetingFormat: "in_person video",
    ISNAD.OutcomeKind: "end_combat_mission mission_change transition_bilateral timeline_talks other",
    ISNAD.PostKind: (
        "head_of_state head_of_government foreign_minister defense_minister interior_minister "
        "national_security_adviser military_commander spokesperson group_leader envoy legislator official"
    ),
}


def test_facts_vocabulary_is_covered(ontology: Graph) -> None:
    """Every entity type, relation and controlled value of FACTS.md has its term, named by the documented rule."""
    for name in FACTS_ENTITY_TYPES:
        assert (ISNAD[name], RDF.type, OWL.Class) in ontology, name
    for name in FACTS_RELATIONS:
        assert (ISNAD[name], RDF.type, OWL.ObjectProperty) in ontology, name
    for concept_class, values in FACTS_VALUES.items():
        members = set(ontology.subjects(RDF.type, concept_class))
        notations = {str(ontology.value(m, SKOS.notation)) for m in members}
        assert notations == set(values.split()), concept_class
        for member in members:
            scheme_word = str(member)[len(ISNAD_NS) :].removesuffix(
                "".join(p.capitalize() for p in str(ontology.value(member, SKOS.notation)).split("_"))
            )
            assert scheme_word and scheme_word[0].isupper(), member  # isnad:<Scheme><PascalCase(value)>
            assert (member, SKOS.prefLabel, None) in ontology


# ---------------------------------------------------------------------------------------------------------
# Reasoning with owlrl
# ---------------------------------------------------------------------------------------------------------

EXAMPLE = """
@prefix isnad: <https://isnad.example.org/ontology#> .
@prefix d: <https://isnad.example.org/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

d:iran a isnad:State ; skos:prefLabel "إيران"@ar .
d:iraq a isnad:State ; skos:prefLabel "العراق"@ar .
d:united-states a isnad:State ; skos:prefLabel "الولايات المتحدة"@ar .
d:resistance a isnad:MilitiaUmbrella ; isnad:backedBy d:iran .
d:kataib-hezbollah a isnad:Militia ; isnad:memberOf d:resistance ; isnad:opposes d:united-states .
d:leader a isnad:Person ; isnad:leads d:kataib-hezbollah ; isnad:holdsPost d:holding .
d:holding isnad:postKind isnad:PostGroupLeader ; isnad:inOrganization d:kataib-hezbollah .
d:attack a isnad:Attack ; isnad:perpetratedBy d:kataib-hezbollah ; isnad:target d:ain-al-asad ;
    isnad:weapon isnad:WeaponDrone ; isnad:date "2024-01-27"^^xsd:date .
d:ain-al-asad a isnad:MilitaryBase ; isnad:locatedIn d:anbar .
d:anbar a isnad:Province ; isnad:locatedIn d:iraq .
d:meeting a isnad:Meeting ; isnad:participant d:iraq , d:united-states .
d:iraq isnad:alliedWith d:united-states .
"""


@pytest.fixture(scope="module")
def closure(ontology: Graph) -> Graph:
    g = Graph()
    g += ontology
    g.parse(data=EXAMPLE, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    return g


@pytest.mark.parametrize(
    "triple",
    [
        (D["kataib-hezbollah"], ISNAD.backedBy, D.iran),  # memberOf ∘ backedBy ⊑ backedBy
        (D.iran, ISNAD.backs, D["kataib-hezbollah"]),  # inverse
        (D.iran, ISNAD.backs, D.resistance),
        (D.resistance, ISNAD.hasMember, D["kataib-hezbollah"]),
        (D.attack, ISNAD.implicates, D.iran),  # perpetratedBy ∘ backedBy ⊑ implicates
        (D.attack, ISNAD.implicates, D["kataib-hezbollah"]),  # perpetratedBy ⊑ implicates
        (D["ain-al-asad"], ISNAD.locatedIn, D.iraq),  # transitive
        (D.iraq, ISNAD.contains, D["ain-al-asad"]),
        (D["united-states"], ISNAD.alliedWith, D.iraq),  # symmetric
        (D["kataib-hezbollah"], ISNAD.ledBy, D.leader),
        (D.leader, ISNAD.affiliatedWith, D["kataib-hezbollah"]),  # holdsPost ∘ inOrganization
        (D.holding, RDF.type, ISNAD.PostHolding),
        (D["kataib-hezbollah"], RDF.type, ISNAD.Actor),
        (D.iraq, RDF.type, ISNAD.Location),  # a State is a Location, so it can contain a base
        (D.attack, RDF.type, ISNAD.Event),
    ],
    ids=lambda t: " ".join(str(x).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for x in t),
)
def test_owlrl_derives(closure: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in closure


def test_owlrl_derives_nothing_absurd(closure: Graph) -> None:
    assert list(closure.subjects(RDF.type, OWLRL_ERROR)) == [], [
        str(m) for m in closure.objects(None, URIRef("http://www.daml.org/2002/03/agents/agent-ont#error"))
    ]
    assert list(closure.subjects(RDF.type, OWL.Nothing)) == []
    people = set(closure.subjects(RDF.type, ISNAD.Person))
    assert people == {D.leader}
    for person in people:
        for wrong in (ISNAD.Place, ISNAD.Location, ISNAD.Organization, ISNAD.Event):
            assert (person, RDF.type, wrong) not in closure, (person, wrong)
    for actor in closure.subjects(RDF.type, ISNAD.Actor):
        assert (actor, ISNAD.backedBy, actor) not in closure, actor
    assert (D.iraq, RDF.type, ISNAD.Place) not in closure  # a State is a Location but not a Place
    assert (D.attack, RDF.type, ISNAD.Actor) not in closure
    assert (D.iran, ISNAD.backedBy, D.iran) not in closure
    assert (D.attack, ISNAD.implicates, D["united-states"]) not in closure


def test_owlrl_reports_a_state_typed_as_country(ontology: Graph) -> None:
    """The disjointness that FACTS.md's 'use State for a country' rests on is live: owlrl reports the clash."""
    g = Graph()
    g += ontology
    g.parse(data=EXAMPLE, format="turtle")
    g.add((D.iraq, RDF.type, ISNAD.Country))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert list(g.subjects(RDF.type, OWLRL_ERROR))


# ---------------------------------------------------------------------------------------------------------
# Documentation
# ---------------------------------------------------------------------------------------------------------


def test_ontology_html_is_self_contained_and_bilingual() -> None:
    html = ontology_html()
    assert html.lstrip().lower().startswith("<!doctype html>")
    for arabic in ("هجوم", "فاعل", "مدعوم من", "عدد القوات"):
        assert arabic in html, arabic
    assert "Attack — هجوم" in html
    external = []
    for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html, flags=re.IGNORECASE):
        for url in re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']*)""", tag, flags=re.IGNORECASE):
            if re.match(r"(?:https?:)?//", url):
                external.append(tag[:120])
    assert external == []
    assert ontology_html() is html  # cached

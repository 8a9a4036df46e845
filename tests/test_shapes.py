"""The SHACL shapes accept a well-formed graph and reject each kind of malformed one with a message that says why."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SKOS

from isnad.graph.validation import ValidationReport, format_report, load_ontology, load_shapes, validate

XSD_NNI = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
XSD_GYM = URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")
ISNAD = Namespace("https://isnad.example.org/ontology#")
D = Namespace("https://isnad.example.org/id/")

VALID = """
@prefix isnad:   <https://isnad.example.org/ontology#> .
@prefix d:       <https://isnad.example.org/id/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix schema:  <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .

d:actor\\/united-states a isnad:State ; skos:prefLabel "United States"@en , "الولايات المتحدة"@ar .
d:actor\\/iraq a isnad:State ; skos:prefLabel "Iraq"@en , "العراق"@ar .
d:actor\\/iran a isnad:State ; skos:prefLabel "Iran"@en , "إيران"@ar .
d:actor\\/islamic-resistance a isnad:MilitiaUmbrella ;
    skos:prefLabel "Islamic Resistance in Iraq"@en , "المقاومة الإسلامية في العراق"@ar ; isnad:backedBy d:actor\\/iran .
d:actor\\/kataib-hezbollah a isnad:Militia ; skos:prefLabel "Kataib Hezbollah"@en , "كتائب حزب الله"@ar ;
    skos:altLabel "الكتائب"@ar ; isnad:memberOf d:actor\\/islamic-resistance ; isnad:opposes d:actor\\/united-states .
d:actor\\/us-forces a isnad:Force ; skos:prefLabel "US forces in Iraq"@en ; isnad:forceOf d:actor\\/united-states ;
    isnad:inMission d:actor\\/oir .
d:actor\\/oir a isnad:Mission ; skos:prefLabel "Operation Inherent Resolve"@en ; isnad:role isnad:RoleAdviseAssist .
d:actor\\/iraqi-parliament a isnad:Parliament ; skos:prefLabel "مجلس النواب العراقي"@ar ; isnad:partOf d:actor\\/iraq .
d:actor\\/kadhimi a isnad:Person ; skos:prefLabel "مصطفى الكاظمي"@ar ; isnad:holdsPost d:post\\/kadhimi-pm .
d:post\\/kadhimi-pm a isnad:PostHolding ; isnad:holder d:actor\\/kadhimi ; isnad:postKind isnad:PostHeadOfGovernment ;
    isnad:inOrganization d:actor\\/iraq ; isnad:asOf "2021-04-07"^^xsd:date .

d:place\\/anbar a isnad:Province ; skos:prefLabel "الأنبار"@ar ; isnad:locatedIn d:actor\\/iraq .
d:place\\/ain-al-asad a isnad:MilitaryBase ; skos:prefLabel "عين الأسد"@ar ; isnad:locatedIn d:place\\/anbar .

d:event\\/troop-level-1 a isnad:TroopLevel ; isnad:country d:actor\\/united-states ;
    isnad:count "2500"^^xsd:nonNegativeInteger ; isnad:qualifier isnad:QualifierAbout ;
    isnad:asOf "2021-04-07"^^xsd:date ; isnad:place d:actor\\/iraq ; isnad:role isnad:RoleAdviseAssist ;
    isnad:force d:actor\\/us-forces .
d:event\\/withdrawal-1 a isnad:Withdrawal ; isnad:country d:actor\\/united-states ;
    isnad:date "2021-12"^^xsd:gYearMonth ;
    isnad:place d:actor\\/iraq ; isnad:count "500"^^xsd:nonNegativeInteger .

d:event\\/attack-1 a isnad:Attack ; isnad:date "2024-01-27"^^xsd:date ; isnad:target d:place\\/ain-al-asad ;
    isnad:weapon isnad:WeaponDrone ; isnad:perpetratedBy d:actor\\/kataib-hezbollah ;
    isnad:attribution isnad:AttributionAccused ; isnad:attributedBy d:actor\\/united-states ;
    isnad:killed "3"^^xsd:nonNegativeInteger ; isnad:injured "40"^^xsd:nonNegativeInteger .
d:event\\/strike-1 a isnad:Strike ; isnad:carriedOutBy d:actor\\/united-states ; isnad:date "2024-02-03"^^xsd:date ;
    isnad:target d:actor\\/kataib-hezbollah ; isnad:facilities "85"^^xsd:nonNegativeInteger ;
    isnad:inResponseTo d:event\\/attack-1 ; isnad:inResponseToDate "2024-01-27"^^xsd:date ;
    isnad:targetText "مقرات قيادة"@ar .
d:event\\/tally-1 a isnad:AttackTally ; isnad:count "160"^^xsd:nonNegativeInteger ;
    isnad:qualifier isnad:QualifierMoreThan ; isnad:periodStart "2023-10"^^xsd:gYearMonth ;
    isnad:scope d:actor\\/iraq ; isnad:targetText "القوات الأمريكية"@ar ; isnad:attacksBy d:actor\\/islamic-resistance .

d:process\\/strategic-dialogue a isnad:NegotiationProcess ;
    skos:prefLabel "Strategic Dialogue"@en , "الحوار الاستراتيجي"@ar .
d:event\\/meeting-1 a isnad:Meeting ; isnad:inProcess d:process\\/strategic-dialogue ;
    isnad:date "2021-04-07"^^xsd:date ;
    isnad:roundNumber "3"^^xsd:positiveInteger ; isnad:format isnad:FormatVideo ;
    isnad:participant d:actor\\/united-states , d:actor\\/iraq ; isnad:topicText "انسحاب القوات القتالية"@ar .
d:event\\/outcome-1 a isnad:Agreement ; isnad:outcomeOf d:process\\/strategic-dialogue ;
    isnad:outcomeKind isnad:OutcomeEndCombatMission ; isnad:deadline "2021"^^xsd:gYear ;
    isnad:newRole isnad:RoleAdviseAssist .
d:event\\/statement-1 a isnad:Statement ; isnad:speaker d:actor\\/kadhimi ; isnad:date "2021-07-27"^^xsd:date ;
    isnad:stance isnad:StanceWelcomes ; isnad:quote "نرحب بالاتفاق"@ar ; isnad:about d:event\\/outcome-1 .
d:event\\/resolution-1 a isnad:ParliamentaryResolution ; isnad:enactedBy d:actor\\/iraqi-parliament ;
    isnad:date "2020-01-05"^^xsd:date ; isnad:summary "إخراج القوات الأجنبية"@ar .

d:article\\/000_abc a isnad:Article ; dcterms:identifier "000_abc" ; schema:datePublished "2021-04-07"^^xsd:date .
d:claim\\/000_abc\\/troop-level-1 a isnad:Claim ; isnad:fromArticle d:article\\/000_abc ;
    isnad:evidence d:evidence\\/e1 ;
    isnad:extractedBy d:activity\\/run-1 ; isnad:confidence "0.9"^^xsd:decimal .
d:evidence\\/e1 a isnad:Evidence ; isnad:quote "وهناك أكثر من 2500 جندي أمريكي في العراق الآن."@ar ;
    isnad:sentenceIndex "4"^^xsd:nonNegativeInteger ; isnad:charStart "3320"^^xsd:nonNegativeInteger ;
    isnad:charEnd "3366"^^xsd:nonNegativeInteger ; isnad:inArticle d:article\\/000_abc .
d:activity\\/run-1 a isnad:ExtractionActivity ; isnad:extractor "troop_level" ; isnad:extractorVersion "0.1.0" .
d:source\\/gazetteer a isnad:CuratedSource .
d:claim\\/gazetteer\\/kh a isnad:Claim ; isnad:fromSource d:source\\/gazetteer .
"""

TROOPS = D["event/troop-level-1"]
ATTACK = D["event/attack-1"]
STATEMENT = D["event/statement-1"]
CLAIM = D["claim/000_abc/troop-level-1"]
EVIDENCE = D["evidence/e1"]
KH = D["actor/kataib-hezbollah"]


def valid_graph() -> Graph:
    return Graph().parse(data=VALID, format="turtle")


def messages(report: ValidationReport) -> list[str]:
    return [v.message for v in report.errors]


def test_valid_example_conforms_without_warnings() -> None:
    report = validate(valid_graph())
    assert report.conforms, format_report(report)
    assert report.violations == []
    assert "no violations" in format_report(report)


def _set(node: URIRef, prop: URIRef, value: object) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        g.remove((node, prop, None))
        if value is not None:
            g.add((node, prop, value))  # type: ignore[arg-type]

    return mutate


def _remove_all(node: URIRef, *props: URIRef) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        for prop in props:
            g.remove((node, prop, None))

    return mutate


def _add(*triples: tuple) -> Callable[[Graph], None]:
    def mutate(g: Graph) -> None:
        for triple in triples:
            g.add(triple)

    return mutate


INVALID: dict[str, tuple[Callable[[Graph], None], str, URIRef]] = {
    "negative troop count": (
        _set(TROOPS, ISNAD["count"], Literal(-5)),
        "isnad:count must be zero or more",
        TROOPS,
    ),
    "troop count as string": (
        _set(TROOPS, ISNAD["count"], Literal("2500")),
        "isnad:count must be an integer literal",
        TROOPS,
    ),
    "troop level without count": (
        _set(TROOPS, ISNAD["count"], None),
        "A troop level needs a count",
        TROOPS,
    ),
    "troop level without asOf": (
        _set(TROOPS, ISNAD.asOf, None),
        "A troop level needs an as-of date (isnad:asOf)",
        TROOPS,
    ),
    "troop level with a country that is not a State": (
        _set(TROOPS, ISNAD.country, D["place/anbar"]),
        "isnad:country must be an isnad:State",
        TROOPS,
    ),
    "attack with neither date nor period": (
        _set(ATTACK, ISNAD.date, None),
        "An attack needs a date (isnad:date) or a period",
        ATTACK,
    ),
    "attack with neither target nor place": (
        _set(ATTACK, ISNAD.target, None),
        "An attack needs a target (isnad:target) or a place (isnad:place)",
        ATTACK,
    ),
    "attack date as plain string": (
        _set(ATTACK, ISNAD.date, Literal("27 January 2024")),
        "isnad:date must be an xsd:date, xsd:gYearMonth or xsd:gYear literal",
        ATTACK,
    ),
    "attack weapon outside the vocabulary": (
        _set(ATTACK, ISNAD.weapon, ISNAD.WeaponSling),
        "isnad:weapon must be one of",
        ATTACK,
    ),
    "attribution without perpetrator": (
        _set(ATTACK, ISNAD.perpetratedBy, None),
        "An attribution (isnad:attribution or isnad:attributedBy) needs the perpetrator",
        ATTACK,
    ),
    "claim evidence without quote": (
        _set(EVIDENCE, ISNAD.quote, None),
        "A claim's evidence needs a quote",
        CLAIM,
    ),
    "claim without evidence": (
        _set(CLAIM, ISNAD.evidence, None),
        "A claim extracted from an article needs evidence",
        CLAIM,
    ),
    "claim without article or source": (
        _remove_all(CLAIM, ISNAD.fromArticle),
        "A claim needs its source",
        CLAIM,
    ),
    "claim confidence above 1": (
        _set(CLAIM, ISNAD.confidence, Literal(Decimal("1.5"))),
        "isnad:confidence must lie between 0 and 1",
        CLAIM,
    ),
    "evidence offsets reversed": (
        _set(EVIDENCE, ISNAD.charEnd, Literal(3000, datatype=XSD_NNI)),
        "isnad:charStart must be smaller than isnad:charEnd",
        EVIDENCE,
    ),
    "negative evidence offset": (
        _set(EVIDENCE, ISNAD.charStart, Literal(-1)),
        "cannot be negative",
        EVIDENCE,
    ),
    "quote not tagged Arabic": (
        _set(EVIDENCE, ISNAD.quote, Literal("There are more than 2500 US soldiers.", lang="en")),
        "isnad:quote must be the Arabic text",
        EVIDENCE,
    ),
    "statement without stance": (
        _set(STATEMENT, ISNAD.stance, None),
        "A statement needs a stance (isnad:stance)",
        STATEMENT,
    ),
    "statement without speaker": (
        _set(STATEMENT, ISNAD.speaker, None),
        "A statement needs a speaker",
        STATEMENT,
    ),
    "speaker that is a place": (
        _set(STATEMENT, ISNAD.speaker, D["place/anbar"]),
        "must be a typed isnad:Actor",
        STATEMENT,
    ),
    "state also typed as country": (
        _add((D["actor/iraq"], RDF.type, ISNAD.Country)),
        "typed both isnad:State and isnad:Country",
        D["actor/iraq"],
    ),
    "person also typed as organization": (
        _add((D["actor/kadhimi"], RDF.type, ISNAD.Militia)),
        "A person cannot also be an organization",
        D["actor/kadhimi"],
    ),
    "actor backed by itself": (
        _add((KH, ISNAD.backedBy, KH)),
        "An actor cannot be backed by itself",
        KH,
    ),
    "memberOf pointing at a person": (
        _set(KH, ISNAD.memberOf, D["actor/kadhimi"]),
        "isnad:memberOf must point to an isnad:Organization",
        KH,
    ),
    "actor without any name": (
        _remove_all(KH, SKOS.prefLabel, SKOS.altLabel),
        "needs a name",
        KH,
    ),
    "troop movement of no known kind": (
        _add(
            (D["event/move-2"], RDF.type, ISNAD.TroopMovement),
            (D["event/move-2"], ISNAD.country, D["actor/united-states"]),
            (D["event/move-2"], ISNAD.date, Literal("2020-03", datatype=XSD_GYM)),
        ),
        "A troop movement must be typed isnad:Deployment",
        D["event/move-2"],
    ),
    "post holding without post kind": (
        _set(D["post/kadhimi-pm"], ISNAD.postKind, None),
        "A post holding needs a post kind",
        D["post/kadhimi-pm"],
    ),
    "meeting round number as string": (
        _set(D["event/meeting-1"], ISNAD.roundNumber, Literal("3")),
        "isnad:roundNumber must be an integer literal",
        D["event/meeting-1"],
    ),
    "meeting round number zero": (
        _set(D["event/meeting-1"], ISNAD.roundNumber, Literal(0, datatype=XSD_NNI)),
        "isnad:roundNumber must be 1 or more",
        D["event/meeting-1"],
    ),
}


@pytest.mark.parametrize("case", sorted(INVALID))
def test_invalid_example_is_rejected_with_its_message(case: str) -> None:
    mutate, expected, focus = INVALID[case]
    g = valid_graph()
    mutate(g)
    report = validate(g)
    assert not report.conforms
    matching = [v for v in report.errors if expected in v.message]
    assert matching, f"{case}: no violation says {expected!r}; got {messages(report)}"
    assert any(v.focus_node == str(focus) for v in matching), [v.focus_node for v in matching]


def test_graph_read_back_from_oxigraph_conforms() -> None:
    """Oxigraph stores "5"^^xsd:nonNegativeInteger as "5"^^xsd:integer; the shapes must accept what the store holds."""
    store = pyoxigraph.Store()
    store.load(valid_graph().serialize(format="nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    read_back = Graph().parse(
        data=store.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph()), format="nt"
    )
    counts = {o.datatype for o in read_back.objects(None, ISNAD["count"])}
    assert counts == {URIRef("http://www.w3.org/2001/XMLSchema#integer")}
    report = validate(read_back)
    assert report.conforms and report.violations == [], format_report(report)


def test_disagreeing_counts_are_a_warning_not_an_error() -> None:
    g = valid_graph()
    g.add((TROOPS, ISNAD["count"], Literal(3000, datatype=XSD_NNI)))
    report = validate(g)
    assert report.conforms
    assert [v.severity for v in report.violations] == ["Warning"]
    assert "sources disagree" in report.violations[0].message


def test_report_names_things_by_their_labels() -> None:
    g = valid_graph()
    g.remove((KH, SKOS.prefLabel, Literal("Kataib Hezbollah", lang="en")))
    g.add((KH, ISNAD.backedBy, KH))
    g.set((TROOPS, ISNAD["count"], Literal("about 2500")))
    report = validate(g)
    kh = [v for v in report.errors if v.focus_node == str(KH)]
    assert kh and kh[0].focus_label == "كتائب حزب الله"
    text = format_report(report)
    assert "does NOT conform" in text
    assert "كتائب حزب الله <https://isnad.example.org/id/actor/kataib-hezbollah> (isnad:Militia)" in text
    assert "path:  isnad:count" in text
    assert '"about 2500"' in text


def test_dataset_is_validated_as_a_union_without_the_inferred_graph() -> None:
    """Types given in one graph satisfy references from another; the inferred graph cannot hide an error."""
    base = "https://isnad.example.org/"
    ds = Dataset()
    gazetteer = ds.graph(URIRef(base + "id/claim/gazetteer/all"))
    claim = ds.graph(URIRef(base + "id/claim/000_abc/statement"))
    inferred = ds.graph(URIRef(base + "graph/inferred"))
    for triple in valid_graph():
        (claim if triple[0] == STATEMENT else gazetteer).add(triple)
    assert validate(ds).conforms

    claim.set((STATEMENT, ISNAD.speaker, D["place/anbar"]))
    # What rdfs:range inference would derive from the bad triple; it must not make the error go away.
    inferred.add((D["place/anbar"], RDF.type, ISNAD.Actor))
    report = validate(ds)
    assert not report.conforms
    assert any("must be a typed isnad:Actor" in m for m in messages(report))
    # Asked to keep the inferred graph out explicitly, by name, the result is the same.
    assert not validate(ds, skip_graphs=[base + "graph/inferred"]).conforms


# ---------------------------------------------------------------------------------------------------------
# The shapes file itself
# ---------------------------------------------------------------------------------------------------------

SH = Namespace("http://www.w3.org/ns/shacl#")
_NOT_CONSTRAINTS = {
    RDF.type,
    SH.property,
    SH.targetClass,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.targetNode,
    SH.severity,
    SH.sparql,
    SH.message,
    SH.path,
    URIRef("http://www.w3.org/2000/01/rdf-schema#comment"),
}


def _shapes_and_ontology() -> tuple[Graph, Graph]:
    return load_shapes(), load_ontology()


def test_every_reporting_shape_has_an_english_message() -> None:
    shapes, _ = _shapes_and_ontology()
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
    reporting = {s for t in targets for s in shapes.subjects(t, None)}
    reporting |= set(shapes.objects(None, SH.property)) | set(shapes.objects(None, SH.sparql))
    assert len(reporting) > 60
    offenders = []
    for shape in reporting:
        constrains = any(p not in _NOT_CONSTRAINTS for p in shapes.predicates(shape, None))
        if not constrains:
            continue  # a node shape that only groups property shapes reports through them
        message = shapes.value(shape, SH.message)
        if message is None or message.language not in (None, "en") or len(str(message)) < 20:
            offenders.append(str(shape))
    assert offenders == []


def test_shapes_use_only_terms_the_ontology_defines() -> None:
    shapes, ontology = _shapes_and_ontology()
    isnad_ns = str(ISNAD)
    used = {n for triple in shapes for n in triple if isinstance(n, URIRef) and str(n).startswith(isnad_ns)}
    defined = {s for s in ontology.subjects(RDF.type, None) if str(s).startswith(isnad_ns)}
    assert used - defined == set()
    assert len(used) > 80


def test_controlled_value_lists_match_the_ontology_concepts() -> None:
    shapes, ontology = _shapes_and_ontology()
    concept_classes = {
        ISNAD.qualifier: ISNAD.CountQualifier,
        ISNAD.weapon: ISNAD.WeaponKind,
        ISNAD.attribution: ISNAD.AttributionKind,
        ISNAD.stance: ISNAD.Stance,
        ISNAD["format"]: ISNAD.MeetingFormat,
        ISNAD.postKind: ISNAD.PostKind,
        ISNAD.outcomeKind: ISNAD.OutcomeKind,
    }
    for prop, concept_class in concept_classes.items():
        shape = next(s for s in shapes.subjects(SH.path, prop) if (s, SH["in"], None) in shapes)
        allowed = set(Collection(shapes, shapes.value(shape, SH["in"])))
        assert allowed == set(ontology.subjects(RDF.type, concept_class)), prop

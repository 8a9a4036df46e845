"""Claims: each fact is a small named graph; what we know about the claim goes into the provenance graph.

    GRAPH <claim> { the fact's triples }
    GRAPH <graph/provenance> {
        <claim> a isnad:Claim ; isnad:fromArticle <article> ; isnad:evidence <claim#evidence> ;
                isnad:extractedBy <activity> ; isnad:confidence 0.9 .
        <claim#evidence> a isnad:Evidence ; isnad:quote "…"@ar ; isnad:sentenceIndex 3 ;
                isnad:charStart 120 ; isnad:charEnd 180 .
        <activity> a isnad:ExtractionActivity ; isnad:extractor "mentions" ; isnad:extractorVersion "1" .
    }

Background knowledge from the gazetteer is claims too, with isnad:fromSource the curated source and a
note saying where the fact is established: it is never passed off as extracted."""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from isnad.graph.iris import Iris, term, vocab
from isnad.loaders.records import Evidence, Extraction

_XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = vocab("rdf", "type")
PREF_LABEL = vocab("skos", "prefLabel")
ALT_LABEL = vocab("skos", "altLabel")
GAZETTEER_SOURCE = "gazetteer"

def integer(value: int) -> Literal:
    return Literal(str(value), datatype=NamedNode(_XSD + "nonNegativeInteger"))


def decimal(value: float) -> Literal:
    return Literal(f"{value:.2f}", datatype=NamedNode(_XSD + "decimal"))


def _activity(iris: Iris, extractor: str, version: str) -> Iterator[Quad]:
    graph = iris.graph("provenance")
    activity = iris.activity(extractor, version)
    yield Quad(activity, RDF_TYPE, term("ExtractionActivity"), graph)
    yield Quad(activity, term("extractor"), Literal(extractor), graph)
    yield Quad(activity, term("extractorVersion"), Literal(version), graph)


def extracted_claim_provenance(
    iris: Iris, claim: NamedNode, article_id: str, evidence: Evidence, extractor: str, version: str, confidence: float
) -> Iterator[Quad]:
    graph = iris.graph("provenance")
    evidence_node = NamedNode(claim.value + "#evidence")
    yield Quad(claim, RDF_TYPE, term("Claim"), graph)
    yield Quad(claim, term("fromArticle"), iris.article(article_id), graph)
    yield Quad(claim, term("evidence"), evidence_node, graph)
    yield Quad(claim, term("extractedBy"), iris.activity(extractor, version), graph)
    yield Quad(claim, term("confidence"), decimal(confidence), graph)
    yield Quad(evidence_node, RDF_TYPE, term("Evidence"), graph)
    yield Quad(evidence_node, term("quote"), Literal(evidence.quote, language="ar"), graph)
    yield Quad(evidence_node, term("sentenceIndex"), integer(evidence.sentence_index), graph)
    yield Quad(evidence_node, term("charStart"), integer(evidence.start), graph)
    yield Quad(evidence_node, term("charEnd"), integer(evidence.end), graph)
    # Repeated for every claim; the store keeps one copy.
    yield from _activity(iris, extractor, version)


MENTIONS_EXTRACTOR = ("mentions", "1")


def mention_claims(extraction: Extraction, iris: Iris) -> Iterator[Quad]:
    """One claim per entity an article mentions, with the first mention as its evidence. Entities the
    gazetteer does not know (a person found through a title) are typed and labelled in the claim."""
    first_mentions = {}
    for mention in sorted(extraction.mentions, key=lambda m: m.evidence.start):
        first_mentions.setdefault(mention.entity.id, mention)
    article = iris.article(extraction.article_id)
    extractor, version = MENTIONS_EXTRACTOR
    for entity_id, mention in first_mentions.items():
        entity = iris.entity(mention.entity.type, entity_id)
        claim = iris.claim(extraction.article_id, "mention", entity_id)
        yield Quad(article, term("mentions"), entity, claim)
        if mention.entity.label_ar or mention.entity.label_en:
            yield Quad(entity, RDF_TYPE, term(mention.entity.type), claim)
            if mention.entity.label_ar:
                yield Quad(entity, PREF_LABEL, Literal(mention.entity.label_ar, language="ar"), claim)
            if mention.entity.label_en:
                yield Quad(entity, PREF_LABEL, Literal(mention.entity.label_en, language="en"), claim)
        confidence = 0.95 if mention.via == "name" else 0.8
        yield from extracted_claim_provenance(
            iris, claim, extraction.article_id, mention.evidence, extractor, version, confidence
        )


def gazetteer_claims(gazetteer, iris: Iris) -> Iterator[Quad]:
    """The gazetteer's entities and background relations, each a claim from the curated source."""
    provenance = iris.graph("provenance")
    source = iris.source(GAZETTEER_SOURCE)
    yield Quad(source, RDF_TYPE, term("CuratedSource"), provenance)
    yield Quad(source, vocab("rdfs", "label"), Literal("Isnad gazetteer (ontology/gazetteer.toml)", language="en"),
               provenance)

    def entity_iri(entity_id: str) -> NamedNode:
        return iris.entity(gazetteer.entities[entity_id].type, entity_id)

    for entity in gazetteer.entities.values():
        node = entity_iri(entity.id)
        claim = iris.claim("curated", "entity", entity.id)
        yield Quad(node, RDF_TYPE, term(entity.type), claim)
        yield Quad(node, PREF_LABEL, Literal(entity.en, language="en"), claim)
        yield Quad(node, PREF_LABEL, Literal(entity.ar, language="ar"), claim)
        for variant in entity.variants:
            yield Quad(node, ALT_LABEL, Literal(variant, language="ar"), claim)
        if entity.wikidata:
            yield Quad(node, vocab("schema", "sameAs"),
                       NamedNode(f"http://www.wikidata.org/entity/{entity.wikidata}"), claim)
        if entity.located_in:
            yield Quad(node, term("locatedIn"), entity_iri(entity.located_in), claim)
        yield Quad(claim, RDF_TYPE, term("Claim"), provenance)
        yield Quad(claim, term("fromSource"), source, provenance)
    for relation in gazetteer.relations:
        claim = iris.claim("curated", "relation", relation.subject, relation.predicate, relation.object)
        yield Quad(entity_iri(relation.subject), term(relation.predicate), entity_iri(relation.object), claim)
        yield Quad(claim, RDF_TYPE, term("Claim"), provenance)
        yield Quad(claim, term("fromSource"), source, provenance)
        yield Quad(claim, vocab("rdfs", "comment"), Literal(relation.note, language="en"), provenance)

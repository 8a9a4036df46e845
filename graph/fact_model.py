"""How each kind of fact (../shared/FACTS.md) is shaped in RDF, as one table read in both directions:
writing a fact into its claim graph, and reading claim graphs back into flat records for export.

A fact is a node of its class (an isnad:Attack, an isnad:TroopLevel…) whose IRI is keyed by what
identifies it, so the same event reported by two articles is one node stated in two claims.
A relation fact is a single triple between two entities and has no node of its own."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from isnad.graph.articles import date_literal
from isnad.graph.claims import RDF_TYPE, extracted_claim_provenance, integer
from isnad.graph.iris import ISNAD, Iris, slug_of, term
from isnad.loaders.records import Extraction, Fact

# Value kinds: how a field's value becomes an RDF term.
ENTITY, ENTITIES, DATE, COUNT, TEXT, TEXTS, ENUM, PERIOD = (
    "entity", "entities", "date", "count", "text", "texts", "enum", "period")


@dataclass(frozen=True)
class Field:
    name: str
    property: str  # local name in the isnad: namespace
    value: str  # one of the value kinds above
    enum_prefix: str = ""  # for ENUM: the individual's name is prefix + CamelCase(value)


@dataclass(frozen=True)
class KindSpec:
    kind: str
    cls: str
    key: tuple[str, ...]  # fields whose values identify the event or observation
    fields: tuple[Field, ...]


def _enum_term(prefix: str, value: str) -> NamedNode:
    return term(prefix + "".join(part.capitalize() for part in value.split("_")))


def _enum_value(prefix: str, iri: str) -> str:
    camel = iri.removeprefix(ISNAD).removeprefix(prefix)
    out = []
    for char in camel:
        if char.isupper() and out:
            out.append("_")
        out.append(char.lower())
    return "".join(out)


PERIOD_FIELD = Field("period", "periodStart", PERIOD)

KINDS: dict[str, KindSpec] = {spec.kind: spec for spec in (
    KindSpec("troop_level", "TroopLevel", ("country", "as_of", "count"), (
        Field("country", "country", ENTITY), Field("count", "count", COUNT),
        Field("qualifier", "qualifier", ENUM, "Qualifier"), Field("as_of", "asOf", DATE),
        Field("place", "place", ENTITY), Field("role", "role", ENUM, "Role"))),
    KindSpec("attack", "Attack", ("date", "period", "target", "place"), (
        Field("date", "date", DATE), PERIOD_FIELD, Field("target", "target", ENTITY),
        Field("place", "place", ENTITY), Field("weapon", "weapon", ENUM, "Weapon"),
        Field("perpetrator", "perpetratedBy", ENTITY), Field("attribution", "attribution", ENUM, "Attribution"),
        Field("attributed_by", "attributedBy", ENTITY), Field("killed", "killed", COUNT),
        Field("injured", "injured", COUNT))),
    KindSpec("strike", "Strike", ("by", "date", "place", "target"), (
        Field("by", "carriedOutBy", ENTITY), Field("date", "date", DATE), Field("place", "place", ENTITY),
        Field("target", "target", ENTITY), Field("targets", "targetText", TEXT),
        Field("facilities", "facilities", COUNT), Field("killed", "killed", COUNT),
        Field("injured", "injured", COUNT), Field("in_response_to", "inResponseToDate", DATE))),
    KindSpec("attack_tally", "AttackTally", ("count", "period", "scope"), (
        Field("count", "count", COUNT), Field("qualifier", "qualifier", ENUM, "Qualifier"), PERIOD_FIELD,
        Field("scope", "scope", ENTITY), Field("target", "targetText", TEXT),
        Field("perpetrator", "attacksBy", ENTITY))),
    # The place is part of a meeting's key: two rounds in one month, in Washington and in Baghdad, are two meetings.
    KindSpec("negotiation_meeting", "Meeting", ("process", "date", "place"), (
        Field("process", "inProcess", ENTITY), Field("date", "date", DATE), Field("round", "roundNumber", COUNT),
        Field("format", "format", ENUM, "Format"), Field("place", "place", ENTITY),
        Field("participants", "participant", ENTITIES), Field("topics", "topicText", TEXTS))),
    KindSpec("outcome", "Outcome", ("process", "meeting_date", "what"), (
        Field("process", "outcomeOf", ENTITY), Field("meeting_date", "date", DATE),
        Field("what", "outcomeKind", ENUM, "Outcome"), Field("deadline", "deadline", DATE))),
    KindSpec("post_held", "PostHolding", ("person", "post", "organization"), (
        Field("person", "holder", ENTITY), Field("post", "postKind", ENUM, "Post"),
        Field("organization", "inOrganization", ENTITY), Field("as_of", "asOf", DATE))),
    KindSpec("statement", "Statement", ("speaker", "date", "stance", "topic"), (
        Field("speaker", "speaker", ENTITY), Field("date", "date", DATE), Field("stance", "stance", ENUM, "Stance"),
        Field("topic", "topicText", TEXT), Field("quote", "quote", TEXT))),
    KindSpec("legislation", "Legislation", ("body", "date"), (
        Field("body", "enactedBy", ENTITY), Field("date", "date", DATE), Field("what", "summary", TEXT))),
    KindSpec("troop_movement", "TroopMovement", ("country", "movement", "date"), (
        Field("country", "country", ENTITY), Field("date", "date", DATE), Field("place", "place", ENTITY),
        Field("count", "count", COUNT))),
)}
# A troop movement's kind of movement is its class.
MOVEMENT_CLASSES = {"deployment": "Deployment", "withdrawal": "Withdrawal", "return": "Return",
                    "reduction": "Reduction"}
RELATION_PREDICATES = ("memberOf", "partOf", "leads", "backedBy", "alliedWith", "opposes", "commanderOf")


class UnknownEntityError(ValueError):
    pass


def _key_part(value: object) -> object:
    if isinstance(value, dict):  # a period
        return f"{value.get('from', '')}--{value.get('to', '')}"
    return value


def fact_claims(extraction: Extraction, iris: Iris, entity_types: Mapping[str, str]) -> Iterator[Quad]:
    """Each fact of an article as a claim graph, with its provenance."""
    for fact in extraction.facts:
        yield from _fact_claim(fact, extraction.article_id, iris, entity_types)


def _entity(iris: Iris, entity_types: Mapping[str, str], entity_id: str) -> NamedNode:
    try:
        return iris.entity(entity_types[entity_id], entity_id)
    except KeyError:
        raise UnknownEntityError(f"fact refers to entity {entity_id!r}, which no gazetteer entry or mention "
                                 "defines") from None


def _fact_claim(fact: Fact, article_id: str, iris: Iris, entity_types: Mapping[str, str]) -> Iterator[Quad]:
    if fact.kind == "relation":
        fields = fact.fields
        claim = iris.claim(article_id, "relation", fields["subject"], fields["predicate"], fields["object"])
        yield Quad(_entity(iris, entity_types, fields["subject"]), term(str(fields["predicate"])),
                   _entity(iris, entity_types, fields["object"]), claim)
    else:
        spec = KINDS[fact.kind]
        key = [_key_part(fact.fields.get(name)) for name in spec.key]
        node = iris.event(fact.kind, *key)
        claim = iris.claim(article_id, fact.kind, *key, fact.evidence.start)
        cls = MOVEMENT_CLASSES[str(fact.fields["movement"])] if fact.kind == "troop_movement" else spec.cls
        yield Quad(node, RDF_TYPE, term(cls), claim)
        for field in spec.fields:
            value = fact.fields.get(field.name)
            if value is None or value == [] or value == {}:
                continue
            for obj_property, obj in _terms(field, value, iris, entity_types):
                yield Quad(node, term(obj_property), obj, claim)
        if fact.kind == "post_held":
            yield Quad(_entity(iris, entity_types, str(fact.fields["person"])), term("holdsPost"), node, claim)
    yield from extracted_claim_provenance(
        iris, claim, article_id, fact.evidence, fact.extractor, fact.extractor_version, fact.confidence
    )


def _terms(field: Field, value: object, iris: Iris, entity_types: Mapping[str, str]) -> Iterator[tuple[str, object]]:
    if field.value == ENTITY:
        yield field.property, _entity(iris, entity_types, str(value))
    elif field.value == ENTITIES:
        for item in value:  # type: ignore[union-attr]
            yield field.property, _entity(iris, entity_types, str(item))
    elif field.value == DATE:
        yield field.property, date_literal(str(value))
    elif field.value == COUNT:
        yield field.property, integer(int(value))  # type: ignore[arg-type]
    elif field.value == TEXT:
        yield field.property, Literal(str(value), language="ar" if field.name == "quote" else None)
    elif field.value == TEXTS:
        for item in value:  # type: ignore[union-attr]
            yield field.property, Literal(str(item))
    elif field.value == ENUM:
        yield field.property, _enum_term(field.enum_prefix, str(value))
    elif field.value == PERIOD:
        period = value  # type: ignore[assignment]
        if period.get("from"):
            yield "periodStart", date_literal(period["from"])
        if period.get("to"):
            yield "periodEnd", date_literal(period["to"])


def record_value(field: Field, objects: list) -> object:
    """Turn the RDF objects of one field back into the FACTS.md value."""
    if field.value == ENTITY:
        return slug_of(objects[0].value)
    if field.value == ENTITIES:
        return sorted(slug_of(o.value) for o in objects)
    if field.value == COUNT:
        return int(objects[0].value)
    if field.value == TEXTS:
        return sorted(o.value for o in objects)
    if field.value == ENUM:
        return _enum_value(field.enum_prefix, objects[0].value)
    return objects[0].value

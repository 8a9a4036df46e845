"""The flat view of the graph (../shared/FACTS.md), produced by SPARQL over the store.

It shows what the graph holds, never what an extractor remembers: every record here is read back from
claim graphs and their provenance."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator

import pyoxigraph as ox

from isnad.graph.fact_model import (
    KINDS,
    MOVEMENT_CLASSES,
    PERIOD,
    RELATION_PREDICATES,
    record_value,
)
from isnad.graph.iris import ISNAD, Iris, slug_of
from isnad.graph.query import run_query

# FACTS.md's entity types, most specific first where one entity could carry two (a country is a State).
ENTITY_TYPES = (
    "State", "Person", "Militia", "TerroristOrganization", "MilitiaUmbrella", "MilitaryCoalition",
    "PoliticalAlliance", "GovernmentBody", "Institution", "Force", "MilitaryBase", "Embassy", "Zone",
    "City", "Province", "Country", "NegotiationProcess",
)

_TYPES = """
SELECT DISTINCT ?e ?type WHERE {
  GRAPH ?g { ?e a ?type }
  FILTER (?g != <INFERRED> && STRSTARTS(STR(?type), STR(isnad:)))
}"""
_LABELS = """
SELECT DISTINCT ?e ?label WHERE {
  GRAPH ?g { ?e skos:prefLabel|skos:altLabel ?label }
  FILTER (?g != <INFERRED>)
}"""
_MENTIONS = """
SELECT DISTINCT ?e ?article WHERE {
  GRAPH ?g { ?a isnad:mentions ?e }
  ?a dcterms:identifier ?article .
}"""


def entity_records(store: ox.Store, iris: Iris) -> list[dict]:
    inferred = iris.graph("inferred").value
    types: dict[str, set[str]] = defaultdict(set)
    for row in run_query(store, _TYPES.replace("INFERRED", inferred)).result:
        types[row["e"].value].add(row["type"].value.removeprefix(ISNAD))
    labels_en: dict[str, str] = {}
    labels_ar: dict[str, list[str]] = defaultdict(list)
    for row in run_query(store, _LABELS.replace("INFERRED", inferred)).result:
        label = row["label"]
        if label.language == "en":
            labels_en.setdefault(row["e"].value, label.value)
        elif label.language == "ar":
            labels_ar[row["e"].value].append(label.value)
    mentioned: dict[str, set[str]] = defaultdict(set)
    for row in run_query(store, _MENTIONS).result:
        mentioned[row["e"].value].add(row["article"].value)
    records = []
    for iri, entity_types in sorted(types.items()):
        kind = next((t for t in ENTITY_TYPES if t in entity_types), None)
        if kind is None:
            continue
        record = {"kind": "entity", "id": slug_of(iri), "type": kind}
        if iri in labels_en:
            record["label_en"] = labels_en[iri]
        record["labels_ar"] = sorted(set(labels_ar.get(iri, [])))
        record["mentioned_in"] = sorted(mentioned.get(iri, set()))
        records.append(record)
    return records


_EVIDENCE = """
  GRAPH <PROVENANCE> { ?claim isnad:fromArticle ?a ; isnad:evidence ?ev .
                ?ev isnad:quote ?quote ; isnad:charStart ?start ; isnad:charEnd ?end }
  GRAPH <ARTICLES> { ?a dcterms:identifier ?article }
"""
_FACT_CLASSES = " ".join(f"isnad:{c}" for c in [*(s.cls for s in KINDS.values()), *MOVEMENT_CLASSES.values()])
_FACT_TRIPLES = (
    "SELECT ?claim ?node ?cls ?p ?o ?article ?quote ?start ?end WHERE {\n"
    f"  VALUES ?cls {{ {_FACT_CLASSES} }}\n"
    "  GRAPH ?claim { ?node a ?cls ; ?p ?o }\n" + _EVIDENCE + "}"
)
_RELATIONS = (
    "SELECT ?claim ?s ?p ?o ?article ?quote ?start ?end WHERE {\n"
    f"  VALUES ?p {{ {' '.join(f'isnad:{p}' for p in RELATION_PREDICATES)} }}\n"
    "  GRAPH ?claim { ?s ?p ?o }\n" + _EVIDENCE + "}"
)
_CLASS_KIND = {spec.cls: spec.kind for spec in KINDS.values()}
_CLASS_KIND.update({c: "troop_movement" for c in MOVEMENT_CLASSES.values()})
_MOVEMENT = {cls: movement for movement, cls in MOVEMENT_CLASSES.items()}


def _evidence(row) -> dict:
    return {"quote": row["quote"].value, "start": int(row["start"].value), "end": int(row["end"].value)}


def _fact_records(store: ox.Store, iris: Iris) -> Iterator[dict]:
    def with_graphs(query: str) -> str:
        provenance, articles = iris.graph("provenance").value, iris.graph("articles").value
        return query.replace("PROVENANCE", provenance).replace("ARTICLES", articles)

    claims: dict[str, dict] = {}
    for row in run_query(store, with_graphs(_FACT_TRIPLES)).result:
        claim = claims.setdefault(row["claim"].value, {
            "cls": row["cls"].value.removeprefix(ISNAD), "article": row["article"].value,
            "evidence": _evidence(row), "objects": defaultdict(list)})
        claim["objects"][row["p"].value.removeprefix(ISNAD)].append(row["o"])
    for claim in claims.values():
        kind = _CLASS_KIND[claim["cls"]]
        record: dict = {"kind": kind, "article": claim["article"]}
        if kind == "troop_movement":
            record["movement"] = _MOVEMENT[claim["cls"]]
        objects = claim["objects"]
        for field in KINDS[kind].fields:
            if field.value == PERIOD:
                period = {end: objects[prop][0].value for end, prop in (("from", "periodStart"), ("to", "periodEnd"))
                          if objects.get(prop)}
                if period:
                    record["period"] = period
            elif objects.get(field.property):
                record[field.name] = record_value(field, objects[field.property])
        record["evidence"] = claim["evidence"]
        yield record
    for row in run_query(store, with_graphs(_RELATIONS)).result:
        yield {"kind": "relation", "article": row["article"].value, "subject": slug_of(row["s"].value),
               "predicate": row["p"].value.removeprefix(ISNAD), "object": slug_of(row["o"].value),
               "evidence": _evidence(row)}


def fact_records(store: ox.Store, iris: Iris) -> Iterator[dict]:
    """Entity records first, then one record per fact claim, ordered by article and position."""
    yield from entity_records(store, iris)
    yield from sorted(_fact_records(store, iris), key=lambda r: (r["article"], r["evidence"]["start"], r["kind"]))


def records_as_jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def records_as_csv(records: list[dict]) -> str:
    """One row per record; nested values (evidence, periods, lists) as JSON in their cell."""
    columns: list[str] = []
    for record in records:
        columns.extend(key for key in record if key not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for record in records:
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                         for k, v in record.items()})
    return buffer.getvalue()

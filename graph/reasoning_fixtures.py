"""Graphs to reason over in tests and benchmarks, made with the project's own claim writers.

* `seed_quads`: the ontology, the bundled seed articles, the curated gazetteer, and the gold facts of the
  seed articles (tests/gold/seeds.jsonl) written as claims with their quotes — the graph a build gives
  when extraction is perfect.
* `synthetic_quads`: a deterministic graph of about N quads shaped like the project's data (states,
  provinces, cities and bases in a locatedIn tree; militias in umbrellas backed by states; attacks,
  strikes, troop levels, meetings and post holdings, each a claim with provenance), for the equality test
  with owlrl and for bench/bench_reasoning.py.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Quad

from isnad.graph.articles import article_quads
from isnad.graph.claims import gazetteer_claims, mention_claims
from isnad.graph.fact_model import fact_claims
from isnad.graph.iris import Iris
from isnad.loaders.records import EntityMention, EntityRef, Evidence, Extraction, Fact


def ontology_quads(iris: Iris) -> Iterator[Quad]:
    from isnad.build import ontology_quads as build_ontology_quads  # the build's own loader of isnad.ttl

    yield from build_ontology_quads(iris)


def seed_quads(iris: Iris, gold_path: Path) -> Iterator[Quad]:
    from isnad.loaders.corpus import read_corpus
    from isnad.loaders.gazetteer import load_gazetteer
    from isnad.resources import bundled_corpus_dir

    yield from ontology_quads(iris)
    articles = {article.id: article for article in read_corpus(bundled_corpus_dir())}
    for article in articles.values():
        yield from article_quads(article, iris)
    gazetteer = load_gazetteer()
    yield from gazetteer_claims(gazetteer, iris)
    entity_types = {entity.id: entity.type for entity in gazetteer.entities.values()}
    records = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    extractions = {article_id: Extraction(article_id) for article_id in articles}
    for record in records:
        if record["kind"] != "entity":
            continue
        entity_types.setdefault(record["id"], record["type"])
        if record["id"] in gazetteer.entities:
            continue
        # An entity the gazetteer does not know: typed and labelled by a mention claim in each article.
        for article_id in record.get("mentioned_in", []):
            text = articles[article_id].text
            label = next((form for form in record.get("labels_ar", []) if form in text), None)
            if label is None:
                continue
            start = text.index(label)
            ref = EntityRef(record["id"], record["type"], label_ar=label, label_en=record.get("label_en"))
            extractions[article_id].mentions.append(
                EntityMention(ref, Evidence(start, start + len(label), label, 0), via="title"))
    for record in records:
        if record["kind"] == "entity":
            continue
        evidence = record["evidence"]
        fields = {k: v for k, v in record.items() if k not in ("kind", "article", "evidence")}
        extractions[record["article"]].facts.append(Fact(
            record["kind"], fields, Evidence(evidence["start"], evidence["end"], evidence["quote"], 0),
            extractor="gold", extractor_version="1", confidence=1.0))
    for extraction in extractions.values():
        yield from mention_claims(extraction, iris)
        yield from fact_claims(extraction, iris, entity_types)


_WEAPONS = ("drone", "rocket", "missile", "ied", "gunfire")
_POSTS = ("head_of_government", "foreign_minister", "defense_minister", "national_security_adviser")


def synthetic_quads(iris: Iris, target: int = 50_000, seed: int = 7) -> list[Quad]:
    """About `target` quads (ontology included), the same for the same arguments."""
    rng = random.Random(seed)
    quads = list(ontology_quads(iris))
    scale = max(1, target // 1000)
    types: dict[str, str] = {}
    articles: list[Extraction] = []

    def entity(kind: str, slug: str) -> str:
        types[slug] = kind
        return slug

    states = [entity("State", f"state-{i}") for i in range(max(4, scale // 2))]
    provinces = [entity("Province", f"province-{i}") for i in range(scale * 2)]
    cities = [entity("City", f"city-{i}") for i in range(scale * 3)]
    bases = [entity("MilitaryBase", f"base-{i}") for i in range(scale * 2)]
    umbrellas = [entity("MilitiaUmbrella", f"umbrella-{i}") for i in range(max(2, scale // 5))]
    militias = [entity("Militia", f"militia-{i}") for i in range(scale * 2)]
    persons = [entity("Person", f"person-{i}") for i in range(scale * 3)]
    bodies = [entity("GovernmentBody", f"body-{i}") for i in range(max(2, scale // 2))]
    processes = [entity("NegotiationProcess", f"process-{i}") for i in range(max(1, scale // 10))]
    counter = iter(range(10**9))

    def evidence() -> Evidence:
        start = rng.randrange(0, 5000)
        return Evidence(start, start + 40, f"جملة {next(counter)} من المقال", rng.randrange(0, 60))

    def fact(extraction: Extraction, kind: str, **fields: object) -> None:
        extraction.facts.append(Fact(kind, fields, evidence(), "synthetic", "1", 0.9))

    def relation(extraction: Extraction, subject: str, predicate: str, obj: str) -> None:
        fact(extraction, "relation", subject=subject, predicate=predicate, object=obj)

    def date() -> str:
        return f"{rng.randrange(2014, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"

    background = Extraction("synthetic-background")
    articles.append(background)
    for slug in types:
        background.mentions.append(EntityMention(EntityRef(slug, types[slug], label_ar=f"اسم {slug}",
                                                           label_en=slug.replace("-", " ").title()),
                                                 evidence(), via="title"))
    for province in provinces:
        relation(background, province, "locatedIn", rng.choice(states))
    for city in cities:
        relation(background, city, "locatedIn", rng.choice(provinces))
    for base in bases:
        relation(background, base, "locatedIn", rng.choice(cities + provinces))
    for umbrella in umbrellas:
        relation(background, umbrella, "backedBy", rng.choice(states))
    for militia in militias:
        relation(background, militia, "memberOf", rng.choice(umbrellas))
        if rng.random() < 0.3:
            relation(background, militia, "backedBy", rng.choice(states))
        if rng.random() < 0.2:
            relation(background, militia, "opposes", rng.choice(states))
    for number, body in enumerate(bodies[1:], start=1):
        relation(background, body, "partOf", bodies[rng.randrange(0, number)])
    for person in persons[: len(persons) // 3]:
        relation(background, person, "leads", rng.choice(militias))

    def size() -> int:
        return len(quads)

    # Articles until the target size; the background claims are written with the first one.
    article_number = 0
    while True:
        article = Extraction(f"synthetic-{article_number:05d}")
        article_number += 1
        for _ in range(4):
            roll = rng.random()
            if roll < 0.35:
                attacked = date()
                fact(article, "attack", date=attacked, target=rng.choice(bases), weapon=rng.choice(_WEAPONS),
                     perpetrator=rng.choice(militias + umbrellas), attribution="attributed",
                     attributed_by=rng.choice(states), killed=rng.randrange(0, 5))
                if rng.random() < 0.3:
                    fact(article, "strike", by=rng.choice(states), date=date(), place=rng.choice(provinces),
                         in_response_to=attacked)
            elif roll < 0.55:
                fact(article, "troop_level", country=rng.choice(states), count=rng.randrange(100, 5000),
                     qualifier="about", as_of=date(), place=rng.choice(states))
            elif roll < 0.8:
                when = date()
                person = rng.choice(persons)
                fact(article, "post_held", person=person, post=rng.choice(_POSTS),
                     organization=rng.choice(states + bodies), as_of=when)
                fact(article, "negotiation_meeting", process=rng.choice(processes), date=when,
                     participants=[person, rng.choice(persons), rng.choice(states)])
            else:
                relation(article, rng.choice(militias), "memberOf", rng.choice(umbrellas))
        for extracted in (background, article) if article_number == 1 else (article,):
            quads.extend(mention_claims(extracted, iris))
            quads.extend(fact_claims(extracted, iris, types))
        if size() >= target:
            return quads

"""What the exploration pages need to know about every resource at once (labels, types, quotes), read from
the store once per generation and cached: the graph is small enough to hold these in memory, and the
pages (search, timeline, autocompletion) then answer without a query per row."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from isnad.graph.iris import ISNAD, PREFIXES, Iris
from isnad.server.store_access import StoreReader

SKOS = PREFIXES["skos"]
RDFS = PREFIXES["rdfs"]
RDF_TYPE = PREFIXES["rdf"] + "type"
_LABELS = {SKOS + "prefLabel": 0, RDFS + "label": 1, SKOS + "altLabel": 2, PREFIXES["schema"] + "name": 3}


@dataclass
class Entity:
    iri: str
    href: str
    en: list[str] = field(default_factory=list)  # preferred label first
    ar: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)  # asserted isnad: classes, local names

    @property
    def label(self) -> str:
        return (self.en + self.ar + self.other + [self.iri])[0]

    @property
    def label_ar(self) -> str | None:
        return self.ar[0] if self.ar else None

    def to_json(self) -> dict:
        return {"iri": self.iri, "href": self.href, "label": self.label, "label_en": self.en[:1] or None,
                "label_ar": self.label_ar, "types": self.types}


@dataclass
class Quote:
    """A sentence some claims rest on: where it is in its article and which claims cite it."""

    text: str
    article: str  # IRI
    article_id: str
    start: int | None
    end: int | None
    claims: list[str] = field(default_factory=list)


@dataclass
class Catalog:
    entities: dict[str, Entity]
    quotes: list[Quote]
    classes: list[tuple[str, str]]  # (IRI, label) of ontology classes
    properties: list[tuple[str, str]]  # (IRI, label) of ontology properties

    def label(self, iri: str) -> str:
        entity = self.entities.get(iri)
        if entity is not None:
            return entity.label
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri


def local_href(iris: Iris, iri: str) -> str:
    """Where this server shows an IRI: a path for our own IRIs and ontology terms, the IRI otherwise."""
    if iri.startswith(iris.base):
        return "/" + iri[len(iris.base):]
    if iri.startswith(ISNAD):
        return "/ontology#" + iri[len(ISNAD):]
    return iri


def claim_kind(iris: Iris, claim: str) -> str:
    """The kind a claim's IRI carries (…/claim/ARTICLE/KIND-HASH): mention, relation, statement …"""
    last = claim.rstrip("/").rsplit("/", 1)[-1]
    return last.rsplit("-", 1)[0] if "-" in last else last


def _build(store: ox.Store, iris: Iris) -> Catalog:
    entities: dict[str, Entity] = {}
    id_prefix = iris.base + "id/"
    skip = (id_prefix + "claim/", id_prefix + "article/", id_prefix + "activity/", id_prefix + "source/")
    inferred = iris.graph("inferred").value
    ranked: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    query = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && STRSTARTS(STR(?s), ?base) && " \
            "(?p IN (skos:prefLabel, rdfs:label, skos:altLabel, schema:name) || " \
            "(?p = rdf:type && ?g != ?inferred))) }"
    query = query.replace("?base", f'"{id_prefix}"').replace("?inferred", f"<{inferred}>")
    for row in store.query(query, prefixes=PREFIXES):
        subject = row["s"].value
        if subject.startswith(skip) or "#" in subject:
            continue
        entity = entities.setdefault(subject, Entity(subject, local_href(iris, subject)))
        obj = row["o"]
        if row["p"].value == RDF_TYPE:
            if obj.value.startswith(ISNAD) and obj.value[len(ISNAD):] not in entity.types:
                entity.types.append(obj.value[len(ISNAD):])
        elif isinstance(obj, ox.Literal):
            ranked[subject].append((_LABELS[row["p"].value], obj.language or "", obj.value))
    for subject, labels in ranked.items():
        entity = entities[subject]
        for _, language, text in sorted(labels):
            bucket = entity.en if language == "en" else entity.ar if language == "ar" else entity.other
            if text not in bucket:
                bucket.append(text)
    # Only things with a name are entities for search and completion (events have none).
    entities = {iri: e for iri, e in entities.items() if e.en or e.ar or e.other}

    quotes: dict[tuple[str, str], Quote] = {}
    provenance = iris.graph("provenance").value
    rows = store.query(f"""
        SELECT ?claim ?quote ?article ?id ?start ?end WHERE {{
          GRAPH <{provenance}> {{
            ?claim isnad:fromArticle ?article ; isnad:evidence ?e . ?e isnad:quote ?quote .
            OPTIONAL {{ ?e isnad:charStart ?start }} OPTIONAL {{ ?e isnad:charEnd ?end }}
          }}
          OPTIONAL {{ ?article dcterms:identifier ?id }}
        }} ORDER BY ?article ?start""", prefixes=PREFIXES, use_default_graph_as_union=True)
    for row in rows:
        article = row["article"].value
        key = (article, row["quote"].value)
        quote = quotes.get(key)
        if quote is None:
            article_id = row["id"].value if row["id"] is not None else article.rsplit("/", 1)[-1]
            quote = quotes[key] = Quote(row["quote"].value, article, article_id,
                                        int(row["start"].value) if row["start"] is not None else None,
                                        int(row["end"].value) if row["end"] is not None else None)
        if row["claim"].value not in quote.claims:
            quote.claims.append(row["claim"].value)

    terms: dict[str, list[tuple[str, str]]] = {"class": [], "property": []}
    ontology = iris.graph("ontology").value
    rows = store.query(f"""
        SELECT ?t ?kind (SAMPLE(?l) AS ?label) WHERE {{
          GRAPH <{ontology}> {{
            {{ ?t a owl:Class BIND("class" AS ?kind) }} UNION {{ ?t a rdfs:Class BIND("class" AS ?kind) }}
            UNION {{ ?t a owl:ObjectProperty BIND("property" AS ?kind) }}
            UNION {{ ?t a owl:DatatypeProperty BIND("property" AS ?kind) }}
            UNION {{ ?t a rdf:Property BIND("property" AS ?kind) }}
            OPTIONAL {{ ?t rdfs:label ?l FILTER(LANG(?l) = "en") }}
          }} FILTER(isIRI(?t))
        }} GROUP BY ?t ?kind ORDER BY ?t""", prefixes=PREFIXES)
    for row in rows:
        terms[row["kind"].value].append((row["t"].value, row["label"].value if row["label"] is not None else ""))
    return Catalog(entities, list(quotes.values()), terms["class"], terms["property"])


def get_catalog(reader: StoreReader, iris: Iris) -> Catalog:
    return reader.cached(f"ui-catalog {iris.base}", lambda: _build(reader.current(), iris))

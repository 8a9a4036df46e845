"""IRIs are minted here and nowhere else: a configurable base for data, a fixed namespace for the ontology."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

ONTOLOGY_IRI = "https://isnad.example.org/ontology"
ISNAD = ONTOLOGY_IRI + "#"

PREFIXES: dict[str, str] = {
    "isnad": ISNAD,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "dcterms": "http://purl.org/dc/terms/",
}

# The IRI path segment of each entity type: actors, places and processes are told apart in the IRI
# so that a reader of a bare IRI knows roughly what it names.
_ENTITY_CATEGORY = {
    "State": "actor",
    "GovernmentBody": "actor",
    "Person": "actor",
    "Militia": "actor",
    "TerroristOrganization": "actor",
    "MilitaryCoalition": "actor",
    "MilitiaUmbrella": "actor",
    "PoliticalAlliance": "actor",
    "Institution": "actor",
    "Force": "actor",
    "Country": "place",
    "Province": "place",
    "City": "place",
    "MilitaryBase": "place",
    "Zone": "place",
    "Embassy": "place",
    "NegotiationProcess": "process",
}

# Named graphs that are not claims. Each claim is a graph of its own (see Iris.claim).
# "summaries" holds figures computed at build time for the saved queries (graph/summaries.py).
GRAPH_NAMES = ("articles", "provenance", "ontology", "inferred", "meta", "explanations", "summaries")


def term(local_name: str) -> NamedNode:
    """An ontology term, e.g. term('Attack')."""
    return NamedNode(ISNAD + local_name)


def vocab(prefix: str, local_name: str) -> NamedNode:
    return NamedNode(PREFIXES[prefix] + local_name)


def slugify(text: str) -> str:
    """A deterministic, readable slug: ASCII letters, digits and hyphens.

    Text with no Latin letters (an Arabic name with no transliteration at hand) gets a short hash,
    so the same text always yields the same slug."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if slug:
        return slug
    return "x-" + hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:10]


def slug_of(iri: str) -> str:
    """An entity's id in the flat records: the last path segment of its IRI."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def key_hash(*parts: object) -> str:
    """A stable short hash of a key, for IRIs of things that have no readable name (claims)."""
    joined = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


class Iris:
    """Mints every data IRI under one base IRI."""

    def __init__(self, base_iri: str) -> None:
        if not base_iri.endswith("/"):
            raise ValueError(f"base IRI must end in '/': {base_iri!r}")
        self.base = base_iri

    def entity(self, entity_type: str, slug: str) -> NamedNode:
        try:
            category = _ENTITY_CATEGORY[entity_type]
        except KeyError:
            raise ValueError(f"unknown entity type {entity_type!r}; known: {', '.join(_ENTITY_CATEGORY)}") from None
        return NamedNode(f"{self.base}id/{category}/{slug}")

    def article(self, article_id: str) -> NamedNode:
        return NamedNode(f"{self.base}id/article/{article_id}")

    def event(self, kind: str, *key: object) -> NamedNode:
        """An event or observation keyed by what identifies it (e.g. attack: date + target), so that two
        articles reporting the same thing land on the same node."""
        readable = "-".join(slugify(str(k)) for k in key if k not in (None, ""))
        return NamedNode(f"{self.base}id/{slugify(kind)}/{readable or key_hash(*key)}")

    def activity(self, extractor: str, version: str) -> NamedNode:
        """The extraction activity of one extractor at one version (shared by all its claims)."""
        return NamedNode(f"{self.base}id/activity/{slugify(extractor)}-{slugify(version)}")

    def source(self, name: str) -> NamedNode:
        """A curated source of background knowledge, such as the gazetteer."""
        return NamedNode(f"{self.base}id/source/{slugify(name)}")

    def claim(self, article_id: str, kind: str, *key: object) -> NamedNode:
        return NamedNode(f"{self.base}id/claim/{article_id}/{slugify(kind)}-{key_hash(*key)}")

    def summary(self, kind: str, *key: object) -> NamedNode:
        """A record of the summaries graph, e.g. the source count of a fact from one date on."""
        return NamedNode(f"{self.base}id/summary/{slugify(kind)}-{key_hash(*key)}")

    def graph(self, name: str) -> NamedNode:
        if name not in GRAPH_NAMES:
            raise ValueError(f"unknown graph {name!r}; known: {', '.join(GRAPH_NAMES)}")
        return NamedNode(f"{self.base}graph/{name}")

    def graph_kind(self, graph_iri: str) -> str:
        """Which kind of graph an IRI names: one of GRAPH_NAMES, 'claim', or 'other'."""
        if graph_iri.startswith(f"{self.base}id/claim/"):
            return "claim"
        prefix = f"{self.base}graph/"
        if graph_iri.startswith(prefix) and graph_iri[len(prefix) :] in GRAPH_NAMES:
            return graph_iri[len(prefix) :]
        return "other"

"""What the graph says about one resource: for its HTML page (facts with their sources) and for machines
(the quads that mention it, with the provenance of the claims among them)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox

from isnad.graph.iris import ISNAD, ONTOLOGY_IRI, PREFIXES, Iris

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
LABEL_PROPERTIES = [PREFIXES["skos"] + "prefLabel", PREFIXES["rdfs"] + "label", PREFIXES["skos"] + "altLabel",
                    PREFIXES["schema"] + "name"]
_LIST_LIMIT = 500  # facts of one kind shown on a page; the rest is a SPARQL query away


@dataclass
class Value:
    """A term as the page shows it: a link (with a label) or a literal (with its language)."""

    text: str
    href: str | None = None
    language: str | None = None
    datatype: str | None = None
    iri: str | None = None


@dataclass
class Source:
    claim: str
    claim_href: str
    article: Value | None = None
    published: str | None = None
    curated: Value | None = None
    quotes: list[str] = field(default_factory=list)
    confidence: str | None = None


@dataclass
class Fact:
    value: Value
    sources: list[Source] = field(default_factory=list)
    inferred: bool = False
    explain_href: str | None = None

    @property
    def source_count(self) -> int:
        """Independent sources: distinct articles, and distinct curated sources."""
        return len({(s.article.iri if s.article else None, s.curated.iri if s.curated else None)
                    for s in self.sources})


@dataclass
class FactGroup:
    predicate: Value
    direction: str  # "out": this resource is the subject; "in": it is the object
    facts: list[Fact] = field(default_factory=list)
    kind: str = "Other facts"  # the section of the page it is shown in (see fact_kind)


# Sections of an entity page, in order, and the properties (by local name and direction) shown in each.
FACT_KINDS: dict[str, set[tuple[str, str]]] = {
    "Names and identity": {("out", "sameAs"), ("out", "wikidata")},
    "Relations": {("out", p) for p in ("backedBy", "memberOf", "partOf", "alliedWith", "opposes", "leads", "ledBy",
                                        "commanderOf", "locatedIn", "accusedBy", "capitalOf")}
    | {("in", p) for p in ("backedBy", "memberOf", "partOf", "alliedWith", "opposes", "leads", "commanderOf",
                           "locatedIn")},
    "Events": {("in", p) for p in ("perpetratedBy", "carriedOutBy", "attributedBy", "target", "participant",
                                   "place", "attacksBy", "inProcess", "outcomeOf", "enactedBy", "country")},
    "Statements": {("in", "speaker")},
    "Posts": {("out", "holdsPost"), ("in", "holder"), ("in", "inOrganization")},
    "Mentioned in": {("in", "mentions"), ("out", "mentionedIn")},
}


def fact_kind(direction: str, predicate: str) -> str:
    local = predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    for kind, members in FACT_KINDS.items():
        if (direction, local) in members:
            return kind
    return "Details" if direction == "out" else "Other facts"


KIND_ORDER = [*FACT_KINDS, "Details", "Other facts"]


@dataclass
class Description:
    iri: str
    labels_ar: list[str]
    labels_en: list[str]
    other_labels: list[str]
    types: list[Value]
    claimed: list[FactGroup]
    inferred: list[FactGroup]
    statements: list[FactGroup]  # from articles, provenance, ontology graphs: descriptive, not claims
    graph_contents: list[tuple[Value, Value, Value]]  # when the resource names a graph (a claim)
    is_claim: bool
    provenance: Source | None = None  # when the resource is a claim: its article, quotes, confidence

    def claimed_by_kind(self) -> list[tuple[str, list[FactGroup]]]:
        """The claimed facts in page sections (relations, events, statements …), in KIND_ORDER."""
        sections: dict[str, list[FactGroup]] = {}
        for group in self.claimed:
            sections.setdefault(group.kind, []).append(group)
        return [(kind, sections[kind]) for kind in KIND_ORDER if kind in sections]

    @property
    def source_count(self) -> int:
        """Distinct articles behind the claims about this resource."""
        return len({s.article.iri for g in self.claimed for f in g.facts for s in f.sources
                    if s.article is not None})


class Describer:
    def __init__(self, store: ox.Store, iris: Iris) -> None:
        self.store = store
        self.iris = iris
        self._labels: dict[str, str] = {}

    # -- terms as shown --------------------------------------------------------------------------------
    def href(self, iri: str) -> str | None:
        """Where an IRI is served here: a path for our own IRIs, the IRI itself for others."""
        if iri.startswith(self.iris.base):
            return "/" + iri[len(self.iris.base) :]
        if iri == ONTOLOGY_IRI or iri.startswith(ISNAD):
            return "/ontology" + iri[len(ONTOLOGY_IRI) :]
        return iri if iri.startswith(("http://", "https://")) else None

    def value(self, term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Value:
        if isinstance(term, ox.NamedNode):
            return Value(self.label(term.value), href=self.href(term.value), iri=term.value)
        if isinstance(term, ox.Literal):
            datatype = None if term.language else term.datatype.value.removeprefix(PREFIXES["xsd"])
            return Value(term.value, language=term.language, datatype=datatype)
        return Value(str(term))

    def label(self, iri: str) -> str:
        if iri not in self._labels:
            self._labels[iri] = self._find_label(iri)
        return self._labels[iri]

    def _find_label(self, iri: str) -> str:
        node = ox.NamedNode(iri)
        found: dict[str, str] = {}
        for prop in LABEL_PROPERTIES:
            for quad in self.store.quads_for_pattern(node, ox.NamedNode(prop), None, None):
                if isinstance(quad.object, ox.Literal):
                    found.setdefault(quad.object.language or "", quad.object.value)
            if found:
                break
        if "en" in found and "ar" in found:
            return f"{found['en']} — {found['ar']}"
        if found:
            return found.get("en") or found.get("ar") or next(iter(found.values()))
        for prefix, namespace in PREFIXES.items():
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri

    # -- the description -------------------------------------------------------------------------------
    def exists(self, node: ox.NamedNode) -> bool:
        return (next(iter(self.store.quads_for_pattern(node, None, None, None)), None) is not None
                or next(iter(self.store.quads_for_pattern(None, None, node, None)), None) is not None
                or next(iter(self.store.quads_for_pattern(None, None, None, node)), None) is not None)

    def describe(self, node: ox.NamedNode) -> Description:
        claims = self._claim_graphs()
        inferred_graph = self.iris.graph("inferred")
        labels: dict[str, list[str]] = defaultdict(list)
        types: list[Value] = []
        claimed: dict[tuple[str, str], dict[str, Fact]] = defaultdict(dict)
        inferred: dict[tuple[str, str], dict[str, Fact]] = defaultdict(dict)
        statements: dict[tuple[str, str], dict[str, Fact]] = defaultdict(dict)
        fact_claims: dict[int, list[str]] = defaultdict(list)

        def add(groups: dict, direction: str, quad: ox.Quad, other: ox.Term) -> Fact | None:
            key = (direction, quad.predicate.value)
            facts = groups[key]
            if len(facts) >= _LIST_LIMIT and str(other) not in facts:
                return None
            fact = facts.setdefault(str(other), Fact(self.value(other)))
            return fact

        for direction, quads in (("out", self.store.quads_for_pattern(node, None, None, None)),
                                 ("in", self.store.quads_for_pattern(None, None, node, None))):
            for quad in quads:
                other = quad.object if direction == "out" else quad.subject
                graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
                if direction == "out" and quad.predicate.value in LABEL_PROPERTIES and isinstance(other, ox.Literal):
                    if other.value not in labels[other.language or ""]:
                        labels[other.language or ""].append(other.value)
                    continue
                if direction == "out" and quad.predicate == RDF_TYPE and graph not in claims:
                    if all(t.iri != other.value for t in types):
                        types.append(self.value(other))
                    continue
                if graph in claims:
                    fact = add(claimed, direction, quad, other)
                    if fact is not None:
                        fact_claims[id(fact)].append(graph)
                elif quad.graph_name == inferred_graph:
                    fact = add(inferred, direction, quad, other)
                    if fact is not None:
                        fact.inferred = True
                        s, o = (node, other) if direction == "out" else (other, node)
                        fact.explain_href = "/explain?" + urlencode({"s": str(s), "p": str(quad.predicate),
                                                                     "o": str(o)})
                else:
                    add(statements, direction, quad, other)

        # A stated fact the reasoner also derives is marked on the stated fact, with its explanation.
        for key, facts in claimed.items():
            for value_key, fact in facts.items():
                twin = inferred.get(key, {}).get(value_key)
                if twin is not None:
                    fact.inferred, fact.explain_href = True, twin.explain_href
                    del inferred[key][value_key]  # shown once, with its sources
        inferred = defaultdict(dict, {key: facts for key, facts in inferred.items() if facts})
        provenance = self._provenance({c for cs in fact_claims.values() for c in cs})
        for facts in claimed.values():
            for fact in facts.values():
                fact.sources = [provenance[c] for c in dict.fromkeys(fact_claims[id(fact)]) if c in provenance]
        contents = [(self.value(q.subject), self.value(q.predicate), self.value(q.object))
                    for q in self.store.quads_for_pattern(None, None, None, node)]
        return Description(
            iri=node.value,
            labels_ar=labels.pop("ar", []),
            labels_en=labels.pop("en", []),
            other_labels=[label for values in labels.values() for label in values],
            types=types,
            claimed=self._groups(claimed),
            inferred=self._groups(inferred),
            statements=self._groups(statements),
            graph_contents=contents[:_LIST_LIMIT],
            is_claim=node.value in claims,
            provenance=self._provenance({node.value}).get(node.value) if node.value in claims else None,
        )

    def _groups(self, groups: dict[tuple[str, str], dict[str, Fact]]) -> list[FactGroup]:
        result = [FactGroup(self.value(ox.NamedNode(predicate)), direction, list(facts.values()),
                            fact_kind(direction, predicate))
                  for (direction, predicate), facts in groups.items()]
        return sorted(result, key=lambda g: (g.direction != "out", g.predicate.text.lower()))

    def _claim_graphs(self) -> set[str]:
        claim_class = ox.NamedNode(ISNAD + "Claim")
        return {q.subject.value for q in self.store.quads_for_pattern(None, RDF_TYPE, claim_class,
                                                                      self.iris.graph("provenance"))}

    def _provenance(self, claims: set[str]) -> dict[str, Source]:
        if not claims:
            return {}
        values = " ".join(f"<{c}>" for c in sorted(claims))
        query = f"""
        SELECT ?claim ?article ?headline ?published ?source ?quote ?confidence WHERE {{
          VALUES ?claim {{ {values} }}
          GRAPH <{self.iris.graph("provenance").value}> {{
            OPTIONAL {{ ?claim isnad:fromArticle ?article }}
            OPTIONAL {{ ?claim isnad:fromSource ?source }}
            OPTIONAL {{ ?claim isnad:evidence ?evidence . ?evidence isnad:quote ?quote }}
            OPTIONAL {{ ?claim isnad:confidence ?confidence }}
          }}
          OPTIONAL {{ ?article schema:headline ?headline }}
          OPTIONAL {{ ?article schema:datePublished ?published }}
        }}"""
        sources: dict[str, Source] = {}
        for row in self.store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True):
            claim = row["claim"].value
            source = sources.setdefault(claim, Source(claim=claim, claim_href=self.href(claim) or claim))
            if row["article"] is not None and source.article is None:
                source.article = self.value(row["article"])
                if row["headline"] is not None:
                    source.article.text = row["headline"].value
                    source.article.language = row["headline"].language
                source.published = row["published"].value if row["published"] is not None else None
            if row["source"] is not None and source.curated is None:
                source.curated = self.value(row["source"])
            if row["quote"] is not None and row["quote"].value not in source.quotes:
                source.quotes.append(row["quote"].value)
            if row["confidence"] is not None:
                source.confidence = row["confidence"].value
        return sources

    # -- for machines ----------------------------------------------------------------------------------
    def quads(self, node: ox.NamedNode, limit: int) -> list[ox.Quad]:
        """Quads that mention the resource (as subject, as object, or as the graph they are in), plus the
        provenance of every claim among their graphs and of the resource itself when it is a claim."""
        found: dict[ox.Quad, None] = {}
        for pattern in ((node, None, None, None), (None, None, node, None), (None, None, None, node)):
            for position, quad in enumerate(self.store.quads_for_pattern(*pattern)):
                if position >= limit:
                    break
                found[quad] = None
        provenance_graph = self.iris.graph("provenance")
        claims = {q.graph_name for q in found if isinstance(q.graph_name, ox.NamedNode)
                  and self.iris.graph_kind(q.graph_name.value) == "claim"}
        if self.iris.graph_kind(node.value) == "claim":
            claims.add(node)
        for claim in claims:
            for quad in self.store.quads_for_pattern(claim, None, None, provenance_graph):
                found[quad] = None
                if quad.predicate.value == ISNAD + "evidence" and not isinstance(quad.object, ox.Literal):
                    for evidence in self.store.quads_for_pattern(quad.object, None, None, provenance_graph):
                        found[evidence] = None
        return list(found)

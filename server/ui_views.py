"""The data behind the exploration pages: counts for the home page, the timeline, US troop levels, an
article with its claims, and an entity's neighbourhood graph. Each function runs a few bounded queries
on the current store and returns plain dicts and dataclasses the templates (and the JSON variants) show."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph as ox

from isnad.graph.iris import ISNAD, PREFIXES, Iris
from isnad.server.ui_catalog import Catalog, claim_kind, local_href

# Kinds of events on the timeline: class local name → (kind, what it is called), in the order of the filter.
TIMELINE_KINDS = {
    "Attack": ("attack", "Attack"), "Strike": ("strike", "Strike"), "Meeting": ("meeting", "Meeting"),
    "Statement": ("statement", "Statement"), "TroopLevel": ("troop-level", "Troop level"),
    "Deployment": ("movement", "Deployment"), "Withdrawal": ("movement", "Withdrawal"),
    "Return": ("movement", "Return"), "Reduction": ("movement", "Reduction"),
    "Outcome": ("outcome", "Negotiation outcome"), "Legislation": ("legislation", "Legislation"),
}
KIND_LABELS = {"attack": "Attacks", "strike": "Strikes", "meeting": "Meetings", "statement": "Statements",
               "troop-level": "Troop levels", "movement": "Troop movements", "outcome": "Negotiation outcomes",
               "legislation": "Legislation"}
# Properties that tie an event to the actors it involves (shown, and filtered on, in the timeline).
ACTOR_PROPERTIES = ("perpetratedBy", "carriedOutBy", "attributedBy", "target", "participant", "speaker",
                    "country", "enactedBy", "attacksBy")


def _q(store: ox.Store, query: str):
    return store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)


def _claim_filter(iris: Iris, var: str = "?g") -> str:
    return f'FILTER(STRSTARTS(STR({var}), "{iris.base}id/claim/"))'


# ---------------------------------------------------------------------------------------------------------
# Home
# ---------------------------------------------------------------------------------------------------------

def home_counts(store: ox.Store, iris: Iris) -> dict:
    counts: dict = {}
    row = next(iter(_q(store, """SELECT (COUNT(DISTINCT ?a) AS ?n) (MIN(STR(?d)) AS ?first) (MAX(STR(?d)) AS ?last)
        WHERE { ?a a isnad:Article . OPTIONAL { ?a schema:datePublished ?d } }""")))
    counts["articles"] = int(row["n"].value)
    counts["date_range"] = (row["first"].value, row["last"].value) if row["first"] is not None else None
    actors = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a isnad:Actor }"
    counts["actors"] = int(next(iter(_q(store, actors)))["n"].value)
    for name, cls in (("attacks", "Attack"), ("strikes", "Strike"), ("meetings", "Meeting"),
                      ("statements", "Statement"), ("troop_levels", "TroopLevel")):
        query = f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?e a isnad:{cls} }} {_claim_filter(iris)} }}"
        counts[name] = int(next(iter(_q(store, query)))["n"].value)
    counts["claims"] = int(next(iter(_q(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a isnad:Claim }")))[
        "n"].value)
    # Inferred facts: triples of the inferred graph that no claim states (class memberships left out).
    inferred = iris.graph("inferred")
    stated = set()
    for quad in store.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value.startswith(iris.base + "id/claim/"):
            stated.add((quad.subject, quad.predicate, quad.object))
    rdf_type = ox.NamedNode(PREFIXES["rdf"] + "type")
    counts["inferred_facts"] = sum(1 for q in store.quads_for_pattern(None, None, None, inferred)
                                   if q.predicate != rdf_type and (q.subject, q.predicate, q.object) not in stated)
    return counts


# ---------------------------------------------------------------------------------------------------------
# Evidence shared by the timeline, troop levels and articles
# ---------------------------------------------------------------------------------------------------------

@dataclass
class Evidence:
    claim: str
    claim_href: str
    article_id: str | None
    article_href: str | None
    published: str | None
    quote: str | None
    start: int | None = None

    def to_json(self) -> dict:
        return dict(self.__dict__)


def _evidence(row, iris: Iris) -> Evidence:
    claim = row["claim"].value
    article_id = row["article_id"].value if row["article_id"] is not None else None
    start = row["start"].value if row["start"] is not None else None
    return Evidence(claim, local_href(iris, claim), article_id,
                    f"/articles/{article_id}#s{start}" if article_id and start is not None
                    else (f"/articles/{article_id}" if article_id else None),
                    row["published"].value if row["published"] is not None else None,
                    row["quote"].value if row["quote"] is not None else None,
                    int(start) if start is not None else None)


_EVIDENCE_PATTERN = """
  OPTIONAL { ?claim isnad:fromArticle ?article . ?article dcterms:identifier ?article_id .
             OPTIONAL { ?article schema:datePublished ?published } }
  OPTIONAL { ?claim isnad:evidence ?ev . ?ev isnad:quote ?quote . OPTIONAL { ?ev isnad:charStart ?start } }
"""


# ---------------------------------------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------------------------------------

@dataclass
class TimelineItem:
    event: str
    href: str
    kind: str
    kind_label: str
    date: str
    title: str
    actors: list[dict] = field(default_factory=list)  # {iri, href, label, role}
    details: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"event": self.event, "href": self.href, "kind": self.kind, "kind_label": self.kind_label,
                "date": self.date, "title": self.title, "actors": self.actors, "details": self.details,
                "evidence": [e.to_json() for e in self.evidence]}


def timeline(store: ox.Store, iris: Iris, catalog: Catalog, kinds: set[str] | None = None,
             actor: str | None = None) -> list[TimelineItem]:
    classes = " ".join(f"isnad:{c}" for c in TIMELINE_KINDS)
    rows = _q(store, f"""
        SELECT ?event ?class ?date ?claim ?article_id ?published ?quote ?start WHERE {{
          VALUES ?class {{ {classes} }}
          GRAPH ?claim {{ ?event a ?class . OPTIONAL {{ ?event isnad:date ?d }} OPTIONAL {{ ?event isnad:asOf ?a }} }}
          {_claim_filter(iris, "?claim")}
          BIND(COALESCE(?d, ?a) AS ?date)
          FILTER(BOUND(?date))
          {_EVIDENCE_PATTERN}
        }}""")
    items: dict[str, TimelineItem] = {}
    for row in rows:
        event = row["event"].value
        cls = row["class"].value[len(ISNAD):]
        kind, kind_label = TIMELINE_KINDS[cls]
        item = items.get(event)
        if item is None:
            item = items[event] = TimelineItem(event, local_href(iris, event), kind, kind_label,
                                               row["date"].value, kind_label)
        evidence = _evidence(row, iris)
        if all((e.claim, e.quote) != (evidence.claim, evidence.quote) for e in item.evidence):
            item.evidence.append(evidence)
    if not items:
        return []
    values = " ".join(f"<{e}>" for e in items)
    props = " ".join(f"isnad:{p}" for p in ACTOR_PROPERTIES)
    for row in _q(store, f"""
        SELECT DISTINCT ?event ?p ?o WHERE {{
          VALUES ?event {{ {values} }}
          GRAPH ?g {{ ?event ?p ?o }} {_claim_filter(iris)}
          FILTER(?p IN ({props.replace(" ", ", ")}, isnad:count, isnad:killed, isnad:injured, isnad:topicText,
                        isnad:place, isnad:quote))
        }}"""):
        item = items[row["event"].value]
        prop = row["p"].value[len(ISNAD):]
        obj = row["o"]
        if prop in ACTOR_PROPERTIES and isinstance(obj, ox.NamedNode):
            if all(a["iri"] != obj.value or a["role"] != prop for a in item.actors):
                item.actors.append({"iri": obj.value, "href": local_href(iris, obj.value),
                                    "label": catalog.label(obj.value), "role": prop})
        elif prop == "place" and isinstance(obj, ox.NamedNode):
            item.details.append(f"in {catalog.label(obj.value)}")
        elif prop in ("count", "killed", "injured"):
            item.details.append(f"{prop}: {obj.value}")
        elif prop in ("topicText", "quote") and isinstance(obj, ox.Literal) and len(item.details) < 6:
            item.details.append(obj.value)
    for item in items.values():
        main = [a["label"] for a in item.actors if a["role"] in ("perpetratedBy", "carriedOutBy", "speaker",
                                                                  "country", "enactedBy")]
        others = [a["label"] for a in item.actors if a["role"] in ("participant", "target")]
        who = ", ".join(dict.fromkeys(main or others))
        item.title = f"{item.kind_label}: {who}" if who else item.kind_label
        item.details = list(dict.fromkeys(item.details))
    result = list(items.values())
    if kinds:
        result = [i for i in result if i.kind in kinds]
    if actor:
        result = [i for i in result if any(a["iri"] == actor for a in i.actors)]
    return sorted(result, key=lambda i: (i.date, i.kind, i.title))


def timeline_actors(items: list[TimelineItem]) -> list[dict]:
    actors: dict[str, dict] = {}
    for item in items:
        for actor in item.actors:
            actors.setdefault(actor["iri"], {"iri": actor["iri"], "label": actor["label"], "count": 0})["count"] += 1
    return sorted(actors.values(), key=lambda a: (-a["count"], a["label"]))


def date_position(value: str) -> float:
    """A date (xsd:date, gYearMonth or gYear) as a fractional year, for placing it on an axis."""
    parts = value.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 7
    day = int(parts[2][:2]) if len(parts) > 2 else 15
    return year + (month - 1) / 12 + (day - 1) / 365


# ---------------------------------------------------------------------------------------------------------
# Troop levels
# ---------------------------------------------------------------------------------------------------------

@dataclass
class TroopFigure:
    observation: str
    as_of: str
    count: int
    qualifier: str | None
    place: str
    evidence: list[Evidence] = field(default_factory=list)
    conflicting: bool = False  # another figure is given for the same country, place and date

    def to_json(self) -> dict:
        return {"observation": self.observation, "as_of": self.as_of, "count": self.count,
                "qualifier": self.qualifier, "place": self.place, "conflicting": self.conflicting,
                "evidence": [e.to_json() for e in self.evidence]}


def troop_levels(store: ox.Store, iris: Iris, catalog: Catalog, country: str) -> list[TroopFigure]:
    rows = _q(store, f"""
        SELECT ?obs ?as_of ?count ?qualifier ?place ?claim ?article_id ?published ?quote ?start WHERE {{
          GRAPH ?claim {{ ?obs a isnad:TroopLevel ; isnad:country <{country}> ; isnad:count ?count ;
                                isnad:asOf ?as_of . OPTIONAL {{ ?obs isnad:place ?place }}
                           OPTIONAL {{ ?obs isnad:qualifier ?q }} }}
          {_claim_filter(iris, "?claim")}
          OPTIONAL {{ ?q skos:notation ?qualifier }}
          {_EVIDENCE_PATTERN}
        }} ORDER BY ?as_of""")
    figures: dict[tuple[str, int], TroopFigure] = {}
    for row in rows:
        key = (row["obs"].value, int(row["count"].value))
        figure = figures.get(key)
        if figure is None:
            place = row["place"].value if row["place"] is not None else ""
            figure = figures[key] = TroopFigure(row["obs"].value, row["as_of"].value, int(row["count"].value),
                                                row["qualifier"].value if row["qualifier"] is not None else None,
                                                catalog.label(place) if place else "")
        evidence = _evidence(row, iris)
        if all((e.claim, e.quote) != (evidence.claim, evidence.quote) for e in figure.evidence):
            figure.evidence.append(evidence)
    # Two figures conflict when they differ for the same place and period: the same date, or a date inside
    # the other's month or year (2021-07 and 2021-07-27).
    for figure in figures.values():
        figure.conflicting = any(
            other.count != figure.count and other.place == figure.place
            and (other.as_of.startswith(figure.as_of) or figure.as_of.startswith(other.as_of))
            for other in figures.values())
    return sorted(figures.values(), key=lambda f: (f.as_of, f.count))


# ---------------------------------------------------------------------------------------------------------
# An article with its claims
# ---------------------------------------------------------------------------------------------------------

@dataclass
class ArticleClaim:
    claim: str
    href: str
    kind: str
    triples: list[tuple[str, str, str]]  # labels


@dataclass
class ArticleSpan:
    text: str
    start: int | None = None  # set when the span is a claim sentence
    claims: list[ArticleClaim] = field(default_factory=list)


@dataclass
class ArticleView:
    iri: str
    article_id: str
    headline: str | None
    published: str | None
    publisher: str | None
    spans: list[ArticleSpan]
    claim_count: int


def article_view(store: ox.Store, iris: Iris, catalog: Catalog, article_id: str) -> ArticleView | None:
    article = iris.article(article_id)
    row = next(iter(_q(store, f"""
        SELECT ?text ?headline ?published ?publisher WHERE {{
          <{article.value}> a isnad:Article . OPTIONAL {{ <{article.value}> schema:text ?text }}
          OPTIONAL {{ <{article.value}> schema:headline ?headline }}
          OPTIONAL {{ <{article.value}> schema:datePublished ?published }}
          OPTIONAL {{ <{article.value}> schema:publisher ?publisher }}
        }} LIMIT 1""")), None)
    if row is None:
        return None
    text = row["text"].value if row["text"] is not None else ""
    sentences: dict[tuple[int, int], list[ArticleClaim]] = defaultdict(list)
    claims: dict[str, ArticleClaim] = {}
    for r in _q(store, f"""
        SELECT ?claim ?start ?end ?s ?p ?o WHERE {{
          ?claim isnad:fromArticle <{article.value}> ; isnad:evidence ?e .
          ?e isnad:charStart ?start ; isnad:charEnd ?end .
          GRAPH ?claim {{ ?s ?p ?o }}
        }} ORDER BY ?start ?claim"""):
        iri = r["claim"].value
        claim = claims.get(iri)
        if claim is None:
            claim = claims[iri] = ArticleClaim(iri, local_href(iris, iri), claim_kind(iris, iri), [])
            span = (int(r["start"].value), int(r["end"].value))
            sentences[span].append(claim)
        o = r["o"]
        claim.triples.append((catalog.label(r["s"].value) if isinstance(r["s"], ox.NamedNode) else str(r["s"]),
                              catalog.label(r["p"].value),
                              catalog.label(o.value) if isinstance(o, ox.NamedNode) else o.value))
    spans: list[ArticleSpan] = []
    at = 0
    for (start, end) in sorted(sentences):
        if start < at or end > len(text):  # overlapping or out of range: the claims are listed, not highlighted
            continue
        if start > at:
            spans.append(ArticleSpan(text[at:start]))
        spans.append(ArticleSpan(text[start:end], start, sentences[(start, end)]))
        at = end
    spans.append(ArticleSpan(text[at:]))
    shown = {c.claim for s in spans for c in s.claims}
    leftover = [c for cs in sentences.values() for c in cs if c.claim not in shown]
    if leftover:
        spans.append(ArticleSpan("", None, leftover))
    return ArticleView(article.value, article_id, row["headline"].value if row["headline"] is not None else None,
                       row["published"].value if row["published"] is not None else None,
                       row["publisher"].value if row["publisher"] is not None else None, spans, len(claims))


# ---------------------------------------------------------------------------------------------------------
# An entity's neighbourhood, for the graph view
# ---------------------------------------------------------------------------------------------------------

_SKIP_PREDICATES = {PREFIXES["rdf"] + "type", ISNAD + "mentions", ISNAD + "mentionedIn", PREFIXES["schema"] + "sameAs",
                    PREFIXES["dcterms"] + "isPartOf", PREFIXES["dcterms"] + "hasPart"}
MAX_EDGES = 80


def neighbourhood(store: ox.Store, iris: Iris, catalog: Catalog, iri: str) -> dict:
    """Nodes and edges around an entity: what claims state (stated) and what the reasoner adds (inferred).
    An edge both stated and inferred is drawn once, as stated, and says it is also inferred."""
    node = ox.NamedNode(iri)
    inferred_graph = iris.graph("inferred")
    claim_prefix = iris.base + "id/claim/"
    edges: dict[tuple[str, str, str], dict] = {}
    for pattern in ((node, None, None, None), (None, None, node, None)):
        for quad in store.quads_for_pattern(*pattern):
            if quad.predicate.value in _SKIP_PREDICATES or not isinstance(quad.object, ox.NamedNode) \
                    or not isinstance(quad.subject, ox.NamedNode):
                continue
            other = quad.object.value if quad.subject == node else quad.subject.value
            if other not in catalog.entities or other == iri:
                continue  # events and terms are reached from the facts list; the graph shows named things
            graph = quad.graph_name
            stated = isinstance(graph, ox.NamedNode) and graph.value.startswith(claim_prefix)
            inferred = graph == inferred_graph
            if not (stated or inferred):
                continue
            key = (quad.subject.value, quad.predicate.value, quad.object.value)
            edge = edges.setdefault(key, {"stated": False, "inferred": False})
            edge["stated"] |= stated
            edge["inferred"] |= inferred
    nodes = {iri: {"id": iri, "label": catalog.label(iri), "href": local_href(iris, iri), "center": True}}
    out_edges = []
    for (s, p, o), how in sorted(edges.items(), key=lambda kv: (not kv[1]["stated"], kv[0]))[:MAX_EDGES]:
        for end in (s, o):
            nodes.setdefault(end, {"id": end, "label": catalog.label(end), "href": local_href(iris, end),
                                   "center": False})
        edge = {"id": f"{s} {p} {o}", "source": s, "target": o, "predicate": p,
                "label": catalog.label(p).split(":", 1)[-1], "stated": how["stated"], "inferred": how["inferred"]}
        if how["inferred"]:
            edge["explain"] = "/explain?" + urlencode({"s": f"<{s}>", "p": f"<{p}>", "o": f"<{o}>"})
        out_edges.append(edge)
    return {"nodes": list(nodes.values()), "edges": out_edges}

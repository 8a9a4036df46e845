"""Figures computed once at build time, so that the saved queries read them instead of aggregating.

The saved queries ask two questions that, evaluated at query time, aggregate over every claim of the
graph: "from how many independent sources is this fact known?" (an outlet counts once, and so does one
wording reprinted by several outlets) and "what is the latest troop figure for this country and place?".
Both depend on the `as_of` parameter (the graph as it was known on a date), but only through the
publication dates of the articles: as `as_of` moves forward, each figure changes only on the dates on
which an article about it was published. So each figure is stored as a short series of steps, each valid
from one publication date (inclusive) until the next change (exclusive; the last step has no end), and a
query picks the step whose interval holds its `as_of` (or the open-ended step when `as_of` is unset).
Dates compare as strings, as in the queries (`STR(?published) <= STR(?as_of)`), so dates of every
precision (2021, 2021-07, 2021-07-27) order as they always did.

What is written, in the graph BASE graph/summaries (record IRIs are minted from what they describe, so a
rebuild and an ingest write the same IRIs, and an ingest can replace the records of the facts it touched):

    ?fact isnad:sourceStep ?step .               # sources over the claims typing ?fact with any class
    ?step isnad:sources 3 ; isnad:validFrom "2021-04-07" ; isnad:validUntil "2021-07" .

    ?record isnad:corroborates ?fact ; isnad:factClass ?class ;    # per fact and class, for corroboration
            isnad:sources 3 ; isnad:claimCount 4 ; isnad:articleIds "000_… 002_…" ;
            isnad:validFrom "…" ; isnad:validUntil "…" .

    ?record isnad:latestFigureCountry ?country ; isnad:latestFigurePlace ?place ;   # latest troop figure
            isnad:latestAsOf "2024" ; isnad:validFrom "…" ; isnad:validUntil "…" .

Readers: corroboration and single-source-facts (per fact and class), the queries that count sources over
facts of every class (events-in-range, places, troop-movements, negotiation-timeline) and
current-troop-levels (latest figure). Queries that count sources for one class only (troop-levels,
attacks, statements…) still aggregate: that touches no more claims than they read anyway, and pyoxigraph
evaluates it faster than a lookup per row.

A build writes the graph whole (write_summaries), after reasoning (the figures count asserted claims only);
an ingest rewrites only the records of the facts and troop series its claims touch (update_summaries), so it
costs what the article touches, not what the store holds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from isnad.graph.iris import PREFIXES, Iris, term

_XSD_INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")
_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
_TROOP_LEVEL, _COUNTRY, _PLACE = term("TroopLevel"), term("country"), term("place")

# One row per (fact, class, claim, wording) with what the independent-source count reads. The same
# patterns as the queries' former sub-queries, so the stored figures are exactly what they computed.
_SOURCE_ROWS = """
SELECT DISTINCT ?fact ?class ?claim ?published ?source ?wording ?article WHERE {
  GRAPH ?claim { ?fact a ?class }
  ?claim isnad:fromArticle ?a ; isnad:evidence/isnad:quote ?wording .
  ?a schema:datePublished ?p .
  OPTIONAL { ?a schema:publisher ?outlet }
  OPTIONAL { ?a dcterms:identifier ?article }
  BIND (STR(?p) AS ?published)
  BIND (COALESCE(STR(?outlet), STR(?a)) AS ?source)
}"""

_TROOP_ROWS = """
SELECT DISTINCT ?country ?place ?as_of_date ?published WHERE {
  GRAPH ?claim { ?o a isnad:TroopLevel ; isnad:country ?country ; isnad:place ?place ; isnad:asOf ?date }
  ?claim isnad:fromArticle ?a . ?a schema:datePublished ?p .
  BIND (STR(?date) AS ?as_of_date)
  BIND (STR(?p) AS ?published)
}"""


def steps(rows: Iterable[tuple[str, object]], figure) -> list[tuple[str, str | None, object]]:
    """(valid_from, valid_until, value) for a figure of the rows published up to each date.

    rows are (published, item); figure(items) computes the value from the items published so far.
    Consecutive dates with the same value are one step."""
    by_date: dict[str, list] = defaultdict(list)
    for published, item in rows:
        by_date[published].append(item)
    seen: list = []
    result: list[list] = []
    for published in sorted(by_date):
        seen.extend(by_date[published])
        value = figure(seen)
        if result and result[-1][2] == value:
            continue
        if result:
            result[-1][1] = published
        result.append([published, None, value])
    return [tuple(step) for step in result]


def _independent_sources(items: list[tuple[str, str]]) -> int:
    """The queries' count: distinct outlets, but never more than distinct wordings."""
    return min(len({source for source, _ in items}), len({wording for _, wording in items}))


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def _restricted(query: str, variables: str, rows: Iterable[str] | None) -> str:
    """The query limited to the given VALUES rows (None: unrestricted)."""
    if rows is None:
        return query
    return query.replace("WHERE {", f"WHERE {{ VALUES ({variables}) {{ {' '.join(rows)} }}", 1)


def summary_quads(store: ox.Store, iris: Iris, facts: Iterable[ox.NamedNode] | None = None,
                  series: Iterable[tuple[ox.NamedNode, ox.NamedNode]] | None = None) -> Iterator[ox.Quad]:
    """The records of every fact and troop series, or only of the given ones."""
    graph = iris.graph("summaries")

    def record(kind: str, cls: str, *key: object) -> tuple[ox.NamedNode, ox.Quad]:
        """The record's IRI, and its typing."""
        node = iris.summary(kind, *key)
        return node, ox.Quad(node, _TYPE, term(cls), graph)

    def interval(node: ox.NamedNode, valid_from: str, valid_until: str | None) -> Iterator[ox.Quad]:
        yield ox.Quad(node, term("validFrom"), ox.Literal(valid_from), graph)
        if valid_until is not None:
            yield ox.Quad(node, term("validUntil"), ox.Literal(valid_until), graph)

    per_fact: dict[ox.Term, list] = defaultdict(list)
    per_fact_class: dict[tuple[ox.Term, ox.Term], list] = defaultdict(list)
    fact_rows = None if facts is None else [f"({fact})" for fact in facts]
    for row in store.query(_restricted(_SOURCE_ROWS, "?fact", fact_rows), prefixes=PREFIXES,
                           use_default_graph_as_union=True):
        published, source, wording = row["published"].value, row["source"].value, row["wording"]
        per_fact[row["fact"]].append((published, (source, wording)))
        if row["article"] is not None:  # corroboration joins on the article id
            per_fact_class[(row["fact"], row["class"])].append(
                (published, (source, wording, row["claim"], row["article"].value)))

    for fact, rows in per_fact.items():
        for valid_from, valid_until, sources in steps(rows, _independent_sources):
            step, typing = record("sources", "SourceCount", fact.value, valid_from)
            yield typing
            yield ox.Quad(fact, term("sourceStep"), step, graph)
            yield ox.Quad(step, term("sources"), _count(sources), graph)
            yield from interval(step, valid_from, valid_until)

    def corroboration(items: list) -> tuple[int, int, str]:
        sources = _independent_sources([(source, wording) for source, wording, _, _ in items])
        return sources, len({claim for _, _, claim, _ in items}), " ".join(sorted({a for _, _, _, a in items}))

    for (fact, fact_class), rows in per_fact_class.items():
        for valid_from, valid_until, (sources, claims, articles) in steps(rows, corroboration):
            node, typing = record("corroboration", "Corroboration", fact.value, fact_class.value, valid_from)
            yield typing
            yield ox.Quad(node, term("corroborates"), fact, graph)
            yield ox.Quad(node, term("factClass"), fact_class, graph)
            yield ox.Quad(node, term("sources"), _count(sources), graph)
            yield ox.Quad(node, term("claimCount"), _count(claims), graph)
            yield ox.Quad(node, term("articleIds"), ox.Literal(articles), graph)
            yield from interval(node, valid_from, valid_until)

    per_series: dict[tuple[ox.Term, ox.Term], list] = defaultdict(list)
    series_rows = None if series is None else [f"({country} {place})" for country, place in series]
    for row in store.query(_restricted(_TROOP_ROWS, "?country ?place", series_rows), prefixes=PREFIXES,
                           use_default_graph_as_union=True):
        per_series[(row["country"], row["place"])].append((row["published"].value, row["as_of_date"].value))
    for (country, place), rows in per_series.items():
        for valid_from, valid_until, latest in steps(rows, max):
            node, typing = record("latest-troop-figure", "LatestTroopFigure", country.value, place.value, valid_from)
            yield typing
            yield ox.Quad(node, term("latestFigureCountry"), country, graph)
            yield ox.Quad(node, term("latestFigurePlace"), place, graph)
            yield ox.Quad(node, term("latestAsOf"), ox.Literal(latest), graph)
            yield from interval(node, valid_from, valid_until)


def write_summaries(store: ox.Store, iris: Iris) -> int:
    """Replace the summaries graph with figures computed from the store's claims; returns its size."""
    graph = iris.graph("summaries")
    if store.contains_named_graph(graph):
        store.remove_graph(graph)
    quads = list(summary_quads(store, iris))
    store.bulk_extend(quads)
    return len(quads)


def touched_by(claim_quads: Iterable[ox.Quad]) -> tuple[set[ox.NamedNode], set[tuple[ox.Term, ox.Term]]]:
    """The facts and troop series whose records depend on these claim quads (added or removed ones): the
    nodes they type, and the (country, place) of the troop levels among them."""
    quads = list(claim_quads)
    facts = {q.subject for q in quads if q.predicate == _TYPE and isinstance(q.subject, ox.NamedNode)}
    troop_levels = {q.subject for q in quads if q.predicate == _TYPE and q.object == _TROOP_LEVEL}
    keys: dict[tuple[ox.Term, ox.NamedNode], set[ox.Term]] = defaultdict(set)
    for q in quads:
        if q.subject in troop_levels and q.predicate in (_COUNTRY, _PLACE):
            keys[(q.subject, q.predicate)].add(q.object)
    series = {(country, place) for level in troop_levels
              for country in keys[(level, _COUNTRY)] for place in keys[(level, _PLACE)]}
    return facts, series


def update_summaries(store: ox.Store, iris: Iris, claim_quads: Iterable[ox.Quad]) -> tuple[int, int]:
    """Rewrite the records of what the added or removed claim quads touch; returns (quads removed, added)."""
    facts, series = touched_by(claim_quads)
    graph = iris.graph("summaries")
    old: set[ox.Quad] = set()
    for fact in facts:
        for link in store.quads_for_pattern(fact, term("sourceStep"), None, graph):
            old.add(link)
            old.update(store.quads_for_pattern(link.object, None, None, graph))
        for link in store.quads_for_pattern(None, term("corroborates"), fact, graph):
            old.update(store.quads_for_pattern(link.subject, None, None, graph))
    for country, place in series:
        for link in store.quads_for_pattern(None, term("latestFigureCountry"), country, graph):
            if ox.Quad(link.subject, term("latestFigurePlace"), place, graph) in store:
                old.update(store.quads_for_pattern(link.subject, None, None, graph))
    new = set(summary_quads(store, iris, facts, series)) if facts or series else set()
    for quad in old - new:
        store.remove(quad)
    store.extend(new - old)
    return len(old - new), len(new - old)

"""The figures graph/summaries.py stores at build time equal what the aggregate queries compute at query time,
on the seed store, for every as_of the answer can change at (and unset)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from isnad.graph.iris import PREFIXES, Iris
from isnad.graph.store import GraphStore
from isnad.graph.summaries import steps, write_summaries
from isnad.settings import Settings

# The aggregates the saved queries ran before the figures were stored (the reference).
SOURCES = """
SELECT ?fact (IF(COUNT(DISTINCT ?source) < COUNT(DISTINCT ?wording), COUNT(DISTINCT ?source),
                 COUNT(DISTINCT ?wording)) AS ?sources) WHERE {
  GRAPH ?c { ?fact a ?any }
  ?c isnad:fromArticle ?sa ; isnad:evidence/isnad:quote ?wording .
  ?sa schema:datePublished ?sp .
  OPTIONAL { ?sa schema:publisher ?outlet }
  FILTER (!BOUND(?as_of) || STR(?sp) <= STR(?as_of))
  BIND (COALESCE(STR(?outlet), STR(?sa)) AS ?source)
} GROUP BY ?fact"""
CORROBORATION = """
SELECT ?fact ?class (COUNT(DISTINCT ?claim) AS ?claims)
       (IF(COUNT(DISTINCT ?source) < COUNT(DISTINCT ?wording), COUNT(DISTINCT ?source), COUNT(DISTINCT ?wording))
        AS ?sources) (GROUP_CONCAT(DISTINCT ?article; separator=" ") AS ?articles) WHERE {
  GRAPH ?claim { ?fact a ?class }
  ?claim isnad:fromArticle ?a ; isnad:evidence/isnad:quote ?wording .
  ?a dcterms:identifier ?article ; schema:datePublished ?published .
  OPTIONAL { ?a schema:publisher ?outlet }
  FILTER (!BOUND(?as_of) || STR(?published) <= STR(?as_of))
  BIND (COALESCE(STR(?outlet), STR(?a)) AS ?source)
} GROUP BY ?fact ?class"""
LATEST = """
SELECT ?country ?place (MAX(STR(?date)) AS ?latest) WHERE {
  GRAPH ?c { ?o a isnad:TroopLevel ; isnad:country ?country ; isnad:place ?place ; isnad:asOf ?date }
  ?c isnad:fromArticle ?a . ?a schema:datePublished ?p .
  FILTER (!BOUND(?as_of) || STR(?p) <= STR(?as_of))
} GROUP BY ?country ?place"""

# The step of each record that holds at ?as_of, as the saved queries select it.
HOLDS = """FILTER (IF(BOUND(?as_of), STR(?from) <= STR(?as_of) && (!BOUND(?until) || STR(?as_of) < STR(?until)),
                     !BOUND(?until)))"""
STORED_SOURCES = f"""SELECT ?fact ?sources WHERE {{
  ?fact isnad:sourceStep ?s . ?s isnad:sources ?sources ; isnad:validFrom ?from .
  OPTIONAL {{ ?s isnad:validUntil ?until }}
  {HOLDS} }}"""
STORED_CORROBORATION = f"""SELECT ?fact ?class ?claims ?sources ?articles WHERE {{
  ?r isnad:corroborates ?fact ; isnad:factClass ?class ; isnad:claimCount ?claims ; isnad:sources ?sources ;
     isnad:articleIds ?articles ; isnad:validFrom ?from . OPTIONAL {{ ?r isnad:validUntil ?until }}
  {HOLDS} }}"""
STORED_LATEST = f"""SELECT ?country ?place ?latest WHERE {{
  ?r isnad:latestFigureCountry ?country ; isnad:latestFigurePlace ?place ; isnad:latestAsOf ?latest ;
     isnad:validFrom ?from . OPTIONAL {{ ?r isnad:validUntil ?until }}
  {HOLDS} }}"""


@pytest.fixture(scope="module")
def summarized(tmp_path_factory, seed_store):
    """A copy of the seed store (whose build wrote the summaries), the summaries rewritten into it."""
    import shutil

    root = tmp_path_factory.mktemp("summarized") / "store"
    shutil.copytree(seed_store, root, symlinks=True)
    generation = GraphStore(root).current_generation()
    store = ox.Store(str(generation / "oxigraph"))
    iris = Iris(Settings.from_env(store=root).base_iri)
    graph = iris.graph("summaries")
    built = set(store.quads_for_pattern(None, None, None, graph))
    assert built, "the build wrote no summaries"
    # Writing again replaces the graph with the same records (their IRIs are minted from what they describe).
    assert write_summaries(store, iris) == len(built)
    assert set(store.quads_for_pattern(None, None, None, graph)) == built
    return store


def as_of_values(store: ox.Store) -> list[str | None]:
    """Unset, before every article, each publication date, and between and after them."""
    dates = sorted({row["d"].value for row in store.query(
        "SELECT DISTINCT ?d WHERE { ?a schema:datePublished ?d }", prefixes=PREFIXES, use_default_graph_as_union=True)})
    assert len(dates) >= 3
    return [None, "1990", *dates, "2021-06-30", "2021-12-31", "2030-01-01"]


def answer(store: ox.Store, query: str, as_of: str | None) -> set[tuple]:
    # Bound the way saved queries bind parameters: a VALUES block at the start of the WHERE group.
    value = ox.Literal(as_of) if as_of else "UNDEF"
    query = query.replace("WHERE {", f"WHERE {{ VALUES ?as_of {{ {value} }}", 1)
    rows = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    result = set()
    for row in rows:
        values = []
        for term in row:
            # GROUP_CONCAT's order is the engine's; the stored list is sorted.
            value = term.value
            values.append(" ".join(sorted(value.split(" "))) if " " in value else value)
        result.add(tuple(values))
    return result


@pytest.mark.parametrize(("reference", "stored"), [(SOURCES, STORED_SOURCES),
                                                  (CORROBORATION, STORED_CORROBORATION),
                                                  (LATEST, STORED_LATEST)],
                         ids=["sources", "corroboration", "latest-troop-figure"])
def test_stored_figures_equal_the_aggregates(summarized, reference, stored):
    checked = 0
    for as_of in as_of_values(summarized):
        expected = answer(summarized, reference, as_of)
        assert answer(summarized, stored, as_of) == expected, f"as_of={as_of}"
        checked += len(expected)
    assert checked > 5  # the comparison covered real figures, not empty answers


def test_figures_differ_over_time(summarized):
    """as_of matters: some fact has more sources now than in mid-2021, and the latest US troop figure in
    Iraq moved on after 2021."""
    now = dict(answer(summarized, STORED_SOURCES, None))
    then = dict(answer(summarized, STORED_SOURCES, "2021-07"))
    assert any(int(now[fact]) > int(count) for fact, count in then.items())
    latest_now = {(c, p): d for c, p, d in answer(summarized, STORED_LATEST, None)}
    latest_then = {(c, p): d for c, p, d in answer(summarized, STORED_LATEST, "2021-06-30")}
    us_iraq = next(key for key in latest_now if key[0].endswith("/united-states") and key[1].endswith("/iraq"))
    assert latest_then[us_iraq] < latest_now[us_iraq]


def test_steps_merge_unchanged_values_and_close_each_interval():
    rows = [("2021", "a"), ("2021-07", "a"), ("2022", "b"), ("2020", "a")]
    assert steps(rows, lambda items: len(set(items))) == [("2020", "2022", 1), ("2022", None, 2)]
    assert steps([], len) == []

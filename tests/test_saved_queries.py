"""The saved-query library: every query runs, parameters are typed, and injection cannot change a query."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from conftest import run_isnad
from isnad.graph.iris import Iris
from isnad.graph.query import run_query
from isnad.graph.saved_queries import ParameterError, load_saved_queries
from isnad.graph.store import GraphStore
from isnad.settings import DEFAULT_BASE_IRI

IRIS = Iris(DEFAULT_BASE_IRI)
QUERIES = load_saved_queries()


def test_the_library_has_at_least_twenty_documented_queries():
    assert len(QUERIES) >= 20
    for query in QUERIES.values():
        assert query.title and len(query.description) > 40, query.name
        assert query.tags, query.name
        for parameter in query.parameters:
            assert parameter.description, (query.name, parameter.name)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_runs_on_the_seed_graph(seed_store, name):
    query = QUERIES[name]
    store = GraphStore(seed_store).open_read()
    values = {p.name: p.example for p in query.parameters if p.default is None and p.type in ("article",)}
    answer = run_query(store, query.bind(values, IRIS, store))
    assert answer.kind == "solutions"
    variables = [v.value for v in answer.result.variables]
    assert variables, name


@pytest.mark.parametrize(("name", "parameter", "value", "words"), [
    ("statements", "speaker", "kataib-hezbollah> } UNION { ?s ?p ?o", "expects an entity id"),
    ("statements", "speaker", "http://example.org/a b", "expects an entity id"),
    ("statements", "speaker", "no-such-entity", "no entity with id"),
    ("events-in-range", "from", "2021-01-01\" } UNION { ?s ?p ?o } #", "expects an ISO date"),
    ("events-in-range", "from", "2021-02-30", "no such date"),
    ("troop-levels", "min_sources", "1 } UNION { ?s ?p ?o", "expects a whole number"),
    ("article", "article", "x> } UNION { ?s ?p ?o", "expects an article id"),
])
def test_a_value_of_the_wrong_type_is_refused(seed_store, name, parameter, value, words):
    store = GraphStore(seed_store).open_read()
    with pytest.raises(ParameterError) as raised:
        QUERIES[name].bind({parameter: value}, IRIS, store)
    assert f"'{parameter}'" in str(raised.value) and words in str(raised.value)


@pytest.mark.parametrize("attempt", [
    'criticizes" } UNION { GRAPH ?g { ?s ?p ?o } } #',
    "criticizes'\n} UNION { ?s ?p ?o }",
    'x"@en . ?s ?p ?o . FILTER("a"',
    "<http://example.org/inject> } {",
])
def test_an_injection_in_a_string_is_bound_as_a_literal(seed_store, attempt):
    """The query with the attempt bound differs from the query with a plain value only in that literal, and
    answers the same as a value that matches nothing."""
    store = GraphStore(seed_store).open_read()
    query = QUERIES["statements"]
    plain = query.bind({"stance": "nothing-matches"}, IRIS, store)
    injected = query.bind({"stance": attempt}, IRIS, store)
    plain_literal = str(ox.Literal("nothing-matches", language="ar"))
    assert injected == plain.replace(plain_literal, str(ox.Literal(attempt, language="ar")))
    assert list(run_query(store, injected).result) == list(run_query(store, plain).result) == []


def test_unknown_parameter_is_named(seed_store):
    store = GraphStore(seed_store).open_read()
    with pytest.raises(ParameterError, match="has no parameter 'colour'"):
        QUERIES["troop-levels"].bind({"colour": "red"}, IRIS, store)


def test_cli_lists_the_same_queries_with_their_metadata():
    listed = json.loads(run_isnad("queries", "list", "--json").stdout)
    assert listed == [q.metadata() for q in QUERIES.values()]


def test_cli_run_with_a_bad_parameter_is_one_line(seed_store):
    result = run_isnad("queries", "run", "troop-levels", "--store", str(seed_store), "-p", "as_of=yesterday")
    assert result.returncode != 0 and "'as_of'" in result.stderr and "Traceback" not in result.stderr


def test_cli_run_csv(seed_store):
    result = run_isnad("queries", "run", "graph-contents", "--store", str(seed_store), "--format", "csv")
    assert result.returncode == 0 and result.stdout.startswith("class,label,stated,claims")

"""`isnad build` refuses a graph that breaks the SHACL shapes and keeps serving the previous one."""

from __future__ import annotations

import json

import pytest

from conftest import run_isnad

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
BASE = "https://isnad.example.org/"
PREFIXES = f"""
@prefix isnad: <https://isnad.example.org/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix actor: <{BASE}id/actor/> .
@prefix article: <{BASE}id/article/> .
"""
NEGATIVE_COUNT = PREFIXES + f"""
<{BASE}id/claim/analyst/troops-1> {{
  <{BASE}id/troop-level/x> a isnad:TroopLevel ; isnad:country actor:united-states ;
      isnad:count "-5"^^xsd:integer ; isnad:asOf "2021-04-07"^^xsd:date .
}}
<{BASE}graph/provenance> {{
  <{BASE}id/claim/analyst/troops-1> a isnad:Claim ; isnad:fromArticle article:000_1b2cf3b5ddc2ea93 ;
      isnad:evidence <{BASE}id/claim/analyst/troops-1#evidence> .
  <{BASE}id/claim/analyst/troops-1#evidence> a isnad:Evidence ; isnad:quote "نص"@ar .
}}
"""
NO_QUOTE = PREFIXES + f"""
<{BASE}id/claim/analyst/rel-1> {{ actor:kataib-hezbollah isnad:backedBy actor:iran . }}
<{BASE}graph/provenance> {{
  <{BASE}id/claim/analyst/rel-1> a isnad:Claim ; isnad:fromArticle article:000_1b2cf3b5ddc2ea93 .
}}
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("valid") / "store"
    assert run_isnad("build", "--store", str(path)).returncode == 0
    return path


def answer(store) -> str:
    return run_isnad("query", "--store", str(store), COUNT_ALL, "--format", "json").stdout


@pytest.mark.parametrize(("data", "message"), [
    (NEGATIVE_COUNT, "isnad:count must be zero or more"),
    (NO_QUOTE, "needs evidence"),
])
def test_invalid_graph_fails_the_build_and_the_store_stays(store, tmp_path, data, message):
    before = answer(store)
    generation = json.loads(run_isnad("info", "--json", "--store", str(store)).stdout)["generation"]
    include = tmp_path / "bad.trig"
    include.write_text(data, encoding="utf-8")
    result = run_isnad("build", "--store", str(store), "--include", str(include))
    assert result.returncode != 0
    assert message in result.stderr and "not switched in" in result.stderr
    assert answer(store) == before
    assert json.loads(run_isnad("info", "--json", "--store", str(store)).stdout)["generation"] == generation


def test_allow_invalid_switches_it_in_and_validate_reports_it(tmp_path):
    store = tmp_path / "store"
    include = tmp_path / "bad.trig"
    include.write_text(NEGATIVE_COUNT, encoding="utf-8")
    assert run_isnad("build", "--store", str(store), "--include", str(include), "--allow-invalid").returncode == 0
    report = run_isnad("validate", "--store", str(store))
    assert report.returncode == 1
    assert "isnad:count must be zero or more" in report.stdout
    # The report says which claim and article the offending statement comes from.
    assert "from:  claim <https://isnad.example.org/id/claim/analyst/troops-1> (article 000_1b2cf3b5ddc2ea93)" \
        in report.stdout


def test_a_valid_store_validates(store):
    report = run_isnad("validate", "--store", str(store))
    assert report.returncode == 0 and "conforms" in report.stdout


def test_include_with_a_syntax_error_names_file_and_position(store, tmp_path):
    include = tmp_path / "broken.trig"
    include.write_text(PREFIXES + "<a> <b> .\n", encoding="utf-8")
    result = run_isnad("build", "--store", str(store), "--include", str(include))
    assert result.returncode != 0 and "broken.trig" in result.stderr and "Traceback" not in result.stderr


def test_validation_reads_the_inferred_graph_too(tmp_path, store):
    """A violation carried only by an inferred triple is reported; an inferred type does not hide an error."""
    import pyoxigraph as ox

    from isnad.graph.iris import Iris
    from isnad.graph.store import GraphStore
    from isnad.graph.validation import validate_store

    copy = ox.Store(str(tmp_path / "copy"))
    copy.bulk_extend(GraphStore(store).open_read().quads_for_pattern(None, None, None, None))
    assert validate_store(copy).conforms
    iris = Iris(BASE)
    level = ox.NamedNode(f"{BASE}id/troop-level/united-states-2021-04-07-5000")
    count = ox.NamedNode("https://isnad.example.org/ontology#count")
    negative = ox.Literal("-1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    copy.add(ox.Quad(level, count, negative, iris.graph("inferred")))
    report = validate_store(copy)
    assert not report.conforms
    assert any("isnad:count must be zero or more" in v.message for v in report.errors)

"""SPARQL 1.1 Protocol at /sparql against a real `isnad serve` process, with real clients: httpx (as curl
would send it), SPARQLWrapper, rdflib's SPARQLStore and Comunica; each answer compared with the store's."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
import rdflib
from endpoint_support import CLAIM, IRAN, KH, QUOTE, build_fixture_store
from rdflib.compare import isomorphic
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from conftest import REPO, run_isnad, start_server
from isnad.graph.query import run_query
from isnad.graph.store import GraphStore

SELECT = """SELECT ?article ?title ?date WHERE {
  ?article a schema:NewsArticle ; schema:headline ?title ; schema:datePublished ?date } ORDER BY ?date"""
SELECT_FULL = """PREFIX schema: <https://schema.org/>
SELECT ?article ?title ?date WHERE {
  ?article a schema:NewsArticle ; schema:headline ?title ; schema:datePublished ?date } ORDER BY ?date"""
CONSTRUCT = """PREFIX schema: <https://schema.org/>
CONSTRUCT { ?a schema:headline ?t ; schema:datePublished ?d }
WHERE { ?a schema:headline ?t ; schema:datePublished ?d }"""
ASK = "ASK { ?a a <https://schema.org/NewsArticle> }"
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": "text/turtle", "nt": "application/n-triples", "json-ld": "application/ld+json",
               "xml": "application/rdf+xml", "trig": "application/trig", "nquads": "application/n-quads"}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return build_fixture_store(tmp_path_factory.mktemp("protocol") / "store")


@pytest.fixture(scope="module")
def server(store):
    process = start_server(store)
    yield process
    process.stop()


def sparql_url(server) -> str:
    return server.base_url + "/sparql"


def store_rows(store: Path, query: str) -> list[tuple]:
    """The store's own answer (in this process), as rows of rdflib terms."""
    answer = run_query(GraphStore(store).open_read(), query)
    variables = [v.value for v in answer.result.variables]
    return [tuple(_rdflib_term(row[v]) for v in variables) for row in answer.result]


def _rdflib_term(term):
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    return rdflib.BNode(term.value)


def store_graph(store: Path, query: str) -> rdflib.Graph:
    answer = run_query(GraphStore(store).open_read(), query)
    graph = rdflib.Graph()
    for triple in answer.result:
        graph.add((_rdflib_term(triple.subject), _rdflib_term(triple.predicate), _rdflib_term(triple.object)))
    return graph


def test_get_post_form_and_post_body_agree_with_isnad_query(server, store):
    cli = json.loads(run_isnad("query", "--store", str(store), SELECT, "--format", "json").stdout)
    by_get = httpx.get(sparql_url(server), params={"query": SELECT}).json()
    by_form = httpx.post(sparql_url(server), data={"query": SELECT}).json()
    by_body = httpx.post(sparql_url(server), content=SELECT.encode(),
                         headers={"Content-Type": "application/sparql-query"}).json()
    assert by_get == by_form == by_body == cli
    assert len(cli["results"]["bindings"]) == 5


@pytest.mark.parametrize("name", list(RESULT_TYPES))
def test_every_results_format_round_trips(server, store, name):
    response = httpx.get(sparql_url(server), params={"query": SELECT}, headers={"Accept": RESULT_TYPES[name]})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(RESULT_TYPES[name])
    parsed = Result.parse(io.BytesIO(response.content), format=name)
    expected = store_rows(store, SELECT)
    got = [tuple(row) for row in parsed]
    if name == "csv":  # CSV carries no datatypes or languages: compare the lexical forms
        expected = [tuple(str(t) for t in row) for row in expected]
        got = [tuple(str(t) for t in row) for row in got]
    assert got == expected


@pytest.mark.parametrize("name", list(GRAPH_TYPES))
def test_every_graph_format_round_trips(server, store, name):
    response = httpx.get(sparql_url(server), params={"query": CONSTRUCT}, headers={"Accept": GRAPH_TYPES[name]})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(GRAPH_TYPES[name])
    if name in ("trig", "nquads"):
        dataset = rdflib.Dataset()
        dataset.parse(data=response.content, format=name)
        parsed = rdflib.Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            parsed.add((s, p, o))
    else:
        parsed = rdflib.Graph().parse(data=response.content, format=name)
    expected = store_graph(store, CONSTRUCT)
    assert len(parsed) == len(expected) == 10
    assert isomorphic(parsed, expected)


def test_ask_in_every_results_format(server):
    for name, media in RESULT_TYPES.items():
        response = httpx.get(sparql_url(server), params={"query": ASK}, headers={"Accept": media})
        assert response.status_code == 200
        if name in ("csv", "tsv"):  # the CSV/TSV results spec defines no boolean; the engine writes the word
            assert response.text.strip() == "true"
        else:
            assert Result.parse(io.BytesIO(response.content), format=name).askAnswer is True


def test_format_parameter_overrides_accept(server):
    response = httpx.get(sparql_url(server), params={"query": SELECT, "format": "tsv"},
                         headers={"Accept": "application/sparql-results+json"})
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert response.text.splitlines()[0] == "?article\t?title\t?date"


def test_406_for_a_type_it_cannot_give(server):
    image = httpx.get(sparql_url(server), params={"query": SELECT}, headers={"Accept": "image/png"})
    assert image.status_code == 406 and "application/sparql-results+json" in image.json()["detail"]
    turtle_for_select = httpx.get(sparql_url(server), params={"query": SELECT, "format": "turtle"})
    assert turtle_for_select.status_code == 406
    unknown = httpx.get(sparql_url(server), params={"query": SELECT, "format": "pdf"})
    assert unknown.status_code == 400 and "unknown format" in unknown.json()["detail"]


def test_bad_query_is_400_with_line_and_column(server):
    response = httpx.get(sparql_url(server), params={"query": "SELECT ?x WHERE {\n  ?x ?y }"})
    assert response.status_code == 400
    assert "2:" in response.json()["detail"] and "bad SPARQL query" in response.json()["detail"]


def test_wrong_content_type_is_415(server):
    response = httpx.post(sparql_url(server), content=b"SELECT * {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_default_and_named_graph_uri_are_honoured(server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    articles = "https://isnad.example.org/graph/articles"

    def n(params) -> int:
        return int(httpx.get(sparql_url(server), params=params).json()["results"]["bindings"][0]["n"]["value"])

    union = n({"query": count})
    only_articles = n({"query": count, "default-graph-uri": articles})
    assert only_articles == 52 and union > only_articles
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    named = httpx.get(sparql_url(server), params={"query": graphs, "named-graph-uri": [articles, CLAIM]}).json()
    assert {b["g"]["value"] for b in named["results"]["bindings"]} == {articles, CLAIM}


def test_graph_patterns_reach_each_claim_and_its_provenance(server):
    query = f"""SELECT ?claim ?quote ?article WHERE {{
      GRAPH ?claim {{ <{KH}> isnad:backedBy <{IRAN}> }}
      GRAPH <https://isnad.example.org/graph/provenance> {{
        ?claim isnad:fromArticle ?article ; isnad:evidence/isnad:quote ?quote }} }}"""
    rows = httpx.get(sparql_url(server), params={"query": query}).json()["results"]["bindings"]
    found = {(r["claim"]["value"], r["quote"]["value"]) for r in rows}
    assert (CLAIM, QUOTE) in found  # the fixture's claim (extraction may state the same fact from elsewhere)
    assert all(r["article"]["value"].startswith("https://isnad.example.org/id/article/") for r in rows)


def test_query_dataset_clauses_win_over_the_union(server):
    query = "SELECT (COUNT(*) AS ?n) FROM <https://isnad.example.org/graph/articles> WHERE { ?s ?p ?o }"
    response = httpx.get(sparql_url(server), params={"query": query}).json()
    assert response["results"]["bindings"][0]["n"]["value"] == "52"


def test_sparqlwrapper_in_every_format(server, store):
    client = SPARQLWrapper(sparql_url(server))
    client.setQuery(SELECT_FULL)
    client.setReturnFormat(JSON)
    rows = client.queryAndConvert()["results"]["bindings"]
    assert [r["article"]["value"] for r in rows] == [str(r[0]) for r in store_rows(store, SELECT)]
    client.setMethod("POST")
    client.setReturnFormat(XML)
    xml_rows = client.queryAndConvert().getElementsByTagName("result")
    assert len(xml_rows) == 5
    client.setReturnFormat(CSV)
    assert client.queryAndConvert().decode().splitlines()[0] == "article,title,date"
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert isomorphic(graph, store_graph(store, CONSTRUCT))


def test_rdflib_sparqlstore(server, store):
    remote = SPARQLStore(sparql_url(server), returnFormat="json")
    graph = rdflib.Graph(store=remote)
    rows = [tuple(r) for r in graph.query(SELECT_FULL)]
    assert rows == store_rows(store, SELECT)


def test_service_description_without_a_query(server):
    response = httpx.get(sparql_url(server), headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoint = rdflib.URIRef(sparql_url(server))
    assert (endpoint, rdflib.RDF.type, sd.Service) in graph
    assert (endpoint, sd.feature, sd.UnionDefaultGraph) in graph
    assert (endpoint, sd.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_TSV")) in graph
    assert (endpoint, sd.supportedLanguage, sd.SPARQL11Update) not in graph  # no token: read-only
    html = httpx.get(sparql_url(server), headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and "<form" in html.text


def test_void_description(server, store):
    response = httpx.get(server.base_url + "/.well-known/void", headers={"Accept": "text/turtle"}, timeout=60)
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = next(graph.subjects(rdflib.RDF.type, void.Dataset))
    triples = int(graph.value(dataset, void.triples))
    distinct = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    assert triples == int(store_rows(store, distinct)[0][0])
    dumps = {str(d) for d in graph.objects(dataset, void.dataDump)}
    assert server.base_url + "/dumps/isnad.nq.gz" in dumps
    assert (dataset, void.vocabulary, rdflib.URIRef("https://isnad.example.org/ontology")) in graph
    assert (dataset, void.exampleResource, None) in graph
    assert httpx.get(next(iter(dumps))).status_code == 200


def test_cors_for_a_browser_tool_on_another_origin(server):
    origin = "http://yasgui.example"
    preflight = httpx.options(sparql_url(server), headers={
        "Origin": origin, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]
    response = httpx.post(sparql_url(server), data={"query": ASK}, headers={"Origin": origin})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in httpx.post(server.base_url + "/articles", json={},
                                                           headers={"Origin": origin}).headers


def test_service_is_refused_unless_allow_listed(server, store):
    other = start_server(store)
    allowed = start_server(store, "--service-allow", other.base_url + "/sparql")
    try:
        query = f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{other.base_url}/sparql> {{ ?a a schema:NewsArticle }} }}"
        refused = httpx.get(sparql_url(server), params={"query": query})
        assert refused.status_code == 400 and "not allowed" in refused.json()["detail"]
        sneaky = query.replace("SERVICE <", "SERVICESILENT<")
        assert httpx.get(sparql_url(server), params={"query": sneaky}).status_code == 400
        federated = httpx.get(allowed.base_url + "/sparql", params={"query": query}, timeout=30)
        assert federated.status_code == 200, federated.text
        assert federated.json()["results"]["bindings"][0]["n"]["value"] == "5"
        elsewhere = query.replace(other.base_url, server.base_url)
        assert httpx.get(allowed.base_url + "/sparql", params={"query": elsewhere}).status_code == 400
    finally:
        other.stop()
        allowed.stop()


COMUNICA = REPO / "tests" / "clients"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_comunica_uses_the_endpoint_as_a_sparql_source(server, store):
    if not (COMUNICA / "node_modules" / "@comunica" / "query-sparql").is_dir():
        pytest.fail("run tests/setup.sh (npm ci --prefix tests/clients) to install Comunica")
    result = subprocess.run(
        ["node", str(COMUNICA / "comunica_query.mjs"), sparql_url(server), SELECT_FULL],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    expected = store_rows(store, SELECT)
    assert [(r["article"], r["title"], r["date"]) for r in rows] == [tuple(str(t) for t in row) for row in expected]

"""The saved queries over HTTP, against a real `isnad serve` on the seed graph: the listing matches the CLI,
every query runs as its own documented operation, answers in each format, refuses wrong values with a 400
that names the parameter, and goes through the query pool (row cap, time limit)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from conftest import run_isnad, start_server
from isnad.build import build
from isnad.graph.iris import Iris
from isnad.graph.query import run_query
from isnad.graph.saved_queries import load_saved_queries
from isnad.graph.store import GraphStore
from isnad.resources import bundled_corpus_dir
from isnad.settings import DEFAULT_BASE_IRI, Settings

QUERIES = load_saved_queries()
IRIS = Iris(DEFAULT_BASE_IRI)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("queries-http") / "store"
    build(Settings.from_env(store=path), bundled_corpus_dir())
    return path


@pytest.fixture(scope="module")
def server(store):
    process = start_server(store)
    yield process
    process.stop()


def get(server, path: str, **kwargs) -> httpx.Response:
    return httpx.get(server.base_url + path, timeout=30, **kwargs)


def local_answer(store: Path, name: str, values: dict | None = None) -> tuple[list[str], list[dict]]:
    """The answer computed in this process, straight from the store: variables and rows as {var: value}."""
    graph = GraphStore(store).open_read()
    answer = run_query(graph, QUERIES[name].bind(values or {}, IRIS, graph))
    variables = [v.value for v in answer.result.variables]
    rows = [{v: row[v].value for v in variables if row[v] is not None} for row in answer.result]
    return variables, rows


def json_rows(response: httpx.Response) -> tuple[list[str], list[dict]]:
    body = response.json()
    return body["head"]["vars"], [{k: v["value"] for k, v in b.items()} for b in body["results"]["bindings"]]


# ------------------------------------------------------------------------------------------------------
# Listing
# ------------------------------------------------------------------------------------------------------

def test_the_listing_is_what_the_cli_lists(server):
    response = get(server, "/queries")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    cli = run_isnad("queries", "list", "--json")
    assert cli.returncode == 0, cli.stderr
    assert response.json() == json.loads(cli.stdout)
    assert [q["name"] for q in response.json()] == list(QUERIES)


def test_browsers_get_the_listing_as_a_page(server):
    page = get(server, "/queries", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for name, query in QUERIES.items():
        assert f'href="/queries/{name}?format=html"' in page.text
        assert unescape(query.title) in unescape(page.text)
    assert get(server, "/queries?format=json").json() == get(server, "/queries").json()


# ------------------------------------------------------------------------------------------------------
# Every query, every format
# ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_runs_over_http_with_the_stores_answer(server, store, name):
    response = get(server, f"/queries/{name}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    variables, rows = json_rows(response)
    expected_variables, expected_rows = local_answer(store, name)
    assert variables == expected_variables
    assert sorted(map(json.dumps, rows)) == sorted(map(json.dumps, expected_rows))


def test_parameters_are_applied(server, store):
    params = {"as_of": "2021-06-30"}
    response = get(server, "/queries/troop-levels", params=params)
    _, rows = json_rows(response)
    assert rows == local_answer(store, "troop-levels", params)[1]
    assert [r["count"] for r in rows] == ["5000"]  # only article 000 was published by then
    everything = json_rows(get(server, "/queries/troop-levels"))[1]
    assert len(everything) > len(rows)


def test_an_empty_value_means_not_given(server):
    plain = get(server, "/queries/attacks").json()
    assert get(server, "/queries/attacks?from=&to=&target=&min_sources=").json() == plain
    assert get(server, "/queries/troop-levels?country=").json() == get(server, "/queries/troop-levels").json()


def test_csv_and_tsv(server):
    variables, rows = json_rows(get(server, "/queries/troop-levels"))
    by_param = get(server, "/queries/troop-levels?format=csv")
    by_accept = get(server, "/queries/troop-levels", headers={"Accept": "text/csv"})
    for response in (by_param, by_accept):
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        table = list(csv.reader(io.StringIO(response.text)))
        assert table[0] == variables and len(table) == len(rows) + 1
    tsv = get(server, "/queries/troop-levels?format=tsv")
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    assert tsv.text.splitlines()[0].split("\t") == [f"?{v}" for v in variables]


def test_xml(server):
    response = get(server, "/queries/legislation", headers={"Accept": "application/sparql-results+xml"})
    assert response.headers["content-type"].startswith("application/sparql-results+xml")
    root = ET.fromstring(response.content)
    namespace = "{http://www.w3.org/2005/sparql-results#}"
    results = root.findall(f"{namespace}results/{namespace}result")
    assert len(results) == len(json_rows(get(server, "/queries/legislation"))[1]) > 0


def test_the_html_table_links_to_the_editor_with_the_bound_query(server):
    page = get(server, "/queries/troop-levels?as_of=2021-12-31", headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    rows = json_rows(get(server, "/queries/troop-levels?as_of=2021-12-31"))[1]
    assert page.text.count("<tr>") == len(rows) + 1  # the header row and one per answer row
    assert "5000" in page.text and "2500" in page.text and "2400" not in page.text
    link = unescape(re.search(r'id="open-in-editor" href="([^"]+)"', page.text).group(1))
    assert link.startswith("/sparql-editor?")
    opened = parse_qs(urlsplit(link).query)["query"][0]
    bound = get(server, "/queries/troop-levels?as_of=2021-12-31&format=sparql")
    assert bound.headers["content-type"].startswith("application/sparql-query")
    assert opened == "\n".join(line for line in bound.text.splitlines() if not line.startswith("#+")).strip()
    assert '"2021-12-31"^^<http://www.w3.org/2001/XMLSchema#date>' in opened
    assert f"<{DEFAULT_BASE_IRI}id/actor/united-states>" in opened  # the default, bound as an IRI
    # The editor page the link opens (served by the UI) takes it.
    assert get(server, link).status_code == 200
    # The form of the page runs the same query again: parameters as fields, format kept.
    assert 'name="as_of" value="2021-12-31"' in page.text and 'name="format" value="html"' in page.text


def test_html_cells_link_iris_and_mark_arabic(server):
    page = get(server, "/queries/backing?format=html")
    assert 'href="/id/actor/kataib-hezbollah"' in page.text
    assert '<span lang="ar">' in page.text  # the Arabic quotes
    assert 'href="/explain?s=' in page.text  # inferred rows link to their explanation


# ------------------------------------------------------------------------------------------------------
# Refusals
# ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "parameter", "words"), [
    ("/queries/troop-levels?min_sources=abc", "min_sources", "a whole number"),
    ("/queries/troop-levels?min_sources=1.5", "min_sources", "a whole number"),
    ("/queries/troop-levels?as_of=yesterday", "as_of", "an ISO date"),
    ("/queries/events-in-range?from=2021-02-30", "from", "an ISO date"),
    ("/queries/troop-levels?country=no-such-state", "country", "an entity id"),
    ("/queries/statements?speaker=kataib-hezbollah%3E%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo", "speaker",
     "an entity id"),
    ("/queries/article?article=x%3E%20%7D", "article", "an article id"),
])
def test_a_value_of_the_wrong_type_is_a_400_naming_parameter_and_type(server, path, parameter, words):
    response = get(server, path)
    assert response.status_code == 400, response.text
    detail = response.json()["detail"]
    assert f"'{parameter}'" in detail and words in detail


def test_an_unknown_parameter_is_a_400(server):
    response = get(server, "/queries/troop-levels?colour=red")
    assert response.status_code == 400
    assert "no parameter 'colour'" in response.json()["detail"] and "country" in response.json()["detail"]


def test_an_unknown_format_is_a_400_and_an_unacceptable_type_a_406(server):
    assert get(server, "/queries/troop-levels?format=pdf").status_code == 400
    assert get(server, "/queries/troop-levels", headers={"Accept": "image/png"}).status_code == 406


@pytest.mark.parametrize("path", [
    "/queries/no-such-query",
    "/queries/..%2F..%2Fpyproject.toml",
    "/queries/%2E%2E%2Fqueries%2Ftroop-levels.rq",
    "/queries/troop-levels.rq",
    "/queries/__init__",
])
def test_only_names_in_the_library_are_found(server, path):
    response = httpx.get(server.base_url + path, timeout=30)
    assert response.status_code == 404
    assert "[project]" not in response.text and "SELECT" not in response.text


# ------------------------------------------------------------------------------------------------------
# The pool's limits apply
# ------------------------------------------------------------------------------------------------------

def test_the_row_cap_applies(store):
    capped = start_server(store, env={"ISNAD_MAX_ROWS": "3"})
    try:
        response = httpx.get(capped.base_url + "/queries/article", timeout=30)
        assert response.status_code == 200
        assert len(response.json()["results"]["bindings"]) == 3
        assert response.headers["isnad-truncated"] == "max-rows=3"
        page = httpx.get(capped.base_url + "/queries/article?format=html", timeout=30)
        assert page.text.count("<tr>") == 4 and "max-rows=3" in page.text
    finally:
        capped.stop()


def test_the_time_limit_applies(store):
    hurried = start_server(store, "--query-timeout", "0.001", "--query-workers", "1")
    try:
        response = httpx.get(hurried.base_url + "/queries/corroboration", timeout=30)
        assert response.status_code == 503
        assert "stopped after 0.001 s" in response.json()["detail"] or "busy" in response.json()["detail"]
    finally:
        hurried.stop()


# ------------------------------------------------------------------------------------------------------
# OpenAPI
# ------------------------------------------------------------------------------------------------------

def test_openapi_documents_every_query_with_typed_parameters(server):
    openapi = get(server, "/openapi.json").json()
    assert "/queries" in openapi["paths"]
    expected_schema_type = {"integer": "integer", "date": "string", "entity": "string", "string": "string",
                            "article": "string"}
    for name, query in QUERIES.items():
        operation = openapi["paths"][f"/queries/{name}"]["get"]
        assert query.title in operation["summary"]
        assert query.description.split("\n")[0] in operation["description"]
        assert "400" in operation["responses"] and "422" not in operation["responses"]
        documented = {p["name"]: p for p in operation["parameters"]}
        assert set(documented) == {p.name for p in query.parameters} | {"format"}
        for parameter in query.parameters:
            schema = documented[parameter.name]["schema"]
            assert documented[parameter.name]["in"] == "query" and not documented[parameter.name]["required"]
            assert schema["type"] == expected_schema_type[parameter.type], (name, parameter.name)
            assert parameter.description in documented[parameter.name]["description"]
            if parameter.type == "date":
                assert schema["format"] == "date" and re.match(schema["pattern"], "2021-07")
            if parameter.default is not None:
                default = int(parameter.default) if parameter.type == "integer" else parameter.default
                assert schema["default"] == default
            if parameter.example is not None:
                assert documented[parameter.name]["examples"]["example"]["value"] in (parameter.example,
                                                                                     _int(parameter.example))
    assert "/queries/{name}" not in openapi["paths"]


def _int(value: str) -> int | None:
    return int(value) if value.lstrip("-").isdigit() else None

"""The OpenAPI description documents every route: summary, description, typed parameters, responses."""

from __future__ import annotations

import httpx
import pytest
from endpoint_support import build_fixture_store

from conftest import start_server


@pytest.fixture(scope="module")
def openapi(tmp_path_factory) -> dict:
    server = start_server(build_fixture_store(tmp_path_factory.mktemp("openapi") / "store"))
    try:
        assert httpx.get(server.base_url + "/docs").status_code == 200
        return httpx.get(server.base_url + "/openapi.json").json()
    finally:
        server.stop()


def test_every_route_is_documented(openapi):
    expected = {"/", "/sparql", "/id/{path}", "/graph/{name}", "/rdf-graphs", "/ontology", "/.well-known/void",
                "/dumps/", "/dumps/{name}", "/articles"}
    assert expected <= set(openapi["paths"])
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert operation.get("summary"), where
            assert len(operation.get("description", "")) > 40, where
            assert "200" in operation["responses"] or "201" in operation["responses"], where
            for parameter in operation.get("parameters", []):
                schema = parameter["schema"]
                assert parameter.get("description"), f"{where}: {parameter['name']}"
                assert "type" in schema or "anyOf" in schema, f"{where}: {parameter['name']}"


def test_json_bodies_have_models(openapi):
    post_articles = openapi["paths"]["/articles"]["post"]
    body = post_articles["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/ArticleIn")
    assert post_articles["responses"]["201"]["content"]["application/json"]["schema"]["$ref"].endswith("/IngestResult")
    fields = openapi["components"]["schemas"]["ArticleIn"]["properties"]
    assert {"id", "text", "title", "outlet", "published", "published_basis", "source"} <= set(fields)
    assert {"bearer", "HTTPBearer"} & set(openapi["components"]["securitySchemes"])
    sparql_post = openapi["paths"]["/sparql"]["post"]
    assert {"application/sparql-query", "application/sparql-update", "application/x-www-form-urlencoded"} <= set(
        sparql_post["requestBody"]["content"])
    assert sparql_post["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorDetail")

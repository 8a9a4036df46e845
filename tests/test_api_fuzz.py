"""The HTTP API fuzzed against its own OpenAPI document: schemathesis generates requests for every operation
(valid ones from the schema's examples and types, and arbitrary strings wherever a string is allowed) and
sends them to a real `isnad serve` on 127.0.0.1, with the write token so that writes are fuzzed too.

Every answer must be no 5xx, documented (status, media type and, for JSON, shape), and every 4xx must
carry a body that says what to fix. Bounded and deterministic: a fixed number of examples per operation,
derandomized, no shrinking (a failure is reported as found, with its curl command)."""

from __future__ import annotations

import re
import shutil

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import start_server

schemathesis.experimental.OPEN_API_3_1.enable()  # FastAPI writes OpenAPI 3.1

TOKEN = "fuzz-token"
EXAMPLES_PER_OPERATION = 10


class SparqlText:
    """SPARQL bodies are sent as they are (UTF-8; lone surrogates kept, to test the decoding too)."""

    def as_requests(self, context, value):
        return {"data": str(value).encode("utf-8", "surrogatepass")}

    def as_werkzeug(self, context, value):
        return self.as_requests(context, value)


for _media in ("application/sparql-query", "application/sparql-update"):
    schemathesis.serializer(_media)(SparqlText)


@pytest.fixture(scope="module")
def server(seed_store, tmp_path_factory):
    store = tmp_path_factory.mktemp("fuzz") / "store"
    shutil.copytree(seed_store, store, symlinks=True)  # the fuzzing writes to it
    process = start_server(store, "--query-timeout", "10", env={"ISNAD_TOKEN": TOKEN})
    yield process
    process.stop()


@pytest.fixture
def api(server):
    return schemathesis.from_uri(server.base_url + "/openapi.json")


schema = schemathesis.from_pytest_fixture("api")


def says_what_to_fix(ctx, response, case) -> None:
    """A refusal explains itself: JSON with a `detail` sentence (or FastAPI's list of field errors, each with
    where and what), or an HTML page with a message."""
    if not 400 <= response.status_code < 500 or response.status_code == 405:
        return
    media = response.headers.get("content-type", "")
    if media.startswith("application/json"):
        detail = response.json().get("detail")
        if isinstance(detail, list):
            assert detail and all(e.get("loc") and e.get("msg") for e in detail), f"unhelpful errors: {detail}"
        else:
            assert isinstance(detail, str) and len(detail.split()) >= 4, f"unhelpful detail: {detail!r}"
    elif media.startswith("text/html"):
        message = re.search(r"<h1>[^<]+</h1>\s*<p>([^<]{10,})</p>", response.text)
        assert message, f"HTML refusal without a message: {response.text[:300]}"
    else:
        raise AssertionError(f"{response.status_code} as {media!r} says nothing: {response.text[:200]!r}")


CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          says_what_to_fix)


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, database=None, deadline=None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
def test_api_answers_every_generated_request_without_server_errors(case):
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {TOKEN}"}
    response = case.call(timeout=60)
    case.validate_response(response, checks=CHECKS)


def test_the_fuzzed_server_still_answers(server):
    """After the fuzzing (module order): the server is up, its store readable, no worker lost."""
    answer = httpx.get(server.base_url + "/sparql", params={"query": "ASK { ?a a <https://schema.org/NewsArticle> }"})
    assert answer.status_code == 200 and answer.json()["boolean"] is True
    assert server.process.poll() is None

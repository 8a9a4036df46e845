"""Security of the HTTP server, against a real `isnad serve` on 127.0.0.1: writes only with the token, no
update through a query, no request to another address unless it is allow-listed (checked with real TCP
listeners on loopback ports), no file read through a path, and no SPARQL written into the pages' own
queries. docs/SECURITY.md maps each threat to these tests."""

from __future__ import annotations

import http.client
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import quote, urlsplit

import httpx
import pytest
from fastapi import HTTPException
from fastapi.security import HTTPAuthorizationCredentials

from conftest import REPO, start_server
from isnad.server import writes
from isnad.settings import Settings

TOKEN = "correct-horse-battery-staple"
NOTE = "https://isnad.example.org/id/note/security"
UPDATE = f"INSERT DATA {{ GRAPH <https://isnad.example.org/graph/meta> {{ <{NOTE}> a <urn:x:Note> }} }}"
ASK_NOTE = f"ASK {{ <{NOTE}> ?p ?o }}"
RESULTS = b'{"head":{"vars":["marker"]},"results":{"bindings":[{"marker":{"type":"literal","value":"from-remote"}}]}}'
TURTLE = b"<urn:x:loaded> <urn:x:from> <urn:x:remote> ."
# What a leaked file would show: /etc/passwd, the repository's pyproject.toml, the server's own source.
LEAK_MARKERS = ("root:x:0:0", "[build-system]", "def create_app")


class Listener:
    """A TCP listener on a loopback port that records every connection made to it. `answer` gives the
    bytes sent back for a request (the request's first bytes in, a whole HTTP response out)."""

    def __init__(self, answer: Callable[[bytes], bytes] | None = None) -> None:
        self.answer = answer
        self.requests: list[bytes] = []
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.sock.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(2)
                try:
                    request = connection.recv(65536)
                except OSError:
                    request = b""
                self.requests.append(request)
                if self.answer is not None:
                    connection.sendall(self.answer(request))

    def saw_nothing(self, wait: float = 0.3) -> bool:
        time.sleep(wait)  # a connection the server started would have arrived by now
        return self.requests == []

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


def http_response(body: bytes, media: str, status: str = "200 OK", extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {media}\r\nContent-Length: {len(body)}\r\n{extra}"
            "Connection: close\r\n\r\n").encode() + body


def remote_endpoint(request: bytes) -> bytes:
    """A SPARQL endpoint (SERVICE posts a query) that also serves a Turtle document (LOAD gets it)."""
    if request.startswith(b"GET"):
        return http_response(TURTLE, "text/turtle")
    return http_response(RESULTS, "application/sparql-results+json")


@pytest.fixture(scope="module")
def allowed() -> Iterator[Listener]:
    listener = Listener(remote_endpoint)
    yield listener
    listener.close()


@pytest.fixture(scope="module")
def redirecting() -> Iterator[Listener]:
    """An allow-listed endpoint that answers with a redirect (set per test)."""
    listener = Listener()
    yield listener
    listener.close()


@pytest.fixture
def forbidden() -> Iterator[Listener]:
    """A loopback address that is on no allow-list: nothing may connect to it."""
    listener = Listener(remote_endpoint)
    yield listener
    listener.close()


@pytest.fixture(scope="module")
def server(seed_store, tmp_path_factory, allowed, redirecting):
    store = tmp_path_factory.mktemp("security") / "store"
    shutil.copytree(seed_store, store, symlinks=True)
    process = start_server(store, env={
        "ISNAD_TOKEN": TOKEN,
        "ISNAD_SERVICE_ALLOW": f"{allowed.url}sparql,{allowed.url}data.ttl,{redirecting.url}sparql"})
    yield process
    process.stop()


def sparql(server, query: str, how: str = "get", **headers: str) -> httpx.Response:
    url = server.base_url + "/sparql"
    if how == "get":
        return httpx.get(url, params={"query": query}, headers=headers, timeout=30)
    if how == "form":
        return httpx.post(url, data={"query": query}, headers=headers, timeout=30)
    return httpx.post(url, content=query.encode(), timeout=30,
                      headers={"Content-Type": "application/sparql-query", **headers})


def update(server, text: str, token: str | None = TOKEN, how: str = "body") -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    if how == "form":
        return httpx.post(server.base_url + "/sparql", data={"update": text}, headers=headers, timeout=30)
    return httpx.post(server.base_url + "/sparql", content=text.encode(), timeout=30,
                      headers={"Content-Type": "application/sparql-update", **headers})


def generation(server) -> str:
    return httpx.get(server.base_url + "/dumps/", headers={"Accept": "application/json"}).json()["generation"]


def ask(server, query: str) -> bool:
    return sparql(server, query).json()["boolean"]


# ---------------------------------------------------------------------------------------------------------
# Writes: only with this server's token
# ---------------------------------------------------------------------------------------------------------

def test_near_miss_tokens_and_other_carriers_are_refused(server):
    before = generation(server)
    near_misses = [TOKEN[:-1], TOKEN + "x", TOKEN.upper(), TOKEN[:-1] + "f", "%D8%AA" + TOKEN,
                   TOKEN.encode().hex()]
    for candidate in near_misses:
        response = update(server, UPDATE, candidate)
        assert response.status_code in (401, 403), (candidate, response.status_code)
        assert "token" in response.json()["detail"]
    elsewhere = [
        httpx.post(server.base_url + "/sparql", params={"token": TOKEN}, content=UPDATE.encode(),
                   headers={"Content-Type": "application/sparql-update"}),
        httpx.post(server.base_url + "/sparql", content=UPDATE.encode(), auth=("isnad", TOKEN),
                   headers={"Content-Type": "application/sparql-update"}),
        httpx.post(server.base_url + "/sparql", content=UPDATE.encode(),
                   headers={"Content-Type": "application/sparql-update", "Cookie": f"token={TOKEN}"}),
        httpx.post(server.base_url + "/articles", json={"id": "x"}, headers={"Authorization": f"Token {TOKEN}"}),
    ]
    assert [r.status_code for r in elsewhere] == [401, 401, 401, 401]
    assert ask(server, ASK_NOTE) is False and generation(server) == before


def test_the_token_is_compared_in_constant_time(monkeypatch):
    """The comparison goes through hmac.compare_digest (its time does not depend on where the first
    difference is), for right and wrong tokens alike."""
    compared: list[tuple[bytes, bytes]] = []
    real = writes.hmac.compare_digest

    def recording(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(writes.hmac, "compare_digest", recording)
    settings = Settings(store=REPO, token=TOKEN)
    writes.check_token(HTTPAuthorizationCredentials(scheme="Bearer", credentials=TOKEN), settings)
    with pytest.raises(HTTPException) as refused:
        writes.check_token(HTTPAuthorizationCredentials(scheme="Bearer", credentials="x" + TOKEN[1:]), settings)
    assert refused.value.status_code == 403
    assert compared == [(TOKEN.encode(), TOKEN.encode()), (("x" + TOKEN[1:]).encode(), TOKEN.encode())]


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_an_update_sent_as_a_query_is_refused(server, how):
    before = generation(server)
    for text in (UPDATE, "DROP ALL", f"PREFIX n: <{NOTE}> CLEAR ALL", "delete where { ?s ?p ?o }"):
        response = sparql(server, text, how, Authorization=f"Bearer {TOKEN}")
        assert response.status_code == 400, (text, response.text)
        detail = response.json()["detail"]
        assert "SPARQL Update" in detail and "'update'" in detail
    assert ask(server, "ASK { ?a a <https://schema.org/NewsArticle> }") is True
    assert ask(server, ASK_NOTE) is False and generation(server) == before


# ---------------------------------------------------------------------------------------------------------
# SERVICE and LOAD: no request to an address that is not allow-listed (SSRF)
# ---------------------------------------------------------------------------------------------------------

def service_queries(url: str) -> list[str]:
    """SERVICE to `url` written every way the grammar allows."""
    host_name = url.replace("127.0.0.1", "localhost")
    return [
        f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}sparql> {{ ?s ?p ?o }} }}",
        f"select * where {{ service<{url}sparql>{{ ?s ?p ?o }} }}",
        f"PREFIX remote: <{url}> SELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
        f"BASE <{url}> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?remote {{ <{url}sparql> }} SERVICE ?remote {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE # a comment between\n <{url}sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE <{host_name}sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }} }} }}",
    ]


@pytest.mark.parametrize("how", ["get", "form", "body"])
def test_service_to_an_address_not_allow_listed_is_refused_without_a_connection(server, forbidden, how):
    for query in service_queries(forbidden.url):
        response = sparql(server, query, how)
        assert response.status_code == 400, (query, response.text)
        assert "not allowed" in response.json()["detail"]
    assert forbidden.saw_nothing()


def test_load_and_service_in_an_authorised_update_are_refused_without_a_connection(server, forbidden):
    before = generation(server)
    url = forbidden.url
    updates = [
        f"LOAD <{url}data.ttl>",
        f"LOAD SILENT <{url}data.ttl> INTO GRAPH <urn:x:loaded>",
        f"load<{url}data.ttl>",
        f"PREFIX r: <{url}> LOAD r:data.ttl",
        f"CLEAR SILENT GRAPH <urn:x:nothing> ; LOAD <{url}data.ttl>",
        f"INSERT {{ GRAPH <urn:x:copy> {{ ?s ?p ?o }} }} WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}",
        "LOAD <file:///etc/passwd> INTO GRAPH <urn:x:passwd>",
    ]
    for text in updates:
        for how in ("body", "form"):
            response = update(server, text, how=how)
            assert response.status_code == 400, (text, response.text)
            assert "not allowed" in response.json()["detail"]
    assert forbidden.saw_nothing()
    assert generation(server) == before


def test_routes_that_take_an_iri_never_fetch_it(server, forbidden):
    target = forbidden.url + "sparql"
    injected = f"https://x> . }} SERVICE <{target}> {{ ?obs ?b ?c }} GRAPH ?claim {{ ?obs ?pp <https://y"
    responses = [
        httpx.get(server.base_url + "/rdf-graphs", params={"graph": target}),
        httpx.get(server.base_url + "/ui/graph", params={"iri": target}),
        httpx.get(server.base_url + "/explain", params={"s": f"<{target}>", "p": "isnad:backedBy", "o": "iran",
                                                      "format": "json"}),
        httpx.get(server.base_url + "/timeline", params={"actor": target, "format": "json"}),
        httpx.get(server.base_url + "/troop-levels", params={"country": target, "format": "json"}),
        httpx.get(server.base_url + "/sparql", params={"query": "ASK {}", "default-graph-uri": target}),
        # The troop-levels view writes the country's IRI into its query: an "IRI" that closes the <…>
        # and adds a SERVICE must be refused before it gets there.
        httpx.get(server.base_url + "/troop-levels", params={"country": injected, "format": "json"}),
    ]
    assert all(r.status_code < 500 for r in responses), [r.status_code for r in responses]
    assert responses[-1].status_code == 400 and "neither an IRI" in responses[-1].json()["detail"]
    assert forbidden.saw_nothing()


def test_an_allow_listed_endpoint_is_called_and_only_it(server, allowed, forbidden):
    answer = sparql(server, f"SELECT ?marker WHERE {{ SERVICE <{allowed.url}sparql> {{ ?s ?p ?marker }} }}")
    assert answer.status_code == 200, answer.text
    assert answer.json()["results"]["bindings"] == [{"marker": {"type": "literal", "value": "from-remote"}}]
    assert any(r.startswith(b"POST /sparql") for r in allowed.requests)
    # Only the exact IRI is on the list: another path on the same host and port is not.
    other_path = sparql(server, f"SELECT * WHERE {{ SERVICE <{allowed.url}other> {{ ?s ?p ?o }} }}")
    assert other_path.status_code == 400
    assert not any(r.startswith(b"POST /other") for r in allowed.requests)
    assert forbidden.saw_nothing()


def test_an_allow_listed_document_is_loaded_with_the_token(server, allowed):
    loaded = update(server, f"LOAD <{allowed.url}data.ttl> INTO GRAPH <urn:x:loaded>")
    assert loaded.status_code == 200, loaded.text
    assert any(r.startswith(b"GET /data.ttl") for r in allowed.requests)
    assert ask(server, "ASK { GRAPH <urn:x:loaded> { <urn:x:loaded> <urn:x:from> <urn:x:remote> } }") is True


def test_a_redirect_from_an_allow_listed_endpoint_is_not_followed(server, redirecting, forbidden):
    redirecting.answer = lambda request: http_response(b"", "text/plain", "302 Found",
                                                       f"Location: {forbidden.url}sparql\r\n")
    response = sparql(server, f"SELECT * WHERE {{ SERVICE <{redirecting.url}sparql> {{ ?s ?p ?o }} }}")
    assert redirecting.requests, "the allow-listed endpoint was not called"
    assert response.status_code == 400 and "redirect" in response.json()["detail"]
    assert forbidden.saw_nothing(1.0)


# ---------------------------------------------------------------------------------------------------------
# Paths: no file outside what the server publishes
# ---------------------------------------------------------------------------------------------------------

def raw_get(base_url: str, target: str) -> tuple[int, str]:
    """GET with the request target sent exactly as given (httpx would normalize dot segments)."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("GET", target, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        connection.close()


STEPS = ["../", "%2e%2e%2f", "%252e%252e%252f", "..%5c", "..%2f", "%2e%2e/", "....//", "..\\", ".%2e/"]
ROUTES = ["/id/", "/id/actor/", "/graph/", "/dumps/", "/queries/", "/static/", "/static/ui/", "/static/vendor/yasgui/",
          "/articles/", "/rdf-graphs?graph=", "/id/article/", "/queries/article?article="]


def traversal_targets() -> list[str]:
    targets = []
    for route in ROUTES:
        for step in STEPS:
            targets.append(route + step * 10 + "etc/passwd")
            targets += [route + step * depth + "pyproject.toml" for depth in range(1, 5)]
            targets.append(route + step * 3 + "server/app.py")
        targets += [route + "/etc/passwd", route + "%2fetc%2fpasswd", route + "file:///etc/passwd",
                    route + quote(str(REPO / "pyproject.toml"), safe=""), route + str(REPO / "pyproject.toml")]
    return targets


def test_no_path_reaches_a_file_outside_what_is_published(server):
    for target in traversal_targets():
        status, body = raw_get(server.base_url, target)
        assert status < 500, (target, status, body[:200])
        leaked = [marker for marker in LEAK_MARKERS if marker in body]
        assert not leaked, f"{target} answered {status} with {leaked}"
        assert status in (400, 404, 422), (target, status, body[:200])
    # The published files are still there (the refusals above are not a blanket 404).
    assert raw_get(server.base_url, "/static/ui/ui.css")[0] == 200
    assert raw_get(server.base_url, "/queries/troop-levels?format=sparql")[0] == 200


def test_article_ids_and_saved_query_values_are_not_paths(server):
    headers = {"Authorization": f"Bearer {TOKEN}"}
    article = {"text": "قالت الحكومة العراقية اليوم إن المحادثات مستمرة.", "title": "عنوان", "published": "2024-01-01"}
    for bad in ("../../etc/passwd", "..\\..\\x", "/etc/passwd", "a/../../b", ".hidden/../x", "%2e%2e%2fx"):
        response = httpx.post(server.base_url + "/articles", json={**article, "id": bad}, headers=headers)
        assert response.status_code == 422, (bad, response.text)
        answer = httpx.get(server.base_url + "/queries/article", params={"article": bad})
        assert answer.status_code == 400 and "parameter 'article'" in answer.json()["detail"], answer.text

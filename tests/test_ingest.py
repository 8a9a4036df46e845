"""`isnad ingest`: one article in without a rebuild, all or nothing; again replaces, never duplicates."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from conftest import run_isnad, start_server
from isnad.settings import Settings

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
TEXT = (
    "قالت وزارة الخارجية العراقية اليوم إن جولة جديدة من المحادثات مع الولايات المتحدة "
    "ستعقد الشهر المقبل في بغداد.\n"
)


def count(store) -> int:
    out = run_isnad("query", "--store", str(store), COUNT_ALL, "--format", "json").stdout
    return int(json.loads(out)["results"]["bindings"][0]["n"]["value"])


def articles(store) -> list[str]:
    out = run_isnad("query", "--store", str(store),
                    "SELECT ?id WHERE { ?a a schema:NewsArticle ; dcterms:identifier ?id } ORDER BY ?id",
                    "--format", "json").stdout
    return [b["id"]["value"] for b in json.loads(out)["results"]["bindings"]]


@pytest.fixture
def store(store_copy):
    return store_copy


def test_ingest_adds_then_replaces(store, tmp_path):
    article = tmp_path / "new_article.txt"
    article.write_text(TEXT, encoding="utf-8")
    before = count(store)
    result = run_isnad("ingest", str(article), "--date", "2024-02-10", "--outlet", "وكالة", "--store", str(store))
    assert result.returncode == 0, result.stderr
    assert "added article new_article" in result.stderr
    after_first = count(store)
    assert after_first > before
    assert "new_article" in articles(store) and len(articles(store)) == 6
    again = run_isnad("ingest", str(article), "--date", "2024-02-10", "--outlet", "وكالة", "--store", str(store))
    assert again.returncode == 0 and "replaced" in again.stderr
    assert count(store) == after_first
    info = json.loads(run_isnad("info", "--json", "--store", str(store)).stdout)
    assert info["articles"] == 6 and info["last_ingest"] == "new_article"


@pytest.mark.parametrize(
    ("content", "options", "words"),
    [
        (b"", ["--date", "2024-01-01"], "empty"),
        ("نص عن العراق".encode("cp1256"), ["--date", "2024-01-01"], "not UTF-8"),
        (b"English only, no Arabic here.", ["--date", "2024-01-01"], "no Arabic"),
        (b"\x00\x01\x02binary", ["--date", "2024-01-01"], "binary"),
        (TEXT.encode(), [], "--date"),
        (TEXT.encode(), ["--date", "2024-02-31"], "not an ISO date"),
    ],
)
def test_bad_input_is_refused_and_loses_nothing(store, tmp_path, content, options, words):
    before = count(store)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = run_isnad("ingest", str(bad), *options, "--store", str(store))
    assert result.returncode != 0
    assert words in result.stderr and "Traceback" not in result.stderr
    assert count(store) == before


def test_a_huge_file_is_refused(store, tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text("العراق " * 8_000_000, encoding="utf-8")
    result = run_isnad("ingest", str(huge), "--date", "2024-01-01", "--store", str(store))
    assert result.returncode != 0 and "too large" in result.stderr


def test_readers_see_an_article_whole_or_not_at_all_while_it_is_ingested(store, tmp_path):
    """A reader querying the article's claims in a loop while it is posted sees nothing, then everything."""
    server = start_server(store, env={"ISNAD_TOKEN": "reader-test-token"}, ready_timeout=180)
    iri = f"{Settings.from_env(store=store).base_iri}id/article/while_serving"
    query = f"""SELECT ?articles ?claims ?triples WHERE {{
        {{ SELECT (COUNT(*) AS ?articles) WHERE {{ <{iri}> a schema:NewsArticle }} }}
        {{ SELECT (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(*) AS ?triples)
           WHERE {{ ?claim isnad:fromArticle <{iri}> . GRAPH ?claim {{ ?s ?p ?o }} }} }} }}"""
    seen: list[tuple[int, int, int]] = []
    done = threading.Event()

    def read() -> None:
        with httpx.Client(base_url=server.base_url, timeout=60) as client:
            while not done.is_set():
                response = client.get("/sparql", params={"query": query},
                                      headers={"Accept": "application/sparql-results+json"})
                assert response.status_code == 200, response.text
                row = response.json()["results"]["bindings"][0]
                seen.append(tuple(int(row[k]["value"]) for k in ("articles", "claims", "triples")))

    reader = threading.Thread(target=read)
    try:
        reader.start()
        while not seen:
            time.sleep(0.05)
        posted = httpx.post(server.base_url + "/articles", timeout=300,
                            headers={"Authorization": "Bearer reader-test-token"},
                            json={"id": "while_serving", "text": TEXT, "title": "محادثات", "published": "2024-02-10"})
        assert posted.status_code == 201, posted.text
        time.sleep(1.5)  # a few more reads on the new generation
    finally:
        done.set()
        reader.join(60)
        server.stop()
    full = seen[-1]
    assert full[0] == 1 and full[1] > 0
    assert set(seen) == {(0, 0, 0), full}, sorted(set(seen))
    print(f"{len(seen)} reads during the ingest: {seen.count((0, 0, 0))} before, {seen.count(full)} after {full}")

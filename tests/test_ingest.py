"""`isnad ingest`: one article in without a rebuild, all or nothing; again replaces, never duplicates."""

from __future__ import annotations

import json

import pytest

from conftest import run_isnad

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

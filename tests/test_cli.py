"""The `isnad` command as an analyst runs it: real processes, exit codes, one-line errors."""

from __future__ import annotations

import io
import json
import shutil

import pytest
import rdflib

from conftest import run_isnad

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("cli") / "store"
    result = run_isnad("build", "--store", str(store), timeout=600)  # a shared, busy machine can take minutes
    assert result.returncode == 0, result.stderr
    return store, result


def test_build_prints_a_summary(cli_store):
    _, result = cli_store
    for words in ("articles", "claims", "triples: articles", "seconds", "workers", "seconds: extract",
                  "seconds: reason", "seconds: validate"):
        assert words in result.stderr


@pytest.mark.parametrize(("option", "message"), [
    (("--workers", "-1"), "build workers must be 0"),
    (("--executor", "spark"), "executor 'spark': use 'local', 'dask'"),
])
def test_bad_build_workers_or_executor_is_a_clear_error(tmp_path, option, message):
    result = run_isnad("build", "--store", str(tmp_path / "store"), *option)
    assert result.returncode == 1
    assert message in result.stderr
    assert not (tmp_path / "store" / "current").exists()


def test_query_json_counts_more_than_zero(cli_store):
    store, _ = cli_store
    result = run_isnad("query", "--store", str(store), COUNT_ALL, "--format", "json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert int(answer["results"]["bindings"][0]["n"]["value"]) > 0


@pytest.mark.parametrize("fmt", ["csv", "tsv", "xml", "table"])
def test_query_other_formats(cli_store, fmt):
    store, _ = cli_store
    result = run_isnad("query", "--store", str(store), "SELECT ?id WHERE { ?a dcterms:identifier ?id }",
                       "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert "004_2ff1e16875d8afd0" in result.stdout


def test_query_from_file_and_construct_as_turtle(cli_store, tmp_path):
    store, _ = cli_store
    query_file = tmp_path / "q.rq"
    query_file.write_text("CONSTRUCT { ?a schema:headline ?t } WHERE { ?a schema:headline ?t }", encoding="utf-8")
    result = run_isnad("query", "--store", str(store), "--file", str(query_file), "--format", "turtle")
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) == 5


def test_a_bad_query_is_one_line_with_position(cli_store):
    store, _ = cli_store
    result = run_isnad("query", "--store", str(store), "SELECT ?x WHERE { ?x ?y }")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "error:" in result.stderr and "1" in result.stderr


@pytest.mark.parametrize(("fmt", "rdflib_format", "is_dataset"), [
    ("nquads", "nquads", True), ("trig", "trig", True), ("jsonld", "json-ld", True), ("turtle", "turtle", False),
])
def test_export_parses_back_with_rdflib(cli_store, tmp_path, fmt, rdflib_format, is_dataset):
    store, _ = cli_store
    target = tmp_path / f"dump.{fmt}"
    result = run_isnad("export", "--store", str(store), "--format", fmt, "--output", str(target))
    assert result.returncode == 0, result.stderr
    count = json.loads(run_isnad("query", "--store", str(store), COUNT_ALL, "--format", "json").stdout)
    quads = int(count["results"]["bindings"][0]["n"]["value"])
    if is_dataset:
        dataset = rdflib.Dataset()
        dataset.parse(target, format=rdflib_format)
        assert len(list(dataset.quads((None, None, None, None)))) == quads
    else:
        graph = rdflib.Graph().parse(target, format=rdflib_format)
        assert 0 < len(graph) <= quads


def test_export_to_stdout(cli_store):
    store, _ = cli_store
    result = run_isnad("export", "--store", str(store), "--format", "nquads")
    dataset = rdflib.Dataset()
    dataset.parse(io.StringIO(result.stdout), format="nquads")
    assert len(dataset) > 0 or len(list(dataset.quads())) > 0


def test_info_reports_counts(cli_store):
    store, _ = cli_store
    result = run_isnad("info", "--store", str(store), "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["articles"] == 5
    assert info["triples_by_graph"]["articles"] > 0
    assert info["corpus"].endswith("corpus")


def test_broken_record_fails_with_file_and_field_and_leaves_store(cli_store, corpus_copy):
    store, _ = cli_store
    before = run_isnad("query", "--store", str(store), COUNT_ALL, "--format", "json").stdout
    generation_before = json.loads(run_isnad("info", "--store", str(store), "--json").stdout)["generation"]
    record_path = corpus_copy / "001_989b01d71f21a984.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["published"] = "2024-13"
    record_path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    result = run_isnad("build", "--store", str(store), "--corpus", str(corpus_copy))
    assert result.returncode != 0
    assert "001_989b01d71f21a984.json" in result.stderr and "'published'" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_isnad("query", "--store", str(store), COUNT_ALL, "--format", "json").stdout == before
    assert json.loads(run_isnad("info", "--store", str(store), "--json").stdout)["generation"] == generation_before


def test_missing_store_is_a_clear_error(tmp_path):
    result = run_isnad("query", "--store", str(tmp_path / "none"), COUNT_ALL)
    assert result.returncode != 0
    assert "isnad build" in result.stderr and "Traceback" not in result.stderr


def test_store_from_environment(cli_store):
    store, _ = cli_store
    result = run_isnad("info", "--json", env={"ISNAD_STORE": str(store)})
    assert result.returncode == 0 and json.loads(result.stdout)["articles"] == 5


@pytest.mark.parametrize("command", ["build", "serve", "query", "export", "info"])
def test_every_command_has_help(command):
    result = run_isnad(command, "--help")
    assert result.returncode == 0
    assert "--store" in result.stdout


def test_bad_base_iri_is_refused(tmp_path):
    result = run_isnad("build", "--store", str(tmp_path / "s"), "--base-iri", "not-an-iri")
    assert result.returncode != 0 and "base IRI" in result.stderr
    assert not (tmp_path / "s").exists() or shutil.rmtree(tmp_path / "s") is None

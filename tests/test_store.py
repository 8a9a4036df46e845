"""The store's promise: a build that fails midway leaves the previous graph as it was. (Builds and ingests
killed with SIGKILL at every stage: tests/test_faults.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from isnad.build import build
from isnad.graph.failpoints import FailpointError
from isnad.graph.iris import Iris
from isnad.graph.query import run_query
from isnad.graph.store import GraphStore, StoreError
from isnad.settings import Settings

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
TITLES = "SELECT ?t WHERE { GRAPH ?g { ?a schema:headline ?t } } ORDER BY ?t"


def answers(store_root: Path) -> tuple[int, list[str]]:
    store = GraphStore(store_root).open_read()
    count = int(next(iter(run_query(store, COUNT_ALL).result))["n"].value)
    titles = [s["t"].value for s in run_query(store, TITLES).result]
    return count, titles


def test_build_puts_every_article_in_the_graph(seed_store):
    count, titles = answers(seed_store)
    assert count > 0
    assert len(titles) == 5
    assert "البقاء الأمريكي في العراق طويل الأمد رغمًا عن إيران" in titles


def test_article_resource_carries_its_metadata(seed_store):
    store = GraphStore(seed_store).open_read()
    iri = Iris(Settings.from_env(store=seed_store).base_iri).article("002_8cc831d112bdeee4")
    query = f"SELECT ?date ?text WHERE {{ {iri} schema:datePublished ?date ; schema:text ?text }}"
    (row,) = list(run_query(store, query).result)
    assert row["date"].value == "2021-07-27"
    assert row["date"].datatype.value.endswith("#date")
    assert row["text"].value.startswith("الفتح")


def test_month_precision_dates_keep_their_precision(seed_store):
    store = GraphStore(seed_store).open_read()
    query = 'SELECT ?d WHERE { ?a dcterms:identifier "004_2ff1e16875d8afd0" ; schema:datePublished ?d }'
    (row,) = list(run_query(store, query).result)
    assert (row["d"].value, row["d"].datatype.value.rsplit("#")[1]) == ("2024-01", "gYearMonth")


@pytest.mark.parametrize("stage", ["extract", "load", "reason", "validate", "commit", "switch"])
def test_a_build_that_raises_leaves_the_previous_store(store_copy, corpus_copy, monkeypatch, stage):
    store = store_copy
    settings = Settings.from_env(store=store)
    first_generation = GraphStore(store).build_info()["generation"]
    before = answers(store)
    # The second build would add an article; it fails at `stage`.
    (corpus_copy / "005_extra.txt").write_text("مقال إضافي عن العراق.", encoding="utf-8")
    (corpus_copy / "005_extra.json").write_text(json.dumps({
        "title": "مقال إضافي", "outlet": None, "language": "ar", "published": "2024-02-01",
        "published_basis": "written for a test", "source": "test"}), encoding="utf-8")
    monkeypatch.setenv("ISNAD_FAILPOINTS", f"{stage}=raise")
    with pytest.raises(FailpointError):
        build(settings, corpus_copy)
    assert answers(store) == before
    assert GraphStore(store).build_info()["generation"] == first_generation
    assert not list((store / "generations").glob("*.partial"))
    monkeypatch.delenv("ISNAD_FAILPOINTS")
    build(settings, corpus_copy)
    assert len(answers(store)[1]) == 6


def test_one_writer_at_a_time(tmp_path):
    graph_store = GraphStore(tmp_path / "store")
    with graph_store.write_lock(), pytest.raises(StoreError, match="another build or ingest"), \
            graph_store.write_lock():
        pass


def test_reading_a_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="run 'isnad build"):
        GraphStore(tmp_path / "nothing").open_read()


def test_a_store_of_another_format_version_is_refused(store_copy):
    store = store_copy
    info_path = GraphStore(store).current_generation() / "build.json"
    info = json.loads(info_path.read_text())
    info["format_version"] = 999
    info_path.write_text(json.dumps(info))
    with pytest.raises(StoreError, match="format version 999"):
        GraphStore(store).open_read()

"""A build that extracts in worker processes or on a Dask cluster writes the same graph as a one-worker build.

Graphs are compared as sorted N-Quads. The only lines allowed to differ in spelling are those with blank
nodes (the OWL lists of the ontology and a few explanation structures), whose labels are fresh in every
build; those are compared after rdflib's canonical relabelling, graph by graph."""

from __future__ import annotations

import sys
from collections import defaultdict

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import to_canonical_graph

from conftest import REPO, run_isnad
from isnad.graph.store import GraphStore
from isnad.resources import bundled_corpus_dir

sys.path.insert(0, str(REPO / "bench"))
from generate_corpus import write_corpus  # noqa: E402


def dataset_lines(store_root) -> list[str]:
    """The store's quads as sorted N-Quads lines, blank-node labels made canonical per graph."""
    store = GraphStore(store_root).open_read()
    ground: list[str] = []
    with_blanks: dict[str, list[str]] = defaultdict(list)
    for line in store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines():
        if "_:" not in line:
            ground.append(line)
            continue
        quad = next(iter(ox.parse(line, format=ox.RdfFormat.N_QUADS)))
        triple = ox.Triple(quad.subject, quad.predicate, quad.object)
        with_blanks[str(quad.graph_name)].append(str(triple) + " .")
    for graph, triples in with_blanks.items():
        canonical = to_canonical_graph(rdflib.Graph().parse(data="\n".join(triples), format="nt"))
        ground.extend(f"{line.removesuffix(' .')} {graph} ." for line in
                      canonical.serialize(format="nt").splitlines() if line.strip())
    return sorted(ground)


def built(tmp_path_factory, name: str, corpus, *options: str):
    store = tmp_path_factory.mktemp(name) / "store"
    result = run_isnad("build", "--store", str(store), "--corpus", str(corpus), *options, timeout=900)
    assert result.returncode == 0, result.stderr
    return store, result


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("generated-corpus")
    write_corpus(4, corpus, seed=3)
    return corpus


@pytest.fixture(scope="module")
def generated_one_worker(tmp_path_factory, generated_corpus):
    store, _ = built(tmp_path_factory, "gen-w1", generated_corpus, "--workers", "1")
    return dataset_lines(store)


def test_bundled_corpus_two_workers_same_graph(tmp_path_factory):
    one, _ = built(tmp_path_factory, "seed-w1", bundled_corpus_dir(), "--workers", "1")
    two, result = built(tmp_path_factory, "seed-w2", bundled_corpus_dir(), "--workers", "2")
    assert "workers" in result.stderr and "2" in result.stderr
    lines_one = dataset_lines(one)
    assert len(lines_one) > 10_000
    assert dataset_lines(two) == lines_one


def test_generated_corpus_two_workers_same_graph(tmp_path_factory, generated_corpus, generated_one_worker):
    two, _ = built(tmp_path_factory, "gen-w2", generated_corpus, "--workers", "2")
    assert dataset_lines(two) == generated_one_worker


def test_dask_cluster_same_graph(tmp_path_factory, generated_corpus, generated_one_worker):
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://127.0.0.1:")
        store, _ = built(tmp_path_factory, "gen-dask", generated_corpus, "--executor", f"dask://{address}")
        ran_on_cluster = set(cluster.scheduler.task_prefixes)
    assert "article_batch_nquads" in ran_on_cluster
    assert dataset_lines(store) == generated_one_worker


def test_dask_executor_without_dask_says_what_to_install(tmp_path):
    # A `dask` package that cannot be imported stands in for an installation without the extra.
    shadow = tmp_path / "shadow" / "dask"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('dask is not installed')\n")
    result = run_isnad("build", "--store", str(tmp_path / "store"), "--executor", "dask",
                       env={"PYTHONPATH": str(tmp_path / "shadow")})
    assert result.returncode == 1
    assert "isnad[dask]" in result.stderr
    assert not GraphStore(tmp_path / "store").exists()


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    result = run_isnad("build", "--store", str(tmp_path / "store"), "--executor", "dask://127.0.0.1:9",
                       timeout=180)
    assert result.returncode == 1
    assert "Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert not GraphStore(tmp_path / "store").exists()

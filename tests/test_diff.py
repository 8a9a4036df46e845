"""`isnad diff` and the build summary's short diff show what a change did to the graph."""

from __future__ import annotations

import json
import shutil

from conftest import run_isnad


def test_diff_shows_the_claims_a_new_article_adds(tmp_path, corpus_copy):
    without = tmp_path / "without"
    shutil.copytree(corpus_copy, without)
    for suffix in (".txt", ".json"):
        (without / f"004_2ff1e16875d8afd0{suffix}").unlink()
    assert run_isnad("build", "--store", str(tmp_path / "old"), "--corpus", str(without)).returncode == 0
    assert run_isnad("build", "--store", str(tmp_path / "new"), "--corpus", str(corpus_copy)).returncode == 0
    result = run_isnad("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--json")
    assert result.returncode == 0, result.stderr
    difference = json.loads(result.stdout)
    added = [claim for kind in difference["claims"].values() for claim in kind["added"]]
    removed = [claim for kind in difference["claims"].values() for claim in kind["removed"]]
    assert added and all("/id/claim/004_2ff1e16875d8afd0/" in claim for claim in added)
    assert removed == []
    assert "mention" in difference["claims"]


def test_rebuilding_the_same_corpus_changes_nothing(tmp_path):
    store = tmp_path / "store"
    assert run_isnad("build", "--store", str(store)).returncode == 0
    again = run_isnad("build", "--store", str(store))
    assert again.returncode == 0
    assert "Changes since the previous build: no change in claims or inferred triples" in again.stderr
    shutil.copytree(store, tmp_path / "copy", symlinks=True)
    same = run_isnad("diff", str(store), str(tmp_path / "copy"))
    assert same.returncode == 0 and "no change" in same.stdout

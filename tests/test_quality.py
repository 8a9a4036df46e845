"""Extraction quality measured by ../shared/eval/score.py against gold written by reading the articles.

The store is built by the real `isnad build`, the facts come from `isnad export facts` (SPARQL over the
store), and the scorer is run as its own process: nothing here knows how extraction works."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHARED, run_isnad

SCORER = SHARED / "eval" / "score.py"
SETS = {
    # name: (corpus folder, gold file, target offset: the further articles' targets are 0.1 lower)
    "seeds": (REPO / "corpus", REPO / "tests" / "gold" / "seeds.jsonl", 0.0),
    "extra": (REPO / "tests" / "articles", REPO / "tests" / "gold" / "extra.jsonl", 0.1),
}


@pytest.fixture(scope="module", params=list(SETS))
def scored(request, tmp_path_factory) -> tuple[str, dict, float]:
    corpus, gold, offset = SETS[request.param]
    work = tmp_path_factory.mktemp(f"quality-{request.param}")
    built = run_isnad("build", "--store", str(work / "store"), "--corpus", str(corpus))
    assert built.returncode == 0, built.stderr
    facts = work / "facts.jsonl"
    exported = run_isnad("export", "facts", "--store", str(work / "store"), "--output", str(facts))
    assert exported.returncode == 0, exported.stderr
    result = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(facts), "--articles", str(corpus), "--json"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return request.param, json.loads(result.stdout), offset


FACT_KINDS = ("troop_level", "attack", "strike", "attack_tally", "negotiation_meeting", "outcome", "relation",
              "post_held", "statement", "legislation", "troop_movement")


@pytest.mark.parametrize("kind", FACT_KINDS)
def test_every_fact_kind_meets_its_target(scored, kind):
    name, report, offset = scored
    scores = report["kinds"][kind]
    assert scores["precision"] >= 0.90 - offset, (name, kind, scores)
    assert scores["recall"] >= 0.85 - offset, (name, kind, scores)


def test_entities_meet_the_targets(scored):
    name, report, offset = scored
    entity = report["kinds"]["entity"]
    assert entity["precision"] >= 0.95 - offset, (name, entity)
    assert entity["recall"] >= 0.95 - offset, (name, entity)


def test_every_quote_equals_the_article_text(scored):
    name, report, _ = scored
    evidence = report["evidence"]
    assert evidence["checked"] == report["micro_facts"]["pred"], (name, evidence)  # every fact was checked
    assert evidence["ok"] == evidence["checked"] and not evidence["missing_articles"], (name, evidence)


def test_gold_files_are_valid_for_the_scorer():
    for corpus, gold, _ in SETS.values():
        result = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(gold),
                                 "--articles", str(corpus), "--json"], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["micro_facts"]["f1"] == 1.0
        assert Path(corpus).is_dir()

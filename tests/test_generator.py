"""The benchmark corpus generator (bench/generate_corpus.py): its articles are read and extracted like real ones."""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from conftest import REPO
from isnad.loaders.corpus import read_corpus
from isnad.loaders.extract import extract_article
from isnad.loaders.gazetteer import load_gazetteer

sys.path.insert(0, str(REPO / "bench"))
from generate_corpus import TEMPLATES, write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    ids = write_corpus(20, out, seed=5)
    return out, ids


def test_articles_are_read_as_a_corpus(generated):
    out, ids = generated
    articles = read_corpus(out)  # the record format is checked field by field here
    assert [a.id for a in articles] == sorted(ids)
    for article in articles:
        assert 900 <= len(article.text.split()) <= 1300
        assert article.published_precision == "day"


def test_extraction_finds_facts_of_many_kinds(generated):
    out, _ = generated
    gazetteer = load_gazetteer()
    kinds: Counter = Counter()
    for article in read_corpus(out):
        extraction, _ = extract_article(article, gazetteer)
        assert extraction.facts, article.id
        kinds.update(fact.kind for fact in extraction.facts)
    for kind in ("attack", "strike", "troop_level", "statement", "negotiation_meeting", "legislation"):
        assert kinds[kind] >= 5, kinds


def test_same_seed_same_corpus_other_seed_other_corpus(generated, tmp_path):
    out, ids = generated
    again = write_corpus(20, tmp_path / "again", seed=5)
    assert again == ids
    for article_id in ids:
        for suffix in (".txt", ".json"):
            assert (tmp_path / "again" / f"{article_id}{suffix}").read_bytes() == \
                (out / f"{article_id}{suffix}").read_bytes()
    assert write_corpus(3, tmp_path / "other", seed=6) != ids[:3]


def test_there_are_many_templates():
    assert len(TEMPLATES) >= 30

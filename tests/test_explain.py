"""`explain`: derivation trees that end in article ids and Arabic quotes found in the articles."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from isnad.graph.explain import ExplainError, explain, resolve_term
from isnad.graph.iris import Iris, term
from isnad.graph.reasoning import infer
from isnad.graph.reasoning_fixtures import seed_quads
from isnad.loaders.corpus import read_corpus
from isnad.resources import bundled_corpus_dir

GOLD = Path(__file__).parent / "gold" / "seeds.jsonl"
IRIS = Iris("https://isnad.example.org/")


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> ox.Store:
    path = tmp_path_factory.mktemp("explain") / "oxigraph"
    writable = ox.Store(str(path))
    writable.bulk_extend(seed_quads(IRIS, GOLD))
    infer(writable, IRIS).write_to(writable)
    writable.flush()
    del writable
    return ox.Store.read_only(str(path))


@pytest.fixture(scope="module")
def article_texts() -> dict[str, str]:
    return {article.id: article.text for article in read_corpus(bundled_corpus_dir())}


def _sources(tree: dict) -> list[dict]:
    found = list(tree["sources"])
    for derivation in tree["derivations"]:
        for premise in derivation["premises"]:
            found.extend(_sources(premise))
    return found


def test_backing_by_iran_shows_the_stated_and_the_derived_path(store, article_texts):
    tree = explain(store, IRIS, "Kataib Hezbollah", "isnad:backedBy", "Iran")
    data = tree.to_json()
    assert data["inferred"] is True
    kinds = {source["kind"] for source in data["sources"]}
    assert kinds == {"article", "curated"}  # stated in article 001 and in the gazetteer
    stated = next(s for s in data["sources"] if s["kind"] == "article")
    assert stated["article_id"] == "001_989b01d71f21a984"
    assert stated["quote"] in article_texts[stated["article_id"]]
    assert "كتائب حزب الله" in stated["quote"]
    chain = next(d for d in data["derivations"] if d["rule"].endswith("rule-prp-spo2"))
    premises = [(p["subject"].rsplit("/", 1)[-1], p["predicate"].rsplit("#", 1)[-1], p["object"].rsplit("/", 1)[-1])
                for p in chain["premises"]]
    assert premises == [("kataib-hezbollah", "memberOf", "islamic-resistance-in-iraq"),
                        ("islamic-resistance-in-iraq", "backedBy", "iran")]
    text = tree.to_text()
    assert "001_989b01d71f21a984" in text and stated["quote"] in text
    assert "Islamic Resistance in Iraq" in text and "property chain" in text
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_inferred_implication_ends_in_articles_and_quotes_that_are_in_them(store, article_texts):
    attack = next(q.subject for q in store.quads_for_pattern(
        None, term("perpetratedBy"), ox.NamedNode(f"{IRIS.base}id/actor/islamic-resistance-in-iraq"), None))
    tree = explain(store, IRIS, f"<{attack.value}>", "implicates", "إيران")
    data = tree.to_json()
    assert data["inferred"] and not data["sources"]  # no article states it: it is derived only
    leaves = _sources(data)
    articles = [s for s in leaves if s["kind"] == "article"]
    assert articles, leaves
    for source in articles:
        assert source["article_id"] in article_texts
        assert source["quote"] and source["quote"] in article_texts[source["article_id"]]
    assert any("كانت وراء الهجوم" in s["quote"] for s in articles)  # the sentence naming the perpetrator
    text = tree.to_text()
    assert "001_989b01d71f21a984" in text and "«" in text


def test_sparql_rule_explanations_name_the_rule_and_its_premises(store):
    tree = explain(store, IRIS, "Kataib Hezbollah", "accusedBy", "United States").to_json()
    derivation = tree["derivations"][0]
    assert derivation["rule"].endswith("rule-accused-through-umbrella")
    assert "umbrella" in derivation["rule_label"]
    predicates = {p["predicate"].rsplit("#", 1)[-1] for p in derivation["premises"]}
    assert {"perpetratedBy", "attributedBy", "memberOf"} <= predicates


def test_resolve_term_accepts_iris_prefixed_names_bare_terms_and_labels(store):
    iran = ox.NamedNode(f"{IRIS.base}id/actor/iran")
    assert resolve_term(store, IRIS, f"<{iran.value}>") == iran
    assert resolve_term(store, IRIS, iran.value) == iran
    assert resolve_term(store, IRIS, "Iran") == iran
    assert resolve_term(store, IRIS, "إيران") == iran
    assert resolve_term(store, IRIS, "ايران") == iran  # hamza seat normalized
    assert resolve_term(store, IRIS, "isnad:backedBy") == term("backedBy")
    assert resolve_term(store, IRIS, "backedBy") == term("backedBy")
    literal = resolve_term(store, IRIS, '"2024"^^xsd:gYear')
    assert isinstance(literal, ox.Literal) and literal.datatype.value.endswith("#gYear")


def test_unknown_or_absent_things_get_clear_errors(store):
    with pytest.raises(ExplainError, match="no entity or term is labelled"):
        resolve_term(store, IRIS, "Atlantis Liberation Front")
    with pytest.raises(ExplainError, match="holds no triple"):
        explain(store, IRIS, "Iran", "isnad:backedBy", "Kataib Hezbollah")


def test_store_without_explanations_is_reported(tmp_path):
    bare = ox.Store()
    iran = ox.NamedNode(f"{IRIS.base}id/actor/iran")
    bare.add(ox.Quad(iran, term("backedBy"), iran, IRIS.graph("ontology")))
    with pytest.raises(ExplainError, match="no explanations graph"):
        explain(bare, IRIS, iran, term("backedBy"), iran)

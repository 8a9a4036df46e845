"""Incremental reasoning (graph/reasoning_incremental.py) gives the full closure: ingesting articles one by one
into a reasoned store yields the same inferred graph as reasoning over all of them at once, with every
inferred triple explained down to asserted ones; and the counts an ingest keeps equal a recount."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from isnad.build import article_to_quads, graph_counts, ontology_quads
from isnad.graph.claims import gazetteer_claims
from isnad.graph.explain import ExplanationTree, explain
from isnad.graph.iris import PREFIXES, Iris, term
from isnad.graph.reasoning import infer
from isnad.graph.reasoning_incremental import NotIncremental, add_and_reason
from isnad.graph.store import GraphStore
from isnad.ingest import ingest
from isnad.loaders.corpus import read_corpus
from isnad.loaders.gazetteer import load_gazetteer
from isnad.resources import bundled_corpus_dir
from isnad.settings import Settings

IRIS = Iris("https://isnad.example.org/")
TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
XSD = PREFIXES["xsd"]
INFERRED, EXPLANATIONS = IRIS.graph("inferred"), IRIS.graph("explanations")
TEST_ARTICLES = Path(__file__).parent / "articles"


@pytest.fixture(scope="module")
def background() -> list[ox.Quad]:
    """What every build holds besides articles: the ontology and the gazetteer's claims."""
    return list(ontology_quads(IRIS)) + list(gazetteer_claims(load_gazetteer(), IRIS))


@pytest.fixture(scope="module")
def articles() -> dict[str, list[ox.Quad]]:
    gazetteer = load_gazetteer()
    found = read_corpus(bundled_corpus_dir()) + read_corpus(TEST_ARTICLES)
    return {article.id: list(article_to_quads(article, IRIS, gazetteer)) for article in found}


def reasoned(path: Path, quads: list[ox.Quad]) -> ox.Store:
    """A store on disk holding `quads` and their full closure."""
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    infer(store, IRIS).write_to(store)
    return store


def inferred(store: ox.Store) -> set[tuple]:
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, INFERRED)}


def grounded(tree: ExplanationTree, status: dict | None = None) -> bool:
    """Whether an explanation tree rests on stated triples: each node stated, or derived by a rule whose
    premises are grounded. A premise shown higher up counts as what it was found to be there; one still being
    explained (a cycle) does not count."""
    status = {} if status is None else status
    key = (tree.subject, tree.predicate, tree.object)
    if tree.shown_above:
        return bool(status.get(key))
    status[key] = None
    ok = bool(tree.sources) or any(d.rule and all(grounded(p, status) for p in d.premises) for d in tree.derivations)
    status[key] = ok
    return ok


def assert_well_explained(store: ox.Store, sample: int = 150) -> None:
    """Inferred triples (all of them, or an even sample) have explanations that end in stated triples."""
    triples = sorted(inferred(store), key=str)
    for s, p, o in triples[:: max(1, len(triples) // sample)]:
        tree = explain(store, IRIS, s, p, o)
        assert tree.inferred and tree.derivations and grounded(tree), tree.to_text()


def add(store: ox.Store, quads: list[ox.Quad]) -> bool:
    """What `isnad ingest` does: incremental reasoning, or the full closure when that is needed. True when
    it was incremental."""
    try:
        result = add_and_reason(store, IRIS, quads)
    except NotIncremental:
        for name in ("inferred", "explanations"):
            store.remove_graph(IRIS.graph(name))
        infer(store, IRIS).write_to(store)
        return False
    assert not result.contradictions
    return True


def assert_same_as_full(store: ox.Store, quads: list[ox.Quad], path: Path) -> None:
    reference = reasoned(path, quads)
    only_incremental, only_full = inferred(store) - inferred(reference), inferred(reference) - inferred(store)
    assert not only_incremental and not only_full, (sorted(only_incremental)[:3], sorted(only_full)[:3])
    assert_well_explained(store)


# ------------------------------------------------------------------------------------------- real articles

@pytest.mark.parametrize("seed", [1, 2])
def test_ingesting_articles_one_by_one_gives_the_full_closure(articles, background, tmp_path, seed):
    """Random orders of the nine real articles: a full build of a few, then the others one at a time, compared
    with the full closure of the same articles after every other ingest and after the last."""
    ids = sorted(articles)
    random.Random(seed).shuffle(ids)
    start = 1 + seed % 3
    loaded = background + [q for i in ids[:start] for q in articles[i]]
    store = reasoned(tmp_path / "store", loaded)
    incremental = 0
    for step, article in enumerate(ids[start:]):
        incremental += add(store, articles[article])
        loaded += articles[article]
        if step % 2 or step == len(ids) - start - 1:
            assert_same_as_full(store, loaded, tmp_path / f"full-{step}")
    assert incremental == len(ids) - start  # no step needed the full closure


def test_the_same_quads_again_change_nothing(articles, background, tmp_path):
    store = reasoned(tmp_path / "store", background + articles["001_989b01d71f21a984"])
    before = set(store)
    result = add_and_reason(store, IRIS, articles["001_989b01d71f21a984"])
    assert set(store) == before and not result.gained and result.new_claims == 0


# ----------------------------------------------------------------------------- small graphs, chains completed

def node(kind: str, name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{IRIS.base}id/{kind}/{name}")


def claim(name: str, *triples: tuple) -> list[ox.Quad]:
    graph = ox.NamedNode(f"{IRIS.base}id/claim/test/{name}")
    return [ox.Quad(*t, graph) for t in triples]


def year(text: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode(XSD + "gYear"))


STATE, UMBRELLA, GROUP = node("actor", "state-s"), node("actor", "umbrella-u"), node("actor", "group-g")
PLACES = [node("place", f"p{i}") for i in range(5)]
OLD = claim("old",
            (STATE, TYPE, term("State")), (UMBRELLA, TYPE, term("MilitiaUmbrella")), (GROUP, TYPE, term("Militia")),
            (PLACES[0], TYPE, term("MilitaryBase")), (PLACES[0], term("locatedIn"), PLACES[1]),
            (PLACES[2], term("locatedIn"), PLACES[3]), (PLACES[3], term("locatedIn"), STATE))


def ingest_small(tmp_path: Path, old: list[ox.Quad], new: list[ox.Quad]) -> ox.Store:
    ontology = list(ontology_quads(IRIS))
    store = reasoned(tmp_path / "store", ontology + OLD + old)
    add_and_reason(store, IRIS, new)
    assert_same_as_full(store, ontology + OLD + old + new, tmp_path / "full")
    return store


def holds_inferred(store: ox.Store, s, p, o) -> bool:
    return ox.Quad(s, p, o, INFERRED) in store


def test_a_new_link_joins_two_old_transitive_chains(tmp_path):
    store = ingest_small(tmp_path, [], claim("new", (PLACES[1], term("locatedIn"), PLACES[2])))
    assert holds_inferred(store, PLACES[0], term("locatedIn"), STATE)
    assert holds_inferred(store, STATE, term("contains"), PLACES[0])  # and the inverse of the new closure


def test_a_new_membership_completes_a_backing_chain(tmp_path):
    old = claim("backing", (UMBRELLA, term("backedBy"), STATE))
    store = ingest_small(tmp_path, old, claim("new", (GROUP, term("memberOf"), UMBRELLA)))
    assert holds_inferred(store, GROUP, term("backedBy"), STATE)
    assert holds_inferred(store, STATE, term("backs"), GROUP)


def test_a_new_backing_reaches_old_members_and_a_stated_backing_gets_its_derivation(tmp_path):
    old = claim("members", (GROUP, term("memberOf"), UMBRELLA), (GROUP, term("backedBy"), STATE))
    store = ingest_small(tmp_path, old, claim("new", (UMBRELLA, term("backedBy"), STATE)))
    # Stated by an old claim, and now also derived through the umbrella: kept in the inferred graph too.
    assert holds_inferred(store, GROUP, term("backedBy"), STATE)


def test_a_new_attribution_accuses_old_members_of_the_umbrella(tmp_path):
    attack = node("attack", "a1")
    old = claim("members", (GROUP, term("memberOf"), UMBRELLA))
    new = claim("attack", (attack, TYPE, term("Attack")), (attack, term("perpetratedBy"), UMBRELLA),
                (attack, term("attributedBy"), STATE), (attack, term("place"), PLACES[2]))
    store = ingest_small(tmp_path, old, new)
    assert holds_inferred(store, GROUP, term("accusedBy"), STATE)  # SPARQL rule over old and new premises
    assert holds_inferred(store, attack, term("occurredIn"), STATE)  # through the old locatedIn chain


def test_a_new_strike_answers_an_old_attack_through_two_rules(tmp_path):
    attack, strike = node("attack", "a2"), node("strike", "k1")
    date = ox.Literal("2024-01-28", datatype=ox.NamedNode(XSD + "date"))
    old = claim("attack", (attack, TYPE, term("Attack")), (attack, term("date"), date),
                (attack, term("perpetratedBy"), GROUP))
    new = claim("strike", (strike, TYPE, term("Strike")), (strike, term("inResponseToDate"), date),
                (strike, term("carriedOutBy"), STATE))
    store = ingest_small(tmp_path, old, new)
    assert holds_inferred(store, strike, term("inResponseTo"), attack)
    assert holds_inferred(store, GROUP, term("inConflictWith"), STATE)  # rule, then symmetry


def troops(name: str, as_of: str, place: ox.NamedNode = PLACES[3]) -> list[ox.Quad]:
    level = node("troop-level", name)
    return claim(name, (level, TYPE, term("TroopLevel")), (level, term("country"), STATE),
                 (level, term("place"), place), (level, term("asOf"), year(as_of)),
                 (level, term("count"), ox.Literal("100", datatype=ox.NamedNode(XSD + "integer"))))


def test_troop_levels_older_newer_or_elsewhere_are_incremental(tmp_path):
    current = term("CurrentTroopLevel")
    store = ingest_small(tmp_path, troops("t2021", "2021"), troops("t2019", "2019") + troops("t2020b", "2020",
                                                                                            PLACES[1]))
    assert holds_inferred(store, node("troop-level", "t2021"), TYPE, current)
    assert holds_inferred(store, node("troop-level", "t2020b"), TYPE, current)
    assert not holds_inferred(store, node("troop-level", "t2019"), TYPE, current)
    # A later figure: the previous one is no longer current (a retraction, done without the full closure).
    later = troops("t2024", "2024")
    add_and_reason(store, IRIS, later)
    everything = list(ontology_quads(IRIS)) + OLD + troops("t2021", "2021") + troops("t2019", "2019") + troops(
        "t2020b", "2020", PLACES[1]) + later
    assert_same_as_full(store, everything, tmp_path / "full-later")
    assert holds_inferred(store, node("troop-level", "t2024"), TYPE, current)
    assert not holds_inferred(store, node("troop-level", "t2021"), TYPE, current)


def test_a_stated_typing_that_was_inferred_leaves_the_inferred_graph(tmp_path):
    store = ingest_small(tmp_path, [], claim("typed", (GROUP, TYPE, term("ArmedGroup"))))
    assert not holds_inferred(store, GROUP, TYPE, term("ArmedGroup"))


def test_a_new_schema_triple_needs_the_full_closure(tmp_path):
    store = reasoned(tmp_path / "store", list(ontology_quads(IRIS)) + OLD)
    with pytest.raises(NotIncremental, match="schema"):
        add_and_reason(store, IRIS, claim("schema", (term("Militia"), ox.NamedNode(PREFIXES["rdfs"] + "subClassOf"),
                                                     term("State"))))


# ------------------------------------------------------------------------------------------ `isnad ingest`

def test_ingest_keeps_counts_and_equals_a_build(seed_store, tmp_path):
    """Build four of the five seed articles, ingest the fifth: the same inferred and summaries graphs as the
    session's build of all five, and build.json counts equal to a recount; re-ingesting it (a replacement:
    full closure) keeps all three true."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    articles = read_corpus(bundled_corpus_dir())
    last = articles[-1]
    for path in bundled_corpus_dir().iterdir():
        if path.suffix in (".txt", ".json") and not path.name.startswith(last.id):
            shutil.copy(path, corpus / path.name)
    from isnad.build import build

    settings = Settings.from_env(store=tmp_path / "store")
    build(settings, corpus)
    graph_store = GraphStore(settings.store)
    for expected_incremental in (True, False):
        summary = ingest(settings, last)
        assert summary.incremental is expected_incremental and summary.replaced is not expected_incremental
        info = graph_store.build_info()
        store = graph_store.open_read()
        counts, claims = graph_counts(store, IRIS)
        assert (info["triples_by_graph"], info["claims"]) == (counts, claims)
        built = GraphStore(seed_store).open_read()
        assert inferred(store) == inferred(built)
        summaries = IRIS.graph("summaries")
        assert set(store.quads_for_pattern(None, None, None, summaries)) == \
            set(built.quads_for_pattern(None, None, None, summaries))
        del store, built

"""Every FACTS.md kind written as a claim graph and read back by SPARQL gives the same record."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from isnad.graph.fact_model import KINDS, UnknownEntityError, fact_claims
from isnad.graph.facts_export import fact_records
from isnad.graph.iris import Iris
from isnad.loaders.records import Evidence, Extraction, Fact

IRIS = Iris("https://isnad.example.org/")
TYPES = {
    "united-states": "State", "iraq": "State", "iran": "State", "kataib-hezbollah": "Militia",
    "islamic-resistance-in-iraq": "MilitiaUmbrella", "ain-al-asad": "MilitaryBase", "anbar": "Province",
    "strategic-dialogue": "NegotiationProcess", "mustafa-al-kadhimi": "Person", "iraqi-parliament": "GovernmentBody",
    "baghdad": "City",
}
TEXT = "جملة أولى. جملة ثانية أطول قليلا. جملة ثالثة."


def evidence(n: int) -> Evidence:
    start = n * 3
    return Evidence(start=start, end=start + 5, quote=TEXT[start:start + 5], sentence_index=n)


FIELDS = [
    ("troop_level", {"country": "united-states", "count": 2500, "qualifier": "about", "as_of": "2021-07",
                     "place": "iraq", "role": "advise_assist"}),
    ("attack", {"date": "2024-01-20", "target": "ain-al-asad", "place": "anbar", "weapon": "missile",
                "perpetrator": "islamic-resistance-in-iraq", "attribution": "claimed", "injured": 4}),
    ("attack", {"period": {"from": "2023-10", "to": "2024-01"}, "target": "ain-al-asad", "weapon": "drone",
                "perpetrator": "kataib-hezbollah", "attribution": "accused", "attributed_by": "united-states"}),
    ("strike", {"by": "united-states", "date": "2024-02-03", "place": "iraq", "target": "kataib-hezbollah",
                "targets": "مراكز قيادة ومخازن", "facilities": 85, "killed": 16, "in_response_to": "2024-01-28"}),
    ("attack_tally", {"count": 160, "qualifier": "more_than", "period": {"from": "2023-10-07"}, "scope": "iraq",
                      "target": "القواعد الأمريكية", "perpetrator": "islamic-resistance-in-iraq"}),
    ("negotiation_meeting", {"process": "strategic-dialogue", "date": "2021-04-07", "round": 3, "format": "video",
                             "participants": ["iraq", "united-states"], "topics": ["الأمن", "الاقتصاد"]}),
    ("outcome", {"process": "strategic-dialogue", "what": "end_combat_mission", "deadline": "2021-12-31"}),
    ("post_held", {"person": "mustafa-al-kadhimi", "post": "head_of_government", "organization": "iraq",
                   "as_of": "2021-04-07"}),
    ("statement", {"speaker": "mustafa-al-kadhimi", "date": "2021-07-26", "stance": "welcomes",
                   "topic": "انسحاب القوات القتالية", "quote": "نرحب بالاتفاق"}),
    ("legislation", {"body": "iraqi-parliament", "date": "2020-01-05", "what": "قرار بإخراج القوات الأجنبية"}),
    ("troop_movement", {"country": "united-states", "movement": "withdrawal", "date": "2011", "place": "iraq"}),
    ("relation", {"subject": "kataib-hezbollah", "predicate": "memberOf", "object": "islamic-resistance-in-iraq"}),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    facts = [Fact(kind, fields, evidence(i), "test", "1", 0.9) for i, (kind, fields) in enumerate(FIELDS)]
    store = ox.Store(str(tmp_path_factory.mktemp("facts") / "oxigraph"))
    store.extend(fact_claims(Extraction("art1", facts=facts), IRIS, TYPES))
    store.add(ox.Quad(IRIS.article("art1"), ox.NamedNode("http://purl.org/dc/terms/identifier"),
                      ox.Literal("art1"), IRIS.graph("articles")))
    return [r for r in fact_records(store, IRIS) if r["kind"] != "entity"]


def test_every_kind_is_covered():
    assert {kind for kind, _ in FIELDS} == {*KINDS, "relation"}


@pytest.mark.parametrize("index", range(len(FIELDS)))
def test_fact_round_trips(exported, index):
    kind, fields = FIELDS[index]
    expected = {"kind": kind, "article": "art1", **fields, "evidence": {
        "quote": evidence(index).quote, "start": evidence(index).start, "end": evidence(index).end}}
    matching = [r for r in exported if r["evidence"]["start"] == evidence(index).start]
    assert matching == [expected]


def test_unknown_entity_is_refused():
    fact = Fact("troop_level", {"country": "atlantis", "count": 1, "as_of": "2020"}, evidence(0), "t", "1", 0.5)
    with pytest.raises(UnknownEntityError, match="atlantis"):
        list(fact_claims(Extraction("a", facts=[fact]), IRIS, TYPES))


def test_same_event_from_two_articles_is_one_node():
    fields = {"date": "2024-01-20", "target": "ain-al-asad", "weapon": "missile"}
    quads = []
    for article in ("a1", "a2"):
        extraction = Extraction(article, facts=[Fact("attack", fields, evidence(0), "t", "1", 0.9)])
        quads += fact_claims(extraction, IRIS, TYPES)
    nodes = {q.subject for q in quads if q.predicate.value.endswith("#type") and q.object.value.endswith("#Attack")}
    claims = {q.graph_name for q in quads if q.predicate.value.endswith("#type")
              and q.object.value.endswith("#Attack")}
    assert len(nodes) == 1 and len(claims) == 2

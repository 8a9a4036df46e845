"""The curated gazetteer: the bundled file loads, is consistent, covers the seeds and the domain's core
actors, and bad files are rejected with messages that name the entry."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from isnad.loaders.gazetteer import (
    ENTITY_TYPES,
    PREDICATES,
    GazetteerError,
    inflect_nisba,
    load_gazetteer,
    parse_gazetteer,
)
from isnad.loaders.normalize import normalize_term
from isnad.resources import bundled_corpus_dir

GAZ = load_gazetteer()


def test_bundled_file_loads_and_is_cached():
    assert load_gazetteer() is GAZ
    assert len(GAZ.entities) > 150
    assert len(GAZ.relations) > 40


def test_every_entity_has_a_valid_id_type_and_labels():
    for e in GAZ.entities.values():
        assert e.type in ENTITY_TYPES, e.id
        assert e.id == e.id.lower() and " " not in e.id
        assert e.en and e.ar
        if e.wikidata:
            assert e.wikidata.startswith("Q") and e.wikidata[1:].isdigit()


def test_relations_reference_known_ids_and_carry_notes():
    for r in GAZ.relations:
        assert r.subject in GAZ.entities and r.object in GAZ.entities
        assert r.predicate in PREDICATES
        assert len(r.note) > 20


def test_places_chain_up_to_a_state():
    for e in GAZ.entities.values():
        if e.type in ("Province", "City", "MilitaryBase", "Zone", "Embassy") and e.located_in:
            cur, hops = e, 0
            while cur.located_in:
                cur = GAZ.entities[cur.located_in]
                hops += 1
                assert hops < 8
            assert cur.type == "State", e.id


def test_all_nineteen_iraqi_provinces_are_in_iraq():
    provinces = [e for e in GAZ.entities.values() if e.type == "Province" and e.id.endswith("-province")]
    assert len(provinces) == 19
    for p in provinces:
        cur = p
        while cur.located_in:
            cur = GAZ.entities[cur.located_in]
        assert cur.id == "iraq", p.id
    assert GAZ.entities["halabja-province"].located_in == "kurdistan-region"


# Every actor and place in the five seed articles, as the seed writes it.
SEED_ENTITIES = {
    "united-states": "الولايات المتحدة",
    "iraq": "العراق",
    "iran": "إيران",
    "israel": "إسرائيل",
    "syria": "سوريا",
    "jordan": "الأردن",
    "egypt": "مصر",
    "united-arab-emirates": "الإمارات",
    "saudi-arabia": "السعودية",
    "mustafa-al-kadhimi": "مصطفى الكاظمي",
    "joe-biden": "جو بايدن",
    "mohammed-shia-al-sudani": "محمد شياع السوداني",
    "lloyd-austin": "لويد أوستن",
    "antony-blinken": "أنتوني بلينكن",
    "fuad-hussein": "فؤاد حسين",
    "qasim-al-araji": "قاسم الأعرجي",
    "qais-al-khazali": "قيس الخزعلي",
    "hadi-al-amiri": "هادي العامري",
    "qasem-soleimani": "قاسم سليماني",
    "abu-mahdi-al-muhandis": "أبو مهدي المهندس",
    "donald-trump": "دونالد ترمب",
    "yahya-rasool": "يحيى رسول",
    "tariq-al-shammari": "طارق الشمري",
    "ayad-al-tufan": "أعياد الطوفان",
    "matthew-mcfarlane": "ماثيو ماكفارلين",
    "mara-karlin": "مارا كارلين",
    "john-kirby": "جون كيربي",
    "brett-mcgurk": "بريت ماكغورك",
    "jen-psaki": "جين ساكي",
    "strategic-dialogue": "الحوار الاستراتيجي",
    "higher-military-commission": "اللجنة العسكرية العليا",
    "us-forces": "القوات الأمريكية",
    "coalition-forces": "قوات التحالف",
    "iraqi-security-forces": "القوات الأمنية العراقية",
    "iraqi-army": "الجيش العراقي",
    "peshmerga": "البيشمركة",
    "global-coalition": "التحالف الدولي",
    "isis": "داعش",
    "popular-mobilization-forces": "الحشد الشعبي",
    "asaib-ahl-al-haq": "عصائب أهل الحق",
    "kataib-hezbollah": "كتائب حزب الله",
    "harakat-al-nujaba": "حركة النجباء",
    "hamas": "حماس",
    "islamic-resistance-in-iraq": "المقاومة الإسلامية في العراق",
    "fatah-alliance": "تحالف الفتح",
    "coordination-committee-iraqi-resistance": "الهيئة التنسيقية للمقاومة العراقية",
    "quds-force": "فيلق القدس",
    "irgc": "الحرس الثوري",
    "iraqi-parliament": "البرلمان العراقي",
    "iraqi-government": "الحكومة العراقية",
    "white-house": "البيت الأبيض",
    "us-state-department": "وزارة الخارجية الأميركية",
    "us-department-of-defense": "البنتاغون",
    "iraqi-ministry-of-foreign-affairs": "وزارة الخارجية العراقية",
    "iraqi-prime-minister-office": "مكتب رئيس الوزراء العراقي",
    "iraqi-ministerial-council-for-national-security": "المجلس الوزاري للأمن الوطني",
    "us-embassy-baghdad": "السفارة الأمريكية",
    "green-zone": "المنطقة الخضراء",
    "ain-al-asad": "عين الأسد",
    "harir": "حرير",
    "anbar-province": "محافظة الأنبار",
    "erbil": "أربيل",
    "baghdad": "بغداد",
    "kurdistan-region": "كردستان العراق",
    "washington": "واشنطن",
    "iraq-syria-border": "الحدود السورية-العراقية",
    "gaza": "غزة",
}


@pytest.mark.parametrize("entity_id,written", sorted(SEED_ENTITIES.items()))
def test_seed_entities_are_present_under_their_seed_spelling(entity_id, written):
    assert entity_id in GAZ.entities
    forms = {f.text for f in GAZ.surface_forms if f.entity_id == entity_id}
    assert normalize_term(written) in forms


def test_seed_spellings_occur_in_the_seeds():
    # Guards the table above against typos: every spelling really is in some seed.
    text = normalize_term("\n".join(p.read_text(encoding="utf-8") for p in sorted(bundled_corpus_dir().glob("*.txt"))))
    missing = [w for w in SEED_ENTITIES.values() if normalize_term(w) not in text]
    assert missing == []


DOMAIN_CORE = [
    "kataib-sayyid-al-shuhada",
    "badr-organization",
    "kataib-imam-ali",
    "saraya-al-salam",
    "coordination-framework",
    "iraqi-presidency",
    "iraqi-ministry-of-defense",
    "iraqi-ministry-of-interior",
    "iraqi-national-security-adviser-office",
    "us-congress",
    "centcom",
    "nato-mission-iraq",
    "hezbollah",
    "houthis",
    "kuwait",
    "turkey",
    "united-kingdom",
    "france",
    "russia",
    "china",
    "kurdistan-regional-government",
    "victory-base",
    "erbil-air-base",
    "baghdad-airport",
    "al-tanf",
    "tower-22",
    "balad-air-base",
    "taji",
    "k1",
    "basra",
    "mosul",
    "kirkuk",
    "najaf",
    "karbala",
    "fallujah",
    "ramadi",
    "al-qaim",
    "jurf-al-sakhar",
    "sulaymaniyah",
    "duhok",
    "tikrit",
    "samarra",
    "akram-al-kaabi",
    "faleh-al-fayyadh",
    "ali-khamenei",
    "abu-fadak-al-mohammedawi",
    "abu-bakr-al-baghdadi",
    "adil-abdul-mahdi",
    "haider-al-abadi",
    "mohammed-al-halbousi",
    "ali-al-sistani",
    "mark-esper",
    "security-media-cell",
    "kurdistan-counter-terrorism-service",
]


@pytest.mark.parametrize("entity_id", DOMAIN_CORE)
def test_domain_core_entities_are_present(entity_id):
    assert entity_id in GAZ.entities


@pytest.mark.parametrize(
    "name",
    ["داعش", "تنظيم الدولة الإسلامية", "الدولة الإسلامية", "الدولة الإسلامية في العراق والشام", "تنظيم داعش"],
)
def test_all_names_of_isis(name):
    assert any(f.entity_id == "isis" and f.text == normalize_term(name) for f in GAZ.surface_forms)


def test_expected_background_relations():
    triples = {(r.subject, r.predicate, r.object) for r in GAZ.relations}
    for t in [
        ("kataib-hezbollah", "memberOf", "islamic-resistance-in-iraq"),
        ("harakat-al-nujaba", "memberOf", "islamic-resistance-in-iraq"),
        ("kataib-sayyid-al-shuhada", "memberOf", "islamic-resistance-in-iraq"),
        ("kataib-hezbollah", "partOf", "popular-mobilization-forces"),
        ("asaib-ahl-al-haq", "partOf", "popular-mobilization-forces"),
        ("badr-organization", "partOf", "popular-mobilization-forces"),
        ("badr-organization", "memberOf", "fatah-alliance"),
        ("hadi-al-amiri", "leads", "badr-organization"),
        ("qais-al-khazali", "leads", "asaib-ahl-al-haq"),
        ("kataib-hezbollah", "backedBy", "iran"),
    ]:
        assert t in triples


def test_nisba_inflection():
    forms = set(inflect_nisba("أمريكي"))
    for written in ["أمريكي", "أمريكية", "أمريكيون", "أمريكيين", "الأمريكي", "الأمريكية", "الأمريكيين", "أمريكيا"]:
        assert normalize_term(written) in forms
    assert inflect_nisba("أميركي", ("ه",), definite=True) == [normalize_term("الأميركية")]


def test_head_nisba_names_follow_agreement():
    forms = {f.text: f.entity_id for f in GAZ.surface_forms if f.kind == "name"}
    assert forms[normalize_term("القوات الأميركية")] == "us-forces"
    assert forms[normalize_term("الجيش الأمريكي")] == "us-forces"
    assert forms[normalize_term("الخارجية الأمريكية")] == "us-state-department"
    # masculine nisba after a feminine head is not generated: "وزير الخارجية الأمريكي" is a minister.
    assert normalize_term("الخارجية الأمريكي") not in forms
    assert normalize_term("القوات الأمريكي") not in forms


# ── validation errors ──────────────────────────────────────────────────────────────────────────────

BASE = """
[[entity]]
id = "iraq"
type = "State"
en = "Iraq"
ar = "العراق"
nisba = ["عراقي"]
"""


def _parse(extra: str):
    return parse_gazetteer(BASE + textwrap.dedent(extra), "test.toml")


def test_minimal_file_parses():
    g = _parse("")
    assert list(g.entities) == ["iraq"]


@pytest.mark.parametrize(
    "extra,message",
    [
        ('[[entity]]\nid = "x"\ntype = "Milita"\nen = "X"\nar = "س"\n', "entity 'x': unknown type 'Milita'"),
        ('[[entity]]\nid = "iraq"\ntype = "State"\nen = "Iraq"\nar = "عراق"\n', "duplicate id 'iraq'"),
        ('[[entity]]\nid = "Bad Id"\ntype = "State"\nen = "X"\nar = "س"\n', "lowercase-hyphen slug"),
        (
            '[[entity]]\nid = "b"\ntype = "City"\nen = "B"\nar = "ب ب"\nlocated_in = "nowhere"\n',
            "entity 'b': located_in refers to unknown id 'nowhere'",
        ),
        ('[[entity]]\nid = "b"\ntype = "City"\nen = "B"\nar = "ب ب"\ncolour = "red"\n', "unknown key(s) colour"),
        (
            '[[relation]]\nsubject = "iraq"\npredicate = "memberOf"\nobject = "ghost"\nnote = "n"\n',
            "relation #1 (iraq memberOf ghost): unknown entity id 'ghost'",
        ),
        (
            '[[relation]]\nsubject = "iraq"\npredicate = "likes"\nobject = "iraq"\nnote = "n"\n',
            "unknown predicate 'likes'",
        ),
        (
            '[[entity]]\nid = "r"\ntype = "State"\nen = "R"\nar = "العراق"\n',
            "surface form 'العراق' names several entities (iraq, r)",
        ),
        (
            '[[entity]]\nid = "r"\ntype = "Person"\nen = "R"\nar = "علي العراق"\nanchored = ["عراقي"]\n',
            "anchored form 'عراقي' of r is also a name of iraq",
        ),
        (
            '[[entity]]\nid = "f"\ntype = "Force"\nen = "F"\nar = "قوة"\nnisba_heads = { fem = ["القوات"] }\n',
            "nisba_heads and nisba_of go together",
        ),
        ('[[entity]]\nid = "w"\ntype = "State"\nen = "W"\nar = "و"\nwikidata = "42"\n', "wikidata must look like Q123"),
        (
            '[[ambiguous]]\nsurface = "العراق"\nentities = ["iraq", "ghost"]\n',
            "ambiguous 'العراق': unknown entity id 'ghost'",
        ),
        ("not toml = = =", "not valid TOML"),
    ],
)
def test_validation_errors_name_the_entry(extra, message):
    with pytest.raises(GazetteerError) as err:
        _parse(extra)
    assert message in str(err.value)
    assert "test.toml" in str(err.value)


def test_declared_ambiguity_is_allowed_and_preferred():
    g = _parse(
        """
        [[entity]]
        id = "iraq-province"
        type = "Province"
        en = "Iraq province"
        ar = "محافظة العراق"
        variants = ["العراق"]
        located_in = "iraq"

        [[ambiguous]]
        surface = "العراق"
        entities = ["iraq", "iraq-province"]
        prefer = "iraq"
        """
    )
    assert g.ambiguities[0].prefer == "iraq"


def test_load_from_path_and_missing_path(tmp_path: Path):
    p = tmp_path / "g.toml"
    p.write_text(BASE, encoding="utf-8")
    assert list(load_gazetteer(p).entities) == ["iraq"]
    with pytest.raises(GazetteerError, match="cannot read gazetteer"):
        load_gazetteer(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the Kurdistan Region's counter-terrorism service is not the federal one
        ("وقال جهاز مكافحة الإرهاب في إقليم كردستان إن الطائرة أسقطت", "kurdistan-counter-terrorism-service"),
        ("وشارك جهاز مكافحة الإرهاب العراقي في العملية", "counter-terrorism-service"),
        ("وأفادت خلية الإعلام الأمني بسقوط صاروخين", "security-media-cell"),
        ("وكان رئيس الوزراء الأسبق حيدر العبادي قد أعلن النصر", "haider-al-abadi"),
    ],
)
def test_bodies_and_figures_of_the_domain_are_matched(sentence, expected):
    from isnad.loaders.mentions import find_mentions

    assert expected in {m.entity_id for m in find_mentions(sentence, GAZ)}


def test_a_name_inside_another_entity_name_is_its_own_mention():
    # "فيلق القدس التابع للحرس الثوري" names two entities; neither swallows the other.
    from isnad.loaders.mentions import find_mentions

    found = {m.entity_id for m in find_mentions("وتربطها صلات بفيلق القدس التابع للحرس الثوري الإيراني", GAZ)}
    assert {"quds-force", "irgc"} <= found

"""relation extraction (loaders/extractors/relations.py), one short news text per case, records written by hand.

Cases marked "seed" restate a form from the seed articles; the others are written here in news style."""

from __future__ import annotations

import pytest
from extraction_support import extract_facts, extract_fields

from isnad.loaders.extractors import relations


def _relations(text: str, published: str = "2024-01-15") -> set[tuple[str, str, str]]:
    return {(r["subject"], r["predicate"], r["object"]) for r in extract_fields(relations, text, published, "relation")}


KH, IRAN, GC, US = "kataib-hezbollah", "iran", "global-coalition", "united-states"

CASES = [
    pytest.param("ونجح التحالف الدولي بقيادة الولايات المتحدة في كبح جماح تنظيم داعش.",
                 {(US, "leads", GC)}, id="seed-bi-qiyadat"),
    pytest.param("وشنّ التحالف الدولي ضد داعش بقيادة واشنطن غارات جديدة على مواقع التنظيم.",
                 {(US, "leads", GC)}, id="led-entity-before-a-prepositional-phrase"),
    pytest.param("ورحّب تحالف الفتح، الذي يقوده هادي العامري، بالقرار.",
                 {("hadi-al-amiri", "leads", "fatah-alliance")}, id="relative-yaquduhu"),
    pytest.param("وقال تحالف الفتح الذي يترأسه هادي العامري في بيان إنه يرحب بالاتفاق.",
                 {("hadi-al-amiri", "leads", "fatah-alliance")}, id="seed-yatarasuhu"),
    pytest.param("أما كتائب حزب الله، المدعومة من إيران، فقد طالبت بانسحاب القوات الأمريكية.",
                 {(KH, "backedBy", IRAN)}, id="backed-by-apposition"),
    pytest.param("وتعرضت القواعد لأكثر من 160 هجوما من قبل جماعات مدعومة من إيران أبرزها كتائب حزب الله.",
                 {(KH, "backedBy", IRAN)}, id="seed-generic-subject-passes-to-listed-group"),
    pytest.param("وتنشط في المنطقة فصائل مدعومة من طهران، من بينها حركة النجباء وكتائب سيد الشهداء.",
                 {("harakat-al-nujaba", "backedBy", IRAN), ("kataib-sayyid-al-shuhada", "backedBy", IRAN)},
                 id="generic-subject-list-of-two"),
    pytest.param("وتضم المقاومة الإسلامية في العراق فصائل مسلحة أبرزها كتائب حزب الله وحركة النجباء.",
                 {(KH, "memberOf", "islamic-resistance-in-iraq"),
                  ("harakat-al-nujaba", "memberOf", "islamic-resistance-in-iraq")}, id="umbrella-includes"),
    pytest.param("وبحسب مصادر في هيئة الحشد الشعبي، التي تنضوي كتائب حزب الله في صفوفها، فإن القتلى من الكتائب.",
                 {(KH, "memberOf", "popular-mobilization-forces")}, id="tandawi-fi-sufufiha"),
    pytest.param("وأعلنت كتائب حزب الله، إحدى فصائل الحشد الشعبي، تعليق عملياتها.",
                 {(KH, "memberOf", "popular-mobilization-forces")}, id="one-of-the-factions-of"),
    pytest.param("وقالت الكتائب إنها تربطها صلات قوية بفيلق القدس التابع للحرس الثوري الإيراني.",
                 {("quds-force", "partOf", "irgc")}, id="tabi-li-inside-a-gazetteer-name"),
    pytest.param("ومنذ مقتل قاسم سليماني قائد فيلق القدس بالحرس الثوري لم تتوقف الهجمات.",
                 {("quds-force", "partOf", "irgc")}, id="seed-construct-with-bi"),
    pytest.param("وتشمل المحادثات احتياجات القوات الامنية العراقية، وبضمنها قوات البيشمركة.",
                 {("peshmerga", "partOf", "iraqi-security-forces")}, id="seed-wa-bidimnaha"),
    pytest.param("وتمكنت القوات العراقية بدعم من الغطاء الجوي التابع للتحالف الدولي من طرد داعش.",
                 {("iraqi-security-forces", "backedBy", GC)}, id="seed-bi-dam-min"),
    pytest.param("وهُزم التنظيم على أيدي القوات العراقية مدعومة من تحالف دولي بقيادة واشنطن.",
                 {("iraqi-security-forces", "backedBy", GC), (US, "leads", GC)},
                 id="seed-indefinite-coalition"),
    pytest.param("وتقول واشنطن إن منظمة بدر المتحالفة مع عصائب أهل الحق تعارض بقاء القوات.",
                 {("badr-organization", "alliedWith", "asaib-ahl-al-haq")}, id="allied-with"),
    pytest.param("وقال مسؤول إن القوات الأمريكية بقيادة الجنرال ماثيو ماكفارلين بدأت الانسحاب.",
                 {("matthew-mcfarlane", "commanderOf", "us-forces")}, id="person-commands-a-force"),
    pytest.param("وقال الإطار التنسيقي الذي يضم تحالف الفتح وائتلاف دولة القانون إنه يدعم الحكومة.",
                 {("fatah-alliance", "memberOf", "coordination-framework"),
                  ("state-of-law-coalition", "memberOf", "coordination-framework")}, id="relative-yadummu-list"),
    pytest.param("وأعلنت حركة النجباء المناهضة للولايات المتحدة استئناف هجماتها.",
                 {("harakat-al-nujaba", "opposes", US)}, id="opposes"),
    # Negative cases: nothing the sentence states as a relation between two named entities.
    pytest.param("ولم تتوقف الميليشيات الشيعية المدعومة من طهران عن استهداف السفارة الأمريكية.", set(),
                 id="generic-subject-alone"),
    pytest.param("وتنسب واشنطن التصعيد إلى فصائل موالية لإيران.", set(), id="mawaliya-is-too-loose"),
    pytest.param("وقالت الولايات المتحدة إن المقاومة الإسلامية في العراق، وهي ائتلاف يضم ميليشيات عراقية مدعومة "
                 "من إيران، كانت وراء الهجوم.", set(), id="umbrella-not-backed-when-only-members-are"),
    pytest.param("وانتقد زعيم مليشيا \"عصائب أهل الحق\" قيس الخزعلي القرار.", set(),
                 id="title-is-a-post-not-a-relation"),
    pytest.param("ويتمركز في العراق نحو خمسة آلاف جندي أمريكي ضمن التحالف الدولي.", set(),
                 id="nisba-is-not-a-subject"),
    pytest.param("ويقدّمون التدريب للقوات العراقية ضمن مهمة التحالف الدولي.", set(), id="dimna-not-adjacent"),
    pytest.param("وتوعدت الفصائل بالرد على الضربات التي استهدفت مقرات الحشد الشعبي بدعم من إيران.", set(),
                 id="bi-dam-after-a-complement-not-a-subject"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_relation(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _relations(text) == expected


def test_one_record_per_relation_per_article() -> None:
    text = ("ونجح التحالف الدولي بقيادة الولايات المتحدة في هزيمة داعش. "
            "ويبقى التحالف الدولي الذي تقوده الولايات المتحدة في العراق.")
    facts = extract_facts(relations, text, "2024-01-15", "relation")
    assert [(f.fields["subject"], f.fields["object"], f.evidence.sentence_index) for f in facts] == [(US, GC, 0)]

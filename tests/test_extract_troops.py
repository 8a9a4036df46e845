"""troop_level and troop_movement extraction (loaders/extractors/troop_levels.py, troop_movements.py).

Each case is a short text, its publication date and the records expected, worked out by hand from the
conventions in tests/gold/NOTES.md and ../shared/FACTS.md. Cases marked "seed" are sentences of the bundled
articles or of tests/articles; all others were written for these tests in news style. Negative cases
(casualties, trainees, Iraqi or militia numbers, plans, demands, conditions, habits) must yield nothing.
"""

from __future__ import annotations

import pytest
from extraction_support import extract_fields

from isnad.loaders.extractors import troop_levels, troop_movements


def levels(text: str, published: str) -> list[dict]:
    return extract_fields(troop_levels, text, published, "troop_level")


def movements(text: str, published: str) -> list[dict]:
    return extract_fields(troop_movements, text, published, "troop_movement")


US, IQ = "united-states", "iraq"

# ── troop levels ────────────────────────────────────────────────────────────────────────────────────

LEVELS = [
    # seed (000): "more than", present tense → the publication day
    ("وهناك أكثر من 5000 جندي أمريكي في العراق الآن.", "2021-04-07",
     [{"country": US, "count": 5000, "qualifier": "more_than", "as_of": "2021-04-07", "place": IQ}]),
    # seed (001): the force named before the count; publication known to the year only
    ("وتقود مهام التحالف في العراق قوات أميركية مؤلفة من 2400 جندي متمركزين في قاعدتين رئيسيتين هما عين "
     "الأسد "
     "بمحافظة الأنبار الغربية وحرير في أربيل.", "2024",
     [{"country": US, "count": 2400, "qualifier": "exact", "as_of": "2024", "place": IQ}]),
    # seed (003)
    ("ويوجد في العراق حاليا 2500 عسكري أميركي يركزون على مواجهة فلول تنظيم داعش.", "2021-07",
     [{"country": US, "count": 2500, "qualifier": "exact", "as_of": "2021-07", "place": IQ}]),
    # seed (t02): two levels in one sentence, the second inherits the country; a stated advisory role
    ("ويوجد في العراق قرابة ٢٥٠٠ جندي أمريكي يؤدّون مهام استشارية وتدريبية، إضافة إلى نحو 900 جندي في شمال "
     "شرقي سوريا.", "2023-11-09",
     [{"country": US, "count": 2500, "qualifier": "about", "as_of": "2023-11-09", "place": IQ,
       "role": "advise_assist"},
      {"country": US, "count": 900, "qualifier": "about", "as_of": "2023-11-09", "place": "syria"}]),
    # written: the nisba on an earlier troop noun
    ("ويبلغ عدد الجنود الأمريكيين في العراق حاليا نحو 2500 جندي.", "2021-03-15",
     [{"country": US, "count": 2500, "qualifier": "about", "as_of": "2021-03-15", "place": IQ}]),
    # written: a state as the subject of a present presence verb; role from "مهمة تدريبية"
    ("وتنشر بريطانيا نحو 400 عسكري في العراق ضمن مهمة تدريبية.", "2021-03-15",
     [{"country": "united-kingdom", "count": 400, "qualifier": "about", "as_of": "2021-03-15", "place": IQ,
       "role": "advise_assist"}]),
    # written: "بنحو" after the subject
    ("وتحتفظ الولايات المتحدة بنحو 900 جندي في شمال شرق سوريا.", "2021-03-15",
     [{"country": US, "count": 900, "qualifier": "about", "as_of": "2021-03-15", "place": "syria"}]),
    # written: a past figure keeps its own year
    ("وكان عدد القوات الأمريكية في العراق قد بلغ ذروته عام 2007 بأكثر من 160 ألف جندي.", "2021-03-15",
     [{"country": US, "count": 160000, "qualifier": "more_than", "as_of": "2007", "place": IQ}]),
    # written: advisers, a nisba after an adjective, no named place
    ("ويتواجد نحو ثلاثة آلاف مستشار عسكري أمريكي في قواعد عراقية.", "2021-03-15",
     [{"country": US, "count": 3000, "qualifier": "about", "as_of": "2021-03-15", "role": "advise_assist"}]),
    # written: the accusative nisba (same letters as the country's name), a province as the place
    ("ويخدم في إقليم كردستان نحو 150 جنديا ألمانيا ضمن مهمة تدريب البيشمركة.", "2021-03-15",
     [{"country": "germany", "count": 150, "qualifier": "about", "as_of": "2021-03-15",
       "place": "kurdistan-region", "role": "advise_assist"}]),
    # written: "لـ + state", combat role
    ("ولفرنسا نحو 600 جندي في العراق يشاركون في مهام قتالية ضد داعش.", "2021-03-15",
     [{"country": "france", "count": 600, "qualifier": "about", "as_of": "2021-03-15", "place": IQ,
       "role": "combat"}]),
    # written: "N من القوات X", a base as the place
    ("ويوجد في قاعدة عين الأسد ما لا يقل عن 1500 عسكري من القوات الأمريكية.", "2021-03-15",
     [{"country": US, "count": 1500, "qualifier": "at_least", "as_of": "2021-03-15",
          "place": "ain-al-asad"}]),
    # written: the base that hosts them
    ("وتضم قاعدة عين الأسد نحو 1500 جندي أمريكي.", "2020-01-10",
     [{"country": US, "count": 1500, "qualifier": "about", "as_of": "2020-01-10", "place": "ain-al-asad"}]),
    # Negative cases.
    # seed (001): Iraqi security members trained
    ("ووفروا حتى العام 2020 التدريب لأكثر من 240 ألف عنصر أمني عراقي وسلموا معدات عسكرية ودروع بملايين "
     "الدولارات "
     "للعراق من أجل الحفاظ على أمن الحدود.", "2024", []),
    # seed (t02): soldiers injured
    ("ولفت المتحدث باسم البنتاغون الجنرال بات رايدر، في إيجاز صحفي مساء الأربعاء، إلى أن ٥٦ عسكرياً أمريكياً "
     "أصيبوا بجروح طفيفة أو بإصابات دماغية رضّية خلال تلك الهجمات، عاد جميعهم إلى الخدمة.", "2023-11-09", []),
    # seed (t01): the count of a withdrawal is not a level
    ("وفي سياق متصل، أعلنت ألمانيا اليوم الاثنين أنها سحبت مؤقتاً 35 جندياً من قاعدة التاجي ونقلتهم إلى "
     "الأردن "
     "والكويت.", "2020-01-06", []),
    ("وأسفر الهجوم عن مقتل ثلاثة جنود أمريكيين وإصابة 34 آخرين.", "2021-03-15", []),
    ("وأعلن الجيش العراقي أن 20 ألف جندي عراقي يشاركون في العملية.", "2021-03-15", []),
    ("ويضم الحشد الشعبي أكثر من 200 ألف مقاتل.", "2021-03-15", []),
    ("وأرسلت واشنطن 3000 جندي إضافي إلى المنطقة.", "2021-03-15", []),
    ("ومن المقرر أن يبقى نحو 2000 جندي أمريكي في العراق بعد انتهاء المهمة.", "2021-03-15", []),
    ("ودربت القوات الأمريكية أكثر من 50 ألف جندي عراقي منذ 2015.", "2021-03-15", []),
    ("وستخفض الولايات المتحدة عدد قواتها إلى 2000 جندي بحلول نهاية العام.", "2021-03-15", []),
    ("وقتل 4 جنود أتراك في اشتباكات مع مسلحين شمالي العراق.", "2021-03-15", []),
    ("وتدرب البعثة نحو 500 عنصر من الشرطة الاتحادية.", "2021-03-15", []),
]


@pytest.mark.parametrize(("text", "published", "expected"), LEVELS, ids=[t[:40] for t, _, _ in LEVELS])
def test_troop_levels(text: str, published: str, expected: list[dict]) -> None:
    assert levels(text, published) == expected


def test_a_level_repeated_in_an_article_is_one_record() -> None:
    text = "يوجد في العراق نحو 2500 جندي أمريكي.\nوقال المسؤول إن في العراق نحو 2500 جندي أمريكي حاليا."
    assert len(levels(text, "2021-03-15")) == 1


# ── troop movements ─────────────────────────────────────────────────────────────────────────────────

MOVEMENTS = [
    # seed (004): invasion with a pronoun; the country named before it
    ("وكان للولايات المتحدة وجود مستمر في العراق منذ غزوها عام 2003.", "2024-01",
     [{"country": US, "movement": "deployment", "date": "2003", "place": IQ}]),
    # seed (004): a withdrawal and a return whose troops carry no nisba; "البلاد" is the host country
    ("وقال المسؤول إن العراق يريد علاقة جديدة. غادرت القوات الأمريكية المقاتلة البلاد في عام 2011، لكن آلاف "
     "القوات عادت في عام 2014 لمساعدة الحكومة العراقية على هزيمة تنظيم داعش.", "2024-01",
     [{"country": US, "movement": "withdrawal", "date": "2011", "place": IQ},
      {"country": US, "movement": "return", "date": "2014", "place": IQ}]),
    # seed (002): the dated participle is a deployment; the withdrawal is kept without a date (none is given)
    ("وانسحبت معظم القوات الأميركية المُرسلة عام 2014 في إطار التحالف الدولي لمساندة بغداد على هزيمة تنظيم "
     "الدولية الإسلامية، خلال عهد الرئيس الأميركي السابق دونالد ترمب.", "2021-07-27",
     [{"country": US, "movement": "withdrawal", "place": IQ},
      {"country": US, "movement": "deployment", "date": "2014", "place": IQ}]),
    # seed (t01): the announcing state before the verb, a count, a base
    ("وفي سياق متصل، أعلنت ألمانيا اليوم الاثنين أنها سحبت مؤقتاً 35 جندياً من قاعدة التاجي ونقلتهم إلى "
     "الأردن "
     "والكويت، فيما قالت حكومات أوروبية أخرى إنها تراقب الوضع عن كثب.", "2020-01-06",
     [{"country": "germany", "movement": "withdrawal", "date": "2020-01-06", "place": "taji", "count": 35}]),
    # written
    ("وسحبت بريطانيا 200 من جنودها من العراق في آذار 2020 بسبب جائحة كورونا.", "2021-03-15",
     [{"country": "united-kingdom", "movement": "withdrawal", "date": "2020-03", "place": IQ, "count": 200}]),
    ("وأرسلت الولايات المتحدة في حزيران 2014 مئات المستشارين العسكريين إلى العراق.", "2021-03-15",
     [{"country": US, "movement": "deployment", "date": "2014-06", "place": IQ}]),
    ("وعادت القوات الأمريكية إلى العراق عام 2014 بعد انسحابها عام 2011.", "2021-03-15",
     [{"country": US, "movement": "return", "date": "2014", "place": IQ},
      {"country": US, "movement": "withdrawal", "date": "2011", "place": IQ}]),
    # written: the level reached ("إلى 2500") is not the count moved
    ("وخفضت الولايات المتحدة عدد قواتها في العراق من 5200 إلى 2500 جندي في كانون الثاني 2021.", "2021-03-15",
     [{"country": US, "movement": "reduction", "date": "2021-01", "place": IQ}]),
    ("ونشرت فرنسا 100 جندي إضافي في قاعدة عين الأسد عام 2020.", "2021-03-15",
     [{"country": "france", "movement": "deployment", "date": "2020", "place": "ain-al-asad", "count": 100}]),
    ("وغادرت آخر القوات القتالية الأمريكية العراق في 18 كانون الأول 2011.", "2021-03-15",
     [{"country": US, "movement": "withdrawal", "date": "2011-12-18", "place": IQ}]),
    # written: a movement noun with a nisba and a date
    ("ومنذ الانسحاب الأمريكي من العراق عام 2011 تغيرت موازين القوى.", "2021-03-15",
     [{"country": US, "movement": "withdrawal", "date": "2011", "place": IQ}]),
    ("وأكملت القوات الأمريكية انسحابها من قاعدة التاجي في آب 2020.", "2021-03-15",
     [{"country": US, "movement": "withdrawal", "date": "2020-08", "place": "taji"}]),
    # Negative cases.
    # seed (001): a likely non-withdrawal
    ("وأضاف أنه من المرجح ألا ينسحب الجيش الأميركي، على أن تنشأ تفاهمات جديدة لشراكة دائمة.", "2024", []),
    # seed (t03): a future departure
    ("وقال مسؤول أمريكي إن هذه القوات ستغادر قاعدة عين الأسد وقاعدة فكتوريا المجاورة لمطار بغداد الدولي.",
     "2024-09-28", []),
    # seed (002): a habit, not a movement
    ("ولا يزال هناك نحو 2500 عسكري أميركي في العراق، وتُرسل الولايات المتحدة أيضاً بشكل متكرّر إلى البلاد "
     "قوّات "
     "خاصّة لا تُعلن عديدها.", "2021-07-27", []),
    ("وطالب البرلمان العراقي بانسحاب القوات الأمريكية من البلاد.", "2021-03-15", []),
    ("وقال المسؤول إن القوات الأمريكية ستنسحب من عين الأسد بحلول أيلول 2025.", "2021-03-15", []),
    ("وهدد ترامب بفرض عقوبات إذا انسحبت القوات الأمريكية بطريقة غير ودية.", "2021-03-15", []),
    ("وعاد وزير الدفاع الأمريكي إلى واشنطن بعد زيارة قصيرة لبغداد.", "2021-03-15", []),
    ("وانسحبت عدة دول من التحالف من العراق عام 2020.", "2021-03-15", []),
    ("ونشرت وزارة الدفاع الأمريكية بيانا حول القوات في العراق.", "2021-03-15", []),
    ("واتفق الجانبان على جدول زمني لانسحاب القوات الأمريكية ينتهي في أيلول 2026.", "2021-03-15", []),
    ("وعاد الهدوء إلى قاعدة عين الأسد بعد الهجوم.", "2021-03-15", []),
    ("وتسحب الولايات المتحدة بشكل دوري بعض وحداتها من العراق.", "2021-03-15", []),
]


@pytest.mark.parametrize(("text", "published", "expected"), MOVEMENTS, ids=[t[:40] for t, _, _ in MOVEMENTS])
def test_troop_movements(text: str, published: str, expected: list[dict]) -> None:
    assert movements(text, published) == expected


def test_a_movement_dated_only_by_another_clause_is_left_undated() -> None:
    # seed (000): the reduction follows the January 2020 vote; that date belongs to the incident, not to it,
    # and the reduction's own date is not given: it is left out, not guessed.
    text = ("وعقب وقوع الحادث في 3 يناير 2020 صوتت كتل سياسية لأحزاب لديها مليشيات مسلحة موالية لإيران على "
         "مشروع "
            "قانون ينص على إخراج القوات الأمريكية من العراق، وهو ما دفع عددا من دول التحالف إلى المغادرة "
            "بينما قال "
            "الجيش الأمريكي إنه قلص وجوده.")
    assert movements(text, "2021-04-07") == [
        {"country": US, "movement": "reduction", "place": IQ}]

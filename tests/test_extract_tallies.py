"""attack_tally extraction (loaders/extractors/attack_tallies.py).

Each case is a short text, its publication date and the records expected, worked out by hand from the
conventions in tests/gold/NOTES.md and ../shared/FACTS.md. Cases marked "seed" are sentences of the bundled
articles or of tests/articles; all others were written for these tests in news style. Negative cases (a
single attack, a percentage, an uncounted campaign, a threat, casualties, strikes, no period) yield nothing.
"""

from __future__ import annotations

import pytest
from extraction_support import extract_fields

from isnad.loaders.extractors import attack_tallies


def run(text: str, published: str) -> list[dict]:
    return extract_fields(attack_tallies, text, published, "attack_tally")


TALLIES = [
    # seed (001): "since the Gaza war" (a well-known anchor) in an article dated only to the year;
    # two states, so no scope; the perpetrators are generic groups, so none
    ("ومنذ اندلاع الحرب بين إسرائيل وحماس، تعرضت قواعد أميركية في العراق وسوريا لأكثر من 160 هجوما من قبل "
     "جماعات "
     "مدعومة من إيران أبرزها كتائب حزب الله.", "2024",
     [{"count": 160, "qualifier": "more_than", "period": {"from": "2023-10-07"},
       "target": "قواعد أميركية في العراق وسوريا"}]),
    # seed (002): "عددها" refers to the attacks of the previous sentence: scope and target come from there
    # ("البلاد" is the article's own country: Iraq when the article names it).
    ("يزور الكاظمي واشنطن لبحث مستقبل القوات في العراق.\nومنذ الزيارة الأخيرة للكاظمي إلى واشنطن في آب "
     "2020، حصلت تطورات أبرزها تواصل الهجمات التي تتهم بها الفصائل "
     "على المصالح الأميركية في البلاد، وليس بالصواريخ فحسب. وقد بلغ عددها نحو خمسين هجوما منذ مطلع العام، "
     "كان آخرها هجوم بطائرة بدون طيار استهدف قاعدة تضم قوات للتحالف الدولي في كردستان العراق.", "2021-07-27",
     [{"count": 50, "qualifier": "about", "period": {"from": "2021-01"}, "scope": "iraq",
       "target": "المصالح الأميركية في البلاد"}]),
    # seed (003): the passive verb before the target, the count after the period
    ("وبعد أن استُهدفت المصالح الأميركيّة في العراق منذ بداية العام بنحو 50 هجوما بصواريخ أو بطائرات دون "
     "طيّار "
     "نفذتها ميليشيات شيعية، شدّد أوستن على ضرورة حماية القوات.", "2021-07",
     [{"count": 50, "qualifier": "about", "period": {"from": "2021-01"}, "scope": "iraq",
       "target": "المصالح الأميركيّة في العراق"}]),
    # seed (t02): the count before "عدد الهجمات"
    ("وبهذين الهجومين يرتفع إلى ما لا يقل عن ٤٦ عدد الهجمات التي استهدفت القوات الأمريكية وقوات التحالف في "
     "العراق "
     "وسوريا منذ السابع عشر من تشرين الأول/أكتوبر الماضي، وفق إحصاء لوزارة الدفاع الأمريكية (البنتاغون).",
     "2023-11-09",
     [{"count": 46, "qualifier": "at_least", "period": {"from": "2023-10-17"},
       "target": "القوات الأمريكية وقوات التحالف في العراق وسوريا"}]),
    # seed (t04): one state as a place gives the scope
    ("وسجّلت القوات الأمريكية ما لا يقل عن أحد عشر هجوماً صاروخياً على قواعد في العراق تضم جنوداً أمريكيين "
     "منذ "
     "أواخر تشرين الأول/أكتوبر، في تصعيد تنسبه واشنطن إلى فصائل موالية لإيران.", "2019-12-30",
     [{"count": 11, "qualifier": "at_least", "period": {"from": "2019-10"}, "scope": "iraq",
       "target": "قواعد في العراق تضم جنوداً أمريكيين"}]),
    # written
    ("وتعرضت القوات الأمريكية في العراق وسوريا لأكثر من 150 هجوما منذ 17 تشرين الأول 2023.", "2024-01-20",
     [{"count": 150, "qualifier": "more_than", "period": {"from": "2023-10-17"},
       "target": "القوات الأمريكية في العراق وسوريا"}]),
    # written: "during the last three months" has both ends
    ("وسجلت خلية الإعلام الأمني 23 هجوما صاروخيا على المنطقة الخضراء خلال الأشهر الثلاثة الماضية.",
     "2024-01-20",
     [{"count": 23, "qualifier": "exact", "period": {"from": "2023-10", "to": "2024-01-20"},
       "target": "المنطقة الخضراء"}]),
    ("وأحصت وزارة الدفاع الأمريكية نحو 70 هجوما على قواتها في العراق منذ مطلع العام الجاري.", "2024-06-20",
     [{"count": 70, "qualifier": "about", "period": {"from": "2024-01"}, "scope": "iraq",
       "target": "قواتها في العراق"}]),
    # written: the group that claimed the attacks; "على غزة" inside the period is not a target
    ("وتبنت المقاومة الإسلامية في العراق أكثر من 200 هجوم بطائرات مسيرة منذ بدء الحرب على غزة.", "2024-01-20",
     [{"count": 200, "qualifier": "more_than", "period": {"from": "2023-10-07"},
       "perpetrator": "islamic-resistance-in-iraq"}]),
    # written: the count after "عدد الهجمات", and the target stops before it
    ("وقد بلغ عدد الهجمات على السفارة الأمريكية في بغداد 12 هجوما منذ تشرين الأول الماضي.", "2024-01-20",
     [{"count": 12, "qualifier": "exact", "period": {"from": "2023-10"}, "target": "السفارة الأمريكية في "
          "بغداد"}]),
    # written: a month as the period; the province that saw the attacks
    ("وشهدت محافظة الأنبار 15 هجوما لتنظيم داعش خلال كانون الأول الماضي.", "2024-01-20",
     [{"count": 15, "qualifier": "exact", "period": {"from": "2023-12", "to": "2023-12"},
       "scope": "anbar-province"}]),
    ("ونفذت كتائب حزب الله 40 هجوما على القواعد الأمريكية منذ تشرين الأول.", "2024-01-20",
     [{"count": 40, "qualifier": "exact", "period": {"from": "2023-10"}, "target": "القواعد الأمريكية",
       "perpetrator": "kataib-hezbollah"}]),
    # Negative cases.
    # seed (t01): one attack with three rockets
    ("ولم تمضِ ساعات على التصويت حتى تعرّضت المنطقة الخضراء وسط بغداد لهجوم بثلاثة صواريخ كاتيوشا سقط أحدها "
     "قرب "
     "السفارة الأمريكية، من دون أن يسفر عن قتلى أو جرحى.", "2020-01-06", []),
    # seed (001): a percentage
    ("ففي نيسان/أبريل الماضي، قال قائد التحالف الدولي الجنرال ماثيو ماكفارلين إن داعش لم ينجح في تنظيم شيء "
     "وإن "
     "هجماته تراجعت بنسبة 80 في المائة مقارنة بالعام 2022.", "2024", []),
    # seed (004): a campaign without a count
    ("ويقول العراق أيضًا إن وجود التحالف أصبح عامل جذب لعدم الاستقرار وسط هجمات شبه يومية تشنها الجماعات "
     "المسلحة "
     "المدعومة من إيران على قواعد تضم القوات.", "2024-01", []),
    ("وتعرضت قاعدة عين الأسد لهجوم بثلاثة صواريخ كاتيوشا فجر اليوم.", "2024-01-20", []),
    ("وهددت الفصائل بشن 100 هجوم إذا لم تنسحب القوات الأمريكية.", "2024-01-20", []),
    ("وأسفرت الهجمات عن إصابة 56 عسكريا أمريكيا منذ تشرين الأول.", "2024-01-20", []),
    ("وقال المتحدث إن قواته نفذت 3 ضربات على مواقع الفصائل منذ الأحد.", "2024-01-20", []),
    # written: no period, so no tally (period is a key field)
    ("وتعرضت المصالح الأمريكية في العراق إلى نحو 30 هجوما.", "2024-01-20", []),
]


@pytest.mark.parametrize(("text", "published", "expected"), TALLIES, ids=[t[:40] for t, _, _ in TALLIES])
def test_attack_tallies(text: str, published: str, expected: list[dict]) -> None:
    assert run(text, published) == expected


def test_a_tally_repeated_in_an_article_is_one_record() -> None:
    text = ("تعرضت القواعد الأمريكية لأكثر من 160 هجوما منذ 7 تشرين الأول 2023.\n"
            "وكانت القواعد قد تعرضت لأكثر من 160 هجوما منذ 7 تشرين الأول 2023 بحسب البنتاغون.")
    assert len(run(text, "2024-02-01")) == 1

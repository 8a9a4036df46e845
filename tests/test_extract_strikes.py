"""strike facts from single sentences (and short passages) in news style; each expected record written by hand.

Cases marked "seed" repeat the wording of a seed or further article; the rest were written for this test."""

from __future__ import annotations

import pytest
from extraction_support import extract_fields

from isnad.loaders.extractors import strikes

CASES = [
    pytest.param(
        "شنت طائرات أمريكية غارات جوية على مواقع لكتائب حزب الله في منطقة جرف الصخر بمحافظة بابل فجر اليوم "
        "الأربعاء، ردا على الهجوم الذي استهدف قاعدة عين الأسد يوم الاثنين.", "2024-01-24",
        [{"by": "united-states", "date": "2024-01-24", "place": "jurf-al-sakhar", "target": "kataib-hezbollah",
          "targets": "مواقع لكتائب حزب الله في منطقة جرف الصخر بمحافظة بابل فجر اليوم الأربعاء",
          "in_response_to": "2024-01-22"}],
        id="us-airstrikes-in-response"),
    pytest.param(
        "قتل القيادي في حركة النجباء أبو تقوى السعيدي بغارة بطائرة مسيرة أمريكية استهدفت مقرا للحركة في شارع "
        "فلسطين شرقي بغداد، يوم الخميس.", "2024-01-06",
        [{"by": "united-states", "date": "2024-01-04", "place": "baghdad", "target": "abu-taqwa-al-saidi"}],
        id="targeted-killing-by-drone"),
    pytest.param(
        "وأعلنت القيادة المركزية الأمريكية أنها نفذت مساء الأربعاء ضربة في بغداد أدت إلى مقتل قيادي في كتائب حزب "
        "الله.", "2024-02-08",
        [{"by": "united-states", "date": "2024-02-07", "place": "baghdad", "target": "kataib-hezbollah"}],
        id="centcom-strike-kills-commander"),
    pytest.param(
        "شنت طائرات تركية غارات على مواقع في قضاء سنجار بمحافظة نينوى، يوم السبت، دون أن تسفر عن خسائر بشرية.",
        "2022-08-22",
        [{"by": "turkey", "date": "2022-08-20", "place": "sinjar", "targets": "مواقع في قضاء سنجار بمحافظة نينوى",
          "killed": 0, "injured": 0}],
        id="turkish-airstrikes"),
    pytest.param(
        "نفذ طيران التحالف الدولي غارة جوية على وكر لتنظيم داعش جنوب كركوك أمس الثلاثاء، ما أسفر عن مقتل خمسة من "
        "عناصر التنظيم.", "2021-03-10",
        [{"by": "global-coalition", "date": "2021-03-09", "place": "kirkuk", "target": "isis",
          "targets": "وكر لتنظيم داعش جنوب كركوك أمس الثلاثاء", "killed": 5}],
        id="coalition-airstrike-on-isis"),
    pytest.param(
        "وقصفت طائرات إسرائيلية مواقع للفصائل في منطقة البوكمال عند الحدود السورية العراقية ليلة الأحد.",
        "2024-01-30",
        [{"by": "israel", "date": "2024-01-28", "place": "al-bukamal", "targets": "مواقع للفصائل في منطقة البوكمال"}],
        id="israeli-strike-by-verb"),
    pytest.param(
        "وقالت مصادر أمنية إن الغارات الأمريكية التي نفذت فجر الجمعة على منشآت في قضاء القائم أسفرت عن مقتل 17 مسلحا. "
        "وأضافت أن الضربات طالت 4 مستودعات للأسلحة.", "2024-02-03",
        [{"by": "united-states", "date": "2024-02-02", "place": "al-qaim", "killed": 17, "facilities": 4}],
        id="casualties-and-facilities-from-next-sentence"),
    # Not strikes.
    pytest.param(
        "فإن ما موجود حالياً هي ضربات جوية محدودة وبفترات متباعدة ضد تنظيمات داعش الارهابية.", "2021-04-07",
        [], id="undated-strikes-left-out"),
    pytest.param(
        "وتشن الولايات المتحدة ضربات ضد الفصائل المسلحة بين الحين والآخر منذ عام 2019.", "2021-07-27",
        [], id="habitual-strikes-left-out"),
    pytest.param(
        "وقصفت الفصائل المسلحة قاعدة عين الأسد بالصواريخ يوم الأحد.", "2021-07-27",
        [], id="militia-shelling-is-an-attack"),
    pytest.param(
        "وشكل قرار البرلمان ضربة موجعة للحكومة يوم الأحد.", "2021-07-27", [], id="figurative-blow"),
    pytest.param(
        "وهددت واشنطن بشن ضربات على مواقع الفصائل إذا استمرت الهجمات.", "2021-07-27", [], id="threat-without-date"),
    # seed: 000, t01, t04 (with the next sentence), 001 (answering an attack named earlier).
    pytest.param(
        "ومنذ مقتل الجنرال الإيراني قاسم سليماني قائد فيلق القدس بالحرس الثوري في غارة أمريكية مطلع 2020 برفقة رئيس "
        "الحشد الشعبي أبو مهدي المهندس، لم تتوقف المليشات الشيعية المدعومة من طهران عن استهداف السفارة الأمريكية.",
        "2021-04-07",
        [{"by": "united-states", "date": "2020-01-03", "target": "qasem-soleimani"}],
        id="seed-since-the-killing"),
    pytest.param(
        "بغداد – صوّت مجلس النواب العراقي، أمس الأحد، على قرار يُلزم الحكومة بالعمل على إنهاء وجود القوات الأجنبية "
        "في البلاد، وذلك بعد يومين من مقتل قائد فيلق القدس الإيراني قاسم سليماني ونائب رئيس هيئة الحشد الشعبي أبو "
        "مهدي المهندس في ضربة جوية أمريكية قرب مطار بغداد الدولي فجر الجمعة.", "2020-01-06",
        [{"by": "united-states", "date": "2020-01-03", "place": "baghdad-airport", "target": "qasem-soleimani"}],
        id="seed-strike-beside-another-date"),
    pytest.param(
        "شنّت الولايات المتحدة، مساء أمس الأحد، غارات جوية على خمسة مواقع تابعة لكتائب حزب الله في قضاء القائم "
        "بمحافظة الأنبار غربي العراق، قرب الحدود مع سوريا، رداً على هجوم صاروخي استهدف قاعدة عسكرية في كركوك يوم "
        "الجمعة الماضي.\n\nوأسفرت الغارات عن مقتل ما لا يقل عن خمسة وعشرين مقاتلاً من الكتائب وإصابة أكثر من خمسين "
        "آخرين.", "2019-12-30",
        [{"by": "united-states", "date": "2019-12-29", "place": "al-qaim", "target": "kataib-hezbollah",
          "targets": "خمسة مواقع تابعة لكتائب حزب الله في قضاء القائم بمحافظة الأنبار غربي العراق",
          "facilities": 5, "killed": 25, "injured": 50, "in_response_to": "2019-12-27"}],
        id="seed-strike-with-casualties-after"),
    pytest.param(
        "وقالت الولايات المتحدة إن المقاومة الإسلامية في العراق كانت وراء الهجوم الذي نفذ في 27 كانون الثاني/يناير "
        "بمسيرة في قاعدة بالأردن.\n\nوردت الولايات المتحدة في 3 شباط/فبراير على الهجوم الذي نفذ في الأردن، فشنت "
        "ضربات ضد عشرات الأهداف في 7 منشآت مرتبطة بإيران في العراق وسوريا.", "2024-02-20",
        [{"by": "united-states", "date": "2024-02-03",
          "targets": "عشرات الأهداف في 7 منشآت مرتبطة بإيران في العراق وسوريا", "facilities": 7,
          "in_response_to": "2024-01-27"}],
        id="seed-response-to-earlier-attack"),
]


@pytest.mark.parametrize("text, published, expected", CASES)
def test_strike(text: str, published: str, expected: list[dict]) -> None:
    assert extract_fields(strikes, text, published, "strike") == expected


def test_same_strike_reported_twice_is_one_record() -> None:
    text = ("شنت الولايات المتحدة غارات جوية على مواقع لكتائب حزب الله في قضاء القائم مساء الأحد. "
            "وقال مسؤول إن الغارات الأمريكية التي نفذت مساء الأحد دمرت مخازن للأسلحة.")
    found = extract_fields(strikes, text, "2019-12-30", "strike")
    assert [f["date"] for f in found] == ["2019-12-29"]
    assert found[0]["place"] == "al-qaim"


def test_yearless_date_in_an_article_dated_to_its_year() -> None:
    # The publication is known only to the year; "3 شباط" takes that year (tests/gold/NOTES.md).
    text = "وشنت الولايات المتحدة في 3 شباط/فبراير ضربات على منشآت مرتبطة بإيران في العراق."
    assert [f["date"] for f in extract_fields(strikes, text, "2024", "strike")] == ["2024-02-03"]

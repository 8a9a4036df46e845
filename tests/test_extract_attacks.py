"""attack facts from single sentences (and short passages) in news style; each expected record written by hand.

Cases marked "seed" repeat the wording of a seed or further article; the rest were written for this test."""

from __future__ import annotations

import pytest
from extraction_support import extract_fields

from isnad.loaders.extractors import attacks

CASES = [
    pytest.param(
        "أعلنت كتائب حزب الله مسؤوليتها عن هجوم بطائرة مسيرة استهدف قاعدة عين الأسد في محافظة الأنبار فجر اليوم "
        "الثلاثاء، من دون أن يسفر عن إصابات.", "2024-01-16",
        [{"date": "2024-01-16", "target": "ain-al-asad", "place": "anbar-province", "weapon": "drone",
          "perpetrator": "kataib-hezbollah", "attribution": "claimed", "killed": 0, "injured": 0}],
        id="claimed-drone-on-base"),
    pytest.param(
        "سقطت ثلاثة صواريخ كاتيوشا، مساء الأحد، قرب السفارة الأمريكية في المنطقة الخضراء وسط بغداد.", "2020-01-27",
        [{"date": "2020-01-26", "place": "green-zone", "weapon": "rocket"}],
        id="rockets-fell-near-embassy"),
    pytest.param(
        "انفجرت عبوة ناسفة لدى مرور رتل ينقل معدات للتحالف الدولي على الطريق السريع في محافظة بابل، أمس الاثنين، "
        "دون وقوع خسائر بشرية.", "2021-06-01",
        [{"date": "2021-05-31", "place": "babil-province", "weapon": "ied", "killed": 0, "injured": 0}],
        id="ied-on-convoy"),
    pytest.param(
        "واتهمت وزارة الدفاع الأمريكية حركة النجباء بتنفيذ الهجوم الصاروخي الذي استهدف قاعدة حرير في أربيل يوم "
        "الخميس الماضي وأسفر عن إصابة ثلاثة جنود أمريكيين.", "2023-12-05",
        [{"date": "2023-11-30", "target": "harir", "place": "erbil", "weapon": "rocket",
          "perpetrator": "harakat-al-nujaba", "attribution": "accused", "attributed_by": "us-department-of-defense",
          "injured": 3}],
        id="accused-rocket-attack"),
    pytest.param(
        "استهدف هجوم صاروخي قاعدة فيكتوري قرب مطار بغداد الدولي مساء الأربعاء. وقالت خلية الإعلام الأمني إن "
        "الهجوم أسفر عن إصابة اثنين من المتعاقدين.", "2021-03-05",
        [{"date": "2021-03-03", "target": "victory-base", "place": "baghdad-airport", "weapon": "rocket",
          "injured": 2}],
        id="follow-up-sentence-casualties"),
    pytest.param(
        "وحمّلت الحكومة العراقية كتائب حزب الله مسؤولية الهجوم بطائرة مسيرة على مطار أربيل الدولي الذي وقع السبت.",
        "2021-04-19",
        [{"date": "2021-04-17", "target": "erbil-air-base", "weapon": "drone", "perpetrator": "kataib-hezbollah",
          "attribution": "attributed", "attributed_by": "iraqi-government"}],
        id="held-responsible"),
    pytest.param(
        "أطلق مسلحون مجهولون النار على دورية للقوات الأمريكية قرب قاعدة التاجي، يوم الجمعة، ما أسفر عن مقتل "
        "جندي أمريكي.", "2020-03-16",
        [{"date": "2020-03-13", "target": "us-forces", "place": "taji", "weapon": "gunfire", "killed": 1}],
        id="gunfire-on-patrol"),
    pytest.param(
        "استهدف هجوم بطائرتين مسيرتين قاعدة حرير الجوية فجر الأحد، ولم تعلن أي جهة مسؤوليتها عنه.", "2023-11-13",
        [{"date": "2023-11-12", "target": "harir", "weapon": "drone"}],
        id="unclaimed-no-perpetrator"),
    pytest.param(
        "تعرضت قاعدة بلد الجوية في محافظة صلاح الدين لقصف بثلاث قذائف هاون ليلة الثلاثاء، وأسفر القصف عن سقوط 3 "
        "قتلى و5 جرحى من المتعاقدين العراقيين.", "2021-04-22",
        [{"date": "2021-04-20", "target": "balad-air-base", "place": "salahuddin-province", "weapon": "other",
          "killed": 3, "injured": 5}],
        id="mortar-killed-injured-counts"),
    # Not attacks.
    pytest.param(
        "وتعرضت القوات الأمريكية في العراق وسوريا لأكثر من 150 هجوما منذ منتصف تشرين الأول/أكتوبر.", "2024-01-10",
        [], id="tally-is-not-an-attack"),
    pytest.param(
        "وتواصل الفصائل المسلحة استهداف القواعد التي تضم قوات أمريكية منذ مطلع العام.", "2021-07-10",
        [], id="campaign-is-not-an-attack"),
    pytest.param(
        "وهددت الفصائل بشن هجوم على السفارة الأمريكية في بغداد يوم الجمعة إذا لم تنسحب القوات الأجنبية.",
        "2021-07-10", [], id="threat-is-not-an-attack"),
    pytest.param(
        "وتعرضت قاعدة عين الأسد لهجوم صاروخي.", "2021-07-10", [], id="undated-attack-left-out"),
    pytest.param(
        "وشنت الولايات المتحدة، مساء الجمعة، غارات على مواقع لكتائب حزب الله في قضاء القائم.", "2021-07-10",
        [], id="strike-is-not-an-attack"),
    pytest.param(
        "قال الجيش الأمريكي إن هجوما أمريكيا بطائرة مسيرة استهدف قياديا في حركة النجباء ببغداد يوم الخميس.",
        "2024-01-06", [], id="state-drone-attack-is-a-strike"),
    # seed: 001 (attributed, with attributed_by), 002 (the latest of a tally), t03, t04 (two sentences).
    pytest.param(
        "هذا وقالت الولايات المتحدة إن ما تسمى المقاومة الإسلامية في العراق، وهي ائتلاف يضم ميليشيات عراقية مدعومة "
        "من إيران، كانت وراء الهجوم الذي نفذ في 27 كانون الثاني/يناير بمسيرة وأسفر عن مقتل 3 جنود أميركيين وإصابة "
        "34 آخرين في قاعدة بالأردن.", "2024-02-20",
        [{"date": "2024-01-27", "place": "jordan", "weapon": "drone", "perpetrator": "islamic-resistance-in-iraq",
          "attribution": "attributed", "attributed_by": "united-states", "killed": 3, "injured": 34}],
        id="seed-attributed"),
    pytest.param(
        "وقد بلغ عددها نحو خمسين هجوما منذ مطلع العام، كان آخرها هجوم بطائرة بدون طيار استهدف قاعدة تضم قوات "
        "للتحالف الدولي في كردستان العراق، بدون أن يتسبب الهجوم بسقوط ضحايا.", "2021-07-27",
        [{"date": "2021", "place": "kurdistan-region", "weapon": "drone", "killed": 0, "injured": 0}],
        id="seed-latest-of-tally"),
    pytest.param(
        "وتعرّضت القوات الأمريكية منذ تشرين الأول/أكتوبر 2023 لأكثر من 170 هجوماً في العراق وسوريا، قبل أن تعلن "
        "كتائب حزب الله تعليق عملياتها أواخر كانون الثاني/يناير الماضي، إثر هجوم بطائرة مسيّرة أودى بحياة ثلاثة "
        "جنود أمريكيين في موقع \"البرج 22\" شمال شرقي الأردن.", "2024-09-28",
        [{"date": "2024-01", "target": "tower-22", "place": "jordan", "weapon": "drone", "killed": 3}],
        id="seed-attack-inside-tally-sentence"),
    pytest.param(
        "وكان هجوم الجمعة، الذي نُفّذ بأكثر من ثلاثين صاروخاً، قد استهدف قاعدة \"كي وان\" العسكرية في محافظة "
        "كركوك، وأسفر عن مقتل متعاقد مدني أمريكي وإصابة أربعة عسكريين أمريكيين واثنين من عناصر القوات العراقية. "
        "واتهمت واشنطن كتائب حزب الله بالوقوف وراءه، فيما لم تعلن الكتائب مسؤوليتها.", "2019-12-30",
        [{"date": "2019-12-27", "target": "k1", "place": "kirkuk-province", "weapon": "rocket", "killed": 1,
          "injured": 6, "perpetrator": "kataib-hezbollah", "attribution": "accused", "attributed_by": "united-states"}],
        id="seed-accused-next-sentence"),
]


@pytest.mark.parametrize("text, published, expected", CASES)
def test_attack(text: str, published: str, expected: list[dict]) -> None:
    assert extract_fields(attacks, text, published, "attack") == expected


def test_after_hours_takes_the_date_of_the_event_it_follows() -> None:
    text = ("صوّت مجلس النواب العراقي، أمس الأحد، على قرار يلزم الحكومة بإنهاء وجود القوات الأجنبية. "
            "وأعلنت ألمانيا اليوم الاثنين سحب جنودها. "
            "ولم تمضِ ساعات على التصويت حتى تعرّضت المنطقة الخضراء وسط بغداد لهجوم بثلاثة صواريخ كاتيوشا، من دون "
            "أن يسفر عن قتلى أو جرحى.")
    assert extract_fields(attacks, text, "2020-01-06", "attack") == [
        {"date": "2020-01-05", "place": "green-zone", "weapon": "rocket", "killed": 0, "injured": 0}]


def test_two_reports_of_one_attack_are_one_record() -> None:
    text = ("شنت الولايات المتحدة، مساء أمس الأحد، غارات على مواقع لكتائب حزب الله، رداً على هجوم صاروخي استهدف "
            "قاعدة عسكرية في كركوك يوم الجمعة الماضي. وكان هجوم الجمعة قد استهدف قاعدة \"كي وان\" في محافظة كركوك "
            "وأسفر عن مقتل متعاقد أمريكي.")
    found = extract_fields(attacks, text, "2019-12-30", "attack")
    assert found == [{"date": "2019-12-27", "target": "k1", "place": "kirkuk-province", "weapon": "rocket",
                      "killed": 1}]


def test_second_attack_hours_later_is_its_own_record() -> None:
    text = ("استهدف هجوم بطائرة مسيرة قاعدة حرير فجر اليوم الخميس. "
            "وبعد ساعات، تعرّضت قاعدة عين الأسد لهجوم بصاروخين، لم يسفر عن خسائر بشرية.")
    assert extract_fields(attacks, text, "2023-11-09", "attack") == [
        {"date": "2023-11-09", "target": "harir", "weapon": "drone"},
        {"date": "2023-11-09", "target": "ain-al-asad", "weapon": "rocket", "killed": 0, "injured": 0},
    ]

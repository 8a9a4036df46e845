"""negotiation_meeting and outcome facts from short passages in news style; each expected record written by hand.

Cases marked "seed" repeat the wording of a seed or further article; the rest were written for this test."""

from __future__ import annotations

import pytest
from extraction_support import extract_fields

from isnad.loaders.extractors import negotiations, outcomes

MEETINGS = [
    pytest.param(
        "انطلقت أمس الخميس الجولة الأولى من الحوار الاستراتيجي بين العراق والولايات المتحدة عبر الاتصال المرئي، "
        "وبحث الجانبان ملفات الأمن والاقتصاد والطاقة.", "2020-06-12",
        [{"process": "strategic-dialogue", "date": "2020-06-11", "round": 1, "format": "video",
          "participants": ["iraq", "united-states"], "topics": ["الأمن والاقتصاد والطاقة"]}],
        id="first-round-by-video"),
    pytest.param(
        "استقبل الرئيس الأمريكي دونالد ترامب رئيس الوزراء العراقي مصطفى الكاظمي في البيت الأبيض يوم الخميس، في "
        "إطار الجولة الثانية من الحوار الاستراتيجي.", "2020-08-20",
        [{"process": "strategic-dialogue", "date": "2020-08-20", "format": "in_person", "place": "washington",
          "participants": ["donald-trump", "mustafa-al-kadhimi"]}],
        id="reception-at-white-house"),
    pytest.param(
        "اختتمت في واشنطن يوم الجمعة الجولة الرابعة من الحوار الاستراتيجي بين العراق والولايات المتحدة بمشاركة "
        "وزير الخارجية فؤاد حسين ونظيره الأمريكي أنتوني بلينكن.", "2021-07-24",
        [{"process": "strategic-dialogue", "date": "2021-07-23", "round": 4, "format": "in_person",
          "place": "washington", "participants": ["iraq", "united-states", "fuad-hussein", "antony-blinken"]}],
        id="fourth-round-concluded"),
    pytest.param(
        "عقدت اللجنة العسكرية العليا اجتماعها الثاني في بغداد يوم الأحد بحضور وزير الدفاع العراقي ثابت العباسي.",
        "2024-02-12",
        [{"process": "higher-military-commission", "date": "2024-02-11", "round": 2, "format": "in_person",
          "place": "baghdad", "participants": ["thabit-al-abbasi"]}],
        id="hmc-second-meeting"),
    pytest.param(
        "وعقدت في واشنطن أمس الأربعاء جولة جديدة من محادثات الحوار الاستراتيجي تناولت \"أمن الحدود\" و\"مكافحة "
        "الإرهاب\".", "2021-07-22",
        [{"process": "strategic-dialogue", "date": "2021-07-21", "format": "in_person", "place": "washington",
          "topics": ["أمن الحدود", "مكافحة الإرهاب"]}],
        id="quoted-topics"),
    pytest.param(
        "وجرت في واشنطن مباحثات اللجنة العسكرية العليا يوم الثلاثاء 23 تموز/يوليو بين وفدين عسكريين عراقي "
        "وأمريكي.", "2024-08-01",
        [{"process": "higher-military-commission", "date": "2024-07-23", "format": "in_person",
          "place": "washington", "participants": ["iraq", "united-states"]}],
        id="delegations-as-sides"),
    pytest.param(
        "وأعلن الرئيس الأمريكي جو بايدن خلال لقائه رئيس الوزراء العراقي مصطفى الكاظمي أمس الاثنين ضمن الحوار "
        "الاستراتيجي أن القوات الأمريكية لن تكون في مهمة قتالية بحلول نهاية العام.", "2021-07-27",
        [{"process": "strategic-dialogue", "date": "2021-07-26", "format": "in_person",
          "participants": ["joe-biden", "mustafa-al-kadhimi"]}],
        id="announced-during-meeting"),
    pytest.param(  # seed 000: the process began on a date given as a month; a later round the same sentence
        "أكدت مخرجات الجولة الثالثة من الحوار الاستراتيجي بين الولايات المتحدة والعراق الذي بدأ في يونيو/ "
        "حزيران الماضي.", "2021-04-07",
        [{"process": "strategic-dialogue", "date": "2020-06", "round": 1,
          "participants": ["united-states", "iraq"]}],
        id="seed-dialogue-began"),
    pytest.param(  # further article t03: two rounds in one sentence, topics in the next
        "ويأتي الإعلان تتويجاً لمحادثات اللجنة العسكرية العليا التي انطلقت أولى جولاتها في كانون الثاني/يناير "
        "الماضي، وعقدت جولتها الأخيرة في الثالث والعشرين من تموز/يوليو في واشنطن بحضور وزير الدفاع العراقي ثابت "
        "العباسي ونظيره الأمريكي لويد أوستن. وتناولت تلك الجولة، بحسب مصادر حكومية، \"تقييم خطر داعش\" "
        "و\"جاهزية القوات الأمنية العراقية\".", "2024-09-28",
        [{"process": "higher-military-commission", "date": "2024-01", "round": 1},
         {"process": "higher-military-commission", "date": "2024-07-23", "format": "in_person",
          "place": "washington", "participants": ["thabit-al-abbasi", "lloyd-austin"],
          "topics": ["تقييم خطر داعش", "جاهزية القوات الأمنية العراقية"]}],
        id="seed-two-rounds-one-sentence"),
    pytest.param(  # seed 003: a meeting between parties, the topic quoted after them
        "الحوار الاستراتيجي بين العراق والولايات المتّحدة. وبحث رئيس الوزراء العراقي مصطفى الكاظمي مع موفد البيت "
        "الأبيض بريت ماكغورك أمس في بغداد “انسحاب القوّات المقاتلة من العراق”.", "2021-07-20",
        [{"process": "strategic-dialogue", "date": "2021-07-19", "format": "in_person", "place": "baghdad",
          "participants": ["mustafa-al-kadhimi", "brett-mcgurk"], "topics": ["انسحاب القوّات المقاتلة من العراق"]}],
        id="seed-party-verb-with-envoy"),
    pytest.param(  # a later dateless sentence continues the meeting just reported
        "وعقدت اليوم الأربعاء الجولة الثالثة من مباحثات الحوار الاستراتيجي بين واشنطن وبغداد. وأشار المتحدث إلى "
        "أن وزير الدفاع الأميركي لويد أوستن انضم إلى المحادثات.", "2021-04-07",
        [{"process": "strategic-dialogue", "date": "2021-04-07", "round": 3,
          "participants": ["united-states", "iraq", "lloyd-austin"]}],
        id="joined-the-talks"),
    pytest.param(  # a weekday in an article dated only to its month: the text establishes the month
        "وعقدت يوم الخميس في واشنطن الجولة الرابعة من الحوار الاستراتيجي بين العراق والولايات المتحدة.", "2021-07",
        [{"process": "strategic-dialogue", "date": "2021-07", "round": 4, "format": "in_person",
          "place": "washington", "participants": ["iraq", "united-states"]}],
        id="weekday-in-a-month-dated-article"),
    # Negative cases: nothing is a meeting here.
    pytest.param(  # the same weekday in an article dated only to its year: which month is not known
        "وعقدت يوم الخميس في واشنطن الجولة الرابعة من الحوار الاستراتيجي بين العراق والولايات المتحدة.", "2021", [],
        id="weekday-in-a-year-dated-article"),
    pytest.param(
        "ومن المقرر أن تعقد الجولة المقبلة من الحوار الاستراتيجي في واشنطن الشهر المقبل.", "2024-02-12", [],
        id="planned-round"),
    pytest.param(
        "وسيبحث الجانبان في اجتماع اللجنة العسكرية العليا المقبل مستقبل مهمة التحالف.", "2024-01-26", [],
        id="future-meeting"),
    pytest.param(
        "التقى وزير الخارجية الأمريكي أنتوني بلينكن رئيس الوزراء محمد شياع السوداني في بغداد أمس الأحد وبحثا "
        "التعاون الأمني.", "2023-11-06", [],
        id="no-process-named"),
    pytest.param(
        "التقى السوداني بوزير الخارجية الإيراني في بغداد أمس الأحد لبحث العلاقات الثنائية ضمن الحوار "
        "الاستراتيجي.", "2023-11-06", [],
        id="third-state-meeting"),
    pytest.param(
        "وقال الكاظمي إن الحوار الاستراتيجي مع الولايات المتحدة يمثل فرصة لتعزيز السيادة.", "2021-04-08", [],
        id="process-mentioned-only"),
    pytest.param(
        "وفي 25 كانون الثاني/يناير أي قبيل انطلاق الجولة الأخيرة من محادثات اللجنة العسكرية العليا، أكد وزير "
        "الدفاع الأميركي لويد أوستن أن الطرفين سيبحثان في كيفية تحول مهمة التحالف.", "2024-02-10", [],
        id="seed-meeting-as-time-reference"),
]


@pytest.mark.parametrize(("text", "published", "expected"), MEETINGS)
def test_meetings(text: str, published: str, expected: list[dict]) -> None:
    assert extract_fields(negotiations, text, published, "negotiation_meeting") == expected


OUTCOMES = [
    pytest.param(
        "واتفق البلدان خلال الحوار الاستراتيجي على إنهاء المهمة القتالية للقوات الأمريكية في العراق بحلول 31 "
        "كانون الأول 2021.", "2021-07-27",
        [{"process": "strategic-dialogue", "what": "end_combat_mission", "deadline": "2021-12-31"}],
        id="agreed-end-of-combat-mission"),
    pytest.param(
        "أعلن العراق والولايات المتحدة في بيان مشترك عقب الجولة الثالثة من الحوار الاستراتيجي أمس الأربعاء أن "
        "مهمة القوات الأمريكية تحولت إلى التدريب والمشورة.", "2021-04-08",
        [{"process": "strategic-dialogue", "what": "mission_change", "meeting_date": "2021-04-07"}],
        id="joint-statement-mission-change"),
    pytest.param(
        "وأعلنت الحكومتان في بيان مشترك ختام أعمال اللجنة العسكرية العليا والاتفاق على الانتقال إلى شراكة أمنية "
        "ثنائية بحلول أيلول 2025.", "2024-09-28",
        [{"process": "higher-military-commission", "what": "transition_bilateral", "deadline": "2025-09"}],
        id="bilateral-partnership-by-date"),
    pytest.param(
        "وأكد البيان المشترك للحوار الاستراتيجي أن الطرفين سيتفقان على جدول زمني لانسحاب القوات القتالية في "
        "محادثات فنية لاحقة.", "2021-04-08",
        [{"process": "strategic-dialogue", "what": "timeline_talks"}],
        id="timeline-left-to-technical-talks"),
    pytest.param(
        "وأسفر الحوار الاستراتيجي عن الاتفاق على انتقال العلاقة الأمنية إلى شراكة ثنائية طويلة الأمد.",
        "2021-07-27",
        [{"process": "strategic-dialogue", "what": "transition_bilateral"}],
        id="result-bilateral-without-deadline"),
    pytest.param(
        "وقال البنتاغون في بيان إن القوات الأمريكية ستنتقل بالكامل إلى دور التدريب والمشورة ضمن الحوار "
        "الاستراتيجي.", "2021-07-27",
        [{"process": "strategic-dialogue", "what": "mission_change"}],
        id="official-statement-mission-change"),
    pytest.param(
        "وأعلن الرئيس الأمريكي جو بايدن خلال لقائه رئيس الوزراء العراقي مصطفى الكاظمي أمس الاثنين ضمن الحوار "
        "الاستراتيجي أن القوات الأمريكية لن تكون في مهمة قتالية بحلول نهاية العام.", "2021-07-27",
        [{"process": "strategic-dialogue", "what": "end_combat_mission", "deadline": "2021-12-31",
          "meeting_date": "2021-07-26"}],
        id="announced-at-meeting"),
    pytest.param(  # seed 002: a party welcoming the results; the same result again is one record
        "أعلن تحالف الفتح، ترحيبه بنتائج الحوار الستراتيجي بين العراق والولايات المتحدة والتي تمخضت عن سحب "
        "القوات القتالية حتى 31 كانون الأول 2021. وقال التحالف إنه يرحب بالاتفاق على خروج القوات القتالية "
        "بشكل كامل في نهاية هذا العام.", "2021-07-27",
        [{"process": "strategic-dialogue", "what": "end_combat_mission", "deadline": "2021-12-31"}],
        id="seed-results-welcomed"),
    pytest.param(  # seed 004: the process is named in another sentence of the article
        "وقال وزير الدفاع الأمريكي لويد أوستن إن المناقشات ستجري كجزء من اللجنة العسكرية العليا. اتفقت "
        "الولايات المتحدة والعراق على بدء محادثات حول مستقبل التحالف بهدف تحديد جدول زمني لانسحاب تدريجي "
        "للقوات.", "2024-01",
        [{"process": "higher-military-commission", "what": "timeline_talks"}],
        id="seed-talks-to-set-timetable"),
    pytest.param(  # further article t03: kinds stated per phase, deadlines given to the phases before
        "أعلنت الحكومتان العراقية والأمريكية، أمس الجمعة، التوصل إلى اتفاق ضمن اللجنة العسكرية العليا يقضي "
        "بإنهاء المهمة العسكرية للتحالف الدولي على مرحلتين، تنتهي أولاهما في موعد أقصاه نهاية أيلول/سبتمبر 2025، "
        "فيما تمتد الثانية حتى أيلول/سبتمبر 2026. وأوضح بيان مشترك أن المرحلة الأولى ستشهد انتقال العلاقة مع "
        "التحالف إلى \"شراكة أمنية ثنائية\" بين البلدين، في حين ستواصل قوات التحالف خلال المرحلة الثانية العمل "
        "انطلاقاً من أربيل.", "2024-09-28",
        [{"process": "higher-military-commission", "what": "transition_bilateral", "deadline": "2025-09"},
         {"process": "higher-military-commission", "what": "mission_change", "deadline": "2026-09"}],
        id="seed-phased-agreement"),
    pytest.param(  # seed 000: "البيان" goes on about the joint statement of the meeting
        "وعقدت اليوم الأربعاء الجولة الثالثة من مباحثات الحوار الاستراتيجي بين واشنطن وبغداد. ومع تأكيد البيان "
        "المشترك عقب الاجتماع على أن الطرفان توصلا إلى أن “دور القوات الأميركية قد تحول الآن إلى المهمات "
        "التدريبية والاستشارية”. وقال البيان إنه سيتفق “الطرفان على التوقيتات الزمنية في محادثات فنية مقبلة”.",
        "2021-04-07",
        [{"process": "strategic-dialogue", "what": "mission_change", "meeting_date": "2021-04-07"},
         {"process": "strategic-dialogue", "what": "timeline_talks", "meeting_date": "2021-04-07"}],
        id="seed-joint-statement-anaphora"),
    # Negative cases: expectations, demands, things left to discuss, failures, no process.
    pytest.param(
        "ومن المتوقع أن تتفق بغداد وواشنطن ضمن اللجنة العسكرية العليا على جدول زمني لانسحاب قوات التحالف في "
        "محادثات مقبلة.", "2024-01-26", [],
        id="expected-agreement"),
    pytest.param(
        "وتطالب الفصائل المسلحة بالاتفاق ضمن اللجنة العسكرية العليا على إنهاء المهمة القتالية بحلول نهاية العام.",
        "2024-01-26", [],
        id="demand"),
    pytest.param(
        "وقال وزير الدفاع الأمريكي لويد أوستن في بيان إن المناقشات ستجري كجزء من اللجنة العسكرية العليا التي تم "
        "الاتفاق عليها في أغسطس 2023 وستناقش “الانتقال إلى شراكة أمنية ثنائية دائمة بين العراق والولايات "
        "المتحدة”.", "2024-01-26", [],
        id="seed-agenda-not-outcome"),
    pytest.param(
        "ورغم نتائج الحوار الاستراتيجي، لم يحدد الطرفان موعدا لانسحاب القوات القتالية.", "2021-07-27", [],
        id="no-date-no-end-of-combat"),
    pytest.param(
        "وقالت الخارجية الأمريكية في بيان إن الحوار الاستراتيجي يشمل ملفات الطاقة والتعليم.", "2021-07-27", [],
        id="statement-without-outcome"),
    pytest.param(
        "اتفقت الولايات المتحدة والعراق على إنهاء المهمة القتالية للقوات الأمريكية بحلول نهاية العام.",
        "2021-07-27", [],
        id="no-process-in-article"),
]


@pytest.mark.parametrize(("text", "published", "expected"), OUTCOMES)
def test_outcomes(text: str, published: str, expected: list[dict]) -> None:
    assert extract_fields(outcomes, text, published, "outcome") == expected

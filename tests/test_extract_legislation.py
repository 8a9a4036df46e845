"""legislation facts from short passages in news style; each expected record written by hand.

Cases marked "seed" repeat the wording of a seed or further article; the rest were written for this test."""

from __future__ import annotations

import pytest
from extraction_support import extract_fields

from isnad.loaders.extractors import legislation

CASES = [
    pytest.param(
        "صوّت البرلمان العراقي، الأحد، على قرار يطالب الحكومة بإخراج القوات الأجنبية من البلاد.", "2020-01-06",
        [{"body": "iraqi-parliament", "date": "2020-01-05",
          "what": "قرار يطالب الحكومة بإخراج القوات الأجنبية من البلاد"}],
        id="parliament-resolution"),
    pytest.param(
        "صوّت مجلس الشيوخ الأمريكي يوم الأربعاء على إلغاء تفويض استخدام القوة العسكرية ضد العراق الصادر عام 2002.",
        "2023-03-30",
        [{"body": "us-congress", "date": "2023-03-29",
          "what": "إلغاء تفويض استخدام القوة العسكرية ضد العراق الصادر عام 2002"}],
        id="senate-repeals-aumf"),
    pytest.param(
        "صوّت مجلس النواب الأمريكي الخميس على إلغاء تفويض الحرب على العراق لعام 2002.", "2021-06-18",
        [{"body": "us-congress", "date": "2021-06-17", "what": "إلغاء تفويض الحرب على العراق لعام 2002"}],
        id="house-vote"),
    pytest.param(
        "وصوّت النواب العراقيون، أمس الأحد، على قرار إنهاء وجود القوات الأجنبية، وذلك رغم مقاطعة النواب الكرد.",
        "2020-01-06",
        [{"body": "iraqi-parliament", "date": "2020-01-05", "what": "قرار إنهاء وجود القوات الأجنبية"}],
        id="members-named-by-nisba"),
    pytest.param(
        "وأقر مجلس النواب العراقي في جلسته يوم الاثنين قانون هيئة الحشد الشعبي.", "2016-11-29",
        [{"body": "iraqi-parliament", "date": "2016-11-28", "what": "قانون هيئة الحشد الشعبي"}],
        id="law-passed"),
    pytest.param(
        "ومرر الكونغرس الأمريكي في 12 كانون الأول/ديسمبر مشروع قانون يقيد انسحاب القوات الأمريكية من العراق.",
        "2023-12-20",
        [{"body": "us-congress", "date": "2023-12-12",
          "what": "مشروع قانون يقيد انسحاب القوات الأمريكية من العراق"}],
        id="congress-passes-bill"),
    pytest.param(  # further article t01
        "بغداد – صوّت مجلس النواب العراقي، أمس الأحد، على قرار يُلزم الحكومة بالعمل على إنهاء وجود القوات "
        "الأجنبية في البلاد، وذلك بعد يومين من مقتل قائد فيلق القدس الإيراني قاسم سليماني فجر الجمعة.",
        "2020-01-06",
        [{"body": "iraqi-parliament", "date": "2020-01-05",
          "what": "قرار يُلزم الحكومة بالعمل على إنهاء وجود القوات الأجنبية في البلاد"}],
        id="seed-vote-yesterday"),
    pytest.param(  # further article t03: "حين" ties the date to the vote; "إثر … في الثالث" is another event
        "ويعود الجدل حول الوجود الأجنبي إلى الخامس من كانون الثاني/يناير 2020، حين صوّت البرلمان العراقي على قرار "
        "يطالب الحكومة بإنهاء وجود القوات الأجنبية، إثر مقتل قاسم سليماني.", "2024-09-28",
        [{"body": "iraqi-parliament", "date": "2020-01-05",
          "what": "قرار يطالب الحكومة بإنهاء وجود القوات الأجنبية"}],
        id="seed-date-tied-by-hin"),
    pytest.param(  # seed 000: only the date of the event the vote followed is given, so its month is kept
        "وأقر البرلمان العراقي قانونا. وعقب وقوع الحادث في 3 يناير 2020 صوتت كتل سياسية لأحزاب لديها مليشيات "
        "مسلحة موالية لإيران على مشروع قانون ينص على إخراج القوات الأمريكية من العراق.", "2021-04-07",
        [{"body": "iraqi-parliament", "date": "2020-01",
          "what": "مشروع قانون ينص على إخراج القوات الأمريكية من العراق"}],
        id="seed-blocs-after-event"),
    pytest.param(  # the same vote twice in one article is one record
        "صوّت البرلمان العراقي، الأحد، على قرار إخراج القوات الأجنبية. وصوّت البرلمان العراقي يوم الأحد على "
        "القرار بأغلبية الحاضرين.", "2020-01-06",
        [{"body": "iraqi-parliament", "date": "2020-01-05", "what": "قرار إخراج القوات الأجنبية"}],
        id="one-record-per-vote"),
    # Negative cases.
    pytest.param(
        "ومن المقرر أن يصوت مجلس النواب العراقي غدا الأحد على قرار لإنهاء وجود القوات الأجنبية.", "2020-01-04", [],
        id="planned-vote"),
    pytest.param(
        "وكان البرلمان العراقي قد صوت على قرار يلزم الحكومة بإخراج القوات الأجنبية.", "2020-01-10", [],
        id="no-date"),
    pytest.param(
        "ورحب تحالف الفتح بقرار البرلمان العراقي الصادر يوم الأحد بشأن إخراج القوات الأجنبية.", "2020-01-10", [],
        id="reaction-not-vote"),
    pytest.param(
        "ورفض مجلس النواب العراقي أمس الأحد مشروع قانون لإنهاء وجود القوات الأجنبية.", "2020-01-06", [],
        id="rejected-bill"),
    pytest.param(
        "وصوّت البرلمان العراقي، السبت، على قبول استقالة حكومة عادل عبد المهدي.", "2019-11-30", [],
        id="off-topic-vote"),
    pytest.param(
        "وأقرت الحكومة العراقية أمس خطة لإعادة انتشار القوات في الأنبار.", "2020-01-06", [],
        id="government-not-legislature"),
    pytest.param(
        "وصوتت لجنة الأمن والدفاع النيابية أمس الأحد على توصية بإخراج القوات الأجنبية.", "2020-01-06", [],
        id="committee-not-legislature"),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_legislation(text: str, published: str, expected: list[dict]) -> None:
    assert extract_fields(legislation, text, published, "legislation") == expected

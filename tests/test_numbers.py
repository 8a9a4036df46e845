"""Counts and percentages. Expected values are written by hand.

Most sentences are written for these tests in news style; those marked SEED come from the seed articles.
Counted nouns are compared in normalized spelling (normalize_term), as find_numbers returns them.
"""

from __future__ import annotations

import glob
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isnad.loaders.dates import find_dates
from isnad.loaders.normalize import normalize, normalize_term
from isnad.loaders.numbers import NumberMention, find_numbers

# (sentence, expected: [(surface, value, qualifier, percent, noun)])
CASES: list[tuple[str, list[tuple[str, int | float, str, bool, str | None]]]] = [
    # --- written for the tests ---
    ("قتل ثلاثة جنود أمريكيين في الهجوم على القاعدة.", [("ثلاثة", 3, "exact", False, "جندي")]),
    ("ونشرت واشنطن نحو 2500 عسكري في العراق.", [("2500", 2500, "about", False, "عسكري")]),
    ("تعهدت الدول المانحة بتقديم 2.5 مليار دولار.", [("2.5 مليار", 2_500_000_000, "exact", False, "دولار")]),
    ("درّب التحالف ما يزيد على 200 ألف مقاتل عراقي.", [("200 ألف", 200_000, "more_than", False, "مقاتل")]),
    ("سقط ما لا يقل عن 12 صاروخا على القاعدة.", [("12", 12, "at_least", False, "صاروخ")]),
    ("أطلقت الفصائل قرابة عشرين قذيفة على المطار.", [("عشرين", 20, "about", False, "قذيفة")]),
    ("يضم التحالف الدولي أكثر من ثمانين دولة.", [("ثمانين", 80, "more_than", False, "دولة")]),
    ("ارتفعت الهجمات بنسبة 35% خلال الشهر.", [("35%", 35, "exact", True, None)]),
    ("وتراجعت العمليات بنسبة 40 بالمئة مقارنة بالعام الماضي.", [("40 بالمئة", 40, "exact", True, None)]),
    ("أصيب خمسة وعشرون شخصا بجروح.", [("خمسة وعشرون", 25, "exact", False, "شخص")]),
    ("ينتشر ثلاثة آلاف وخمسمائة جندي في سوريا.", [("ثلاثة آلاف وخمسمائة", 3500, "exact", False, "جندي")]),
    ("بلغت كلفة الإعمار مليون و500 ألف دولار.", [("مليون و500 ألف", 1_500_000, "exact", False, "دولار")]),
    ("يبقى في البلاد أقل من 100 مستشار.", [("100", 100, "less_than", False, "مستشار")]),
    ("قد تنشر الوزارة ما يصل إلى ألفي جندي إضافي.", [("ألفي", 2000, "less_than", False, "جندي")]),
    ("نشرت واشنطن ٥٠٠٠ جندي في المنطقة.", [("٥٠٠٠", 5000, "exact", False, "جندي")]),
    ("وصل 5,000 جندي إلى الكويت.", [("5,000", 5000, "exact", False, "جندي")]),
    ("قتل أحد عشر جنديا في الكمين.", [("أحد عشر", 11, "exact", False, "جندي")]),
    ("شارك خمسة عشر ألف مقاتل في العملية.", [("خمسة عشر ألف", 15_000, "exact", False, "مقاتل")]),
    ("اعتقلت القوات مئتي عنصر من التنظيم.", [("مئتي", 200, "exact", False, "عنصر")]),
    ("أطلقت الجماعة ثلاثمائة وخمسين صاروخا منذ بدء الحرب.", [("ثلاثمائة وخمسين", 350, "exact", False, "صاروخ")]),
    ("قتل 5 جنود على الأقل في الانفجار.", [("5", 5, "at_least", False, "جندي")]),
    ("خصصت الحكومة زهاء 600 مليون دولار للأمن.", [("600 مليون", 600_000_000, "about", False, "دولار")]),
    ("وصل عدد الهجمات إلى 160 هجوما تقريبا.", [("160", 160, "about", False, "هجوم")]),
    ("يضم المعسكر ثلاثة آلاف جندي و240 ألف عنصر.",
     [("ثلاثة آلاف", 3000, "exact", False, "جندي"), ("240 ألف", 240_000, "exact", False, "عنصر")]),
    ("بلغت قيمة الصفقة ٢٫٥ مليون دولار.", [("٢٫٥ مليون", 2_500_000, "exact", False, "دولار")]),
    ("شارك في المؤتمر عشرة من الوزراء.", [("عشرة", 10, "exact", False, None)]),
    ("قتل ثلاثة من الجنود في القصف.", [("ثلاثة", 3, "exact", False, "جندي")]),
    ("وتبلغ الموازنة نحو 12 تريليون دينار، أي ما يعادل 8.2 مليار دولار.",
     [("12 تريليون", 12_000_000_000_000, "about", False, "دينار"),
      ("8.2 مليار", 8_200_000_000, "exact", False, "دولار")]),
    ("وينشط في المنطقة ما بين 2000 و3000 مقاتل.",
     [("2000", 2000, "exact", False, None), ("3000", 3000, "exact", False, "مقاتل")]),
    ("وأفادت التقارير بسقوط قتيل و7 جرحى.", [("7", 7, "exact", False, "جريح")]),
    # --- negative cases (written for the tests) ---
    ("أنفقت واشنطن ملايين الدولارات على التدريب.", []),
    ("قتل عشرات الجنود وأصيب مئات المدنيين وآلاف النازحين.", []),
    ("في عام 2021 أعلنت الحكومة خطة جديدة.", []),
    ("عقدت الجولة الثالثة من الحوار الاستراتيجي.", []),
    ("افتتحت الدورة الـ25 للمؤتمر في بغداد.", []),
    ("حلقت طائرات أف 16 فوق المدينة.", []),
    ("دعا مجلس الأمن إلى تطبيق القرار 2334.", []),
    ("وقع الهجوم في 27 كانون الثاني/يناير قرب الحدود.", []),
    ("بدأ القصف الساعة 10:30 صباحا.", []),
    ("تنتشر القوات في العراق منذ 2014.", []),
    ("ناقش البرلمان ميزانية 2021 للدفاع.", []),
    ("تحدث الوزيران في آن واحد.", []),
    ("وهاجمت طائرة MQ-9 الموقع.", []),
    ("احتفل الحزب بالذكرى الخمسين لتأسيسه.", []),
    ("للتواصل اتصلوا على الرقم 07701234567 أو 07801234567", []),
    # --- SEED sentences ---
    ("وهناك أكثر من 5000 جندي أمريكي في العراق الآن.", [("5000", 5000, "more_than", False, "جندي")]),
    ("على مناطق واسعة من العراق وسوريا ويضم 86 دولة.", [("86", 86, "exact", False, "دولة")]),
    ("ووفروا حتى العام 2020 التدريب لأكثر من 240 ألف عنصر أمني عراقي",
     [("240 ألف", 240_000, "more_than", False, "عنصر")]),
    ("أطلقت الدول الأعضاء في التحالف الدولي حملة لجمع 600 مليون دولار لدعم الاستقرار",
     [("600 مليون", 600_000_000, "exact", False, "دولار")]),
    ("قوات أميركية مؤلفة من 2400 جندي متمركزين في قاعدتين", [("2400", 2400, "exact", False, "جندي")]),
    ("قواعد أميركية في العراق وسوريا لأكثر من 160 هجوما من قبل جماعات",
     [("160", 160, "more_than", False, "هجوم")]),
    ("تراجعت بنسبة 80 في المائة مقارنة بالعام 2022.", [("80 في المائة", 80, "exact", True, None)]),
    ("وأسفر عن مقتل 3 جنود أميركيين وإصابة 34 آخرين في قاعدة بالأردن.",
     [("3", 3, "exact", False, "جندي"), ("34", 34, "exact", False, "آخر")]),
    ("وقد بلغ عددها نحو خمسين هجوما منذ مطلع العام", [("خمسين", 50, "about", False, "هجوم")]),
    ("منذ بداية العام بنحو 50 هجوما بصواريخ", [("50", 50, "about", False, "هجوم")]),
    ("ولا يزال هناك نحو 2500 عسكري أميركي في العراق", [("2500", 2500, "about", False, "عسكري")]),
    ("بالاسراع في تصليح وادامة طائرات الـ(أف 16) العراقية", []),
]


def _key(m: NumberMention) -> tuple[str, int | float, str, bool, str | None]:
    return (m.surface, m.value, m.qualifier, m.percent, m.noun)


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_numbers(sentence: str, expected: list[tuple]) -> None:
    found = find_numbers(sentence)
    want = [(s, v, q, p, normalize_term(noun) if noun else None) for s, v, q, p, noun in expected]
    assert [_key(m) for m in found] == want
    for m in found:
        assert sentence[m.start : m.end] == m.surface
        assert isinstance(m.value, int) or not float(m.value).is_integer()  # integral values are ints
        if m.noun is not None:
            assert m.noun_start is not None and m.noun_end is not None
            assert normalize_term(sentence[m.noun_start : m.noun_end])  # a real word of the sentence


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30
    assert sum(1 for c in CASES if c[1] == []) >= 10


def test_integral_values_are_ints() -> None:
    (m,) = find_numbers("نحو 2.5 مليار دولار")
    assert isinstance(m.value, int)
    (m,) = find_numbers("ارتفع المؤشر بنسبة 2.5%")
    assert m.value == 2.5 and isinstance(m.value, float) and m.percent


def test_noun_offsets_point_at_the_noun() -> None:
    s = "وهناك أكثر من 5000 جندي أمريكي"
    (m,) = find_numbers(s)
    assert s[m.noun_start : m.noun_end] == "جندي"


def test_passing_dates_and_normalization_gives_the_same_result() -> None:
    s = "وفي 3 يناير 2020 قتل 10 أشخاص، وبعد عام 2021 وصل 2000 جندي."
    n = normalize(s)
    dates = find_dates(s, "2021-04-07", n)
    assert find_numbers(s) == find_numbers(s, n, dates)
    assert [m.value for m in find_numbers(s)] == [10, 2000]


@pytest.mark.parametrize("path", sorted(glob.glob(str(Path(__file__).resolve().parents[1] / "corpus" / "*.txt"))))
def test_seed_articles_give_exact_slices(path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    for m in find_numbers(text):
        assert text[m.start : m.end] == m.surface
        assert m.qualifier in ("exact", "about", "more_than", "at_least", "less_than")
        assert not (1900 <= m.value <= 2100 and m.noun is None and not m.percent)


_VOCAB = [
    "أكثر", "من", "نحو", "ما", "يصل", "إلى", "لا", "يقل", "عن", "ثلاثة", "آلاف", "ألف", "ألفي", "مليون",
    "مليار", "وخمسمائة", "عشر", "أحد", "خمسة", "وعشرون", "عشرات", "مئة", "مئتي", "240", "2.5", "5,000", "٥٠٠٠",
    "2021", "في", "المائة", "%", "جندي", "جنود", "هجوما", "دولار", "على", "الأقل", "الـ25", "أف", "16",
    "كانون", "الثاني", "27", "عام", "10:30", "/", "-", "و", "\u200f", "ً", "\n", "،",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_VOCAB), max_size=25))
def test_any_sequence_of_number_words_gives_exact_slices(words: list[str]) -> None:
    text = " ".join(words)
    end = 0
    for m in find_numbers(text):
        assert text[m.start : m.end] == m.surface
        assert m.start >= end
        end = m.end
        assert m.value > 0
        if m.noun_start is not None:
            assert m.noun_start >= m.end

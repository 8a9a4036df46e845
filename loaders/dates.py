"""Date expressions in Arabic news, resolved against the publication date.

``find_dates(text, published)`` returns DateMention records with offsets into the ORIGINAL text. The
rules run on the normalized text (loaders.normalize: أ→ا, ة→ه, ى→ي, ئ/ؤ→ء, digits → ASCII, no
diacritics); patterns are written in ordinary spelling and normalized the same way (``_n``), and spans
are mapped back with NormalizedText.span_to_original.

Why not dateparser: it was tried first. ``search_dates`` takes ~35 ms on a 4 KB article (the layer budget
is ~3 ms for everything), a single ``get_date_data`` call 1–2 ms (200 ms cold), and it is wrong or silent
on the forms that matter here (year precision is lost: "عام 2003" → 2003-04-07; "7 أكتوبر" → a future
date; None for "أمس الاثنين", "العام الماضي", "يونيو الماضي", "الأسبوع المقبل", "مطلع 2020"). The rules
below cover what it got right and the rest, at ~0.6–0.9 ms per 1,000-word article.

Decisions (what analysts need, and never a guess):

- Precision is the precision of the expression: "عام 2014" → "2014", "أغسطس 2023" → "2023-08",
  "3 يناير 2020" → "2020-01-03".
- Both month systems (Egyptian يناير… and Levantine/Iraqi كانون الثاني…, plus the Maghrebi names) and
  the paired forms "كانون الثاني/يناير", "يونيو/ حزيران", "آذار (مارس)".
- A month name alone is a date only with context (a day, a year, a paired name, الماضي/المقبل, a
  preposition such as في/منذ/خلال/بين, مطلع/نهاية…, or شهر). The names that are also common words
  (آب = أب after normalization, مارس = "he practised", ماي) need a day, a year, a pair, الماضي/المقبل or
  شهر. Bare "ثورة تموز"-style uses are thus left out rather than resolved to the wrong year.
- "أيار من العام الماضي" / "تموز من هذا العام" take the year from the relative phrase.
- A year-less month is the most recent such month not after publication; with الماضي strictly before
  the publication month; with المقبل/القادم (or a future-tense cue: سـ/سوف/من المقرر/المرتقب…)
  not before it. Day + month without a year is resolved the same way at day precision.
- A weekday alone is the nearest such day on or before publication; with الماضي strictly before; with
  المقبل/القادم or a future-tense cue, on or after (strictly after for المقبل). "اليوم الأربعاء" is
  the publication day; "أمس (الاثنين)" the day before; "أمس الأول" two days before; "غدا" the day after.
  "اليوم" alone ("a threat today") is NOT taken; with صباح/مساء or "في وقت سابق اليوم" it is.
- Weeks run Saturday–Friday (the Iraqi/Egyptian/Levantine week). "الأسبوع الماضي/المقبل/الجاري" is a
  period over that week.
- مطلع/بداية/أوائل/مستهل X → January of X (month precision); منتصف/أواسط → June; أواخر/نهاية/ختام
  → December. For a month X they give that month. A deadline — بحلول/قبل/حتى/مع + نهاية, or بنهاية —
  is the LAST DAY at day precision ("بحلول نهاية العام" → YYYY-12-31), because "by the end of the year"
  is a deadline and analysts record it as 31 December; plain "نهاية 2021" stays "2021-12".
- Periods: "منذ X" → from X to the publication day; "بين مارس ويونيو 2021", "من 2014 إلى 2017",
  "2014-2017" → from/to (a year-less first end borrows the year of the second);
  "خلال السنوات الثلاث الماضية" → from published.year-3 (year precision) to the publication day
  (likewise months, weeks, days, and the duals العامين/الشهرين/... الماضيين).
  "منذ اندلاع الحرب بين إسرائيل وحماس" and a few other well-known events resolve through _ANCHORS.
- For a period, ``value`` is the most precise ISO prefix that both ends share (last week in one month →
  "2021-03"; "منذ مطلع العام" → "2021"); when they share nothing it is ``period_from``. Consumers should
  read period_from/period_to whenever is_period is true.
- "الخامس من الشهر الجاري", "12 من الشهر الماضي" → that day of the current / previous month.
- "قبل ثلاثة أيام/شهرين/سبع سنوات" → that day/month/year; "منذ خمس سنوات/عامين" → a period from then
  to the publication day.
- Hijri dates, "قبل أكثر من عام", "الأيام الماضية" and anything else without a definite value are left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import ahocorasick

from isnad.loaders.normalize import NormalizedText, normalize, normalize_term

__all__ = ["DateMention", "date_spans", "find_dates", "publication_bounds"]


@dataclass(frozen=True)
class DateMention:
    start: int  # offset into the original text
    end: int  # exclusive
    surface: str  # == original[start:end]
    value: str  # ISO at its precision: "2021-04-07", "2021-04", "2021"
    precision: str  # "day" | "month" | "year"
    is_period: bool
    period_from: str | None = None
    period_to: str | None = None


# A calendar point at some precision: (year, month or None, day or None).
Point = tuple[int, int | None, int | None]


@dataclass(slots=True)  # slots: built hundreds of times per article, ~2x faster to make
class _Found:
    start: int  # normalized offsets
    end: int
    point: Point | None = None
    frm: Point | None = None
    to: Point | None = None
    # What a later pass (ranges) may need to re-resolve a year-less month.
    month: int | None = None
    day: int | None = None
    year_explicit: bool = False
    kind: str = ""
    matched: int = 0  # length of the regex match (may exceed the span): breaks ties between equal spans


@cache  # the handlers normalize their few literal words on every call
def _n(pattern: str) -> str:
    """Patterns are written in ordinary spelling and normalized like the text they run on."""
    return normalize_term(pattern)


def _alt(words: list[str]) -> str:
    return "|".join(w.replace(" ", r"\s+") for w in sorted(words, key=len, reverse=True))


# ----------------------------------------------------------------------------------------------------
# Vocabulary (normalized spelling).

_MONTHS: dict[str, int] = {
    _n(k): v
    for k, v in {
        # Egyptian / Gulf
        "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
        "يوليو": 7, "يوليه": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
        # Levantine / Iraqi
        "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6,
        "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين أول": 10, "تشرين الثاني": 11,
        "تشرين ثاني": 11, "كانون الأول": 12, "كانون أول": 12,
        # Maghrebi
        "جانفي": 1, "فيفري": 2, "أفريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "يوليوز": 7, "أوت": 8,
        "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
    }.items()
}
# Month names that are also ordinary words once normalized (آب = أب "father", مارس "he practised").
_AMBIGUOUS_MONTHS = {_n(w) for w in ("آب", "مارس", "ماي", "أوت", "جوان")}

_WEEKDAYS: dict[str, int] = {  # datetime.weekday(): Monday = 0
    _n(k): v
    for k, v in {
        "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5,
        "الأحد": 6,
    }.items()
}

_ONES = {
    "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7,
    "سبعة": 7, "ثماني": 8, "ثمانية": 8, "ثمان": 8, "تسع": 9, "تسعة": 9, "عشر": 10, "عشرة": 10,
}
_COUNT_WORDS = {_n(k): v for k, v in _ONES.items()}

_ORDINAL_DAYS: dict[str, int] = {}
_ord_units = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
for _i, _w in enumerate(_ord_units, start=1):
    _ORDINAL_DAYS[_n(_w)] = _i
    if _i >= 2:
        _ORDINAL_DAYS[_n(f"{_w} عشر")] = 10 + _i
        _ORDINAL_DAYS[_n(f"{_w} والعشرين")] = 20 + _i
_ORDINAL_DAYS[_n("العاشر")] = 10
_ORDINAL_DAYS[_n("الحادي عشر")] = 11
_ORDINAL_DAYS[_n("العشرين")] = 20
_ORDINAL_DAYS[_n("الحادي والعشرين")] = 21
_ORDINAL_DAYS[_n("الثلاثين")] = 30
_ORDINAL_DAYS[_n("الحادي والثلاثين")] = 31

_START_MODS = {_n(w) for w in ("مطلع", "بداية", "بدء", "أوائل", "مستهل")}
_MID_MODS = {_n(w) for w in ("منتصف", "أواسط")}
_END_MODS = {_n(w) for w in ("أواخر", "نهاية", "ختام")}
_MOD = _alt(sorted(_START_MODS | _MID_MODS | _END_MODS))

_PAST = {_n(w) for w in ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق")}
_NEXT = {_n(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة")}
_THIS = {_n(w) for w in ("الجاري", "الجارية", "الحالي", "الحالية")}
_REL = _alt(sorted(_PAST | _NEXT | _THIS))

_MON = _alt(list(_MONTHS))
_WD = _alt(list(_WEEKDAYS))
_ORD = _alt(list(_ORDINAL_DAYS))
_YEAR = r"(?:19|20)\d\d(?!\d)(?![.,]\d)"
_DEADLINE = _n(r"بحلول|قبل|حتى|مع|مع حلول|لغاية").replace(" ", r"\s+")

# ----------------------------------------------------------------------------------------------------
# Patterns. (?<!\w) / (?!\w) keep matches on word boundaries; [وف]? and [بل]? are attached clitics.

_RX_ABS = re.compile(
    _n(
        r"(?<![\w.,/])"
        rf"(?:(?P<wd>[وف]?(?:{_WD}))\s*[،,]?\s+(?:الموافق\s+)?)?"
        rf"(?:(?P<dl>{_DEADLINE})\s+)?"
        rf"(?:(?P<modp>[وف]?[بل]?)(?P<mod>{_MOD})\s+)?"
        rf"(?:(?P<day>\d{{1,2}})(?![\d.,])\s*(?:من\s+)?|(?P<oday>{_ORD})\s+من\s+)?"
        r"(?:(?P<shahr>[وف]?[بل]?شهر)\s+|(?P<cl>[وف]?[بل]?))"
        rf"(?P<mon>{_MON})"
        rf"(?:\s*[/\\(-]\s*(?P<mon2>{_MON})\s*\)?)?"
        rf"(?:\s*[،,]?\s*(?:من\s+)?(?:عام\s+|العام\s+|سنة\s+)?(?P<year>{_YEAR}))?"
        rf"(?:\s+(?P<rel>{_REL}))?"
        # "أيار من العام الماضي", "في تموز من هذا العام"
        rf"(?:\s+من\s+(?:(?P<ythis>هذا|هذه)\s+(?:العام|السنة)|(?:العام|السنة)\s+(?P<yrel>{_REL})))?"
        r"(?!\w)"
    )
)

# "في الخامس من الشهر الجاري", "يوم 12 من الشهر الماضي", "في الـ5 من هذا الشهر".
_RX_DAY_OF_MONTH = re.compile(
    _n(
        r"(?<![\w.,/])"
        rf"(?:(?P<day>\d{{1,2}})(?![\d.,])|ال\s*(?P<dday>\d{{1,2}})(?![\d.,])|(?P<oday>{_ORD}))"
        r"\s+(?:من\s+)?(?:(?P<this>هذا)\s+الشهر|الشهر\s+(?P<rel>" + _REL + r"))(?!\w)"
    )
)

_RX_YEAR = re.compile(
    _n(
        r"(?<![\w.,/])"
        rf"(?:(?P<dl>{_DEADLINE})\s+)?"
        rf"(?:(?P<modp>[وف]?[بل]?)(?P<mod>{_MOD})\s+)?"
        r"(?P<kw>[وف]?(?:[بل]?عام|[بلك]?العام|للعام|[بل]?سنة|[بلك]?السنة|للسنة)\s*)?"
        rf"(?P<year>{_YEAR})"
        r"(?!\s*(?:هـ|ه)(?!\w))(?![\w/-])"
    )
)
# Prepositions that make a bare 4-digit number a year ("في 2014", "منذ 2003").
_RX_YEAR_CONTEXT = re.compile(
    _n(r"(?<!\w)[وف]?(?:في|منذ|خلال|حتى|بحلول|قبل|بعد|مع|بين|من|إلى|لغاية|مطلع|أواخر|نهاية)\s+$")
)

_RX_COUNT_AFTER = re.compile(
    _n(r"\s*(?:(?:-|و|إلى|الى|حتى)\s*(?P<n>\d+)(?![\d.,]\d)|(?:ألف|آلاف|مليون|مليار|%|في\s+المائة|في\s+المئة)(?!\w))")
)

_RX_YEAR_RANGE = re.compile(
    _n(
        r"(?<![\w.,/])"
        r"(?:(?P<kw>[وف]?(?:بين|من|منذ))\s+(?:(?:عامي|العامين|سنتي|عام|العام|سنة)\s+)?)?"
        rf"(?P<y1>{_YEAR})\s*(?P<sep>-|/|و|إلى|الى|حتى|ولغاية|لغاية)\s*(?:(?:عام|العام|سنة)\s+)?"
        rf"(?P<y2>{_YEAR})(?![\w/-])"
    )
)

_RX_RELDAY = re.compile(
    _n(
        r"(?<!\w)(?:(?P<tod>[وف]?(?:صباح|مساء|ظهر|فجر|ليل|ليلة|عصر|ظهيرة))\s+)?"
        r"(?P<w>[وف]?(?:أمس\s+الأول|أول\s+أمس|أمس|بالأمس|غدا|بعد\s+غد|اليوم|الليلة\s+الماضية))"
        rf"(?:\s*[،,]?\s+(?P<wd>{_WD}))?"
        r"(?!\w)"
    )
)
_RELDAY_WORDS = {_n(w) for w in ("أمس الأول", "أول أمس", "أمس", "بالأمس", "غدا", "بعد غد", "اليوم")}
_RX_EARLIER_TODAY = re.compile(_n(r"وقت\s+(?:سابق|لاحق)\s+(?:من\s+)?$"))

_RX_WEEKDAY = re.compile(
    _n(
        r"(?<!\w)(?:(?P<tod>[وف]?(?:صباح|مساء|ظهر|فجر|ليل|ليلة|عصر))\s+)?"
        r"(?:(?P<yawm>[وف]?[بل]?يوم)\s+)?"
        rf"(?P<wd>[وف]?(?:{_WD}))"
        rf"(?:\s+(?P<rel>{_REL}))?"
        r"(?!\w)"
    )
)

_RX_UNIT = re.compile(
    _n(
        r"(?<!\w)"
        rf"(?:(?P<dl>{_DEADLINE})\s+)?"
        rf"(?:(?P<modp>[وف]?[بل]?)(?P<mod>{_MOD})\s+)?"
        r"(?:(?P<this>[وف]?[بل]?(?:هذا|هذه))\s+)?"
        r"[وف]?(?:[بك]?ال|لل)(?P<unit>أسبوع|شهر|عام|سنة)"
        rf"(?:\s+(?P<rel>{_REL}))?"
        r"(?!\w)"
    )
)

_NUMW = _alt(list(_COUNT_WORDS))
_RX_LAST_N = re.compile(
    _n(
        r"(?<!\w)(?:"
        r"(?P<u1>ال(?:سنوات|أعوام|أشهر|شهور|أيام|أسابيع))\s+(?P<n1>ال(?:" + _NUMW + r")|ال\s*\d{1,3})"
        r"|(?P<n2>ال(?:" + _NUMW + r"))\s+(?P<u2>(?:سنوات|أعوام|أشهر|شهور|أيام|أسابيع))"
        r")\s+(?P<rel>الماضية|الأخيرة|المنصرمة|الفائتة|المقبلة|القادمة)"
        r"|(?<!\w)(?P<dual>ال(?:عامين|سنتين|شهرين|يومين|أسبوعين))\s+(?P<rel2>الماضيين|الأخيرين|المقبلين|القادمين)"
        r"(?!\w)"
    )
)

_RX_AGO = re.compile(
    _n(
        r"(?<!\w)[وف]?(?P<kw>قبل|منذ)\s+(?:"
        r"(?P<num>\d{1,3}|" + _NUMW + r")\s+(?P<unit>أيام|يوما|أشهر|شهور|شهرا|سنوات|سنين|أعوام|عاما)"
        r"|(?P<dual>يومين|شهرين|عامين|سنتين)"
        r"|(?P<one>يوم|شهر|عام|سنة)"
        r")(?!\w)(?!\s*(?:19|20)\d\d)"
    )
)

_RX_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?:(?P<d>\d{1,2})([/.\-])(?P<m>\d{1,2})\2(?P<y>(?:19|20)\d\d)"
    r"|(?P<y2>(?:19|20)\d\d)([/\-])(?P<m2>\d{1,2})\6(?P<d2>\d{1,2}))(?![\d/.\-]|\.\d)"
)

# Well-known events that news dates other things by ("since the outbreak of the war ..."). Each entry:
# (regex after "منذ", date of the event). Keep this short and well known; it is domain knowledge.
_ANCHORS: list[tuple[str, dt.date]] = [
    # Hamas's 7 October 2023 attack on Israel and the Gaza war that followed.
    (r"(?:(?:اندلاع|بدء|بداية|اشتعال|انطلاق)\s+)?(?:الحرب|حرب|العدوان|هجوم|هجمات|عملية|معركة)\s+"
     r"(?:[^\s.،]+\s+){0,4}?[وب]?(?:غزة|حماس|طوفان\s+الأقصى)(?!\w)", dt.date(2023, 10, 7)),
    (r"(?:هجوم|هجمات|أحداث)\s+(?:السابع\s+من\s+أكتوبر|7\s+أكتوبر|السابع\s+من\s+تشرين\s+الأول)(?!\w)",
     dt.date(2023, 10, 7)),
    # US drone strike at Baghdad airport that killed Qasem Soleimani and Abu Mahdi al-Muhandis.
    (r"(?:مقتل|اغتيال|قتل|استهداف|تصفية|مصرع|اغتيالات)\s+(?:[^\s.،]+\s+){0,5}?(?:سليماني|المهندس)(?!\w)",
     dt.date(2020, 1, 3)),
    # US-led invasion of Iraq (began 20 March 2003).
    (r"(?:الغزو|غزو|الاحتلال|احتلال|الاجتياح|اجتياح)\s+(?:الأمريكي|الأميركي)(?:\s+للعراق)?(?!\w)",
     dt.date(2003, 3, 20)),
    (r"(?:الغزو|غزو|احتلال|اجتياح)\s+العراق(?!\w)(?!\s+للكويت)(?!\s+(?:عام|في))", dt.date(2003, 3, 20)),
    # Fall of Saddam Hussein's government (Baghdad, 9 April 2003).
    (r"(?:سقوط|انهيار)\s+(?:نظام\s+)?(?:صدام(?:\s+حسين)?|النظام\s+السابق|بغداد)(?!\w)", dt.date(2003, 4, 9)),
    # Fall of Mosul to the Islamic State (10 June 2014).
    (r"(?:سقوط|احتلال|اجتياح)\s+(?:مدينة\s+)?الموصل(?!\w)(?!\s+(?:عام|في))", dt.date(2014, 6, 10)),
    # Iraq's declaration of victory over the Islamic State (9 December 2017).
    (r"(?:إعلان\s+)?(?:النصر|الانتصار)\s+(?:النهائي\s+)?على\s+(?:تنظيم\s+)?(?:داعش|الدولة\s+الإسلامية)(?!\w)",
     dt.date(2017, 12, 9)),
    # Start of the October 2019 ("Tishreen") protest movement in Iraq.
    (r"(?:(?:اندلاع|انطلاق|بدء)\s+)?(?:احتجاجات|تظاهرات|مظاهرات|انتفاضة|ثورة|حراك)\s+تشرين(?!\s+(?:الأول|الثاني))",
     dt.date(2019, 10, 1)),
    # Russia's full-scale invasion of Ukraine (24 February 2022).
    (r"(?:(?:بدء|اندلاع)\s+)?(?:الغزو\s+الروسي|الحرب\s+(?:الروسية\s+)?(?:على|في)\s+أوكرانيا|الحرب\s+الروسية\s+الأوكرانية)",
     dt.date(2022, 2, 24)),
]
_RX_ANCHORS = [
    (re.compile(_n(r"(?<!\w)[وف]?منذ\s+" + pattern + r"(?!\s+(?:في\s+)?(?:عام|العام|سنة)?\s*(?:19|20)\d\d)")), day)
    for pattern, day in _ANCHORS
]

_RX_SINCE_BEFORE = re.compile(_n(r"(?<!\w)[وف]?منذ\s+$"))
_RX_RANGE_OPEN = re.compile(_n(r"(?<!\w)[وف]?(?P<w>بين|من|منذ)\s+(?:(?:شهري|عامي)\s+)?$"))
_RX_RANGE_SEP = re.compile(_n(r"\s*(?:-|إلى|الى|حتى|لغاية|ولغاية|وحتى)?\s*"))
_RX_MONTH_CONTEXT = re.compile(
    _n(r"(?<!\w)[وف]?(?P<p>في|منذ|خلال|حتى|بحلول|قبل|بعد|مع|بين|من|إلى|لغاية|طوال|أثناء)\s+$")
)
# Prepositions after which even آب/مارس/ماي can only be the month ("من أب" = "from a father").
_SAFE_PREPS = {_n(w) for w in ("في", "منذ", "خلال", "حتى", "بحلول", "بين", "طوال", "أثناء")}
# Future-tense cues in the few words before a date: سـ + imperfect verb, سوف, من المقرر, المرتقب...
_RX_FUTURE = re.compile(
    _n(
        r"(?:^|\s)(?:[وف]?س(?:ي|ت|ن)(?!ياس|يار|يطر|نوات|نة|نين|تة|تين|يد|اع|يول|بع)\w{2,}|سوف|المقرر|مقرر|"
        r"المرتقب\w*|المزمع\w*|المنتظر\w*|يعتزم|تعتزم|يبدأ\w*|تبدأ\w*|ينطلق|تنطلق|يستأنف|تستأنف)\s"
    )
)


# ----------------------------------------------------------------------------------------------------
# Calendar helpers.


def _iso(p: Point) -> str:
    y, m, d = p
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _precision(p: Point) -> str:
    return "year" if p[1] is None else "month" if p[2] is None else "day"


def _day(d: dt.date) -> Point:
    return (d.year, d.month, d.day)


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _week(d: dt.date) -> tuple[dt.date, dt.date]:
    """The Saturday–Friday week containing d."""
    start = d - dt.timedelta(days=(d.weekday() - 5) % 7)
    return start, start + dt.timedelta(days=6)


_RX_UP_TO_CLAUSE_START = re.compile(r'(?s).*[.،,؛:\n"]')  # greedy: ends after the last clause boundary


# Every cue _RX_FUTURE accepts holds one of these (no space in any): without them it cannot match.
_FUTURE_LITERALS = tuple(_n(w) for w in ("س", "مقرر", "مرتقب", "مزمع", "منتظر", "عتزم", "بدأ", "نطلق"))


def _future_cue(t: str, start: int) -> bool:
    lo = max(0, start - 60)
    before = t[lo:start]
    if not any(w in before for w in _FUTURE_LITERALS):
        return False  # most dates: no cue to look for, so no clause or word split
    # Only the last five words of the same clause count: a cue further back belongs to another statement.
    m = _RX_UP_TO_CLAUSE_START.match(t, lo, start)
    words = t[m.end() if m else lo : start].split()[-5:]
    return _RX_FUTURE.search(" " + " ".join(words) + " ") is not None


def _modify_year(y: int, mod: str | None, deadline: bool) -> Point:
    if mod is None:
        return (y, None, None)
    if mod in _START_MODS:
        return (y, 1, None)
    if mod in _MID_MODS:
        return (y, 6, None)
    return (y, 12, 31) if deadline else (y, 12, None)


def _modify_month(y: int, m: int, mod: str | None, deadline: bool) -> Point:
    if mod in _END_MODS and deadline:
        return (y, m, _last_day(y, m))
    return (y, m, None)


def _is_deadline(g: dict[str, str | None]) -> bool:
    return bool(g.get("mod")) and g["mod"] in _END_MODS and (bool(g.get("dl")) or "ب" in (g.get("modp") or ""))


def _start_after_preposition(m: re.Match[str], deadline: bool) -> int:
    """A deadline keeps its بحلول/قبل/حتى in the span (it is part of the meaning); otherwise drop it."""
    if deadline or not m.group("dl"):
        return m.start()
    s = m.end("dl")
    while m.string[s].isspace():
        s += 1
    return s


def _resolve_month_day(m: int, d: int | None, pub: dt.date, rel: str | None, future: bool) -> int | None:
    """Year of a year-less (day +) month, or None when the day does not exist."""
    key = (m, d or 0)
    pkey = (pub.month, pub.day if d is not None else 0)
    if rel in _PAST:
        y = pub.year if key < pkey else pub.year - 1
    elif rel in _NEXT:
        y = pub.year if key > pkey else pub.year + 1
    elif rel in _THIS:
        y = pub.year
    elif future:
        y = pub.year if key >= pkey else pub.year + 1
    else:
        y = pub.year if key <= pkey else pub.year - 1
    if d is not None and not _valid(y, m, d):
        return None
    return y


# ----------------------------------------------------------------------------------------------------
# Rule handlers: (match, normalized text, publication date) -> _Found | None.


def _h_abs(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    g = m.groupdict()
    mon_name = " ".join(g["mon"].split())
    month = _MONTHS[mon_name]
    if g["mon2"] and _MONTHS[" ".join(g["mon2"].split())] != month:
        return None  # "كانون الثاني/فبراير": inconsistent pair, better nothing than a guess
    day = int(g["day"]) if g["day"] else _ORDINAL_DAYS.get(" ".join(g["oday"].split())) if g["oday"] else None
    strong = bool(day or g["year"] or g["mon2"] or g["rel"] or g["shahr"] or g["ythis"] or g["yrel"])
    if not strong:
        prep = _RX_MONTH_CONTEXT.search(t, max(0, m.start() - 12), m.start())
        if mon_name in _AMBIGUOUS_MONTHS:
            ok = prep is not None and prep.group("p") in _SAFE_PREPS
        else:
            ok = bool(g["mod"]) or prep is not None
        if not ok:
            return None
    deadline = _is_deadline(g)
    found = _Found(_start_after_preposition(m, deadline), m.end(), month=month, day=day, kind="abs")
    if g["year"] or g["ythis"] or g["yrel"]:
        shift = -1 if g["yrel"] in _PAST else 1 if g["yrel"] in _NEXT else 0
        y = int(g["year"]) if g["year"] else pub.year + shift
        found.year_explicit = True
        if day is not None and not _valid(y, month, day):
            return None
    else:
        future = _future_cue(t, m.start()) or (g["dl"] or "").startswith(_n("بحلول"))
        y_opt = _resolve_month_day(month, day, pub, g["rel"], future)
        if y_opt is None:
            return None
        y = y_opt
    if day is not None:
        if g["wd"] and not g["year"]:
            # "الخميس 8 نيسان": the weekday tells which year (the resolved one, else the next, else the last).
            wd = _weekday_number(g["wd"])
            for cand in (y, y + 1, y - 1):
                if _valid(cand, month, day) and dt.date(cand, month, day).weekday() == wd:
                    y = cand
                    break
        found.point = (y, month, day)
        if g["wd"] and dt.date(y, month, day).weekday() != _weekday_number(g["wd"]):
            # Weekday and date disagree: keep the date, drop the weekday from the span.
            found.start = min(m.start(k) for k in ("dl", "modp", "day", "oday", "shahr", "cl", "mon") if g[k])
    else:
        found.point = _modify_month(y, month, g["mod"], deadline)
    return found


def _h_day_of_month(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    g = m.groupdict()
    day = int(g["day"] or g["dday"]) if (g["day"] or g["dday"]) else _ORDINAL_DAYS[" ".join(g["oday"].split())]
    rel = g["rel"]
    k = -1 if rel in _PAST else 1 if rel in _NEXT else 0
    y, mo = _add_months(pub.year, pub.month, k)
    if not _valid(y, mo, day):
        return None
    return _Found(m.start(), m.end(), point=(y, mo, day), kind="day_of_month")


def _h_year(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    g = m.groupdict()
    if not (g["kw"] or g["mod"]):
        if not _RX_YEAR_CONTEXT.search(t, max(0, m.start() - 10), m.start()):
            return None
        # After a bare preposition the number may be a count: "بين 2000 و3000 مقاتل", "في 2000 ألف".
        after = _RX_COUNT_AFTER.match(t, m.end())
        if after and not (after.group("n") and 1900 <= int(after.group("n")) <= 2100):
            return None
    y = int(g["year"])
    deadline = _is_deadline(g)
    return _Found(_start_after_preposition(m, deadline), m.end(), point=_modify_year(y, g["mod"], deadline),
                  year_explicit=True, kind="year")


def _h_year_range(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    sep = m.group("sep")
    if y1 >= y2 or (sep in ("و", _n("إلى"), "الى", _n("حتى"), _n("لغاية"), _n("ولغاية")) and not m.group("kw")):
        return None
    start = m.start()
    if m.group("kw") and m.group("kw").lstrip("وف") == _n("منذ"):
        return None  # "منذ 2014 و..." is not a range
    return _Found(start, m.end(), frm=(y1, None, None), to=(y2, None, None), kind="range")


def _h_relday(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    w = " ".join(m.group("w").split())
    if w[0] in "وف" and w not in _RELDAY_WORDS:
        w = w[1:]
    if w in (_n("أمس الأول"), _n("أول أمس")):
        d = pub - dt.timedelta(days=2)
    elif w in (_n("أمس"), _n("بالأمس"), _n("الليلة الماضية")):
        d = pub - dt.timedelta(days=1)
    elif w == _n("غدا"):
        d = pub + dt.timedelta(days=1)
    elif w == _n("بعد غد"):
        d = pub + dt.timedelta(days=2)
    elif w == _n("اليوم"):
        earlier = _RX_EARLIER_TODAY.search(t, max(0, m.start() - 20), m.start())
        if not (m.group("tod") or m.group("wd") or earlier):
            return None  # "a threat today" is not a date
        d = pub
    else:
        return None
    return _Found(m.start(), m.end(), point=_day(d), kind="relday")


def _weekday_number(word: str) -> int:
    return _WEEKDAYS[word] if word in _WEEKDAYS else _WEEKDAYS[word[1:]]  # word[0] is a clitic و/ف


def _h_weekday(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    name = m.group("wd") if m.group("wd") in _WEEKDAYS else m.group("wd")[1:]
    after = t[m.end() : m.end() + 6]
    before = t[max(0, m.start() - 6) : m.start()].split()
    if name == _n("الأحد") and after.lstrip().startswith(_n("عشر")):
        return None  # "الأحد عشر" = eleven
    if name == _n("الاثنين") and before and before[-1] in (_n("كلا"), _n("أحد")):
        return None  # "كلا الاثنين" = both
    wd = _WEEKDAYS[name]
    rel = m.group("rel")
    back = (pub.weekday() - wd) % 7
    if rel in _PAST:
        d = pub - dt.timedelta(days=back or 7)
    elif rel in _NEXT:
        fwd = (wd - pub.weekday()) % 7
        d = pub + dt.timedelta(days=fwd or 7)
    elif rel in _THIS:
        d = pub - dt.timedelta(days=back)
    elif _future_cue(t, m.start()):
        d = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
    else:
        d = pub - dt.timedelta(days=back)
    return _Found(m.start(), m.end(), point=_day(d), kind="weekday")


def _h_unit(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    g = m.groupdict()
    unit = g["unit"]
    rel = g["rel"]
    if not (rel or g["this"] or g["mod"]):
        return None  # bare "العام" (الرأي العام, بشكل عام) is not a date
    if rel in _PAST:
        k = -1
    elif rel in _NEXT:
        k = 1
    else:
        k = 0
    deadline = _is_deadline(g)
    found = _Found(_start_after_preposition(m, deadline), m.end(), kind="unit")
    if unit == _n("أسبوع"):
        s, e = _week(pub + dt.timedelta(days=7 * k))
        found.frm, found.to = _day(s), _day(e)
    elif unit == _n("شهر"):
        y, mo = _add_months(pub.year, pub.month, k)
        found.point = _modify_month(y, mo, g["mod"], deadline)
    else:
        found.point = _modify_year(pub.year + k, g["mod"], deadline)
    return found


def _count(word: str) -> int | None:
    word = word.strip()
    if word.startswith("ال"):
        word = word[2:].strip()
    if word.isdigit():
        return int(word)
    return _COUNT_WORDS.get(word)


def _h_last_n(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    g = m.groupdict()
    if g["dual"]:
        n, unit, rel = 2, g["dual"][2:], g["rel2"]
    else:
        n_opt = _count(g["n1"] or g["n2"])
        if not n_opt:
            return None
        n, unit, rel = n_opt, (g["u1"][2:] if g["u1"] else g["u2"]), g["rel"]
    future = rel in {_n(w) for w in ("المقبلة", "القادمة", "المقبلين", "القادمين")}
    found = _Found(m.start(), m.end(), kind="last_n")
    sign = 1 if future else -1
    if unit in {_n(w) for w in ("سنوات", "أعوام", "عامين", "سنتين")}:
        other: Point = (pub.year + sign * n, None, None)
    elif unit in {_n(w) for w in ("أشهر", "شهور", "شهرين")}:
        other = (*_add_months(pub.year, pub.month, sign * n), None)
    elif unit in {_n(w) for w in ("أسابيع", "أسبوعين")}:
        other = _day(pub + dt.timedelta(days=sign * 7 * n))
    else:
        other = _day(pub + dt.timedelta(days=sign * n))
    found.frm, found.to = (_day(pub), other) if future else (other, _day(pub))
    return found


def _h_ago(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    g = m.groupdict()
    if g["num"]:
        n = _count(g["num"])
        unit = g["unit"]
    elif g["dual"]:
        n, unit = 2, g["dual"]
    else:
        n, unit = 1, g["one"]
    if not n:
        return None
    if unit in {_n(w) for w in ("أيام", "يوما", "يومين", "يوم")}:
        p = _day(pub - dt.timedelta(days=n))
    elif unit in {_n(w) for w in ("أشهر", "شهور", "شهرا", "شهرين", "شهر")}:
        p = (*_add_months(pub.year, pub.month, -n), None)
    else:
        p = (pub.year - n, None, None)
    if m.group("kw") == _n("منذ"):  # "منذ خمس سنوات": for the last five years, up to publication
        return _Found(m.start("kw"), m.end(), frm=p, to=_day(pub), kind="last_n")
    return _Found(m.start(), m.end(), point=p, kind="ago")


def _anchor_handler(day: dt.date) -> _Handler:
    def handler(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
        if day > pub:
            return None  # the article predates the event: it cannot date anything by it
        f = _Found(m.start(), m.end(), frm=_day(day), to=_day(pub), kind="anchor")
        f.start = t.index(_n("منذ"), m.start())
        return f

    return handler


def _h_numeric(m: re.Match[str], t: str, pub: dt.date) -> _Found | None:
    if m.group("y"):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    if not _valid(y, mo, d):
        return None
    return _Found(m.start(), m.end(), point=(y, mo, d), year_explicit=True, kind="numeric")


_Handler = Callable[[re.Match[str], str, dt.date], "_Found | None"]

_UNIT_WORDS = ["أسبوع", "شهر", "عام", "سنة"]
_PERIOD_WORDS = ["سنوات", "أعوام", "أشهر", "شهور", "أيام", "أسابيع", "عامين", "سنتين", "شهرين", "يومين", "أسبوعين"]

# Each rule: (pattern, handler, how many words before the trigger a match may start, trigger words).
# Speed: running ~10 unanchored regexes over a whole article costs ~8 ms per 6 KB (Python's re tries every
# position). Instead one Aho–Corasick pass finds the trigger words (~0.1 ms) and each rule is tried with an
# anchored match at the start of the trigger's word and of the few words before it.
_RULES: list[tuple[re.Pattern[str], _Handler, int, list[str]]] = [
    (_RX_ABS, _h_abs, 6, [name.split()[0] for name in _MONTHS]),
    (_RX_DAY_OF_MONTH, _h_day_of_month, 4, [_n("الشهر")]),
    (_RX_YEAR, _h_year, 3, ["19", "20"]),
    (_RX_YEAR_RANGE, _h_year_range, 3, ["19", "20"]),
    (_RX_NUMERIC, _h_numeric, 0, ["19", "20"]),
    (_RX_RELDAY, _h_relday, 1, [_n(w) for w in ("أمس", "غدا", "غد", "اليوم", "الليلة")]),
    (_RX_WEEKDAY, _h_weekday, 2, list(_WEEKDAYS)),
    (_RX_UNIT, _h_unit, 4, [_n(w) for w in _UNIT_WORDS]),
    (_RX_LAST_N, _h_last_n, 2, [_n(w) for w in _PERIOD_WORDS]),
    (_RX_AGO, _h_ago, 0, [_n("قبل"), _n("منذ")]),
    *((rx, _anchor_handler(day), 0, [_n("منذ")]) for rx, day in _RX_ANCHORS),
]


def _build_triggers() -> ahocorasick.Automaton:
    rules_by_word: dict[str, set[int]] = {}
    for i, (_rx, _h, _back, words) in enumerate(_RULES):
        for w in words:
            rules_by_word.setdefault(w, set()).add(i)
    automaton = ahocorasick.Automaton()
    for w, rule_ids in rules_by_word.items():
        ids = tuple(sorted(rule_ids))
        automaton.add_word(w, (len(w), ids, max(_RULES[i][2] for i in ids)))
    automaton.make_automaton()
    return automaton


_TRIGGERS = _build_triggers()


# ----------------------------------------------------------------------------------------------------
# Passes.


# What may stand before a trigger word inside the same word: و/ف, then ب/ل/ك, then the article.
_CLITIC_PREFIXES = frozenset(
    c + pr + art for c in ("", "و", "ف") for pr in ("", "ب", "ل", "ك") for art in ("", "ال")
) | frozenset(c + "لل" for c in ("", "و", "ف"))


# Run on the reversed text from the trigger backwards: group 1 is the part of the trigger's word before it,
# groups 2.. the previous words. One C-level match instead of a Python loop over characters.
# One pattern per number of previous words wanted, so that a trigger reads no further back than its rules need.
_MAX_BACK = 6
_RX_BACK_WORDS = [
    re.compile(r"(\S*)" + "".join(r"(?:\s+(\S+)" for _ in range(back)) + ")?" * back) for back in range(_MAX_BACK + 1)
]


def _word_starts(t: str, rev: str, p: int, back: int) -> list[int]:
    """Start of the word containing p and of the ``back`` words before it (first word character).

    ``rev`` is ``t[::-1]``.
    """
    size = len(t)
    regs = _RX_BACK_WORDS[back].match(rev, size - p).regs  # all group spans in one call; (-1, -1) = no word
    out = []
    for g in range(1, back + 2):
        end = regs[g][1]
        if end < 0:
            break
        s = size - end
        if not t[s].isalnum():
            while s < p and not t[s].isalnum():  # a quote or bracket before the word
                s += 1
        out.append(s)
    return out


def _scan(t: str, pub: dt.date) -> list[_Found]:
    found: list[_Found] = []
    tried: set[tuple[int, int]] = set()
    size = len(t)
    rev = t[::-1]
    for last, (length, rule_ids, max_back) in _TRIGGERS.iter(t):
        p = last - length + 1
        nxt = last + 1
        if t[p].isdigit():
            # Only a 4-digit number can hold a year: "19"/"20" inside 2000, 5200 or 1945 once is enough.
            if nxt + 2 > size or not t[nxt : nxt + 2].isdigit() or (nxt + 2 < size and t[nxt + 2].isdigit()):
                continue
            if p > 0 and t[p - 1].isdigit():
                continue
        elif nxt < size and t[nxt].isalnum():
            continue  # the trigger is the beginning of a longer word (عامل, شهري, اليومي, قبلها)
        starts = _word_starts(t, rev, p, max_back)
        if not t[p].isdigit() and t[starts[0] : p] not in _CLITIC_PREFIXES:
            continue  # the trigger is the end of a longer word (الإرهاب ends in آب)
        for i in rule_ids:
            rx, handler, back, _words = _RULES[i]
            for s in starts[: back + 1]:
                if (i, s) in tried:
                    continue
                tried.add((i, s))
                m = rx.match(t, s)
                if m is None or m.end() <= p:
                    continue
                f = handler(m, t, pub)
                if f is not None:
                    f.matched = m.end() - m.start()
                    found.append(f)
    # Longest first, then leftmost; drop anything overlapping a kept mention.
    found.sort(key=lambda f: (f.start - f.end, -f.matched, f.start))
    kept: list[_Found] = []
    taken = bytearray(len(t))
    for f in found:
        if not any(taken[f.start : f.end]):
            kept.append(f)
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    kept.sort(key=lambda f: f.start)
    return kept


def _combine_ranges(found: list[_Found], t: str) -> list[_Found]:
    """'بين مارس ويونيو 2021', 'من آذار إلى حزيران' -> one period (the first end may borrow the year)."""
    out: list[_Found] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b is not None
            and a.point is not None
            and b.point is not None
            and a.kind in ("abs", "year")
            and b.kind in ("abs", "year")
            # searched last, only for a candidate pair
            and (opener := _RX_RANGE_OPEN.search(t, max(0, a.start - 16), a.start)) is not None
        ):
            between = t[a.end : b.start]
            sep = _RX_RANGE_SEP.fullmatch(between)
            joined = sep is not None and (sep.group().strip() != "" or t[b.start] == "و")
            if joined:
                a_point = a.point
                if not a.year_explicit and b.year_explicit and a.month is not None:
                    by = b.point[0]
                    ay = by if (a.month, a.day or 0) <= (b.month or 12, b.day or 0) else by - 1
                    if a.day is None or _valid(ay, a.month, a.day):
                        a_point = (ay, a.month, a.day)
                if _iso(a_point) < _iso(b.point):
                    start = opener.start("w")
                    if t[start : start + 3] == _n("منذ"):
                        start = a.start  # "منذ آذار وحتى حزيران": keep منذ out, it is a closed range
                    out.append(_Found(start, b.end, frm=a_point, to=b.point, kind="range"))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _apply_since(found: list[_Found], t: str, pub: dt.date) -> None:
    """'منذ X' -> period from X to the publication day; the span takes in منذ."""
    for f in found:
        if f.kind in ("anchor", "last_n"):
            continue
        m = _RX_SINCE_BEFORE.search(t, max(0, f.start - 8), f.start)
        if m is None:
            continue
        frm = f.frm if f.frm is not None else f.point
        if frm is None or _iso(frm) > _iso(_day(pub)):
            continue
        f.start = t.index(_n("منذ"), m.start())
        f.frm, f.to, f.point = frm, _day(pub), None


def _date_mention(start: int, end: int, surface: str, value: str, precision: str, is_period: bool,
                  period_from: str | None = None, period_to: str | None = None) -> DateMention:
    """DateMention(...) without its frozen __init__ (an object.__setattr__ per field, ~3x the cost); every
    field is filled, so the object is the same (eq, hash, repr, asdict) as the constructor gives."""
    m = object.__new__(DateMention)
    m.__dict__.update(start=start, end=end, surface=surface, value=value, precision=precision,
                      is_period=is_period, period_from=period_from, period_to=period_to)
    return m


def _to_mentions(found: list[_Found], n: NormalizedText) -> list[DateMention]:
    """Mentions for the found dates. Their spans never overlap, so with their starts in order the offsets
    make a non-decreasing run, mapped to the original in one pass."""
    points = []
    for f in found:
        points += (f.start, f.end - 1)
    if all(map(int.__le__, points, points[1:])):
        offsets = n.offsets_to_original(points)
    else:  # not expected (the passes keep the order), but the per-span mapping is always right
        offsets = [n.offset_to_original(i) for i in points]
    original = n.original
    out = []
    for i, f in enumerate(found):
        s, e = offsets[2 * i], offsets[2 * i + 1] + 1
        if f.start == f.end:
            e = s
        surface = original[s:e]
        if f.point is not None:
            out.append(_date_mention(s, e, surface, _iso(f.point), _precision(f.point), False))
            continue
        assert f.frm is not None and f.to is not None
        out.append(_period_mention(s, e, surface, _iso(f.frm), _iso(f.to)))
    return out


def _shared_prefix(a: str, b: str) -> str:
    """The most precise ISO date two ISO dates share: the date itself, their month, their year, or ""."""
    if a == b:
        return a
    for cut in (7, 4):  # shared month, then shared year
        if len(a) >= cut and len(b) >= cut and a[:cut] == b[:cut]:
            return a[:cut]
    return ""


def _period_mention(start: int, end: int, surface: str, a: str, b: str) -> DateMention:
    """A period from a to b; its value is the most precise date both ends share, else its start."""
    value = _shared_prefix(a, b) or a
    precision = {10: "day", 7: "month", 4: "year"}[len(value)]
    return _date_mention(start, end, surface, value, precision, True, a, b)


def _as_date(published: dt.date | dt.datetime | str) -> dt.date:
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    return dt.date.fromisoformat(published[:10])


def publication_bounds(published: dt.date | dt.datetime | str) -> tuple[dt.date, dt.date]:
    """The first and last day the article can have been published: one day, a window of days
    ("2021-07-24/2021-07-25"), or a whole month or year when the publication date is only known to that
    precision ("2021-07", "2024")."""
    if isinstance(published, str) and "/" in published:
        first, last = published.split("/")
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    if not isinstance(published, str) or len(published) >= 10:
        day = _as_date(published)
        return day, day
    year = int(published[:4])
    if len(published) == 7:
        month = int(published[5:7])
        return dt.date(year, month, 1), dt.date(year, month, _last_day(year, month))
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _resolve(t: str, pub: dt.date) -> list[_Found]:
    found = _combine_ranges(_scan(t, pub), t)
    _apply_since(found, t, pub)
    return found


def find_dates(
    text: str, published: dt.date | str, normalized: NormalizedText | None = None
) -> list[DateMention]:
    """Date mentions in ``text`` resolved against ``published``; pass ``normalized`` to reuse it.

    ``published`` may be a day, or an ISO string at month or year precision. Then every expression is
    resolved against the first and the last possible publication day, and only those that come out the
    same both ways are kept: "last month" survives a month-precise date, "Monday" or "yesterday" do not,
    since they cannot be resolved without guessing the day."""
    n = normalized if normalized is not None else normalize(text)
    t = n.text
    first, last = publication_bounds(published)
    late = _to_mentions(_resolve(t, last), n)
    if first == last:
        return late
    early = {(m.start, m.end): m for m in _to_mentions(_resolve(t, first), n)}
    kept = []
    for mention in late:
        other = early.get((mention.start, mention.end))
        if other is None:
            continue
        settled = _settle(mention, other, _shared_prefix(first.isoformat(), last.isoformat()), first, last)
        if settled is not None:
            kept.append(settled)
    return kept


def _settle(late: DateMention, early: DateMention, published: str, first: dt.date, last: dt.date) -> DateMention | None:
    """One date mention resolved against the last and the first possible publication day: what it is
    when the publication day is not known, or None when that cannot be said without guessing."""
    if late == early:
        return late
    if late.is_period and early.is_period and late.period_from == early.period_from \
            and (late.period_to, early.period_to) == (last.isoformat(), first.isoformat()):
        # "since X": certain from X; its end, the publication, is known to the publication's precision.
        return _period_mention(late.start, late.end, late.surface, late.period_from, published) \
            if late.period_from and published else None
    if not late.is_period and not early.is_period and late.value[4:] == early.value[4:] and published \
            and late.value.startswith(published) and not _RX_RELATIVE_MARK.search(normalize_term(late.surface)):
        # A date given without its year ("27 January") takes the publication's year; "last April" does not,
        # since which April that is depends on the unknown publication month.
        return late
    return None


_RX_RELATIVE_MARK = re.compile(_n(r"الماضي|الماضيه|المقبل|المقبله|القادم|القادمه|المنصرم|الفائت"))


def date_spans(normalized: NormalizedText) -> list[tuple[int, int]]:
    """Normalized spans of everything that reads as a date (used by loaders.numbers to skip them).

    Resolution does not matter here, so any fixed reference day does.
    """
    # A late leap-year reference day: every anchor is in the past and 29 February exists.
    return [(f.start, f.end) for f in _scan(normalized.text, dt.date(2096, 12, 31))]

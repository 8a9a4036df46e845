"""Synthetic Arabic news articles for throughput benchmarks only (never for quality figures).

Each article is about 1,000 words of news-style sentences composed from sentence templates and the curated
gazetteer: meetings and negotiation rounds, attacks with dates and casualties, strikes, troop numbers,
statements by titled speakers, legislation, withdrawals, tallies, and background sentences with no fact in
them. Dates are written in the forms real articles use (اليوم الأحد، أمس، مساء الخميس الماضي، 12 كانون
الثاني/يناير 2024، ١٢ يناير) and numbers in digits, Arabic-Indic digits and words, with qualifiers. Every
article is written as NAME.txt beside its NAME.json record, in the bundled corpus format; the output depends
only on the seed.

    .venv/bin/python bench/generate_corpus.py --articles 1000 --out /tmp/gen1000 [--seed 11]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

from isnad.loaders.gazetteer import load_gazetteer

WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")  # date.weekday() order
MONTHS_LEVANTINE = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                    "تشرين الأول", "تشرين الثاني", "كانون الأول")
MONTHS_GREGORIAN = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
                    "نوفمبر", "ديسمبر")
ORDINAL_DAYS = {1: "الأول", 2: "الثاني", 3: "الثالث", 4: "الرابع", 5: "الخامس", 6: "السادس", 7: "السابع",
                8: "الثامن", 9: "التاسع", 10: "العاشر"}
NUMBER_WORDS = {2: "اثنين", 3: "ثلاثة", 4: "أربعة", 5: "خمسة", 6: "ستة", 7: "سبعة", 8: "ثمانية", 9: "تسعة",
                10: "عشرة"}
ROUND_ORDINALS = ("الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة")
QUALIFIERS = ("نحو", "أكثر من", "قرابة", "حوالي", "ما يقارب", "")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

OUTLETS = ("المرصد العراقي", "صوت الرافدين", "الشرق اليوم", "وكالة أنباء دجلة", "البيان العربي", None)

# Speakers known to the gazetteer, with a title the text layer reads (title + name).
KNOWN_SPEAKERS = (
    ("وزير الدفاع الأمريكي", "لويد أوستن"),
    ("وزير الخارجية الأمريكي", "أنتوني بلينكن"),
    ("المتحدث باسم مجلس الأمن القومي الأمريكي", "جون كيربي"),
    ("قائد القيادة المركزية الأمريكية الجنرال", "مايكل كوريلا"),
    ("السفيرة الأمريكية في بغداد", "ألينا رومانوسكي"),
    ("رئيس الوزراء العراقي", "محمد شياع السوداني"),
    ("وزير الخارجية العراقي", "فؤاد حسين"),
    ("وزير الدفاع العراقي", "ثابت العباسي"),
    ("مستشار الأمن القومي العراقي", "قاسم الأعرجي"),
    ("الناطق باسم القائد العام للقوات المسلحة اللواء", "يحيى رسول"),
    ("الأمين العام لعصائب أهل الحق", "قيس الخزعلي"),
    ("زعيم منظمة بدر", "هادي العامري"),
    ("الأمين العام لحركة النجباء", "أكرم الكعبي"),
    ("رئيس حكومة إقليم كردستان", "مسرور بارزاني"),
)
# People the gazetteer does not know: the text layer finds them through their titles.
NEW_TITLES = ("المحلل السياسي", "الخبير الأمني", "الخبير العسكري", "النائب في البرلمان العراقي",
              "عضو لجنة الأمن والدفاع النيابية", "الباحث في الشؤون الاستراتيجية", "المتحدث العسكري")
FIRST_NAMES = ("أحمد", "علي", "حسين", "محمد", "كريم", "عباس", "سعد", "مهدي", "جاسم", "رعد", "هشام", "فاضل")
LAST_NAMES = ("الربيعي", "الساعدي", "الجبوري", "الدليمي", "العبيدي", "الموسوي", "الكناني", "الزبيدي",
              "الشمري", "الحسناوي", "التميمي", "العزاوي")

MEETING_TOPICS = ("مستقبل التحالف الدولي", "جدولة انسحاب القوات الأجنبية", "التعاون الأمني والاستخباري",
                  "ملفات الطاقة والاقتصاد", "تدريب القوات العراقية وتسليحها", "حماية البعثات الدبلوماسية")
WEAPONS = (("بطائرة مسيرة", "بطائرتين مسيرتين", "بطائرات مسيرة مفخخة"), ("بصواريخ كاتيوشا", "بثلاثة صواريخ",
           "بصاروخين"), ("بقذائف الهاون",))
STANCE_VERBS = (("رحب", "ب"), ("انتقد", ""), ("رفض", ""), ("أيد", ""), ("طالب", "ب"))  # verb, object preposition


class Composer:
    """Sentences for one article: its publication date anchors the relative dates, the rng picks the rest."""

    def __init__(self, rng: random.Random, published: date, gazetteer) -> None:
        self.rng = rng
        self.published = published
        by_type: dict[str, list] = {}
        for entity in gazetteer.entities.values():
            by_type.setdefault(entity.type, []).append(entity)
        self.bases = sorted(by_type["MilitaryBase"], key=lambda e: e.id)
        self.militias = sorted(by_type["Militia"], key=lambda e: e.id)[:10]  # the Iraqi factions
        self.provinces = sorted(by_type["Province"], key=lambda e: e.id)
        self.cities = sorted((e for e in by_type["City"] if e.located_in and e.located_in.endswith("province")),
                             key=lambda e: e.id)
        self.states = sorted(by_type["State"], key=lambda e: e.id)
        self.gazetteer = gazetteer

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    # ── dates ──
    def event_day(self, max_back: int = 6) -> date:
        return self.published - timedelta(days=self.rng.randint(0, max_back))

    def day_phrase(self, day: date) -> str:
        """A date as an article would write it, relative to the publication date or absolute."""
        back = (self.published - day).days
        weekday = WEEKDAYS[day.weekday()]
        style = self.rng.randrange(6)
        if style == 0 and back == 0:
            return f"اليوم {weekday}"
        if style == 0 and back == 1:
            return f"أمس {weekday}"
        if style == 1:
            return f"{self.pick(('مساء', 'فجر', 'صباح', 'ليلة'))} {weekday}"
        if style == 2 and back >= 2:
            return f"يوم {weekday} الماضي"
        if style == 3:
            return f"في {self.month_day(day)}"
        if style == 4:
            return f"بتاريخ {self.month_day(day, with_year=True)}"
        return f"يوم {weekday}"

    def month_day(self, day: date, with_year: bool | None = None) -> str:
        number = str(day.day)
        if self.rng.random() < 0.25:
            number = number.translate(ARABIC_INDIC)
        if day.day in ORDINAL_DAYS and self.rng.random() < 0.15:
            number = f"{ORDINAL_DAYS[day.day]} من"
        month = day.month - 1
        name = self.pick((f"{MONTHS_LEVANTINE[month]}/{MONTHS_GREGORIAN[month]}", MONTHS_GREGORIAN[month],
                          MONTHS_LEVANTINE[month]))
        if with_year is None:
            with_year = self.rng.random() < 0.5
        return f"{number} {name}" + (f" {day.year}" if with_year else "")

    def past_month(self) -> str:
        month = date(self.published.year, self.published.month, 1) - timedelta(days=self.rng.randint(20, 400))
        return f"{self.pick((MONTHS_LEVANTINE, MONTHS_GREGORIAN))[month.month - 1]} {month.year}"

    # ── numbers ──
    def small_count(self, low: int = 2, high: int = 10) -> str:
        value = self.rng.randint(low, high)
        style = self.rng.randrange(3)
        if style == 0 and value in NUMBER_WORDS:
            return NUMBER_WORDS[value]
        return str(value).translate(ARABIC_INDIC) if style == 1 else str(value)

    def troop_count(self) -> str:
        value = self.pick((150, 200, 400, 600, 900, 1500, 2000, 2400, 2500, 3000, 3500, 5000))
        qualifier = self.pick(QUALIFIERS)
        if value % 1000 == 0 and 3 <= value // 1000 <= 10 and self.rng.random() < 0.4:
            written = f"{NUMBER_WORDS[value // 1000]} آلاف"
        else:
            written = str(value).translate(ARABIC_INDIC) if self.rng.random() < 0.2 else str(value)
        return f"{qualifier} {written}".strip()

    # ── actors ──
    def speaker(self) -> str:
        if self.rng.random() < 0.35:
            return f"{self.pick(NEW_TITLES)} {self.pick(FIRST_NAMES)} {self.pick(LAST_NAMES)}"
        title, name = self.pick(KNOWN_SPEAKERS)
        return f"{title} {name}"

    def base(self):
        base = self.pick(self.bases)
        place = self.gazetteer.entities.get(base.located_in) if base.located_in else None
        return base.ar, (place.ar if place else "")

    def sentence(self) -> str:
        return self.pick(TEMPLATES)(self)


def _meeting_round(c: Composer) -> str:
    return (f"انطلقت {c.day_phrase(c.event_day())} الجولة {c.pick(ROUND_ORDINALS)} من الحوار الاستراتيجي بين "
            f"العراق والولايات المتحدة في {c.pick(('بغداد', 'واشنطن'))}، وبحث الجانبان {c.pick(MEETING_TOPICS)}.")


def _meeting_hmc(c: Composer) -> str:
    return (f"عقدت اللجنة العسكرية العليا اجتماعها {c.pick(('الأول', 'الثاني', 'الثالث', 'الرابع'))} في بغداد "
            f"{c.day_phrase(c.event_day())} بحضور {c.pick(KNOWN_SPEAKERS[5:9])[0]} ووفد من وزارة الدفاع الأمريكية.")


def _meeting_visit(c: Composer) -> str:
    host, guest = c.pick(((KNOWN_SPEAKERS[0], KNOWN_SPEAKERS[7]), (KNOWN_SPEAKERS[1], KNOWN_SPEAKERS[6]),
                          (KNOWN_SPEAKERS[0], KNOWN_SPEAKERS[5])))
    return (f"استقبل {host[0]} {host[1]} {guest[0]} {guest[1]} في واشنطن {c.day_phrase(c.event_day())}، "
            f"وناقش الطرفان {c.pick(MEETING_TOPICS)}.")


def _meeting_call(c: Composer) -> str:
    a, b = KNOWN_SPEAKERS[5], KNOWN_SPEAKERS[c.rng.randrange(2)]
    return (f"وبحث {a[0]} {a[1]} في اتصال هاتفي مع {b[0]} {b[1]} {c.day_phrase(c.event_day())} "
            f"{c.pick(MEETING_TOPICS)}.")


def _meeting_talks(c: Composer) -> str:
    return (f"واختتمت {c.day_phrase(c.event_day())} جولة جديدة من المحادثات العسكرية بين بغداد وواشنطن بشأن "
            f"{c.pick(MEETING_TOPICS)}، بمشاركة قادة من التحالف الدولي.")


def _attack_claimed(c: Composer) -> str:
    base, place = c.base()
    weapon = c.pick(c.pick(WEAPONS[:2]))
    where = f" في {place}" if place else ""
    outcome = c.pick(("من دون أن يسفر عن إصابات", f"وأسفر عن إصابة {c.small_count()} جنود أمريكيين",
                      "دون وقوع خسائر بشرية"))
    return (f"أعلنت {c.pick(c.militias).ar} مسؤوليتها عن هجوم {weapon} استهدف {base}{where} "
            f"{c.day_phrase(c.event_day())}، {outcome}.")


def _attack_rockets(c: Composer) -> str:
    return (f"سقطت {c.small_count(2, 8)} صواريخ كاتيوشا، {c.day_phrase(c.event_day())}، قرب السفارة الأمريكية في "
            "المنطقة الخضراء وسط بغداد.")


def _attack_accused(c: Composer) -> str:
    base, place = c.base()
    accuser = c.pick(("وزارة الدفاع الأمريكية", "الحكومة العراقية", "القيادة المركزية الأمريكية"))
    return (f"واتهمت {accuser} {c.pick(c.militias).ar} بتنفيذ الهجوم الصاروخي الذي استهدف {base} "
            f"{c.day_phrase(c.event_day())} وأسفر عن إصابة {c.small_count()} جنود أمريكيين.")


def _attack_ied(c: Composer) -> str:
    province = c.pick(c.provinces)
    return (f"انفجرت عبوة ناسفة لدى مرور رتل ينقل معدات للتحالف الدولي على الطريق السريع في {province.ar}، "
            f"{c.day_phrase(c.event_day())}، {c.pick(('دون وقوع خسائر بشرية', 'ما أدى إلى تضرر إحدى العربات'))}.")


def _attack_mortar(c: Composer) -> str:
    base, place = c.base()
    verb = "تعرضت" if base.startswith("قاعدة") else "تعرض"  # agreement with the base's head noun
    return (f"{verb} {base} لقصف {c.pick(WEAPONS[2])} {c.day_phrase(c.event_day())}، وأسفر القصف عن سقوط "
            f"{c.small_count(1, 4)} قتلى و{c.small_count(2, 9)} جرحى من المتعاقدين.")


def _attack_drone(c: Composer) -> str:
    base, _ = c.base()
    return (f"استهدف هجوم {c.pick(WEAPONS[0])} {base} {c.day_phrase(c.event_day())}، ولم تعلن أي جهة "
            "مسؤوليتها عنه.")


def _attack_gunfire(c: Composer) -> str:
    base, _ = c.base()
    return (f"أطلق مسلحون مجهولون النار على دورية للقوات الأمريكية قرب {base}، {c.day_phrase(c.event_day())}، "
            f"ما أسفر عن مقتل {c.pick(('جندي أمريكي', 'جنديين أمريكيين'))}.")


def _strike_jets(c: Composer) -> str:
    militia, city = c.pick(c.militias), c.pick(c.cities)
    return (f"شنت طائرات أمريكية غارات جوية على مواقع ل{militia.ar} في {city.ar} {c.day_phrase(c.event_day())}، "
            f"ردا على الهجوم الذي استهدف {c.base()[0]}.")


def _strike_centcom(c: Composer) -> str:
    return (f"وأعلنت القيادة المركزية الأمريكية أنها نفذت {c.day_phrase(c.event_day())} ضربة في "
            f"{c.pick(c.cities).ar} أدت إلى مقتل {c.small_count(2, 6)} من عناصر {c.pick(c.militias).ar}.")


def _strike_coalition(c: Composer) -> str:
    return (f"نفذ طيران التحالف الدولي غارة جوية على وكر لتنظيم داعش جنوب {c.pick(c.cities).ar} "
            f"{c.day_phrase(c.event_day())}، ما أسفر عن مقتل {c.small_count(2, 9)} من عناصر التنظيم.")


def _strike_turkey(c: Composer) -> str:
    return (f"شنت طائرات تركية غارات على مواقع لحزب العمال الكردستاني في {c.pick(('قضاء سنجار', 'محافظة دهوك'))}، "
            f"{c.day_phrase(c.event_day())}، دون أن تسفر عن خسائر بشرية.")


def _troops_present(c: Composer) -> str:
    return f"وهناك {c.troop_count()} جندي أمريكي في العراق {c.pick(('الآن', 'حاليا', 'في الوقت الحاضر'))}."


def _troops_stationed(c: Composer) -> str:
    return (f"ويوجد في العراق {c.pick(('حاليا ', 'اليوم ', ''))}{c.troop_count()} عسكري أميركي يؤدون مهام "
            f"{c.pick(('استشارية وتدريبية', 'لمواجهة فلول تنظيم داعش'))}.")


def _troops_allies(c: Composer) -> str:
    country, nisba = c.pick((("بريطانيا", "بريطاني"), ("فرنسا", "فرنسي"), ("ألمانيا", "ألماني")))
    return f"وتنشر {country} {c.troop_count()} عسكري في العراق ضمن مهمة تدريبية."


def _troops_syria(c: Composer) -> str:
    return f"وتحتفظ الولايات المتحدة ب{c.troop_count()} جندي في شمال شرق سوريا."


def _troops_count(c: Composer) -> str:
    return f"ويبلغ عدد الجنود الأمريكيين في العراق {c.pick(('حاليا ', ''))}{c.troop_count()} جندي."


def _withdrawal(c: Composer) -> str:
    return (f"وأعلنت وزارة الدفاع الأمريكية {c.day_phrase(c.event_day())} سحب {c.troop_count()} جندي من "
            f"{c.base()[0]}، في إطار خطة لخفض عدد القوات في العراق.")


def _statement_said(c: Composer) -> str:
    return (f"وقال {c.speaker()} {c.day_phrase(c.event_day())} إن "
            f"{c.pick(('العراق ما زال بحاجة إلى خبرات التحالف الدولي', 'بغداد ملتزمة بحماية البعثات الدبلوماسية', 'الحكومة لن تسمح بأن تكون أراضيها منطلقا للهجمات', 'الشراكة الأمنية بين البلدين مستمرة', 'انسحاب القوات الأجنبية مطلب وطني'))}.")  # noqa: E501


def _statement_welcome(c: Composer) -> str:
    return (f"ورحبت {c.pick(('وزارة الخارجية الأمريكية', 'الأمم المتحدة', 'حكومة إقليم كردستان'))} بقرار "
            f"الحكومة العراقية {c.pick(('تمديد عمل اللجنة', 'تشكيل لجنة عسكرية مشتركة', 'ملاحقة منفذي الهجمات'))}.")


def _statement_demand(c: Composer) -> str:
    return (f"وطالبت {c.pick(c.militias).ar} بانسحاب القوات الأمريكية من البلاد، مهددة "
            f"{c.pick(('بتوسيع عملياتها', 'بالتصعيد', 'باستهداف المصالح الأمريكية'))}.")


def _statement_quote(c: Composer) -> str:
    return (f"واعتبر {c.speaker()} أن الغارة \"{c.pick(('انتهاك صارخ للسيادة العراقية', 'تصعيد خطير', 'رد مشروع على الاعتداءات'))}\".")  # noqa: E501


def _statement_affirm(c: Composer) -> str:
    return (f"وأكد {c.speaker()}، في مؤتمر صحفي عقده {c.day_phrase(c.event_day())}، أن "
            f"{c.pick(('الحوار هو السبيل الوحيد لحل الخلافات', 'القوات العراقية قادرة على حماية البلاد', 'مهمة التحالف ستتحول إلى شراكة ثنائية'))}.")  # noqa: E501


def _statement_vow(c: Composer) -> str:
    return f"وكانت {c.pick(c.militias).ar} قد توعدت بالرد على الغارات الأمريكية."


def _statement_stance(c: Composer) -> str:
    verb, preposition = c.pick(STANCE_VERBS)
    return (f"و{verb} {c.pick(('تحالف الفتح', 'الإطار التنسيقي', 'التيار الصدري'))} {preposition}"
            f"{c.pick(('بقاء القوات الأجنبية على الأراضي العراقية', 'الاتفاق الأمني الجديد', 'قرار إنهاء مهمة التحالف'))}.")  # noqa: E501


def _legislation_iraq(c: Composer) -> str:
    return (f"صوّت مجلس النواب العراقي، {c.day_phrase(c.event_day())}، على قرار يطالب الحكومة بإخراج القوات "
            "الأجنبية من البلاد.")


def _legislation_us(c: Composer) -> str:
    return (f"صوّت {c.pick(('مجلس الشيوخ الأمريكي', 'مجلس النواب الأمريكي'))} {c.day_phrase(c.event_day())} "
            f"على إلغاء تفويض استخدام القوة العسكرية ضد العراق الصادر عام {c.pick(('1991', '2002'))}.")


def _legislation_draft(c: Composer) -> str:
    return (f"وقدم عدد من النواب مشروع قانون {c.pick(('لتنظيم وجود القوات الأجنبية', 'لإخراج القوات الأمريكية'))}"
            f" إلى رئاسة البرلمان {c.day_phrase(c.event_day())}.")


def _post_leader(c: Composer) -> str:
    title, name = c.pick(KNOWN_SPEAKERS[10:13])
    return f"وقال {name}، {title}، إن المقاومة لن تقبل ببقاء القوات الأجنبية {c.day_phrase(c.event_day())}."


def _relation_backed(c: Composer) -> str:
    return (f"أما {c.pick(c.militias).ar}، المدعومة من إيران، فقد طالبت بانسحاب القوات الأمريكية "
            f"{c.pick(('قبل نهاية العام', 'من دون شروط', 'فورا'))}.")


def _relation_led(c: Composer) -> str:
    return (f"ونجح التحالف الدولي بقيادة الولايات المتحدة في كبح جماح تنظيم داعش في "
            f"{c.pick(c.provinces).ar}.")


def _tally(c: Composer) -> str:
    return (f"ومنذ {c.past_month()}، تعرضت قواعد أميركية في العراق وسوريا ل{c.pick(('أكثر من', 'نحو', ''))} "
            f"{c.rng.randint(20, 180)} هجوما من قبل جماعات مدعومة من إيران.")


def _background_analysis(c: Composer) -> str:
    return (f"ويرى مراقبون أن {c.pick(('العلاقة بين بغداد وواشنطن', 'ملف الوجود العسكري الأجنبي', 'التوازن بين طهران وواشنطن'))} "  # noqa: E501
            f"{c.pick(('يمر بمرحلة دقيقة', 'سيبقى محور الجدل السياسي في البلاد', 'يتأثر بالتطورات الإقليمية'))}، "
            f"في ظل {c.pick(('تصاعد التوتر في المنطقة', 'الضغوط الداخلية على الحكومة', 'اقتراب موعد الانتخابات'))}.")  # noqa: E501


def _background_history(c: Composer) -> str:
    return (f"يذكر أن القوات الأمريكية انسحبت من العراق نهاية عام 2011، ثم عادت في {c.pick(('2014', 'صيف 2014'))} "
            "بطلب من الحكومة العراقية لقيادة التحالف الدولي ضد تنظيم داعش.")


def _background_economy(c: Composer) -> str:
    return (f"وعلى صعيد آخر، ناقش مسؤولون في {c.pick(c.cities).ar} خططا لإعادة إعمار المناطق المتضررة "
            f"وتوفير فرص العمل للشباب، وسط مطالبات بتحسين الخدمات الأساسية.")


def _background_security(c: Composer) -> str:
    return (f"وشهدت {c.pick(c.provinces).ar} خلال الأسابيع الماضية انتشارا أمنيا مكثفا للقوات العراقية، "
            "ضمن عمليات ملاحقة خلايا تنظيم داعش.")


def _speaker_expert(c: Composer) -> str:
    return (f"وقال {c.pick(NEW_TITLES)} {c.pick(FIRST_NAMES)} {c.pick(LAST_NAMES)} إن "
            f"{c.pick(('الفصائل المسلحة تستخدم الهجمات ورقة ضغط سياسية', 'الانسحاب الكامل غير مرجح في المدى القريب', 'الحكومة تسعى إلى موازنة علاقاتها الخارجية'))}.")  # noqa: E501


TEMPLATES = (
    _meeting_round, _meeting_hmc, _meeting_visit, _meeting_call, _meeting_talks,
    _attack_claimed, _attack_rockets, _attack_accused, _attack_ied, _attack_mortar, _attack_drone, _attack_gunfire,
    _strike_jets, _strike_centcom, _strike_coalition, _strike_turkey,
    _troops_present, _troops_stationed, _troops_allies, _troops_syria, _troops_count, _withdrawal,
    _statement_said, _statement_welcome, _statement_demand, _statement_quote, _statement_affirm, _statement_vow,
    _statement_stance, _speaker_expert,
    _legislation_iraq, _legislation_us, _legislation_draft,
    _post_leader, _relation_backed, _relation_led, _tally,
    _background_analysis, _background_history, _background_economy, _background_security,
)
HEADLINES = ("تطورات جديدة في ملف الوجود العسكري الأمريكي في العراق", "هجمات متواصلة على قواعد التحالف الدولي",
             "جولة جديدة من الحوار بين بغداد وواشنطن", "البرلمان العراقي يناقش مستقبل القوات الأجنبية",
             "ردود فعل متباينة على الغارات الأمريكية", "الفصائل المسلحة تصعد وبغداد تدعو إلى التهدئة")


def compose_article(rng: random.Random, gazetteer, words: int) -> tuple[str, dict]:
    published = date(2019, 1, 1) + timedelta(days=rng.randrange(6 * 365))
    composer = Composer(rng, published, gazetteer)
    headline = rng.choice(HEADLINES)
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(composer.sentence() for _ in range(rng.randint(2, 4)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    outlet = rng.choice(OUTLETS)
    dateline = f"{outlet} | " if outlet else ""
    text = f"{headline}\n\n{dateline}{paragraphs[0]}\n\n" + "\n\n".join(paragraphs[1:]) + "\n"
    record = {
        "title": headline,
        "outlet": outlet,
        "language": "ar",
        "published": published.isoformat(),
        "published_basis": "synthetic: the date was drawn by bench/generate_corpus.py and the relative dates "
                           "in the text were written against it",
        "source": "",  # filled in by write_corpus: the generator, its seed and the article's number
    }
    return text, record


def write_corpus(articles: int, out: Path, seed: int = 11, words: int = 1000) -> list[str]:
    """Write `articles` generated articles into `out` (NAME.txt + NAME.json); return their ids in order."""
    gazetteer = load_gazetteer()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    ids = []
    for index in range(articles):
        text, record = compose_article(rng, gazetteer, words)
        record["source"] = (f"synthetic benchmark article {index} of bench/generate_corpus.py --seed {seed}; "
                            "never used for quality figures")
        article_id = f"gen{index:06d}_{hashlib.sha256(text.encode()).hexdigest()[:12]}"
        (out / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (out / f"{article_id}.json").write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
        ids.append(article_id)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--words", type=int, default=1000, help="about how many words per article")
    args = parser.parse_args()
    ids = write_corpus(args.articles, args.out, args.seed, args.words)
    size = sum(len(re.findall(r"\S+", (args.out / f"{i}.txt").read_text(encoding="utf-8"))) for i in ids)
    print(f"wrote {len(ids)} articles ({size / max(len(ids), 1):.0f} words each on average) to {args.out}")


if __name__ == "__main__":
    main()

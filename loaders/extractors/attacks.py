"""attack facts: one armed attack on a base, an embassy, a force or a person ("هجوم بطائرتين مسيرتين استهدف
قاعدة حرير", "تعرضت قاعدة عين الأسد لهجوم بصاروخين", "سقطت ثلاثة صواريخ قرب السفارة").

An attack is anchored on a singular attack word — the nouns هجوم، اعتداء، استهداف، قصف، تفجير, the verbs
استهدف، هاجم، قصف، and سقط/انفجر/أطلق with a weapon noun — and needs a date (or, for "the latest of N
attacks since X", that period) and a target or a place.

Not attacks:
- tallies and campaigns: the counted noun of "160 هجوما", plural هجمات, "لم تتوقف عن استهداف", "هجمات
  متكررة/شبه يومية"; in a tally sentence only a singular attack introduced apart from the count
  ("كان آخرها هجوم بطائرة…", "إثر هجوم بطائرة مسيرة…") is an attack;
- threatened, foiled or hypothetical attacks ("هددت بشن هجوم", "إحباط هجوم", "أي هجوم");
- strikes by states ("هجوم أمريكي", "قصفت طائرات أمريكية", غارة/ضربة: see strikes.py). In a sentence that
  reports a strike, only the clause the strike answers ("ردا على هجوم صاروخي استهدف…") is read for an
  attack, with the dates inside that clause only.

Fields: target = a base or embassy in the attack's clause (not one it fell "near"), else a force or a
person right after the attack word or the subject of تعرض; place = the most specific other place
(base/zone/city < province < state; a state only after a place preposition); weapon from a lexicon;
killed/injured counted after مقتل/إصابة (summing "أربعة عسكريين واثنين من…"), a singular victim noun
counts 1, and "دون أن يسفر عن خسائر بشرية" gives 0/0; perpetrator and attribution: claimed (أعلن
مسؤوليته، تبنى), attributed (قال X إن Y كانت وراء، حمّل X Y المسؤولية, with attributed_by X), accused
(اتهم X Y بـ…). The sentences right after an attack that refer back to it ("واتهمت واشنطن كتائب حزب الله
بالوقوف وراءه", "وأسفر الهجوم عن…") fill the fields it lacks. An undated attack "بعد ساعات" takes the
date of the event it follows. Several reports of one attack in an article (same date, compatible target
and place) are one record, with the evidence that names its key fields best.

This module also holds the sentence helpers strikes.py uses (SentView, clause, place and casualty
readers); they live here rather than in common.py, which belongs to the text layer's owners.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention, find_dates
from isnad.loaders.extractors.common import fact
from isnad.loaders.mentions import Mention
from isnad.loaders.normalize import normalize_term
from isnad.loaders.numbers import NumberMention
from isnad.loaders.records import Fact
from isnad.loaders.sentences import Sentence

NAME = "attacks"
VERSION = "1"


def _n(s: str) -> str:
    return normalize_term(s)


def _rx(pattern: str) -> re.Pattern[str]:
    """A regex written in ordinary spelling, normalized like the text it runs on."""
    return re.compile(_n(pattern))


# Proclitics before a cue word (conjunction, preposition, article), as in common.CLITICS.
CL = r"(?:[وف]?(?:[بلك]|ل?ل)?(?:ال)?)"
B = r"(?<![\w])"  # word start
E = r"(?![\w])"  # word end

ARMED_GROUP_TYPES = frozenset({"Militia", "MilitiaUmbrella", "TerroristOrganization"})
TARGET_PLACE_TYPES = frozenset({"MilitaryBase", "Embassy"})
ACTOR_SPEAKER_TYPES = frozenset({"State", "GovernmentBody", "Institution", "Force", "Person", "MilitaryCoalition"})
# Place specificity: lower is more specific.
PLACE_LEVEL = {"MilitaryBase": 0, "Embassy": 0, "Zone": 0, "City": 0, "Province": 1, "State": 2, "Country": 2}

# Words before a mention that make it a place reference (a State needs one to be a place, not an actor).
PLACE_PREP = _rx(r"(?:^|\s)(?:[وف]?(?:في|داخل|قرب|بالقرب من|عند|على|الى|إلى|نحو|شمال|جنوب|شرق|غرب|شمالي|جنوبي"
                 r"|شرقي|غربي|وسط|أنحاء|محيط|أطراف|ضواحي|شمال شرقي|شمال غربي|جنوب شرقي|جنوب غربي|حدود))\s*$")
NEAR_WORDS = _rx(r"(?:قرب|بالقرب من|محيط|مقربة من|بجوار|قريبا من|قريب من)\s*$")

# ── Attack cues ──────────────────────────────────────────────────────────────────────────────────────
ATTACK_NOUN = _rx(B + CL + r"(?:هجوم|هجوما|هجوم|اعتداء|استهداف|قصف|تفجير)" + E)
ATTACK_VERB = _rx(B + r"[وف]?(?:استهدف|استهدفت|استهدفا|استهدفتا|يستهدف|تستهدف|هاجم|هاجمت|قصف|قصفت)" + E)
# "سقط صاروخ", "سقطت ثلاثة صواريخ", "انفجرت عبوة ناسفة", "أطلقت صواريخ", "أطلق مسلحون النار".
WEAPON_VERB = _rx(B + r"[وف]?(?:سقط|سقطت|انفجرت|انفجر|أطلق|أطلقت|أطلقوا|فجر|فجرت)\s+(?:\S+\s+){0,3}?"
                  + CL + r"(?:صاروخ|صاروخا|صاروخين|صاروخان|صواريخ|قذيفة|قذيفتين|قذيفتان|قذائف|عبوة|عبوات|"
                  r"طائرة مسيرة|مسيرة|مسيرتين|مسيرتان|النار|نيران)" + E)
# "صاروخان سقطا داخل القاعدة", "قذيفة سقطت قرب السفارة"
WEAPON_FELL = _rx(B + CL + r"(?:صاروخ|صاروخا|صاروخين|صاروخان|صواريخ|قذيفة|قذيفتين|قذيفتان|قذائف|عبوة|مسيرة|مسيرتين)\s+"
                  r"(?:\S+\s+){0,2}?(?:سقط|سقطت|سقطا|سقطتا|انفجرت|انفجر|انفجرتا|استهدفت|استهدف)" + E)
# Plurals and duals do not anchor a single attack.
PLURAL_ATTACK = _rx(B + CL + r"(?:هجمات|هجومين|هجومان|اعتداءات|عمليات)" + E)
# Campaign and habitual framing right before the cue: not a single event.
CAMPAIGN_BEFORE = _rx(r"(?:تتوقف|يتوقف|توقف|مواصلة|بمواصلة|تواصل|يواصل|تكرار|بتكرار|استمرار|سلسلة|موجة|تصاعد"
                      r"|تهدد|تهديد|هدد|هددت|توعد|توعدت|بشن|لشن|شن|تشن|يشن|ستشن|سيشن|منع|لمنع|صد|لصد|إحباط|"
                      r"احباط|إفشال|أي|لأي|ضد أي|خطر|مخاطر|يخطط|تخطط|التخطيط|عن)\s+(?:\S+\s+){0,1}$")
CAMPAIGN_AFTER = _rx(r"^\S*\s*(?:\S+\s+){0,2}?(?:متكررة|متكرر|شبه يومية|شبه يومي|متواصلة|متواصل|مستمرة|محتمل|محتملة)"
                     + E)
# "كان آخرها هجوم…": the latest of a counted series is a single attack inside the series' period.
LATEST = _rx(r"(?:آخرها|أحدثها|آخرهما|وآخرها|أخرها|كان آخر|آخر هذه|أحدث هذه)\s+(?:\S+\s+){0,2}$")
# Tally nouns: a number counting these is a tally, another engineer's kind.
TALLY_NOUNS = frozenset(_n(w) for w in ("هجوم", "هجمة", "هجمات", "اعتداء", "عملية", "ضربة", "غارة", "استهداف",
                                        "هجوما"))

# Strike words: a sentence with one reports a strike; its attack is the clause the strike answers.
STRIKE_CUE = _rx(B + CL + r"(?:غارة|غارات|غارتين|ضربة|ضربات|ضربتين)" + E)
RESPONSE = _rx(B + r"[وف]?(?:ردا|رداً|ردّاً|رد|ردت|رد|انتقاما|ثأرا|ثارا|بعد|عقب|إثر|اثر)" + E)
ATTACK_AFTER_RESPONSE = _rx(B + r"(?:(?:على|ل|لل)\s*|[لب])?(?:(?:تلك|هذه|ذلك|هذا|سلسلة)\s+)?" + CL
                            + r"(?:هجوم|هجمات|هجومين|اعتداء|اعتداءات|استهداف|قصف)" + E)

# ── Weapons ──────────────────────────────────────────────────────────────────────────────────────────
WEAPONS: list[tuple[str, re.Pattern[str]]] = [
    ("drone", _rx(B + CL + r"(?:مسيرة|مسيرتين|مسيرتان|مسيرات|مسير|درون|درونز)" + E + r"|(?:بدون|دون|من دون)\s+طيار")),
    ("missile", _rx(B + CL + r"(?:صاروخ|صواريخ|صاروخين|صاروخا)\s+(?:\S+\s+)?(?:باليستي|باليستية|بالستي|بالستية|كروز)"
                    + r"|" + B + CL + r"(?:باليستي|باليستية|بالستية|بالستي)" + E)),
    ("ied", _rx(B + CL + r"(?:عبوة|عبوات|عبوتين)\s+(?:ناسفة|ناسفتين|لاصقة|متفجرة)")),
    ("gunfire", _rx(B + CL + r"(?:إطلاق نار|إطلاق النار|أعيرة نارية|نيران أسلحة|رصاص|رشقات)" + E
                    + r"|" + B + r"[وف]?(?:أطلق|أطلقت|أطلقوا|فتح|فتحوا)\s+(?:\S+\s+){0,3}?(?:النار|نيران)" + E)),
    ("rocket", _rx(B + CL + r"(?:صاروخ|صاروخا|صاروخين|صاروخان|صواريخ|صاروخي|صاروخية|كاتيوشا|قذيفة صاروخية|"
                   r"قذائف صاروخية)"
                   + E)),
    ("other", _rx(B + CL + r"(?:هاون|مفخخة|مفخخ|انتحاري|انتحارية|قذيفة|قذائف)" + E)),
]

# ── Casualties ───────────────────────────────────────────────────────────────────────────────────────
KILLED_CUE = _rx(B + r"[وف]?(?:مقتل|ومقتل|قتل|مصرع|استشهاد|أودى بحياة|أودت بحياة|حصد أرواح|سقوط قتلى)" + E)
INJURED_CUE = _rx(B + r"[وف]?(?:إصابة|اصابة|وإصابة|جرح|إصابات|أصيب|أصيبوا|أصابت|وجرح)" + E)
CASUALTY_BOUNDARY = re.compile(r"[،,.؛;:]|" + _n(r"(?<![\w])(?:و?في|و?بحسب|وفق|حسب|بينما|فيما|إضافة)(?![\w])"))
ZERO_CASUALTIES = _rx(r"(?:دون|بدون|لم|ولم|عدم|ولا|لا)\s+(?:أن\s+)?(?:\S+\s+){0,4}?(?:أي\s+)?"
                      r"(?P<what>خسائر بشرية|خسائر في الأرواح|ضحايا|إصابات|قتلى أو جرحى|قتلى وجرحى|قتلى|جرحى|"
                      r"إصابات بشرية)")
PERSON_NOUNS = frozenset(_n(w) for w in (
    "جندي", "عسكري", "مقاتل", "عنصر", "مدني", "شخص", "متعاقد", "ضابط", "مستشار", "اخر", "آخر", "فرد", "منتسب",
    "طفل", "امرأة", "مواطن", "عامل", "موظف", "حارس", "قتيل", "جريح", "مصاب", "مسلح", "جنود", "عسكريين",
))
SINGULAR_VICTIMS = _rx(r"^\s*(?:(?:ما لا يقل عن|نحو|حوالي)\s+)?(?:جندي|عسكري|متعاقد|مقاتل|عنصر|مدني|ضابط|مستشار|شخص|"
                       r"حارس|موظف|منتسب|طفل|امرأة|مواطن)" + E)
DUAL_VICTIMS = _rx(r"^\s*(?:\S+\s+){0,1}?(?:جنديان|جنديين|عسكريان|عسكريين اثنين|عنصران|عنصرين|مدنيان|مدنيين اثنين|"
                   r"متعاقدان|متعاقدين|شخصان|شخصين|ضابطان|ضابطين|مقاتلان|مقاتلين اثنين)" + E)
POST_NUMBER_KILLED = _rx(r"^\s*(?:\S+\s+){0,3}?(?:قتلى|قتيلا|قتيل|قتلوا|لقوا حتفهم|لقوا مصرعهم)" + E)
POST_NUMBER_INJURED = _rx(r"^\s*(?:\S+\s+){0,3}?(?:جرحى|جريحا|مصابين|مصابا|أصيبوا|جرحوا)" + E)

# ── Attribution ──────────────────────────────────────────────────────────────────────────────────────
CLAIM = _rx(B + r"[وف]?(?:أعلن|أعلنت|يعلن|تعلن|تبنت|تبنى|يتبنى|تتبنى|تبنّت|أعلنا|متبنية|معلنة)" + E)
RESPONSIBILITY = _rx(B + CL + r"مسؤولية?(?:ها|ه|هم|هما)?" + E)
CLAIMED_OBJECT = _rx(B + CL + r"(?:هجوم|الهجوم|الهجومين|الاستهداف|العملية|الاعتداء|القصف)" + E)
NEGATION_BEFORE = _rx(r"(?:لم|لا|ولم|ولا|عدم|دون أن|نفت|ينفي|تنفي|نفى)\s+(?:\S+\s+){0,2}$")
ACCUSE = _rx(B + r"[وف]?(?:اتهم|اتهمت|يتهم|تتهم|متهما|متهمة|اتهام)" + E)
BEHIND = _rx(B + r"(?:وراء|وراءه|وراءها|خلف)" + E)
# "بهجوم شنه مسلحو داعش", "هجوم نفذته كتائب حزب الله": the perpetrator as the report states it.
CARRIED_OUT_BY = _rx(B + r"(?:شنه|شنته|شنها|نفذه|نفذته|نفذها|شنوه|نفذوه)" + E)
HOLD_RESPONSIBLE = _rx(B + r"[وف]?(?:حمل|حملت|يحمل|تحمل|محملا|محملة|حمّل|حمّلت)" + E)
ASCRIBE = _rx(B + r"[وف]?(?:نسب|نسبت|ينسب|تنسب|عزا|عزت)" + E)
SPEECH = _rx(B + r"[وف]?(?:قال|قالت|أكد|أكدت|ذكر|ذكرت|أوضح|أوضحت|أعلن|أعلنت|أفاد|أفادت|رجح|رجحت|يعتقد|تعتقد|"
             r"اعتبر|اعتبرت|أشار|أشارت|لفت|لفتت|صرح|صرحت|كشف|كشفت|يقول|تقول|أضاف|أضافت)" + E)

# ── Back-references in the sentences after an event ──────────────────────────────────────────────────
ATTACK_BACKREF = _rx(B + CL + r"(?:الهجوم|الاعتداء|الاستهداف|القصف|وراءه|مسؤوليته|الطائرتين|الطائرة|الصواريخ|"
                     r"الصاروخ|الصاروخين|القذائف|العبوة|الانفجار|المسيرة|المسيرتين|الهجومين)" + E
                     + r"|" + B + r"(?:وأسفر|أسفر|وأدى|أدى|وخلف|خلف)" + E)
RELATIVE_TIME = _rx(B + r"[وف]?(?:بعد|ولم تمض|لم تمض|ولم تمر|لم تمر|عقب)\s+(?:\S+\s+)?(?:ساعات|ساعة|ساعتين|دقائق|لحظات)"
                    r"(?:\s+(?:على|من)\s+(?P<event>\S+))?"
                    + r"|" + B + r"[وف]?(?:في وقت لاحق|لاحقا|في اليوم نفسه|في اليوم ذاته|في الوقت نفسه)" + E)
SAME_MONTH = _rx(r"(?:في\s+)?(?P<day>\d{1,2}|ال\S+(?:\s+(?:عشر|والعشرين|والعشرون))?)\s+من\s+"
                 r"(?:الشهر\s+(?:نفسه|ذاته|الجاري)|ذات\s+الشهر|نفس\s+الشهر)" + E)
MONTH_NAME = _rx(B + CL + r"(?:يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يونيه|يوليو|يوليه|أغسطس|سبتمبر|أكتوبر|نوفمبر|"
                  r"ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين)" + E)
_ORDINALS = {_n(w): i for i, w in enumerate(
    ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"], start=1)}
_ORDINALS.update({_n(w): 10 + i for i, w in enumerate(
    ["الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر", "السادس عشر", "السابع عشر",
     "الثامن عشر", "التاسع عشر"], start=1)})
_ORDINALS[_n("العشرين")] = 20
_ORDINALS.update({_n(f"{w} والعشرين"): 20 + i for i, w in enumerate(
    ["الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"], start=1)})
_ORDINALS[_n("الثلاثين")] = 30
_ORDINALS[_n("الحادي والثلاثين")] = 31


# ════════════════════════════════════ Sentence helpers (shared with strikes.py) ════════════════════

@dataclass
class SentView:
    """One sentence in normalized text, with its mentions, dates and numbers in sentence-local normalized
    offsets, so cue regexes and the text layer's spans can be compared directly."""

    ctx: ArticleContext
    sentence: Sentence
    lo: int = 0
    text: str = ""
    mentions: list[tuple[int, int, Mention]] = field(default_factory=list)
    dates: list[tuple[int, int, DateMention]] = field(default_factory=list)
    numbers: list[tuple[int, int, NumberMention]] = field(default_factory=list)

    @classmethod
    def of(cls, ctx: ArticleContext, sentence: Sentence) -> SentView:
        origin = ctx.normalized.origin
        lo = bisect_left(origin, sentence.start)
        hi = bisect_left(origin, sentence.end)
        view = cls(ctx, sentence, lo, ctx.normalized.text[lo:hi])
        view.mentions = [(view.local(m.start), view.local(m.end), m) for m in ctx.mentions_in(sentence)]
        view.dates = [(view.local(d.start), view.local(d.end), d) for d in ctx.dates_in(sentence)]
        view.numbers = [(view.local(x.start), view.local(x.end), x) for x in ctx.numbers_in(sentence)]
        view.dates.extend(view._same_month_dates())
        view.dates.extend(view._yearless_dates())
        view.dates.sort(key=lambda t: t[0])
        return view

    def local(self, original_offset: int) -> int:
        return bisect_left(self.ctx.normalized.origin, original_offset) - self.lo

    def type_of(self, m: Mention) -> str:
        return self.ctx.entity_type(m.entity_id)

    def mentions_between(self, start: int, end: int,
                         types: Iterable[str] | None = None) -> list[tuple[int, int, Mention]]:
        wanted = set(types) if types is not None else None
        return [t for t in self.mentions if start <= t[0] and t[1] <= end
                and (wanted is None or self.type_of(t[2]) in wanted)]

    def before(self, pos: int, chars: int = 40) -> str:
        return self.text[max(0, pos - chars):pos]

    def _yearless_dates(self) -> list[tuple[int, int, DateMention]]:
        """"27 كانون الثاني" in an article dated only to its year (or month): the text layer keeps no date it
        cannot resolve the same on the first and last possible publication day, but the convention
        (tests/gold/NOTES.md) is that a date with a month name and no year takes the publication's year.
        Read again against the last possible day, keeping only month-named dates of that year."""
        published = self.ctx.article.published
        if len(published) == 10:
            return []
        year, month = int(published[:4]), int(published[5:7] or 12)
        last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1))
        out = []
        for d in find_dates(self.sentence.text, last):
            s, e = self.sentence.start + d.start, self.sentence.start + d.end
            ls, le = self.local(s), self.local(e)
            if d.is_period or not d.value.startswith(published) or not MONTH_NAME.search(_n(d.surface)):
                continue
            if any(not (le <= ds or de <= ls) for ds, de, _ in self.dates):
                continue
            out.append((ls, le, DateMention(s, e, d.surface, d.value, d.precision, False)))
        return out

    def _same_month_dates(self) -> list[tuple[int, int, DateMention]]:
        """"في الثالث من الشهر نفسه": the day of the month of the date named just before (a gap of the
        text layer's date rules, read here from the preceding dates of the article)."""
        out = []
        for match in SAME_MONTH.finditer(self.text):
            raw = match.group("day")
            day = int(raw) if raw.isdigit() else _ORDINALS.get(raw)
            if not day or any(s <= match.start("day") < e for s, e, _ in self.dates):
                continue
            start_orig = self.ctx.normalized.offset_to_original(self.lo + match.start())
            earlier = [d for d in self.ctx.dates if d.end <= start_orig and d.precision in ("day", "month")
                       and not d.is_period]
            if not earlier:
                continue
            month = earlier[-1].value[:7]
            value = f"{month}-{day:02d}"
            s, e = self.ctx.normalized.span_to_original(self.lo + match.start(), self.lo + match.end())
            out.append((match.start(), match.end(), DateMention(s, e, self.ctx.article.text[s:e], value, "day", False)))
        return out


def is_dateline(view: SentView, start: int, end: int) -> bool:
    """"أربيل –" at the head of a sentence is the dateline, not where the event happened."""
    return start <= 2 and view.text[end:end + 3].strip().startswith("-")


def place_candidates(view: SentView, start: int, end: int, exclude: Iterable[str] = ()) -> list[tuple[int, Mention]]:
    """Places named in [start, end): (level, mention), not nisbas, datelines or states used as actors."""
    out = []
    excluded = set(exclude)
    for s, e, m in view.mentions_between(start, end):
        kind = view.type_of(m)
        if kind not in PLACE_LEVEL or m.via == "nisba" or m.entity_id in excluded or is_dateline(view, s, e):
            continue
        if kind in ("State", "Country"):
            prev = view.text[max(0, s - 30):s]
            attached = prev.endswith(("ب", "وب", "فب"))  # بالأردن
            if not attached and not PLACE_PREP.search(prev.rstrip("ال")):
                continue
        near = kind in TARGET_PLACE_TYPES and NEAR_WORDS.search(view.text[max(0, s - 20):s])
        out.append((PLACE_LEVEL[kind] + (10 if near else 0), m))
    return out


def best_place(ctx: ArticleContext, candidates: list[tuple[int, Mention]]) -> str | None:
    """The most specific place: lowest level, first named; an outer place of another candidate is dropped;
    two unrelated states (في العراق وسوريا) leave the place unknown."""
    if not candidates:
        return None
    ids = [m.entity_id for lvl, m in candidates if lvl < 10]
    inner = [(lvl, m) for lvl, m in candidates
             if not any(other != m.entity_id and m.entity_id in located_chain(ctx, other) for other in ids)]
    top = min(lvl for lvl, _ in inner)
    best = [m.entity_id for lvl, m in inner if lvl == top]
    if top == PLACE_LEVEL["State"] and len(set(best)) > 1:
        return None
    return best[0]


def located_chain(ctx: ArticleContext, entity_id: str) -> list[str]:
    """The places an entity lies in, innermost first (from the gazetteer's located_in)."""
    chain = []
    current = ctx.gazetteer.entities.get(entity_id)
    while current is not None and current.located_in and current.located_in not in chain:
        chain.append(current.located_in)
        current = ctx.gazetteer.entities.get(current.located_in)
    return chain


def compatible_places(ctx: ArticleContext, a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return a in located_chain(ctx, b) or b in located_chain(ctx, a) or bool(
        set(located_chain(ctx, a)[:1]) & set(located_chain(ctx, b)[:1]))


def weapon_in(view: SentView, start: int, end: int, anchor: int) -> str | None:
    """The weapon named nearest the attack word in [start, end)."""
    found = []
    segment = view.text[start:end]
    for name, pattern in WEAPONS:
        for match in pattern.finditer(segment):
            pos = start + match.start()
            found.append((abs(pos - anchor), pos < anchor, name))
    if not found:
        return None
    specific = [f for f in found if f[2] != "other"]  # "طائرة مسيرة مفخخة" is a drone
    return min(specific or found)[2]


def _victim_number(number: NumberMention) -> bool:
    noun = number.noun
    return noun is None or noun in PERSON_NOUNS or noun.endswith(("يين", "يون"))


def casualties(view: SentView, start: int, end: int) -> tuple[int | None, int | None]:
    """(killed, injured) stated in [start, end) of the sentence; None where the text says nothing."""
    segment = view.text[start:end]
    killed: int | None = None
    injured: int | None = None
    cues = sorted([(m.start() + start, m.end() + start, "k") for m in KILLED_CUE.finditer(segment)]
                  + [(m.start() + start, m.end() + start, "i") for m in INJURED_CUE.finditer(segment)])
    for i, (_cs, ce, kind) in enumerate(cues):
        stop = end
        if i + 1 < len(cues):
            stop = min(stop, cues[i + 1][0])
        boundary = CASUALTY_BOUNDARY.search(view.text, ce, stop)
        if boundary:
            stop = boundary.start()
        numbers = [x for s, e, x in view.numbers if ce <= s and e <= stop and not x.percent and _victim_number(x)]
        if numbers:
            value = int(sum(x.value for x in numbers))
        elif DUAL_VICTIMS.search(view.text[ce:stop]):
            value = 2
        elif SINGULAR_VICTIMS.search(view.text[ce:stop]):
            value = 1
        else:
            continue
        if kind == "k" and killed is None:
            killed = value
        elif kind == "i" and injured is None:
            injured = value
    # "56 عسكريا أصيبوا", "سقوط 3 قتلى"
    for s, e, x in view.numbers:
        if not (start <= s and e <= end) or x.percent:
            continue
        after = view.text[e:min(end, e + 40)]
        if killed is None and (x.noun in {_n("قتيل"), _n("قتلى")} or POST_NUMBER_KILLED.search(after)):
            killed = int(x.value)
        elif injured is None and (x.noun in {_n("جريح"), _n("جرحى"), _n("مصاب")} or POST_NUMBER_INJURED.search(after)):
            injured = int(x.value)
    for match in ZERO_CASUALTIES.finditer(segment):
        what = match.group("what")
        if what == _n("قتلى"):
            killed = 0 if killed is None else killed
        elif what == _n("جرحى"):
            injured = 0 if injured is None else injured
        else:
            killed = 0 if killed is None else killed
            injured = 0 if injured is None else injured
    return killed, injured


def response_clause(view: SentView) -> tuple[int, int] | None:
    """The clause a strike answers: "ردا على هجوم … ،", "وردت X في DATE على الهجوم الذي …،"."""
    for match in RESPONSE.finditer(view.text):
        attack = ATTACK_AFTER_RESPONSE.search(view.text, match.end(), min(len(view.text), match.end() + 80))
        if attack is None:
            continue
        gap = view.text[match.end():attack.start()]
        if "،" in gap or "," in gap:
            continue
        start = attack.start()
        comma = re.compile(r"[،,؛;]").search(view.text, attack.end())
        return start, comma.start() if comma else len(view.text)
    return None


CLAUSE_BREAK = re.compile(r"[،,؛;:]")


def comma_clause(view: SentView, pos: int) -> tuple[int, int]:
    """The comma-delimited clause around a position."""
    text = view.text
    before = [m.end() for m in CLAUSE_BREAK.finditer(text, 0, pos)]
    after = CLAUSE_BREAK.search(text, pos)
    return (before[-1] if before else 0), (after.start() if after else len(text))


def point_dates(view: SentView, start: int, end: int) -> list[tuple[int, int, DateMention]]:
    return [(s, e, d) for s, e, d in view.dates if start <= s and e <= end and not d.is_period]


def nearest_date(view: SentView, start: int, end: int, anchor: int) -> DateMention | None:
    dates = point_dates(view, start, end)
    if not dates:
        return None
    return min(dates, key=lambda t: min(abs(t[0] - anchor), abs(t[1] - anchor)))[2]


def period_value(d: DateMention) -> str | None:
    """The part of a period both its ends share ("منذ مطلع العام" → the year), if any."""
    if not d.is_period:
        return d.value
    if d.period_from and d.period_to and d.period_from.startswith(d.value) and d.period_to.startswith(d.value):
        return d.value
    return None


def finer_same(a: str, b: str) -> str:
    """Of two dates that agree, the finer one."""
    return b if b.startswith(a) and len(b) > len(a) else a


def relative_date(ctx: ArticleContext, view: SentView, earlier: list[tuple[int, str]]) -> str | None:
    """An undated event "بعد ساعات" / "ولم تمض ساعات على التصويت": the date of the event it follows —
    the earlier sentence naming that event (same stem), else the latest event extracted before it."""
    match = RELATIVE_TIME.search(view.text)
    if match is None:
        return None
    event = match.groupdict().get("event")
    if event:
        stem = _stem(event)
        for sentence in reversed(ctx.sentences[:view.sentence.index]):
            other = SentView.of(ctx, sentence)
            hit = re.search(r"(?<![\w])[وف]?(?:ال)?" + re.escape(stem), other.text) if len(stem) >= 3 else None
            if hit:
                date = nearest_date(other, 0, len(other.text), hit.start())
                if date is not None:
                    return date.value
                break
    if earlier:
        return earlier[-1][1]
    return None


def _stem(word: str) -> str:
    """A crude stem of an event noun: التصويت → صوت, الاجتماع → اجتماع (enough to find its verb)."""
    word = re.sub(r"^[وفبل]?(?:ال)?", "", word)
    if len(word) >= 5 and word.startswith("ت") and word[-2] == "ي":  # تفعيل masdar: تصويت → صوت
        word = word[1:-2] + word[-1]
    return word


def armed_groups(view: SentView, start: int, end: int) -> list[tuple[int, int, Mention]]:
    return view.mentions_between(start, end, ARMED_GROUP_TYPES)


def attribution(view: SentView) -> dict[str, str]:
    """perpetrator / attribution / attributed_by stated in the sentence (claims, attributions, accusations)."""
    text = view.text
    for match in CLAIM.finditer(text):
        if NEGATION_BEFORE.search(text[max(0, match.start() - 25):match.start()]):
            continue
        tail = text[match.end():match.end() + 120]
        if not (RESPONSIBILITY.search(tail) or CLAIMED_OBJECT.search(tail[:60])):
            continue
        groups = armed_groups(view, match.end(), match.end() + 100) or [
            g for g in armed_groups(view, max(0, match.start() - 60), match.start())][-1:]
        if groups:
            return {"perpetrator": groups[0][2].entity_id, "attribution": "claimed"}
    for match in ACCUSE.finditer(text):
        if NEGATION_BEFORE.search(text[max(0, match.start() - 25):match.start()]):
            continue
        groups = armed_groups(view, match.end(), match.end() + 80)
        if not groups:
            continue
        out = {"perpetrator": groups[0][2].entity_id, "attribution": "accused"}
        speaker = _speaker(view, match.end(), groups[0][0]) or _speaker_before(view, match.start())
        if speaker:
            out["attributed_by"] = speaker
        return out
    for cue in (HOLD_RESPONSIBLE, ASCRIBE):
        for match in cue.finditer(text):
            groups = armed_groups(view, match.end(), match.end() + 100)
            if not groups or (cue is HOLD_RESPONSIBLE and not RESPONSIBILITY.search(text, match.end())):
                continue
            out = {"perpetrator": groups[0][2].entity_id, "attribution": "attributed"}
            speaker = _speaker(view, match.end(), groups[0][0]) or _speaker_before(view, match.start())
            if speaker:
                out["attributed_by"] = speaker
            return out
    for match in CARRIED_OUT_BY.finditer(text):
        groups = armed_groups(view, match.end(), match.end() + 30)
        if groups:
            return {"perpetrator": groups[0][2].entity_id}
    for match in BEHIND.finditer(text):
        if NEGATION_BEFORE.search(text[max(0, match.start() - 25):match.start()]):
            continue
        groups = [g for g in armed_groups(view, max(0, match.start() - 150), match.start())]
        if not groups:
            continue
        group_start = groups[0][0]
        out = {"perpetrator": groups[0][2].entity_id, "attribution": "attributed"}
        speeches = [m for m in SPEECH.finditer(text, 0, group_start)]
        if speeches:
            speaker = _speaker(view, speeches[-1].end(), group_start)
            if speaker:
                out["attributed_by"] = speaker
        return out
    return {}


def _speaker(view: SentView, start: int, end: int) -> str | None:
    for _s, _e, m in view.mentions_between(start, end, ACTOR_SPEAKER_TYPES):
        if m.via == "nisba":
            continue
        return m.entity_id
    return None


def _speaker_before(view: SentView, pos: int) -> str | None:
    found = [m for s, e, m in view.mentions_between(max(0, pos - 60), pos, ACTOR_SPEAKER_TYPES) if m.via != "nisba"]
    return found[-1].entity_id if found else None


# ════════════════════════════════════ Attacks ═════════════════════════════════════════════════════

@dataclass
class Candidate:
    sentence: Sentence
    fields: dict
    anchor: int = 0
    latest_of_series: bool = False

    def key_count(self) -> int:
        return sum(1 for k in ("target", "place") if self.fields.get(k)) + (1 if self.fields.get("date") else 0)


def _tally_number_spans(view: SentView) -> list[tuple[int, int]]:
    """Counted attack nouns of tallies ("160 هجوما"): spans that are not single attacks."""
    spans = []
    for s, _e, x in view.numbers:
        if x.noun in TALLY_NOUNS and x.noun_end is not None:
            spans.append((s, view.local(x.noun_end)))
    return spans


def _state_attacker_after(view: SentView, pos: int) -> bool:
    """"هجوم أمريكي", "قصف إسرائيلي": the attack word is qualified by a state — a strike, not an attack."""
    return any(pos <= s <= pos + 14 and m.via == "nisba" for s, _e, m in view.mentions)


def _state_subject(view: SentView, verb_end: int) -> bool:
    """"قصفت طائرات أمريكية", "قصفت الولايات المتحدة": a state strikes."""
    for s, _e, m in view.mentions:
        if verb_end <= s <= verb_end + 16 and view.type_of(m) in ("State", "Force", "MilitaryCoalition") and (
                m.via == "nisba" or view.text[verb_end:s].strip() in ("", _n("طائرات"), _n("طائرة"), _n("مقاتلات"))):
            return True
    return False


def _anchors(view: SentView, start: int, end: int, tally: bool) -> list[tuple[int, int, bool]]:
    """Single-attack cue positions (start, end, latest_of_series) in [start, end)."""
    text = view.text
    counted = _tally_number_spans(view)
    found: list[tuple[int, int, bool]] = []
    patterns = [ATTACK_NOUN] if tally else [ATTACK_NOUN, ATTACK_VERB, WEAPON_VERB, WEAPON_FELL]
    for pattern in patterns:
        for match in pattern.finditer(text, start, end):
            s, e = match.start(), match.end()
            if any(cs <= s < ce for cs, ce in counted) or any(ds <= s < de for ds, de, _ in view.dates):
                continue  # the counted noun of a tally, or an attack that only dates something ("منذ هجوم …")
            before = text[max(0, s - 30):s]
            if CAMPAIGN_BEFORE.search(before) or CAMPAIGN_AFTER.search(text[e:e + 40]):
                continue
            word = match.group(0)
            if pattern is ATTACK_VERB and (_n("قصف") in word) and _state_subject(view, e):
                continue
            if pattern is ATTACK_NOUN and _state_attacker_after(view, e):
                continue
            latest = bool(LATEST.search(before))
            if tally and not latest and not re.search(_n(r"(?:إثر|اثر|بعد|عقب|منذ)\s+(?:\S+\s+)?$"), before):
                continue
            found.append((s, e, latest))
    found.sort()
    return found


def _target(view: SentView, start: int, end: int, anchor: int, anchor_end: int) -> str | None:
    for s, _e, m in view.mentions_between(start, end, TARGET_PLACE_TYPES):
        if NEAR_WORDS.search(view.text[max(0, s - 20):s]):
            continue
        return m.entity_id
    # A force or a person right after the attack word ("هجوم على القوات الأمريكية", "استهدف رتلا للتحالف").
    for s, _e, m in view.mentions_between(anchor_end, min(end, anchor_end + 40), ("Force", "Person")):
        gap = view.text[anchor_end:s].split()
        if all(w in _OBJECT_FILLERS for w in gap):
            return m.entity_id
        break
    # "تعرضت القوات الأمريكية لهجوم"
    for match in re.finditer(_n(r"(?<![\w])[وف]?(?:تعرض|تعرضت|يتعرض|تتعرض)(?![\w])"), view.text[start:anchor]):
        pos = start + match.end()
        for s, _e, m in view.mentions_between(pos, anchor, ("Force", "Person")):
            if view.text[pos:s].strip() == "":
                return m.entity_id
    return None


_OBJECT_FILLERS = frozenset(_n(w) for w in (
    "على", "ضد", "استهدف", "استهدفت", "رتلا", "رتل", "قافلة", "موكب", "دورية", "مقر", "مقرا", "تابعا", "تابعة",
    "لقوات", "آليات", "آلية", "عجلة", "عجلات", "تابع", "يقل", "تقل", "مركبة", "مركبات", "ل",
))


def attack_candidates(ctx: ArticleContext) -> list[Candidate]:
    """Every single attack reported in the article, before reports of one attack are merged."""
    out: list[Candidate] = []
    dated: list[tuple[int, str]] = []  # (sentence index, date) of the events found so far
    for sentence in ctx.sentences:
        view = SentView.of(ctx, sentence)
        text = view.text
        if not (ATTACK_NOUN.search(text) or ATTACK_VERB.search(text) or WEAPON_VERB.search(text)
                or WEAPON_FELL.search(text)):
            _note_strike_dates(view, dated)
            continue
        tally = bool(_tally_number_spans(view))
        start, end = 0, len(text)
        strike = STRIKE_CUE.search(text) is not None or any(
            _state_attacker_after(view, m.end()) for m in ATTACK_NOUN.finditer(text))
        if strike:
            clause = response_clause(view)
            if clause is None:
                _note_strike_dates(view, dated)
                continue
            start, end = clause
        anchors = _anchors(view, start, end, tally)
        if not anchors:
            continue
        a_start, a_end, latest = anchors[0]
        date = nearest_date(view, start, end, a_start)  # a tally's own date is a period, never this one
        if tally or latest:
            start = a_start  # the tally's own targets, places and perpetrators are not this attack's
        value: str | None = date.value if date else None
        if value is None and latest:
            periods = [d for s, e, d in view.dates if d.is_period]
            value = period_value(periods[0]) if periods else None
        if value is None and not strike:
            value = relative_date(ctx, view, dated)
        if value is None or _after_publication(ctx, value):
            continue
        fields: dict = {"date": value}
        target = _target(view, start, end, a_start, a_end)
        exclude = {target} if target else set()
        place = best_place(ctx, place_candidates(view, start, end, exclude))
        if target is None and place is None:
            continue
        fields["target"] = target
        fields["place"] = place
        fields["weapon"] = weapon_in(view, start, end, a_start)
        killed, injured = casualties(view, start, end)
        fields["killed"], fields["injured"] = killed, injured
        if not strike:
            fields.update(attribution(view))
        candidate = Candidate(sentence, fields, a_start, latest)
        _follow_up(ctx, candidate)
        out.append(candidate)
        if not strike:
            dated.append((sentence.index, value))
    return out


def _after_publication(ctx: ArticleContext, value: str) -> bool:
    published = ctx.article.published
    n = min(len(value), len(published))
    return value[:n] > published[:n]


def _note_strike_dates(view: SentView, dated: list[tuple[int, str]]) -> None:
    """A dated strike is an event an undated "بعد ساعات" attack may follow."""
    if STRIKE_CUE.search(view.text):
        date = nearest_date(view, 0, len(view.text), STRIKE_CUE.search(view.text).start())
        if date is not None:
            dated.append((view.sentence.index, date.value))


def _follow_up(ctx: ArticleContext, candidate: Candidate) -> None:
    """Fill the fields an attack lacks from the next sentences that refer back to it."""
    fields = candidate.fields
    for sentence in ctx.sentences[candidate.sentence.index + 1:candidate.sentence.index + 4]:
        view = SentView.of(ctx, sentence)
        text = view.text
        if _tally_number_spans(view) or STRIKE_CUE.search(text):
            break
        if _anchors(view, 0, len(text), False) and (point_dates(view, 0, len(text))
                                                      or view.mentions_between(0, len(text), TARGET_PLACE_TYPES)):
            break  # another attack
        if not ATTACK_BACKREF.search(text):
            continue
        killed, injured = casualties(view, 0, len(text))
        if fields.get("killed") is None and killed is not None:
            fields["killed"] = killed
        if fields.get("injured") is None and injured is not None:
            fields["injured"] = injured
        if not fields.get("perpetrator"):
            for key, value in attribution(view).items():
                fields[key] = value
        if not fields.get("weapon"):
            fields["weapon"] = weapon_in(view, 0, len(text), 0)


def _same_event(ctx: ArticleContext, a: Candidate, b: Candidate) -> bool:
    da, db = a.fields["date"], b.fields["date"]
    if not (da.startswith(db) or db.startswith(da)):
        return False
    ta, tb = a.fields.get("target"), b.fields.get("target")
    if ta and tb and ta != tb:
        return False
    pa = a.fields.get("place") or ta
    pb = b.fields.get("place") or tb
    return compatible_places(ctx, pa, pb) or compatible_places(ctx, ta or pa, tb or pb)


def merge_reports(ctx: ArticleContext, candidates: list[Candidate]) -> list[Candidate]:
    """One record per attack: reports with agreeing dates and compatible targets and places are merged into
    the report naming the most key fields; the others fill what it lacks."""
    merged: list[Candidate] = []
    for candidate in candidates:
        for i, kept in enumerate(merged):
            if _same_event(ctx, kept, candidate):
                best, other = (candidate, kept) if candidate.key_count() > kept.key_count() else (kept, candidate)
                for key, value in other.fields.items():
                    if best.fields.get(key) is None and value is not None and key not in ("target", "place"):
                        best.fields[key] = value
                best.fields["date"] = finer_same(kept.fields["date"], candidate.fields["date"]) \
                    if kept.fields["date"] != candidate.fields["date"] else best.fields["date"]
                merged[i] = best
                break
        else:
            merged.append(candidate)
    return merged


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    for candidate in merge_reports(ctx, attack_candidates(ctx)):
        confidence = 0.8 if candidate.fields.get("target") else 0.7
        yield fact(ctx, candidate.sentence, "attack", candidate.fields, NAME, VERSION, confidence)

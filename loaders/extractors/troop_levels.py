"""troop_level facts: how many soldiers a foreign state has somewhere ("نحو 2500 جندي أمريكي في العراق").

A level is a count whose counted noun is a soldier noun (جندي، عسكري، مستشار، ضابط…, or "من القوات"),
tied to a foreign state: a nisba right after the noun ("جندي أمريكي"), a force named with a nisba nearby
("قوات أميركية مؤلفة من 2400 جندي", "2000 جندي من القوات البريطانية"), a state as the subject of a present
presence verb ("تنشر الولايات المتحدة نحو 2500 جندي"), or an earlier level of the same sentence
("إضافة إلى نحو 900 جندي في سوريا").

Not levels: casualties ("مقتل 3 جنود أميركيين", "56 عسكرياً أصيبوا"), people trained ("تدريب 240 ألف
عنصر"), the count of a movement ("سحبت 35 جندياً", "إرسال 3000 جندي إضافي": troop_movements), planned
or conditional numbers ("سيبقى 2000 جندي", "إذا بقي"), Iraqi or militia numbers (the nisba is Iraqi, or
the noun is عنصر/مقاتل with no foreign nisba or force).

as_of is the point date of the number's clause when it has one (not in the future, not a deadline), else
the publication date at its precision. place is the state where they are (nearest "في/ب + state"), else a
base or city, else "البلاد" as the article's own country. role only when stated around the number.

This module also holds the sentence helpers the troop_movements and attack_tallies extractors share
(`SentenceView`, clause splitting, actor and place tests): they live here rather than in common.py, which
belongs to the text layer's owners.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention
from isnad.loaders.extractors.common import fact
from isnad.loaders.normalize import normalize_term
from isnad.loaders.numbers import NumberMention
from isnad.loaders.records import Fact
from isnad.loaders.sentences import Sentence

NAME = "troop_levels"
VERSION = "1"

HOME = "iraq"  # the host country of the corpus: its own forces are not "foreign troop levels"


def _n(s: str) -> str:
    return normalize_term(s)


def words_rx(words: list[str] | tuple[str, ...] | set[str], prefix: str = r"[وف]?(?:[بلك]|ل?ل)?(?:ال)?",
             suffix: str = "") -> re.Pattern[str]:
    """Whole-word alternatives over normalized text, with optional proclitics (and an optional suffix)."""
    ordered = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(_n(w)).replace(r"\ ", r"\s+") for w in ordered)
    return re.compile(rf"(?<!\w){prefix}(?:{body}){suffix}(?!\w)")


# ---------------------------------------------------------------------------------------------------
# Shared sentence helpers (used by troop_movements and attack_tallies as well).

PLACE_TYPES = frozenset({"State", "Country", "Province", "City", "MilitaryBase", "Zone", "Embassy"})
# Words right before a name that make it a place ("في العراق", "من قاعدة التاجي", "إلى الأردن").
_PLACE_PREPS = {_n(w) for w in ("في", "إلى", "الى", "من", "داخل", "خارج", "نحو", "عبر", "قرب", "بالقرب",
                                "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط",
                                "أنحاء", "أراضي", "حدود", "ضمن", "لدى")}
_PLACE_CLITICS = ("ب", "وب", "فب", "وفي")
# Clause boundaries inside a sentence: punctuation and the conjunctions that start a new predication.
_RX_CLAUSE = re.compile(r"[،,؛;:]|\s[\u2013\u2014-]\s|"
                        + _n(r"(?<!\w)(?:لكن|ولكن|بينما|فيما|في حين|وهو ما|إلا أن|غير أن)(?!\w)"))
# Troop nouns (the thing that moves or is counted), normalized, with clitics and possessive suffixes.
TROOP_NOUNS = ("قوات", "قوة", "جنود", "جندي", "جنديا", "عسكري", "عسكريين", "عسكريون", "عسكريا",
               "مستشار", "مستشارين", "مستشاري", "مستشارون", "ضباط", "الجيش", "جيش", "قطعات", "وحدات",
               "كتيبة", "لواء", "مشاة", "المارينز", "مشاة البحرية", "تعزيزات", "عناصر", "أفراد")
RX_TROOP = words_rx(TROOP_NOUNS, suffix=r"(?:ها|ه|هم)?")
# "قلص وجوده", "خفضت وجودها العسكري": the presence itself as the object of a movement.
RX_PRESENCE = words_rx(("وجود", "تواجد", "انتشار", "حضور"), suffix=r"(?:ها|ه|هم)?")


@dataclass
class Item:
    """A mention, date or number placed in the sentence's normalized text (lo, hi are local offsets)."""

    lo: int
    hi: int
    obj: object


class SentenceView:
    """One sentence in normalized text with its mentions, dates and numbers at local offsets."""

    def __init__(self, ctx: ArticleContext, sentence: Sentence) -> None:
        self.ctx = ctx
        self.sentence = sentence
        origin = ctx.normalized.origin
        self._origin = origin
        self.base = bisect_left(origin, sentence.start)
        self.stop = bisect_left(origin, sentence.end)
        self.text = ctx.normalized.text[self.base:self.stop]

    def local(self, offset: int) -> int:
        return bisect_left(self._origin, offset) - self.base

    def original(self, lo: int, hi: int) -> str:
        """The original text of a local normalized span."""
        s, e = self.ctx.normalized.span_to_original(self.base + lo, self.base + hi)
        return self.ctx.article.text[s:e]

    def _place(self, items) -> list[Item]:
        return [Item(self.local(x.start), self.local(x.end), x) for x in items]

    @cached_property
    def mentions(self) -> list[Item]:
        return self._place(self.ctx.mentions_in(self.sentence))

    @cached_property
    def dates(self) -> list[Item]:
        return self._place(self.ctx.dates_in(self.sentence))

    @cached_property
    def numbers(self) -> list[Item]:
        return self._place(self.ctx.numbers_in(self.sentence))

    @cached_property
    def clause_bounds(self) -> list[tuple[int, int]]:
        cuts = [0] + [m.start() for m in _RX_CLAUSE.finditer(self.text)]
        cuts.append(len(self.text))
        return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]

    def clause_of(self, pos: int) -> tuple[int, int]:
        for a, b in self.clause_bounds:
            if a <= pos < b:
                return a, b
        return 0, len(self.text)

    def type_of(self, item: Item) -> str:
        return self.ctx.entity_type(item.obj.entity_id)  # type: ignore[attr-defined]

    def word_before(self, pos: int) -> str:
        """The word right before local offset pos, plus any clitic glued to the word at pos."""
        m = re.search(r"(\w*)\s*$", self.text[:pos])
        glued = ""
        k = pos
        while k > 0 and self.text[k - 1].isalpha():
            k -= 1
        glued = self.text[k:pos]
        if glued:
            return glued
        return m.group(1) if m else ""

    def is_place_use(self, item: Item) -> bool:
        """A name used as a place: after في/إلى/من…, or with a ب clitic (بالعراق)."""
        k = item.lo
        while k > 0 and self.text[k - 1].isalpha():
            k -= 1
        glued = self.text[k:item.lo]
        if glued and (glued in _PLACE_CLITICS or glued.rstrip("ل") in ("ب", "وب", "فب")):
            return True
        if glued == "و":
            # Coordinated with a place: "في العراق وسوريا".
            gap = self.text[:k].rstrip()
            for other in self.mentions:
                if other.hi == len(gap) and other is not item:
                    return self.is_place_use(other)
        prev = re.search(r"(\w+)[^\w]*$", self.text[:k])
        if prev is None:
            return False
        word = prev.group(1)
        return word in _PLACE_PREPS or (word[:1] in "وف" and word[1:] in _PLACE_PREPS)

    def words_between(self, a: int, b: int) -> int:
        return len(re.findall(r"\w+", self.text[a:b])) if b > a else 0


def home_country(ctx: ArticleContext) -> str | None:
    """The state the article is about, what "البلاد" refers to: the host country when the article names it
    (the corpus is Iraqi and Arab news on Iraq, where "البلاد" is Iraq even in a story told from Washington),
    else the state it names most often."""
    counts = Counter(m.entity_id for m in ctx.entities.mentions
                     if m.via == "name" and ctx.entity_type(m.entity_id) == "State")
    if HOME in counts:
        return HOME
    return counts.most_common(1)[0][0] if counts else None


RX_THE_COUNTRY = words_rx(("البلاد",), prefix=r"[وف]?(?:[بل]|ل)?")


def foreign_state(view: SentenceView, item: Item) -> str | None:
    """The foreign state a mention stands for as an actor: a force with a nisba, or a state's name."""
    entity = item.obj.entity_id  # type: ignore[attr-defined]
    kind = view.type_of(item)
    if kind == "Force":
        implied = item.obj.implies  # type: ignore[attr-defined]
        return implied if implied and implied != HOME else None
    if kind == "State" and entity != HOME:
        return entity
    return None


def state_places(view: SentenceView, lo: int = 0, hi: int | None = None,
                 types: frozenset[str] = frozenset({"State"})) -> list[Item]:
    hi = len(view.text) if hi is None else hi
    return [m for m in view.mentions if lo <= m.lo and m.hi <= hi and view.type_of(m) in types
            and view.is_place_use(m)]


def nearest(items: list[Item], pos: int) -> Item | None:
    if not items:
        return None
    return min(items, key=lambda it: it.lo - pos if it.lo >= pos else pos - it.hi)


def date_value(d: DateMention) -> str:
    return d.period_from if d.is_period and d.period_from else d.value


_RX_DEADLINE_BEFORE = re.compile(_n(r"(?:حتى|بحلول|قبل|لغاية|أقصاه|موعد)\s*$"))


def usable_point_dates(view: SentenceView, lo: int, hi: int, published: str) -> list[Item]:
    """Point dates in [lo, hi) that are not deadlines and not after publication."""
    out = []
    for it in view.dates:
        d: DateMention = it.obj  # type: ignore[assignment]
        if not (lo <= it.lo and it.hi <= hi) or d.is_period:
            continue
        if _RX_DEADLINE_BEFORE.search(view.text[max(0, it.lo - 12):it.lo]) or re.match(
                _n(r"(?:[وف]?(?:حتى|بحلول|قبل|لغاية|مع))\s"), view.text[it.lo:it.hi]):
            continue
        if d.value[:len(published)] > published[:len(d.value)]:
            continue  # in the future of the article
        out.append(it)
    return out


# ---------------------------------------------------------------------------------------------------
# Troop levels.

# Lemmas (as loaders.numbers gives them) of nouns that count soldiers of a state.
_SOLDIER = {_n(w) for w in ("جندي", "عسكري", "مستشار", "ضابط", "فرد")}
# Nouns that also count militia or police members: a level only with a foreign nisba or force.
_MEMBER = {_n(w) for w in ("عنصر", "مقاتل")}
_RX_OF_FORCES = re.compile(_n(r"\s*(?:من\s+)?(?:ال)?(?:قوات|جنود|عسكريين|مشاة)(?!\w)"))
# Context that makes a count something other than a standing level.
_RX_NOT_LEVEL_BEFORE = words_rx((
    # casualties, captives, trainees
    "مقتل", "قتل", "مصرع", "إصابة", "إصابات", "جرح", "استشهاد", "أسر", "اختطاف", "خطف", "اعتقال", "حياة",
    "تدريب", "تأهيل", "تخريج", "تدرب", "درب", "دربت",
    # movements (their counts belong to troop_movement)
    "سحب", "سحبت", "انسحاب", "انسحب", "انسحبت", "إرسال", "أرسل", "أرسلت", "ترسل", "يرسل", "سترسل", "نشر",
    "نشرت", "إعادة", "عودة", "عاد", "عادت", "وصول", "وصل", "وصلت", "مغادرة", "غادر", "غادرت", "إجلاء",
    "نقل", "نقلت", "تقليص", "خفض", "تخفيض", "قلصت", "خفضت", "تعزيز", "بإرسال", "بنشر",
    # plans and conditions
    "بقاء", "إبقاء", "الإبقاء", "سيبقى", "ستبقى", "سيبقي", "ستبقي", "يبقى", "تعتزم", "يعتزم", "تنوي", "ينوي",
    "تخطط", "يخطط", "خطة", "إذا", "لو", "حال", "سيتم", "سيصل", "ستنشر", "سينشر", "سوف",
))
_RX_NOT_LEVEL_AFTER = words_rx((
    "قتلوا", "قتل", "أصيبوا", "أصيب", "جرحوا", "لقوا", "سقطوا", "بجروح", "آخرين", "إضافيين", "إضافي",
    "إضافية", "إضافيا", "قتلى", "جرحى", "مصابين",
))
_RX_HOSTS = re.compile(_n(r"(?<!\w)[وف]?(?:تضم|يضم|تستضيف|يستضيف|تؤوي|يؤوي)\s+$"))
_RX_ADVISE = words_rx(("استشارية", "استشاري", "تدريبية", "تدريبي", "التدريب", "المشورة", "تدريب", "الاستشارة",
                       "استشارة", "مستشارين", "مستشارون", "مستشار", "المساعدة والتدريب"))
_RX_COMBAT = words_rx(("قتالية", "قتالي", "القتالية", "المقاتلة", "مقاتلة"))


@dataclass
class _Level:
    item: Item
    country: str
    count: int
    qualifier: str
    as_of: str
    place: str | None
    role: str | None


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    home = home_country(ctx)
    seen: set[tuple] = set()
    for sentence in ctx.sentences:
        view = SentenceView(ctx, sentence)
        levels: list[_Level] = []
        for item in view.numbers:
            level = _level(view, item, levels, home)
            if level is not None:
                levels.append(level)
        for level in levels:
            key = (level.country, level.count, level.as_of, level.place)
            if key in seen:
                continue
            seen.add(key)
            yield fact(ctx, sentence, "troop_level", {
                "country": level.country, "count": level.count, "qualifier": level.qualifier,
                "as_of": level.as_of, "place": level.place, "role": level.role,
            }, NAME, VERSION, 0.8)


def _soldier_noun(view: SentenceView, item: Item) -> tuple[str, int] | None:
    """The soldier noun the number counts and where it ends (local offset)."""
    n: NumberMention = item.obj  # type: ignore[assignment]
    if n.percent or not isinstance(n.value, int) and not float(n.value).is_integer():
        return None
    if n.noun in _SOLDIER or n.noun in _MEMBER:
        return n.noun, view.local(n.noun_end) if n.noun_end is not None else item.hi
    m = _RX_OF_FORCES.match(view.text, item.hi)
    if m:
        return _n("قوات"), m.end()
    return None


def _level(view: SentenceView, item: Item, earlier: list[_Level], home: str | None) -> _Level | None:
    n: NumberMention = item.obj  # type: ignore[assignment]
    found = _soldier_noun(view, item)
    if found is None or n.value < 2:
        return None
    noun, noun_end = found
    text = view.text
    lo, hi = view.clause_of(item.lo)
    before = text[max(lo, item.lo - 45):item.lo]
    if _RX_NOT_LEVEL_BEFORE.search(before):
        return None
    after = text[noun_end:min(len(text), noun_end + 30)]
    if _RX_NOT_LEVEL_AFTER.search(after):
        return None
    if _future_or_conditional(text[lo:item.lo]):
        return None

    country = _level_country(view, item, noun, noun_end, earlier)
    if country is None:
        return None
    # as_of: a point date of the number's clause, else the publication date at its precision.
    published = view.ctx.article.published
    dates = usable_point_dates(view, lo, hi, published)
    as_of = date_value(dates[0].obj) if len(dates) == 1 else published  # type: ignore[arg-type]
    place = _level_place(view, item, country, home)
    role = _role(view, item, noun, earlier)
    return _Level(item, country, int(n.value), n.qualifier, as_of, place, role)


# Future verbs (سـ + imperfect of the verbs that matter here) and plan or condition words.
_RX_FUTURE = re.compile(_n(
    r"(?<!\w)(?:[وف]?س[يتن](?:بقى|بقي|تم|نسحب|رسل|نشر|غادر|عود|خفض|قلص|نخفض|صل|كون|تمركز|توجه|تواجد|صبح|ضم"
    r"|رتفع|تراجع|سحب|قل)\w*|سوف|من المقرر|من المتوقع|المقرر|المرتقب|إذا|لو|في حال)(?!\w)"))


def _future_or_conditional(span: str) -> bool:
    return _RX_FUTURE.search(span) is not None


def _level_country(view: SentenceView, item: Item, noun: str, noun_end: int,
                   earlier: list[_Level]) -> str | None:
    text = view.text
    # 1. A nisba right after the noun (one adjective may come between: "عنصر أمني عراقي", "جندياً ألمانياً").
    for m in view.mentions:
        if m.lo < noun_end:
            continue
        if view.words_between(noun_end, m.lo) <= 1 and view.type_of(m) == "State" \
                and not view.is_place_use(m):
            return None if m.obj.entity_id == HOME else m.obj.entity_id  # type: ignore[attr-defined]
        break
    # 2. A force named with a nisba ("قوات أميركية مؤلفة من 2400 جندي", "2000 جندي من القوات البريطانية"),
    #    or a troop noun with a nisba ("عدد الجنود الأمريكيين ... نحو 2500 جندي"), right after or shortly
    #    before.
    for m in view.mentions:
        close_after = noun_end <= m.lo and view.words_between(noun_end, m.lo) <= 2
        close_before = m.hi <= item.lo and item.lo - m.hi <= 90
        if not (close_after or close_before):
            continue
        implied = None
        if view.type_of(m) == "Force":
            implied = m.obj.implies  # type: ignore[attr-defined]
        elif view.type_of(m) == "State" and m.obj.via == "nisba" and \
                RX_TROOP.search(text[max(0, m.lo - 14):m.lo]):  # type: ignore[attr-defined]
            implied = m.obj.entity_id  # type: ignore[attr-defined]
        if implied == HOME:
            return None
        if implied:
            return implied
    if noun in _MEMBER:
        return None  # عنصر/مقاتل without a foreign nisba or force: militia, police, fighters
    # 3. An earlier level of the same sentence ("إضافة إلى نحو 900 جندي في سوريا").
    if earlier:
        return earlier[-1].country
    # 4. A foreign state as the actor of the clause ("تنشر الولايات المتحدة نحو 2500 جندي", "لدى واشنطن").
    lo, _ = view.clause_of(item.lo)
    actors = [m for m in view.mentions if lo <= m.lo and m.hi <= item.lo and view.type_of(m) == "State"
              and m.obj.via == "name" and m.obj.entity_id != HOME and not view.is_place_use(m)]  # type: ignore
    if actors and view.words_between(actors[-1].hi, item.lo) <= 3:
        return actors[-1].obj.entity_id  # type: ignore[attr-defined]
    return None


def _level_place(view: SentenceView, item: Item, country: str, home: str | None) -> str | None:
    states = [m for m in state_places(view) if m.obj.entity_id != country]  # type: ignore[attr-defined]
    best = nearest(states, item.lo)
    if best is not None:
        return best.obj.entity_id  # type: ignore[attr-defined]
    others = [m for m in state_places(view, types=PLACE_TYPES) if m.obj.entity_id != country]  # type: ignore
    # "تضم قاعدة عين الأسد نحو 1500 جندي": the place that hosts them.
    others += [m for m in view.mentions if view.type_of(m) in PLACE_TYPES
               and _RX_HOSTS.search(view.text[max(0, m.lo - 12):m.lo])]
    best = nearest(others, item.lo)
    if best is not None:
        return best.obj.entity_id  # type: ignore[attr-defined]
    if home and home != country and RX_THE_COUNTRY.search(view.text):
        return home
    return None


def _role(view: SentenceView, item: Item, noun: str, earlier: list[_Level]) -> str | None:
    """combat / advise_assist when the text around the number says what these troops do."""
    # From the number to the next count in the sentence (or its end): what follows describes them.
    following = [x.lo for x in view.numbers if x.lo > item.hi]
    end = following[0] if following else len(view.text)
    start = view.clause_of(item.lo)[0]
    span = view.text[start:end]
    advise = noun == _n("مستشار") or _RX_ADVISE.search(span) is not None
    combat = _RX_COMBAT.search(span) is not None
    if advise and combat:
        return "mixed"
    return "advise_assist" if advise else "combat" if combat else None

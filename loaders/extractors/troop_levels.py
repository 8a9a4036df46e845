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
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._dates import start_value
from isnad.loaders.extractors._home_country import HOME, RX_THE_COUNTRY, home_country
from isnad.loaders.extractors._patterns import normalized_re, word_pattern
from isnad.loaders.extractors._sentence_view import Placed, SentenceView, nearest
from isnad.loaders.extractors._troops import RX_TROOP, usable_point_dates
from isnad.loaders.extractors.common import PLACE_TYPES, fact
from isnad.loaders.normalize import normalize_term as _n
from isnad.loaders.numbers import NumberMention
from isnad.loaders.records import Fact

NAME = "troop_levels"
VERSION = "1"


# Lemmas (as loaders.numbers gives them) of nouns that count soldiers of a state.
_SOLDIER = {_n(w) for w in ("جندي", "عسكري", "مستشار", "ضابط", "فرد")}
# Nouns that also count militia or police members: a level only with a foreign nisba or force.
_MEMBER = {_n(w) for w in ("عنصر", "مقاتل")}
_RX_OF_FORCES = normalized_re(r"\s*(?:من\s+)?(?:ال)?(?:قوات|جنود|عسكريين|مشاة)(?!\w)")
# Context that makes a count something other than a standing level.
_RX_NOT_LEVEL_BEFORE = word_pattern((
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
_RX_NOT_LEVEL_AFTER = word_pattern((
    "قتلوا", "قتل", "أصيبوا", "أصيب", "جرحوا", "لقوا", "سقطوا", "بجروح", "آخرين", "إضافيين", "إضافي",
    "إضافية", "إضافيا", "قتلى", "جرحى", "مصابين",
))
_RX_HOSTS = normalized_re(r"(?<!\w)[وف]?(?:تضم|يضم|تستضيف|يستضيف|تؤوي|يؤوي)\s+$")
_RX_ADVISE = word_pattern(("استشارية", "استشاري", "تدريبية", "تدريبي", "التدريب", "المشورة", "تدريب", "الاستشارة",
                          "استشارة", "مستشارين", "مستشارون", "مستشار", "المساعدة والتدريب"))
_RX_COMBAT = word_pattern(("قتالية", "قتالي", "القتالية", "المقاتلة", "مقاتلة"))


@dataclass
class _Level:
    item: Placed
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


def _soldier_noun(view: SentenceView, item: Placed) -> tuple[str, int] | None:
    """The soldier noun the number counts and where it ends (local offset)."""
    n: NumberMention = item.obj
    if n.percent or not isinstance(n.value, int) and not float(n.value).is_integer():
        return None
    if n.noun in _SOLDIER or n.noun in _MEMBER:
        return n.noun, view.local(n.noun_end) if n.noun_end is not None else item.end
    m = _RX_OF_FORCES.match(view.text, item.end)
    if m:
        return _n("قوات"), m.end()
    return None


def _level(view: SentenceView, item: Placed, earlier: list[_Level], home: str | None) -> _Level | None:
    n: NumberMention = item.obj
    found = _soldier_noun(view, item)
    if found is None or n.value < 2:
        return None
    noun, noun_end = found
    text = view.text
    lo, hi = view.clause_of(item.start)
    before = text[max(lo, item.start - 45):item.start]
    if _RX_NOT_LEVEL_BEFORE.search(before):
        return None
    after = text[noun_end:min(len(text), noun_end + 30)]
    if _RX_NOT_LEVEL_AFTER.search(after):
        return None
    if _future_or_conditional(text[lo:item.start]):
        return None

    country = _level_country(view, item, noun, noun_end, earlier)
    if country is None:
        return None
    # as_of: a point date of the number's clause, else the publication date at its precision.
    published = view.ctx.article.published
    dates = usable_point_dates(view, lo, hi, published)
    as_of = start_value(dates[0].obj) if len(dates) == 1 else published
    place = _level_place(view, item, country, home)
    role = _role(view, item, noun, earlier)
    return _Level(item, country, int(n.value), n.qualifier, as_of, place, role)


# Future verbs (سـ + imperfect of the verbs that matter here) and plan or condition words.
_RX_FUTURE = normalized_re(
    r"(?<!\w)(?:[وف]?س[يتن](?:بقى|بقي|تم|نسحب|رسل|نشر|غادر|عود|خفض|قلص|نخفض|صل|كون|تمركز|توجه|تواجد|صبح|ضم"
    r"|رتفع|تراجع|سحب|قل)\w*|سوف|من المقرر|من المتوقع|المقرر|المرتقب|إذا|لو|في حال)(?!\w)")


def _future_or_conditional(span: str) -> bool:
    return _RX_FUTURE.search(span) is not None


def _level_country(view: SentenceView, item: Placed, noun: str, noun_end: int,
                   earlier: list[_Level]) -> str | None:
    text = view.text
    # 1. A nisba right after the noun (one adjective may come between: "عنصر أمني عراقي", "جندياً ألمانياً").
    for m in view.mentions:
        if m.start < noun_end:
            continue
        if view.words_between(noun_end, m.start) <= 1 and view.type_of(m.obj) == "State" \
                and not view.is_place_use(m):
            return None if m.obj.entity_id == HOME else m.obj.entity_id
        break
    # 2. A force named with a nisba ("قوات أميركية مؤلفة من 2400 جندي", "2000 جندي من القوات البريطانية"),
    #    or a troop noun with a nisba ("عدد الجنود الأمريكيين ... نحو 2500 جندي"), right after or shortly
    #    before.
    for m in view.mentions:
        close_after = noun_end <= m.start and view.words_between(noun_end, m.start) <= 2
        close_before = m.end <= item.start and item.start - m.end <= 90
        if not (close_after or close_before):
            continue
        implied = None
        if view.type_of(m.obj) == "Force":
            implied = m.obj.implies
        elif view.type_of(m.obj) == "State" and m.obj.via == "nisba" and \
                RX_TROOP.search(text[max(0, m.start - 14):m.start]):  # type: ignore[attr-defined]
            implied = m.obj.entity_id
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
    lo, _ = view.clause_of(item.start)
    actors = [m for m in view.mentions if lo <= m.start and m.end <= item.start and view.type_of(m.obj) == "State"
              and m.obj.via == "name" and m.obj.entity_id != HOME and not view.is_place_use(m)]
    if actors and view.words_between(actors[-1].end, item.start) <= 3:
        return actors[-1].obj.entity_id
    return None


def _level_place(view: SentenceView, item: Placed, country: str, home: str | None) -> str | None:
    states = [m for m in _state_places(view) if m.obj.entity_id != country]
    best = nearest(states, item.start)
    if best is not None:
        return best.obj.entity_id
    others = [m for m in _state_places(view, types=PLACE_TYPES) if m.obj.entity_id != country]
    # "تضم قاعدة عين الأسد نحو 1500 جندي": the place that hosts them.
    others += [m for m in view.mentions if view.type_of(m.obj) in PLACE_TYPES
               and _RX_HOSTS.search(view.text[max(0, m.start - 12):m.start])]
    best = nearest(others, item.start)
    if best is not None:
        return best.obj.entity_id
    if home and home != country and RX_THE_COUNTRY.search(view.text):
        return home
    return None


def _role(view: SentenceView, item: Placed, noun: str, earlier: list[_Level]) -> str | None:
    """combat / advise_assist when the text around the number says what these troops do."""
    # From the number to the next count in the sentence (or its end): what follows describes them.
    following = [x.start for x in view.numbers if x.start > item.end]
    end = following[0] if following else len(view.text)
    start = view.clause_of(item.start)[0]
    span = view.text[start:end]
    advise = noun == _n("مستشار") or _RX_ADVISE.search(span) is not None
    combat = _RX_COMBAT.search(span) is not None
    if advise and combat:
        return "mixed"
    return "advise_assist" if advise else "combat" if combat else None


def _state_places(view: SentenceView, lo: int = 0, hi: int | None = None,
                 types: frozenset[str] = frozenset({"State"})) -> list[Placed]:
    hi = len(view.text) if hi is None else hi
    return [m for m in view.mentions if lo <= m.start and m.end <= hi and view.type_of(m.obj) in types
            and view.is_place_use(m)]

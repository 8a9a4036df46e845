"""troop_movement facts: a foreign state's troops deployed, withdrawn, returned or reduced.

Cues (normalized, with clitics), by movement and form:
- withdrawal: انسحب/انسحبت، سحبت، غادرت، أخلت (verbs); انسحاب، سحب، مغادرة، خروج، رحيل (nouns)
- return: عاد/عادت (verbs); عودة (noun)
- deployment: أرسلت، نشرت، وصلت، دخلت، غزت، اجتاحت، احتلت (verbs); غزو، اجتياح، احتلال، إرسال، نشر، وصول
  (nouns); المرسلة، المرسلين (participles)
- reduction: قلصت، خفضت (verbs); تقليص، خفض، تخفيض (nouns)

Only past verbs are movements by themselves: imperfect and future forms (ينسحب، ستغادر، تُرسل بشكل متكرر)
are habits or plans and are not recorded, nor are verbs under a condition (إذا، لو، في حال). Nouns and
participles name plans and demands as often as events ("جدول زمني لانسحاب القوات", "طالبت بانسحاب"), so
they count only with an explicit past date right after them ("منذ انسحاب القوات الأمريكية عام 2011",
"القوات المرسلة عام 2014", "منذ غزوها عام 2003") and no demand or plan word before them.

The movement must concern troops: a troop noun, a force, or the presence itself ("قلص وجوده") next to the
cue (invasion cues excepted). The country is the foreign state behind the troops: a nisba on the cue
("الانسحاب الأمريكي"), the force or state right after the verb (VSO), else the nearest before it in the
clause ("أعلنت ألمانيا أنها سحبت"), else (for a clause whose troops carry no nisba: "لكن آلاف القوات عادت")
the nearest earlier in the sentence. The host country's own forces and the coalition (no single country)
give no record. date: the date of the cue's clause (after the cue first); place: "من/إلى/في X" around
the cue, else the sentence's host country; count: a soldier count after the cue.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._dates import start_value
from isnad.loaders.extractors._home_country import HOME, RX_THE_COUNTRY, home_country
from isnad.loaders.extractors._patterns import needles, normalized_re, word_pattern
from isnad.loaders.extractors._prefilter import strings_in
from isnad.loaders.extractors._sentence_view import Placed, SentenceView
from isnad.loaders.extractors._troops import RX_PRESENCE, RX_TROOP, usable_point_dates
from isnad.loaders.extractors.common import PLACE_TYPES, fact
from isnad.loaders.normalize import normalize_term
from isnad.loaders.records import Fact

NAME = "troop_movements"
VERSION = "1"

_CUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("withdrawal", "verb"): ("انسحب", "انسحبت", "انسحبوا", "سحبت", "سحبوا", "غادر", "غادرت", "غادروا", "أخلت",
                             "أخلوا"),
    ("withdrawal", "noun"): ("انسحاب", "انسحابها", "انسحابه", "سحب", "مغادرة", "خروج", "رحيل"),
    ("return", "verb"): ("عاد", "عادت", "عادوا"),
    ("return", "noun"): ("عودة", "عودتها", "عودته"),
    ("deployment", "verb"): ("أرسل", "أرسلت", "أرسلوا", "نشرت", "نشروا", "وصلت", "وصلوا", "دخلت", "دخلوا",
                             "غزت", "غزا", "اجتاحت", "احتلت"),
    ("deployment", "noun"): ("غزو", "غزوها", "غزوه", "اجتياح", "اجتياحها", "احتلال", "احتلالها", "إرسال",
                             "نشر", "وصول"),
    ("deployment", "participle"): ("المرسلة", "المرسلين", "المرسلون", "التي أرسلت"),
    ("reduction", "verb"): ("قلص", "قلصت", "قلصوا", "خفضت", "خفضوا"),
    ("reduction", "noun"): ("تقليص", "خفض", "تخفيض"),
}
# Forms that are both a past verb and a noun (سحب، خفض، نشر) are listed as nouns only: they need a date.
_INVASION = {normalize_term(w) for w in ("غزت", "غزا", "اجتاحت", "احتلت", "غزو", "غزوها", "غزوه", "اجتياح",
                                         "اجتياحها", "احتلال", "احتلالها")}
_CUE_RX = [(movement, form, word_pattern(words), needles(words)) for (movement, form), words in _CUES.items()]
_RX_CONDITION = word_pattern(("إذا", "لو", "إن", "في حال", "حال", "حالة"), prefix=r"[وف]?")
# Words that make a movement noun a plan, a demand or a topic rather than an event.
_RX_PLAN = word_pattern((
    "طالب", "طالبت", "يطالب", "تطالب", "مطالبة", "مطالبات", "مطالبتها", "دعا", "دعت", "يدعو", "تدعو", "ضرورة",
    "جدول", "موعد", "خطة", "خطط", "ينص", "يقضي", "اتفاق", "اتفقت", "اتفقا", "بهدف", "أجل", "عدم", "رفض",
    "بحث", "مناقشة", "تقتضي", "إنهاء", "مشروع", "قرار", "وشيك", "السريع", "شروط", "آلية", "تفاوض", "مفاوضات",
    "محادثات", "إعلان", "بشأن", "حول", "لتنظيم", "تنظيم", "مرحلة", "تدريجي", "التدريجي", "تعهد", "وعد",
))
# نشر/أرسل with a document as object: "نشرت القوات الأمريكية بيانا".
_RX_PUBLISHED = word_pattern(("بيان", "بيانا", "صور", "صورا", "صورة", "تقرير", "تقريرا", "مقطع", "فيديو",
                          "تغريدة", "رسالة", "خبر", "وثيقة", "وثائق", "أسماء", "قائمة", "نتائج"))
# "200 من جنودها", "300 من القوات الخاصة".
_RX_OF_TROOPS = normalized_re(
    r"\s*من\s+(?:ال)?(?:جنود|قوات|عسكريي|عسكريين|مستشاري|مستشارين)(?:ها|ه|هم)?(?!\w)")
_RX_TO_LEVEL = normalized_re(r"(?:إلى|الى)\s*(?:\S+\s+){0,2}$")
_SOLDIER_COUNT_NOUNS = {normalize_term(w) for w in ("جندي", "عسكري", "مستشار", "ضابط", "فرد", "عنصر")}


@dataclass
class _Cue:
    start: int
    end: int
    movement: str
    form: str
    word: str


@dataclass
class _Movement:
    country: str
    movement: str
    date: str | None
    place: str | None
    count: int | None
    sentence_index: int
    date_at: int | None = None  # local offset of the date used, so that a sentence's dates are not reused
    cue_at: int = 0
    confidence: float = 0.7


_TOWARDS_BEFORE = normalized_re(r"(?:إلى|الى)\s*$")  # "انسحاب … إلى قاعدة": where they go, not leave

def _cues(view: SentenceView) -> list[_Cue]:
    found: dict[int, _Cue] = {}
    held = strings_in(view.text)
    for movement, form, rx, gate in _CUE_RX:
        if gate.isdisjoint(held):
            continue
        for m in rx.finditer(view.text):
            word = m.group(0)
            if m.start() in found and len(found[m.start()].word) >= len(word):
                continue
            found[m.start()] = _Cue(m.start(), m.end(), movement, form, word)
    return sorted(found.values(), key=lambda c: c.start)


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    home = home_country(ctx)
    found: list[tuple[_Movement, object]] = []
    for sentence in ctx.sentences:
        view = SentenceView(ctx, sentence)
        cues = _cues(view)
        previous_country: str | None = None
        here: list[_Movement] = []
        for i, cue in enumerate(cues):
            nxt = cues[i + 1].start if i + 1 < len(cues) else len(view.text)
            prev = cues[i - 1].end if i > 0 else 0
            movement = _movement(view, cue, prev, nxt, previous_country, home)
            if movement is not None:
                previous_country = movement.country
                here.append(movement)
        # A movement whose clause gives no date is kept without one: a date from elsewhere in the sentence
        # would be a guess.
        found.extend((m, sentence) for m in here)
    yield from _deduplicated(ctx, found)


def _deduplicated(ctx: ArticleContext, found: list[tuple[_Movement, object]]) -> Iterator[Fact]:
    dated = {(m.country, m.movement) for m, _ in found if m.date}
    seen: set[tuple] = set()
    for m, sentence in found:
        if m.date is None and (m.country, m.movement) in dated:
            continue  # an undated mention of a movement the article also dates (a headline, a recap)
        key = (m.country, m.movement, m.date)
        if key in seen:
            continue
        seen.add(key)
        yield fact(ctx, sentence, "troop_movement", {  # type: ignore[arg-type]
            "country": m.country, "movement": m.movement, "date": m.date, "place": m.place, "count": m.count,
        }, NAME, VERSION, m.confidence)


def _movement(view: SentenceView, cue: _Cue, prev: int, nxt: int, previous_country: str | None,
              home: str | None) -> _Movement | None:
    text = view.text
    lo, hi = view.clause_of(cue.start)
    before = text[lo:cue.start]
    if _RX_CONDITION.search(before):
        return None
    invasion = cue.word.lstrip("وفبل") in _INVASION or cue.word in _INVASION or any(
        cue.word.endswith(w) for w in _INVASION)
    if cue.form in ("verb",) and cue.word.lstrip("وف").startswith(("نشر", "ارسل")) and \
            _RX_PUBLISHED.search(text[cue.end:min(hi, cue.end + 40)]):
        return None

    # Date: a usable point date of the clause, after the cue (before the next cue) first, else before it.
    published = view.ctx.article.published
    dates = usable_point_dates(view, max(lo, prev), min(hi, nxt), published)
    after = [d for d in dates if d.start >= cue.end]
    before_dates = [d for d in dates if d.end <= cue.start]
    date_item: Placed | None = after[0] if after else (before_dates[-1] if before_dates else None)
    anchor = _anchor_period(view, cue)
    date = start_value(date_item.obj) if date_item is not None else anchor

    close: list[Placed] = []
    if cue.form in ("noun", "participle"):
        # A noun is an event only when a past date follows closely and nothing makes it a plan or demand.
        close = [d for d in after if view.words_between(cue.end, d.start) <= 5]
        if not close and anchor is None:
            return None
        if close:
            date = start_value(close[0].obj)
        if _RX_PLAN.search(text[max(lo, cue.start - 60):cue.start]):
            return None

    if not (invasion or _near_troops(view, cue, lo, hi) or cue.form == "noun" and (
            _nisba_on(view, cue) or _pronoun_for_troops(view, cue))):
        return None
    country = _country(view, cue, lo, hi, previous_country)
    if country is None:
        return None
    place = _place(view, cue, lo, hi, country, home)
    count = _count(view, cue, hi if nxt > hi else nxt)
    used_at = date_item.start if date_item is not None and start_value(date_item.obj) == date else None
    if cue.form in ("noun", "participle") and close:
        used_at = close[0].start
    return _Movement(country, cue.movement, date, place, count, view.sentence.index, used_at, cue.start)


def _nisba_on(view: SentenceView, cue: _Cue) -> bool:
    """A state's nisba right on a movement noun: "الانسحاب الأمريكي", "الغزو الأمريكي"."""
    return any(m.obj.via == "nisba" and view.type_of(m.obj) == "State" and m.start >= cue.end
               and view.words_between(cue.end, m.start) == 0 for m in view.mentions)


def _pronoun_for_troops(view: SentenceView, cue: _Cue) -> bool:
    """"بعد انسحابها": a movement noun whose pronoun refers back to troops named earlier in the sentence."""
    if not cue.word.endswith(("ها", "ه", "هم")):
        return False
    return bool(RX_TROOP.search(view.text[:cue.start])) or any(
        view.type_of(m.obj) == "Force" and m.end <= cue.start for m in view.mentions)


def _anchor_period(view: SentenceView, cue: _Cue) -> str | None:
    """A well-known event resolved by the date layer ("منذ الغزو الأمريكي للعراق") containing the cue."""
    for d in view.dates:
        if d.start <= cue.start and cue.end <= d.end and d.obj.is_period:
            return d.obj.period_from
    return None


def _near_troops(view: SentenceView, cue: _Cue, lo: int, hi: int) -> bool:
    """A troop noun, a force or the presence within four words of the cue, inside its clause."""
    text = view.text
    window_after = text[cue.end:hi]
    window_before = text[lo:cue.start]
    after_words = " ".join(window_after.split()[:8])
    before_words = " ".join(window_before.split()[-4:])
    for span in (after_words, before_words):
        if RX_TROOP.search(span) or RX_PRESENCE.search(span):
            return True
    for m in view.mentions:
        if view.type_of(m.obj) == "Force" and lo <= m.start and m.end <= hi and (
                0 <= view.words_between(cue.end, m.start) <= 4 and m.start >= cue.end
                or m.end <= cue.start and view.words_between(m.end, cue.start) <= 4):
            return True
    return False


def _country(view: SentenceView, cue: _Cue, lo: int, hi: int, previous_country: str | None) -> str | None:
    mentions = [m for m in view.mentions if lo <= m.start and m.end <= hi]
    # 1. A nisba on the cue ("الانسحاب الأمريكي") or the actor right after a verb
    #    ("انسحبت معظم القوات الأميركية").
    for m in mentions:
        if m.start < cue.end:
            continue
        if view.words_between(cue.end, m.start) > 3:
            break
        if view.is_place_use(m):
            continue
        if m.obj.via == "nisba" and view.type_of(m.obj) == "State" and view.words_between(cue.end, m.start) > 0 and \
                not RX_TROOP.search(view.text[cue.end:m.start]):
            continue  # a nisba of some other noun
        state = _foreign_state(view, m)
        if state is not None:
            return state
        if m.obj.entity_id == HOME or view.type_of(m.obj) == "Force":
            return None  # the host country's own forces, or a coalition force with no single country
    # 2. The nearest actor before the cue in its clause ("أعلنت ألمانيا أنها سحبت",
    #    "القوات الأميركية المُرسلة").
    for m in reversed(mentions):
        if m.end > cue.start or view.is_place_use(m):
            continue
        if view.type_of(m.obj) == "State" and m.obj.via == "nisba" \
                and not RX_TROOP.search(view.text[max(lo, m.start - 20):m.start]):  # type: ignore[attr-defined]
            continue  # "الرئيس الأمريكي" is not an actor of a movement
        state = _foreign_state(view, m)
        if state is not None:
            return state
        if view.type_of(m.obj) == "Force":
            return None
    # 3. Troops without a nisba in this clause ("لكن آلاف القوات عادت"): the country of the sentence so far.
    if previous_country is not None:
        return previous_country
    earlier = [m for m in view.mentions if m.end <= lo and not view.is_place_use(m)
               and view.type_of(m.obj) == "Force"]
    if earlier and RX_TROOP.search(view.text[lo:hi]):
        return _foreign_state(view, earlier[-1])
    return None


def _place(view: SentenceView, cue: _Cue, lo: int, hi: int, country: str, home: str | None) -> str | None:
    text = view.text
    places = [m for m in view.mentions if view.type_of(m.obj) in PLACE_TYPES
              and m.obj.entity_id != country]

    def ok(m: Placed) -> bool:
        if cue.movement == "withdrawal":
            prev = text[max(0, m.start - 6):m.start]
            return not _TOWARDS_BEFORE.search(prev)
        return True

    after = [m for m in places if cue.end <= m.start and m.end <= hi and ok(m)
             and (view.is_place_use(m) or view.words_between(cue.end, m.start) <= 4)]
    the_country_after = RX_THE_COUNTRY.search(text, cue.end, hi)
    if after and (the_country_after is None or after[0].start < the_country_after.start()):
        return after[0].obj.entity_id
    if the_country_after is not None and home and home != country:
        return home
    before = [m for m in places if lo <= m.start and m.end <= cue.start and view.is_place_use(m)]
    if before:
        return before[-1].obj.entity_id
    # The sentence: a place named with a preposition, the host country as "البلاد", or its only other state.
    in_sentence = [m for m in places if view.is_place_use(m)]
    states = {m.obj.entity_id for m in in_sentence if view.type_of(m.obj) == "State"}
    if len(states) == 1:
        return next(iter(states))
    if RX_THE_COUNTRY.search(text) and home and home != country:
        return home
    states = {m.obj.entity_id for m in places if view.type_of(m.obj) == "State"}
    if len(states) == 1:
        return next(iter(states))
    return None


def _count(view: SentenceView, cue: _Cue, end: int) -> int | None:
    for item in view.numbers:
        if item.start < cue.end or item.start >= end:
            continue
        n = item.obj
        if n.percent or (n.noun not in _SOLDIER_COUNT_NOUNS  # type: ignore[attr-defined]
                         and not _RX_OF_TROOPS.match(view.text, item.end)):
            continue
        if _RX_TO_LEVEL.search(view.text[max(0, item.start - 25):item.start]):
            return None  # "خفض عدد قواته إلى 2500 جندي": the level reached, not the number moved
        value = n.value  # type: ignore[attr-defined]
        return int(value) if float(value).is_integer() else None
    return None


def _foreign_state(view: SentenceView, item: Placed) -> str | None:
    """The foreign state a mention stands for as an actor: a force with a nisba, or a state's name."""
    entity = item.obj.entity_id
    kind = view.type_of(item.obj)
    if kind == "Force":
        implied = item.obj.implies
        return implied if implied and implied != HOME else None
    if kind == "State" and entity != HOME:
        return entity
    return None

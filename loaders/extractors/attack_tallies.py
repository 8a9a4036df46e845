"""attack_tally facts: a counted series of attacks over a period ("أكثر من 160 هجوما منذ اندلاع الحرب").

A tally is a count (2 or more) of attacks: the number's counted noun is هجوم/هجمة/اعتداء ("نحو خمسين
هجوما", "11 هجوماً صاروخياً"), or the number gives "عدد الهجمات" ("ما لا يقل عن 46 عدد الهجمات", "بلغ عدد
الهجمات 46"). It needs a period: "منذ X" gives {from: X} (no invented end), "خلال الأشهر الثلاثة الماضية"
gives both ends, and a month or a year ("خلال تشرين الأول", "في 2023") the span of that month or year.
Without a period there is no tally (period is a key field, and a count without one is not an analyst's fact).

Not tallies: a single attack ("هجوم بثلاثة صواريخ": the noun is صاروخ), percentages ("تراجعت هجماته بنسبة
80 في المائة"), campaigns without a count ("هجمات شبه يومية"), planned or threatened attacks.

Fields: qualifier from the number; scope = the one state (else one province or city) named as a place in
the count's clause ("في العراق"; none for "في العراق وسوريا"), or the host country for "في البلاد"; target =
the text of what was attacked ("تعرضت X لـ", "استهدفت X", "هجوما على X", up to the period or the end of
the clause); perpetrator = a named armed group right after "من قبل/نفذتها/شنتها/تبنتها". A tally that
refers back to the attacks of the previous sentence ("وقد بلغ عددها نحو خمسين هجوما") takes its scope and
target from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention
from isnad.loaders.extractors._home_country import RX_THE_COUNTRY, home_country
from isnad.loaders.extractors._prefilter import prefiltered
from isnad.loaders.extractors._sentence_view import Placed, SentenceView
from isnad.loaders.extractors.common import ARMED_GROUP_TYPES, fact
from isnad.loaders.normalize import normalize_term as _n
from isnad.loaders.numbers import NumberMention
from isnad.loaders.records import Fact

NAME = "attack_tallies"
VERSION = "1"


_ATTACK_NOUNS = {_n(w) for w in ("هجوم", "هجمة", "هجمه", "اعتداء", "اعتداءات", "هجمات")}
_RX_COUNT_OF_ATTACKS = prefiltered(_n(r"\s*(?:عدد|مجموع|حصيلة)\s+(?:ال)?(?:هجمات|هجوم|اعتداءات|عمليات)(?!\w)"))
# "بلغ عدد الهجمات 46", "وصل عددها إلى 46": the count after its noun phrase.
_RX_COUNT_BEFORE = prefiltered(_n(
    r"(?:عدد|مجموع|حصيلة)\s+(?:ال)?(?:هجمات|الهجمات|الاعتداءات)\s+(?:\S+\s+){0,6}?(?:إلى|الى|نحو|حوالي)?\s*$"))
_RX_BACK_REFERENCE = prefiltered(_n(r"(?<!\w)(?:عددها|عدد\s+(?:هذه|تلك)\s+(?:الهجمات|الاعتداءات))(?!\w)"))
_RX_ATTACKS_WORD = prefiltered(_n(r"(?<!\w)[وفبل]?(?:ال)?(?:هجمات|اعتداءات)(?!\w)"))
_RX_PLAN = prefiltered(_n(r"(?<!\w)(?:[وف]?س[يتن](?:شن|نفذ|ستهدف)\w*|سوف|تهدد|هدد|توعد|يتوعد|إذا|لو)(?!\w)"))
_RX_SINCE = prefiltered(_n(r"^[وف]?منذ(?!\w)"))
_RX_BY = prefiltered(_n(r"(?<!\w)(?:من\s+قبل|نفذتها|نفذها|شنتها|شنها|تبنتها|تبناها|تشنها|تنفذها)\s*$"))
_RX_AGENT_VERB = prefiltered(_n(
    r"(?<!\w)[وف]?(?:تبنت|تبنى|شنت|شن|نفذت|نفذ)\s+(?:ما\s+(?:تعرف|يعرف|تسمى|يسمى)\s+ب)?\S{0,2}$"))
_RX_SAW = prefiltered(_n(r"(?<!\w)[وف]?(?:شهدت|شهد|تشهد|يشهد)\s+$"))
_SCOPE_TYPES = frozenset({"Province", "City", "Zone"})


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    home = home_country(ctx)
    seen: set[tuple] = set()
    views: list[SentenceView] = []
    for sentence in ctx.sentences:
        view = SentenceView(ctx, sentence)
        views.append(view)
        for item in view.numbers:
            fields = _tally(view, item, views[-2] if len(views) > 1 else None, home)
            if fields is None:
                continue
            key = (fields["count"], str(fields["period"]))
            if key in seen:
                continue
            seen.add(key)
            yield fact(ctx, sentence, "attack_tally", fields, NAME, VERSION, 0.75)


def _counts_attacks(view: SentenceView, item: Placed) -> bool:
    n: NumberMention = item.obj
    if n.noun in _ATTACK_NOUNS:
        return True
    if _RX_COUNT_OF_ATTACKS.match(view.text, item.end):
        return True
    return bool(_RX_COUNT_BEFORE.search(view.text[max(0, item.start - 80):item.start])) and n.noun is None


def _tally(view: SentenceView, item: Placed, previous: SentenceView | None, home: str | None) -> dict | None:
    n: NumberMention = item.obj
    if n.percent or n.value < 2 or not isinstance(n.value, int) or not _counts_attacks(view, item):
        return None
    lo, hi = view.clause_of(item.start)
    if _RX_PLAN.search(view.text[lo:item.start]):
        return None
    period = _period(view, item)
    if period is None:
        return None
    fields: dict = {"count": int(n.value), "qualifier": n.qualifier, "period": period}
    back = previous is not None and _RX_BACK_REFERENCE.search(view.text[max(lo, item.start - 40):item.start])
    scope_view, s_lo, s_hi = view, lo, hi
    if back:
        # The clause of the previous sentence that names the attacks.
        named = list(_RX_ATTACKS_WORD.finditer(previous.text))  # type: ignore[union-attr]
        if named:
            scope_view = previous  # type: ignore[assignment]
            s_lo, s_hi = previous.clause_of(named[-1].start())  # type: ignore[union-attr]
    fields["scope"] = _scope(scope_view, s_lo, s_hi, home)
    fields["target"] = _target(scope_view, s_lo, s_hi, item if not back else None)
    fields["perpetrator"] = _perpetrator(view, lo, hi)
    return fields


def _period(view: SentenceView, item: Placed) -> dict | None:
    """The period of the count: the nearest period date in the sentence, else a month or year point."""
    periods = [d for d in view.dates if d.obj.is_period]
    points = [d for d in view.dates if not d.obj.is_period
              and d.obj.precision in ("month", "year")]
    for group in (periods, points):
        if not group:
            continue
        best = min(group, key=lambda d: abs(d.start - item.start))
        d: DateMention = best.obj
        if not d.is_period:
            return {"from": d.value, "to": d.value}
        if _RX_SINCE.match(view.text[best.start:best.end]):
            return {"from": d.period_from}
        out = {"from": d.period_from, "to": d.period_to}
        return {k: v for k, v in out.items() if v}
    return None


def _scope(view: SentenceView, lo: int, hi: int, home: str | None) -> str | None:
    places = [m for m in view.mentions if lo <= m.start and m.end <= hi and view.is_place_use(m)]
    states = {m.obj.entity_id for m in places if view.type_of(m.obj) == "State"}
    if states:
        return next(iter(states)) if len(states) == 1 else None
    if RX_THE_COUNTRY.search(view.text, lo, hi) and home:
        return home
    # "شهدت محافظة الأنبار 15 هجوما": the place that saw the attacks.
    places += [m for m in view.mentions if lo <= m.start and m.end <= hi and view.type_of(m.obj) in _SCOPE_TYPES
               and _RX_SAW.search(view.text[max(lo, m.start - 10):m.start])]
    others = {m.obj.entity_id for m in places if view.type_of(m.obj) in _SCOPE_TYPES}
    return next(iter(others)) if len(others) == 1 else None


# What was attacked: after a verb of targeting or "على/ضد", or the subject of "تعرض(ت) ... ل".
_RX_TARGET_AFTER = prefiltered(_n(
    r"(?<!\w)(?:[وف]?(?:است|ا)?(?:هدفت|هدف|استهدفت|استهدف|استُهدفت)|على|ضد)\s+"))
_RX_TARGET_VERB = prefiltered(_n(r"(?<!\w)[وف]?(?:استهدفت|استهدف|تستهدف|يستهدف)\s+"))
_RX_ON = prefiltered(_n(r"(?<!\w)(?:على|ضد)\s+"))
_RX_SUFFERED = prefiltered(_n(r"(?<!\w)[وف]?(?:تعرضت|تعرض|تتعرض|يتعرض)\s+"))
_RX_STOP = re.compile(_n(r"\s+(?:منذ|خلال|من\s+قبل|نفذتها|شنتها|تبنتها|وفق|وفقا|بحسب|حسب|بصواريخ|بطائرات|"
                         r"ب?(?:أكثر|نحو|حوالي|قرابة|ما)\s)|[،,؛.:(\"]|\s+ل(?:أكثر|نحو|حوالي|قرابة|ما|\d)"))


def _target(view: SentenceView, lo: int, hi: int, item: Placed | None) -> str | None:
    text = view.text
    candidates: list[int] = []
    m = _RX_SUFFERED.search(text, lo, hi)
    if m and (item is None or m.end() <= item.start):
        candidates.append(m.end())
    inside_dates = [(d.start, d.end) for d in view.dates]
    for rx in (_RX_TARGET_VERB, _RX_ON):
        for m2 in rx.finditer(text, lo, hi):
            if not any(a <= m2.start() < b for a, b in inside_dates):  # "منذ بدء الحرب على غزة"
                candidates.append(m2.end())
        if candidates:
            break
    if not candidates:
        return None
    start = candidates[0]
    # Skip date spans at the start ("استُهدفت منذ ... المصالح"): a target begins with a word.
    stop = _RX_STOP.search(text, start, hi)
    end = stop.start() if stop else hi
    # A date or the count itself inside the target ends it ("على السفارة الأمريكية في بغداد 12 هجوما").
    for d in [*view.dates, *view.numbers]:
        if start < d.start < end:
            end = d.start
    target = view.original(start, end).strip(" ،,")
    return target if 1 <= len(target.split()) <= 12 else None


def _perpetrator(view: SentenceView, lo: int, hi: int) -> str | None:
    """A named armed group as the agent: "من قبل X", "نفذتها X", or the subject of "تبنت/شنت/نفذت X"."""
    for m in view.mentions:
        if not (lo <= m.start and m.end <= hi) or view.type_of(m.obj) not in ARMED_GROUP_TYPES:
            continue
        before = view.text[max(lo, m.start - 40):m.start]
        if _RX_BY.search(before[-16:]) or _RX_AGENT_VERB.search(before):
            return m.obj.entity_id
    return None

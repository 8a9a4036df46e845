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

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention, find_dates
from isnad.loaders.extractors.common import fact
from isnad.loaders.extractors.troop_levels import (
    RX_THE_COUNTRY,
    Item,
    SentenceView,
    home_country,
)
from isnad.loaders.normalize import normalize_term
from isnad.loaders.numbers import NumberMention
from isnad.loaders.records import Fact

NAME = "attack_tallies"
VERSION = "1"


def _n(s: str) -> str:
    return normalize_term(s)


_ATTACK_NOUNS = {_n(w) for w in ("هجوم", "هجمة", "هجمه", "اعتداء", "اعتداءات", "هجمات")}
_RX_COUNT_OF_ATTACKS = re.compile(_n(r"\s*(?:عدد|مجموع|حصيلة)\s+(?:ال)?(?:هجمات|هجوم|اعتداءات|عمليات)(?!\w)"))
# "بلغ عدد الهجمات 46", "وصل عددها إلى 46": the count after its noun phrase.
_RX_COUNT_BEFORE = re.compile(_n(
    r"(?:عدد|مجموع|حصيلة)\s+(?:ال)?(?:هجمات|الهجمات|الاعتداءات)\s+(?:\S+\s+){0,6}?(?:إلى|الى|نحو|حوالي)?\s*$"))
_RX_BACK_REFERENCE = re.compile(_n(r"(?<!\w)(?:عددها|عدد\s+(?:هذه|تلك)\s+(?:الهجمات|الاعتداءات))(?!\w)"))
_RX_ATTACKS_WORD = re.compile(_n(r"(?<!\w)[وفبل]?(?:ال)?(?:هجمات|اعتداءات)(?!\w)"))
_RX_PLAN = re.compile(_n(r"(?<!\w)(?:[وف]?س[يتن](?:شن|نفذ|ستهدف)\w*|سوف|تهدد|هدد|توعد|يتوعد|إذا|لو)(?!\w)"))
_RX_SINCE = re.compile(_n(r"^[وف]?منذ(?!\w)"))
_PERPETRATOR_TYPES = frozenset({"Militia", "MilitiaUmbrella", "TerroristOrganization"})
_RX_BY = re.compile(_n(r"(?<!\w)(?:من\s+قبل|نفذتها|نفذها|شنتها|شنها|تبنتها|تبناها|تشنها|تنفذها)\s*$"))
_RX_AGENT_VERB = re.compile(_n(
    r"(?<!\w)[وف]?(?:تبنت|تبنى|شنت|شن|نفذت|نفذ)\s+(?:ما\s+(?:تعرف|يعرف|تسمى|يسمى)\s+ب)?\S{0,2}$"))
_RX_SAW = re.compile(_n(r"(?<!\w)[وف]?(?:شهدت|شهد|تشهد|يشهد)\s+$"))
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


def _counts_attacks(view: SentenceView, item: Item) -> bool:
    n: NumberMention = item.obj  # type: ignore[assignment]
    if n.noun in _ATTACK_NOUNS:
        return True
    if _RX_COUNT_OF_ATTACKS.match(view.text, item.hi):
        return True
    return bool(_RX_COUNT_BEFORE.search(view.text[max(0, item.lo - 80):item.lo])) and n.noun is None


def _tally(view: SentenceView, item: Item, previous: SentenceView | None, home: str | None) -> dict | None:
    n: NumberMention = item.obj  # type: ignore[assignment]
    if n.percent or n.value < 2 or not float(n.value).is_integer() or not _counts_attacks(view, item):
        return None
    lo, hi = view.clause_of(item.lo)
    if _RX_PLAN.search(view.text[lo:item.lo]):
        return None
    period = _period(view, item)
    if period is None:
        return None
    fields: dict = {"count": int(n.value), "qualifier": n.qualifier, "period": period}
    back = previous is not None and _RX_BACK_REFERENCE.search(view.text[max(lo, item.lo - 40):item.lo])
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


def _since_periods(view: SentenceView) -> list[Item]:
    """"منذ X" periods of a sentence whose start is certain although the publication day is not.

    The text layer drops every date that resolves differently on the first and the last possible
    publication day (an article dated "2024" or "2021-07"). A "منذ X" period always does, through its end
    (the publication day), even when X itself is certain ("منذ اندلاع الحرب", "منذ مطلع العام"). Here the
    sentence is resolved against both days and a منذ-period is kept when its start agrees."""
    published = view.ctx.article.published
    if len(published) >= 10:
        return []
    year = int(published[:4])
    if len(published) == 7:
        month = int(published[5:7])
        first, last = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    else:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    text = view.sentence.text
    early = {(d.start, d.end, d.period_from) for d in find_dates(text, first) if d.is_period}
    out = []
    for d in find_dates(text, last):
        if d.is_period and (d.start, d.end, d.period_from) in early and _RX_SINCE.match(_n(d.surface)):
            lo = view.local(view.sentence.start + d.start)
            hi = view.local(view.sentence.start + d.end)
            out.append(Item(lo, hi, d))
    return out


def _period(view: SentenceView, item: Item) -> dict | None:
    """The period of the count: the nearest period date in the sentence, else a month or year point."""
    periods = [d for d in view.dates if d.obj.is_period]  # type: ignore[attr-defined]
    if not periods:
        periods = _since_periods(view)
    points = [d for d in view.dates if not d.obj.is_period  # type: ignore[attr-defined]
              and d.obj.precision in ("month", "year")]  # type: ignore[attr-defined]
    for group in (periods, points):
        if not group:
            continue
        best = min(group, key=lambda d: abs(d.lo - item.lo))
        d: DateMention = best.obj  # type: ignore[assignment]
        if not d.is_period:
            return {"from": d.value, "to": d.value}
        if _RX_SINCE.match(view.text[best.lo:best.hi]):
            return {"from": d.period_from}
        out = {"from": d.period_from, "to": d.period_to}
        return {k: v for k, v in out.items() if v}
    return None


def _scope(view: SentenceView, lo: int, hi: int, home: str | None) -> str | None:
    places = [m for m in view.mentions if lo <= m.lo and m.hi <= hi and view.is_place_use(m)]
    states = {m.obj.entity_id for m in places if view.type_of(m) == "State"}  # type: ignore[attr-defined]
    if states:
        return next(iter(states)) if len(states) == 1 else None
    if RX_THE_COUNTRY.search(view.text, lo, hi) and home:
        return home
    # "شهدت محافظة الأنبار 15 هجوما": the place that saw the attacks.
    places += [m for m in view.mentions if lo <= m.lo and m.hi <= hi and view.type_of(m) in _SCOPE_TYPES
               and _RX_SAW.search(view.text[max(lo, m.lo - 10):m.lo])]
    others = {m.obj.entity_id for m in places if view.type_of(m) in _SCOPE_TYPES}  # type: ignore[attr-defined]
    return next(iter(others)) if len(others) == 1 else None


# What was attacked: after a verb of targeting or "على/ضد", or the subject of "تعرض(ت) ... ل".
_RX_TARGET_AFTER = re.compile(_n(
    r"(?<!\w)(?:[وف]?(?:است|ا)?(?:هدفت|هدف|استهدفت|استهدف|استُهدفت)|على|ضد)\s+"))
_RX_TARGET_VERB = re.compile(_n(r"(?<!\w)[وف]?(?:استهدفت|استهدف|تستهدف|يستهدف)\s+"))
_RX_ON = re.compile(_n(r"(?<!\w)(?:على|ضد)\s+"))
_RX_SUFFERED = re.compile(_n(r"(?<!\w)[وف]?(?:تعرضت|تعرض|تتعرض|يتعرض)\s+"))
_RX_STOP = re.compile(_n(r"\s+(?:منذ|خلال|من\s+قبل|نفذتها|شنتها|تبنتها|وفق|وفقا|بحسب|حسب|بصواريخ|بطائرات|"
                         r"ب?(?:أكثر|نحو|حوالي|قرابة|ما)\s)|[،,؛.:(\"]|\s+ل(?:أكثر|نحو|حوالي|قرابة|ما|\d)"))


def _target(view: SentenceView, lo: int, hi: int, item: Item | None) -> str | None:
    text = view.text
    candidates: list[int] = []
    m = _RX_SUFFERED.search(text, lo, hi)
    if m and (item is None or m.end() <= item.lo):
        candidates.append(m.end())
    inside_dates = [(d.lo, d.hi) for d in view.dates]
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
        if start < d.lo < end:
            end = d.lo
    target = view.original(start, end).strip(" ،,")
    return target if 1 <= len(target.split()) <= 12 else None


def _perpetrator(view: SentenceView, lo: int, hi: int) -> str | None:
    """A named armed group as the agent: "من قبل X", "نفذتها X", or the subject of "تبنت/شنت/نفذت X"."""
    for m in view.mentions:
        if not (lo <= m.lo and m.hi <= hi) or view.type_of(m) not in _PERPETRATOR_TYPES:
            continue
        before = view.text[max(lo, m.lo - 40):m.lo]
        if _RX_BY.search(before[-16:]) or _RX_AGENT_VERB.search(before):
            return m.obj.entity_id  # type: ignore[attr-defined]
    return None

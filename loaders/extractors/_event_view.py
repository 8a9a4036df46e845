"""The sentence view of the attack and strike extractors: the text layer's dates, plus "في الثالث من الشهر
نفسه" read as a day of the month named just before (a gap of the text layer's date rules)."""

from __future__ import annotations

from functools import cached_property

from isnad.loaders.dates import DateMention
from isnad.loaders.extractors._patterns import WORD_END as E
from isnad.loaders.extractors._patterns import normalized_re as _rx
from isnad.loaders.extractors._sentence_view import Placed, SentenceView
from isnad.loaders.normalize import normalize_term as _n

SAME_MONTH = _rx(r"(?:في\s+)?(?P<day>\d{1,2}|ال\S+(?:\s+(?:عشر|والعشرين|والعشرون))?)\s+من\s+"
                 r"(?:الشهر\s+(?:نفسه|ذاته|الجاري)|ذات\s+الشهر|نفس\s+الشهر)" + E)
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


class EventView(SentenceView):
    @cached_property
    def dates(self) -> list[Placed]:
        own = list(self.placed_dates())
        return sorted(own + self._same_month_dates(own), key=lambda p: p.start)

    def _same_month_dates(self, own: list[Placed]) -> list[Placed]:
        """"في الثالث من الشهر نفسه": the day of the month of the date named just before (a gap of the
        text layer's date rules, read here from the preceding dates of the article)."""
        out = []
        for match in SAME_MONTH.finditer(self.text):
            raw = match.group("day")
            day = int(raw) if raw.isdigit() else _ORDINALS.get(raw)
            if not day or any(s <= match.start("day") < e for s, e, _ in own):
                continue
            start_orig = self.ctx.normalized.offset_to_original(self.base + match.start())
            earlier = [d for d in self.ctx.dates if d.end <= start_orig and d.precision in ("day", "month")
                       and not d.is_period]
            if not earlier:
                continue
            month = earlier[-1].value[:7]
            value = f"{month}-{day:02d}"
            s, e = self.ctx.normalized.span_to_original(self.base + match.start(), self.base + match.end())
            out.append(Placed(match.start(), match.end(), DateMention(s, e, self.ctx.article.text[s:e], value, "day",
                                                                      False)))
        return out


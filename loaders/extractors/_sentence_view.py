"""One sentence as the extractors read it: its normalized text, with the text layer's mentions, dates and
numbers placed at offsets local to that text, so cue regexes and the text layer's spans compare directly."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Any, NamedTuple

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention
from isnad.loaders.mentions import Mention
from isnad.loaders.normalize import normalize_term
from isnad.loaders.sentences import Sentence


class Placed(NamedTuple):
    """A mention, date or number at local offsets [start, end) of its sentence's normalized text."""

    start: int
    end: int
    obj: Any


# Clause boundaries inside a sentence: punctuation, a spaced dash, and the conjunctions that start a new
# predication.
PREDICATION_BREAKS = re.compile(r"[،,؛;:]|\s[\u2013\u2014-]\s|" + normalize_term(
    r"(?<!\w)(?:لكن|ولكن|بينما|فيما|في حين|وهو ما|إلا أن|غير أن)(?!\w)"))
# Words right before a name that make it a place ("في العراق", "من قاعدة التاجي", "إلى الأردن").
_PLACE_PREPS = {normalize_term(w) for w in (
    "في", "إلى", "الى", "من", "داخل", "خارج", "نحو", "عبر", "قرب", "بالقرب", "شمال", "جنوب", "شرق", "غرب",
    "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "أنحاء", "أراضي", "حدود", "ضمن", "لدى")}
_PLACE_CLITICS = ("ب", "وب", "فب", "وفي")
_LAST_WORD = re.compile(r"(\w+)[^\w]*$")


# Where each break pattern matches in the sentences read last: several families cut the same sentence
# with some of the same patterns.
_BREAKS_SEEN: dict[tuple[str, object], list[int]] = {}


def _break_starts(text: str, pattern: re.Pattern[str]) -> list[int]:
    key = (text, pattern)
    found = _BREAKS_SEEN.get(key)
    if found is None:
        if len(_BREAKS_SEEN) > 512:
            _BREAKS_SEEN.clear()
        found = _BREAKS_SEEN[key] = [m.start() for m in pattern.finditer(text)]
    return found


def clause_spans(text: str, *breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    """The clauses of a normalized sentence: cut where a match of any of `breaks` starts."""
    cuts = {0, len(text)}
    for pattern in breaks:
        cuts.update(_break_starts(text, pattern))
    points = sorted(cuts)
    return [(a, b) for a, b in zip(points, points[1:], strict=False) if b > a]


def clause_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return spans[-1] if spans else (0, 0)


def nearest(items: Sequence[Placed], pos: int) -> Placed | None:
    """The item closest to a position: by the gap between them, nothing being closer than an item that
    contains the position; the first of equally close ones."""
    if not items:
        return None
    return min(items, key=lambda it: it.start - pos if it.start >= pos else max(0, pos - it.end))


class SentenceView:
    """A sentence's normalized text with its mentions, dates and numbers at local offsets, and the way back
    to the original text. Families that read more dates than the text layer's override `date_mentions`, and
    name what they read in `dates_source` (views of one sentence with the same source share placed dates)."""

    dates_source = "text layer"

    def __init__(self, ctx: ArticleContext, sentence: Sentence) -> None:
        self.ctx = ctx
        self.sentence = sentence
        # Every extractor reads every sentence: its normalized text and placed mentions and numbers are
        # worked out once per article and shared by the views (Placed tuples are immutable).
        self._shared = ctx.__dict__.setdefault("_sentence_views", {}).setdefault((sentence.start, sentence.end), {})
        if "text" not in self._shared:
            origin = ctx.normalized.origin
            base = bisect_left(origin, sentence.start)
            self._shared["text"] = (base, ctx.normalized.text[base:bisect_left(origin, sentence.end)])
        self.base, self.text = self._shared["text"]

    def local(self, offset: int) -> int:
        """The local normalized offset of an offset into the original text."""
        return bisect_left(self.ctx.normalized.origin, offset) - self.base

    def original(self, start: int, end: int) -> str:
        """The original text of a local normalized span."""
        s, e = self.ctx.normalized.span_to_original(self.base + start, self.base + end)
        return self.ctx.article.text[s:e]

    def _placed(self, items: Iterable[Any]) -> list[Placed]:
        return [Placed(self.local(x.start), self.local(x.end), x) for x in items]

    def date_mentions(self) -> list[DateMention]:
        return self.ctx.dates_in(self.sentence)

    def placed_mentions(self) -> list[Placed]:
        """The sentence's mentions at local offsets, shared by every family's view (do not change it)."""
        found = self._shared.get("mentions")
        if found is None:
            found = self._shared["mentions"] = self._placed(self.ctx.mentions_in(self.sentence))
        return found

    @cached_property
    def mentions(self) -> list[Placed]:
        return list(self.placed_mentions())

    def placed_dates(self) -> list[Placed]:
        """`date_mentions` at local offsets, shared by the views of the sentence (do not change it)."""
        key = ("dates", self.dates_source)
        found = self._shared.get(key)
        if found is None:
            found = self._shared[key] = self._placed(self.date_mentions())
        return found

    @cached_property
    def dates(self) -> list[Placed]:
        return list(self.placed_dates())

    @cached_property
    def numbers(self) -> list[Placed]:
        if "numbers" not in self._shared:
            self._shared["numbers"] = self._placed(self.ctx.numbers_in(self.sentence))
        return list(self._shared["numbers"])

    def type_of(self, mention: Mention) -> str:
        return self.ctx.entity_type(mention.entity_id)

    def mentions_between(self, start: int, end: int, types: Iterable[str] | None = None) -> list[Placed]:
        wanted = set(types) if types is not None else None
        return [p for p in self.mentions if start <= p.start and p.end <= end
                and (wanted is None or self.type_of(p.obj) in wanted)]

    def dates_between(self, start: int, end: int) -> list[Placed]:
        return [p for p in self.dates if start <= p.start and p.end <= end]

    def words_between(self, a: int, b: int) -> int:
        return len(re.findall(r"\w+", self.text[a:b])) if b > a else 0

    @cached_property
    def clause_bounds(self) -> list[tuple[int, int]]:
        # The same for every family's view of the sentence: worked out once.
        if "clauses" not in self._shared:
            self._shared["clauses"] = clause_spans(self.text, PREDICATION_BREAKS)
        return self._shared["clauses"]

    def clause_of(self, pos: int) -> tuple[int, int]:
        """The clause around a position, cut at punctuation and at conjunctions of a new predication."""
        return clause_at(self.clause_bounds, pos)

    def is_place_use(self, item: Placed) -> bool:
        """A name used as a place: after في/إلى/من…, with a ب clitic (بالعراق), or coordinated with a place."""
        k = item.start
        while k > 0 and self.text[k - 1].isalpha():
            k -= 1
        glued = self.text[k:item.start]
        if glued and (glued in _PLACE_CLITICS or glued.rstrip("ل") in ("ب", "وب", "فب")):
            return True
        if glued == "و":
            # Coordinated with a place: "في العراق وسوريا".
            gap = self.text[:k].rstrip()
            for other in self.mentions:
                if other.end == len(gap) and other is not item:
                    return self.is_place_use(other)
        prev = _LAST_WORD.search(self.text[:k])
        if prev is None:
            return False
        word = prev.group(1)
        return word in _PLACE_PREPS or (word[:1] in "وف" and word[1:] in _PLACE_PREPS)


_PUNCTUATION_BREAKS = re.compile(r"[،,؛;:]")


def comma_clause(text: str, pos: int) -> tuple[int, int]:
    """The span between the punctuation marks around a position (the marks themselves left out)."""
    before = [m.end() for m in _PUNCTUATION_BREAKS.finditer(text, 0, pos)]
    after = _PUNCTUATION_BREAKS.search(text, pos)
    return (before[-1] if before else 0), (after.start() if after else len(text))

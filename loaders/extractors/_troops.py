"""What the troop_level and troop_movement extractors share: the nouns that name troops or their presence,
and the dates a troop figure or a movement can be dated by."""

from __future__ import annotations

from isnad.loaders.dates import DateMention
from isnad.loaders.extractors._dates import after_publication
from isnad.loaders.extractors._patterns import normalized_re, word_pattern
from isnad.loaders.extractors._sentence_view import Placed, SentenceView

# Troop nouns (the thing that moves or is counted), normalized, with clitics and possessive suffixes.
TROOP_NOUNS = ("قوات", "قوة", "جنود", "جندي", "جنديا", "عسكري", "عسكريين", "عسكريون", "عسكريا",
               "مستشار", "مستشارين", "مستشاري", "مستشارون", "ضباط", "الجيش", "جيش", "قطعات", "وحدات",
               "كتيبة", "لواء", "مشاة", "المارينز", "مشاة البحرية", "تعزيزات", "عناصر", "أفراد")
RX_TROOP = word_pattern(TROOP_NOUNS, suffix=r"(?:ها|ه|هم)?")
# "قلص وجوده", "خفضت وجودها العسكري": the presence itself as the object of a movement.
RX_PRESENCE = word_pattern(("وجود", "تواجد", "انتشار", "حضور"), suffix=r"(?:ها|ه|هم)?")

_RX_DEADLINE_BEFORE = normalized_re(r"(?:حتى|بحلول|قبل|لغاية|أقصاه|موعد)\s*$")
_RX_DEADLINE_START = normalized_re(r"(?:[وف]?(?:حتى|بحلول|قبل|لغاية|مع))\s")


def usable_point_dates(view: SentenceView, lo: int, hi: int, published: str) -> list[Placed]:
    """Point dates in [lo, hi) that are not deadlines and not after publication."""
    out = []
    for it in view.dates_between(lo, hi):
        d: DateMention = it.obj
        if d.is_period:
            continue
        if _RX_DEADLINE_BEFORE.search(view.text[max(0, it.start - 12):it.start]) or _RX_DEADLINE_START.match(
                view.text[it.start:it.end]):
            continue
        if after_publication(published, d.value):
            continue  # in the future of the article
        out.append(it)
    return out

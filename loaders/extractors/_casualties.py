"""Casualties stated in a span of a sentence: killed and injured counted after مقتل/إصابة (summing "أربعة
عسكريين واثنين من…"), a singular or dual victim noun, a number followed by قتلى/جرحى, and "دون أن يسفر عن
خسائر بشرية" as 0/0."""

from __future__ import annotations

import re

from isnad.loaders.extractors._patterns import WORD_END as E
from isnad.loaders.extractors._patterns import WORD_START as B
from isnad.loaders.extractors._patterns import normalized_re as _rx
from isnad.loaders.extractors._sentence_view import SentenceView
from isnad.loaders.normalize import normalize_term as _n
from isnad.loaders.numbers import NumberMention

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


def _victim_number(number: NumberMention) -> bool:
    noun = number.noun
    return noun is None or noun in PERSON_NOUNS or noun.endswith(("يين", "يون"))


def casualties(view: SentenceView, start: int, end: int) -> tuple[int | None, int | None]:
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


def fill_casualties(fields: dict, view: SentenceView, start: int, end: int) -> None:
    """Set killed and injured from [start, end) where the fields do not have them yet."""
    killed, injured = casualties(view, start, end)
    if fields.get("killed") is None and killed is not None:
        fields["killed"] = killed
    if fields.get("injured") is None and injured is not None:
        fields["injured"] = injured

"""Counts and percentages in Arabic news: digits, number words, multipliers, qualifiers and counted nouns.

``find_numbers(text)`` returns NumberMention records with offsets into the ORIGINAL text (the rules run on
the normalized text, see loaders.normalize; word lists are written in ordinary spelling and normalized).

Decisions:

- Digits: Latin or Arabic-Indic (normalized), thousands separators "5,000" / "٥٬٠٠٠", decimals "2.5" /
  "٢٫٥"; "2,5" is a decimal only before a multiplier ("2,5 مليار"). Digits × multiplier: "240 ألف" →
  240000, "2.5 مليار" → 2500000000 (an integral value is returned as int).
- Number words in all case forms: واحد… عشرة, أحد عشر… تسعة عشر, عشرون/عشرين… تسعون/تسعين, compounds
  with و (خمسة وعشرون), مئة/مائة, مئتان/مئتين, ثلاثمائة…, ألف, ألفان/ألفين/ألفي, آلاف, مليون(ان/ين),
  ملايين, مليار(ان/ين), مليارات, and combinations ("ثلاثة آلاف وخمسمائة" → 3500,
  "مليون و500 ألف" → 1500000). A و-joined part that is not smaller than the group before it starts a
  new number ("ثلاثة آلاف و240 ألف" are two numbers).
- Vague quantities are NOT numbers: عشرات، مئات، آلاف and ملايين on their own, بضعة، عدة — a fact's count
  must be exact, and any value for "dozens" would be invented. واحد/واحدة on their own are skipped too
  ("في آن واحد", "جندي واحد" carry no count worth extracting).
- Not counts: years (a bare 1900–2100 integer with no qualifier, multiplier or known counted noun after
  it), anything inside a date found by loaders.dates ("27 كانون الثاني", "عام 2014"), ordinals (الثالثة,
  الـ25, definite number words such as "الذكرى الخمسين"), times (10:30), ranges and identifiers glued with
  / or - (2334/2016, F-16), digit strings with a leading zero (phone numbers, codes), numbers labelled
  as identifiers (القرار 2334، رقم 5، اللواء 44) and aircraft or missile designations written in Arabic
  letters (أف 16، إس 400).
- Qualifiers before the number: أكثر من، ما يزيد على/عن، يزيد على، ما يربو على، أزيد من، ما يفوق →
  more_than; ما لا يقل عن، لا يقل عن → at_least (also "على الأقل" after the noun); نحو، حوالي، قرابة،
  زهاء، ما يقارب، ما يقرب من، يناهز، ما يناهز، في حدود → about (also "تقريبا" after); أقل من، ما يقل عن →
  less_than; ما يصل إلى، يصل إلى، حتى → less_than as well: "up to N" is an upper bound, and FACTS has no
  at_most, so less_than is the closest of its qualifiers (documented loss: N itself is allowed).
- Percentages: "80%", "%80", "80 ٪", "80 في المائة/المئة", "80 بالمائة/بالمئة" → percent=True, noun None.
- The counted noun is the word after the number (or after "من" for "عشرة من الجنود"), reduced to a
  lemma through a small table of nouns news counts (جنود → جندي, هجوما → هجوم, صواريخ → صاروخ,
  دول → دولة…); other words are returned normalized with an accusative ا removed after 11–99
  ("هجوما"). Prepositions, pronouns and و-prefixed words (verbs: "وأصيب") give None. The noun is in
  NORMALIZED spelling (دوله, قذيفه, طاءره), so it compares directly with normalize_term() keys.
- The span (start/end/surface) covers the number phrase and its percent sign or "في المائة", not the
  qualifier and not the noun (noun_start/noun_end give the noun).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import ahocorasick

from isnad.loaders.dates import DateMention, date_spans
from isnad.loaders.normalize import NormalizedText, normalize, normalize_term

__all__ = ["NumberMention", "find_numbers"]


@dataclass(frozen=True)
class NumberMention:
    start: int  # offsets into the original text of the number phrase (qualifier and noun not included)
    end: int
    surface: str  # == original[start:end]
    value: int | float
    qualifier: str  # "exact" | "about" | "more_than" | "at_least" | "less_than"
    percent: bool
    noun: str | None  # counted noun, normalized and lemma-ish (جندي, هجوم, دولار, دوله ...)
    noun_start: int | None = None
    noun_end: int | None = None


def _n(s: str) -> str:
    return normalize_term(s)


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


# ----------------------------------------------------------------------------------------------------
# Number words (normalized). Kinds: unit, ten (عشر), teen_prefix (أحد/اثنا before عشر), tens, hundred
# (مئة, multiplies a preceding unit), hundreds (ثلاثمائة), mult (ألف/مليون/مليار; plural forms flagged),
# dual (ألفين = 2000).

# Values are Decimal so that "8.2 مليار" is 8200000000 exactly, not 8199999999.999999.
_WORDS: dict[str, tuple[str, Decimal]] = {}


def _add(kind: str, value: float, *forms: str) -> None:
    for f in forms:
        _WORDS[_n(f)] = (kind, Decimal(int(value)))


_add("unit1", 1, "واحد", "واحدة")  # only inside compounds (واحد وعشرون)
_add("unit", 2, "اثنان", "اثنين", "اثنتان", "اثنتين")
for _v, _forms in {
    3: ("ثلاث", "ثلاثة"), 4: ("أربع", "أربعة"), 5: ("خمس", "خمسة"), 6: ("ست", "ستة"), 7: ("سبع", "سبعة"),
    8: ("ثماني", "ثمانية", "ثمان"), 9: ("تسع", "تسعة"),
}.items():
    _add("unit", _v, *_forms)
_add("ten", 10, "عشر", "عشرة")
_add("teen_prefix", 1, "أحد", "إحدى")
_add("teen_prefix", 2, "اثنا", "اثني", "اثنتا", "اثنتي")
for _v, _stem in {20: "عشر", 30: "ثلاث", 40: "أربع", 50: "خمس", 60: "ست", 70: "سبع", 80: "ثمان", 90: "تسع"}.items():
    _add("tens", _v, _stem + "ون", _stem + "ين")
_add("hundred", 100, "مئة", "مائة", "مئه", "مائه")
_add("dual", 200, "مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مئتي", "مائتا", "مائتي")
for _v, _stem in {3: "ثلاث", 4: "أربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}.items():
    _add("hundreds", _v * 100, _stem + "مئة", _stem + "مائة")
_add("mult", 1e3, "ألف", "ألفا")
_add("plural_mult", 1e3, "آلاف")
_add("mult", 1e6, "مليون", "مليونا")
_add("plural_mult", 1e6, "ملايين")
_add("mult", 1e9, "مليار", "مليارا", "بليون", "بليونا")
_add("plural_mult", 1e9, "مليارات", "بلايين")
_add("mult", 1e12, "تريليون", "ترليون", "تريليونا", "ترليونا")
_add("plural_mult", 1e12, "تريليونات", "ترليونات")
_add("dual", 2e3, "ألفان", "ألفين", "ألفي")
_add("dual", 2e6, "مليونان", "مليونين", "مليوني")
_add("dual", 2e9, "ملياران", "مليارين", "ملياري")

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?=\s*(?:الف|مليون|مليار))|\d+(?:\.\d+)?"
_WORD_ALT = _alt(list(_WORDS))
# One token: optional clitics, then digits or a number word. Digits must not touch other digits, letters
# (F16), or / - : (dates, ranges, identifiers, times).
_RX_TOKEN = re.compile(
    rf"(?P<cl>[وفبلك]{{0,2}})(?:(?P<dig>{_DIGITS})(?![\d/:\-A-Za-z]|[.,]\d)|(?P<w>{_WORD_ALT})(?!\w))"
)
_RX_GAP = re.compile(r"\s*")

_RX_PERCENT_AFTER = re.compile(_n(r"\s*(?:%|٪|(?:في\s+|ب)(?:المائة|المئة|المية|مائة|مئة))(?!\w)"))
_RX_PERCENT_BEFORE = re.compile(r"[%٪]\s*$")

_QUALIFIERS: list[tuple[str, str]] = [
    ("ما لا يقل عن", "at_least"), ("لا يقل عن", "at_least"), ("ما لا يقل على", "at_least"),
    ("أكثر من", "more_than"), ("ما يزيد على", "more_than"), ("ما يزيد عن", "more_than"),
    ("يزيد على", "more_than"), ("يزيد عن", "more_than"), ("ما يربو على", "more_than"),
    ("ما يربو عن", "more_than"), ("يربو على", "more_than"), ("أزيد من", "more_than"), ("ما يفوق", "more_than"),
    ("يفوق", "more_than"), ("ما يناهز", "about"), ("يناهز", "about"), ("نحو", "about"), ("حوالي", "about"),
    ("حوالى", "about"), ("قرابة", "about"), ("زهاء", "about"), ("ما يقارب", "about"), ("ما يقرب من", "about"),
    ("يقارب", "about"), ("في حدود", "about"), ("بحدود", "about"), ("تقريبا", "about"),
    ("أقل من", "less_than"), ("ما يقل عن", "less_than"), ("ما دون", "less_than"),
    ("ما يصل إلى", "less_than"), ("يصل إلى", "less_than"), ("تصل إلى", "less_than"), ("حتى", "less_than"),
]
_QUAL_BY_WORDS = {" ".join(_n(k).split()): v for k, v in _QUALIFIERS}
_QUAL_BY_WORDS[_n("على الأقل")] = "at_least"
_RX_QUALIFIER = re.compile(
    r"(?<!\w)[وفبلك]?(?P<q>" + _alt([_n(k) for k, _ in _QUALIFIERS]) + r")\s*$"
)
_RX_AFTER_NOUN = re.compile(_n(r"\s+(?P<q>على\s+الأقل|تقريبا)(?!\w)"))

# A word right before the digits that makes them a label, not a count.
_LABELS = {
    _n(w)
    for w in (
        "رقم", "الرقم", "برقم", "القرار", "قرار", "المادة", "مادة", "الفقرة", "البند", "بند", "اللواء", "لواء",
        "الفرقة", "فرقة", "الكتيبة", "الفوج", "الطريق", "طريق", "الرحلة", "رحلة", "الصفحة", "صفحة", "القانون",
        "قانون", "الساعة", "الدقيقة", "الفصل", "المرسوم", "مرسوم", "الجولة", "الدورة", "النسخة", "العدد",
        "الحلقة", "الطابق", "الحزمة", "قاعدة", "القاعدة", "كود", "فيديو",
        # Latin letters of weapon designations written in Arabic script (F-16, S-400, MQ-9, B-52, C-130).
        "أف", "إف", "اف", "إس", "اس", "كيو", "بي", "سي", "إم", "ام", "تي", "إتش", "يو",
    )
}

# Counted nouns news reports, by the forms they take after numbers (plural, accusative, genitive).
_NOUN_LEMMAS: dict[str, str] = {}
for _lemma, _forms in {
    "جندي": ("جندي", "جنود", "جنديا"), "عسكري": ("عسكري", "عسكريين", "عسكريون", "عسكريا"),
    "عنصر": ("عنصر", "عناصر", "عنصرا"), "مقاتل": ("مقاتل", "مقاتلين", "مقاتلون", "مقاتلا"),
    "مستشار": ("مستشار", "مستشارين", "مستشارون", "مستشارا"), "ضابط": ("ضابط", "ضباط", "ضابطا"),
    "فرد": ("فرد", "أفراد", "فردا"), "عضو": ("عضو", "أعضاء", "عضوا"), "شخص": ("شخص", "أشخاص", "شخصا"),
    "قتيل": ("قتيل", "قتلى", "قتيلا"), "جريح": ("جريح", "جرحى", "جريحا"), "مدني": ("مدني", "مدنيين", "مدنيا"),
    "مصاب": ("مصاب", "مصابين", "مصابا"), "آخر": ("آخرين", "آخرون"), "معتقل": ("معتقل", "معتقلين", "معتقلا"),
    "هجوم": ("هجوم", "هجمات", "هجوما"), "ضربة": ("ضربة", "ضربات"), "غارة": ("غارة", "غارات"),
    "عملية": ("عملية", "عمليات"), "صاروخ": ("صاروخ", "صواريخ", "صاروخا"), "قذيفة": ("قذيفة", "قذائف"),
    "طائرة": ("طائرة", "طائرات"), "مسيرة": ("مسيرة", "مسيرات"), "دولة": ("دولة", "دول"),
    "دولار": ("دولار", "دولارات", "دولارا"), "دينار": ("دينار", "دنانير", "دينارا"), "يورو": ("يورو",),
    "قاعدة": ("قاعدة", "قواعد"), "موقع": ("موقع", "مواقع", "موقعا"), "فصيل": ("فصيل", "فصائل", "فصيلا"),
    "مرة": ("مرة", "مرات"), "يوم": ("يوم", "أيام", "يوما"), "أسبوع": ("أسبوع", "أسابيع", "أسبوعا"),
    "شهر": ("شهر", "أشهر", "شهور", "شهرا"), "عام": ("عام", "أعوام", "عاما"), "سنة": ("سنة", "سنوات", "سنين"),
    "ساعة": ("ساعة", "ساعات"), "كيلومتر": ("كيلومتر", "كيلومترات", "كيلومترا", "كم"),
    "مدرعة": ("مدرعة", "مدرعات"), "دبابة": ("دبابة", "دبابات"), "عربة": ("عربة", "عربات"),
    "برميل": ("برميل", "براميل", "برميلا"), "لاجئ": ("لاجئ", "لاجئين", "لاجئا"), "نازح": ("نازح", "نازحين"),
}.items():
    for _f in _forms:
        _NOUN_LEMMAS[_n(_f)] = _n(_lemma)

_NOT_NOUNS = {
    _n(w)
    for w in (
        "من", "في", "على", "إلى", "عن", "مع", "منذ", "خلال", "بين", "حتى", "أو", "ثم", "قد", "أن", "إن", "التي",
        "الذي", "الذين", "هذا", "هذه", "ذلك", "تلك", "لا", "لم", "لن", "ما", "كما", "بعد", "قبل", "عند", "فقط",
        "نحو", "حوالي", "أي", "كل", "بعض", "كان", "كانت", "هو", "هي", "هم", "عاما", "آلاف", "ملايين",
    )
}
# The lookbehind only spares the search the starts inside a word (it would return the whole last word anyway).
_RX_PREV_WORD = re.compile(r"(?<![\u0621-\u064a])(?P<w>[\u0621-\u064a]+)[^\w\s]*\s*$")
_RX_LEADING_ZERO = re.compile(r"0\d")
_RX_NEXT_WORD = re.compile(r"\s*(?P<w>[\u0621-\u064a]+)")
_RX_DEFINITE = re.compile(r"(?<![\w])(?:[وفبك]?ال|لل)$")

_TRIGGERS = ahocorasick.Automaton()
for _w in _WORDS:
    _TRIGGERS.add_word(_w, len(_w))
for _d in "0123456789":
    _TRIGGERS.add_word(_d, 1)
_TRIGGERS.make_automaton()

_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"})


@dataclass(slots=True)  # slots: built hundreds of times per article, ~2x faster to make
class _Phrase:
    start: int
    end: int
    value: Decimal
    tokens: list[re.Match[str]]
    has_mult: bool
    digits_only: bool


def _token_value(m: re.Match[str]) -> tuple[str, Decimal]:
    if m.group("dig") is not None:
        d = m.group("dig")
        if "," in d and not re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", d):
            d = d.replace(",", ".")  # "2,5 مليار"
        return "digits", Decimal(d.replace(",", ""))
    return _WORDS[m.group("w")]


def _parse(t: str, s: int) -> _Phrase | None:
    """Parse the number phrase starting at s (a token start, clitics included)."""
    tokens: list[re.Match[str]] = []
    kinds: list[tuple[str, Decimal]] = []
    pos = s
    while True:
        m = _RX_TOKEN.match(t, pos)
        if m is None:
            break
        cl = m.group("cl")
        if tokens:
            # Inside a phrase only the conjunction may be attached, and digits never follow digits.
            if cl not in ("", "و"):
                break
            kind = _token_value(m)
            if kind[0] == "digits" and (kinds[-1][0] == "digits" or cl == "و" and kinds[-1][0] != "mult"):
                break
            if kinds[-1][0] == "digits" and kind[0] not in ("mult", "plural_mult", "hundred"):
                break
            if cl == "" and kinds[-1][0] in ("unit", "tens") and kind[0] in ("unit", "tens", "unit1"):
                break  # "خمسة ثلاثة" is not one number
        else:
            if cl not in _CLITICS:
                return None
            kind = _token_value(m)
        tokens.append(m)
        kinds.append(kind)
        pos = _RX_GAP.match(t, m.end()).end()
    if not tokens:
        return None

    total = Decimal(0)
    current = Decimal(0)
    last_mult = Decimal("Infinity")
    group_start = 0  # index of the first token after the last multiplier
    used = len(tokens)
    has_mult = False
    for i, (kind, val) in enumerate(kinds):
        nxt = kinds[i + 1][0] if i + 1 < len(kinds) else None
        if kind in ("unit", "unit1", "digits", "tens", "hundreds"):
            current += val
        elif kind == "ten":
            current += 10
        elif kind == "teen_prefix":
            if nxt != "ten":
                used = i
                break
            current += val
        elif kind == "hundred":
            current = current * 100 if 0 < current < 10 else current + 100
        elif kind in ("mult", "plural_mult"):
            if kind == "plural_mult" and not (3 <= current <= 10 or (kinds[group_start][0] == "digits")):
                used = group_start if current else i
                break  # "آلاف" on its own, "عشرات الآلاف": vague
            if val >= last_mult:
                used = group_start
                break  # "ثلاثة آلاف و240 ألف": a second number starts
            total += (current or 1) * val
            current = 0
            last_mult = val
            group_start = i + 1
            has_mult = True
        elif kind == "dual":
            if current or val >= last_mult:
                used = group_start if current else i
                break
            total += val
            last_mult = val
            group_start = i + 1
            has_mult = True
    else:
        used = len(tokens)
    if used < len(tokens):
        # Re-evaluate on the tokens kept (the rest is picked up as a phrase of its own).
        if used == 0:
            return None
        sub = _parse_tokens_end(t, s, tokens[:used])
        return sub
    value = total + current
    if value == 0:
        return None
    if len(tokens) == 1 and kinds[0][0] == "unit1":
        return None
    return _Phrase(s, tokens[-1].end(), value, tokens, has_mult, all(k[0] == "digits" for k in kinds))


def _parse_tokens_end(t: str, s: int, tokens: list[re.Match[str]]) -> _Phrase | None:
    end = tokens[-1].end()
    # Parse again on a copy of the text cut after the kept tokens (cheap: phrases are short).
    return _parse(t[:end], s)


def find_numbers(
    text: str, normalized: NormalizedText | None = None, dates: Sequence[DateMention] | None = None
) -> list[NumberMention]:
    """Number mentions in ``text``.

    Pass ``normalized`` (= normalize(text)) and ``dates`` (= find_dates(text, ...)) when you have them, to
    avoid normalizing and scanning for dates a second time; without ``dates`` the date spans are found here.
    """
    n = normalized if normalized is not None else normalize(text)
    t = n.text
    size = len(t)
    # Offsets taken by dates, in ORIGINAL coordinates (that is what DateMention carries).
    taken = bytearray(len(text))
    spans = [(d.start, d.end) for d in dates] if dates is not None else [
        n.span_to_original(a, b) for a, b in date_spans(n)
    ]
    for a, b in spans:
        taken[a:b] = b"\x01" * (b - a)
    origin = n.origin
    out: list[NumberMention] = []
    done = 0  # everything before this offset belongs to an earlier phrase
    for last, length in _TRIGGERS.iter(t):
        p = last - length + 1
        if p < done:
            continue
        if t[p].isdigit():
            if p > 0 and t[p - 1] in ".,/:-":
                continue  # inside a decimal, a range, a date or an identifier
        elif last + 1 < size and t[last + 1].isalnum():
            continue  # the start of a longer word
        s = p
        while s > 0 and t[s - 1].isalnum():
            s -= 1
        if t[s:p] not in _CLITICS:
            continue  # inside a longer word or a digit run, or definite (الـ25, الخمسين: ordinal use)
        # Last of the checks: on a piecewise offset map the look-up is a bisection, and every digit of the
        # text is a trigger (the checks above drop all but the first digit of a number).
        if taken[origin[p]]:
            continue
        phrase = _parse(t, s)
        if phrase is None:
            continue
        done = phrase.end
        mention, end = _mention(n, t, phrase, taken)
        if mention is not None:
            out.append(mention)
            done = end  # a percent sign or "في المئة" after the number is part of it, never a number of its own
    return out


def _mention(n: NormalizedText, t: str, ph: _Phrase, taken: bytearray) -> tuple[NumberMention | None, int]:
    """The mention for a parsed phrase (None when it is not a count), and where it ends in normalized text."""
    s, e = ph.start, ph.end
    first = ph.tokens[0]
    num_start = first.start("dig") if first.group("dig") is not None else first.start("w")
    os_, oe = n.span_to_original(s, e)
    if any(taken[os_:oe]):
        return None, e  # part of a date
    before = t[max(0, s - 40) : s]
    if _RX_DEFINITE.search(t, max(0, num_start - 4), num_start):
        return None, e  # الـ25, الخمسين: ordinal or definite use
    if first.group("dig") is not None and _RX_LEADING_ZERO.match(first.group("dig")):
        return None, e  # 07701234567, 003: a phone number or a code, not a count
    prev = _RX_PREV_WORD.search(before)
    if prev and first.group("dig") is not None:
        word = prev.group("w")
        if word in _LABELS or (word[0] in "وف" and word[1:] in _LABELS):
            return None, e
    percent = False
    m_pct = _RX_PERCENT_AFTER.match(t, e)
    if m_pct:
        percent = True
        e_total = m_pct.end()
    else:
        e_total = e
        if _RX_PERCENT_BEFORE.search(t, max(0, s - 3), s):
            percent = True
    qualifier = "exact"
    mq = _RX_QUALIFIER.search(t, max(0, s - 30), s)
    if mq:
        qualifier = _QUAL_BY_WORDS[" ".join(mq.group("q").split())]
    value: int | float = int(ph.value) if ph.value == ph.value.to_integral_value() else float(ph.value)

    noun = None
    noun_span: tuple[int, int] | None = None
    if not percent:
        noun, noun_span = _counted_noun(t, e_total, value)
        if noun_span is not None:
            ma = _RX_AFTER_NOUN.match(t, noun_span[1])
            if ma and qualifier == "exact":
                qualifier = _QUAL_BY_WORDS[" ".join(ma.group("q").split())]
    # A bare year-like integer with nothing that makes it a count is a year.
    if (
        ph.digits_only
        and isinstance(value, int)
        and 1900 <= value <= 2100
        and "," not in first.group("dig")
        and qualifier == "exact"
        and not percent
        and (noun is None or noun not in _NOUN_LEMMAS.values())
        and not _ranges_to_a_count(t, e)
    ):
        return None, e
    ms, me = n.span_to_original(num_start, e_total)
    ns = ne = None
    if noun_span is not None:
        ns, ne = n.span_to_original(*noun_span)
    return NumberMention(ms, me, n.original[ms:me], value, qualifier, percent, noun, ns, ne), e_total


_RX_RANGE_PARTNER = re.compile(_n(r"\s*(?:-|و|إلى|الى|حتى)\s*(?P<n>\d+)(?![\d.,]\d)"))


def _ranges_to_a_count(t: str, end: int) -> bool:
    """'بين 2000 و3000 مقاتل': a year-like number whose partner is not a year is a count."""
    m = _RX_RANGE_PARTNER.match(t, end)
    return m is not None and not 1900 <= int(m.group("n")) <= 2100


def _counted_noun(t: str, pos: int, value: float) -> tuple[str | None, tuple[int, int] | None]:
    m = _RX_NEXT_WORD.match(t, pos)
    if m is None:
        return None, None
    word = m.group("w")
    if word == _n("من"):
        m2 = _RX_NEXT_WORD.match(t, m.end())
        if m2 is None:
            return None, None
        w2 = m2.group("w")
        w2 = w2[2:] if w2.startswith("ال") else w2[3:] if w2.startswith(("وال", "بال")) else w2
        lemma = _NOUN_LEMMAS.get(w2)
        return (lemma, m2.span("w")) if lemma else (None, None)
    if word in _NOUN_LEMMAS:
        return _NOUN_LEMMAS[word], m.span("w")
    if word in _NOT_NOUNS or word[0] in "وف" or word.startswith("ال") or word in _WORDS:
        return None, None
    if 11 <= value <= 99 and word.endswith("ا") and len(word) > 3:
        word = word[:-1]  # accusative tamyiz: هجوما → هجوم
    return word, m.span("w")

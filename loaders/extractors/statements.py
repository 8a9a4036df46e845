"""Statements: who said what, when, and with which stance (../shared/FACTS.md, kind `statement`).

A statement is anchored on a speech act: a reporting verb outside quotation marks (قال، أكد، أوضح، أشار،
لفت، شدد، أعلن، اعتبر، رأى، أضاف …, in the perfect, the imperfect or as a circumstantial participle
مؤكداً، مهددةً …) or an attribution phrase (بحسب / على لسان / نقلاً عن + actor). Each such anchor opens a
clause that runs to the next anchor; the clause gives the stance, the anchor's neighbourhood the speaker and
the date. How each part is decided, and why:

- Speaker. After the verb (VSO: وقال وزير الخارجية فؤاد حسين) the first word that is not a filler decides:
  a titled person starting there, an actor mention (never a nisba: "مسؤول أميركي" is not the US), an
  anonymous head (مسؤول، مصادر، خبراء … — the statement is dropped and the thread of speakers is cut), a
  bare title (وزير الخارجية الأمريكي, المتحدث) resolved to the person last introduced with that post, or a
  generic group noun (الجماعة) resolved to the last armed group mentioned. Without a subject after the verb
  (وأضاف أن، ولفت إلى، مؤكداً …) the speaker is the sentence's speaker so far, else — for a verb opening
  its sentence — the previous statement's speaker (within two sentences), else the subject before the verb
  (SVO: an actor right before it, the antecedent of الذي/التي, or the actor opening the sentence).
  Only actors count (FACTS: Person, State, bodies, groups, coalitions, forces); places never do.
- Not statements: negated verbs (لم تعلن), joint statements (two actors joined by و, or مشترك), future
  forms, plural verbs without a named subject (خبراء … وشددوا), anonymous speakers.
- Stance. A stance verb gives its stance (رحب → welcomes, أدان → criticizes, طالب → demands, هدد →
  threatens, أيد → supports, رفض → opposes). A neutral reporting verb takes the stances its content
  signals through cue words (ضرورة/يجب → demands, لن تتسامح/وإلا → threatens, بحاجة إلى → supports,
  استهانة/انتهاك → criticizes, ترحيب/إنجاز → welcomes, ليس باستمرار → opposes), else asserts. One clause may
  give several stances (demands and threatens: "يجب أن ينفذ، وإلا …").
- Date: the date of the speech act — a point date between the verb and the reported content (قال X الجمعة
  إن …) or just before the verb in the same clause (وفي 25 كانون الثاني، أكد …), never one inside quotes or
  after إن/أن (the content's own dates), never a deadline (بحلول، حتى، قبل …) or a date after publication.
  Statements of one speaker in one sentence share it; a continuation without its own date takes the date
  of the statement it continues; otherwise the publication date at its precision (tests/gold/NOTES.md).
- Elaboration: a subject-less continuation (وأضاف، وتابع …) that only asserts, after the speaker took another
  stance on the same occasion, adds no record; nor does a finite verb inside the reported content whose
  subject names the same speaker again (قال إن … الذي أكد الوزير أنه …) unless its content has a cue; a
  judgement verb (وصف، اعتبر، رأى) without cues of its own repeats the stance just taken in its sentence
  (رحب … ووصفه بأنه …).
- One record per (speaker, date, stance) per article: repeated sentences of one speaker on one occasion with
  one stance collapse (tests/gold/NOTES.md "Unit"); the evidence is the first such sentence.
- quote: the first quoted passage of the clause; topic: the first words of the reported content (Arabic).
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, compress, count, repeat
from typing import NamedTuple

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._prefilter import prefiltered
from isnad.loaders.extractors._sentence_view import SentenceView
from isnad.loaders.extractors.common import ACTOR_TYPES, cue_pattern, fact
from isnad.loaders.mentions import Mention
from isnad.loaders.normalize import normalize_term
from isnad.loaders.records import Fact
from isnad.loaders.sentences import Sentence

NAME = "statements"
VERSION = "1"

_n = normalize_term

# ── reporting and stance verbs ────────────────────────────────────────────────────────────────────────
# (perfect 3ms, imperfect stem after ي/ت, participle stem or None). Regular forms are generated:
# perfect +ت, imperfect ي/ت + stem, participle + ا / ة; plurals (+وا, +ون) are recognized only to cut the thread.
_NEUTRAL = [
    ("قال", "قول", "قائل"), ("أكد", "ؤكد", "مؤكد"), ("أوضح", "وضح", "موضح"), ("أشار", "شير", "مشير"),
    ("لفت", "لفت", "لافت"), ("ذكر", "ذكر", "ذاكر"), ("شدد", "شدد", "مشدد"), ("أعلن", "علن", "معلن"),
    ("صرح", "صرح", "مصرح"), ("اعتبر", "عتبر", "معتبر"), ("أضاف", "ضيف", "مضيف"), ("تابع", "تابع", None),
    ("وصف", "صف", "واصف"), ("أفاد", "فيد", None), ("كشف", "كشف", "كاشف"), ("بين", "بين", "مبين"),
    ("نوه", "نوه", "منوه"), ("أبلغ", "بلغ", None), ("أعرب", "عرب", "معرب"), ("تعهد", "تعهد", "متعهد"),
    ("اتهم", "تهم", None), ("حذر", "حذر", "محذر"), ("أردف", "ردف", "مردف"), ("استطرد", "ستطرد", "مستطرد"),
]
_STANCE_VERBS = {
    "welcomes": [("رحب", "رحب", "مرحب"), ("أشاد", "شيد", "مشيد"), ("ثمن", "ثمن", "مثمن")],
    "criticizes": [("انتقد", "نتقد", "منتقد"), ("ندد", "ندد", "مندد"), ("استنكر", "ستنكر", "مستنكر"),
                   ("أدان", "دين", None), ("شجب", "شجب", None)],
    "demands": [("طالب", "طالب", "مطالب"), ("حث", "حث", "حاث"), ("ناشد", "ناشد", "مناشد")],
    "threatens": [("هدد", "هدد", "مهدد"), ("توعد", "توعد", "متوعد"), ("لوح", "لوح", "ملوح")],
    "supports": [("أيد", "ؤيد", None)],
    "opposes": [("رفض", "رفض", "رافض"), ("عارض", "عارض", None)],
}
# Weak verbs, written out: (perfect forms, imperfect forms, participle forms, plural forms, stance).
_WEAK = [
    (("رأى", "رأت"), ("يرى", "ترى"), (), ("رأوا", "يرون"), None),
    (("نفى", "نفت"), ("ينفي", "تنفي"), ("نافيا", "نافية"), ("نفوا", "ينفون"), None),
    (("تبنى", "تبنت"), ("يتبنى", "تتبنى"), (), ("تبنوا", "يتبنون"), None),
    (("دعا", "دعت"), ("يدعو", "تدعو"), ("داعيا", "داعية"), ("دعوا", "يدعون"), "demands"),
]
# Verbs whose form is also a common word unless a complement follows (تابع "affiliated", بين "between").
_STRICT = {_n(w) for w in ("تابع", "بين")}
# Object pronouns that may hang on a verb (ووصفها، أبلغه); not on verbs where that spells a noun.
_OBJECT_SUFFIXES = ("ه", "ها", "هم", "هما")
_NO_SUFFIX = {_n(w) for w in ("رأى", "ثمن", "بين", "ذكر")}


@dataclass(frozen=True)
class _Verb:
    stance: str | None  # None: a neutral reporting verb
    form: str  # perfect | imperfect | participle
    plural: bool = False
    has_object: bool = False
    strict: bool = False
    lemma: str = ""  # the perfect 3ms, normalized


def _build_verbs() -> dict[str, _Verb]:
    verbs: dict[str, _Verb] = {}

    lemma = ""

    def add(word: str, verb: _Verb, suffixes: bool = True) -> None:
        w = _n(word)
        verb = _Verb(verb.stance, verb.form, verb.plural, verb.has_object, verb.strict, lemma)
        verbs.setdefault(w, verb)
        if suffixes and verb.form != "participle" and not verb.plural:
            for s in _OBJECT_SUFFIXES:
                verbs.setdefault(w + s, _Verb(verb.stance, verb.form, False, True, verb.strict, lemma))

    entries = [(v, None) for v in _NEUTRAL] + [(v, st) for st, vs in _STANCE_VERBS.items() for v in vs]
    for (perfect, stem, participle), stance in entries:
        lemma = _n(perfect)
        strict = _n(perfect) in _STRICT
        sfx = _n(perfect) not in _NO_SUFFIX
        add(perfect, _Verb(stance, "perfect", strict=strict), sfx)
        add(perfect + "ت", _Verb(stance, "perfect", strict=strict), sfx)
        add("ي" + stem, _Verb(stance, "imperfect", strict=strict), sfx)
        add("ت" + stem, _Verb(stance, "imperfect", strict=strict), sfx)
        add(perfect + "وا", _Verb(stance, "perfect", plural=True), False)
        add("ي" + stem + "ون", _Verb(stance, "imperfect", plural=True), False)
        if participle:
            for end in ("ا", "ة", "اً"):
                add(participle + end, _Verb(stance, "participle", strict=strict), False)
            add(participle + "ين", _Verb(stance, "participle", plural=True), False)
    for perfects, imperfects, participles, plurals, stance in _WEAK:
        lemma = _n(perfects[0])
        for w in perfects:
            add(w, _Verb(stance, "perfect"), _n(w) not in _NO_SUFFIX)
        for w in imperfects:
            add(w, _Verb(stance, "imperfect"))
        for w in participles:
            add(w, _Verb(stance, "participle"), False)
        for w in plurals:
            add(w, _Verb(stance, "perfect", plural=True), False)
    return verbs


_VERBS = _build_verbs()

# ── words around the verb ─────────────────────────────────────────────────────────────────────────────
_COMPLEMENTIZERS = {_n(w) for w in ("إن", "أن", "إنه", "أنه", "إنها", "أنها", "بأن", "بأنه", "بأنها", "بأنهم",
                                    "إنهم", "أنهم", "إننا", "أننا", "بأنّ", "أنّ", "إنّ")}
_NEGATIONS = {_n(w) for w in ("لم", "لن", "لا", "ما", "ولم", "ولن", "ولا", "فلم", "عدم", "دون")}
# Words that may stand between the verb and its subject, or before a subject-less continuation verb.
_FILLERS = {_n(w) for w in ("أمس", "اليوم", "أيضا", "أيضاً", "كذلك", "مجددا", "مجدداً", "بدوره", "بدورها",
                            "قد", "فقد", "وقد", "،", ",", "-", "–")}
_CONNECTORS = {_n(w) for w in (
    "و", "ف", "ثم", "كما", "لكن", "ولكن", "لكنه", "ولكنه", "لكنها", "ولكنها", "إلا", "أنه", "أنها", "كذلك",
    "بدوره", "وبدوره", "بدورها", "وبدورها", "من", "ومن", "جهته", "جهتها", "جانبه", "جانبها", "في", "وفي",
    "المقابل", "هذا", "وهذا", "أما", "وأما", "قد", "وقد", "فقد", "كان", "وكان", "كانت", "وكانت", "بينما",
    "وبينما", "فيما", "وفيما", "سياق", "متصل", "ذلك", "وفي", "،", ",", ":", "-", "–", "|")}
_QAD = {_n(w) for w in ("قد", "فقد", "وقد")}
_RELATIVES = {_n(w) for w in ("الذي", "التي", "والذي", "والتي", "الذين")}
# Prepositions that make the following noun an object, not the subject.
_PREPOSITIONS = {_n(w) for w in ("مع", "من", "إلى", "الى", "على", "في", "عن", "بين", "ضد", "لدى", "عند", "نحو",
                                 "حول", "بشأن", "تجاه", "إزاء", "بعد", "قبل", "أمام", "خلال", "عقب", "إثر", "اثر")}
# Clause boundaries that stop a date before the verb from being the verb's.
_BOUNDARIES = {_n(w) for w in ("بينما", "فيما", "حين", "حيث", "عندما", "بعدما", "وبينما", "وفيما", "وحين")}
# A speaker that is not named: the statement is dropped.
_ANONYMOUS = {_n(w) for w in (
    "مسؤول", "مسؤولة", "مسؤولون", "مسؤولين", "مسئول", "مصدر", "مصادر", "خبير", "خبراء", "محلل", "محللون",
    "محللين", "دبلوماسي", "دبلوماسيون", "مراقبون", "مراقبين", "شهود", "سكان", "ناشطون", "مواطنون", "نواب",
    "نائب", "متحدث", "مستشار", "ضابط", "قيادي", "عضو", "أعضاء", "جهات", "أوساط", "تقارير", "وسائل",
    "حكومات", "دول", "قادة", "مسؤولو", "مسؤولي")}
# Generic nouns for an armed group, resolved to the last armed group mentioned.
_GROUP_NOUNS = {_n(w) for w in ("الجماعة", "الفصيل", "الميليشيا", "المليشيا", "الحركة", "الكتائب", "المجموعة")}
_GROUP_TYPES = frozenset({"Militia", "MilitiaUmbrella", "TerroristOrganization"})
# Bare titles (no name follows): resolved to the person last introduced with that post.
_MINISTERS = ("foreign_minister", "defense_minister", "interior_minister")
_BARE_TITLES: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    (tuple(_n(w) for w in t.split()), posts) for t, posts in (
        ("وزير الخارجية", ("foreign_minister",)), ("وزيرة الخارجية", ("foreign_minister",)),
        ("وزير الدفاع", ("defense_minister",)), ("وزيرة الدفاع", ("defense_minister",)),
        ("وزير الداخلية", ("interior_minister",)), ("رئيس الوزراء", ("head_of_government",)),
        ("رئيس الحكومة", ("head_of_government",)), ("رئيسة الوزراء", ("head_of_government",)),
        ("مستشار الأمن القومي", ("national_security_adviser",)), ("الرئيس", ("head_of_state",)),
        ("المتحدث", ("spokesperson",)), ("المتحدثة", ("spokesperson",)), ("الناطق", ("spokesperson",)),
        ("الوزير", _MINISTERS), ("الوزيرة", _MINISTERS), ("المبعوث", ("envoy",)), ("الموفد", ("envoy",)),
        ("القائد", ("military_commander",)), ("الجنرال", ("military_commander",)),
        ("الأمين العام", ("group_leader",)), ("الزعيم", ("group_leader",)),
    )
]
_BARE_TITLES.sort(key=lambda t: -len(t[0]))
_BARE_TITLE_HEADS = frozenset(title[0] for title, _posts in _BARE_TITLES)
_TITLE_MODIFIERS = {_n(w) for w in ("العسكري", "الرسمي", "الإعلامي", "العسكرية", "الرسمية", "الإعلامية")}
_COUNTERPART = prefiltered(_n(r"^[وف]?نظير(?:ه|ها|هم)?$"))
# Attribution phrases whose actor is the source of the sentence's content.
_ATTRIBUTIONS = [tuple(_n(w) for w in a.split()) for a in (
    "بحسب", "وبحسب", "حسب", "وحسب", "وفق", "وفقا ل", "على لسان", "نقلا عن", "نقلاً عن")]
_SO_CALLED = {_n(w) for w in ("تعرف", "يعرف", "تسمى", "يسمى", "تدعى", "يدعى")}
_SAYING_PARTICIPLE = _n("قائلا")
_ATTRIBUTION_HEADS = {a[0] for a in _ATTRIBUTIONS}
_SAYING = {_n(w) for w in ("قوله", "قولها", "قولهم", "تأكيده", "تأكيدها")}
# Tokens one of which a sentence must hold for _triggers to find anything: a speech verb (bare or after
# و/ف, as _verb_of reads it) or an attribution head. "عن" triggers only with a saying word (قوله)
# after it.
# A phrase of several words (على لسان) needs all of them.
_TRIGGER_WORDS = frozenset(
    {*_VERBS, *(c + w for c in "وف" for w in _VERBS if len(w) >= 3),
     *(a[0] for a in _ATTRIBUTIONS if len(a) == 1)}
)
_TRIGGER_PHRASES = tuple(frozenset(a) for a in _ATTRIBUTIONS if len(a) > 1)
# Tokens at which _triggers may find a trigger; it passes every other token by.
_TRIGGER_TOKENS = _TRIGGER_WORDS | _ATTRIBUTION_HEADS | {"عن"}
_SPEECH_NOUNS = {_n(w) for w in ("بيان", "تصريح", "تصريحات", "كلمة", "مؤتمر", "إيجاز", "مقابلة", "خطاب",
                                 "إحاطة", "تغريدة", "رسالة")}
# Words before a date that make it a deadline or a start, not the day of the speech.
_DATE_BLOCKERS = {_n(w) for w in ("منذ", "حتى", "بحلول", "قبل", "بعد", "لغاية", "مع", "بدءا", "بدءاً", "اعتبارا",
                                  "اعتباراً", "ابتداء", "ابتداءً", "خلال")}

# ── content cues (normalized, clitics allowed) ────────────────────────────────────────────────────────
_CUES: dict[str, re.Pattern[str]] = {
    "welcomes": cue_pattern((
        "ترحيب", "ترحيبه", "ترحيبها", "ترحيبهم", "يرحب", "ترحب", "نرحب", "نثمن", "يثمن", "تثمين", "إشادة",
        "إنجاز", "إنجازا", "خطوة إيجابية", "خطوة مهمة", "متفائل", "متفائلون", "تفاؤل", "تفاؤله", "ارتياح",
        "ارتياحه", "الشكر", "شكره", "نشيد", "يشيد")),
    "criticizes": cue_pattern((
        "استهانة", "تصعيد خطير", "تصعيدا خطيرا", "انتهاك", "انتهاكا", "انتهاكات", "اعتداء", "اعتداءات",
        "خيبة أمل", "غير مقبول", "غير مقبولة", "أعمال عدائية", "عدائية", "مكشوفة", "إملاءات", "الهيمنة",
        "هيمنة", "استغلال", "خرق", "خرقا", "سافر", "سافرا", "صارخ", "صارخا", "إدانة", "إدانته", "ندين",
        "يدين", "نستنكر", "يستنكر", "استنكار", "استنكاره", "انتقاد", "انتقاده", "زعزعة الاستقرار",
        "لعدم الاستقرار", "عدم الاستقرار", "استفزاز", "استفزازية", "جريمة", "مرفوض", "مرفوضة")),
    "demands": cue_pattern((
        "ضرورة", "يجب", "ينبغي", "لا بد", "لابد", "يتعين", "نأمل من", "نطالب", "يطالب", "تطالب", "مطالبة",
        "مطالبته", "تقتضي", "يقتضي", "من الواجب", "ندعو", "يدعو", "تدعو", "دعوته", "دعوتها", "نحث", "يحث",
        "نناشد")),
    "threatens": cue_pattern((
        "لن تتسامح", "لن نتسامح", "لن يتسامح", "لن تتردد", "لن نتردد", "لن يتردد", "ستتخذ خطوات",
        "سنتخذ خطوات", "خطوات إضافية", "إجراءات إضافية", "الرد سيكون", "سيكون الرد", "ردا قاسيا", "رد قاس",
        "وإلا", "مواصلة الهجمات", "مواصلة هجماتها", "مواصلة هجماتهم", "مواصلة العمليات", "مواصلة عملياتها",
        "مزيد من العمليات", "مزيد من الهجمات", "أهبة الاستعداد", "سنرد", "سترد", "لن تمر دون رد",
        "ستدفع الثمن", "سيدفع الثمن", "نحذر", "رد حازم", "ردا حازما", "برد حازم", "ردا مناسبا",
        "الرد المناسب")),
    "supports": cue_pattern((
        "بحاجة", "حاجة إلى", "حاجة الى", "نحتاج", "يحتاج", "تحتاج", "ضروري", "نؤيد", "يؤيد", "ندعم",
        "أهمية بقاء", "أهمية استمرار", "أهمية الدور")),
    "opposes": cue_pattern((
        "رفض", "رفضه", "رفضها", "رفضهم", "نرفض", "يرفض", "ترفض", "الرفض", "لا نقبل", "لن نقبل", "لن نسمح",
        "معارضته", "معارضتها", "نعارض")),
}
_OPPOSE_NEGATED = prefiltered(_n(r"(?<!\w)(?:ليس|ليست|لا|عدم)\s+(?:ب|في\s+)?(?:استمرار|بقاء|الاتكال|الاعتماد|تمديد)"))
# A need that is denied ("دون الحاجة") is an argument about need, not support.
_NEED_DENIED = prefiltered(_n(r"(?<!\w)(?:دون|عدم|انتفاء|لا|ليس|ليست)\s+(?:[بل]?ال)?حاج"))
_NEGATIVE = ("criticizes", "opposes")
# Verbs of judgement: without cues of their own they spell out the judgement just made (رحب … ووصفه بأنه).
_EVALUATIVE = {_n(w) for w in ("وصف", "اعتبر", "رأى")}
_STANCE_ORDER = ("welcomes", "supports", "criticizes", "opposes", "demands", "threatens", "asserts")


# ── tokens ────────────────────────────────────────────────────────────────────────────────────────────
_TOKEN = re.compile(r"\w+|[^\w\s]")


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


class _Tok(NamedTuple):
    start: int  # normalized offsets (whole article)
    end: int
    text: str
    in_quote: bool = False  # inside a quotation (a quote mark itself counts as inside)


def _tokenize(parts: list[str], lo: int) -> list[_Tok]:
    """The tokens of _TOKEN.finditer(text, lo, hi), with in_quote set, from the parts of
    _TOKEN_SPLIT.split(text[lo:hi]), built without a Python step per token where the span holds no quote
    mark: the parts are the tokens and the separators between them, and the running sum of their lengths
    gives every token's offsets."""
    ends = list(accumulate(map(len, parts), initial=lo))[1:]
    words = parts[1::2]
    if '"' not in words:
        quoted: list[bool] = [False] * len(words)
    else:
        # A token is in a quote when an odd number of quote marks come before it; a quote mark is in one.
        marks = list(map('"'.__eq__, words))
        quoted = list(map(operator.or_, marks, accumulate(marks, operator.xor)))
    return list(map(tuple.__new__, repeat(_Tok), zip(ends[0:-1:2], ends[1::2], words, quoted, strict=True)))


@dataclass
class _Trigger:
    index: int  # token index of the verb (or of the attribution's first word)
    verb: _Verb | None  # None for an attribution phrase
    speaker_from: int  # token index where the subject would start
    clause_end: int = 0  # token index (exclusive)
    content_after: int | None = None  # attribution whose content follows it (عن X قوله …)


@dataclass
class _Statement:
    speaker: str
    stances: list[str]
    date: str | None  # the explicit date of the speech act, if any
    sentence: Sentence
    quote: str | None
    topic: str | None
    continuation: bool = False
    extra: dict = field(default_factory=dict)


def _strip_conj(word: str) -> list[str]:
    """The word and, when it starts with و or ف, the word without it."""
    out = [word]
    if len(word) > 3 and word[0] in "وف":
        out.append(word[1:])
    return out


def _verb_of(tok: _Tok) -> _Verb | None:
    for w in _strip_conj(tok.text):
        verb = _VERBS.get(w)
        if verb is not None:
            return verb
    return None


def _in(word: str, lexicon: set[str] | frozenset[str]) -> bool:
    """Whether the word, or the word without a leading و/ف, is in the lexicon."""
    return word in lexicon or (len(word) > 2 and word[0] in "وف" and word[1:] in lexicon)


class _Sentence:
    """One sentence's tokens, with the mentions, titled people and dates mapped onto them."""

    def __init__(self, reader: _Reader, sentence: Sentence) -> None:
        self.ctx = ctx = reader.ctx  # not the reader: it keeps the sentences, and a cycle would outlive the article
        self.sentence = sentence
        lo, parts = reader.parts(sentence)
        self.words = parts[1::2]  # the tokens' texts
        self.toks: list[_Tok] = _tokenize(parts, lo)
        # The other families' sentence views have placed the mentions and dates already (at offsets local
        # to the sentence: add its start).
        view = SentenceView(ctx, sentence)
        base = view.base
        self.mentions = [(p.start + base, p.end + base, p.obj) for p in view.placed_mentions()]
        self.dates = [(p.start + base, p.end + base, p.obj) for p in view.placed_dates()]

    # token helpers
    def tok_at(self, pos: int) -> int | None:
        for i, t in enumerate(self.toks):
            if t.start <= pos < t.end:
                return i
        return None

    def mention_starting_in(self, i: int) -> tuple[int, int, Mention] | None:
        t = self.toks[i]
        for ns, ne, m in self.mentions:
            if t.start <= ns < t.end:
                return ns, ne, m
        return None

    def mention_ending_in(self, i: int) -> tuple[int, int, Mention] | None:
        t = self.toks[i]
        for ns, ne, m in self.mentions:
            if t.start < ne <= t.end:
                return ns, ne, m
        return None

    def in_date(self, i: int) -> bool:
        t = self.toks[i]
        return any(ds <= t.start and t.end <= de for ds, de, _ in self.dates)

    def text(self, i: int, j: int) -> str:
        if i >= j:
            return ""
        return self.ctx.normalized.text[self.toks[i].start:self.toks[j - 1].end]


class _Reader:
    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        origin = ctx.normalized.origin
        # A plain list: bisect over the text layer's piecewise map is ~20x slower per look-up.
        self._origin = origin if isinstance(origin, (range, list)) else list(origin)
        self._sentences: dict[int, _Sentence] = {}
        self._parts: dict[int, tuple[int, list[str]]] = {}
        self.titled = [(self.norm(p.title_start), self.norm(p.title_end), self.norm(p.start), self.norm(p.end), p)
                       for p in ctx.entities.titled_people if self._known(p.slug)]
        self.titled.extend(self._counterparts())
        self.titled.sort(key=lambda t: t[0])
        self.spoken: list[str] = []  # speakers so far, in order

    def norm(self, original_offset: int) -> int:
        return bisect_left(self._origin, original_offset)

    def parts(self, sentence: Sentence) -> tuple[int, list[str]]:
        """The sentence's normalized start, and its text split into separators and tokens (_tokenize):
        split once for the cheap test of _may_trigger and for the tokens."""
        found = self._parts.get(sentence.index)
        if found is None:
            lo, hi = self.norm(sentence.start), self.norm(sentence.end)
            found = self._parts[sentence.index] = lo, _TOKEN_SPLIT.split(self.ctx.normalized.text[lo:hi])
        return found

    def sentence(self, sentence: Sentence) -> _Sentence:
        found = self._sentences.get(sentence.index)
        if found is None:
            found = self._sentences[sentence.index] = _Sentence(self, sentence)
        return found

    def _known(self, entity_id: str | None) -> bool:
        if not entity_id:
            return False
        try:
            return self.ctx.entity_type(entity_id) in ACTOR_TYPES
        except KeyError:
            return False

    def _counterparts(self) -> list[tuple[int, int, int, int, object]]:
        """"X وزير الخارجية … ونظيره الأمريكي Y": Y holds the same post for the state of the nisba."""
        out = []
        ctx = self.ctx
        titled = [(self.norm(p.start), p) for p in ctx.entities.titled_people if p.post]
        for sentence in ctx.sentences:
            if "نظير" not in sentence.text:
                continue
            s = self.sentence(sentence)
            for i, tok in enumerate(s.toks):
                if not _COUNTERPART.match(tok.text) or i + 1 >= len(s.toks):
                    continue
                nisba = s.mention_starting_in(i + 1)
                if nisba is None or nisba[2].via != "nisba":
                    continue
                j = s.tok_at(nisba[1] - 1)
                if j is None or j + 1 >= len(s.toks):
                    continue
                person = s.mention_starting_in(j + 1)
                if person is None or ctx.entity_type(person[2].entity_id) != "Person":
                    continue
                before = [p for pos, p in titled if s.toks[0].start <= pos < tok.start]
                if not before:
                    continue
                ref = before[-1]
                out.append((tok.start, nisba[1], person[0], person[1],
                            _Derived(person[2].entity_id, ref.post, nisba[2].entity_id)))
        return out


@dataclass(frozen=True)
class _Derived:
    slug: str
    post: str | None
    organization_id: str | None


# ── speaker resolution ────────────────────────────────────────────────────────────────────────────────
_NONE, _ANON, _OTHER = "none", "anon", "other"


def _actor(reader: _Reader, m: Mention) -> str | None:
    if m.via == "nisba":
        return None
    return m.entity_id if reader._known(m.entity_id) else None


def _bare_title(s: _Sentence, i: int) -> tuple[tuple[str, ...], str | None, int] | None:
    """A bare title at token i: (posts, organization from a following nisba or باسم X, tokens used)."""
    first = s.toks[i].text
    if first not in _BARE_TITLE_HEADS and (first[:1] not in "وف" or first[1:] not in _BARE_TITLE_HEADS):
        return None
    rest = [t.text for t in s.toks[i + 1:i + 4]]
    for title, posts in _BARE_TITLES:
        if any(tuple([w] + rest)[:len(title)] == title for w in (first, first[1:] if first[:1] in "وف" else "")):
            j = i + len(title)
            while j < len(s.toks) and s.toks[j].text in _TITLE_MODIFIERS:
                j += 1
            if j < len(s.toks) and s.toks[j].text == "باسم":
                j += 1
            org = None
            if j < len(s.toks):
                m = s.mention_starting_in(j)
                if m is not None and s.ctx.entity_type(m[2].entity_id) != "Person":
                    org = m[2].entity_id
                    end = s.tok_at(m[1] - 1)
                    j = (end if end is not None else j) + 1
            return posts, org, j - i
    return None


def _resolve_title(reader: _Reader, posts: tuple[str, ...], org: str | None, before: int) -> str | None:
    best = None
    for ts, _te, _ns, _ne, p in reader.titled:
        if ts >= before or p.post not in posts:
            continue
        if org and p.organization_id and p.organization_id != org:
            continue
        best = p.slug
    return best


def _last_group(reader: _Reader, before: int) -> str | None:
    """The group a generic noun (الجماعة) stands for: the last armed group that spoke, else the last named."""
    for speaker in reversed(reader.spoken):
        if reader.ctx.entity_type(speaker) in _GROUP_TYPES:
            return speaker
    best = None
    for m in reader.ctx.entities.mentions:
        pos = reader.norm(m.start)
        if pos >= before:
            break
        if m.via != "nisba" and reader.ctx.entity_type(m.entity_id) in _GROUP_TYPES:
            best = m.entity_id
    return best


def _titled_at(reader: _Reader, s: _Sentence, i: int) -> str | None:
    found = _titled_span(reader, s, i)
    return found[0] if found else None


def _titled_span(reader: _Reader, s: _Sentence, i: int) -> tuple[str, int] | None:
    """The titled person whose title or name starts in token i, and the token index after them."""
    t = s.toks[i]
    for ts, te, ns, ne, p in reader.titled:
        if t.start <= ts < t.end or t.start <= ns < t.end:
            end = s.tok_at(max(te, ne) - 1)
            return p.slug, (end if end is not None and end >= i else i) + 1
    return None


def _subject_after(reader: _Reader, s: _Sentence, i: int) -> tuple[str, str | None, int]:
    """What follows the verb at i: (kind, speaker, token index after the subject)."""
    j = i + 1
    toks = s.toks
    while j < len(toks):
        w = toks[j].text
        if w in _FILLERS or s.in_date(j):
            j += 1
            continue
        if w == "ما" and j + 1 < len(toks) and toks[j + 1].text in _SO_CALLED:
            j += 2
            while j < len(toks) and toks[j].text in ("ب", '"'):
                j += 1
            continue
        if w == "في" and j + 1 < len(toks) and toks[j + 1].text in _SPEECH_NOUNS:
            j += 2  # "وقال في بيان وزير …" is rare, but "في بيان" right after the verb is common
            continue
        break
    if j >= len(toks):
        return _NONE, None, j
    w = toks[j].text
    if w in _COMPLEMENTIZERS or w in ('"', ":", "(") or w in _PREPOSITIONS or (
            w.startswith(("ب", "لل")) and not s.mention_starting_in(j)):
        return _NONE, None, j
    titled = _titled_span(reader, s, j)
    if titled:
        return "speaker", titled[0], titled[1]
    m = s.mention_starting_in(j)
    if m is not None:
        actor = _actor(reader, m[2])
        if actor is not None:
            end = s.tok_at(m[1] - 1)
            k = (end if end is not None else j) + 1
            # Two actors joined by و are a joint statement: no single speaker.
            if k < len(toks) and toks[k].text.startswith("و"):
                other = s.mention_starting_in(k)
                if other is not None and _actor(reader, other[2]) and other[2].entity_id != actor:
                    return _ANON, None, k
            return "speaker", actor, k
        return _OTHER, None, j
    named = _person_in_title(reader, s, j)
    if named is not None:
        return "speaker", named[0], named[1]
    if _in(w, _ANONYMOUS):
        return _ANON, None, j
    title = _bare_title(s, j)
    if title is not None:
        posts, org, used = title
        k = j + used
        # A bare title ends the subject; more words there are an unrecognized name: nobody to resolve.
        if k < len(toks) and not (toks[k].text in _COMPLEMENTIZERS or toks[k].text in ('"', ":", "،", ",")
                                  or toks[k].text in _PREPOSITIONS or toks[k].text in _FILLERS or s.in_date(k)):
            return _ANON, None, j
        who = _resolve_title(reader, posts, org, toks[j].start)
        return ("speaker", who, k) if who else (_ANON, None, j)
    if w in _GROUP_NOUNS:
        group = _last_group(reader, toks[j].start)
        return ("speaker", group, j + 1) if group else (_ANON, None, j)
    return _OTHER, None, j


def _person_in_title(reader: _Reader, s: _Sentence, j: int) -> tuple[str, int] | None:
    """A person named a few words on, across a title the title layer did not take whole
    (نائب رئيس هيئة الحشد الشعبي أبو مهدي المهندس): title words, organizations and nisbas only."""
    toks = s.toks
    for k in range(j, min(j + 8, len(toks))):
        w = toks[k].text
        if k > j and (w in _COMPLEMENTIZERS or w in _PREPOSITIONS or not w.isalpha() or _verb_of(toks[k])):
            return None
        titled = _titled_span(reader, s, k) if k > j else None
        if titled:
            return titled
        m = s.mention_starting_in(k)
        if m is not None and reader.ctx.entity_type(m[2].entity_id) == "Person" and k > j:
            end = s.tok_at(m[1] - 1)
            return m[2].entity_id, (end if end is not None else k) + 1
    return None


def _subject_before(reader: _Reader, s: _Sentence, i: int, first_trigger: bool) -> str | None:
    """SVO: the actor right before the verb, the antecedent of الذي/التي, or the actor opening the sentence."""
    toks = s.toks
    k = i - 1
    while k >= 0 and toks[k].text in _QAD:
        k -= 1
    if k >= 0 and toks[k].text in _RELATIVES:
        hi = toks[k].start
        k -= 1
        while k >= 0 and toks[k].text in ("،", ",", '"'):
            k -= 1
        if k < 0:
            return None
        # An apposition title (قيس الخزعلي زعيم مليشيا "…"، الذي) ends at the relative: its person is meant.
        for _ts, te, _ns, ne, p in reader.titled:
            if toks[k].start < te <= hi or toks[k].start < ne <= hi:
                return p.slug
        m = s.mention_ending_in(k)
        return _actor(reader, m[2]) if m and _not_object(s, m) else None
    if k >= 0:  # the actor right before the verb (قد between them is allowed): حركة النجباء تعهدت
        for _ts, _te, _ns, ne, p in reader.titled:
            if toks[k].start < ne <= toks[k].end:
                return p.slug
        m = s.mention_ending_in(k)
        if m is not None and _not_object(s, m):
            actor = _actor(reader, m[2])
            if actor:
                return actor
    if not first_trigger:
        return None
    # The actor opening the sentence (after connectors) is the subject of its first speech verb.
    j = 0
    while j < i and toks[j].text in _CONNECTORS:
        j += 1
    if j >= i or i - j > 25:
        return None
    titled = _titled_at(reader, s, j)
    if titled:
        return titled
    m = s.mention_starting_in(j)
    if m is not None and not toks[j].text.startswith(("ب", "ل")):
        return _actor(reader, m[2])
    # "وحضر رئيس الحكومة فلان الجلسة، وصرّح …": a coordinated speech verb shares the subject of the
    # sentence's first verb (VSO), when that subject is named right after it.
    if m is None and toks[i].text[:1] == "و" and j + 1 < i and toks[j].text[:1] in "وف":
        titled = _titled_at(reader, s, j + 1)
        if titled:
            return titled
        m = s.mention_starting_in(j + 1)
        if m is not None:
            return _actor(reader, m[2])
        named = _person_in_title(reader, s, j + 1)
        if named is not None:
            return named[0]
    return None


def _not_object(s: _Sentence, m: tuple[int, int, Mention]) -> bool:
    """False when the mention is governed by a preposition (مع الولايات المتحدة، بإيران) or is a nisba."""
    k = s.tok_at(m[0])
    if k is None:
        return False
    word = s.toks[k].text
    prefix = word[: m[0] - s.toks[k].start]
    if prefix.endswith(("ب", "ل")):
        return False
    return not (k > 0 and s.toks[k - 1].text in _PREPOSITIONS)


# ── the extractor ─────────────────────────────────────────────────────────────────────────────────────


def _triggers(reader: _Reader, s: _Sentence) -> list[_Trigger]:
    """Speech verbs outside quotes (not negated, not future) and attribution phrases naming an actor."""
    out: list[_Trigger] = []
    toks = s.toks
    for i in compress(count(), map(_TRIGGER_TOKENS.__contains__, s.words)):
        tok = toks[i]
        if tok.in_quote:
            continue
        verb = _verb_of(tok)
        if verb is not None:
            if i > 0 and toks[i - 1].text in _NEGATIONS:
                continue
            if verb.form == "imperfect" and i > 0 and toks[i - 1].text in ("سوف", "لن"):
                continue
            if verb.strict:
                nxt = toks[i + 1].text if i + 1 < len(toks) else ""
                if not (nxt in _COMPLEMENTIZERS or nxt in (":", '"') or nxt == _SAYING_PARTICIPLE):
                    continue
            out.append(_Trigger(i, verb, i + 1))
            continue
        if tok.text == "عن" and i > 0:
            # "نقلت الوكالة عن الوزير فلان قوله إن …": the person quoted is the speaker.
            kind, _who, after = _subject_after(reader, s, i)
            if kind == "speaker" and after < len(toks) and toks[after].text in _SAYING:
                out.append(_Trigger(i, None, i + 1, content_after=after + 1))
                continue
        if tok.text not in _ATTRIBUTION_HEADS:
            continue
        for phrase in _ATTRIBUTIONS:
            if tuple(t.text for t in toks[i:i + len(phrase)]) == phrase:
                kind, _who, _after = _subject_after(reader, s, i + len(phrase) - 1)
                if kind == "speaker":
                    out.append(_Trigger(i, None, i + len(phrase)))
                break
    for n, trig in enumerate(out):
        trig.clause_end = out[n + 1].index if n + 1 < len(out) else len(toks)
    return out


def _complementizer(s: _Sentence, start: int, end: int) -> int | None:
    for j in range(start, end):
        if s.toks[j].text in _COMPLEMENTIZERS and not s.toks[j].in_quote:
            return j
    return None


def _content_start(s: _Sentence, start: int, end: int) -> int | None:
    for j in range(start, end):
        if s.toks[j].text in _COMPLEMENTIZERS or s.toks[j].text in ('"', ":"):
            return j
    return None


def _stances(s: _Sentence, trig: _Trigger, from_tok: int, to_tok: int | None = None) -> list[str]:
    if trig.verb is not None and trig.verb.stance:
        return [trig.verb.stance]
    text = s.text(from_tok, trig.clause_end if to_tok is None else to_tok)
    found = [st for st, rx in _CUES.items() if rx.search(text)]
    if _OPPOSE_NEGATED.search(text) and "opposes" not in found:
        found.append("opposes")
    if "supports" in found and (_NEED_DENIED.search(s.text(0, len(s.toks)))
                                or any(st in found for st in _NEGATIVE)):
        found.remove("supports")
    return sorted(found, key=_STANCE_ORDER.index)


def _date_of(reader: _Reader, s: _Sentence, trig: _Trigger, clause_start: int) -> str | None:
    """The date of the speech act: after the verb and before the reported content (إن/أن), else just
    before the verb in the same clause; never in quotes, never a deadline, never after publication."""
    published = reader.ctx.article.published
    verb_pos = s.toks[trig.index].start
    content = _complementizer(s, trig.index + 1, trig.clause_end)
    stop = s.toks[content].start if content is not None else s.toks[trig.clause_end - 1].end
    after, before = [], []
    for ds, de, d in s.dates:
        shared = min(len(d.value), len(published))
        if d.is_period or d.value[:shared] > published[:shared]:  # after publication: not a speech date
            continue
        k = s.tok_at(ds)
        if k is None or s.toks[k].in_quote:
            continue
        prev = s.toks[k - 1].text if k > 0 else ""
        if _in(s.toks[k].text, _DATE_BLOCKERS) or _in(prev, _DATE_BLOCKERS):
            continue
        if verb_pos < ds and de <= stop:
            after.append(d)
        elif de <= verb_pos and k >= clause_start:
            between = s.toks[k:trig.index]
            if not any(_in(t.text, _BOUNDARIES) or _verb_of(t) for t in between):
                before.append(d)
    if after:
        return after[0].value
    if before:
        return before[-1].value
    return None


def _quote_and_topic(reader: _Reader, s: _Sentence, start: int, end: int) -> tuple[str | None, str | None]:
    text = reader.ctx.article.text
    span = reader.ctx.normalized.span_to_original
    quote = None
    opened = None
    for j in range(start, end):
        if s.toks[j].text == '"':
            if opened is None:
                opened = j
            else:
                if j > opened + 1:
                    qs, qe = span(s.toks[opened + 1].start, s.toks[j - 1].end)
                    quote = text[qs:qe].strip()
                break
    words = [t for t in s.toks[start:end] if t.text not in ('"', "،", ",", ":", ".")]
    if words and words[0].text in _COMPLEMENTIZERS:
        words = words[1:]
    topic = None
    if words:
        cut = words[:8]
        ts, te = span(cut[0].start, cut[-1].end)
        topic = re.sub(r"[\"“”«»]", "", text[ts:te]).strip() or None
    return quote or None, topic


def _is_headline(sentence: Sentence) -> bool:
    """A line without final punctuation (headline, caption, byline) restates the body, if anything."""
    return sentence.text.rstrip()[-1:] not in ".!?؟…\"”»)'’"


def _sentence_statements(reader: _Reader, s: _Sentence, last: dict | None) -> tuple[list[_Statement], str]:
    """The sentence's statements and what it does to the thread of speakers: keep | set | reset."""
    out: list[_Statement] = []
    triggers = _triggers(reader, s)
    if not triggers:
        return out, "keep"
    speaker_now: str | None = None
    now_continued = False
    outcome = "keep"
    content_from: int | None = None  # the first reported content of the sentence (after إن/أن or a quote)
    dates_by_speaker: dict[str, str] = {}
    clause_start = 0
    for n, trig in enumerate(triggers):
        verb = trig.verb
        i = trig.index
        if verb is None:  # attribution phrase: بحسب X, على لسان X
            _kind, who, _after = _subject_after(reader, s, trig.speaker_from - 1)
            if who is None:
                continue
            if who == speaker_now:
                continue  # "على لسان X، الذي قال …": the verb's clause says it
            body = _Trigger(i, None, 0, len(s.toks))
            lo, hi = (trig.content_after, trig.clause_end) if trig.content_after is not None else (0, i)
            stances = _stances(s, body, lo, hi) or ["asserts"]
            quote, topic = _quote_and_topic(reader, s, lo, hi)
            out.append(_Statement(who, stances, None, s.sentence, quote, topic, extra={"attribution": True}))
            outcome = "set"
            continue
        opening = all(_in(t.text, _CONNECTORS) for t in s.toks[:i])
        inside_content = content_from is not None and i > content_from
        own_content = _content_start(s, i + 1, trig.clause_end)
        if content_from is None and own_content is not None:
            content_from = own_content
        if verb.plural:
            if opening:
                outcome = "reset"
            continue
        kind, who, after = _subject_after(reader, s, i)
        if (verb.has_object or verb.form == "participle") and kind == "speaker":
            kind, who = _NONE, None  # ووصفها / أبلغه / داعيةً أنقرة: the word after is an object
        continuation = False
        if kind == _ANON:
            if opening or speaker_now is None:
                outcome = "reset"
            continue
        if kind != "speaker":
            coordinated = s.toks[i].text[0] in "وف" or verb.form == "participle"
            if speaker_now is not None and (coordinated or kind == _NONE):
                who, continuation = speaker_now, now_continued
            elif verb.form == "participle":
                continue
            elif opening and kind == _NONE and last is not None:
                who, continuation = last["speaker"], True
            elif opening and kind == _OTHER:
                outcome = "reset"
                continue
            elif not inside_content and verb.form != "participle":
                who = _subject_before(reader, s, i, first_trigger=(n == 0))
            if who is None:
                continue
            after = i + 1
        elif inside_content and verb.form == "imperfect":
            continue
        cue_from = own_content if own_content is not None else after
        if cue_from >= trig.clause_end and verb.stance is None and n + 1 < len(triggers):
            speaker_now, now_continued = who, continuation  # "أكد رفضه": the next verb carries the content
            continue
        stances = _stances(s, trig, cue_from)
        if inside_content and kind == "speaker" and who == speaker_now and verb.form == "perfect" \
                and (not stances or stances == ["asserts"]):
            # "قال إن بلاده بحاجة …، الذي أكد الوزير أنه …": the same speaker named again inside the content
            # of his statement recalls what he said; a plain assertion there is part of that statement.
            continue
        if not stances:
            evaluative = verb.lemma in _EVALUATIVE
            previous = [st for st in out if st.speaker == who]
            if evaluative and previous and previous[-1].stances != ["asserts"]:
                stances = previous[-1].stances  # ووصفه بأنه …, معتبراً أنه …: the same judgement, spelled out
            else:
                stances = ["asserts"]
        date = _date_of(reader, s, trig, clause_start)
        if date:
            dates_by_speaker.setdefault(who, date)
        complementizer = _complementizer(s, after, trig.clause_end)
        quote, topic = _quote_and_topic(reader, s, complementizer if complementizer is not None else after,
                                        trig.clause_end)
        out.append(_Statement(who, stances, date, s.sentence, quote, topic, continuation))
        speaker_now, now_continued = who, continuation
        outcome = "set"
        clause_start = trig.clause_end
    # "على لسان X، الذي قال …": the attribution and the verb are one speech act; the verb's clause tells it.
    by_verb = {st.speaker for st in out if not st.extra.get("attribution")}
    out = [st for st in out if not (st.extra.get("attribution") and st.speaker in by_verb)]
    for st in out:
        if st.date is None and st.speaker in dates_by_speaker:
            st.date = dates_by_speaker[st.speaker]
    return out, outcome


def _may_trigger(reader: _Reader, sentence: Sentence) -> bool:
    """Whether _triggers may find anything in the sentence: a cheap word-set test before tokenizing."""
    words = set(reader.parts(sentence)[1][1::2])
    if not _TRIGGER_WORDS.isdisjoint(words) or any(phrase <= words for phrase in _TRIGGER_PHRASES):
        return True
    return "عن" in words and not _SAYING.isdisjoint(words)


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    reader = _Reader(ctx)
    published = ctx.article.published
    last: dict | None = None
    seen: set[tuple[str, str, str]] = set()
    for sentence in ctx.sentences:
        if _is_headline(sentence):
            continue
        if not _may_trigger(reader, sentence):
            # No trigger, no statement, and the thread of speakers is kept: the same as
            # _sentence_statements returning ([], "keep"), without tokenizing the sentence.
            if last is not None and sentence.index - last["index"] > 2:
                last = None
            continue
        s = reader.sentence(sentence)
        if last is not None and sentence.index - last["index"] > 2:
            last = None
        statements, outcome = _sentence_statements(reader, s, last)
        if outcome == "reset":
            last = None
        for st in statements:
            date = st.date
            if date is None and last is not None and last["speaker"] == st.speaker:
                date = last["date"]  # the same occasion, continued
            stances = st.stances
            if st.continuation and stances == ["asserts"]:
                held = {k[2] for k in seen if k[0] == st.speaker and k[1] == (date or published)}
                if held and "asserts" not in held:
                    stances = []  # وأضاف … after a stance on the same occasion: elaboration, not a new claim
            last = {"speaker": st.speaker, "date": date, "index": sentence.index}
            reader.spoken.append(st.speaker)
            for stance in stances:
                key = (st.speaker, date or published, stance)
                if key in seen:
                    continue
                seen.add(key)
                yield fact(ctx, sentence, "statement", {
                    "speaker": st.speaker, "date": date or published, "stance": stance,
                    "topic": st.topic, "quote": st.quote,
                }, NAME, VERSION, 0.7 if st.continuation else 0.8)

"""The meetings of the US–Iraq negotiation processes an article reports, found once for the meeting
extractor (negotiations.py, which states the rules) and for the outcome extractor, which dates outcomes by
them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention
from isnad.loaders.extractors._dates import after_publication
from isnad.loaders.extractors._negotiation_process import (
    PROCESS_TYPE,
    NegotiationView,
    clauses,
    is_deadline,
    mention_sides,
    person_organizations,
    process_mentions,
    published_day,
    sentence_process,
    side,
    stems,
    view_of,
    words,
)
from isnad.loaders.extractors._prefilter import prefiltered
from isnad.loaders.extractors._sentence_view import clause_at
from isnad.loaders.mentions import Mention
from isnad.loaders.normalize import normalize_term
from isnad.loaders.sentences import Sentence

# How many sentences after a meeting a dateless sentence may still add to it.
FOLLOW_REACH = 2


# ── meeting cues ─────────────────────────────────────────────────────────────────────────────────────

# Verbs of holding or starting talks, past tense only; they need a talks noun or the process nearby.
_HOLD_VERBS = words([
    "عقد", "عقدت", "عقدا", "عقدوا", "انعقد", "انعقدت", "أجرى", "أجرت", "أجريا", "أجروا", "أجريت", "جرت",
    "جرى", "انطلق", "انطلقت", "استؤنفت", "استأنف", "استأنفت", "اختتم", "اختتمت",
])
_START_VERBS = words(["بدأ", "بدأت", "انطلق", "انطلقت", "انطلاق"])
# Verbs between parties: they need a US side and an Iraqi side in the clause, or the process named.
_PARTY_VERBS = words([
    "بحث", "بحثت", "بحثا", "ناقش", "ناقشت", "ناقشا", "التقى", "التقت", "التقيا", "اجتمع", "اجتمعت",
    "اجتمعا", "استقبل", "استقبلت", "تباحث", "تباحثا", "تباحثت",
])
# A meeting named by a noun counts as held when the sentence reports something said during it.
_DURING = prefiltered(normalize_term(r"(?<!\w)(?:لدى|لدي|خلال|أثناء|اثناء|على هامش)\s+")
                     + r"(?:[وف]?(?:ال)?)(?:استقبال|لقاء|اجتماع|مباحثات|محادثات)\w*")
_TALK_NOUNS = stems(["جول", "اجتماع", "محادثات", "مباحثات", "مفاوضات", "حوار", "جلس", "لقاء", "قمة",
                     "مشاورات", "اللجنة"])
# A clause that states a plan, an expectation or a condition reports no meeting.
_NOT_HELD = words(["المقرر", "المتوقع", "يتوقع", "توقع", "المرتقب", "المرتقبة", "المنتظر", "ينتظر",
                   "المزمع", "سوف", "إذا", "اذا", "لو", "ربما", "يعتزم", "تعتزم", "ينوي", "تنوي"])
# These start a new clause for meetings: what follows them is another event used as a time reference.
_REFERENCE_EVENT = words(["قبيل", "قبل", "بعد", "عقب", "إثر", "اثر", "تمهيدا"], conj=True)
_ACCORDING_TO = words(["حسب", "بحسب", "حسبما", "وفق", "وفقا", "نقلا", "أفاد", "افاد"], conj=True)

_ORDINALS = {normalize_term(w): i for i, w in enumerate(
    ["الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة",
     "العاشرة"], start=1)}
_ORDINALS.update({normalize_term(w): i for i, w in enumerate(
    ["أولى", "ثانية", "ثالثة", "رابعة", "خامسة", "سادسة", "سابعة", "ثامنة", "تاسعة", "عاشرة"], start=1)})
_ORD_ALT = "|".join(sorted(_ORDINALS, key=len, reverse=True))
_MASC_ORDINALS = {normalize_term(w): i for i, w in enumerate(
    ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"], start=1)}
_ORDINALS.update(_MASC_ORDINALS)
_MASC_ALT = "|".join(sorted(_MASC_ORDINALS, key=len, reverse=True))
_ROUND = prefiltered(
    rf"(?<!\w)[وف]?(?:ال)?جول(?:ه|ات|تها|ته|اتها|اته)?\s+(?:من\s+)?(?P<a>{_ORD_ALT})(?!\w)"
    rf"|(?<!\w)(?P<b>{_ORD_ALT})\s+(?:ال)?جول(?:ه|ات|اتها|اته)?(?!\w)"
    rf"|(?<!\w)[وف]?(?:ال)?اجتماع(?:ها|ه|هما)?\s+(?P<c>{_MASC_ALT})(?!\w)")
_VIDEO = prefiltered(normalize_term(
    r"(?:الفيديو|فيديو|الاتصال المرئي|اتصال مرئي|الدائرة التلفزيونية|الدائرة المغلقة|افتراضيا|افتراضي|"
    r"الافتراضي|الافتراضية|افتراضية|عن بعد)"))
_PHONE = prefiltered(normalize_term(r"(?:هاتفي|هاتفيا|الهاتف|هاتفيه)"))
_VISIT = words(["استقبل", "استقبلت", "استقباله", "استقبالها", "التقى", "التقت", "التقيا", "زيارة", "زيارته",
                "زيارتها", "زار", "زارت", "وصل", "وصلت", "بحضور"])
_PARTICIPATION = words(["بحضور", "بمشاركة", "نظيره", "نظيرته", "نظيرهما", "انضم", "انضمت", "شارك", "شاركت",
                        "ترأس", "ترأسه", "برئاسة"], conj=True)
# Where the text says what the talks were about; the topic runs from here to the end of its clause.
_TOPIC_CUE = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:ركزت على|ركز على|ركزا على|تركزت على|تناولت|تناول|تناولا|تمحورت حول|تمحور حول|"
    r"تتعلق ب|تتعلق بـ|يتعلق ب|تتعلق|للبحث في|لبحث|لمناقشة|ناقشت|ناقش|ناقشا|بحثت|بحثا|بحث|بشأن|حول)"
    r"(?!\w)\s*"))
_TOPIC_STOP = re.compile(r"(?<!\w)(?:بين البلدين|بين الجانبين|بين الطرفين|حسب|بحسب|وفق|قبيل|قبل|لكن|الا ان|"
                         r"واصفا|مؤكدا|مشيرا|علما|وقال|قال|واضاف|فيما|في حين|بينما)(?!\w)|[.؟!]")
_TOPIC_LEAD = re.compile(
    r"\s*(?:(?:تلك|هذه)\s+)?(?:الجوله|الجولات|الاجتماع|المحادثات|المباحثات|اللقاء|الطرفان|الجانبان|البلدان|"
    r"الوفدان|الاجتماعات)?(?:\s+(?:تلك|هذه|ذاتها|نفسها))?\s*"
    r"(?:[،,]\s*(?:بحسب|حسب|وفق|وفقا ل|نقلا عن)[^،,]*[،,])?\s*")
_VENUES = {"white-house": "washington", "us-department-of-defense": "washington",
           "us-state-department": "washington", "us-congress": "washington"}
_PLACE_TYPES = {"City", "Zone", "MilitaryBase", "Embassy", "Province", "State"}
_PARTICIPANT_TYPES = {"Person", "State"}
_QUOTED = re.compile(r'"[^"]*"')
# What before a state makes it a side of the talks: "بين/مع"، "وفد عراقي"، "محادثات أميركية-عراقية".
_AS_SIDE = (re.compile(r"(?<!\w)(?:بين|مع)(?!\w)"),
            re.compile(r"(?:وفد|وفدا|محادثات|مباحثات|مفاوضات|اجتماع)\s*\S*\s*$"),
            re.compile(r"(?:وفد|وفدا|محادثات|مباحثات|مفاوضات)\s+(?:\S+\s+)?$"),
            re.compile(r"-\s*$"))


@dataclass
class Meeting:
    process: str
    date: str
    sentence: Sentence
    round: int | None = None
    format: str | None = None
    place: str | None = None
    participants: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    last_index: int = 0

    def add(self, participants: list[str], topics: list[str], place: str | None, fmt: str | None,
            round_: int | None) -> None:
        self.participants += [p for p in participants if p not in self.participants]
        self.topics += [t for t in topics if t not in self.topics]
        self.place = self.place or place
        self.format = self.format or fmt
        self.round = self.round or round_

    def fields(self) -> dict:
        return {"process": self.process, "date": self.date, "round": self.round, "format": self.format,
                "place": self.place, "participants": self.participants, "topics": self.topics}


@dataclass
class Cue:
    start: int
    end: int
    kind: str  # hold, start, party, during


def _cues(text: str) -> list[Cue]:
    found = [Cue(m.start(), m.end(), "hold") for m in _HOLD_VERBS.finditer(text)]
    found += [Cue(m.start(), m.end(), "start") for m in _START_VERBS.finditer(text)]
    found += [Cue(m.start(), m.end(), "party") for m in _PARTY_VERBS.finditer(text)]
    found += [Cue(m.start(), m.end(), "during") for m in _DURING.finditer(text)]
    # A start verb is also a hold verb (انطلقت): keep one cue per position, start first.
    seen: dict[int, Cue] = {}
    for c in sorted(found, key=lambda c: (c.start, c.kind != "start")):
        seen.setdefault(c.start, c)
    return sorted(seen.values(), key=lambda c: c.start)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _inside(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s <= a and b <= e for s, e in spans)


def _title_spans(view: NegotiationView) -> list[tuple[int, int]]:
    s = view.sentence
    return [(view.local(p.title_start), view.local(p.title_end)) for p in view.ctx.entities.titled_people
            if s.start <= p.title_start and p.title_end <= s.end]


def _round(text: str, cue: Cue, a: int, b: int) -> int | None:
    hits = [(m.start(), _ORDINALS[m.group("a") or m.group("b") or m.group("c")]) for m in _ROUND.finditer(text, a, b)]
    if cue.kind == "start":
        after = [r for pos, r in hits if cue.end <= pos <= cue.end + 30]
        if after:
            return after[0]
        # "بدأ الحوار", "انطلقت المحادثات": the process itself began, so this is its first round.
        nearby = text[max(a, cue.start - 60):min(b, cue.end + 40)]
        if not re.search(r"(?<!\w)[وف]?(?:ال)?جول", nearby):
            return 1
        return None
    if hits:
        return min(hits, key=lambda h: abs(h[0] - cue.start))[1]
    return None


def _meeting_date(view: NegotiationView, cue: Cue, a: int, b: int) -> str | None:
    ctx = view.ctx
    candidates = []
    for p in view.dates_between(a, b):
        d: DateMention = p.obj
        if is_deadline(view, p) or view.text[max(0, p.start - 6):p.start].strip().endswith("منذ"):
            continue
        if d.is_period and not d.value:
            continue
        value = d.value
        if after_publication(ctx.article.published, value):
            continue
        candidates.append((abs(p.start - cue.start), value))
    return min(candidates)[1] if candidates else None


def _topic_cue(text: str, a: int, b: int, cue: Cue | None) -> re.Match[str] | None:
    return _TOPIC_CUE.search(text, cue.end if cue is not None else a, b)


def _topics(view: NegotiationView, a: int, b: int, cue: Cue | None = None) -> list[str]:
    """What the talks were about, as written: the quoted phrases or the list after a topic cue (ركزت على،
    تناولت، بشأن، تتعلق ب …); after a verb between parties (بحث X مع Y …), what follows its parties."""
    text = view.text
    found = _topic_cue(text, a, b, cue)
    if found is not None:
        start = found.end()
    elif cue is not None and cue.kind == "party" and text[cue.start:cue.end].lstrip("وف").startswith(
            ("بحث", "ناقش", "تباحث")):
        quotes = _quoted_spans(text)
        inside = [p.end for p in view.mentions + view.dates
                  if cue.end <= p.start and p.end <= b and not _inside(quotes, p.start, p.end)]
        if not inside:
            return []
        start = max(inside)
    else:
        return []
    # Verb-subject order ("وتناولت تلك الجولة، بحسب مصادر حكومية، …"): skip the subject and the source.
    lead = _TOPIC_LEAD.match(text, start)
    if lead:
        start = lead.end()
    stop = _TOPIC_STOP.search(text, start, len(text))
    end = stop.start() if stop else len(text)
    segment = text[start:end]
    quoted = list(re.finditer(r'"([^"]+)"', segment))
    pieces: list[tuple[int, int]] = []
    if quoted and segment[:quoted[0].start()].strip() in ("", "ب", "في", "على"):
        pieces = [(start + q.start(1), start + q.end(1)) for q in quoted]
    else:
        pos = start
        for part in re.split(r"(،|,|؛)", segment):
            if part not in ("،", ",", "؛"):
                pieces.append((pos, pos + len(part)))
            pos += len(part)
    topics = []
    for s, e in pieces:
        # Trim spaces, quotes, a leading و or ب clitic, and heads that only announce a list ("قضايا").
        while s < e and text[s] in ' "\'':
            s += 1
        while e > s and text[e - 1] in ' "\'.':
            e -= 1
        for lead in ("و", "ب"):
            if text.startswith(lead, s) and text.startswith("ال", s + 1):
                s += 1
        for head in ("قضايا ", "ملفات ", "ملف ", "مسائل "):
            if text.startswith(head, s):
                s += len(head)
        if e - s >= 4 and len(text[s:e].split()) <= 14:
            topics.append(view.original(s, e))
    return topics


def _place(view: NegotiationView, a: int, b: int) -> str | None:
    """The first venue stated with في/ب in the clause, a city rather than a country."""
    found = []
    for p in view.mentions:
        if not (a <= p.start < b):
            continue
        m: Mention = p.obj
        etype = view.ctx.entity_type(m.entity_id)
        before = view.text[max(0, p.start - 4):p.start]
        if not (before.endswith("في ") or before.endswith("ب")):
            continue
        if m.entity_id in _VENUES:
            found.append((0, p.start, _VENUES[m.entity_id]))
        elif etype in _PLACE_TYPES:
            found.append((1 if etype == "State" else 0, p.start, m.entity_id))
    return min(found)[2] if found else None


def _participants(view: NegotiationView, a: int, b: int, organizations: dict[str, str],
                  titles: list[tuple[int, int]], quotes: list[tuple[int, int]], cue: Cue | None = None) -> list[str]:
    """People named in the clause, and the two states when the clause names them as the sides
    ("بين واشنطن وبغداد", "مع الولايات المتحدة", "وفد عراقي", "محادثات أميركية-عراقية")."""
    text = view.text
    stop = _ACCORDING_TO.search(text, a, b)
    topic = _topic_cue(text, a, b, cue)
    end = min(x.start() for x in (stop, topic) if x is not None) if (stop or topic) else b
    out: list[str] = []
    for p in view.mentions:
        if not (a <= p.start and p.end <= end) or _inside(quotes, p.start, p.end):
            continue
        m: Mention = p.obj
        etype = view.ctx.entity_type(m.entity_id)
        if etype == "Person":
            out.append(m.entity_id)
            continue
        if _inside(titles, p.start, p.end):
            continue
        before = text[max(a, p.start - 40):p.start]
        state = m.entity_id if etype == "State" else m.implies
        if state is None or side(view.ctx, state) is None:
            continue
        as_side = any(pattern.search(before) is not None for pattern in _AS_SIDE)
        if as_side and not before.rstrip().endswith("في"):
            out.append(state)
    seen: list[str] = []
    for x in out:
        if x not in seen:
            seen.append(x)
    return seen


def _format(view: NegotiationView, a: int, b: int, place: str | None, cue: Cue) -> str | None:
    text = view.text[a:b]
    if _VIDEO.search(text):
        return "video"
    if _PHONE.search(text):
        return None
    if place is not None and view.ctx.entity_type(place) != "State":
        return "in_person"
    if _VISIT.search(text) or cue.kind == "during" and re.search("استقبال|لقاء", view.text[cue.start:cue.end]):
        return "in_person"
    return None


def _is_meeting(view: NegotiationView, cue: Cue, a: int, b: int, process_named: bool,
                organizations: dict[str, str]) -> bool:
    text = view.text
    if _NOT_HELD.search(text, a, b):
        return False
    if cue.kind == "start" and text[cue.start:cue.end].endswith("انطلاق"):
        return False  # the noun: "قبيل انطلاق الجولة" is a time reference
    window = text[max(a, cue.start - 50):min(b, cue.end + 70)]
    mentions = [p.obj for p in view.mentions_between(a, b)]
    talks = _TALK_NOUNS.search(window) is not None or any(
        view.ctx.entity_type(m.entity_id) == PROCESS_TYPE for m in mentions)
    sides = mention_sides(view.ctx, mentions, organizations)
    if cue.kind in ("hold", "start"):
        return talks and (process_named or len(sides) == 2 or "محادثات" in window or "مباحثات" in window)
    # A third state among the parties ("التقى السوداني بوزير الخارجية الإيراني") makes it another meeting.
    others = {m.implies or m.entity_id for m in mentions
              if view.ctx.entity_type(m.entity_id) in ("State", "Person", "GovernmentBody", "Institution")
              and side(view.ctx, m.implies or m.entity_id, organizations) is None
              and view.ctx.entity_type(m.implies or m.entity_id) == "State"}
    if others:
        return False
    return sides == {"US", "IQ"} or (process_named and len(sides) == 1)  # party, during


_MEETING_REFERENCE = stems(["جول", "اجتماع", "محادثات", "مباحثات", "مفاوضات", "حوار", "جلس", "لقاء",
                            "انطلاق", "مؤتمر"])
_TODAY = prefiltered(r"(?<!\w)[وف]?اليوم(?!\w)")


def meetings_of(ctx: ArticleContext) -> list[Meeting]:
    """The meetings an article reports (computed once; the outcome extractor reads them too)."""
    cached = ctx.__dict__.get("_meetings")
    if cached is None:
        cached = _meetings(ctx) if process_mentions(ctx) else []
        ctx.__dict__["_meetings"] = cached
    return cached


def _meetings(ctx: ArticleContext) -> list[Meeting]:
    organizations = person_organizations(ctx)
    meetings: list[Meeting] = []
    current: Meeting | None = None
    references: list[tuple[NegotiationView, str, bool]] = []

    def find(process: str, value: str) -> Meeting | None:
        for m in meetings:
            if m.process == process and m.date == value and len(value) == 10:
                return m
        return None

    def follows(process: str, sentence: Sentence) -> bool:
        return current is not None and current.process == process \
            and sentence.index - current.last_index <= FOLLOW_REACH

    # Pass 1: sentences that report a meeting; dateless ones right after a meeting continue it.
    for sentence in ctx.sentences:
        process = sentence_process(ctx, sentence)
        if process is None:
            continue
        view = view_of(ctx, sentence)
        text = view.text
        process_named = any(sentence.start <= m.start and m.end <= sentence.end for m in process_mentions(ctx))
        spans = clauses(text, _REFERENCE_EVENT)
        titles = _title_spans(view)
        quotes = _quoted_spans(text)
        reported = False
        for cue in _cues(text):
            if _inside(quotes, cue.start, cue.end):
                continue
            a, b = clause_at(spans, cue.start)
            if not _is_meeting(view, cue, a, b, process_named, organizations):
                continue
            value = _meeting_date(view, cue, a, b)
            place = _place(view, a, b)
            # The topics may follow in the next clause ("…، وركزت على قضايا …").
            following = [e for s2, e in spans if s2 == b]
            topic_end = following[0] if following and re.match(r"[،,]?\s*و", text[b:b + 3]) else b
            info = (_participants(view, a, b, organizations, titles, quotes, cue),
                    _topics(view, a, topic_end, cue), place,
                    _format(view, a, b, place, cue), _round(text, cue, a, b))
            if value is None:
                if follows(process, sentence):
                    current.add(*info)  # type: ignore[union-attr]
                    current.last_index = sentence.index  # type: ignore[union-attr]
                    reported = True
                continue
            meeting = find(process, value)
            if meeting is None:
                meeting = Meeting(process, value, sentence)
                meetings.append(meeting)
            meeting.add(*info)
            meeting.last_index = sentence.index
            current = meeting
            reported = True
        if reported or not _MEETING_REFERENCE.search(text):
            continue
        if follows(process, sentence) and not view.dates:
            # "وتناولت تلك الجولة …", "انضم إلى المحادثات …": what the meeting just reported covered.
            whole = (0, len(text))
            people = []
            if _PARTICIPATION.search(text):
                people = [p for p in _participants(view, *whole, organizations, titles, quotes)
                          if ctx.entity_type(p) == "Person"]
            topics = _topics(view, *whole)
            if topics or people:
                current.add(people, topics, None, None, None)  # type: ignore[union-attr]
                current.last_index = sentence.index  # type: ignore[union-attr]
            continue
        references.append((view, process, process_named))

    # Pass 2: a sentence that refers to a reported meeting by its date (or "today", for the meeting held
    # on the day of publication) adds the people it names as taking part.
    for view, process, process_named in references:
        text = view.text
        if not (process_named or mention_sides(ctx, [p.obj for p in view.mentions], organizations)
                == {"US", "IQ"}):
            continue
        values = [p.obj.value for p in view.dates if not is_deadline(view, p)]
        if not values and _TODAY.search(text) and published_day(ctx):
            values = [published_day(ctx)]  # type: ignore[list-item]
        for value in values:
            meeting = find(process, value)
            if meeting is not None:
                people = [p for p in _participants(view, 0, len(text), organizations, _title_spans(view),
                                                   _quoted_spans(text)) if ctx.entity_type(p) == "Person"]
                meeting.add(people, [], None, None, None)

    return meetings

"""What the US–Iraq negotiations agreed or decided (outcome).

A sentence states an outcome when it reports an agreement or result (اتفق، توصلا إلى، تمخضت عن، مخرجات،
نتائج، البيان المشترك …), an announcement made at a reported meeting ("أعلن بايدن لدى استقباله الكاظمي"),
or — for the change of mission and the end of the combat mission only — an official statement of one of the
two governments ("وقالت وزارة الخارجية الأميركية في بيان"). Expectations, demands, aims and conditions
(من المتوقع، طالب، تهدف، إذا) and things left to discuss (ستناقش، سيبحثان) are not outcomes.

Each clause is mapped onto the outcome kinds (nothing is recorded as "other"):
- end_combat_mission: an end/withdrawal verb with "combat" (المهمة القتالية، القوات القتالية/المقاتلة) and
  a deadline — without a date it is not "no combat mission after a date";
- mission_change: a change verb (تحول، ستتطور، سيقتصر، الانتقال …) with training/advising (التدريب،
  المشورة، الاستشارية), or forces that will go on working from a named place in a later phase;
- transition_bilateral: a move (انتقال، التحول …) to a bilateral partnership or relationship (ثنائية);
- timeline_talks: a timetable (جدول زمني، التوقيتات الزمنية) left to talks (محادثات، مباحثات، فنية).

The deadline is the clause's deadline date (بحلول، حتى، في موعد أقصاه، بنهاية …); a clause about a phase
("المرحلة الأولى"/"الثانية") takes the deadline the article gives that phase. The process is found as for
meetings; meeting_date is the date of the meeting the sentence reports, or of the latest meeting of the
process when the sentence speaks of its joint statement or results. One record per process and kind
(the most precise deadline wins)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._dates import after_publication
from isnad.loaders.extractors._meetings import meetings_of
from isnad.loaders.extractors._negotiation_process import (
    NegotiationView,
    clauses,
    is_deadline,
    person_organizations,
    process_mentions,
    sentence_process,
    side,
    view_of,
    words,
)
from isnad.loaders.extractors._prefilter import prefiltered
from isnad.loaders.extractors.common import fact
from isnad.loaders.normalize import normalize_term
from isnad.loaders.records import Fact
from isnad.loaders.sentences import Sentence

NAME = "outcomes"
VERSION = "1"

# ── gates ────────────────────────────────────────────────────────────────────────────────────────────
_AGREEMENT = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:[بل]?(?:ال)?اتفاق\w*|اتفق\w*|يتفق\w*|سيتفق\w*|توصل\w*|التوصل|تمخض\w*|اسفر\w*|"
    r"مخرجات|نتائج|[بل]?نتائج|البيان المشترك|بيان مشترك|[بل]البيان المشترك|البيان الختامي|بيان ختامي|"
    r"قرر الطرفان|قرر الجانبان|اتفاقا)(?!\w)"))
_JOINT = prefiltered(normalize_term(r"(?:البيان المشترك|بيان مشترك|بيانا مشتركا|البيان الختامي)"))
_THE_STATEMENT = prefiltered(r"(?<!\w)[وف]?(?:[بل]|لل)?البيان(?!\w)")
_ANNOUNCE = words(["أعلن", "أعلنت", "أعلنا", "أكد", "أكدت", "قال", "قالت", "أوضح", "أوضحت", "ذكر", "ذكرت",
                   "صرح", "صرحت", "أفاد", "أفادت"])
_OFFICIAL_STATEMENT = prefiltered(normalize_term(r"(?<!\w)(?:في|ب)\s*بيان"))
# Not an outcome: expectations, demands, aims, conditions, failures.
_BLOCK = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:من المتوقع|المتوقع|يتوقع|توقع|توقعت|المرتقب|من المنتظر|المنتظر|من المرجح|المرجح|ربما|"
    r"طالب|طالبت|يطالب|تطالب|طالبوا|مطالبة|مطالبته|مطالبتها|دعا|دعت|يدعو|تدعو|تهدف|يهدف|تسعى|يسعى|"
    r"إذا|اذا|لو|لم يتم التوصل|لم يتوصل|لم يتفق|لم تتفق|عدم التوصل|دون التوصل|فشل|فشلت|"
    r"يريد|تريد|يرغب|ترغب|يأمل|تأمل|نأمل)(?!\w)"))
# Left to discussion: what follows is an agenda, not a result.
_DISCUSS = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:ستناقش|سيناقش|تناقش|يناقش|مناقشة|لمناقشة|ستبحث|سيبحث|سيبحثان|تبحث|يبحث|لبحث|للبحث|"
    r"ستتناول|سيتناول|ستعمل على|سيعمل على)(?!\w)"))

# ── kinds ────────────────────────────────────────────────────────────────────────────────────────────
_END = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:[بل]?(?:ال)?(?:انهاء|إنهاء|انتهاء|نهاية|سحب|خروج|انسحاب|رحيل|مغادرة)|ينهي|تنهي|ستنهي|سينهي|"
    r"تنتهي|ستنتهي|ينتهي|سينتهي|لن يكون|لن تكون|لن نكون|لن تبقى|لن يبقى)(?!\w)"))
_COMBAT = prefiltered(normalize_term(r"(?:قتالي|قتالية|القتالي|القتالية|مقاتلة|المقاتلة|مقاتلين|المقاتلين|"
                                    r"قتاليتها|القتاليه)"))
_CHANGE = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:قد\s+)?(?:تحول|تحولت|يتحول|تتحول|ستتحول|سيتحول|التحول|تحويل|تطور|تتطور|ستتطور|"
    r"سيتطور|يتطور|[بل]?(?:ال)?انتقال|ينتقل|تنتقل|سينتقل|ستنتقل|انتقلت|يقتصر|تقتصر|سيقتصر|ستقتصر|"
    r"اقتصار|تغيير|تغير)(?!\w)"))
_TRAINING = prefiltered(normalize_term(
    r"(?:تدريب|التدريب|للتدريب|التدريبية|تدريبية|المشورة|مشورة|الاستشارية|استشارية|الاستشاري|استشاري|"
    r"الاستشارة|المهمات التدريبية)"))
_BILATERAL = prefiltered(normalize_term(r"(?:ثنائية|الثنائية|ثنائي|الثنائي)"))
_PARTNERSHIP = prefiltered(normalize_term(r"(?:شراكة|الشراكة|علاقة|العلاقة|علاقات|العلاقات|تعاون|التعاون)"))
_TIMELINE = prefiltered(normalize_term(
    r"(?:جدول زمني|الجدول الزمني|جدولا زمنيا|جداول زمنية|الجداول الزمنية|التوقيتات الزمنية|توقيتات زمنية|"
    r"التوقيتات|اطار زمني|إطار زمني|الإطار الزمني|سقف زمني|السقف الزمني)"))
_TALKS = prefiltered(normalize_term(r"(?:محادثات|المحادثات|مباحثات|المباحثات|مفاوضات|المفاوضات|فنية|الفنية|"
                                   r"حوار|الحوار|لجنة|اللجنة)"))
_CONTINUE = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:ستواصل|سيواصل|تواصل|يواصل|ستستمر|سيستمر|تستمر|يستمر|ستبقى|سيبقى|تبقى|يبقى|بقاء)(?!\w)"))
_FORCES = {"coalition-forces", "global-coalition", "us-forces"}
_PLACES = {"City", "Province", "MilitaryBase", "Zone"}

_MEETING_WORD = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:[بل]|لل)?(?:ال)?(?:اجتماع|جولة|جلسة|لقاء|مباحثات|محادثات|قمة)(?!\w)"))
_PHASE = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:(?:ال)?مرحلة\s+)?(?P<w>أولاهما|أولاها|الأولى|ثانيتهما|الثانية|ثالثتها|الثالثة)(?!\w)"))
_PHASE_NUMBER = {normalize_term(w): n for w, n in (
    ("أولاهما", 1), ("أولاها", 1), ("الأولى", 1), ("ثانيتهما", 2), ("الثانية", 2), ("ثالثتها", 3), ("الثالثة", 3))}
_PHASES_TALK = prefiltered(normalize_term(r"(?:مرحلة|مرحلتين|مراحل|المرحلة|المرحلتين)"))


@dataclass
class Outcome:
    process: str
    what: str
    sentence: Sentence
    deadline: str | None = None
    meeting_date: str | None = None

    def fields(self) -> dict:
        return {"process": self.process, "what": self.what, "deadline": self.deadline,
                "meeting_date": self.meeting_date}


def _deadline(view: NegotiationView, a: int, b: int) -> str | None:
    for p in view.dates_between(a, b):
        if is_deadline(view, p):
            return p.obj.value
    return None


def _phase(text: str, a: int, b: int) -> int | None:
    m = _PHASE.search(text, a, b)
    return _PHASE_NUMBER[m.group("w")] if m else None


def _phase_deadlines(ctx: ArticleContext) -> dict[int, str]:
    """Deadlines the article gives to numbered phases ("على مرحلتين، تنتهي أولاهما في موعد أقصاه …")."""
    found: dict[int, str] = {}
    for sentence in ctx.sentences:
        view = view_of(ctx, sentence)
        if not _PHASES_TALK.search(view.text):
            continue
        for a, b in clauses(view.text):
            number = _phase(view.text, a, b)
            if number is None:
                continue
            value = _deadline(view, a, b)
            if value is None:
                dates = [p.obj.value for p in view.dates_between(a, b)
                         if after_publication(ctx.article.published, p.obj.value)]
                value = dates[0] if len(dates) == 1 else None
            if value is not None:
                found.setdefault(number, value)
    return found


def _kinds(view: NegotiationView, a: int, b: int, has_deadline: bool, official_only: bool) -> list[str]:
    text = view.text[a:b]
    kinds = []
    discussed = _DISCUSS.search(text)

    def after_discuss(m: re.Match[str] | None) -> bool:
        return discussed is not None and m is not None and discussed.start() < m.start()

    end = _END.search(text)
    if end and _COMBAT.search(text, end.start()) and has_deadline and not after_discuss(end):
        kinds.append("end_combat_mission")
    change = _CHANGE.search(text)
    if change and _TRAINING.search(text, change.start()) and not after_discuss(change):
        kinds.append("mission_change")
    elif not official_only:
        cont = _CONTINUE.search(text)
        if cont and not after_discuss(cont):
            mentions = [p.obj for p in view.mentions_between(a + cont.start(), b)]
            after = [view.ctx.entity_type(m.entity_id) for m in mentions]
            forces = [m.entity_id for m in mentions if m.entity_id in _FORCES]
            if forces and any(t in _PLACES for t in after):
                kinds.append("mission_change")
    if official_only:
        return kinds
    if change and _BILATERAL.search(text, change.start()) and _PARTNERSHIP.search(text, change.start()) \
            and not after_discuss(change) and "mission_change" not in kinds:
        kinds.append("transition_bilateral")
    timeline = _TIMELINE.search(text)
    if timeline and _TALKS.search(text):
        kinds.append("timeline_talks")
    return kinds


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    if not process_mentions(ctx):
        return
    organizations = person_organizations(ctx)
    meetings = {}  # (process, date) of the meetings reported, from the meeting extractor
    for m in meetings_of(ctx):
        meetings.setdefault(m.process, []).append((m.date, m.sentence.index))
    joint_in_article = any(_JOINT.search(view_of(ctx, s).text) for s in ctx.sentences)
    phases: dict[int, str] | None = None
    statement_meeting: str | None = None
    found: list[Outcome] = []
    for sentence in ctx.sentences:
        process = sentence_process(ctx, sentence)
        if process is None:
            continue
        view = view_of(ctx, sentence)
        text = view.text
        blocked = _BLOCK.search(text)
        block_at = blocked.start() if blocked else len(text)
        met_here = [d for d, i in meetings.get(process, []) if i == sentence.index]
        agreement = _AGREEMENT.search(text) is not None
        joint = _JOINT.search(text) is not None or (joint_in_article and _THE_STATEMENT.search(text) is not None)
        at_meeting = bool(met_here) and _ANNOUNCE.search(text) is not None
        official = False
        if not (agreement or joint or at_meeting):
            speakers = [m for m in view.mentions if side(ctx, m.obj.entity_id, organizations)
                        and ctx.entity_type(m.obj.entity_id) != "State"]
            official = bool(speakers) and _OFFICIAL_STATEMENT.search(text) is not None \
                and _ANNOUNCE.search(text) is not None
            if not official:
                continue
        meeting_date = None
        own_dates = {p.obj.value for p in view.dates}
        if met_here:
            meeting_date = met_here[0]
        elif joint or agreement:
            held = {d for d, _ in meetings.get(process, [])}
            same_day = sorted(d for d in own_dates & held if len(d) == 10)
            if same_day:
                meeting_date = same_day[0]
            elif _JOINT.search(text) and _MEETING_WORD.search(text) and held:
                # "البيان المشترك عقب الاجتماع": the statement of the latest meeting reported.
                latest = max(held)
                meeting_date = latest if len(latest) == 10 else None
            elif _JOINT.search(text) and _MEETING_WORD.search(text):
                # "في بيان مشترك عقب الجولة الثالثة … أمس الأربعاء": the day the sentence gives.
                days = [p.obj.value for p in view.dates
                        if not p.obj.is_period and not is_deadline(view, p)
                        and not after_publication(ctx.article.published, p.obj.value)]
                meeting_date = days[0] if len(days) == 1 and len(days[0]) == 10 else None
            elif not _JOINT.search(text) and joint:
                meeting_date = statement_meeting  # "وقال البيان …" goes on about the same statement
        if _JOINT.search(text):
            statement_meeting = meeting_date
        for a, b in clauses(text):
            if a >= block_at:
                break
            deadline = _deadline(view, a, b)
            if deadline is None:
                number = _phase(text, a, b)
                if number is not None:
                    if phases is None:
                        phases = _phase_deadlines(ctx)
                    deadline = phases.get(number)
            for what in _kinds(view, a, min(b, block_at), deadline is not None, official_only=official):
                found.append(Outcome(process, what, sentence, deadline, meeting_date))
    for outcome in _merge(found):
        yield fact(ctx, outcome.sentence, "outcome", outcome.fields(), NAME, VERSION, 0.75)


def _compatible(x: str | None, y: str | None) -> bool:
    return x is None or y is None or x.startswith(y) or y.startswith(x)


def _merge(found: list[Outcome]) -> list[Outcome]:
    """One record per process and kind; deadlines that agree merge (the finer wins), others stay apart."""
    kept: list[Outcome] = []
    for o in found:
        for k in kept:
            if k.process == o.process and k.what == o.what and _compatible(k.deadline, o.deadline):
                if o.deadline and (k.deadline is None or len(o.deadline) > len(k.deadline)):
                    k.deadline = o.deadline
                k.meeting_date = k.meeting_date or o.meeting_date
                break
        else:
            kept.append(o)
    return kept

"""strike facts: an air or missile strike carried out by a state or a coalition ("شنت الولايات المتحدة غارات
جوية على خمسة مواقع…", "مقتل قاسم سليماني في غارة أمريكية", "قصفت طائرات أمريكية مواقع…").

A strike is anchored on غارة/غارات، ضربة/ضربات (also "قصف" and "هجوم" when a state qualifies them, "قصفت"
with a state subject). It needs the striker (`by`) and a date:

- by: a nisba on the strike word ("غارة أمريكية", "ضربة جوية إسرائيلية"), else a coalition or force named
  on it ("غارات للتحالف الدولي"), else the state or force subject of the clause ("شنت الولايات المتحدة …",
  "وتشن واشنطن ضربات", "قصفت طائرات أمريكية"). A force stands for its state (us-forces → united-states;
  coalition-forces → global-coalition). Armed groups never strike; their attacks are attacks.py's.
- date: the point date nearest the strike word outside the clause it answers; "منذ مقتل X" naming the
  strike's own target refines a coarser date ("مطلع 2020" → the day of the killing). Habitual strikes
  ("تشن ضربات") count only through "آخرها في 29 حزيران".
- target: the person killed (مقتل/اغتيال X … في غارة) or the armed group whose sites were hit; targets: the
  object phrase; facilities: "خمسة مواقع", "7 منشآت"; killed/injured as for attacks, also from the next
  sentences that refer back to the strike ("وأسفرت الغارات عن مقتل…").
- in_response_to: the date in the clause the strike answers ("ردا على هجوم … يوم الجمعة"), else the date of
  the attack that clause names, found among the article's attacks by its place or target.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._attack_reports import attack_reports, response_clause
from isnad.loaders.extractors._casualties import fill_casualties
from isnad.loaders.extractors._dates import after_publication, finer_same, nearest_date, point_dates
from isnad.loaders.extractors._event_view import EventView
from isnad.loaders.extractors._patterns import CLITICS as CL
from isnad.loaders.extractors._patterns import WORD_END as E
from isnad.loaders.extractors._patterns import WORD_START as B
from isnad.loaders.extractors._patterns import normalized_re as _rx
from isnad.loaders.extractors._places import best_place, compatible_places, place_candidates
from isnad.loaders.extractors._sentence_view import comma_clause
from isnad.loaders.extractors.common import ARMED_GROUP_TYPES, fact
from isnad.loaders.normalize import normalize_term as _n
from isnad.loaders.records import Fact

NAME = "strikes"
VERSION = "1"

STRIKE_NOUN = _rx(B + CL + r"(?:غارة|غارات|غارتين|ضربة|ضربات|ضربتين)" + E)
# "قصف"/"هجوم" are strikes only when a state qualifies or carries them out.
STATE_ATTACK_NOUN = _rx(B + CL + r"(?:قصف|هجوم|هجوما)" + E)
STRIKE_VERB = _rx(B + r"[وف]?(?:قصفت|قصف|تقصف|يقصف)" + E)
# Substrings one of which a sentence needs for STRIKE_NOUN, STATE_ATTACK_NOUN or STRIKE_VERB to match.
ANCHOR_NEEDLES = tuple(_n(w) for w in ("غار", "ضرب", "قصف", "هجوم"))
STRIKE_ACTION = _rx(B + r"[وف]?(?:شن|شنت|تشن|يشن|نفذ|نفذت|تنفذ|ينفذ|وجه|وجهت|قصف|قصفت|ردت|رد|أطلق|أطلقت)" + E)
HABITUAL = _rx(B + r"[وف]?(?:تشن|يشن|تواصل|يواصل|تنفذ|ينفذ)" + E)
LATEST = _rx(B + r"[وف]?(?:آخرها|أحدثها|وآخرها)" + E)
KILLING = _rx(B + r"[وف]?(?:مقتل|اغتيال|قتل|تصفية|مصرع|استهداف|استهدفت|استهدف|لاغتيال)" + E)
# Words that are not a strike: "ضربة موجعة" for a political blow, "ضربة قاضية", "ضربات الجزاء".
FIGURATIVE = _rx(r"^\s*(?:موجعة|قاضية|قوية للاقتصاد|الجزاء|حظ|استباقية سياسية)" + E)
FACILITY_NOUNS = frozenset(_n(w) for w in ("موقع", "مواقع", "منشأة", "منشات", "منشآت", "مقر", "مقرات", "مستودع",
                                          "مستودعات", "مخزن", "مخازن", "معسكر", "معسكرات", "قاعدة", "قواعد",
                                          "مصنع", "مصانع", "مخبأ", "مخابئ"))
STRIKER_TYPES = frozenset({"State", "Force", "MilitaryCoalition"})
# A force strikes for its state or coalition.
FORCE_OWNER = {"coalition-forces": "global-coalition", "centcom": "united-states", "israeli-army": "israel",
               "irgc": "iran", "quds-force": "iran"}
OBJECT_START = _rx(r"\s*(?:(?:جوية|جويا|صاروخية|جوي|\S+(?:ية|يه))\s+){0,2}(?:على|ضد|استهدفت|استهدف)\s+")
VERB_OBJECT_START = re.compile(r"\s*")
OBJECT_STOP = re.compile(r"[،,.؛;]|" + _n(r"(?<![\w])(?:ردا|رداً|ردّاً|قرب|عند|بالقرب|مما|ما أسفر|أسفرت|وأسفرت)(?![\w])"))



# Words before a mention that make it no striker: a preposition, or (for a nisba) the craft it qualifies.
_AFTER_PREPOSITION = _rx(r"(?:في|من|إلى|الى|على|داخل|ضد|عن|مع|بين)\s*$")
_AFTER_CRAFT = _rx(r"(?:طائرات|طائرة|مقاتلات|قوات|مسيرة|مسيرات)\s*$")
# A strike that is expected or threatened, not reported.
_EXPECTED = _rx(r"(?<![\w])(?:سوف|من المتوقع|من المقرر)(?![\w])")
_THREATENED = _rx(r"(?<![\w])(?:ستشن|سيشن|ستنفذ|سينفذ|ستوجه|سيوجه|بشن|لشن|تهدد|هددت|هدد|توعد|توعدت)(?![\w])")

def _owner(ctx: ArticleContext, entity_id: str, implies: str | None) -> str | None:
    kind = ctx.entity_type(entity_id)
    if kind == "State" or kind == "MilitaryCoalition":
        return entity_id
    if kind == "Force":
        if implies:
            return implies
        known = ctx.gazetteer.entities.get(entity_id)
        if known is not None and known.nisba_of:
            return known.nisba_of
        return FORCE_OWNER.get(entity_id)
    return None


def _striker(view: EventView, anchor: int, anchor_end: int, start: int) -> str | None:
    ctx = view.ctx
    # "غارة أمريكية", "ضربة جوية أمريكية", "غارات للتحالف الدولي", "غارة لطيران التحالف"
    for s, _e, m in view.mentions:
        if anchor_end <= s <= anchor_end + 14 and view.type_of(m) in STRIKER_TYPES:
            owner = _owner(ctx, m.entity_id, m.implies)
            if owner:
                return owner
    # the subject of a strike verb: the nearest state or force before the strike word, not a place
    # ("في العراق") nor a modifier ("مدعومة من إيران"), with شن/نفذ/قصف… around it ("شنت الولايات المتحدة
    # … غارات", "وتشن واشنطن ضربات"); "ونددت بغداد بالغارة" names no striker
    for s, _e, m in reversed(view.mentions_between(start, anchor, STRIKER_TYPES)):
        if not STRIKE_ACTION.search(view.text, max(0, s - 20), anchor):
            continue
        before = view.text[max(0, s - 12):s]
        if _AFTER_PREPOSITION.search(before) or before.endswith("ب"):
            continue
        if m.via == "nisba" and view.type_of(m) == "State" and not _AFTER_CRAFT.search(before):
            continue
        return _owner(ctx, m.entity_id, m.implies)
    # verb-first: "قصفت طائرات أمريكية", "شنت الولايات المتحدة"
    after = view.mentions_between(anchor_end, min(len(view.text), anchor_end + 30), STRIKER_TYPES)
    return _owner(ctx, after[0][2].entity_id, after[0][2].implies) if after else None


def _anchor_list(view: EventView) -> list[tuple[int, int, str]]:
    text = view.text
    if not any(n in text for n in ANCHOR_NEEDLES):
        return []
    found = [(m.start(), m.end(), "noun") for m in STRIKE_NOUN.finditer(text) if not FIGURATIVE.search(text[m.end():])]
    for m in STATE_ATTACK_NOUN.finditer(text):
        if any(m.end() <= s <= m.end() + 14 and mm.via == "nisba" and view.type_of(mm) == "State"
               for s, e, mm in view.mentions):
            found.append((m.start(), m.end(), "noun"))
    for m in STRIKE_VERB.finditer(text):
        found.append((m.start(), m.end(), "verb"))
    found.sort()
    return found


def _target(view: EventView, start: int, end: int, anchor: int, anchor_end: int) -> str | None:
    # A person killed in the strike: "مقتل الجنرال الإيراني قاسم سليماني … في غارة أمريكية".
    for match in KILLING.finditer(view.text, start, end):
        if abs(match.start() - anchor) > 160:
            continue
        persons = view.mentions_between(match.end(), min(end, match.end() + 60), ("Person",))
        if persons:
            return persons[0][2].entity_id
    groups = [m for s, e, m in view.mentions_between(anchor_end, end, ARMED_GROUP_TYPES)]
    return groups[0].entity_id if groups else None


def _targets_text(view: EventView, anchor_end: int, end: int, verb: bool = False) -> str | None:
    """The object of the strike: "ضد عشرات الأهداف في 7 منشآت…", "قصفت مواقع فصائل عراقية"."""
    if verb:  # "قصفت طائرات إسرائيلية مواقع …": the subject comes first
        subjects = [e for s, e, m in view.mentions_between(anchor_end, anchor_end + 30, STRIKER_TYPES)]
        if subjects:
            anchor_end = subjects[0]
    match = (VERB_OBJECT_START if verb else OBJECT_START).match(view.text, anchor_end)
    if match is None:
        return None
    stop = OBJECT_STOP.search(view.text, match.end(), end)
    a, b = match.end(), stop.start() if stop else end
    words = view.text[a:b].split()
    if not words or len(words) > 14:
        return None
    return view.original(a, b).strip()


def _facilities(view: EventView, start: int, end: int) -> int | None:
    for s, e, x in view.numbers:
        if start <= s and e <= end and x.noun in FACILITY_NOUNS and not x.percent:
            return int(x.value)
    return None


def _anchor_period_date(view: EventView, target: str | None, start: int, end: int) -> str | None:
    """"منذ مقتل قاسم سليماني": a period opened by the killing of the strike's own target dates the strike."""
    if target is None:
        return None
    for s, e, d in view.dates:
        if d.is_period and start <= s and e <= end and d.period_from and any(
                m.entity_id == target for _, _, m in view.mentions_between(s, e, ("Person",))):
            return d.period_from
    return None


def strike_candidates(ctx: ArticleContext) -> list[dict]:
    attacks = None
    out = []
    for sentence in ctx.sentences:
        view = EventView(ctx, sentence)
        anchors = _anchor_list(view)
        if not anchors:
            continue
        text = view.text
        clause = response_clause(view)
        if clause and all(clause[0] <= a < clause[1] for a, _, _ in anchors):
            clause = None  # "بعد الهجوم الأمريكي الذي …": the state's own strike, not an answered attack
        for a_start, a_end, kind in anchors:
            if clause and clause[0] <= a_start < clause[1]:
                continue  # the answered attack, not the strike
            by = _striker(view, a_start, a_end, 0)
            if by is None or ctx.entity_type(by) not in ("State", "MilitaryCoalition"):
                continue
            if kind == "verb" and not _state_verb_subject(view, a_start, a_end, by):
                continue
            # the strike's own span: the sentence minus the clause it answers
            spans = [(0, len(text))] if clause is None else [(0, clause[0]), (clause[1], len(text))]
            habitual = HABITUAL.search(text[max(0, a_start - 30):a_start]) is not None
            latest = LATEST.search(text, a_end)
            if habitual and latest is None:
                continue
            if _inside_date(view, a_start) or _EXPECTED.search(text[max(0, a_start - 40):a_start]) \
                    or _THREATENED.search(text[max(0, a_start - 40):a_start]):
                continue
            date_from = latest.start() if (habitual and latest) else 0
            dates = [d for s0, e0 in spans for d in point_dates(view, max(s0, date_from), e0)]
            if not dates:
                continue
            date = min(dates, key=lambda t: min(abs(t[0] - a_start), abs(t[1] - a_start)))[2]
            fields: dict = {"by": by}
            # target and place: the strike's own clause ("…، آخرها في 29 حزيران، حينما قصفت مواقع … عند …")
            c0, c1 = (latest.start(), len(text)) if (habitual and latest) else comma_clause(text, a_start)
            local = [(max(s0, c0), min(e0, c1)) for s0, e0 in spans if max(s0, c0) < min(e0, c1)]
            target = None
            for s0, e0 in local:
                target = target or _target(view, s0, e0, a_start, a_end)
            value = date.value
            anchored = _anchor_period_date(view, target, 0, len(text))
            if anchored and anchored.startswith(value):
                value = finer_same(value, anchored)
            if after_publication(ctx.article.published, value):
                continue
            fields["date"] = value
            places = [p for s0, e0 in local for p in place_candidates(view, s0, e0, {target} if target else set())]
            fields["place"] = best_place(ctx, places)
            fields["target"] = target
            t_start, t_end, t_kind = a_start, a_end, kind
            if habitual and latest:  # the latest strike is described after "آخرها": "حينما قصفت مواقع …"
                t_start, t_end, t_kind = next(((s, e, k) for s, e, k in anchors if s > latest.start()),
                                              (a_start, a_end, kind))
            object_end = spans[0][1] if clause and t_start < clause[0] else len(text)
            fields["targets"] = _targets_text(view, t_end, object_end, t_kind == "verb")
            fields["facilities"] = next((f for s0, e0 in spans if (f := _facilities(view, s0, e0)) is not None), None)
            fields["killed"] = fields["injured"] = None
            for s0, e0 in spans:
                fill_casualties(fields, view, s0, e0)
            if clause is not None:
                answered = nearest_date(view, clause[0], clause[1], clause[0])
                if answered is not None:
                    fields["in_response_to"] = answered.value
                else:
                    if attacks is None:
                        attacks = attack_reports(ctx)
                    fields["in_response_to"] = _answered_attack_date(view, clause, attacks)
            _follow_up(ctx, sentence.index, fields)
            out.append({"sentence": sentence, "fields": fields})
            break  # one strike per sentence
    return out


def _inside_date(view: EventView, pos: int) -> bool:
    """A strike word inside a date expression ("منذ الغارة …") dates something else."""
    return any(s <= pos < e for s, e, _ in view.dates)


def _state_verb_subject(view: EventView, a_start: int, a_end: int, by: str) -> bool:
    """"قصفت" strikes only with a state actor as its subject nearby (before it in the clause, or right after)."""
    near = view.mentions_between(max(0, a_start - 120), min(len(view.text), a_end + 30), STRIKER_TYPES)
    return any(_owner(view.ctx, m.entity_id, m.implies) == by for _, _, m in near)


def _answered_attack_date(view: EventView, clause: tuple[int, int], attacks: list) -> str | None:
    """"ردت … على الهجوم الذي نفذ في الأردن": the date of the article's attack at that place or target."""
    named = [m.entity_id for _, _, m in view.mentions_between(*clause) if m.via != "nisba"]
    if not named:
        return None
    for attack in attacks:
        if attack.sentence.index >= view.sentence.index + 1:
            continue
        where = [attack.fields.get("target"), attack.fields.get("place")]
        if any(w and any(w == n or (compatible_places(view.ctx, w, n) and view.ctx.entity_type(n) != "State")
                         for n in named) for w in where):
            return attack.fields["date"]
    return None


STRIKE_BACKREF = _rx(B + CL + r"(?:الغارات|الغارة|الضربات|الضربة|القصف|الغارتين|الضربتين)" + E)


def _follow_up(ctx: ArticleContext, index: int, fields: dict) -> None:
    """Casualties, targets and facilities of a strike from the next sentences that refer back to it."""
    for sentence in ctx.sentences[index + 1:index + 4]:
        view = EventView(ctx, sentence)
        if not STRIKE_BACKREF.search(view.text):
            continue
        if _anchor_list(view) and point_dates(view, 0, len(view.text)) and not STRIKE_BACKREF.search(view.text[:40]):
            break  # another strike
        fill_casualties(fields, view, 0, len(view.text))
        if fields.get("facilities") is None:
            fields["facilities"] = _facilities(view, 0, len(view.text))


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    seen: list[dict] = []
    for candidate in strike_candidates(ctx):
        fields = candidate["fields"]
        duplicate = next((f for f in seen if f["by"] == fields["by"] and (
            f["date"].startswith(fields["date"]) or fields["date"].startswith(f["date"]))), None)
        if duplicate is not None:
            continue
        seen.append(fields)
        confidence = 0.8 if fields.get("place") or fields.get("target") else 0.7
        yield fact(ctx, candidate["sentence"], "strike", fields, NAME, VERSION, confidence)

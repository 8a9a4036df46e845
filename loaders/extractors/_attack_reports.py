"""The single attacks an article reports, found once for the attack extractor (attacks.py, which states
the rules) and for the strike extractor, which dates the attack a strike answers by them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention
from isnad.loaders.extractors._casualties import casualties, fill_casualties
from isnad.loaders.extractors._dates import after_publication, finer_same, nearest_date, point_dates
from isnad.loaders.extractors._event_view import EventView
from isnad.loaders.extractors._patterns import CLITICS as CL
from isnad.loaders.extractors._patterns import WORD_END as E
from isnad.loaders.extractors._patterns import WORD_START as B
from isnad.loaders.extractors._patterns import normalized_re as _rx
from isnad.loaders.extractors._places import (
    NEAR_WORDS,
    TARGET_PLACE_TYPES,
    best_place,
    compatible_places,
    place_candidates,
)
from isnad.loaders.extractors._sentence_view import Placed
from isnad.loaders.extractors.common import ARMED_GROUP_TYPES
from isnad.loaders.normalize import normalize_term as _n
from isnad.loaders.sentences import Sentence

ACTOR_SPEAKER_TYPES = frozenset({"State", "GovernmentBody", "Institution", "Force", "Person", "MilitaryCoalition"})

# ── Attack cues ──────────────────────────────────────────────────────────────────────────────────────
ATTACK_NOUN = _rx(B + CL + r"(?:هجوم|هجوما|هجوم|اعتداء|استهداف|قصف|تفجير)" + E)
ATTACK_VERB = _rx(B + r"[وف]?(?:استهدف|استهدفت|استهدفا|استهدفتا|يستهدف|تستهدف|هاجم|هاجمت|قصف|قصفت)" + E)
# "سقط صاروخ", "سقطت ثلاثة صواريخ", "انفجرت عبوة ناسفة", "أطلقت صواريخ", "أطلق مسلحون النار".
WEAPON_VERB = _rx(B + r"[وف]?(?:سقط|سقطت|انفجرت|انفجر|أطلق|أطلقت|أطلقوا|فجر|فجرت)\s+(?:\S+\s+){0,3}?"
                  + CL + r"(?:صاروخ|صاروخا|صاروخين|صاروخان|صواريخ|قذيفة|قذيفتين|قذيفتان|قذائف|عبوة|عبوات|"
                  r"طائرة مسيرة|مسيرة|مسيرتين|مسيرتان|النار|نيران)" + E)
# "صاروخان سقطا داخل القاعدة", "قذيفة سقطت قرب السفارة"
WEAPON_FELL = _rx(B + CL + r"(?:صاروخ|صاروخا|صاروخين|صاروخان|صواريخ|قذيفة|قذيفتين|قذيفتان|قذائف|عبوة|مسيرة|مسيرتين)\s+"
                  r"(?:\S+\s+){0,2}?(?:سقط|سقطت|سقطا|سقطتا|انفجرت|انفجر|انفجرتا|استهدفت|استهدف)" + E)
# Substrings one of which a sentence needs for any of the four cues above to match (a cheap test first).
ATTACK_NEEDLES = tuple(_n(w) for w in ("هجوم", "اعتداء", "استهدف", "استهداف", "هاجم", "قصف", "تفجير", "سقط",
                                       "أطلق", "فجر"))
# Campaign and habitual framing right before the cue: not a single event.
CAMPAIGN_BEFORE = _rx(r"(?:تتوقف|يتوقف|توقف|مواصلة|بمواصلة|تواصل|يواصل|تكرار|بتكرار|استمرار|سلسلة|موجة|تصاعد"
                      r"|تهدد|تهديد|هدد|هددت|توعد|توعدت|بشن|لشن|شن|تشن|يشن|ستشن|سيشن|منع|لمنع|صد|لصد|إحباط|"
                      r"احباط|إفشال|أي|لأي|ضد أي|خطر|مخاطر|يخطط|تخطط|التخطيط|عن)\s+(?:\S+\s+){0,1}$")
CAMPAIGN_AFTER = _rx(r"^\S*\s*(?:\S+\s+){0,2}?(?:متكررة|متكرر|شبه يومية|شبه يومي|متواصلة|متواصل|مستمرة|محتمل|محتملة)"
                     + E)
# "كان آخرها هجوم…": the latest of a counted series is a single attack inside the series' period.
LATEST = _rx(r"(?:آخرها|أحدثها|آخرهما|وآخرها|أخرها|كان آخر|آخر هذه|أحدث هذه)\s+(?:\S+\s+){0,2}$")
# Tally nouns: a number counting these is a tally, another engineer's kind.
TALLY_NOUNS = frozenset(_n(w) for w in ("هجوم", "هجمة", "هجمات", "اعتداء", "عملية", "ضربة", "غارة", "استهداف",
                                        "هجوما"))

# Strike words: a sentence with one reports a strike; its attack is the clause the strike answers.
STRIKE_CUE = _rx(B + CL + r"(?:غارة|غارات|غارتين|ضربة|ضربات|ضربتين)" + E)
STRIKE_NEEDLES = (_n("غار"), _n("ضرب"))
RESPONSE = _rx(B + r"[وف]?(?:ردا|رداً|ردّاً|رد|ردت|رد|انتقاما|ثأرا|ثارا|بعد|عقب|إثر|اثر)" + E)
ATTACK_AFTER_RESPONSE = _rx(B + r"(?:(?:على|ل|لل)\s*|[لب])?(?:(?:تلك|هذه|ذلك|هذا|سلسلة)\s+)?" + CL
                            + r"(?:هجوم|هجمات|هجومين|اعتداء|اعتداءات|استهداف|قصف)" + E)

# ── Weapons ──────────────────────────────────────────────────────────────────────────────────────────
WEAPONS: list[tuple[str, re.Pattern[str]]] = [
    ("drone", _rx(B + CL + r"(?:مسيرة|مسيرتين|مسيرتان|مسيرات|مسير|درون|درونز)" + E + r"|(?:بدون|دون|من دون)\s+طيار")),
    ("missile", _rx(B + CL + r"(?:صاروخ|صواريخ|صاروخين|صاروخا)\s+(?:\S+\s+)?(?:باليستي|باليستية|بالستي|بالستية|كروز)"
                    + r"|" + B + CL + r"(?:باليستي|باليستية|بالستية|بالستي)" + E)),
    ("ied", _rx(B + CL + r"(?:عبوة|عبوات|عبوتين)\s+(?:ناسفة|ناسفتين|لاصقة|متفجرة)")),
    ("gunfire", _rx(B + CL + r"(?:إطلاق نار|إطلاق النار|أعيرة نارية|نيران أسلحة|رصاص|رشقات)" + E
                    + r"|" + B + r"[وف]?(?:أطلق|أطلقت|أطلقوا|فتح|فتحوا)\s+(?:\S+\s+){0,3}?(?:النار|نيران)" + E)),
    ("rocket", _rx(B + CL + r"(?:صاروخ|صاروخا|صاروخين|صاروخان|صواريخ|صاروخي|صاروخية|كاتيوشا|قذيفة صاروخية|"
                   r"قذائف صاروخية)"
                   + E)),
    ("other", _rx(B + CL + r"(?:هاون|مفخخة|مفخخ|انتحاري|انتحارية|قذيفة|قذائف)" + E)),
]

# ── Attribution ──────────────────────────────────────────────────────────────────────────────────────
CLAIM = _rx(B + r"[وف]?(?:أعلن|أعلنت|يعلن|تعلن|تبنت|تبنى|يتبنى|تتبنى|تبنّت|أعلنا|متبنية|معلنة)" + E)
RESPONSIBILITY = _rx(B + CL + r"مسؤولية?(?:ها|ه|هم|هما)?" + E)
CLAIMED_OBJECT = _rx(B + CL + r"(?:هجوم|الهجوم|الهجومين|الاستهداف|العملية|الاعتداء|القصف)" + E)
NEGATION_BEFORE = _rx(r"(?:لم|لا|ولم|ولا|عدم|دون أن|نفت|ينفي|تنفي|نفى)\s+(?:\S+\s+){0,2}$")
ACCUSE = _rx(B + r"[وف]?(?:اتهم|اتهمت|يتهم|تتهم|متهما|متهمة|اتهام)" + E)
BEHIND = _rx(B + r"(?:وراء|وراءه|وراءها|خلف)" + E)
# "بهجوم شنه مسلحو داعش", "هجوم نفذته كتائب حزب الله": the perpetrator as the report states it.
CARRIED_OUT_BY = _rx(B + r"(?:شنه|شنته|شنها|نفذه|نفذته|نفذها|شنوه|نفذوه)" + E)
HOLD_RESPONSIBLE = _rx(B + r"[وف]?(?:حمل|حملت|يحمل|تحمل|محملا|محملة|حمّل|حمّلت)" + E)
ASCRIBE = _rx(B + r"[وف]?(?:نسب|نسبت|ينسب|تنسب|عزا|عزت)" + E)
SPEECH = _rx(B + r"[وف]?(?:قال|قالت|أكد|أكدت|ذكر|ذكرت|أوضح|أوضحت|أعلن|أعلنت|أفاد|أفادت|رجح|رجحت|يعتقد|تعتقد|"
             r"اعتبر|اعتبرت|أشار|أشارت|لفت|لفتت|صرح|صرحت|كشف|كشفت|يقول|تقول|أضاف|أضافت)" + E)

# ── Back-references in the sentences after an event ──────────────────────────────────────────────────
ATTACK_BACKREF = _rx(B + CL + r"(?:الهجوم|الاعتداء|الاستهداف|القصف|وراءه|مسؤوليته|الطائرتين|الطائرة|الصواريخ|"
                     r"الصاروخ|الصاروخين|القذائف|العبوة|الانفجار|المسيرة|المسيرتين|الهجومين)" + E
                     + r"|" + B + r"(?:وأسفر|أسفر|وأدى|أدى|وخلف|خلف)" + E)
RELATIVE_TIME = _rx(B + r"[وف]?(?:بعد|ولم تمض|لم تمض|ولم تمر|لم تمر|عقب)\s+(?:\S+\s+)?(?:ساعات|ساعة|ساعتين|دقائق|لحظات)"
                    r"(?:\s+(?:على|من)\s+(?P<event>\S+))?"
                    + r"|" + B + r"[وف]?(?:في وقت لاحق|لاحقا|في اليوم نفسه|في اليوم ذاته|في الوقت نفسه)" + E)



# A tally read as the time of an attack ("بعد أكثر من 160 هجوما"), and "تعرضت القوات … لهجوم".
_SINCE_BEFORE = _rx(r"(?:إثر|اثر|بعد|عقب|منذ)\s+(?:\S+\s+)?$")
_UNDERWENT = _rx(r"(?<![\w])[وف]?(?:تعرض|تعرضت|يتعرض|تتعرض)(?![\w])")

def weapon_in(view: EventView, start: int, end: int, anchor: int) -> str | None:
    """The weapon named nearest the attack word in [start, end)."""
    found = []
    segment = view.text[start:end]
    for name, pattern in WEAPONS:
        for match in pattern.finditer(segment):
            pos = start + match.start()
            found.append((abs(pos - anchor), pos < anchor, name))
    if not found:
        return None
    specific = [f for f in found if f[2] != "other"]  # "طائرة مسيرة مفخخة" is a drone
    return min(specific or found)[2]



def response_clause(view: EventView) -> tuple[int, int] | None:
    """The clause a strike answers: "ردا على هجوم … ،", "وردت X في DATE على الهجوم الذي …،"."""
    for match in RESPONSE.finditer(view.text):
        attack = ATTACK_AFTER_RESPONSE.search(view.text, match.end(), min(len(view.text), match.end() + 80))
        if attack is None:
            continue
        gap = view.text[match.end():attack.start()]
        if "،" in gap or "," in gap:
            continue
        start = attack.start()
        comma = re.compile(r"[،,؛;]").search(view.text, attack.end())
        return start, comma.start() if comma else len(view.text)
    return None



def period_value(d: DateMention) -> str | None:
    """The part of a period both its ends share ("منذ مطلع العام" → the year), if any."""
    if not d.is_period:
        return d.value
    if d.period_from and d.period_to and d.period_from.startswith(d.value) and d.period_to.startswith(d.value):
        return d.value
    return None




def relative_date(ctx: ArticleContext, view: EventView, earlier: list[tuple[int, str]]) -> str | None:
    """An undated event "بعد ساعات" / "ولم تمض ساعات على التصويت": the date of the event it follows —
    the earlier sentence naming that event (same stem), else the latest event extracted before it."""
    match = RELATIVE_TIME.search(view.text)
    if match is None:
        return None
    event = match.groupdict().get("event")
    if event:
        stem = _stem(event)
        for sentence in reversed(ctx.sentences[:view.sentence.index]):
            other = EventView(ctx, sentence)
            hit = re.search(r"(?<![\w])[وف]?(?:ال)?" + re.escape(stem), other.text) if len(stem) >= 3 else None
            if hit:
                date = nearest_date(other, 0, len(other.text), hit.start())
                if date is not None:
                    return date.value
                break
    if earlier:
        return earlier[-1][1]
    return None


def _stem(word: str) -> str:
    """A crude stem of an event noun: التصويت → صوت, الاجتماع → اجتماع (enough to find its verb)."""
    word = re.sub(r"^[وفبل]?(?:ال)?", "", word)
    if len(word) >= 5 and word.startswith("ت") and word[-2] == "ي":  # تفعيل masdar: تصويت → صوت
        word = word[1:-2] + word[-1]
    return word


def armed_groups(view: EventView, start: int, end: int) -> list[Placed]:
    return view.mentions_between(start, end, ARMED_GROUP_TYPES)


def attribution(view: EventView) -> dict[str, str]:
    """perpetrator / attribution / attributed_by stated in the sentence (claims, attributions, accusations)."""
    text = view.text
    for match in CLAIM.finditer(text):
        if NEGATION_BEFORE.search(text[max(0, match.start() - 25):match.start()]):
            continue
        tail = text[match.end():match.end() + 120]
        if not (RESPONSIBILITY.search(tail) or CLAIMED_OBJECT.search(tail[:60])):
            continue
        groups = armed_groups(view, match.end(), match.end() + 100) or [
            g for g in armed_groups(view, max(0, match.start() - 60), match.start())][-1:]
        if groups:
            return {"perpetrator": groups[0][2].entity_id, "attribution": "claimed"}
    for match in ACCUSE.finditer(text):
        if NEGATION_BEFORE.search(text[max(0, match.start() - 25):match.start()]):
            continue
        groups = armed_groups(view, match.end(), match.end() + 80)
        if groups:
            return _stated_by(view, match, groups[0], "accused")
    for cue in (HOLD_RESPONSIBLE, ASCRIBE):
        for match in cue.finditer(text):
            groups = armed_groups(view, match.end(), match.end() + 100)
            if groups and (cue is not HOLD_RESPONSIBLE or RESPONSIBILITY.search(text, match.end())):
                return _stated_by(view, match, groups[0], "attributed")
    for match in CARRIED_OUT_BY.finditer(text):
        groups = armed_groups(view, match.end(), match.end() + 30)
        if groups:
            return {"perpetrator": groups[0][2].entity_id}
    for match in BEHIND.finditer(text):
        if NEGATION_BEFORE.search(text[max(0, match.start() - 25):match.start()]):
            continue
        groups = [g for g in armed_groups(view, max(0, match.start() - 150), match.start())]
        if not groups:
            continue
        group_start = groups[0][0]
        out = {"perpetrator": groups[0][2].entity_id, "attribution": "attributed"}
        speeches = [m for m in SPEECH.finditer(text, 0, group_start)]
        if speeches:
            speaker = _speaker(view, speeches[-1].end(), group_start)
            if speaker:
                out["attributed_by"] = speaker
        return out
    return {}


def _stated_by(view: EventView, cue: re.Match[str], group: Placed, attribution: str) -> dict[str, str]:
    """An accusation or attribution of `group` made with `cue`, and who made it: the speaker between the cue
    and the group ("اتهمت واشنطن كتائب حزب الله"), else the one just before the cue."""
    out = {"perpetrator": group.obj.entity_id, "attribution": attribution}
    speaker = _speaker(view, cue.end(), group.start) or _speaker_before(view, cue.start())
    if speaker:
        out["attributed_by"] = speaker
    return out


def _speaker(view: EventView, start: int, end: int) -> str | None:
    for _s, _e, m in view.mentions_between(start, end, ACTOR_SPEAKER_TYPES):
        if m.via == "nisba":
            continue
        return m.entity_id
    return None


def _speaker_before(view: EventView, pos: int) -> str | None:
    found = [m for s, e, m in view.mentions_between(max(0, pos - 60), pos, ACTOR_SPEAKER_TYPES) if m.via != "nisba"]
    return found[-1].entity_id if found else None


@dataclass
class Candidate:
    sentence: Sentence
    fields: dict
    anchor: int = 0
    latest_of_series: bool = False

    def key_count(self) -> int:
        return sum(1 for k in ("target", "place") if self.fields.get(k)) + (1 if self.fields.get("date") else 0)


def _tally_number_spans(view: EventView) -> list[tuple[int, int]]:
    """Counted attack nouns of tallies ("160 هجوما"): spans that are not single attacks."""
    spans = []
    for s, _e, x in view.numbers:
        if x.noun in TALLY_NOUNS and x.noun_end is not None:
            spans.append((s, view.local(x.noun_end)))
    return spans


def _state_attacker_after(view: EventView, pos: int) -> bool:
    """"هجوم أمريكي", "قصف إسرائيلي": the attack word is qualified by a state — a strike, not an attack."""
    return any(pos <= s <= pos + 14 and m.via == "nisba" for s, _e, m in view.mentions)


def _state_subject(view: EventView, verb_end: int) -> bool:
    """"قصفت طائرات أمريكية", "قصفت الولايات المتحدة": a state strikes."""
    for s, _e, m in view.mentions:
        if verb_end <= s <= verb_end + 16 and view.type_of(m) in ("State", "Force", "MilitaryCoalition") and (
                m.via == "nisba" or view.text[verb_end:s].strip() in ("", _n("طائرات"), _n("طائرة"), _n("مقاتلات"))):
            return True
    return False


def _anchors(view: EventView, start: int, end: int, tally: bool) -> list[tuple[int, int, bool]]:
    """Single-attack cue positions (start, end, latest_of_series) in [start, end)."""
    text = view.text
    counted = _tally_number_spans(view)
    found: list[tuple[int, int, bool]] = []
    patterns = [ATTACK_NOUN] if tally else [ATTACK_NOUN, ATTACK_VERB, WEAPON_VERB, WEAPON_FELL]
    for pattern in patterns:
        for match in pattern.finditer(text, start, end):
            s, e = match.start(), match.end()
            if any(cs <= s < ce for cs, ce in counted) or any(ds <= s < de for ds, de, _ in view.dates):
                continue  # the counted noun of a tally, or an attack that only dates something ("منذ هجوم …")
            before = text[max(0, s - 30):s]
            if CAMPAIGN_BEFORE.search(before) or CAMPAIGN_AFTER.search(text[e:e + 40]):
                continue
            word = match.group(0)
            if pattern is ATTACK_VERB and (_n("قصف") in word) and _state_subject(view, e):
                continue
            if pattern is ATTACK_NOUN and _state_attacker_after(view, e):
                continue
            latest = bool(LATEST.search(before))
            if tally and not latest and not _SINCE_BEFORE.search(before):
                continue
            found.append((s, e, latest))
    found.sort()
    return found


def _target(view: EventView, start: int, end: int, anchor: int, anchor_end: int) -> str | None:
    for s, _e, m in view.mentions_between(start, end, TARGET_PLACE_TYPES):
        if NEAR_WORDS.search(view.text[max(0, s - 20):s]):
            continue
        return m.entity_id
    # A force or a person right after the attack word ("هجوم على القوات الأمريكية", "استهدف رتلا للتحالف").
    for s, _e, m in view.mentions_between(anchor_end, min(end, anchor_end + 40), ("Force", "Person")):
        gap = view.text[anchor_end:s].split()
        if all(w in _OBJECT_FILLERS for w in gap):
            return m.entity_id
        break
    # "تعرضت القوات الأمريكية لهجوم"
    for match in _UNDERWENT.finditer(view.text[start:anchor]):
        pos = start + match.end()
        for s, _e, m in view.mentions_between(pos, anchor, ("Force", "Person")):
            if view.text[pos:s].strip() == "":
                return m.entity_id
    return None


_OBJECT_FILLERS = frozenset(_n(w) for w in (
    "على", "ضد", "استهدف", "استهدفت", "رتلا", "رتل", "قافلة", "موكب", "دورية", "مقر", "مقرا", "تابعا", "تابعة",
    "لقوات", "آليات", "آلية", "عجلة", "عجلات", "تابع", "يقل", "تقل", "مركبة", "مركبات", "ل",
))


def attack_candidates(ctx: ArticleContext) -> list[Candidate]:
    """Every single attack reported in the article, before reports of one attack are merged."""
    out: list[Candidate] = []
    dated: list[tuple[int, str]] = []  # (sentence index, date) of the events found so far
    for sentence in ctx.sentences:
        view = EventView(ctx, sentence)
        text = view.text
        if not (any(n in text for n in ATTACK_NEEDLES) and (
                ATTACK_NOUN.search(text) or ATTACK_VERB.search(text) or WEAPON_VERB.search(text)
                or WEAPON_FELL.search(text))):
            _note_strike_dates(view, dated)
            continue
        tally = bool(_tally_number_spans(view))
        start, end = 0, len(text)
        strike = STRIKE_CUE.search(text) is not None or any(
            _state_attacker_after(view, m.end()) for m in ATTACK_NOUN.finditer(text))
        if strike:
            clause = response_clause(view)
            if clause is None:
                _note_strike_dates(view, dated)
                continue
            start, end = clause
        anchors = _anchors(view, start, end, tally)
        if not anchors:
            continue
        a_start, a_end, latest = anchors[0]
        date = nearest_date(view, start, end, a_start)  # a tally's own date is a period, never this one
        if tally or latest:
            start = a_start  # the tally's own targets, places and perpetrators are not this attack's
        value: str | None = date.value if date else None
        if value is None and latest:
            periods = [d for s, e, d in view.dates if d.is_period]
            value = period_value(periods[0]) if periods else None
        if value is None and not strike:
            value = relative_date(ctx, view, dated)
        if value is None or after_publication(ctx.article.published, value):
            continue
        fields: dict = {"date": value}
        target = _target(view, start, end, a_start, a_end)
        exclude = {target} if target else set()
        place = best_place(ctx, place_candidates(view, start, end, exclude))
        if target is None and place is None:
            continue
        fields["target"] = target
        fields["place"] = place
        fields["weapon"] = weapon_in(view, start, end, a_start)
        killed, injured = casualties(view, start, end)
        fields["killed"], fields["injured"] = killed, injured
        if not strike:
            fields.update(attribution(view))
        candidate = Candidate(sentence, fields, a_start, latest)
        _follow_up(ctx, candidate)
        out.append(candidate)
        if not strike:
            dated.append((sentence.index, value))
    return out


def _note_strike_dates(view: EventView, dated: list[tuple[int, str]]) -> None:
    """A dated strike is an event an undated "بعد ساعات" attack may follow."""
    if any(n in view.text for n in STRIKE_NEEDLES) and STRIKE_CUE.search(view.text):
        date = nearest_date(view, 0, len(view.text), STRIKE_CUE.search(view.text).start())
        if date is not None:
            dated.append((view.sentence.index, date.value))


def _follow_up(ctx: ArticleContext, candidate: Candidate) -> None:
    """Fill the fields an attack lacks from the next sentences that refer back to it."""
    fields = candidate.fields
    for sentence in ctx.sentences[candidate.sentence.index + 1:candidate.sentence.index + 4]:
        view = EventView(ctx, sentence)
        text = view.text
        if _tally_number_spans(view) or STRIKE_CUE.search(text):
            break
        if _anchors(view, 0, len(text), False) and (point_dates(view, 0, len(text))
                                                      or view.mentions_between(0, len(text), TARGET_PLACE_TYPES)):
            break  # another attack
        if not ATTACK_BACKREF.search(text):
            continue
        fill_casualties(fields, view, 0, len(text))
        if not fields.get("perpetrator"):
            for key, value in attribution(view).items():
                fields[key] = value
        if not fields.get("weapon"):
            fields["weapon"] = weapon_in(view, 0, len(text), 0)


def _same_event(ctx: ArticleContext, a: Candidate, b: Candidate) -> bool:
    da, db = a.fields["date"], b.fields["date"]
    if not (da.startswith(db) or db.startswith(da)):
        return False
    ta, tb = a.fields.get("target"), b.fields.get("target")
    if ta and tb and ta != tb:
        return False
    pa = a.fields.get("place") or ta
    pb = b.fields.get("place") or tb
    return compatible_places(ctx, pa, pb) or compatible_places(ctx, ta or pa, tb or pb)


def attack_reports(ctx: ArticleContext) -> list[Candidate]:
    """The article's attacks, one record each: found once, for the attack extractor and for the strike
    extractor (which dates a strike by the attack it answers). Read them, do not change them."""
    found = ctx.__dict__.get("_attack_reports")
    if found is None:
        found = ctx.__dict__["_attack_reports"] = merge_reports(ctx, attack_candidates(ctx))
    return found


def merge_reports(ctx: ArticleContext, candidates: list[Candidate]) -> list[Candidate]:
    """One record per attack: reports with agreeing dates and compatible targets and places are merged into
    the report naming the most key fields; the others fill what it lacks."""
    merged: list[Candidate] = []
    for candidate in candidates:
        for i, kept in enumerate(merged):
            if _same_event(ctx, kept, candidate):
                best, other = (candidate, kept) if candidate.key_count() > kept.key_count() else (kept, candidate)
                for key, value in other.fields.items():
                    if best.fields.get(key) is None and value is not None and key not in ("target", "place"):
                        best.fields[key] = value
                best.fields["date"] = finer_same(kept.fields["date"], candidate.fields["date"]) \
                    if kept.fields["date"] != candidate.fields["date"] else best.fields["date"]
                merged[i] = best
                break
        else:
            merged.append(candidate)
    return merged

"""relation facts stated in the article: leads, commanderOf, backedBy, memberOf, partOf, alliedWith, opposes.

Subject and object are entity mentions of one sentence, joined by a cue in a fixed position (on the
normalized text, so clitics and spellings vary freely):

- leads:      X بقيادة/بزعامة/برئاسة/تحت قيادة Y · X الذي يقوده/تقوده/يترأسه/يتزعمه Y · Y (التي) تقود/يتزعم X
              (a person leading a Force is commanderOf). Titles ("زعيم X") are posts, not relations.
- backedBy:   X (ال)مدعومة من (قبل) Y · X المدعومة إيرانياً · X بدعم من … Y · X التي تدعمها Y; a generic
              subject ("جماعات مدعومة من إيران") passes the relation to the groups listed after it
              ("أبرزها/منها/من بينها/مثل A وB"). "موالية لـ" and "تربطها صلات" are too loose (NOTES.md).
- memberOf:   C تضم/يضم/تتألف من A وB, or "… أبرزها/منها A وB" after the object of تضم · C التي تنضوي A في
              صفوفها/تحت لوائها · A (ال)منضوية في/تحت/ضمن C · A، أحد/إحدى فصائل/أعضاء C · A عضو في C.
- partOf:     A التابع لـ C · A بـC / A في C between two armed bodies (فيلق القدس بالحرس الثوري) · A ضمن C ·
              C، وبضمنها/بما فيها/ومنها A (memberOf when C is an umbrella, alliance or coalition).
- alliedWith: A المتحالفة مع/الحليفة لـ B. opposes: A المناهضة/المعارضة/المعادية لـ B.

The mention before a cue must be adjacent to it (a comma, a relative pronoun and nisba adjectives may
stand between), so a generic noun ("الميليشيات المدعومة من طهران") never passes its relation to an entity
named earlier. Background knowledge stays in the gazetteer: only what the sentence states is extracted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._prefilter import literals, prefiltered, strings_in
from isnad.loaders.extractors._sentence_view import SentenceView
from isnad.loaders.extractors.common import fact
from isnad.loaders.records import Fact
from isnad.loaders.sentences import Sentence

NAME = "relations"
VERSION = "1"

ORGS = frozenset({"Militia", "MilitiaUmbrella", "TerroristOrganization", "PoliticalAlliance", "Force",
                  "Institution", "GovernmentBody", "MilitaryCoalition"})
ACTORS = ORGS | {"State", "Person"}
GROUPINGS = frozenset({"MilitiaUmbrella", "PoliticalAlliance", "MilitaryCoalition"})  # members, not parts
ARMED_BODIES = frozenset({"Force", "Militia", "Institution"})

# All patterns are written in normalized spelling (أ→ا، ة→ه، ى→ي، ئ→ء). W = a word boundary.
_W = r"(?<![\w])"
_E = r"(?![\w])"
LEADS_BY = prefiltered(_W + r"(?:[وف]?ب|تحت\s+)(?:قياده|زعامه|رءاسه)" + _E)
LEADS_REL = prefiltered(_W + r"[وف]?(?:[يت](?:قود|تراس|تزعم|راس)|قاد|قادت|تراس|تزعم)(?:ه|ها|هم)" + _E)
LEADS_ACT = prefiltered(_W + r"[وف]?(?:[يت](?:قود|تراس|تزعم)|قاد|قادت|تزعم|تزعمت)" + _E)
BACKED = prefiltered(_W + r"(?:ال)?مدعوم(?:ه|ين|ون|تين|تان)?(?:\s+من(?:\s+قبل)?)?" + _E)
BACKED_BY_HELP = prefiltered(_W + r"[وف]?ب(?:دعم|مساعده|اسناد|مسانده)(?:\s+(?:من|جوي|امريكي|اميركي))?" + _E)
BACKED_REL = prefiltered(_W + r"[يت](?:دعم|ساند|مول)(?:ه|ها|هم)" + _E)
CONTAINS = prefiltered(_W + r"[وف]?[يت](?:ضم|تالف\s+من|تكون\s+من|شمل)" + _E)
LIST_MARKER = prefiltered(_W + r"[وف]?(?:ابرزها|ابرزهم|اهمها|اهمهم|اقواها|اكبرها|منها|منهم|من\s+بينها|"
                         r"من\s+بينهم|بينها|بينهم|مثل|لا\s+سيما|ولا\s+سيما|خصوصا|خاصه|بخاصه)" + _E)
INCLUDING = prefiltered(_W + r"[وف]?(?:بضمنها|بضمنهم|ضمنها|بما\s+فيها|بما\s+فيهم|منها|منهم)" + _E)
JOIN_REL = prefiltered(_W + r"[وف]?(?:[يت]نضوي|انضوت|انضوي)" + _E)
RESUMPTIVE = prefiltered(r"^\s*(?:في\s+صفوف(?:ها|ه)|تحت\s+(?:لواء|مظله|راي)(?:ها|ه)|فيها|فيه|ضمنها|ضمنه)" + _E)
JOINED = prefiltered(_W + r"(?:[وف]?[يت]نضوي|(?:ال)?منضوي(?:ه|ين|ون)?|منضو|انضوت|انضوي)\s+"
                    r"(?:في|تحت|ضمن|الي)\s+(?:(?:لواء|مظله|صفوف|راي[هه]?)\s+)?$")
MEMBER_NOUN = prefiltered(_W + r"(?:[وف]?(?:احد|احدي|ابرز|اكبر|اقوي|اهم)\s+(?:فصاءل|مكونات|اعضاء|اطراف|قوي|كتل|"
                         r"اجنحه|تشكيلات|فصيل)|[وف]?(?:احد|احدي)|عضو\s+في|العضو\s+في)\s*$")
SUBORDINATE = prefiltered(_W + r"(?:ال)?تابع(?:ه|ين|ون|تين)?\s+(?:ل)?$")
ALLIED = prefiltered(_W + r"(?:ال)?(?:متحالف|حليف)(?:ه|ين|ون)?\s+(?:مع\s+|ل)?$")
OPPOSES = prefiltered(_W + r"(?:ال)?(?:مناهض|معارض|معادي|معاد)(?:ه|ين|ون)?\s+(?:ل)?$")

# What may stand between a subject and the cue after it: a comma, a relative pronoun, "وهي ائتلاف".
SUBJECT_GAP = re.compile(r"^\s*[،,]?\s*(?:[وف]?(?:الذي|التي|الذين|اللذين)|(?:وهي|وهو)\s+\w+)?\s*[،,]?\s*$")
ADJACENT = re.compile(r"^\s*[،,]?\s*[وفبلك]{0,2}$")  # a comma or clitics before an object mention
# Ranks and honorifics between a leadership cue and the leader's name (بقيادة الجنرال ماثيو ماكفارلين).
RANKS = prefiltered(r"^\s*(?:(?:الجنرال|اللواء|الفريق|اول|الركن|العميد|العقيد|الادميرال|الشيخ|السيد|الدكتور|"
                   r"القاءد|الزعيم|رجل\s+الدين)\s+)+$")
LIST_JOIN = re.compile(r"^\s*(?:[،,]\s*)?و?$")
_PUNCTUATION = re.compile(r"[،,؛;:]")
# "التحالف الدولي ضد داعش": the mention a prepositional phrase follows.
_AGAINST_GAP = re.compile(r"\s*(?:ضد|لمحاربه|لمكافحه|لقتال|في|من)\s*")
_WITHIN_GAP = re.compile(r"\s*(ب|في|ضمن)\s*")
_SUBORDINATE_IN_NAME = re.compile(_W + r"(?:ال)?تابع(?:ه)?\s+ل")

# Substrings without one of which a cue pattern cannot match a sentence: a cheap test before the regexes.
NEEDS_LEADS_BY = literals("قياده", "زعامه", "رءاسه")
NEEDS_LEADS = literals("قود", "راس", "تزعم", "قاد")  # LEADS_REL and LEADS_ACT
NEEDS_BACKED = literals("مدعوم")
NEEDS_BACKED_BY_HELP = literals("بدعم", "بمساعده", "باسناد", "بمسانده")
NEEDS_BACKED_REL = literals("دعم", "ساند", "مول")
NEEDS_CONTAINS = literals("ضم", "تالف", "تكون", "شمل")
NEEDS_JOIN_REL = literals("نضوي", "انضوت")
NEEDS_MEMBER_PREFIX = literals("نضو", "احد", "عضو")  # JOINED and MEMBER_NOUN
NEEDS_INCLUDING = literals("منها", "منهم", "فيها", "فيهم")
NEEDS_SUBORDINATE = literals("تابع")
NEEDS_ALLIED = literals("متحالف", "حليف")
NEEDS_OPPOSES = literals("مناهض", "معارض", "معاد")


class _M(NamedTuple):
    """A mention in sentence-normalized coordinates (a tuple: thousands are made per article)."""

    start: int
    end: int
    id: str
    type: str
    nisba: bool


class _Sentence(SentenceView):
    """A sentence view whose mentions carry their entity's type and whether they are a nisba."""

    def __init__(self, ctx: ArticleContext, sentence: Sentence) -> None:
        super().__init__(ctx, sentence)
        entity_type = ctx.entity_type
        self.mentions = [_M(p.start, p.end, p.obj.entity_id, entity_type(p.obj.entity_id), p.obj.via == "nisba")
                         for p in self.placed_mentions()]  # type: ignore[assignment]
        self.names = [m for m in self.mentions if not m.nisba]
        self._held = strings_in(self.text)

    def holds(self, strings: frozenset[str]) -> bool:
        """Whether the sentence holds one of `strings` (NEEDS_…): a cheap test before a cue regex."""
        return not strings.isdisjoint(self._held)

    def gap(self, start: int, end: int) -> str:
        """The text between two positions with the nisba adjectives in it removed."""
        pieces, pos = [], start
        for m in self.mentions:
            if m.nisba and start <= m.start and m.end <= end:
                pieces.append(self.text[pos:m.start])
                pos = m.end
        pieces.append(self.text[pos:end])
        return " ".join(pieces)

    def before(self, pos: int, allowed: re.Pattern[str] = SUBJECT_GAP) -> _M | None:
        """The named mention ending just before pos (only `allowed` text between)."""
        for m in reversed(self.names):
            if m.end <= pos:
                return m if allowed.match(self.gap(m.end, pos)) else None
        return None

    def after(self, pos: int, allow_nisba: bool = False, ranks: bool = False) -> _M | None:
        """The mention starting just after pos (a comma or clitics between; with `ranks`, also ranks and
        honorifics before a person)."""
        for m in self.mentions:
            if m.start >= pos:
                if m.nisba and not allow_nisba:
                    return None
                between = self.text[pos:m.start]
                if ADJACENT.match(between) or (ranks and m.type == "Person" and RANKS.match(between)):
                    return m
                return None
        return None

    def clause_subject(self, m: _M) -> bool:
        """Whether m can be the subject of its clause rather than a noun's complement: it opens the
        sentence or a clause, or follows a verb (مقرات الحشد الشعبي: a complement; تمكنت القوات: a subject)."""
        words = self.text[:m.start].split()
        if not words or words[-1][-1] in "،,؛;:":
            return True
        word = words[-1]
        if word[:1] in ("و", "ف") and len(word) > 3:
            word = word[1:]
        if word.endswith("ات"):
            return False  # a feminine plural noun in construct (مقرات، قوات، فصاءل …)
        return word.startswith(("ت", "ي", "ن")) or word.endswith("ت") or word in ("كان", "ظل", "بات")

    def within(self, pos: int, words: int) -> _M | None:
        """The first named mention starting within `words` words after pos, before any comma."""
        for m in self.names:
            if m.start >= pos:
                between = self.text[pos:m.start]
                if len(between.split()) <= words and not _PUNCTUATION.search(between):
                    return m
                return None
        return None

    def listed(self, pos: int) -> list[_M]:
        """Mentions listed from pos on: A وB وC / A، B وC."""
        out: list[_M] = []
        first = self.after(pos)
        while first is not None and not first.nisba:
            out.append(first)
            nxt = next((m for m in self.names if m.start >= first.end), None)
            if nxt is None or not LIST_JOIN.match(self.gap(first.end, nxt.start)):
                break
            first = nxt
        return out

    def follows(self, m: _M, pattern: re.Pattern[str]) -> bool:
        return pattern.match(self.text[m.end:]) is not None


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    seen: set[tuple[str, str, str]] = set()
    for sentence in ctx.sentences:
        s = _Sentence(ctx, sentence)
        if len(s.names) < 1:
            continue
        for subject, predicate, obj in _relations(s):
            if subject == obj or not _exists(ctx, subject) or not _exists(ctx, obj):
                continue
            key = (subject, predicate, obj)
            if key in seen:
                continue
            seen.add(key)
            fields = {"subject": subject, "predicate": predicate, "object": obj}
            yield fact(ctx, sentence, "relation", fields, NAME, VERSION, 0.8)


def _exists(ctx: ArticleContext, entity_id: str) -> bool:
    return entity_id in ctx.gazetteer.entities or entity_id in ctx.new_entities


def _relations(s: _Sentence) -> Iterator[tuple[str, str, str]]:
    yield from _leads(s)
    yield from _backed(s)
    yield from _membership(s)
    yield from _parts(s)
    yield from _alliances(s)


# ── leads ──────────────────────────────────────────────────────────────────────────────────────────


def _lead(leader: _M, led: _M) -> tuple[str, str, str] | None:
    if led.type not in ORGS or leader.type not in ACTORS or leader.nisba:
        return None
    predicate = "commanderOf" if leader.type == "Person" and led.type == "Force" else "leads"
    return leader.id, predicate, led.id


def _leads(s: _Sentence) -> Iterator[tuple[str, str, str]]:
    if s.holds(NEEDS_LEADS_BY):
        yield from _leads_by(s)
    if s.holds(NEEDS_LEADS):
        yield from _leads_verb(s)


def _leads_by(s: _Sentence) -> Iterator[tuple[str, str, str]]:
    for cue in LEADS_BY.finditer(s.text):
        led = _head_before(s, cue.start())
        leader = s.after(cue.end(), ranks=True) or _indefinite(s, cue.end())
        if led and leader and (r := _lead(leader, led)):
            yield r


def _leads_verb(s: _Sentence) -> Iterator[tuple[str, str, str]]:
    for cue in LEADS_REL.finditer(s.text):
        led = s.before(cue.start())
        leader = s.after(cue.end(), ranks=True)
        if led and leader and (r := _lead(leader, led)):
            yield r
    for cue in LEADS_ACT.finditer(s.text):
        leader = s.before(cue.start())
        led = s.after(cue.end()) or _indefinite(s, cue.end())
        if led and leader and (r := _lead(leader, led)):
            yield r


def _head_before(s: _Sentence, pos: int) -> _M | None:
    """The entity a postposed phrase qualifies: the mention just before pos, or, when that mention is the
    object of a preposition ("التحالف الدولي ضد داعش بقيادة …"), the mention the prepositional phrase
    follows."""
    m = s.before(pos)
    if m is None:
        return _indefinite_before(s, pos)
    idx = s.names.index(m)
    if idx > 0:
        prev = s.names[idx - 1]
        if _AGAINST_GAP.fullmatch(s.gap(prev.end, m.start)):
            return prev
    return m


# ── backedBy ───────────────────────────────────────────────────────────────────────────────────────


def _backed(s: _Sentence) -> Iterator[tuple[str, str, str]]:
    text = s.text
    cues = [(c, s.after(c.end(), allow_nisba=True) or _indefinite(s, c.end())) for c in BACKED.finditer(text)] \
        if s.holds(NEEDS_BACKED) else []
    helped = [(c, s.within(c.end(), 5) or _indefinite(s, c.end())) for c in BACKED_BY_HELP.finditer(text)] \
        if s.holds(NEEDS_BACKED_BY_HELP) else []
    cues += helped
    if s.holds(NEEDS_BACKED_REL):
        cues += [(c, s.after(c.end())) for c in BACKED_REL.finditer(text)]
    adverbial = {c.start() for c, _ in helped}
    for cue, backer in cues:
        if backer is None or backer.type not in ACTORS:
            continue
        subject = s.before(cue.start())
        if subject is not None and cue.start() in adverbial and not s.clause_subject(subject):
            continue  # "بدعم من" qualifies the clause: its subject is the agent, not a noun's complement
        if subject is not None:
            if subject.type in ORGS and subject.id != backer.id:
                yield subject.id, "backedBy", backer.id
            continue
        # A generic subject ("جماعات مدعومة من إيران"): the groups named right after it.
        marker = LIST_MARKER.match(s.text, _skip_comma(s.text, backer.end))
        if marker is not None:
            for member in s.listed(marker.end()):
                if member.type in ORGS:
                    yield member.id, "backedBy", backer.id


def _skip_comma(text: str, pos: int) -> int:
    m = re.compile(r"\s*[،,]?\s*").match(text, pos)
    return m.end() if m else pos


# ── memberOf ───────────────────────────────────────────────────────────────────────────────────────


def _membership(s: _Sentence) -> Iterator[tuple[str, str, str]]:
    # C تضم A وB / وتضم C … أبرزها A وB
    for cue in (CONTAINS.finditer(s.text) if s.holds(NEEDS_CONTAINS) else ()):
        container = s.before(cue.start())
        start = cue.end()
        if container is None:
            container = s.after(cue.end())
            if container is not None:
                start = container.end
        if container is None or container.type not in ORGS:
            continue
        members = s.listed(start)
        if not members:
            marker = LIST_MARKER.search(s.text, start)
            if marker is not None and not CONTAINS.search(s.text, start, marker.start()):
                members = s.listed(marker.end())
        for member in members:
            if member.type in ORGS | {"State"} and member.id != container.id:
                yield member.id, "memberOf", container.id
    # C التي تنضوي A في صفوفها
    for cue in (JOIN_REL.finditer(s.text) if s.holds(NEEDS_JOIN_REL) else ()):
        member = s.after(cue.end())
        if member is None or not s.follows(member, RESUMPTIVE):
            continue
        container = s.before(cue.start())
        if container and container.type in ORGS and member.type in ORGS:
            yield member.id, "memberOf", container.id
    # A المنضوية في C · A، أحد فصائل C · A عضو في C
    if not s.holds(NEEDS_MEMBER_PREFIX):
        return
    for i, container in enumerate(s.names):
        if i == 0 or container.type not in ORGS:
            continue
        prefix = s.text[max(0, container.start - 60):container.start]
        if JOINED.search(prefix) or MEMBER_NOUN.search(prefix):
            cue = JOINED.search(prefix) or MEMBER_NOUN.search(prefix)
            cue_start = container.start - len(prefix) + cue.start()  # type: ignore[union-attr]
            member = s.before(cue_start)
            if member and member.type in ORGS | {"State"} and member.id != container.id:
                yield member.id, "memberOf", container.id


# ── partOf ─────────────────────────────────────────────────────────────────────────────────────────


def _part(part: _M, whole: _M) -> tuple[str, str, str] | None:
    if part.type not in ORGS - {"MilitaryCoalition"} or whole.type not in ORGS | {"State"} or part.id == whole.id:
        return None
    return part.id, "memberOf" if whole.type in GROUPINGS else "partOf", whole.id


def _parts(s: _Sentence) -> Iterator[tuple[str, str, str]]:
    names = s.names
    subordinate = s.holds(NEEDS_SUBORDINATE)
    for prev, m in zip(names, names[1:], strict=False):
        gap = s.gap(prev.end, m.start)
        cue = SUBORDINATE.search(gap) if subordinate else None
        if cue is not None:
            if SUBJECT_GAP.match(gap[:cue.start()]) and (r := _part(prev, m)):
                yield r
            continue
        joint = _WITHIN_GAP.fullmatch(gap)
        if joint and prev.type in ARMED_BODIES and m.type in ({"Force", "Institution"} if joint.group(1) == "ب"
                                                              else {"Force"}) and (r := _part(prev, m)):
            yield r  # فيلق القدس بالحرس الثوري
    # C، وبضمنها A
    for cue in (INCLUDING.finditer(s.text) if s.holds(NEEDS_INCLUDING) else ()):
        whole = s.before(cue.start())
        if whole is None:
            continue
        for part in s.listed(cue.end()):
            if (r := _part(part, whole)):
                yield r
    # A name the gazetteer keeps whole ("فيلق القدس التابع للحرس الثوري"): its tail names the whole.
    for m in (names if subordinate else ()):
        span = s.text[m.start:m.end]
        cue = _SUBORDINATE_IN_NAME.search(span)
        if cue is None:
            continue
        tail = span[cue.end():]
        # للحرس الثوري = ل + الحرس الثوري, with the alef of the article dropped
        spellings = ["ا" + tail] if tail.startswith("ل") else [tail, "ال" + tail]
        forms = [f for t in spellings for f in _forms(s.ctx).get(t, []) if f.kind == "name"]
        if len({f.entity_id for f in forms}) == 1:
            whole = s.ctx.gazetteer.entities[forms[0].entity_id]
            if (r := _part(m, _M(m.start, m.end, whole.id, whole.type, False))):
                yield r


# ── alliedWith, opposes ────────────────────────────────────────────────────────────────────────────


def _alliances(s: _Sentence) -> Iterator[tuple[str, str, str]]:
    names = s.names
    patterns = [(pattern, predicate) for pattern, predicate, found in (
        (ALLIED, "alliedWith", NEEDS_ALLIED), (OPPOSES, "opposes", NEEDS_OPPOSES)) if s.holds(found)]
    for b in (names if patterns else ()):
        prefix = s.text[max(0, b.start - 30):b.start]
        for pattern, predicate in patterns:
            cue = pattern.search(prefix)
            if cue is None:
                continue
            a = s.before(b.start - len(prefix) + cue.start())
            if a and a.type in ORGS | {"State"} and b.type in ACTORS and a.id != b.id:
                yield a.id, predicate, b.id


_FORMS: dict[int, tuple[object, dict]] = {}


def _forms(ctx: ArticleContext) -> dict:
    """The gazetteer's surface forms by normalized text, built once per gazetteer."""
    held = _FORMS.get(id(ctx.gazetteer))
    if held is None or held[0] is not ctx.gazetteer:
        held = (ctx.gazetteer, ctx.gazetteer.forms_by_text())
        _FORMS[id(ctx.gazetteer)] = held
    return held[1]


# ── an indefinite name ─────────────────────────────────────────────────────────────────────────────


def _indefinite_before(s: _Sentence, pos: int) -> _M | None:
    """The same, for the two words just before a cue ("تحالف دولي بقيادة واشنطن")."""
    match = re.compile(r"(?:^|\s)(\w{3,})\s+(\w{3,})\s*[،,]?\s*$").search(s.text, 0, pos)
    if match is None:
        return None
    return _indefinite(s, match.start(1) - 1 if match.start(1) > 0 else 0)


def _indefinite(s: _Sentence, pos: int) -> _M | None:
    """An indefinite two-word phrase whose definite form is a gazetteer name ("تحالف دولي" → "التحالف
    الدولي"): how a postposed cue often names a known body. Only right after a cue."""
    match = re.compile(r"\s*(\w{3,})\s+(\w{3,})" + _E).match(s.text, pos)
    if match is None or match.group(1).startswith("ال"):
        return None
    if any(m.start < match.end() and m.end > match.start() for m in s.mentions):
        return None
    definite = f"ال{match.group(1)} ال{match.group(2)}"
    forms = [f for f in _forms(s.ctx).get(definite, []) if f.kind == "name"]
    if len({f.entity_id for f in forms}) != 1:
        return None
    entity = s.ctx.gazetteer.entities[forms[0].entity_id]
    return _M(match.start(1), match.end(), entity.id, entity.type, False)

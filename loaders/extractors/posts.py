"""post_held facts: who holds which office, from the titles the text layer found and a few forms it leaves.

Sources, in order of trust:
- the titled people of the text layer (ctx.entities.titled_people: "وزير الدفاع الأمريكي لويد أوستن",
  "قيس الخزعلي زعيم مليشيا …"); the title layer already reads a deputy ("نائب رئيس هيئة الحشد") as an
  `official` and the head of a legislature ("رئيس البرلمان") as a `legislator` (tests/gold/NOTES.md);
- an apposition after a comma ("قيس الخزعلي، الأمين العام لعصائب أهل الحق،"): the title phrase is read
  by the same title reader, on the phrase followed by the name;
- a counterpart ("وزير الدفاع العراقي ثابت العباسي ونظيره الأمريكي لويد أوستن"): the post of the person
  named before, in the state of the nisba.

A title without a named organization ("رئيس الوزراء مصطفى الكاظمي") takes the organization the same
person's title has elsewhere in the article; failing that, a cabinet title (prime minister, ministers,
national security adviser) takes HOME_STATE, because the corpus is Arabic news on Iraq, where an
unqualified cabinet title names the Iraqi office-holder. An unqualified head of state ("الرئيس جو
بايدن") is as often a foreign president in this press, so it is left out rather than guessed.

as_of: the date of the event the sentence reports, i.e. the point date nearest the title that is not
inside reported speech or after publication; else the publication date. The text layer resolves dates
against an imprecise publication date itself (a weekday it cannot place is not a date), so nothing is
re-resolved here. A former post ("السابق") has
no as_of (tests/gold/NOTES.md). One record per (person, post, organization) per article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention
from isnad.loaders.extractors._prefilter import prefiltered
from isnad.loaders.extractors.common import fact
from isnad.loaders.mentions import Mention, find_mentions
from isnad.loaders.normalize import normalize, normalize_term
from isnad.loaders.records import Fact
from isnad.loaders.sentences import Sentence
from isnad.loaders.titles import find_titled_people

NAME = "posts"
VERSION = "1"

HOME_STATE = "iraq"
CABINET_POSTS = frozenset({
    "head_of_government", "foreign_minister", "defense_minister", "interior_minister", "national_security_adviser",
})


def _n(words: str) -> frozenset[str]:
    return frozenset(normalize_term(w) for w in words.split())


# Modifiers of a title that put the post in the past.
FORMER_WORDS = _n("السابق السابقة الأسبق الأسبقة الراحل الراحلة")
# Counterpart nouns: "ونظيره الأمريكي لويد أوستن".
COUNTERPART = prefiltered(r"(?<!\w)[وف]?[بل]?نظير(?:ه|ها|هم|يه|تها|ته)?\s*$")
# Reported speech begins at a complementizer or a colon; dates after it belong to the content, not to the
# occasion ("قال أوستن إن المحادثات ستجرى في إطار لجنة تم الاتفاق عليها في أغسطس 2023").
SPEECH_START = re.compile(r"(?<!\w)[وف]?ب?(?:ان|انه|انها|انهم|اننا)(?!\w)|:")
# Clause separators: a date across one of them is less likely to be the date of the title's event.
CLAUSE_BREAK = re.compile(r"[،,؛;]")


@dataclass
class _Candidate:
    person: str
    post: str
    organization: str | None
    sentence: Sentence
    anchor: int  # original offset of the title (for picking the date nearest to it)
    anchor_end: int
    former: bool
    org_from_title: bool
    rank: int  # lower is better: 0 titled, 1 apposition, 2 counterpart


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    candidates = [*_titled(ctx), *_appositions(ctx), *_counterparts(ctx)]
    _resolve_organizations(ctx, candidates)
    best: dict[tuple[str, str, str], _Candidate] = {}
    former_only: dict[tuple[str, str, str], bool] = {}
    for c in candidates:
        if c.organization is None or not _exists(ctx, c.person) or not _exists(ctx, c.organization):
            continue
        key = (c.person, c.post, c.organization)
        former_only[key] = former_only.get(key, True) and c.former
        held = best.get(key)
        if held is None or _better(c, held):
            best[key] = c
    for key, c in sorted(best.items(), key=lambda kv: kv[1].anchor):
        as_of = None if former_only[key] else _as_of(ctx, c)
        fields = {"person": c.person, "post": c.post, "organization": c.organization, "as_of": as_of}
        confidence = 0.9 if c.org_from_title else 0.6
        yield fact(ctx, c.sentence, "post_held", fields, NAME, VERSION, confidence)


def _better(a: _Candidate, b: _Candidate) -> bool:
    """Whether a is the better evidence for the same record than b."""
    return (not a.org_from_title, a.former, a.rank, a.anchor) < (not b.org_from_title, b.former, b.rank, b.anchor)


def _exists(ctx: ArticleContext, entity_id: str) -> bool:
    return entity_id in ctx.gazetteer.entities or entity_id in ctx.new_entities


# ── sources ────────────────────────────────────────────────────────────────────────────────────────


def _titled(ctx: ArticleContext) -> Iterator[_Candidate]:
    for p in ctx.entities.titled_people:
        if p.post is None:
            continue
        sentence = ctx.sentence_at(min(p.start, p.title_start))
        if sentence is None:
            continue
        yield _Candidate(p.slug, p.post, p.organization_id, sentence, min(p.start, p.title_start),
                         max(p.end, p.title_end), _is_former(p.title), p.organization_id is not None, 0)


def _is_former(title: str) -> bool:
    return any(normalize_term(w) in FORMER_WORDS for w in title.split())


def _appositions(ctx: ArticleContext) -> Iterator[_Candidate]:
    """"NAME، TITLE،": the title read by the title reader on "TITLE NAME"."""
    titled_at = {p.start for p in ctx.entities.titled_people}
    text = ctx.article.text
    for m in ctx.entities.mentions:
        if ctx.entity_type(m.entity_id) != "Person" or m.start in titled_at:
            continue
        after = text[m.end:m.end + 120]
        comma = re.match(r"\s*[،,]\s*", after)
        if comma is None:
            continue
        rest = after[comma.end():]
        phrase = re.split(r"[،,.:؛;()\[\]\n]", rest, maxsplit=1)[0].strip()
        if not phrase or len(phrase.split()) > 10:
            continue
        found = _read_title(ctx, phrase, m)
        if found is None:
            continue
        post, org, former = found
        sentence = ctx.sentence_at(m.start)
        if sentence is None:
            continue
        start = m.end + comma.end()
        yield _Candidate(m.entity_id, post, org, sentence, m.start,
                         start + len(phrase), former, org is not None, 1)


def _read_title(ctx: ArticleContext, phrase: str, person: Mention) -> tuple[str, str | None, bool] | None:
    """(post, organization, former) when `phrase` is a title, read as the title of `person`'s name."""
    synthetic = f"{phrase} {person.surface}"
    nt = normalize(synthetic)
    mentions = find_mentions(nt, ctx.gazetteer)
    name_start = len(phrase) + 1
    for p in find_titled_people(nt, mentions, ctx.gazetteer):
        if p.post is None or p.start != name_start or p.title_start != 0:
            continue
        if synthetic[p.title_end:name_start].strip(" ،,"):
            continue  # the title reader stopped before the end of the phrase: something else follows
        if p.slug != person.entity_id:
            continue  # the reader took the phrase's end for another name
        return p.post, p.organization_id, _is_former(p.title)
    return None


def _counterparts(ctx: ArticleContext) -> Iterator[_Candidate]:
    """"ونظيره الأمريكي لويد أوستن": the post of the person titled before, in the nisba's state."""
    titled = sorted(ctx.entities.titled_people, key=lambda p: p.start)
    mentions = ctx.entities.mentions
    for i, m in enumerate(mentions):
        if ctx.entity_type(m.entity_id) != "Person" or i == 0:
            continue
        nisba = mentions[i - 1]
        if nisba.via != "nisba" or ctx.normalized_span(nisba.end, m.start).strip():
            continue
        before = ctx.normalized_span(max(0, nisba.start - 20), nisba.start)
        if not COUNTERPART.search(before):
            continue
        sentence = ctx.sentence_at(m.start)
        if sentence is None:
            continue
        previous = [p for p in titled if sentence.start <= p.start < nisba.start and p.post is not None
                    and p.slug != m.entity_id]
        if not previous:
            continue
        p = previous[-1]
        yield _Candidate(m.entity_id, p.post, nisba.entity_id, sentence, nisba.start, m.end, False, True, 2)


# ── organizations and dates ────────────────────────────────────────────────────────────────────────


def _resolve_organizations(ctx: ArticleContext, candidates: list[_Candidate]) -> None:
    known: dict[tuple[str, str], str] = {}
    for c in candidates:
        if c.organization is not None:
            known.setdefault((c.person, c.post), c.organization)
    home_mentioned = any(m.entity_id == HOME_STATE for m in ctx.entities.mentions)
    leaders = _heads_of_government(ctx)
    for c in candidates:
        if c.organization is not None:
            continue
        c.organization = known.get((c.person, c.post))
        if c.organization is None and c.post in ("head_of_state", "head_of_government"):
            c.organization = leaders.get(c.person)
        if c.organization is None and c.post in CABINET_POSTS and home_mentioned:
            c.organization = HOME_STATE


_LEADERS: dict[int, tuple[object, dict[str, str]]] = {}
ADMINISTRATION = prefiltered(r"^(?:ادار|حكوم)ه\s+(?:الرءيس\s+)?(.+)$")


def _heads_of_government(ctx: ArticleContext) -> dict[str, str]:
    """Person → state, from the gazetteer's own names of governments: a body of a state (nisba_of) named
    "إدارة بايدن" or "حكومة الكاظمي" is headed by the person of that name. Built once per gazetteer."""
    gazetteer = ctx.gazetteer
    held = _LEADERS.get(id(gazetteer))
    if held is not None and held[0] is gazetteer:
        return held[1]
    person_names: dict[str, set[str]] = {}
    for e in gazetteer.entities.values():
        if e.type == "Person":
            for label in (*e.labels_ar, *e.anchored):
                person_names.setdefault(normalize_term(label), set()).add(e.id)
    found: dict[str, set[str]] = {}
    for e in gazetteer.entities.values():
        if e.type != "GovernmentBody" or not e.nisba_of:
            continue
        for label in e.labels_ar:
            match = ADMINISTRATION.match(normalize_term(label))
            for person in person_names.get(match.group(1), ()) if match else ():
                found.setdefault(person, set()).add(e.nisba_of)
    leaders = {person: states.pop() for person, states in found.items() if len(states) == 1}
    _LEADERS[id(gazetteer)] = (gazetteer, leaders)
    return leaders


def _as_of(ctx: ArticleContext, c: _Candidate) -> str:
    """The date of the event the title's sentence reports: among the sentence's dates before any reported
    speech and not after publication, the one fewest clause breaks and then fewest characters away from
    the title and name; else the publication date."""
    published = ctx.article.published
    sentence = c.sentence
    text = ctx.article.text
    speech = SPEECH_START.search(ctx.normalized_span(c.anchor_end, sentence.end))
    speech_at = _original_offset(ctx, c.anchor_end, speech.start()) if speech is not None else sentence.end
    best: tuple[int, int, str] | None = None
    values: list[str] = []
    for d in ctx.dates_in(sentence):
        if d.start >= speech_at:
            continue
        value = _date_value(d)
        if value is None or _after(value, published):
            continue
        if d.start >= c.anchor_end:
            gap = text[c.anchor_end:d.start]
        elif d.end <= c.anchor:
            gap = text[d.end:c.anchor]
        else:
            gap = ""
        key = (len(CLAUSE_BREAK.findall(gap)), len(gap), value)
        values.append(value)
        if best is None or key[:2] < best[:2]:
            best = key
    if best is None:
        return published
    # The same day given twice at two precisions ("مطلع 2020" and "منذ مقتل سليماني"): the finer one.
    return max((v for v in values if v.startswith(best[2])), key=len)


def _original_offset(ctx: ArticleContext, start: int, normalized_index: int) -> int:
    """The original offset of a position given as an index into normalized_span(start, …)."""
    origin = ctx.normalized.origin
    lo = bisect_right(origin, start - 1)
    return origin[min(lo + normalized_index, len(origin) - 1)]


def _date_value(d: DateMention) -> str | None:
    if not d.is_period:
        return d.value
    # "منذ مقتل سليماني": the period starts at the event the sentence speaks of.
    if normalize_term(d.surface).startswith("منذ") and d.period_from:
        return d.period_from
    return None


def _after(value: str, published: str) -> bool:
    """Whether an ISO date at any precision is after a publication date at any precision: compared on the
    precision both share ("2021-08-02" is after "2021-07"; "2021" is not after "2021-07")."""
    shared = min(len(value), len(published))
    return value[:shared] > published[:shared]

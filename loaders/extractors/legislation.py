"""Parliamentary votes, laws and resolutions (legislation).

A sentence records legislation when a past-tense verb of enacting (صوّت، أقرّ، مرّر، صادق، اعتمد، تبنّى)
has a legislative object (قرار، قانون، مشروع قانون، تشريع، مقترح) — or a vote (صوّت) takes "على" — and a
legislature stands behind it: the one the sentence names (مجلس النواب العراقي، البرلمان العراقي، الكونغرس),
or, when the voters are its members or blocs (كتل سياسية، النواب، أعضاء البرلمان), the one the article names.

The date is the sentence's date nearest the verb that is not the date of another event the vote is placed
after ("عقب/بعد/إثر … في 3 يناير 2020"); when only such a date is given, the vote is known only to fall after
it, so the month is kept. `what` is the object phrase as the text words it. One record per body and date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._dates import after_publication
from isnad.loaders.extractors._negotiation_process import NegotiationView, view_of
from isnad.loaders.extractors._prefilter import prefiltered
from isnad.loaders.extractors._sentence_view import Placed
from isnad.loaders.extractors.common import fact
from isnad.loaders.normalize import normalize_term
from isnad.loaders.records import Fact

NAME = "legislation"
VERSION = "1"

_ENACT = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:صوت|صوتت|صوتوا|أقر|أقرت|أقره|أقرها|أقروا|مرر|مررت|مرره|صادق|صادقت|اعتمد|اعتمدت|تبنى|تبنت|"
    r"أصدر|أصدرت)(?!\w)"))
# Substrings one of which a text needs for _ENACT to match there (a cheap test before the regex).
_ENACT_NEEDLES = tuple(normalize_term(w) for w in ("صوت", "أقر", "مرر", "صادق", "اعتمد", "تبنى", "تبنت", "أصدر"))
_VOTE = prefiltered(normalize_term(r"(?<!\w)[وف]?(?:صوت|صوتت|صوتوا)(?!\w)"))
_OBJECT = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:[بل]|لل)?(?:ال)?(?:قرار|قانون|مشروع قانون|مشروع قرار|تشريع|مقترح|مقترح قانون)(?!\w)"))
_MEMBERS = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:كتل|الكتل|كتلا|النواب|نواب|نائبا|أعضاء البرلمان|أعضاء مجلس النواب|المشرعون|المشرعين)(?!\w)"))
_NOT_DONE = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:سيصوت|سيصوّت|يصوت|تصوت|ستصوت|من المقرر|المقرر|المتوقع|من المتوقع|ينتظر|لم يصوت|لم يقر|"
    r"رفض|رفضت|أسقط|أسقطت|إذا|اذا|لو)(?!\w)"))
_AFTER_EVENT = prefiltered(normalize_term(
    r"(?<!\w)[وف]?(?:عقب|بعد|إثر|اثر|أعقاب|على خلفية|منذ|قبل)(?!\w)"))
_LEGISLATURE = prefiltered(r"parliament|congress|senate|house-of|knesset|majlis")
# What makes a vote part of the security relationship: foreign forces, the coalition, armed groups, war powers.
_SECURITY = prefiltered(normalize_term(
    r"(?:القوات|قوات|الأجنبية|الأجنبي|القوة العسكرية|العسكري|العسكرية|الأمني|الأمنية|التحالف|الحشد|انسحاب|"
    r"إخراج|الاتفاقية الأمنية|الإطار الاستراتيجي|تفويض|الحرب|الإرهاب|السفارة|القواعد)"))
_SECURITY_TYPES = {"Force", "MilitaryCoalition", "Militia", "MilitiaUmbrella", "TerroristOrganization",
                   "MilitaryBase", "NegotiationProcess"}
_STOP = re.compile(r"[،,.؛]|(?<!\w)(?:وهو ما|وذلك|بينما|فيما|في حين)(?!\w)")


_WHEN = re.compile(r"(?<!\w)(?:حين|حينما|عندما|يوم)(?!\w)")

def _legislatures(ctx: ArticleContext, ids: list[str]) -> list[str]:
    return [i for i in ids if ctx.entity_type(i) in ("Institution", "GovernmentBody")
            and _LEGISLATURE.search(i) and "committee" not in i]


def _enacts(text: str) -> bool:
    return any(n in text for n in _ENACT_NEEDLES) and _ENACT.search(text) is not None


_ALL_LEGISLATURES: dict[int, tuple[object, list[str]]] = {}


def _all_legislatures(ctx: ArticleContext) -> list[str]:
    """The gazetteer's legislatures, found once per gazetteer."""
    held = _ALL_LEGISLATURES.get(id(ctx.gazetteer))
    if held is None or held[0] is not ctx.gazetteer:
        held = (ctx.gazetteer, _legislatures(ctx, list(ctx.gazetteer.entities)))
        _ALL_LEGISLATURES[id(ctx.gazetteer)] = held
    return held[1]


def _date(view: NegotiationView, verb: int) -> str | None:
    ctx = view.ctx
    plain: list[tuple[int, str]] = []
    anchored: list[tuple[int, str]] = []
    for p in view.dates:
        d = p.obj
        if d.is_period:
            continue
        value = d.value
        if after_publication(ctx.article.published, value):
            continue
        (anchored if _anchored(view, p) else plain).append((abs(p.start - verb), value))
    if plain:
        return min(plain)[1]
    if anchored:
        return min(anchored)[1][:7]
    return None


def _anchored(view: NegotiationView, p: Placed) -> bool:
    """The date belongs to another event the vote is placed relative to: a preposition of sequence within
    the few words before it, with no "حين/عندما" (which ties the date to the vote itself) in between."""
    window = view.text[max(0, p.start - 45):p.start]
    words = window.split()[-6:]
    tail = " ".join(words)
    last = None
    for last in _AFTER_EVENT.finditer(tail):  # noqa: B007 - the last match is the one that counts
        continue
    return last is not None and not _WHEN.search(tail[last.end():])


def _what(view: NegotiationView, start: int) -> str | None:
    text = view.text
    stop = _STOP.search(text, start)
    end = stop.start() if stop else len(text)
    while start < end and text[start] in ' "':
        start += 1
    if text.startswith("علي ", start):
        start += 4
    while end > start and text[end - 1] in ' "':
        end -= 1
    if end - start < 4:
        return None
    return view.original(start, end)


def extract(ctx: ArticleContext) -> Iterator[Fact]:
    if not _enacts(ctx.normalized.text):
        return
    seen: set[tuple[str, str]] = set()
    for sentence in ctx.sentences:
        if not _enacts(ctx.normalized_span(sentence.start, sentence.end)):
            continue
        view = view_of(ctx, sentence)
        text = view.text
        verb = _ENACT.search(text)
        if verb is None or _NOT_DONE.search(text, 0, verb.end() + 20):
            continue
        obj = _OBJECT.search(text, verb.end(), verb.end() + 90)
        on = re.compile(r"(?<!\w)علي(?!\w)").search(text, verb.end(), verb.end() + 80)
        if obj is None and not (_VOTE.match(text, verb.start()) and on):
            continue
        if not _SECURITY.search(text) and not any(
                ctx.entity_type(m.entity_id) in _SECURITY_TYPES for m in ctx.mentions_in(sentence)):
            continue  # the graph is about the security relationship, not every law a parliament passes
        bodies = _legislatures(ctx, [m.entity_id for m in ctx.mentions_in(sentence)])
        body = bodies[0] if bodies else None
        if body is None and _MEMBERS.search(text, max(0, verb.start() - 40), verb.end() + 40):
            # "النواب العراقيون", "كتل سياسية": the legislature of the state the members are named by,
            # else the one the article names.
            states = [m.implies or m.entity_id for m in ctx.mentions_in(sentence)]
            by_state = [b for b in _all_legislatures(ctx) if ctx.gazetteer.entities[b].nisba_of in states]
            article_bodies = _legislatures(ctx, list(dict.fromkeys(m.entity_id for m in ctx.entities.mentions)))
            body = by_state[0] if by_state else (article_bodies[0] if article_bodies else None)
        if body is None:
            continue
        date = _date(view, verb.start())
        if date is None:
            continue
        key = (body, date)
        if key in seen:
            continue
        seen.add(key)
        what = _what(view, obj.start() if obj is not None else on.end())  # type: ignore[union-attr]
        yield fact(ctx, sentence, "legislation", {"body": body, "date": date, "what": what}, NAME, VERSION, 0.8)

"""What the negotiation extractors share (meetings, outcomes, legislation): the process a sentence belongs
to, which side of the US–Iraq relationship an entity stands on, a sentence view whose dates include those an
article dated to its month establishes to the month, clauses cut at contrastive connectors, and deadlines."""

from __future__ import annotations

import re

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention
from isnad.loaders.extractors._dates import publication_month_dates
from isnad.loaders.extractors._patterns import CONJUNCTION, word_pattern
from isnad.loaders.extractors._sentence_view import Placed, SentenceView, clause_spans
from isnad.loaders.mentions import Mention
from isnad.loaders.normalize import normalize_term
from isnad.loaders.sentences import Sentence

PROCESS_TYPE = "NegotiationProcess"
# How many sentences back a process named earlier still governs a sentence that names none.
PROCESS_REACH = 4


def words(items: list[str] | tuple[str, ...], conj: bool = True, tail: str = "") -> re.Pattern[str]:
    """Whole words over normalized text, written in ordinary spelling; an optional و/ف before them (no
    other clitic: ل + بحث would make the verb "بحث" out of the purpose noun "للبحث")."""
    return word_pattern(items, prefix=CONJUNCTION if conj else "", suffix=tail)


def stems(items: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """Word-initial stems (any clitic before, any suffix after) over normalized text."""
    return word_pattern(items, suffix=r"\w*")


class NegotiationView(SentenceView):
    """A sentence view whose dates include the ones an article dated to its month establishes to the month."""

    dates_source = "with publication month"

    def date_mentions(self) -> list[DateMention]:
        return self.ctx.within(publication_month_dates(self.ctx), self.sentence)


def view_of(ctx: ArticleContext, sentence: Sentence) -> NegotiationView:
    """One view per sentence and article, shared by the extractors of this family."""
    views = ctx.__dict__.setdefault("_negotiation_views", {})
    view = views.get(sentence.index)
    if view is None or view.sentence is not sentence:
        view = views[sentence.index] = NegotiationView(ctx, sentence)
    return view


_CLAUSE_BREAK = re.compile(r"[،,؛;:]|\s(?=(?:فيما|في حين|بينما|حيث)\s)")


def clauses(text: str, extra: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """Spans of the clauses of a normalized sentence: cut at commas, semicolons and contrastive
    connectors, and at `extra` (a pattern whose match starts a new clause)."""
    return clause_spans(text, _CLAUSE_BREAK, *([extra] if extra is not None else []))


def process_mentions(ctx: ArticleContext) -> list[Mention]:
    cached = ctx.__dict__.get("_nego_processes")
    if cached is None:
        cached = [m for m in ctx.entities.mentions
                  if (known := ctx.gazetteer.entities.get(m.entity_id)) is not None and known.type == PROCESS_TYPE]
        ctx.__dict__["_nego_processes"] = cached
    return cached


def sentence_process(ctx: ArticleContext, sentence: Sentence) -> str | None:
    """The process a sentence belongs to: the one it names (the first, when several), else the only one
    the article names, else the one named last within PROCESS_REACH sentences before."""
    found = ctx.__dict__.setdefault("_nego_sentence_process", {})  # asked by meetings and outcomes alike
    key = (sentence.start, sentence.end, sentence.index)
    if key not in found:
        found[key] = _sentence_process(ctx, sentence)
    return found[key]


def _sentence_process(ctx: ArticleContext, sentence: Sentence) -> str | None:
    named = [m for m in process_mentions(ctx) if sentence.start <= m.start and m.end <= sentence.end]
    if named:
        return named[0].entity_id
    everywhere = process_mentions(ctx)
    ids = {m.entity_id for m in everywhere}
    if len(ids) == 1:
        return next(iter(ids))
    before = [m for m in everywhere if m.end <= sentence.start]
    if before:
        last = before[-1]
        at = ctx.sentence_at(last.start)
        if at is not None and sentence.index - at.index <= PROCESS_REACH:
            return last.entity_id
    return None


_US_IDS = {"united-states", "washington"}
_IQ_IDS = {"iraq", "baghdad"}


def person_organizations(ctx: ArticleContext) -> dict[str, str]:
    """The organization each titled person of the article is given by a title (any title in the text)."""
    found: dict[str, str] = {}
    for p in ctx.entities.titled_people:
        if p.organization_id and p.slug not in found:
            found[p.slug] = p.organization_id
    return found


_CLIMB_TYPES = {"GovernmentBody", "Institution", "Force", "Embassy"}


def side(ctx: ArticleContext, entity_id: str | None, organizations: dict[str, str] | None = None) -> str | None:
    """'US', 'IQ' or None: which side of the relationship an entity stands on. People stand with the
    organization their title names; bodies and forces with what the gazetteer says they are part of."""
    if entity_id is None:
        return None
    if organizations and entity_id in organizations:
        entity_id = organizations[entity_id]
    parents = ctx.__dict__.get("_nego_parents")
    if parents is None:
        parents = {r.subject: r.object for r in ctx.gazetteer.relations if r.predicate == "partOf"}
        ctx.__dict__["_nego_parents"] = parents
    for _ in range(4):
        if entity_id in _US_IDS or entity_id.startswith("us-"):
            return "US"
        if entity_id in _IQ_IDS or entity_id.startswith("iraqi-"):
            return "IQ"
        known = ctx.gazetteer.entities.get(entity_id)
        if known is None or known.type not in _CLIMB_TYPES or entity_id not in parents:
            return None
        entity_id = parents[entity_id]
    return None


def mention_sides(ctx: ArticleContext, mentions: list[Mention], organizations: dict[str, str]) -> set[str]:
    sides = set()
    for m in mentions:
        for eid in (m.entity_id, m.implies):
            s = side(ctx, eid, organizations)
            if s:
                sides.add(s)
    return sides


_DEADLINE_BEFORE = words(["بحلول", "حتى", "حتي", "قبل", "لغاية", "أقصاه", "اقصاه", "يتجاوز", "موعد", "مع",
                          "بنهاية", "نهاية", "انتهاء", "غضون"], conj=True)

_DEADLINE_SURFACE = re.compile(r"(?<!\w)(?:بحلول|حتي|حتى|بنهايه|لغايه)(?!\w)")


def is_deadline(view: SentenceView, p: Placed) -> bool:
    """A date that ends a period ("بحلول نهاية العام", "حتى 31 كانون الأول", "في موعد أقصاه …")."""
    surface = normalize_term(p.obj.surface)
    if _DEADLINE_SURFACE.search(surface):
        return True
    window = view.text[max(0, p.start - 25):p.start]
    last_words = window.split()[-3:]
    return any(_DEADLINE_BEFORE.fullmatch(w) for w in last_words)


def published_day(ctx: ArticleContext) -> str | None:
    return ctx.article.published if ctx.article.published_precision == "day" else None

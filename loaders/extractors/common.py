"""Helpers every extractor uses: cue words matched on normalized text with clitics, entities of a type
in a sentence, the date a sentence speaks of, and the Fact constructor with evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention
from isnad.loaders.extractors._patterns import CLITICS, word_pattern
from isnad.loaders.mentions import Mention
from isnad.loaders.records import Fact
from isnad.loaders.sentences import Sentence

__all__ = ["ACTOR_TYPES", "ARMED_GROUP_TYPES", "CLITICS", "PLACE_TYPES", "cue_pattern", "entities_of_type", "fact",
           "has_cue", "sentence_date", "sentence_text"]

ACTOR_TYPES = frozenset({
    "State", "GovernmentBody", "Person", "Militia", "TerroristOrganization", "MilitaryCoalition",
    "MilitiaUmbrella", "PoliticalAlliance", "Institution", "Force",
})
PLACE_TYPES = frozenset({"State", "Country", "Province", "City", "MilitaryBase", "Zone", "Embassy"})
ARMED_GROUP_TYPES = frozenset({"Militia", "MilitiaUmbrella", "TerroristOrganization"})


def cue_pattern(words: Iterable[str], clitics: bool = True) -> re.Pattern[str]:
    """A regex over normalized text matching any of `words` as whole words, optionally after clitics.
    Words are normalized here, so lists can be written in ordinary spelling."""
    return word_pattern(words, prefix=CLITICS if clitics else "", flexible_spaces=False)


def sentence_text(ctx: ArticleContext, sentence: Sentence) -> str:
    """The normalized text of a sentence."""
    return ctx.normalized_span(sentence.start, sentence.end)


def has_cue(ctx: ArticleContext, sentence: Sentence, pattern: re.Pattern[str]) -> bool:
    return pattern.search(sentence_text(ctx, sentence)) is not None


def entities_of_type(ctx: ArticleContext, sentence: Sentence, types: Iterable[str]) -> list[Mention]:
    wanted = set(types)
    return [m for m in ctx.mentions_in(sentence) if ctx.entity_type(m.entity_id) in wanted]


def sentence_date(ctx: ArticleContext, sentence: Sentence) -> DateMention | None:
    """The one point date a sentence speaks of, when it has exactly one (periods are left to callers)."""
    points = [d for d in ctx.dates_in(sentence) if not d.is_period]
    return points[0] if len(points) == 1 else None


def fact(ctx: ArticleContext, sentence: Sentence, kind: str, fields: dict, extractor: str, version: str,
         confidence: float) -> Fact:
    """A Fact with the sentence as its evidence; fields whose value is None are left out (never guessed)."""
    kept = {k: v for k, v in fields.items() if v is not None and v != [] and v != {}}
    return Fact(kind, kept, ctx.evidence(sentence), extractor, version, confidence)

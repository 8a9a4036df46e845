"""One article read by the text layer once: sentences, entity mentions, dates and numbers, with offsets.

Every extractor works over this context, so the text layer runs once per article however many
extractors there are, and every extractor sees the same mentions, dates and numbers."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from isnad.loaders.corpus import Article
from isnad.loaders.dates import DateMention, find_dates
from isnad.loaders.gazetteer import Gazetteer
from isnad.loaders.mentions import EntityMentions, Mention, find_entities
from isnad.loaders.normalize import NormalizedText, normalize
from isnad.loaders.numbers import NumberMention, find_numbers
from isnad.loaders.records import EntityRef, Evidence
from isnad.loaders.sentences import Sentence, split_sentences

Spanned = TypeVar("Spanned", Mention, DateMention, NumberMention)


@dataclass
class ArticleContext:
    article: Article
    gazetteer: Gazetteer
    normalized: NormalizedText
    sentences: list[Sentence]
    entities: EntityMentions
    dates: list[DateMention]
    numbers: list[NumberMention]
    _sentence_starts: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def read(cls, article: Article, gazetteer: Gazetteer) -> ArticleContext:
        normalized = normalize(article.text)
        sentences = split_sentences(article.text, normalized)
        dates = find_dates(article.text, article.published, normalized)
        return cls(
            article=article,
            gazetteer=gazetteer,
            normalized=normalized,
            sentences=sentences,
            entities=find_entities(normalized, gazetteer),
            dates=dates,
            numbers=find_numbers(article.text, normalized, dates),
            _sentence_starts=[s.start for s in sentences],
        )

    @cached_property
    def new_entities(self) -> dict[str, EntityRef]:
        """Entities the gazetteer does not know, found through titles and head nouns."""
        found = {p.slug: EntityRef(p.slug, "Person", label_ar=p.name) for p in self.entities.new_people}
        found.update({o.slug: EntityRef(o.slug, o.type, label_ar=o.name) for o in self.entities.new_orgs})
        return found

    def entity(self, entity_id: str) -> EntityRef:
        known = self.gazetteer.entities.get(entity_id)
        if known is not None:
            return EntityRef(entity_id, known.type)
        return self.new_entities[entity_id]

    def entity_type(self, entity_id: str) -> str:
        return self.entity(entity_id).type

    def sentence_at(self, offset: int) -> Sentence | None:
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def evidence(self, sentence: Sentence) -> Evidence:
        return Evidence(start=sentence.start, end=sentence.end, quote=sentence.text, sentence_index=sentence.index)

    @staticmethod
    def within(items: Iterable[Spanned], sentence: Sentence) -> list[Spanned]:
        return [item for item in items if sentence.start <= item.start and item.end <= sentence.end]

    def mentions_in(self, sentence: Sentence) -> list[Mention]:
        return self.within(self.entities.mentions, sentence)

    def dates_in(self, sentence: Sentence) -> list[DateMention]:
        return self.within(self.dates, sentence)

    def numbers_in(self, sentence: Sentence) -> list[NumberMention]:
        return self.within(self.numbers, sentence)

    def normalized_span(self, start: int, end: int) -> str:
        """The normalized text of an original span (for matching cue words inside a sentence)."""
        origin = self.normalized.origin
        lo = bisect_right(origin, start - 1)
        hi = bisect_right(origin, end - 1)
        return self.normalized.text[lo:hi]

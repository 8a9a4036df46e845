"""One article read by the text layer once: sentences, entity mentions, dates and numbers, with offsets.

Every extractor works over this context, so the text layer runs once per article however many
extractors there are, and every extractor sees the same mentions, dates and numbers."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
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
        # Every layer below and every extractor looks offsets up thousands of times per article.
        normalized = normalize(article.text).with_offset_list()
        sentences = split_sentences(article.text, normalized)
        dates = find_dates(article.text, article.dates_reference, normalized)
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

    def release(self) -> None:
        """Drop what the extractors cached on the context. The views they keep refer back to it: without
        this, every article's objects would wait for the cyclic garbage collector."""
        fields = {f.name for f in dataclass_fields(self)}
        for key in [k for k in self.__dict__ if k not in fields]:
            del self.__dict__[key]

    @cached_property
    def new_entities(self) -> dict[str, EntityRef]:
        """Entities the gazetteer does not know, found through titles and head nouns."""
        found = {p.slug: EntityRef(p.slug, "Person", label_ar=p.name) for p in self.entities.new_people}
        found.update({o.slug: EntityRef(o.slug, o.type, label_ar=o.name) for o in self.entities.new_orgs})
        return found

    def entity(self, entity_id: str) -> EntityRef:
        refs = self.__dict__.setdefault("_entity_refs", {})  # one frozen record per entity, not per mention
        found = refs.get(entity_id)
        if found is None:
            known = self.gazetteer.entities.get(entity_id)
            found = refs[entity_id] = EntityRef(entity_id, known.type) if known is not None \
                else self.new_entities[entity_id]
        return found

    def entity_type(self, entity_id: str) -> str:
        try:  # asked tens of thousands of times per article
            return self.__dict__["_entity_types"][entity_id]
        except KeyError:
            types = self.__dict__.setdefault("_entity_types", {})
            found = types[entity_id] = self.entity(entity_id).type
            return found

    def sentence_at(self, offset: int) -> Sentence | None:
        index = bisect_right(self._sentence_starts, offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def evidence(self, sentence: Sentence) -> Evidence:
        # Evidence is frozen: every mention and fact of one sentence can share one.
        cache = self.__dict__.setdefault("_evidence", {})
        key = (sentence.start, sentence.end, sentence.index)
        found = cache.get(key)
        if found is None or found.quote != sentence.text:
            found = cache[key] = Evidence(start=sentence.start, end=sentence.end, quote=sentence.text,
                                          sentence_index=sentence.index)
        return found

    @staticmethod
    def within(items: Iterable[Spanned], sentence: Sentence) -> list[Spanned]:
        return [item for item in items if sentence.start <= item.start and item.end <= sentence.end]

    def _by_sentence(self, items: list[Spanned]) -> list[list[Spanned]] | None:
        """`items` split by the sentence that holds them (each list in the order of `items`), in one pass
        instead of a scan of the article per sentence; None when the sentences overlap or are unordered."""
        sentences, starts = self.sentences, self._sentence_starts
        if any(a.end > b.start for a, b in zip(sentences, sentences[1:], strict=False)):
            return None
        buckets: list[list[Spanned]] = [[] for _ in sentences]
        for item in items:
            i = bisect_right(starts, item.start) - 1
            # Sentences do not overlap, so only an empty item on a boundary sits in two of them.
            while i >= 0 and item.end <= sentences[i].end:
                buckets[i].append(item)
                i -= 1
        return buckets

    def _in(self, key: str, items: list[Spanned], sentence: Sentence) -> list[Spanned]:
        cache = self.__dict__.setdefault("_within_cache", {})
        buckets = cache.get(key, False)
        if buckets is False:
            buckets = cache[key] = self._by_sentence(items)
        i = sentence.index
        if buckets is None or not 0 <= i < len(buckets) or (self.sentences[i] is not sentence
                                                             and self.sentences[i] != sentence):
            return self.within(items, sentence)  # a sentence the context did not split itself
        return list(buckets[i])

    def mentions_in(self, sentence: Sentence) -> list[Mention]:
        return self._in("mentions", self.entities.mentions, sentence)

    def dates_in(self, sentence: Sentence) -> list[DateMention]:
        return self._in("dates", self.dates, sentence)

    def numbers_in(self, sentence: Sentence) -> list[NumberMention]:
        return self._in("numbers", self.numbers, sentence)

    def normalized_span(self, start: int, end: int) -> str:
        """The normalized text of an original span (for matching cue words inside a sentence)."""
        origin = self.normalized.origin
        lo = bisect_right(origin, start - 1)
        hi = bisect_right(origin, end - 1)
        return self.normalized.text[lo:hi]

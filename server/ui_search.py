"""Search: entities by their Arabic or English labels, claims by the words of their quotes.

Arabic is matched as the extractors match it: both sides are normalized (isnad.loaders.normalize), and a
word may carry clitics (و ف, then ب ل ك, with لل for ل + ال), so بالعراق finds العراق. A word the
gazetteer knows as a name or an inflected nisba of an entity (أمريكي, الأميركية) finds that entity, and in
quotes it also finds the entity's other spellings and forms (أمريكي finds a quote saying الأميركي)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from isnad.graph.iris import Iris
from isnad.loaders.gazetteer import load_gazetteer
from isnad.loaders.normalize import normalize_term
from isnad.server.ui_catalog import Catalog, Entity, Quote, claim_kind, local_href

_WORD = re.compile(r"[\w\u0600-\u06FF]+")
_MIN_STEM = 2
MAX_ENTITIES = 50
MAX_QUOTES = 100


def fold(text: str) -> str:
    """Normalized for matching: Arabic folding, case folding, single spaces."""
    return " ".join(normalize_term(text).casefold().split())


def word_variants(word: str) -> set[str]:
    """A normalized word and what it may be without its clitics: وبالعراق → بالعراق, العراق, عراق."""
    out = {word}
    for conj in ("", "و", "ف"):
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj):]
        if len(rest) >= _MIN_STEM:
            out.add(rest)
        for prep in ("ب", "ل", "ك"):
            if rest.startswith(prep) and len(rest) - 1 >= _MIN_STEM:
                stem = rest[1:]
                out.add(stem)
                if prep == "ل" and stem.startswith("ل"):  # لل = ل + ال with the alef dropped
                    out.add("ا" + stem)
    for form in list(out):
        if form.startswith("ال") and len(form) - 2 >= _MIN_STEM:
            out.add(form[2:])
    return out


@cache
def _gazetteer_forms() -> dict[str, set[str]]:
    """Normalized surface form → gazetteer entity ids."""
    forms: dict[str, set[str]] = {}
    for text, surface_forms in load_gazetteer().forms_by_text().items():
        forms.setdefault(text, set()).update(f.entity_id for f in surface_forms)
    return forms


@cache
def _forms_of_entity() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for text, ids in _gazetteer_forms().items():
        for entity_id in ids:
            out.setdefault(entity_id, set()).add(text)
    return out


def _gazetteer_iris(iris: Iris) -> dict[str, str]:
    return {e.id: iris.entity(e.type, e.id).value for e in load_gazetteer().entities.values()}


@dataclass
class EntityHit:
    entity: Entity
    score: int
    matched: str

    def to_json(self) -> dict:
        return {**self.entity.to_json(), "score": self.score, "matched": self.matched}


@dataclass
class QuoteHit:
    quote: Quote
    article_href: str
    claims: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"quote": self.quote.text, "article": self.quote.article, "article_id": self.quote.article_id,
                "article_href": self.article_href, "claims": self.claims}


@dataclass
class SearchResult:
    query: str
    entities: list[EntityHit]
    quotes: list[QuoteHit]

    def to_json(self) -> dict:
        return {"query": self.query, "entities": [h.to_json() for h in self.entities],
                "claims": [h.to_json() for h in self.quotes]}


def search(catalog: Catalog, iris: Iris, query: str) -> SearchResult:
    folded = fold(query)
    if not folded:
        return SearchResult(query, [], [])
    words = _WORD.findall(folded)
    gazetteer = _gazetteer_forms()
    by_id = _gazetteer_iris(iris)

    # Entities the gazetteer names by the whole query or by one of its words (with clitics stripped).
    named: dict[str, tuple[int, str]] = {}
    for phrase, score in [(folded, 90)] + [(w, 70) for w in words]:
        for variant in word_variants(phrase) if " " not in phrase else {phrase}:
            for entity_id in gazetteer.get(variant, ()):
                iri = by_id.get(entity_id)
                if iri and (iri not in named or named[iri][0] < score):
                    named[iri] = (score, variant)

    hits: dict[str, EntityHit] = {}
    variants = set().union(*(word_variants(w) for w in words)) if words else set()
    for entity in catalog.entities.values():
        best: tuple[int, str] = named.get(entity.iri, (0, ""))
        for position, label in enumerate(entity.en + entity.ar + entity.other):
            candidate = fold(label)
            if candidate == folded:
                score = 100 - min(position, 5)
            elif candidate.startswith(folded) or f" {folded}" in candidate:
                score = 60
            elif folded in candidate:
                score = 40
            elif variants & set(candidate.split()) and len(words) == 1:
                score = 50
            else:
                continue
            if score > best[0]:
                best = (score, label)
        if best[0]:
            hits[entity.iri] = EntityHit(entity, best[0], best[1])
    entities = sorted(hits.values(), key=lambda h: (-h.score, len(h.entity.label), h.entity.label))[:MAX_ENTITIES]

    # Quotes that contain every word of the query (each word: any clitic variant, or any form of the
    # entity the word names).
    alternatives: list[set[str]] = []
    for word in words:
        options = {v for v in word_variants(word) if len(v) > _MIN_STEM or v == word}
        for variant in list(options):
            for entity_id in gazetteer.get(variant, ()):
                options |= _forms_of_entity().get(entity_id, set())
        alternatives.append(options)
    quotes: list[QuoteHit] = []
    for quote in catalog.quotes if alternatives else []:
        text = fold(quote.text)
        present = set()
        for token in _WORD.findall(text):
            present |= word_variants(token)
        padded = f" {' '.join(_WORD.findall(text))} "
        if all(any((o in present) if " " not in o else (f" {o} " in padded) for o in options)
               for options in alternatives):
            claims = [{"iri": c, "href": local_href(iris, c), "kind": claim_kind(iris, c)} for c in quote.claims]
            quotes.append(QuoteHit(quote, f"/articles/{quote.article_id}", claims))
            if len(quotes) >= MAX_QUOTES:
                break
    return SearchResult(query, entities, quotes)

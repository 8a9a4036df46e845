"""What the loaders hand to the graph layer: plain records, no RDF. One direction: loaders -> graph."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Evidence:
    """Where a claim stands in its article: original-text offsets (end exclusive) and the quote itself."""

    start: int
    end: int
    quote: str
    sentence_index: int


@dataclass(frozen=True)
class EntityRef:
    """An entity as the text layer found it. Gazetteer entities carry only id and type; entities found
    through a title or a head noun also carry the label the article gave them."""

    id: str
    type: str
    label_ar: str | None = None
    label_en: str | None = None


@dataclass(frozen=True)
class EntityMention:
    entity: EntityRef
    evidence: Evidence
    via: str  # name, nisba, title, head_noun, surname


@dataclass(frozen=True)
class Fact:
    """One fact as ../shared/FACTS.md describes it: a kind, its fields (entity values are ids), its evidence."""

    kind: str
    fields: dict[str, object]
    evidence: Evidence
    extractor: str
    extractor_version: str
    confidence: float


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    mentions: list[EntityMention] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)

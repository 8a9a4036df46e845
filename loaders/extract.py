"""Extraction of one article: the text layer once, then every fact extractor over it."""

from __future__ import annotations

from isnad.loaders.context import ArticleContext
from isnad.loaders.corpus import Article
from isnad.loaders.gazetteer import Gazetteer
from isnad.loaders.records import EntityMention, Extraction

# Each extractor module has NAME, VERSION and extract(ctx) -> Iterator[Fact].
EXTRACTORS: tuple = ()


def extract_article(article: Article, gazetteer: Gazetteer) -> tuple[Extraction, dict[str, str]]:
    """The article's mentions and facts, and the type of every entity they refer to."""
    ctx = ArticleContext.read(article, gazetteer)
    extraction = Extraction(article_id=article.id)
    for mention in ctx.entities.mentions:
        sentence = ctx.sentence_at(mention.start)
        if sentence is None:
            continue
        extraction.mentions.append(EntityMention(ctx.entity(mention.entity_id), ctx.evidence(sentence), mention.via))
    for extractor in EXTRACTORS:
        extraction.facts.extend(extractor.extract(ctx))
    entity_types = {ref.id: ref.type for ref in ctx.new_entities.values()}
    return extraction, entity_types

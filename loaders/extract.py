"""Extraction of one article: the text layer once, then every fact extractor over it."""

from __future__ import annotations

from isnad.loaders.context import ArticleContext
from isnad.loaders.corpus import Article
from isnad.loaders.extractors import extractor_modules
from isnad.loaders.gazetteer import Gazetteer
from isnad.loaders.records import EntityMention, Extraction

EXTRACTORS = tuple(extractor_modules())


def extract_article(article: Article, gazetteer: Gazetteer) -> tuple[Extraction, dict[str, str]]:
    """The article's mentions and facts, and the type of every entity they refer to."""
    ctx = ArticleContext.read(article, gazetteer)
    extraction = Extraction(article_id=article.id)
    for mention in ctx.entities.mentions:
        sentence = ctx.sentence_at(mention.start)
        if sentence is None:
            continue
        evidence = ctx.evidence(sentence)
        extraction.mentions.append(EntityMention(ctx.entity(mention.entity_id), evidence, mention.via))
        if mention.implies:  # "القوات الأمريكية" names the US forces, and so mentions the United States too
            extraction.mentions.append(EntityMention(ctx.entity(mention.implies), evidence, "nisba"))
    for extractor in EXTRACTORS:
        extraction.facts.extend(extractor.extract(ctx))
    entity_types = {ref.id: ref.type for ref in ctx.new_entities.values()}
    ctx.release()
    return extraction, entity_types

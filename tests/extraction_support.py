"""Running one extractor on a short text written for a test, as the extractor tests do: the text is read by
the real text layer with the bundled gazetteer, and every fact is checked to quote its evidence exactly."""

from __future__ import annotations

from types import ModuleType

from isnad.loaders.context import ArticleContext
from isnad.loaders.corpus import Article
from isnad.loaders.gazetteer import load_gazetteer
from isnad.loaders.records import Fact

GAZETTEER = load_gazetteer()


def article_context(text: str, published: str) -> ArticleContext:
    """The context of an article made of `text`, published on `published` (a day, a month or a year)."""
    article = Article(id="test", text=text, title="", outlet=None, language="ar", published=published,
                      published_basis="written for the test", source="test")
    return ArticleContext.read(article, GAZETTEER)


def extract_facts(extractor: ModuleType, text: str, published: str, kind: str) -> list[Fact]:
    """The facts one extractor finds in the text; each must be of `kind` and quote its evidence exactly."""
    facts = list(extractor.extract(article_context(text, published)))
    for f in facts:
        assert f.kind == kind
        assert text[f.evidence.start:f.evidence.end] == f.evidence.quote
    return facts


def extract_fields(extractor: ModuleType, text: str, published: str, kind: str) -> list[dict]:
    """The fields of the facts one extractor finds in the text, in the order it gives them."""
    return [f.fields for f in extract_facts(extractor, text, published, kind)]

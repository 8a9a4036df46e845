"""An article as a resource of the graph: schema:NewsArticle with its metadata and full text."""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from isnad.graph.iris import Iris, term, vocab
from isnad.loaders.corpus import Article

_XSD = "http://www.w3.org/2001/XMLSchema#"
_DATE_TYPES = {"day": "date", "month": "gYearMonth", "year": "gYear"}


def date_literal(iso: str) -> Literal:
    """An ISO date at its own precision: xsd:date, xsd:gYearMonth or xsd:gYear."""
    precision = {10: "day", 7: "month", 4: "year"}[len(iso)]
    return Literal(iso, datatype=NamedNode(_XSD + _DATE_TYPES[precision]))


def article_quads(article: Article, iris: Iris) -> Iterator[Quad]:
    graph = iris.graph("articles")
    node = iris.article(article.id)
    rdf_type = vocab("rdf", "type")
    yield Quad(node, rdf_type, term("Article"), graph)
    yield Quad(node, rdf_type, vocab("schema", "NewsArticle"), graph)
    yield Quad(node, vocab("dcterms", "identifier"), Literal(article.id), graph)
    yield Quad(node, vocab("schema", "headline"), Literal(article.title, language=article.language), graph)
    yield Quad(node, vocab("rdfs", "label"), Literal(article.title, language=article.language), graph)
    yield Quad(node, vocab("schema", "inLanguage"), Literal(article.language), graph)
    yield Quad(node, vocab("schema", "datePublished"), date_literal(article.published), graph)
    yield Quad(node, term("publishedBasis"), Literal(article.published_basis, language="en"), graph)
    yield Quad(node, vocab("dcterms", "source"), Literal(article.source), graph)
    yield Quad(node, vocab("schema", "text"), Literal(article.text, language=article.language), graph)
    if article.outlet:
        yield Quad(node, vocab("schema", "publisher"), Literal(article.outlet), graph)

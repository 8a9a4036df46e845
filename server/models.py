"""Request and response bodies of the JSON routes, as pydantic models (they are what /docs shows)."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field, field_validator

from isnad.loaders.corpus import MAX_ARTICLE_BYTES, parse_iso_date

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


class ErrorDetail(BaseModel):
    detail: str = Field(description="What went wrong and what to do about it.")


class ArticleIn(BaseModel):
    """One Arabic news article to add to the graph (the same path as `isnad ingest`)."""

    id: str = Field(description="A stable identifier; it becomes part of IRIs. Ingesting the same id again "
                                "replaces that article's claims.", pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,127}$",
                    examples=["005_example"])
    text: str = Field(description="The article's full text, in Arabic.", min_length=1)
    title: str = Field(description="The headline.", min_length=1, max_length=1000)
    outlet: str | None = Field(default=None, description="The outlet that published it, if known.")
    published: str = Field(description="Publication date, ISO 8601 at its own precision: YYYY-MM-DD, YYYY-MM "
                                       "or YYYY.", examples=["2024-01-25"])
    published_basis: str = Field(default="given when the article was posted to the server",
                                 description="How the publication date is known.")
    source: str = Field(default="posted to the server", description="Where the article came from (a URL, a file).")

    @field_validator("text")
    @classmethod
    def _arabic_text(cls, text: str) -> str:
        if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
            raise ValueError(f"the text is larger than {MAX_ARTICLE_BYTES:,} bytes; is it really one article?")
        if not _ARABIC_LETTER.search(text):
            raise ValueError("no Arabic text found; Isnad reads Arabic articles")
        return text

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: str) -> str:
        return parse_iso_date(value)

    @field_validator("title", "published_basis", "source")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("outlet")
    @classmethod
    def _outlet(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("give the outlet's name, or null when it is not known")
        return value


class IngestResult(BaseModel):
    article: str = Field(description="The article's id.")
    iri: str = Field(description="The article's IRI in the graph.")
    replaced: bool = Field(description="True when an earlier version of this article was replaced.")
    quads_added: int
    quads_removed: int
    seconds: float


class UpdateResult(BaseModel):
    generation: str = Field(description="The store generation the update produced (now the current one).")
    quads_before: int
    quads_after: int


class DumpInfo(BaseModel):
    name: str
    url: str
    media_type: str
    description: str


class DumpList(BaseModel):
    generation: str = Field(description="The store generation the dumps are made from; it is their ETag.")
    dumps: list[DumpInfo]

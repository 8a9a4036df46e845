"""The country an article is about: what "البلاد" refers to, and the host whose own forces are not foreign."""

from __future__ import annotations

from collections import Counter

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._patterns import word_pattern

HOME = "iraq"  # the host country of the corpus: its own forces are not "foreign troop levels"

RX_THE_COUNTRY = word_pattern(("البلاد",), prefix=r"[وف]?(?:[بل]|ل)?")


def home_country(ctx: ArticleContext) -> str | None:
    """The state the article is about, what "البلاد" refers to: the host country when the article names it
    (the corpus is Iraqi and Arab news on Iraq, where "البلاد" is Iraq even in a story told from Washington),
    else the state it names most often. Computed once per article: three extractors ask."""
    if "_home_country" in ctx.__dict__:
        return ctx.__dict__["_home_country"]
    counts = Counter(m.entity_id for m in ctx.entities.mentions
                     if m.via == "name" and ctx.entity_type(m.entity_id) == "State")
    home = HOME if HOME in counts else counts.most_common(1)[0][0] if counts else None
    ctx.__dict__["_home_country"] = home
    return home

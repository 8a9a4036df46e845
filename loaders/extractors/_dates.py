"""Date helpers the extractors share: comparing a date with the publication, the finer of two agreeing
dates, the start of a period, point dates of a span and the one nearest a cue, and the dates an article
dated only to its month still establishes to that month."""

from __future__ import annotations

from isnad.loaders.context import ArticleContext
from isnad.loaders.dates import DateMention, find_dates, publication_bounds
from isnad.loaders.extractors._sentence_view import Placed, SentenceView, nearest


def after_publication(published: str, value: str) -> bool:
    """Whether a date lies after the publication, compared at the coarser of the two precisions."""
    n = min(len(value), len(published))
    return value[:n] > published[:n]


def finer_same(a: str, b: str) -> str:
    """Of two dates that agree, the finer one."""
    return b if b.startswith(a) and len(b) > len(a) else a


def start_value(d: DateMention) -> str:
    """A point date's value, or where a period starts."""
    return d.period_from if d.is_period and d.period_from else d.value


def point_dates(view: SentenceView, start: int, end: int) -> list[Placed]:
    return [p for p in view.dates_between(start, end) if not p.obj.is_period]


def nearest_date(view: SentenceView, start: int, end: int, anchor: int) -> DateMention | None:
    """The point date in [start, end) nearest a cue."""
    found = nearest(point_dates(view, start, end), anchor)
    return found.obj if found is not None else None


def publication_month_dates(ctx: ArticleContext) -> list[DateMention]:
    """The text layer's dates, plus — for an article dated only to its month — those it leaves out because
    they need the publication day ("الجمعة", "الأسبوع الماضي"), at the precision the text establishes
    (tests/gold/NOTES.md): the publication month, when read against its last day they fall inside it."""
    cached = ctx.__dict__.get("_publication_month_dates")
    if cached is not None:
        return cached
    found = list(ctx.dates)
    published = ctx.article.published
    if ctx.article.published_precision == "month":
        taken = [(d.start, d.end) for d in ctx.dates]
        for d in find_dates(ctx.article.text, publication_bounds(ctx.article.dates_reference)[1], ctx.normalized):
            if not d.value.startswith(published) or any(s < d.end and d.start < e for s, e in taken):
                continue
            ends = (published, published) if d.is_period else (None, None)
            found.append(DateMention(d.start, d.end, d.surface, published, "month", d.is_period, *ends))
        found.sort(key=lambda d: d.start)
    ctx.__dict__["_publication_month_dates"] = found
    return found

"""Where an attack or a strike happened: the places a span names, the most specific of them, and whether
two places can be the same (one lies in the other, or both lie in the same place)."""

from __future__ import annotations

from collections.abc import Iterable

from isnad.loaders.context import ArticleContext
from isnad.loaders.extractors._patterns import normalized_re as _rx
from isnad.loaders.extractors._sentence_view import SentenceView
from isnad.loaders.mentions import Mention

TARGET_PLACE_TYPES = frozenset({"MilitaryBase", "Embassy"})
# Place specificity: lower is more specific.
PLACE_LEVEL = {"MilitaryBase": 0, "Embassy": 0, "Zone": 0, "City": 0, "Province": 1, "State": 2, "Country": 2}

# Words before a mention that make it a place reference (a State needs one to be a place, not an actor).
PLACE_PREP = _rx(r"(?:^|\s)(?:[وف]?(?:في|داخل|قرب|بالقرب من|عند|على|الى|إلى|نحو|شمال|جنوب|شرق|غرب|شمالي|جنوبي"
                 r"|شرقي|غربي|وسط|أنحاء|محيط|أطراف|ضواحي|شمال شرقي|شمال غربي|جنوب شرقي|جنوب غربي|حدود))\s*$")
NEAR_WORDS = _rx(r"(?:قرب|بالقرب من|محيط|مقربة من|بجوار|قريبا من|قريب من)\s*$")


def is_dateline(view: SentenceView, start: int, end: int) -> bool:
    """"أربيل –" at the head of a sentence is the dateline, not where the event happened."""
    return start <= 2 and view.text[end:end + 3].strip().startswith("-")


def place_candidates(view: SentenceView, start: int, end: int,
                     exclude: Iterable[str] = ()) -> list[tuple[int, Mention]]:
    """Places named in [start, end): (level, mention), not nisbas, datelines or states used as actors."""
    out = []
    excluded = set(exclude)
    for s, e, m in view.mentions_between(start, end):
        kind = view.type_of(m)
        if kind not in PLACE_LEVEL or m.via == "nisba" or m.entity_id in excluded or is_dateline(view, s, e):
            continue
        if kind in ("State", "Country"):
            prev = view.text[max(0, s - 30):s]
            attached = prev.endswith(("ب", "وب", "فب"))  # بالأردن
            if not attached and not PLACE_PREP.search(prev.rstrip("ال")):
                continue
        near = kind in TARGET_PLACE_TYPES and NEAR_WORDS.search(view.text[max(0, s - 20):s])
        out.append((PLACE_LEVEL[kind] + (10 if near else 0), m))
    return out


def best_place(ctx: ArticleContext, candidates: list[tuple[int, Mention]]) -> str | None:
    """The most specific place: lowest level, first named; an outer place of another candidate is dropped;
    two unrelated states (في العراق وسوريا) leave the place unknown."""
    if not candidates:
        return None
    ids = [m.entity_id for lvl, m in candidates if lvl < 10]
    inner = [(lvl, m) for lvl, m in candidates
             if not any(other != m.entity_id and m.entity_id in located_chain(ctx, other) for other in ids)]
    top = min(lvl for lvl, _ in inner)
    best = [m.entity_id for lvl, m in inner if lvl == top]
    if top == PLACE_LEVEL["State"] and len(set(best)) > 1:
        return None
    return best[0]


def located_chain(ctx: ArticleContext, entity_id: str) -> list[str]:
    """The places an entity lies in, innermost first (from the gazetteer's located_in)."""
    chain = []
    current = ctx.gazetteer.entities.get(entity_id)
    while current is not None and current.located_in and current.located_in not in chain:
        chain.append(current.located_in)
        current = ctx.gazetteer.entities.get(current.located_in)
    return chain


def compatible_places(ctx: ArticleContext, a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return a in located_chain(ctx, b) or b in located_chain(ctx, a) or bool(
        set(located_chain(ctx, a)[:1]) & set(located_chain(ctx, b)[:1]))


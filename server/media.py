"""Media types of every format the server gives, and content negotiation over them (Accept with q-values)."""

from __future__ import annotations

from fastapi import HTTPException

RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "trig": "application/trig",
    "nquads": "application/n-quads",
}
# Formats of one graph (triples); TriG and N-Quads also carry the graph's name.
TRIPLE_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")
HTML = "text/html"

# Other names clients use for the same formats.
ALIASES = {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/x-turtle": "turtle",
    "text/plain": "ntriples",
    "application/x-trig": "trig",
    "text/x-nquads": "nquads",
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
}
GRAPH_ALIASES = {"application/json": "jsonld", "application/xml": "rdfxml", "text/xml": "rdfxml"}

# The JSON answers' shapes, for the API documentation (a client validating against it sees JSON, not text).
_JSON_SCHEMAS = {"application/sparql-results+json": {"type": "object"},
                 "application/ld+json": {"type": ["object", "array"]}}


def openapi_content(media_types) -> dict:
    """The OpenAPI `content` of a response given in any of these media types."""
    return {media: {"schema": _JSON_SCHEMAS.get(media, {"type": "string"})} for media in media_types}


FORMAT_HELP = "json, xml, csv, tsv (SELECT/ASK); turtle, ntriples, jsonld, rdfxml, trig, nquads (graphs)"


def parse_accept(accept: str) -> list[tuple[str, float]]:
    """Media ranges with their quality, best first (ties keep the client's order)."""
    ranges = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranges.append((-quality, position, media.lower()))
    return [(media, -q) for q, _, media in sorted(ranges) if q < 0]


def negotiate(accept: str, offered: dict[str, str], fallback: str | None, aliases: dict[str, str] | None = None,
              ) -> str | None:
    """The offered format (a key of `offered`) the Accept header prefers; `fallback` for */* or no header.
    None when the client accepts none of them."""
    if not accept.strip():
        return fallback
    aliases = {**ALIASES, **(aliases or {})}
    by_media = {media: name for name, media in offered.items()}
    for media, _quality in parse_accept(accept):
        if media in by_media:
            return by_media[media]
        if aliases.get(media) in offered:
            return aliases[media]
        if media == "*/*":
            return fallback
        if media.endswith("/*"):
            for name, offered_media in offered.items():
                if offered_media.startswith(media[:-1]):
                    return name
    return None


def prefers_html(accept: str) -> bool:
    """A browser: it names text/html before (or above) any RDF type we offer."""
    for media, _quality in parse_accept(accept):
        if media in (HTML, "application/xhtml+xml"):
            return True
        if media in GRAPH_MEDIA.values() or media in ALIASES or media in GRAPH_ALIASES:
            return False
    return False


def format_from_parameter(value: str, offered: dict[str, str], aliases: dict[str, str] | None = None) -> str | None:
    """A `format=` parameter: a short name (turtle) or a media type (text/turtle). None if not offered;
    400 if it is no format at all."""
    value = value.strip().lower()
    known = {**RESULT_MEDIA, **GRAPH_MEDIA}
    if value in offered:
        return value
    for name, media in offered.items():
        if value == media:
            return name
    alias = {**ALIASES, **(aliases or {})}.get(value)
    if alias in offered:
        return alias
    if value in known or value in known.values() or value in ALIASES:
        return None
    raise HTTPException(400, detail=f"unknown format {value!r}; use one of: {FORMAT_HELP}")


def choose(accept: str, format_param: str | None, offered: dict[str, str], fallback: str,
           aliases: dict[str, str] | None = None) -> str:
    """The format to answer in, from `format=` if given, else Accept; 406 (naming what is available) if none."""
    if format_param:
        chosen = format_from_parameter(format_param, offered, aliases)
    else:
        chosen = negotiate(accept, offered, fallback, aliases)
    if chosen is None:
        raise HTTPException(
            406, detail=f"cannot give this as {format_param or accept!r}; available: {', '.join(offered.values())}"
        )
    return chosen

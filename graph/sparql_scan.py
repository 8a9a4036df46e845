"""A lexical scan of SPARQL text: which SERVICE endpoints a query or update calls (and which documents an
update would LOAD), and whether it names its own dataset (FROM / FROM NAMED).

pyoxigraph parses and evaluates SPARQL but exposes no syntax tree. This scanner follows the grammar's
terminals closely enough (comments, the four kinds of string, IRI references, prefixed names with their
escapes, variables, keywords) that a keyword inside a string, an IRI or a comment is never taken for one,
and a keyword outside them is never missed. Where it cannot tell what an endpoint is, it says so (None),
and callers treat that as "not allowed"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

# SPARQL allows \\u and \\U code point escapes anywhere in the text; they are decoded before parsing.
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

_NAME_CHAR = r"[A-Za-z0-9_\-.:\u00B7-\U0010FFFF]|\\[_~.\-!$&'()*+,;=/?#@%]|%[0-9A-Fa-f]{2}"
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>'''(?:[^'\\]|\\[\s\S]|'(?!''))*'''
             | \"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*\"\"\"
             | '(?:[^'\\\n\r]|\\.)*'
             | "(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$](?:"""
    + _NAME_CHAR
    + r""")+)
  | (?P<word>(?:"""
    + _NAME_CHAR
    + r""")+)
  | (?P<other>[\s\S])
    """,
    re.VERBOSE,
)


@dataclass
class Token:
    kind: str
    text: str


@dataclass
class ScanResult:
    # Each SERVICE endpoint as an absolute IRI, or None where it is a variable or cannot be resolved.
    services: list[str | None] = field(default_factory=list)
    # Each document a SPARQL Update LOAD would fetch (None where it cannot be resolved).
    loads: list[str | None] = field(default_factory=list)
    # True when the text has a FROM or FROM NAMED clause.
    declares_dataset: bool = False

    @property
    def remote(self) -> list[str | None]:
        """Every IRI the engine would fetch over HTTP while running this text."""
        return [*self.services, *self.loads]


def decode_codepoints(text: str) -> str:
    return _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def tokens(text: str) -> list[Token]:
    """Significant tokens (no spaces or comments) of SPARQL text, after decoding code point escapes."""
    found = []
    for match in _TOKEN.finditer(decode_codepoints(text)):
        kind = match.lastgroup or "other"
        if kind not in ("space", "comment"):
            found.append(Token(kind, match.group()))
    return found


def _expand(token: Token, prefixes: dict[str, str], base: str | None) -> str | None:
    if token.kind == "iri":
        iri = token.text[1:-1]
        if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", iri):
            return iri
        return urljoin(base, iri) if base else None
    if token.kind == "word" and ":" in token.text:
        prefix, local = token.text.split(":", 1)
        if prefix not in prefixes:
            return None
        return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
    return None


def _endpoint(rest: str, following: list[Token], prefixes: dict[str, str], base: str | None) -> str | None:
    """The endpoint after a SERVICE (or LOAD) keyword. pyoxigraph's parser needs no space after a keyword
    (SERVICEex:x and SERVICESILENT<…> both parse), so the rest of the keyword's word counts too."""
    if rest.upper().startswith("SILENT"):
        rest = rest[len("SILENT") :]
    elif not rest and following and following[0].kind == "word" and following[0].text.upper().startswith("SILENT"):
        rest, following = following[0].text[len("SILENT") :], following[1:]
    if rest:
        return _expand(Token("word", rest), prefixes, base)
    return _expand(following[0], prefixes, base) if following else None


def scan(text: str, predeclared: dict[str, str] | None = None) -> ScanResult:
    """SERVICE endpoints and dataset clauses of a SPARQL query or update.

    Fail-closed: a word that merely starts with SERVICE is read as the keyword, as pyoxigraph may read it."""
    result = ScanResult()
    prefixes = dict(predeclared or {})
    base: str | None = None
    items = tokens(text)
    for position, token in enumerate(items):
        if token.kind != "word":
            continue
        keyword = token.text.upper()
        following = items[position + 1 : position + 4]
        if keyword == "PREFIX" and len(following) >= 2 and following[0].text.endswith(":"):
            iri = _expand(following[1], prefixes, base)
            if iri is not None:
                prefixes[following[0].text[:-1]] = iri
        elif keyword == "BASE" and following and following[0].kind == "iri":
            base = _expand(following[0], prefixes, base) or base
        elif keyword in ("FROM", "FROMNAMED"):
            result.declares_dataset = True
        elif keyword.startswith("SERVICE"):
            result.services.append(_endpoint(token.text[len("SERVICE") :], following, prefixes, base))
        elif keyword.startswith("LOAD"):
            result.loads.append(_endpoint(token.text[len("LOAD") :], following, prefixes, base))
    return result

"""Saved queries: .rq files whose header (grlc style, `#+ ` lines of YAML) says what they answer and
which typed parameters they take.

Parameters are bound as RDF terms, never pasted into the query as text: each value is parsed for its
declared type, turned into a pyoxigraph term (which validates IRIs and escapes literals), and bound in a
VALUES block placed at the start of every WHERE group, so sub-queries see it too. A parameter left unset
is bound to UNDEF, which the query tests with BOUND()."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import yaml

from isnad.graph.iris import Iris
from isnad.resources import queries_dir

_XSD = "http://www.w3.org/2001/XMLSchema#"
PARAMETER_TYPES = {
    "entity": "an entity id (e.g. kataib-hezbollah) or a full IRI",
    "date": "an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)",
    "integer": "a whole number",
    "string": "a text (language-tagged, Arabic unless the parameter says otherwise)",
    "article": "an article id (its file name without extension)",
}
# Parameters every fact query accepts (declared with `facts: true` in the header).
FACT_PARAMETERS = (
    {"name": "as_of", "type": "date",
     "description": "Only claims from articles published on or before this date: the graph as it was known then."},
    {"name": "min_sources", "type": "integer",
     "description": "Only facts stated by at least this many independent sources (an outlet counts once, and "
                    "so does one wording reprinted by several outlets)."},
)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")
_ARTICLE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,200}$")
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATE_TYPES = {4: "gYear", 7: "gYearMonth", 10: "date"}
MAX_PARAMETERS = 20


class ParameterError(ValueError):
    """A parameter value does not fit its declared type; the message names the parameter and the type."""


class SavedQueryError(ValueError):
    """A saved query file is malformed, or no saved query has the asked name."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str = ""
    default: str | None = None
    example: str | None = None
    language: str = "ar"

    def to_term(self, value: str, iris: Iris, store: ox.Store) -> ox.NamedNode | ox.Literal:
        value = value.strip()
        expected = f"parameter '{self.name}' expects {PARAMETER_TYPES[self.type]}"
        if self.type == "entity":
            if _SLUG.match(value):
                return _entity_by_slug(iris, store, value, expected)
            if value.startswith(("http://", "https://")):
                try:
                    return ox.NamedNode(value)
                except ValueError:
                    pass
            raise ParameterError(f"{expected}, got {value!r}")
        if self.type == "article":
            if not _ARTICLE_ID.match(value):
                raise ParameterError(f"{expected}, got {value!r}")
            return iris.article(value)
        if self.type == "date":
            if not _ISO.match(value):
                raise ParameterError(f"{expected}, got {value!r}")
            try:
                date(int(value[:4]), int(value[5:7] or 1), int(value[8:10] or 1))
            except ValueError:
                raise ParameterError(f"{expected}, got {value!r} (no such date)") from None
            return ox.Literal(value, datatype=ox.NamedNode(_XSD + _DATE_TYPES[len(value)]))
        if self.type == "integer":
            if not re.fullmatch(r"[+-]?\d{1,12}", value):
                raise ParameterError(f"{expected}, got {value!r}")
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
        if len(value) > 500:
            raise ParameterError(f"parameter '{self.name}' is longer than 500 characters")
        return ox.Literal(value, language=self.language)


def _entity_by_slug(iris: Iris, store: ox.Store, slug: str, expected: str) -> ox.NamedNode:
    """An entity IRI from its id: entity IRIs carry a category (actor, place, process), so look up which
    one the store knows."""
    for category in ("actor", "place", "process"):
        candidate = ox.NamedNode(f"{iris.base}id/{category}/{slug}")
        if next(iter(store.quads_for_pattern(candidate, None, None)), None) is not None:
            return candidate
    raise ParameterError(f"{expected}: the graph has no entity with id {slug!r}")


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    text: str
    tags: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    facts: bool = False
    path: Path | None = field(default=None, compare=False)

    def metadata(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "tags": list(self.tags),
            "parameters": [
                {"name": p.name, "type": p.type, "description": p.description, "default": p.default,
                 "example": p.example, **({"language": p.language} if p.type == "string" else {})}
                for p in self.parameters
            ],
        }

    def bind(self, values: Mapping[str, str | None], iris: Iris, store: ox.Store) -> str:
        """The query text with every parameter bound (given value, else default, else UNDEF)."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise ParameterError(
                f"query '{self.name}' has no parameter '{unknown[0]}'; it takes: {', '.join(known) or 'none'}"
            )
        if not self.parameters:
            return self.text
        terms = []
        for parameter in self.parameters:
            value = values.get(parameter.name)
            if value is None or value == "":
                value = parameter.default
            terms.append("UNDEF" if value in (None, "") else str(parameter.to_term(str(value), iris, store)))
        names = " ".join(f"?{p.name}" for p in self.parameters)
        block = f" VALUES ({names}) {{ ({' '.join(terms)}) }} "
        return _WHERE.sub(lambda m: m.group(0) + block, self.text)


def parse_saved_query(text: str, name: str, path: Path | None = None) -> SavedQuery:
    header_lines = [line[3:] for line in text.splitlines() if line.startswith("#+ ") or line == "#+"]
    where = path or name
    try:
        header = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise SavedQueryError(f"{where}: the '#+' header is not valid YAML: {exc}") from None
    if not isinstance(header, dict) or not header.get("title"):
        raise SavedQueryError(f"{where}: the '#+' header needs at least a title")
    raw_parameters = list(header.get("params") or [])
    if header.get("facts"):
        raw_parameters += [dict(p) for p in FACT_PARAMETERS]
    parameters = []
    for raw in raw_parameters:
        if not isinstance(raw, dict) or raw.get("type") not in PARAMETER_TYPES or not raw.get("name"):
            raise SavedQueryError(f"{where}: each parameter needs a name and a type among {', '.join(PARAMETER_TYPES)}")
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", raw["name"]):
            raise SavedQueryError(f"{where}: parameter name {raw['name']!r} must be lowercase letters, digits, _")
        parameters.append(Parameter(
            name=raw["name"], type=raw["type"], description=str(raw.get("description", "")),
            default=None if raw.get("default") is None else str(raw["default"]),
            example=None if raw.get("example") is None else str(raw["example"]),
            language=str(raw.get("language", "ar")),
        ))
    if len(parameters) > MAX_PARAMETERS:
        raise SavedQueryError(f"{where}: more than {MAX_PARAMETERS} parameters")
    for parameter in parameters:
        if f"?{parameter.name}" not in text.split("\n", len(header_lines))[-1]:
            raise SavedQueryError(f"{where}: parameter '{parameter.name}' is declared but ?{parameter.name} "
                                  "is not used in the query")
    return SavedQuery(
        name=name, title=str(header["title"]), description=str(header.get("description", "")).strip(),
        text=text, tags=tuple(str(t) for t in header.get("tags") or ()), parameters=tuple(parameters),
        facts=bool(header.get("facts")), path=path,
    )


@lru_cache(maxsize=4)
def load_saved_queries(directory: Path | None = None) -> dict[str, SavedQuery]:
    folder = Path(directory) if directory else queries_dir()
    queries = {}
    for path in sorted(folder.glob("*.rq")):
        queries[path.stem] = parse_saved_query(path.read_text(encoding="utf-8"), path.stem, path)
    return queries


def get_saved_query(name: str, directory: Path | None = None) -> SavedQuery:
    queries = load_saved_queries(directory)
    if name not in queries:
        raise SavedQueryError(f"no saved query named {name!r}; 'isnad queries list' shows them")
    return queries[name]

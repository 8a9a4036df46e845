"""SPARQL CONSTRUCT rules (ontology/rules/*.rq): inferences OWL 2 RL cannot state, with their premises.

A rule file is a header of `# key: value` comment lines followed by one query of the form
`PREFIX … CONSTRUCT { triple patterns } WHERE { … }`. Header keys: label@en, label@ar, derives, why
(what it derives and why an analyst wants it; a value may continue on indented comment lines) and stratum:
1 for monotonic rules, run to a fixpoint together with the OWL closure; 2 for rules with a negation
(FILTER NOT EXISTS), run once after that fixpoint.

Premises: a rule is evaluated as `SELECT DISTINCT * WHERE { … }` with pyoxigraph (DISTINCT: over a store's
union of graphs, a triple stated by several claims matches once per claim); for each solution, the triple
patterns of its WHERE clause outside negations, instantiated with the solution and present in the graph,
are the premises of the conclusions (a UNION contributes the branch that matched).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, URIRef, Variable
from rdflib import Literal as RdfLiteral
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue

from isnad.graph.iris import ISNAD
from isnad.graph.reasoning_keep import is_kept_iri_triple

_HEADER = re.compile(r"^#\s*([A-Za-z@]+):\s?(.*)$")
_CONTINUATION = re.compile(r"^#\s{2,}(.*)$")
_CONSTRUCT = re.compile(r"CONSTRUCT\s*\{[^{}]*\}\s*WHERE", re.IGNORECASE | re.DOTALL)
_HEADER_KEYS = ("label@en", "label@ar", "derives", "why", "stratum")

Pattern = tuple[object, object, object]  # rdflib Variable or pyoxigraph term in each position


class RuleError(ValueError):
    """A rule file is malformed; the message names the file and what to fix."""


@dataclass(frozen=True)
class SparqlRule:
    name: str
    path: str
    label_en: str
    label_ar: str
    derives: str
    why: str
    stratum: int
    query: str
    select: str
    template: tuple[Pattern, ...]
    premises: tuple[Pattern, ...]
    # Whether the WHERE clause has a sub-select. Its result does not depend on the restriction (it is evaluated
    # whole, whatever the constants outside it), so such a rule is restricted by a few VALUES blocks rather
    # than by one query per triple; and its variables could not be written as constants anyway.
    has_subselect: bool = False

    @property
    def iri(self) -> ox.NamedNode:
        return rule_iri(self.name)


def rule_iri(name: str) -> ox.NamedNode:
    """The individual naming a rule: isnad:rule-<OWL 2 RL id or rule file name>."""
    return ox.NamedNode(f"{ISNAD}rule-{name}")


def _to_ox(term: object) -> object:
    if isinstance(term, Variable):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise RuleError(f"unsupported term {term!r} in a rule (blank nodes are not allowed)")


def _positive_patterns(node: object) -> Iterator[tuple]:
    """Triple patterns of the WHERE clause that must match (BGPs under joins, unions, optionals, filters'
    inner patterns — but never inside a filter expression such as NOT EXISTS, nor inside a sub-select, whose
    patterns are about other nodes than the solution's, e.g. every member of a series for its maximum)."""
    if not isinstance(node, CompValue) or node.name == "ToMultiSet":
        return
    if node.name == "BGP":
        yield from node.triples
        return
    for key in ("p", "p1", "p2"):
        if key in node:
            yield from _positive_patterns(node[key])


def _has_subselect(node: object) -> bool:
    if not isinstance(node, CompValue):
        return False
    return node.name == "ToMultiSet" or any(_has_subselect(node[key]) for key in ("p", "p1", "p2") if key in node)


def parse_rule(path: Path) -> SparqlRule:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        continuation = _CONTINUATION.match(line)
        match = _HEADER.match(line)
        if continuation and last:
            header[last] += " " + continuation.group(1).strip()
        elif match:
            last = match.group(1)
            header[last] = match.group(2).strip()
    missing = [key for key in _HEADER_KEYS if not header.get(key)]
    if missing:
        raise RuleError(f"{path.name}: header lacks {', '.join(missing)} (each rule says what it derives and why)")
    if not _CONSTRUCT.search(text):
        raise RuleError(f"{path.name}: expected 'CONSTRUCT {{ triple patterns }} WHERE {{ … }}'")
    try:
        algebra = prepareQuery(text).algebra
    except Exception as exc:  # rdflib raises pyparsing errors of several kinds
        raise RuleError(f"{path.name}: not valid SPARQL: {exc}") from exc
    if algebra.name != "ConstructQuery":
        raise RuleError(f"{path.name}: a rule must be a CONSTRUCT query")
    template = tuple(tuple(_to_ox(t) for t in triple) for triple in algebra.template)
    for s, p, o in template:
        if isinstance(p, Variable) or isinstance(s, (RdfLiteral, BNode)):
            raise RuleError(f"{path.name}: a conclusion needs a fixed predicate and a node subject")
        if not is_kept_iri_triple(p.value, o.value if isinstance(o, ox.NamedNode) else None):
            raise RuleError(f"{path.name}: conclusion with {p} is not in the project's vocabularies")
    premises = tuple(dict.fromkeys(tuple(_to_ox(t) for t in triple) for triple in _positive_patterns(algebra.p)))
    stratum = int(header["stratum"])
    if stratum not in (1, 2):
        raise RuleError(f"{path.name}: stratum must be 1 (monotonic) or 2 (with a negation)")
    return SparqlRule(
        name=path.stem, path=str(path), label_en=header["label@en"], label_ar=header["label@ar"],
        derives=header["derives"], why=header["why"], stratum=stratum, query=text,
        select=_CONSTRUCT.sub("SELECT DISTINCT * WHERE", text, count=1), template=template, premises=premises,
        has_subselect=_has_subselect(algebra.p),
    )


@cache
def _packaged_rules() -> tuple[SparqlRule, ...]:
    directory = files("isnad.ontology").joinpath("rules")
    return tuple(parse_rule(Path(str(entry))) for entry in sorted(directory.iterdir(), key=lambda e: e.name)
                 if entry.name.endswith(".rq"))


def load_rules(directory: Path | None = None) -> tuple[SparqlRule, ...]:
    """The packaged rules (ontology/rules/*.rq), or those of `directory`, sorted by file name."""
    if directory is None:
        return _packaged_rules()
    return tuple(parse_rule(path) for path in sorted(Path(directory).glob("*.rq")))


def _bind(pattern: Pattern, solution: ox.QuerySolution, constants: dict[str, object]) -> tuple | None:
    bound = []
    for term in pattern:
        if isinstance(term, Variable):
            name = str(term)
            value = constants[name] if name in constants else solution[name]
            if value is None:
                return None
            bound.append(value)
        else:
            bound.append(term)
    return tuple(bound)


def evaluate(rule: SparqlRule, store: ox.Store, select: str | None = None,
             holds: Callable[[tuple], bool] | None = None, constants: dict[str, object] | None = None,
             **options: object) -> Iterator[tuple[list[tuple], list[tuple]]]:
    """(conclusions, premises) of each solution of the rule (or of `select`, a restricted form of it, with
    `constants` written in place of some variables) over the store's default graph; premises are the
    instantiated patterns that hold (in the store, or by `holds`)."""
    constants = constants or {}
    if holds is None:
        def holds(triple: tuple) -> bool:
            return ox.Quad(*triple, ox.DefaultGraph()) in store
    for solution in store.query(select or rule.select, **options):
        conclusions = [t for t in (_bind(p, solution, constants) for p in rule.template) if t is not None]
        premises = []
        for pattern in rule.premises:
            triple = _bind(pattern, solution, constants)
            if triple is not None and holds(triple):
                premises.append(triple)
        yield conclusions, premises


def _match(pattern: Pattern, triple: tuple) -> dict[str, object] | None:
    """The variable bindings under which a triple pattern matches a triple, or None."""
    binding: dict[str, object] = {}
    for part, value in zip(pattern, triple, strict=True):
        if isinstance(part, Variable):
            if isinstance(value, ox.BlankNode) or binding.setdefault(str(part), value) != value:
                return None  # a blank node cannot be written in VALUES; the rules never match the schema's
        elif part != value:
            return None
    return binding


def restricted_selects(rule: SparqlRule, triples: Iterable[tuple] | dict[object, list[tuple]],
                       patterns: Iterable[Pattern] | None = None, chunk: int = 300
                       ) -> Iterator[tuple[str, dict[str, object]]]:
    """Semi-naive evaluation: the rule's query with one premise pattern (or one of `patterns`, e.g. the
    template's) bound to the given triples, for each pattern that some of them match; yields (query, the
    constants written into it). Every solution that uses one of the triples as a premise is a solution of one
    of these queries, and each of their solutions is one of the rule's. `triples` may come grouped by
    predicate (by_predicate).

    Each triple's terms are written into the query in place of the pattern's variables, one query per
    triple: pyoxigraph plans a pattern with constants as an index lookup, whereas a VALUES block (or its
    `substitutions`) is joined after the other patterns are evaluated, which costs what the whole store
    matches. A rule with a sub-select, or a pattern whose variable a BIND also sets, is restricted by VALUES
    blocks of `chunk` rows instead."""
    grouped = triples if isinstance(triples, dict) else by_predicate(triples)
    opening = rule.select.index("{", rule.select.upper().index("SELECT DISTINCT * WHERE")) + 1
    for pattern in rule.premises if patterns is None else patterns:
        candidates = grouped.get(pattern[1], ()) if not isinstance(pattern[1], Variable) else \
            [t for group in grouped.values() for t in group]
        rows = list(dict.fromkeys(tuple(b.items()) for b in (_match(pattern, t) for t in candidates) if b))
        if not rows:
            continue
        names = [name for name, _ in rows[0]]
        if not rule.has_subselect and not any(re.search(rf"\bAS\s+[?$]{name}\b", rule.select, re.I)
                                              for name in names):
            for row in rows:
                select = rule.select
                for name, value in row:
                    select = re.sub(rf"[?$]{name}\b", lambda _, value=value: str(value), select)
                yield select, dict(row)
            continue
        for start in range(0, len(rows), chunk):
            values = " ".join("(" + " ".join(str(v) for _, v in row) + ")" for row in rows[start:start + chunk])
            header = f" VALUES ({' '.join('?' + n for n in names)}) {{ {values} }} "
            yield rule.select[:opening] + header + rule.select[opening:], {}


def by_predicate(triples: Iterable[tuple]) -> dict[object, list[tuple]]:
    grouped: dict[object, list[tuple]] = {}
    for triple in triples:
        grouped.setdefault(triple[1], []).append(triple)
    return grouped

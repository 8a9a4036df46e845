"""`isnad explain S P O`: how the graph knows a triple, down to the articles and their Arabic quotes.

    resolve_term(store, iris, text)            an IRI, a prefixed name, a bare ontology term or a label
    explain(store, iris, s, p, o)              -> ExplanationTree, with .to_text() and .to_json()

A triple is shown with every way it is known: the claims that state it (article id, publication date and
the quote; or the curated source and its note) and the derivations recorded in the explanations graph
(rule, axiom, premises), each premise explained the same way, recursively.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from isnad.graph.iris import PREFIXES, Iris, term, vocab
from isnad.graph.reasoning import NOT_ASSERTED, statement_iri
from isnad.graph.reasoning_engine import (
    DOMAIN,
    EQUIVALENT_CLASS,
    EQUIVALENT_PROPERTY,
    INVERSE_OF,
    RANGE,
    SUBCLASS,
    SUBPROPERTY,
    SYMMETRIC,
    TYPE,
)
from isnad.graph.reasoning_rules import rule_iri

_LABELS = (vocab("skos", "prefLabel"), vocab("skos", "altLabel"), vocab("rdfs", "label"))
_MAX_DEPTH = 25
_MAX_ONE_STEP = 3  # one-step derivations shown for a triple (a type often follows from many)


class ExplainError(ValueError):
    """The triple or a term cannot be found or is ambiguous; the message says what to type instead."""


# --------------------------------------------------------------------------------------------------------
# Terms
# --------------------------------------------------------------------------------------------------------

def _normalized(text: str) -> str:
    try:
        from isnad.loaders.normalize import normalize_term
    except ImportError:  # the Arabic normalizer is optional here: exact matching still works
        return text.strip().casefold()
    return normalize_term(text).casefold()


def resolve_term(store: ox.Store, iris: Iris, text: str, *, position: str = "term") -> ox.NamedNode | ox.Literal:
    """A term from what a user typed: <IRI>, a full IRI, a prefixed name (isnad:backedBy), a bare name of an
    ontology term (backedBy), a literal in N-Triples form ("2024"^^xsd:gYear), or a label (@ar or @en)."""
    text = text.strip()
    if not text:
        raise ExplainError(f"empty {position}")
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    if text.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(text)
    if text.startswith('"'):
        for prefix, namespace in PREFIXES.items():
            text = text.replace(f"^^{prefix}:", f"^^<{namespace}").replace(f"^^<{namespace}", f"^^<{namespace}", 1)
        literal = text
        if "^^<" in literal and not literal.endswith(">"):
            literal += ">"
        try:
            return next(iter(ox.parse(f"<urn:s> <urn:p> {literal} .", format=ox.RdfFormat.N_TRIPLES))).object
        except (SyntaxError, StopIteration, ValueError) as exc:
            raise ExplainError(f"cannot read the literal {text!r} of the {position}: {exc}") from None
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and " " not in text:
        return ox.NamedNode(PREFIXES[prefix] + local)
    if colon and prefix == "base":
        return ox.NamedNode(iris.base + local)
    if " " not in text and text.isascii():
        candidate = term(text)
        if (next(store.quads_for_pattern(candidate, None, None, iris.graph("ontology")), None) is not None
                or next(store.quads_for_pattern(None, candidate, None, None), None) is not None
                or next(store.quads_for_pattern(None, None, candidate, None), None) is not None):
            return candidate
    return _by_label(store, text, position)


def _by_label(store: ox.Store, text: str, position: str) -> ox.NamedNode:
    wanted = _normalized(text)
    exact: set[ox.NamedNode] = set()
    loose: set[ox.NamedNode] = set()
    for predicate in _LABELS:
        for quad in store.quads_for_pattern(None, predicate, None, None):
            if not isinstance(quad.subject, ox.NamedNode) or not isinstance(quad.object, ox.Literal):
                continue
            if quad.object.value == text:
                exact.add(quad.subject)
            elif _normalized(quad.object.value) == wanted:
                loose.add(quad.subject)
    found = exact or loose
    if len(found) == 1:
        return next(iter(found))
    if not found:
        raise ExplainError(f"no entity or term is labelled {text!r} (the {position}); give an IRI, a prefixed "
                           "name such as isnad:backedBy, or a label as the graph writes it")
    options = ", ".join(sorted(f"<{n.value}>" for n in found)[:8])
    raise ExplainError(f"the label {text!r} (the {position}) names {len(found)} things: {options}; give the IRI")


# --------------------------------------------------------------------------------------------------------
# The tree
# --------------------------------------------------------------------------------------------------------

@dataclass
class Source:
    """A named graph stating a triple: an extracted claim, a curated claim, or the ontology."""

    graph: str
    kind: str  # "article", "curated" or "ontology"
    article_id: str | None = None
    published: str | None = None
    quote: str | None = None
    source_label: str | None = None
    note: str | None = None

    def to_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Derivation:
    rule: str
    rule_label: str
    axiom: str | None
    premises: list[ExplanationTree] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"rule": self.rule, "rule_label": self.rule_label, "axiom": self.axiom,
                "premises": [p.to_json() for p in self.premises]}


@dataclass
class ExplanationTree:
    subject: str
    predicate: str
    object: str
    text: str  # the triple with labels, for people
    sources: list[Source] = field(default_factory=list)
    derivations: list[Derivation] = field(default_factory=list)
    inferred: bool = False  # in the inferred graph
    shown_above: bool = False  # a premise already explained higher in the tree (or a cycle)

    def to_json(self) -> dict:
        return {"subject": self.subject, "predicate": self.predicate, "object": self.object, "text": self.text,
                "inferred": self.inferred, "shown_above": self.shown_above,
                "sources": [s.to_json() for s in self.sources],
                "derivations": [d.to_json() for d in self.derivations]}

    def to_text(self) -> str:
        lines: list[str] = []
        self._lines(lines, "", "")
        return "\n".join(lines)

    def _lines(self, lines: list[str], first: str, rest: str) -> None:
        mark = " (inferred)" if self.inferred else ""
        lines.append(f"{first}{self.text}{mark}" + ("  [explained above]" if self.shown_above else ""))
        children: list[tuple[str, object]] = [("source", s) for s in self.sources]
        children += [("derivation", d) for d in self.derivations]
        for index, (kind, child) in enumerate(children):
            last = index == len(children) - 1
            head, tail = (rest + ("└─ " if last else "├─ "), rest + ("   " if last else "│  "))
            if kind == "source":
                lines.append(head + _source_text(child))  # type: ignore[arg-type]
                if child.quote:  # type: ignore[union-attr]
                    lines.append(tail + f"«{child.quote}»")  # type: ignore[union-attr]
                continue
            derivation: Derivation = child  # type: ignore[assignment]
            lines.append(head + f"derived by {derivation.rule_label}"
                         + (f" from axiom {derivation.axiom}" if derivation.axiom else ""))
            for p_index, premise in enumerate(derivation.premises):
                p_last = p_index == len(derivation.premises) - 1
                premise._lines(lines, tail + ("└─ " if p_last else "├─ "), tail + ("   " if p_last else "│  "))


def _source_text(source: Source) -> str:
    if source.kind == "article":
        date = f", published {source.published}" if source.published else ""
        return f"stated in article {source.article_id}{date} (claim <{source.graph}>)"
    if source.kind == "curated":
        note = f": {source.note}" if source.note else ""
        return f"stated by curated source {source.source_label or ''} (claim <{source.graph}>){note}"
    return f"stated in <{source.graph}>"


class _Explainer:
    def __init__(self, store: ox.Store, iris: Iris) -> None:
        self.store = store
        self.iris = iris
        self.explanations = iris.graph("explanations")
        self.provenance = iris.graph("provenance")
        self.skipped = {iris.graph(name) for name in NOT_ASSERTED}
        self.shown: set[tuple] = set()

    def one(self, s: object, p: object, g: object):
        return next((q.object for q in self.store.quads_for_pattern(s, p, None, g)), None)

    def label(self, node: object) -> str:
        if isinstance(node, ox.Literal):
            return f'"{node.value}"' + (f"@{node.language}" if node.language else "")
        if not isinstance(node, ox.NamedNode):
            return str(node)
        for prefix, namespace in PREFIXES.items():
            if node.value.startswith(namespace) and prefix in ("isnad", "rdf", "rdfs", "owl", "skos", "org",
                                                                 "prov", "schema", "sem", "dcterms"):
                return f"{prefix}:{node.value[len(namespace):]}"
        for language in ("en", "ar"):
            for predicate in _LABELS:
                for quad in self.store.quads_for_pattern(node, predicate, None, None):
                    if isinstance(quad.object, ox.Literal) and quad.object.language == language:
                        return quad.object.value
        return f"<{node.value}>"

    def sources(self, s: object, p: object, o: object) -> list[Source]:
        found = []
        for quad in self.store.quads_for_pattern(s, p, o, None):
            graph = quad.graph_name
            if not isinstance(graph, ox.NamedNode) or graph in self.skipped:
                continue
            found.append(self.source(graph))
        return sorted(found, key=lambda x: (x.kind != "article", x.article_id or "", x.graph))

    def source(self, graph: ox.NamedNode) -> Source:
        kind = self.iris.graph_kind(graph.value)
        article = self.one(graph, term("fromArticle"), self.provenance)
        if kind == "claim" and article is not None:
            evidence = self.one(graph, term("evidence"), self.provenance)
            quote = self.one(evidence, term("quote"), self.provenance) if evidence is not None else None
            article_id = self.one(article, vocab("dcterms", "identifier"), None)
            published = self.one(article, vocab("schema", "datePublished"), None)
            return Source(graph.value, "article", article_id.value if article_id else article.value.rsplit("/", 1)[-1],
                          published.value if published else None, quote.value if quote else None)
        curated = self.one(graph, term("fromSource"), self.provenance)
        if kind == "claim" and curated is not None:
            label = self.one(curated, vocab("rdfs", "label"), None)
            note = self.one(graph, vocab("rdfs", "comment"), self.provenance)
            return Source(graph.value, "curated", source_label=label.value if label else curated.value,
                          note=note.value if note else None)
        return Source(graph.value, "ontology")

    def axiom_text(self, node: ox.NamedNode) -> str:
        s = self.one(node, vocab("rdf", "subject"), self.explanations)
        p = self.one(node, vocab("rdf", "predicate"), self.explanations)
        o = self.one(node, vocab("rdf", "object"), self.explanations)
        if p is not None and p.value.endswith("propertyChainAxiom"):
            members = []
            while o is not None and o != vocab("rdf", "nil"):
                members.append(self.label(self.one(o, vocab("rdf", "first"), self.explanations)))
                o = self.one(o, vocab("rdf", "rest"), self.explanations)
            return f"{' ∘ '.join(members)} ⊑ {self.label(s)} (owl:propertyChainAxiom)"
        return f"{self.label(s)} {self.label(p)} {self.label(o)}"

    def tree(self, s: object, p: object, o: object, depth: int = 0) -> ExplanationTree:
        node = statement_iri(self.iris, s, p, o)
        inferred = ox.Quad(s, p, o, self.iris.graph("inferred")) in self.store
        tree = ExplanationTree(str(s.value if isinstance(s, ox.NamedNode) else s), p.value,
                               o.value if isinstance(o, ox.NamedNode) else str(o),
                               f"{self.label(s)} —{self.label(p)}→ {self.label(o)}", inferred=inferred)
        key = (s, p, o)
        if key in self.shown or depth > _MAX_DEPTH:
            tree.shown_above = True
            return tree
        self.shown.add(key)
        tree.sources = self.sources(s, p, o)
        derivations = sorted(q.object for q in self.store.quads_for_pattern(node, term("derivation"), None,
                                                                              self.explanations))
        for derivation in derivations:
            rule = self.one(derivation, term("byRule"), self.explanations)
            axiom = self.one(derivation, term("usesAxiom"), self.explanations)
            result = Derivation(rule.value if rule else "", self.rule_label(rule),
                                self.axiom_text(axiom) if axiom is not None else None)
            premises = [q.object for q in self.store.quads_for_pattern(derivation, term("premise"), None,
                                                                        self.explanations)]
            triples = []
            for premise in premises:
                ps = self.one(premise, vocab("rdf", "subject"), self.explanations)
                pp = self.one(premise, vocab("rdf", "predicate"), self.explanations)
                po = self.one(premise, vocab("rdf", "object"), self.explanations)
                if ps is not None and pp is not None and po is not None:
                    triples.append((ps, pp, po))
            for triple in _ordered(triples, s):
                result.premises.append(self.tree(*triple, depth=depth + 1))
            tree.derivations.append(result)
        if inferred and not derivations:
            for rule, axiom, premise in self.one_step(s, p, o):
                tree.derivations.append(Derivation(rule.value, self.rule_label(rule), axiom,
                                                   [self.tree(*premise, depth=depth + 1)]))
        return tree

    def holds(self, s: object, p: object, o: object) -> bool:
        return any(q.graph_name != self.explanations for q in self.store.quads_for_pattern(s, p, o, None))

    def first(self, s: object, p: object, o: object) -> tuple | None:
        """A triple of the pattern that holds (stated or inferred), if any."""
        for quad in self.store.quads_for_pattern(s, p, o, None):
            if quad.graph_name != self.explanations:
                return quad.subject, quad.predicate, quad.object
        return None

    def one_step(self, s: object, p: object, o: object) -> list[tuple[ox.NamedNode, str, tuple]]:
        """The one-premise derivations by a schema axiom that the explanations graph leaves out
        (reasoning.ONE_STEP_RULES): (rule, axiom as text, premise), premises stated before inferred ones."""
        ontology = self.iris.graph("ontology")

        def axioms(subject: object, predicate: ox.NamedNode, obj: object) -> list[ox.Quad]:
            return list(self.store.quads_for_pattern(subject, predicate, obj, ontology))

        found: list[tuple[str, tuple, tuple | None]] = []
        if p == TYPE and isinstance(o, ox.NamedNode):
            found += [("cax-sco", a, (s, TYPE, a.subject)) for a in axioms(None, SUBCLASS, o)]
            found += [("cax-eqc1", a, (s, TYPE, a.subject)) for a in axioms(None, EQUIVALENT_CLASS, o)]
            found += [("cax-eqc2", a, (s, TYPE, a.object)) for a in axioms(o, EQUIVALENT_CLASS, None)]
            found += [("prp-dom", a, self.first(s, a.subject, None)) for a in axioms(None, DOMAIN, o)]
            found += [("prp-rng", a, self.first(None, a.subject, s)) for a in axioms(None, RANGE, o)]
        elif isinstance(o, ox.NamedNode | ox.BlankNode):
            found += [("prp-spo1", a, (s, a.subject, o)) for a in axioms(None, SUBPROPERTY, p)]
            found += [("prp-eqp1", a, (s, a.subject, o)) for a in axioms(None, EQUIVALENT_PROPERTY, p)]
            found += [("prp-eqp2", a, (s, a.object, o)) for a in axioms(p, EQUIVALENT_PROPERTY, None)]
            found += [("prp-inv1", a, (o, a.subject, s)) for a in axioms(None, INVERSE_OF, p)]
            found += [("prp-inv2", a, (o, a.object, s)) for a in axioms(p, INVERSE_OF, None)]
            found += [("prp-symp", a, (o, p, s)) for a in axioms(p, TYPE, SYMMETRIC)]
        else:
            found += [("prp-spo1", a, (s, a.subject, o)) for a in axioms(None, SUBPROPERTY, p)]
            found += [("prp-eqp1", a, (s, a.subject, o)) for a in axioms(None, EQUIVALENT_PROPERTY, p)]
            found += [("prp-eqp2", a, (s, a.object, o)) for a in axioms(p, EQUIVALENT_PROPERTY, None)]
        held = [(rule, axiom, premise) for rule, axiom, premise in found
                if premise is not None and premise != (s, p, o) and self.holds(*premise)]
        held.sort(key=lambda item: (not any(g != self.iris.graph("inferred") for g in self.graphs(*item[2])),
                                    item[0], str(item[2])))
        return [(rule_iri(rule), f"{self.label(a.subject)} {self.label(a.predicate)} {self.label(a.object)}",
                 premise) for rule, a, premise in held[:_MAX_ONE_STEP]]

    def graphs(self, s: object, p: object, o: object) -> list[object]:
        return [q.graph_name for q in self.store.quads_for_pattern(s, p, o, None)]

    def rule_label(self, rule: object) -> str:
        if rule is None:
            return "an unknown rule"
        labels = [q.object for q in self.store.quads_for_pattern(rule, vocab("rdfs", "label"), None, None)
                  if isinstance(q.object, ox.Literal)]
        english = [label.value for label in labels if label.language == "en"]
        return f"rule {english[0]}" if english else f"rule <{rule.value}>"


def _ordered(triples: list[tuple], subject: object) -> list[tuple]:
    """Premises in reading order: a chain starts at the conclusion's subject and follows objects."""
    ordered, remaining, at = [], list(triples), subject
    while remaining:
        following = next((t for t in remaining if t[0] == at), None)
        if following is None:
            ordered.extend(sorted(remaining, key=lambda t: (str(t[1]), str(t[0]), str(t[2]))))
            break
        ordered.append(following)
        remaining.remove(following)
        at = following[2]
    return ordered


def explain(store: ox.Store, iris: Iris, s: object, p: object, o: object) -> ExplanationTree:
    """The derivation tree of a triple (terms as pyoxigraph terms, or text for resolve_term)."""
    s = resolve_term(store, iris, s, position="subject") if isinstance(s, str) else s
    p = resolve_term(store, iris, p, position="predicate") if isinstance(p, str) else p
    o = resolve_term(store, iris, o, position="object") if isinstance(o, str) else o
    if not isinstance(p, ox.NamedNode):
        raise ExplainError(f"the predicate must be an IRI, not {p}")
    if next(store.quads_for_pattern(s, p, o, None), None) is None:
        raise ExplainError(f"the graph holds no triple {s} {p} {o}, neither stated nor inferred")
    if next(store.quads_for_pattern(None, None, None, iris.graph("explanations")), None) is None:
        raise ExplainError("this store has no explanations graph; rebuild it with reasoning on")
    return _Explainer(store, iris).tree(s, p, o)

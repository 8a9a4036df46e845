"""Which inferred triples are kept: the ones an analyst can use.

An OWL 2 RL closure is mostly axiomatic noise: every node typed owl:Thing, every node owl:sameAs itself,
every literal typed with its datatype, every class a subclass of itself, schema shortcuts. What is kept is
a triple whose subject is an IRI and whose

  * predicate is rdf:type and object a class of the project's ontology or an aligned vocabulary, or
  * predicate is a property of the project's ontology or an aligned vocabulary (object an IRI or literal).

Dropped, and documented in docs/reasoning.md: typings with rdf:, rdfs:, owl: or xsd: classes (owl:Thing,
rdfs:Resource, owl:Class, owl:ObjectProperty, literal datatypes); every triple whose predicate is an
rdf:, rdfs: or owl: term (owl:sameAs including the reflexive ones, rdfs:subClassOf/subPropertyOf
closure, owl:equivalentClass, list cells); triples whose subject is a literal or a blank node, and triples
whose object is a blank node (schema lists and restrictions).
"""

from __future__ import annotations

from isnad.graph.iris import PREFIXES

KEPT_NAMESPACES: tuple[str, ...] = tuple(PREFIXES[name] for name in (
    "isnad", "prov", "org", "schema", "sem", "skos", "dcterms"))
RDF_TYPE = PREFIXES["rdf"] + "type"


def is_kept_iri_triple(predicate: str, object_iri: str | None) -> bool:
    """For a triple with an IRI subject: `object_iri` is the object's IRI, or None for a literal."""
    if predicate == RDF_TYPE:
        return object_iri is not None and object_iri.startswith(KEPT_NAMESPACES)
    return predicate.startswith(KEPT_NAMESPACES)

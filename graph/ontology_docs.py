"""HTML documentation of the Isnad ontology, generated with pyLODE: self-contained (inline CSS) and cached."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib.resources import files

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

ONTOLOGY_IRI = "https://isnad.example.org/ontology"
ISNAD_NS = ONTOLOGY_IRI + "#"


@contextmanager
def _root_logging_preserved() -> Iterator[None]:
    """Run pyLODE without letting it reconfigure logging.

    pyLODE 3.3.4 calls logging.basicConfig(level=DEBUG) when imported (pylode/profiles/supermodel/loader.py)
    and logs through the root logger (which calls basicConfig again), which would make every library in the
    server log at DEBUG to stderr; the root logger is put back as it was."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    # With a handler in place, basicConfig() does nothing; the NullHandler also keeps pyLODE's INFO lines quiet.
    quiet = logging.NullHandler()
    root.addHandler(quiet)
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def _label(graph: Graph, node: URIRef, language: str) -> str | None:
    for label in graph.objects(node, RDFS.label):
        if isinstance(label, Literal) and label.language == language:
            return str(label)
    return None


def documentation_graph() -> Graph:
    """The ontology as pyLODE should see it.

    Two changes from isnad.ttl: (1) the declarations of external terms (prov:, org:, schema:, …) are left
    out, because pyLODE would document them as if they were ours and give org:Organization the same HTML
    anchor as isnad:Organization; links to them from our terms remain. So are the SKOS concept schemes, which
    pyLODE would take for the document's title. (2) each term's English and Arabic
    rdfs:labels become one title "English — عربي", since pyLODE would otherwise run them together."""
    source = Graph().parse(data=files("isnad.ontology").joinpath("isnad.ttl").read_text("utf-8"), format="turtle")
    doc = Graph()
    for prefix, namespace in source.namespaces():
        doc.bind(prefix, namespace)
    schemes = set(source.subjects(RDF.type, SKOS.ConceptScheme))
    for s, p, o in source:
        ours = isinstance(s, BNode) or str(s).startswith(ISNAD_NS) or str(s) == ONTOLOGY_IRI
        if not ours or s in schemes or p == RDFS.label or (str(s) == ONTOLOGY_IRI and p == DCTERMS.title):
            continue
        doc.add((s, p, o))
    for subject in {s for s in source.subjects(RDFS.label, None) if str(s).startswith(ISNAD_NS)}:
        parts = [x for x in (_label(source, subject, "en"), _label(source, subject, "ar")) if x]
        if parts:
            doc.add((subject, RDFS.label, Literal(" — ".join(parts))))
    titles = {t.language: str(t) for t in source.objects(URIRef(ONTOLOGY_IRI), DCTERMS.title)}
    title = " — ".join(t for t in (titles.get("en"), titles.get("ar")) if t)
    doc.add((URIRef(ONTOLOGY_IRI), DCTERMS.title, Literal(title)))
    return doc


@lru_cache(maxsize=1)
def ontology_html() -> str:
    """The ontology's documentation page (about 2 s to build the first time, then cached for the process).

    Works offline: pyLODE inlines its CSS, its favicons are data: URIs and its background vocabularies ship
    with the package."""
    with _root_logging_preserved():
        from pylode import OntPub

        return OntPub(ontology=documentation_graph()).make_html(include_css=True)

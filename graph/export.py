"""Dumps of the whole dataset in the common RDF syntaxes."""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox

from isnad.graph.iris import PREFIXES

# Quad formats keep every named graph (claims, provenance); triple formats give the union of all graphs.
QUAD_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
TRIPLE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
DUMP_FORMATS = (*QUAD_FORMATS, *TRIPLE_FORMATS)

_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def dump(store: ox.Store, format_name: str, output: BinaryIO) -> None:
    if format_name in QUAD_FORMATS:
        rdf_format = QUAD_FORMATS[format_name]
        prefixes = PREFIXES if rdf_format is ox.RdfFormat.TRIG else None
        store.dump(output, format=rdf_format, prefixes=prefixes)
    elif format_name in TRIPLE_FORMATS:
        store.query(_UNION).serialize(output, format=TRIPLE_FORMATS[format_name])
    else:
        raise ValueError(f"unknown dump format {format_name!r}; use one of {', '.join(DUMP_FORMATS)}")

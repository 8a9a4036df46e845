"""The HTTP server: SPARQL endpoint, entity pages, exports and the exploration UI."""

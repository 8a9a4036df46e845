"""Data package: the Isnad ontology (isnad.ttl), SHACL shapes, rules and the curated gazetteer."""

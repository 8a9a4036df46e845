"""Data package: saved SPARQL queries (.rq files with a metadata header)."""

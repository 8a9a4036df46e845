"""The graph layer: store, IRIs, claims and provenance, reasoning, validation, export."""

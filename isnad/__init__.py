"""Isnad: an evidence-backed knowledge graph of the US–Iraq security relationship, built from Arabic news."""

__version__ = "0.1.0"

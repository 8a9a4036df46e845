"""Where the data that ships inside the package lives (works for both editable and regular installs)."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def _package_dir(package: str) -> Path:
    # Data packages are plain directories on disk in every install mode we support.
    with as_file(files(package)) as path:
        return Path(path)


def ontology_path(name: str = "isnad.ttl") -> Path:
    return _package_dir("isnad.ontology") / name


def queries_dir() -> Path:
    return _package_dir("isnad.queries")


def bundled_corpus_dir() -> Path:
    return _package_dir("isnad.corpus")

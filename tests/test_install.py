"""A fresh virtual environment: `pip install .` (a regular, non-editable install), then the installed
`isnad` command works from another directory with the package data it ships."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_pip_install_then_build_and_query_from_elsewhere(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run([python, "-m", "pip", "install", "--quiet", str(REPO)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    isnad = env_dir / "bin" / "isnad"
    store = tmp_path / "store"
    built = subprocess.run([isnad, "build", "--store", str(store)], cwd=elsewhere,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    queried = subprocess.run(
        [isnad, "query", "--store", str(store), "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
         "--format", "json"],
        cwd=elsewhere, capture_output=True, text=True, timeout=120)
    assert queried.returncode == 0, queried.stderr
    assert int(json.loads(queried.stdout)["results"]["bindings"][0]["n"]["value"]) > 0
    # The installed package is the one in the venv, not this checkout.
    where = subprocess.run([python, "-c", "import isnad.graph.store as m; print(m.__file__)"],
                           cwd=elsewhere, capture_output=True, text=True)
    assert str(env_dir) in where.stdout, where.stdout
    assert sys.prefix != str(env_dir)
    # The package data the server and the reasoner need came along: templates, vendored UI assets, rules.
    installed = Path(where.stdout.strip()).parent.parent
    for part in ("server/templates/home.html", "server/static/vendor/yasgui/yasgui.min.js",
                 "server/static/vendor/cytoscape/cytoscape.min.js", "ontology/rules/owl-rl-rules.ttl",
                 "ontology/gazetteer.toml", "queries/troop-levels.rq"):
        assert (installed / part).is_file(), part

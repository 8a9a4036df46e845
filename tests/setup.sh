#!/usr/bin/env bash
# Sets up everything the test suite needs on a fresh machine: the virtual environment with the package
# and its test extra, the npm clients used by the tests, and Debian packages (a headless browser).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
if [ -f tests/clients/package.json ]; then
  npm ci --prefix tests/clients --no-audit --no-fund --loglevel=error
fi

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
# The browser tests (tests/test_ui_browser.py) drive Debian's Chromium headless through Playwright with
# executable_path=/usr/bin/chromium; `playwright install` is never run (it downloads a browser build).
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-noto-core
fi

"""Jinja2 templates, autoescaped: every value from the graph is shown as text, never as markup."""

from __future__ import annotations

import re
from importlib.resources import files

from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(directory=str(files("isnad.server") / "templates"))
# Escape in every template whatever its file name; a value from the graph is never markup.
templates.env.autoescape = True

_ARABIC = re.compile("[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
# `value|arabic`: whether a value is Arabic text, so the template marks it lang="ar" (right-to-left).
templates.env.filters["arabic"] = lambda value: bool(_ARABIC.search(str(value)))

"""Jinja2 templates, autoescaped: every value from the graph is shown as text, never as markup."""

from __future__ import annotations

from importlib.resources import files

from fastapi.templating import Jinja2Templates

templates = Jinja2Templates(directory=str(files("isnad.server") / "templates"))
# Escape in every template whatever its file name; a value from the graph is never markup.
templates.env.autoescape = True

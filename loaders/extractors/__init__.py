"""One module per family of fact kinds. Each module defines NAME, VERSION and
`extract(ctx: ArticleContext) -> Iterator[Fact]`; every module in this package is an extractor, except
`common` and modules whose name starts with an underscore, which hold helpers the extractors share."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

_SHARED = {"common"}


def extractor_modules() -> list[ModuleType]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__)
                   if m.name not in _SHARED and not m.name.startswith("_"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]

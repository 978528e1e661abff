"""Citation styles: one module per style, one registry table.

`STYLES` maps each style's name to its `Style` object; `get_style` looks one up with a
helpful error. Style modules are imported on first use, so listing the names is cheap.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from importlib.util import find_spec

from ..errors import UsageError
from ._base import Reference, Style

__all__ = ["STYLES", "STYLE_NAMES", "Reference", "Style", "get_style"]

#: Registry: style name -> (module in this package, class name). A style is listed only
#: when its module exists, so a style can be added by writing one file and one row here.
_TABLE: dict[str, tuple[str, str]] = {
    "apa": ("apa", "APA"),
    "harvard": ("harvard", "Harvard"),
    "chicago": ("chicago", "Chicago"),
    "mla": ("mla", "MLA"),
    "vancouver": ("vancouver", "Vancouver"),
    "ieee": ("ieee", "IEEE"),
}


def _available(module: str) -> bool:
    return find_spec(f"{__name__}.{module}") is not None


class _Registry(Mapping[str, Style]):
    """A read-only mapping that imports each style module the first time it is needed."""

    def __init__(self, table: Mapping[str, tuple[str, str]]) -> None:
        self._table = {name: spec for name, spec in table.items() if _available(spec[0])}
        self._loaded: dict[str, Style] = {}

    def __getitem__(self, name: str) -> Style:
        if name not in self._loaded:
            module_name, class_name = self._table[name]
            module = importlib.import_module(f"{__name__}.{module_name}")
            style = getattr(module, class_name)()
            if not isinstance(style, Style):  # pragma: no cover - a programming error
                raise TypeError(f"{module_name}.{class_name} is not a Style")
            self._loaded[name] = style
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, name: object) -> bool:
        return name in self._table


STYLES: Mapping[str, Style] = _Registry(_TABLE)
STYLE_NAMES: tuple[str, ...] = tuple(STYLES)


def get_style(name: str) -> Style:
    """The style called `name`, or a `UsageError` listing the choices."""
    key = name.strip().lower()
    if key not in STYLES:
        raise UsageError(f"Unknown style {name!r}; choose one of: {', '.join(STYLE_NAMES)}.")
    return STYLES[key]

"""Citation styles: one module per style, one registry table.

`STYLES` maps each style's name to its `Style` object; `get_style` looks one up with a
helpful error. Style modules are imported on first use, so listing the names is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..registry import LazyRegistry, lazy_exports

if TYPE_CHECKING:
    from ._base import Reference, Style

__all__ = ["STYLES", "STYLE_NAMES", "Reference", "Style", "get_style"]

#: Registry: style name -> (module in this package, class name). A style is one file and
#: one row here.
STYLES: LazyRegistry[Style] = LazyRegistry(
    __name__,
    {
        "apa": ("apa", "APA"),
        "harvard": ("harvard", "Harvard"),
        "chicago": ("chicago", "Chicago"),
        "mla": ("mla", "MLA"),
        "vancouver": ("vancouver", "Vancouver"),
        "ieee": ("ieee", "IEEE"),
    },
    "style",
)
STYLE_NAMES: tuple[str, ...] = STYLES.names


def get_style(name: str) -> Style:
    """The style called `name`, or a `UsageError` listing the choices."""
    return STYLES.lookup(name)


# Reference, Style come from `_base` on first use: listing the names stays cheap.
__getattr__ = lazy_exports(__name__, "_base", ("Reference", "Style"))

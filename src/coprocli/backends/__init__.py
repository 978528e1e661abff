"""Output backends: one file per markup, one table `BACKENDS`.

Styles build rich text (`richtext.py`); a backend renders it and owns all escaping, so a
new markup is one new file and one line here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..registry import LazyRegistry, lazy_exports

if TYPE_CHECKING:
    from ._base import Backend, safe_url

__all__ = ["BACKENDS", "Backend", "get_backend", "safe_url"]

#: Registry: markup name -> (module in this package, class name).
BACKENDS: LazyRegistry[Backend] = LazyRegistry(
    __name__,
    {
        "text": ("text", "TextBackend"),
        "markdown": ("markdown", "MarkdownBackend"),
        "html": ("html", "HtmlBackend"),
        "latex": ("latex", "LatexBackend"),
        "rtf": ("rtf", "RtfBackend"),
    },
    "format",
)


def get_backend(name: str) -> Backend:
    """The backend called `name` (case-insensitive); an unknown name lists the choices."""
    return BACKENDS.lookup(name)


# Backend, safe_url come from `_base` on first use: listing the names stays cheap.
__getattr__ = lazy_exports(__name__, "_base", ("Backend", "safe_url"))

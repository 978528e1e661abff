"""Output backends: one file per markup, one table `BACKENDS`.

Styles build rich text (`richtext.py`); a backend renders it and owns all escaping, so a
new markup is one new file and one line here.
"""

from __future__ import annotations

from ..errors import UsageError
from ._base import Backend, safe_url
from .html import HtmlBackend
from .latex import LatexBackend
from .markdown import MarkdownBackend
from .rtf import RtfBackend
from .text import TextBackend

__all__ = ["BACKENDS", "Backend", "get_backend", "safe_url"]

BACKENDS: dict[str, Backend] = {
    backend.name: backend
    for backend in (
        TextBackend(),
        MarkdownBackend(),
        HtmlBackend(),
        LatexBackend(),
        RtfBackend(),
    )
}


def get_backend(name: str) -> Backend:
    """The backend called `name` (case-insensitive); an unknown name lists the choices."""
    backend = BACKENDS.get(name.strip().lower())
    if backend is None:
        raise UsageError(f"Unknown format {name!r}; choose one of: {', '.join(BACKENDS)}.")
    return backend

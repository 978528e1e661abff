"""Formatted citations and reference lists: a style builds rich text, a backend renders it.

The one place that combines `styles/` and `backends/`, so `cite`, `export` and reading
lists all print the same text for the same entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .model import Entry
from .richtext import Node, span

if TYPE_CHECKING:
    from .backends import Backend
    from .styles import Style


def style_and_backend(style_name: str, markup: str) -> tuple[Style, Backend]:
    """The style and the backend by name; an unknown name is a `UsageError` listing the
    choices (the CLI calls this first, so bad names fail before anything is loaded)."""
    from .backends import get_backend
    from .styles import get_style

    return get_style(style_name), get_backend(markup)


def _labelled(reference: Any) -> Node:
    body: Node = reference.body
    return span(reference.label, " ", body) if reference.label else body


def reference_list(
    entries: Sequence[Entry],
    style_name: str,
    markup: str = "text",
    *,
    standalone: bool = False,
    title: str | None = None,
) -> str:
    """The reference list of `entries` in the style's order, as a document of `markup`."""
    _, backend = style_and_backend(style_name, markup)
    items = [backend.render(node) for node in labelled_references(entries, style_name)]
    body = backend.reference_list(items, numbered=False)
    return str(backend.document(body, title=title, standalone=standalone))


def labelled_references(entries: Sequence[Entry], style_name: str) -> list[Node]:
    """The references of `entries` in the style's order, each with its label (`[1]`)."""
    from .styles import get_style

    references = get_style(style_name).references(entries, citations=False)
    return [_labelled(reference) for reference in references]


def in_text(
    entries: Sequence[Entry], style_name: str, markup: str = "text", *, narrative: bool = False
) -> str:
    """One in-text citation of all `entries`: `(Boyle & Harris, 2009; Slay, 2011)`."""
    _, backend = style_and_backend(style_name, markup)
    return str(backend.render(citation_node(entries, style_name, narrative=narrative)))


def citation_node(entries: Sequence[Entry], style_name: str, *, narrative: bool = False) -> Node:
    """One in-text citation of all `entries` as rich text."""
    from .styles import get_style

    style = get_style(style_name)
    references = style.references(entries)
    return style.cite_narrative(references) if narrative else style.cite(references)


def citation_records(
    entries: Sequence[Entry], style_name: str, markup: str = "text"
) -> list[dict[str, str]]:
    """`[{key, reference, citation, narrative}]` in bibliography order, for scripts."""
    style, backend = style_and_backend(style_name, markup)
    return [
        {
            "key": reference.key,
            "reference": backend.render(_labelled(reference)),
            "citation": backend.render(reference.citation),
            "narrative": backend.render(reference.narrative),
        }
        for reference in style.references(entries)
    ]

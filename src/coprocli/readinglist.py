"""Annotated reading lists: references in a style, each followed by its annotation,
grouped under headings.

The entries keep the order they are given in (the catalogue's order for `--all`), so a
reading list reproduces the source bibliography's structure; the style formats each
reference, with same-author-year letters worked out over the whole list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .errors import UsageError
from .model import Entry

GROUPINGS = ("section", "keyword", "year", "type", "none")


def check_grouping(group_by: str) -> str:
    """The grouping called `group_by` (case and blanks ignored); an unknown value is a
    `UsageError` listing the choices."""
    key = group_by.strip().lower()
    if key not in GROUPINGS:
        raise UsageError(f"Unknown grouping {group_by!r}; choose one of: {', '.join(GROUPINGS)}.")
    return key


def _groups(entries: Sequence[Entry], group_by: str) -> list[tuple[str, list[Entry]]]:
    """(heading, entries) pairs; headings in order of first appearance, except years and
    keywords, which sort."""
    check_grouping(group_by)
    if group_by == "none":
        return [("", list(entries))]
    keyers: dict[str, Callable[[Entry], list[str]]] = {
        "section": lambda entry: [entry.section or "Other resources"],
        "keyword": lambda entry: list(entry.keywords) or ["Other resources"],
        "year": lambda entry: [str(entry.year) if entry.year else "No date"],
        "type": lambda entry: [entry.type.capitalize()],
    }
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        for heading in keyers[group_by](entry):
            groups.setdefault(heading, []).append(entry)
    ordered = list(groups.items())
    if group_by == "year":
        ordered.sort(key=lambda pair: (not pair[0].isdigit(), pair[0]))
    elif group_by == "keyword":
        ordered.sort(key=lambda pair: pair[0].casefold())
    return ordered


def render_reading_list(
    entries: Sequence[Entry],
    *,
    style: str = "harvard",
    markup: str = "markdown",
    group_by: str = "section",
    title: str | None = None,
    intro: str | None = None,
    standalone: bool = False,
) -> str:
    """The annotated reading list as one document in `markup`."""
    from .citing import style_and_backend

    formatter, backend = style_and_backend(style, markup)
    groups = _groups(entries, group_by)  # validates group_by before any formatting
    references = {
        reference.key: reference for reference in formatter.references(entries, citations=False)
    }
    parts: list[str] = []
    if title:
        parts.append(backend.heading(title, 1))
    if intro:
        parts.append(backend.paragraph(backend.escape(intro)))
    for heading, members in groups:
        if heading:
            parts.append(backend.heading(heading, 2 if title else 1))
        for entry in members:
            parts.append(backend.paragraph(backend.render(references[entry.key].body)))
            if entry.annotation:
                parts.append(backend.annotation(entry.annotation))
    return str(
        backend.document("".join(parts), title=title or "Reading list", standalone=standalone)
    )

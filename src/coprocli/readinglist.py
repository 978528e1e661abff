"""Annotated reading lists: references in a style, each followed by its annotation,
grouped under headings.

The entries keep the order they are given in (the catalogue's order for `--all`), so a
reading list reproduces the source bibliography's structure; the style formats each
reference, with same-author-year letters worked out over the whole list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from .errors import UsageError
from .model import Entry

if TYPE_CHECKING:
    from .richtext import Node

GROUPINGS = ("section", "keyword", "year", "type", "none")


def check_grouping(group_by: str) -> str:
    """The grouping called `group_by` (case and blanks ignored); an unknown value is a
    `UsageError` listing the choices."""
    key = group_by.strip().lower()
    if key not in GROUPINGS:
        raise UsageError(f"Unknown grouping {group_by!r}; choose one of: {', '.join(GROUPINGS)}.")
    return key


def grouped(entries: Sequence[Entry], group_by: str) -> list[tuple[str, list[Entry]]]:
    """(heading, entries) pairs; headings in order of first appearance, except years and
    keywords, which sort. An entry with several keywords is under each of them; with
    `none`, all entries are under one empty heading."""
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


def formatted_references(entries: Sequence[Entry], style: str) -> dict[str, Node]:
    """Each entry's reference in the built-in `style`, by key, as a reading list shows it:
    without a numeric style's label, same-author-year letters worked out over `entries`."""
    from .styles import get_style

    made = get_style(style).references(entries, citations=False)
    return {reference.key: reference.body for reference in made}


class Part(NamedTuple):
    """One block of a reading list: a `heading` (text, level), the `intro` (text), a
    `reference` (rich text) or an `annotation` (plain text with paragraphs and lists)."""

    kind: str
    text: str = ""
    level: int = 0
    node: Node | None = None


def reading_list_parts(
    entries: Sequence[Entry],
    *,
    style: str = "harvard",
    group_by: str = "section",
    title: str | None = None,
    intro: str | None = None,
    formatted: Mapping[str, Node] | None = None,
) -> list[Part]:
    """The blocks of an annotated reading list, in order, for any output to render. The
    references are in the built-in `style`, or taken from `formatted` (by key: a CSL
    style's, `csl.references`)."""
    groups = grouped(entries, group_by)  # validates group_by before any formatting
    if formatted is None:
        formatted = formatted_references(entries, style)
    parts: list[Part] = []
    if title:
        parts.append(Part("heading", title, 1))
    if intro:
        parts.append(Part("intro", intro))
    for heading, members in groups:
        if heading:
            parts.append(Part("heading", heading, 2 if title else 1))
        for entry in members:
            parts.append(Part("reference", node=formatted[entry.key]))
            if entry.annotation:
                parts.append(Part("annotation", entry.annotation))
    return parts


def render_reading_list(
    entries: Sequence[Entry],
    *,
    style: str = "harvard",
    markup: str = "markdown",
    group_by: str = "section",
    title: str | None = None,
    intro: str | None = None,
    standalone: bool = False,
    formatted: Mapping[str, Node] | None = None,
) -> str:
    """The annotated reading list as one document in `markup` (`formatted`: as for
    `reading_list_parts`)."""
    from .backends import get_backend

    backend = get_backend(markup)
    rendered: list[str] = []
    for part in reading_list_parts(
        entries, style=style, group_by=group_by, title=title, intro=intro, formatted=formatted
    ):
        if part.kind == "heading":
            rendered.append(backend.heading(part.text, part.level))
        elif part.kind == "intro":
            rendered.append(backend.paragraph(backend.escape(part.text)))
        elif part.kind == "reference":
            assert part.node is not None
            rendered.append(backend.paragraph(backend.render(part.node)))
        else:
            rendered.append(backend.annotation(part.text))
    return str(
        backend.document("".join(rendered), title=title or "Reading list", standalone=standalone)
    )

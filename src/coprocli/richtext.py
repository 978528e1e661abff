"""Markup-free formatted text: what citation styles build and output backends render.

A style never writes HTML or LaTeX: it returns a tree of these nodes, and each backend
(`backends/`) turns the tree into its markup and owns all escaping. Plain Unicode carries
typography (en dash `–`, no-break space U+00A0, curly quotes); backends map it as needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    """Literal text."""

    text: str


@dataclass(frozen=True, slots=True)
class Emph:
    """Italic text (titles of books, reports, journals; film titles)."""

    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    """Bold text."""

    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink; its children are the visible text (usually the URL itself)."""

    url: str
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """A sequence of nodes with no formatting of its own."""

    children: tuple[Node, ...]


Node = Text | Emph | Strong | Link | Span
NODE_TYPES = (Text, Emph, Strong, Link, Span)


def text(value: str) -> Text:
    return Text(value)


def emph(*children: Node | str) -> Emph:
    return Emph(_nodes(children))


def strong(*children: Node | str) -> Strong:
    return Strong(_nodes(children))


def link(url: str, *children: Node | str) -> Link:
    return Link(url, _nodes(children) or (Text(url),))


def span(*children: Node | str) -> Span:
    return Span(_nodes(children))


def _nodes(children: Iterable[Node | str]) -> tuple[Node, ...]:
    return tuple([Text(child) if isinstance(child, str) else child for child in children])


def join(separator: Node | str, parts: Iterable[Node | str | None]) -> Span:
    """Non-empty parts with `separator` between them."""
    sep = Text(separator) if isinstance(separator, str) else separator
    out: list[Node] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, str):
            if not part:
                continue
            node: Node = Text(part)
        elif is_empty(part):
            continue
        else:
            node = part
        if out:
            out.append(sep)
        out.append(node)
    return Span(tuple(out))


def plain(node: Node) -> str:
    """The tree's text with all formatting dropped."""
    # Plain recursion over children: styles call this for every piece of every reference.
    if isinstance(node, Text):
        return node.text
    return "".join([plain(child) for child in node.children])


def is_empty(node: Node) -> bool:
    """True when the tree holds no text at all."""
    # Styles ask this of every part they join, so it stops at the first text found and
    # checks text leaves in place instead of recursing into them.
    if isinstance(node, Text):
        return not node.text
    for child in node.children:
        if isinstance(child, Text):
            if child.text:
                return False
        elif not is_empty(child):
            return False
    return True


def last_char(node: Node, ignoring: str = "") -> str:
    """The tree's last character not in `ignoring` ("" if none): the same as
    `plain(node).rstrip(ignoring)[-1:]`, but reading leaves from the end only as far as
    needed, so punctuation checks cost the same on a long reference as on a short one."""
    if isinstance(node, Text):
        return node.text.rstrip(ignoring)[-1:]
    for child in reversed(node.children):
        found = last_char(child, ignoring)
        if found:
            return found
    return ""

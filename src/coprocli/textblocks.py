"""The structure of long free text (annotations, abstracts): paragraphs and lists.

Annotations keep their lists as lists: in the catalogue each item stands on its own line
and starts with a bullet (`•`, `-`, `*`, `–`) or a number (`1.`, `2)`). Renderers (the
terminal, Markdown, HTML, ...) walk these blocks instead of re-parsing text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(r"^(?:(?P<bullet>[•\-*–·▪])|(?P<number>\d{1,3})[.)])\s+(?P<text>\S.*)$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of text; single line breaks inside it are spaces."""

    text: str


@dataclass(frozen=True, slots=True)
class ItemList:
    """A bulleted (`ordered=False`) or numbered list; `start` is the first number."""

    items: tuple[str, ...]
    ordered: bool = False
    start: int = 1


Block = Paragraph | ItemList


def parse_blocks(text: str) -> list[Block]:
    """Split text into paragraphs (blank-line separated) and lists (one item a line)."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[str] = []
    ordered = False
    start = 1

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append(Paragraph(" ".join(paragraph)))
            paragraph.clear()

    def flush_list() -> None:
        if items:
            blocks.append(ItemList(tuple(items), ordered, start))
            items.clear()

    for raw_line in text.splitlines():
        line = " ".join(raw_line.split())
        if not line:
            flush_paragraph()
            flush_list()
            continue
        match = _ITEM.match(line)
        if match:
            flush_paragraph()
            is_numbered = match.group("number") is not None
            if items and is_numbered != ordered:
                flush_list()
            if not items:
                ordered = is_numbered
                start = int(match.group("number")) if is_numbered else 1
            items.append(match.group("text"))
        elif items and not paragraph and raw_line[:1].isspace():
            items[-1] = f"{items[-1]} {line}"  # an indented continuation of the last item
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return blocks


def first_paragraph(text: str) -> str:
    """The first block as one line of text (a list becomes its items joined by '; ')."""
    blocks = parse_blocks(text)
    if not blocks:
        return ""
    block = blocks[0]
    return block.text if isinstance(block, Paragraph) else "; ".join(block.items)


def to_plain(text: str, *, width: int = 0, indent: str = "") -> str:
    """Blocks as plain text: paragraphs wrapped to `width` (0: unwrapped), lists indented."""
    import textwrap

    def wrap(line: str, first: str, rest: str) -> list[str]:
        if width <= 0:
            return [first + line]
        return textwrap.wrap(line, width=width, initial_indent=first, subsequent_indent=rest) or [
            first
        ]

    out: list[str] = []
    for block in parse_blocks(text):
        if out:
            out.append("")
        if isinstance(block, Paragraph):
            out.extend(wrap(block.text, indent, indent))
        else:
            for number, item in enumerate(block.items, start=block.start):
                marker = f"{number}. " if block.ordered else "• "
                out.extend(wrap(item, f"{indent}  {marker}", indent + " " * (2 + len(marker))))
    return "\n".join(out)

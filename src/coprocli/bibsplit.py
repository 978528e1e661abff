"""Splitting a (normalised) .bib text into blocks: entries, `@string`s, failed blocks and
the text between blocks.

bibtexparser's splitter defines what the blocks are, but it walks the file one delimiter
at a time in Python and costs more than everything else a load does. This module gives
the same blocks faster: the text is cut at each `@type{` that starts a line, where the
splitter always starts a new block (a block still open there is aborted); each piece
holding one entry of the common shape (`name = {value}`, `"value"` or a bare word,
fields split by commas) is read with a few regular expressions, and any other piece
(`@string`, `#` joins, a missing comma, unbalanced braces...) goes to bibtexparser's
splitter as it is, so that what it makes of a piece is exactly what it makes of it in
the whole file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

__all__ = ["CommentBlock", "EntryBlock", "FailedBlock", "StringBlock", "split_blocks"]


class EntryBlock(NamedTuple):
    """An entry: its type (lowercase), key, and fields as (name, value, line) in order."""

    line: int
    entry_type: str
    key: str
    fields: list[tuple[str, str, int]]


class StringBlock(NamedTuple):
    """An `@string` abbreviation, its value as written."""

    line: int
    key: str
    value: str


class FailedBlock(NamedTuple):
    """A block the splitter could not read: why, and its text."""

    line: int
    reason: str
    raw: str


class CommentBlock(NamedTuple):
    """Text between blocks (stripped)."""

    line: int
    text: str


Block = EntryBlock | StringBlock | FailedBlock | CommentBlock

#: A block's head: where it starts a line (after blanks), the splitter starts a block.
_BLOCK_HEAD = re.compile(r"@\w*[ \t]*[{(]")
#: `@type{key,`: the key holds none of the splitter's delimiters (nor `\` or `@`).
_HEAD = re.compile(r'@(\w*)[ \t]*\{([^{}",=\\@]*),')
#: Entry types the splitter reads as other kinds of blocks (it tests the prefix).
_OTHER_BLOCKS = ("comment", "preamble", "string")


def _braced(depth: int) -> str:
    """A `{...}` group nested at most `depth` deep. As in the splitter, a brace after a
    backslash is text; possessive repeats keep the regex from taking it back as a brace."""
    text = r"[^{}\\]++|\\[{}]?+"
    group = rf"\{{(?:{text})*+\}}"
    for _ in range(depth - 1):
        group = rf"\{{(?:{text}|{group})*+\}}"
    return group


#: `"..."`: braces inside quotes do not count, but `{"}` is a quote the splitter skips.
_QUOTED = r'"(?:[^"\\{]++|\{(?!"\})|\\"?+)*+"'
_BARE = r'[^\s{}",=\\@]++'
#: One field and what ends it (`,` or the entry's `}`); group 2 is the `=`.
_FIELD = re.compile(rf'\s*([^\s{{}}",=\\@]+)\s*(=)\s*({_braced(6)}|{_QUOTED}|{_BARE})\s*([,}}])')
_ENTRY_END = re.compile(r"\s*\}")


def split_blocks(text: str) -> list[Block | None]:
    """The blocks of `text`, as bibtexparser's splitter gives them; None stands for a
    block copro does not read (`@comment`, `@preamble`). Lines count from 1."""
    starts = [at for at in _block_heads(text) if _starts_line(text, at)]
    bounds = [0, *starts] if not starts or starts[0] else starts  # text before: a piece too
    blocks: list[Block | None] = []
    line = 1
    for number, start in enumerate(bounds):
        end = bounds[number + 1] if number + 1 < len(bounds) else len(text)
        piece = _common_entry(text, start, end, line)
        if piece is None:
            piece = list(_bibtexparser_blocks(text, start, end, line))
        blocks.extend(piece)
        line += _line_ends(text, start, end)
    return blocks


def _block_heads(text: str) -> Iterator[int]:
    """Where the block heads (`@type{`) of `text` start."""
    return (match.start() for match in _BLOCK_HEAD.finditer(text))


def _starts_line(text: str, at: int) -> bool:
    """Whether only blanks stand before `at` on its line (the splitter's test)."""
    start = text.rfind("\n", 0, at) + 1
    return start == at or text[start:at].isspace()


def _line_ends(text: str, start: int, end: int) -> int:
    """The line ends in `text[start:end]` as the splitter counts them: one after a
    backslash (`\\` closing a line of an abstract) is not counted."""
    return text.count("\n", start, end) - text.count("\\\n", max(start - 1, 0), end)


def _common_entry(text: str, start: int, end: int, line: int) -> list[Block | None] | None:
    """The blocks of the piece `text[start:end]` (`start` on `line`) if it is one entry of
    the common shape, followed by plain text; None for anything else. (Hot: one call per
    entry, one loop per field.)"""
    if not text.startswith("@", start):
        return _plain_text(text, start, end, line)
    head = _HEAD.match(text, start, end)
    # A line end after a backslash, which the splitter does not count, is left to it.
    if head is None or text.find("\\\n", start, end) >= 0:
        return None
    entry_type = head.group(1).lower()
    if entry_type.startswith(_OTHER_BLOCKS):
        return None
    fields: list[tuple[str, str, int]] = []
    position = counted = head.end()
    count = text.count
    field_line = line + count("\n", start, counted)
    match_field = _FIELD.match
    while (match := match_field(text, position, end)) is not None:
        equals = match.start(2)
        field_line += count("\n", counted, equals)
        counted = equals
        name, _, value, closing = match.groups()
        fields.append((name, value, field_line))
        position = match.end()
        if closing == "}":
            break
    else:
        if (entry_end := _ENTRY_END.match(text, position, end)) is None:
            return None
        position = entry_end.end()
    after = _plain_text(text, position, end, line + count("\n", start, position))
    if after is None:
        return None
    return [EntryBlock(line, entry_type, head.group(2).strip(), fields), *after]


def _plain_text(text: str, start: int, end: int, line: int) -> list[Block | None] | None:
    """The comment block of the text between blocks (none if it is blank; `start` is on
    `line`), or None if it may hold a block (an `@` the splitter could read as one)."""
    if "@" in text[start:end]:
        return None
    stripped = text[start:end].lstrip()
    if not stripped:
        return []
    first = end - len(stripped)
    return [CommentBlock(line + text.count("\n", start, first), stripped.rstrip())]


def _bibtexparser_blocks(text: str, start: int, end: int, line: int) -> Iterator[Block | None]:
    """The blocks bibtexparser's splitter finds in `text[start:end]` (`start` on `line`).

    The piece is followed by the head of the next block, as in the file, so that a block
    left open is aborted for the same reason as in the file; the head's own (failed)
    block is then left out."""
    from bibtexparser.splitter import Splitter

    head = _BLOCK_HEAD.match(text, end)
    sentinel = head.group(0) if head is not None else ""
    last_line = _line_ends(text, start, end)  # the sentinel's line, counted from 0
    for block in _quietly(Splitter(text[start:end] + sentinel).split).blocks:
        if sentinel and (block.start_line or 0) >= last_line:
            continue
        yield _block(block, line + (block.start_line or 0), line)


def _block(block: Any, line: int, first_line: int) -> Block | None:
    """copro's block for one of bibtexparser's (`first_line`: where its text started)."""
    from bibtexparser.model import (
        DuplicateBlockKeyBlock,
        DuplicateFieldKeyBlock,
        ImplicitComment,
        ParsingFailedBlock,
    )
    from bibtexparser.model import Entry as RawEntry
    from bibtexparser.model import String as RawString

    if isinstance(block, DuplicateFieldKeyBlock | DuplicateBlockKeyBlock):
        block = block.ignore_error_block  # copro reports duplicates itself
    if isinstance(block, RawEntry):
        fields = [
            (field.key, field.value, first_line + (field.start_line or 0)) for field in block.fields
        ]
        return EntryBlock(line, block.entry_type, block.key, fields)
    if isinstance(block, RawString):
        return StringBlock(line, block.key, block.value)
    if isinstance(block, ParsingFailedBlock):
        reason = getattr(block.error, "abort_reason", None) or str(block.error)
        return FailedBlock(line, reason, block.raw or "")
    if isinstance(block, ImplicitComment):
        return CommentBlock(line, block.comment)
    return None


def _quietly(split: Any) -> Any:
    """Run the splitter with bibtexparser's logging silenced: copro reports problems."""
    import logging

    logger = logging.getLogger("bibtexparser")
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        return split()
    finally:
        logger.setLevel(previous)

"""Parsing .bib files into typed `Entry` objects, for `catalogue.load_catalogue`.

The file is split into blocks as bibtexparser's splitter splits it (`bibsplit.py`, which
reads common entries itself and hands it the rest); everything after that is copro's own,
because the library's middlewares lose or garble data on real files (names decoded before
they are split, URLs cut at `%`, entries dropped for a repeated field). Problems never stop
a load: each one becomes a `LoadWarning` naming file, line and key, and the rest of the
file still loads (`load_catalogue(strict=True)` makes any of them an error).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import latex
from .catalogue import DecodedFields, LoadWarning, duplicate_key_message
from .errors import BibFileError
from .gcpause import collector_paused
from .model import NAME_FIELDS, Entry
from .summary import MONTH_NAMES

if TYPE_CHECKING:
    from .bibsplit import EntryBlock, FailedBlock, StringBlock

_MONTHS = tuple(name.lower() for name in MONTH_NAMES)
#: BibTeX's predefined macros.
_PREDEFINED_STRINGS = {name[:3]: name.capitalize() for name in _MONTHS}

_BRACE = re.compile(r"(?<!\\)[{}]")
_QUOTE_OR_BRACE = re.compile(r'(?<!\\)[{}"]')
_FIELD_START = re.compile(r"\s*([A-Za-z][\w:.+-]*)\s*=\s*")
_BARE_TOKEN = re.compile(r"[^\s#{}\",=]+")
# `@article{ author = ...` (EndNote exports): an entry with no key, given an empty one
# before splitting so that it parses; `add_entry` then names it. (Patterns that start
# with a character, here `@` and `%`, are found far faster than `^`: the line start is
# checked in Python, see `_starts_line`.)
_KEYLESS_ENTRY = re.compile(
    r"@(?!string|comment|preamble)\w+[ \t]*[{(](?=\s*[A-Za-z][\w-]*\s*=)", re.IGNORECASE
)
# A line that starts with `%` is a comment, inside entries too (as biber and LaTeX read
# it); it is blanked, keeping line numbers, before the splitter sees it.
_COMMENT_TO_LINE_END = re.compile(r"%.*")
# `@ ARTICLE {`, `@article\n{`: BibTeX allows space around the entry type.
_SPACED_HEAD = re.compile(r"@[ \t]*([A-Za-z]\w*)(\s+)([{(])|@[ \t]+([A-Za-z]\w*)([{(])")
# An empty field: two commas with only blanks between (`title = {T}, , year = 2020`).
_EMPTY_FIELD = re.compile(r",(?:\s*,)+")
# Between fields (outside braces and quotes) a `%` starts a comment to the line end.
_ENTRY_SYNTAX = re.compile(r'(?<!\\)[{}"]')
#: Fields whose repeats are merged rather than dropped.
_LIST_FIELDS = frozenset({"keywords"})
_KEY_CHARS_BAD = re.compile(r"[\s{}\"',=#%()\\]")
_FIELD_NAME = re.compile(r"[a-z][\w:.+-]*")
#: Fields read as the entry is built (the others are decoded when first read).
_READ_AT_ONCE = NAME_FIELDS | {"month"}


@lru_cache(maxsize=4096)  # a library uses a few dozen field names
def _field_name(name: str) -> str | None:
    """A field's name as copro keys it (lowercase), or None if it is not a valid name."""
    folded = name.strip().lower()
    return folded if _FIELD_NAME.fullmatch(folded) else None


# ---------------------------------------------------------------------------------------
# Reading files


def read_bib_text(path: Path, label: str) -> tuple[str, list[LoadWarning]]:
    """The text of a .bib file, with a warning when its encoding had to be inferred."""
    # Only a parse reads files, never a cache hit: these imports wait until then.
    from .encoding import decode_bib_bytes
    from .fileio import read_file_bytes

    data = read_file_bytes(path, ".bib file", label=label, error=BibFileError)

    decoded = decode_bib_bytes(data, label)
    warnings = []
    if "\x00" in decoded.text:  # past the first bytes, which would have failed outright
        first = decoded.text.index("\x00")
        warnings.append(
            LoadWarning(
                label,
                decoded.text.count("\n", 0, first) + 1,
                "nul-byte",
                f"the file holds {decoded.text.count(chr(0))} NUL byte(s), first on this "
                "line; they were removed. Is the file damaged?",
            )
        )
        decoded = replace(decoded, text=decoded.text.replace("\x00", ""))
    if decoded.guessed:
        warnings.append(
            LoadWarning(
                label,
                0,
                "encoding",
                f"not UTF-8; read as {decoded.encoding}. Convert it to UTF-8 to be sure.",
            )
        )
    return decoded.text, warnings


# ---------------------------------------------------------------------------------------
# Field values: `{...}`, `"..."`, numbers and macros joined by `#`


@dataclass(slots=True)
class _Value:
    """A field value evaluated to its raw (still LaTeX) text."""

    text: str
    undefined: list[str]
    rest: str  # text after a complete value that is not `# ...` (a missing comma?)


def _closing_brace(text: str, start: int) -> int:
    """Index of the `}` matching the `{` at `start`, or -1 (escaped braces do not count)."""
    depth = 0
    for match in _BRACE.finditer(text, start):
        if match.group(0) == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return match.start()
    return -1


def _closing_quote(text: str, start: int) -> int:
    """Index of the `"` closing the one at `start` (quotes inside braces do not count)."""
    depth = 0
    for match in _QUOTE_OR_BRACE.finditer(text, start + 1):
        char = match.group(0)
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth <= 0:
            return match.start()
    return -1


def _one_piece(value: str) -> str | None:
    """The text of a value that is one braced or quoted piece, or a number (most values
    are); None for any other."""
    if value.startswith("{") and value.endswith("}"):
        inner = value[1:-1]
        if ("{" not in inner and "}" not in inner and not inner.endswith("\\")) or (
            _closing_brace(value, 0) == len(value) - 1
        ):
            return inner
    if value.isdigit():
        return value
    if len(value) > 1 and value[0] == '"' and value[-1] == '"' and '"' not in value[1:-1]:
        return value[1:-1]
    return None


def evaluate(value: str, strings: dict[str, str]) -> _Value:
    """Evaluate a raw BibTeX value: strip delimiters, expand macros, join `#` pieces."""
    text = _one_piece(value)
    if text is not None:
        return _Value(text, [], "")
    pieces: list[str] = []
    undefined: list[str] = []
    position = 0
    length = len(value)
    expect_piece = True
    while position < length:
        char = value[position]
        if char.isspace():
            position += 1
            continue
        if not expect_piece:
            if char == "#":
                expect_piece = True
                position += 1
                continue
            return _Value("".join(pieces), undefined, value[position:])
        if char == "{" or char == '"':
            closing = _closing_brace if char == "{" else _closing_quote
            end = closing(value, position)
            if end < 0:
                pieces.append(value[position + 1 :])
                break
            pieces.append(value[position + 1 : end])
            position = end + 1
        else:
            match = _BARE_TOKEN.match(value, position)
            if not match:
                return _Value("".join(pieces), undefined, value[position:])
            token = match.group(0)
            position = match.end()
            if token.isdigit():
                pieces.append(token)
            else:
                folded = token.lower()
                if folded in strings:
                    pieces.append(strings[folded])
                elif folded in _PREDEFINED_STRINGS:
                    pieces.append(_PREDEFINED_STRINGS[folded])
                else:
                    undefined.append(token)
                    pieces.append(token)
        expect_piece = False
    return _Value("".join(pieces), undefined, "")


def normalise_month(text: str) -> str | None:
    """`jan`, `January`, `Sept.`, `1`, `01`, `Aug.~31` -> "1".."12"; a range of two
    months (`July--August`, `jul # "--" # aug`, `7/8`) -> "7--8"; None if no month is
    found."""
    parts = _MONTH_RANGE.split(text.strip())
    if len(parts) == 2:
        first, last = (_one_month(part) for part in parts)
        if first and last:
            return f"{first}--{last}" if first != last else first
    return _one_month(text)


#: Between the two months of a range: `--`, `-`, an en dash or a slash.
_MONTH_RANGE = re.compile(r"\s*(?:--?|–|/)\s*")


@lru_cache(maxsize=1024)  # a library writes its months in a few ways only
def _read_month(value: str) -> tuple[str, str | None]:
    """A raw month field's decoded text, and its month (`normalise_month`)."""
    text = latex.decode(value)
    return text, normalise_month(text)


def _one_month(text: str) -> str | None:
    stripped = text.strip().lower()
    if stripped.isdigit():
        number = int(stripped)
        return str(number) if 1 <= number <= 12 else None
    word = re.match(r"[a-z]+", stripped)
    if word and len(word.group(0)) >= 3:
        for number, name in enumerate(_MONTHS, start=1):
            if name.startswith(word.group(0)):
                return str(number)
    return None


# ---------------------------------------------------------------------------------------
# Building entries


@dataclass
class _FileParser:
    """Turns the blocks of one file into entries and warnings."""

    label: str
    strings: dict[str, str] = field(default_factory=dict)
    warnings: list[LoadWarning] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)
    key_suffixes: dict[str, int] = field(default_factory=dict)
    #: Told `(blocks done, blocks in the file)` now and then while the file is read.
    progress: Callable[[int, int], None] | None = None

    def warn(self, line: int, kind: str, message: str, key: str = "") -> None:
        self.warnings.append(LoadWarning(self.label, line, kind, message, key))

    def parse(self, text: str) -> None:
        # Only a parse splits a file: a load from the cache never imports the splitter.
        from .bibsplit import CommentBlock, EntryBlock, FailedBlock, StringBlock, split_blocks

        blocks = split_blocks(normalise_source(text))
        progress = self.progress
        total = len(blocks)
        for done, block in enumerate(blocks):
            blocks[done] = None  # let each block go once read (a large file's take 100 MB)
            if progress is not None and not done % 256:
                progress(done, total)
            if isinstance(block, EntryBlock):
                self.add_entry(block)
            elif isinstance(block, StringBlock):
                self.add_string(block)
            elif isinstance(block, FailedBlock):
                self.report_failed_block(block)
            elif isinstance(block, CommentBlock):
                self.check_stray_text(block.text, block.line)

    # -- @string -------------------------------------------------------------------------

    def add_string(self, block: StringBlock) -> None:
        line = block.line
        name = block.key.strip().lower()
        value = evaluate(block.value, self.strings)
        for macro in value.undefined:
            self.warn(
                line, "undefined-macro", f"@string {block.key} uses undefined macro '{macro}'"
            )
        if name in self.strings:
            self.warn(line, "duplicate-string", f"@string {block.key} is defined again; last wins")
        self.strings[name] = value.text

    # -- entries -------------------------------------------------------------------------

    def add_entry(self, block: EntryBlock) -> None:
        line = block.line
        entry_type = block.entry_type.strip().lower()
        if entry_type in {"comment", "preamble", "string"}:
            return
        key = block.key.strip()
        raw: dict[str, str] = {}
        raw_lines: dict[str, int] = {}
        for name, value, field_line in block.fields:
            folded = _field_name(name)
            text = _one_piece(value)
            if folded is None or text is None or folded in raw:
                self.add_raw_field(raw, raw_lines, name, value, key, field_line)
            else:  # most fields: what `add_raw_field` does with them, without its checks
                raw[folded] = text
                raw_lines[folded] = field_line
        if not key or _KEY_CHARS_BAD.search(key):
            key = self.repair_key(key, raw, line)
        if key in self.seen:
            self.warn(
                line,
                "duplicate-key",
                f"key defined again (first at line {self.seen[key]}); this one is skipped",
                key,
            )
            return
        self.seen[key] = line
        self.entries.append(self.build_entry(key, entry_type, raw, line))

    def add_raw_field(
        self,
        raw: dict[str, str],
        raw_lines: dict[str, int],
        name: str,
        value: str,
        key: str,
        field_line: int,
    ) -> None:
        """Evaluate one field; recover fields glued on by a missing comma."""
        folded = _field_name(name)
        if folded is None:
            name = name.strip().lower()
            self.warn(
                field_line, "suspicious-field", f"field name {name!r} is not valid; skipped", key
            )
            return
        name = folded
        evaluated = evaluate(value.strip(), self.strings)
        for macro in evaluated.undefined:
            self.warn(
                field_line,
                "undefined-macro",
                f"field '{name}' uses undefined macro '{macro}' (kept as text)",
                key,
            )
        if name in raw and name in _LIST_FIELDS:
            # Several `keywords` fields (Beebe's archives have them) are one list.
            self.warn(
                field_line,
                "duplicate-field",
                f"field '{name}' appears again (first at line {raw_lines[name]}); "
                "the values were merged",
                key,
            )
            raw[name] = f"{raw[name]}, {evaluated.text}"
        elif name in raw:
            self.warn(
                field_line,
                "duplicate-field",
                f"field '{name}' appears again (first at line {raw_lines[name]}); "
                "the first is kept",
                key,
            )
        else:
            raw[name] = evaluated.text
            raw_lines[name] = field_line
        rest = evaluated.rest.strip()
        if not rest:
            return
        glued = _FIELD_START.match(rest)
        if glued:
            self.warn(
                field_line,
                "missing-comma",
                f"missing comma after field '{name}'; read '{glued.group(1)}' as the next field",
                key,
            )
            self.add_raw_field(
                raw,
                raw_lines,
                glued.group(1),
                rest[glued.end() :],
                key,
                field_line + evaluated.text.count("\n") + 1,
            )
        else:
            self.warn(
                field_line,
                "suspicious-field",
                f"field '{name}' has text after its value ({_preview(rest)}); it was appended",
                key,
            )
            if name in raw and raw_lines[name] == field_line:
                raw[name] = f"{raw[name]} {rest}"

    def repair_key(self, key: str, raw: dict[str, str], line: int) -> str:
        """An entry without a usable key gets one from its first author and year."""
        if key and "=" not in key and not re.search(r"[{}\"]", key):
            cleaned = re.sub(r"\s+", "", key)
            self.warn(
                line, "suspicious-key", f"key {key!r} contains spaces; read as {cleaned!r}", cleaned
            )
            return cleaned
        from . import names

        people, _ = names.parse_names(raw.get("author", raw.get("editor", "")))
        stem = (people[0].family or people[0].literal) if people else "entry"
        stem = re.sub(r"[^A-Za-z0-9]", "", latex.decode(stem)) or "entry"
        year = re.search(r"\d{4}", raw.get("year", raw.get("date", "")))
        base = stem + (year.group(0) if year else "")
        # Each base remembers the last suffix it gave: naming thousands of keyless
        # entries by the same author and year stays linear.
        suffix = self.key_suffixes.get(base, 0)
        candidate = _suffixed(base, suffix)
        while candidate in self.seen:
            suffix += 1
            candidate = _suffixed(base, suffix)
        self.key_suffixes[base] = suffix
        self.warn(line, "missing-key", f"entry has no key; loaded as '{candidate}'", candidate)
        return candidate

    def build_entry(self, key: str, entry_type: str, raw: dict[str, str], line: int) -> Entry:
        from . import names  # parsing only: a load from the cache never splits names

        people: dict[str, tuple[Any, ...]] = {}
        # Fields decoded on first read (`DecodedFields`): all but the names.
        pending = {name: value for name, value in raw.items() if name not in NAME_FIELDS}
        decoded: dict[str, str] = {}
        for name in [name for name in raw if name in _READ_AT_ONCE]:
            value = raw[name]
            if name in NAME_FIELDS:
                parsed, empty = names.parse_names(value)
                if empty:
                    self.warn(
                        line,
                        "empty-name",
                        f"'{name}' has an empty name (a stray 'and'?); it was ignored",
                        key,
                    )
                if parsed:
                    people[name] = tuple(parsed)
            elif name == "month":  # decoded now: a month that is none is worth a warning
                text, month = _read_month(value)
                if month is None and text.strip("?- "):  # Beebe writes ???? for unknown
                    self.warn(line, "suspicious-field", f"month {text!r} is not a month", key)
                decoded[name] = month or text
        return Entry(
            key=key,
            type=entry_type,
            fields=DecodedFields(pending, decoded),
            names=people,
            source=self.label,
            line=line,
            raw=raw,
        )

    # -- problems ------------------------------------------------------------------------

    def report_failed_block(self, block: FailedBlock) -> None:
        head = block.raw.lstrip()[:60].splitlines()[0] if block.raw else ""
        self.warn(
            block.line,
            "unparseable",
            f"could not read the block '{head}' ({block.reason.strip()}); it was skipped",
        )

    def check_stray_text(self, comment: str, line: int) -> None:
        """Text between entries is a comment, unless it holds fields cut off by a stray `}`.

        Such fields are given back to the entry above, so nothing the file says is lost.
        """
        text = comment.strip()
        if not self.entries or not re.match(r",?\s*[A-Za-z][\w-]*\s*=\s*[{\"\w]", text):
            return
        previous = self.entries[-1]
        raw = dict(previous.raw)
        raw_lines = dict.fromkeys(raw, previous.line)
        # The block starts right after the stray brace: line numbers inside it count
        # from the line that brace is on.
        offset = len(comment) - len(comment.lstrip())
        body = comment[offset:].lstrip(",").rstrip()
        if body.endswith("}"):
            body = body[:-1]
        body_line = line + comment[:offset].count("\n")
        self.warn(
            body_line,
            "stray-brace",
            "a stray '}' closed the entry above early; the fields after it were kept",
            previous.key,
        )
        position = 0
        while (start := _FIELD_START.match(body, position)) is not None:
            value = evaluate(body[start.end() :], self.strings)
            value_end = len(body) - len(value.rest)
            field_line = body_line + body.count("\n", 0, start.start(1))
            self.add_raw_field(
                raw,
                raw_lines,
                start.group(1),
                body[start.end() : value_end],
                previous.key,
                field_line,
            )
            remainder = value.rest.lstrip()
            while remainder.startswith("}"):  # another stray brace: report it, read on
                stray_at = len(body) - len(remainder)
                self.warn(
                    body_line + body.count("\n", 0, stray_at),
                    "stray-brace",
                    "another stray '}' inside the entry; the fields after it were kept",
                    previous.key,
                )
                remainder = remainder[1:].lstrip()
            if not remainder.startswith(","):
                break
            position = len(body) - len(remainder) + 1
        self.entries[-1] = self.build_entry(previous.key, previous.type, raw, previous.line)


def normalise_source(text: str) -> str:
    """The file as the splitter can read it, line numbers kept: one kind of line end,
    comments blanked (whole `%` lines; a `%` between fields to the end of its line),
    entry heads written `@type{` whatever space the file put around the type, empty
    fields (`, ,`) dropped, and an empty key given to entries without one."""
    if "\r" in text:  # Windows and old Mac line ends count as one line end each
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "%" in text:
        text = _blank_comment_lines(text)
    text = _SPACED_HEAD.sub(_close_head, text)  # one pass; a pre-check cost three times more
    if "%" in text:
        text = _strip_field_comments(text)
    if _EMPTY_FIELD.search(text):
        text = _drop_empty_fields(text)
    return _give_empty_keys(text)


def _starts_line(text: str, at: int) -> int:
    """Where the line of `at` starts if only blanks (spaces, tabs) stand before `at` on
    it, else -1."""
    start = text.rfind("\n", 0, at) + 1
    return start if not text[start:at].strip(" \t") else -1


def _blank_comment_lines(text: str) -> str:
    """Blank the lines that start with `%` (after blanks), keeping their line ends."""
    cuts = []
    for match in _COMMENT_TO_LINE_END.finditer(text):  # the first `%` of each line
        start = _starts_line(text, match.start())
        if start >= 0:
            cuts.append((start, match.end()))
    return _cut(text, cuts)


def _give_empty_keys(text: str) -> str:
    """`@article{ author = ...` -> `@article{, author = ...` where the head starts a line."""
    pieces: list[str] = []
    position = 0
    for match in _KEYLESS_ENTRY.finditer(text):
        if _starts_line(text, match.start()) >= 0:
            pieces += (text[position : match.end()], ",")
            position = match.end()
    return "".join(pieces) + text[position:] if pieces else text


def _close_head(match: re.Match[str]) -> str:
    """`@ article {` -> `@article{`; line ends in the gap move after the brace."""
    if match.group(1):
        return f"@{match.group(1)}{match.group(3)}" + "\n" * match.group(2).count("\n")
    return f"@{match.group(4)}{match.group(5)}"


def _strip_field_comments(text: str) -> str:
    """Blank `% …` to the line end where it stands between an entry's fields; a `%`
    inside a value is text, as BibTeX reads it."""
    percents = (at for at in _find_all(text, "%") if not (at and text[at - 1] == "\\"))
    cuts = []
    for at in _between_fields(text, percents):
        end = text.find("\n", at)
        cuts.append((at, len(text) if end < 0 else end))
    return _cut(text, cuts)


def _drop_empty_fields(text: str) -> str:
    """`title = {T}, , year = 2020` -> `title = {T}, year = 2020` (exports that write an
    empty field); commas inside values are text."""
    spans = {match.start(): match.end() for match in _EMPTY_FIELD.finditer(text)}
    return _cut(text, [(at + 1, spans[at]) for at in _between_fields(text, iter(spans))])


def _find_all(text: str, char: str) -> Iterator[int]:
    at = text.find(char)
    while at >= 0:  # `str.find`: a regex with a look-behind is 20x slower on big files
        yield at
        at = text.find(char, at + 1)


def _between_fields(text: str, positions: Iterator[int]) -> Iterator[int]:
    """The `positions` (ascending) that stand between an entry's fields: brace depth one,
    outside quotes. Only the entries holding a position are scanned, each once."""
    scanned_to = 0  # the scan's position, depth and quoting carry on within one entry
    depth = 0
    quoted = False
    for at in positions:
        if at < scanned_to:
            continue
        entry_start = text.rfind("\n@", 0, at) + 1
        if entry_start > scanned_to or scanned_to == 0:
            scanned_to, depth, quoted = entry_start, 0, False
        for match in _ENTRY_SYNTAX.finditer(text, scanned_to, at):
            char = match.group(0)
            if char == "{":
                depth += 1
            elif char == "}":
                depth = max(depth - 1, 0)
            elif char == '"' and depth == 1:
                quoted = not quoted
        scanned_to = at
        if depth == 1 and not quoted:
            yield at


def _cut(text: str, cuts: list[tuple[int, int]]) -> str:
    """`text` without the (ascending, disjoint) spans; their line ends are kept."""
    if not cuts:
        return text
    pieces: list[str] = []
    position = 0
    for start, end in cuts:
        if start < position:
            continue
        pieces.append(text[position:start])
        pieces.append("\n" * text.count("\n", start, end))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _rebuild_with(entry: Entry, raw: dict[str, str], inherited: dict[str, str]) -> Entry:
    """`entry` built again from its merged raw fields (the inherited ones included); a
    warning the build repeats belongs to the parent, which reported it already."""
    rebuilt = _FileParser(entry.source).build_entry(entry.key, entry.type, raw, entry.line)
    return rebuilt.replaced(inherited=inherited)


def _suffixed(base: str, suffix: int) -> str:
    """`lee2020`, `lee2020a` … `lee2020z`, then `lee202027`, …"""
    if not suffix:
        return base
    return f"{base}{chr(ord('a') + suffix - 1) if suffix <= 26 else suffix}"


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= 30 else flat[:27] + "...")


# ---------------------------------------------------------------------------------------
# Public entry points


def parse_bib_text(
    text: str,
    source: str,
    strings: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Entry], list[LoadWarning]]:
    """Parse BibTeX text; `source` names it in entries and warnings. `strings` holds the
    `@string` abbreviations defined so far (by earlier files); the file's own are added
    to it. `progress(done, total)` hears how far the parse has got."""
    parser = _FileParser(source, strings if strings is not None else {}, progress=progress)
    with collector_paused():
        parser.parse(text)
    return parser.entries, parser.warnings


def load_file(
    path: str | Path,
    label: str | None = None,
    strings: dict[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Entry], list[LoadWarning]]:
    """Read and parse one .bib file (with the abbreviations of earlier files, if given;
    the file's own are added to `strings`). `progress` hears how far a parse has got."""
    label = label or str(path)
    if strings is None:
        strings = {}
    text, warnings = read_bib_text(Path(path), label)
    entries, parse_warnings = parse_bib_text(text, label, strings, progress)
    return entries, warnings + parse_warnings


def parse_sources(
    sources: Sequence[tuple[Path, str]], progress: Callable[[str, int, int], None] | None
) -> tuple[list[Entry], list[LoadWarning]]:
    """Parse the files in order: a key defined again wins over the earlier one, and
    `crossref`/`xdata` are resolved across all of them."""
    entries: list[Entry] = []
    warnings: list[LoadWarning] = []
    position: dict[str, int] = {}
    # An abbreviation defined in one file serves the files after it, as BibTeX reads
    # `\bibliography{abbrev,refs}`.
    strings: dict[str, str] = {}
    for path, label in sources:
        told = partial(progress, label) if progress is not None else None
        file_entries, file_warnings = load_file(path, label, strings, told)
        warnings.extend(file_warnings)
        for entry in file_entries:
            if entry.key in position:
                earlier = entries[position[entry.key]]
                warnings.append(
                    LoadWarning(
                        entry.source,
                        entry.line,
                        "duplicate-key",
                        duplicate_key_message(earlier.source, earlier.line),
                        entry.key,
                    )
                )
                entries[position[entry.key]] = entry
            else:
                position[entry.key] = len(entries)
                entries.append(entry)
    if any("crossref" in e.raw or "xdata" in e.raw or e.type == "xdata" for e in entries):
        from .inheritance import resolve_inheritance

        inherited = resolve_inheritance(entries, _rebuild_with)
        entries = inherited.entries
        warnings.extend(
            LoadWarning(
                problem.entry.source,
                problem.entry.line,
                problem.kind,
                problem.message,
                problem.entry.key,
            )
            for problem in inherited.problems
        )
    return entries, warnings

"""The text of a report to find citations in: Markdown, LaTeX, plain text or Word (.docx).

A Word document is read with the standard library (it is a zip of XML): each paragraph of
the body, then of the footnotes and endnotes, becomes one line. Other binary formats are
named in a one-line error, never read as text. `prose` then blanks what is not prose in
its kind of document (Markdown code, LaTeX comments and `\\@`), keeping every offset and
line, so that a key shown as code is not taken for a citation.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import CoproError

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# The parts of a Word document that hold text a reader sees, in reading order.
_WORD_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Other formats a report may come in, by their first bytes: (signature, name, advice).
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Word (.doc) or other OLE document"),
    (b"{\\rtf", "an RTF document"),
)
_SAVE_AS = "save it as .docx, Markdown, LaTeX or plain text"

_MARKDOWN = (".md", ".markdown", ".mdown", ".mkd", ".qmd", ".rmd")
_LATEX = (".tex", ".ltx", ".latex")


class Document(NamedTuple):
    """A report's text and its kind: `docx`, `markdown`, `latex` or `text`."""

    text: str
    kind: str


def read_document(path: Path) -> Document:
    """The text of the report at `path`, or a `CoproError` naming what it found."""
    from .fileio import read_text_file

    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError:
        head = b""  # read_text_file below says what is wrong with the path
    if head.startswith(b"PK\x03\x04"):
        return Document(_word_text(path), "docx")
    for signature, name in _SIGNATURES:
        if head.startswith(signature):
            raise CoproError(f"{path}: is {name}, which refs cannot read; {_SAVE_AS}.")
    text = read_text_file(path)
    return Document(text, kind_of(path.name, text))


def kind_of(name: str, text: str) -> str:
    """The kind of a text document, by its file name, else by what it holds."""
    lowered = name.lower()
    if lowered.endswith(_MARKDOWN):
        return "markdown"
    if lowered.endswith(_LATEX):
        return "latex"
    if "\\documentclass" in text or "\\begin{document}" in text:
        return "latex"
    return "markdown" if lowered in ("", "-") else "text"


def _word_text(path: Path) -> str:
    """The paragraphs of a .docx, one a line: body, then footnotes and endnotes."""
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                kind = (
                    "an OpenDocument file"
                    if "mimetype" in names
                    else "a zip archive, not a Word document"
                )
                raise CoproError(f"{path}: is {kind}, which refs cannot read; {_SAVE_AS}.")
            lines: list[str] = []
            for part in _WORD_PARTS:
                if part in names:
                    root = ElementTree.fromstring(archive.read(part))
                    lines.extend(_paragraphs(root))
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, OSError) as error:
        raise CoproError(f"{path}: is a damaged Word document ({error}); {_SAVE_AS}.") from None
    return "\n".join(lines) + "\n"


def _paragraphs(root: Element) -> list[str]:
    """The text of each paragraph (`w:p`) under `root`: its runs' text, tabs and breaks.
    Code (a paragraph or run in a code style, as Markdown's code becomes) is blank."""
    found = []
    for paragraph in root.iter(f"{_WORD}p"):
        if _is_code(paragraph.find(f"{_WORD}pPr/{_WORD}pStyle")):
            found.append("")
            continue
        pieces = []
        for run in paragraph.iter(f"{_WORD}r"):
            if _is_code(run.find(f"{_WORD}rPr/{_WORD}rStyle")):
                continue
            for node in run:
                if node.tag == f"{_WORD}t" and node.text:
                    pieces.append(node.text)
                elif node.tag == f"{_WORD}tab":
                    pieces.append("\t")
                elif node.tag in (f"{_WORD}br", f"{_WORD}cr"):
                    pieces.append(" ")
        found.append("".join(pieces))
    return found


def _is_code(style: Element | None) -> bool:
    """Whether a paragraph or run style is one for code (`SourceCode`, `VerbatimChar`,
    `HTML Code`, …)."""
    name = style.get(f"{_WORD}val", "") if style is not None else ""
    return any(word in name.lower() for word in ("code", "verbatim"))


# -- what is not prose -------------------------------------------------------------------

# A fenced code block: ``` or ~~~ (three or more) to the same fence or the end.
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
# An indented code block: lines of four spaces or a tab after a blank line.
_INDENTED = re.compile(r"(?:\A|\n[ \t]*\n)((?:(?:[ ]{4}|\t)[^\n]*(?:\n|\Z))+)")
# An inline code span: a run of backticks to the same run, within one paragraph.
_CODE_SPAN = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
# A LaTeX comment: % (not \%) to the end of the line; `\@` (spacing, never a key).
_LATEX_COMMENT = re.compile(r"(?<!\\)(?:\\\\)*%[^\n]*")
_LATEX_AT = re.compile(r"\\@")
_VERBATIM = re.compile(
    r"\\begin\{(verbatim|lstlisting|minted)\*?\}.*?\\end\{\1\*?\}|\\verb\*?(.).*?\2", re.S
)


def prose(text: str, kind: str) -> str:
    """`text` with what is not prose in a document of `kind` blanked: every character but
    line ends becomes a space, so offsets and line numbers stay the same."""
    if kind == "markdown":
        patterns = (_FENCE, _INDENTED, _CODE_SPAN)
    elif kind == "latex":
        patterns = (_VERBATIM, _LATEX_COMMENT, _LATEX_AT)
    else:
        return text
    for pattern in patterns:
        text = pattern.sub(_blank, text)
    return text


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())

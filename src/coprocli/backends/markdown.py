"""Markdown (CommonMark and pandoc's Markdown): `*emphasis*`, `**strong**`, `[text](url)`.

Escaping covers what either reader could take as markup: the inline specials
(`* _ [ ] < > \\` and backticks), pandoc's extensions (`~ ^ $ |`, `@key` citations),
entity references (`&amp;`), and block starters at the start of a line (`#`, `>`, list
markers such as `-`, `+`, `1.`, setext underlines).
"""

from __future__ import annotations

import re

from ..terminal import has_unsafe, visible
from ._base import Backend

_INLINE = re.compile(r"[\\`*_\[\]{}<>~^$|]|&(?=#?\w+;)|(?<![\w.])@(?=\w)")
_BLOCK_START = re.compile(r"^([ \t]*)(?:([#>+=-])|(\d+)([.)])(?=[ \t]|$))", re.MULTILINE)


def _block_start(match: re.Match[str]) -> str:
    indent = match.group(1)
    if match.group(3) is not None:  # `1.` or `1)`: escape the delimiter
        return f"{indent}{match.group(3)}\\{match.group(4)}"
    return f"{indent}\\{match.group(2)}"


def _destination(url: str) -> str:
    """A URL as a link destination: blanks and angle brackets encoded, parentheses escaped."""
    encoded = re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", url)
    return re.sub(r"([()\\])", r"\\\1", encoded)


class MarkdownBackend(Backend):
    name = "markdown"
    description = "Markdown (CommonMark, pandoc)"
    extension = "md"

    def escape(self, text: str) -> str:
        # Terminal controls from a .bib file shown as `\x1b`, as in plain text: Markdown
        # is read in terminals too.
        escaped = _INLINE.sub(lambda match: "\\" + match.group(), visible(text))
        # `*` and `_` were escaped above already; other block starters are escaped here.
        return _BLOCK_START.sub(_block_start, escaped)

    def _wrap(self, marker: str, content: str) -> str:
        # Delimiters must touch the text: `* a *` is not emphasis.
        stripped = content.strip()
        if not stripped:
            return content
        lead = content[: len(content) - len(content.lstrip())]
        trail = content[len(content.rstrip()) :]
        return f"{lead}{marker}{stripped}{marker}{trail}"

    def format_emph(self, content: str) -> str:
        return self._wrap("*", content)

    def format_strong(self, content: str) -> str:
        return self._wrap("**", content)

    def format_link(self, url: str, content: str, text: str) -> str:
        if has_unsafe(url):  # a control character is no part of an address: text only
            return content
        if text.strip() == url and not re.search(r"[\s<>]", url) and ":" in url:
            return f"<{url}>"
        return f"[{content}]({_destination(url)})"

    def paragraph(self, content: str) -> str:
        return f"{content}\n\n"

    def heading(self, text: str, level: int) -> str:
        return f"{'#' * min(max(level, 1), 6)} {self.escape(' '.join(text.split()))}\n\n"

    def bullet_list(self, items: list[str]) -> str:
        return "".join(f"- {_indent(item, 2)}\n" for item in items) + "\n"

    def numbered_list(self, items: list[str], start: int = 1) -> str:
        lines = []
        for number, item in enumerate(items, start):
            marker = f"{number}. "
            lines.append(f"{marker}{_indent(item, len(marker))}\n")
        return "".join(lines) + "\n"


def _indent(item: str, width: int) -> str:
    """Continuation lines of a list item indented under its text."""
    return item.replace("\n", "\n" + " " * width)

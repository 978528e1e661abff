"""The base every output backend builds on: walking a rich-text tree, and URL checks.

A backend turns the markup-free trees of `richtext.py` into one markup. It owns all
escaping: a text leaf goes through `escape` and nothing else, so whatever an entry holds
(`<script>`, `\\input{...}`, `}{\\rtf1`) comes out as inert text. Document-level helpers
(paragraphs, headings, lists, whole documents) take already rendered markup, except
`heading` and `annotation`, which take plain text and escape it themselves.
"""

from __future__ import annotations

import re
from typing import ClassVar

from ..richtext import Emph, Link, Node, Span, Strong, Text, plain
from ..textblocks import ItemList, parse_blocks

#: URL schemes a link may use; any other (`javascript:`, `data:`) is shown as text only.
SAFE_SCHEMES = frozenset({"http", "https", "ftp", "ftps", "mailto", "doi", "urn", "file"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")
#: C0 controls other than tab and line ends: not allowed in HTML or TeX text, so dropped.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_url(url: str) -> str | None:
    """The URL, trimmed, if it is safe to make a link of; None for `javascript:` and the like.

    Browsers ignore blanks and control characters inside a scheme (`java\\tscript:`), so
    the scheme is judged with them removed; a URL without a scheme is a relative link.
    """
    trimmed = url.strip()
    if not trimmed:
        return None
    match = _SCHEME.match(_CONTROL_OR_SPACE.sub("", trimmed))
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return None
    return trimmed


class Backend:
    """One output markup. Subclasses set `name`, `description`, `extension` and override
    `escape`, the `format_*` methods and the document helpers."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    extension: ClassVar[str] = ""

    # -- inline ----------------------------------------------------------------------------

    def escape(self, text: str) -> str:
        """Text as this markup's literal text: every special character made inert."""
        raise NotImplementedError

    def render(self, node: Node) -> str:
        """A rich-text tree as markup."""
        if isinstance(node, Text):
            return self.escape(node.text)
        # A list, not a generator: `join` builds one from a generator anyway.
        content = "".join([self.render(child) for child in node.children])
        if isinstance(node, Emph):
            return self.format_emph(content) if content else ""
        if isinstance(node, Strong):
            return self.format_strong(content) if content else ""
        if isinstance(node, Link):
            url = safe_url(node.url)
            if url is None:
                return content
            return self.format_link(url, content, plain(node))
        assert isinstance(node, Span)
        return content

    def format_emph(self, content: str) -> str:
        return content

    def format_strong(self, content: str) -> str:
        return content

    def format_link(self, url: str, content: str, text: str) -> str:
        """A link to `url` (already checked by `safe_url`) showing `content` (rendered)."""
        return content

    # -- blocks ----------------------------------------------------------------------------

    def paragraph(self, content: str) -> str:
        """A paragraph of rendered `content`, with the separator that follows it."""
        raise NotImplementedError

    def heading(self, text: str, level: int) -> str:
        """A heading of plain `text` (escaped here); level 1 is the top."""
        raise NotImplementedError

    def bullet_list(self, items: list[str]) -> str:
        """A bulleted list of rendered items."""
        raise NotImplementedError

    def numbered_list(self, items: list[str], start: int = 1) -> str:
        """A numbered list of rendered items, numbered from `start`."""
        raise NotImplementedError

    def reference_list(self, items: list[str], numbered: bool = False) -> str:
        """A reference list of rendered references (labels, if any, already in the items)."""
        if numbered:
            return self.numbered_list(items)
        return "".join(self.paragraph(item) for item in items)

    def document(self, body: str, title: str | None = None, standalone: bool = False) -> str:
        """The body as a fragment, or as a complete document with `standalone=True`."""
        return body.strip("\n") + "\n" if body.strip() else ""

    def annotation(self, text: str) -> str:
        """Plain annotation text as paragraphs and real lists (escaped here)."""
        parts: list[str] = []
        for block in parse_blocks(text):
            if isinstance(block, ItemList):
                items = [self.escape(item) for item in block.items]
                if block.ordered:
                    parts.append(self.numbered_list(items, block.start))
                else:
                    parts.append(self.bullet_list(items))
            else:
                parts.append(self.paragraph(self.escape(block.text)))
        return "".join(parts)

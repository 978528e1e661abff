"""Word documents (.docx): reference lists, in-text citations and reading lists.

Built with python-docx (imported only here, and only when a Word file is asked for) from
the same rich text the other formats render: italics and bold as run formatting, links as
real hyperlinks (safe schemes only), references with a hanging indent, reading-list groups
as headings, and the lists of an annotation as Word's bulleted and numbered lists. The
document's properties (title, subject, author, keywords) say what it is.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .backends._base import safe_url
from .richtext import Emph, Link, Node, Span, Strong, Text
from .textblocks import ItemList, parse_blocks

if TYPE_CHECKING:
    from .model import Entry

#: The indent of a reference's second and later lines (half an inch, as the manuals ask).
_HANGING_CM = 1.27


class WordDocument:
    """A Word document being written, block by block."""

    def __init__(self, *, title: str, subject: str, keywords: str = "") -> None:
        import docx

        self._document = docx.Document()
        properties = self._document.core_properties
        properties.title = title
        properties.subject = subject
        properties.author = "copro"
        properties.keywords = keywords
        properties.comments = f"{subject}, made by copro"

    def heading(self, text: str, level: int) -> None:
        self._document.add_heading(text, level)

    def text(self, text: str) -> None:
        """A paragraph of plain text."""
        self._document.add_paragraph(text)

    def reference(self, node: Node, *, hanging: bool = True) -> None:
        """A formatted reference (or citation): one paragraph, with a hanging indent."""
        from docx.shared import Cm

        paragraph = self._document.add_paragraph()
        if hanging:
            paragraph.paragraph_format.left_indent = Cm(_HANGING_CM)
            paragraph.paragraph_format.first_line_indent = Cm(-_HANGING_CM)
        self._runs(paragraph, node, italic=False, bold=False)

    def annotation(self, text: str) -> None:
        """An annotation's paragraphs, and its lists as Word lists."""
        for block in parse_blocks(text):
            if isinstance(block, ItemList):
                style = "List Number" if block.ordered else "List Bullet"
                for item in block.items:
                    self._document.add_paragraph(item, style=style)
            else:
                self._document.add_paragraph(block.text)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self._document.save(buffer)
        return buffer.getvalue()

    # -- runs ------------------------------------------------------------------------------

    def _runs(self, paragraph: Any, node: Node, *, italic: bool, bold: bool) -> None:
        if isinstance(node, Text):
            if node.text:
                run = paragraph.add_run(node.text)
                run.italic = italic or None
                run.bold = bold or None
            return
        if isinstance(node, Link):
            url = safe_url(node.url)
            if url is not None:
                self._hyperlink(paragraph, url, node, italic=italic, bold=bold)
                return
        italic = italic or isinstance(node, Emph)
        bold = bold or isinstance(node, Strong)
        for child in node.children:
            self._runs(paragraph, child, italic=italic, bold=bold)

    def _hyperlink(self, paragraph: Any, url: str, node: Link, *, italic: bool, bold: bool) -> None:
        """A clickable link: python-docx has no call for one, so the XML is made here."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        part = paragraph.part
        relation = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), relation)
        start = len(paragraph._p)  # the runs made below are moved into the link
        # The link's content as a plain span (its URL is on the enclosing element).
        self._runs(paragraph, Span(node.children), italic=italic, bold=bold)
        for run in list(paragraph._p)[start:]:
            properties = run.get_or_add_rPr()
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), "Hyperlink")
            properties.insert(0, style)
            link.append(run)
        paragraph._p.append(link)


# -- documents -----------------------------------------------------------------------------


def reference_list(entries: Sequence[Entry], style_name: str, *, title: str | None = None) -> bytes:
    """The reference list of `entries` in the style's order, as a Word document."""
    from .citing import labelled_references

    document = WordDocument(
        title=title or "References", subject=f"References ({style_name})", keywords="references"
    )
    if title:
        document.heading(title, 1)
    for node in labelled_references(entries, style_name):
        document.reference(node)
    return document.to_bytes()


def in_text(entries: Sequence[Entry], style_name: str, *, narrative: bool = False) -> bytes:
    """One in-text citation of all `entries`, as a Word document."""
    from .citing import citation_node

    document = WordDocument(title="Citation", subject=f"Citation ({style_name})")
    document.reference(citation_node(entries, style_name, narrative=narrative), hanging=False)
    return document.to_bytes()


def reading_list(
    entries: Sequence[Entry],
    *,
    style: str,
    group_by: str,
    title: str | None,
    intro: str | None,
    formatted: Mapping[str, Node] | None = None,
) -> bytes:
    """The annotated reading list (`readinglist.py`'s parts) as a Word document."""
    from .readinglist import reading_list_parts

    document = WordDocument(
        title=title or "Reading list",
        subject=f"Annotated reading list ({style})",
        keywords="reading list",
    )
    parts = reading_list_parts(
        entries, style=style, group_by=group_by, title=title, intro=intro, formatted=formatted
    )
    for part in parts:
        if part.kind == "heading":
            document.heading(part.text, part.level)
        elif part.kind == "intro":
            document.text(part.text)
        elif part.kind == "reference":
            assert part.node is not None
            document.reference(part.node)
        else:
            document.annotation(part.text)
    return document.to_bytes()

"""Any CSL style, through pandoc's citeproc: `--csl FILE.csl` (and `--locale xx-XX`).

The entries go to pandoc as BibLaTeX, written by copro's exporter (which reads back into
pandoc as the same references as the library it came from), with a short Markdown document
that cites them; pandoc formats the citation or the
reference list in the style and writes the markup asked for. pandoc is the binary that
`pip install 'copro[csl]'` (pypandoc-binary) brings, else the one on PATH. The six built-in
styles never need it.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CoproError, UsageError
from .richtext import Node, Text, emph, link, span, strong

if TYPE_CHECKING:
    from .model import Entry

#: copro's markups as pandoc's writers.
_WRITERS = {
    "text": "plain",
    "markdown": "markdown-citations",
    "html": "html",
    "latex": "latex",
    "rtf": "rtf",
    "docx": "docx",
}
_NO_PANDOC = (
    "--csl needs pandoc: install it (https://pandoc.org/installing.html) "
    "or pip install 'copro[csl]'."
)


def pandoc() -> str:
    """The pandoc program: the one `copro[csl]` installs (pypandoc-binary, a pandoc 3 these
    styles need), else pandoc on PATH; a `CoproError` saying how to get one when neither."""
    try:
        import pypandoc  # type: ignore[import-not-found,import-untyped,unused-ignore]

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        pass
    found = shutil.which("pandoc")
    if found is None:
        raise CoproError(_NO_PANDOC)
    return found


def check_style(path: Path) -> Path:
    """`path` if it is a readable CSL style file; else a one-line `UsageError`."""
    try:
        head = path.read_bytes()[:4096]
    except FileNotFoundError:
        raise UsageError(f"{path}: no such CSL file; check the path.") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror}).") from None
    if b"<style" not in head or b"http://purl.org/net/xbiblio/csl" not in head:
        raise UsageError(f"{path}: is not a CSL style (no <style> in the CSL namespace).")
    return path


def render(
    entries: Sequence[Entry],
    style: Path,
    markup: str,
    *,
    locale: str | None = None,
    in_text: bool = False,
    narrative: bool = False,
) -> str | bytes:
    """The reference list (or one in-text citation) of `entries` in the CSL `style`, as
    `markup` (bytes for docx)."""
    keys = [entry.key for entry in entries]
    if narrative:
        body = "; ".join(f"@{{{key}}}" for key in keys)
    elif in_text:
        body = "[" + "; ".join(f"@{{{key}}}" for key in keys) + "]"
    else:
        body = ""
    produced = _pandoc(
        entries, style, _WRITERS[markup], locale=locale, cited=not (in_text or narrative), body=body
    )
    return produced if markup == "docx" else produced.decode("utf-8").strip("\n")


def references(
    entries: Sequence[Entry], style: Path, *, locale: str | None = None
) -> dict[str, Node]:
    """Each entry's reference in the CSL `style` as copro's rich text, by key: for
    documents that place references themselves (a reading list), in any markup."""
    import json

    tree = json.loads(_pandoc(entries, style, "json", locale=locale, cited=True, body=""))
    found: dict[str, Node] = {}
    for block in _blocks(tree.get("blocks", [])):
        identifier = block["c"][0][0] if block.get("t") == "Div" else ""
        if identifier.startswith("ref-"):
            # (a style may leave a space after the last word, inside its last span)
            found[identifier[4:]] = _without_trailing_space(span(*_block_inlines(block["c"][1])))
    return found


def _pandoc(
    entries: Sequence[Entry],
    style: Path,
    writer: str,
    *,
    locale: str | None,
    cited: bool,
    body: str,
) -> bytes:
    """pandoc's output (`writer`) for a Markdown document of `body`, with every entry in
    the bibliography when `cited`, else none (`body` cites them)."""
    from .exporters import get_exporter

    program = pandoc()
    front = ["---"]
    if cited:
        front.append("nocite: '" + ", ".join(f"@{{{entry.key}}}" for entry in entries) + "'")
    else:
        front.append("suppress-bibliography: true")
    if locale:
        front.append(f"lang: {locale}")
    document = "\n".join([*front, "---", "", body, ""])
    with tempfile.TemporaryDirectory(prefix="copro-csl-") as folder:
        data = Path(folder) / "references.bib"
        data.write_text(get_exporter("biblatex").export(entries), "utf-8")
        target = Path(folder) / "out"
        command = [program, "--from", "markdown", "--to", writer, "--citeproc", "--csl", str(style)]
        command += ["--bibliography", str(data), "--wrap", "none", "--output", str(target)]
        try:
            done = subprocess.run(
                command, input=document.encode(), capture_output=True, timeout=300
            )
        except OSError as error:
            raise CoproError(f"pandoc could not be run ({error.strerror}). {_NO_PANDOC}") from None
        if done.returncode != 0:
            said = done.stderr.decode(errors="replace").strip().splitlines()
            raise CoproError(f"pandoc failed with {style}: {said[-1] if said else 'no message'}")
        return target.read_bytes()


# -- pandoc's document tree as rich text ---------------------------------------------------


def _blocks(blocks: list[Any]) -> Iterator[Any]:
    """Every block, nested Divs included, in order."""
    for block in blocks:
        yield block
        if block.get("t") == "Div":
            yield from _blocks(block["c"][1])


def _block_inlines(blocks: list[Any]) -> list[Node]:
    """The inlines of a reference's blocks, as rich text (blocks joined by a space)."""
    nodes: list[Node] = []
    for block in blocks:
        kind = block.get("t")
        if kind in ("Para", "Plain"):
            if nodes:
                nodes.append(Text(" "))
            nodes.extend(_inlines(block["c"]))
        elif kind == "Div":
            if nodes:
                nodes.append(Text(" "))
            nodes.extend(_block_inlines(block["c"][1]))
    return nodes


def _without_trailing_space(node: Node) -> Node:
    """`node` with the blanks at the end of its last text taken off."""
    if isinstance(node, Text):
        return Text(node.text.rstrip())
    children = list(node.children)
    while children:
        last = _without_trailing_space(children[-1])
        if isinstance(last, Text) and not last.text:
            children.pop()
            continue
        children[-1] = last
        break
    return replace(node, children=tuple(children))


_QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}


def _inlines(inlines: list[Any]) -> list[Node]:
    nodes: list[Node] = []
    for inline in inlines:
        kind, content = inline.get("t"), inline.get("c")
        if kind == "Str":
            nodes.append(Text(content))
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            nodes.append(Text(" "))
        elif kind == "Emph":
            nodes.append(emph(*_inlines(content)))
        elif kind == "Strong":
            nodes.append(strong(*_inlines(content)))
        elif kind == "Link":
            nodes.append(link(content[2][0], *_inlines(content[1])))
        elif kind == "Quoted":
            opening, closing = _QUOTES.get(content[0]["t"], ("\u201c", "\u201d"))
            nodes.append(span(opening, *_inlines(content[1]), closing))
        elif kind in ("Span", "Cite"):
            nodes.append(span(*_inlines(content[1])))
        elif kind in ("SmallCaps", "Superscript", "Subscript", "Underline", "Strikeout"):
            nodes.append(span(*_inlines(content)))
        elif kind in ("Code", "Math"):
            nodes.append(Text(content[1]))
        # RawInline, Note, Image: nothing a reference shows as text
    return nodes

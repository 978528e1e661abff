"""Reports as `refs` reads them (`documents.py`): Word documents, and what is not prose
(Markdown code, LaTeX comments) left out of the search for citations."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from coprocli.documents import kind_of, prose, read_document
from coprocli.errors import CoproError
from coprocli.refs import find_citations

from .citeproc_reference import pandoc_path
from .conftest import Runner

REPORT = """\
# Co-production in practice

Time banks grew in the 2000s [@ryancollins2008new], and Boyle and Harris (2009) set out
the case.[^1] Budgets came later (Slay, 2011).

[^1]: See also @needham2009coproduction and [@foot2010glass, p. 4].

A citation shown as code is not one: `[@spice]`, nor is

```
\\cite{tlapthinklocal}
```
"""


def keys(text: str) -> list[str]:
    return [c.key or f"{'+'.join(c.surnames)} {c.year}" for c in find_citations(text)]


# -- what is not prose ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Shown `[@spice]` and cited [@foot2010glass].", "markdown", ["foot2010glass"]),
        ("``a `@spice` b`` and @foot2010glass", "markdown", ["foot2010glass"]),
        ("Text.\n\n    @spice in code\n\nAnd @foot2010glass.", "markdown", ["foot2010glass"]),
        ("~~~\n[@spice]\n~~~\nAfter [@foot2010glass].", "markdown", ["foot2010glass"]),
        ("As cited \\cite{foot2010glass} % not \\cite{spice}", "latex", ["foot2010glass"]),
        ("Costs 5\\% \\cite{foot2010glass}.", "latex", ["foot2010glass"]),
        ("Dr.\\@spice met \\citet{foot2010glass}.", "latex", ["foot2010glass"]),
        (
            "\\begin{verbatim}\\cite{spice}\\end{verbatim} \\cite{foot2010glass}",
            "latex",
            ["foot2010glass"],
        ),
        # plain text keeps everything: `%` in prose is no comment
        ("50% of them (Slay, 2011) and `[@spice]`", "text", ["Slay 2011", "spice"]),
    ],
)
def test_what_is_not_prose_holds_no_citation(text: str, kind: str, found: list[str]) -> None:
    assert keys(prose(text, kind)) == found
    assert len(prose(text, kind)) == len(text)
    assert [i for i, c in enumerate(prose(text, kind)) if c == "\n"] == [
        i for i, c in enumerate(text) if c == "\n"
    ]


def test_kinds_by_name_then_by_content() -> None:
    assert kind_of("report.md", "") == "markdown"
    assert kind_of("paper.TEX", "") == "latex"
    assert kind_of("notes.txt", "\\documentclass{article}") == "latex"
    assert kind_of("notes.txt", "plain") == "text"
    assert kind_of("-", "piped") == "markdown"


# -- Word documents --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same report as Markdown and as a Word document made by pandoc (footnote included)."""
    pandoc = pandoc_path()
    if pandoc is None:
        pytest.skip("pandoc is not installed (pip install pypandoc-binary)")
    folder = tmp_path_factory.mktemp("report")
    markdown = folder / "report.md"
    markdown.write_text(REPORT, "utf-8")
    word = folder / "report.docx"
    # `-citations`: the keys stay as written, as in a report before its references.
    subprocess.run([pandoc, str(markdown), "-f", "markdown-citations", "-o", str(word)], check=True)
    return markdown, word


def test_a_word_document_holds_the_same_citations_as_its_markdown(
    copro: Runner, report: tuple[Path, Path]
) -> None:
    markdown, word = report
    from_markdown = json.loads(copro("refs", str(markdown), "--json").stdout)
    from_word = json.loads(copro("refs", str(word), "--json").stdout)
    cited = [citation["key"] for citation in from_word]
    assert cited == [citation["key"] for citation in from_markdown]
    # the footnote's citations are read too, and the code is not
    assert {"needham2009coproduction", "foot2010glass", "ryancollins2008new"} <= set(cited)
    assert "spice" not in cited and "tlapthinklocal" not in cited
    listed = copro("refs", str(word), "--style", "apa").stdout
    assert "Boyle, D., & Harris, M. (2009)" in listed


def test_word_text_is_its_paragraphs(report: tuple[Path, Path]) -> None:
    document = read_document(report[1])
    assert document.kind == "docx"
    assert "Boyle and Harris (2009)" in document.text
    assert "See also @needham2009coproduction" in document.text  # the footnote


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"%PDF-1.7\n...", "is a PDF document, which refs cannot read"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an old Word (.doc) or other OLE document"),
        (b"{\\rtf1\\ansi hello}", "is an RTF document"),
        (b"PK\x03\x04 not really a zip", "is a damaged Word document"),
        (b"\xff\xfe\x00\x00bad", "is not UTF-8 text"),
    ],
)
def test_a_document_refs_cannot_read_gets_one_line(
    copro: Runner, tmp_path: Path, content: bytes, said: str
) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(content)
    result = copro("refs", str(path))
    assert result.code != 0 and said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_other_zip_files_are_named(copro: Runner, tmp_path: Path) -> None:
    odt = tmp_path / "report.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    result = copro("refs", str(odt))
    assert result.code != 0 and "is an OpenDocument file" in result.stderr
    with pytest.raises(CoproError, match="zip archive, not a Word document"):
        other = tmp_path / "other.zip"
        with zipfile.ZipFile(other, "w") as archive:
            archive.writestr("a.txt", "hello")
        read_document(other)

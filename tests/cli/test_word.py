"""Word output (`--format docx --output FILE`): read back with python-docx for structure and
formatting, and opened by LibreOffice where it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import Runner

docx = pytest.importorskip("docx")


def _written(copro: Runner, tmp_path: Path, *args: str) -> object:
    target = tmp_path / "out.docx"
    result = copro(*args, "--format", "docx", "--output", str(target))
    assert result.code == 0, result.stderr
    assert result.stderr == f"Wrote {target}.\n"
    return docx.Document(str(target))


def test_reading_list_has_sections_references_and_annotation_lists(
    copro: Runner, tmp_path: Path
) -> None:
    document = _written(copro, tmp_path, "reading-list", "--all", "--title", "Co-production")
    paragraphs = document.paragraphs  # type: ignore[attr-defined]
    headings = [p.text for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Co-production" and len(headings) == 4  # the title, three sections
    references = [p for p in paragraphs if p.paragraph_format.first_line_indent is not None]
    assert len(references) == 19
    for reference in references:  # a hanging indent: the first line starts further left
        assert reference.paragraph_format.first_line_indent < 0
        assert reference.paragraph_format.left_indent > 0
    boyle = next(p for p in references if p.text.startswith("Boyle, D. and Harris, M. (2009)"))
    italic = "".join(run.text for run in boyle.runs if run.italic)
    assert italic.startswith("The challenge of co-production")
    assert not any(run.italic for run in boyle.runs if "Boyle" in run.text)
    bullets = [p.text for p in paragraphs if p.style.name == "List Bullet"]
    assert "Recognising people as assets" in bullets
    properties = document.core_properties  # type: ignore[attr-defined]
    assert properties.title == "Co-production"
    assert properties.subject == "Annotated reading list (harvard)"
    assert properties.author == "copro"


def test_cite_and_export_write_references_and_citations(copro: Runner, tmp_path: Path) -> None:
    cited = _written(copro, tmp_path, "cite", "ryancollins2008new", "--style", "apa")
    (reference,) = cited.paragraphs  # type: ignore[attr-defined]
    assert reference.text.startswith("Ryan-Collins, J., Stephens, L., & Coote, A. (2008).")
    assert any(run.italic and "The new wealth of time" in run.text for run in reference.runs)
    # the URL is a real hyperlink
    links = reference._p.xpath(".//w:hyperlink")
    assert (
        links
        and "http"
        in cited.part.rels[
            links[0].get(  # type: ignore[attr-defined]
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
            )
        ].target_ref
    )
    (in_text,) = _written(
        copro, tmp_path, "cite", "boyle2009challenge", "slay2011budgets", "--in-text", "--force"
    ).paragraphs  # type: ignore[attr-defined]
    assert in_text.text == "(Boyle & Harris, 2009; Slay, 2011)"
    exported = _written(copro, tmp_path, "export", "--all", "--style", "ieee", "--force")
    assert len(exported.paragraphs) == 19  # type: ignore[attr-defined]
    assert exported.paragraphs[0].text.startswith("[1] ")  # type: ignore[attr-defined]


def test_refs_writes_the_reference_list_of_a_report(copro: Runner, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text("As Boyle and Harris (2009) argue, and [@slay2011budgets].\n", "utf-8")
    document = _written(copro, tmp_path, "refs", str(report))
    texts = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    assert len(texts) == 2 and texts[0].startswith("Boyle, D., & Harris, M. (2009)")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cite", "spice", "--format", "docx"], "give --output FILE.docx"),
        (["reading-list", "--format", "docx"], "give --output FILE.docx"),
        (["cite", "spice", "--format", "docx", "--json", "-o", "x.docx"], "choose one"),
    ],
)
def test_word_output_needs_a_file(copro: Runner, args: list[str], message: str) -> None:
    result = copro(*args)
    assert result.code == 2 and message in result.stderr and result.stdout == ""


def test_an_existing_file_is_kept_without_force(copro: Runner, tmp_path: Path) -> None:
    target = tmp_path / "keep.docx"
    target.write_bytes(b"mine")
    result = copro("cite", "spice", "--format", "docx", "--output", str(target))
    assert result.code != 0 and "already exists" in result.stderr
    assert target.read_bytes() == b"mine"


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed (soffice)"
)
def test_libreoffice_opens_the_reading_list(copro: Runner, tmp_path: Path) -> None:
    target = tmp_path / "list.docx"
    assert copro("reading-list", "--all", "--format", "docx", "--output", str(target)).code == 0
    _convert(target, "txt:Text")
    text = (tmp_path / "list.txt").read_text("utf-8-sig")
    for heading in ("Introductory reading", "Practical tools", "Websites and short films"):
        assert heading in text
    assert "Recognising people as assets" in text  # an annotation's list, as a list
    references = copro("cite", "--all", "--style", "harvard").stdout.strip().split("\n\n")
    assert len(references) == 19
    lines = text.splitlines()
    for reference in references:  # every reference, whole, as a paragraph of its own
        assert reference in lines
    _convert(target, "pdf")
    assert (tmp_path / "list.pdf").read_bytes().startswith(b"%PDF")


def _convert(document: Path, to: str) -> None:
    """LibreOffice, headless, converts `document` beside itself (`to`: a filter)."""
    folder = document.parent
    subprocess.run(
        ["soffice", "--headless", "--convert-to", to, "--outdir", str(folder), str(document)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(folder), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
    )

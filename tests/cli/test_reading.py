"""`copro reading-list` and `copro refs`: annotated lists, keys in and out, report checking."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from ..conftest import SEED, Runner


def test_markdown_reading_list_reproduces_the_source_structure(copro: Runner) -> None:
    result = copro("reading-list", "--all")
    assert result.code == 0 and result.stderr == ""
    text = result.stdout
    headings = re.findall(r"^# (.+)$", text, re.M)
    assert headings == ["Introductory reading", "Practical tools", "Websites and short films"]
    seed = SEED.read_text("utf-8")
    keys = json.loads(copro("list", "--json").stdout)
    positions = [text.index(entry["fields"]["annotation"].splitlines()[0][:60]) for entry in keys]
    assert positions == sorted(positions), "entries are not in the source's order"
    # Lists stay lists: the six characteristics as six Markdown list items.
    assert "- Recognising people as assets\n- Building on people’s existing capabilities" in text
    assert "1. Treating people as assets\n2. Incorporating peoples’ skills" in text
    assert "Running time: 7:55 mins." in text and "Running time: 7:55 mins." in seed


def test_title_intro_and_grouping(copro: Runner) -> None:
    result = copro(
        "reading-list",
        "--section",
        "Practical tools",
        "--title",
        "Tools",
        "--intro",
        "Three tools.",
        "--group-by",
        "none",
        "--style",
        "apa",
    )
    assert result.stdout.startswith("# Tools\n\nThree tools.\n")
    assert "## " not in result.stdout
    by_year = copro("reading-list", "--all", "--group-by", "year").stdout
    assert re.findall(r"^# (.+)$", by_year, re.M)[:2] == ["2008", "2009"]


def test_standalone_html_page_with_print_css(copro: Runner) -> None:
    page = copro("reading-list", "--all", "--format", "html", "--standalone").stdout
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert page.count("<h2") + page.count("<h1") >= 3 and "<li>" in page


def test_hostile_titles_cannot_inject(copro: Runner, tmp_path: Path) -> None:
    bib = tmp_path / "evil.bib"
    bib.write_text(
        "@misc{evil, title = {<script>alert(1)</script> \\textbackslash input\\{x\\}},\n"
        "  annotation = {<b>bold</b> \\& \\}\\rtf1 more}}\n",
        "utf-8",
    )
    html = copro("--no-bundled", "--bib", str(bib), "reading-list", "--all", "--format", "html")
    assert "<script>" not in html.stdout.lower() and "&lt;b&gt;bold&lt;/b&gt; &amp;" in html.stdout
    latex = copro("--no-bundled", "--bib", str(bib), "reading-list", "--all", "--format", "latex")
    assert "\\input{" not in latex.stdout and "\\textbackslash{}input\\{x\\}" in latex.stdout
    rtf = copro("--no-bundled", "--bib", str(bib), "reading-list", "--all", "--format", "rtf")
    assert "\\}1 more" in rtf.stdout


def test_web_page_of_the_bundled_catalogue(copro: Runner, tmp_path: Path) -> None:
    target = tmp_path / "list.html"
    result = copro("reading-list", "--web", "--title", "Core papers", "--output", str(target))
    assert result.code == 0 and result.stdout == ""
    assert result.stderr == f"Wrote {target}.\n"
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page
    assert page.count('<article class="entry"') == 19 and '<script type="application/json"' in page
    # Whatever format the settings prefer, --web makes the page.
    preferred = copro(
        "reading-list", "--web", "--section", "Practical tools", env={"COPRO_FORMAT": "latex"}
    )
    assert preferred.code == 0 and preferred.stdout.count('<article class="entry"') == 3
    explicit = copro("reading-list", "--web", "--format", "HTML", "--standalone", "--style", "apa")
    assert explicit.code == 0 and '<option value="apa" selected>' in explicit.stdout


def test_web_page_in_a_csl_style(copro: Runner) -> None:
    from ..citeproc_reference import pandoc_path

    if pandoc_path() is None:
        pytest.skip("pandoc is not installed (pip install pypandoc-binary)")
    style = Path(__file__).resolve().parents[1] / "fixtures" / "csl" / "apa.csl"
    result = copro("reading-list", "--web", "--csl", str(style), "--section", "Practical tools")
    assert result.code == 0
    page = result.stdout
    assert '<option value="csl" selected>apa (CSL)</option>' in page
    assert '"style":"csl"' in page and page.count('<article class="entry"') == 3


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--format", "text"], "Error: --web makes an HTML page: drop --format text.\n"),
        (["-f", "docx"], "Error: --web makes an HTML page: drop --format docx.\n"),
        (
            ["--copy"],
            "Error: --web makes a page for a file: drop --copy, or --web to copy the list.\n",
        ),
        (["--style", "nope"], "Error: Unknown style 'nope'; choose one of: "),
        (["--group-by", "colour"], "Error: Unknown grouping 'colour'; choose one of: "),
    ],
)
def test_web_page_bad_combinations_are_usage_errors(
    copro: Runner, options: list[str], message: str
) -> None:
    result = copro("reading-list", "--web", *options)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_pipeline_search_to_cite(copro: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = copro("search", "timebanking", "--keys").stdout
    monkeypatch.setattr("sys.stdin", io.StringIO(keys))
    result = copro("cite", "-", "--style", "harvard")
    assert result.code == 0 and "Ryan-Collins, J." in result.stdout


def test_saved_key_file_re_renders(copro: Runner, tmp_path: Path) -> None:
    saved = tmp_path / "list.txt"
    saved.write_text("# my list\nboyle2009challenge, spice\n", "utf-8")
    result = copro("reading-list", "--keys-from", str(saved), "--format", "text")
    assert "The challenge of co-production" in result.stdout and "Spice" in result.stdout


def test_unknown_keys_print_nothing_unless_skipped(copro: Runner) -> None:
    result = copro("reading-list", "boyle2009challenge", "boyle2090", "spiec")
    assert result.code == 1 and result.stdout == ""
    assert "Unknown key 'boyle2090'" in result.stderr and "Unknown key 'spiec'" in result.stderr
    skipped = copro("reading-list", "boyle2009challenge", "boyle2090", "--skip-unknown")
    assert skipped.code == 0 and "challenge of co-production" in skipped.stdout


REPORT = """# Report

As Boyle and Harris (2009) argue, co-production matters [@slay2011budgets; @foot2010glass, p. 4].
Evidence is growing (Needham & Carr 2009; Slay 2011). Boyle et al. (2010) agree.
See \\citep[p.~3]{spice} and \\textcite{tlapthinklocal}. Also (Smith, 2020) and @nokey2000.
Mail me at someone@example.org.
"""


def test_refs_lists_what_a_report_cites(copro: Runner, tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(REPORT, "utf-8")
    result = copro("refs", str(report), "--style", "harvard")
    assert result.code == 0
    for name in (
        "Boyle, D. and Harris, M. (2009)",
        "Needham, C. and Carr, S. (2009)",
        "Spice (no date)",
        "Think Local Act Personal",
    ):
        assert name in result.stdout
    assert "line 5: '(Smith, 2020)' matches no entry" in result.stderr
    assert "'@nokey2000' matches no entry" in result.stderr
    assert "matches several entries" in result.stderr  # Slay 2011 and Boyle et al. 2010
    strict = copro("refs", str(report), "--strict")
    assert strict.code == 1


def test_refs_json(copro: Runner, tmp_path: Path) -> None:
    report = tmp_path / "report.tex"
    report.write_text("\\cite{boyle2009challenge,spice} and Foot and Hopkins (2010).\n", "utf-8")
    data = json.loads(copro("refs", str(report), "--json").stdout)
    assert [(c["line"], c["key"]) for c in data] == [
        (1, "boyle2009challenge"),
        (1, "spice"),
        (1, "foot2010glass"),
    ]
    assert data[2]["confidence"] >= 0.9 and data[2]["kind"] == "author-year"


def test_refs_reads_stdin_and_tolerates_typos(
    copro: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("As Neeham and Car (2009) show.\n"))
    data = json.loads(copro("refs", "-", "--json").stdout)
    assert data[0]["key"] == "needham2009coproduction"


def test_refs_of_a_report_citing_nothing_says_so(copro: Runner, tmp_path: Path) -> None:
    report = tmp_path / "plain.md"
    report.write_text("No citation here, only a year: 2009.\n", "utf-8")
    result = copro("refs", str(report))
    assert result.code == 0 and result.stdout == ""
    assert result.stderr.startswith(f"{report}: no citation found (copro reads [@key]")
    assert copro("--quiet", "refs", str(report)).stderr == ""
    assert copro("refs", str(report), "--json").stdout.strip() == "[]"


def test_refs_missing_document(copro: Runner, tmp_path: Path) -> None:
    result = copro("refs", str(tmp_path / "nope.md"))
    assert result.code == 1 and "no such file" in result.stderr


def test_pipeline_list_to_reading_list(copro: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = copro("list", "--section", "Practical tools", "--keys").stdout
    monkeypatch.setattr("sys.stdin", io.StringIO(keys))
    page = copro("reading-list", "-", "--format", "html").stdout
    assert page.count('<p class="reference">') + page.count("<p>") >= 3
    assert "Practical tools" in page and "Treating people as assets" in page


def test_without_a_selection_the_reading_list_takes_the_whole_catalogue(copro: Runner) -> None:
    plain = copro("reading-list")
    assert plain.code == 0 and plain.stderr == ""
    assert plain.stdout == copro("reading-list", "--all").stdout
    assert plain.stdout.count("Running time") >= 1 and plain.stdout.count("\n# ") == 2
    cite = copro("cite")  # citing needs a choice: a forgotten argument cites no library
    assert cite.code == 2 and "Give keys" in cite.stderr

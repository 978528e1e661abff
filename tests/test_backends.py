"""Output backends: registry, rendering of rich text, escaping of hostile text, documents."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprocli import latex
from coprocli.backends import BACKENDS, Backend, get_backend, safe_url
from coprocli.backends.rtf import escape_rtf
from coprocli.catalogue import load_catalogue
from coprocli.errors import UsageError
from coprocli.richtext import Node, emph, link, span, strong

HOSTILE = [
    "<script>alert(1)</script>",
    "\\input{/etc/passwd}",
    "}{\\rtf1 \\par evil}",
    "50% & $x^2$ #1 a_b ~c {NHS} `q` '' -- <<>> ,,",
    '"quoted" \'single\' <a href="x">',
    "# heading\n> quote\n1. item\n- dash\n+ plus",
    "[link](http://e.org) ![img](x.png) **bold** _it_ @key &amp; | pipe",
    "Gödel – Ångström — naïve 😀 \u00a0nbsp 中文",
]


@pytest.fixture(scope="module")
def catalogue_entries() -> list:  # type: ignore[type-arg]
    return load_catalogue().entries


def _hostile_tree(text: str) -> Node:
    return span(
        "Author (2020). ", emph(text), ". ", strong(text), " ", link("https://e.org/", text)
    )


# -- registry ----------------------------------------------------------------------------


def test_registry_lists_every_markup() -> None:
    assert list(BACKENDS) == ["text", "markdown", "html", "latex", "rtf"]
    for name, backend in BACKENDS.items():
        assert isinstance(backend, Backend)
        assert backend.name == name
        assert backend.description
        assert backend.extension
        assert get_backend(name.upper()) is backend


def test_unknown_backend_lists_choices() -> None:
    with pytest.raises(UsageError, match="choose one of: text, markdown, html, latex, rtf"):
        get_backend("docx")


# -- inline rendering --------------------------------------------------------------------

TREE = span(
    "Boyle, D. & Harris, M. (2009). ",
    emph("The Challenge of Co-production"),
    ". ",
    strong("nef"),
    ". ",
    link("https://e.org/a%20b_c#x"),
    " ",
    link("https://e.org/page", "page"),
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "text",
            "Boyle, D. & Harris, M. (2009). The Challenge of Co-production. nef. "
            "https://e.org/a%20b_c#x page <https://e.org/page>",
        ),
        (
            "markdown",
            "Boyle, D. & Harris, M. (2009). *The Challenge of Co-production*. **nef**. "
            "<https://e.org/a%20b_c#x> [page](https://e.org/page)",
        ),
        (
            "html",
            "Boyle, D. &amp; Harris, M. (2009). <em>The Challenge of Co-production</em>. "
            '<strong>nef</strong>. <a href="https://e.org/a%20b_c#x">https://e.org/a%20b_c#x</a> '
            '<a href="https://e.org/page">page</a>',
        ),
        (
            "latex",
            "Boyle, D. \\& Harris, M. (2009). \\emph{The Challenge of Co-production}. "
            "\\textbf{nef}. \\url{https://e.org/a\\%20b_c\\#x} \\href{https://e.org/page}{page}",
        ),
        (
            "rtf",
            "Boyle, D. & Harris, M. (2009). {\\i The Challenge of Co-production}. {\\b nef}. "
            '{\\field{\\*\\fldinst{HYPERLINK "https://e.org/a%20b_c#x"}}'
            "{\\fldrslt{\\ul\\cf2 https://e.org/a%20b_c#x}}} "
            '{\\field{\\*\\fldinst{HYPERLINK "https://e.org/page"}}{\\fldrslt{\\ul\\cf2 page}}}',
        ),
    ],
)
def test_render_each_markup(name: str, expected: str) -> None:
    assert get_backend(name).render(TREE) == expected


@pytest.mark.parametrize("name", list(BACKENDS))
def test_unsafe_link_schemes_become_plain_text(name: str) -> None:
    backend = get_backend(name)
    for url in ("javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,<b>x</b>"):
        rendered = backend.render(link(url, "click"))
        assert rendered == "click"
    assert safe_url("https://e.org") == "https://e.org"
    assert safe_url("www.e.org/x") == "www.e.org/x"
    assert safe_url("vbscript:x") is None


def test_html_never_links_a_script_or_data_url() -> None:
    """Every HTML link of copro goes through `format_link`, which checks the URL itself:
    even a caller that skips `render` cannot make a `javascript:` link."""
    backend = get_backend("html")
    for url in (
        "javascript:alert(1)",
        " JaVa\tScRiPt:alert(1)",
        "\x00javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "VBScript:msgbox(1)",
    ):
        assert backend.format_link(url, "click", "click") == "click"
    assert backend.format_link('https://e.org/?a=1&b="2"', "x", "x") == (
        '<a href="https://e.org/?a=1&amp;b=&quot;2&quot;">x</a>'
    )


def test_markdown_emphasis_delimiters_touch_the_text() -> None:
    assert get_backend("markdown").render(emph(" spaced ")) == " *spaced* "
    assert get_backend("markdown").render(emph("")) == ""


# -- hostile text, every backend ---------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse_html(markup: str) -> _Collector:
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    return collector


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_in_html(text: str) -> None:
    parsed = _parse_html(get_backend("html").render(_hostile_tree(text)))
    assert parsed.tags == ["em", "strong", "a"]
    assert parsed.attributes == [("href", "https://e.org/")]
    assert "".join(parsed.text) == f"Author (2020). {text}. {text} {text}"


def _latex_text_is_inert(escaped: str) -> bool:
    """No special character is left unescaped, no command but the escapes is present,
    and braces are balanced."""
    stripped = re.sub(
        r"\\(?:textbackslash|textasciitilde|textasciicircum|textasciigrave)\{\}|\\[{}&%$#_]",
        "",
        escaped,
    )
    stripped = stripped.replace("{}", "")
    return not re.search(r"[\\{}&%$#_^~`]", stripped)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_in_latex(text: str) -> None:
    backend = get_backend("latex")
    escaped = backend.escape(text)
    assert "\\input" not in escaped
    assert _latex_text_is_inert(escaped.replace("~", ""))  # `~` is the escape of nbsp
    rendered = backend.render(_hostile_tree(text))
    assert rendered.startswith("Author (2020). \\emph{" + escaped + "}")
    assert rendered.endswith("\\href{https://e.org/}{" + escaped + "}")


def _rtf_balanced(markup: str) -> bool:
    depth = 0
    for token in re.findall(r"\\[\\{}]|[{}]", markup):
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _rtf_text(escaped: str) -> str:
    """Decode the escapes `escape_rtf` writes (a tiny RTF text reader for tests)."""
    units: list[int] = []
    out: list[str] = []

    def flush() -> None:
        if units:
            out.append(b"".join(u.to_bytes(2, "little") for u in units).decode("utf-16-le"))
            units.clear()

    for match in re.finditer(r"\\u(-?\d+) \?|\\line |\\tab |\\([\\{}])|(.)", escaped, re.S):
        if match.group(1) is not None:
            units.append(int(match.group(1)) & 0xFFFF)
            continue
        flush()
        token = match.group()
        if token == "\\line ":
            out.append("\n")
        elif token == "\\tab ":
            out.append("\t")
        else:
            out.append(match.group(2) or match.group(3))
    flush()
    return "".join(out)


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_in_rtf(text: str) -> None:
    backend = get_backend("rtf")
    document = backend.document(backend.paragraph(backend.render(_hostile_tree(text))))
    assert document.isascii()
    assert _rtf_balanced(document)
    # `\rtf1` as a control word (not after an escaped backslash) only opens the document.
    assert len(re.findall(r"(?<!\\)(?:\\\\)*\\rtf1", document)) == 1
    assert _rtf_text(escape_rtf(text)) == text


def test_markdown_hostile_text_read_back_by_pandoc() -> None:
    pypandoc = pytest.importorskip("pypandoc")
    backend = get_backend("markdown")
    samples = [*HOSTILE, "1) numbered", "=== setext", "---", "*", "\\", "a  \\\nb", "`code`"]
    flat = [" ".join(sample.split()) for sample in samples]
    document = "".join(backend.paragraph(backend.escape(sample)) for sample in flat)
    html = pypandoc.convert_text(document, "html", format="markdown-smart")
    parsed = _parse_html(html)
    assert set(parsed.tags) == {"p"}
    paragraphs = re.findall(r"<p>(.*?)</p>", html, re.S)
    texts = ["".join(_parse_html(paragraph).text) for paragraph in paragraphs]
    assert [" ".join(text.split()) for text in texts] == [" ".join(s.split()) for s in flat]


# -- properties --------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x0c\x0b"),
    max_size=60,
)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_html_escapes_any_text(text: str) -> None:
    backend = get_backend("html")
    parsed = _parse_html(backend.render(span(emph(text), link("https://e.org/", text))))
    assert "".join(parsed.text) == _CONTROLS.sub("", text + text)
    assert set(parsed.tags) <= {"em", "a"}


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_latex_escapes_any_text(text: str) -> None:
    escaped = get_backend("latex").escape(text)
    assert _latex_text_is_inert(escaped.replace("~", ""))
    # The project's own LaTeX reader gives the text back (up to runs of blanks).
    expected = re.sub(r"[ \t\n\r]+", " ", _CONTROLS.sub("", text)).strip(" ")
    # The reader returns NFC text (U+F900 becomes U+8C48), so compare in that form.
    assert latex.decode(escaped) == unicodedata.normalize("NFC", expected)


@given(_TEXT)
@settings(max_examples=300, deadline=None)
def test_rtf_escapes_any_text(text: str) -> None:
    escaped = get_backend("rtf").escape(text)
    assert escaped.isascii()
    assert _rtf_balanced(escaped)
    expected = "".join(
        char for char in text if char in "\n\t" or not (ord(char) < 0x20 or ord(char) == 0x7F)
    )
    assert _rtf_text(escaped) == expected


@given(_TEXT)
@settings(max_examples=200, deadline=None)
def test_markdown_escape_leaves_no_live_markup(text: str) -> None:
    escaped = get_backend("markdown").escape(text)
    for special in "*_[]<>`{}$~^|\\":
        assert len(re.findall(rf"(?<!\\)(?:\\\\)*{re.escape(special)}", escaped)) == 0 or (
            special == "\\"
        )
    assert not re.search(r"(?m)^[ \t]*(?:#|>|[-+=])", escaped)


# -- the catalogue: annotations and documents --------------------------------------------


def test_annotations_keep_lists_in_every_markup(catalogue_entries: list) -> None:  # type: ignore[type-arg]
    by_key = {entry.key: entry for entry in catalogue_entries}
    bullets = by_key["boyle2010public"].annotation
    html = get_backend("html").annotation(bullets)
    assert html.count("<ul>") == 1 and html.count("<li>") == 6
    assert html.startswith("<p>This report is about real stories")
    latex_out = get_backend("latex").annotation(bullets)
    assert latex_out.count("\\begin{itemize}") == 1 and latex_out.count("\\item ") == 6
    markdown = get_backend("markdown").annotation(bullets)
    assert len(re.findall(r"(?m)^- ", markdown)) == 6
    rtf = get_backend("rtf").annotation(bullets)
    assert rtf.count("{\\pntext\\bullet\\tab}") == 6
    text = get_backend("text").annotation(bullets)
    assert text.count("  • ") == 6
    numbered = next(entry for entry in catalogue_entries if "\n1. " in entry.annotation)
    assert "<ol>" in get_backend("html").annotation(numbered.annotation)
    assert "\\begin{enumerate}" in get_backend("latex").annotation(numbered.annotation)
    assert re.search(r"(?m)^1\. ", get_backend("markdown").annotation(numbered.annotation))


def test_numbered_list_start() -> None:
    assert '<ol start="3">' in get_backend("html").numbered_list(["a"], 3)
    assert "\\setcounter{enumi}{2}" in get_backend("latex").numbered_list(["a"], 3)
    assert get_backend("markdown").numbered_list(["a", "b"], 3) == "3. a\n4. b\n\n"


def _reading_list(backend: Backend, entries: list) -> str:  # type: ignore[type-arg]
    parts = [backend.heading("Core co-pro papers & <friends>", 1)]
    items = []
    for entry in entries:
        items.append(
            backend.render(
                span(emph(entry.title), ". ", link(entry.get("url") or "https://e.org/"))
            )
        )
    parts.append(backend.reference_list(items))
    for entry in entries:
        parts.append(backend.heading(entry.section, 2))
        parts.append(backend.paragraph(backend.render(emph(entry.title))))
        parts.append(backend.annotation(entry.annotation))
    parts.append(backend.paragraph(backend.escape(HOSTILE[1] + " " + HOSTILE[3])))
    return backend.document("".join(parts), title="Core co-pro & <papers>", standalone=True)


def test_standalone_html_page(catalogue_entries: list) -> None:  # type: ignore[type-arg]
    page = _reading_list(get_backend("html"), catalogue_entries)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<title>Core co-pro &amp; &lt;papers&gt;</title>" in page
    assert "@media print" in page
    parsed = _parse_html(page)
    assert "script" not in parsed.tags
    assert set(parsed.tags) <= {
        "html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "div", "em", "a",
        "ul", "ol", "li",
    }  # fmt: skip


def test_html_fragment_is_not_a_page() -> None:
    fragment = get_backend("html").document("<p>x</p>\n", title="T", standalone=False)
    assert fragment == "<p>x</p>\n"


def test_rtf_document_is_complete_and_read_by_pandoc(catalogue_entries: list) -> None:  # type: ignore[type-arg]
    document = _reading_list(get_backend("rtf"), catalogue_entries)
    assert document.startswith("{\\rtf1\\ansi\\deff0")
    assert "{\\fonttbl" in document
    assert document.isascii() and _rtf_balanced(document)
    assert get_backend("rtf").document("", standalone=False).startswith("{\\rtf1\\ansi\\deff0")
    pypandoc = pytest.importorskip("pypandoc")
    html = pypandoc.convert_text(document, "html", format="rtf")
    assert "<em>The Challenge of Co-production: How equal partnerships" in html
    assert "Building on people’s existing capabilities" in html
    assert "\\input{/etc/passwd}" in html


def test_standalone_latex_compiles(catalogue_entries: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    document = _reading_list(get_backend("latex"), catalogue_entries)
    assert document.startswith("\\documentclass")
    assert document.rstrip().endswith("\\end{document}")
    compiler = shutil.which("pdflatex")
    if compiler is None:
        pytest.skip("pdflatex is not installed")
    (tmp_path / "list.tex").write_text(document, encoding="utf-8")
    result = subprocess.run(
        [compiler, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "list.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:]
    assert (tmp_path / "list.pdf").is_file()
    log = (tmp_path / "list.log").read_text(encoding="utf-8", errors="replace")
    assert "(/etc/passwd" not in log  # the hostile \input was printed, not run


def test_text_document_and_heading() -> None:
    backend = get_backend("text")
    assert backend.heading("Practical tools", 2) == "Practical tools\n---------------\n\n"
    assert backend.document("a\n\n", standalone=True) == "a\n"

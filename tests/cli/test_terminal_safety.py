"""Nothing from a .bib file can drive the terminal: escape sequences, C1 controls, bidi
overrides and Rich markup in fields come out visible and inert, in every command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from coprocli.terminal import visible

from ..conftest import Result, Runner

TITLE = "Clear\x1b[2J screen \x1b]0;pwned\x07 [bold red]loud[/bold red] \x9b31m \u202eftp"
AUTHOR = (
    "Mallory\x1b]8;;http://evil.example\x07Click\x1b]8;;\x07, Eve"
    " and [link=http://evil.example]Smith[/link], Bob"
)
KEY = "evil\x1b[2Jkey"
ANNOTATION = (
    "Plain \x1b[5mblink\x7f and [bold]bold[/bold] \x9b2J zebrafish."
    "\n\n1. item \x1b]0;title\x07\n2. more"
)
URL = "https://example.org/\x1b]8;;http://evil.example\x07"

BIB = f"""@article{{{KEY},
  title = {{{TITLE}}},
  author = {{{AUTHOR}}},
  year = {{2020}},
  url = {{{URL}}},
  keywords = {{topic\x1b[6n}},
  annotation = {{{ANNOTATION}}},
}}

@online{{fine2021,
  title = {{A fine page}},
  author = {{Honest, Ann}},
  year = {{2021}},
  url = {{https://example.org/fine}},
  doi = {{10.1000/fine}},
}}

@online{{script2021,
  title = {{A script link}},
  year = {{2021}},
  url = {{javascript:alert(1)}},
}}

@article{{broken\x1b]0;owned\x07key
  title = {{no comma after the key}}
}}
"""

#: What a terminal would act on: C0 controls but tab and newline, DEL, C1, bidi overrides.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def bib(tmp_path: Path) -> str:
    path = tmp_path / "hostile.bib"
    path.write_text(BIB, encoding="utf-8")
    return str(path)


def run(copro: Runner, bib: str, *args: str) -> Result:
    return copro("--no-bundled", "--bib", bib, *args)


def assert_inert(text: str) -> None:
    """No character a terminal acts on, in plain output."""
    found = RAW.search(text)
    assert found is None, f"raw {found.group()!r} at {found.start()}: {text[:200]!r}"


def test_visible_shows_controls_as_escapes() -> None:
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("\x9b31m\x7f\x07") == "\\x9b31m\\x7f\\x07"
    assert visible("\u202egnp.exe \u2066x\u2069") == "\\u202egnp.exe \\u2066x\\u2069"
    assert visible("tab\tand\nnewline stay; ünïcödé and العربية too") == (
        "tab\tand\nnewline stay; ünïcödé and العربية too"
    )
    assert visible("\r\x00") == "\\x0d\\x00"


def test_visible_and_json_safe_escape_exactly_the_unsafe_characters() -> None:
    """Every character up to U+3000, alone and amid ASCII and non-ASCII text, against
    the one character class of what a terminal may act on."""
    import re

    from coprocli.terminal import has_unsafe, json_safe

    unsafe = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    for code in range(0x3000):
        char = chr(code)
        for text in (char, f"ab{char}cd", f"é{char}{char}"):
            escaped = unsafe.sub(
                lambda m: (
                    f"\\x{ord(m.group()):02x}"
                    if ord(m.group()) <= 0xFF
                    else f"\\u{ord(m.group()):04x}"
                ),
                text,
            )
            assert visible(text) == escaped, hex(code)
            assert json_safe(text) == unsafe.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
            assert has_unsafe(text) == bool(unsafe.search(text))


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--summaries", "--full"],
        ["list", "--keys"],
        ["list", "--format", "{key}\\t{title}\\t{authors}\\t{annotation}\\t{url}\\t{keywords}"],
        ["filter", "year:2020"],
        ["filter", "year:2020", "--format", "{key} {title}"],
        ["search", "clear"],
        ["search", "blink"],
        ["search", "mallory", "--keys"],
        ["show", KEY],
        ["cite", KEY],
        ["cite", KEY, "--in-text"],
        ["cite", KEY, "--narrative"],
        ["cite", "--all", "--style", "ieee"],
        ["export", KEY, "--style", "harvard"],
        ["reading-list", "--all", "--format", "text", "--group-by", "keyword"],
        ["check"],
    ],
    ids=" ".join,
)
def test_plain_output_shows_controls_visibly(copro: Runner, bib: str, args: list[str]) -> None:
    result = run(copro, bib, *args)
    assert result.code in {0, 1}, result.stderr
    assert_inert(result.stdout)
    assert_inert(result.stderr)
    assert "\\x1b" in result.stdout


def test_plain_record_shows_every_field_literally(copro: Runner, bib: str) -> None:
    result = run(copro, bib, "show", KEY)
    assert f"{visible(KEY)}: {visible(TITLE)}" in result.stdout
    assert "[bold red]loud[/bold red]" in result.stdout
    assert "[link=http://evil.example]Smith[/link]" in result.stdout
    assert visible(URL) in result.stdout
    assert "\\x9b2J" in result.stdout and "\\x7f" in result.stdout


def test_format_template_values_are_visible(copro: Runner, bib: str) -> None:
    result = run(copro, bib, "list", "--format", "{key}|{title}")
    assert result.stdout.splitlines()[0] == f"{visible(KEY)}|{visible(TITLE)}"


def test_text_citations_are_visible_html_is_left_to_its_escaping(copro: Runner, bib: str) -> None:
    text = run(copro, bib, "cite", KEY).stdout
    assert visible(TITLE) in text and visible(URL) in text
    html = run(copro, bib, "cite", KEY, "--format", "html").stdout
    assert "\\x1b" not in html  # HTML drops C0 controls itself; copro does not rewrite it


def test_warnings_on_stderr_show_controls_visibly(copro: Runner, bib: str) -> None:
    result = run(copro, bib, "list", "--keys")
    assert "broken\\x1b]0;owned\\x07key" in result.stderr
    assert_inert(result.stderr)
    checked = run(copro, bib, "check")
    assert checked.code == 1 and "broken\\x1b]0;owned\\x07key" in checked.stdout
    assert_inert(checked.stdout)


def test_error_suggestions_show_controls_visibly(copro: Runner, bib: str) -> None:
    result = run(copro, bib, "show", "evil")
    assert result.code == 1
    assert f"Did you mean: {visible(KEY)}" in result.stderr
    assert_inert(result.stderr)


def test_refs_warnings_show_controls_visibly(copro: Runner, bib: str, tmp_path: Path) -> None:
    document = tmp_path / "report.md"
    document.write_text("As [@evilkez] showed.\n", encoding="utf-8")
    result = run(copro, bib, "refs", str(document))
    assert f"closest: {visible(KEY)}" in result.stderr
    assert_inert(result.stderr)


@pytest.mark.parametrize(
    "args",
    [["list", "--json"], ["list", "--jsonl"], ["show", KEY, "--json"], ["cite", KEY, "--json"]],
    ids=" ".join,
)
def test_json_escapes_controls_and_keeps_the_data(copro: Runner, bib: str, args: list[str]) -> None:
    result = run(copro, bib, *args)
    assert_inert(result.stdout)
    lines = result.stdout.splitlines() if "--jsonl" in args else [result.stdout]
    first = json.loads(lines[0])
    record = first[0] if isinstance(first, list) else first
    assert record["key"] == KEY
    if "title" in record:
        assert record["title"] == TITLE


@pytest.mark.parametrize("exporter", ["json", "csl-json"])
def test_json_exports_escape_controls_and_keep_the_data(
    copro: Runner, bib: str, exporter: str
) -> None:
    result = run(copro, bib, "export", KEY, "--to", exporter)
    assert_inert(result.stdout)
    record = json.loads(result.stdout)[0]
    assert record.get("key", record.get("id")) == KEY


def test_markdown_citations_show_controls_visibly(copro: Runner, bib: str) -> None:
    result = run(copro, bib, "cite", KEY, "--format", "markdown")
    assert result.code == 0
    assert_inert(result.stdout)
    assert "x1b" in result.stdout


# --------------------------------------------------------------------------------------
# On a terminal: Rich tables and panels


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the commands render for a colour terminal, wide enough not to wrap."""
    monkeypatch.setattr("coprocli.cli._render.is_terminal", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "400")


#: An OSC 8 hyperlink as Rich writes one: ESC ] 8 ; params ; target ESC \
HYPERLINK = re.compile(r"\x1b]8;[^;\x1b]*;([^\x1b\x07]*)")


def assert_terminal_safe(output: str) -> None:
    """Only Rich's own sequences: styles and http(s) hyperlinks; the payloads shown."""
    for payload in ("\x1b[2J", "\x1b]0;", "\x1b[5m", "\x1b[6n", "evil.example\x07"):
        assert payload not in output
    assert not re.search("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e]", output)
    for target in HYPERLINK.findall(output):
        assert target == "" or re.fullmatch(
            r"https://example\.org/fine|https://doi\.org/.*", target
        )


@pytest.mark.usefixtures("terminal")
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--summaries", "--full"],
        ["filter", "year:2020"],
        ["search", "zebrafish"],
        ["search", "mallory"],
        ["show", KEY, "fine2021", "script2021"],
    ],
    ids=" ".join,
)
def test_rich_output_shows_controls_and_markup_literally(
    copro: Runner, bib: str, args: list[str]
) -> None:
    result = run(copro, bib, *args)
    assert result.code == 0, result.stderr
    assert "\x1b[" in result.stdout  # styled: this is the terminal path
    assert_terminal_safe(result.stdout)
    assert "\\x1b[2J" in result.stdout
    assert "[bold red]loud[/bold red]" in result.stdout


@pytest.mark.usefixtures("terminal")
def test_rich_record_links_only_web_urls(copro: Runner, bib: str) -> None:
    output = run(copro, bib, "show", KEY, "fine2021", "script2021").stdout
    assert set(HYPERLINK.findall(output)) - {""} == {
        "https://example.org/fine",
        "https://doi.org/10.1000/fine",
    }
    assert "javascript:alert(1)" in output  # shown, but no link
    assert "[bold red]loud[/bold red]" in output and "[bold]bold[/bold]" in output


@pytest.mark.usefixtures("terminal")
def test_rich_search_highlights_the_right_words(copro: Runner, bib: str) -> None:
    output = run(copro, bib, "search", "zebrafish").stdout
    # The match follows a control made visible (one character shown as four); its
    # highlight must not have shifted.
    assert re.search(r"\\x9b2J (\x1b\[[0-9;]*m)*\x1b\[1;33mzebrafish\x1b\[0m", output)

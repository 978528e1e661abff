"""`copro browse`, driven headlessly by Textual's pilot: typing ranks as `copro search`
does, the preview, marks, and what quitting prints (as `copro cite` and `--keys` print)."""

from __future__ import annotations

import asyncio
import io
import os
import pty
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from coprocli.cache import default_cache
from coprocli.catalogue import Catalogue, load_catalogue
from coprocli.citing import in_text, reference_list
from coprocli.cli import _browse_app, browse_cmd
from coprocli.cli._browse_app import Browser, Outcome, ResultList, SearchBox
from coprocli.clipboard import Flavours

from ..conftest import Runner

Script = Callable[[Any], Awaitable[None]]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    """The bundled catalogue as a command loads it: from the cache, entries read lazily."""
    return load_catalogue(bundled=True, cache=default_cache())


def drive(app: Browser, script: Script) -> None:
    """Run `app` headlessly on a 120 by 40 screen and `script(pilot)` against it."""

    async def run() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await script(pilot)

    asyncio.run(run())


async def search_for(pilot: Any, text: str, *, typed: bool = False) -> None:
    """Put `text` in the search box, at once as if pasted or `typed` key by key, and wait
    for its results."""
    app: Browser = pilot.app
    box = app.query_one(SearchBox)
    box.focus()
    if typed:
        await pilot.press("ctrl+a", "ctrl+k", *text)
    else:
        box.value = text
    for _ in range(200):
        if app.searched == text:
            return
        await pilot.pause(0.01)
    raise AssertionError(f"no results for {text!r} (last: {app.searched!r})")


def keys_shown(app: Browser) -> list[str]:
    return [entry.key for entry in app.results.entries]


async def preview_text(pilot: Any) -> str:
    """The preview's text, once it shows the highlighted entry."""
    app: Browser = pilot.app
    await pilot.pause()  # the highlight's message handled: the preview is due
    for _ in range(200):
        if not app.preview_pending:
            break
        await pilot.pause(0.01)
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(app.query_one("#preview").content)  # type: ignore[attr-defined]
    return console.export_text()


# -- searching -----------------------------------------------------------------------------


def test_typing_ranks_as_copro_search(catalogue: Catalogue) -> None:
    queries = ["timebanking", "time-bank", "co-production", "Neeham", "public services"]
    queries += ["author:slay", "year:2011 -slay", "tools OR films", "timebanking personalisation"]

    async def script(pilot: Any) -> None:
        for query in queries:
            expected = [hit.entry.key for hit in catalogue.search(query, with_matches=False)[1]]
            assert expected, query  # each query finds something
            await search_for(pilot, query)
            assert keys_shown(pilot.app) == expected, query

    drive(Browser(catalogue, style="apa"), script)


def test_timebanking_finds_the_two_timebanking_resources(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        await search_for(pilot, "timebanking", typed=True)
        assert keys_shown(pilot.app) == ["ryancollins2008new", "spice"]
        assert "2 matches" in str(pilot.app.query_one("#status").content)

    drive(Browser(catalogue, style="apa"), script)


def test_the_status_line_says_what_the_results_are(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        status = pilot.app.query_one("#status")
        assert str(status.content) == "19 entries · apa"
        await search_for(pilot, "timebanking personalisation")
        assert str(status.content) == (
            "No entry matches every word; these 6 match most of them · apa"
        )
        await search_for(pilot, "xyzzyq")
        assert keys_shown(pilot.app) == [] and str(status.content).startswith("Nothing matched")

    drive(Browser(catalogue, style="apa"), script)


def test_an_empty_query_lists_every_entry_in_catalogue_order(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        app: Browser = pilot.app
        assert keys_shown(app) == catalogue.keys()
        await search_for(pilot, "spice")
        await search_for(pilot, "")
        assert keys_shown(app) == catalogue.keys()

    drive(Browser(catalogue, style="apa"), script)


def test_unfinished_syntax_keeps_the_results_and_says_why(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        app: Browser = pilot.app
        await search_for(pilot, "spice")
        found = keys_shown(app)
        app.query_one(SearchBox).value = 'spice "co'  # pasted: no other text in between
        await pilot.pause(0.2)
        assert app.searched == "spice" and keys_shown(app) == found
        assert "Unclosed quote" in str(app.query_one("#status").content)

    drive(Browser(catalogue, style="apa"), script)


def test_the_arrows_move_through_the_results_while_typing(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        app: Browser = pilot.app
        await search_for(pilot, "timebanking")
        await pilot.press("down")
        assert app.results.highlighted is not None
        assert app.results.highlighted.key == "spice"
        assert app.focused is app.query_one("#search")
        await pilot.press("enter")
        assert isinstance(app.focused, ResultList)
        await pilot.press("slash")
        assert app.focused is app.query_one("#search")
        await pilot.press("tab")
        assert isinstance(app.focused, ResultList)

    drive(Browser(catalogue, style="apa"), script)


# -- the preview ---------------------------------------------------------------------------


def test_preview_shows_reference_fields_annotation_and_its_list(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        app: Browser = pilot.app
        await search_for(pilot, "public services inside out")
        assert keys_shown(app)[0] == "boyle2010public"
        shown = " ".join((await preview_text(pilot)).split())
        reference = reference_list([catalogue.get("boyle2010public")], "harvard").strip()
        assert " ".join(reference.split()) in shown
        assert "Publisher new economics foundation; NESTA" in shown
        assert "URL https://www.nesta.org.uk/report/public-services-inside-out/" in shown
        assert "This report is about real stories of reform" in shown
        for item in ("Recognising people as assets", "Facilitating rather than delivering"):
            assert f"• {item}" in shown
        assert "produced from the ground up" in shown  # the paragraph after the list

    drive(Browser(catalogue, style="harvard"), script)


# -- marks and what quitting gives -----------------------------------------------------------


def test_space_marks_and_unmarks_with_a_mark_and_a_count(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        app: Browser = pilot.app
        await search_for(pilot, "timebanking")
        await pilot.press("enter", "space")  # marks ryancollins2008new, moves to spice
        assert list(app.results.marked) == ["ryancollins2008new"]
        assert app.results.render_line(0).text.startswith("✓ ryancollins2008new")
        assert app.results.render_line(1).text.startswith("  spice")
        assert "1 marked" in str(app.query_one("#status").content)
        await pilot.press("space", "up", "space")  # marks spice, unmarks ryancollins2008new
        assert list(app.results.marked) == ["spice"]
        # marks outlast the search that showed them
        await search_for(pilot, "needham")
        await pilot.press("enter", "space")
        assert list(app.results.marked) == ["spice", "needham2009coproduction"]
        assert "2 marked" in str(app.query_one("#status").content)

    drive(Browser(catalogue, style="apa"), script)


def test_print_keys_gives_the_marked_entries_in_marking_order(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        await search_for(pilot, "timebanking")
        await pilot.press("enter", "down", "space", "up", "space", "k")

    app = Browser(catalogue, style="apa")
    drive(app, script)
    assert app.return_value is not None and app.return_value.action == "keys"
    assert [entry.key for entry in app.return_value.entries] == ["spice", "ryancollins2008new"]


def test_with_nothing_marked_the_highlighted_entry_is_cited(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        await search_for(pilot, "needham")
        await pilot.press("enter", "p")

    app = Browser(catalogue, style="apa")
    drive(app, script)
    assert app.return_value == Outcome("cite", (catalogue.get("needham2009coproduction"),))


@pytest.mark.parametrize(
    ("where", "keys"),
    [("search", ["escape"]), ("results", ["enter", "q"]), ("results", ["enter", "escape"])],
)
def test_quitting_prints_nothing(catalogue: Catalogue, where: str, keys: list[str]) -> None:
    async def script(pilot: Any) -> None:
        await pilot.press(*keys)

    app = Browser(catalogue, style="apa")
    drive(app, script)
    assert app.return_value == Outcome()


def test_ctrl_c_ends_the_browser_as_interrupted(catalogue: Catalogue) -> None:
    async def script(pilot: Any) -> None:
        await search_for(pilot, "spice")
        await pilot.press("ctrl+c")  # in the search box, where Ctrl-C would copy text

    app = Browser(catalogue, style="apa")
    drive(app, script)
    assert app.return_value == Outcome(interrupted=True)


def test_the_colour_setting_reaches_the_browser(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`color = false` in the settings draws without colour, as NO_COLOR does."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert Browser(catalogue, style="apa").no_color is False
    assert Browser(catalogue, style="apa", colour=False).no_color is True
    assert "NO_COLOR" not in os.environ  # Textual takes it: other programs see none


# -- copying and opening ----------------------------------------------------------------------


@pytest.fixture
def notes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The browser's in-app messages: (severity, message)."""
    said: list[tuple[str, str]] = []

    def note(self: Browser, message: str, *, severity: str = "information", **_: Any) -> None:
        said.append((severity, message))

    monkeypatch.setattr(Browser, "notify", note)
    return said


def test_copy_puts_the_references_and_the_citation_on_the_clipboard(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, notes: list[tuple[str, str]]
) -> None:
    copied: list[Flavours] = []

    def copy(flavours: Flavours, *, instead: str = "") -> str:
        copied.append(flavours)
        return "HTML, RTF and text on the clipboard"

    monkeypatch.setattr("coprocli.clipboard.copy", copy)

    async def script(pilot: Any) -> None:
        await search_for(pilot, "timebanking")
        await pilot.press("enter", "space", "space", "c", "i")

    drive(Browser(catalogue, style="harvard"), script)
    entries = [catalogue.get("ryancollins2008new"), catalogue.get("spice")]
    assert copied[0].text == reference_list(entries, "harvard").strip("\n")
    assert "<em>" in copied[0].html and copied[0].rtf.startswith("{\\rtf")
    assert copied[1].text == in_text(entries, "harvard")
    assert copied[1].rtf.startswith("{\\rtf")  # the citation, a fragment, made a document
    assert notes == [
        ("information", "Copied the 2 references: HTML, RTF and text on the clipboard."),
        ("information", "Copied the in-text citation: HTML, RTF and text on the clipboard."),
    ]


def test_no_clipboard_is_a_message_in_the_browser(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, notes: list[tuple[str, str]]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SSH_TTY", "SSH_CONNECTION"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")

    async def script(pilot: Any) -> None:
        await pilot.press("enter", "c", "q")

    app = Browser(catalogue, style="apa")
    drive(app, script)
    assert app.return_value == Outcome()  # the browser carried on until it was closed
    ((severity, message),) = notes
    assert severity == "error" and message.startswith("No clipboard to copy to: no display")
    assert message.endswith("or press p to print the references when the browser quits.")


def test_open_hands_the_highlighted_link_to_the_browser(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, notes: list[tuple[str, str]]
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)

    async def script(pilot: Any) -> None:
        await search_for(pilot, "spice")
        await pilot.press("enter", "o")

    drive(Browser(catalogue, style="apa"), script)
    assert opened == ["http://www.justaddspice.org/"]  # as `copro open spice` opens
    assert notes == [("information", "Opened http://www.justaddspice.org/")]


def test_an_entry_without_a_link_or_browser_is_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, notes: list[tuple[str, str]]
) -> None:
    library = tmp_path / "links.bib"
    library.write_text(
        "@misc{nothing, title = {No link}}\n@misc{linked, title = {A link}, doi = {10.1/x}}\n",
        "utf-8",
    )
    monkeypatch.setattr("webbrowser.open", lambda url: False)

    async def script(pilot: Any) -> None:
        await pilot.press("enter", "o", "down", "o")

    drive(Browser(load_catalogue([library], bundled=False), style="apa"), script)
    assert notes == [
        ("error", "nothing has no URL or DOI to open; 'copro show nothing'."),
        ("error", "No web browser could be started; the link is https://doi.org/10.1/x"),
    ]


# -- the command -----------------------------------------------------------------------------


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Script], None]]:
    """`copro browse` on a headless screen: the terminal check passes, and the browser runs
    the script given to this fixture."""
    monkeypatch.setattr(browse_cmd, "_check_terminal", lambda: None)
    scripts: list[Script] = []

    def run(self: Browser, **_: Any) -> Outcome | None:
        return super(Browser, self).run(headless=True, size=(120, 40), auto_pilot=scripts[-1])

    monkeypatch.setattr(Browser, "run", run)
    yield scripts.append


def test_printed_references_are_what_copro_cite_prints(
    copro: Runner,
    scripted: Callable[[Script], None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text('style = "harvard"\n', "utf-8")
    monkeypatch.setenv("COPRO_CONFIG", str(settings))

    async def script(pilot: Any) -> None:
        await search_for(pilot, "budgets and beyond")
        await pilot.press("enter", "space")
        await search_for(pilot, "in this together")
        await pilot.press("enter", "space", "p")

    scripted(script)
    browsed = copro("browse")
    assert browsed.code == 0 and browsed.stderr == ""
    cited = copro("cite", "slay2011budgets", "slay2011together", "--style", "harvard")
    assert browsed.stdout == cited.stdout
    assert browsed.stdout.startswith("Slay, J. (2011) Budgets and beyond")


def test_printed_keys_are_one_a_line(copro: Runner, scripted: Callable[[Script], None]) -> None:
    async def script(pilot: Any) -> None:
        await search_for(pilot, "timebanking")
        await pilot.press("enter", "space", "space", "enter")

    scripted(script)
    browsed = copro("browse")
    assert (browsed.code, browsed.stdout, browsed.stderr) == (
        0,
        "ryancollins2008new\nspice\n",
        "",
    )


def test_global_options_choose_the_catalogue(
    copro: Runner, scripted: Callable[[Script], None], tmp_path: Path
) -> None:
    library = tmp_path / "mine.bib"
    library.write_text("@book{mine, title = {Mine}, author = {Doe, Jane}, year = 2020}\n", "utf-8")

    async def script(pilot: Any) -> None:
        assert keys_shown(pilot.app) == ["mine"]
        await pilot.press("enter", "k")

    scripted(script)
    assert copro("--no-bundled", "--bib", str(library), "browse").stdout == "mine\n"


def test_ctrl_c_exits_130_and_prints_nothing(
    copro: Runner, scripted: Callable[[Script], None]
) -> None:
    async def script(pilot: Any) -> None:
        await pilot.press("enter", "space", "ctrl+c")

    scripted(script)
    browsed = copro("browse")
    assert (browsed.code, browsed.stdout) == (130, "")


def test_without_a_terminal_it_is_a_one_line_error(copro: Runner) -> None:
    # Under pytest stdin and stderr are not a terminal.
    result = copro("browse")
    assert result.code == 1 and result.stdout == ""
    assert result.stderr == (
        "Error: copro browse needs a terminal (for its input and standard error); "
        "in a script, choose entries with 'copro search QUERY --keys'.\n"
    )


def test_bad_style_and_a_word_format_are_usage_errors(copro: Runner) -> None:
    assert copro("browse", "--style", "nope").code == 2
    word = copro("browse", "--format", "docx")
    assert word.code == 2 and "copro cite KEY... --format docx --output" in word.stderr


def test_textual_is_imported_only_when_browse_runs() -> None:
    """Other commands, and `copro --help` (every command's module), never import it."""
    code = (
        "import sys\n"
        "from coprocli.cli import main, load_commands\n"
        "for args in (['search', 'timebanking', '--keys'], ['--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "load_commands()\n"
        "print(sorted({name.split('.')[0] for name in sys.modules} & {'textual'}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines()[-1] == "[]"
    assert _browse_app.__name__ == "coprocli.cli._browse_app"


# -- on a real terminal -----------------------------------------------------------------------


class _Terminal:
    """A pseudo-terminal for `copro browse` as a person's shell gives it: stdin and stderr
    on the terminal, stdout a pipe (`copro browse > keys.txt`)."""

    def __init__(self) -> None:
        import fcntl
        import struct
        import termios

        self.leader, self.follower = pty.openpty()
        fcntl.ioctl(self.follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.settings = termios.tcgetattr(self.follower)
        self.shown = b""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "coprocli", "browse"],
            stdin=self.follower,
            stdout=subprocess.PIPE,
            stderr=self.follower,
            env={**os.environ, "TERM": "xterm-256color"},
        )
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.leader, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.shown += chunk

    def wait_for(self, text: bytes, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.shown:
            assert time.monotonic() < deadline, f"{text!r} never shown: {self.shown[-300:]!r}"
            time.sleep(0.02)

    def type(self, keys: bytes) -> None:
        os.write(self.leader, keys)

    def close(self) -> tuple[int, str]:
        """Wait for copro to end: its exit status and what it printed on stdout."""
        import termios

        printed, _ = self.process.communicate(timeout=60)
        assert termios.tcgetattr(self.follower) == self.settings  # the terminal as it was
        tail = self.shown[self.shown.rindex(b"\x1b[?1049h") :]
        assert b"\x1b[?1049l" in tail  # the full screen left
        os.close(self.follower)
        os.close(self.leader)
        return self.process.returncode, printed.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
@pytest.mark.parametrize("stop", ["ctrl-c", "sigint", "keys"])
def test_on_a_terminal_it_quits_and_gives_the_terminal_back(stop: str) -> None:
    terminal = _Terminal()
    terminal.wait_for(b"19 entries")
    if stop == "ctrl-c":
        terminal.type(b"\x03")
    elif stop == "sigint":
        terminal.process.send_signal(signal.SIGINT)
    else:
        terminal.type(b"timebanking")
        terminal.wait_for(b"2 matches")
        terminal.type(b"\r")  # to the results
        terminal.wait_for(b"Keys & quit")
        terminal.type(b" \r")  # mark the first, print the keys
    code, printed = terminal.close()
    assert (code, printed) == ((0, "ryancollins2008new\n") if stop == "keys" else (130, ""))

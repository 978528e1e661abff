"""`copro browse`: the catalogue in a full-screen terminal browser, built on Textual.

The only module that imports Textual, and only `copro browse` imports it (ruff's import
fences keep it so). What it shows and does is the library's: `Catalogue.search` ranks the
results as `copro search` does, `citing` formats the references, `links` opens an entry's
link and `clipboard` copies; the terminal renderer (`_render`) draws the record.

The screen: a search box, the results (key, year, authors, title; a mark on the chosen
ones), a preview of the highlighted entry (its reference in the chosen style, its fields,
its annotation with its lists), a status line and the keys in a footer. Quitting with `p`
or `k` hands an `Outcome` to the command, which prints the references or the keys once the
terminal is restored.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.cells import cell_len, set_cell_size
from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from ..catalogue import Catalogue
from ..errors import CoproError, UsageError
from ..model import Entry
from ..terminal import visible
from ._common import counted
from ._render import record_body, short_authors, shown, year_text

#: The most results a search shows: enough to scroll through, few enough that a broad
#: query on a large library (`model` matches 2,500 of 10,000 entries) stays instant.
RESULTS_SHOWN = 1000
#: Seconds without a keystroke before the search box's text is searched, and before the
#: highlighted entry is previewed (an arrow key held down moves without drawing each one).
DEBOUNCE = 0.06


@dataclass(frozen=True)
class Outcome:
    """How the browser ended: `cite` (print the references of `entries`) or `keys` (print
    their keys), or nothing to print; `interrupted` for Ctrl-C (or SIGINT)."""

    action: Literal["cite", "keys"] | None = None
    entries: tuple[Entry, ...] = ()
    interrupted: bool = False


@dataclass(frozen=True)
class Results:
    """What the search box's text finds: the entries in order, and a word about them."""

    entries: Sequence[Entry]
    note: str


def find(catalogue: Catalogue, text: str) -> Results:
    """Every entry in catalogue order for an empty query (read only as they are shown);
    else the best `RESULTS_SHOWN` that `copro search` finds, in its order. Malformed
    syntax (`"unclosed`, `year:`) raises `UsageError`, as it does there."""
    if not text.strip():
        entries = catalogue.view()
        return Results(entries, counted(len(entries), "entry", "entries"))
    index, hits = catalogue.search(text, limit=RESULTS_SHOWN, with_matches=False)
    if not hits:
        suggestions = index.did_you_mean(text)
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        return Results([], f"Nothing matched{hint}")
    if index.partial:
        note = f"No entry matches every word; these {len(hits)} match most of them"
    elif len(hits) == RESULTS_SHOWN:
        note = f"The best {RESULTS_SHOWN:,}; more words narrow the search"
    else:
        note = counted(len(hits), "match", "matches")
    return Results([hit.entry for hit in hits], note)


def _cell(text: str, width: int) -> str:
    """`text` in exactly `width` terminal cells: padded, or cut with an ellipsis."""
    if cell_len(text) > width:
        return set_cell_size(text, max(width - 1, 0)) + "…"
    return set_cell_size(text, width)


class SearchBox(Input):
    """The search box: typing searches; the arrows move through the results meanwhile."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "app.move(1)", "Move", key_display="↑↓"),
        Binding("up", "app.move(-1)", show=False),
        Binding("pagedown", "app.page(1)", show=False),
        Binding("pageup", "app.page(-1)", show=False),
        Binding("enter", "app.focus_results", "Results"),
        Binding("escape", "app.quit", "Quit"),
    ]


class ResultList(ScrollView, can_focus=True):
    """The results, one line each, drawn only where they are seen: an empty query lists a
    whole library without reading it. Entries keep their marks across searches."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "result-list--cursor",
        "result-list--key",
        "result-list--mark",
        "result-list--dim",
    }
    DEFAULT_CSS = """
    ResultList {
        background: $surface;
        & > .result-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .result-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .result-list--key { color: $accent; }
        & > .result-list--mark { color: $success; text-style: bold; }
        & > .result-list--dim { color: $text-muted; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "app.move(1)", show=False),
        Binding("up", "app.move(-1)", show=False),
        Binding("pagedown", "app.page(1)", show=False),
        Binding("pageup", "app.page(-1)", show=False),
        Binding("home", "app.move_to(0)", show=False),
        Binding("end", "app.move_to(-1)", show=False),
        Binding("space", "app.toggle_mark", "Mark"),
        Binding("c", "app.copy_references", "Copy"),
        Binding("i", "app.copy_citation", "Copy in-text"),
        Binding("p", "app.print_references", "Print & quit"),
        Binding("k,enter", "app.print_keys", "Keys & quit"),
        Binding("o", "app.open_link", "Open link"),
        Binding("slash", "app.focus_search", "Search"),
        Binding("q,escape", "app.quit", "Quit"),
    ]

    class Highlighted(Message):
        """The highlighted entry changed (None: the list is empty)."""

        def __init__(self, entry: Entry | None) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: Sequence[Entry] = []
        self.cursor = 0
        #: The marked entries by key, in the order they were marked.
        self.marked: dict[str, Entry] = {}

    @property
    def highlighted(self) -> Entry | None:
        return self.entries[self.cursor] if self.entries else None

    def show(self, entries: Sequence[Entry]) -> None:
        """List `entries` from the top."""
        self.entries = entries
        self.virtual_size = Size(self.scrollable_content_region.width, len(entries))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.move_to(0)

    def move_to(self, row: int) -> None:
        """Highlight row `row` (clamped to the list), scroll it into view and say so."""
        self.cursor = max(0, min(row, len(self.entries) - 1))
        if self.entries:
            self.scroll_to_region(
                Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True
            )
        self.refresh()
        self.post_message(self.Highlighted(self.highlighted))

    def toggle_mark(self) -> None:
        """Mark the highlighted entry, or unmark it."""
        entry = self.highlighted
        if entry is None:
            return
        if self.marked.pop(entry.key, None) is None:
            self.marked[entry.key] = entry
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        self.move_to(self.scroll_offset.y + event.y)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.entries))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        base = self.rich_style
        if row >= len(self.entries):
            return Strip.blank(width, base)
        entry = self.entries[row]
        if row == self.cursor:
            base += self.get_component_rich_style("result-list--cursor")
        key = self.get_component_rich_style("result-list--key")
        dim = self.get_component_rich_style("result-list--dim")
        marked = entry.key in self.marked
        mark = self.get_component_rich_style("result-list--mark") if marked else Style()
        cells: list[tuple[str, Style]] = [("✓ " if marked else "  ", mark)]
        key_width = max(10, min(28, width // 4))
        authors_width = max(8, min(24, width // 6))
        title_width = width - 2 - key_width - 1 - 4 - 1 - authors_width - 1
        cells += [(_cell(visible(entry.key), key_width) + " ", key)]
        cells += [(_cell(year_text(entry), 4) + " ", dim)]
        if title_width < 12:  # a narrow list: no authors, and the title has their room
            title_width += authors_width + 1
        else:
            cells += [(_cell(visible(short_authors(entry)), authors_width) + " ", Style())]
        cells += [(_cell(visible(entry.title), max(title_width, 0)), Style())]
        segments = [Segment(text, base + style) for text, style in cells]
        return Strip(segments).crop_extend(0, width, base)


class Browser(App[Outcome]):
    """Search, preview, mark, cite; references in `style` (the configured one)."""

    TITLE = "copro browse"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #search { dock: top; }
    #main { height: 1fr; }
    #results { width: 3fr; }
    #preview-pane {
        width: 2fr;
        min-width: 30;
        border-left: vkey $foreground 20%;
        padding: 0 1;
    }
    #status { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # Ctrl-C is a key here (the terminal is in raw mode): it ends the browser at once,
        # wherever the focus is, and the terminal is given back as it was.
        Binding("ctrl+c", "interrupt", "Quit", show=False, priority=True),
        Binding("escape", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        *,
        style: str,
        debounce: float = DEBOUNCE,
        colour: bool = True,
    ) -> None:
        # The settings' `color = false` reaches Textual the one way it reads it, NO_COLOR
        # while the app is made; programs the browser opens do not inherit it.
        added = not colour and "NO_COLOR" not in os.environ
        if added:
            os.environ["NO_COLOR"] = "1"
        try:
            super().__init__()
        finally:
            if added:
                del os.environ["NO_COLOR"]
        self.catalogue = catalogue
        self.style = style
        self.debounce = debounce
        self.note = ""
        self.searched: str | None = None  # the text the results are of
        self._timer: Timer | None = None
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield SearchBox(
            placeholder='Search: words, "a phrase", author:name, year:2009..2011, -word',
            id="search",
        )
        with Horizontal(id="main"):
            yield ResultList(id="results")
            with VerticalScroll(id="preview-pane"):
                yield Static(id="preview")
        yield Static(id="status")
        yield Footer()

    @property
    def results(self) -> ResultList:
        return self.query_one(ResultList)

    def on_mount(self) -> None:
        self.search("")
        self.query_one(SearchBox).focus()
        # SIGINT from elsewhere (`kill -INT`) ends the browser as Ctrl-C does. Not where
        # the loop cannot take signal handlers (Windows, a thread).
        with suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().add_signal_handler(signal.SIGINT, self.action_interrupt)

    # -- searching ---------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        text = event.value
        self._timer = self._later(lambda: self.search(text))

    def _later(self, callback: Callable[[], None]) -> Timer:
        """Call `callback` after the debounce, unless the browser has closed meanwhile."""

        def call() -> None:
            with suppress(NoMatches):  # its widgets are gone
                callback()

        return self.set_timer(self.debounce, call)

    def search(self, text: str) -> None:
        """Show what `text` finds; syntax not finished yet (`"a phr`) keeps the results."""
        try:
            found = find(self.catalogue, text)
        except UsageError as error:
            self.say(error.message)
            return
        self.searched = text
        self.note = found.note
        self.results.show(found.entries)
        self.say()

    def say(self, message: str = "") -> None:
        """The status line: what the results are, how many are marked, the style."""
        marked = len(self.results.marked)
        parts = [message or self.note, f"{marked} marked" if marked else "", self.style]
        self.query_one("#status", Static).update(shown(" · ".join(p for p in parts if p)))

    # -- the preview -------------------------------------------------------------------

    def on_result_list_highlighted(self, event: ResultList.Highlighted) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
        entry = event.entry
        self._preview_timer = self._later(lambda: self.show_preview(entry))

    @property
    def preview_pending(self) -> bool:
        """Whether the preview is still to show the highlighted entry."""
        return self._preview_timer is not None

    def show_preview(self, entry: Entry | None) -> None:
        self._preview_timer = None
        preview = self.query_one("#preview", Static)
        if entry is None:
            preview.update(shown("Nothing to show.", "dim"))
            return
        preview.update(Group(*self.preview(entry)))
        self.query_one("#preview-pane", VerticalScroll).scroll_home(animate=False)

    def preview(self, entry: Entry) -> list[RenderableType]:
        """The entry's title and key, its reference in the style, fields and annotation."""
        from ..citing import reference_list

        reference = reference_list([entry], self.style, "text").strip()
        return [
            shown(entry.title, "bold"),
            shown(entry.key, "cyan"),
            Text(""),
            shown(reference),
            Text(""),
            *record_body(entry),
        ]

    # -- actions -----------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self.results.move_to(self.results.cursor + step)

    def action_page(self, direction: int) -> None:
        page = max(1, self.results.scrollable_content_region.height - 1)
        self.action_move(direction * page)

    def action_move_to(self, row: int) -> None:
        self.results.move_to(row if row >= 0 else len(self.results.entries) - 1)

    def action_focus_results(self) -> None:
        self.results.focus()

    def action_focus_search(self) -> None:
        self.query_one(SearchBox).focus()

    def action_toggle_mark(self) -> None:
        self.results.toggle_mark()
        self.action_move(1)
        self.say()

    def selection(self) -> list[Entry]:
        """The marked entries in the order they were marked, else the highlighted one."""
        if self.results.marked:
            return list(self.results.marked.values())
        entry = self.results.highlighted
        return [entry] if entry is not None else []

    def action_copy_references(self) -> None:
        from ..citing import reference_list

        self._copy("reference", lambda entries, markup: reference_list(entries, self.style, markup))

    def action_copy_citation(self) -> None:
        from ..citing import in_text

        self._copy("in-text citation", lambda entries, markup: in_text(entries, self.style, markup))

    def _copy(self, what: str, render: Callable[[list[Entry], str], str]) -> None:
        from ..clipboard import copy_rendered

        entries = self.selection()
        if not entries:
            self.notify("Nothing to copy: no entry is highlighted.", severity="warning")
            return
        instead = "press p to print the references when the browser quits"
        try:
            where = copy_rendered(lambda markup: render(entries, markup), instead=instead)
        except CoproError as error:
            self.notify(error.message, severity="error", timeout=12, markup=False)
            return
        said = what if what != "reference" else counted(len(entries), "reference")
        self.notify(f"Copied the {said}: {where}.", markup=False)

    def action_print_references(self) -> None:
        self._finish("cite")

    def action_print_keys(self) -> None:
        self._finish("keys")

    def _finish(self, action: Literal["cite", "keys"]) -> None:
        entries = self.selection()
        if not entries:
            self.notify("Nothing to print: no entry is highlighted.", severity="warning")
            return
        self.exit(Outcome(action, tuple(entries)))

    def action_open_link(self) -> None:
        from ..links import entry_link, open_link

        entry = self.results.highlighted
        if entry is None:
            return
        try:
            url = entry_link(entry)
            # A browser may be a terminal one (lynx, w3m: over SSH, the only kind): it
            # gets the terminal as it was, and the browser comes back when it ends.
            try:
                with self.suspend():
                    open_link(url)
            except SuspendNotSupported:
                open_link(url)
        except CoproError as error:
            self.notify(error.message, severity="error", timeout=12, markup=False)
            return
        self.notify(f"Opened {url}", markup=False)

    async def action_quit(self) -> None:
        self.exit(Outcome())

    def action_interrupt(self) -> None:
        self.exit(Outcome(interrupted=True))


def browse(catalogue: Catalogue, *, style: str, colour: bool = True) -> Outcome | None:
    """Run the browser on the terminal until it quits; None if it failed (Textual has
    said why on stderr by then)."""
    # Commands are short and run without the cycle collector (`tune_collector`); a browser
    # runs as long as it is used. What is loaded so far is frozen, and the collector is on.
    gc.freeze()
    gc.enable()
    with _terminal_as_stdout():
        return Browser(catalogue, style=style, colour=colour).run()


@contextmanager
def _terminal_as_stdout() -> Iterator[None]:
    """While the browser runs, file descriptor 1 is the terminal it draws on (stderr).

    With `copro browse > keys.txt` stdout is a file: Textual would measure the screen on
    it (and get 80 by 24 whatever the terminal), and a terminal web browser opened from it
    would write into the file. The file is stdout again before anything is printed."""
    if sys.platform == "win32" or os.isatty(1) or not os.isatty(2):
        yield
        return
    if sys.__stdout__ is not None:
        sys.__stdout__.flush()
    saved = os.dup(1)
    os.dup2(2, 1)
    try:
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)

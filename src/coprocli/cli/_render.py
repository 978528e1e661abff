"""How entries look to a person: Rich tables and panels on a terminal, plain text in a pipe.

This is the terminal backend: the only place besides `cli/` where Rich is used. Catalogue
text reaches Rich only as `Text` made by `shown`, never as a string Rich would read as
markup (`[link=...]` in a title is just text), and plain text goes out through `out`;
both make terminal controls visible (`terminal.visible`). What only lists and records need
(`listing`, `textblocks`) is imported where they are printed: search results, printed
often and quickly, need neither.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..model import Entry
from ..terminal import visible
from ._common import counted, is_terminal, out, out_lines, stdout_console

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    from ..index import Hit

_PLAIN_INDENT = "    "
#: What a terminal may make a hyperlink of (a pattern string: compiled by `re` when a
#: table first shows a link, not on every start).
_WEB_URL = r"(?i)https?://\S+"


def shown(text: str, style: str | Style = "") -> Text:
    """Catalogue text for Rich: literal, never markup, with terminal controls made visible."""
    from rich.text import Text

    return Text(visible(text), style=style)


def _web_link(url: str) -> str | None:
    """The URL if a terminal may make a hyperlink of it: http or https only, and nothing
    that could end the link's escape sequence early (blanks, controls)."""
    if re.fullmatch(_WEB_URL, url) and visible(url) == url:
        return url
    return None


def short_authors(entry: Entry, most: int = 3) -> str:
    """Surnames for a table cell: `Boyle, Slay, Stephens`, `Boyle et al.` past `most`;
    an organisation whole, whether it is the author or the `organization` of a web page."""
    names = [person.surname for person in entry.listed_people]
    if len(names) > most:
        return f"{names[0]} et al."
    return ", ".join(names)


def year_text(entry: Entry) -> str:
    """The year for a list, `n.d.` for none."""
    return str(entry.year) if entry.year is not None else "n.d."


def _summary(entry: Entry, full: bool) -> str:
    from ..textblocks import first_paragraph

    return entry.annotation if full else first_paragraph(entry.annotation)


def print_entry_table(entries: Sequence[Entry], *, summaries: bool, full: bool) -> None:
    """A table of entries; with `summaries`, each entry's annotation under it."""
    from ..textblocks import to_plain

    if not is_terminal():
        for entry in entries:
            out(
                "\t".join(
                    (entry.key, year_text(entry), short_authors(entry), entry.title, entry.type)
                )
            )
            if summaries and entry.annotation:
                out(to_plain(_summary(entry, full), indent=_PLAIN_INDENT))
        return
    if not entries:
        return  # `--limit 0`: whether anything matched is the exit status's to say
    from rich.table import Table

    console = stdout_console()
    # Below this width the type goes under the year instead of in a column of its own.
    type_column = console.width >= _ROOMY
    table = Table(show_lines=summaries, header_style="bold", expand=True)
    _add_key_column(table, console)
    # A year alone is a number, right-aligned; a year over a type reads as a word.
    table.add_column(
        "Year", justify="right" if type_column else "left", max_width=8, overflow="fold"
    )
    _add_authors_column(table, console)
    table.add_column("Title", ratio=1)
    if type_column:
        table.add_column("Type", style="dim", max_width=16, overflow="fold")
    for entry in entries:
        title: RenderableType = shown(entry.title)
        if summaries and entry.annotation:
            from rich.console import Group

            title = Group(shown(entry.title, "bold"), annotation(_summary(entry, full)))
        year = shown(year_text(entry))
        if not type_column:
            year.append_text(shown(f"\n{entry.type}", "dim"))
        cells = [shown(entry.key), year, shown(short_authors(entry)), title]
        table.add_row(*cells, *([shown(entry.type)] if type_column else []))
    console.print(table)
    console.print(shown(counted(len(entries), "entry", "entries"), "dim"))


# The title is the column people read, so the others have a most width in proportion to
# the terminal and the title (a ratio column) takes the rest: a third or more of 80
# columns, more on wider terminals. A long key folds onto a second line rather than losing
# characters: it is what people copy to cite.

#: Terminals at least this wide give the entry type a column of its own.
_ROOMY = 100


def _add_key_column(table: Table, console: Console) -> None:
    width = max(12, min(32, console.width // 4 - 2))
    table.add_column("Key", style="cyan", max_width=width, overflow="fold")


def _add_authors_column(table: Table, console: Console) -> None:
    table.add_column("Authors", max_width=max(10, min(28, console.width // 6)))


def annotation(text: str) -> RenderableType:
    """Annotation blocks for Rich: paragraphs, and lists with hanging indents."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from ..textblocks import ItemList, Paragraph, parse_blocks

    parts: list[RenderableType] = []
    for block in parse_blocks(text):
        if isinstance(block, Paragraph):
            parts.append(shown(block.text))
        elif isinstance(block, ItemList):
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True, justify="right")
            grid.add_column()
            for number, item in enumerate(block.items, start=block.start):
                grid.add_row(f"{number}." if block.ordered else "•", shown(item))
            parts.append(grid)
    spaced: list[RenderableType] = []
    for part in parts:
        if spaced:
            spaced.append(Text(""))
        spaced.append(part)
    return Group(*spaced)


def print_records(entries: Sequence[Entry]) -> None:
    """Full records: Rich panels on a terminal, plain text blocks in a pipe."""
    from ..listing import record_rows
    from ..textblocks import to_plain

    if not is_terminal():
        for index, entry in enumerate(entries):
            if index:
                out()
            out(f"{entry.key}: {entry.title}")
            rows = record_rows(entry)
            width = max((len(label) for label, _ in rows), default=0)
            out_lines(f"  {label + ':':<{width + 1}} {value}" for label, value in rows)
            if entry.annotation:
                out()
                out(to_plain(entry.annotation, width=88, indent="  "))
        return
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    console = stdout_console()
    for entry in entries:
        title = shown(entry.title, "bold")
        # A title longer than the top border would be cut off there: it heads the body.
        in_border = title.cell_len <= console.width - 6
        body = record_body(entry)
        if not in_border:
            body = [title, Text(""), *body]
        console.print(
            Panel(
                Group(*body),
                title=title if in_border else None,
                title_align="left",
                subtitle=shown(entry.key, "cyan"),
                subtitle_align="right",
                padding=(0, 1),
            )
        )


def record_body(entry: Entry) -> list[RenderableType]:
    """An entry's record for a terminal, below its title: the fields (URL and DOI as
    links), then the annotation with its lists (`copro show`, `copro browse`)."""
    from rich.style import Style
    from rich.table import Table
    from rich.text import Text

    from ..item import doi_url  # the one place a DOI becomes an address
    from ..listing import record_rows

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    for label, value in record_rows(entry):
        link = None
        if label in {"URL", "DOI"}:
            link = _web_link(value if label == "URL" else doi_url(value))
        grid.add_row(label, shown(value, Style(link=link) if link else ""))
    body: list[RenderableType] = [grid]
    if entry.annotation:
        body += [Text(""), annotation(entry.annotation)]
    return body


def print_styles(rows: Sequence[Mapping[str, str]]) -> None:
    """Each style's name and title, then its in-text citation and reference indented: a
    line each in a pipe; on a terminal wrapped at word boundaries to its width, with the
    indent kept (a terminal would break words and lines at its edge)."""
    if not is_terminal():
        for row in rows:
            out_lines((f"{row['name']}: {row['title']}", f"  {row['citation']}"))
            out_lines((f"  {row['example']}", ""))
        return
    from rich.padding import Padding

    console = stdout_console()
    for row in rows:
        console.print(shown(f"{row['name']}: {row['title']}", "bold"))
        for text in (row["citation"], row["example"]):
            console.print(Padding(shown(text), (0, 0, 0, 2), expand=False))
        console.print()


#: Fields a table of hits shows already: its best match is looked for elsewhere.
_TITLE_FIELDS = frozenset({"title", "subtitle"})


def print_hits(hits: Sequence[Hit]) -> None:
    """Search results: rank, title, authors, year and the best matching text, highlighted."""
    if not is_terminal():
        for hit in hits:
            entry = hit.entry
            best = hit.best_match()
            where = f"{best.field}: {best.snippet}" if best else ""
            out(
                "\t".join(
                    (
                        entry.key,
                        f"{hit.score:.1f}",
                        year_text(entry),
                        short_authors(entry),
                        entry.title,
                        where,
                    )
                )
            )
        return
    if not hits:
        return
    from rich.table import Table
    from rich.text import Text

    console = stdout_console()
    table = Table(header_style="bold", show_lines=True, expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("Title / best match", ratio=1)
    _add_authors_column(table, console)
    table.add_column("Year", justify="right", no_wrap=True)
    _add_key_column(table, console)
    for rank, hit in enumerate(hits, start=1):
        cell = Text()
        cell.append_text(shown(hit.entry.title, "bold"))
        # The title is already in the cell; show the best match found elsewhere.
        best = hit.best_match(skip=_TITLE_FIELDS)
        if best is not None:
            cell.append("\n")
            cell.append(visible(f"{best.field}: "), style="italic dim")
            cell.append_text(_highlighted(best.snippet, best.spans))
        table.add_row(
            str(rank),
            cell,
            shown(short_authors(hit.entry)),
            year_text(hit.entry),
            shown(hit.entry.key),
        )
    console.print(table)


def _highlighted(snippet: str, spans: Sequence[tuple[int, int]]) -> Text:
    """A dim snippet with its matched spans bold. Built piece by piece because making a
    control visible lengthens the text, which would shift spans applied afterwards."""
    from rich.text import Text

    text = Text(style="dim")
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)  # overlapping spans: highlight the rest only
        if end <= start:
            continue
        text.append(visible(snippet[position:start]))
        text.append(visible(snippet[start:end]), style="bold yellow not dim")
        position = end
    text.append(visible(snippet[position:]))
    return text


_BAR_WIDTH = 30


def print_stats(total: int, found: Mapping[str, Sequence[tuple[str, int]]]) -> None:
    """Counts as bars on a terminal (each count's share of the largest in its group); in a
    pipe, one `dimension<TAB>value<TAB>count` line each."""
    if not is_terminal():
        out_lines(
            f"{name}\t{value}\t{count}" for name, pairs in found.items() for value, count in pairs
        )
        return
    from rich.table import Table

    console = stdout_console()
    console.print(shown(f"{total} entries", "bold"))
    for name, pairs in found.items():
        if not pairs:
            continue
        largest = max(count for _, count in pairs)
        table = Table(title=name.capitalize(), title_justify="left", box=None, show_header=False)
        table.add_column(overflow="fold", max_width=40)
        table.add_column(justify="right")
        table.add_column()
        for value, count in pairs:
            bar = "█" * max(1, round(_BAR_WIDTH * count / largest))
            table.add_row(shown(value), str(count), bar)
        console.print()
        console.print(table)

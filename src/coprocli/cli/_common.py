"""What every command shares: global options, the one error handler, output helpers.

Commands parse options, make one library call and print; nothing here knows BibTeX.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from ..terminal import visible
from ._hooks import complete_keys, complete_keywords, complete_sections, on_tab

if TYPE_CHECKING:
    from rich.console import Console

    from ..cache import LibraryCache
    from ..catalogue import Catalogue
    from ..index import Hit, SearchIndex
    from ..listing import Template
    from ..model import Entry
    from ..selection import EntryFilter

#: How many load warnings are printed before they are summarised.
WARNINGS_SHOWN = 10


class Session:
    """The global options, and the catalogue they describe, loaded on first use."""

    def __init__(
        self,
        bib_paths: list[str] | None = None,
        *,
        bundled: bool | None = True,
        env_paths: list[str] | None = None,
        strict: bool = False,
        quiet: bool = False,
        use_cache: bool = True,
    ) -> None:
        """`bib_paths` are the --bib files; `env_paths` COPRO_BIB's (None when it is not
        set: the config file's `bib` then); `bundled` None leaves it to the config file."""
        self.option_paths = bib_paths or []
        self.env_paths = env_paths
        self.option_bundled = bundled
        self.strict = strict
        self.quiet = quiet
        self.use_cache = use_cache
        self._catalogue: Catalogue | None = None

    @property
    def config(self) -> dict[str, Any]:
        """The config file's settings (`load_config` reads the file once a command)."""
        from ..config import load_config

        return load_config()

    @property
    def bib_paths(self) -> list[str]:
        """The libraries besides the bundled one, in load order: COPRO_BIB's (else the
        config file's `bib`), then the --bib files."""
        listed = self.env_paths if self.env_paths is not None else self.config.get("bib", [])
        return [*listed, *self.option_paths]

    @property
    def bundled(self) -> bool:
        if self.option_bundled is not None:
            return self.option_bundled
        return bool(self.config.get("bundled", True))

    def preferred(self, ctx: typer.Context, parameter: str, value: Any, setting: str) -> Any:
        """A command option's value, or where the user did not give it, the setting's
        environment variable, else the config file's value, else the option's default."""
        from typer._click.core import ParameterSource

        if ctx.get_parameter_source(parameter) not in (ParameterSource.DEFAULT, None):
            return value
        from ..config import SETTINGS

        env = SETTINGS[setting].env
        if env and os.environ.get(env):
            return os.environ[env]
        return self.config.get(setting, value)

    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            from ..catalogue import load_catalogue

            cache: LibraryCache | None = None
            if self.use_cache:
                from ..cache import default_cache

                cache = default_cache()
            progress = None  # a bar is drawn on a terminal only (`_progress`)
            if sys.stderr.isatty():
                from ._progress import LoadProgress

                progress = LoadProgress()
            try:
                self._catalogue = load_catalogue(
                    self.bib_paths,
                    bundled=self.bundled,
                    strict=self.strict,
                    cache=cache,
                    progress=progress,
                )
            finally:
                if progress is not None:
                    progress.close()
            if cache is not None:  # left open: the catalogue reads its entries from it
                for problem in cache.problems:
                    err(f"Warning: {problem}")
                # A failure later (storing the search index) is told when it happens.
                cache.report = lambda problem: err(f"Warning: {problem}")
            if not self.quiet:
                report_warnings(self._catalogue.warnings)
        return self._catalogue

    def search(
        self, chosen: EntryFilter | None, text: str, *, limit: int | None, with_matches: bool
    ) -> tuple[SearchIndex, list[Hit]]:
        """Search the catalogue's entries that `chosen` selects (all of them for None);
        the index and the hits. The whole catalogue's index is the one the cache keeps; a
        selection's is built."""
        catalogue = self.catalogue()
        if chosen is None or chosen.is_empty:
            return catalogue.search(text, limit=limit, with_matches=with_matches)
        from ..index import SearchIndex

        chosen.require_known(catalogue.entries)
        index = SearchIndex.build(chosen.apply(catalogue.entries))
        return index, index.search(text, limit=limit, with_matches=with_matches)


def input_paths(ctx: typer.Context) -> list[str]:
    """The files this command reads: the libraries it loads (whether or not it has
    loaded them yet), which no output may overwrite."""
    state = session(ctx)
    paths = list(state.bib_paths)
    if state.bundled:
        from ..catalogue import bundled_path

        paths.append(str(bundled_path()))
    return paths


def session(ctx: typer.Context) -> Session:
    """The session the root callback stored; a bare command (tests) gets the defaults."""
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
    return root.obj


def report_warnings(warnings: Sequence[Any], limit: int = WARNINGS_SHOWN) -> None:
    for warning in warnings[:limit]:
        err(f"Warning: {warning}")
    if len(warnings) > limit:
        err(
            f"Warning: {counted(len(warnings) - limit, 'more problem')} not shown; "
            "'copro check' lists them all."
        )


def counted(number: int, noun: str, plural: str = "") -> str:
    """`1 entry`, `2 entries`, `0 problems`: a count with its noun in the right number
    (`plural` where adding an s is wrong)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


# ---------------------------------------------------------------------------------------
# Printing


class PipeClosed(Exception):
    """stdout's reader went away. Not an OSError, so that Typer lets it through to `main`."""


def out(text: str = "") -> None:
    """One piece of plain text on stdout, terminal controls made visible."""
    out_lines((text,))


def out_lines(lines: Iterable[str]) -> None:
    """Lines of plain text on stdout, terminal controls made visible (`terminal.visible`)."""
    _write(visible(line) + "\n" for line in lines)


def out_document(text: str) -> None:
    """A document in a format with its own escaping (JSON, HTML, LaTeX, RTF, Markdown,
    BibTeX, RIS, and text citations, which the text backend made visible), as it is."""
    _write((text + "\n",))


def _write(pieces: Iterable[str]) -> None:
    write = sys.stdout.write
    try:
        for piece in pieces:
            write(piece)
    except BrokenPipeError:
        raise PipeClosed from None
    except OSError as error:  # a full disk (`> /dev/full`), an I/O error
        from ._streams import output_failed

        raise output_failed(error) from None


def err(text: str) -> None:
    """One message on stderr, terminal controls made visible: messages quote keys, file
    names and fields."""
    sys.stderr.write(visible(text) + "\n")
    sys.stderr.flush()


def nothing_matched(
    *, json_array: bool = False, query: str | None = None, hint: str = ""
) -> NoReturn:
    """End a command whose selection is empty, as grep does: exit status 1 and a line on
    stderr. JSON on stdout still gets its `[]`, so that a script reads an empty list."""
    if json_array:
        out("[]")
    said = f"Nothing matched {query!r}." if query else "Nothing matched."
    err(f"{said} {hint}" if hint else said)
    raise typer.Exit(1)


def stdout_console() -> Console:
    """A Rich console for stdout: colour only on a terminal, without NO_COLOR, and unless
    the config file says `color = false`."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, no_color=not colour_setting() or None)


def colour_setting() -> bool:
    """The settings file's `color` (true unless it says false; NO_COLOR is the
    terminal's own to honour)."""
    from ..config import load_config
    from ..errors import CoproError

    try:
        return bool(load_config().get("color", True))
    except CoproError:  # reported by the commands that read settings; not for a colour
        return True


def is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


# ---------------------------------------------------------------------------------------
# Options shared by several commands

AuthorOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--author",
        "-a",
        metavar="NAME",
        help="Only entries with a name containing this (repeatable).",
        rich_help_panel="Filters",
    ),
]
YearOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--year",
        "-y",
        metavar="RANGE",
        help="Only entries of a year or range: 2009, 2009..2011, 2010.., ..2009 (repeatable).",
        rich_help_panel="Filters",
    ),
]
TypeOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        help="Only this entry type, e.g. report, online (repeatable).",
        rich_help_panel="Filters",
    ),
]
SectionOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--section",
        "-s",
        metavar="HEADING",
        autocompletion=on_tab(complete_sections),
        help="Only entries under this section heading (or its start; repeatable).",
        rich_help_panel="Filters",
    ),
]
KeywordOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--keyword",
        "-k",
        metavar="WORD",
        autocompletion=on_tab(complete_keywords),
        help="Only entries with a keyword containing this (repeatable).",
        rich_help_panel="Filters",
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print a JSON array.", rich_help_panel="Output")
]
JsonlOpt = Annotated[
    bool, typer.Option("--jsonl", help="Print one JSON object a line.", rich_help_panel="Output")
]
KeysOpt = Annotated[
    bool, typer.Option("--keys", help="Print only the keys, one a line.", rich_help_panel="Output")
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="TEMPLATE",
        help="Print each entry through a template, e.g. '{key}\\t{year}\\t{title}'.",
        rich_help_panel="Output",
    ),
]


def entry_filter(
    author: list[str] | None,
    year: list[str] | None,
    type_: list[str] | None,
    section: list[str] | None,
    keyword: list[str] | None,
) -> EntryFilter:
    from ..selection import EntryFilter

    return EntryFilter.from_options(
        authors=author or (),
        years=year or (),
        types=type_ or (),
        sections=section or (),
        keywords=keyword or (),
    )


class ScriptOutput:
    """The one machine format a listing command was asked for (or none: a table)."""

    __slots__ = ("mode", "template")

    def __init__(self, mode: str | None = None, template: Template | None = None) -> None:
        self.mode = mode
        self.template = template

    @classmethod
    def choose(
        cls, *, as_json: bool, as_jsonl: bool, keys: bool, template: str | None
    ) -> ScriptOutput:
        """Validate the output flags before any work is done."""
        from ..errors import UsageError

        chosen = [
            name
            for name, on in (
                ("--json", as_json),
                ("--jsonl", as_jsonl),
                ("--keys", keys),
                ("--format", template is not None),
            )
            if on
        ]
        if len(chosen) > 1:
            raise UsageError(f"Choose one output format, not {' and '.join(chosen)}.")
        if template is not None:
            from ..listing import check_template

            return cls("format", check_template(template))
        return cls(chosen[0].lstrip("-") if chosen else None)

    def list_entries(
        self,
        entries: list[Entry],
        limit: int | None,
        *,
        summaries: bool = False,
        full: bool = False,
    ) -> None:
        """End a listing command: nothing matched (exit 1), else at most `limit` entries
        in the machine format asked for, or a table (with annotations for `summaries`)."""
        if not entries:
            nothing_matched(json_array=self.mode == "json")
        if limit is not None:
            entries = entries[:limit]
        if self.emit(entries):
            return
        from ._render import print_entry_table

        print_entry_table(entries, summaries=summaries, full=full)

    def emit(
        self,
        entries: Sequence[Entry],
        records: Callable[[], Sequence[dict[str, Any]]] | None = None,
    ) -> bool:
        """Print entries in the chosen format; False when a table is wanted instead.

        `records` makes what replaces `Entry.to_dict()` in JSON output (search adds
        scores); it is called only for JSON, since it decodes every field."""
        if self.mode is None:
            return False
        from .. import listing

        if self.mode in {"json", "jsonl"}:
            data = records() if records is not None else [entry.to_dict() for entry in entries]
            if self.mode == "json":
                out(listing.to_json(data))
            else:
                out_lines(listing.to_jsonl(data))
        elif (template := self.template) is not None:
            out_lines(listing.format_entry(entry, template) for entry in entries)
        else:
            out_lines(entry.key for entry in entries)
        return True


# ---------------------------------------------------------------------------------------
# Choosing entries by key, query or filter (cite, export, reading-list)

KeyArgs = Annotated[
    list[str] | None,
    typer.Argument(
        metavar="KEY",
        help="Citation keys; '-' reads keys from stdin.",
        autocompletion=on_tab(complete_keys),
    ),
]
KeysFromOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--keys-from",
        metavar="FILE",
        rich_help_panel="Selection",
        help="Read keys from a file (one a line or separated by spaces or commas; # comments; "
        "repeatable).",
    ),
]
AllOpt = Annotated[
    bool, typer.Option("--all", help="Every entry of the catalogue.", rich_help_panel="Selection")
]
QueryOpt = Annotated[
    str | None,
    typer.Option(
        "--query",
        metavar="QUERY",
        rich_help_panel="Selection",
        help="Entries that a search for QUERY finds, best first.",
    ),
]
SkipUnknownOpt = Annotated[
    bool,
    typer.Option(
        "--skip-unknown",
        rich_help_panel="Selection",
        help="Report unknown keys but go on with the known ones.",
    ),
]


def select_entries(
    ctx: typer.Context,
    keys: Sequence[str],
    *,
    keys_from: Sequence[Path] = (),
    all_entries: bool = False,
    query: str | None = None,
    chosen: EntryFilter | None = None,
    skip_unknown: bool = False,
    everything_by_default: bool = False,
) -> list[Entry]:
    """Read the keys (`-` and key files), then let the library choose the entries
    (`selection.select`); unknown keys are reported here, one line each."""
    from ..errors import UnknownKeysError
    from ..keyinput import expand_stdin, read_key_file
    from ..selection import Selection, check_one_source, select

    # Before stdin is read: `copro cite - --all` is wrong whatever the pipe holds.
    by_key = [name for name, given in (("keys", keys), ("--keys-from", keys_from)) if given]
    check_one_source(by_key, all_entries=all_entries, query=bool(query))
    requested = expand_stdin(keys, sys.stdin.read)
    for path in keys_from:
        requested.extend(read_key_file(path))
    selection = Selection(
        keys=requested,
        all_entries=all_entries,
        query=query,
        filter=chosen,
        skip_unknown=skip_unknown,
        from_empty_pipe=bool(keys) and "-" in keys,
        everything_by_default=everything_by_default,
    )
    try:
        selected = select(session(ctx).catalogue(), selection)
    except UnknownKeysError as error:
        for each in error.errors:
            err(f"Error: {each.message}")
        raise
    for skipped in selected.skipped:
        err(f"Warning: {skipped.message}")
    return selected.entries


def selected_entries(ctx: typer.Context, *, everything_by_default: bool = False) -> list[Entry]:
    """`select_entries` driven by the selection options of the running command; with
    `everything_by_default`, no selection at all is the whole catalogue.

    `cite`, `export` and `reading-list` declare the same options (KeyArgs, KeysFromOpt,
    AllOpt, QueryOpt, SkipUnknownOpt and the list filters) under the same names, so their
    parsed values are read here, in one place, from the command's parameters.
    """
    params = ctx.params
    return select_entries(
        ctx,
        params.get("keys") or [],
        keys_from=params.get("keys_from") or [],
        all_entries=bool(params.get("all_entries")),
        query=params.get("query"),
        chosen=entry_filter(
            params.get("author"),
            params.get("year"),
            params.get("type_"),
            params.get("section"),
            params.get("keyword"),
        ),
        skip_unknown=bool(params.get("skip_unknown")),
        everything_by_default=everything_by_default,
    )

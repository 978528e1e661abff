"""The `copro` command: a thin Typer skin over the library.

`main()` is the console script. It runs the Typer app without Click's standalone mode so
that every failure goes through one handler: `Error: <message>` on stderr and an exit code
(1 for bad input, 2 for bad usage, 130 for Ctrl-C), never a traceback.

This module and the command modules leave out `from __future__ import annotations`: Typer
reads every parameter's annotation when a command runs, and string annotations would be
evaluated one by one on each start (about 6 ms of a 0.2 s command).
"""

import gc
import importlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import __version__
from ._common import PipeClosed, Session, err, out
from ._help import CoproGroup

app = typer.Typer(
    name="copro",
    help=(
        "copro: the co-production reading list as a searchable, citable catalogue.\n\n"
        "Search, list and show the bundled catalogue of co-production resources, or your "
        "own .bib files with --bib.\n\n"
        "Example: copro search timebanking"
    ),
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    cls=CoproGroup,
)


def _version(value: bool) -> None:
    if value:
        print(f"copro {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    bib: Annotated[
        list[Path] | None,
        typer.Option(
            "--bib",
            "-b",
            metavar="PATH",
            help="Also load this .bib file (repeatable; also COPRO_BIB, paths separated by "
            f"'{os.pathsep}').",
        ),
    ] = None,
    no_bundled: Annotated[
        bool, typer.Option("--no-bundled", help="Leave the bundled catalogue out.")
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager", help="Print long output straight to the terminal, not through a pager."
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat any problem in a .bib file as an error.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Do not print warnings about .bib files.")
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Parse every .bib file afresh; do not read or fill the cache."
        ),
    ] = False,
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = None,
) -> None:
    """Global options go before the command: copro --bib refs.bib list."""
    ctx.obj = session_of(ctx.params)


def session_of(options: dict[str, Any]) -> Session:
    """The session the global options (and COPRO_BIB, COPRO_NO_CACHE, the config file)
    describe."""
    listed = os.environ.get("COPRO_BIB")
    env_paths = [p for p in listed.split(os.pathsep) if p.strip()] if listed else None
    return Session(
        bib_paths=[str(path) for path in options.get("bib") or []],
        env_paths=env_paths,
        bundled=False if options.get("no_bundled") else None,
        strict=bool(options.get("strict")),
        quiet=bool(options.get("quiet")),
        use_cache=not options.get("no_cache") and not os.environ.get("COPRO_NO_CACHE"),
    )


#: Each command's module. Commands register themselves on `app` when their module is
#: imported, and `--help` lists them in this order: finding things first, then citing
#: them (and browsing, which does both), then checking files.
COMMAND_MODULES = {
    "search": "search_cmd",
    "filter": "filter_cmd",
    "list": "list_cmd",
    "stats": "list_cmd",
    "show": "show_cmd",
    "open": "show_cmd",
    "cite": "cite_cmd",
    "export": "cite_cmd",
    "styles": "cite_cmd",
    "browse": "browse_cmd",
    "reading-list": "reading_cmd",
    "refs": "reading_cmd",
    "check": "check_cmd",
    "cache": "cache_cmd",
    "config": "config_cmd",
}
#: The global options that take a value (the command name is the first word after the
#: global options and their values).
_VALUED_GLOBALS = frozenset({"--bib", "-b"})


def load_commands(args: list[str] | None = None) -> None:
    """Register the command that `args` run, or every command when `args` name none
    (help, a typo, a bare `copro`) or are not given. Importing one command's module
    instead of all of them is most of what a quick command's start-up saves."""
    name = _command_name(args) if args is not None else None
    modules = [COMMAND_MODULES[name]] if name in COMMAND_MODULES else COMMAND_MODULES.values()
    for module in dict.fromkeys(modules):
        importlib.import_module(f"{__name__}.{module}")


def _global_flag(args: list[str], flag: str) -> bool:
    """Whether `flag` is given among the global options (before the command word)."""
    return flag in _split_command_line(args)[0]


def _command_name(args: list[str]) -> str | None:
    """The command word of a command line: the first word that is neither a global
    option nor a global option's value."""
    return _split_command_line(args)[1]


def _split_command_line(args: list[str]) -> tuple[list[str], str | None]:
    """The global options before the command word (not their values), and that word
    (None when there is none, or `--` comes first)."""
    options: list[str] = []
    value_expected = False
    for arg in args:
        if value_expected:
            value_expected = False
        elif arg == "--":
            return options, None
        elif not arg.startswith("-"):
            return options, arg
        else:
            options.append(arg)
            value_expected = arg in _VALUED_GLOBALS
    return options, None


def _completing() -> bool:
    """Whether the shell runs copro to complete a command line (TAB)."""
    return "_COPRO_COMPLETE" in os.environ


def _completed_words() -> list[str]:
    """The words of the command line being completed, without the program's name: a TAB
    loads only the command it completes, as a run does."""
    import shlex

    line = os.environ.get("_TYPER_COMPLETE_ARGS") or os.environ.get("COMP_WORDS", "")
    try:
        words = shlex.split(line)
    except ValueError:  # an unclosed quote being typed
        words = line.split()
    return words[1:]


def _plain_completion_help() -> None:
    """Typer passes each completion's description (an entry's title) through Rich to strip
    markup, and importing Rich for that costs a TAB more than all the rest. copro's help
    texts and titles hold no Rich markup: they are shown as they are."""
    from typer import _completion_classes

    _completion_classes._sanitize_help_text = lambda text: text


def main(argv: list[str] | None = None) -> None:
    """Run copro and exit with its status; the single place errors become messages."""
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
    from typer.exceptions import Abort

    from ..errors import CoproError

    tune_collector()
    if sys.stdout is None or sys.stdin is None:  # started without them (`copro list >&-`)
        from ._streams import guard_standard_streams

        guard_standard_streams()
    args = argv if argv is not None else sys.argv[1:]
    if _completing() and not args:
        _plain_completion_help()
        args = _completed_words()
        load_commands(args)
        args = []  # the shell's words are in the environment, where Typer reads them
    else:
        load_commands(args)
    command = typer.main.get_command(app)
    held = None  # stdout held for the pager: only a terminal's (`_pager.hold`)
    if sys.stdout.isatty() and not _global_flag(args, "--no-pager"):
        from ._pager import hold

        held = hold()
    try:
        try:
            result = command.main(
                args=args,
                prog_name="copro",
                standalone_mode=False,
            )
            code = result if isinstance(result, int) else 0
        except PipeClosed:
            code = _closed_pipe()
        except CoproError as error:
            err(f"Error: {error.message}")
            code = error.exit_code
        except NoArgsIsHelpError as error:
            out(error.format_message())
            code = 0
        except UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            err(f"Error: {error.format_message()}{hint}")
            code = 2
        except ClickException as error:
            err(f"Error: {error.format_message()}")
            code = error.exit_code
        except (Abort, KeyboardInterrupt):
            code = 130
        except OSError as error:  # Rich's output to a full or broken stdout
            code = _failed_output(error)
    finally:
        if held is not None:  # what the command wrote, whatever happened
            from ._pager import release

            try:
                release(held, page=_pages())
            except OSError as error:  # the terminal went away
                code = _failed_output(error)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    except OSError as error:  # buffered output that could not be written after all
        code = _failed_output(error)
    sys.exit(code)


def _pages() -> bool:
    """Whether the settings let long output go through the pager (`pager = false` does
    not; a file that cannot be read: page, and let the commands that read it say so)."""
    from ..config import load_config
    from ..errors import CoproError

    try:
        return bool(load_config().get("pager", True))
    except CoproError:
        return True


def _failed_output(error: OSError) -> int:
    """Say that stdout could not be written (a full disk, an I/O error): exit status 1."""
    from ._streams import output_failed

    failure = output_failed(error)
    err(f"Error: {failure.message}")
    return failure.exit_code


def tune_collector() -> None:
    """Turn off Python's cycle collector for this process.

    A copro command is short, and what it makes (entries, items, rich text) holds no
    reference cycles, so reference counting frees it all; the collector would only walk
    the whole library again at every burst of allocations (a third of the time of loading
    50,000 entries). Process-wide, so it happens here, in the CLI's entry, and never in
    library calls that a long-running program might make. (The console script,
    `launch.py`, has turned it off already, before Typer was imported.)
    """
    gc.disable()


def _closed_pipe() -> int:
    """The reader went away (`copro list | head`): stop quietly, as `cat` does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for a command ended by a closed pipe

"""`copro browse`: the catalogue full-screen; prints what was chosen when it quits."""

import os
import sys
from typing import Annotated

import typer

from ..backends import BACKENDS
from . import app
from ._common import colour_setting, out_lines, session
from ._help import CoproCommand
from ._hooks import complete_markups, on_tab
from .cite_cmd import WORD, StyleOpt, check_format, emit, preferences

BrowseMarkupOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="MARKUP",
        rich_help_panel="Format",
        help=f"Markup of the references p prints: {BACKENDS.choices()}.",
        autocompletion=on_tab(complete_markups),
    ),
]


@app.command("browse", cls=CoproCommand)
def browse_command(
    ctx: typer.Context,
    style: StyleOpt = "apa",
    markup: BrowseMarkupOpt = "text",
) -> None:
    """Browse the catalogue full-screen: search as you type, preview, mark, cite.

    Typing searches as copro search does; the arrows move, Enter goes to the results.

    There: space marks, c copies the references, i the in-text citation, o opens a link.

    p prints the references, k or Enter the keys, as it quits; q or Esc just quits.

    Example: copro browse > keys.txt
    """
    from typer._click.core import ParameterSource

    from ..errors import UsageError

    style, markup, _ = preferences(ctx, style, markup, None)
    if markup == WORD:
        if ctx.get_parameter_source("markup") != ParameterSource.DEFAULT:
            raise UsageError(
                "copro browse prints text; for a Word document: 'copro cite KEY... "
                "--format docx --output FILE.docx'."
            )
        markup = "text"  # the settings' format is a Word file: the references print as text
    check_format(style, markup, None)
    _check_terminal()
    catalogue = session(ctx).catalogue()
    from ._browse_app import browse

    outcome = browse(catalogue, style=style, colour=colour_setting())
    if outcome is None:
        raise typer.Exit(1)
    if outcome.interrupted:
        raise typer.Exit(130)
    if outcome.action == "cite":
        from ..citing import reference_list

        emit(ctx, reference_list(outcome.entries, style, markup), None, False)
    elif outcome.action == "keys":
        out_lines(entry.key for entry in outcome.entries)


def _check_terminal() -> None:
    """The browser reads keys from stdin and draws on stderr (stdout on Windows), so both
    must be a terminal; stdout may go anywhere (`copro browse > keys.txt`)."""
    from ..errors import CoproError

    screen = sys.__stdout__ if sys.platform == "win32" else sys.__stderr__
    streams = (sys.__stdin__, screen)
    if any(stream is None or not stream.isatty() for stream in streams) or (
        os.environ.get("TERM") == "dumb"
    ):
        where = "standard output" if sys.platform == "win32" else "standard error"
        raise CoproError(
            f"copro browse needs a terminal (for its input and {where}); "
            "in a script, choose entries with 'copro search QUERY --keys'."
        )

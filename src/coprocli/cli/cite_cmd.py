"""`copro cite`, `copro export` and `copro styles`: citations and data for other tools."""

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..backends import BACKENDS
from ..exporters import EXPORTERS
from ..styles import STYLES
from . import app
from ._common import (
    AllOpt,
    AuthorOpt,
    KeyArgs,
    KeysFromOpt,
    KeywordOpt,
    QueryOpt,
    SectionOpt,
    SkipUnknownOpt,
    TypeOpt,
    YearOpt,
    nothing_matched,
    out,
    out_document,
    selected_entries,
)
from ._help import CoproCommand
from ._hooks import complete_exporters, complete_markups, complete_styles, on_tab

if TYPE_CHECKING:
    from ..model import Entry

# Choices come from the registries (names only: no style or backend is imported here).
STYLE_HELP = f"Citation style: {STYLES.choices()}."
MARKUP_HELP = f"Markup: {BACKENDS.choices()}, or docx (a Word file, with --output)."
#: The --format that writes a Word document rather than text.
WORD = "docx"
EXPORT_HELP = f"Data format: {EXPORTERS.choices()}."

_STYLE_OPTION = typer.Option(
    "--style",
    "-S",
    metavar="STYLE",
    help=STYLE_HELP,
    rich_help_panel="Format",
    autocompletion=on_tab(complete_styles),
)
StyleOpt = Annotated[str, _STYLE_OPTION]
MarkupOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="MARKUP",
        help=MARKUP_HELP,
        rich_help_panel="Format",
        autocompletion=on_tab(complete_markups),
    ),
]
CslOpt = Annotated[
    Path | None,
    typer.Option(
        "--csl",
        metavar="FILE",
        rich_help_panel="Format",
        help="Any CSL style file, through pandoc (instead of --style).",
    ),
]
LocaleOpt = Annotated[
    str | None,
    typer.Option(
        "--locale",
        metavar="LANG",
        rich_help_panel="Format",
        help="The CSL style's wording in this locale, e.g. en-GB, de-DE (with --csl).",
    ),
]
CopyOpt = Annotated[
    bool,
    typer.Option(
        "--copy",
        rich_help_panel="Output",
        help="Put it on the clipboard as HTML, RTF and text, for Word or Google Docs.",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        rich_help_panel="Output",
        help="Write to FILE (atomically) instead of stdout.",
    ),
]
ForceOpt = Annotated[
    bool,
    typer.Option("--force", help="Overwrite an existing --output file.", rich_help_panel="Output"),
]


def emit(ctx: typer.Context, text: str | bytes, output: Path | None, force: bool) -> None:
    """Print, or write the file atomically and say where on stderr (a Word document,
    as bytes, is always written to a file: `check_format` asked for one)."""
    if output is None:
        assert isinstance(text, str)
        if text.strip():  # an empty document is no output, not a blank line
            out_document(text.rstrip("\n"))
        return
    from ..fileio import write_atomic
    from ._common import err, input_paths

    content = text if isinstance(text, bytes) or text.endswith("\n") else text + "\n"
    written = write_atomic(output, content, force=force, protected=input_paths(ctx))
    err(f"Wrote {written}.")


def check_copy(copy: bool, output: Path | None, markup: str | None, as_json: bool) -> None:
    """--copy makes its own formats (any other --format is set aside): it goes with none of
    the other outputs."""
    if not copy:
        return
    from ..errors import UsageError

    if output is not None or as_json or markup == WORD:
        raise UsageError(
            "--copy puts HTML, RTF and text on the clipboard: drop --output, --json, --format docx."
        )


def copy_out(render: Callable[[str], str]) -> None:
    """Put what `render` gives in text, HTML and RTF on the clipboard, and say so."""
    from ..clipboard import copy_rendered
    from ._common import err

    err(f"Copied to the clipboard: {copy_rendered(render)}.")


def preferences(
    ctx: typer.Context, style: Any, markup: Any, locale: str | None
) -> tuple[Any, Any, str | None]:
    """Style, markup and locale: each as the option gives it, else from the environment
    (COPRO_STYLE, COPRO_FORMAT, COPRO_LOCALE), else the config file, else the default."""
    from ._common import session

    state = session(ctx)
    return (
        state.preferred(ctx, "style", style, "style"),
        state.preferred(ctx, "markup", markup, "format"),
        state.preferred(ctx, "locale", locale, "locale"),
    )


def check_csl(csl: Path | None, locale: str | None) -> None:
    """A --csl file is checked before anything is loaded; --locale needs one."""
    if csl is not None:
        from ..csl import check_style

        check_style(csl)
    elif locale is not None:
        from ..errors import UsageError

        raise UsageError("--locale sets a CSL style's wording: give --csl FILE too.")


def check_format(style: str, markup: str, output: Path | None) -> None:
    """Unknown style or markup names fail before anything is loaded; a Word document
    needs a file to go to."""
    from ..citing import style_and_backend
    from ..errors import UsageError

    style_and_backend(style, "text" if markup == WORD else markup)
    if markup == WORD and output is None:
        raise UsageError("--format docx writes a Word document: give --output FILE.docx.")


def citations(
    entries: "Sequence[Entry]",
    markup: str,
    *,
    style: str,
    csl: Path | None,
    locale: str | None,
    standalone: bool = False,
    in_text: bool = False,
    narrative: bool = False,
) -> str | bytes:
    """The reference list of `entries` (or with `in_text`/`narrative` their in-text
    citation) in `markup`, bytes for a Word file: by the `csl` file when there is one, else
    by the built-in `style`. What cite, export and refs print, write and copy."""
    if csl is not None:
        from ..csl import render

        return render(entries, csl, markup, locale=locale, in_text=in_text, narrative=narrative)
    if markup == WORD:
        from .. import wordfile

        if in_text or narrative:
            return wordfile.in_text(entries, style, narrative=narrative)
        return wordfile.reference_list(entries, style)
    from .. import citing

    if in_text or narrative:
        return citing.in_text(entries, style, markup, narrative=narrative)
    return citing.reference_list(entries, style, markup, standalone=standalone)


@app.command("cite", cls=CoproCommand)
def cite_command(
    ctx: typer.Context,
    keys: KeyArgs = None,
    style: StyleOpt = "apa",
    markup: MarkupOpt = "text",
    csl: CslOpt = None,
    locale: LocaleOpt = None,
    copy: CopyOpt = False,
    in_text: Annotated[
        bool,
        typer.Option(
            "--in-text",
            help="The parenthetical in-text citation of all keys.",
            rich_help_panel="Format",
        ),
    ] = False,
    narrative: Annotated[
        bool,
        typer.Option(
            "--narrative",
            help="The narrative citation: Boyle and Harris (2009).",
            rich_help_panel="Format",
        ),
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="[{key, reference, citation, narrative}] for scripts.",
            rich_help_panel="Output",
        ),
    ] = False,
    all_entries: AllOpt = False,
    query: QueryOpt = None,
    keys_from: KeysFromOpt = None,
    skip_unknown: SkipUnknownOpt = False,
    author: AuthorOpt = None,
    year: YearOpt = None,
    type_: TypeOpt = None,
    section: SectionOpt = None,
    keyword: KeywordOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Format references or in-text citations in a citation style.

    Example: copro cite boyle2009challenge slay2011budgets --style harvard --in-text
    """
    from ..errors import UsageError

    style, markup, locale = preferences(ctx, style, markup, locale)
    check_format(style, markup, output)
    if in_text and narrative:
        raise UsageError("Choose --in-text or --narrative, not both.")
    if as_json and markup == WORD:
        raise UsageError("--json is data and --format docx a document: choose one.")
    check_csl(csl, locale)
    check_copy(copy, output, markup, as_json)
    if csl is not None and as_json:
        raise UsageError("--json gives the built-in styles' records; drop --csl.")
    if as_json and (in_text or narrative):
        raise UsageError("--json already holds the citations; drop --in-text/--narrative.")
    entries = selected_entries(ctx)
    if not entries:
        nothing_matched(json_array=as_json and output is None)
    from .. import citing

    def made(markup: str) -> str | bytes:
        """The citations or the reference list in `markup` (bytes for Word)."""
        standalone = output is not None and markup in {"html", "latex", "rtf"}
        return citations(
            entries,
            markup,
            style=style,
            csl=csl,
            locale=locale,
            standalone=standalone,
            in_text=in_text,
            narrative=narrative,
        )

    if as_json:
        from ..listing import to_json

        emit(ctx, to_json(citing.citation_records(entries, style, markup)), output, force)
    elif copy:
        copy_out(lambda markup: str(made(markup)))
    else:
        emit(ctx, made(markup), output, force)


@app.command("export", cls=CoproCommand)
def export_command(
    ctx: typer.Context,
    keys: KeyArgs = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="FORMAT",
            rich_help_panel="Format",
            help=EXPORT_HELP,
            autocompletion=on_tab(complete_exporters),
        ),
    ] = None,
    style: Annotated[str | None, _STYLE_OPTION] = None,
    markup: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="MARKUP",
            rich_help_panel="Format",
            help=MARKUP_HELP + " With --style.",
            autocompletion=on_tab(complete_markups),
        ),
    ] = None,
    csl: CslOpt = None,
    locale: LocaleOpt = None,
    copy: CopyOpt = False,
    all_entries: AllOpt = False,
    query: QueryOpt = None,
    keys_from: KeysFromOpt = None,
    skip_unknown: SkipUnknownOpt = False,
    author: AuthorOpt = None,
    year: YearOpt = None,
    type_: TypeOpt = None,
    section: SectionOpt = None,
    keyword: KeywordOpt = None,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Export entries as data (--to) or as a formatted reference list (--style, --format).

    Example: copro export --all --style apa --format html --output refs.html
    """
    from ..errors import UsageError

    if to is not None and (style is not None or markup is not None or csl is not None):
        raise UsageError("Give --to for data or --style/--format for a reference list, not both.")
    if to is None:
        style, markup, locale = preferences(ctx, style, markup, locale)
    if to is None and style is None and markup is None and csl is None:
        raise UsageError(f"Give --to FORMAT ({EXPORTERS.choices()}) or --style.")
    check_csl(csl, locale)
    check_copy(copy, output, markup, to is not None)
    if to is not None:
        from ..exporters import get_exporter

        exporter = get_exporter(to)
    else:
        check_format(style or "apa", markup or "text", output)
    entries = selected_entries(ctx)
    if not entries:
        json_array = to is not None and exporter.extension == "json" and output is None
        nothing_matched(json_array=json_array)
    if to is not None:
        emit(ctx, exporter.export(entries), output, force)
        return

    markup = markup or "text"

    def made(markup: str) -> str | bytes:
        """The reference list in `markup` (bytes for Word)."""
        standalone = markup != "text" and output is not None
        return citations(
            entries, markup, style=style or "apa", csl=csl, locale=locale, standalone=standalone
        )

    if copy:
        copy_out(lambda markup: str(made(markup)))
    else:
        emit(ctx, made(markup), output, force)


@app.command("styles", cls=CoproCommand)
def styles_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print the styles as JSON.")] = False,
) -> None:
    """List the citation styles, each with a catalogue entry formatted in it.

    Example: copro styles
    """
    from ..catalogue import load_catalogue
    from ..styles import STYLES

    sample = load_catalogue().get("boyle2009challenge")
    from .. import citing

    rows = [
        {
            "name": name,
            "title": style.title,
            "example": citing.reference_list([sample], name, "text").strip(),
            "citation": citing.in_text([sample], name, "text"),
        }
        for name, style in STYLES.items()
    ]
    if as_json:
        from ..listing import to_json

        out(to_json(rows))
        return
    from ._common import err
    from ._render import print_styles

    print_styles(rows)
    # On stderr: the list on stdout stays the built-in styles, for scripts that read it.
    err(
        "Any other CSL style (Zotero's thousands): --csl FILE.csl, and --locale xx-XX for its "
        "wording, on cite, export, refs, reading-list (needs pandoc: pip install 'copro[csl]')."
    )

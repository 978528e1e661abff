"""`copro reading-list` and `copro refs`: annotated lists out, citations in a report checked."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ..readinglist import GROUPINGS
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
    counted,
    err,
    nothing_matched,
    selected_entries,
    session,
)
from ._help import CoproCommand
from ._hooks import complete_styles, on_tab
from .cite_cmd import (
    WORD,
    CopyOpt,
    CslOpt,
    ForceOpt,
    LocaleOpt,
    MarkupOpt,
    OutputOpt,
    check_copy,
    check_csl,
    check_format,
    citations,
    copy_out,
    emit,
    preferences,
)


@app.command("reading-list", cls=CoproCommand)
def reading_list_command(
    ctx: typer.Context,
    keys: KeyArgs = None,
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-S",
            metavar="STYLE",
            rich_help_panel="Format",
            help="Citation style of the references (default harvard).",
            autocompletion=on_tab(complete_styles),
        ),
    ] = "harvard",
    markup: MarkupOpt = "markdown",
    group_by: Annotated[
        str,
        typer.Option(
            "--group-by",
            "-g",
            metavar="|".join(GROUPINGS),
            rich_help_panel="Format",
            help="Headings to group entries under.",
        ),
    ] = "section",
    title: Annotated[
        str | None,
        typer.Option("--title", help="A heading for the whole list.", rich_help_panel="Format"),
    ] = None,
    intro: Annotated[
        str | None,
        typer.Option(
            "--intro", metavar="TEXT", rich_help_panel="Format", help="An introductory paragraph."
        ),
    ] = None,
    standalone: Annotated[
        bool,
        typer.Option(
            "--standalone",
            rich_help_panel="Format",
            help="A complete document (an HTML page with print CSS, a LaTeX file).",
        ),
    ] = False,
    web: Annotated[
        bool,
        typer.Option(
            "--web",
            rich_help_panel="Format",
            help="One self-contained HTML page for a browser, offline: search, section and "
            "keyword filters, a style switch and copy buttons (implies --format html "
            "--standalone).",
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
    csl: CslOpt = None,
    locale: LocaleOpt = None,
    copy: CopyOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """An annotated reading list: each reference followed by its annotation, under headings.

    Entries come from keys, --all, --query or the filters, as in cite; with none of them,
    the whole catalogue.

    Example: copro reading-list --title "Core papers" --web --output core-papers.html
    """
    from ..readinglist import check_grouping, render_reading_list

    style, markup, locale = preferences(ctx, style, markup, locale)
    if web:
        markup = _check_web(ctx, copy)
    check_format(style, markup, output)
    check_csl(csl, locale)
    check_copy(copy, output, markup, False)
    group_by = check_grouping(group_by)
    entries = selected_entries(ctx, everything_by_default=True)
    if not entries:
        nothing_matched()
    formatted = None
    if csl is not None:
        from ..csl import references

        formatted = references(entries, csl, locale=locale)
    # What every form of the list is made from (a Word file, a web page, text markups).
    made_from: dict[str, Any] = {
        "style": style,
        "group_by": group_by,
        "title": title,
        "intro": intro,
        "formatted": formatted,
    }
    if web:
        from ..webpage import web_page

        if csl is not None:
            made_from["formatted_name"] = f"{csl.stem} (CSL)"
        emit(ctx, web_page(entries, **made_from), output, force)
        return
    if markup == WORD:
        from ..wordfile import reading_list

        emit(ctx, reading_list(entries, **made_from), output, force)
        return

    def made(markup: str) -> str:
        return render_reading_list(entries, markup=markup, standalone=standalone, **made_from)

    if copy:
        copy_out(made)
    else:
        emit(ctx, made(markup), output, force)


def _check_web(ctx: typer.Context, copy: bool) -> str:
    """--web writes an HTML page (whatever format the settings prefer): a --format other
    than html on the command line, or --copy, contradicts it."""
    from typer._click.core import ParameterSource

    from ..errors import UsageError

    given = str(ctx.params.get("markup", "html"))
    if ctx.get_parameter_source("markup") == ParameterSource.COMMANDLINE and (
        given.strip().lower() != "html"
    ):
        raise UsageError(f"--web makes an HTML page: drop --format {given}.")
    if copy:
        raise UsageError("--web makes a page for a file: drop --copy, or --web to copy the list.")
    return "html"


@app.command("refs", cls=CoproCommand)
def refs_command(
    ctx: typer.Context,
    document: Annotated[
        Path,
        typer.Argument(
            metavar="DOCUMENT", help="A Word (.docx), Markdown, LaTeX or text file; - for stdin."
        ),
    ],
    style: Annotated[
        str,
        typer.Option(
            "--style",
            "-S",
            metavar="STYLE",
            rich_help_panel="Format",
            help="Citation style of the reference list.",
            autocompletion=on_tab(complete_styles),
        ),
    ] = "apa",
    markup: MarkupOpt = "text",
    csl: CslOpt = None,
    locale: LocaleOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 when any citation is unmatched or ambiguous.")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Every citation found: line, text, key, confidence.")
    ] = False,
    copy: CopyOpt = False,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """The reference list of what a report cites, and the citations that match nothing.

    Finds pandoc [@key] and @key, LaTeX \\cite{...} commands and author-year mentions such as
    Boyle and Harris (2009) or (Slay, 2011).

    Example: copro refs report.md --style harvard --format markdown
    """
    from .. import refs
    from ..errors import CoproError, UsageError

    style, markup, locale = preferences(ctx, style, markup, locale)
    check_format(style, markup, output)
    check_csl(csl, locale)
    check_copy(copy, output, markup, as_json)
    if as_json and markup == WORD:
        raise UsageError("--json is data and --format docx a document: choose one.")
    text = _read_document(document)
    catalogue = session(ctx).catalogue()
    resolutions = refs.resolve(refs.find_citations(text), catalogue.entries)
    problems = list(refs.iter_problems(resolutions))
    for problem in problems:
        err(f"Warning: {document}: {problem}")
    if not resolutions and not session(ctx).quiet:
        copied = "; nothing was copied" if copy else ""
        err(
            f"{document}: no citation found (copro reads [@key], \\cite{{key}} and "
            f"author-year mentions such as 'Boyle and Harris (2009)'){copied}."
        )
    if as_json:
        from ..listing import to_json

        emit(
            ctx,
            to_json(
                {
                    "line": r.citation.line,
                    "text": r.citation.text,
                    "kind": r.citation.kind,
                    "key": r.matched.key if r.matched else None,
                    "candidates": [entry.key for entry in r.matches],
                    "confidence": r.confidence if r.matched else 0.0,
                }
                for r in resolutions
            ),
            output,
            force,
        )
    else:
        cited = refs.cited_entries(resolutions)

        def made(markup: str) -> str | bytes:
            if not cited and markup != WORD:
                return ""
            return citations(cited, markup, style=style, csl=csl, locale=locale)

        if copy and cited:
            copy_out(lambda markup: str(made(markup)))
        elif copy and resolutions:
            err(f"{document}: no citation matched an entry; nothing was copied.")
        else:
            emit(ctx, made(markup), output, force)
    if strict and problems:
        unresolved = counted(len(problems), "citation")
        raise CoproError(f"{document}: {unresolved} unmatched or ambiguous.")


def _read_document(document: Path) -> str:
    """The prose of the report: what is code or a comment in its kind of document is
    blanked, so that a key shown as code is no citation."""
    from ..documents import kind_of, prose, read_document

    if str(document) == "-":
        text = sys.stdin.read()
        return prose(text, kind_of("-", text))
    return prose(*read_document(document))

"""`copro search`: fuzzy, ranked; and how query commands read their arguments."""

import re
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer._click.core import Context
from typer.core import TyperOption

from . import app
from ._common import (
    AuthorOpt,
    FormatOpt,
    JsonlOpt,
    JsonOpt,
    KeysOpt,
    KeywordOpt,
    ScriptOutput,
    SectionOpt,
    TypeOpt,
    YearOpt,
    entry_filter,
    err,
    nothing_matched,
    session,
)
from ._help import CoproCommand

#: A `field:value` word whose value the shell unquoted (a pattern string, compiled by `re`
#: only for a word with a colon: most queries have none).
_FIELD_ARG = r"^(-?[A-Za-z]+):(?!\")(.*\s.*)$"

LimitOpt = Annotated[
    int | None,
    typer.Option("--limit", "-n", min=0, metavar="N", help="Show at most this many results."),
]


#: Put before an excluded word while the command line is parsed, so that the parser takes
#: it for an argument; a NUL cannot occur in a real command line.
_WORD_MARK = "\0"


class QueryCommand(CoproCommand):
    """A command whose arguments are query terms: `-timebanking` or `-type:report` is an
    excluded term, not the short option `-t` with the value `imebanking`.

    A word starting with one `-` is an option only when it is exactly one of the
    command's option names (`-n`, `--limit`) or the value that such an option takes
    (`--author -smith`); `--` still ends the options."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        options = [param for param in self.get_params(ctx) if isinstance(param, TyperOption)]
        names = {name for option in options for name in (*option.opts, *option.secondary_opts)}
        valued = {
            name
            for option in options
            if not option.is_flag and not option.count
            for name in option.opts
        }
        rest = super().parse_args(ctx, _mark_excluded_words(args, names, valued))
        for name, value in ctx.params.items():
            if isinstance(value, (list, tuple)):
                ctx.params[name] = [_unmarked(word) for word in value]
        return rest


def _mark_excluded_words(
    args: Sequence[str], option_names: set[str], valued: set[str]
) -> list[str]:
    """`args` with every excluded query word marked as an argument (`_WORD_MARK`)."""
    marked: list[str] = []
    value_expected = False
    for position, arg in enumerate(args):
        if arg == "--" and not value_expected:
            marked.extend(args[position:])  # the parser reads the rest as arguments
            break
        if not value_expected and _is_excluded_word(arg, option_names):
            marked.append(_WORD_MARK + arg)
            continue
        marked.append(arg)
        value_expected = not value_expected and arg in valued
    return marked


def _is_excluded_word(arg: str, option_names: set[str]) -> bool:
    return len(arg) > 1 and arg[0] == "-" and arg[1] != "-" and arg not in option_names


def _unmarked(word: object) -> object:
    if isinstance(word, str) and word.startswith(_WORD_MARK):
        return word[len(_WORD_MARK) :]
    return word


def _query_from_args(words: list[str]) -> str:
    """Join the shell's words into one query; `section:Practical tools`, which the shell
    unquoted from `section:"Practical tools"`, gets its quotes back."""
    parts = []
    for word in words:
        match = re.match(_FIELD_ARG, word) if ":" in word else None
        parts.append(f'{match.group(1)}:"{match.group(2)}"' if match else word)
    return " ".join(parts)


@app.command("search", cls=QueryCommand)
def search_command(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY", help='Words, "phrases", field:value, -word, OR.'),
    ],
    author: AuthorOpt = None,
    year: YearOpt = None,
    type_: TypeOpt = None,
    section: SectionOpt = None,
    keyword: KeywordOpt = None,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    as_jsonl: JsonlOpt = False,
    keys: KeysOpt = False,
    template: FormatOpt = None,
) -> None:
    """Search the catalogue: fuzzy, typo-tolerant, ranked by relevance.

    Fields: author, title, year (2009..2011), type, section, keyword, key.

    Example: copro search timebanking
    """
    from ..query import parse_query

    text = _query_from_args(query)
    parse_query(text)  # a malformed query fails before anything is loaded
    output = ScriptOutput.choose(as_json=as_json, as_jsonl=as_jsonl, keys=keys, template=template)
    # Without filter options there is nothing to choose (and the filters go unloaded).
    options = (author, year, type_, section, keyword)
    chosen = entry_filter(*options) if any(options) else None
    # `--limit 0` still tells whether anything matched, by exit status, as `--limit 1` does.
    with_matches = output.mode not in {"keys", "format"}
    index, hits = session(ctx).search(
        chosen, text, limit=1 if limit == 0 else limit, with_matches=with_matches
    )
    if not hits:
        suggestions = index.did_you_mean(text)
        hint = f"Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        nothing_matched(json_array=output.mode == "json", query=text, hint=hint)
    if index.partial and not session(ctx).quiet:
        _say_partial(index.unmatched, len(hits), index.partial_total)
    hits = hits[:limit]
    entries = [hit.entry for hit in hits]

    def records() -> list[dict[str, Any]]:
        return [
            {
                **hit.entry.to_dict(),
                "score": round(hit.score, 2),
                "matches": [{"field": m.field, "text": m.snippet} for m in hit.matches],
            }
            for hit in hits
        ]

    if output.emit(entries, records):
        return
    from ._render import print_hits

    print_hits(hits)


def _say_partial(unmatched: list[str], shown: int, total: int) -> None:
    """Tell, on stderr, that the hits match some of the query's words, not all."""
    if shown < total:
        said = (
            f"No entry matches every word; these are the best {shown} of the {total} "
            "that match most of them (--limit N shows more)."
        )
    else:
        said = "No entry matches every word; these match most of them."
    if unmatched:
        said += f" Nothing matched {', '.join(repr(word) for word in unmatched)}."
    err(said)

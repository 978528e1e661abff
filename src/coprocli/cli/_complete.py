"""Shell completion (TAB in bash, zsh, fish): command and option names come from Typer;
the values of options and entry keys come from here, from the catalogue the command would
load (the bundled one, COPRO_BIB, --bib), read through the cache.

A TAB must answer at once: keys come from the cache's key list without reading entries, and
titles (shown beside keys where the shell can) are read only for a few matches. Any
failure completes nothing rather than printing an error into the user's command line.
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import typer

from ..backends import BACKENDS
from ..exporters import EXPORTERS
from ..styles import STYLES

if TYPE_CHECKING:
    from ..catalogue import Catalogue
    from ..model import Entry

#: Up to this many matching keys are shown with their titles; more are shown bare.
_DESCRIBED = 40


def _catalogue(ctx: typer.Context) -> "Catalogue":
    from . import session_of
    from ._common import Session

    root = ctx.find_root()
    session = root.obj if isinstance(root.obj, Session) else session_of(root.params)
    session.quiet = True  # nothing on stderr in the middle of a command line
    return session.catalogue()


def entry_keys(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The keys starting with what was typed, with their titles (shells match case)."""
    try:
        catalogue = _catalogue(ctx)
        every = catalogue.keys()
        keys = [key for key in every if key.startswith(incomplete)]
        if len(keys) > _DESCRIBED:
            return [(key, "") for key in keys]
        found = []
        for key in keys:
            entry = catalogue.find(key)
            title = entry.fields.get("title", "") if entry is not None else ""
            found.append((key, " ".join(str(title).split())[:70]))
        return found
    except Exception:  # a completion never fails loudly
        return []


def _names(choices: str, incomplete: str) -> list[str]:
    return [name for name in choices.split(", ") if name.startswith(incomplete)]


def style_names(incomplete: str) -> list[str]:
    return _names(STYLES.choices(), incomplete)


def markup_names(incomplete: str) -> list[str]:
    return _names(BACKENDS.choices() + ", docx", incomplete)


def exporter_names(incomplete: str) -> list[str]:
    return _names(EXPORTERS.choices(), incomplete)


def sections(ctx: typer.Context, incomplete: str) -> list[str]:
    """The section headings of the catalogue starting with what was typed."""
    return _entry_values(ctx, incomplete, lambda entry: [entry.section] if entry.section else [])


def keywords(ctx: typer.Context, incomplete: str) -> list[str]:
    """The keywords of the catalogue starting with what was typed."""
    return _entry_values(ctx, incomplete, lambda entry: list(entry.keywords))


def _entry_values(
    ctx: typer.Context, incomplete: str, values: Callable[["Entry"], Iterable[str]]
) -> list[str]:
    try:
        found: dict[str, None] = {}
        for entry in _catalogue(ctx).entries:
            for value in values(entry):
                if value.startswith(incomplete):
                    found[value] = None
        return sorted(found, key=str.casefold)
    except Exception:
        return []

"""Completion (TAB) of option values and keys: thin hooks that the options name, so that
`_complete` is imported by a TAB only.

No `from __future__ import annotations` here: Typer reads each hook's annotations every
time a command is built, and strings would be evaluated each time.
"""

import os
from collections.abc import Callable
from typing import TypeVar

import typer

_Hook = TypeVar("_Hook", bound=Callable[..., list[str] | list[tuple[str, str]]])


def on_tab(hook: _Hook) -> _Hook | None:
    """`hook` where this process completes a command line (the shell runs copro with
    `_COPRO_COMPLETE` set on TAB), else None. Typer inspects the signature of every hook
    an option names each time it builds a command; a command that is not completing
    would pay for that and never call them."""
    return hook if "_COPRO_COMPLETE" in os.environ else None


def complete_keys(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from ._complete import entry_keys

    return entry_keys(ctx, incomplete)


def complete_sections(ctx: typer.Context, incomplete: str) -> list[str]:
    from ._complete import sections

    return sections(ctx, incomplete)


def complete_keywords(ctx: typer.Context, incomplete: str) -> list[str]:
    from ._complete import keywords

    return keywords(ctx, incomplete)


def complete_styles(incomplete: str) -> list[str]:
    from ._complete import style_names

    return style_names(incomplete)


def complete_markups(incomplete: str) -> list[str]:
    from ._complete import markup_names

    return markup_names(incomplete)


def complete_exporters(incomplete: str) -> list[str]:
    from ._complete import exporter_names

    return exporter_names(incomplete)

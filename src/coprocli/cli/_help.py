"""Help as copro shows it: what each option takes, never a Python type, and text as written.

Typer labels every parameter in help with its Python type (`--json <bool>`, `--title
<str>`, `[KEY]... <list[str]>`) and reads help texts as Rich markup, so `[@key]` in a
sentence vanishes. The command classes here show an option's metavar (`FILE`, `N`),
nothing for a flag or an argument (its name says what it takes), write usage as
`[KEY]...`, and print help texts literally.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from typer._click.core import Command, Context, Parameter
from typer._click.formatting import HelpFormatter
from typer._click.types import ParamType
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption


class _ArgumentByName(TyperArgument):
    """An argument shown by its name alone: `KEY`, and `[KEY]...` in the usage line."""

    def get_usage_pieces(self, ctx: Context) -> list[str]:
        label = self.metavar if self.metavar is not None else self.name or ""
        name = label if self.required else f"[{label}]"
        return [name + ("..." if self.nargs != 1 else "")]

    def make_metavar(self, ctx: Context, *, usage: bool = False) -> str:
        return self.get_usage_pieces(ctx)[0] if usage else self.metavar or self.name or ""


def _untyped(kind: ParamType) -> ParamType:
    """A copy of a parameter type that names no type in help (Typer's help shows an
    argument's type as `<str>` when the type has no metavar of its own)."""
    shown = copy.copy(kind)
    shown.get_metavar = lambda param, ctx: ""  # type: ignore[method-assign]
    return shown


class _OptionByMetavar(TyperOption):
    """An option shown with the value it takes (`--output FILE`); a flag with none."""

    def make_metavar(self, ctx: Context) -> str:
        if self.is_flag or self.count:
            return ""
        return self.metavar or (self.name or "value").upper()


def _shown_plainly(params: Iterable[Parameter]) -> None:
    """Give Typer's parameters the help display above (a class of the same layout)."""
    for param in params:
        if type(param) is TyperArgument:
            param.__class__ = _ArgumentByName
            param.type = _untyped(param.type)
        elif type(param) is TyperOption:
            param.__class__ = _OptionByMetavar


class _HasHelp(Protocol):
    help: str | None


@contextmanager
def _as_written(items: Iterable[_HasHelp]) -> Iterator[None]:
    """While help is printed, each item's help text escaped from Rich markup, so that it
    prints as written; the texts are restored after, as other code reads them."""
    from rich.markup import escape

    saved = [(item, item.help) for item in items]
    for item, text in saved:
        item.help = escape(text) if text else text
    try:
        yield
    finally:
        for item, text in saved:
            item.help = text


class _PlainHelp(Command):
    """What `CoproCommand` and `CoproGroup` share: parameters shown plainly from the
    start, the help option made lazily by Click too, and help texts as written."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _shown_plainly(self.params)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        option = super().get_help_option(ctx)
        _shown_plainly([option] if option is not None else [])
        return option

    def _help_texts(self, ctx: Context) -> list[_HasHelp]:
        params = self.get_params(ctx)
        return [self, *(p for p in params if isinstance(p, (TyperArgument, TyperOption)))]

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        with _as_written(self._help_texts(ctx)):
            super().format_help(ctx, formatter)


class CoproCommand(_PlainHelp, TyperCommand):
    """A command whose help names what each parameter takes and prints texts as written."""


class CoproGroup(_PlainHelp, TyperGroup):
    """The `copro` group: its help as a command's, and its commands' summaries as written."""

    def _help_texts(self, ctx: Context) -> list[_HasHelp]:
        return [*super()._help_texts(ctx), *self.commands.values()]

"""`copro cache info|clear`: the cache of loaded catalogues."""

import typer

from . import app
from ._common import out
from ._help import CoproCommand, CoproGroup

cache_app = typer.Typer(
    help="The cache of loaded .bib files: where it is, how big, and clearing it.",
    no_args_is_help=True,
    cls=CoproGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(cache_app, name="cache")


@cache_app.command("info", cls=CoproCommand)
def cache_info() -> None:
    """Where the cache is, how many files, catalogues and search indexes it holds, its size.

    Example: copro cache info
    """
    from ..cache import default_cache

    cache = default_cache()
    info = cache.info()
    cache.close()
    out(f"folder:     {info['folder']}")
    out(f"files:      {info['files']}")
    out(f"catalogues: {info['catalogues']}")
    out(f"indexes:    {info['indexes']}")
    out(f"size:       {_megabytes(info['database_bytes'])} (cap {_megabytes(info['max_bytes'])})")
    for problem in cache.problems:
        out(f"problem:    {problem}")


@cache_app.command("clear", cls=CoproCommand)
def cache_clear() -> None:
    """Remove every cached catalogue; the next command parses its files afresh.

    Example: copro cache clear
    """
    from ..cache import default_cache

    freed = default_cache().clear()
    out(f"Cleared the cache ({_megabytes(freed)} freed).")


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"

"""The `copro` console script and `python -m coprocli`: the entry point of a process.

Python's cycle collector is turned off here, before Typer and copro are imported.
Importing them makes some hundred thousand objects, none of them garbage, and the
collector walks them again and again as they are made: about 7 ms of the 50 ms a quick
command takes. (`main` turns it off as well, for callers that start elsewhere; see
`cli.tune_collector`.) Only a process's entry point may do this, never a module a
long-running program imports.
"""

import gc

gc.disable()

from .cli import main  # noqa: E402  (after the collector is off: the point of this module)

__all__ = ["main"]

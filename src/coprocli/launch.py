"""The `copro` console script and `python -m coprocli`: the entry point of a process.

Python's cycle collector is turned off here, before Typer and copro are imported, and
whatever the process made is frozen (left out of every collection) as it ends:

- Importing Typer and Click makes some hundred thousand objects, none of them garbage,
  and the collector walks them again and again as they are made: about 3 ms of the 50 ms
  a quick command takes.
- As Python shuts down it runs one last collection over every object still alive, to
  free reference cycles that the end of the process frees anyway: with everything made
  since start-up to walk, about 9 ms. copro's data holds no reference cycles and writes
  every file it opens through a `with` block, so nothing waits on that collection.

(`cli.main` turns the collector off as well, for callers that start elsewhere; see
`cli.tune_collector`.) Only a process's entry point may do this, never a module that a
long-running program imports.
"""

import gc

gc.disable()

from .cli import main as _run  # noqa: E402  (after the collector is off: the point of this module)


def main() -> None:
    """Run copro; its exit status is `cli.main`'s."""
    try:
        _run()
    finally:
        gc.freeze()

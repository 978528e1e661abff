"""copro: a command-line reference and citation tool for co-production in public services.

The library is usable without the CLI::

    from coprocli import load_catalogue
    catalogue = load_catalogue()
    entry = catalogue.get("boyle2009challenge")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Catalogue",
    "CoproError",
    "Entry",
    "LoadWarning",
    "Person",
    "__version__",
    "load_catalogue",
]

if TYPE_CHECKING:
    from .catalogue import Catalogue, LoadWarning, load_catalogue
    from .errors import CoproError
    from .model import Entry, Person

# Public names resolve lazily so that `import coprocli` (and so `copro --help`)
# does not pay for bibtexparser.
_LAZY = {
    "Catalogue": "catalogue",
    "LoadWarning": "catalogue",
    "load_catalogue": "catalogue",
    "CoproError": "errors",
    "Entry": "model",
    "Person": "model",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'coprocli' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)

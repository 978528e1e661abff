"""Data exporters: one file per format, one table `EXPORTERS`.

Each exporter has `name`, `description`, `extension` and `export(entries) -> str`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..model import Entry
from ..registry import LazyRegistry

__all__ = ["EXPORTERS", "Exporter", "get_exporter"]


class Exporter(Protocol):
    """What every exporter provides."""

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def extension(self) -> str: ...

    def export(self, entries: Sequence[Entry]) -> str: ...


#: Registry: data format name -> (module in this package, class name).
EXPORTERS: LazyRegistry[Exporter] = LazyRegistry(
    __name__,
    {
        "bibtex": ("bibtex", "BibtexExporter"),
        "biblatex": ("bibtex", "BiblatexExporter"),
        "csl-json": ("csl_json", "CslJsonExporter"),
        "ris": ("ris", "RisExporter"),
        "json": ("copro_json", "JsonExporter"),
    },
    "data format",
)


def get_exporter(name: str) -> Exporter:
    """The exporter called `name` (case-insensitive); an unknown name lists the choices."""
    return EXPORTERS.lookup(name)

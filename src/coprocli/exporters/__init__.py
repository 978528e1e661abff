"""Data exporters: one file per format, one table `EXPORTERS`.

Each exporter has `name`, `description`, `extension` and `export(entries) -> str`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..errors import UsageError
from ..model import Entry
from .bibtex import BiblatexExporter, BibtexExporter
from .copro_json import JsonExporter
from .csl_json import CslJsonExporter
from .ris import RisExporter

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


EXPORTERS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        BibtexExporter(),
        BiblatexExporter(),
        CslJsonExporter(),
        RisExporter(),
        JsonExporter(),
    )
}


def get_exporter(name: str) -> Exporter:
    """The exporter called `name` (case-insensitive); an unknown name lists the choices."""
    exporter = EXPORTERS.get(name.strip().lower())
    if exporter is None:
        raise UsageError(f"Unknown data format {name!r}; choose one of: {', '.join(EXPORTERS)}.")
    return exporter

"""Lazy registries: a table of names to (module, class) that imports a module only when
its entry is first used.

`STYLES`, `BACKENDS` and `EXPORTERS` are such tables, so the CLI can list the names (in
help texts and error messages) without paying for importing every style and exporter.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Generic, TypeVar

from .errors import UsageError

T = TypeVar("T")


class LazyRegistry(Mapping[str, T], Generic[T]):
    """A read-only mapping from names to instances, each built on first use from
    `package.module.Class()`. `kind` names the registry in error messages."""

    def __init__(self, package: str, table: Mapping[str, tuple[str, str]], kind: str) -> None:
        self._package = package
        self._table = dict(table)
        self._kind = kind
        self._loaded: dict[str, T] = {}

    def __getitem__(self, name: str) -> T:
        if name not in self._loaded:
            module_name, class_name = self._table[name]
            module = importlib.import_module(f"{self._package}.{module_name}")
            self._loaded[name] = getattr(module, class_name)()
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    def __contains__(self, name: object) -> bool:
        return name in self._table

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._table)

    def choices(self) -> str:
        """`apa, harvard, chicago`: the names for a help text or an error message."""
        return ", ".join(self._table)

    def lookup(self, name: str) -> T:
        """The entry called `name` (case and blanks ignored), or a `UsageError` that lists
        the choices."""
        key = name.strip().lower()
        if key not in self._table:
            raise UsageError(f"Unknown {self._kind} {name!r}; choose one of: {self.choices()}.")
        return self[key]


def lazy_exports(package: str, module: str, names: tuple[str, ...]) -> Callable[[str], Any]:
    """A package's `__getattr__` that imports `names` from `package.module` on first use,
    so that importing the package (for its registry's names) stays cheap."""

    def __getattr__(name: str) -> Any:
        if name in names:
            return getattr(importlib.import_module(f"{package}.{module}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__

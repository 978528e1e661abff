"""The catalogue: loaded entries in file order, found by key, searched, with the problems
met while loading them.

`load_catalogue` reads a catalogue from the cache when the same files were loaded before
(`cache.py`), and has `bibparse.py` parse them otherwise: a warm command never imports the
parser. Field values are decoded from LaTeX when first read (`DecodedFields`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from .errors import BibFileError, DamagedCache, StrictModeError, UnknownKeyError
from .model import LONG_TEXT_FIELDS, VERBATIM_FIELDS, Entry, Frozen
from .rawtext import plain, plain_verbatim

if TYPE_CHECKING:
    from .cache import LibraryCache, StoredCatalogue
    from .index import Hit, SearchIndex

BUNDLED_SOURCE = "bundled"

_T = TypeVar("_T")


class LoadWarning(Frozen):
    """One problem found while loading; the load goes on."""

    _fields = ("source", "line", "kind", "message", "key")
    __slots__ = _fields
    source: str
    line: int
    kind: str
    message: str
    key: str

    def __init__(self, source: str, line: int, kind: str, message: str, key: str = "") -> None:
        self._assign(source, line, kind, message, key)

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        entry = f" entry '{self.key}':" if self.key else ""
        return f"{where}:{entry} {self.message}"

    def relabelled(self, labels: Mapping[str, str]) -> LoadWarning:
        """The warning as the same files loaded under other names (`labels`: old name ->
        new) give it: its own file's name, and the other file a duplicate key names."""
        message = self.message
        if self.kind == "duplicate-key":
            other = re.fullmatch(_DUPLICATE_KEY, message)
            if other and other["source"] in labels:
                message = duplicate_key_message(labels[other["source"]], int(other["line"]))
        source = labels.get(self.source, self.source)
        return LoadWarning(source, self.line, self.kind, message, self.key)


def duplicate_key_message(source: str, line: int) -> str:
    """What a key defined again in a later file says of the earlier definition."""
    return f"key also defined in {source}:{line}; this later definition wins"


#: What `duplicate_key_message` writes, read back (a pattern string: compiled by `re` when
#: first needed, not on every start).
_DUPLICATE_KEY = r"key also defined in (?P<source>.*):(?P<line>\d+); this later definition wins"


class Catalogue:
    """The loaded entries in file order, with lookup by key and the problems met.

    A catalogue read from the cache (`stored`) reads its entries only when asked: `view()`
    reads one at a time, `find` one by key, `entries` all of them. If the cache turns out
    to be damaged, `reload` parses the files again."""

    def __init__(
        self,
        entries: list[Entry] | None = None,
        warnings: list[LoadWarning] | None = None,
        *,
        stored: StoredCatalogue | None = None,
        reload: Callable[[], list[Entry]] | None = None,
    ) -> None:
        self.warnings = warnings if warnings is not None else []
        #: Where this catalogue is kept in the cache (None when loaded without it).
        self.stored = stored
        self._entries = entries if entries is not None or stored is not None else []
        self._reload = reload
        self._positions: dict[str, int] | None = None
        self._folded: dict[str, int] = {}

    @property
    def entries(self) -> list[Entry]:
        """All the entries, in order."""
        if self._entries is None:
            read = self._read(lambda stored: stored.entries())
            if read is not None:
                self._entries = read
        # Parsed, read from the cache, or parsed again when the cache was damaged.
        assert self._entries is not None
        return self._entries

    def _read(self, read: Callable[[StoredCatalogue], _T]) -> _T | None:
        """`read(stored)` while the entries are still in the cache only; None once they
        are in memory, or when the cache turns out to be damaged (then `recover` has
        parsed the files again)."""
        if self._entries is not None or self.stored is None:
            return None
        try:
            return read(self.stored)
        except DamagedCache:
            self.recover()
            return None

    def recover(self) -> list[Entry]:
        """The entries parsed again, for a stored catalogue found damaged (which the cache
        then forgets)."""
        if self.stored is None or self._reload is None:
            raise BibFileError("The cache changed while copro was reading it; run again.")
        self.stored.cache.forget(self.stored)
        self.stored = None
        self._entries = self._reload()
        return self._entries

    def view(self) -> Sequence[Entry]:
        """The entries as a sequence that reads each one only when it is looked at."""
        if self._entries is None and self.stored is not None:
            return _StoredView(self.stored)
        return self.entries

    def first(self, count: int | None) -> list[Entry]:
        """The first `count` entries in order (all of them for None): from the cache, only
        those are read."""
        if count is None:
            return list(self.entries)
        read = self._read(
            lambda stored: [stored.entry(index) for index in range(min(count, stored.size))]
        )
        return read if read is not None else self.entries[:count]

    def __len__(self) -> int:
        size = self._read(lambda stored: stored.size)
        return size if size is not None else len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def _keys(self) -> dict[str, int]:
        """Key -> position, and folded key -> first position (`_folded`)."""
        if self._positions is None:
            keys = self._read(lambda stored: stored.keys())
            if keys is None:
                keys = [entry.key for entry in self.entries]
            self._positions = {key: position for position, key in enumerate(keys)}
            for position, key in enumerate(keys):
                self._folded.setdefault(key.casefold(), position)
        return self._positions

    def keys(self) -> list[str]:
        """Every key, in catalogue order (from the cache's key list: no entry is read)."""
        return list(self._keys())

    def find(self, key: str) -> Entry | None:
        """The entry with this key (exact, else case-insensitive), or None."""
        positions = self._keys()
        position = positions.get(key)
        if position is None:
            position = self._folded.get(key.casefold())
        if position is None:
            return None
        entry = self._read(lambda stored: stored.entry(position))
        return entry if entry is not None else self.entries[position]

    def search(
        self, query: str, *, limit: int | None = None, with_matches: bool = True
    ) -> tuple[SearchIndex, list[Hit]]:
        """Search all the entries (`SearchIndex.search`); the index used, and the hits.

        A catalogue from the cache searches the index stored beside it, built and stored
        the first time; a stored index found damaged is built again from the files."""
        from .index import MemoryStore, SearchIndex

        store = self.stored.search_store() if self.stored is not None else None
        if store is not None:
            index = SearchIndex(self.view(), store)
            try:
                return index, index.search(query, limit=limit, with_matches=with_matches)
            except DamagedCache:
                self.recover()
        index = SearchIndex.build(self.entries)
        if self.stored is not None and isinstance(index.store, MemoryStore):
            self.stored.store_index(index.store)
        return index, index.search(query, limit=limit, with_matches=with_matches)

    def get(self, key: str) -> Entry:
        """The entry with this key; an unknown key raises with close suggestions."""
        entry = self.find(key)
        if entry is None:
            from .index import suggest_keys

            raise UnknownKeyError(key, suggest_keys(key, self._keys()))
        return entry

    def resolve(self, keys: Iterable[str]) -> tuple[list[Entry], list[UnknownKeyError]]:
        """Entries for the known keys in the order given, and an error for each unknown one."""
        entries: list[Entry] = []
        unknown: list[UnknownKeyError] = []
        for key in keys:
            try:
                entries.append(self.get(key))
            except UnknownKeyError as error:
                unknown.append(error)
        return entries, unknown


class _StoredView(Sequence[Entry]):
    """A stored catalogue's entries, each read when first looked at (a search over a large
    library reads only the entries it ranks by text or shows)."""

    def __init__(self, stored: StoredCatalogue) -> None:
        self._stored = stored

    def __len__(self) -> int:
        return self._stored.size

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Entry]: ...
    def __getitem__(self, index: int | slice) -> Entry | Sequence[Entry]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._stored.entry(index % len(self))


# ---------------------------------------------------------------------------------------
# Where the files are, and loading them


def bundled_path() -> Path:
    """Where the bundled catalogue is: inside the installed package, or in a checkout.
    (A file beside the package's modules; importlib.resources would add its own start-up
    to every command for the same answer.)"""
    here = Path(__file__).resolve()
    packaged = here.with_name("data") / "resources.bib"
    if packaged.is_file():
        return packaged
    checkout = here.parents[2] / "data" / "resources.bib"
    if checkout.is_file():
        return checkout
    raise BibFileError(
        "The bundled catalogue resources.bib is missing from this installation; "
        "reinstall copro (pip install --force-reinstall copro)."
    )


def decode_field(name: str, value: str) -> str:
    """One field's value as Unicode: LaTeX decoded, except in URLs, DOIs and files (kept
    as written); long texts (annotations, abstracts) keep their paragraphs and lists."""
    # Most values are plain: the decoder is loaded for the others only.
    text = plain_verbatim(value) if name in VERBATIM_FIELDS else plain(value)
    if text is not None:
        return text
    from . import latex

    if name in VERBATIM_FIELDS:
        return latex.unescape_verbatim(value)
    if name in LONG_TEXT_FIELDS:
        return latex.decode(value, keep_lines=True)
    return latex.decode(value)


class DecodedFields(Mapping[str, str]):
    """An entry's fields, each decoded from LaTeX the first time it is read.

    A command reads a few fields of each entry (a reference list: a dozen of the thirty a
    catalogue export may hold, never its abstract), so decoding on demand saves most of
    the decoding work of loading a large library. Reads are cached; iteration keeps the
    order of the file."""

    __slots__ = ("_decoded", "_raw")

    def __init__(self, raw: dict[str, str], decoded: dict[str, str] | None = None) -> None:
        self._raw = raw
        self._decoded = decoded if decoded is not None else {}

    def get(self, name: str, default: Any = None) -> Any:  # hot: called dozens of times
        value = self._decoded.get(name)
        if value is None:
            raw = self._raw.get(name)
            if raw is None:
                return default
            value = self._decoded[name] = decode_field(name, raw)
        return value

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return str(value)

    def __contains__(self, name: object) -> bool:
        return name in self._raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


def load_catalogue(
    paths: Sequence[str | Path] = (),
    *,
    bundled: bool = True,
    strict: bool = False,
    cache: LibraryCache | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Catalogue:
    """Load the bundled catalogue (unless `bundled=False`) and the given files, in order.

    A key defined in more than one file is reported once and the later file wins;
    `@string` abbreviations carry over from one file to the next.
    With `strict=True` any problem raises `StrictModeError` instead of a warning. With a
    `cache`, the same files loaded before are read from it (`cache.py`), each entry only
    when it is asked for. `progress(label, done,
    total)` hears how far the parse of each file has got (a terminal shows a bar).
    """
    sources: list[tuple[Path, str]] = []
    if bundled:
        sources.append((bundled_path(), BUNDLED_SOURCE))
    sources.extend((Path(path), str(path)) for path in paths)

    fingerprint = cache.fingerprint(sources) if cache is not None else None
    labels = [label for _, label in sources]
    if cache is not None and fingerprint is not None:
        stored = cache.stored(fingerprint, labels)
        if stored is not None:
            _check_strict(stored.warnings, strict)

            def reload() -> list[Entry]:
                from .bibparse import parse_sources

                return parse_sources(sources, progress)[0]

            return Catalogue(warnings=stored.warnings, stored=stored, reload=reload)
    from .bibparse import parse_sources  # only now: a load from the cache parses nothing

    entries, warnings = parse_sources(sources, progress)
    catalogue = Catalogue(entries, warnings)
    if cache is not None and fingerprint is not None:
        catalogue.stored = cache.store(fingerprint, labels, entries, warnings)
    _check_strict(warnings, strict)
    return catalogue


def _check_strict(warnings: Sequence[LoadWarning], strict: bool) -> None:
    if strict and warnings:
        more = f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""
        raise StrictModeError(
            f"{warnings[0]}{more}; fix the file or run without --strict to load it anyway."
        )

"""A persistent cache of loaded catalogues, so that unchanged .bib files are parsed once.

One sqlite database in the user cache directory (`COPRO_CACHE_DIR` overrides it) holds
each catalogue copro has loaded (an ordered set of files: the bundled one, then the
`--bib` files) as it was after loading: its entries, in compressed blocks of strings, its
load warnings and its keys; beside it, once a search has asked for it, its search index
as rows (`index_store.py`). Data, never code, so a damaged or foreign cache can be wrong
but cannot run anything.

A catalogue is named by its files' labels and contents in order, copro's version and the
cache format. A file is found by its real path (links and other spellings of the path are
one file); when its size and modification time are unchanged its content is trusted to
be too, otherwise it is hashed. So an edited file is never served stale, and an unchanged
catalogue is never parsed twice. A warm command reads only what it needs: `search` reads
the index terms of its query and the entries it shows, `show` one entry.

Whatever goes wrong with the cache (a read-only or full directory, a corrupt database, a
row that does not decode) makes copro parse the files as if there were no cache, with at
most one warning per run. The cache keeps under a size cap by dropping the catalogues
used least recently.
"""

from __future__ import annotations

import os
import sqlite3
import time
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import DamagedCache
from .model import NAME_FIELDS, Entry, Person

if TYPE_CHECKING:
    from .catalogue import LoadWarning
    from .index import MemoryStore
    from .index_store import SqliteStore

__all__ = ["LibraryCache", "StoredCatalogue", "cache_dir", "default_cache"]

#: Bumped whenever the stored form of a catalogue or an index changes.
FORMAT = 8
#: The database's layout; a database of another layout is replaced.
SCHEMA_VERSION = 5
#: The cache's size cap, in bytes of stored payload (`COPRO_CACHE_MAX_MB` overrides it).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
#: Entries are stored this many to a compressed block: a search reads the blocks of the
#: entries it shows, a listing all of them. Small blocks waste little on a search. (Part
#: of the stored form: changing it means bumping FORMAT.)
BLOCK = 4
#: A catalogue's "last used" time is written again only when it is older than this: most
#: warm runs then write nothing at all.
_TOUCH_AFTER = 3600.0
_DATABASE = "libraries.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS catalogues (
    id INTEGER PRIMARY KEY, fingerprint TEXT UNIQUE NOT NULL, size INTEGER NOT NULL,
    labels BLOB NOT NULL, keys BLOB NOT NULL, warnings BLOB NOT NULL, indexed INTEGER NOT NULL,
    bytes INTEGER NOT NULL, used REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS catalogue_blocks (
    catalogue INTEGER NOT NULL, block INTEGER NOT NULL, payload BLOB NOT NULL,
    PRIMARY KEY (catalogue, block)
) WITHOUT ROWID;
"""
_FILE_ROW = "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)"


def cache_dir() -> Path:
    """Where the cache lives: `COPRO_CACHE_DIR`, else the platform's user cache folder."""
    override = os.environ.get("COPRO_CACHE_DIR")
    if override:
        return Path(override)
    from .userdirs import user_folder

    return user_folder("cache")


class LibraryCache:
    """The cache database in `folder`; every method degrades to "no cache" on any failure.

    (This class and `StoredCatalogue` are plain classes: every warm command makes them,
    and a data class costs more to define than the command spends using it.)"""

    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.problems: list[str] = []  # at most one, for one warning
        #: Told of a problem as it happens (set once the problems of loading are told).
        self.report: Callable[[str], None] | None = None
        self._connection: sqlite3.Connection | None = None
        self._broken = False

    # -- catalogues ----------------------------------------------------------------------

    def fingerprint(self, sources: Sequence[tuple[Path, str]]) -> str | None:
        """What names the catalogue of these files (path, label), in order: their contents,
        copro's version and the cache format; not their names, so that a file reached by
        another path or a link is the same catalogue. None when a file cannot be read (the
        loader then reports it) or the cache is unusable."""
        if self._connect() is None:
            return None  # no cache: hashing the files would serve nothing
        described = [__version__, str(FORMAT)]
        for path, _ in sources:
            try:
                described.append(self._file_digest(path))
            except OSError:
                return None
        # The description itself is the name (a few dozen characters a file): hashing it
        # again would cost a warm run the import of hashlib for nothing.
        return " ".join(described)

    def stored(self, fingerprint: str, labels: Sequence[str]) -> StoredCatalogue | None:
        """The catalogue stored under `fingerprint`, its entries and warnings named after
        the files as `labels` name them now; None when there is none, or it is damaged."""
        connection = self._connect()
        if connection is None:
            return None
        try:
            row = connection.execute(
                "SELECT id, size, labels, warnings, indexed, used FROM catalogues "
                "WHERE fingerprint = ?",
                (fingerprint,),
            ).fetchone()
            if row is None:
                return None
            number, size, stored_labels, warnings, indexed, used = row
            relabel = _relabelling(_unpacked(stored_labels), labels)
            if relabel is None:
                return None  # the same files, named in a way that cannot be mapped
            if time.time() - used > _TOUCH_AFTER:
                self._touch(int(number))
            told = _warnings(warnings)
            if relabel:
                told = [warning.relabelled(relabel) for warning in told]
            return StoredCatalogue(self, int(number), int(size), told, bool(indexed), labels)
        except sqlite3.Error as error:
            self._fail(error)
        except (DamagedCache, ValueError, TypeError, KeyError, IndexError, zlib.error):
            self._forget_fingerprint(fingerprint)
        return None

    def store(
        self,
        fingerprint: str,
        labels: Sequence[str],
        entries: Sequence[Entry],
        warnings: Sequence[LoadWarning],
    ) -> StoredCatalogue | None:
        """Store a catalogue just loaded; the stored catalogue, or None when the cache
        cannot take it. A catalogue another process stored meanwhile is kept as it is."""
        sources = {label: number for number, label in reversed(list(enumerate(labels)))}
        try:
            blocks = [
                _packed(
                    [
                        text
                        for entry in entries[start : start + BLOCK]
                        for text in _entry_data(entry, sources)
                    ]
                )
                for start in range(0, len(entries), BLOCK)
            ]
            keys = _packed([entry.key for entry in entries])
            told = _packed(
                [
                    text
                    for w in warnings
                    for text in (w.source, str(w.line), w.kind, w.message, w.key)
                ]
            )
        except ValueError:
            return None  # a NUL in the data (the loader removes them): parsed every time
        size = sum(map(len, blocks)) + len(keys) + len(told)
        try:
            with self._transaction() as connection:
                if connection.execute(
                    "SELECT 1 FROM catalogues WHERE fingerprint = ?", (fingerprint,)
                ).fetchone():
                    return None
                number = connection.execute(
                    "INSERT INTO catalogues (fingerprint, size, labels, keys, warnings, indexed, "
                    "bytes, used) VALUES (?, ?, ?, ?, ?, 0, ?, ?)",
                    (
                        fingerprint,
                        len(entries),
                        _packed(list(labels)),
                        keys,
                        told,
                        size,
                        time.time(),
                    ),
                ).lastrowid
                assert number is not None
                connection.executemany(
                    "INSERT INTO catalogue_blocks VALUES (?, ?, ?)",
                    [(number, i, block) for i, block in enumerate(blocks)],
                )
                self._evict(connection, number)
        except sqlite3.Error as error:
            self._fail(error)
            return None
        return StoredCatalogue(self, number, len(entries), list(warnings), False, labels)

    def forget(self, stored: StoredCatalogue) -> None:
        """Drop a stored catalogue found damaged."""
        try:
            with self._transaction() as connection:
                self._drop(connection, stored.number)
        except sqlite3.Error as error:
            self._fail(error)

    # -- info and clearing ---------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """What `copro cache info` prints."""
        database = self.folder / _DATABASE
        counts = {"files": 0, "catalogues": 0, "indexes": 0, "bytes": 0}
        connection = self._connect()
        if connection is not None:
            try:
                counts["files"] = connection.execute("SELECT COUNT(*) FROM files").fetchone()[0]
                row = connection.execute(
                    "SELECT COUNT(*), TOTAL(indexed), TOTAL(bytes) FROM catalogues"
                ).fetchone()
                counts["catalogues"], counts["indexes"], counts["bytes"] = map(int, row)
            except sqlite3.Error as error:
                self._fail(error)
        size = database.stat().st_size if database.exists() else 0
        return {
            "folder": str(self.folder),
            "database_bytes": size,
            "max_bytes": self.max_bytes,
            **counts,
        }

    def clear(self) -> int:
        """Remove the cache database; the number of bytes freed."""
        self.close()
        freed = 0
        for name in (_DATABASE, f"{_DATABASE}-journal", f"{_DATABASE}-wal", f"{_DATABASE}-shm"):
            target = self.folder / name
            try:
                freed += target.stat().st_size
                target.unlink()
            except FileNotFoundError:
                continue
        return freed

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    # -- the database --------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._connection is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                try:
                    self._connection = self._open()
                except sqlite3.DatabaseError:
                    # Not a database (truncated, overwritten, another program's file) or
                    # one of another layout: it holds nothing worth keeping; start anew.
                    (self.folder / _DATABASE).unlink(missing_ok=True)
                    self._connection = self._open()
            except (sqlite3.Error, OSError) as error:
                self._fail(error)
                return None
        return self._connection

    def _open(self) -> sqlite3.Connection:
        from .index_store import TABLE_NAMES, TABLES

        # Transactions are explicit (`_transaction`), so that writers take the write lock
        # at once and two processes storing the same catalogue queue instead of failing.
        connection = sqlite3.connect(self.folder / _DATABASE, timeout=30, isolation_level=None)
        tables = ("files", "catalogues", "catalogue_blocks", *TABLE_NAMES)
        # The layout's version, and how many of its tables are there (a damaged file may
        # have lost one): one statement, as every warm command asks.
        check = (
            "SELECT (SELECT user_version FROM pragma_user_version), COUNT(*) FROM sqlite_master "
            f"WHERE type = 'table' AND name IN ({', '.join('?' * len(tables))})"
        )
        try:
            version, found = connection.execute(check, tables).fetchone()
            if version != SCHEMA_VERSION:
                if connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
                    raise sqlite3.DatabaseError(f"a cache of layout {version}")
                connection.executescript(
                    f"BEGIN IMMEDIATE; {_SCHEMA} {TABLES} "
                    f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
                )
                version, found = connection.execute(check, tables).fetchone()
            if found != len(tables):
                raise sqlite3.DatabaseError("a cache with tables missing")
            # ... and of this layout: the columns every command reads.
            connection.execute(
                "SELECT f.path, f.size, f.mtime_ns, f.digest, c.id, c.fingerprint, c.indexed "
                "FROM files AS f, catalogues AS c LIMIT 0"
            )
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it happens or none (a killed run leaves the old
        state, which sqlite's journal restores). sqlite3.Error passes to the caller."""
        connection = self._connect()
        if connection is None:
            raise sqlite3.OperationalError("the cache is not in use")
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def _fail(self, error: Exception) -> None:
        """Give up on the cache for this run, and say so once."""
        self._broken = True
        self.close()
        if not self.problems:
            self.problems.append(
                f"the cache in {self.folder} cannot be used ({error}); files are parsed "
                "every time. 'copro cache clear' or COPRO_CACHE_DIR may help."
            )
            if self.report is not None:
                self.report(self.problems[0])

    def _file_digest(self, path: Path) -> str:
        """The content hash of a file: the one recorded for its real path when its size
        and modification time are unchanged, else computed (and recorded)."""
        stat = path.stat()
        real = str(path.resolve())
        connection = self._connect()
        if connection is not None:
            try:
                row = connection.execute(
                    "SELECT size, mtime_ns, digest FROM files WHERE path = ?", (real,)
                ).fetchone()
                if row and row[0] == stat.st_size and row[1] == stat.st_mtime_ns:
                    return str(row[2])
            except sqlite3.Error as error:
                self._fail(error)
        digest = _digest(path)
        if connection is not None and not self._broken:
            try:
                with self._transaction() as writing:
                    writing.execute(_FILE_ROW, (real, stat.st_size, stat.st_mtime_ns, digest))
            except sqlite3.Error as error:
                self._fail(error)
        return digest

    def _touch(self, number: int) -> None:
        """Mark a catalogue as used now. A cache that cannot be written (a read-only
        folder) is still read: the time only orders what eviction drops first."""
        try:
            with self._transaction() as connection:
                connection.execute(
                    "UPDATE catalogues SET used = ? WHERE id = ?", (time.time(), number)
                )
        except sqlite3.Error:
            pass

    def _forget_fingerprint(self, fingerprint: str) -> None:
        try:
            with self._transaction() as connection:
                row = connection.execute(
                    "SELECT id FROM catalogues WHERE fingerprint = ?", (fingerprint,)
                ).fetchone()
                if row:
                    self._drop(connection, int(row[0]))
        except sqlite3.Error as error:
            self._fail(error)

    @staticmethod
    def _drop(connection: sqlite3.Connection, number: int) -> None:
        from .index_store import drop

        drop(connection, number)
        connection.execute("DELETE FROM catalogue_blocks WHERE catalogue = ?", (number,))
        connection.execute("DELETE FROM catalogues WHERE id = ?", (number,))

    def _evict(self, connection: sqlite3.Connection, keep: int) -> None:
        """Drop the catalogues used least recently until the cache is under its cap (the
        one just stored, `keep`, stays whatever its size)."""
        total = connection.execute("SELECT TOTAL(bytes) FROM catalogues").fetchone()[0]
        if total <= self.max_bytes:
            return
        rows = connection.execute("SELECT id, bytes FROM catalogues ORDER BY used").fetchall()
        for number, size in rows:
            if total <= self.max_bytes:
                break
            if number != keep:
                self._drop(connection, number)
                total -= size


class StoredCatalogue:
    """A catalogue in the cache: its size and warnings at once, its entries and search
    index when asked. Reading a damaged row raises `DamagedCache`. `labels` are the names
    this run gives the catalogue's files, which its entries' sources are."""

    def __init__(
        self,
        cache: LibraryCache,
        number: int,
        size: int,
        warnings: list[LoadWarning],
        indexed: bool,
        labels: Sequence[str],
    ) -> None:
        from .catalogue import DecodedFields  # loaded already: the loader made this object

        self.cache = cache
        self.number = number
        self.size = size
        self.warnings = warnings
        self.indexed = indexed
        self.labels = labels
        self._fields_type = DecodedFields
        self._blocks: dict[int, list[_StoredEntry]] = {}  # stored items, decoded
        self._entries: dict[int, Entry] = {}
        self._people: dict[tuple[str, ...], Person] = {}

    def _rows(self, sql: str, *parameters: object) -> list[tuple[Any, ...]]:
        connection = self.cache._connect()
        if connection is None:
            raise DamagedCache("the cache is no longer in use")
        try:
            return connection.execute(sql, (self.number, *parameters)).fetchall()
        except sqlite3.Error as error:
            raise DamagedCache(f"the cache cannot be read ({error})") from None

    @staticmethod
    def _items(payload: bytes) -> list[_StoredEntry]:
        """The stored entries of one block, as `_entry_items` reads them."""
        try:
            return _entry_items(_unpacked(payload))
        except (ValueError, IndexError, zlib.error) as error:
            raise DamagedCache(f"a stored block does not decode ({error})") from None

    def _entry(self, item: _StoredEntry) -> Entry:
        try:
            return _entry(item, self._people, self._fields_type, self.labels)
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
            raise DamagedCache(f"a stored entry does not decode ({error})") from None

    def entry(self, eid: int) -> Entry:
        """Entry number `eid` (0-based, in catalogue order), reading only its block and
        making only this entry of it."""
        entry = self._entries.get(eid)
        if entry is not None:
            return entry
        block = eid // BLOCK
        if block not in self._blocks:
            rows = self._rows(
                "SELECT payload FROM catalogue_blocks WHERE catalogue = ? AND block = ?", block
            )
            if not rows:
                raise DamagedCache(f"the stored catalogue has no block {block}")
            self._blocks[block] = self._items(rows[0][0])
        try:
            item = self._blocks[block][eid % BLOCK]
        except IndexError:
            raise DamagedCache(f"the stored catalogue has no entry {eid}") from None
        entry = self._entries[eid] = self._entry(item)
        return entry

    def entries(self) -> list[Entry]:
        """All the entries, in order."""
        rows = self._rows(
            "SELECT block, payload FROM catalogue_blocks WHERE catalogue = ? ORDER BY block"
        )
        entries: list[Entry] = []
        for number, payload in rows:
            if number != len(entries) // BLOCK:
                raise DamagedCache("the stored catalogue has a block missing")
            entries.extend(map(self._entry, self._items(payload)))
        if len(entries) != self.size:
            raise DamagedCache("the stored catalogue has entries missing")
        return entries

    def keys(self) -> list[str]:
        """The entries' keys, in order."""
        rows = self._rows("SELECT keys FROM catalogues WHERE id = ?")
        try:
            keys = _unpacked(rows[0][0])
        except (ValueError, IndexError, TypeError, zlib.error) as error:
            raise DamagedCache(f"the stored keys do not decode ({error})") from None
        if len(keys) != self.size:
            raise DamagedCache("the stored catalogue has keys missing")
        return keys

    def search_store(self) -> SqliteStore | None:
        """The stored search index, or None when none is stored yet."""
        connection = self.cache._connect()
        if not self.indexed or connection is None:
            return None
        from .index_store import SqliteStore

        return SqliteStore(connection, self.number)

    def store_index(self, store: MemoryStore) -> None:
        """Store the search index built over this catalogue's entries."""
        from .index_store import save

        try:
            with self.cache._transaction() as connection:
                row = connection.execute(
                    "SELECT indexed FROM catalogues WHERE id = ?", (self.number,)
                ).fetchone()
                if row is None or row[0]:
                    return  # evicted meanwhile, or indexed by another process
                written = save(connection, self.number, store)
                connection.execute(
                    "UPDATE catalogues SET indexed = 1, bytes = bytes + ? WHERE id = ?",
                    (written, self.number),
                )
                self.cache._evict(connection, self.number)
            self.indexed = True
        except sqlite3.Error as error:
            self.cache._fail(error)


def default_cache() -> LibraryCache:
    """The user's cache, with the size cap `COPRO_CACHE_MAX_MB` sets."""
    cap = DEFAULT_MAX_BYTES
    text = os.environ.get("COPRO_CACHE_MAX_MB", "")
    if text.strip().isdigit():
        cap = int(text) * 1024 * 1024
    return LibraryCache(cache_dir(), cap)


# -- keys ------------------------------------------------------------------------------------


def _digest(path: Path) -> str:
    import hashlib  # only for a file new or changed since it was last hashed

    hasher = hashlib.blake2b(digest_size=20)
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


# -- the stored form ------------------------------------------------------------------------

#: Between the strings of a stored list. Everything the cache stores but integers is a
#: list of strings (numbers written out), joined by NULs and compressed. A NUL never
#: reaches copro's data (the loader removes NULs from a file; a path cannot hold one), and
#: `_packed` refuses a list where one did. Strings rather than JSON: reading them back
#: is a split, and a warm command imports no json module.
_SEPARATOR = "\x00"

#: An entry as `_entry_items` reads it back: key, type, source (its file's number among
#: the catalogue's, or its name), line, raw fields, names (role -> each person's five
#: parts), fields decoded at load (the month), inherited fields.
_StoredEntry = tuple[
    str,
    str,
    str,
    int,
    dict[str, str],
    dict[str, list[tuple[str, ...]]],
    dict[str, str],
    dict[str, str],
]


def _packed(strings: list[str]) -> bytes:
    """A list of strings as the cache stores it: counted, joined, compressed. ValueError
    when a string holds a NUL."""
    text = _SEPARATOR.join([str(len(strings)), *strings])
    if text.count(_SEPARATOR) != len(strings):
        raise ValueError("a string to store holds a NUL")
    return zlib.compress(text.encode(), 1)


def _unpacked(payload: bytes) -> list[str]:
    """What `_packed` stored; ValueError (or zlib.error) when it is not that."""
    count, *strings = zlib.decompress(payload).decode().split(_SEPARATOR)
    if int(count) != len(strings):
        raise ValueError("a stored list has strings missing")
    return strings


def _entry_data(entry: Entry, sources: dict[str, int]) -> list[str]:
    """An entry as stored: key, type, source (`#` and its file's number among the
    catalogue's, or `=` and its name), line, then the raw fields, the names (each person's
    five parts) and the fields decoded at load (the month), each counted; then its
    inherited fields."""
    source = sources.get(entry.source)
    data = [
        entry.key,
        entry.type,
        f"#{source}" if source is not None else f"={entry.source}",
        str(entry.line),
    ]
    _add_mapping(data, entry.raw)
    data.append(str(len(entry.names)))
    for role, people in entry.names.items():
        data += (role, str(len(people)))
        for p in people:
            data += (p.family, p.given, p.particle, p.suffix, p.literal)
    # The month is the one field the loader decodes at once (to a number); the others
    # decode from `raw` when first read, as after a parse.
    _add_mapping(data, {"month": entry.fields["month"]} if "month" in entry.fields else {})
    _add_mapping(data, entry.inherited)
    return data


def _add_mapping(data: list[str], mapping: Mapping[str, str]) -> None:
    data.append(str(len(mapping)))
    for name, value in mapping.items():
        data += (name, value)


def _entry_items(strings: list[str]) -> list[_StoredEntry]:
    """The entries `_entry_data` stored one after another; ValueError or IndexError when
    the strings are not that. (One loop, its reads written out: listing a large library
    reads every entry here.)"""
    items: list[_StoredEntry] = []
    at, end = 0, len(strings)
    while at < end:
        key, kind, source, line, count = strings[at : at + 5]
        start, at = at + 5, at + 5 + 2 * _counted(count)
        raw = dict(zip(strings[start:at:2], strings[start + 1 : at : 2], strict=True))
        names: dict[str, list[tuple[str, ...]]] = {}
        roles, at = _counted(strings[at]), at + 1
        for _ in range(roles):
            role, count = strings[at : at + 2]
            start, at = at + 2, at + 2 + 5 * _counted(count)
            names[role] = [tuple(strings[i : i + 5]) for i in range(start, at, 5)]
        start, at = at + 1, at + 1 + 2 * _counted(strings[at])
        decoded = dict(zip(strings[start:at:2], strings[start + 1 : at : 2], strict=True))
        start, at = at + 1, at + 1 + 2 * _counted(strings[at])
        inherited = dict(zip(strings[start:at:2], strings[start + 1 : at : 2], strict=True))
        if at > end:
            raise IndexError("a stored count runs past the end")
        items.append((key, kind, source, int(line), raw, names, decoded, inherited))
    return items


def _counted(text: str) -> int:
    """A stored count; ValueError for anything but a number of at least 0."""
    count = int(text)
    if count < 0:
        raise ValueError("a stored count below 0")
    return count


def _entry(
    item: _StoredEntry,
    people: dict[tuple[str, ...], Person],
    fields_type: Any,
    labels: Sequence[str],
) -> Entry:
    """An entry `_entry_data` stored, its source named by this run's `labels`; ValueError
    or IndexError when it is not one. `people` keeps one `Person` for each name met (the
    same names recur across entries); `fields_type` is the loader's `DecodedFields`."""
    key, kind, source, line, raw, stored_names, decoded, inherited = item
    names: dict[str, tuple[Person, ...]] = {}
    for role, stored in stored_names.items():
        persons = []
        for parts in stored:
            person = people.get(parts)
            if person is None:
                person = people[parts] = Person(*parts)
            persons.append(person)
        names[role] = tuple(persons)
    pending = dict(raw)
    for name in NAME_FIELDS.intersection(raw):
        del pending[name]
    if source.startswith("#"):
        label = labels[int(source[1:])]
    elif source.startswith("="):
        label = source[1:]
    else:
        raise ValueError("not a stored source")
    return Entry(
        key=key,
        type=kind,
        fields=fields_type(pending, decoded),
        names=names,
        source=label,
        line=line,
        raw=raw,
        inherited=inherited,
    )


def _relabelling(stored: list[str], labels: Sequence[str]) -> dict[str, str] | None:
    """Old name -> new name of each file whose name changed (empty when none did); None
    when the names cannot be mapped (a name given to two files that now have two)."""
    if len(stored) != len(labels):
        raise ValueError("not the stored names of these files")
    relabel: dict[str, str] = {}
    for old, new in zip(stored, labels, strict=True):
        if relabel.setdefault(old, new) != new:
            return None
    return {old: new for old, new in relabel.items() if old != new}


def _warnings(payload: bytes) -> list[LoadWarning]:
    """The load warnings `LibraryCache.store` wrote."""
    from .catalogue import LoadWarning

    told = _unpacked(payload)
    if len(told) % 5:
        raise ValueError("not stored warnings")
    return [
        LoadWarning(told[at], int(told[at + 1]), told[at + 2], told[at + 3], told[at + 4])
        for at in range(0, len(told), 5)
    ]

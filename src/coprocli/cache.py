"""A persistent cache of parsed libraries, so that an unchanged .bib file is parsed once.

One sqlite database in the user cache directory (`COPRO_CACHE_DIR` overrides it) holds,
for each parsed file, its entries and load warnings as compressed JSON: data, never
code, so a damaged or foreign cache file can be wrong but cannot run anything. A file
is found by its real path (links and other spellings of the path are one file); when
its size and modification time are unchanged its content is trusted to be too,
otherwise it is hashed and the parse of that content is used if there is one. A
parse is keyed by the content hash, copro's version, the cache format and what the
parse depended on (the `@string` abbreviations of the files loaded before it).

Whatever goes wrong with the cache (a read-only or full directory, a corrupt database,
a payload that does not decode) makes copro parse the file as if there were no cache,
with at most one warning per run. The cache keeps under a size cap by dropping the
parses used least recently.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .model import NAME_FIELDS, Entry, Person

__all__ = ["LibraryCache", "cache_dir", "default_cache"]

#: Bumped whenever the stored form of a parse changes.
FORMAT = 1
#: The cache's size cap, in bytes of stored payload (`COPRO_CACHE_MAX_MB` overrides it).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
_DATABASE = "libraries.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS parses (
    digest TEXT NOT NULL, context TEXT NOT NULL, payload BLOB NOT NULL,
    bytes INTEGER NOT NULL, used REAL NOT NULL, PRIMARY KEY (digest, context)
);
"""


_FILE_ROW = "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)"
#: The `context` under which a catalogue's search index is kept beside the parses.
_INDEX = f"index/{__version__}"
_PARSE_ROW = "INSERT OR REPLACE INTO parses VALUES (?, ?, ?, ?, ?)"


def cache_dir() -> Path:
    """Where the cache lives: `COPRO_CACHE_DIR`, else the platform's user cache folder."""
    override = os.environ.get("COPRO_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("copro", appauthor=False))


# A parse as stored: the file's entries and warnings without the file's label (the same
# content may be loaded under several names), and the abbreviations it defined.
Parse = tuple[list[Entry], list[Any], dict[str, str]]
Parser = Callable[[], Parse]


@dataclass
class LibraryCache:
    """The cache database; every method degrades to "no cache" on any failure."""

    folder: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    problems: list[str] = field(default_factory=list)  # at most one, for one warning
    #: (label, digest, context) of each file parsed or read in this run, in order.
    loaded: list[tuple[str, str, str]] = field(default_factory=list)
    _connection: sqlite3.Connection | None = None
    _broken: bool = False

    # -- the one public operation -------------------------------------------------------

    def parse(self, path: Path, strings: dict[str, str], parser: Parser, label: str) -> Parse:
        """The parse of `path` read with the abbreviations `strings`: from the cache when
        the same content was parsed in the same context before, else from `parser()`
        (then stored). Entries and warnings are labelled `label` either way."""
        try:
            stat = path.stat()
            real = str(path.resolve())
        except OSError:
            return parser()  # the loader reports the file's own problem
        context = _context(strings)
        digest = self._known_digest(real, stat)
        known = digest is not None
        if digest is None:
            try:
                digest = _digest(path)
            except OSError:
                return parser()
        self.loaded.append((label, digest, context))
        stored = self._load(digest, context, label)
        if stored is not None:
            if not known:  # the file changed, or moved: its content is one parsed before
                self._remember_file(real, stat, digest)
            return stored
        result = parser()
        self._store(real, stat, digest, context, result)
        return result

    # -- search indexes ------------------------------------------------------------------

    def fingerprint(self, files: int) -> str:
        """What names the catalogue of the `files` loaded in this run (their names and
        contents, in order), or "" when any of them bypassed the cache."""
        if len(self.loaded) != files:
            return ""
        described = json.dumps([__version__, FORMAT, self.loaded], ensure_ascii=False)
        return hashlib.blake2b(described.encode(), digest_size=20).hexdigest()

    def load_index(self, fingerprint: str) -> bytes | None:
        """The stored search index of a catalogue, as `SearchIndex.to_bytes` wrote it."""
        return self._blob(fingerprint, _INDEX)

    def store_index(self, fingerprint: str, data: bytes) -> None:
        self._write([(_PARSE_ROW, (fingerprint, _INDEX, data, len(data), time.time()))])

    # -- info and clearing ---------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """What `copro cache info` prints."""
        database = self.folder / _DATABASE
        counts = {"files": 0, "parses": 0, "indexes": 0, "bytes": 0}
        connection = self._connect()
        if connection is not None:
            try:
                counts["files"] = connection.execute("SELECT COUNT(*) FROM files").fetchone()[0]
                row = connection.execute(
                    "SELECT COUNT(*), TOTAL(bytes), TOTAL(context = ?) FROM parses", (_INDEX,)
                ).fetchone()
                counts["indexes"] = int(row[2])
                counts["parses"], counts["bytes"] = row[0] - counts["indexes"], int(row[1])
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
                    # Not a database (truncated, overwritten, another program's file):
                    # it holds nothing worth keeping; start a new one.
                    (self.folder / _DATABASE).unlink(missing_ok=True)
                    self._connection = self._open()
            except (sqlite3.Error, OSError) as error:
                self._fail(error)
                return None
        return self._connection

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.folder / _DATABASE, timeout=30)
        try:
            connection.executescript(_SCHEMA)
            connection.execute("SELECT digest, context, payload, bytes, used FROM parses LIMIT 0")
            connection.execute("SELECT path, size, mtime_ns, digest FROM files LIMIT 0")
        except sqlite3.Error:
            connection.close()
            raise
        return connection

    def _fail(self, error: Exception) -> None:
        """Give up on the cache for this run, and say so once."""
        self._broken = True
        self.close()
        if not self.problems:
            self.problems.append(
                f"the cache in {self.folder} cannot be used ({error}); files are parsed "
                "every time. 'copro cache clear' or COPRO_CACHE_DIR may help."
            )

    def _known_digest(self, real: str, stat: os.stat_result) -> str | None:
        connection = self._connect()
        if connection is None:
            return None
        try:
            row = connection.execute(
                "SELECT size, mtime_ns, digest FROM files WHERE path = ?", (real,)
            ).fetchone()
        except sqlite3.Error as error:
            self._fail(error)
            return None
        if row and row[0] == stat.st_size and row[1] == stat.st_mtime_ns:
            return str(row[2])
        return None

    def _blob(self, digest: str, context: str) -> bytes | None:
        """A stored payload, marked as used now; None when there is none."""
        connection = self._connect()
        if connection is None:
            return None
        try:
            row = connection.execute(
                "SELECT payload FROM parses WHERE digest = ? AND context = ?", (digest, context)
            ).fetchone()
            if row is None:
                return None
            with connection:
                connection.execute(
                    "UPDATE parses SET used = ? WHERE digest = ? AND context = ?",
                    (time.time(), digest, context),
                )
            return bytes(row[0])
        except sqlite3.Error as error:
            self._fail(error)
        return None

    def _load(self, digest: str, context: str, label: str) -> Parse | None:
        payload = self._blob(digest, context)
        if payload is None:
            return None
        try:
            return _decode(payload, label)
        except (ValueError, KeyError, TypeError, zlib.error):
            self._forget(digest, context)  # damaged or foreign: parse again
        return None

    def forget_index(self, fingerprint: str) -> None:
        self._forget(fingerprint, _INDEX)

    def _write(self, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        """Run `statements` in one transaction (a killed run leaves the old state)."""
        connection = self._connect()
        if connection is None:
            return
        try:
            with connection:
                for sql, parameters in statements:
                    connection.execute(sql, parameters)
        except sqlite3.Error as error:
            self._fail(error)

    def _forget(self, digest: str, context: str) -> None:
        self._write([("DELETE FROM parses WHERE digest = ? AND context = ?", (digest, context))])

    def _remember_file(self, real: str, stat: os.stat_result, digest: str) -> None:
        self._write([(_FILE_ROW, (real, stat.st_size, stat.st_mtime_ns, digest))])

    def _store(
        self, real: str, stat: os.stat_result, digest: str, context: str, parse: Parse
    ) -> None:
        payload = _encode(parse)
        self._write(
            [
                (_PARSE_ROW, (digest, context, payload, len(payload), time.time())),
                (_FILE_ROW, (real, stat.st_size, stat.st_mtime_ns, digest)),
            ]
        )
        connection = self._connect()
        if connection is None:
            return
        try:
            with connection:
                self._evict(connection, (digest, context))
        except sqlite3.Error as error:
            self._fail(error)

    def _evict(self, connection: sqlite3.Connection, keep: tuple[str, str]) -> None:
        """Drop the parses used least recently until the cache is under its cap (the one
        just stored, `keep`, stays whatever its size)."""
        total = connection.execute("SELECT TOTAL(bytes) FROM parses").fetchone()[0]
        if total <= self.max_bytes:
            return
        rows = connection.execute("SELECT digest, context, bytes FROM parses ORDER BY used")
        doomed: list[tuple[str, str]] = []
        for digest, context, size in rows.fetchall():
            if total <= self.max_bytes:
                break
            if (digest, context) == keep:
                continue
            doomed.append((digest, context))
            total -= size
        connection.executemany("DELETE FROM parses WHERE digest = ? AND context = ?", doomed)
        connection.execute("DELETE FROM files WHERE digest NOT IN (SELECT digest FROM parses)")


def default_cache() -> LibraryCache:
    """The user's cache, with the size cap `COPRO_CACHE_MAX_MB` sets."""
    cap = DEFAULT_MAX_BYTES
    text = os.environ.get("COPRO_CACHE_MAX_MB", "")
    if text.strip().isdigit():
        cap = int(text) * 1024 * 1024
    return LibraryCache(cache_dir(), cap)


# -- keys ------------------------------------------------------------------------------------


def _digest(path: Path) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def _context(strings: dict[str, str]) -> str:
    """What else a parse depends on: copro's version, the cache format, and the
    abbreviations defined by the files loaded before this one."""
    described = json.dumps(sorted(strings.items()), ensure_ascii=False)
    abbreviations = hashlib.blake2b(described.encode(), digest_size=12).hexdigest()
    return f"{__version__}/{FORMAT}/{abbreviations}"


# -- the stored form ------------------------------------------------------------------------


def _encode(parse: Parse) -> bytes:
    entries, warnings, strings = parse
    data = {
        "format": FORMAT,
        "entries": [_entry_data(entry) for entry in entries],
        "warnings": [[w.line, w.kind, w.message, w.key] for w in warnings],
        "strings": strings,
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 1)


def _entry_data(entry: Entry) -> dict[str, Any]:
    # The month is the one field the loader decodes at once (to a number); the others
    # decode from `raw` when first read, as after a parse.
    decoded = {"month": entry.fields["month"]} if "month" in entry.fields else {}
    return {
        "key": entry.key,
        "type": entry.type,
        "line": entry.line,
        "raw": dict(entry.raw),
        "names": {
            role: [[p.family, p.given, p.particle, p.suffix, p.literal] for p in people]
            for role, people in entry.names.items()
        },
        "decoded": decoded,
    }


def _decode(payload: bytes, label: str) -> Parse:
    """A stored parse, its entries and warnings labelled `label`; ValueError, KeyError or
    TypeError when it is not one."""
    from .catalogue import DecodedFields, LoadWarning

    data = json.loads(zlib.decompress(payload))
    if data["format"] != FORMAT:
        raise ValueError("another cache format")
    people: dict[tuple[str, ...], Person] = {}  # the same names recur across entries
    entries = [_entry(item, label, DecodedFields, people) for item in data["entries"]]
    warnings = [LoadWarning(label, int(line), str(kind), str(message), str(key))
                for line, kind, message, key in data["warnings"]]  # fmt: skip
    strings = {str(name): str(value) for name, value in dict(data["strings"]).items()}
    return entries, warnings, strings


def _entry(
    item: dict[str, Any], label: str, fields_type: Any, people: dict[tuple[str, ...], Person]
) -> Entry:
    raw: dict[str, str] = item["raw"]
    names: dict[str, tuple[Person, ...]] = {}
    for role, parts_list in item["names"].items():
        persons = []
        for parts in parts_list:
            key = tuple(parts)
            person = people.get(key)
            if person is None:
                if len(key) != 5 or not all(isinstance(part, str) for part in key):
                    raise TypeError("not a name")
                person = people[key] = Person(*key)
            persons.append(person)
        names[role] = tuple(persons)
    if not all(isinstance(value, str) for value in raw.values()):
        raise TypeError("not a field value")
    pending = {name: value for name, value in raw.items() if name not in NAME_FIELDS}
    return Entry(
        key=str(item["key"]),
        type=str(item["type"]),
        fields=fields_type(pending, {str(k): str(v) for k, v in item["decoded"].items()}),
        names=names,
        source=label,
        line=int(item["line"]),
        raw=raw,
    )

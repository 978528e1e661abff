"""The search index on disk: a built index's postings and vocabulary as sqlite rows.

`save` writes what `SearchIndex.build` made (a `MemoryStore`) into the cache database;
`SqliteStore` answers the same look-ups from those rows, reading only the terms a search
asks for. Postings are the index's packed integers, stored little-endian as arrays: data,
never code. A row that does not decode raises `DamagedCache`, and the caller builds the
index again.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence
from typing import Literal

from .errors import DamagedCache
from .index import MemoryStore, group_of

__all__ = ["TABLES", "TABLE_NAMES", "SqliteStore", "drop", "save"]

#: The index's tables, created with the cache's; every row belongs to one stored catalogue.
TABLES = """
CREATE TABLE IF NOT EXISTS index_terms (
    catalogue INTEGER NOT NULL, term TEXT NOT NULL, df INTEGER NOT NULL,
    postings BLOB NOT NULL, groups BLOB NOT NULL, PRIMARY KEY (catalogue, term)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS index_members (
    catalogue INTEGER NOT NULL, gid INTEGER NOT NULL, members BLOB NOT NULL,
    PRIMARY KEY (catalogue, gid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS index_words (
    catalogue INTEGER NOT NULL, surface TEXT NOT NULL, stem TEXT NOT NULL,
    length INTEGER NOT NULL, first TEXT NOT NULL, second TEXT NOT NULL,
    PRIMARY KEY (catalogue, surface)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS index_singles (
    catalogue INTEGER NOT NULL, length INTEGER NOT NULL, words TEXT NOT NULL,
    PRIMARY KEY (catalogue, length)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS index_words_first ON index_words (catalogue, length, first);
CREATE INDEX IF NOT EXISTS index_words_second ON index_words (catalogue, length, second);
CREATE INDEX IF NOT EXISTS index_words_stem ON index_words (catalogue, stem);
CREATE TABLE IF NOT EXISTS index_filters (
    catalogue INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, ids BLOB NOT NULL,
    PRIMARY KEY (catalogue, kind, value)
) WITHOUT ROWID;
"""

TABLE_NAMES = ("index_terms", "index_members", "index_words", "index_singles", "index_filters")
# SQLite's limit on bound parameters is 999 in old builds.
_BATCH = 900


def _packed(values: Sequence[int], code: str) -> bytes:
    """Integers as stored: little-endian, of the array type `code`."""
    from array import array  # storing only: a search reads them as a memoryview

    data = values if isinstance(values, array) and values.typecode == code else array(code, values)
    if sys.byteorder != "little":
        data = array(code, data)
        data.byteswap()
    return data.tobytes()


def _unpacked(blob: bytes, code: Literal["q", "i"]) -> Sequence[int]:
    """What `_packed` stored: the bytes themselves, read as integers where the machine is
    little-endian (no copy, and no import of `array`), else swapped into an array."""
    try:
        if sys.byteorder == "little":
            return memoryview(blob).cast(code)
        from array import array

        data = array(code)
        data.frombytes(blob)
        data.byteswap()
    except (ValueError, TypeError) as error:
        raise DamagedCache(f"a stored index row does not decode ({error})") from None
    return data


def save(connection: sqlite3.Connection, catalogue: int, store: MemoryStore) -> int:
    """Write `store` as the index of stored catalogue `catalogue` (inside the caller's
    transaction); the number of bytes written."""
    # Rows go in key order (appending to sqlite's trees is several times faster than
    # inserting all over them), with a page cache large enough for a big library.
    connection.execute("PRAGMA cache_size = -65536")
    written = 0
    rows = []
    for term, df, postings, groups in store.terms():
        row = (catalogue, term, df, _packed(postings, "q"), _packed(groups, "q"))
        written += len(term) + len(row[3]) + len(row[4])
        rows.append(row)
    connection.executemany("INSERT INTO index_terms VALUES (?, ?, ?, ?, ?)", rows)
    members = [(catalogue, gid, _packed(ids, "i")) for gid, ids in enumerate(store.group_members)]
    written += sum(len(row[2]) for row in members)
    connection.executemany("INSERT INTO index_members VALUES (?, ?, ?)", members)
    words = [
        (catalogue, surface, stem, len(surface), surface[0], surface[1])
        for surface, stem in sorted(store.surfaces.items())
    ]
    written += sum(len(row[1]) + len(row[2]) for row in words)
    connection.executemany("INSERT INTO index_words VALUES (?, ?, ?, ?, ?, ?)", words)
    # Did-you-mean reads every single word of a few lengths: one row per length (words
    # hold no blanks) reads tens of thousands of them at once.
    singles = [
        (catalogue, length, "\n".join(surfaces))
        for length, surfaces in sorted(store.by_length.items())
    ]
    written += sum(len(row[2]) for row in singles)
    connection.executemany("INSERT INTO index_singles VALUES (?, ?, ?)", singles)
    filters = [
        (catalogue, "year", str(year), _packed(ids, "i")) for year, ids in store.year_ids.items()
    ]
    filters += [
        (catalogue, "type", kind, _packed(ids, "i")) for kind, ids in store.type_ids.items()
    ]
    written += sum(len(row[3]) for row in filters)
    connection.executemany("INSERT INTO index_filters VALUES (?, ?, ?, ?)", filters)
    return written


def drop(connection: sqlite3.Connection, catalogue: int) -> None:
    """Remove the index of stored catalogue `catalogue` (inside the caller's transaction)."""
    for table in TABLE_NAMES:
        connection.execute(f"DELETE FROM {table} WHERE catalogue = ?", (catalogue,))


class SqliteStore:
    """A `PostingStore` over the rows `save` wrote: each term, group and word is read once,
    when a search first asks for it."""

    def __init__(self, connection: sqlite3.Connection, catalogue: int) -> None:
        self._connection = connection
        self._catalogue = catalogue
        self._terms: dict[str, tuple[int, Sequence[int], Sequence[int]] | None] = {}
        self._members: dict[int, Sequence[int]] = {}
        self._words: dict[str, str] = {}
        self._filters: dict[str, dict[str, Sequence[int]]] = {}

    def _query(self, sql: str, *parameters: object) -> list[tuple[object, ...]]:
        try:
            return self._connection.execute(sql, (self._catalogue, *parameters)).fetchall()
        except sqlite3.Error as error:
            raise DamagedCache(f"the stored index cannot be read ({error})") from None

    def _term(self, term: str) -> tuple[int, Sequence[int], Sequence[int]] | None:
        if term in self._terms:
            return self._terms[term]
        rows = self._query(
            "SELECT df, postings, groups FROM index_terms WHERE catalogue = ? AND term = ?", term
        )
        found = None
        if rows:
            df, postings, groups = rows[0]
            if not isinstance(df, int) or not isinstance(postings, bytes):
                raise DamagedCache("a stored index row is not one")
            found = (df, _unpacked(postings, "q"), _unpacked(groups, "q"))  # type: ignore[arg-type]
            self._fetch_members([group_of(posting) for posting in found[2]])
        self._terms[term] = found
        return found

    def _fetch_members(self, gids: Sequence[int]) -> None:
        """Read the members of these groups, many at a time (a term can be in thousands)."""
        wanted = [gid for gid in gids if gid not in self._members]
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            marks = ", ".join("?" * len(batch))
            rows = self._query(
                f"SELECT gid, members FROM index_members WHERE catalogue = ? AND gid IN ({marks})",
                *batch,
            )
            for gid, blob in rows:
                self._members[gid] = _unpacked(blob, "i")  # type: ignore[arg-type,index]

    def entry_postings(self, term: str) -> Sequence[int]:
        found = self._term(term)
        return found[1] if found else ()

    def group_postings(self, term: str) -> Sequence[int]:
        found = self._term(term)
        return found[2] if found else ()

    def members(self, gid: int) -> Sequence[int]:
        if gid not in self._members:
            self._fetch_members([gid])
        try:
            return self._members[gid]
        except KeyError:
            raise DamagedCache(f"the stored index has no group {gid}") from None

    def known(self, term: str) -> bool:
        return self._term(term) is not None

    def df(self, term: str) -> int:
        found = self._term(term)
        return found[0] if found else 0

    def stem_of(self, surface: str) -> str:
        if surface not in self._words:
            rows = self._query(
                "SELECT stem FROM index_words WHERE catalogue = ? AND surface = ?", surface
            )
            self._words[surface] = str(rows[0][0]) if rows else ""
        return self._words[surface]

    def stem_mates(self, stem: str) -> list[str]:
        return self._surfaces(
            self._query(
                "SELECT surface, stem FROM index_words WHERE catalogue = ? AND stem = ?", stem
            )
        )

    def _surfaces(self, rows: list[tuple[object, ...]]) -> list[str]:
        found = []
        for surface, stem in rows:
            self._words[str(surface)] = str(stem)
            found.append(str(surface))
        return found

    def prefixed(self, word: str, limit: int) -> list[str]:
        return self._surfaces(
            self._query(
                "SELECT surface, stem FROM index_words WHERE catalogue = ? AND surface >= ? "
                "ORDER BY surface LIMIT ?",
                word,
                limit,
            )
        )

    def near(self, lengths: range, letters: set[str]) -> list[str]:
        # One statement for every look-up (each letter as the first letter, then as the
        # second), not one a look-up: a search pays for each statement it prepares.
        ordered = sorted(letters)
        parts = [
            "SELECT surface, stem FROM index_words WHERE catalogue = ?1 "
            f"AND length BETWEEN ?2 AND ?3 AND {column} = ?{4 + number}"
            for column in ("first", "second")
            for number in range(len(ordered))
        ]
        rows = self._query(" UNION ALL ".join(parts), lengths.start, lengths.stop - 1, *ordered)
        return list(dict.fromkeys(self._surfaces(rows)))

    def singles(self, lengths: range) -> list[str]:
        rows = self._query(
            "SELECT words FROM index_singles WHERE catalogue = ? AND length BETWEEN ? AND ? "
            "ORDER BY length",
            lengths.start,
            lengths.stop - 1,
        )
        return [surface for (words,) in rows for surface in str(words).split("\n")]

    def _filter(self, kind: str) -> dict[str, Sequence[int]]:
        if kind not in self._filters:
            rows = self._query(
                "SELECT value, ids FROM index_filters WHERE catalogue = ? AND kind = ?", kind
            )
            self._filters[kind] = {str(value): _unpacked(ids, "i") for value, ids in rows}  # type: ignore[arg-type]
        return self._filters[kind]

    def years(self) -> dict[int, Sequence[int]]:
        try:
            return {int(year): ids for year, ids in self._filter("year").items()}
        except ValueError:
            raise DamagedCache("a stored year is not a number") from None

    def types(self) -> dict[str, Sequence[int]]:
        return dict(self._filter("type"))

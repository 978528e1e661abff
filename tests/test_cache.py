"""The cache of loaded catalogues: the same entries as a parse, never stale, never
trusted when damaged, one entry per file however it is named, a size cap, and a stored
search index that answers as the built one while reading only what a search needs."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from coprocli.cache import LibraryCache
from coprocli.catalogue import Catalogue, load_catalogue

from .conftest import FIXTURES, Runner, stored_index


def _snapshot(catalogue: Catalogue) -> list[tuple[Any, ...]]:
    return [
        (
            e.key, e.type, e.source, e.line, dict(e.fields), dict(e.names), dict(e.raw),
            dict(e.inherited),
        )
        for e in catalogue
    ] + [(str(w),) for w in catalogue.warnings]  # fmt: skip


@pytest.fixture
def cache(tmp_path: Path) -> LibraryCache:
    return LibraryCache(tmp_path / "cache")


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    target.write_bytes((FIXTURES / name).read_bytes())
    return target


def test_a_cached_load_is_the_same_as_a_parse(tmp_path: Path, cache: LibraryCache) -> None:
    library = _copy(tmp_path, "hard_cases.bib")
    parsed = load_catalogue([library])
    first = load_catalogue([library], cache=cache)
    again = load_catalogue([library], cache=cache)
    assert again.stored is not None and again._entries is None  # nothing read yet
    assert _snapshot(first) == _snapshot(parsed) == _snapshot(again)
    assert cache.info()["catalogues"] == 1  # the bundled catalogue and the file, together


def test_inheritance_and_duplicate_keys_come_back_as_they_were_resolved(
    tmp_path: Path, cache: LibraryCache
) -> None:
    books = tmp_path / "books.bib"
    books.write_text(
        "@book{whole, title = {The Whole}, publisher = {Press}, year = 2001}\n"
        "@misc{twice, title = {First}}\n",
        "utf-8",
    )
    parts = tmp_path / "parts.bib"
    parts.write_text(
        "@inbook{part, title = {A Part}, crossref = {whole}}\n@misc{twice, title = {Second}}\n",
        "utf-8",
    )
    parsed = load_catalogue([books, parts], bundled=False)
    load_catalogue([books, parts], bundled=False, cache=cache)
    warm = load_catalogue([books, parts], bundled=False, cache=cache)
    assert _snapshot(warm) == _snapshot(parsed)
    assert warm.get("part").inherited and warm.get("twice").title == "Second"
    assert [w.kind for w in warm.warnings] == ["duplicate-key"]


def test_a_warm_lookup_reads_one_block_not_every_entry(tmp_path: Path, cache: LibraryCache) -> None:
    from coprocli.cache import BLOCK

    library = tmp_path / "many.bib"
    library.write_text(
        "".join(f"@misc{{k{i}, title = {{Title {i}}}}}\n" for i in range(5 * BLOCK)), "utf-8"
    )
    load_catalogue([library], bundled=False, cache=cache)
    warm = load_catalogue([library], bundled=False, cache=cache)
    assert len(warm) == 5 * BLOCK
    assert warm.get(f"k{3 * BLOCK + 1}").title == f"Title {3 * BLOCK + 1}"
    assert warm.stored is not None and list(warm.stored._blocks) == [3]
    assert list(warm.stored._entries) == [3 * BLOCK + 1]  # one entry made of the block
    assert warm.find("K2") is not None and warm.find("nothing") is None


def test_a_hit_does_not_parse(
    tmp_path: Path, cache: LibraryCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _copy(tmp_path, "citations.bib")
    load_catalogue([library], bundled=False, cache=cache)

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr("coprocli.bibparse.parse_bib_text", no_parsing)
    assert len(load_catalogue([library], bundled=False, cache=cache)) > 0


def test_an_edited_file_is_never_served_stale(tmp_path: Path, cache: LibraryCache) -> None:
    library = tmp_path / "refs.bib"
    library.write_text("@misc{a, title = {Old}}\n", "utf-8")
    assert load_catalogue([library], bundled=False, cache=cache).get("a").title == "Old"
    stat = library.stat()
    library.write_text("@misc{a, title = {New}}\n", "utf-8")  # the same size
    os.utime(library, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_catalogue([library], bundled=False, cache=cache).get("a").title == "New"


def test_the_same_content_under_another_name_keeps_its_own_label(
    tmp_path: Path, cache: LibraryCache
) -> None:
    first = _copy(tmp_path, "citations.bib")
    second = tmp_path / "copy.bib"
    second.write_bytes(first.read_bytes())
    load_catalogue([first], bundled=False, cache=cache)
    catalogue = load_catalogue([second], bundled=False, cache=cache)
    assert {entry.source for entry in catalogue} == {str(second)}


def test_a_link_and_its_target_are_one_file(tmp_path: Path, cache: LibraryCache) -> None:
    library = _copy(tmp_path, "citations.bib")
    link = tmp_path / "link.bib"
    link.symlink_to(library)
    load_catalogue([library], bundled=False, cache=cache)
    by_link = load_catalogue([link], bundled=False, cache=cache)
    dotted = tmp_path / "." / "citations.bib"
    by_other_path = load_catalogue([dotted], bundled=False, cache=cache)
    assert cache.info()["files"] == 1 and cache.info()["catalogues"] == 1  # parsed once
    assert {entry.source for entry in by_link} == {str(link)}  # named as given each time
    assert {entry.source for entry in by_other_path} == {str(dotted)}


def test_warnings_name_the_files_as_this_run_names_them(
    tmp_path: Path, cache: LibraryCache
) -> None:
    first = tmp_path / "one.bib"
    first.write_text("@misc{a, title = {One}}\n", "utf-8")
    second = tmp_path / "two.bib"
    second.write_text("@misc{a, title = {Two}}\n", "utf-8")
    load_catalogue([first, second], bundled=False, cache=cache)
    (tmp_path / "elsewhere").mkdir()
    moved = [tmp_path / "elsewhere" / "uno.bib", tmp_path / "elsewhere" / "dos.bib"]
    for old, new in zip([first, second], moved, strict=True):
        new.symlink_to(old)
    warm = load_catalogue(moved, bundled=False, cache=cache)
    assert cache.info()["catalogues"] == 1
    assert (
        [str(w) for w in warm.warnings]
        == [str(w) for w in load_catalogue(moved, bundled=False).warnings]
        == [
            f"{moved[1]}:1: entry 'a': key also defined in {moved[0]}:1; this later definition wins"
        ]
    )
    assert warm.get("a").source == str(moved[1])


def test_abbreviations_from_earlier_files_are_part_of_the_key(
    tmp_path: Path, cache: LibraryCache
) -> None:
    refs = tmp_path / "refs.bib"
    refs.write_text("@article{d, title = {T}, journal = jss}\n", "utf-8")
    one = tmp_path / "one.bib"
    one.write_text("@string{jss = {Journal One}}\n", "utf-8")
    two = tmp_path / "two.bib"
    two.write_text("@string{jss = {Journal Two}}\n", "utf-8")
    for abbreviations, journal in ((one, "Journal One"), (two, "Journal Two")):
        catalogue = load_catalogue([abbreviations, refs], bundled=False, cache=cache)
        assert catalogue.get("d").fields["journal"] == journal


def test_a_corrupt_database_is_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "libraries.sqlite3").write_bytes(b"this is not a database" * 100)
    library = _copy(tmp_path, "citations.bib")
    cache = LibraryCache(folder)
    assert _snapshot(load_catalogue([library], cache=cache)) == _snapshot(load_catalogue([library]))
    assert cache.problems == [] and cache.info()["catalogues"] == 1


def test_a_cache_of_another_layout_is_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    with sqlite3.connect(folder / "libraries.sqlite3") as connection:
        connection.execute("CREATE TABLE parses (digest TEXT, payload BLOB)")
    connection.close()
    cache = LibraryCache(folder)
    library = _copy(tmp_path, "citations.bib")
    assert _snapshot(load_catalogue([library], cache=cache)) == _snapshot(load_catalogue([library]))
    assert cache.problems == [] and cache.info()["catalogues"] == 1


def test_every_corpus_file_comes_back_from_the_cache_as_parsed(tmp_path: Path) -> None:
    """The stored form on real-world files: every field, name, source and warning."""
    from .conftest import CORPUS, shared_or_skip

    files = sorted(shared_or_skip(CORPUS).glob("*.bib"))
    cache = LibraryCache(tmp_path / "cache")
    for path in files:
        parsed = load_catalogue([path], bundled=False)
        load_catalogue([path], bundled=False, cache=cache)
        warm = load_catalogue([path], bundled=False, cache=cache)
        assert warm.stored is not None, path.name
        assert _snapshot(warm) == _snapshot(parsed), path.name
    assert len(files) > 50


@pytest.mark.parametrize(
    "change",
    [
        lambda strings: strings[:-1],  # one string short
        lambda strings: [*strings, "x"],  # one too many
        lambda strings: ["-1", *strings[1:]],
        lambda strings: [strings[0], *["9" if s == "0" else s for s in strings[1:]]],
        lambda strings: [strings[0], *["x" if s.isdigit() else s for s in strings[1:]]],
        lambda strings: [strings[0], *["=" + s if s.startswith("#") else s for s in strings[1:]]],
        lambda strings: [strings[0], *["#7" if s.startswith("#") else s for s in strings[1:]]],
    ],
)
def test_a_stored_block_that_does_not_read_back_is_never_trusted(
    tmp_path: Path, cache: LibraryCache, change: Any
) -> None:
    """Blocks rewritten as a damaged or foreign file could hold them, still compressed and
    well formed as text: the entries come from a parse, never from the damaged block."""
    import zlib

    library = _copy(tmp_path, "citations.bib")
    expected = _snapshot(load_catalogue([library], bundled=False, cache=cache))
    cache.close()
    with sqlite3.connect(cache.folder / "libraries.sqlite3") as connection:
        rows = connection.execute("SELECT catalogue, block, payload FROM catalogue_blocks")
        for number, block, payload in rows.fetchall():
            count, *strings = zlib.decompress(payload).decode().split("\x00")
            changed = change([count, *strings])
            connection.execute(
                "UPDATE catalogue_blocks SET payload = ? WHERE catalogue = ? AND block = ?",
                (zlib.compress("\x00".join(changed).encode()), number, block),
            )
    connection.close()
    warm = load_catalogue([library], bundled=False, cache=cache)
    snapshot = _snapshot(warm)
    # Either the block still reads as entries of this file (a changed line number or
    # source still names one) or the file was parsed again: never an exception.
    assert [row[0] for row in snapshot] == [row[0] for row in expected]


def test_a_nul_in_the_data_is_not_stored(tmp_path: Path, cache: LibraryCache) -> None:
    from coprocli.model import Entry

    assert cache.store("x", ["a.bib"], [Entry("k", "book", raw={"title": "a\x00b"})], []) is None
    assert cache.info()["catalogues"] == 0


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE catalogue_blocks SET payload = x'789c00'",
        "DELETE FROM catalogue_blocks WHERE block = 0",
        "UPDATE catalogues SET keys = x'00', warnings = x'00'",
        "UPDATE catalogues SET size = size + 1",
    ],
)
def test_a_damaged_catalogue_is_parsed_again(
    tmp_path: Path, cache: LibraryCache, damage: str
) -> None:
    library = _copy(tmp_path, "citations.bib")
    expected = _snapshot(load_catalogue([library], bundled=False, cache=cache))
    cache.close()
    with sqlite3.connect(cache.folder / "libraries.sqlite3") as connection:
        connection.execute(damage)
    connection.close()
    warm = load_catalogue([library], bundled=False, cache=cache)
    assert warm.get("ostrom1996crossing") is not None
    assert _snapshot(warm) == expected
    assert cache.problems == []


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE index_terms SET postings = x'01', groups = x'0203'",
        "DELETE FROM index_members",
        "UPDATE catalogue_blocks SET payload = x'789c00'",
        "DROP TABLE index_words",
    ],
)
def test_a_damaged_index_is_built_again(
    copro: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    monkeypatch.setenv("COPRO_CACHE_DIR", str(tmp_path / "c"))
    expected = copro("search", "co-production", "--keys")
    assert expected.code == 0 and copro("search", "co-production", "--keys") == expected
    with sqlite3.connect(tmp_path / "c" / "libraries.sqlite3") as connection:
        connection.execute(damage)
    connection.close()
    assert copro("search", "co-production", "--keys") == expected


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_cache_folder_means_no_cache_and_one_warning(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        cache = LibraryCache(folder)
        library = _copy(tmp_path, "citations.bib")
        catalogue = load_catalogue([library, _copy(tmp_path, "cases.bib")], cache=cache)
        assert len(catalogue) > 0 and len(cache.problems) == 1
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_cache_filled_before_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    library = _copy(tmp_path, "citations.bib")
    load_catalogue([library], bundled=False, cache=LibraryCache(folder))
    with sqlite3.connect(folder / "libraries.sqlite3") as connection:
        connection.execute("UPDATE catalogues SET used = 0")  # due for a refresh
    connection.close()
    monkeypatch.setattr("coprocli.bibparse.parse_bib_text", None)  # parsing would fail
    (folder / "libraries.sqlite3").chmod(0o400)
    folder.chmod(0o500)
    try:
        cache = LibraryCache(folder)
        assert len(load_catalogue([library], bundled=False, cache=cache).entries) > 0
        assert cache.problems == []
    finally:
        folder.chmod(0o700)


def test_an_unusable_cache_folder_means_no_cache_and_one_warning(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be", "utf-8")
    cache = LibraryCache(blocked)
    libraries = [_copy(tmp_path, "citations.bib"), _copy(tmp_path, "cases.bib")]
    catalogue = load_catalogue(libraries, cache=cache)
    assert _snapshot(catalogue) == _snapshot(load_catalogue(libraries))
    assert len(cache.problems) == 1 and "cannot be used" in cache.problems[0]


def test_the_size_cap_drops_the_least_recently_used(tmp_path: Path) -> None:
    cache = LibraryCache(tmp_path / "cache", max_bytes=1)
    first = _copy(tmp_path, "citations.bib")
    second = _copy(tmp_path, "cases.bib")
    load_catalogue([first], bundled=False, cache=cache)
    load_catalogue([second], bundled=False, cache=cache)
    assert cache.info()["catalogues"] == 1  # only the newest fits (one always stays)


def _load_in_child(folder: str, library: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    catalogue = load_catalogue([library], bundled=False, cache=LibraryCache(Path(folder)))
    results.put(len(catalogue))


def test_processes_filling_the_cache_at_once_leave_a_valid_cache(tmp_path: Path) -> None:
    library = _copy(tmp_path, "hard_cases.bib")
    folder = tmp_path / "cache"
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(4)
    results = context.Queue()
    children = [
        context.Process(target=_load_in_child, args=(str(folder), str(library), barrier, results))
        for _ in range(4)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=60)
    counts = {results.get(timeout=10) for _ in children}
    expected = len(load_catalogue([library], bundled=False))
    assert counts == {expected}
    cache = LibraryCache(folder)
    assert len(load_catalogue([library], bundled=False, cache=cache)) == expected
    assert cache.info()["catalogues"] == 1 and cache.problems == []


def test_a_cache_that_fails_after_loading_is_one_warning(
    copro: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Storing the search index (at the first search, after the catalogue loaded) fails
    as a full disk would: the search still answers, and stderr says so once."""
    monkeypatch.setenv("COPRO_CACHE_DIR", str(tmp_path / "c"))
    expected = copro("--no-cache", "search", "timebanking", "--keys")
    assert copro("list", "--keys").code == 0  # the catalogue stored, its index not yet
    with sqlite3.connect(tmp_path / "c" / "libraries.sqlite3") as connection:
        connection.execute(
            "CREATE TRIGGER full BEFORE INSERT ON index_terms "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    connection.close()
    result = copro("search", "timebanking", "--keys")
    assert result.code == 0 and result.stdout == expected.stdout
    assert result.stderr.count("Warning:") == 1
    assert "cannot be used (database or disk is full)" in result.stderr


def test_cache_commands_and_no_cache(copro: Runner, tmp_path: Path) -> None:
    os.environ["COPRO_CACHE_DIR"], previous = str(tmp_path / "c"), os.environ["COPRO_CACHE_DIR"]
    try:
        assert copro("--no-cache", "list", "--keys").code == 0
        assert not (tmp_path / "c").exists()
        assert copro("list", "--keys").code == 0
        info = copro("cache", "info")
        assert info.code == 0 and "catalogues: 1" in info.stdout
        assert "indexes:    0" in info.stdout
        assert copro("search", "timebanking").code == 0
        assert "indexes:    1" in copro("cache", "info").stdout
        cleared = copro("cache", "clear")
        assert cleared.code == 0 and cleared.stdout.startswith("Cleared the cache")
        assert "catalogues: 0" in copro("cache", "info").stdout
    finally:
        os.environ["COPRO_CACHE_DIR"] = previous


# -- the stored search index ---------------------------------------------------------------


def test_a_stored_index_answers_as_the_built_one_on_a_real_library(tmp_path: Path) -> None:
    from .conftest import CORPUS, shared_or_skip

    library = shared_or_skip(CORPUS / "jabref_complex.bib")
    built, stored = stored_index([library], tmp_path / "cache")
    queries = [
        *("security", "usabilty", "password memorab", "author:clear", "-usability security"),
        *("2006", "title:trust", "sess", '"user study"', "type:article year:2005..2010"),
    ]
    for query in queries:
        assert [(h.entry.key, h.score, h.matches) for h in stored.search(query, limit=50)] == [
            (h.entry.key, h.score, h.matches) for h in built.search(query, limit=50)
        ], query
    assert stored.did_you_mean("securty") == built.did_you_mean("securty")


def test_a_stored_index_reads_only_what_a_search_needs(tmp_path: Path) -> None:
    from coprocli.cache import BLOCK

    library = tmp_path / "many.bib"
    library.write_text(
        "".join(
            f"@article{{k{i}, title = {{Study {i} of {'timebanking' if i == 300 else 'care'}}},"
            f" author = {{Smith, Ann{i}}}, journal = {{Journal {i % 7}}},"
            f" year = {2000 + i % 20}}}\n"
            for i in range(400)
        ),
        "utf-8",
    )
    built, stored = stored_index([library], tmp_path / "cache", bundled=False)
    hits = stored.search("timebankng")  # a typo: fuzzy expansion against the stored words
    assert [hit.entry.key for hit in hits] == ["k300"]
    assert list(stored.entries._stored._blocks) == [300 // BLOCK]  # type: ignore[attr-defined]
    assert len(stored.store._terms) < 10  # type: ignore[attr-defined]
    assert [h.entry.key for h in stored.search("journal 3", limit=5)] == [
        h.entry.key for h in built.search("journal 3", limit=5)
    ]


def test_search_builds_the_index_once(
    copro: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coprocli.index import SearchIndex

    monkeypatch.setenv("COPRO_CACHE_DIR", str(tmp_path / "c"))
    first = copro("search", "timebanking")
    assert first.code == 0

    def no_building(*args: object) -> None:
        raise AssertionError("built again")

    monkeypatch.setattr(SearchIndex, "build", no_building)
    assert copro("search", "timebanking") == first
    # An edited library has another index: built again, not served stale.
    library = tmp_path / "extra.bib"
    library.write_text("@misc{extra, title = {Timebanking in Leeds}}\n", "utf-8")
    with pytest.raises(AssertionError, match="built again"):
        copro("--bib", str(library), "search", "timebanking")


def _killed_while_storing(folder: str, library: str) -> None:
    """Load `library` into the cache and die (SIGKILL, nothing cleaned up) in the middle
    of writing it, after its blocks are written and before the transaction ends."""
    import signal

    def die(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    LibraryCache._evict = die  # type: ignore[method-assign]
    load_catalogue([library], bundled=False, cache=LibraryCache(Path(folder)))


def test_a_run_killed_while_writing_leaves_no_half_written_cache(tmp_path: Path) -> None:
    library = _copy(tmp_path, "hard_cases.bib")
    folder = tmp_path / "cache"
    child = multiprocessing.get_context("fork").Process(
        target=_killed_while_storing, args=(str(folder), str(library))
    )
    child.start()
    child.join(timeout=60)
    assert child.exitcode == -9  # it did die mid-write
    cache = LibraryCache(folder)
    assert cache.info()["catalogues"] == 0  # the write was rolled back, not half kept
    expected = _snapshot(load_catalogue([library], bundled=False))
    assert _snapshot(load_catalogue([library], bundled=False, cache=cache)) == expected
    assert _snapshot(load_catalogue([library], bundled=False, cache=cache)) == expected
    assert cache.info()["catalogues"] == 1 and cache.problems == []
    assert sorted(path.name for path in folder.iterdir()) == ["libraries.sqlite3"]


def test_strict_fails_the_same_on_a_warm_load(tmp_path: Path, cache: LibraryCache) -> None:
    from coprocli.errors import StrictModeError

    library = tmp_path / "refs.bib"
    library.write_text("@misc{a, title = {One}}\n@misc{a, title = {Two}}\n", "utf-8")
    messages = []
    for _ in range(2):  # cold, then warm
        with pytest.raises(StrictModeError) as raised:
            load_catalogue([library], bundled=False, strict=True, cache=cache)
        messages.append(str(raised.value))
    assert cache.info()["catalogues"] == 1
    assert messages[0] == messages[1] and "'a': key defined again" in messages[0]


def test_a_cache_that_fails_after_loading_still_gives_every_hit(tmp_path: Path) -> None:
    library = _copy(tmp_path, "citations.bib")
    expected = [hit.entry.key for hit in load_catalogue([library]).search("co-production")[1]]
    cache = LibraryCache(tmp_path / "cache")
    load_catalogue([library], cache=cache).search("co-production")  # stores the index
    warm = load_catalogue([library], cache=cache)
    cache._fail(sqlite3.OperationalError("disk I/O error"))  # gone mid-command
    assert [hit.entry.key for hit in warm.search("co-production")[1]] == expected
    assert expected and len(cache.problems) == 1


@pytest.mark.parametrize("kept", [0.05, 0.5, 0.95])
def test_a_truncated_cache_is_rebuilt_and_never_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kept: float
) -> None:
    library = _copy(tmp_path, "hard_cases.bib")
    expected = load_catalogue([library])
    hits = [hit.entry.key for hit in expected.search("care")[1]]
    folder = tmp_path / "cache"
    load_catalogue([library], cache=LibraryCache(folder)).search("care")
    database = folder / "libraries.sqlite3"
    with database.open("r+b") as stream:
        stream.truncate(int(database.stat().st_size * kept))
    for _ in range(2):  # the first run after the damage, and the one after it
        cache = LibraryCache(folder)
        catalogue = load_catalogue([library], cache=cache)
        assert [hit.entry.key for hit in catalogue.search("care")[1]] == hits
        assert _snapshot(catalogue) == _snapshot(expected)
        cache.close()
    monkeypatch.setattr("coprocli.bibparse.parse_bib_text", None)  # parsing would fail
    assert _snapshot(load_catalogue([library], cache=LibraryCache(folder))) == _snapshot(expected)


@pytest.mark.skipif(sys.platform != "linux", reason="the fast path is Linux's")
@pytest.mark.parametrize("kind", ["cache", "config"])
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        ("/tmp/xdg-home", "/home/ann"),
        ("/tmp/xdg-home/", "/home/ann"),
        ("", "/home/ann"),
        ("relative/folder", "/home/ann/"),
        (None, "/root"),
    ],
)
def test_the_user_folders_are_where_platformdirs_puts_them(
    monkeypatch: pytest.MonkeyPatch, kind: str, xdg: str | None, home: str
) -> None:
    from platformdirs import user_cache_dir, user_config_dir

    from coprocli.userdirs import user_folder

    variable = "XDG_CACHE_HOME" if kind == "cache" else "XDG_CONFIG_HOME"
    if xdg is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, xdg)
    monkeypatch.setenv("HOME", home)
    expected = (user_cache_dir if kind == "cache" else user_config_dir)("copro", appauthor=False)
    assert user_folder(kind) == Path(expected)


def test_list_with_a_limit_reads_only_the_entries_it_shows(
    copro: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`copro list --limit N` on a stored catalogue reads N entries, not the library; its
    output is what the whole list cut to N gives."""
    from coprocli.cache import StoredCatalogue

    monkeypatch.setenv("COPRO_CACHE_DIR", str(tmp_path / "c"))
    library = _copy(tmp_path, "citations.bib")
    whole = copro("--no-bundled", "--bib", str(library), "list", "--keys")
    assert whole.code == 0 and len(whole.stdout.splitlines()) > 10
    read: list[int] = []
    original = StoredCatalogue.entry

    def counted(self: StoredCatalogue, index: int) -> Any:
        read.append(index)
        return original(self, index)

    monkeypatch.setattr(StoredCatalogue, "entry", counted)
    monkeypatch.setattr(StoredCatalogue, "entries", None)  # reading them all would fail
    cut = copro("--no-bundled", "--bib", str(library), "list", "--keys", "--limit", "3")
    assert cut.stdout.splitlines() == whole.stdout.splitlines()[:3]
    assert read == [0, 1, 2]
    assert copro("--no-bundled", "--bib", str(library), "list", "--limit", "0").code == 0

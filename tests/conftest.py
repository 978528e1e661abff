"""Shared test helpers: paths to fixtures and shared data, and an in-process `copro` runner."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from coprocli.cli import main

if TYPE_CHECKING:
    from coprocli.index import SearchIndex

# The commands the tests run (in this process and in child processes) cache parsed
# libraries in a folder of their own, never in the user's cache.
_CACHE = tempfile.mkdtemp(prefix="copro-test-cache-")
os.environ["COPRO_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
# Nor do they read the user's config file: a file of their own, absent unless a test writes it.
os.environ["COPRO_CONFIG"] = str(Path(_CACHE) / "config.toml")

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
#: The seed bibliography the bundled catalogue was made from (see fixtures/seed/SOURCES.md).
SEED = FIXTURES / "seed" / "000_09608f3320bb008e.txt"
#: The real-world BibTeX corpus, kept outside the project beside the checkout (../shared).
SHARED = TESTS.parents[1] / "shared"
CORPUS = SHARED / "corpus"


def shared_or_skip(path: Path) -> Path:
    """A path under ../shared (the real-world corpus, not part of the project), or skip the
    test where it is not laid out beside the checkout."""
    if not path.exists():
        pytest.skip(f"needs the real-world corpus beside the checkout: {path} not found")
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate-golden",
        action="store_true",
        help="Rewrite tests/golden/output/ from copro's current output (review the diff!).",
    )


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


Runner = Callable[..., Result]


@pytest.fixture
def copro(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run `copro ARGS...` in-process through the real entry point and its error handler."""
    monkeypatch.delenv("COPRO_BIB", raising=False)

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        for name, value in (env or {}).items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def stored_index(
    paths: list[Path], folder: Path, *, bundled: bool = True
) -> tuple[SearchIndex, SearchIndex]:
    """The search index of these libraries as built, and as a warm run reads it from the
    cache in `folder` (postings from disk, entries read one by one)."""
    from coprocli.cache import LibraryCache
    from coprocli.catalogue import load_catalogue
    from coprocli.index import MemoryStore, SearchIndex

    cache = LibraryCache(folder)
    cold = load_catalogue(paths, bundled=bundled, cache=cache)
    built = SearchIndex.build(cold.entries)
    assert cold.stored is not None and isinstance(built.store, MemoryStore)
    cold.stored.store_index(built.store)
    warm = load_catalogue(paths, bundled=bundled, cache=cache)
    assert warm.stored is not None and warm.stored.indexed
    return built, SearchIndex(warm.view(), warm.stored.search_store())


def shell_script(path: Path, body: str) -> Path:
    """An executable `sh` script at `path` (a stand-in browser or pager for a test)."""
    path.write_text(f"#!/bin/sh\n{body}\n", "utf-8")
    path.chmod(0o755)
    return path

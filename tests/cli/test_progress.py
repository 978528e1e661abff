"""The load progress bar: on a terminal, after a second, gone when loading ends; never
on a pipe, never for a quick load."""

from __future__ import annotations

import io
from pathlib import Path

from coprocli.catalogue import load_catalogue
from coprocli.cli._progress import LoadProgress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _library(tmp_path: Path, entries: int) -> Path:
    path = tmp_path / "big.bib"
    path.write_text(
        "".join(f"@misc{{k{i}, title = {{Title {i}}}, year = 2020}}\n" for i in range(entries)),
        "utf-8",
    )
    return path


def test_a_slow_load_on_a_terminal_shows_a_bar_then_takes_it_away(tmp_path: Path) -> None:
    clock, screen = _Clock(), _Terminal()
    progress = LoadProgress(screen, clock=clock)
    heard: list[tuple[str, int, int]] = []

    def slow(label: str, done: int, total: int) -> None:
        heard.append((label, done, total))
        clock.now += 0.5  # each step takes half a second
        progress(label, done, total)

    library = _library(tmp_path, 1000)
    load_catalogue([library], bundled=False, progress=slow)
    progress.close()
    assert [done for _, done, _ in heard] == [0, 256, 512, 768]
    assert {total for _, _, total in heard} == {1000}
    assert progress.drawn and "Reading" in screen.getvalue()


def test_a_quick_load_shows_nothing(tmp_path: Path) -> None:
    screen = _Terminal()
    progress = LoadProgress(screen, clock=_Clock())  # time stands still: never a second
    load_catalogue([_library(tmp_path, 1000)], bundled=False, progress=progress)
    progress.close()
    assert not progress.drawn and screen.getvalue() == ""


def test_a_pipe_never_gets_a_bar(tmp_path: Path) -> None:
    clock, pipe = _Clock(), io.StringIO()
    clock.now = 100.0
    progress = LoadProgress(pipe, clock=lambda: clock.now + 10)
    load_catalogue([_library(tmp_path, 1000)], bundled=False, progress=progress)
    progress.close()
    assert not progress.drawn and pipe.getvalue() == ""

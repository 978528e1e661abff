"""A progress bar for a slow load: on a terminal only, and only once loading has taken
longer than a second (a quick command never flashes one; piped output never gets one)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO, Any


class LoadProgress:
    """`load_catalogue`'s `progress` callback that draws a bar on `stream` (stderr)."""

    def __init__(
        self,
        stream: IO[str] | None = None,
        *,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._delay = delay
        self._clock = clock
        self._started = clock()
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}
        self._shown = self._stream.isatty()

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self._shown:
            return
        if self._bar is None:
            if self._clock() - self._started < self._delay:
                return
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

            self._bar = Progress(
                TextColumn("Reading {task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                console=Console(file=self._stream),
                transient=True,
            )
            self._bar.start()
        task = self._tasks.get(label)
        if task is None:
            task = self._tasks[label] = self._bar.add_task(label, total=total)
        self._bar.update(task, completed=done, total=total)

    def close(self) -> None:
        """Take the bar off the screen (if one was drawn)."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    @property
    def drawn(self) -> bool:
        """Whether a bar was put on the screen."""
        return bool(self._tasks)

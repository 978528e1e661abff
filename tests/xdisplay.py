"""A private X display (Xvfb) for tests that need a real X server: the clipboard read
back with xclip, a browser with a window."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def xvfb(*arguments: str) -> Iterator[str | None]:
    """The name of a new X display (`:12`) for the length of the block; None where Xvfb
    is not installed or does not start. `arguments` go to Xvfb (`-screen 0 1280x1024x24`)."""
    if shutil.which("Xvfb") is None:
        yield None
        return
    # Xvfb picks a free display and writes its number to the pipe (-displayfd).
    reading, writing = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(writing), "-nolisten", "tcp", *arguments],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(writing,),
    )
    os.close(writing)
    with os.fdopen(reading) as numbers:
        number = numbers.readline().strip()
    try:
        yield f":{number}" if number else None
    finally:
        server.terminate()
        server.wait(timeout=10)

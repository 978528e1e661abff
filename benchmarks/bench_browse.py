"""How long `copro browse` takes to show its first screen: a whole process on a pseudo-
terminal, from its start to the moment the status line (`19 entries · apa`) has been
drawn, then Ctrl-C. Warm: the library is in the cache (a first run fills it).

Cases: the bundled catalogue, and a 10,000-entry library with it. Each figure is the
median of the runs; the cache lives in a temporary folder.

Run: python benchmarks/bench_browse.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import pty
import re
import select
import statistics
import sys
import tempfile
import time

from _data import library

#: The status line of an empty query: the count of entries, then the style.
_FIRST_SCREEN = re.compile(rb"\d+ entries")


def first_screen(args: list[str], env: dict[str, str], timeout: float = 60.0) -> float:
    """Seconds from starting `copro ARGS` on a 100x30 pseudo-terminal to its first screen."""
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: copro on the terminal
        os.execve(sys.executable, [sys.executable, "-m", "coprocli", *args], env)
    seen = b""
    elapsed = -1.0
    try:
        import fcntl
        import struct
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            seen += os.read(fd, 65536)
            if _FIRST_SCREEN.search(seen):
                elapsed = time.perf_counter() - started
                break
        os.write(fd, b"\x03")  # Ctrl-C
        while True:  # let it restore the terminal and end
            ready, _, _ = select.select([fd], [], [], 5)
            if not ready or not os.read(fd, 65536):
                break
    except OSError:  # the child closed the terminal
        pass
    finally:
        os.waitpid(pid, 0)
        os.close(fd)
    if elapsed < 0:
        raise SystemExit(f"no first screen within {timeout} s: {seen[-400:]!r}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    cases = {
        "bundled catalogue (19 entries)": ["browse"],
        "10,000 entries and the bundled": ["--bib", str(library("synth_10k")), "browse"],
    }
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "COPRO_CACHE_DIR": folder, "TERM": "xterm-256color"}
        for name, args in cases.items():
            first_screen(args, env)  # fills the cache
            times = [first_screen(args, env) for _ in range(options.runs)]
            print(f"{name:34} {statistics.median(times) * 1000:7.0f} ms to the first screen")


if __name__ == "__main__":
    main()

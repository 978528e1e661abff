"""How long a whole `copro cite --all` process takes on a real library of about 3,800
entries (../shared/data/progr-oceanogr.bib.gz): start-up, loading, normalising every entry
into an Item, formatting and printing, as a user waits for it.

Run: python benchmarks/bench_cite_process.py [--styles apa,ieee] [--runs 5]
     [--library progr-oceanogr] [--src OTHER_CHECKOUT/src]   (compare with another tree)
     [--instructions]   count instructions under valgrind instead of timing (slow, but
                        the same count on a busy machine as on an idle one)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _data import library

SRC = Path(__file__).resolve().parents[1] / "src"


def process_times(src: Path, bib: Path, style: str, runs: int) -> list[float]:
    """Wall times (s) of `python -m coprocli --no-bundled --bib BIB cite --all --style S`."""
    command = [sys.executable, "-m", "coprocli", "--no-bundled", "--bib", str(bib)]
    command += ["cite", "--all", "--style", style]
    env = {**os.environ, "PYTHONPATH": str(src)}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - started)
    return times


def instructions(src: Path, bib: Path, style: str) -> int:
    """Instructions run by the same command under `valgrind --tool=callgrind`."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    command += ["-m", "coprocli", "--no-bundled", "--bib", str(bib), "cite", "--all"]
    command += ["--style", style]
    env = {**os.environ, "PYTHONPATH": str(src)}
    result = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    match = re.search(r"Collected : (\d+)", result.stderr)
    if match is None:
        raise SystemExit(f"no instruction count from valgrind:\n{result.stderr[-2000:]}")
    return int(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", default="apa")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--library", default="progr-oceanogr")
    parser.add_argument("--src", type=Path, action="append", help="a src/ folder to time")
    parser.add_argument("--instructions", action="store_true", help="count, under valgrind")
    options = parser.parse_args()
    bib = library(options.library)
    trees = options.src or [SRC]
    for style in options.styles.split(","):
        for src in trees:
            if options.instructions:
                count = instructions(src, bib, style)
                print(f"cite --all --style {style:<9} {src}: {count:,} instructions", flush=True)
                continue
            times = process_times(src, bib, style, options.runs)
            print(
                f"cite --all --style {style:<9} {src}: median {statistics.median(times):.2f} s"
                f" (min {min(times):.2f}, {options.runs} runs)",
                flush=True,
            )


if __name__ == "__main__":
    main()

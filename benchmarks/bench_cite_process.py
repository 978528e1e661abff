"""How long a whole `copro cite --all` process takes on a real library of about 3,800
entries (../shared/data/progr-oceanogr.bib.gz): start-up, loading, normalising every entry
into an Item, formatting and printing, as a user waits for it.

Run: python benchmarks/bench_cite_process.py [--styles apa,ieee] [--runs 5]
     [--library progr-oceanogr] [--src OTHER_CHECKOUT/src]   (compare with another tree)
"""

from __future__ import annotations

import argparse
import os
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", default="apa")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--library", default="progr-oceanogr")
    parser.add_argument("--src", type=Path, action="append", help="a src/ folder to time")
    options = parser.parse_args()
    bib = library(options.library)
    trees = options.src or [SRC]
    for style in options.styles.split(","):
        for src in trees:
            times = process_times(src, bib, style, options.runs)
            print(
                f"cite --all --style {style:<9} {src}: median {statistics.median(times):.2f} s"
                f" (min {min(times):.2f}, {options.runs} runs)",
                flush=True,
            )


if __name__ == "__main__":
    main()

"""How long formatting citations takes: reference lists of 10k and 100k entries per style,
one in-text citation, and a whole `copro cite` process against a whole `copro search`.

The libraries are real-world entries from ../shared/data/synth_50k.bib.gz: the first 10,000,
and for 100,000 all 50,000 plus perturbed copies (`_data.perturbed_copies`: a new key, two
title words swapped and one from another title added, in the raw title that styles read).

Run: python benchmarks/bench_cite.py [--styles apa,mla] [--sizes 10000,100000] [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from _data import library, synthetic_library

from coprocli.bibparse import load_file
from coprocli.citing import in_text, reference_list
from coprocli.styles import STYLE_NAMES

SRC = Path(__file__).resolve().parents[1] / "src"


def timed(action: Callable[..., object], *args: object) -> float:
    """Wall time (s) of one call `action(*args)`."""
    started = time.perf_counter()
    action(*args)
    return time.perf_counter() - started


def process_median(args: list[str], runs: int) -> float:
    """Median wall time (s) of `python -m coprocli <args>` over `runs` runs."""
    command = [sys.executable, "-m", "coprocli", *args]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=SRC.parent)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--styles", default=",".join(STYLE_NAMES))
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=10, help="runs of each whole process")
    options = parser.parse_args()
    styles = [name for name in options.styles.split(",") if name]
    sizes = [int(size) for size in options.sizes.split(",") if size]

    started = time.perf_counter()
    base, _ = load_file(library("synth_50k"))
    libraries = {size: synthetic_library(size, base) for size in sizes}
    print(f"loaded {len(base):,} entries in {time.perf_counter() - started:.1f} s\n")

    one = base[:1]
    header = "".join(f"{f'{size:,} s':>12}" for size in sizes)
    print(f"{'style':<10}{header}{'in-text ms':>12}")
    for style in styles:
        row = "".join(
            f"{timed(reference_list, entries, style, 'text'):>12.2f}"
            for entries in libraries.values()
        )
        in_text(one, style)  # the first call imports the style module
        cite_ms = min(timed(in_text, one, style) for _ in range(20)) * 1000
        print(f"{style:<10}{row}{cite_ms:>12.3f}", flush=True)

    print(f"\nwhole process, median of {options.runs} runs:")
    for args in (["cite", "boyle2009challenge"], ["search", "timebanking"]):
        print(f"  copro {' '.join(args):<26}{process_median(args, options.runs) * 1000:7.0f} ms")


if __name__ == "__main__":
    main()

"""The first (cold, uncached) load of a large library against bibtexparser's own parse.

Each case runs in a fresh process; its wall time and peak memory (RSS) are the median of
the runs. The cases:

  bibtexparser       `bibtexparser.parse_file(path)` with its defaults (time in-process)
  load_catalogue     copro's loader, `load_catalogue([path], bundled=False, cache=None)`
                     (time in-process, so interpreter start and imports are left out)
  copro list         `copro --no-cache --no-bundled --bib FILE list --limit 1 --keys`
  copro search       the same with `search 'social care'`, which builds the search index
  first list         `copro list` as a first run really is: into an empty cache, which it
                     fills (the parsed catalogue, stored for the next run)
  first search       the same with `search 'social care'`, which also stores the index

and the ratios of copro's figures to bibtexparser's: the in-process load against the
in-process parse, each whole copro process against the whole bibtexparser process.

Run: python benchmarks/bench_cold.py [--library synth_50k] [--doubled] [--runs 3]
     [--cases "first list" "first search" ...]
     (--doubled: the library twice over, second copy's keys suffixed: 100k entries)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from _data import doubled, library

#: Prints the seconds a statement took inside the process (imports left out).
TIMED = """
import sys, time
{setup}
started = time.perf_counter()
{statement}
print(time.perf_counter() - started)
"""

BIBTEXPARSER = TIMED.format(
    setup="import bibtexparser", statement="bibtexparser.parse_file(sys.argv[1])"
)
LOADER = TIMED.format(
    setup="from coprocli.catalogue import load_catalogue",
    statement="load_catalogue([sys.argv[1]], bundled=False, cache=None)",
)


@dataclass(frozen=True)
class Run:
    """One process: its wall time, the time it reported (if any) and its peak RSS."""

    wall: float
    inner: float
    peak_mib: float


#: Runs argv[2:] as a child and prints its wall time, the time it reported (argv[1] is
#: "timed") or the wall time again, and its peak RSS in MiB: a wrapper of its own, so
#: that the peak is this child's and no earlier one's.
WRAPPER = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[2:], capture_output=True, text=True)
wall = time.perf_counter() - started
# `search` exits 1 when nothing matched: a finished run; a traceback is a failure.
if done.returncode > 1 or "Traceback" in done.stderr:
    sys.exit(done.stderr[-2000:])
inner = done.stdout.split()[-1] if sys.argv[1] == "timed" else wall
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(wall, inner, peak)
"""


def measure(command: list[str], runs: int) -> Run:
    """Median wall time, reported time and peak RSS of `runs` fresh runs of `command`
    (one run with `python -c` reports the time its statement took)."""
    kind = "timed" if command[:2] == [sys.executable, "-c"] else "process"
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", WRAPPER, kind, *command], capture_output=True, text=True
        )
        if done.returncode:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
        wall, inner, peak = (float(value) for value in done.stdout.split())
        results.append(Run(wall, inner, peak))
    return Run(
        statistics.median(run.wall for run in results),
        statistics.median(run.inner for run in results),
        statistics.median(run.peak_mib for run in results),
    )


def cases(bib: Path) -> dict[str, list[str]]:
    """The commands measured, by name."""
    python = sys.executable
    copro = [python, "-m", "coprocli", "--no-cache", "--no-bundled", "--bib", str(bib)]
    # A first run: copro with a cache folder of its own, made empty for each run.
    first = ["sh", "-c", FIRST_RUN, python, str(bib)]
    return {
        "bibtexparser": [python, "-c", BIBTEXPARSER, str(bib)],
        "load_catalogue": [python, "-c", LOADER, str(bib)],
        "copro list": [*copro, "list", "--limit", "1", "--keys"],
        "copro search": [*copro, "search", "social care", "--limit", "1", "--keys"],
        "first list": [*first, "list", "--limit", "1", "--keys"],
        "first search": [*first, "search", "social care", "--limit", "1", "--keys"],
    }


#: `sh -c` script: copro ($0 is Python, $1 the library, then the command) with an empty
#: cache folder that is removed afterwards; copro's exit status is the script's.
FIRST_RUN = (
    "folder=$(mktemp -d) && library=$1 && shift && "
    'COPRO_CACHE_DIR="$folder" "$0" -m coprocli --no-bundled --bib "$library" "$@"; '
    'status=$?; rm -rf "$folder"; exit $status'
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", default="synth_50k")
    parser.add_argument("--doubled", action="store_true", help="the library twice: 100k")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--cases", nargs="+", metavar="NAME", help="only these (bibtexparser always runs)"
    )
    options = parser.parse_args()
    bib = doubled(options.library) if options.doubled else library(options.library)
    print(f"{bib.name}: {bib.stat().st_size / 1e6:.1f} MB, median of {options.runs} runs")
    chosen = {
        name: command
        for name, command in cases(bib).items()
        if options.cases is None or name in {"bibtexparser", *options.cases}
    }
    results = {name: measure(command, options.runs) for name, command in chosen.items()}
    base = results["bibtexparser"]
    for name, run in results.items():
        timed = name in ("bibtexparser", "load_catalogue")
        in_process = f"in-process {run.inner:6.2f} s" if timed else " " * 20
        print(
            f"{name:15} process {run.wall:6.2f} s  {in_process}  peak {run.peak_mib:6.0f} MiB"
            f"  ({run.wall / base.wall:4.2f}x bibtexparser's process)"
        )
    if "load_catalogue" in results:
        loader = results["load_catalogue"].inner / base.inner
        print(f"load_catalogue / parse_file, in-process: {loader:4.2f}x")


if __name__ == "__main__":
    main()

"""Whole `copro` processes, cold (no cache) and warm (the cache filled by a first run),
against a no-op Typer app with the same signature and against bibtool: what a user waits
for, and the memory it takes.

Run: python benchmarks/bench_warm.py [--runs 5] [--big] [--cold]
Each figure is the median of the runs (wall time; peak resident memory of the process);
each ratio ("1.05x the no-op") is the median of the ratios of runs made in turns, with a
95% bootstrap interval; on a shared machine a figure near a target needs --runs 201.
The cache lives in a temporary folder (as XDG_CACHE_HOME). `--big` adds the synthetic 100k and 200k
libraries (synth_50k twice and four times over; their first, cold run takes minutes);
`--cold` also times every case without the cache. Python writes bytecode as an
installed copro would have it (PYTHONDONTWRITEBYTECODE is dropped), and each command
runs once before it is timed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import copies, library

NOOP = """
import typer
app = typer.Typer()
@app.callback()
def root(bib: list[str] | None = None, no_bundled: bool = False, strict: bool = False,
         quiet: bool = False, no_cache: bool = False) -> None:
    pass
@app.command()
def search(query: list[str], author: list[str] | None = None, year: list[str] | None = None,
           type_: list[str] | None = None, section: list[str] | None = None,
           keyword: list[str] | None = None, limit: int | None = None, json: bool = False,
           jsonl: bool = False, keys: bool = False, format: str | None = None) -> None:
    pass
app()
"""


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one process (its own, not its siblings')."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, _, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = 0  # reaped above
    return elapsed, usage.ru_maxrss / 1024


def median_run(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    results = [run_once(command, env) for _ in range(runs)]
    return (
        statistics.median(seconds for seconds, _ in results),
        statistics.median(mebibytes for _, mebibytes in results),
    )


class Turns:
    """`command` and `baseline` run in turns, `runs` times (which goes first alternates):
    median seconds of each, median peak MiB of `command`, and the ratio command /
    baseline. The ratio of a turn compares two runs a moment apart, so a machine whose
    speed drifts (a shared one) slows both alike; the median of the turns' ratios is the
    figure reported as "Nx", with a 95% bootstrap interval of that median."""

    def __init__(
        self, command: list[str], baseline: list[str], runs: int, env: dict[str, str]
    ) -> None:
        ours, theirs = [], []
        for turn in range(runs):
            if turn % 2:
                theirs.append(run_once(baseline, env))
                ours.append(run_once(command, env))
            else:
                ours.append(run_once(command, env))
                theirs.append(run_once(baseline, env))
        self.seconds = statistics.median(seconds for seconds, _ in ours)
        self.baseline = statistics.median(seconds for seconds, _ in theirs)
        self.memory = statistics.median(mebibytes for _, mebibytes in ours)
        ratios = [a / b for (a, _), (b, _) in zip(ours, theirs, strict=True)]
        self.ratio = statistics.median(ratios)
        draws = random.Random(1)
        medians = sorted(
            statistics.median(draws.choices(ratios, k=len(ratios))) for _ in range(2000)
        )
        self.low, self.high = medians[50], medians[1949]

    def __str__(self) -> str:
        return f"{self.ratio:4.2f}x (95%: {self.low:.2f}-{self.high:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big", action="store_true", help="add the 100k and 200k libraries")
    parser.add_argument("--cold", action="store_true", help="also time without the cache")
    options = parser.parse_args()
    real = library("progr-oceanogr")
    # The console script, as a user runs it (`python -m` adds runpy's start-up).
    script = Path(sys.executable).with_name("copro")
    copro = [str(script)] if script.exists() else [sys.executable, "-m", "coprocli"]
    with tempfile.TemporaryDirectory() as folder:
        # The cache goes where a user's would, found the same way (platformdirs reads
        # XDG_CACHE_HOME), so that finding it is part of what is timed.
        env = {**os.environ, "XDG_CACHE_HOME": folder}
        env.pop("COPRO_CACHE_DIR", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        noop_command = [sys.executable, "-c", NOOP, "search", "x"]
        run_once(noop_command, env)
        noop, noop_memory = median_run(noop_command, options.runs, env)
        print(f"{'no-op Typer app, search signature':44} {noop:6.3f} s {noop_memory:5.0f} MiB")
        commands: dict[str, list[str]] = {}

        def case(name: str, arguments: list[str], runs: int = 0) -> None:
            command = [*copro, *arguments]
            if options.cold:
                cold, _ = median_run([*copro, "--no-cache", *arguments], options.runs, env)
                print(f"{name:44} cold {cold:6.3f} s")
            run_once(command, env)  # fills the cache, writes bytecode
            turns = Turns(command, noop_command, runs or options.runs, env)
            commands[name] = command
            print(
                f"{name:44} {turns.seconds:6.3f} s {turns.memory:5.0f} MiB  {turns} the no-op"
                f" ({turns.baseline:.3f} s in the same turns)"
            )

        bundled = "bundled: search timebanking"
        case(bundled, ["search", "timebanking"])
        on_real = f"{real.name}: search stock"
        case(on_real, ["-q", "--no-bundled", "--bib", str(real), "search", "stock"])
        turns = Turns(commands[on_real], commands[bundled], options.runs, env)
        print(f"{'':44} {turns} the bundled search (same turns)")
        if shutil.which("bibtool"):
            select = ["bibtool", "-q", "--", 'select{"stock"}', "-i", str(real), "-o", os.devnull]
            command = [*copro, "-q", "--no-bundled", "--bib", str(real), "search", "stock"]
            turns = Turns(command, select, options.runs, env)
            print(
                f"{'bibtool select on the same file':44} {turns.baseline:6.3f} s"
                f"        copro is {turns} bibtool (same turns)"
            )
        cite = ["-q", "--no-bundled", "--bib", str(real), "cite", "--all", "--style", "apa"]
        # A second a run: at most 21 of them (a long run of --runs is for the quick cases).
        case(f"{real.name}: cite --all --style apa", cite, min(options.runs, 21))
        if options.big:
            # Made in a process of their own: a process started from this one begins its
            # peak memory at this one's size, and making them here would add hundreds of MiB
            # to every figure after.
            subprocess.run(
                [sys.executable, "-c", "from _data import copies; copies('synth_50k', 2); "
                 "copies('synth_50k', 4)"],
                cwd=Path(__file__).parent,
                check=True,
            )  # fmt: skip
            for count in (2, 4):
                big = copies("synth_50k", count)
                name = f"{count * 50}k: search 'social care'"
                case(name, ["-q", "--no-bundled", "--bib", str(big), "search", "social care"])
                case(
                    f"{count * 50}k: search 'stock assessment'",
                    ["-q", "--no-bundled", "--bib", str(big), "search", "stock assessment"],
                )
            turns = Turns(
                commands["200k: search 'social care'"],
                commands["100k: search 'social care'"],
                options.runs,
                env,
            )
            print(f"{'200k against 100k':44} {turns} (same turns)")


if __name__ == "__main__":
    main()

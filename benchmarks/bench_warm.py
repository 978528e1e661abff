"""Whole `copro` processes, cold (no cache) and warm (the cache filled by a first run),
against a no-op Typer app with the same kind of signature: what a user waits for.

Run: python benchmarks/bench_warm.py [--runs 5] [--library progr-oceanogr]
Each figure is the median of the runs; the cache lives in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

from _data import library

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


def median_time(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--library", default="progr-oceanogr")
    options = parser.parse_args()
    bib = library(options.library)
    copro = [sys.executable, "-m", "coprocli"]
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "COPRO_CACHE_DIR": folder}
        # The same signature as `copro search` (global options and the command's), so
        # that both pay Typer the same for reading their options.
        noop = median_time([sys.executable, "-c", NOOP, "search", "x"], options.runs, env)
        print(f"no-op Typer app, search's signature      {noop:6.3f} s")
        cases = [
            ("bundled: search timebanking", [*copro, "search", "timebanking"]),
            (
                f"{bib.name}: search stock",
                [*copro, "--no-bundled", "--bib", str(bib), "search", "stock"],
            ),
            (
                f"{bib.name}: cite --all --style apa",
                [*copro, "--no-bundled", "--bib", str(bib), "cite", "--all", "--style", "apa"],
            ),
        ]
        for name, command in cases:
            cold = median_time([*command[:3], "--no-cache", *command[3:]], options.runs, env)
            subprocess.run(command, capture_output=True, env=env, check=False)  # fill
            warm = median_time(command, options.runs, env)
            print(
                f"{name:40} cold {cold:6.3f} s   warm {warm:6.3f} s "
                f"({warm / noop:4.1f}x the no-op app)"
            )


if __name__ == "__main__":
    main()

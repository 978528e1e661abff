"""The reading list's web page on a big library: how large the file is, how long copro
takes to write it, and how long a keystroke in its search box takes in Chromium.

The page of a real 3,823-entry library (../shared/data/progr-oceanogr.bib.gz) is written
by `copro reading-list --web`, as a user writes it (timed warm: the library already in
copro's cache), and opened from disk in headless
Chromium (Debian's chromium and chromium-driver, through Selenium). Queries are typed a
letter at a time and then deleted a letter at a time; each keystroke is timed in the page
from the input event to the next frame (the filter, style and layout, and the paint of
that frame), and also to the end of the layout it forces. Medians and worst cases over
every keystroke; the bundled catalogue's page size for comparison.

Run: python benchmarks/bench_webpage.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _data import library

QUERIES = ["ocean circulation", "zooplankton grazing", "mixed layer depth", "Antarctic krill"]

#: One keystroke after another: set the box's text, fire `input` as typing does, time the
#: forced layout and the next frame; resolve with [layout ms, frame ms] for each.
TYPING = """
const done = arguments[arguments.length - 1];
const box = document.getElementById('q');
const texts = arguments[0];
const times = [];
let n = 0;
function next() {
  if (n === texts.length) { done(times); return; }
  const start = performance.now();
  box.value = texts[n++];
  box.dispatchEvent(new Event('input', {bubbles: true}));
  document.body.offsetHeight;
  const laidOut = performance.now() - start;
  requestAnimationFrame(() => setTimeout(() => {
    times.push([laidOut, performance.now() - start]);
    next();
  }, 0));
}
next();
"""


def write_page(arguments: list[str], target: Path, cache: Path) -> float:
    """Seconds a whole `copro reading-list --web` takes, warm (the library in the cache)."""
    command = [sys.executable, "-m", "coprocli", *arguments, "reading-list", "--web"]
    command += ["--output", str(target), "--force"]
    environment = {**os.environ, "COPRO_CACHE_DIR": str(cache)}
    seconds = []
    for _ in range(2):  # the first run fills the cache
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=environment)
        seconds.append(time.perf_counter() - start)
    return seconds[-1]


def keystrokes(page: Path, rounds: int) -> list[tuple[float, float]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for argument in ("--headless=new", "--no-sandbox", "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(
        service=Service(shutil.which("chromedriver") or "chromedriver"), options=options
    )
    try:
        start = time.perf_counter()
        driver.get(page.as_uri())
        print(f"  page opened and ready in {time.perf_counter() - start:.2f} s")
        driver.set_script_timeout(600)
        times: list[tuple[float, float]] = []
        for _ in range(rounds):
            for query in QUERIES:
                typed = [query[:n] for n in range(1, len(query) + 1)]
                deleted = [query[:n] for n in range(len(query) - 1, -1, -1)]
                times.extend(
                    tuple(pair) for pair in driver.execute_async_script(TYPING, typed + deleted)
                )
        return times
    finally:
        driver.quit()


def report(label: str, values: list[float]) -> None:
    ordered = sorted(values)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"  {label}: median {statistics.median(ordered):.1f} ms, "
        f"95th percentile {p95:.1f} ms, worst {ordered[-1]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3, help="times each query is typed")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bundled = Path(folder) / "bundled.html"
        cache = Path(folder) / "cache"
        seconds = write_page([], bundled, cache)
        print(f"bundled catalogue (19 entries): {bundled.stat().st_size / 1024:.0f} KiB, "
              f"written in {seconds:.2f} s")  # fmt: skip
        big = Path(folder) / "progr-oceanogr.html"
        seconds = write_page(
            ["--no-bundled", "--quiet", "--bib", str(library("progr-oceanogr"))], big, cache
        )
        print(f"progr-oceanogr (3,823 entries): {big.stat().st_size / 1e6:.2f} MB, "
              f"written in {seconds:.1f} s")  # fmt: skip
        times = keystrokes(big, options.rounds)
        print(f"  {len(times)} keystrokes ({', '.join(QUERIES)}; typed and deleted)")
        report("to the next frame", [frame for _, frame in times])
        report("to the end of layout", [layout for layout, _ in times])


if __name__ == "__main__":
    main()

"""How well search finds a known item, on real libraries the project does not hold.

Runs the cases of relevance_cases.py: each a query a person looking for one entry would
type (an author and a year, title words, a typo, a word in another form, ...) with the key
of that entry or the few acceptable keys, or a query that should find nothing (made-up
words, a year no entry has). Libraries from ../shared/data: progr-oceanogr and
bibliotex_all (most cases), fisheries and marpolicy2020 (a held-out check). Each library's
index is built once.

Prints, per kind of query, per library and overall: the share of cases whose first hit is
an acceptable entry, the share with one in the top 3, and for the queries that should find
nothing, the share that found nothing. -v prints every failing case with its top 3 hits.
The exit code is always 0: this is a report, not a test.

Run: python benchmarks/bench_relevance.py [--library NAME] [-v]
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from typing import NamedTuple

from _data import library
from relevance_cases import CASES, KINDS

from coprocli.bibparse import load_file
from coprocli.index import SearchIndex
from coprocli.model import Entry

LIMIT = 10


class Outcome(NamedTuple):
    """One case run: what was asked, what came back (key and title, best first), and any
    error the search raised."""

    library: str
    query: str
    expected: tuple[str, ...]
    kind: str
    hits: list[tuple[str, str]]
    error: str = ""

    @property
    def first(self) -> bool:
        return bool(self.hits) and self.hits[0][0] in self.expected

    @property
    def top3(self) -> bool:
        return any(key in self.expected for key, _ in self.hits[:3])

    @property
    def nothing(self) -> bool:
        return not self.hits and not self.error

    @property
    def passed(self) -> bool:
        return self.first if self.expected else self.nothing


def run_library(name: str, cases: list[tuple[str, str, tuple[str, ...], str]]) -> list[Outcome]:
    entries: list[Entry] = load_file(library(name))[0]
    started = time.perf_counter()
    index = SearchIndex.build(entries)
    built = time.perf_counter() - started
    print(f"{name}: {len(entries):,} entries, index built in {built:.1f} s, {len(cases)} cases")
    outcomes = []
    for _, query, expected, kind in cases:
        try:
            hits = [(hit.entry.key, hit.entry.title) for hit in index.search(query, limit=LIMIT)]
        except Exception as error:  # a report: a query that fails counts as a miss
            outcomes.append(Outcome(name, query, expected, kind, [], repr(error)))
            continue
        outcomes.append(Outcome(name, query, expected, kind, hits))
    return outcomes


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:5.1f}%" if total else "     -"


def report_row(label: str, outcomes: list[Outcome]) -> str:
    known = [outcome for outcome in outcomes if outcome.expected]
    empty = [outcome for outcome in outcomes if not outcome.expected]
    return (
        f"{label:<18} {len(outcomes):>5}  "
        f"{_share(sum(o.first for o in known), len(known)):>7}  "
        f"{_share(sum(o.top3 for o in known), len(known)):>7}  "
        f"{_share(sum(o.nothing for o in empty), len(empty)):>7}"
    )


def print_report(outcomes: list[Outcome]) -> None:
    header = f"{'':<18} {'cases':>5}  {'first':>7}  {'top 3':>7}  {'nothing':>7}"
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    by_library: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome)
        by_library[outcome.library].append(outcome)
    print()
    print(header.replace(" " * 18, f"{'kind':<18}", 1))
    for kind in KINDS:
        if by_kind[kind]:
            print(report_row(kind, by_kind[kind]))
    print()
    print(header.replace(" " * 18, f"{'library':<18}", 1))
    for name, group in by_library.items():
        print(report_row(name, group))
    print()
    print(report_row("overall", outcomes))
    failed = sum(not outcome.passed for outcome in outcomes)
    print(
        f"{failed} of {len(outcomes)} cases failed (first hit not acceptable, or hits where none)"
    )


def print_failures(outcomes: list[Outcome]) -> None:
    failures = [outcome for outcome in outcomes if not outcome.passed]
    if not failures:
        return
    print("\nFailing cases:")
    for outcome in failures:
        wanted = " | ".join(outcome.expected) if outcome.expected else "nothing"
        rank = next(
            (n for n, (key, _) in enumerate(outcome.hits, 1) if key in outcome.expected), None
        )
        where = f"at {rank}" if rank else f"not in the top {LIMIT}" if outcome.expected else ""
        print(f"  [{outcome.kind}] {outcome.library}: {outcome.query!r} -> {wanted} {where}")
        if outcome.error:
            print(f"      error: {outcome.error}")
        for key, title in outcome.hits[:3]:
            print(f"      {key:<32} {title[:80]}")


def main() -> None:
    libraries = list(dict.fromkeys(case[0] for case in CASES))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", choices=libraries, help="run only this library's cases")
    parser.add_argument("-v", "--verbose", action="store_true", help="print failing cases")
    args = parser.parse_args()
    grouped: dict[str, list[tuple[str, str, tuple[str, ...], str]]] = defaultdict(list)
    for name, query, expected, kind in CASES:
        keys = (expected,) if isinstance(expected, str) else tuple(expected)
        grouped[name].append((name, query, keys, kind))
    outcomes: list[Outcome] = []
    for name in [args.library] if args.library else libraries:
        outcomes += run_library(name, grouped[name])
    print_report(outcomes)
    if args.verbose:
        print_failures(outcomes)


if __name__ == "__main__":
    main()

"""`copro check`: every problem, on stdout, and the exit status says whether there were any."""

from __future__ import annotations

import json

from ..conftest import FIXTURES, Runner


def test_check_on_the_bundled_catalogue_finds_only_notes(copro: Runner) -> None:
    result = copro("check")
    assert result.code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3 and all(": C005 note: " in line for line in lines)
    assert result.stderr == (
        "19 entries loaded, 0 problems found, and 3 findings (0 errors, 0 warnings, 3 notes).\n"
    )


def test_check_lists_every_problem(copro: Runner) -> None:
    result = copro("--no-bundled", "--bib", str(FIXTURES / "hard_cases.bib"), "check")
    assert result.code == 1
    lines = result.stdout.splitlines()
    assert len(lines) >= 6
    assert all("hard_cases.bib:" in line for line in lines)
    assert "6 problems found" in result.stderr


def test_check_json(copro: Runner) -> None:
    result = copro("--no-bundled", "--bib", str(FIXTURES / "hard_cases.bib"), "check", "--json")
    problems = json.loads(result.stdout)
    assert {"source", "line", "key", "kind", "message"} == set(problems[0])
    assert "missing-comma" in {problem["kind"] for problem in problems}

"""`copro stats`: counts by year, type, section, keyword and author."""

from __future__ import annotations

import json

from ..conftest import Runner


def test_counts_of_the_catalogue(copro: Runner) -> None:
    data = json.loads(copro("stats", "--json").stdout)
    assert data["entries"] == 19
    years = {row["value"]: row["count"] for row in data["year"]}
    assert years == {"2008": 1, "2009": 2, "2010": 5, "2011": 7, "n.d.": 4}
    assert list(years) == ["2008", "2009", "2010", "2011", "n.d."]  # in order, undated last
    sections = {row["value"]: row["count"] for row in data["section"]}
    assert sum(sections.values()) == 19 and sections["Practical tools"] == 3
    authors = [row["value"] for row in data["author"]]
    assert authors[0] == "Julia Slay"  # the most entries first
    assert data["keyword"][0] == {"value": "co-production", "count": 13}


def test_filters_narrow_and_the_pipe_gets_lines(copro: Runner) -> None:
    lines = copro("stats", "--section", "Practical tools", "--top", "2").stdout.splitlines()
    assert "section\tPractical tools\t3" in lines
    assert sum(1 for line in lines if line.startswith("keyword\t")) == 2
    assert sum(int(line.split("\t")[2]) for line in lines if line.startswith("year\t")) == 3


def test_an_empty_selection_exits_1(copro: Runner) -> None:
    result = copro("stats", "--year", "2030")
    assert result.code == 1 and result.stderr == "Nothing matched.\n"

"""`copro search` and `copro filter` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import Runner


def keys(stdout: str) -> list[str]:
    return stdout.split()


def test_timebanking_finds_the_timebanking_resources_first(copro: Runner) -> None:
    result = copro("search", "timebanking", "--keys")
    assert result.code == 0 and result.stderr == ""
    found = keys(result.stdout)
    assert set(found[:2]) == {"ryancollins2008new", "spice"}


@pytest.mark.parametrize("query", ["time banking", "time-bank", "timebankng", "TimeBanking"])
def test_variants_and_typos_find_the_same(copro: Runner, query: str) -> None:
    found = keys(copro("search", *query.split(), "--keys").stdout)
    assert "ryancollins2008new" in found[:3]


def test_json_adds_score_and_matches(copro: Runner) -> None:
    data = json.loads(copro("search", "Neeham", "--json").stdout)
    first = data[0]
    assert first["key"] == "needham2009coproduction"
    assert {
        "key",
        "type",
        "title",
        "authors",
        "year",
        "source",
        "fields",
        "score",
        "matches",
    } == set(first)
    assert first["matches"][0]["field"] == "author"
    scores = [entry["score"] for entry in data]
    assert scores == sorted(scores, reverse=True)


def test_plain_output_names_the_matching_field(copro: Runner) -> None:
    line = copro("search", "asset mapping", "--limit", "1").stdout.splitlines()[0]
    columns = line.split("\t")
    assert len(columns) == 6 and ":" in columns[5]


def test_list_filters_combine_with_a_query(copro: Runner) -> None:
    found = keys(copro("search", "co-production", "--section", "Practical tools", "--keys").stdout)
    assert found and set(found) <= {
        "nef2011coproduction",
        "inclusionnorth2011coproduction",
        "obrien2011conversations",
    }


def test_field_value_with_spaces_from_the_shell(copro: Runner) -> None:
    # The shell turns section:"Practical tools" into one word: section:Practical tools
    found = keys(copro("search", "section:Practical tools", "--keys").stdout)
    assert len(found) == 3


def test_no_matches_exits_1_as_grep_does(copro: Runner) -> None:
    result = copro("search", "zebra", "--json")
    assert result.code == 1 and json.loads(result.stdout) == []
    assert result.stderr == "Nothing matched 'zebra'.\n"
    # --limit 0 prints nothing, but the status still tells whether anything matched.
    assert copro("search", "timbanking", "--limit", "0").code == 0
    assert copro("search", "zebra", "--limit", "0").code == 1


def test_no_matches_suggests_a_close_word(copro: Runner) -> None:
    result = copro("search", "personnalisashun")
    assert result.code == 1 and result.stdout == ""
    assert result.stderr == ("Nothing matched 'personnalisashun'. Did you mean: personalisation?\n")


def test_no_dead_ends_say_which_words_matched_nothing(copro: Runner) -> None:
    result = copro("search", "timebanking", "zebra", "--keys")
    assert result.code == 0
    assert result.stdout.split() == ["ryancollins2008new", "spice"]
    assert result.stderr == (
        "No entry matches every word; these match most of them. Nothing matched 'zebra'.\n"
    )
    assert copro("--quiet", "search", "timebanking", "zebra", "--keys").stderr == ""
    # A selection is a list for a script: it takes only entries with every word.
    listed = copro("reading-list", "--query", "timebanking zebra")
    assert listed.code == 1 and "ryancollins2008new" not in listed.stdout


def test_a_long_partial_result_says_how_many_there_were(copro: Runner, tmp_path: Path) -> None:
    library = tmp_path / "harbours.bib"
    library.write_text(
        "".join(f"@misc{{h{n}, title = {{Harbour {n}}}, year = 2000}}\n" for n in range(25)),
        "utf-8",
    )
    result = copro("--bib", str(library), "--no-bundled", "search", "harbour", "zebra", "--keys")
    assert len(result.stdout.split()) == 20
    assert result.stderr == (
        "No entry matches every word; these are the best 20 of the 25 that match most of "
        "them (--limit N shows more). Nothing matched 'zebra'.\n"
    )
    more = copro("--bib", str(library), "--no-bundled", "search", "harbour", "zebra", "-n", "30")
    assert len(more.stdout.splitlines()) == 25


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", '"unclosed'], "quote"),
        (["search", "colour:red"], "author"),
        (["filter", "timebanking"], "field:value"),
        (["filter", "colour:red"], "author"),
    ],
)
def test_malformed_queries_exit_2(copro: Runner, args: list[str], message: str) -> None:
    result = copro(*args)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: ") and message in result.stderr


def test_filter_is_exact(copro: Runner) -> None:
    result = copro("filter", "section:Practical tools", "year:2011", "--keys")
    assert keys(result.stdout) == [
        "nef2011coproduction",
        "inclusionnorth2011coproduction",
        "obrien2011conversations",
    ]
    assert keys(copro("filter", "author:boyl", "--keys").stdout) == []
    assert "boyle2009challenge" in keys(copro("filter", "author:Boyle", "--keys").stdout)


@pytest.mark.parametrize(
    ("word", "quoted"),
    [
        ("-tools", "-tools"),  # not --type with the value 'ools'
        ("-nef", "-nef"),  # not --limit with the value 'ef'
        ("-social", "-social"),  # not --section with the value 'ocial'
        ("-film", "-film"),  # not --format with the value 'ilm'
        ("-older", "-older"),  # not the unknown option -o
        ("-section:Practical tools", '-section:"Practical tools"'),
    ],
)
def test_a_leading_dash_excludes_a_word_without_quoting(
    copro: Runner, word: str, quoted: str
) -> None:
    unquoted = copro("search", "co-production", word, "--keys")
    assert unquoted.code == 0 and unquoted.stderr == ""
    as_one_argument = copro("search", f"co-production {quoted}", "--keys")
    assert keys(unquoted.stdout) == keys(as_one_argument.stdout)
    everything = keys(copro("search", "co-production", "--keys").stdout)
    assert set(keys(unquoted.stdout)) < set(everything)


def test_excluded_words_leave_the_options_working(copro: Runner) -> None:
    found = keys(copro("search", "co-production", "-nef", "-n", "2", "--keys").stdout)
    assert len(found) == 2 and not any(key.startswith("nef") for key in found)
    # An option's value may itself start with '-': it is the value, not a query word.
    assert copro("search", "co-production", "--author", "-boyle", "--keys").stdout == ""
    ended = copro("search", "--keys", "--", "co-production", "-social")
    assert keys(ended.stdout) == keys(copro("search", "co-production -social", "--keys").stdout)
    assert copro("search", "co-production", "-n").code == 2  # a known option still needs its value


def test_filter_takes_an_excluded_term_without_quoting(copro: Runner) -> None:
    result = copro("filter", "-type:report", "section:Introductory reading", "--keys")
    assert result.code == 0
    assert keys(result.stdout) == ["dsc2010local", "ndticoproduction"]

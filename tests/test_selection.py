"""Choosing the entries a command works on: `selection.select`, in the library."""

from __future__ import annotations

import pytest

from coprocli.catalogue import load_catalogue
from coprocli.errors import UnknownKeyError, UnknownKeysError, UsageError
from coprocli.selection import EntryFilter, Selection, select


def test_keys_in_the_order_given_without_repeats() -> None:
    catalogue = load_catalogue()
    chosen = select(catalogue, Selection(keys=["slay2011budgets", "boyle2009challenge"] * 2))
    assert [entry.key for entry in chosen.entries] == ["slay2011budgets", "boyle2009challenge"]
    assert chosen.skipped == []


def test_unknown_keys_stop_or_are_skipped() -> None:
    catalogue = load_catalogue()
    with pytest.raises(UnknownKeyError, match="boyle2090"):
        select(catalogue, Selection(keys=["boyle2090"]))
    with pytest.raises(UnknownKeysError) as several:
        select(catalogue, Selection(keys=["boyle2090", "spice", "nobody"]))
    assert [error.key for error in several.value.errors] == ["boyle2090", "nobody"]
    kept = select(catalogue, Selection(keys=["boyle2090", "spice"], skip_unknown=True))
    assert [entry.key for entry in kept.entries] == ["spice"]
    assert kept.skipped[0].message.startswith("Unknown key 'boyle2090'")


def test_query_then_filter_narrow_every_entry() -> None:
    catalogue = load_catalogue()
    found = select(catalogue, Selection(query="timebanking"))
    assert found.entries[0].key == "ryancollins2008new"
    only_2011 = select(
        catalogue, Selection(all_entries=True, filter=EntryFilter.from_options(years=["2011"]))
    )
    assert only_2011.entries and all(entry.year == 2011 for entry in only_2011.entries)


def test_nothing_asked_for() -> None:
    with pytest.raises(UsageError, match="Give keys"):
        select(load_catalogue(), Selection())
    assert select(load_catalogue(), Selection(from_empty_pipe=True)).entries == []


@pytest.mark.parametrize(
    ("selection", "named"),
    [
        ({"keys": ["spice"], "all_entries": True}, "keys and --all conflict"),
        ({"keys": ["spice"], "query": "timebanking"}, "keys and --query conflict"),
        ({"all_entries": True, "query": "timebanking"}, "--all and --query conflict"),
        ({"from_empty_pipe": True, "all_entries": True}, "keys and --all conflict"),
    ],
)
def test_two_ways_of_choosing_at_once_are_a_usage_error(
    selection: dict[str, object], named: str
) -> None:
    with pytest.raises(UsageError, match=named):
        Selection(**selection)  # type: ignore[arg-type]


def test_filters_narrow_keys_and_an_empty_pipe_selects_nothing() -> None:
    catalogue = load_catalogue()
    two_years = Selection(
        keys=["boyle2009challenge", "slay2011budgets"],
        filter=EntryFilter.from_options(years=["2011"]),
    )
    assert [entry.key for entry in select(catalogue, two_years).entries] == ["slay2011budgets"]
    empty_pipe = Selection(from_empty_pipe=True, filter=EntryFilter.from_options(years=["2011"]))
    assert select(catalogue, empty_pipe).entries == []


def test_nothing_asked_for_can_mean_everything() -> None:
    catalogue = load_catalogue()
    everything = select(catalogue, Selection(everything_by_default=True)).entries
    assert everything == list(catalogue.entries)
    filtered = Selection(
        everything_by_default=True, filter=EntryFilter.from_options(years=["2011"])
    )
    assert {entry.year for entry in select(catalogue, filtered).entries} == {2011}


def test_a_filter_value_no_entry_has_is_reported_with_close_ones() -> None:
    from coprocli.errors import UnknownFilterValueError

    entries = load_catalogue().entries
    EntryFilter.from_options(sections=["Practical"], types=["online"]).require_known(entries)
    with pytest.raises(UnknownFilterValueError, match=r"No section 'tools'.*Practical tools\?"):
        EntryFilter.from_options(sections=["Practical", "tools"]).require_known(entries)

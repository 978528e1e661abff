"""`--format` templates: plain `{name}` placeholders and `{{`/`}}` only; anything that
`str.format` would read further (indexes, attributes, conversions, specs) is a usage error."""

from __future__ import annotations

import pytest

from coprocli.errors import UsageError
from coprocli.listing import check_template, format_entry
from coprocli.model import Entry

from .conftest import Runner

BAD_PLACEHOLDERS = [
    "{}",
    "{0}",
    "{title!x}",
    "{title!r}",
    "{title:d}",
    "{title:>30}",
    "{title:{key.__class__}}",
    "{key.__class__}",
    "{key.__class__.__mro__}",
    "{title[0]}",
    "{fields[title]}",
    "{ key }",
]


@pytest.mark.parametrize("command", [["list"], ["search", "timebanking"], ["filter", "year:2009"]])
@pytest.mark.parametrize("placeholder", BAD_PLACEHOLDERS)
def test_bad_placeholder_is_a_one_line_usage_error(
    copro: Runner, command: list[str], placeholder: str
) -> None:
    result = copro(*command, "--format", "{key} " + placeholder + " {year}")
    assert result.code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"Error: Invalid placeholder {placeholder} in --format")
    for name in ("{key}", "{year}", "{title}", "{authors}", "{type}", "{source}", "{keywords}"):
        assert name in result.stderr


@pytest.mark.parametrize("template", ["{key", "key}", "{key}}", "{title:{key}"])
def test_unbalanced_braces_are_a_usage_error(copro: Runner, template: str) -> None:
    result = copro("list", "--format", template)
    assert result.code == 2 and result.stdout == ""
    assert result.stderr.startswith("Error: Invalid --format template")
    assert result.stderr.count("\n") == 1


def test_documented_placeholders_fill_in(copro: Runner) -> None:
    result = copro(
        "list",
        "--limit",
        "1",
        "--format",
        "{key}\\t{year}\\t{type}\\t{source}\\t{authors}\\t{author}\\t{keywords}\\t{nosuchfield}|",
    )
    assert result.code == 0, result.stderr
    key, year, type_, source, authors, author, keywords, rest = result.stdout.rstrip("\n").split(
        "\t"
    )
    assert (key, year, type_, source) == ("boyle2009challenge", "2009", "report", "bundled")
    assert authors == "David Boyle and Michael Harris"
    assert author == "David Boyle; Michael Harris"
    assert keywords and rest == "|"  # an absent field is empty


def test_braces_and_escapes_in_the_literal_text(copro: Runner) -> None:
    result = copro("list", "--limit", "1", "--format", "{{{key}}} {{title}}\\n\\\\t")
    assert result.stdout == "{boyle2009challenge} {title}\n\\t\n"


def test_template_reads_no_attribute_of_a_value() -> None:
    entry = Entry(key="k1", type="misc", fields={"title": "T", "note": "{title.__class__}"})
    template = check_template("{key}:{note}:{{x}}")
    # A value that looks like a placeholder is text, not read again.
    assert format_entry(entry, template) == "k1:{title.__class__}:{x}"


def test_check_template_names_the_placeholder() -> None:
    with pytest.raises(UsageError, match=r"\{title!r\}"):
        check_template("{key}{title!r}")

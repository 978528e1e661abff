"""The loader on hard cases: every problem becomes a warning and the rest still loads."""

from __future__ import annotations

from pathlib import Path

import pytest

from coprocli.bibparse import load_file, normalise_month, parse_bib_text
from coprocli.catalogue import load_catalogue
from coprocli.errors import BibFileError, StrictModeError
from coprocli.model import Entry, Person

from .conftest import CORPUS, FIXTURES, shared_or_skip


@pytest.fixture(scope="module")
def hard() -> tuple[dict[str, object], list[object]]:
    entries, warnings = load_file(FIXTURES / "hard_cases.bib", "hard_cases.bib")
    return {entry.key: entry for entry in entries}, warnings


def kinds(warnings: list[object]) -> list[str]:
    return [w.kind for w in warnings]  # type: ignore[attr-defined]


def test_accents_in_every_notation_and_macros(hard):  # type: ignore[no-untyped-def]
    entries, _ = hard
    entry = entries["accents"]
    assert [p.family for p in entry.names["author"]] == ["Schrödinger", "Gödel", "Zola", "Mañana"]
    assert entry.names["author"][2].given == "Émile"
    assert entry.names["author"][3].given == "José"
    assert entry.fields["title"] == "Æsthetics of øre and ß in naïve cafés – a Čech study"
    assert entry.fields["publisher"] == "new economics foundation and Friends"
    assert entry.fields["address"] == "London"
    assert entry.fields["month"] == "8"
    assert entry.year == 2001


def test_organisations_are_kept_whole(hard):  # type: ignore[no-untyped-def]
    entries, _ = hard
    authors = entries["organisations"].names["author"]
    assert authors == (
        Person(literal="new economics foundation"),
        Person(literal="Barnes and Noble"),
    )
    assert entries["organisations"].fields["institution"] == "Smith & Sons"
    # Brace-protected words survive in the raw value for styles that change case.
    assert "{NHS}" in entries["organisations"].raw["title"]


def test_particles_and_suffixes(hard):  # type: ignore[no-untyped-def]
    entries, _ = hard
    meer, fontaine, ford, beethoven = entries["particles"].names["author"]
    assert (meer.particle, meer.family, meer.given) == ("van der", "Meer", "Jan")
    assert (fontaine.particle, fontaine.family) == ("de", "La Fontaine")
    assert (ford.family, ford.suffix, ford.given) == ("Ford", "Jr.", "Henry")
    assert (beethoven.given, beethoven.particle, beethoven.family) == ("Ludwig", "van", "Beethoven")
    assert entries["particles"].fields["month"] == "1"


def test_urls_are_never_decoded(hard):  # type: ignore[no-untyped-def]
    entries, _ = hard
    entry = entries["urls"]
    assert entry.fields["url"] == "https://example.org/a%20b_c?x=1&y=2#frag"
    assert entry.fields["doi"] == "10.1000/xyz_123%4"
    assert entry.fields["title"] == "Percent 50% and ampersand & underscore"


def test_duplicate_field_keeps_first_and_warns(hard):  # type: ignore[no-untyped-def]
    entries, warnings = hard
    assert entries["duplicatefield"].fields["title"] == "First title"
    found = [w for w in warnings if w.kind == "duplicate-field"]
    assert found and found[0].key == "duplicatefield" and found[0].line == 39


def test_missing_comma_is_recovered(hard):  # type: ignore[no-untyped-def]
    entries, warnings = hard
    entry = entries["missingcomma"]
    assert entry.fields["title"] == "Missing comma"
    assert entry.names["author"] == (Person(family="Roe", given="Richard"),)
    assert entry.year == 2013
    assert "missing-comma" in kinds(warnings)


def test_trailing_and_is_dropped_with_a_warning(hard):  # type: ignore[no-untyped-def]
    entries, warnings = hard
    assert entries["trailingand"].names["author"] == (Person(family="Smith", given="John"),)
    assert "empty-name" in kinds(warnings)


def test_extended_name_format(hard):  # type: ignore[no-untyped-def]
    entries, _ = hard
    first, second = entries["extended"].names["author"]
    assert (first.particle, first.family, first.given) == ("van", "Ackooij", "W.")
    assert (second.family, second.given) == ("Danti Lopez", "I.")


def test_undefined_macro_is_kept_as_text(hard):  # type: ignore[no-untyped-def]
    entries, warnings = hard
    assert entries["undefinedmacro"].fields["journal"] == "j-unknown"
    warning = next(w for w in warnings if w.kind == "undefined-macro")
    assert warning.key == "undefinedmacro" and "j-unknown" in warning.message


def test_duplicate_key_in_one_file_keeps_the_first(hard):  # type: ignore[no-untyped-def]
    entries, warnings = hard
    assert entries["accents"].fields["title"].startswith("Æsthetics")
    warning = next(w for w in warnings if w.kind == "duplicate-key")
    assert warning.key == "accents" and "line 5" in warning.message


def test_stray_brace_fields_are_given_back(hard):  # type: ignore[no-untyped-def]
    entries, warnings = hard
    entry = entries["straybrace"]
    assert entry.fields["title"] == "Stray brace"
    assert entry.names["author"] == (Person(family="Brace", given="Betty"),)
    assert entry.year == 2017
    assert "stray-brace" in kinds(warnings)


def test_the_rest_of_the_file_loads(hard):  # type: ignore[no-untyped-def]
    entries, warnings = hard
    assert "lastone" in entries
    assert all(str(w).startswith("hard_cases.bib:") for w in warnings)


def test_warnings_name_file_line_and_key(hard):  # type: ignore[no-untyped-def]
    _, warnings = hard
    text = str(next(w for w in warnings if w.kind == "duplicate-field"))
    assert text == (
        "hard_cases.bib:39: entry 'duplicatefield': field 'title' appears again "
        "(first at line 38); the first is kept"
    )


def test_cp1252_file_is_detected(tmp_path: Path) -> None:
    entries, warnings = load_file(FIXTURES / "cp1252.bib")
    assert entries[0].names["author"][0] == Person(family="Müller", given="Jürgen")
    assert entries[0].fields["title"] == "Café – crème"
    assert kinds(warnings) == ["encoding"]


def test_utf16_with_bom(tmp_path: Path) -> None:
    entries, warnings = load_file(FIXTURES / "utf16.bib")
    assert entries[0].fields["title"] == "Zażółć gęślą jaźń"
    assert warnings == []


def test_empty_file_loads_nothing() -> None:
    assert load_file(FIXTURES / "empty.bib") == ([], [])


def test_binary_file_is_a_clear_error() -> None:
    with pytest.raises(BibFileError, match="not a text file"):
        load_file(FIXTURES / "binary.bib", "binary.bib")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BibFileError, match=r"no such \.bib file"):
        load_file(tmp_path / "nope.bib")


def test_strict_turns_warnings_into_an_error() -> None:
    with pytest.raises(StrictModeError, match=r"hard_cases\.bib:\d+"):
        load_catalogue([FIXTURES / "hard_cases.bib"], bundled=False, strict=True)


def test_later_file_wins_and_is_reported_once(tmp_path: Path) -> None:
    first = tmp_path / "a.bib"
    second = tmp_path / "b.bib"
    first.write_text("@misc{same, title={From A}}\n@misc{onlya, title={A}}\n", "utf-8")
    second.write_text("@misc{same, title={From B}}\n", "utf-8")
    catalogue = load_catalogue([first, second], bundled=False)
    assert [e.key for e in catalogue] == ["same", "onlya"]
    assert catalogue.get("same").fields["title"] == "From B"
    assert catalogue.get("SAME").source == str(second)
    messages = [str(w) for w in catalogue.warnings]
    assert len(messages) == 1 and "later definition wins" in messages[0]


@pytest.mark.parametrize(
    ("text", "month"),
    [("jan", "1"), ("January", "1"), ("Sept.", "9"), ("09", "9"), ("12", "12"), ("Aug.~31", "8")],
)
def test_months_are_normalised(text: str, month: str) -> None:
    assert normalise_month(text) == month


def test_not_a_month() -> None:
    assert normalise_month("Spring") is None
    assert normalise_month("13") is None


def test_entry_without_key_gets_one() -> None:
    entries, warnings = parse_bib_text(
        "@article{\n author = {Huang, Y.},\n year = {2012}\n}\n", "x"
    )
    assert [e.key for e in entries] == ["Huang2012"]
    assert kinds(warnings) == ["missing-key"]


def test_hash_concatenation_and_strings() -> None:
    text = '@string{a = "Foo"}\n@string{b = a # " Bar"}\n@misc{k, title = b # {, baz} # 2}\n'
    entries, warnings = parse_bib_text(text, "x")
    assert entries[0].fields["title"] == "Foo Bar, baz2"
    assert warnings == []


def test_gbk_file_is_read_as_chinese() -> None:
    path = shared_or_skip(CORPUS / "bibtexparser_gbk.bib")
    entries, warnings = load_file(path)
    assert [(entry.key, entry.fields["journal"]) for entry in entries] == [("凯撒2013", "测试期刊")]
    assert [w.message for w in warnings] == [
        "not UTF-8; read as gb18030. Convert it to UTF-8 to be sure."
    ]


@pytest.mark.parametrize(
    ("name", "key", "field", "expected"),
    [
        ("jabref_utf16le_bom.bib", None, None, None),
        ("jabref_utf16be_bom.bib", None, None, None),
        ("biber_encoding3_latin1.bib", None, None, None),
        ("jabref_windows1252_nokey.bib", None, None, None),
    ],
)
def test_corpus_encodings_load(name: str, key: str, field: str, expected: str) -> None:
    entries, _ = load_file(shared_or_skip(CORPUS / name))
    assert entries, f"{name} loaded no entries"
    for entry in entries:
        for value in entry.fields.values():
            assert "\ufffd" not in value


def test_whole_corpus_loads_without_raising() -> None:
    """Every real-world file either loads or is refused with a clear BibFileError."""
    files = sorted(shared_or_skip(CORPUS).glob("*.bib"))
    assert len(files) >= 70
    loaded = 0
    for path in files:
        try:
            entries, _ = load_file(path)
        except BibFileError:
            continue
        loaded += 1
        for entry in entries:
            assert entry.key and not any(c.isspace() for c in entry.key), (path, entry.key)
    assert loaded >= len(files) - 3


def test_comment_lines_inside_entries_are_ignored(hard):  # type: ignore[no-untyped-def]
    entries, warnings = hard
    entry = entries["commented"]
    assert entry.fields == {"title": "Comment lines inside entries", "year": "2020"}
    assert not [w for w in warnings if w.key == "commented"]


def test_repeated_keywords_are_merged() -> None:
    text = "@misc{k, keywords = {a, b}, keywords = {c}}\n"
    entries, warnings = parse_bib_text(text, "x")
    assert entries[0].keywords == ("a", "b", "c")
    assert "merged" in warnings[0].message


def test_unknown_month_placeholder_is_quiet() -> None:
    entries, warnings = parse_bib_text('@misc{k, month = "????"}\n', "x")
    assert entries[0].fields["month"] == "????" and warnings == []


def test_fields_decode_on_first_read_and_behave_as_a_mapping() -> None:
    entries, _ = parse_bib_text(
        '@article{k, title = {Gr{\\"o}{\\ss}e}, url = {http://x.org/a%20b},'
        " abstract = {One.\n\nTwo.}, month = aug, note = {a \\& b}}",
        "t.bib",
    )
    fields = entries[0].fields
    assert list(fields) == ["title", "url", "abstract", "month", "note"]
    assert fields["title"] == "Größe" and fields.get("url") == "http://x.org/a%20b"
    assert fields["abstract"] == "One.\n\nTwo." and fields["month"] == "8"
    assert "note" in fields and "journal" not in fields and fields.get("journal", "") == ""
    with pytest.raises(KeyError):
        fields["journal"]
    assert dict(fields) == {
        "title": "Größe",
        "url": "http://x.org/a%20b",
        "abstract": "One.\n\nTwo.",
        "month": "8",
        "note": "a & b",
    }


def _one(text: str) -> tuple[dict[str, str], list[str]]:
    entries, warnings = parse_bib_text(text, "t.bib")
    assert len(entries) == 1, [str(w) for w in warnings]
    return dict(entries[0].fields), [f"{w.line}:{w.kind}" for w in warnings]


def test_two_stray_braces_lose_nothing_and_each_is_reported() -> None:
    text = (
        "@article{a1,\n  author = {Lee, Ann},\n  title = {One}},\n  journal = {J}},\n"
        "  year = 2020,\n  volume = 3\n}\n"
    )
    fields, warnings = _one(text)
    assert fields["journal"] == "J" and fields["year"] == "2020" and fields["volume"] == "3"
    assert warnings == ["3:stray-brace", "4:stray-brace"]


def test_stray_braces_fail_under_strict(tmp_path: Path) -> None:
    library = tmp_path / "stray.bib"
    library.write_text("@misc{a, title = {One}}, year = 2020}\n", "utf-8")
    with pytest.raises(StrictModeError, match="stray"):
        load_catalogue([library], bundled=False, strict=True)


def test_comments_between_fields_are_comments() -> None:
    text = (
        "@article{c1,\n  author = {Lee, Ann},\n  % a comment line\n  title = {Commented},\n"
        "  year = 2020, % trailing comment\n  journal = {J} % after the last field\n}\n"
    )
    fields, warnings = _one(text)
    assert fields == {"title": "Commented", "year": "2020", "journal": "J"}
    assert warnings == []


def test_a_percent_inside_a_value_is_text() -> None:
    fields, _ = _one('@misc{k, note = {50% of}, title = "a % b", year = 2020 % c\n}')
    assert fields == {"note": "50% of", "title": "a % b", "year": "2020"}


@pytest.mark.parametrize(
    "head", ["@ ARTICLE { k ,", "@article\n{k,", "@ article(k,", "@ARTICLE {k,", "@\tarticle{k,"]
)
def test_space_around_the_entry_type(head: str) -> None:
    closing = ")" if "(" in head else "}"
    entries, _ = parse_bib_text(f"{head} title = {{Spaced}}, year = 2019 {closing}\n", "t")
    assert [(e.key, e.type, e.fields["title"]) for e in entries] == [("k", "article", "Spaced")]
    assert entries[0].line == 1


def test_line_numbers_survive_the_normalising() -> None:
    text = "@ article\n\n{first, title = {A}}\n\n@misc{second, title = {B}}\n"
    entries, _ = parse_bib_text(text, "t")
    assert [(e.key, e.line) for e in entries] == [("first", 1), ("second", 5)]


@pytest.mark.parametrize(
    ("written", "month"),
    [('jul # "--" # aug', "7--8"), ("{July--August}", "7--8"), ("{7/8}", "7--8"), ("jul", "7")],
)
def test_month_ranges_are_kept(written: str, month: str) -> None:
    fields, _ = _one(f"@misc{{k, title = {{T}}, year = 2020, month = {written}}}")
    assert fields["month"] == month


def test_a_month_range_reaches_the_date() -> None:
    from coprocli.item import to_item

    entries, _ = parse_bib_text('@misc{k, title = {T}, year = 2020, month = jul # "--" # aug}', "t")
    date = to_item(entries[0]).issued
    assert date is not None and (date.month, date.end and date.end.month) == (7, 8)


def test_abbreviations_carry_over_to_the_next_file(tmp_path: Path) -> None:
    abbrev = tmp_path / "abbrev.bib"
    abbrev.write_text("@string{jss = {Journal of Social Services}}\n", "utf-8")
    refs = tmp_path / "refs.bib"
    refs.write_text("@article{d1, title = {T}, journal = jss, year = 2020}\n", "utf-8")
    catalogue = load_catalogue([abbrev, refs], bundled=False)
    assert catalogue.get("d1").fields["journal"] == "Journal of Social Services"
    assert not catalogue.warnings
    # Not backwards: a file cannot use an abbreviation defined after it.
    catalogue = load_catalogue([refs, abbrev], bundled=False)
    assert [w.kind for w in catalogue.warnings] == ["undefined-macro"]


def test_keyless_entries_get_distinct_keys_in_order() -> None:
    text = "".join(
        f"@article{{ author = {{Lee, Ann}}, title = {{T{i}}}, year = 2020}}\n" for i in range(60)
    )
    text += "@article{ author = {Lee, Ann}, title = {Other}, year = 2021}\n"
    entries, warnings = parse_bib_text(text, "keyless.bib")
    keys = [entry.key for entry in entries]
    assert keys[:3] == ["Lee2020", "Lee2020a", "Lee2020b"]
    assert keys[26] == "Lee2020z" and keys[27] == "Lee202027"
    assert keys[-1] == "Lee2021" and len(set(keys)) == 61
    assert [w.kind for w in warnings] == ["missing-key"] * 61


def test_nul_bytes_deep_in_a_file_are_reported_and_removed(tmp_path: Path) -> None:
    library = tmp_path / "nul.bib"
    library.write_bytes(b"@misc{a, title={A}}\n" + b" " * 5000 + b"\n@misc{b, title={B\x00C}}\n")
    entries, warnings = load_file(library, "nul.bib")
    assert [entry.fields["title"] for entry in entries] == ["A", "BC"]
    assert [(w.line, w.kind) for w in warnings] == [(3, "nul-byte")]
    with pytest.raises(StrictModeError, match="NUL"):
        load_catalogue([library], bundled=False, strict=True)


@pytest.mark.parametrize("codec", ["base64", "zlib", "rot13", "no-such-charset"])
def test_a_declared_encoding_that_is_no_charset_is_ignored(tmp_path: Path, codec: str) -> None:
    library = tmp_path / "declared.bib"
    library.write_bytes(f"% Encoding: {codec}\n".encode() + b"@misc{k, title={Caf\xe9}}\n")
    entries, warnings = load_file(library, "declared.bib")
    assert entries[0].fields["title"] == "Café"
    assert [w.kind for w in warnings] == ["encoding"]


@pytest.mark.parametrize(
    ("encoding", "author", "title"),
    [
        ("gbk", "张伟", "社会工作中的共同生产研究"),
        ("gbk", "凯撒", "测试期刊"),
        ("big5", "王小明", "臺灣研究文獻"),
        ("shift_jis", "山田太郎", "共同生産についての研究"),
        ("euc_jp", "山田太郎", "日本語のタイトルです"),
        ("euc_kr", "이민호", "공동생산에 대한 연구"),
    ],
)
def test_east_asian_legacy_encodings_are_told_apart(
    tmp_path: Path, encoding: str, author: str, title: str
) -> None:
    library = tmp_path / "cjk.bib"
    text = f"@article{{k, author = {{{author}}}, title = {{{title}}}, year = 2013}}\n"
    library.write_bytes(text.encode(encoding))
    entries, warnings = load_file(library, "cjk.bib")
    assert entries[0].fields["title"] == title
    assert entries[0].names["author"][0].display_name == author
    assert [w.kind for w in warnings] == ["encoding"]


def test_undecodable_bytes_are_still_refused(tmp_path: Path) -> None:
    library = tmp_path / "binaryish.bib"
    library.write_bytes(b"@misc{k, title = {\xff\xfe\xfd\xfc\x81\x82\x83}}\n")
    with pytest.raises(BibFileError, match="encoding could not be told"):
        load_file(library)


def test_an_empty_field_between_commas_is_dropped() -> None:
    text = (
        "@techreport{TBD,  title = {Report 2PTE3, , part one},  , number = {2PTE3},\n"
        " ,\n institution = {{Research Institute X}}}\n@misc{after, title = {A}}\n"
    )
    entries, warnings = parse_bib_text(text, "t")
    assert [(e.key, e.line) for e in entries] == [("TBD", 1), ("after", 4)]
    assert entries[0].fields["title"] == "Report 2PTE3, , part one"  # commas in a value stay
    assert entries[0].fields["number"] == "2PTE3" and "institution" in entries[0].fields
    assert warnings == []


def test_model_values_are_frozen_and_copy_pickle_and_compare_by_value() -> None:
    """The model's records (and the search's) are value objects: equal when their values
    are, never changed after they are made, and copied or pickled whole (a library user
    may send entries to other processes)."""
    import copy
    import pickle

    from coprocli.catalogue import LoadWarning
    from coprocli.index import Match
    from coprocli.query import Query, Term

    entry = load_catalogue().get("boyle2009challenge")
    assert entry is not None
    plain = Entry(
        entry.key, entry.type, dict(entry.fields), dict(entry.names), entry.source,
        entry.line, dict(entry.raw), dict(entry.inherited),
    )  # fmt: skip
    values = [
        plain,
        Person(family="Boyle", given="David"),
        LoadWarning("a.bib", 3, "duplicate-key", "a message", "k"),
        Match("title", "The Challenge", ((0, 3),)),
        Query(((Term("care", "title"),),), (Term("housing"),)),
    ]
    for value in values:
        assert copy.copy(value) == value
        assert copy.deepcopy(value) == value
        assert pickle.loads(pickle.dumps(value)) == value
        assert repr(value).startswith(type(value).__name__ + "(")
        with pytest.raises(AttributeError):
            value.key = "changed"  # type: ignore[union-attr]
    assert Person("Boyle") == Person("Boyle") and Person("Boyle") != Person("Slay")
    assert len({Person("Boyle"), Person("Boyle"), Person("Slay")}) == 2
    assert Term("care") != ("care", None, False, None)  # a value of its own kind only

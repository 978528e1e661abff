"""BibTeX name lists: `split_names`, `parse_name` and `parse_names`."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coprocli.model import Person
from coprocli.names import parse_name, parse_names, split_names

from .conftest import CORPUS, shared_or_skip

_ENTRY = re.compile(r"^@(\w+)\s*[{(]\s*([^,\s]+)\s*,", re.MULTILINE)
_FIELD = re.compile(r"^\s*([\w-]+)\s*=\s*", re.MULTILINE)


def _value(text: str, pos: int) -> str:
    """The raw value starting at `pos`: a balanced `{...}`, a `"..."` or a bare word."""
    if pos >= len(text):
        return ""
    opener = text[pos]
    if opener not in '{"':
        end = re.compile(r"[,}\n]").search(text, pos)
        return text[pos : end.start() if end else len(text)].strip()
    depth = 0
    index = pos + 1
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0 and opener == "{":
                break
            depth -= 1
        elif char == '"' and opener == '"' and depth == 0:
            break
        index += 1
    return text[pos + 1 : index]


def corpus_fields(name: str) -> dict[str, dict[str, str]]:
    """Fields by entry key of one real-world corpus file, read in place (lower-case names)."""
    text = shared_or_skip(CORPUS / name).read_text(encoding="utf-8")
    starts = list(_ENTRY.finditer(text))
    entries: dict[str, dict[str, str]] = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        body = text[match.end() : end]
        fields: dict[str, str] = {}
        for field in _FIELD.finditer(body):
            fields.setdefault(field.group(1).lower(), _value(body, field.end()))
        entries[match.group(2)] = fields
    return entries


# --------------------------------------------------------------------------------------
# split_names
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Smith, John and Doe, Jane", ["Smith, John", "Doe, Jane"]),
        ("A and B AND C And D", ["A", "B", "C", "D"]),
        ("Smith\nand Jones\tand\nRoe", ["Smith", "Jones", "Roe"]),
        ("{Barnes and Noble} and Smith, J.", ["{Barnes and Noble}", "Smith, J."]),
        ("{\\relax Ch}ristopher Smith and Ann Roe", ["{\\relax Ch}ristopher Smith", "Ann Roe"]),
        ("Anderson, Sandy and Brand, Alexander", ["Anderson, Sandy", "Brand, Alexander"]),
        ("{Sm}and and Band{and}", ["{Sm}and", "Band{and}"]),
        ("Smith, John and", ["Smith, John", ""]),
        ("and Smith", ["", "Smith"]),
        ("A and and B", ["A", "", "B"]),
        ("Solo", ["Solo"]),
        ("", []),
        ("   ", []),
        ("{unbalanced and Smith", ["{unbalanced and Smith"]),
        ("unbalanced} and Smith", ["unbalanced}", "Smith"]),
        (r"Jos\'e and Ren\'e", [r"Jos\'e", r"Ren\'e"]),
    ],
)
def test_split_names(raw: str, expected: list[str]) -> None:
    assert split_names(raw) == expected


# --------------------------------------------------------------------------------------
# parse_name
# --------------------------------------------------------------------------------------

NAMES = [
    # First von Last
    ("Jean de La Fontaine", Person(family="La Fontaine", given="Jean", particle="de")),
    ("Ludwig van Beethoven", Person(family="Beethoven", given="Ludwig", particle="van")),
    ("Jean-Paul Sartre", Person(family="Sartre", given="Jean-Paul")),
    ("Alfred Adler", Person(family="Adler", given="Alfred")),
    ("Plato", Person(family="Plato")),
    (
        r"Charles Louis Xavier Joseph de la Vall{\'e}e Poussin",
        Person(family="Vallée Poussin", given="Charles Louis Xavier Joseph", particle="de la"),
    ),
    # A braced group is one word and, not starting with a backslash, never von.
    (
        "Jean Charles Gabriel {de la} Vallée Poussin",
        Person(family="Poussin", given="Jean Charles Gabriel de la Vallée"),
    ),
    ("{John Henry} Ford", Person(family="Ford", given="John Henry")),
    ("Jean~de~La~Fontaine", Person(family="La Fontaine", given="Jean", particle="de")),
    ("jean de la fontaine", Person(family="fontaine", particle="jean de la")),
    # von Last, First
    ("de La Fontaine, Jean", Person(family="La Fontaine", given="Jean", particle="de")),
    ("van der Meer, J.", Person(family="Meer", given="J.", particle="van der")),
    ("Brinch Hansen, Per", Person(family="Brinch Hansen", given="Per")),
    (r"Schr{\"o}dinger, Erwin", Person(family="Schrödinger", given="Erwin")),
    (r"{\"O}zt{\"u}rk, Ali", Person(family="Öztürk", given="Ali")),
    (r"D{\"u}rst, M.", Person(family="Dürst", given="M.")),
    ("Other, A.~N.", Person(family="Other", given="A. N.")),
    ("al-Ṣāliḥ, ʿAbdallāh", Person(family="al-Ṣāliḥ", given="ʿAbdallāh")),
    # BibTeX: von runs to the last lowercase word before Last, even from a capital.
    ("Van de Graaff, R. J.", Person(family="Graaff", given="R. J.", particle="Van de")),
    # von Last, Jr, First
    ("Ford, Jr., Henry", Person(family="Ford", given="Henry", suffix="Jr.")),
    ("Jolly, III, James", Person(family="Jolly", given="James", suffix="III")),
    (
        "van Kluster, Jr., Kevin",
        Person(family="Kluster", given="Kevin", particle="van", suffix="Jr."),
    ),
    ("Pimentel, Jr. ,Joseph J.", Person(family="Pimentel", given="Joseph J.", suffix="Jr.")),
    # Too many commas: the extra parts stay with the given names.
    ("Smith, Jr., Bill, Lee", Person(family="Smith", given="Bill, Lee", suffix="Jr.")),
    ("Smith, John,", Person(family="Smith", given="John")),
    ("Smith,", Person(family="Smith")),
    (", John", Person(family="John")),
    # Special characters decide von-ness by the letter they print.
    (r"{\"u}ber Alles", Person(family="Alles", particle="über")),
    (r"{\v S}omeone Smith", Person(family="Smith", given="Šomeone")),
    (r"Someone {\v S}mith", Person(family="Šmith", given="Someone")),
    (r"Ulrich \v{S}mith", Person(family="Šmith", given="Ulrich")),
    (r"{\relax Ch}ristopher Smith", Person(family="Smith", given="Christopher")),
    (r"{\O}ie, Gunvor", Person(family="Øie", given="Gunvor")),
    ("E. S. El-{M}allah", Person(family="El-Mallah", given="E. S.")),
    # Literal names: one brace group as a whole.
    ("{Barnes and Noble}", Person(literal="Barnes and Noble")),
    ("{World Health Organization}", Person(literal="World Health Organization")),
    ("{new economics foundation}", Person(literal="new economics foundation")),
    ("{{new economics foundation}}", Person(literal="new economics foundation")),
    ("{Robert and Sons, Inc.}", Person(literal="Robert and Sons, Inc.")),
    (r"{Schr{\"o}dinger Institute}", Person(literal="Schrödinger Institute")),
    # biblatex's extended name format, in any order, values optionally braced.
    (
        "family=Ackooij, given=W., prefix=van, useprefix=true",
        Person(family="Ackooij", given="W.", particle="van"),
    ),
    (
        "given={Rafael Ferreira}, prefix=da, family=Silva",
        Person(family="Silva", given="Rafael Ferreira", particle="da"),
    ),
    ("family={Smith, Jones}, suffix=Jr.", Person(family="Smith, Jones", suffix="Jr.")),
    ("id=testid, given=Alfred, family=Adler", Person(family="Adler", given="Alfred")),
    (r"family=M{\"u}ller, given=J.", Person(family="Müller", given="J.")),
    # others
    ("others", Person(literal="others")),
    ("Others", Person(literal="others")),
    # Blank
    ("", Person()),
    ("   ", Person()),
    ("{}", Person()),
]


@pytest.mark.parametrize(("raw", "expected"), NAMES)
def test_parse_name(raw: str, expected: Person) -> None:
    assert parse_name(raw) == expected


def test_decoding_happens_after_splitting() -> None:
    people, dropped = parse_names(r"{Barnes and Noble} and Schr{\"o}dinger, Erwin")
    assert people == [
        Person(literal="Barnes and Noble"),
        Person(family="Schrödinger", given="Erwin"),
    ]
    assert dropped == 0


def test_whole_field_in_double_braces_is_one_organisation() -> None:
    # author = {{new economics foundation}}: the value handed over is the inner group.
    assert parse_names("{new economics foundation}") == (
        [Person(literal="new economics foundation")],
        0,
    )


def test_trailing_and_is_counted_as_dropped() -> None:
    people, dropped = parse_names("Smith, John and")
    assert people == [Person(family="Smith", given="John")]
    assert dropped == 1


def test_empty_pieces_are_counted() -> None:
    people, dropped = parse_names("and A. Author and and {} and B. Writer and")
    assert [person.family for person in people] == ["Author", "Writer"]
    assert dropped == 4


def test_others_in_a_list() -> None:
    people, _ = parse_names("Reitan, KIR and others")
    assert people == [Person(family="Reitan", given="KIR"), Person(literal="others")]


def test_blank_field() -> None:
    assert parse_names("") == ([], 0)


def test_display_forms_of_parsed_names() -> None:
    person = parse_name("van der Meer, Jan")
    assert person.display_name == "Jan van der Meer"
    assert person.sort_name == "Meer, Jan van der"
    assert parse_name("Ford, Jr., Henry").display_name == "Henry Ford, Jr."


# --------------------------------------------------------------------------------------
# Real names from the shared corpus, read in place
# --------------------------------------------------------------------------------------


def test_every_jabref_author_field_parses() -> None:
    entries = corpus_fields("jabref_authors.bib")
    fields = [
        value for fields in entries.values() for key, value in fields.items() if key == "author"
    ]
    assert len(fields) > 150
    for raw in fields:
        people, dropped = parse_names(raw)
        assert people, raw
        assert dropped == 0, raw
        assert all(person.family or person.literal for person in people), raw
        for person in people:
            for part in (person.family, person.given, person.particle, person.literal):
                assert "\\" not in part and "{" not in part and "}" not in part, raw


def _jabref_people() -> set[Person]:
    entries = corpus_fields("jabref_authors.bib")
    return {
        person
        for fields in entries.values()
        for key, value in fields.items()
        if key in ("author", "editor")
        for person in parse_names(value)[0]
    }


@pytest.mark.parametrize(
    "expected",
    [
        Person(family="Johansson", given="Håkan"),
        Person(family="Grajal", given="Jesús"),
        Person(family="Lenhard", given="Jörg"),
        Person(family="Breitenbücher", given="Uwe"),
        Person(family="Preißinger", given="Christian R"),
        Person(family="Øie", given="Gunvor"),
        Person(family="Storøy", given="Werner"),
        Person(family="Båtnes", given="Anna S"),
        Person(family="Wenckstern", given="Holger", particle="von"),
        Person(family="Lessen", given="Tammo", particle="van"),
        Person(family="Kirk", given="JTO"),
        Person(family="Képes", given="Kálmán"),
        Person(literal="others"),
    ],
)
def test_specific_jabref_names(expected: Person) -> None:
    assert expected in _jabref_people()


BIBER_NAMES = [
    ("L1", Person(family="Adler", given="Alfred")),
    ("L1id", Person(family="Adler", given="Alfred")),
    ("L2", Person(family="Bull", given="Bertie B.")),
    ("L3", Person(family="Crop", given="C. Z.")),
    ("L5", Person(family="Eel", given="Egbert", particle="von")),
    ("L6", Person(family="Frome", given="Francis", particle="van der valt")),
    ("L7", Person(family="Gloom", given="Gregory R.", particle="van")),
    ("L9", Person(family="Iliad Ipswich", given="Ian")),
    ("L10", Person(family="Jolly", given="James", suffix="III")),
    ("L10a", Person(family="Pimentel", given="Joseph J.", suffix="Jr.")),
    ("L11", Person(family="Kluster", given="Kevin", particle="van", suffix="Jr.")),
    (
        "L12",
        Person(family="Vallée Poussin", given="Charles Louis Xavier Joseph", particle="de la"),
    ),
    ("L13", Person(family="Graaff", given="R. J.", particle="Van de")),
    ("L14", Person(family="St John-Mollusc", given="Oliver")),
    ("L15", Person(family="Gompel", given="Roger P. G.", particle="van")),
    ("L16", Person(family="Gompel", given="Roger P. G.", particle="van")),
    ("L17", Person(family="Lovecraft", given="Bill H. P.")),
    ("L18", Person(family="Lovecraft", given="Bill H. P.")),
    ("L19", Person(family="Mustermann", given="Klaus-Peter")),
    ("L19a", Person(family="Lam", given="Ho-Pun")),
    ("L20", Person(family="Ford", given="John Henry")),
    ("L21", Person(family="Smith", given="Šomeone")),
    ("L22", Person(family="Šmith", given="Someone")),
    ("L23", Person(family="Smith", given="Šomeone")),
    ("L24", Person(family="Šmith", given="Someone")),
    (
        "L25",
        Person(
            literal="American Psychological Association, Task Force on the Sexualization of Girls"
        ),
    ),
    ("L26", Person(literal="Sci-Art Publishers")),
    ("L30", Person(family="El-Mallah", given="E. S.")),
    ("L31", Person(family="Z\u0303elly", given="Arthur")),
]


@pytest.mark.parametrize(("key", "expected"), BIBER_NAMES)
def test_biber_names(key: str, expected: Person) -> None:
    raw = corpus_fields("biber_names.bib")[key]["author"]
    assert parse_names(raw) == ([expected], 0)


def test_biber_names_all_spellings_of_a_tilde_accent_agree() -> None:
    fields = corpus_fields("biber_names.bib")["L31"]
    parsed = {role: parse_names(fields[role])[0] for role in ("author", "editor", "translator")}
    assert parsed["author"] == parsed["editor"] == parsed["translator"]


def test_biber_long_organisation_with_commas_and_and() -> None:
    raw = corpus_fields("biber_names.bib")["L29"]["author"]
    people, _ = parse_names(raw)
    assert len(people) == 1
    assert people[0].literal.startswith("U.S. Department of Health and Human Services, ")
    assert people[0].literal.endswith("National Heart, Lung and Blood Institute")


def test_biber_two_people_same_family() -> None:
    raw = corpus_fields("biber_names.bib")["upa4"]["author"]
    assert parse_names(raw) == (
        [Person(family="Deutsch", given="J. A."), Person(family="Deutsch", given="Diana")],
        0,
    )


def test_bbt_literal_organisations() -> None:
    raw = corpus_fields("bbt_literal_names.bib")["sasson_increasing_2013"]["author"]
    people, dropped = parse_names(raw)
    assert dropped == 0
    assert len(people) == 20
    assert people[0] == Person(family="Sasson", given="Comilla")
    assert people[2] == Person(family="Abella", given="Benjamin S")
    assert [person.literal for person in people[15:]] == [
        "American Heart Association Council on Quality of Care and Outcomes Research",
        "Emergency Cardiovascular Care Committee",
        "Council on Cardiopulmonary, Critical Care, Perioperative and Resuscitation",
        "Council on Clinical Cardiology",
        "Council on Cardiovascular Surgery and Anesthesia",
    ]
    assert all(not person.literal for person in people[:15])


@pytest.mark.parametrize(
    ("key", "index", "expected"),
    [
        (
            "vanackooij_dec_2018_LargescaleUnitCommitment",
            0,
            Person(family="Ackooij", given="W.", particle="van"),
        ),
        (
            "vanackooij_dec_2018_LargescaleUnitCommitment",
            1,
            Person(family="Danti Lopez", given="I."),
        ),
        (
            "godoy_sep_2023_JuliaUnifyingEndtoend",
            5,
            Person(family="Silva", given="Rafael Ferreira", particle="da"),
        ),
        (
            "godoy_sep_2023_JuliaUnifyingEndtoend",
            1,
            Person(family="Valero-Lara", given="Pedro"),
        ),
        (
            "persson_feb_2022_OutsideSafeOperating",
            4,
            Person(family="Wit", given="Cynthia A.", particle="de"),
        ),
        (
            "persson_feb_2022_OutsideSafeOperating",
            10,
            Person(family="Søgaard Jørgensen", given="Peter"),
        ),
        (
            "persson_feb_2022_OutsideSafeOperating",
            11,
            Person(family="Villarrubia-Gómez", given="Patricia"),
        ),
    ],
)
def test_extended_name_format_corpus(key: str, index: int, expected: Person) -> None:
    raw = corpus_fields("biblatexrs_extended_name_format.bib")[key]["author"]
    assert parse_names(raw)[0][index] == expected


def test_extended_name_format_corpus_counts() -> None:
    entries = corpus_fields("biblatexrs_extended_name_format.bib")
    counts = {key: len(parse_names(fields["author"])[0]) for key, fields in entries.items()}
    assert counts == {
        "vanackooij_dec_2018_LargescaleUnitCommitment": 5,
        "godoy_sep_2023_JuliaUnifyingEndtoend": 7,
        "persson_feb_2022_OutsideSafeOperating": 14,
    }


# --------------------------------------------------------------------------------------
# Never raise
# --------------------------------------------------------------------------------------

NAME_SOUP = st.sampled_from(
    [
        " and ",
        "and",
        " ",
        ",",
        "{",
        "}",
        "\\",
        '\\"',
        "\\'",
        "\\v",
        "~",
        "-",
        "=",
        "family=",
        "given=",
        "prefix",
        "others",
        "van",
        "de",
        "Smith",
        "J.",
        "Jr.",
        "ö",
        "{\\relax ",
        "$",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_parse_names_never_raises_on_any_text(raw: str) -> None:
    people, dropped = parse_names(raw)
    assert len(people) + dropped == len(split_names(raw))
    assert all(person != Person() for person in people)


@settings(max_examples=400, deadline=None)
@given(st.lists(NAME_SOUP, max_size=30).map("".join))
def test_parse_names_never_raises_on_name_soup(raw: str) -> None:
    people, dropped = parse_names(raw)
    assert len(people) + dropped == len(split_names(raw))
    for person in people:
        assert isinstance(person, Person)
        if "\\" not in raw:
            for part in (person.family, person.given, person.particle, person.suffix):
                assert "{" not in part and "}" not in part

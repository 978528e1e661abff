"""`Item`: one entry normalised, the record every style, exporter and view reads.

BibTeX and biblatex say the same thing in many ways: a thesis's university is `school`
or `institution`; a film's director is `director` or `editor` with `editortype =
{director}`; a date is `year` + `month` or `date`; a web address may hide in
`howpublished = {\\url{…}}`. `to_item` is the one place that knows all of them (the
field names and their aliases live in this module and in the loader, nowhere else) and
gives a CSL-shaped record: creators by role, titles with their case protection, one
`Date` type, container and collection, publisher with its fallbacks, language, links.

Adding a field alias or an entry type is a change to a table here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

from . import latex, summary
from .model import Entry, Person
from .summary import MONTH_NAMES

__all__ = [
    "Date",
    "Item",
    "People",
    "Segments",
    "item_type",
    "language_tag",
    "parse_date",
    "to_item",
]

People = tuple[Person, ...]
#: Text as case-protection segments: (text, True) never changes case (`{NHS}` in BibTeX).
Segments = tuple[tuple[str, bool], ...]

SEASON_NAMES = ("Spring", "Summer", "Autumn", "Winter")


# --------------------------------------------------------------------------------------
# Dates


@dataclass(frozen=True, slots=True)
class Date:
    """A date as far as it is known.

    `month` is 1–12 or 0, `day` 1–31 or 0, `season` 1–4 (spring … winter, biblatex's
    months 21–24) or 0. A range keeps its end in `end` (an open range, `2010/`, has
    none). A date that cannot be read keeps its text in `literal`.
    """

    year: int
    month: int = 0
    day: int = 0
    season: int = 0
    end: Date | None = None
    circa: bool = False
    uncertain: bool = False
    literal: str = ""

    def month_name(self) -> str:
        """`March`, or "" without a month."""
        return MONTH_NAMES[self.month - 1] if 1 <= self.month <= 12 else ""

    def season_name(self) -> str:
        return SEASON_NAMES[self.season - 1] if 1 <= self.season <= 4 else ""

    def month_day(self) -> str:
        """`March 5`, `September`, or "" without a month (CSL's month and day parts)."""
        month = self.month_name()
        return f"{month} {self.day}" if month and self.day else month

    @property
    def year_text(self) -> str:
        """`2019`, or a range of years `2019–2020`."""
        if self.end is not None and self.end.year and self.end.year != self.year:
            return f"{self.year}–{self.end.year}"
        return str(self.year)

    def parts(self) -> list[int]:
        """CSL `date-parts` of the start: [year, month?, day?] (a season as 21–24)."""
        if self.season:
            return [self.year, 20 + self.season]
        out = [self.year]
        if self.month:
            out.append(self.month)
            if self.day:
                out.append(self.day)
        return out

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or (self.season * 3 if self.season else 0), self.day)


_EDTF = re.compile(
    r"^\s*(-?\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?"  # year, month or season, day
    r"(?:T[\d:]+Z?)?\s*([~?%]?)\s*$"  # a time of day is dropped; ~ circa, ? uncertain
)


@lru_cache(maxsize=8192)
def parse_date(value: str) -> Date | None:
    """A biblatex/EDTF date: `2020-03-05`, `2020-03`, `2020-22` (summer), `2019~`,
    ranges `2010/2012`, `2010-03-01/2010-03-05`, `2010/` (open). Unreadable text that
    holds a four-digit year gives that year; anything else, None."""
    value = value.strip()
    if not value:
        return None
    if "/" in value:
        start_text, _, end_text = value.partition("/")
        start = _one_date(start_text) if start_text.strip() not in ("", "..") else None
        if start is None:
            return _year_only(value)
        end = _one_date(end_text)
        return _with(start, end) if end is not None and end != start else start
    return _one_date(value) or _year_only(value)


def _one_date(text: str) -> Date | None:
    match = _EDTF.match(text)
    if not match:
        return None
    year = int(match.group(1))
    middle = int(match.group(2) or 0)
    day = int(match.group(3) or 0)
    month, season = (middle, 0) if 1 <= middle <= 12 else (0, middle - 20)
    if not 1 <= season <= 4:
        season = 0
    if not month or not 1 <= day <= 31:
        day = 0
    mark = match.group(4)
    return Date(year, month, day, season, circa=mark in ("~", "%"), uncertain=mark in ("?", "%"))


_FOUR_DIGITS = summary.FOUR_DIGITS


def _year_only(text: str) -> Date | None:
    match = _FOUR_DIGITS.search(text)
    return Date(int(match.group(1)), literal=text) if match else None


def _with(date: Date, end: Date) -> Date:
    """`date` as the start of a range ending at `end`."""
    return Date(
        date.year,
        date.month,
        date.day,
        date.season,
        end=end,
        circa=date.circa,
        uncertain=date.uncertain,
    )


@lru_cache(maxsize=8192)
def _classic_date(year: str, month: str, day: str) -> Date | None:
    """The date of BibTeX's `year`, `month` and `day` fields (the loader has already
    turned month names and macros into numbers)."""
    if not year.strip():
        return None
    match = _FOUR_DIGITS.search(year)
    if not match:
        return None
    if "/" in year or "--" in year or "–" in year:  # `2010/2011`, `2010--2011`
        parsed = parse_date(re.sub(r"\s*(?:--|–)\s*", "/", year))
        if parsed is not None and not month:
            return parsed
    number = int(month) if month.isdecimal() else 0
    month_no = number if 1 <= number <= 12 else 0
    season = number - 20 if 21 <= number <= 24 else 0
    day_no = int(day) if day.isdecimal() and month_no and 1 <= int(day) <= 31 else 0
    end: Date | None = None
    range_match = re.fullmatch(r"\s*(\d{1,2})\s*(?:--?|–|/)\s*(\d{1,2})\s*", month)
    if range_match and not month_no:  # `month = jul # "--" # aug`
        first, last = (int(group) for group in range_match.groups())
        if 1 <= first <= 12 and 1 <= last <= 12:
            month_no = first
            end = Date(int(match.group(1)), last)
    return Date(int(match.group(1)), month_no, day_no, season, end=end)


# --------------------------------------------------------------------------------------
# Entry types


#: BibTeX/biblatex entry type -> CSL type (as pandoc's BibTeX reader maps them).
#: Anything not listed is a CSL `document`.
ENTRY_TYPES: Mapping[str, str] = {
    "article": "article-journal",
    "periodical": "periodical",
    "suppperiodical": "article-journal",
    "book": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "mvreference": "book",
    "manual": "book",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "incollection": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "report": "report",
    "techreport": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "bachelorsthesis": "thesis",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "webpage": "webpage",
    "video": "motion_picture",
    "movie": "motion_picture",
    "film": "motion_picture",
    "booklet": "pamphlet",
    "unpublished": "manuscript",
    "dataset": "dataset",
    "software": "software",
    "patent": "patent",
    "standard": "standard",
    "legislation": "legislation",
    "letter": "personal_communication",
    "audio": "song",
    "music": "song",
    "image": "graphic",
    "artwork": "graphic",
    "misc": "document",
}

#: Entry types that a user asking for one of them (`copro list --type thesis`) also means:
#: the BibTeX and biblatex names of one kind of work.
TYPE_ALIASES: Mapping[str, frozenset[str]] = {
    name: group
    for group in (
        frozenset({"report", "techreport"}),
        frozenset({"thesis", "phdthesis", "mastersthesis", "bachelorsthesis"}),
        frozenset({"online", "electronic", "www", "webpage"}),
        frozenset({"inproceedings", "conference"}),
        frozenset({"video", "movie", "film"}),
    )
    for name in group
}

#: biblatex `entrysubtype` of an article -> CSL type.
_ARTICLE_SUBTYPES = {"newspaper": "article-newspaper", "magazine": "article-magazine"}

#: Thesis genres from the entry type or a `type` field written as a key.
_THESIS_GENRES = {
    "phdthesis": "PhD thesis",
    "phd": "PhD thesis",
    "mathesis": "Master’s thesis",
    "mastersthesis": "Master’s thesis",
    "masterthesis": "Master’s thesis",
    "candthesis": "Candidate thesis",
    "bachelorsthesis": "Bachelor’s thesis",
}
#: Report genres biblatex writes as keys.
_REPORT_GENRES = {"techreport": "technical report", "resreport": "research report"}


def item_type(entry: Entry) -> str:
    """The CSL type of an entry."""
    kind = entry.type.lower()
    csl = ENTRY_TYPES.get(kind, "document")
    if csl == "article-journal":
        subtype = _ARTICLE_SUBTYPES.get(entry.get("entrysubtype").strip().lower())
        if subtype:
            return subtype
        if not (entry.get("journaltitle") or entry.get("journal")):
            return "article"
    if kind == "inbook" and not (entry.get("booktitle") or entry.get("maintitle")):
        # Classic BibTeX `@inbook`: the whole book in `title`, a chapter number in
        # `chapter`. It is cited as the book, the chapter and pages as locators.
        return "book"
    return csl


# --------------------------------------------------------------------------------------
# Creators

#: Name fields whose role does not depend on a `…type` field.
_NAME_ROLES = {
    "author": "author",
    "translator": "translator",
    "bookauthor": "container-author",
    "director": "director",
    "producer": "producer",
    "holder": "author",  # a patent's holder where no inventor is named
}

#: biblatex `editortype` values -> CSL roles (anything else is an editor).
_EDITOR_TYPES = {
    "director": "director",
    "compiler": "compiler",
    "organizer": "organizer",
    "organiser": "organizer",
    "translator": "translator",
    "producer": "producer",
    "illustrator": "illustrator",
    "collaborator": "editor",
    "editor": "editor",
}


def _creators(entry: Entry) -> dict[str, People]:
    roles: dict[str, list[Person]] = {}
    for name, role in _NAME_ROLES.items():
        people = entry.names.get(name)
        if people and not (name == "holder" and entry.names.get("author")):
            roles.setdefault(role, []).extend(people)
    for name in ("editor", "editora", "editorb", "editorc"):
        people = entry.names.get(name)
        if not people:
            continue
        kind = entry.get(f"{name}type").strip().lower()
        if not kind and name != "editor":
            continue  # biblatex prints untyped editora/b/c as "redactors": not editors
        role = _EDITOR_TYPES.get(kind, "editor")
        if role == "editor" and name != "editor" and roles.get("editor"):
            continue
        roles.setdefault(role, []).extend(people)
    return {role: tuple(people) for role, people in roles.items()}


# --------------------------------------------------------------------------------------
# The item


class Item(NamedTuple):
    """One entry, normalised and CSL-shaped. Empty values are "" / () / None.

    A named tuple rather than a frozen dataclass: immutable all the same, and built four
    times faster, which counts when every entry of a large library is normalised."""

    key: str
    type: str  # CSL type: article-journal, chapter, book, report, thesis, webpage, …
    entry_type: str  # the BibTeX/biblatex type as written, lower case
    creators: Mapping[str, People] = MappingProxyType({})
    title: Segments = ()  # title and subtitle joined `Title: Subtitle`
    main_title: Segments = ()  # the title without its subtitle
    short_title: Segments = ()
    container_title: Segments = ()  # journal, book of a chapter, proceedings
    collection_title: Segments = ()  # series
    collection_number: str = ""
    edition: str = ""
    volume: str = ""
    volumes: str = ""  # number of volumes
    volume_title: Segments = ()  # a volume's own title, where `title` is the whole work's
    issue: str = ""
    number: str = ""  # report or standard number
    chapter: str = ""
    pages: str = ""  # page range, or an e-locator
    article_number: str = ""  # an article's number where it has no pages (`eid`)
    pagetotal: str = ""  # the number of pages of a whole book
    publisher: tuple[str, ...] = ()
    place: str = ""
    genre: str = ""
    medium: str = ""
    language: str = ""  # `langid`/`language` as a BCP 47 tag where known: `en-GB`, `de-DE`
    issued: Date | None = None
    status: str = ""  # `forthcoming`, `in press`: a work not yet dated
    original: Date | None = None
    accessed: Date | None = None
    event_date: Date | None = None
    event_title: str = ""
    event_place: str = ""
    version: str = ""  # of software or a dataset
    url: str = ""
    doi: str = ""
    isbn: str = ""
    issn: str = ""
    eprint: str = ""
    eprint_type: str = ""
    note: str = ""
    annotation: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = ()

    # -- creators ------------------------------------------------------------------------

    def people(self, role: str) -> People:
        """The people in a CSL role (`author`, `editor`, `director`, …)."""
        return self.creators.get(role, ())

    def named(self, role: str) -> list[Person]:
        """The people in a role without BibTeX's `and others` marker (for data exports,
        where "others" is no name)."""
        return [person for person in self.people(role) if person.literal != "others"]

    @property
    def author(self) -> People:
        return self.creators.get("author", ())

    @property
    def editor(self) -> People:
        return self.creators.get("editor", ())

    # -- text ----------------------------------------------------------------------------

    @property
    def title_text(self) -> str:
        return text_of(self.title)

    @property
    def container_text(self) -> str:
        return text_of(self.container_title)

    @property
    def collection_text(self) -> str:
        return text_of(self.collection_title)

    @property
    def publisher_text(self) -> str:
        """Several publishers as one string, `A; B` (as CSL processors join them)."""
        return "; ".join(self.publisher)

    @property
    def is_english(self) -> bool:
        """True unless `langid`/`language` names another language: English titles get
        the style's case rules, others are printed as written."""
        return not self.language or self.language.lower().startswith("en")

    @property
    def proper_names(self) -> tuple[str, ...]:
        """Names the item's own metadata shows are proper nouns: publishers, places,
        organisation authors. A title that mentions them keeps their capitals."""
        literal = tuple(person.literal for person in self.author if person.literal)
        places = tuple(place for place in (self.place, self.event_place) if place)
        return (*self.publisher, *places, *literal)

    @property
    def year_text(self) -> str:
        """`2019`, `2019–2020`, or the publication state (`forthcoming`) of an undated
        work; "" when there is neither."""
        return self.issued.year_text if self.issued else self.status

    @property
    def original_year(self) -> str:
        """The year a reprint first came out (`origdate`), where it differs from the year
        of the edition cited; "" otherwise."""
        original, issued = self.original, self.issued
        if original and issued and original.year != issued.year:
            return str(original.year)
        return ""

    @property
    def link(self) -> str:
        """The best web address: the DOI as a URL, else the URL."""
        return doi_url(self.doi) if self.doi else self.url


#: babel/polyglossia language names (biblatex `langid`) -> BCP 47 tags, as CSL wants them.
LANGUAGE_TAGS: Mapping[str, str] = {
    "english": "en-US",
    "american": "en-US",
    "usenglish": "en-US",
    "british": "en-GB",
    "ukenglish": "en-GB",
    "australian": "en-AU",
    "canadian": "en-CA",
    "newzealand": "en-NZ",
    "german": "de-DE",
    "ngerman": "de-DE",
    "austrian": "de-AT",
    "naustrian": "de-AT",
    "swissgerman": "de-CH",
    "nswissgerman": "de-CH",
    "french": "fr-FR",
    "francais": "fr-FR",
    "spanish": "es-ES",
    "catalan": "ca-AD",
    "italian": "it-IT",
    "dutch": "nl-NL",
    "portuguese": "pt-PT",
    "portuges": "pt-PT",
    "brazil": "pt-BR",
    "brazilian": "pt-BR",
    "danish": "da-DK",
    "swedish": "sv-SE",
    "norsk": "nb-NO",
    "norwegian": "nb-NO",
    "nynorsk": "nn-NO",
    "finnish": "fi-FI",
    "icelandic": "is-IS",
    "polish": "pl-PL",
    "czech": "cs-CZ",
    "slovak": "sk-SK",
    "slovene": "sl-SI",
    "croatian": "hr-HR",
    "serbian": "sr-RS",
    "hungarian": "hu-HU",
    "magyar": "hu-HU",
    "romanian": "ro-RO",
    "bulgarian": "bg-BG",
    "russian": "ru-RU",
    "ukrainian": "uk-UA",
    "greek": "el-GR",
    "turkish": "tr-TR",
    "latin": "la",
    "hebrew": "he-IL",
    "arabic": "ar",
    "chinese": "zh-CN",
    "japanese": "ja-JP",
    "korean": "ko-KR",
    "welsh": "cy-GB",
    "irish": "ga-IE",
    "scottish": "gd-GB",
    "estonian": "et-EE",
    "latvian": "lv-LV",
    "lithuanian": "lt-LT",
}


def language_tag(value: str) -> str:
    """`ngerman` -> `de-DE`; a tag (`en-GB`, `de`) or an unknown name is kept as written."""
    key = value.strip().lower()
    return LANGUAGE_TAGS.get(key.replace(" ", ""), value.strip())


#: Web addresses of eprints by archive (biblatex `eprinttype`), as pandoc builds them.
EPRINT_URLS: Mapping[str, str] = {
    "arxiv": "https://arxiv.org/abs/{}",
    "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/{}",
    "jstor": "https://www.jstor.org/stable/{}",
    "hdl": "https://hdl.handle.net/{}",
    "googlebooks": "https://books.google.com?id={}",
}

#: A resolver's address before a DOI: doi.org, dx.doi.org, and the publishers' own
#: (`http://doi.acm.org/`, `doi.ieeecomputersociety.org`), or `doi:`.
_DOI_PREFIX = re.compile(r"^(?:https?://[^/\s]*\bdoi\b[^/\s]*/|doi:\s*)", re.I)


def doi_url(doi: str) -> str:
    """A DOI as `https://doi.org/...`, whatever prefix it was written with."""
    return f"https://doi.org/{bare_doi(doi)}"


def bare_doi(doi: str) -> str:
    """`10.1111/x` whatever prefix (`https://doi.org/`, `doi:`) the field was written with."""
    return _DOI_PREFIX.sub("", doi.strip())


def text_of(segments: Iterable[tuple[str, bool]]) -> str:
    return "".join(text for text, _ in segments)


# --------------------------------------------------------------------------------------
# The normaliser


def segments(entry: Entry, name: str) -> Segments:
    """A field as case-protection segments, from the raw value when there is one."""
    raw = entry.raw.get(name)
    if raw is not None:
        return _decoded_segments(raw)
    value = entry.get(name)
    return ((value, False),) if value else ()


#: Entries of the caches of decoded values: journal titles, publishers and places recur
#: across a library, and every style normalises every entry.
CACHE_SIZE = 1 << 16


@lru_cache(maxsize=CACHE_SIZE)
def _decoded_segments(raw: str) -> Segments:
    return tuple(latex.decode_protected(raw))


def _joined(title: Segments, subtitle: Segments, separator: str = ": ") -> Segments:
    """`Title: Subtitle` (no colon after a title ending in `?` or `!`)."""
    if title and subtitle:
        if title[-1][0].rstrip()[-1:] in ("?", "!", ":", "."):
            separator = " "
        return (*title, (separator, False), *subtitle)
    return title or subtitle


def _first(entry: Entry, *names: str) -> str:
    for name in names:
        value = entry.get(name)
        if value:
            return value
    return ""


def _first_segments(entry: Entry, *names: str) -> Segments:
    for name in names:
        if entry.get(name):
            return segments(entry, name)
    return ()


def split_list(entry: Entry, name: str) -> tuple[str, ...]:
    """A publisher-like list field split on top-level `and` (braces keep it whole):
    `{new economics foundation and NESTA}` gives two; `{{A and B}}` one."""
    raw = entry.raw.get(name)
    if raw is None:
        value = entry.get(name)
        return (value,) if value else ()
    return _split_raw_list(raw)


@lru_cache(maxsize=CACHE_SIZE)
def _split_raw_list(raw: str) -> tuple[str, ...]:
    parts: list[str] = []
    depth, start = 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", raw):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            parts.append(raw[start : match.start()])
            start = match.end()
    parts.append(raw[start:])
    return tuple(text for text in (latex.decode(part) for part in parts) if text)


_URL_IN_TEXT = re.compile(r"^\s*(https?://\S+)\s*$")


def _url_in(value: str) -> str:
    """The URL of a `howpublished` that is only a web address (`\\url{…}` decoded)."""
    match = _URL_IN_TEXT.match(value)
    return match.group(1) if match else ""


def _genre(entry: Entry, csl_type: str) -> str:
    written = entry.get("type")
    key = written.lower().replace(" ", "")
    if csl_type == "thesis":
        return _THESIS_GENRES.get(key) or written or _THESIS_GENRES.get(entry.type.lower(), "")
    if csl_type == "report":
        return _REPORT_GENRES.get(key, written)
    return written


def _publisher(entry: Entry, csl_type: str) -> tuple[str, ...]:
    """`publisher`, else the institution/school (reports, theses), else `organization`;
    a `howpublished` that is not a URL publishes a `misc`/`booklet`."""
    for name in ("publisher", "institution", "school", "organization"):
        names = split_list(entry, name)
        if names:
            return tuple(typographic(each) for each in names)
    howpublished = entry.get("howpublished")
    if howpublished and not _url_in(howpublished) and csl_type in ("document", "pamphlet"):
        return (typographic(howpublished),)
    return ()


def _issued(entry: Entry) -> Date | None:
    date = entry.get("date")
    if date:
        return parse_date(date)
    return _classic_date(entry.get("year"), entry.get("month"), entry.get("day"))


def _number_fields(entry: Entry, csl_type: str) -> tuple[str, str, str]:
    """(issue, number, collection number): biblatex `number` is an article's issue, a
    report's number, and otherwise the number within a series."""
    number = entry.get("number")
    issue = entry.get("issue")
    if csl_type.startswith("article") or csl_type == "periodical":
        if number and issue:
            return f"{number}, {issue}", "", ""
        return number or issue, "", ""
    if csl_type in ("report", "standard", "patent", "legislation", "dataset", "software"):
        return issue, number, ""
    if number and entry.get("series"):
        return issue, "", number
    return issue, number, ""


#: Publication states biblatex writes as keys (`pubstate`), and a `year` that is one.
_STATUSES = {
    "forthcoming": "forthcoming",
    "inpress": "in press",
    "in press": "in press",
    "submitted": "submitted",
    "inpreparation": "in preparation",
    "prepublished": "prepublished",
}


def _status(entry: Entry) -> str:
    """`forthcoming`, `in press` from `pubstate`, or from a `year` that says so."""
    for name in ("pubstate", "year", "date"):
        value = entry.fields.get(name, "").strip().lower()
        if value in _STATUSES:
            return _STATUSES[value]
    return ""


def typographic(text: str) -> str:
    """Straight apostrophes as typographic ones: `Carer's`, `tenants' associations`,
    and years cut short (`'90s`, `SESS '06`) -> `’`. A quotation mark opening a word is
    left alone."""
    return _APOSTROPHE.sub("’", text) if "'" in text else text


_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\d\d(?!\d))")


def _places(entry: Entry) -> str:
    """`London; New York`: biblatex `location` is a list (`London and New York`)."""
    places = split_list(entry, "location") or split_list(entry, "address")
    return typographic("; ".join(places))


#: Item attributes copied as written from one field each.
COPIED_FIELDS: Mapping[str, str] = {
    "edition": "edition",
    "volume": "volume",
    "volumes": "volumes",
    "chapter": "chapter",
    "pagetotal": "pagetotal",
    "event_title": "eventtitle",
    "event_place": "venue",
    "version": "version",
    "doi": "doi",
    "isbn": "isbn",
    "issn": "issn",
    "abstract": "abstract",
}
#: Item dates other than the issued date, each read from one biblatex date field.
DATE_FIELDS: Mapping[str, str] = {
    "original": "origdate",
    "accessed": "urldate",
    "event_date": "eventdate",
}


def to_item(entry: Entry) -> Item:
    """Normalise one entry (see the module docstring)."""
    get = entry.fields.get  # a local: dozens of look-ups per entry, every entry normalised
    csl_type = item_type(entry)
    kind = entry.type.lower()
    title = segments(entry, "title")
    subtitle = segments(entry, "subtitle")
    full_title = _joined(title, subtitle)
    if get("titleaddon", ""):
        full_title = _joined(full_title, segments(entry, "titleaddon"), ". ")
    classic_inbook = kind == "inbook" and csl_type == "book"
    volume_title: Segments = ()
    if csl_type == "book" and get("maintitle", "") and not classic_inbook:
        # One volume of a multi-volume work: the whole work is the title, the volume's
        # own title is the volume title (as CSL has it: `volume-title`).
        volume_title = full_title
        full_title = _joined(segments(entry, "maintitle"), segments(entry, "mainsubtitle"))
        title = segments(entry, "maintitle")
        subtitle = ()
    if csl_type.startswith("article") or csl_type == "periodical":
        container = _joined(
            _first_segments(entry, "journaltitle", "journal"), segments(entry, "journalsubtitle")
        )
    elif classic_inbook or volume_title:
        container = ()
    else:
        container = _joined(
            _first_segments(entry, "booktitle", "maintitle"), segments(entry, "booksubtitle")
        )
    if csl_type == "periodical" and not container:
        container = full_title
    eprint = get("eprint", "")
    eprint_type = (get("eprinttype", "") or get("archiveprefix", "")).strip().lower()
    url = get("url", "") or _url_in(get("howpublished", ""))
    if not url and eprint and eprint_type in EPRINT_URLS:
        url = EPRINT_URLS[eprint_type].format(eprint.strip())
    issue, number, collection_number = _number_fields(entry, csl_type)
    language = language_tag(_first(entry, "langid", "language"))
    # Typed as Any: mypy cannot check `**` arguments against the fields they fill.
    copied: dict[str, Any] = {name: get(field, "") for name, field in COPIED_FIELDS.items()}
    dates: dict[str, Any] = {
        name: parse_date(get(field, "")) for name, field in DATE_FIELDS.items()
    }
    return Item(
        **copied,
        **dates,
        key=entry.key,
        type=csl_type,
        entry_type=kind,
        creators=_creators(entry),
        title=full_title,
        main_title=title or subtitle,
        short_title=segments(entry, "shorttitle"),
        container_title=container,
        collection_title=segments(entry, "series") if get("series", "") else (),
        collection_number=collection_number,
        issue=issue,
        number=number,
        volume_title=volume_title,
        pages=get("pages", "") or ("" if csl_type.startswith("article") else get("eid", "")),
        article_number=get("eid", "") if csl_type.startswith("article") else "",
        publisher=_publisher(entry, csl_type),
        place=_places(entry),
        genre=typographic(_genre(entry, csl_type)),
        medium=get("howpublished", "") if csl_type == "motion_picture" else "",
        language=language,
        issued=_issued(entry),
        status=_status(entry),
        url=url,
        eprint=eprint,
        eprint_type=eprint_type,
        note=typographic(get("note", "")),
        annotation=summary.annotation(entry.fields),
        keywords=summary.keywords(entry.fields),
    )

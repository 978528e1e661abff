"""Name lists, written once for every style: initials, particles, suffixes, et al.

`NameFormat` mirrors the attributes of a CSL `<name>` element, so that each style states
its rule as data (`NameFormat(and_word="&", sort_order="all", et_al_min=21, ...)`) and
`format_names` does the work. Organisations (`Person.literal`) are always kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from ..folding import sort_fold
from ..model import Person

__all__ = [
    "NameFormat",
    "format_name",
    "format_names",
    "initials",
    "name_sort_key",
    "names_sort_key",
]

SortOrder = Literal["none", "first", "all"]
Precedes = Literal["contextual", "always", "never", "after-inverted-name"]

_PARTS = re.compile(r"([ \-\u2010\u00a0]+)")
_PARENTHESISED = re.compile(r"\([^()]*\)")


@dataclass(frozen=True, slots=True)
class NameFormat:
    """How one style prints a list of names (the CSL `<name>` attributes).

    `initialize_with=None` keeps given names whole; `". "` gives `J. P.` and `J.-P.`.
    `sort_order` inverts none, the first, or all names (`Boyle, D.`). `demote_particle`
    prints `Meer, J. van der` instead of `van der Meer, J.` in inverted names.
    """

    form: Literal["long", "short"] = "long"
    initialize_with: str | None = ". "
    sort_order: SortOrder = "none"
    delimiter: str = ", "
    and_word: str = ""
    delimiter_precedes_last: Precedes = "contextual"
    delimiter_precedes_et_al: Precedes = "contextual"
    et_al_min: int = 0
    et_al_use_first: int = 0
    et_al_use_last: bool = False
    et_al_term: str = "et al."
    et_al_italic: bool = False
    sort_separator: str = ", "
    demote_particle: bool = False

    def expanded(self, use_first: int) -> NameFormat:
        """The same format showing at least `use_first` names before et al."""
        return replace(self, et_al_use_first=max(use_first, self.et_al_use_first))


#: Entries of the per-person and per-author-list caches: enough that a library of a few
#: hundred thousand entries is formatted without evicting what it will ask for again.
CACHE_SIZE = 1 << 18


@lru_cache(maxsize=CACHE_SIZE)
def initials(given: str, initialize_with: str = ". ") -> str:
    """`Jean-Pierre` -> `J.-P.`, `John Paul` -> `J. P.`, `J.P.` -> `J. P.`."""
    # Cached: given names recur across a library and every reference prints them.
    # A nickname or alternative form in parentheses (`Din (Ding Geng)`) gives no initials.
    given = _PARENTHESISED.sub(" ", given).strip() if "(" in given else given.strip()
    if not given:
        return ""
    out: list[str] = []
    # Split into name parts keeping the separators (space or hyphen).
    words = [w for w in _PARTS.split(given.replace(".", ". ").strip()) if w]
    pending_sep = ""
    for word in words:
        if _PARTS.fullmatch(word):
            pending_sep = "-" if "-" in word or "\u2010" in word else " "
            continue
        letter = word.rstrip(".")
        if not letter:
            continue
        if word.endswith(".") and len(letter) > 1 and letter.isalpha() and letter[0].isupper():
            # Already abbreviated (`Ch.`, `Th.`, `Wm.`): kept as written, as CSL does.
            piece = letter + initialize_with.rstrip()
            if out:
                sep = initialize_with[len(initialize_with.rstrip()) :]
                out.append("-" if pending_sep == "-" else sep)
            out.append(piece)
            pending_sep = ""
            continue
        if letter[0].islower() and pending_sep != "-":
            # a lower-case word in a given name (rare, a particle) is kept as written;
            # after a hyphen it is part of the name: `Ha-eun` -> `H.-E.`
            piece = word
        else:
            piece = letter[0].upper() + initialize_with.rstrip()
        if out:
            if pending_sep == "-":
                out[-1] = out[-1].rstrip()
                out.append("-")
            else:
                sep = initialize_with[len(initialize_with.rstrip()) :]
                out.append(sep if sep else "")
        out.append(piece)
        pending_sep = ""
    return "".join(out).strip()


def _given(person: Person, fmt: NameFormat) -> str:
    if fmt.initialize_with is None:
        # Whole given names as written, but initials spaced alike: `P.C.` -> `P. C.`
        if _INITIALS_ONLY.fullmatch(person.given):
            return initials(person.given, ". ")
        return person.given
    return initials(person.given, fmt.initialize_with)


_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.[ -]?)+")


def format_name(person: Person, fmt: NameFormat, *, inverted: bool) -> str:
    """One name in the style's form: `Boyle, D.`, `David Boyle`, `Boyle` (short)."""
    return _format_name(person, fmt, inverted=inverted).replace("'", "’")


def _format_name(person: Person, fmt: NameFormat, *, inverted: bool) -> str:
    if person.literal:
        return person.literal
    if fmt.form == "short":
        return person.surname or person.given
    given = _given(person, fmt)
    if not inverted:
        name = " ".join(part for part in (given, person.particle, person.family) if part)
        return f"{name} {person.suffix}" if person.suffix else name
    if fmt.demote_particle and person.particle:
        first = person.family
        rest = " ".join(part for part in (given, person.particle) if part)
    else:
        first = person.surname
        rest = given
    if not first:
        return rest
    parts = [first]
    if rest:
        parts.append(rest)
    if person.suffix:
        parts.append(person.suffix)
    return fmt.sort_separator.join(parts)


def _precedes(rule: Precedes, shown: int, last_inverted: bool, minimum: int = 3) -> bool:
    if rule == "always":
        return True
    if rule == "never":
        return False
    if rule == "after-inverted-name":
        return last_inverted
    return shown >= minimum


def format_names(people: Sequence[Person], fmt: NameFormat) -> str:
    """A list of names with the style's delimiters, `and`, and et-al rule.

    APA: `Boyle, D., & Harris, M.`; 21 or more names: the first 19, `…`, the last.
    """
    return _format_names(tuple(people), fmt)


@lru_cache(maxsize=CACHE_SIZE)
def _format_names(people: tuple[Person, ...], fmt: NameFormat) -> str:
    # Cached: an author list recurs across a library (and in each entry's citations).
    count = len(people)
    if not count:
        return ""
    shown = list(people)
    et_al = False
    use_last = False
    if fmt.et_al_min and count >= fmt.et_al_min and fmt.et_al_use_first < count:
        shown = list(people[: max(fmt.et_al_use_first, 1)])
        if fmt.et_al_use_last and count > fmt.et_al_use_first + 1:
            use_last = True
        else:
            et_al = True

    def inverted(index: int) -> bool:
        return fmt.sort_order == "all" or (fmt.sort_order == "first" and index == 0)

    rendered = [format_name(person, fmt, inverted=inverted(i)) for i, person in enumerate(shown)]
    if use_last:
        last = format_name(people[-1], fmt, inverted=inverted(count - 1))
        return fmt.delimiter.join(rendered) + fmt.delimiter + "… " + last
    if et_al:
        text = fmt.delimiter.join(rendered)
        if _precedes(fmt.delimiter_precedes_et_al, len(shown), inverted(len(shown) - 1), 2):
            return f"{text}{fmt.delimiter}{fmt.et_al_term}"
        return f"{text} {fmt.et_al_term}"
    if len(rendered) == 1:
        return rendered[0]
    head = fmt.delimiter.join(rendered[:-1])
    if not fmt.and_word:
        return head + fmt.delimiter + rendered[-1]
    if _precedes(fmt.delimiter_precedes_last, len(rendered), inverted(len(rendered) - 2)):
        return f"{head}{fmt.delimiter}{fmt.and_word} {rendered[-1]}"
    return f"{head} {fmt.and_word} {rendered[-1]}"


@lru_cache(maxsize=CACHE_SIZE)
def name_sort_key(person: Person, *, demote_particle: bool) -> str:
    """`Meer van der Jan` (demoted) or `van der Meer Jan`, folded for comparison."""
    # Cached per person: one author's entries share their `Person`s.
    if person.literal:
        return sort_fold(person.literal, drop_punctuation=True)
    parts: tuple[str, ...]
    if demote_particle:
        parts = (person.family, person.given, person.particle, person.suffix)
    else:
        parts = (person.surname, person.given, person.suffix)
    return sort_fold(" ".join(part for part in parts if part), drop_punctuation=True)


def names_sort_key(people: Sequence[Person], *, demote_particle: bool) -> tuple[str, ...]:
    return _names_sort_key(tuple(people), demote_particle)


@lru_cache(maxsize=CACHE_SIZE)
def _names_sort_key(people: tuple[Person, ...], demote_particle: bool) -> tuple[str, ...]:
    # Cached per author list as well as per person: entries share their author lists.
    return tuple(name_sort_key(person, demote_particle=demote_particle) for person in people)

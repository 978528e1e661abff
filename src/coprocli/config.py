"""The user's preferences: a TOML file in the user config folder (`COPRO_CONFIG` names
another), read on each command that needs it, written by `copro config set`.

Precedence, for each setting: the command-line option, then the environment variable,
then this file, then copro's default.
"""

import os
from pathlib import Path
from typing import Any

from .errors import CoproError, UsageError


class Setting:
    """One setting: its type (`str`, `bool` or `list`), its environment variable, and what
    it sets."""

    __slots__ = ("env", "kind", "meaning")

    def __init__(self, kind: type, env: str, meaning: str) -> None:
        self.kind = kind
        self.env = env
        self.meaning = meaning


SETTINGS: dict[str, Setting] = {
    "style": Setting(str, "COPRO_STYLE", "citation style of cite, export, refs, reading-list"),
    "format": Setting(str, "COPRO_FORMAT", "markup of cite, export, refs, reading-list"),
    "locale": Setting(str, "COPRO_LOCALE", "a CSL style's wording (with --csl), e.g. en-GB"),
    "bib": Setting(list, "COPRO_BIB", "libraries to load besides the bundled catalogue"),
    "bundled": Setting(bool, "", "whether to load the bundled catalogue"),
    "color": Setting(bool, "", "colour on a terminal (NO_COLOR still wins)"),
    "pager": Setting(bool, "COPRO_PAGER", "long output on a terminal through $PAGER (less)"),
}
_KNOWN = ", ".join(SETTINGS)


def config_path() -> Path:
    """`COPRO_CONFIG`, else `config.toml` in the platform's user config folder."""
    override = os.environ.get("COPRO_CONFIG")
    if override:
        return Path(override)
    from .userdirs import user_folder

    return user_folder("config") / "config.toml"


#: The last file read: (path, size, modification time) -> its settings. A command asks for
#: the settings in several places (its options, the colour, the pager); the file is read
#: once, and again only when it has changed.
_READ: dict[tuple[str, int, int], dict[str, Any]] = {}


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The settings in the file (none when there is no file); a `CoproError` naming the
    file, and the line where TOML says, for a file that cannot be used."""
    path = path or config_path()
    try:
        status = path.stat()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise CoproError(f"{path}: cannot be read ({error}); fix or remove it.") from None
    stamp = (str(path), status.st_size, status.st_mtime_ns)
    if stamp not in _READ:
        _READ.clear()
        _READ[stamp] = _read_config(path)
    return dict(_READ[stamp])


def _read_config(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise CoproError(f"{path}: cannot be read ({error}); fix or remove it.") from None
    import tomllib  # only for a file that is there

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        said = str(error).replace(
            "at end of document", f"at the end, line {len(text.splitlines())}"
        )
        raise CoproError(f"{path}: {said}; fix the file ('copro config path' shows it).") from None
    for key, value in data.items():
        setting = SETTINGS.get(key)
        if setting is None:
            raise CoproError(f"{path}: unknown setting {key!r}; settings: {_KNOWN}.")
        if not _fits(value, setting.kind):
            raise CoproError(f"{path}: {key} must be {_described(setting.kind)}.")
    return data


def _fits(value: object, kind: type) -> bool:
    if kind is list:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, kind)


def _described(kind: type) -> str:
    return {str: "a string", bool: "true or false", list: "a list of strings"}[kind]


def parse_value(key: str, words: list[str]) -> Any:
    """A setting's value from the command line (`copro config set KEY VALUE...`)."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise UsageError(f"Unknown setting {key!r}; settings: {_KNOWN}.")
    if setting.kind is list:
        return list(words)
    if len(words) != 1:
        raise UsageError(f"{key} takes one value.")
    if setting.kind is bool:
        word = words[0].lower()
        if word not in ("true", "false", "yes", "no", "on", "off", "1", "0"):
            raise UsageError(f"{key} is true or false, not {words[0]!r}.")
        return word in ("true", "yes", "on", "1")
    return words[0]


def to_toml(data: dict[str, Any]) -> str:
    """Flat settings as TOML (strings, booleans, lists of strings: JSON's strings are
    TOML's basic strings)."""
    lines = ["# copro's settings: 'copro config show' explains them."]
    lines += [f"{key} = {toml_value(value)}" for key, value in data.items()]
    return "\n".join(lines) + "\n"


def toml_value(value: Any) -> str:
    """A setting's value as TOML writes it."""
    import json  # only for showing or writing settings

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)

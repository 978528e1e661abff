"""`copro config path|show|set`: the settings file."""

from typing import Annotated

import typer

from . import app
from ._common import out
from ._help import CoproCommand, CoproGroup

config_app = typer.Typer(
    cls=CoproGroup,
    no_args_is_help=True,
    help="The settings file: where it is, what it holds, and setting a value.",
)
app.add_typer(config_app, name="config")


@config_app.command("path", cls=CoproCommand)
def path_command() -> None:
    """Print where the settings file is (COPRO_CONFIG names another)."""
    from ..config import config_path

    out(str(config_path()))


@config_app.command("show", cls=CoproCommand)
def show_command() -> None:
    """Every setting: its value and where it comes from (environment, file or default)."""
    import os

    from ..config import SETTINGS, config_path, load_config, toml_value

    values = load_config()
    out(f"# {config_path()}")
    for key, setting in SETTINGS.items():
        if setting.env and os.environ.get(setting.env):
            out(f"{key} = {toml_value(os.environ[setting.env])}  # from {setting.env}")
        elif key in values:
            out(f"{key} = {toml_value(values[key])}  # from the file")
        else:
            out(f"# {key}: not set, copro's default ({setting.meaning})")


@config_app.command("set", cls=CoproCommand)
def set_command(
    key: Annotated[str, typer.Argument(metavar="KEY", help="The setting's name.")],
    value: Annotated[
        list[str] | None,
        typer.Argument(metavar="VALUE", help="Its value; none removes the setting."),
    ] = None,
) -> None:
    """Set a value in the settings file (written atomically), or remove it with no value.

    Example: copro config set style harvard
    """
    from ..config import SETTINGS, config_path, load_config, parse_value, to_toml
    from ..errors import UsageError
    from ..fileio import write_atomic
    from ._common import err

    if key not in SETTINGS:
        raise UsageError(f"Unknown setting {key!r}; settings: {', '.join(SETTINGS)}.")
    path = config_path()
    values = load_config(path)
    if value:
        values[key] = parse_value(key, value)
    else:
        values.pop(key, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, to_toml(values), force=True)
    err(f"Wrote {path}.")

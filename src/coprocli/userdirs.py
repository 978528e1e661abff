"""The user's folders for copro: its cache and its settings.

On Linux the usual case is two rules of the XDG spec, taken here as platformdirs takes them
(tests hold them equal): importing platformdirs costs a quick command 5-10 ms. Other
systems, and unusual environments, ask platformdirs.
"""

import os
import sys
from pathlib import Path

_XDG = {"cache": ("XDG_CACHE_HOME", ".cache"), "config": ("XDG_CONFIG_HOME", ".config")}


def user_folder(kind: str) -> Path:
    """copro's folder of `kind` (`cache` or `config`) for this user."""
    variable, under_home = _XDG[kind]
    if sys.platform == "linux":
        xdg, home = os.environ.get(variable, ""), os.environ.get("HOME", "")
        if xdg.startswith("/"):
            return Path(xdg, "copro")
        if home.startswith("/"):
            return Path(home, under_home, "copro")
    from platformdirs import user_cache_dir, user_config_dir

    folder = user_cache_dir if kind == "cache" else user_config_dir
    return Path(folder("copro", appauthor=False))

"""copro's own JSON: the objects of `--json` (`Entry.to_dict()`), as an indented array."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Entry
from ..terminal import json_safe


class JsonExporter:
    name = "json"
    description = "copro's JSON schema (the objects of --json)"
    extension = "json"

    def export(self, entries: Sequence[Entry]) -> str:
        return (
            json_safe(
                json.dumps([entry.to_dict() for entry in entries], indent=2, ensure_ascii=False)
            )
            + "\n"
        )

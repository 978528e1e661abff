"""Print one of the README's two opening commands: `run` (the first) or `test` (the second).

CI runs them exactly as the README shows them, so the README cannot drift from what works.
"""

import re
import sys
from pathlib import Path

readme = Path(__file__).resolve().parents[1] / "README.md"
blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", readme.read_text("utf-8"), re.S)
which = {"run": 0, "test": 1}[sys.argv[1]]
print(" ".join(line.strip() for line in blocks[which].strip().splitlines()))

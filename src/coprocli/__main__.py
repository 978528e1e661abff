"""`python -m coprocli` runs the command-line interface."""

from .cli import main

main()

"""`python -m coprocli` runs the command-line interface."""

from .launch import main

main()

"""The command line: commands that parse options and call the library, and their terminal views."""

from generator.cli.main import cli, main

__all__ = ["cli", "main"]

"""What every command shares: Chinese help options."""

from __future__ import annotations

import click

from generator.cli.zh import Context

HELP: dict[str, list[str]] = {"help_option_names": []}
BRIEF_OVER = 5  # a check of more units than this shows one line per unit unless --full


def help_option(f):
    return click.help_option("-h", "--help", help="显示本帮助并退出")(f)


class Command(click.Command):
    """A command whose help and usage errors are in Chinese."""

    context_class = Context

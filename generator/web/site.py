"""What every route shares for one served folder: the folder, caches, the builder, the token."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from generator.web.jobs import Builder
from generator.web.safety import Folder, new_token
from generator.web.units import Evaluations


class Site:
    def __init__(self, folder: Folder, jobs: int | None = None):
        self.folder = folder
        self.cache = Evaluations()
        self.builder = Builder(folder, jobs)
        self.token = new_token()
        # What the last action on a unit said, shown once on its page after the redirect.
        self.flash: dict[Path, tuple[str, list[str]]] = {}


def site() -> Site:
    return current_app.extensions["jixiao"]

"""Building from the page: one unit at a time, or the whole folder in the background.

Builds never pass `force`: a report edited by hand stays as it is, and the page says so.
One lock serialises every build the server starts, so two clicks never write the same file.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.building.batch import build_many
from generator.building.unit import FAILED, Outcome, build_unit
from generator.errors import Problem
from generator.web.safety import Folder

BUILD_LOCK = threading.Lock()
log = logging.getLogger("jixiao.web")


@dataclass
class Job:
    """The folder's build-all: how far it got and what became of each unit."""

    total: int = 0
    done: int = 0
    running: bool = False
    outcomes: list[Outcome] = field(default_factory=list)
    crash: str = ""

    def as_json(self) -> dict:
        return {
            "running": self.running,
            "done": self.done,
            "total": self.total,
            "failed": sum(o.status == FAILED for o in self.outcomes),
        }


class Builder:
    """Starts builds for one served folder and remembers the last build-all."""

    def __init__(self, folder: Folder, jobs: int | None = None):
        self.folder = folder
        self.jobs = jobs
        self.job = Job()
        self._state = threading.Lock()

    def build_one(self, source: Path) -> Outcome:
        """Build one unit; Refused before anything is written if the build would write outside."""
        self.folder.writable(source)
        with BUILD_LOCK:
            outcome = build_unit(source, self.folder.output)
        outcome.unit = None
        return outcome

    def start_all(self, sources: list[Path]) -> bool:
        """Start building every unit in the background; False if a build-all is running.
        Refused, with nothing written, if any unit's build would write outside the folder."""
        for source in sources:
            self.folder.writable(source)
        with self._state:
            if self.job.running:
                return False
            self.job = Job(total=len(sources), running=True)
            job = self.job
        threading.Thread(target=self._run, args=(job, sources), daemon=True).start()
        return True

    def _run(self, job: Job, sources: list[Path]) -> None:
        def progress(_: Outcome) -> None:
            job.done += 1

        try:
            with BUILD_LOCK:
                for outcome in build_many(
                    sources, self.folder.output, jobs=self.jobs, progress=progress
                ):
                    job.outcomes.append(outcome)
        except Exception:  # the page says so; the server goes on, the terminal has the details
            log.exception("build-all failed")
            job.crash = "本工具出了内部错误，没有生成完：请把终端窗口里的说明发给开发人员"
        finally:
            job.running = False


def first_problem(outcome: Outcome) -> Problem | None:
    found = outcome.errors or outcome.problems
    return found[0] if found else None

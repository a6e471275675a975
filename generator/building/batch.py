"""Build many units: skip the unchanged, build the rest in parallel processes, report in order."""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.building.unit import (
    BUILT,
    DEFAULT_OUTPUT,
    FAILED,
    KEPT,
    UNCHANGED,
    Outcome,
    build_unit,
    file_name_pattern,
    format_of,
    is_unchanged,
    target_for,
)
from generator.data.files import read_bytes
from generator.data.formats import current_digest
from generator.errors import DataError, Problem, internal_error

if TYPE_CHECKING:
    from concurrent.futures import Future


def default_jobs() -> int:
    return os.cpu_count() or 1


def work(
    source: Path,
    out_dir: Path,
    format_id: str | None,
    force: bool,
    keep: bool = False,
    target: Path | None = None,
) -> Outcome:
    """Build one unit (in this process or a worker); only plain data goes back."""
    outcome = build_unit(source, out_dir, format_id, force, keep, target)
    outcome.unit = None
    return outcome


def _bytes(source: Path) -> bytes | None:
    """The unit file's bytes, or None when it can't be read (its build says why)."""
    try:
        return read_bytes(source)
    except DataError:
        return None


def _failed(source: Path, message: str, check: str = "build") -> Outcome:
    return Outcome(source=source, problems=[Problem(message, file=source, check=check)])


@dataclass
class Summary:
    outcomes: list[Outcome]

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def built(self) -> int:
        return self.count(BUILT)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def kept(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == KEPT]

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == FAILED]

    def line(self) -> str:
        kept = f"保留手工修改 {len(self.kept)} 个，" if self.kept else ""
        return (
            f"共 {len(self.outcomes)} 个单位：已生成 {self.built} 个，未变 {self.unchanged} 个，"
            f"{kept}失败 {len(self.failed)} 个"
        )


def build_many(
    sources: list[Path],
    out_dir: Path = DEFAULT_OUTPUT,
    format_id: str | None = None,
    *,
    force: bool = False,
    keep_edited: bool = False,
    rebuild_all: bool = False,
    jobs: int | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Outcomes in the order of `sources`, each as soon as it and those before it are done.

    `progress` is called once per unit in the order they finish (for a progress bar). One
    unit's failure, even a crash of its worker, never stops the others.
    """
    # Each format's files are read once for the run, as they are when it starts.
    format_digest_of = functools.cache(current_digest)
    pattern_of = functools.cache(file_name_pattern)
    targets: dict[int, Path] = {}
    formats: set[str] = set()  # of the units to build: prepared before a pool's workers start
    out_dir = Path(out_dir)
    done: dict[int, Outcome] = {}
    pending: list[int] = []
    claimed: dict[Path, Path] = {}
    for i, source in enumerate(sources):
        raw = _bytes(source)  # read once: it names the report and, hashed, says if it changed
        target = targets[i] = target_for(source, out_dir, format_id, raw, pattern_of)
        if target in claimed:
            done[i] = _failed(
                source,
                f"与 {claimed[target]} 的报告同名，都会写到 {target}：是同一单位同一年度的重复文件吗？"
                "若不是，请改其中一个的“简称”",
                "build.clash",
            )
        elif not rebuild_all and is_unchanged(
            source, out_dir, format_id, target, raw, format_digest_of
        ):
            done[i] = Outcome(source=source, target=target, status=UNCHANGED)
        else:
            pending.append(i)
            formats.add(format_of(source, format_id, raw))
        claimed.setdefault(target, source)
    for i in sorted(done):
        if progress:
            progress(done[i])

    def finish(i: int, outcome: Outcome) -> None:
        done[i] = outcome
        if progress:
            progress(outcome)

    jobs = max(1, jobs or default_jobs())
    next_out = 0
    args: tuple[Path, str | None, bool, bool] = (out_dir, format_id, force, keep_edited)
    if jobs == 1 or len(pending) <= 1:
        results: Iterator[tuple[int, Outcome | None]] = (
            (i, work(sources[i], *args, target=targets[i])) for i in pending
        )
    else:
        results = _in_pool(
            pending, sources, targets, args, min(jobs, len(pending)), frozenset(formats)
        )
    broken: list[int] = []
    for i, outcome in results:
        if outcome is None:
            broken.append(i)
            continue
        finish(i, outcome)
        while next_out in done:
            yield done[next_out]
            next_out += 1
    # A worker died (a crash in a C library, no memory left): the units its pool left undone
    # are built again one at a time, each in a process of its own, so only the culprit fails.
    for i in broken:
        outcome = list(_in_pool([i], sources, targets, args, 1))[0][1]
        finish(i, outcome or _failed(sources[i], CRASHED, "build.crash"))
        while next_out in done:
            yield done[next_out]
            next_out += 1
    while next_out in done:
        yield done[next_out]
        next_out += 1


def end_with_parent(parent: int) -> None:
    """A worker's initializer: the worker ends when the process that started it does.

    Forked workers share the pool's pipes with each other, so a killed parent (SIGKILL, no
    clean-up) leaves them waiting for work forever. Linux ends them with the parent (prctl's
    PR_SET_PDEATHSIG); elsewhere a thread watches for the parent to go.
    """
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent went before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="jixiao-parent-watch", daemon=True).start()


CRASHED = "生成进程意外退出（内存不足或被终止？），本单位未生成；请重试"


def _in_pool(
    indices: list[int],
    sources: list[Path],
    targets: dict[int, Path],
    args: tuple[Path, str | None, bool, bool],
    workers: int,
    formats: frozenset[str] = frozenset(),
) -> Iterator[tuple[int, Outcome | None]]:
    """(index, outcome) as units finish in a pool of processes; None for those a dead worker
    took down with the pool."""
    # Imported only when there is parallel work (multiprocessing is slow to import).
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    out_dir, format_id, force, keep = args

    # The pipeline and renderer load before the workers start: where workers are forked
    # they begin with them loaded instead of each importing them again.
    # So do the templates of the formats the units name, prepared once here, not per worker.
    import generator.evaluate  # noqa: F401
    from generator.report.render import prepare_formats

    prepare_formats(formats)

    # What is loaded now is shared with forked workers; frozen, the collector leaves it alone,
    # so the pages holding it are not copied into each worker as it runs (gc.freeze's docs).
    # Unfrozen once the workers have started (the first submit starts them all).
    gc.freeze()
    with ProcessPoolExecutor(
        max_workers=workers, initializer=end_with_parent, initargs=(os.getpid(),)
    ) as pool:
        try:
            futures: dict[Future, int] = {
                pool.submit(work, sources[i], out_dir, format_id, force, keep, targets[i]): i
                for i in indices
            }
        finally:
            gc.unfreeze()
        try:
            for future in as_completed(futures):
                i = futures[future]
                try:
                    yield i, future.result()
                except BrokenProcessPool:
                    yield i, None
                except Exception as exc:  # the result could not come back: a bug
                    yield (
                        i,
                        _failed(sources[i], internal_error(exc, str(sources[i])), "build.internal"),
                    )
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise

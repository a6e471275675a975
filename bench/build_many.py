"""Benchmark: build a folder of N units with --jobs 1, with --jobs 2, then again (all unchanged).

    python bench/build_many.py            # 200 units
    python bench/build_many.py -n 50 --jobs 4

The units are copies of the examples in data/examples, each with its own name, in a temporary
folder that is removed afterwards. Each run is the real command line in a fresh process, so
the times include starting Python, as a clerk would see them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"


def make_units(folder: Path, n: int) -> None:
    examples = sorted(EXAMPLES.glob("*.toml"))
    if not examples:
        sys.exit(f"no examples in {EXAMPLES}")
    folder.mkdir(parents=True)
    for i in range(n):
        source = examples[i % len(examples)]
        text = source.read_text(encoding="utf-8")
        # Its own unit name and short name, so that each unit has a report file of its own.
        at = text.index('["单位"]')
        unit = text[at:].replace('"名称" = "', f'"名称" = "{i:04d}', 1)
        unit = unit.replace('"简称" = "', f'"简称" = "{i:04d}', 1)
        (folder / f"{source.stem}-{i:04d}.toml").write_text(text[:at] + unit, encoding="utf-8")


def timed(args: list[str], cwd: Path) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return elapsed, proc.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="number of units (default 200)")
    parser.add_argument(
        "--jobs", type=int, default=2, help="processes for the parallel run (default 2)"
    )
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        make_units(data, opts.n)
        print(f"{opts.n} units, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        runs = [
            ("--jobs 1", ["build", str(data), "-o", str(tmp / "out1"), "--jobs", "1"]),
            (
                f"--jobs {opts.jobs}",
                ["build", str(data), "-o", str(tmp / "out2"), "--jobs", str(opts.jobs)],
            ),
            (
                "again, unchanged",
                ["build", str(data), "-o", str(tmp / "out2"), "--jobs", str(opts.jobs)],
            ),
        ]
        results = {}
        for label, args in runs:
            elapsed, summary = timed(args, tmp)
            results[label] = elapsed
            print(f"{label:>18}: {elapsed:7.2f} s   {summary}")
        one, two = results["--jobs 1"], results[f"--jobs {opts.jobs}"]
        print(f"speed-up with --jobs {opts.jobs}: {one / two:.2f}×")
        same = all(
            (tmp / "out1" / p.name).read_bytes() == p.read_bytes()
            for p in (tmp / "out2").glob("*.docx")
        )
        print(f"same bytes from both runs: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()

"""Benchmark: jixiao against a bare docxtpl render of the same template and context.

    python bench/compare.py               # every comparison, 5 interleaved pairs each
    python bench/compare.py --pairs 9     # more pairs, steadier medians
    python bench/compare.py --only build,big

Every figure is a whole process, started as a clerk starts it (Python start-up, imports and
writing the .docx included), run in interleaved pairs A B A B …; each row prints the median
of the two commands' times and the median of the pair-by-pair ratios, so a machine that
speeds up or slows down during the run moves both sides of a pair alike.

The yardstick, "bare docxtpl", is the plain docxtpl recipe with nothing of jixiao's render
path: `DocxTemplate(template).render(context, env, autoescape=True)` then `save()`, with a
fresh DocxTemplate per report as its documentation shows. It gets the very context jixiao's
template sees (`report/context.py`, computed once here and pickled, so the bare side does not
pay for reading, computing or checking the data, which jixiao does) and the same Jinja
environment with jixiao's filters (the templates need them; importing them is counted on the
bare side). jixiao's side is `python -m generator build …` into a fresh output folder, so it
also records each build and writes atomically, as it always does.

Rows:
  one build          one unit (the standard example)
  per unit, batch    a folder of 40 units (copies of the examples), --jobs 1, total ÷ 40
  2,000 indicators   one generated unit with 2,000 indicators
  start-up           `python -m generator --help` against `python -c "import click"`
  unchanged rerun    `build` of 200 units already built, against `python -m generator --help`
  --jobs 2           200 units with --jobs 2 against --jobs 1 (a speed-up: higher is better)
  peak memory        largest resident set of the 2,000-indicator runs (Linux and macOS only)
  paragraphs         `check` of a unit with 160,000 职责 paragraphs (some 50 MB) against reading
                     the same file with tomllib alone (the floor: every check parses it), time
                     and peak memory
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "data" / "examples"
sys.path.insert(0, str(ROOT))

# Runs one command and prints its wall time and the peak resident set of its process tree.
MEASURE = r"""
import json, subprocess, sys, time
try:
    import resource
except ImportError:  # Windows: no peak memory
    resource = None
start = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
peak = None
if resource is not None:
    kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak = kb if sys.platform == "darwin" else kb * 1024
print(json.dumps({"wall": wall, "peak": peak, "rc": rc}))
"""

# The yardstick: the plain docxtpl recipe, one fresh DocxTemplate per report.
BARE = r"""
import pickle, sys
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from generator.report.filters import filters

with open(sys.argv[1], "rb") as fh:
    jobs = pickle.load(fh)
for template, settings, context, out in jobs:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters.update(filters(settings))
    tpl = DocxTemplate(template)
    tpl.render(context, env, autoescape=True)
    tpl.save(out)
"""


def make_units(folder: Path, n: int) -> list[Path]:
    """n copies of the examples, each under its own name and with its own unit name (reports
    are named by the unit, so two copies of one unit would claim one report)."""
    examples = sorted(EXAMPLES.glob("*.toml"))
    folder.mkdir(parents=True)
    paths = []
    for i in range(n):
        source = examples[i % len(examples)]
        text = source.read_text(encoding="utf-8")
        at = text.index('["单位"]')
        unit = text[at:].replace('"名称" = "', f'"名称" = "{i:04d}', 1)
        unit = unit.replace('"简称" = "', f'"简称" = "{i:04d}', 1)
        path = folder / f"{source.stem}-{i:04d}.toml"
        path.write_text(text[:at] + unit, encoding="utf-8")
        paths.append(path)
    return paths


def make_big(path: Path, n: int = 2000) -> Path:
    """The standard example with n indicators (weights still add up to each level's total)."""
    text = (EXAMPLES / "standard.toml").read_text(encoding="utf-8")
    head = text[: text.index('[["指标"]]')]
    rows = [
        '[["指标"]]\n"一级" = "预算执行"\n"二级" = "预算执行率"\n"三级" = "预算执行率"\n"分值" = 10\n'
    ]
    rest = n - 1
    output, effect = rest // 2, rest * 3 // 10  # 50 and 30 points; satisfaction gets 10
    satisfied = rest - output - effect
    plan = [
        ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"], _weights(output, 50)),
        ("效益指标", ["社会效益指标", "经济效益指标"], _weights(effect, 30)),
        ("满意度指标", ["服务对象满意度指标"], _weights(satisfied, 10)),
    ]
    i = 0
    for first, seconds, weights in plan:
        for j, weight in enumerate(weights):
            i += 1
            rows.append(
                f'[["指标"]]\n"一级" = "{first}"\n"二级" = "{seconds[(j // 25) % len(seconds)]}"\n'
                f'"三级" = "第{i}项工作完成数"\n"项目" = "项目{i % 37}"\n'
                f'"指标值" = "≥{i % 50 + 1}个"\n"实际值" = "{i % 50 + 1}个"\n"分值" = {weight}\n'
            )
    path.write_text(head + "\n".join(rows), encoding="utf-8")
    return path


def make_paragraphs(path: Path, n: int) -> Path:
    """The smallest standard unit with n long 职责 paragraphs (tests/hostile/test_big_files.py)."""
    minimal = (ROOT / "tests" / "fixtures" / "minimal-standard.toml").read_text(encoding="utf-8")
    paragraph = (
        "负责本辖区的公共服务与社会管理，组织实施城市管理、环境卫生、社区建设和群众工作。" * 3
    )
    items = ",\n".join(f'  "{paragraph}{i}"' for i in range(n))
    text = minimal.replace(
        '"职责" = ["负责本辖区的公共服务与社会管理。"]', f'"职责" = [\n{items}\n]'
    )
    path.write_text(text, encoding="utf-8")
    return path


def _weights(count: int, total: int) -> list[str]:
    """count weights in hundredths adding up to total exactly."""
    cents = total * 100
    base, extra = divmod(cents, count)
    return [f"{(base + (k < extra)) / 100:.2f}" for k in range(count)]


def contexts(units: list[Path], out_dir: Path) -> list[tuple]:
    """(template, settings, context, output) per unit: what the bare render is given."""
    from generator.evaluate import evaluate
    from generator.report.context import build_context

    jobs = []
    for path in units:
        unit = evaluate(path)
        if unit.errors:
            sys.exit(f"{path}: {unit.errors[0]}")
        out = out_dir / f"{path.stem}.docx"
        jobs.append((str(unit.fmt.template), unit.fmt.settings, build_context(unit), str(out)))
    return jobs


@dataclass
class Run:
    wall: float
    peak: int | None


class Bench:
    def __init__(self, tmp: Path, pairs: int):
        self.tmp, self.pairs = tmp, pairs
        self.measure = tmp / "measure.py"
        self.measure.write_text(MEASURE, encoding="utf-8")
        self.bare_script = tmp / "bare.py"
        self.bare_script.write_text(BARE, encoding="utf-8")
        self.env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.fresh = 0

    def out(self) -> Path:
        """A new, empty output folder for one run."""
        self.fresh += 1
        shutil.rmtree(self.tmp / "out", ignore_errors=True)  # the last run's, no longer needed
        return self.tmp / "out" / str(self.fresh)

    def run(self, command: list[str]) -> Run:
        proc = subprocess.run(
            [sys.executable, str(self.measure), *command],
            env=self.env,
            cwd=self.tmp,
            capture_output=True,
            text=True,
        )
        result = json.loads(proc.stdout)
        if result["rc"] != 0:
            again = subprocess.run(command, env=self.env, cwd=self.tmp, capture_output=True)
            sys.exit(f"failed ({result['rc']}): {' '.join(command)}\n{again.stderr[-2000:]!r}")
        return Run(result["wall"], result["peak"])

    def jixiao(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "generator", *args]

    def bare(self, jobs_file: Path) -> list[str]:
        return [sys.executable, str(self.bare_script), str(jobs_file)]

    def pair(self, a, b) -> tuple[list[Run], list[Run]]:
        """a and b (functions giving a fresh command) in turn, after one warm-up run of each."""
        self.run(a())
        self.run(b())
        runs_a, runs_b = [], []
        for _ in range(self.pairs):
            runs_a.append(self.run(a()))
            runs_b.append(self.run(b()))
        return runs_a, runs_b


def median(values: list[float]) -> float:
    return statistics.median(values)


def ratio(runs_a: list[Run], runs_b: list[Run], per: float = 1) -> tuple[float, float, float]:
    """(median time of a, of b, median of the pair-by-pair ratios a/b); times divided by per."""
    ratios = [a.wall / b.wall for a, b in zip(runs_a, runs_b, strict=True)]
    return (
        median([r.wall for r in runs_a]) / per,
        median([r.wall for r in runs_b]) / per,
        median(ratios),
    )


def row(what: str, a: str, b: str, value: str, target: str) -> None:
    print(f"{what:<34} {a:>12} {b:>12} {value:>9}   {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5, help="interleaved pairs per row (5)")
    parser.add_argument("--units", type=int, default=200, help="units for --jobs and rerun (200)")
    parser.add_argument("--batch", type=int, default=40, help="units in the batch row (40)")
    parser.add_argument("--indicators", type=int, default=2000, help="for the large unit (2000)")
    parser.add_argument(
        "--paragraphs", type=int, default=160_000, help="职责 paragraphs for check (160000)"
    )
    parser.add_argument(
        "--only",
        default="build,batch,big,startup,unchanged,jobs,paragraphs",
        help="rows to run, comma-separated (default: all)",
    )
    opts = parser.parse_args()
    only = set(opts.only.split(","))
    # An installed package has its .pyc files; a checkout may not (PYTHONDONTWRITEBYTECODE).
    compileall.compile_dir(ROOT / "generator", quiet=1)

    with tempfile.TemporaryDirectory(prefix="jixiao-compare-") as name:
        tmp = Path(name)
        bench = Bench(tmp, opts.pairs)
        print(
            f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
            f"{opts.pairs} interleaved pairs per row; times are medians, whole process"
        )
        print()
        row("", "jixiao", "yardstick", "ratio", "target")

        def jobs_file(label: str, units: list[Path]) -> Path:
            out = tmp / f"bare-{label}"
            out.mkdir()
            path = tmp / f"{label}.pickle"
            path.write_bytes(pickle.dumps(contexts(units, out)))
            return path

        if "build" in only:
            one = [EXAMPLES / "standard.toml"]
            jf = jobs_file("one", one)
            a, b = bench.pair(
                lambda: bench.jixiao("build", str(one[0]), "-o", str(bench.out())),
                lambda: bench.bare(jf),
            )
            ta, tb, r = ratio(a, b)
            row("one build (standard example)", f"{ta:.3f} s", f"{tb:.3f} s", f"{r:.2f}×", "≤ 1.2×")

        if "batch" in only:
            folder = tmp / "batch"
            units = make_units(folder, opts.batch)
            jf = jobs_file("batch", units)
            a, b = bench.pair(
                lambda: bench.jixiao("build", str(folder), "-o", str(bench.out()), "--jobs", "1"),
                lambda: bench.bare(jf),
            )
            ta, tb, r = ratio(a, b, per=opts.batch / 1000)
            row(
                f"per unit, {opts.batch}-unit batch, --jobs 1",
                f"{ta:.1f} ms",
                f"{tb:.1f} ms",
                f"{r:.2f}×",
                "≤ 0.6×",
            )

        if "big" in only:
            big = make_big(tmp / "big.toml", opts.indicators)
            jf = jobs_file("big", [big])
            a, b = bench.pair(
                lambda: bench.jixiao("build", str(big), "-o", str(bench.out())),
                lambda: bench.bare(jf),
            )
            ta, tb, r = ratio(a, b)
            row(
                f"{opts.indicators:,} indicators",
                f"{ta:.3f} s",
                f"{tb:.3f} s",
                f"{r:.2f}×",
                "≤ 1.0×",
            )
            peaks_a = [x.peak for x in a if x.peak]
            peaks_b = [x.peak for x in b if x.peak]
            if peaks_a and peaks_b:
                pa, pb = median(peaks_a), median(peaks_b)
                row(
                    f"peak memory, {opts.indicators:,} indicators",
                    f"{pa / 2**20:.1f} MB",
                    f"{pb / 2**20:.1f} MB",
                    f"{pa / pb:.2f}×",
                    "≤ 1.15×",
                )
            else:
                row("peak memory", "—", "—", "—", "not measured on this system")

        if "paragraphs" in only:
            long = make_paragraphs(tmp / "paragraphs.toml", opts.paragraphs)
            floor = (
                "import sys, tomllib, decimal; "
                "tomllib.loads(open(sys.argv[1], encoding='utf-8').read(), "
                "parse_float=decimal.Decimal)"
            )
            a, b = bench.pair(
                lambda: bench.jixiao("check", "--brief", str(long)),
                lambda: [sys.executable, "-c", floor, str(long)],
            )
            ta, tb, r = ratio(a, b)
            row(
                f"check, {opts.paragraphs:,} paragraphs",
                f"{ta:.2f} s",
                f"{tb:.2f} s",
                f"{r:.2f}×",
                "",
            )
            peaks_a = [x.peak for x in a if x.peak]
            peaks_b = [x.peak for x in b if x.peak]
            if peaks_a and peaks_b:
                pa, pb = median(peaks_a), median(peaks_b)
                row(
                    "peak memory, that check",
                    f"{pa / 2**20:.0f} MB",
                    f"{pb / 2**20:.0f} MB",
                    f"{pa / pb:.2f}×",
                    "",
                )

        if "startup" in only:
            a, b = bench.pair(
                lambda: bench.jixiao("--help"),
                lambda: [sys.executable, "-c", "import click"],
            )
            ta, tb, r = ratio(a, b)
            row(
                "start-up: --help vs import click",
                f"{ta * 1000:.0f} ms",
                f"{tb * 1000:.0f} ms",
                f"{r:.2f}×",
                "≤ 1.5×",
            )

        many: Path | None = None
        if "unchanged" in only or "jobs" in only:
            many = tmp / "many"
            make_units(many, opts.units)

        if "unchanged" in only and many is not None:
            built = tmp / "built"
            bench.run(bench.jixiao("build", str(many), "-o", str(built)))
            a, b = bench.pair(
                lambda: bench.jixiao("build", str(many), "-o", str(built)),
                lambda: bench.jixiao("--help"),
            )
            ta, tb, r = ratio(a, b)
            row(
                f"unchanged {opts.units}-unit rerun vs --help",
                f"{ta * 1000:.0f} ms",
                f"{tb * 1000:.0f} ms",
                f"{r:.2f}×",
                "≤ 1.2×",
            )

        if "jobs" in only and many is not None:
            a, b = bench.pair(
                lambda: bench.jixiao("build", str(many), "-o", str(bench.out()), "--jobs", "2"),
                lambda: bench.jixiao("build", str(many), "-o", str(bench.out()), "--jobs", "1"),
            )
            ta, tb, r = ratio(a, b)
            row(
                f"--jobs 2 vs --jobs 1, {opts.units} units",
                f"{ta:.2f} s",
                f"{tb:.2f} s",
                f"{1 / r:.2f}×",
                "speed-up ≥ 1.8×",
            )


if __name__ == "__main__":
    main()

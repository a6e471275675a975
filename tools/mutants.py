"""Plant known bugs one at a time and make sure the tests fail for each: `python tools/mutants.py`.

A test suite can pass for the wrong reason: a fallback that hides a failure, an assertion that
compares a figure with itself, a check that no test feeds a contradiction. Each mutant below is a
bug a change could bring (a wrong last digit, a wrong divisor, a dropped row, a render path that
raises, a check that never fires …). For each, the script copies the checkout, plants the bug in
the copy and runs the test files that guard it there: each of those files must have a failing
test. A guard that passes with the bug in ("SURVIVED") is a blind spot: write the test that
catches it, or take the file off the mutant's guards if it never meant to guard that. Each
mutant needs a guard besides the golden dumps: a test that checks what the output means
(recomputed from the data), which regenerating the dumps after a change cannot wash out.

    python tools/mutants.py                 every mutant, its guards only (a minute or two)
    python tools/mutants.py money-cent      one mutant (names as listed by --list)
    python tools/mutants.py --list          the mutants and the tests that guard each
    python tools/mutants.py --whole         every mutant against the whole suite (slow)

Exit status 0 when every mutant was caught. CI runs it (`.ci/run`). A mutant whose line is no
longer in the code is an error too: update its `old` text with the code it guards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = shutil.ignore_patterns(
    ".git", "output", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", "build",
    "*.egg-info", ".jixiao", "venv", ".venv",
)  # fmt: skip


# Text dumps compared with the last accepted output: they see a change, not whether it is wrong.
GOLDEN = ("tests/test_golden.py",)


@dataclass(frozen=True)
class Mutant:
    name: str
    what: str  # the bug, as a reviewer would describe it
    path: str  # file of the checkout
    old: str  # text found exactly once in the file
    new: str
    guards: tuple[str, ...]  # test files, each of which must have a failing test


MUTANTS = [
    Mutant(
        "money-cent",
        "every amount of money is printed one cent too high",
        "generator/compute/figures.py",
        "return fmt_number(value, None if n.money_as_written else n.money_places, n.separators)",
        "return fmt_number(value + Decimal('0.01'), None if n.money_as_written else n.money_places,"
        " n.separators)",
        ("tests/test_golden.py", "tests/test_report.py", "tests/test_printed_page.py"),
    ),
    Mutant(
        "round-half-even",
        "display rounds half to even (banker's rounding) instead of 四舍五入",
        "generator/compute/numbers.py",
        "return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)",
        "return value.quantize(Decimal(1).scaleb(-places), rounding='ROUND_HALF_EVEN')",
        ("tests/test_numbers.py", "tests/test_printed_page.py"),
    ),
    Mutant(
        "execution-rate-divisor",
        "预算执行率 divides by 年初预算 instead of 调整预算",
        "generator/compute/figures.py",
        'f.rate("预算执行率", ("执行数", b.spent), ("调整预算", b.adjusted))',
        'f.rate("预算执行率", ("执行数", b.spent), ("年初预算", b.initial))',
        (
            "tests/test_golden.py",
            "tests/test_report.py",
            "tests/test_formats.py",
            "tests/test_printed_page.py",
        ),
    ),
    Mutant(
        "change-rate-sign",
        "变动率 is computed backwards: (previous − current) ÷ previous",
        "generator/compute/numbers.py",
        "return ratio(None if previous is None else current - previous, previous)",
        "return ratio(None if previous is None else previous - current, previous)",
        ("tests/test_golden.py", "tests/test_numbers.py", "tests/test_printed_page.py"),
    ),
    Mutant(
        "indicator-row-dropped",
        "the report's indicator table loses its last row",
        "generator/report/context.py",
        'context["指标"] = rows',
        'context["指标"] = rows[:-1]',
        ("tests/test_golden.py", "tests/test_format_hebei_qiaoxi.py", "tests/test_printed_page.py"),
    ),
    Mutant(
        "render-raises",
        "the compiled render path raises: every report fails",
        "generator/report/prepared.py",
        "xml = self.body.render(context, helper)",
        "raise RuntimeError('planted: the render path is broken')",
        ("tests/test_golden.py", "tests/test_report.py", "tests/test_printed_page.py"),
    ),
    Mutant(
        "render-template-error",
        "the render path raises a template error: every report is refused",
        "generator/report/prepared.py",
        "xml = self.body.render(context, helper)",
        "raise __import__('jinja2').TemplateError('planted')",
        ("tests/test_golden.py", "tests/test_report.py", "tests/test_printed_page.py"),
    ),
    Mutant(
        "spending-check-silent",
        "the check 基本支出 + 项目支出 + 其他支出 = 执行数 never fires",
        "generator/checks/identity.py",
        '@check("identity.spending", ERROR, "基本支出 + 项目支出 + 其他支出 = 执行数")\n',
        '@check("identity.spending", ERROR, "基本支出 + 项目支出 + 其他支出 = 执行数")\n'
        "@lambda f: lambda u, report: None\n",
        ("tests/test_checks.py", "tests/test_check_catalogue.py"),
    ),
    Mutant(
        "total-drops-last-score",
        "总分 leaves out the last indicator's score",
        "generator/compute/scores.py",
        "total = sum((sc.score for _, sc in pairs), Decimal(0))",
        "total = sum((sc.score for _, sc in pairs[:-1]), Decimal(0))",
        (
            "tests/test_golden.py",
            "tests/test_scoring.py",
            "tests/test_report.py",
            "tests/test_printed_page.py",
        ),
    ),
    Mutant(
        "grade-boundary",
        "a total exactly on a grade's lower bound gets the grade below",
        "generator/compute/scoring.py",
        "        if total >= g.lower:",
        "        if total > g.lower:",
        ("tests/test_scoring.py",),
    ),
    Mutant(
        "unsigned-cache-trusted",
        "the template cache loads entries whatever their signature",
        "generator/template/signed.py",
        "if hmac.compare_digest(signature, _signature(key, name, content)):",
        "if True:",
        ("tests/test_signed_cache.py",),
    ),
    Mutant(
        "hand-edit-overwritten",
        "a report edited by hand counts as unedited and is overwritten",
        "generator/building/records.py",
        "return lines is not None and text_digest(lines) == record.text",
        "return True",
        ("tests/test_hand_edits.py", "tests/test_build_safety.py"),
    ),
    Mutant(
        "stale-number-silent",
        "a number typed in the text that disagrees with the computed one is never reported",
        "generator/checks/prose.py",
        '@check("prose.stale-number", ERROR, "文字中手写的数字与计算值一致")\n',
        '@check("prose.stale-number", ERROR, "文字中手写的数字与计算值一致")\n'
        "@lambda f: lambda u, report: None\n",
        ("tests/test_check_catalogue.py",),
    ),
    Mutant(
        "indicator-number-not-compared",
        "a number in an indicator's text is never compared with the indicator's actual",
        "generator/checks/stated.py",
        "elif value != actual.value:",
        "elif False:",
        ("tests/test_stated_prose.py", "tests/test_check_catalogue.py"),
    ),
    Mutant(
        "denial-silent",
        "a sentence denying what the actual counts (没有发生森林火灾 against 1次) is never reported",
        "generator/checks/stated.py",
        "            said = denies(text, what)\n            if said:\n                report(",
        "            said = None\n            if said:\n                report(",
        ("tests/test_stated_prose.py", "tests/test_check_catalogue.py"),
    ),
    Mutant(
        "yuan-read-as-wanyuan",
        "an amount typed in 元 is compared with the figure in 万元, unscaled",
        "generator/checks/prose.py",
        "value *= HUNDRED if kind == RATE else SCALE.get(m.group(2), 1)",
        "value *= HUNDRED if kind == RATE else 1",
        ("tests/test_stated_prose.py",),
    ),
    Mutant(
        "last-year-as-current-unflagged",
        "the year before the report's, written as the current one, is taken for a named earlier year",
        "generator/checks/year.py",
        "if near and (named_other(plain, m.start(), m.end()) or REVIEW in text):",
        "if near:",
        ("tests/test_stated_prose.py",),
    ),
    Mutant(
        "row-reference-unresolved",
        "{实际值} in an indicator's text is not its actual (left as an unknown name)",
        "generator/compute/references.py",
        "return [walk(v, (at, i), _own(v)) for i, v in enumerate(value, 1)]",
        "return [walk(v, (at, i), {}) for i, v in enumerate(value, 1)]",
        ("tests/test_stated_prose.py",),
    ),
    Mutant(
        "reread-silent",
        "import, diff and rollover list no sentence stating a fact they changed",
        "generator/cycle/reread.py",
        "for m in mentions(data, key, old):",
        "for m in mentions({}, key, old):",
        ("tests/test_reread.py",),
    ),
    Mutant(
        "check-exit-0-on-errors",
        "`jixiao check` exits 0 although a unit has errors",
        "generator/cli/main.py",
        "if any(p.is_error for _, _, ps in tally.units for p in ps):",
        "if False:",
        ("tests/test_check_catalogue.py", "tests/test_cli.py"),
    ),
    Mutant(
        "problem-loses-its-line",
        "a check's problem names its key but no longer the line it is written on",
        "generator/evaluate.py",
        "line=p.line or loaded.line(p.key)) for p in found)",
        "line=p.line) for p in found)",
        ("tests/test_check_catalogue.py",),
    ),
    Mutant(
        "diff-drops-a-figure",
        "`jixiao diff` leaves out the first computed figure that changed",
        "generator/cycle/diff.py",
        "figures = _changes(old_fig, new_fig)",
        "figures = _changes(old_fig, new_fig)[1:]",
        ("tests/test_diff.py",),
    ),
    Mutant(
        "build-skips-changed-data",
        "`jixiao build` skips a unit whose data changed since its last build",
        "generator/building/records.py",
        "        data_hash,\n        tool_version(),",
        "        record.data,\n        tool_version(),",
        ("tests/test_batch.py", "tests/test_build_safety.py"),
    ),
    Mutant(
        "rollover-moves-nothing",
        "rollover leaves 上年 figures as they were instead of moving this year's into them",
        "generator/cycle/rollover.py",
        'found = {k: k[2:] for k in keys if k.startswith("上年") and k[2:] in keys}',
        "found = {}",
        ("tests/test_rollover_init.py",),
    ),
    Mutant(
        "import-ignores-actual",
        "importing a 自评表 ignores the 实际值 the clerk changed",
        "generator/io/reading/import_rows.py",
        'if key == "实际值" and execution and "实际值" not in table:',
        'if key == "实际值":',
        ("tests/test_workbook_import.py",),
    ),
    Mutant(
        "report-import-yuan-as-wan",
        "reading a report back, an amount written in 元 is taken as 万元 (ten thousand times too much)",
        "generator/io/reading/written_numbers.py",
        'SCALE_TO_WAN["元"] = Decimal("0.0001")',
        'SCALE_TO_WAN["元"] = Decimal(1)',
        ("tests/test_report_import.py",),
    ),
    Mutant(
        "report-import-columns-swapped",
        "reading a report's indicator table, the 分值 and 得分 columns are swapped",
        "generator/cycle/report_import/indicators.py",
        '("分值", ("分值", "权重")),\n    ("得分", ("得分",)),',
        '("分值", ("得分",)),\n    ("得分", ("分值", "权重")),',
        ("tests/test_report_import.py",),
    ),
    Mutant(
        "report-import-outside-takes-all-parts",
        "reading 决算外资金, the part that is the stated budget is taken as outside the accounts too",
        "generator/cycle/report_import/funds.py",
        "                if i != inside:",
        "                if i >= 0:",
        ("tests/test_report_import_funds.py",),
    ),
    Mutant(
        "report-import-losses-drop-the-rest",
        "indicators read from the points lost leave out the points not lost (totals no longer the report's)",
        "generator/cycle/report_import/losses.py",
        "        if rest > 0:",
        "        if rest < 0:",
        ("tests/test_report_import_funds.py",),
    ),
    Mutant(
        "merged-cell-joins-above",
        "a run of equal cells is merged into the cell above it instead of starting its own",
        "generator/report/merge.py",
        '_set_vmerge(prev[1], "restart")',
        "_set_vmerge(prev[1], None)",
        ("tests/test_printed_page.py", "tests/test_merge.py"),
    ),
    Mutant(
        "section-number-repeated",
        "numbered sections repeat a number: （一）（一）（二）…",
        "generator/report/filters.py",
        '"节": lambda n: numbers.section(int(n)),',
        '"节": lambda n: numbers.section(max(1, int(n) - 1)),',
        ("tests/test_printed_page.py",),
    ),
    Mutant(
        "web-stale-shown-current",
        "the web page calls a report 最新 although its data changed since it was built",
        "generator/web/units.py",
        "    return STALE, target",
        "    return CURRENT, target",
        ("tests/web/test_http.py", "tests/web/test_fresh.py"),
    ),
    Mutant(
        "pdf-fonts-not-replaced",
        "the PDF conversion writes no font replacement table: LibreOffice sets every role in "
        "whatever CJK face it finds first (Japanese forms on Debian)",
        "generator/io/pdf.py",
        "write_profile(profile, replacement_table(installed_fonts()))",
        "write_profile(profile, {})",
        ("tests/test_pdf_fonts.py",),
    ),
    Mutant(
        "table-columns-not-fitted",
        "tables keep the template's column widths: a long indicator name breaks inside "
        "(活动项目实际完成/率) while the column beside it has room",
        "generator/report/render.py",
        "    fit_columns(body, sizes)",
        "    None",
        ("tests/test_layout.py",),
    ),
    Mutant(
        "web-provisional-hidden",
        "the web page shows 总分 and 等级 as final (no 暂定) while the unit has errors",
        "generator/web/units.py",
        "return bool(self.unit and self.errors and not self.waiting)",
        "return bool(self.unit and not self.errors and not self.waiting)",
        ("tests/web/test_truth.py",),
    ),
    Mutant(
        "web-save-rewrites-file",
        "saving a form rewrites the whole unit file from its values (comments and layout lost)",
        "generator/web/editing.py",
        "    out.text = tomlkit.dumps(doc)",
        "    out.text = tomlkit.dumps(doc.unwrap())",
        ("tests/web/test_edit.py",),
    ),
    Mutant(
        "web-conflict-missed",
        "a form saved over a file that changed since the form was opened (second tab) overwrites it",
        "generator/web/editing.py",
        "    if digest(raw) != opened:",
        "    if False and digest(raw) != opened:",
        ("tests/web/test_edit.py",),
    ),
    Mutant(
        "render-loop-limit-removed",
        "a template's loops are no longer counted: nested ranges run without end",
        "generator/report/loops.py",
        "        loop.iter = nodes.Filter(loop.iter, FILTER, [], [], None, None, lineno=loop.lineno)",
        "        pass",
        ("tests/hostile/test_template_limits.py",),
    ),
    Mutant(
        "reverse-zero-unguarded",
        "反向 divides 目标 by an actual of 0 (DivisionByZero, an internal error)",
        "generator/compute/scoring.py",
        "        elif a == 0:  # 目标 ÷ 实际 has no value",
        "        elif False:  # 目标 ÷ 实际 has no value",
        ("tests/hostile/test_bounded_numbers.py",),
    ),
    Mutant(
        "worker-outlives-parent",
        "build --jobs workers no longer end with their parent: a killed build leaves them running",
        "generator/building/batch.py",
        "max_workers=workers, initializer=end_with_parent, initargs=(os.getpid(),)",
        "max_workers=workers",
        ("tests/hostile/test_killed_build.py",),
    ),
    Mutant(
        "score-rounded-above-weight",
        "a computed score is rounded above its weight (分值 3.335 → 3.34), and then flagged",
        "generator/compute/scores.py",
        "scored = replace(scored, score=min(shown, ind.weight) if ind.weight else shown)",
        "scored = replace(scored, score=shown)",
        ("tests/hostile/test_bounded_numbers.py",),
    ),
    Mutant(
        "workbook-size-unchecked",
        "an .xlsx is parsed without checking its parts and extent first",
        "generator/io/located.py",
        "    bounded(path, found, at)\n",
        "",
        ("tests/hostile/test_bad_workbooks.py",),
    ),
    Mutant(
        "nesting-scan-backtracks",
        "the TOML nesting scan keeps backtracking state for every string (gigabytes for a big file)",
        "generator/data/toml_text.py",
        '"(?:[^\\\\[\\\\]{}#\\"\'\\\\n]++|(?!\\"{3})\\"(?:[^\\"\\\\\\\\\\\\n]|\\\\\\\\[^\\\\n])*+\\"|(?!\'{3})\'[^\'\\\\n]*+\'|\\\\n)*+"',
        '"(?:[^\\\\[\\\\]{}#\\"\'\\\\n]+|(?!\\"{3})\\"(?:[^\\"\\\\\\\\\\\\n]|\\\\\\\\[^\\\\n])*\\"|(?!\'{3})\'[^\'\\\\n]*\'|\\\\n)*"',
        ("tests/hostile/test_big_files.py",),
    ),
    Mutant(
        "other-data-file-replaces-report",
        "a build of another data file of the same unit and year replaces the first one's report",
        "generator/building/unit.py",
        "outcome.backup = records.guard(target, force, docx, keep, source)",
        "outcome.backup = records.guard(target, force, docx, keep)",
        ("tests/hostile/test_year_files.py",),
    ),
    Mutant(
        "summary-grade-scales",
        "the summary's grade chart counts each format's grade names apart (优 beside 优秀)",
        "generator/compute/across.py",
        "            mapping.update(zip(scale, ref, strict=True))",
        "            pass",
        ("tests/test_summary.py",),
    ),
    Mutant(
        "summary-total-mean",
        "the summary's 合计/平均 row adds the amounts of only the first unit",
        "generator/compute/across.py",
        "    return sum(present, Decimal(0)) if present else None",
        "    return present[0] if present else None",
        ("tests/test_summary.py",),
    ),
    Mutant(
        "export-prints-reference-sheets",
        "the exported 自评表's 计算值 and 指标得分 sheets are left visible, so they print too",
        "generator/io/writing/workbook_export.py",
        '        ws.sheet_state = "hidden"',
        "        pass",
        ("tests/test_workbook_export.py", "tests/test_pdf_convert.py"),
    ),
    Mutant(
        "summary-unit-rounding",
        "the summary stores each unit's own rounded display (100.16% as 100%), not the exact figure",
        "generator/io/writing/summary_cells.py",
        "        st.put(ws, row, col, to_excel(value), font, fmt=fmt, fill=fill)",
        "        st.put(ws, row, col, to_excel(round(value, 2 if fmt.endswith('%') else 0)), font,"
        " fmt=fmt, fill=fill)",
        ("tests/test_summary.py", "tests/test_pdf_convert.py"),
    ),
    Mutant(
        "web-sub-rows-after-move",
        "sub-items (子项, 分级) are set after their parent rows were reordered: they land under another row",
        "generator/web/editing.py",
        """                apply_nested(doc, path, cls, sent, out)
                apply_rows(doc, g.path, key, path, cls, sent, out)""",
        """                apply_rows(doc, g.path, key, path, cls, sent, out)
                apply_nested(doc, path, cls, sent, out)""",
        ("tests/web/test_edit_nested.py",),
    ),
    Mutant(
        "web-new-from-sheet-message",
        "新建单位 from a 自评表 over an existing name answers with the command line's words (--into)",
        "generator/web/routes_misc.py",
        """        path = site().folder.new_file(request.form.get("name", ""))
        if path.exists():""",
        """        path = site().folder.new_file(request.form.get("name", ""))
        if False:""",
        ("tests/web/test_new_from_sheet.py",),
    ),
    Mutant(
        "formula-text",
        "text that starts like a formula (+1, @SUM, -2, ＝) is written as a plain cell value, "
        "which a spreadsheet may take for a formula",
        "generator/io/writing/sheetstyle.py",
        """    cell.data_type = "s"
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
        cell.quotePrefix = True""",
        """    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = 'f'""",
        ("tests/hostile/test_formula_text.py",),
    ),
    Mutant(
        "summary-over-foreign-workbook",
        "summary -o replaces any existing workbook, a filled 自评表 included",
        "generator/io/writing/ownership.py",
        "    if written_as(target) != kind:",
        "    if written_as(target) not in (kind, None) and False:",
        ("tests/hostile/test_workbook_replace.py",),
    ),
    Mutant(
        "page-writes-through-output-link",
        "生成全部报告 starts without checking that the output folder lies inside the served folder",
        "generator/web/jobs.py",
        """        for source in sources:
            self.folder.writable(source)
""",
        "",
        ("tests/web/test_hostile_page.py",),
    ),
    Mutant(
        "import-parses-every-sheet",
        "workbook import keeps every sheet: a damaged sheet it never needed stops the import",
        "generator/io/located.py",
        "                    data = only_sheets(data, choose(streamed))",
        "                    choose(streamed)",
        ("tests/hostile/test_workbook_speed.py",),
    ),
    Mutant(
        "dry-run-writes",
        "check's in-memory render serialises, zips and keeps the whole document it never writes",
        "generator/report/prepared.py",
        """        if not write:
            return b\"\"
""",
        "",
        ("tests/hostile/test_big_files.py",),
    ),
]


def checkout_copy(where: Path) -> Path:
    copy = where / "checkout"
    shutil.copytree(ROOT, copy, ignore=SKIP, symlinks=True)
    return copy


def planted(text: str, m: Mutant) -> str:
    """The file's text with the bug in it; the text to change must be there exactly once."""
    found = text.count(m.old)
    if found != 1:
        raise SystemExit(
            f"{m.name}: the text to change is in {m.path} {found} times, not once; "
            f"update tools/mutants.py with the code it guards:\n  {m.old}"
        )
    return text.replace(m.old, m.new)


def plant(copy: Path, m: Mutant) -> None:
    path = copy / m.path
    path.write_text(planted(path.read_text(encoding="utf-8"), m), encoding="utf-8")


def env_for(copy: Path) -> dict[str, str]:
    """The copy first on the path (also for the tests' subprocesses); no bytecode written."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(copy), *filter(None, [env.get("PYTHONPATH")])])
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("JIXIAO_FORMATS", None)
    return env


def imports_the_copy(copy: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        cwd=copy, env=env_for(copy), capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not Path(out).resolve().is_relative_to(copy.resolve()):
        raise SystemExit(f"the tests would import {out}, not the copy in {copy}")


def run_tests(copy: Path, targets: tuple[str, ...]) -> tuple[int, str]:
    # -n 0: one process, with the copy's generator/ first on sys.path (its current folder).
    cmd = [sys.executable, "-m", "pytest", "-q", "-rfE", "-n", "0", "-p", "no:cacheprovider",
           "--tb=no", *targets]  # fmt: skip
    done = subprocess.run(cmd, cwd=copy, env=env_for(copy), capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


def failing_files(out: str) -> dict[str, int]:
    """Failed tests per file, from pytest's short summary (`FAILED tests/x.py::name - …`)."""
    counts: dict[str, int] = {}
    for line in out.splitlines():
        if line.startswith(("FAILED ", "ERROR ")):
            path = line.split()[1].split("::")[0]
            counts[path] = counts.get(path, 0) + 1
    return counts


def trial(m: Mutant, whole: bool) -> tuple[Mutant, str, float, str]:
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"jixiao-mutant-{m.name}-") as tmp:
        copy = checkout_copy(Path(tmp))
        plant(copy, m)
        imports_the_copy(copy)
        code, out = run_tests(copy, ("tests",) if whole else m.guards)
    seconds = time.monotonic() - start
    failed = failing_files(out)
    blind = [g for g in m.guards if g not in failed]
    if code not in (0, 1):  # 2: interrupted, 3: internal error, 4: usage, 5: no tests
        verdict = f"ERROR (pytest exit {code})"
        said = out.strip().splitlines()[-1] if out.strip() else ""
    elif blind:
        verdict = "SURVIVED"
        said = "passes with the bug in: " + " ".join(blind)
    else:
        verdict = "caught"
        said = ", ".join(f"{path} ({n})" for path, n in sorted(failed.items()))
    return m, verdict, seconds, said


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="mutants to try (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and their guards")
    parser.add_argument("--whole", action="store_true", help="run the whole suite per mutant")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    by_name = {m.name: m for m in MUTANTS}
    unknown = [n for n in args.names if n not in by_name]
    if unknown:
        parser.error(f"no mutant {', '.join(unknown)}; --list shows them")
    chosen = [by_name[n] for n in args.names] or MUTANTS
    if args.list:
        for m in chosen:
            print(f"{m.name}: {m.what}\n  {m.path}\n  guards: {' '.join(m.guards)}")
        return 0
    for m in chosen:  # every mutant's text is found before any test runs
        planted((ROOT / m.path).read_text(encoding="utf-8"), m)
    golden_only = [m.name for m in chosen if set(m.guards) <= set(GOLDEN)]
    if golden_only:  # a regenerated dump washes the bug in: a test of meaning must fail too
        raise SystemExit(f"guarded by golden dumps alone: {', '.join(golden_only)}")
    survived = 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for m, verdict, seconds, said in pool.map(lambda m: trial(m, args.whole), chosen):
            survived += verdict != "caught"
            print(f"{verdict:9} {m.name:24} {seconds:5.1f} s  {m.what}")
            print(f"{'':9} failing tests: {said}" if verdict == "caught" else f"{'':9} {said}")
    print(f"{len(chosen) - survived} of {len(chosen)} mutants caught")
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())

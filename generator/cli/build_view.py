"""How `jixiao build` shows its work: a progress bar on a terminal, plain lines otherwise, a summary."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from generator.building.batch import Summary, build_many
from generator.building.unit import BUILT, FAILED, KEPT, UNCHANGED, Outcome
from generator.errors import Problem


def unit_lines(o: Outcome) -> list[tuple[str, bool]]:
    """The lines for one unit, each with whether it goes to stderr."""
    lines = [(f"警告：{p}", True) for p in o.warnings]
    if o.backup is not None:
        lines.append((f"已备份：{o.target} → {o.backup}", False))
        lines += edit_lines(o, "备份中的手工修改（请对照补到新报告中）：")
    if o.status == KEPT:
        lines.append((f"保留手工修改的报告：{o.target}{edit_count(o)}", False))
    elif o.status == BUILT:
        lines.append((f"已生成：{o.target}", False))
    elif o.status == UNCHANGED:
        lines.append((f"未变：{o.target}", False))
    else:
        lines += [(f"错误：{p}", True) for p in o.errors]
        lines.append((f"未生成：{o.source}（有 {len(o.errors)} 个错误，见上）", True))
    return lines


def edit_count(o: Outcome) -> str:
    if o.edits is None:
        return "（不是本工具生成的，或没有当时的文字记录）"
    if not o.edits:
        return ""
    return f"（手工改了 {len(o.edits)} 处；要重新生成并列出改了哪些段落，加 --force）"


def edit_lines(o: Outcome, head: str) -> list[tuple[str, bool]]:
    """The paragraphs the hand changed, one line each, to carry over into the new report."""
    if not o.edits:
        return []
    return [(head, False)] + [(f"  {e.describe()}", False) for e in o.edits]


def brief(p: Problem) -> str:
    """A problem without its file name (the summary line names the unit already)."""
    where = "，".join(x for x in (f"第 {p.line} 行" if p.line else "", p.key) if x)
    return f"{where}：{p.message}" if where else p.message


def summary_lines(s: Summary) -> list[str]:
    lines = [s.line()]
    for o in s.failed:
        first = brief(o.errors[0]) if o.errors else "原因不明"
        lines.append(f"  失败：{o.source}：{first}")
    return lines


def run_build(sources: list[Path], out_dir: Path, format_id: str | None, **options) -> Summary:
    """Build, showing progress; returns the summary (the caller sets the exit code)."""
    # A report allocates hundreds of thousands of short-lived objects (data, context, XML
    # proxies), nearly all freed by reference counting; with Python's default thresholds
    # the cyclic collector ran ~175 times for a 2,000-indicator unit, ~7% of its time.
    # This process only builds and exits, so it collects less often.
    gc.set_threshold(10_000, 20, 20)
    outcomes: list[Outcome] = []
    if sys.stderr.isatty() and len(sources) > 1:
        with click.progressbar(
            length=len(sources), label="生成报告", file=sys.stderr, show_pos=True, show_eta=True
        ) as bar:
            for o in build_many(
                sources, out_dir, format_id, progress=lambda _o: bar.update(1), **options
            ):
                outcomes.append(o)
        # On a terminal, list only what needs attention; the summary counts the rest.
        for o in outcomes:
            for text, err in unit_lines(o):
                if err or o.status in (FAILED, KEPT) or o.backup is not None:
                    click.echo(text, err=err)
    else:
        for o in build_many(sources, out_dir, format_id, **options):
            outcomes.append(o)
            for text, err in unit_lines(o):
                click.echo(text, err=err)
    summary = Summary(outcomes)
    for text in summary_lines(summary):
        click.echo(text)
    return summary


def write_pdfs(summary: Summary, jobs: int | None = None) -> bool:
    """A PDF beside each report built (or unchanged or kept as edited by hand, and without an
    up-to-date PDF); False if any is missing. Each conversion runs LibreOffice with its own profile, so they run side by side."""
    from concurrent.futures import ThreadPoolExecutor

    from generator.io.pdf import INSTALL, find_soffice, to_pdf

    def stale(docx: Path) -> bool:
        pdf = docx.with_suffix(".pdf")
        return not pdf.exists() or pdf.stat().st_mtime < docx.stat().st_mtime

    targets = [
        o.target
        for o in summary.outcomes
        if o.target is not None
        and (o.status == BUILT or (o.status in (UNCHANGED, KEPT) and stale(o.target)))
    ]
    if not targets:
        return True
    if find_soffice() is None:
        click.echo(f"错误：{INSTALL}", err=True)
        return False
    with ThreadPoolExecutor(max_workers=max(1, min(jobs or 2, len(targets)))) as pool:
        results = list(pool.map(to_pdf, targets))
    said: set[str] = set()
    ok = True
    for docx, result in zip(targets, results, strict=True):
        for warning in result.warnings:
            if warning not in said:
                said.add(warning)
                click.echo(f"警告：{warning}", err=True)
        if result.pdf is not None:
            click.echo(f"已生成 PDF：{result.pdf}")
        else:
            ok = False
            click.echo(f"错误：{docx}：{result.problem}", err=True)
    return ok

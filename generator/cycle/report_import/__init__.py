"""`jixiao import 报告.docx`: a finished report read back into a draft unit file.

The report is read by its structure and wording (numbered headings, tables whose header names
一级指标/分值/得分, sentences such as “年初预算X万元”), never by matching known reports; the format
is the one whose template's chapters and tables it has most of. What it is not sure of is marked
for `check` to list; an existing file is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.cycle.report_import.chapters import find_section, read_chapters
from generator.cycle.report_import.facts import (
    read_assets,
    read_budget,
    read_offices,
    read_staff,
    read_unit,
)
from generator.cycle.report_import.found import Draft
from generator.cycle.report_import.funds import read_outside
from generator.cycle.report_import.indicators import read_indicators
from generator.cycle.report_import.outline import outline, recognise
from generator.cycle.report_import.references import refer_mistaken_numbers
from generator.cycle.report_import.write import REQUIRED, unit_toml
from generator.data.formats import resolve
from generator.errors import JixiaoError
from generator.io.reading.report_docx import ReportText, read_report
from generator.report.write import atomic_write


def draft_of(text: ReportText, format_id: str | None = None) -> Draft:
    """Everything the report says that the data file holds."""
    known = recognise(text)
    fmt_id, fmt_known = (format_id, True) if format_id else (known.format_id, known.known)
    draft = Draft(text.source, fmt_id, fmt_known)
    root = outline(text)
    paragraphs = [p.text for p in text.paragraphs]
    read_unit(root, draft, paragraphs)
    read_chapters(root, draft)
    read_offices(draft, paragraphs)
    read_staff(find_section(root, "人员", "编制"), draft)
    read_budget(draft, paragraphs)
    read_outside(draft, paragraphs)
    read_assets(draft, paragraphs)
    read_indicators(text, root, draft)
    return draft


@dataclass(frozen=True)
class ReportImport:
    target: Path
    draft: Draft
    found: list[str]  # key paths read with certainty
    unsure: list[str]  # key paths marked 待填 or 【待核对】
    missing: list[str]  # required key paths the report did not give
    referred: list[str]  # numbers in the text turned into {references}, and where


def summary(draft: Draft) -> tuple[list[str], list[str], list[str]]:
    found = [k for k, f in draft.values.items() if f.sure]
    unsure = [k for k, f in draft.values.items() if not f.sure]
    for i, item in enumerate(draft.indicators, 1):
        unsure += [f"指标[{i}].{k}" for k, f in item.items() if not f.sure]
    missing = [k for k in REQUIRED if k not in draft.values]
    if not draft.indicators:
        missing.append("指标")
    return found, unsure, missing


def import_report(source: Path, target: Path, format_id: str | None = None) -> ReportImport:
    """Write a draft unit file from a finished report; never overwrites `target`."""
    source, target = Path(source), Path(target)
    if target.suffix.lower() != ".toml":
        raise JixiaoError(
            f"单位数据文件应以 .toml 结尾，而不是“{target.name}”：请用 -o 某单位.toml"
        )
    if target.exists():
        raise JixiaoError(f"{target} 已经存在，没有覆盖：请用 -o 另指一个文件名")
    if format_id:
        resolve(format_id)  # an unknown format is reported with the list of known ones
    draft = draft_of(read_report(source), format_id)
    how = "识别" if draft.format_known else "未能识别，按标准格式读取"
    head = (
        f"由 jixiao import 从 {source.name} 读出的草稿（格式：{draft.format_id}，{how}）。\n"
        f"标“{'待填'}”或【待核对】的项，上面的注释写着报告中的原句：核对、填写后删去标记。\n"
        "执行率、得分、总分、等级由工具计算；运行 jixiao check 列出须核对的各项。"
    )
    text, referred = refer_mistaken_numbers(target, unit_toml(draft, head))
    atomic_write(target, text.encode("utf-8"))
    found, unsure, missing = summary(draft)
    return ReportImport(target, draft, found, unsure, missing, referred)

"""The 指标 read from the report: from a table whose header names 一级/二级/三级指标, 指标值, 实际值,
分值, 得分; or, where the report has no such table, from headings like “2. 群众满意度（10分）” with a
sentence “该指标得分为10分”. A stated 总分 and 等级 are read too, for `check` to compare."""

from __future__ import annotations

import re

from generator.cycle.report_import.found import Draft, Found
from generator.cycle.report_import.losses import from_losses
from generator.cycle.report_import.outline import Section
from generator.cycle.report_import.statements import from_statements
from generator.io.reading.report_docx import Para, ReportText, Table
from generator.io.reading.written_numbers import normal, number

COLUMNS = (  # key, header words (first that matches a header cell wins for that column)
    ("一级", ("一级指标",)),
    ("二级", ("二级指标",)),
    ("三级", ("三级指标", "指标名称")),
    ("指标值", ("年度指标值", "指标值", "目标值")),
    ("实际值", ("实际完成值", "实际值", "完成值", "实际完成")),
    ("分值", ("分值", "权重")),
    ("得分", ("得分",)),
    ("评分标准", ("评分标准", "评分要点")),
    ("偏差原因", ("偏差原因",)),
)
TOTAL_ROW = ("总分", "合计", "总计")
HEADED = re.compile(r"^\d+\s*[.．、]\s*(.+?)[（(]\s*([\d.]+)\s*分\s*[）)]$")
SCORED = re.compile(r"得分(?:为|是)?\s*([\d.]+)\s*分")
TOTAL = re.compile(r"(?:综合得分|总分|总得分|绩效得分|自评得分|评价得分)(?:为|是)?\s*([\d.]+)\s*分")
GRADE = re.compile(r"(?:等级|等次)(?:为|是)?[“\"]?(优秀|良好|一般|较差|优|良|中|差|合格|不合格)")


def _columns(header: tuple[str, ...]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for key, words in COLUMNS:
        for i, cell in enumerate(header):
            cell = cell.replace("\n", "").replace(" ", "")
            if i not in cols.values() and any(w in cell for w in words):
                cols[key] = i
                break
    return cols


def header(table: Table) -> tuple[tuple[str, ...], int]:
    """The header's cell texts and how many rows it takes: a two-row header (“评价指标” over
    “一级 | 二级 | 三级”) reads as one, each column's words joined."""
    if not table.rows:
        return (), 0
    first = table.rows[0]
    if len(table.rows) > 1 and not {"一级", "三级"} <= set(_columns(first)):
        second = table.rows[1]
        if any(re.fullmatch(r"[一二三]级(?:指标)?", c.strip()) for c in second):
            joined = tuple(
                a if a == b else f"{a}{b}{'指标' if b.endswith('级') else ''}"
                for a, b in zip(first, second, strict=False)
            )
            return joined, 2
    return first, 1


def is_indicator_table(table: Table) -> bool:
    cols = _columns(header(table)[0])
    return "三级" in cols or ("一级" in cols and "二级" in cols and "分值" in cols)


def is_score_table(table: Table) -> bool:
    """A table of the scores by 一级指标 alone (一级指标 | 分值 | 得分 …)."""
    cols = _columns(header(table)[0])
    return {"一级", "分值", "得分"} <= set(cols) and "三级" not in cols and "二级" not in cols


def _decimal(text: str) -> tuple[object, bool]:
    value = number(normal(text).rstrip("分"))
    return (value, True) if value is not None else (text, False)


def from_table(table: Table, draft: Draft, summary: bool = False) -> None:
    head, skip = header(table)
    cols = _columns(head)
    for row in table.rows[skip:]:
        cells = {k: row[i].strip() if i < len(row) else "" for k, i in cols.items()}
        if not any(cells.values()) or any(cells.get("一级", "").startswith(t) for t in TOTAL_ROW):
            continue
        if cells.get("一级") == head[cols["一级"]] if "一级" in cols else False:
            continue  # a header row repeated on the next page
        line = " | ".join(c for c in row if c)
        item: dict[str, Found] = {}
        for key, text in cells.items():
            if not text:
                continue
            if key in ("分值", "得分"):
                value, ok = _decimal(text)
                item[key] = Found(value, line, sure=ok, note="" if ok else "不是数字")
            else:
                item[key] = Found(text, line)
        if "一级" in item and summary:  # one line for the whole 一级: a person splits it
            note = "报告只列出一级指标的分值和得分，这里每个一级指标记为一项"
            item["三级"] = Found(item["一级"].value, line, sure=False, note=note)
        if "一级" in item:
            draft.indicators.append(item)


def from_headings(root: Section, draft: Draft) -> None:
    """“1. 预算执行率（10分）” followed by its account ending “该指标得分为7分”."""
    for s in root.walk():
        m = HEADED.match(s.title)
        if not m:
            continue
        text = s.paragraphs()
        joined = "".join(text)
        item = {"三级": Found(m.group(1).strip(), s.title)}
        item["分值"] = Found(number(m.group(2)), s.title)
        scored = SCORED.search(joined)
        if scored:
            item["得分"] = Found(number(scored.group(1)), scored.group(0))
        item["说明"] = Found([SCORED_TAIL.sub("", t) for t in text], s.title)
        item["一级"] = Found(
            _level1(m.group(1)), s.title, sure=False, note="报告未写一级指标，按名称推断"
        )
        draft.indicators.append(item)


SCORED_TAIL = re.compile(r"[，,。]?\s*该指标(?:绩效评价)?得分(?:为)?\s*[\d.]+\s*分[。.]?$")


def _level1(name: str) -> str:
    if "预算执行" in name:
        return "预算执行"
    if "满意" in name:
        return "满意度指标"
    if any(w in name for w in ("效益", "有效性", "知晓", "覆盖", "发生")):
        return "效益指标"
    return "产出指标"


def read_indicators(text: ReportText, root: Section, draft: Draft) -> None:
    tables = [t for t in text.tables if is_indicator_table(t)]
    for t in tables:
        from_table(t, draft)
    if not draft.indicators:
        from_headings(root, draft)
    if not draft.indicators:
        from_statements(root, draft)
    if not draft.indicators:
        for t in (t for t in text.tables if is_score_table(t)):
            from_table(t, draft, summary=True)
    if not draft.indicators:
        from_losses([b.text for b in text.blocks if isinstance(b, Para)], draft)
    for block in text.blocks:
        if isinstance(block, Para):
            m = TOTAL.search(block.text)
            if m and "满分" not in block.text[: m.start()][-4:]:
                draft.put("评价.总分", Found(number(m.group(1)), block.text))
            g = GRADE.search(block.text)
            if g:
                draft.put("评价.等级", Found(g.group(1), block.text))

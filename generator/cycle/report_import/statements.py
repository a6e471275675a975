"""指标 a report states in sentences rather than a table: under a heading such as “产出数量”
(in a chapter on 产出 or 效果), “综合治理产出数量：举办宣传活动次数≥2次；…（定性：好）。各项目的
产出数量指标均达到年初绩效目标，定性指标评价为“好”。” Read by the words, never by position."""

from __future__ import annotations

import re

from generator.cycle.report_import.found import Draft, Found
from generator.cycle.report_import.outline import Section

TARGET = re.compile(r"(?:[（(]定性[：:]\s*(?P<q>[^）)]+)[）)]|(?P<v>[≥≤=＞＜><].+))$")
LEVEL2 = ("产出", "效益", "效果", "满意度")
MET = re.compile(r"均(?:达到|完成|实现)")
QUALITY = re.compile(r"定性指标(?:的)?评价(?:结果)?为[“\"]([^”\"]+)[”\"]")


def _level1(chapter: str, level2: str) -> str | None:
    if "满意" in level2:
        return "满意度指标"
    if "产出" in chapter or level2.startswith("产出"):
        return "产出指标"
    if any(w in chapter for w in ("效果", "效益")):
        return "效益指标"
    return None


def _items(sentence: str, level2: str) -> list[tuple[str, str, str, bool]]:
    """(项目, 三级, 指标值, 定性) for each “项目二级：三级指标值” of the sentence."""
    out = []
    for part in re.split(r"[；;]", sentence):
        at = part.find(level2)
        if at < 0:
            return []
        project, rest = part[:at].strip(), part[at + len(level2) :].strip()
        target = TARGET.search(rest)
        if target is None:
            return []
        name = rest[: target.start()].lstrip("：:").strip() or level2
        qualitative = target.group("q") is not None
        out.append((project, name, (target.group("q") or target.group("v")).strip(), qualitative))
    return out


def from_statements(root: Section, draft: Draft) -> None:
    for chapter in root.walk():
        for section in chapter.children:
            level2 = section.name
            level1 = _level1(chapter.name, level2)
            if level1 is None or not any(w in level2 for w in LEVEL2):
                continue
            text = "".join(section.paragraphs())
            first, _, after = text.partition("。")
            items = _items(first, level2)
            if not items:
                continue
            met = bool(MET.search(after))
            quality = QUALITY.search(after)
            for project, name, target, qualitative in items:
                row = {"一级": Found(level1, first), "二级": Found(level2, first)}
                if project:
                    row["项目"] = Found(project, first)
                row["三级"] = Found(name, first)
                row["指标值"] = Found(target, first)
                if qualitative and quality:
                    row["实际值"] = Found(quality.group(1), after)
                elif met:
                    note = "报告只说各项指标均达到目标，没有写实际值"
                    row["实际值"] = Found("达成", after, note=note)
                draft.indicators.append(row)

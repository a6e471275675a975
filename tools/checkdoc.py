"""Write docs/checks.md from the check catalogue: `python tools/checkdoc.py`."""

from __future__ import annotations

from pathlib import Path

from generator.checks import CATALOGUE

TARGET = Path(__file__).resolve().parent.parent / "docs" / "checks.md"

INTRO = """# 核对项目一览

`jixiao check` 与 `jixiao build` 对每个单位运行下列核对。**错误**会阻止生成报告，**警告**不阻止，
但应当看一眼。每条信息都写明键路径（如 `指标[3].分值`）、行号、两边的数和差额。

恒等式的允许误差只是输入数字的舍入误差：每个输入按其写到的最后一位取半个单位（整数按写到
0.01 计，0 视为精确），再相加。例如 `2778.36 + 10228.34 = 13006.70` 允许 ±0.015。

指标得分按格式的评分规则计算（`jixiao check` 的“指标得分”一节逐项列出规则和算式），计算所得的
得分按格式的“得分小数位”四舍五入一次，总分是各项得分之和，所以报告中各项与合计一致。

本文件由 `python tools/checkdoc.py` 根据程序中的核对目录生成，请勿手工修改。

| 编号 | 级别 | 核对内容 |
|---|---|---|
"""


def render_doc() -> str:
    return INTRO + "".join(f"| `{c.id}` | {c.level} | {c.title} |\n" for c in CATALOGUE)


if __name__ == "__main__":
    TARGET.write_text(render_doc(), encoding="utf-8")
    print(f"wrote {TARGET}")

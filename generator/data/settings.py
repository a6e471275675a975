"""A district format's settings: the schema of `settings.toml` and the built-in defaults (MOF)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.data import DEFAULT_FILE_NAME
from generator.data.fields import many, spec

# What a format gets when neither it nor a format it extends says otherwise (domain.md §4–§5).
DEFAULTS: dict = {
    "模板": "template.docx",
    "数字": {
        "金额小数位": 2,
        "金额原样": False,
        "千分位": False,
        "百分比小数位": 2,
        "得分小数位": 2,
        "指标得分去零": False,
        "百分比去零": False,
        "整百分比去零": False,
    },
    "评分": {
        "总分": 100,
        "预算执行率": "比例",
        "执行率封顶": True,
        "执行率目标": 100,
        "执行率预警差距": 10,
        "显示执行率封顶": False,
        "计分": True,
        "达成": [80, 100],
        "部分达成": [60, 80],
        "未达成": [0, 60],
        "分档": [
            {"下限": 100, "得分比例": 100},
            {"下限": 90, "得分比例": 90},
            {"下限": 80, "得分比例": 80},
            {"下限": 70, "得分比例": 70},
            {"下限": 60, "得分比例": 60},
            {"下限": 0, "得分比例": 0},
        ],
    },
    "报告": {
        "文件名": DEFAULT_FILE_NAME,
        "附录计分说明": False,
        "更正说明": "{名称}原为{原值}，经核实更正为{现值}。{说明}",
    },
    "等级": [
        {"名称": "优", "下限": 90},
        {"名称": "良", "下限": 80},
        {"名称": "中", "下限": 60},
        {"名称": "差", "下限": 0},
    ],
}


PLACES = 10  # decimals any setting may ask for


@dataclass
class Numbers:
    """数字：小数位与千分位。"""

    money_places: int = spec("金额小数位", "金额保留的小数位", example=2, low=0, high=PLACES)
    money_as_written: bool = spec(
        "金额原样", "金额按数据中写的位数印（如六位小数），不再取舍", example=False
    )
    separators: bool = spec("千分位", "金额是否加千分位逗号", example=True)
    percent_places: int = spec("百分比小数位", "百分比保留的小数位", example=2, low=0, high=PLACES)
    score_places: int = spec("得分小数位", "总分与得分保留的小数位", example=2, low=0, high=PLACES)
    trim_scores: bool = spec("指标得分去零", "单项得分去掉末尾的 0（10.00 印为 10）", example=True)
    trim_percent: bool = spec(
        "百分比去零", "百分比去掉小数末尾的 0（100.0% 印为 100%，173.8% 不变）", example=False
    )
    trim_whole_percent: bool = spec(
        "整百分比去零", "整数的百分比不印小数（100.00% 印为 100%，19.09% 不变）", example=True
    )


@dataclass
class Band:
    """预算执行率分档：执行率不低于下限（%）时得分值的该比例（%）。"""

    lower: Decimal = spec("下限", "执行率下限（%）", required=True, example=90)
    share: Decimal = spec(
        "得分比例", "得分占分值的比例（%）", required=True, example=90, low=0, high=100
    )


@dataclass
class LevelWeight:
    """一级指标的规定分值。"""

    name: str = spec(
        "名称", "一级指标名称（数据中的“一级”以此开头即算匹配）", required=True, example="产出指标"
    )
    weight: Decimal = spec(
        "分值", "该一级指标下各指标分值之和应等于的数", required=True, example=50
    )


@dataclass
class Scoring:
    """评分规则。"""

    total: Decimal = spec("总分", "指标分值合计应等于的满分", example=100, low=1, high=10000)
    execution: str = spec("预算执行率", '预算执行率指标的评分："比例" 或 "分档"', example="比例")
    cap: bool = spec("执行率封顶", "执行率超过 100% 时按 100% 计分", example=True)
    display_cap: bool = spec("显示执行率封顶", "执行率超过 100% 时报告中印为 100%", example=False)
    met: list[Decimal] = many("达成", "定性指标“达成”的得分区间（分值的 %）", example=[80, 100])
    partly: list[Decimal] = many(
        "部分达成", "定性指标“部分达成”的得分区间（分值的 %）", example=[60, 80]
    )
    unmet: list[Decimal] = many("未达成", "定性指标“未达成”的得分区间（分值的 %）", example=[0, 60])
    bands: list[Band] = many("分档", "预算执行率分档")
    levels: list[LevelWeight] = many("一级分值", "各一级指标的规定分值（可省略；写了就核对）")
    execution_target: Decimal = spec(
        "执行率目标", "预算执行率的目标（%），指标值未写时使用", example=100
    )
    execution_gap: Decimal = spec(
        "执行率预警差距", "执行率低于目标多少个百分点且无说明时给出警告", example=10
    )
    scored: bool = spec(
        "计分",
        "报告是否有分值与得分；false 时指标只列目标与完成情况，不计分、不评等级",
        example=True,
    )


@dataclass
class Grade:
    """等级：总分不低于下限时的等级名称。"""

    name: str = spec("名称", "等级名称", required=True, example="优")
    lower: Decimal = spec("下限", "总分下限（含）", required=True, example=90)


@dataclass
class ReportOptions:
    """报告中可选的内容与措辞。"""

    file_name: str = spec(
        "文件名",
        "生成的报告文件名（不含 .docx）：{简称} 单位简称（未填或是“我镇”“本单位”这类自称时用名称），"
        "{名称} 单位全称，{年度} 年度；命令行 -o 给出 .docx 文件名时以它为准",
        example="{简称}{年度}年度部门整体支出绩效自评报告",
    )
    scoring_appendix: bool = spec(
        "附录计分说明",
        "模板有“计分说明”附录时是否印出：逐项说明每个指标怎样得分（报告语言，不印算式）",
        example=False,
    )
    correction: str = spec(
        "更正说明",
        "数据中每条“更正”在报告中的说法：{名称} 更正的项目，{原值} 原始资料中的值，"
        "{现值} 数据中现在的值（金额按本格式印、带单位，日期印作某年某月某日），"
        "{说明} 更正的理由（未填为空），{依据} 更正的依据（未填为空）",
        example="{名称}原为{原值}，经核实更正为{现值}。{说明}",
    )


@dataclass
class ExtraField:
    """附加数据：本格式的模板用到、而数据模型没有的一项事实（如联系人、预算编码），写在单位数据的 ["扩展"] 表中。"""

    key: str = spec(
        "键",
        '在单位数据 ["扩展"] 表中的键名，模板中写 {{ 扩展.键名 }}',
        required=True,
        example="联系人",
    )
    kind: str = spec(
        "类型", "文字、数字、整数、日期、true/false 或 文字的数组（默认 文字）", example="文字"
    )
    unit: str | None = spec("单位", "数值的单位（万元、人……），写进说明", example="")
    doc: str = spec(
        "说明",
        "含义，jixiao init 写在注释里、check 写在信息里",
        required=True,
        example="报告联系人",
    )
    required: bool = spec("必填", "每个单位都必须填写", example=False)
    example: object = spec("示例", "示例值，jixiao init 写在注释里", example="张三")


@dataclass
class Settings:
    """一个地区格式的设置（templates/<格式>/settings.toml）。"""

    name: str = spec("名称", "格式名称", required=True, example="重庆市璧山区整体支出绩效自评报告")
    region: str = spec("地区", "适用地区", required=True, example="重庆市璧山区")
    note: str | None = spec("说明", "格式说明")
    extends: str | None = spec("继承", "所继承的格式编号，只写与它不同的设置", example="standard")
    template: str = spec("模板", "Word 模板文件名", example="template.docx")
    numbers: Numbers = spec("数字", "数字格式")
    scoring: Scoring = spec("评分", "评分规则")
    report: ReportOptions = spec("报告", "报告中可选的内容与措辞")
    grades: list[Grade] = many("等级", "等级划分，按下限从高到低")
    fields: list[ExtraField] = many(
        "字段", '本格式的模板用到的附加数据（数据模型没有的键）：单位在 ["扩展"] 表中填写'
    )
    qualitative: dict[str, str] = spec(
        "定性目标",
        "本格式增加的定性指标值、实际值写法及其含义（达成、部分达成或未达成），"
        "补充工具自带的写法（见下文“定性的写法”）",
        example={"群众认可": "达成"},
        default_factory=dict,
    )


def settings_problems(s: Settings) -> list[tuple[str, str]]:
    """(key, why) for settings of the right types that still make no sense together."""
    out = []
    r = s.scoring
    if r.execution not in ("比例", "分档"):
        out.append(("评分.预算执行率", f'应为 "比例" 或 "分档"，实际是“{r.execution}”'))
    if r.execution == "分档" and not r.bands:
        out.append(("评分.分档", '按分档计分时须列出各档（[["评分"."分档"]]）'))
    for key, band in (("达成", r.met), ("部分达成", r.partly), ("未达成", r.unmet)):
        if len(band) != 2 or not 0 <= band[0] <= band[1] <= 100:
            out.append((f"评分.{key}", "应为两个 0–100 之间、由小到大的数，如 [80, 100]"))
    if not s.grades:
        out.append(("等级", "至少要有一个等级"))
    elif min(g.lower for g in s.grades) != 0:
        out.append(("等级", "最低一档的下限须为 0，否则低于它的总分没有等级"))
    if any(not g.name.strip() for g in s.grades):
        out.append(("等级", "每个等级都要有名称"))
    name = s.template
    if "/" in name or "\\" in name or name.startswith(".") or not name.lower().endswith(".docx"):
        out.append(("模板", f"应为本格式文件夹中的 .docx 文件名（如 template.docx），不是“{name}”"))
    return out

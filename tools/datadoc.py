"""Write docs/data.md from the model, so the documented keys are exactly the keys read.

Run `python tools/datadoc.py` after changing model.py; a test fails while the file is stale.
"""

from __future__ import annotations

import dataclasses
import typing
from decimal import Decimal
from pathlib import Path

from generator.data import model
from generator.data.schema import SHORTHAND, fields_of

INTRO = """# 单位数据文件（TOML）说明

每个单位一年一个 `.toml` 文件，UTF-8 编码（带不带 BOM 均可）。键名是中文，**须加英文双引号**
（`"名称" = "…"`、`["单位"]`、`[["指标"]]`），这是 TOML 的规定。金额一律以**万元**为单位、
不加引号、不带千分位逗号（`13245.05`）；工具按数据中写的数精确计算，只在印出时四舍五入。

由数据计算得到的数字（执行率、调整率、差异率、变动率、得分率、合计、指标得分、总分、等级）
**不要**写进数据文件，工具会计算；叙述文字中需要这些数字时写引用，如 `{预算执行率}`、`{总分}`，
生成时替换为计算值（`jixiao check` 列出可引用的全部名称）。

顶层的普通键（`"职责"`、`"问题"`、`"建议"`）须写在文件开头、第一个 `[表]` 之前，
这是 TOML 的规定；`[["指标"]]` 这样的表数组可以写在任何位置。

错误信息中的键路径如 `指标[3].分值`，方括号里是从 1 开始的序号（第 3 个指标的分值）。

还没有填的值写 `"待填"`；`jixiao rollover` 从上年沿用的叙述文字开头有 `【待核对】`，核对修改后删去。
`check` 逐项列出这两种标记，删去之前不生成报告（见 [cycle.md](cycle.md)）。格式在设置中声明的附加数据
（如联系人）写在 `["扩展"]` 表中（见 [formats.md](formats.md)）。

本文件由 `python tools/datadoc.py` 根据程序中的数据模型生成，请勿手工修改。
"""

TYPE_LABEL = {str: "文字", int: "整数", Decimal: "数字", bool: "true/false", object: "任意"}


def _type_label(typ) -> str:
    origin = typing.get_origin(typ)
    if origin is dict:
        return "表（键 = 文字）"
    if origin is list:
        (inner,) = typing.get_args(typ)
        if dataclasses.is_dataclass(inner):
            return f"表的数组（{inner.__doc__.split('：')[0].rstrip('。')}）"
        return f"{_type_label(inner)}的数组"
    if dataclasses.is_dataclass(typ):
        return "表"
    if typ.__name__ == "date":
        return "日期"
    return TYPE_LABEL.get(typ, str(typ))


def _example(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return f'`"{value}"`'
    if isinstance(value, list):
        inner = ", ".join(f'"{v}"' if isinstance(v, str) else str(v) for v in value)
        return f"`[{inner}]`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, dict):
        return "`{ " + ", ".join(f'"{k}" = "{v}"' for k, v in value.items()) + " }`"
    return f"`{value}`"


def section(cls, path: str, seen: set) -> list[str]:
    lines = [f"## `{path}`" if path else "## 顶层", "", (cls.__doc__ or "").strip(), ""]
    if cls in SHORTHAND:
        lines += [
            "可以只写一个字符串，代表只填“"
            + next(k for k, (f, _) in fields_of(cls).items() if f.name == SHORTHAND[cls])
            + "”。",
            "",
        ]
    lines += ["| 键 | 类型 | 单位 | 必填 | 含义 | 示例 |", "|---|---|---|---|---|---|"]
    nested = []
    for key, (f, typ) in fields_of(cls).items():
        meta = f.metadata
        lines.append(
            f"| `{key}` | {_type_label(typ)} | {meta['unit']} | {'是' if meta['required'] else ''} | {meta['doc']} | {_example(meta['example'])} |"
        )
        inner = typing.get_args(typ)[0] if typing.get_origin(typ) is list else typ
        if dataclasses.is_dataclass(inner) and inner not in seen:
            seen.add(inner)
            suffix = "[]" if typing.get_origin(typ) is list else ""
            nested.append((inner, f"{path}.{key}{suffix}" if path else f"{key}{suffix}"))
    lines.append("")
    for inner, sub in nested:
        lines += section(inner, sub, seen)
    return lines


def render_doc() -> str:
    return INTRO + "\n" + "\n".join(section(model.Report, "", {model.Report}))


SETTINGS_INTRO = """# 格式设置（settings.toml）说明

每个格式文件夹 `templates/<格式编号>/` 里有一个 `settings.toml`。键名同样须加英文双引号。
写了 `"继承" = "另一个格式"` 时，只需写与被继承格式不同的设置；表（如 `["数字"]`）逐键合并，
数组（如 `[["等级"]]`、`"一级分值"`）整体替换。都没写的取内置默认值（财政部口径）：

```toml
{defaults}
```

本文件由 `python tools/datadoc.py` 根据程序生成，请勿手工修改。
"""


MEASURES = """## 定性的写法

指标值、实际值可以写数值（`≥95%`、`≤12月`、`=100%`、`≥3000人次`、`90%以上`），也可以写定性的词。
工具认得下列写法；格式可在设置的 `["定性目标"]` 表中增加本地区的写法（继承时逐项合并）：

```toml
["定性目标"]
"群众认可" = "达成"
"有待加强" = "部分达成"
```

定性的指标值（如 `明显改善`）使该指标按“定性”规则评分：实际值写其中一个词，或写 达成、部分达成、
未达成，得分在格式设置的区间内（`达成`、`部分达成`、`未达成` 三项）由评价人给出。

数值按录入习惯写也认得：千分位逗号（`1,286人次`）、全角数字（`１２３`）、数字与 % 之间的空格（`90 %`）。

{words}
"""


def render_measures() -> str:
    from generator.compute.measures import QUALITATIVE, VERDICTS

    rows = ["| 含义 | 写法 |", "|---|---|"]
    for verdict in VERDICTS:
        words = "、".join(f"`{w}`" for w, v in QUALITATIVE.items() if v == verdict)
        rows.append(f"| {verdict} | {words} |")
    return MEASURES.replace("{words}", "\n".join(rows))


def render_settings_doc() -> str:
    import tomlkit

    from generator.data.settings import DEFAULTS, Settings

    intro = SETTINGS_INTRO.replace("{defaults}", tomlkit.dumps(DEFAULTS).strip())
    return intro + "\n" + "\n".join(section(Settings, "", {Settings})) + "\n" + render_measures()


TARGET = Path(__file__).resolve().parent.parent / "docs" / "data.md"
SETTINGS_TARGET = TARGET.parent / "settings.md"

if __name__ == "__main__":
    TARGET.write_text(render_doc(), encoding="utf-8")
    SETTINGS_TARGET.write_text(render_settings_doc(), encoding="utf-8")
    print(f"wrote {TARGET} and {SETTINGS_TARGET}")

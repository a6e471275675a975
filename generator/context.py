"""What a template sees: the facts in Chinese keys, every computed figure, and the filters."""

from __future__ import annotations

from decimal import Decimal

from generator import numbers
from generator.evaluate import Evaluated
from generator.figures import MONEY, RATE, SCORE, show
from generator.numbers import fmt_number, ratio
from generator.scoring import MET, is_qualitative
from generator.settings import Settings

# Appended by the 合并 filter; render.py merges equal marked cells of a column, then removes it.
MERGE_MARK = "\u2063"


def filters(s: Settings) -> dict:
    """Template filters, named in Chinese like the placeholders."""

    def money(v):
        return show(_dec(v), MONEY, s)

    def percent(v):
        return show(_dec(v), RATE, s)

    def score(v):
        return show(_dec(v), SCORE, s)

    def item_score(v):
        return fmt_number(_dec(v), s.numbers.score_places, trim=s.numbers.trim_scores)

    def up_down(v):
        """A signed change rate as 增加 19.09% / 减少 19.09%."""
        v = _dec(v)
        if v is None:
            return numbers.DASH
        word = "增加" if v > 0 else "减少" if v < 0 else "持平"
        return word if v == 0 else f"{word}{show(abs(v), RATE, s)}"

    def person(v):
        """A two-character name padded with a full-width space (张帅 → 张　帅), as name lists are set."""
        name = "" if v is None else str(v)
        return f"{name[0]}\u3000{name[1]}" if len(name) == 2 else name

    return {
        "金额": money,
        "百分比": percent,
        "比率": lambda a, b: show(ratio(_dec(a), _dec(b)), RATE, s),
        "得分": score,
        "单项得分": item_score,
        "增减": up_down,
        "数字": lambda v, places=0: fmt_number(_dec(v), places, trim=places == 0),
        "中文数字": lambda n: numbers.chinese_number(int(n)),
        "章": lambda n: numbers.chapter(int(n)),
        "节": lambda n: numbers.section(int(n)),
        "条": lambda n: numbers.item(int(n)),
        "款": lambda n: numbers.subitem(int(n)),
        "合并": lambda v: f"{'' if v is None else v}{MERGE_MARK}",
        "或": lambda v, alt="": alt if v in (None, "", []) else v,
        "姓名": person,
    }


def _dec(v) -> Decimal | None:
    if v is None or isinstance(v, Decimal):
        return v
    if isinstance(v, (int, str)):
        return Decimal(v)
    raise TypeError(f"不是数字：{v!r}")


def indicators(u: Evaluated) -> list[dict]:
    s = u.fmt.settings
    rows = []
    rate = u.figures.get("预算执行率")
    for i, (row, scored) in enumerate(zip(u.data["指标"], u.scores, strict=True), 1):
        row = dict(row)
        row["序号"] = i
        if scored is not None:
            row["得分"] = scored.score
            row["评分说明"] = scored.explanation
            row["规则"] = scored.rule
            if scored.rule == "预算执行率" and not row.get("实际值") and rate is not None:
                row["实际值"] = rate.display(s)
        row["得分率"] = show(ratio(row.get("得分"), row["分值"]), RATE, s)
        row["达成情况"] = u.attained[i - 1] if u.attained else None
        row["定性"] = is_qualitative(row.get("指标值"))
        rows.append(row)
    return rows


def level_groups(rows: list[dict], s: Settings, level: str = "一级") -> list[dict]:
    """Indicators grouped by 一级 (or 二级) in order of first appearance, with weights, scores and rates."""
    groups: dict[str, dict] = {}
    for row in rows:
        name = row.get(level) or ""
        g = groups.setdefault(name, {"名称": name, "一级": row["一级"], "指标": [], "分值": Decimal(0), "得分": Decimal(0)})
        g["指标"].append(row)
        g["分值"] += row["分值"] or Decimal(0)
        g["得分"] += row.get("得分") or Decimal(0)
    for g in groups.values():
        g["得分率"] = show(ratio(g["得分"], g["分值"]), RATE, s)
        verdicts = [r["达成情况"] for r in g["指标"]]
        g["全部达成"] = all(v == MET for v in verdicts)
    return list(groups.values())


def build_context(u: Evaluated) -> dict:
    s = u.fmt.settings
    context = dict(u.data)
    rows = indicators(u)
    context["指标"] = rows
    context["一级指标"] = level_groups(rows, s)
    context["二级指标"] = level_groups(rows, s, "二级")
    context["数据"] = u.displays()
    context["数值"] = {name: fig.value for name, fig in u.figures.items()}
    context["格式"] = {
        "编号": u.fmt.id,
        "名称": s.name,
        "地区": s.region,
        "等级": [{"名称": g.name, "下限": g.lower} for g in s.grades],
    }
    return context

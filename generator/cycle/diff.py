"""What a correction changes: the facts edited, and every figure, score and grade that follows."""

from __future__ import annotations

import dataclasses
import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator.building import records
from generator.building.unit import DEFAULT_OUTPUT, target_for
from generator.compute.figure_kinds import SCORE_FIGURES, is_echo, is_score
from generator.compute.numbers import fmt_number
from generator.cycle.reread import Reread, reread_lines, to_reread
from generator.data import model
from generator.data.schema import fields_of
from generator.errors import DataError, JixiaoError
from generator.evaluate import Evaluated
from generator.examine import examine

NONE = "（无）"


@dataclass
class Change:
    key: str
    old: str | None
    new: str | None
    label: str = ""  # for people: the indicator a 指标[3].实际值 belongs to

    def as_json(self, name: str) -> dict:
        return {name: self.key, "原值": self.old, "新值": self.new}


@dataclass
class Side:
    """One version of a unit's data: its tables, and what could be evaluated of it."""

    name: str  # how to call it: a path, or 上次生成（时间）
    data: dict
    unit: Evaluated | None
    errors: int
    text: str = ""  # the file's text, for the lines of what it says

    def total_and_grade(self) -> tuple[str, str] | None:
        if self.unit is None or "总分" not in self.unit.figures:
            return None
        return self.unit.display("总分"), self.unit.display("等级")


@dataclass
class Diff:
    old: Side
    new: Side
    facts: list[Change] = field(default_factory=list)
    figures: list[Change] = field(default_factory=list)
    scores: list[Change] = field(default_factory=list)
    reread: list[Reread] = field(default_factory=list)  # sentences stating a changed fact

    @property
    def empty(self) -> bool:
        return not (self.facts or self.figures or self.scores)

    def as_json(self) -> dict:
        return {
            "原数据": self.old.name,
            "新数据": self.new.name,
            "事实": [c.as_json("键") for c in self.facts],
            "计算值": [c.as_json("名称") for c in self.figures],
            "得分": [c.as_json("名称") for c in self.scores],
            "须重读的文字": [r.as_json() for r in self.reread],
        }


def show_fact(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def flatten(value: object, path: str = "") -> dict[str, object]:
    """Key path (指标[3].实际值) → scalar, for every value in a unit's tables."""
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for k, v in value.items():
            out.update(flatten(v, f"{path}.{k}" if path else k))
        return out
    if isinstance(value, list):
        if not value:
            return {path: "[]"}
        out = {}
        for i, v in enumerate(value, 1):
            out.update(flatten(v, f"{path}[{i}]"))
        return out
    return {path: value}


def read_side(path: Path, name: str | None = None) -> Side:
    """Read and evaluate as much of a unit file as can be: a file with errors still has facts."""
    path = Path(path)
    examined = examine(path)
    if examined.loaded is None:  # unreadable TOML: nothing to compare
        raise DataError(path, list(examined.problems))
    # As many errors as `check` reports; a unit too broken to compute still has its facts.
    loaded = examined.loaded
    return Side(name or str(path), loaded.data, examined.unit, len(examined.errors), loaded.text)


def unit_of(key: str) -> str:
    """The unit (万元, 人 …) the model gives the field at a key path, or ""."""
    cls: Any = model.Report
    unit = ""
    for part in re.sub(r"\[\d+\]", "", key).split("."):
        known = fields_of(cls) if isinstance(cls, type) and dataclasses.is_dataclass(cls) else {}
        if part not in known:
            return ""
        f, typ = known[part]
        unit = f.metadata["unit"]
        args = typing.get_args(typ)
        cls = args[0] if args else typ
    return unit


def _label(key: str, side: Side) -> str:
    if not key.startswith("指标["):
        return unit_of(key)
    index = int(key[3 : key.index("]")])
    rows = side.data.get("指标", [])
    if isinstance(rows, list) and 0 < index <= len(rows) and isinstance(rows[index - 1], dict):
        return str(rows[index - 1].get("三级", ""))
    return ""


def _changes(old: Mapping[str, str | None], new: Mapping[str, str | None]) -> list[Change]:
    keys = list(new) + [k for k in old if k not in new]
    return [Change(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]


def _displays(u: Evaluated | None) -> dict[str, str]:
    if u is None:
        return {}
    return {n: f.display(u.fmt.settings) for n, f in u.figures.items() if not is_echo(n)}


def _scores(u: Evaluated | None) -> dict[str, str]:
    if u is None:
        return {}
    n = u.fmt.settings.numbers
    out = {}
    for i, (ind, scored) in enumerate(zip(u.report.indicators, u.scores, strict=True), 1):
        shown = (
            NONE if scored is None else fmt_number(scored.score, n.score_places, trim=n.trim_scores)
        )
        out[f"{i}. {ind.level3}"] = shown
    return out


def compare_sides(old: Side, new: Side) -> Diff:
    d = Diff(old, new)
    old_raw, new_raw = flatten(old.data), flatten(new.data)
    old_facts = {k: show_fact(v) for k, v in old_raw.items()}
    new_facts = {k: show_fact(v) for k, v in new_raw.items()}
    d.facts = _changes(old_facts, new_facts)
    for c in d.facts:
        c.label = _label(c.key, new) or _label(c.key, old)
    d.reread = to_reread(
        new.data, new.text, [(c.key, old_raw.get(c.key), new_raw.get(c.key)) for c in d.facts]
    )
    old_fig, new_fig = _displays(old.unit), _displays(new.unit)
    figures = _changes(old_fig, new_fig)
    d.figures = [c for c in figures if not is_score(c.key)]
    by_name = {c.key: c for c in figures if is_score(c.key)}
    ordered = [n for n in SCORE_FIGURES if n in by_name] + [
        n for n in by_name if n not in SCORE_FIGURES
    ]
    d.scores = _changes(_scores(old.unit), _scores(new.unit)) + [by_name[n] for n in ordered]
    return d


def compare(old_path: Path, new_path: Path) -> Diff:
    """`jixiao diff OLD NEW`."""
    return compare_sides(read_side(old_path), read_side(new_path))


def compare_with_last_build(source: Path, out_dir: Path = DEFAULT_OUTPUT) -> Diff:
    """`jixiao diff FILE`: the unit's data now against the data of its last build in out_dir."""
    source = Path(source)
    target = records.last_built(out_dir, source) or target_for(source, out_dir)
    copy = records.data_copy_path(target)
    record = records.read_record(target)
    if record is None or not copy.is_file():
        raise JixiaoError(
            f"没有找到 {source} 的上次生成记录（在 {copy.parent} 中）。"
            f"请用 -d 指定当时的报告输出目录，或给出两个文件：jixiao diff 旧.toml 新.toml"
        )
    when = record.built.replace("T", " ")
    old = read_side(copy, f"上次生成时的数据（{when}，{record.source}）")
    return compare_sides(old, read_side(source))


def cut(text: str | None, width: int = 60) -> str:
    if text is None:
        return NONE
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[:width] + "…"


def to_text(d: Diff) -> str:
    out = [f"原数据：{d.old.name}", f"新数据：{d.new.name}"]
    for side, what in ((d.old, "原数据"), (d.new, "新数据")):
        if side.errors:
            out.append(
                f"注意：{what}有 {side.errors} 个错误（用 jixiao check 查看），能算出的才列出"
            )
    if d.empty:
        out.append("两份数据没有差别")
        return "\n".join(out) + "\n"
    sections = (("事实", d.facts), ("计算值", d.figures), ("得分", d.scores))
    for title, changes in sections:
        if not changes:
            continue
        out.append(f"{title}（{len(changes)} 项变化）：")
        for c in changes:
            key = f"{c.key}（{c.label}）" if c.label else c.key
            out.append(f"  {key}：{cut(c.old)} → {cut(c.new)}")
    old, new = d.old.total_and_grade(), d.new.total_and_grade()
    if new:
        before = f"（原为 {old[0]} 分，“{old[1]}”）" if old else ""
        out.append(f"修订后总分 {new[0]} 分，等级“{new[1]}”{before}")
    out += reread_lines(d.reread, d.new.name)
    return "\n".join(out) + "\n"

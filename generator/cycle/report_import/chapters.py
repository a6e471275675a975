"""The report's chapters sorted into the data file's text keys by the words of their headings:
职责, 绩效目标, the 叙述 chapters, 问题 and 建议. The nearest heading that names a key wins."""

from __future__ import annotations

import re

from generator.cycle.report_import.found import Draft, Found
from generator.cycle.report_import.outline import Section, bare

# (key, words any of which in a heading send its text there); earlier rows are tried first
CHAPTERS = (
    ("职责", ("职责", "职能")),
    ("绩效目标.分项", ("分项绩效目标", "分项目标")),
    ("绩效目标.总体目标", ("绩效目标",)),
    ("叙述.重点工作", ("重点工作",)),
    ("叙述.评价目的", ("评价目的",)),
    ("叙述.评价原则", ("评价原则",)),
    ("叙述.工作过程", ("工作过程", "评价过程", "组织情况", "工作开展")),
    ("叙述.经验做法", ("经验", "做法")),
    ("问题", ("问题",)),
    ("建议", ("建议", "改进措施")),
    ("叙述.其他说明", ("其他需要说明", "其他说明")),
)
ITEM = re.compile(r"^(?:[（(]\d+[）)]|\d+\s*[.．、])\s*")
SUB_TITLED = re.compile(r"^([^。：:；;]{2,24})。(.+)$")
TITLED = re.compile(r"^(?:\d+\s*[.．、])\s*([^。，,：:]{2,16})[。：:](.+)$")


def key_of(title: str) -> str | None:
    name = bare(title)
    if "其他需要说明" in name or "其他说明" in name:
        return "叙述.其他说明"
    if "问题" in name and ("建议" in name or "措施" in name):
        return None  # a chapter with both: its sub-headings say which is which
    if "问题" in name and ("经验" in name or "做法" in name):
        return None
    return next((k for k, words in CHAPTERS if any(w in name for w in words)), None)


def topics(section: Section) -> list[object]:
    """A chapter as the data file's topics: plain paragraphs, or {标题, 内容} per sub-heading."""
    out: list[object] = []
    for text in section.paragraphs():
        m = TITLED.match(text)
        if m:
            out.append({"标题": m.group(1).strip(), "内容": [m.group(2).strip()]})
        else:
            out.append(text)
    for child in section.children:
        own = child.paragraphs()
        if own and not child.children and all(ITEM.match(p) for p in own):
            out.append({"标题": child.name, "内容": [], "子项": [_item(p) for p in own]})
            continue
        inner = topics(child)
        paragraphs = [p for p in inner if isinstance(p, str)]
        topic: dict[str, object] = {"标题": child.name, "内容": paragraphs}
        nested = [p for p in inner if not isinstance(p, str)]
        if nested:
            topic["子项"] = nested
        out.append(topic)
    return out


def _item(text: str) -> object:
    """A numbered sub-item: “2. 预算调剂多，调整幅度大。年初预算…” → {标题, 内容}; one sentence, or
    a lead that is a whole clause of its own, stays a plain item."""
    text = ITEM.sub("", text, count=1)
    m = SUB_TITLED.match(text)
    return {"标题": m.group(1), "内容": [m.group(2)]} if m else text


def _list_items(section: Section) -> list[str]:
    """Numbered paragraphs as plain items: “（1）负责…” → “负责…”; where some paragraphs are
    numbered, the others (an introduction, a closing remark) are not items."""
    paragraphs = section.all_paragraphs()
    numbered = [p for p in paragraphs if ITEM.match(p)]
    return [ITEM.sub("", p, count=1) for p in (numbered or paragraphs)]


def read_chapters(root: Section, draft: Draft) -> None:
    """Send each chapter whose heading names a text key to it (the deepest naming heading wins)."""
    seen: set[int] = set()

    def visit(section: Section, inherited: str | None) -> None:
        key = key_of(section.title) if section.level else None
        if key is not None and any(key_of(c.title) == key for c in section.children):
            key = None  # “机构设置及职责” over “2. 职责”: the narrower heading says it
        if key is not None and id(section) not in seen:
            seen.add(id(section))
            for s in section.walk():
                seen.add(id(s))
            _store(section, key, draft)
            return
        for child in section.children:
            visit(child, key or inherited)

    visit(root, None)


def _store(section: Section, key: str, draft: Draft) -> None:
    source = section.title
    if key == "绩效目标.分项":
        parts = [p for p in map(_sub_goal, section.children) if p]
        if parts:
            draft.put(key, Found(parts, source))
        return
    if key in ("职责", "绩效目标.总体目标"):
        items = _list_items(section)
        if items:
            draft.put(key, Found(items, source))
        return
    if not section.all_paragraphs():
        return
    if key in draft.values and isinstance(draft.values[key].value, list):
        draft.values[key].value += topics(section)  # type: ignore[operator]
        return
    draft.put(key, Found(topics(section), source))


GOAL_LINE = re.compile(r"^(?:绩效)?(目标|指标)[：:]\s*(.+)$")


def _sub_goal(section: Section) -> dict[str, object] | None:
    """“1、精准治污。” over “绩效目标：…” and “绩效指标：…” → {名称, 目标, 指标}."""
    part: dict[str, object] = {"名称": section.name.rstrip("。：: ")}
    said: list[str] = []
    for text in section.all_paragraphs():
        m = GOAL_LINE.match(text)
        if m and m.group(1) == "目标":
            part["目标"] = m.group(2).strip()
        elif m:
            said.append(m.group(2).strip())
    if said:
        part["指标"] = said
    return part if len(part) > 1 else None


def find_section(root: Section, *words: str) -> Section | None:
    """The first section whose heading has any of the words."""
    return next((s for s in root.walk() if s.level and any(w in s.name for w in words)), None)

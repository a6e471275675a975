"""The unit's facts read from the report's wording: name, year, date, budget, staff, offices, assets.

Reports differ in layout but say these things in a few common ways (“年初预算X万元”, “核定编制数44”,
“内设机构8个，即：…”); each is read by the words around it, never by where it stands.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from decimal import Decimal

from generator.cycle.report_import.found import Draft, Found
from generator.cycle.report_import.outline import Section
from generator.io.reading.written_numbers import AMOUNT, amounts, number

YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
DATE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
NAME_END = r"(?:办事处|人民政府|街道|镇|乡|局|委员会|中心|院|所|站|办公室)"
NAME = re.compile(rf"^[\u4e00-\u9fa5×（）()]{{2,40}}?{NAME_END}$")
TITLE_NAME = re.compile(
    rf"(?:\d{{4}}\s*年度?)?\s*([\u4e00-\u9fa5×]{{2,40}}?{NAME_END})\s*(?:部门|整体|\d|[（(]|$)"
)
SUBJECT = re.compile(rf"^([\u4e00-\u9fa5]{{2,30}}?{NAME_END})(?:成立|是|为|位于|内设|下设)")
SHORT = re.compile(r"^(?:.*?[省市])?(?:.*?[区县旗])?(?:人民政府)?(.+)$")
SENTENCE = re.compile(r"[^。；;！!]+[。；;！!]?")

# label → key; the amount must follow the label closely (a few characters of 数/为/共计…)
BUDGET = (
    ("年初预算", r"年初预算(?:数|资金)?"),
    (
        "调整预算",
        r"(?:调整(?:后的?)?预算(?:数)?|全年(?:（调整）|\(调整\))?预算(?:数)?|(?:年中)?调整为)",
    ),
    (
        "执行数",
        r"(?:全年执行(?:数)?|决算支出(?:共计|合计)?|共计支出|支出(?:共计|合计)|资金总体支出)",
    ),
    ("执行数", r"(?:全年支出(?:数)?|全年实际支出|实际支出|实际收支|执行数|决算数)"),
    ("收入", r"决算收入"),
    ("基本支出预算", r"基本支出预算(?:数)?"),
    ("项目支出预算", r"项目支出预算(?:数)?"),
    ("其他支出预算", r"其他支出预算(?:数)?"),
)
# worded so that they may mean the full-year budget, but need a person to say so
MAYBE = (("调整预算", r"(?:申请预算资金|安排预算资金|预算资金总额)"),)
# a budget the same sentence then says was changed (“预算收支X万元，年中调整为Y万元”): the initial one
BEFORE_CHANGE = re.compile(
    r"预算(?:收支|资金|数)?"
    + r"[为是共计达到合计：:\s]{0,6}"
    + "("
    + AMOUNT.pattern
    + ")[^。；;]*?调整为"
)
GAP = r"[为是共计达到合计：:\s]{0,6}"
STAFF_WORD = re.compile(r"(核定编制数?|控制编制数?|实有人员|实有人数|实有)\s*(?:为)?\s*(\d+)")
OFFICES = re.compile(
    r"内设(?:机构|科室)?(?:\s*\d+\s*个)?[，,]?\s*(?:即|包括|分别为|分别是|为)?[：:]?"
)
INSTITUTIONS = re.compile(
    r"(?:事业(?:机构|单位))\s*\d*\s*个?[，,]?\s*(?:即|包括|分别为|分别是|分别|为)?[：:]?"
)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if s.strip()]


def read_unit(root: Section, draft: Draft, paragraphs: list[str]) -> None:
    """名称, 简称, 年度 from the title lines; 报告日期 and 编制单位 from the signature at the end."""
    title = root.paragraphs()[:4]
    for line in title:
        line = " ".join(line.split())
        m = NAME.match(line.replace(" ", "")) or TITLE_NAME.search(line)
        if m and "报告" not in (m.group(1) if m.groups() else m.group(0)):
            name = m.group(1) if m.groups() else m.group(0)
            draft.put("单位.名称", Found(name, line))
            break
    for line in title + paragraphs:
        m = YEAR.search(line)
        if m and (line in title or "年度" in m.group(0)):
            draft.put("单位.年度", Found(int(m.group(1)), line, sure=line in title))
            break
    if "单位.年度" not in draft.values:
        years = Counter(int(m.group(1)) for p in paragraphs for m in YEAR.finditer(p))
        if years:  # the year the report talks about most, for a person to confirm
            year = years.most_common(1)[0][0]
            said = next(p for p in paragraphs if str(year) in p)
            draft.put("单位.年度", Found(year, said, sure=False, note="标题中没有年度"))
    if "单位.名称" not in draft.values:  # “孙河地区办事处成立于…”: a short name, to be checked
        for line in paragraphs[:20]:
            m = SUBJECT.match(line)
            if m:
                draft.put(
                    "单位.名称", Found(m.group(1), line, sure=False, note="标题中没有单位名称")
                )
                break
    name = draft.values.get("单位.名称")
    if name is not None:
        short = SHORT.match(str(name.value)).group(1)  # type: ignore[union-attr]
        body = "".join(paragraphs)
        if short != name.value and body.count(short) > 1:
            draft.put("单位.简称", Found(short, f"正文中多次称“{short}”"))
    tail = [p.strip() for p in paragraphs[-3:]]
    for i, line in enumerate(tail):
        m = DATE.match(line.replace(" ", ""))
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                draft.put("单位.报告日期", Found(date(y, mo, d), line))
            except ValueError:
                pass
            if i and len(tail[i - 1]) <= 40 and not tail[i - 1].endswith("。"):
                draft.put("单位.编制单位", Found(tail[i - 1], tail[i - 1]))


def _amount_after(sentence: str, label: str):
    m = re.search(label + GAP + "(" + AMOUNT.pattern + ")", sentence)
    if not m:
        return None
    found = amounts(m.group(1))
    return found[0] if found else None


def read_budget(draft: Draft, paragraphs: list[str]) -> None:
    """年初预算, 调整预算, 执行数 and the rest from sentences such as “年初预算X万元，全年预算Y万元”."""
    parts: list[dict[str, Found]] = []
    for paragraph in paragraphs:
        # the parts of one total stand in one clause, or in one sentence across its “；”
        parts += [_parts(clause) for clause in sentences(paragraph)]
        parts += [_parts(whole) for whole in re.split(r"[。！!]", paragraph)]
        for s in sentences(paragraph):
            for key, label in BUDGET:
                hit = _amount_after(s, label)
                if hit is None:
                    continue
                value, written, _ = hit
                in_yuan = written.endswith("元") and not written.endswith(("万元", "亿元"))
                note = f"报告写作“{written}”，按元换算为万元" if in_yuan else ""
                draft.put(f"预算.{key}", Found(value, s, sure=not in_yuan, note=note))
            m = BEFORE_CHANGE.search(s)
            if m and "预算.年初预算" not in draft.values:
                note = "报告未写“年初预算”，取句中调整之前的预算数"
                draft.put(
                    "预算.年初预算", Found(amounts(m.group(1))[0][0], s, sure=False, note=note)
                )
            for key, label in MAYBE:
                hit = _amount_after(s, label)
                if hit is not None:
                    note = "报告的说法不确定是否为全年（调整后）预算数"
                    draft.put(f"预算.{key}", Found(hit[0], s, sure=False, note=note))
    settle_parts(draft, [p for p in parts if {"基本支出", "项目支出"} <= set(p)])


def _parts(sentence: str) -> dict[str, Found]:
    """基本支出, 项目支出 and 其他支出 spent: “基本支出471.17万元” (not “基本支出预算…”)."""
    found = {}
    for key in ("基本支出", "项目支出", "其他支出"):
        hit = _amount_after(sentence, r"(?<!预算)" + key + r"(?!预算)")
        if hit is not None:
            found[key] = Found(hit[0], sentence)
    return found


def settle_parts(draft: Draft, candidates: list[dict[str, Found]]) -> None:
    """The 基本支出 and 项目支出 (and 其他支出) of the sentence whose parts add up to the total spent;
    others are one source's (“一般公共预算支出X万元，其中：基本支出…”). A report that splits the
    total into these two alone spent nothing else: 其他支出 0."""
    spent = draft.values.get("预算.执行数")
    if spent is None or not isinstance(spent.value, Decimal):
        return
    for found in candidates:
        parts = {k: f.value for k, f in found.items() if isinstance(f.value, Decimal)}
        if len(parts) < len(found):
            continue
        if abs(spent.value - sum(parts.values(), Decimal(0))) > Decimal("0.015"):  # rounded
            continue
        for key, f in found.items():
            draft.put(f"预算.{key}", f)
        if "其他支出" not in found:
            said = f"执行数 {spent.value} = 基本支出 {parts['基本支出']} + 项目支出 {parts['项目支出']}"
            draft.put("预算.其他支出", Found(Decimal(0), said, note=f"报告未写其他支出：{said}"))
        return


def read_assets(draft: Draft, paragraphs: list[str]) -> None:
    """资产总额 … 较上年 … : this year's and last year's figures."""
    labels = (("资产总额", "资产总额"), ("负债总额", "负债总(?:额|计)"), ("净资产", "净资产"))
    for paragraph in paragraphs:
        for clause in re.split(r"[。；;]", paragraph):
            for key, label in labels:
                m = re.search(label, clause)
                if not m:
                    continue
                rest = clause[m.end() :]
                if key == "资产总额" and "负债" in rest.split("，")[0]:
                    continue
                found = amounts(rest.split("净资产")[0] if key != "净资产" else rest)
                if found:
                    draft.put(f"资产.{key}", Found(found[0][0], clause))
                    if "上年" in rest and len(found) > 1:
                        draft.put(f"资产.上年{key}", Found(found[1][0], clause))


def read_staff(section: Section | None, draft: Draft) -> None:
    """人员编制.类别 from clauses like “公务员核定编制数44，控制编制数40，实有人员38人”."""
    if section is None:
        return
    for paragraph in section.all_paragraphs():
        for clause in re.split(r"[。；;]", paragraph):
            hits = list(STAFF_WORD.finditer(clause))
            if not hits:
                continue
            name = re.sub(
                r"^(?:我单位|本单位|其中[：:]?|我街道|我镇|我乡)", "", clause[: hits[0].start()]
            )
            name = name.strip("，,、：: ")
            if not name or len(name) > 12:
                continue
            row = {"名称": Found(name, clause)}
            for h in hits:
                key = (
                    "核定"
                    if h.group(1).startswith("核定")
                    else ("控制" if h.group(1).startswith("控制") else "实有")
                )
                row[key] = Found(int(h.group(2)), clause)
            draft.staff.append(row)
        m = re.search(r"在职(?:人员|职工)?(?:共|合计)?\s*(\d+)\s*人", paragraph)
        if m:
            draft.put("人员编制.在职人数", Found(int(m.group(1)), paragraph))


def split_list(text: str) -> list[str]:
    """“A、B（挂C、D牌子）、E” → [A, B（挂C、D牌子）, E]: a 、 inside brackets does not split."""
    out, depth, cur = [], 0, ""
    for c in text:
        depth += c in "（("
        depth -= c in "）)"
        if c == "、" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return [x.strip(" 等") for x in out if x.strip(" 等")]


def office(text: str) -> object:
    """“经济发展办公室（挂统计办公室牌子）” → {名称, 挂牌}; a plain name stays a string."""
    m = re.fullmatch(r"(.+?)[（(]挂(.+?)牌子?[）)]", text)
    if m:
        return {"名称": m.group(1), "挂牌": split_list(m.group(2))}
    return text


def read_offices(draft: Draft, paragraphs: list[str]) -> None:
    """内设机构 and 事业单位 listed after “内设机构8个，即：” and “事业机构7个，即：”."""
    for paragraph in paragraphs:
        for pattern, key in ((OFFICES, "机构设置.内设机构"), (INSTITUTIONS, "机构设置.事业单位")):
            m = pattern.search(paragraph)
            if not m or key in draft.values:
                continue
            rest = re.split(r"[；;。]", paragraph[m.end() :])[0]
            rest = re.sub(r"等?\s*\d+\s*个.*$", "", rest)
            items = split_list(rest)
            if len(items) >= 2 and all(len(x) <= 40 for x in items):
                draft.put(key, Found([office(x) for x in items], paragraph))


def whole_number(text: str) -> int | None:
    value = number(text)
    return int(value) if value is not None and value == int(value) else None

"""A target or actual as a clerk writes it (≥95%, ≤12月, 3000人次, 好), read into a Measure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from generator.data.values import number_problem, short

OPERATORS = {
    "≥": ">=",
    ">=": ">=",
    "＞＝": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "大于等于": ">=",
    "≤": "<=",
    "<=": "<=",
    "＜＝": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "不多于": "<=",
    "小于等于": "<=",
    "=": "=",
    "＝": "=",
    "等于": "=",
    ">": ">",
    "＞": ">",
    "大于": ">",
    "<": "<",
    "＜": "<",
    "小于": "<",
}
_MEASURE = re.compile(
    r"^(?P<op>" + "|".join(sorted(map(re.escape, OPERATORS), key=len, reverse=True)) + r")?\s*"
    r"(?P<num>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]*?)\s*(?P<suffix>以上|以下|以内)?$"
)
MET, PARTLY, UNMET = "达成", "部分达成", "未达成"
VERDICTS = (MET, PARTLY, UNMET)
# Words a clerk writes for a qualitative target or actual, and the verdict each stands for.
# A format adds its own in the settings table 定性目标 (docs/settings.md lists these).
QUALITATIVE = {
    "达成": MET,
    "完成": MET,
    "好": MET,
    "优": MET,
    "良好": MET,
    "是": MET,
    "合格": MET,
    "符合": MET,
    "达标": MET,
    "满意": MET,
    "有效": MET,
    "健全": MET,
    "完善": MET,
    "规范": MET,
    "及时": MET,
    "全覆盖": MET,
    "按时完成": MET,
    "明显改善": MET,
    "显著改善": MET,
    "持续改善": MET,
    "有所改善": MET,
    "稳步提升": MET,
    "明显提升": MET,
    "显著提升": MET,
    "有效提升": MET,
    "持续提升": MET,
    "不断提高": MET,
    "逐步提高": MET,
    "有所提高": MET,
    "逐步完善": MET,
    "不断完善": MET,
    "进一步完善": MET,
    "持续增强": MET,
    "部分达成": PARTLY,
    "基本达成": PARTLY,
    "较好": PARTLY,
    "一般": PARTLY,
    "基本完成": PARTLY,
    "基本符合": PARTLY,
    "基本满意": PARTLY,
    "基本健全": PARTLY,
    "基本完善": PARTLY,
    "基本规范": PARTLY,
    "未达成": UNMET,
    "未完成": UNMET,
    "差": UNMET,
    "否": UNMET,
    "不合格": UNMET,
    "不符合": UNMET,
    "不满意": UNMET,
    "未达标": UNMET,
}


class ScoreError(ValueError):
    """A value that cannot be read or scored; the message is for the user, `key` names the field."""

    def __init__(self, message: str, key: str = ""):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Measure:
    """A target or actual as a clerk writes it: ≥95%, ≤12月, 3000人次, 好."""

    text: str
    op: str | None = None
    value: Decimal | None = None
    unit: str = ""
    quality: str | None = None


# Full-width digits, point and percent sign as an input method writes them: １２３．５％.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
TARGET_FORMS = "≥95%、≤12月、=100%、≥3000人次，或定性的 明显改善、健全、有效"
ACTUAL_FORMS = "100%、12月、3000人次（数字加单位），或 达成、部分达成、未达成"


def normalise(text: str) -> str:
    """What a clerk typed, in the one spelling the parser reads: 1,286人次 → 1286人次, 90 % → 90%."""
    t = text.strip().translate(_HALF_WIDTH)
    t = re.sub(r"\s+", "", t)
    return _THOUSANDS.sub("", t)


def parse_measure(text: str, field: str = "", words: Mapping[str, str] | None = None) -> Measure:
    """A target (field 指标值) or actual (实际值); `words` are a format's extra qualitative words.

    Each text is read once per process and set of words (a unit's figures, checks and report
    words read the same target several times); what can't be read raises every time.
    """
    key = (text, tuple(words.items()) if words else ())
    found = _measures.get(key)
    if found is None:
        found = _measures[key] = _read_measure(text, field, words)
        if len(_measures) > MEASURES_KEPT:
            _measures.pop(next(iter(_measures)))
    return found


MEASURES_KEPT = 50_000
_measures: dict[tuple[str, tuple], Measure] = {}


def _read_measure(text: str, field: str, words: Mapping[str, str] | None) -> Measure:
    t = normalise(text)
    verdict = (words or {}).get(t) or QUALITATIVE.get(t)
    if verdict:
        return Measure(text, quality=verdict)
    m = _MEASURE.match(t)
    if not m:
        forms = {"指标值": TARGET_FORMS, "实际值": ACTUAL_FORMS}.get(
            field, f"{TARGET_FORMS}；实际值如 {ACTUAL_FORMS}"
        )
        raise ScoreError(f"读不懂{field}“{text}”：应写成 {forms}")
    op = OPERATORS.get(m.group("op") or "")
    suffix = m.group("suffix")
    if op is None and suffix:
        op = "<=" if suffix in ("以下", "以内") else ">="
    value = Decimal(m.group("num"))
    bad = number_problem(value)  # the same bounds as a number written as a number
    if bad:
        raise ScoreError(f"{field}“{short(text)}”：{bad}", field)
    return Measure(text, op=op, value=value, unit=m.group("unit"))


def is_qualitative(text: str | None, words: Mapping[str, str] | None = None) -> bool:
    """A target written as a verdict (好, 达成) rather than a measure."""
    try:
        return text is not None and parse_measure(text, "", words).quality is not None
    except ScoreError:
        return False

"""The unit's facts as the code sees them, and the one map from the Chinese data keys to them.

Every field names its Chinese key, what it means, its unit and an example; `schema.py` reads
these to validate a unit file and `docs/data.md` is written from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator.data.fields import NAME_LENGTH, many, spec


@dataclass
class Unit:
    """单位：报告的主体。"""

    name: str = spec(
        "名称",
        "单位全称，出现在标题中",
        required=True,
        example="重庆市璧山区人民政府璧泉街道办事处",
        max_length=NAME_LENGTH,
    )
    year: int | None = spec(
        "年度", "评价的预算年度", required=True, example=2023, low=2000, high=2100
    )
    format: str | None = spec(
        "格式",
        "报告格式编号（`jixiao formats` 列出可用的）；命令行 --format 优先",
        example="chongqing-bishan",
    )
    short_name: str | None = spec("简称", "正文中称呼本单位的短名", example="璧泉街道办事处")
    kind: str | None = spec("性质", "单位性质", example="行政单位")
    parent: str | None = spec("上级", "上级或主管部门", example="璧山区人民政府")
    established: str | None = spec("成立时间", "单位成立时间，原样照印", example="2004年5月")
    report_date: date | None = spec("报告日期", "报告落款日期", example="2024-03-31")
    author: str | None = spec(
        "编制单位",
        "报告落款单位（自评为本单位，第三方评价为评价机构）",
        example="璧泉街道办事处财政办公室",
        max_length=NAME_LENGTH,
    )


@dataclass
class Office:
    """机构：内设机构、其他机构或事业单位之一；可只写名称字符串。"""

    name: str = spec("名称", "机构名称", required=True, example="党政办公室")
    also: list[str] = many("挂牌", "加挂的牌子", example=["统计办公室"])
    duties: list[str] = many("职责", "该机构的职责，每段一条", example=["负责机关文电运转。"])


@dataclass
class Organization:
    """机构设置。"""

    summary: list[str] = many("概述", "机构设置的说明段落", example=["本单位是区政府的派出机构。"])
    offices: list[Office] = many(
        "内设机构", "内设机构，字符串或 {名称, 挂牌, 职责}", example=["党政办公室"]
    )
    other_bodies: list[Office] = many(
        "其他机构", "内设机构以外的其他机构", example=["综合行政执法队"]
    )
    institutions: list[Office] = many("事业单位", "所属事业单位", example=["社区事务服务中心"])
    communities: list[str] = many("下辖社区", "下辖社区（村）名称", example=["清榆园社区"])


@dataclass
class StaffType:
    """人员编制中的一类人员。"""

    name: str = spec("名称", "人员类别", required=True, example="行政编制")
    approved: int | None = spec("核定", "核定编制数", unit="人", example=44)
    controlled: int | None = spec("控制", "控制编制数", unit="人", example=40)
    actual: int | None = spec("实有", "实有人数", unit="人", example=38)
    serving: bool | None = spec(
        "在职", "是否计入在职人员合计（退休、见习等填 false）", default=True, example=True
    )


@dataclass
class Staffing:
    """人员编制。"""

    serving_total: int | None = spec(
        "在职人数", "在职实有人数合计；列出各类实有人数时与其合计核对", unit="人", example=65
    )
    note: list[str] = many("说明", "人员情况的补充说明段落")
    types: list[StaffType] = many("类别", "各类人员（核定/控制/实有）")


@dataclass
class Source:
    """预算的一个资金来源（一般公共预算、政府性基金等）。"""

    name: str = spec("名称", "资金来源", required=True, example="一般公共预算")
    initial: Decimal | None = spec(
        "年初预算", "该来源的年初预算数", unit="万元", example=Decimal("13245.05")
    )
    adjusted: Decimal | None = spec("调整预算", "该来源的全年（调整后）预算数", unit="万元")
    income: Decimal | None = spec(
        "收入", "该来源的本年收入", unit="万元", example=Decimal("11236.83")
    )
    carried_in: Decimal | None = spec(
        "上年结转", "该来源的上年结转", unit="万元", example=Decimal("0")
    )
    spent: Decimal | None = spec(
        "执行数", "该来源的全年支出", unit="万元", example=Decimal("11236.83")
    )
    basic: Decimal | None = spec(
        "基本支出", "该来源支出中的基本支出", unit="万元", example=Decimal("2778.36")
    )
    project: Decimal | None = spec(
        "项目支出", "该来源支出中的项目支出", unit="万元", example=Decimal("8458.47")
    )


@dataclass
class FundLevel:
    """分级：“其中”资金按来源层级（中央、省、市……）的细分。"""

    name: str = spec("名称", "层级", required=True, example="中央")
    budget: Decimal | None = spec("预算", "该层级的预算数", unit="万元", example=Decimal("0"))
    spent: Decimal | None = spec("支出", "该层级的实际支出", unit="万元", example=Decimal("0"))


@dataclass
class FundPart:
    """其中项：预算与支出中单列的一类资金（如共同财政事权转移支付、债券资金）。"""

    name: str = spec("名称", "资金类别", required=True, example="专项转移支付")
    budget: Decimal | None = spec("预算", "该类资金的预算数", unit="万元", example=Decimal("0"))
    spent: Decimal | None = spec("支出", "该类资金的实际支出", unit="万元", example=Decimal("0"))
    levels: list[FundLevel] = many("分级", "按中央/省/市细分（各级之和不超过该类资金）")


@dataclass
class Budget:
    """预算及执行，金额均为万元。"""

    initial: Decimal | None = spec(
        "年初预算", "年初预算数", unit="万元", required=True, example=Decimal("13245.05")
    )
    adjusted: Decimal | None = spec(
        "调整预算", "全年（调整后）预算数", unit="万元", required=True, example=Decimal("18580.25")
    )
    spent: Decimal | None = spec(
        "执行数", "全年执行数（决算支出）", unit="万元", required=True, example=Decimal("13006.70")
    )
    basic: Decimal | None = spec(
        "基本支出",
        "执行数中的基本支出（报告未分列时可省略）",
        unit="万元",
        example=Decimal("2778.36"),
    )
    project: Decimal | None = spec(
        "项目支出",
        "执行数中的项目支出（报告未分列时可省略）",
        unit="万元",
        example=Decimal("10228.34"),
    )
    other: Decimal | None = spec(
        "其他支出", "执行数中的其他支出", unit="万元", example=Decimal("0")
    )
    basic_budget: Decimal | None = spec("基本支出预算", "全年预算中的基本支出", unit="万元")
    project_budget: Decimal | None = spec("项目支出预算", "全年预算中的项目支出", unit="万元")
    other_budget: Decimal | None = spec("其他支出预算", "全年预算中的其他支出", unit="万元")
    income: Decimal | None = spec(
        "收入", "本年收入（决算收入）", unit="万元", example=Decimal("667.92")
    )
    supplement: Decimal | None = spec(
        "年中追加", "年中追加预算数", unit="万元", example=Decimal("364")
    )
    carried_in: Decimal | None = spec("上年结转", "上年结转资金", unit="万元")
    balance: Decimal | None = spec("结转结余", "年末结转结余总额", unit="万元")
    balance_last: Decimal | None = spec("上年结转结余", "上年末结转结余总额", unit="万元")
    public_budget: Decimal | None = spec("公用经费预算", "预算公用经费", unit="万元")
    public_spent: Decimal | None = spec("公用经费实际", "实际公用经费", unit="万元")
    three_budget: Decimal | None = spec("三公经费预算", "“三公经费”预算数", unit="万元")
    three_spent: Decimal | None = spec("三公经费实际", "“三公经费”实际支出", unit="万元")
    three_last: Decimal | None = spec("上年三公经费", "上年“三公经费”实际支出", unit="万元")
    procurement_budget: Decimal | None = spec("政府采购预算", "政府采购预算数", unit="万元")
    procurement_spent: Decimal | None = spec("政府采购实际", "实际政府采购金额", unit="万元")
    project_count: int | None = spec("项目个数", "开展绩效自评的项目个数", unit="个", example=118)
    project_amount: Decimal | None = spec("项目金额", "开展绩效自评的项目金额合计", unit="万元")
    project_spent: Decimal | None = spec("项目实际支出", "开展绩效自评的项目实际支出", unit="万元")
    variance_reason: list[str] = many("差异原因", "预决算差异的原因说明段落")
    sources: list[Source] = many("来源", "按资金来源列出的预算与支出")
    balance_note: list[str] = many("结转结余说明", "结转结余情况的说明段落")
    supplement_count: int | None = spec(
        "年中追加项目数", "年中追加的项目个数", unit="个", example=8
    )
    parts: list[FundPart] = many(
        "其中", "预算与支出中单列的“其中”项（不必列全：各项之和不超过总数）"
    )
    outside: list[Source] = many(
        "决算外资金",
        "未纳入部门决算的资金（如单位资金）：年初预算与执行数不计入上面的决算数，"
        "工具算出全部资金的预算与支出，并提示决算不完整",
    )


@dataclass
class Assets:
    """资产负债，金额为万元（账面净值）。"""

    assets: Decimal | None = spec(
        "资产总额", "年末资产总额", unit="万元", example=Decimal("875.39")
    )
    liabilities: Decimal | None = spec(
        "负债总额", "年末负债总额", unit="万元", example=Decimal("728.8")
    )
    net: Decimal | None = spec(
        "净资产", "年末净资产", unit="万元", example=Decimal("146.58"), signed=True
    )
    assets_last: Decimal | None = spec(
        "上年资产总额", "上年末资产总额", unit="万元", example=Decimal("1081.87")
    )
    liabilities_last: Decimal | None = spec(
        "上年负债总额", "上年末负债总额", unit="万元", example=Decimal("748.32")
    )
    net_last: Decimal | None = spec(
        "上年净资产", "上年末净资产", unit="万元", example=Decimal("333.55"), signed=True
    )
    fixed: Decimal | None = spec("固定资产", "全部固定资产", unit="万元")
    fixed_in_use: Decimal | None = spec("在用固定资产", "在用固定资产", unit="万元")


@dataclass
class Topic:
    """一段叙述：可带小标题，内容为若干段落；可只写一个字符串。"""

    title: str | None = spec("标题", "小标题（可省略）", example="科学规范原则")
    paragraphs: list[str] = many("内容", "段落，每项一段", example=["按规定程序开展评价。"])
    items: list[Topic] = many("子项", "下一级的编号子项")


@dataclass
class SubGoal:
    """分项绩效目标。"""

    name: str = spec("名称", "分项名称", required=True, example="强化党建引领")
    goal: str | None = spec("目标", "绩效目标", example="完善红色物业")
    indicators: list[str] = many("指标", "该分项的绩效指标说明，每项一段")


@dataclass
class Goals:
    """绩效目标。"""

    overall: list[str] = many("总体目标", "年度总体目标，每项一段")
    achieved: list[str] = many("完成情况", "总体目标的实际完成情况，每项一段")
    setting: list[str] = many("设立情况", "绩效目标如何设立的说明段落")
    parts: list[SubGoal] = many("分项", "分项绩效目标")


@dataclass
class Indicator:
    """绩效指标（自评表的一行）。"""

    level1: str = spec("一级", "一级指标", required=True, example="产出指标")
    level2: str | None = spec("二级", "二级指标", example="数量指标")
    level3: str | None = spec("三级", "三级指标；只按一级或二级打分时可省", example="保洁覆盖率")
    target: str | None = spec(
        "指标值", "年度指标值，如 ≥95%、≤12月、=100%、≥2次、好", example="≥95%"
    )
    actual: str | None = spec(
        "实际值", "实际完成值，如 100%、2次、达成；预算执行率指标由工具计算", example="100%"
    )
    weight: Decimal | None = spec(
        "分值",
        "该指标的分值；计分的格式必填，不计分的格式（设置 计分 = false）不填",
        unit="分",
        example=Decimal("10"),
    )
    score: Decimal | None = spec(
        "得分", "评价人给出的得分；省略时按格式的评分规则计算", unit="分", example=Decimal("10")
    )
    rule: str | None = spec(
        "规则",
        "本指标的评分规则，覆盖格式默认：正向、反向、等于、定性、预算执行率、评价人"
        "（得分由评价人评定：报告印给出的得分和评分理由，不按规则核对）",
        example="正向",
    )
    criteria: str | None = spec("评分标准", "评分标准文字（印在指标表中）")
    project: str | None = spec("项目", "指标所属的项目或项目类别", example="综合治理")
    narrative: list[str] = many(
        "说明",
        "该指标完成情况的叙述段落，可引用 {预算执行率} 等计算值和本指标的 {实际值}、{指标值}",
    )
    deviation: str | None = spec("偏差原因", "偏差原因分析及改进措施")
    reason: str | None = spec(
        "评分理由",
        "评价人给出得分的理由（规则为“评价人”或得分与规则不同时印在评分说明中；未写则用偏差原因）",
        example="群众反映问题办结及时，但回访记录不全，酌情扣 1 分",
    )

    @property
    def label(self) -> str:
        """The indicator's name in messages: 三级, or 二级/一级 where a format scores only those."""
        return self.level3 or self.level2 or self.level1


@dataclass
class Member:
    """评价工作组成员。"""

    name: str = spec("姓名", "姓名", required=True, example="张帅")
    employer: str | None = spec("工作单位", "工作单位", example="桥西区东里街道办事处")
    post: str | None = spec("职务", "职务", example="办事处主任")
    title: str | None = spec("职称", "职称")
    role: str | None = spec("分工", "在工作组中的分工，如组长、成员")


@dataclass
class Evaluation:
    """评价工作本身。"""

    method: str | None = spec("方式", "自评或第三方评价", example="自评")
    evaluator: str | None = spec("评价机构", "第三方评价机构名称")
    basis: str | None = spec(
        "等级依据",
        "评价等级所依据的文件",
        example="《石龙区区级预算绩效管理办法》（平龙财〔2021〕67号）",
    )
    started: date | None = spec("开始日期", "评价工作开始日期", example="2024-02-21")
    finished: date | None = spec("结束日期", "评价工作结束日期", example="2024-03-25")
    stated_total: Decimal | None = spec(
        "总分",
        "报告或财政部门确认的总分，仅用于与工具计算的总分核对（可省略）",
        unit="分",
        example=Decimal("97"),
    )
    stated_grade: str | None = spec(
        "等级", "报告或财政部门确认的等级，仅用于与工具计算的等级核对（可省略）", example="优"
    )


@dataclass
class Narrative:
    """叙述章节：每项是若干段落或带小标题的段落组。"""

    preface: list[Topic] = many("前言", "正文前的引言")
    purpose: list[Topic] = many("评价目的", "绩效评价目的")
    principles: list[Topic] = many("评价原则", "绩效评价原则")
    process: list[Topic] = many("工作过程", "绩效评价工作过程")
    key_work: list[Topic] = many("重点工作", "重点工作完成情况")
    results: list[Topic] = many("主要成效", "主要成效")
    overall: list[Topic] = many("综合评价", "综合评价情况")
    practices: list[Topic] = many("经验做法", "主要经验及做法")
    management: list[Topic] = many("管理情况", "财务、资产、绩效管理情况")
    other: list[Topic] = many("其他说明", "其他需要说明的问题")
    organizing: list[Topic] = many("组织工作", "评价的组织工作：通知、工作小组、工作方案")


@dataclass
class Correction:
    """更正：数据中的某个数与原始资料（上报的报告、决算）不同，报告中说明一次。"""

    key: str = spec(
        "键", "被更正的键（写法同 jixiao check 的键）", required=True, example="预算.调整预算"
    )
    original: str = spec(
        "原值", "原始资料中的值，原样照写（数字、日期可不加引号）", required=True, example="552.45"
    )
    name: str | None = spec("名称", "报告中的称呼，不填用键的最后一段", example="调整预算数")
    note: str | None = spec(
        "说明",
        "为什么更正，印在更正句之后（写成完整的句子）",
        example="年初预算加年中调增 115.47 万元即为 667.92 万元。",
    )
    basis: str | None = spec("依据", "更正的依据（文件、凭证）", example="2023 年度部门决算报表")


@dataclass
class Report:
    """一个单位一年的全部事实。"""

    unit: Unit = spec("单位", "单位基本信息", required=True, default_factory=Unit)
    organization: Organization = spec("机构设置", "机构设置", default_factory=Organization)
    duties: list[str] = many("职责", "单位的职能职责，每项一段（印为编号列表）")
    staffing: Staffing = spec("人员编制", "人员编制", default_factory=Staffing)
    budget: Budget = spec("预算", "预算及执行", required=True, default_factory=Budget)
    assets: Assets = spec("资产", "资产负债", default_factory=Assets)
    goals: Goals = spec("绩效目标", "绩效目标", default_factory=Goals)
    indicators: list[Indicator] = many("指标", "绩效指标", required=True)
    evaluation: Evaluation = spec("评价", "评价工作", default_factory=Evaluation)
    narrative: Narrative = spec("叙述", "叙述章节", default_factory=Narrative)
    problems: list[Topic] = many("问题", "存在的问题，可带小标题与编号子项")
    suggestions: list[Topic] = many("建议", "改进措施与建议，可带小标题与编号子项")
    team: list[Member] = many("评价工作组", "评价工作组成员")
    corrections: list[Correction] = many("更正", "与原始资料不同的数：报告说明一次，check 列出")
    extra: dict[str, object] = spec(
        "扩展",
        "格式在设置中声明的附加数据（如联系人、预算编码；见格式的 settings.toml 中的 [[字段]]），"
        "模板中写 {{ 扩展.键名 }}",
        default_factory=dict,
    )

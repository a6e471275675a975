"""北京市朝阳区 部门整体绩效评价报告 (seed 000): goals by project family, money to six decimals, no scores."""

from docxkit import base_document, loop, p, tag

FORMAT_ID = "beijing-chaoyang"

JOIN = "{% if not loop.last %}、{% endif %}"


def _names(expr: str) -> str:
    """Offices joined with 、, each with the names it also carries in brackets."""
    return (
        "{% for o in "
        + expr
        + " %}{{ o.名称 }}{% if o.挂牌 %}（{{ o.挂牌 | join('、') }}）{% endif %}"
        + JOIN
        + "{% endfor %}"
    )


def _goal_groups(doc, test: str) -> None:
    """One numbered sub-section per 二级 group: each project's indicator and target, then whether all were met."""
    tag(doc, "for g in 二级指标 | selectattr('一级', " + test + ")")
    p(doc, "{{ loop.index | 条 }}{{ g.名称 }}", "三级标题")
    p(
        doc,
        "{% for i in g.指标 %}{{ i.项目 }}{{ g.名称 }}{% if i.三级 != g.名称 %}：{{ i.三级 }}{% endif %}"
        "{% if i.定性 %}（定性：{{ i.指标值 }}）{% else %}{{ i.指标值 }}{% endif %}{% if not loop.last %}；{% endif %}{% endfor %}。"
        "{% if g.全部达成 %}各项目的{{ g.名称 }}指标均达到年初绩效目标"
        "{% set q = g.指标 | selectattr('定性') | map(attribute='实际值') | unique | list %}"
        "{% if q %}，定性指标评价为“{{ q | join('、') }}”{% endif %}。"
        "{% else %}{% for i in g.指标 if i.达成情况 != '达成' %}{{ i.项目 }}“{{ i.三级 }}”目标{{ i.指标值 }}，"
        "实际{{ i.实际值 | 或('未填写') }}{% if not loop.last %}；{% endif %}{% endfor %}，未达到年初绩效目标；"
        "其余指标均已达到。{% endif %}",
    )
    tag(doc, "endfor")


def build():
    doc = base_document()
    p(doc, "部门整体绩效评价报告", "报告标题")
    p(doc, "{{ 单位.名称 }}（{{ 单位.年度 }}年度）", "报告副标题")
    p(doc, "")
    p(doc, "一、部门概况", "一级标题")
    p(doc, "（一）机构设置及职责工作任务情况", "二级标题")
    p(doc, "1.机构设置", "三级标题")
    p(
        doc,
        "{{ 单位.简称 | 或(单位.名称) }}{% if 单位.成立时间 %}成立于{{ 单位.成立时间 }}，{% endif %}"
        "{% if 单位.上级 %}是{{ 单位.上级 }}的派出机构，{% endif %}{% if 单位.性质 %}属{{ 单位.性质 }}。{% endif %}"
        "{% if 机构设置.内设机构 %}办事处内设"
        + _names("机构设置.内设机构")
        + "等{{ 数据.内设机构数 }}个部门"
        "{% if 机构设置.其他机构 %}，其他机构{{ 数据.其他机构数 }}个，分别为"
        + _names("机构设置.其他机构")
        + "{% endif %}。{% endif %}"
        "{% if 机构设置.事业单位 %}所属事业单位{{ 数据.事业单位数 }}个，分别为"
        + _names("机构设置.事业单位")
        + "。{% endif %}"
        "{% if 机构设置.下辖社区 %}下辖{{ 机构设置.下辖社区 | join('、') }}等{{ 数据.下辖社区数 }}个社区。{% endif %}",
    )
    p(doc, "2.职责工作任务情况", "三级标题")
    loop(doc, "d", "职责", ("{{ loop.index | 款 }}{{ d }}", None))
    p(doc, "（二）部门整体绩效目标设立情况", "二级标题")
    loop(doc, "x", "绩效目标.设立情况", ("{{ x }}", None))
    p(
        doc,
        "{% set families = 指标 | map(attribute='项目') | select | unique | list %}"
        "本年度为{{ families | join('、') }}等{{ families | length }}类项目设立了绩效目标，"
        "分别设置了{{ 二级指标 | map(attribute='名称') | join('、') }}指标，共{{ 数据.指标个数 }}项。",
    )
    tag(doc, "if 绩效目标.总体目标")
    p(doc, "年初设定的部门整体绩效目标是，通过预算执行：")
    loop(doc, "x", "绩效目标.总体目标", ("{{ loop.index | 条 }}{{ x }}", None))
    tag(doc, "endif")
    p(doc, "二、当年预算执行情况", "一级标题")
    p(
        doc,
        "{{ 单位.年度 }}年全年预算数{{ 数据.调整预算 }}万元"
        "{% if 预算.基本支出预算 is not none %}，其中，基本支出预算数{{ 数据.基本支出预算 }}万元，"
        "项目支出预算数{{ 数据.项目支出预算 }}万元，其他支出预算数{{ 预算.其他支出预算 | 或(0) | 金额 }}万元{% endif %}。"
        "资金总体支出{{ 数据.执行数 }}万元，其中，基本支出{{ 数据.基本支出 }}万元，项目支出{{ 数据.项目支出 }}万元，"
        "其他支出{{ 预算.其他支出 | 或(0) | 金额 }}万元。预算执行率为{{ 数据.预算执行率 }}。"
        "{% if 预算.项目个数 %}涉及绩效自评的项目{{ 预算.项目个数 }}个，共计{{ 数据.项目金额 }}万元。{% endif %}",
    )
    p(doc, "三、整体绩效目标实现情况", "一级标题")
    p(doc, "（一）产出完成情况分析", "二级标题")
    _goal_groups(doc, "'equalto', '产出指标'")
    p(doc, "（二）效果实现情况分析", "二级标题")
    _goal_groups(doc, "'ne', '产出指标'")
    p(doc, "四、预算管理情况分析", "一级标题")
    tag(doc, "for t in 叙述.管理情况")
    p(doc, "{{ loop.index | 节 }}{{ t.标题 }}", "二级标题")
    tag(doc, "for x in t.内容")
    p(doc, "{{ x }}")
    tag(doc, "endfor")
    tag(doc, "for s in t.子项")
    p(doc, "{{ loop.index | 条 }}{{ s.标题 }}", "三级标题")
    tag(doc, "for x in s.内容")
    p(doc, "{{ x }}")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "set n = 叙述.管理情况 | length")
    p(doc, "{{ (n + 1) | 节 }}结转结余率", "二级标题")
    p(
        doc,
        "{{ 预算.结转结余说明 | join('') }}{% if 预算.结转结余 is not none %}{{ 单位.年度 }}年末结转结余"
        "{{ 数据.结转结余 }}万元，结转结余率为{{ 数据.结转结余率 }}。{% endif %}",
    )
    p(doc, "{{ (n + 2) | 节 }}部门预决算差异率", "二级标题")
    p(
        doc,
        "{{ 单位.年度 }}年年初预算数{{ 数据.年初预算 }}万元，决算数{{ 数据.执行数 }}万元，"
        "部门预决算差异率为{{ 数据.部门预决算差异率 }}。"
        "{% if 预算.差异原因 %}差异的主要原因是：{{ 预算.差异原因 | join('') }}{% endif %}",
    )
    p(doc, "五、总体评价结论", "一级标题")
    p(doc, "（一）评价得分情况", "二级标题")
    p(
        doc,
        "{% set met = 指标 | selectattr('达成情况', 'equalto', '达成') | list | length %}"
        "{% if met == 指标 | length %}本年度{{ 数据.指标个数 }}项绩效指标全部达到年初设定的目标，各项目完成情况良好。"
        "{% else %}本年度{{ 数据.指标个数 }}项绩效指标中，{{ met }}项达到年初设定的目标，"
        "{{ 指标 | length - met }}项未达到或未说明完成情况（见第三部分）。{% endif %}",
    )
    loop(doc, "t", "叙述.综合评价", ("{{ t.内容 | join('') }}", None))
    p(doc, "（二）存在的问题及原因分析", "二级标题")
    loop(
        doc, "t", "问题", ("{% if t.标题 %}{{ t.标题 }}。{% endif %}{{ t.内容 | join('') }}", None)
    )
    p(doc, "六、措施建议", "一级标题")
    loop(
        doc, "t", "建议", ("{% if t.标题 %}{{ t.标题 }}。{% endif %}{{ t.内容 | join('') }}", None)
    )
    return doc

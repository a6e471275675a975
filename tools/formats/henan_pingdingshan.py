"""平顶山市石龙区 部门整体绩效评价报告 (seed 002): third-party report with a 一级指标 score table."""

from docxkit import (
    base_document,
    loop_rows,
    p,
    run_in,
    table,
    tag,
    topics,
)

FORMAT_ID = "henan-pingdingshan"


def names(expr: str) -> str:
    """Names of a list of 机构, joined with 、."""
    return "{% for o in " + expr + " %}{{ o.名称 }}{% if not loop.last %}、{% endif %}{% endfor %}"


def numbered_chapter(doc, expr: str) -> None:
    """问题/建议: （一） titled sections, their paragraphs, then 1. 2. sub-items with a run-in title."""
    tag(doc, f"for t in {expr}")
    p(doc, "{{ loop.index | 节 }}{{ t.标题 | 或('') }}", "二级标题")
    tag(doc, "for x in t.内容")
    p(doc, "{{ x }}")
    tag(doc, "endfor")
    tag(doc, "for s in t.子项")
    run_in(
        doc,
        "{{ loop.index | 条 }} {% if s.标题 %}{{ s.标题 }}。{% endif %}",
        "{{ s.内容 | join('') }}",
    )
    tag(doc, "endfor")
    tag(doc, "endfor")


def build():
    doc = base_document()
    p(doc, "{{ 单位.年度 }}年度{{ 单位.名称 }}", "报告标题")
    p(doc, "部门整体绩效评价报告", "报告标题")
    p(doc, "")

    p(doc, "一、基本情况", "一级标题")
    p(doc, "（一）部门概况", "二级标题")
    p(
        doc,
        "{{ 机构设置.概述 | join('') }}{{ 单位.名称 }}内设机构{{ 数据.内设机构数 }}个、"
        "下设{{ 数据.事业单位数 }}个事业单位"
        "{% if 机构设置.内设机构 %}，内设机构包括：" + names("机构设置.内设机构") + "{% endif %}"
        "{% if 机构设置.事业单位 %}，事业单位包括：" + names("机构设置.事业单位") + "{% endif %}。"
        "{% if 人员编制.在职人数 is not none %}截至{{ 单位.年度 }}年底，{{ 单位.名称 }}实际在编在岗人数"
        "{{ 数据.在职人数 }}人。{% endif %}",
    )
    p(doc, "（二）部门预决算情况", "二级标题")
    tag(doc, "if 预算.收入 is not none")
    p(
        doc,
        "收入方面：{{ 单位.年度 }}年度{{ 单位.名称 }}年初预算数{{ 数据.年初预算 }}万元，"
        "调整预算数{{ 数据.调整预算 }}万元，决算收入{{ 数据.收入 }}万元，"
        "完成调整预算数的{{ 数据.收入完成调整预算率 }}，完成年初预算数的{{ 数据.收入完成年初预算率 }}。",
    )
    tag(doc, "endif")
    p(
        doc,
        "支出方面：{{ 单位.年度 }}年度部门决算支出共计{{ 数据.执行数 }}万元，"
        "完成调整预算数的{{ 数据.调整预算完成率 }}，完成年初预算数的{{ 数据.年初预算完成率 }}。"
        "包括基本支出{{ 数据.基本支出 }}万元，项目支出{{ 数据.项目支出 }}万元"
        "{% if 预算.其他支出 %}，其他支出{{ 数据.其他支出 }}万元{% endif %}。",
    )
    p(doc, "（三）重点工作完成情况", "二级标题")
    tag(doc, "for t in 叙述.重点工作")
    p(doc, "{{ loop.index | 条 }} {% if t.标题 %}{{ t.标题 }}：{% endif %}{{ t.内容 | join('') }}")
    tag(doc, "endfor")

    p(doc, "二、综合评价结论", "一级标题")
    p(doc, "（一）综合评价情况", "二级标题")
    topics(doc, "叙述.综合评价", numbering=None)
    p(doc, "（二）评价结论", "二级标题")
    p(
        doc,
        "评价工作组根据预算单位提供的数据资料和访谈调查获取的信息，对{{ 单位.年度 }}年度{{ 单位.名称 }}"
        "部门整体支出进行了全面、客观的评价，最终得分为{{ 数据.总分 }}分"
        "{% if 评价.等级依据 %}，参照{{ 评价.等级依据 }}{% endif %}，"
        "绩效评价结果等级为“{{ 数据.等级 }}”。部门整体绩效评价指标得分表：",
    )
    p(doc, "部门整体绩效评价指标得分表", "表题")
    table(
        doc,
        ["一级指标", "分值", "得分", "得分率"],
        [52, 30, 34, 40],
        loop_rows(
            "g",
            "一级指标",
            [
                "{{ g.名称 }}",
                "{{ g.分值 | 单项得分 }}",
                "{{ g.得分 | 单项得分 }}",
                "{{ g.得分率 }}",
            ],
        )
        + [["合计", "{{ 数值.满分 | 单项得分 }}", "{{ 数据.总分 }}", "{{ 数据.得分率 }}"]],
    )

    p(doc, "三、主要成效", "一级标题")
    topics(doc, "叙述.主要成效", numbering=None)
    p(doc, "四、存在问题", "一级标题")
    numbered_chapter(doc, "问题")
    p(doc, "五、有关建议", "一级标题")
    numbered_chapter(doc, "建议")

    tag(doc, "if 单位.报告日期")
    p(doc, "")
    p(doc, "{{ 单位.编制单位 | 或(单位.名称) }}", "落款")
    p(doc, "{{ 单位.报告日期.year }}年{{ 单位.报告日期.month }}月{{ 单位.报告日期.day }}日", "落款")
    tag(doc, "endif")
    return doc

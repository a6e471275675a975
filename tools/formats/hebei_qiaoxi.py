"""河北省桥西区 部门整体支出绩效自评报告 (seed 004): assets against last year, goals, merged indicator table."""

from docxkit import (
    base_document,
    loop_rows,
    merge,
    p,
    run_in,
    table,
    tag,
    topics,
)

FORMAT_ID = "hebei-qiaoxi"

UNIT = "{{ 单位.简称 | 或(单位.名称) }}"


def basics(doc) -> None:
    p(doc, "一、部门基本情况", "一级标题")
    p(doc, "（一）部门概况", "二级标题")
    p(doc, "主要职责：", "三级标题")
    tag(doc, "for d in 职责")
    p(doc, "{{ loop.index }}、{{ d }}")
    tag(doc, "endfor")
    p(doc, "组织机构及人员：", "三级标题")
    p(
        doc,
        "经区编办核定" + UNIT + "{% for t in 人员编制.类别 %}{{ t.名称 }}{{ t.核定 }}名"
        "{% if not loop.last %}，{% endif %}{% endfor %}。年终实有人数为{{ 数据.在职人数 }}人。"
        "{{ 人员编制.说明 | join('') }}",
    )
    tag(doc, "if 资产.资产总额 is not none and 资产.上年资产总额 is not none")
    p(doc, "资产情况：", "三级标题")
    p(
        doc,
        "截至{{ 单位.年度 }}年12月31日，我单位资产总额（账面净值，下同）{{ 资产.资产总额 | 金额 }}万元，"
        "较上年{{ 资产.上年资产总额 | 金额 }}万元，{{ 数值.资产变动率 | 增减 }}。"
        "负债总额{{ 资产.负债总额 | 金额 }}万元，较上年{{ 资产.上年负债总额 | 金额 }}万元，"
        "{{ 数值.负债变动率 | 增减 }}；净资产{{ 资产.净资产 | 金额 }}万元，"
        "较上年{{ 资产.上年净资产 | 金额 }}万元，{{ 数值.净资产变动率 | 增减 }}。",
    )
    tag(doc, "endif")
    p(doc, "（二）部门收支预决算情况", "二级标题")
    p(
        doc,
        UNIT + "{{ 单位.年度 }}年度部门项目预算收支{{ 数据.年初预算 }}万元"
        "{% if 预算.调整预算 != 预算.年初预算 %}，年中调整为{{ 数据.调整预算 }}万元{% endif %}，"
        "实际收支{{ 数据.执行数 }}万元{% if 预算.收入 == 预算.执行数 %}，收支平衡{% endif %}。",
    )
    p(doc, "（三）部门整体支出绩效目标、指标", "二级标题")
    p(doc, "总体绩效目标：", "三级标题")
    tag(doc, "for x in 绩效目标.总体目标")
    p(doc, "{{ loop.index }}、{{ x }}")
    tag(doc, "endfor")
    p(doc, "分项绩效目标：", "三级标题")
    tag(doc, "for g in 绩效目标.分项")
    run_in(doc, "{{ loop.index }}、{{ g.名称 }}。", "")
    p(doc, "绩效目标：{{ g.目标 | 或('') }}")
    p(doc, "绩效指标：{{ g.指标 | join('') }}")
    tag(doc, "endfor")
    tag(doc, "if 叙述.重点工作")
    p(doc, "重点工作完成情况：", "三级标题")
    tag(doc, "for t in 叙述.重点工作")
    run_in(doc, "{{ loop.index }}、{{ t.标题 | 或('') }}", "")
    tag(doc, "for x in t.内容")
    p(doc, "{{ x }}")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endif")


def process(doc) -> None:
    p(doc, "二、自评工作开展情况", "一级标题")
    p(doc, "（一）自评的组织工作", "二级标题")
    topics(doc, "叙述.组织工作", numbering=None)
    p(doc, "（二）自评的方法和过程", "二级标题")
    tag(doc, "set first = 2 if 评价.开始日期 else 1")
    tag(doc, "if 评价.开始日期")
    p(doc, "1、基础数据采集", "三级标题")
    p(
        doc,
        "{% set a = 评价.开始日期 %}{% set b = 评价.结束日期 %}绩效评价工作于{{ a.year }}年{{ a.month }}月启动，"
        "评价小组于{{ a.month }}月{{ a.day }}日提出资料需求清单"
        "{% if b %}，{{ a.month }}月{{ a.day }}日至{{ b.month }}月{{ b.day }}日{% else %}，随后{% endif %}"
        "收集项目的基础数据和文件资料。",
    )
    tag(doc, "endif")
    tag(doc, "for t in 叙述.工作过程")
    p(doc, "{{ loop.index0 + first }}、{{ t.标题 | 或('') }}", "三级标题")
    tag(doc, "for x in t.内容")
    p(doc, "{{ x }}")
    tag(doc, "endfor")
    tag(doc, "endfor")


WIDTHS = [20, 22, 27, 51, 14, 22]  # mm, 156 in all: the A4 text width


def indicator_table(doc) -> None:
    t = table(
        doc,
        [],
        WIDTHS,
        loop_rows(
            "i",
            "指标",
            [
                "{{ i.一级 | 合并 }}",
                "{{ i.二级 | 合并 }}",
                "{{ i.三级 | 或('') }}",
                "{{ i.评分标准 | 或('') }}",
                "{{ i.分值 | 单项得分 }}",
                "{{ i.得分 | 单项得分 }}",
            ],
        )
        + [["合计", "", "", "", "{{ 数值.满分 | 单项得分 }}", "{{ 数值.总分 | 单项得分 }}"]],
        header_rows=[
            ["评价指标", "", "", "评分标准", "分值", "自评得分"],
            ["一级", "二级", "三级", "", "", ""],
        ],
    )
    merge(t, (0, 0), (0, 2), "评价指标")
    for col, text in ((3, "评分标准"), (4, "分值"), (5, "自评得分")):
        merge(t, (0, col), (1, col), text)
    body = t.rows[3].cells  # the repeated row of the {%tr for %} loop
    body[3].paragraphs[0].style = doc.styles["表格左齐"]
    total = len(t.rows) - 1
    merge(t, (total, 0), (total, 3), "合计", style="表格文字")


def results(doc) -> None:
    p(doc, "三、部门整体支出绩效目标实现情况及指标分析", "一级标题")
    p(doc, "（一）总体绩效目标实现情况", "二级标题")
    p(
        doc,
        "{{ 单位.年度 }}年项目共安排预算资金{{ 数据.调整预算 }}万元"
        "{% if 预算.来源 | length == 1 %}，预算资金全部由{{ 预算.来源[0].名称 }}预算安排"
        "{% elif 预算.来源 %}，预算资金由{{ 预算.来源 | map(attribute='名称') | join('、') }}安排{% endif %}。"
        "{{ 单位.年度 }}年项目实际支出{{ 数据.执行数 }}万元，预算执行率为{{ 数据.预算执行率 }}。",
    )
    p(doc, "（二）分项绩效目标实现情况及指标分析", "二级标题")
    indicator_table(doc)

    p(doc, "四、评价结论和评价等级", "一级标题")
    p(
        doc,
        "根据部门职责定位和各项工作履职情况进行综合评价，给出总得分，满分{{ 数值.满分 | 单项得分 }}分，"
        "得出综合绩效评价等级。部门整体支出综合绩效评价分为{{ 格式.等级 | length }}个等级："
        "{% for g in 格式.等级 | sort(attribute='下限', reverse=true) %}"
        "{% if loop.first %}得分≥{{ g.下限 | 数字 }}分为{{ g.名称 }}"
        "{% elif loop.last and g.下限 == 0 %}得分<{{ loop.previtem.下限 | 数字 }}分为{{ g.名称 }}"
        "{% else %}{{ g.下限 | 数字 }}≤得分<{{ loop.previtem.下限 | 数字 }}分为{{ g.名称 }}{% endif %}"
        "{% if loop.last %}。{% else %}；{% endif %}{% endfor %}",
    )
    p(
        doc,
        "整体支出绩效最终得分“{{ 数值.总分 | 单项得分 }}”分，绩效评价等级为“{{ 数据.等级 }}”。其中："
        "{% for g in 一级指标 %}{{ g.名称 }}{{ g.分值 | 单项得分 }}分"
        "{% set parts = g.指标 | map(attribute='二级') | select | map('replace', '指标', '') | unique | list %}"
        "{% if parts | length > 1 %}（包含{{ parts | join('、') }}）{% endif %}，"
        "实际得分为{{ g.得分 | 单项得分 }}分{% if loop.last %}。{% else %}；{% endif %}{% endfor %}",
    )


def build():
    doc = base_document()
    p(doc, "{{ 单位.名称 }}", "报告标题")
    p(doc, "部门{{ 单位.年度 }}年度整体支出绩效自评报告", "报告标题")
    p(doc, "")
    topics(doc, "叙述.前言", numbering=None)
    basics(doc)
    process(doc)
    results(doc)

    p(doc, "五、存在的问题及改进措施", "一级标题")
    p(doc, "（一）存在的主要问题", "二级标题")
    topics(doc, "问题", numbering=None)
    p(doc, "（二）针对问题提出具体的改进措施或建议", "二级标题")
    topics(doc, "建议", numbering=None)

    p(doc, "六、评价工作组人员名单及签字（姓名、工作单位、职务、职称）", "一级标题")
    table(
        doc,
        ["序号", "姓名", "工作单位", "职务", "职称"],
        [14, 24, 58, 34, 26],
        loop_rows(
            "m",
            "评价工作组",
            [
                "{{ loop.index }}",
                "{{ m.姓名 | 姓名 }}",
                "{{ m.工作单位 | 或('') }}",
                "{{ m.职务 | 或('') }}",
                "{{ m.职称 | 或('') }}",
            ],
        ),
    )
    return doc

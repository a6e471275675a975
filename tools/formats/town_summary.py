"""镇级 部门整体绩效自评情况 (seed 001): offices with duties, staff by type, 其中 funds, lost points by module."""

from docxkit import base_document, loop, p, tag

FORMAT_ID = "town-summary"

SEP = "{% if not loop.last %}，{% endif %}"


def _funds(amount: str) -> str:
    """其中 parts with their 中央/省/市 split, for 预算 or 支出."""
    return (
        "{% for x in 预算.其中 %}{{ x.名称 }}{{ x." + amount + " | 或(0) | 金额 }}万元"
        "{% if x.分级 %}（包含{% for l in x.分级 %}{{ l.名称 }}{{ l."
        + amount
        + " | 或(0) | 金额 }}万元"
        "{% if not loop.last %}、{% endif %}{% endfor %}）{% endif %}" + SEP + "{% endfor %}"
    )


def build():
    doc = base_document()
    p(doc, "部门整体绩效自评情况", "报告标题")
    p(doc, "{{ 单位.名称 }}（{{ 单位.年度 }}年度）", "报告副标题")
    p(doc, "")
    p(doc, "一、部门整体概况", "一级标题")
    p(doc, "（一）部门主要职责职能及人员情况", "二级标题")
    loop(
        doc,
        "o",
        "机构设置.内设机构",
        ("{{ loop.index }}、{{ o.名称 }}。{{ o.职责 | join('') }}", None),
    )
    p(
        doc,
        "{% set serving = 人员编制.类别 | selectattr('在职') | list %}"
        "{% set others = 人员编制.类别 | rejectattr('在职') | list %}"
        "{{ 单位.简称 | 或('本单位') }}财政供养实有在职人员{{ 数据.在职人数 }}人"
        "{% if serving %}，其中{% for t in serving %}{{ t.名称 }}{{ t.实有 }}人"
        + SEP
        + "{% endfor %}{% endif %}。"
        "{% if others %}另有{% for t in others %}{{ t.名称 }}{{ t.实有 }}人"
        + SEP
        + "{% endfor %}，不计入在职人员。{% endif %}",
    )
    p(doc, "（二）部门预算执行情况", "二级标题")
    p(
        doc,
        "本部门{{ 单位.年度 }}年度申请预算资金{{ 数据.调整预算 }}万元"
        "{% if 预算.其中 %}，其中：" + _funds("预算") + "{% endif %}；"
        "实际支出{{ 数据.执行数 }}万元{% if 预算.其中 %}，其中：" + _funds("支出") + "{% endif %}；"
        "预算执行率{{ 数据.预算执行率 }}。"
        "{% if 预算.项目个数 %}其中：项目{{ 预算.项目个数 }}个（均开展了项目绩效自评），金额合计{{ 数据.项目金额 }}万元"
        "{% if 预算.项目实际支出 is not none %}，实际支出{{ 数据.项目实际支出 }}万元，执行率为{{ 数据.项目执行率 }}{% endif %}。{% endif %}",
    )
    p(doc, "二、绩效评价组织情况", "一级标题")
    p(
        doc,
        "{% if 预算.项目个数 %}本次绩效评价项目{{ 预算.项目个数 }}个，涉及金额{{ 数据.项目金额 }}万元。{% endif %}"
        "{{ 叙述.工作过程[0].内容 | join('') if 叙述.工作过程 else '' }}",
    )
    tag(doc, "for t in 叙述.工作过程[1:]")
    p(doc, "{{ t.内容 | join('') }}")
    tag(doc, "endfor")
    p(doc, "三、部门绩效管理开展的整体绩效实现情况", "一级标题")
    loop(
        doc,
        "t",
        "叙述.综合评价",
        ("{% if t.标题 %}在{{ t.标题 }}方面，{% endif %}{{ t.内容 | join('') }}", None),
    )
    tag(doc, "if 数值.三公经费变动率 is defined")
    p(
        doc,
        "本年“三公”经费支出{{ 数据.三公经费实际 }}万元，上年{{ 数据.上年三公经费 }}万元，"
        "“三公”经费变动率为{{ 数据.三公经费变动率 }}。",
    )
    tag(doc, "endif")
    p(doc, "四、存在的问题和建议", "一级标题")
    p(
        doc,
        "{{ 单位.年度 }}年部门整体支出绩效评价指标体系满分为{{ 数值.满分 | 单项得分 }}分，"
        "{{ 单位.简称 | 或('本单位') }}得分为{{ 数值.总分 | 单项得分 }}分"
        "{% for i in 指标 if i.得分 < i.分值 %}{% if loop.first %}，失分原因主要体现在：{% endif %}"
        "{{ loop.index }}、{{ i.三级 }}模块，{% if i.说明 %}{{ i.说明 | join('') }}，{% endif %}"
        "得{{ i.得分 | 单项得分 }}分{% if loop.last %}。{% else %}；{% endif %}"
        "{% else %}，各模块均未失分。{% endfor %}",
    )
    loop(
        doc, "t", "问题", ("{% if t.标题 %}{{ t.标题 }}。{% endif %}{{ t.内容 | join('') }}", None)
    )
    tag(doc, "if 建议")
    p(doc, "下一步改进措施：")
    loop(
        doc,
        "t",
        "建议",
        (
            "{{ loop.index | 款 }}{% if t.标题 %}{{ t.标题 }}。{% endif %}{{ t.内容 | join('') }}",
            None,
        ),
    )
    tag(doc, "endif")
    p(doc, "五、其他需要说明的问题", "一级标题")
    tag(doc, "for t in 叙述.其他说明")
    p(doc, "{{ t.内容 | join('') }}")
    tag(doc, "else")
    p(doc, "无。")
    tag(doc, "endfor")
    return doc

"""重庆市璧山区 整体支出绩效自评报告 (seed 003): indicators written as numbered paragraphs."""

from docxkit import base_document, loop, p, tag, topics

FORMAT_ID = "chongqing-bishan"


def build():
    doc = base_document()
    p(doc, "{{ 单位.名称 }}", "报告标题")
    p(doc, "{{ 单位.年度 }}年度整体支出绩效自评报告", "报告标题")
    p(doc, "")
    p(doc, "一、基本情况", "一级标题")
    p(doc, "（一）单位基本情况", "二级标题")
    p(doc, "1. 职能职责", "三级标题")
    loop(doc, "d", "职责", ("{{ loop.index | 款 }}{{ d }}", None))
    p(doc, "2. 单位构成", "三级标题")
    p(
        doc,
        "我单位统一设置党政内设机构{{ 数据.内设机构数 }}个，即：{% for o in 机构设置.内设机构 %}{{ o.名称 }}"
        "{% if o.挂牌 %}（挂{{ o.挂牌 | join('、') }}牌子）{% endif %}{% if not loop.last %}、{% endif %}{% endfor %}"
        "{% if 机构设置.事业单位 %}；设置事业机构{{ 数据.事业单位数 }}个，即：{% for o in 机构设置.事业单位 %}{{ o.名称 }}"
        "{% if not loop.last %}、{% endif %}{% endfor %}{% endif %}。",
    )
    p(doc, "3. 人员编制情况", "三级标题")
    p(
        doc,
        "我单位{% for t in 人员编制.类别 %}{{ t.名称 }}{% if t.核定 is not none %}核定编制数{{ t.核定 }}，{% endif %}"
        "{% if t.控制 is not none %}控制编制数{{ t.控制 }}，{% endif %}实有人员{{ t.实有 }}人"
        "{% if not loop.last %}；{% endif %}{% endfor %}。",
    )
    p(doc, "（二）预算及支出情况", "二级标题")
    p(
        doc,
        "我单位{{ 单位.年度 }}年{% for s in 预算.来源 %}{{ s.名称 }}收入{{ s.收入 | 金额 }}万元"
        "{% if s.上年结转 is not none %}，上年结转{{ s.名称 }}资金{{ s.上年结转 | 金额 }}万元{% endif %}；"
        "{{ s.名称 }}支出{{ s.执行数 | 金额 }}万元{% if s.基本支出 %}，其中：基本支出{{ s.基本支出 | 金额 }}万元，"
        "项目支出{{ s.项目支出 | 金额 }}万元{% endif %}；{% endfor %}截至{{ 单位.年度 }}年12月31日，"
        "我单位共计支出{{ 数据.执行数 }}万元，其中：基本支出{{ 数据.基本支出 }}万元，项目支出{{ 数据.项目支出 }}万元。",
    )
    p(doc, "二、绩效评价基本情况", "一级标题")
    p(doc, "（一）绩效评价目的", "二级标题")
    topics(doc, "叙述.评价目的", numbering=None)
    p(doc, "（二）绩效评价原则", "二级标题")
    loop(
        doc,
        "t",
        "叙述.评价原则",
        ("{{ loop.index | 条 }} {{ t.标题 }}。{{ t.内容 | join('') }}", None),
    )
    p(doc, "（三）绩效评价工作过程", "二级标题")
    topics(doc, "叙述.工作过程", numbering="条")
    p(doc, "三、绩效评价情况及结论", "一级标题")
    p(doc, "（一）绩效评价情况", "二级标题")
    tag(doc, "for i in 指标")
    p(doc, "{{ i.序号 | 条 }} {{ i.三级 }}（{{ i.分值 | 单项得分 }}分）", "三级标题")
    p(doc, "{% for x in i.说明 %}{{ x }}{% endfor %}该指标得分为{{ i.得分 | 单项得分 }}分。")
    tag(doc, "endfor")
    p(doc, "（二）绩效评价结论", "二级标题")
    p(doc, "本次绩效评价综合得分{{ 数据.总分 }}分，绩效评价等级为“{{ 数据.等级 }}”。")
    p(doc, "四、主要经验及做法", "一级标题")
    topics(doc, "叙述.经验做法", numbering=None)
    p(doc, "五、存在的问题", "一级标题")
    topics(doc, "问题", numbering="节", title_style="二级标题")
    p(doc, "六、改进措施、建议", "一级标题")
    topics(doc, "建议", numbering="节", title_style="二级标题")
    return doc

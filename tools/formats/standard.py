"""Standard format: the MOF outline (财预〔2020〕10号) and the 部门整体支出绩效自评表 as an annex."""

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Mm
from docxkit import base_document, loop, loop_rows, p, table, tag, topics

FORMAT_ID = "standard"


def cell_paragraphs(cell, lines, style):
    """Replace a cell's text by several paragraphs (docxtpl {%p %} tags work inside cells)."""
    cell.text = lines[0]
    cell.paragraphs[0].style = style
    for line in lines[1:]:
        cell.add_paragraph(line, style=style)


def body(doc):
    p(doc, "{{ 单位.名称 }}", "报告标题")
    p(doc, "{{ 单位.年度 }}年度部门整体支出绩效自评报告", "报告标题")
    p(doc, "")
    p(doc, "一、基本情况", "一级标题")
    p(doc, "（一）单位概况", "二级标题")
    p(doc, "1. 机构设置", "三级标题")
    p(
        doc,
        "{{ 单位.简称 | 或(单位.名称) }}{% if 单位.成立时间 %}成立于{{ 单位.成立时间 }}，{% endif %}"
        "{{ 机构设置.概述 | join('') }}"
        "{% if 机构设置.内设机构 %}内设机构{{ 数据.内设机构数 }}个：{% for o in 机构设置.内设机构 %}{{ o.名称 }}"
        "{% if o.挂牌 %}（{{ o.挂牌 | join('、') }}）{% endif %}{% if not loop.last %}、{% endif %}{% endfor %}。{% endif %}"
        "{% if 机构设置.其他机构 %}其他机构{{ 数据.其他机构数 }}个：{% for o in 机构设置.其他机构 %}{{ o.名称 }}"
        "{% if o.挂牌 %}（{{ o.挂牌 | join('、') }}）{% endif %}{% if not loop.last %}、{% endif %}{% endfor %}。{% endif %}"
        "{% if 机构设置.事业单位 %}所属事业单位{{ 数据.事业单位数 }}个：{% for o in 机构设置.事业单位 %}{{ o.名称 }}"
        "{% if o.挂牌 %}（{{ o.挂牌 | join('、') }}）{% endif %}{% if not loop.last %}、{% endif %}{% endfor %}。{% endif %}"
        "{% if 机构设置.下辖社区 %}下辖社区{{ 数据.下辖社区数 }}个：{{ 机构设置.下辖社区 | join('、') }}。{% endif %}",
    )
    p(doc, "2. 主要职责", "三级标题")
    loop(doc, "d", "职责", ("{{ loop.index | 款 }}{{ d }}", None))
    tag(doc, "if 人员编制.类别 or 人员编制.在职人数 is not none")
    p(doc, "3. 人员编制", "三级标题")
    p(
        doc,
        "{% for t in 人员编制.类别 %}{{ t.名称 }}{% if t.核定 is not none %}核定编制{{ t.核定 }}人，{% endif %}"
        "{% if t.控制 is not none %}控制编制{{ t.控制 }}人，{% endif %}实有{{ t.实有 | 或('—') }}人；{% endfor %}"
        "{% if 数值.在职人数 is defined %}在职人员合计{{ 数据.在职人数 }}人{% endif %}"
        "{% if 数值.在职人员控制率 is defined %}，在职人员控制率{{ 数据.在职人员控制率 }}{% endif %}。",
    )
    tag(doc, "endif")
    p(doc, "（二）预算及执行情况", "二级标题")
    p(
        doc,
        "{{ 单位.年度 }}年，本单位年初预算{{ 数据.年初预算 }}万元，全年预算{{ 数据.调整预算 }}万元，"
        "全年执行{{ 数据.执行数 }}万元，预算执行率{{ 数据.预算执行率 }}。全年支出中，基本支出{{ 数据.基本支出 }}万元，"
        "占{{ 数据.基本支出占比 }}；项目支出{{ 数据.项目支出 }}万元，占{{ 数据.项目支出占比 }}"
        "{% if 数值.其他支出 %}；其他支出{{ 数据.其他支出 }}万元{% endif %}。",
    )
    p(
        doc,
        "全年预算较年初预算{{ '增加' if 数值.预算调整数 >= 0 else '减少' }}{{ 数值.预算调整数 | abs | 金额 }}万元，"
        "预算调整率{{ 数据.预算调整率 }}；全年执行数较年初预算{{ '增加' if 数值.预决算差异数 >= 0 else '减少' }}"
        "{{ 数值.预决算差异数 | abs | 金额 }}万元，部门预决算差异率{{ 数据.部门预决算差异率 }}。{{ 预算.差异原因 | join('') }}",
    )
    tag(doc, "if 预算.项目个数 is not none")
    p(
        doc,
        "纳入绩效自评的项目{{ 预算.项目个数 }}个{% if 预算.项目金额 is not none %}，金额合计{{ 预算.项目金额 | 金额 }}万元{% endif %}"
        "{% if 数值.项目执行率 is defined %}，实际支出{{ 预算.项目实际支出 | 金额 }}万元，执行率{{ 数据.项目执行率 }}{% endif %}。",
    )
    tag(doc, "endif")
    p(doc, "（三）绩效目标", "二级标题")
    loop(doc, "g", "绩效目标.总体目标", ("{{ loop.index | 款 }}{{ g }}", None))
    p(doc, "二、绩效评价工作开展情况", "一级标题")
    p(doc, "（一）评价目的", "二级标题")
    topics(doc, "叙述.评价目的", numbering=None)
    p(doc, "（二）评价过程", "二级标题")
    topics(doc, "叙述.工作过程", numbering="条")
    p(doc, "三、综合评价情况及评价结论", "一级标题")
    topics(doc, "叙述.综合评价", numbering=None)
    p(
        doc,
        "经自评，本单位{{ 单位.年度 }}年度部门整体支出绩效得分{{ 数据.总分 }}分（满分{{ 数据.满分 }}分），"
        "评价等级为“{{ 数据.等级 }}”。各一级指标得分如下表。",
    )
    p(doc, "部门整体支出绩效评价得分表", "表题")
    table(
        doc,
        ["一级指标", "分值", "得分", "得分率"],
        [60, 34, 34, 34],
        loop_rows(
            "g",
            "一级指标",
            ["{{ g.名称 }}", "{{ g.分值 | 单项得分 }}", "{{ g.得分 | 得分 }}", "{{ g.得分率 }}"],
        )
        + [["合计", "{{ 数据.满分 | 单项得分 }}", "{{ 数据.总分 }}", "{{ 数据.得分率 }}"]],
    )
    p(doc, "")
    p(doc, "四、绩效评价指标分析", "一级标题")
    tag(doc, "for g in 一级指标")
    p(doc, "{{ loop.index | 节 }}{{ g.名称 }}", "二级标题")
    p(
        doc,
        "{{ g.名称 }}分值{{ g.分值 | 单项得分 }}分，得分{{ g.得分 | 得分 }}分，得分率{{ g.得分率 }}。",
    )
    tag(doc, "for i in g.指标")
    p(
        doc,
        "{{ loop.index | 条 }} {{ i.三级 }}：{% if i.项目 %}{{ i.项目 }}项目，{% endif %}年度指标值{{ i.指标值 | 或('—') }}，"
        "实际完成{{ i.实际值 | 或('—') }}，分值{{ i.分值 | 单项得分 }}分，得分{{ i.得分 | 单项得分 }}分"
        "（{{ i.评分说明 }}）。{{ i.说明 | join('') }}",
    )
    tag(doc, "endfor")
    tag(doc, "endfor")
    p(doc, "五、主要经验及做法、存在的问题及原因分析", "一级标题")
    p(doc, "（一）主要经验及做法", "二级标题")
    topics(doc, "叙述.经验做法", numbering="条")
    p(doc, "（二）存在的问题及原因分析", "二级标题")
    topics(doc, "问题", numbering="条")
    p(doc, "六、有关建议", "一级标题")
    topics(doc, "建议", numbering="条")
    p(doc, "七、其他需要说明的问题", "一级标题")
    p(doc, "{% for t in 叙述.其他说明 %}{{ t.内容 | join('') }}{% else %}无。{% endfor %}")
    p(doc, "")
    p(doc, "{{ 单位.编制单位 | 或(单位.名称) }}", "落款")
    tag(doc, "if 单位.报告日期")
    p(doc, "{{ 单位.报告日期.year }}年{{ 单位.报告日期.month }}月{{ 单位.报告日期.day }}日", "落款")
    tag(doc, "endif")


def annex(doc):
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.top_margin, sec.bottom_margin = Mm(28), Mm(26)
    sec.left_margin, sec.right_margin = Mm(30), Mm(30)
    p(doc, "附表", "三级标题").paragraph_format.first_line_indent = 0
    p(doc, "部门整体支出绩效自评表", "报告标题")
    p(doc, "（{{ 单位.年度 }}年度）", "报告副标题")
    p(doc, "单位名称：{{ 单位.名称 }}", "表格左齐")
    table(
        doc,
        ["资金情况（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [57, 30, 30, 30, 30, 30, 30],
        [
            [
                "年度资金总额",
                "{{ 数据.年初预算 }}",
                "{{ 数据.调整预算 }}",
                "{{ 数据.执行数 }}",
                "{{ 数值.预算执行率分值 | 单项得分 if 数值.预算执行率分值 is defined else '—' }}",
                "{{ 数据.预算执行率 }}",
                "{{ 数值.预算执行率得分 | 单项得分 if 数值.预算执行率得分 is defined else '—' }}",
            ]
        ]
        + loop_rows(
            "s",
            "预算.来源",
            [
                "其中：{{ s.名称 }}",
                "{{ s.年初预算 | 金额 }}",
                "{{ s.调整预算 | 金额 }}",
                "{{ s.执行数 | 金额 }}",
                "—",
                "{{ s.执行数 | 比率(s.调整预算) }}",
                "—",
            ],
        ),
        repeat_header=False,
    )
    p(doc, "")
    goals = table(
        doc, ["年度总体目标", "实际完成情况"], [118, 119], [["", ""]], repeat_header=False
    )
    cell_paragraphs(
        goals.rows[1].cells[0],
        ["{%p for g in 绩效目标.总体目标 %}", "{{ loop.index }}. {{ g }}", "{%p endfor %}"],
        doc.styles["表格左齐"],
    )
    cell_paragraphs(
        goals.rows[1].cells[1],
        ["{%p for g in 绩效目标.完成情况 %}", "{{ g }}", "{%p endfor %}"],
        doc.styles["表格左齐"],
    )
    p(doc, "")
    t = table(
        doc,
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        [26, 30, 44, 24, 24, 14, 14, 61],
        loop_rows(
            "i",
            "指标",
            [
                "{{ i.一级 | 合并 }}",
                "{{ i.二级 | 或('') | 合并 }}",
                "{{ i.三级 }}",
                "{{ i.指标值 | 或('—') }}",
                "{{ i.实际值 | 或('—') }}",
                "{{ i.分值 | 单项得分 }}",
                "{{ i.得分 | 单项得分 }}",
                "{{ i.偏差原因 | 或('') }}",
            ],
        )
        + [["总分", "", "", "", "", "{{ 数据.满分 | 单项得分 }}", "{{ 数据.总分 }}", ""]],
    )
    last = t.rows[-1].cells
    merged = last[0].merge(last[4])
    merged.text = "总分"
    merged.paragraphs[0].style = doc.styles["表头"]


def build():
    doc = base_document()
    body(doc)
    annex(doc)
    return doc

"""Plans as other governments publish them (issue 12): one synthetic document per shape."""

import io
from datetime import date

import docx
import pytest

from fazhi.plans.parsing import DEMO_DIRECTORY, UnitDirectory, parse
from fazhi.plans.parsing.chinese import to_simplified


@pytest.fixture(scope="module")
def directory():
    return UnitDirectory.from_json(DEMO_DIRECTORY)


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fill(table, rows):
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                table.cell(r, c).text = value


def _units(refs):
    return [r.unit for r in refs]


# --- 1. levels merged vertically, a header merged across two columns, no 序号 header ---------


def _indicator_table(document):
    rows = [
        ("一级指标", "二级指标", "评价指标", None, "牵头单位", "责任单位"),
        (
            "依法全面履行政府职能",
            "深化放管服改革",
            "1",
            "行政审批事项全部实现网上办理。",
            "县行政审批服务管理局",
            "县政府各部门",
        ),
        (None, None, "2", "编制公布政府权责清单。", "县委编办", "县政府各部门"),
        (None, "优化营商环境", "3", "开展营商环境评价。", "县发改委", "各乡(镇)人民政府"),
        (
            "健全依法决策机制",
            "严格决策程序",
            "4",
            "公布年度重大行政决策事项目录。",
            "县政府办公室",
            "县司法局",
        ),
    ]
    table = document.add_table(rows=len(rows), cols=6)
    _fill(table, rows)
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(1, 0).merge(table.cell(3, 0))
    table.cell(1, 1).merge(table.cell(2, 1))


def test_indicator_table_levels_become_chapters_and_measures(directory):
    def build(document):
        document.add_paragraph("天镇县2023年法治政府建设考核指标")
        _indicator_table(document)

    draft = parse(_docx(build), filename="指标.docx", directory=directory)
    assert [(c.number, c.title) for c in draft.chapters] == [
        (1, "依法全面履行政府职能"),
        (2, "健全依法决策机制"),
    ]
    assert [(m.number, m.chapter, m.title, len(m.tasks)) for m in draft.measures] == [
        (1, 1, "深化放管服改革", 2),
        (2, 1, "优化营商环境", 1),
        (3, 2, "严格决策程序", 1),
    ]
    first, second = draft.measures[0].tasks
    assert first.text.endswith("1.行政审批事项全部实现网上办理。")
    assert second.text == "2.编制公布政府权责清单。"
    assert _units(first.lead_units) == ["天镇县行政审批服务管理局"]
    assert _units(first.responsible_units) == ["县政府各部门"]
    assert _units(second.lead_units) == ["中共天镇县委机构编制委员会办公室"]
    assert _units(draft.measures[2].tasks[0].responsible_units) == ["天镇县司法局"]
    assert draft.unresolved == []


def test_columns_are_recognised_by_content_without_headers(directory):
    def build(document):
        rows = [
            ("1", "推进严格规范公正文明执法。", "县司法局、县公安局", "2024年6月底前"),
            ("2", "加强行政复议规范化建设。", "县司法局", "长期坚持"),
        ]
        _fill(document.add_table(rows=2, cols=4), rows)

    draft = parse(_docx(build), filename="表.docx", directory=directory)
    assert [(m.number, m.title) for m in draft.measures] == [
        (1, "推进严格规范公正文明执法"),
        (2, "加强行政复议规范化建设"),
    ]
    first, second = (m.tasks[0] for m in draft.measures)
    assert _units(first.responsible_units) == ["天镇县司法局", "天镇县公安局"]
    assert [(d.text, d.date) for d in first.deadlines] == [("2024年6月底前", date(2024, 6, 30))]
    assert second.deadlines[0].recurrence.every == "ongoing"


# --- 2. 任务清单 | 责任单位 with merged and blank continuation cells -----------------------------


def test_merged_and_blank_unit_cells_inherit_and_no_task_is_dropped(directory):
    def build(document):
        rows = [
            ("任务清单", "责任单位"),
            ("落实行政执法公示制度。", "县司法局"),
            ("落实执法全过程记录制度。", None),
            ("落实重大执法决定法制审核制度。", ""),
            ("", "县公安局"),
            ("开展执法案卷评查。", "县市场监督管理局"),
        ]
        table = document.add_table(rows=len(rows), cols=2)
        _fill(table, rows)
        table.cell(1, 1).merge(table.cell(2, 1))

    draft = parse(_docx(build), filename="清单.docx", directory=directory)
    tasks = [m.tasks[0] for m in draft.measures]
    assert [t.text for t in tasks] == [
        "落实行政执法公示制度。",
        "落实执法全过程记录制度。",
        "落实重大执法决定法制审核制度。",
        "开展执法案卷评查。",
    ]
    assert [_units(t.responsible_units) for t in tasks] == [
        ["天镇县司法局"],
        ["天镇县司法局"],
        ["天镇县司法局", "天镇县公安局"],
        ["天镇县市场监督管理局"],
    ]


# --- 3. a table pasted from a web page -----------------------------------------------------


def test_tab_separated_table_pasted_as_text(directory):
    text = (
        "天镇县2024年依法行政重点任务分工\n"
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t开展行政规范性文件清理。\t县司法局\t县政府各部门\t2024年6月底前\n"
        "2\t推进政务公开标准化。\t县政府办公室\t\t\n"
        "3\t加强行政应诉工作。\t县司法局\t县人民法院\t每年\n"
    )
    draft = parse(text.encode("utf-8"), filename="分工.txt", directory=directory)
    assert draft.document.title == "天镇县2024年依法行政重点任务分工"
    assert [m.number for m in draft.measures] == [1, 2, 3]
    first, second, third = (m.tasks[0] for m in draft.measures)
    assert first.text == "开展行政规范性文件清理。"
    assert _units(first.participating_units) == ["县政府各部门"]
    assert _units(second.lead_units) == ["天镇县人民政府办公室"]
    # blank cells inherit the row above
    assert _units(second.participating_units) == ["县政府各部门"]
    assert [d.date for d in second.deadlines] == [date(2024, 6, 30)]
    assert third.deadlines[0].recurrence.every == "year"
    assert draft.text[slice(*first.span)] == "开展行政规范性文件清理。"


def test_tab_lines_that_are_no_task_table_stay_text():
    draft = parse("某方案\n\n(一)做好工作。\n名称\t数量\n甲\t1\n牵头单位:县司法局\n")
    assert draft.measures[0].tasks[0].text == "做好工作。\n名称 数量\n甲1"


# --- 4. one 责任单位 line per item, ending 按职责分工分别负责; 、 inside parentheses -----------


def test_prose_unit_line_with_trailing_phrase_and_parentheses(directory):
    text = (
        "大同市2023年法治政府建设工作要点\n\n"
        "一、深化法治政府建设\n"
        "(一)推进政务诚信建设。健全政务失信记录。\n"
        "责任单位：县司法局，各乡(镇)人民政府按职责分工分别负责\n"
        "(二)规范行政执法。\n"
        "责任单位：各县(市、区)人民政府、县公安局按职责分工负责。\n"
    )
    draft = parse(text, directory=directory)
    first, second = (m.tasks[0] for m in draft.measures)
    assert [r.raw for r in first.responsible_units] == ["县司法局", "各乡(镇)人民政府"]
    assert _units(first.responsible_units) == ["天镇县司法局", "各乡(镇)人民政府"]
    assert [r.raw for r in second.responsible_units] == ["各县(市、区)人民政府", "县公安局"]


# --- 5. the plan's own 文号, never a cited one; none at all; 號 ------------------------------


def test_number_cited_in_the_preamble_is_not_the_plans():
    text = (
        "天镇县2023年法治政府建设工作要点\n\n"
        "根据《大同市法治政府建设实施方案》(同政发〔2021〕8号),结合我县实际,制定本要点。\n\n"
        "一、任务\n(一)做好工作。\n牵头单位:县司法局\n"
    )
    draft = parse(text)
    assert draft.document.number is None
    assert draft.document.title == "天镇县2023年法治政府建设工作要点"


def test_own_number_before_the_title_and_addressees():
    text = (
        "天政办发〔2023〕12號\n\n关于印发天镇县依法行政工作方案的通知\n\n"
        "各乡(镇)人民政府,县直各单位:\n根据《条例》(晋政发〔2020〕3号),现印发。\n\n"
        "天镇县依法行政工作方案\n\n一、任务\n(一)做好工作。\n牵头单位:县司法局\n"
    )
    draft = parse(text)
    assert draft.document.number == "天政办发〔2023〕12号"
    assert draft.document.title == "天镇县依法行政工作方案"


# --- 6. traditional characters --------------------------------------------------------------


TRADITIONAL = (
    "天鎮縣人民政府\n"
    "天政發〔2023〕7號\n\n"
    "天鎮縣法治政府建設實施方案\n\n"
    "一、深化行政執法體制改革\n"
    "(一)推進綜合行政執法。整合執法隊伍,規範執法程序。\n"
    "牽頭單位:縣司法局\n"
    "參加單位:縣財政局、各鄉(鎮)人民政府\n"
)


def test_traditional_characters_are_read_and_kept_as_written(directory):
    draft = parse(TRADITIONAL.encode("utf-8"), filename="方案.txt", directory=directory)
    assert draft.document.number == "天政发〔2023〕7号"
    assert draft.document.title == "天鎮縣法治政府建設實施方案"
    task = draft.measures[0].tasks[0]
    assert [(r.raw, r.unit) for r in task.lead_units] == [("縣司法局", "天镇县司法局")]
    assert [(r.raw, r.unit) for r in task.participating_units] == [
        ("縣財政局", "天镇县财政局"),
        ("各鄉(鎮)人民政府", "各乡(镇)人民政府"),
    ]
    assert draft.text[slice(*task.lead_units[0].span)] == "縣司法局"
    assert draft.unresolved == []


def test_a_stray_traditional_character_leaves_a_simplified_text_alone():
    from fazhi.plans.parsing.chinese import simplify

    assert simplify("情況说明") == "情況说明"
    assert to_simplified("情況说明") == "情况说明"
    assert len(to_simplified(TRADITIONAL)) == len(TRADITIONAL)


def test_traditional_table_headers(directory):
    def build(document):
        rows = [("序號", "工作任務", "牽頭單位"), ("1", "推進依法行政。", "縣司法局")]
        _fill(document.add_table(rows=2, cols=3), rows)

    draft = parse(_docx(build), filename="表.docx", directory=directory)
    assert _units(draft.measures[0].tasks[0].lead_units) == ["天镇县司法局"]


# --- 7. deadlines and four levels of numbering ------------------------------------------------


def test_deadlines_without_a_year_count_from_the_date_of_issue(directory):
    text = (
        "天镇县2023年法治政府建设工作要点\n\n"
        "一、任务\n"
        "(一)规范文件。每年3月1日前报送备案情况,4月1日前完成清理,3个月内建立台账,"
        "半年内完成评估,2024年6月底前全面完成。\n"
        "牵头单位:县司法局\n"
        "(二)加强监督。上半年开展检查,下半年组织评议,第一季度制定方案。\n"
        "牵头单位:县司法局\n\n"
        "天镇县人民政府\n2023年5月10日\n"
    )
    draft = parse(text, directory=directory)
    assert draft.document.issued_on == date(2023, 5, 10)
    first, second = (m.tasks[0] for m in draft.measures)
    assert [(d.text, d.date, d.recurrence and d.recurrence.to_dict()) for d in first.deadlines] == [
        ("每年3月1日前", None, {"every": "year", "month": 3, "day": 1}),
        ("4月1日前", date(2024, 4, 1), None),  # issued after 1 April: next year's
        ("3个月内", date(2023, 8, 10), None),
        ("半年内", date(2023, 11, 10), None),
        ("2024年6月底前", date(2024, 6, 30), None),
    ]
    assert [(d.text, d.date) for d in second.deadlines] == [
        ("上半年", date(2023, 6, 30)),
        ("下半年", date(2023, 12, 31)),
        ("第一季度", date(2024, 3, 31)),
    ]


def test_yearless_deadline_uses_the_title_year_when_there_is_no_date():
    draft = parse("天镇县2025年工作要点\n\n一、任务\n(一)6月底前完成。\n牵头单位:县司法局\n")
    assert [d.date for d in draft.measures[0].tasks[0].deadlines] == [date(2025, 6, 30)]


def test_four_levels_tasks_at_the_lowest_level_with_unit_lines(directory):
    text = (
        "某县法治建设方案\n\n"
        "一、完善制度\n"
        "(一)健全决策机制\n"
        "1.落实决策程序。\n"
        "(1)公开征求意见。\n"
        "牵头单位:县司法局\n"
        "(2)开展风险评估。\n"
        "牵头单位:县发改委\n"
        "2.加强合法性审查。\n"
        "牵头单位:县政府办公室\n"
        "二、强化监督\n"
        "(二)加强执法监督\n"
        "1.开展执法检查。\n"
        "2.开展案卷评查。\n"
        "牵头单位:县司法局\n"
    )
    draft = parse(text, directory=directory)
    assert [(c.number, c.title) for c in draft.chapters] == [(1, "完善制度"), (2, "强化监督")]
    first, second = draft.measures
    assert [t.text for t in first.tasks] == [
        "健全决策机制\n1.落实决策程序。\n(1)公开征求意见。",
        "(2)开展风险评估。",
        "2.加强合法性审查。",
    ]
    assert [_units(t.lead_units) for t in first.tasks] == [
        ["天镇县司法局"],
        ["天镇县发展和改革局"],
        ["天镇县人民政府办公室"],
    ]
    assert [t.text for t in second.tasks] == ["加强执法监督\n1.开展执法检查。\n2.开展案卷评查。"]


# --- 8. titles over two lines, issuers above the title ----------------------------------------


def test_title_over_two_lines_with_the_issuer_above_it():
    text = (
        "中共天镇县委全面依法治县委员会\n\n"
        "天镇县2024年法治政府建设\n"
        "工作要点\n\n"
        "一、任务\n(一)做好工作。\n牵头单位:县司法局\n"
    )
    draft = parse(text)
    assert draft.document.title == "天镇县2024年法治政府建设工作要点"
    assert draft.document.issuers == ["中共天镇县委全面依法治县委员会"]


def test_issuer_ending_in_leading_group_signs_the_plan():
    text = (
        "某县法治政府建设方案\n\n一、任务\n(一)做好工作。\n牵头单位:县司法局\n\n"
        "天镇县法治政府建设领导小组\n2024年2月1日\n"
    )
    draft = parse(text)
    assert draft.document.issuers == ["天镇县法治政府建设领导小组"]
    assert draft.document.issued_on == date(2024, 2, 1)


# --- 9. no unit lines at all ----------------------------------------------------------------------


def test_plan_without_unit_lines_still_has_measures_and_tasks():
    text = (
        "大同市2023年法治政府建设工作要点\n\n"
        "一、深化改革\n"
        "(一)推进放管服改革\n"
        "1.精简审批事项。\n"
        "2.推行告知承诺制,年底前全面推开。\n"
        "(二)加强规范性文件管理。开展文件清理。\n"
        "二、强化监督\n"
        "(三)开展执法监督。\n"
        "附件:任务分工表\n"
    )
    draft = parse(text)
    assert not draft.has_unit_lines
    assert [(m.number, m.chapter, m.title) for m in draft.measures] == [
        (1, 1, "推进放管服改革"),
        (2, 1, "加强规范性文件管理"),
        (3, 2, "开展执法监督"),
    ]
    assert [[t.text for t in m.tasks] for m in draft.measures] == [
        ["1.精简审批事项。", "2.推行告知承诺制,年底前全面推开。"],
        ["加强规范性文件管理。开展文件清理。"],
        ["开展执法监督。"],
    ]
    assert draft.measures[0].tasks[1].deadlines[0].date == date(2023, 12, 31)


def test_a_plan_with_unit_lines_says_so(directory):
    assert parse(TRADITIONAL, directory=directory).has_unit_lines


def test_numbered_tasks_in_the_parts_and_lettered_safeguards_at_the_end(directory):
    """Many plans number their tasks "1." to "N." under 一、 to 八、 and close with 保障措施
    as (一)–(四): the (一) of the last part does not make the numbered tasks sub-items."""
    text = (
        "阳高县法治政府建设实施方案(2023—2025年)\n\n"
        "一、健全政府机构职能体系\n"
        "1.全面实行政府权责清单制度,2023年底前完成动态调整。(牵头单位:县司法局;责任单位:县直各部门)\n"
        "2.深入推进放管服改革。(牵头单位:县行政审批服务管理局)\n"
        "二、健全依法行政制度体系\n"
        "3.严格落实合法性审核机制,审核率达到100%。(责任单位:县司法局)\n"
        "三、保障措施\n"
        "(一)加强组织领导。各级各部门主要负责人要履行第一责任人职责。\n"
        "(二)强化督促考核。\n"
    )
    draft = parse(text, directory=directory)
    assert draft.has_unit_lines
    assert [(m.chapter, m.number) for m in draft.measures] == [
        (1, 1),
        (1, 2),
        (2, 3),
        (3, 4),
        (3, 5),
    ]
    tasks = [t for m in draft.measures for t in m.tasks]
    assert len(tasks) == 3
    assert tasks[0].deadlines[0].date == date(2023, 12, 31)
    assert [u.raw for u in tasks[0].lead_units] == ["县司法局"]
    assert tasks[2].targets[0].value == 100

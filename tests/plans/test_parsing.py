import io
import re
import unicodedata
import zipfile
from datetime import date

import docx
import pytest

from fazhi.plans.parsing import (
    DEMO_DIRECTORY,
    DEMO_PLAN_DOCX,
    DEMO_PLAN_TXT,
    PlanParseError,
    UnitDirectory,
    parse,
)
from fazhi.plans.parsing import deadlines as deadline_finder
from fazhi.plans.parsing import targets as target_finder

SEED = DEMO_PLAN_TXT.read_bytes()


@pytest.fixture(scope="module")
def directory():
    return UnitDirectory.from_json(DEMO_DIRECTORY)


@pytest.fixture(scope="module")
def seed(directory):
    return parse(SEED, filename="tianzhen-fazhi-plan-2022.txt", directory=directory)


@pytest.fixture(scope="module")
def measures(seed):
    return {m.number: m for m in seed.measures}


def fold(text):
    """Compare texts modulo the parser's normalisation: width, dashes, whitespace, 5O% → 50%."""
    text = unicodedata.normalize("NFKC", text).replace("—", "-")
    text = re.sub(r"(?<=\d)O(?=[\d%])", "0", text)
    return re.sub(r"\s+", "", text)


def raws(refs):
    return [r.raw for r in refs]


def small_plan(body, header="天镇县2023年法治政府建设工作要点\n\n"):
    return header + body


# --- the seed plan -------------------------------------------------------------------------


def test_header(seed):
    assert seed.to_dict()["document"] == {
        "number": "天发〔2022〕42号",
        "title": "天镇县贯彻落实《法治政府建设实施纲要(2021—2025年)》的实施方案",
        "issuers": ["中共天镇县委", "天镇县人民政府"],
        "issued_on": "2022-09-23",
    }


def test_nine_chapters_and_33_measures_with_titles(seed, measures):
    assert [c.number for c in seed.chapters] == list(range(1, 10))
    assert seed.chapters[0].title == "深入践行习近平法治思想,奋力推动法治政府建设率先突破走在前列"
    assert seed.chapters[8].title == "坚持和加强党的全面领导,不断完善法治政府建设推进机制"
    assert [m.number for m in seed.measures] == list(range(1, 34))
    assert measures[1].title == "指导思想"
    assert measures[5].title == "深化“放管服”改革"
    assert measures[9].title == "严格落实重大行政决策程序"
    assert measures[29].title == "深入推进“互联网+”监管执法"
    assert measures[33].title == "加强理论研究和舆论宣传"
    assert all(m.title and "。" not in m.title for m in seed.measures)
    chapter_of = {m.number: m.chapter for m in seed.measures}
    assert [
        chapter_of[n] for n in (1, 3, 4, 7, 8, 10, 11, 14, 15, 17, 18, 21, 22, 26, 27, 29, 30, 33)
    ] == [
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
        6,
        6,
        7,
        7,
        8,
        8,
        9,
        9,
    ]


def test_principles_have_no_tasks_and_every_other_measure_has_some(measures):
    assert [len(measures[n].tasks) for n in (1, 2, 3)] == [0, 0, 0]
    assert all(measures[n].tasks for n in range(4, 34))
    assert len(measures[5].tasks) == 3
    assert sum(len(m.tasks) for m in measures.values()) == 32


def test_every_unit_of_the_seed_resolves(seed):
    assert seed.unresolved == []
    refs = [
        ref
        for m in seed.measures
        for t in m.tasks
        for ref in t.lead_units + t.participating_units + t.responsible_units
    ]
    assert len(refs) > 200
    assert all(ref.unit for ref in refs)


EXPECTED_LEADS = {
    4: [
        [
            "县政府办公室",
            "县委编办",
            "县发改委",
            "县财政局",
            "县商务局",
            "县市场监督管理局",
            "县行政审批服务管理局",
        ]
    ],
    5: [
        ["县行政审批服务管理局", "县发改局", "县司法局", "县市场监督管理局"],
        ["县市场监督管理局", "县政府办公室", "县发改委", "人行天镇县中心支行"],
        ["县行政审批服务管理局"],
    ],
    6: [["县行政审批服务管理局", "县发改委", "县司法局", "县市场监督管理局", "人行天镇县中心支行"]],
    7: [["县政府办公室", "县司法局"]],
    8: [["县政府办公室", "县委组织部", "县委巡察办", "县司法局", "县审计局"]],
    9: [["县政府办公室", "县司法局"]],
    10: [["县政府办公室", "县司法局"]],
    11: [["县委编办", "县委政法委", "县政府办公室", "县司法局", "县财政局", "各乡(镇)人民政府"]],
    12: [["县司法局", "县政府办公室"]],
    13: [["县司法局", "县政府办公室"]],
    14: [["县司法局"]],
    15: [["县应急管理局"]],
    16: [["县应急管理局"]],
    17: [["县应急管理局", "县民政局"]],
    18: [["县委编办", "县司法局", "县纪委监委"]],
    19: [["县政府办公室", "县法院", "县检察院", "县司法局"]],
    20: [["县法院", "县司法局"]],
    21: [["县法院", "县检察院", "县司法局"]],
    22: [[]],
    23: [["县政府办公室"]],
    24: [["县司法局"]],
    25: [["县政府办公室"]],
    26: [["县发改局", "县财政局", "县法院", "人行天镇县中心支行"]],
    27: [["县行政审批服务管理局", "县政府办公室"]],
    28: [["县政府办公室", "县行政审批服务管理局"]],
    29: [["县行政审批服管理局", "县司法局", "县市场监督管理局"]],
    30: [["县委依法治县办", "县委办公室", "县政府办公室"]],
    31: [["县委依法治县办", "县委组织部"]],
    32: [["县委依法治县办", "县委组织部", "县委编办", "县财政局", "县司法局"]],
    33: [["县委依法治县办", "县委宣传部", "县政府办公室", "县司法局"]],
}


def test_lead_units_of_every_measure(measures):
    for number, expected in EXPECTED_LEADS.items():
        assert [raws(t.lead_units) for t in measures[number].tasks] == expected, number


def test_variant_spellings_resolve_to_one_unit(measures):
    def canonical(number, task, role, raw):
        refs = getattr(measures[number].tasks[task], role)
        return next(r.unit for r in refs if r.raw == raw)

    assert (
        canonical(4, 0, "lead_units", "县发改委")
        == canonical(5, 0, "lead_units", "县发改局")
        == "天镇县发展和改革局"
    )
    assert canonical(16, 0, "participating_units", "县检查院") == "天镇县人民检察院"
    assert canonical(29, 0, "lead_units", "县行政审批服管理局") == "天镇县行政审批服务管理局"
    assert (
        canonical(29, 0, "lead_units", "县市场监督管理局") == "天镇县市场监督管理局"
    )  # split across lines
    assert (
        canonical(12, 0, "participating_units", "县自然资源局")
        == canonical(15, 0, "participating_units", "县规划和自然资源局")
        == "天镇县规划和自然资源局"
    )


def test_the_three_tasks_of_measure_5(measures):
    first, second, third = measures[5].tasks
    assert first.text.startswith("深化“放管服”改革。分级分类持续推进行政审批制度改革")
    assert first.text.endswith("实现产业园区产业类项目“零审批”全覆盖。")
    assert second.text.startswith("推动政府管理依法进行,扎实做好事中事后监管。")
    assert third.text.startswith("加快建设服务型政府,提高政府服务效能。")
    assert [r.unit for r in second.lead_units] == [
        "天镇县市场监督管理局",
        "天镇县人民政府办公室",
        "天镇县发展和改革局",
        "中国人民银行天镇县中心支行",
    ]
    assert raws(second.participating_units) == ["县政府其他有关部门"]
    assert second.participating_units[0].group is True
    assert raws(third.participating_units) == [
        "县政府其他有关部门",
        "各乡(镇)人民政府",
        "县社区治理服务中心",
    ]
    assert [r.group for r in third.participating_units] == [True, True, False]


def test_measure_13_keeps_both_paragraphs_in_one_task(measures):
    (task,) = measures[13].tasks
    assert task.text.startswith("完善行政执法程序。")
    assert "保证个案公正。\n全面梳理、规范和精简执法事项" in task.text


def test_responsible_units_of_measure_22(measures):
    (task,) = measures[22].tasks
    assert task.lead_units == [] and task.participating_units == []
    assert raws(task.responsible_units) == [
        "县纪委监委",
        "县委办公室",
        "县委组织部",
        "县委宣传部",
        "县委依法治县办",
        "县委巡察办",
        "县人大常委会办公室",
        "县政府办公室",
        "县政协办公室",
        "县法院",
        "县检察院",
        "县政府各部门",
        "各乡(镇)党委",
        "各乡(镇)人民政府",
    ]
    groups = [r.raw for r in task.responsible_units if r.group]
    assert groups == ["县政府各部门", "各乡(镇)党委", "各乡(镇)人民政府"]
    assert task.responsible_units[-1].unit == "各乡(镇)人民政府"


def test_closing_paragraphs_are_not_tasks(seed, measures):
    (task,) = measures[33].tasks
    assert raws(task.participating_units)[-1] == "县社区治理服务中心"
    assert "各乡镇各部门要全面准确贯彻" not in task.text
    assert "各乡镇各部门要全面准确贯彻" not in seed.text[slice(*measures[33].span)]


def test_deadlines(measures):
    (d9,) = measures[9].tasks[0].deadlines
    assert d9.text == "每年4月底前"
    assert d9.date is None
    assert d9.recurrence.to_dict() == {"every": "year", "month": 4, "day": 30}
    assert [(d.text, d.date) for d in measures[18].tasks[0].deadlines] == [
        ("2022年底前", date(2022, 12, 31))
    ]
    assert [(d.text, d.date) for d in measures[24].tasks[0].deadlines] == [
        ("2024年底前", date(2024, 12, 31))
    ]
    assert [(d.text, d.date) for d in measures[29].tasks[0].deadlines] == [
        ("2022年底前", date(2022, 12, 31))
    ]
    assert [(d.text, d.date, d.recurrence) for d in measures[4].tasks[0].deadlines][0] == (
        "2023年底前",
        date(2023, 12, 31),
        None,
    )
    assert measures[4].tasks[0].deadlines[1].recurrence.to_dict() == {
        "every": "year"
    }  # 按年度动态发布
    # "2023年初步形成" is "in 2023, preliminarily form", not 年初
    assert [(d.text, d.date) for d in measures[27].tasks[0].deadlines] == [
        ("2023年", date(2023, 12, 31))
    ]
    assert [(d.text, d.date) for d in measures[31].tasks[0].deadlines if d.date] == [
        ("2025年前", date(2024, 12, 31)),
        ("2025年底前", date(2025, 12, 31)),
        ("2025年底", date(2025, 12, 31)),
    ]


def target_rows(task):
    return [
        (t.value, t.unit, t.comparator, t.due, t.recurrence and t.recurrence.every)
        for t in task.targets
    ]


def test_targets_of_measure_5(measures):
    task = measures[5].tasks[0]
    y2023, y2025 = date(2023, 12, 31), date(2025, 12, 31)
    assert target_rows(task) == [
        (30, "%", ">=", y2023, None),
        (50, "%", ">=", y2025, None),
        (90, "%", ">=", y2025, None),
        (100, "%", "==", y2025, None),
        (66.67, "%", ">=", y2025, None),
        (30, "%", ">=", y2025, None),
    ]
    assert [t.text for t in task.targets][:2] == [
        "县级行政审批事项压减30%以上",
        "县级行政审批事项压减50%以上",
    ]
    assert task.targets[4].text == "项目报建审批时限较现有时限平均缩短2/3以上"


def test_targets_of_measures_19_31_32(measures):
    assert target_rows(measures[19].tasks[0]) == [
        (100, "%", ">=", date(2025, 12, 31), None),
        (1, "次", ">=", None, "year"),
    ]
    assert measures[19].tasks[0].targets[0].text == "全县各级行政机关负责人出庭应诉率达到100%"
    assert target_rows(measures[31].tasks[0]) == [(1, "个", ">=", date(2025, 12, 31), None)]
    assert target_rows(measures[32].tasks[0]) == [
        (2, "期", ">=", None, "year"),
        (1, "次", ">=", None, None),
        (60, "学时", ">=", None, "year"),
    ]


def test_no_counting_phrase_without_a_comparator_is_a_target(measures):
    # "一个部门统筹", "最多跑一次", "一次告知" are not targets
    assert measures[4].tasks[0].targets == []
    assert measures[5].tasks[2].targets == []


def test_spans_recover_every_item(seed):
    text = seed.text
    for measure in seed.measures:
        assert fold(text[slice(*measure.span)]).startswith(
            fold(f"({_cn(measure.number)}){measure.title}")
        )
        for task in measure.tasks:
            assert fold(text[slice(*task.span)]) == fold(task.text)
            for ref in task.lead_units + task.participating_units + task.responsible_units:
                assert fold(text[slice(*ref.span)]) == fold(ref.raw)
            for item in task.deadlines + task.targets:
                assert fold(text[slice(*item.span)]) == fold(item.text)
    for chapter in seed.chapters:
        assert (
            fold(text[slice(*chapter.span)]).startswith(fold(chapter.title)[:10])
            or chapter.title in text
        )


def _cn(number):
    import cn2an

    return cn2an.an2cn(number)


def test_span_of_a_name_split_across_lines_covers_the_break(seed, measures):
    ref = measures[29].tasks[0].lead_units[2]
    assert seed.text[slice(*ref.span)] == "县市场监\n\n督管理局"
    target = measures[5].tasks[0].targets[1]
    assert seed.text[slice(*target.span)] == "县级行政审批事项压减5O%以上"


def test_to_dict_shape(seed):
    data = seed.to_dict()
    assert set(data) == {"document", "chapters", "measures", "unresolved"}
    measure = data["measures"][4]
    assert set(measure) == {"number", "chapter", "title", "span", "tasks"}
    assert (measure["number"], measure["chapter"]) == (5, 2)
    task = measure["tasks"][0]
    assert set(task) == {
        "text",
        "span",
        "lead_units",
        "participating_units",
        "responsible_units",
        "deadlines",
        "targets",
    }
    assert set(task["lead_units"][0]) == {"raw", "unit", "group", "span"}
    assert task["deadlines"][0] == {
        "text": "到2023年",
        "date": "2023-12-31",
        "recurrence": None,
        "span": task["deadlines"][0]["span"],
    }
    assert task["targets"][0]["due"] == "2023-12-31"
    import json

    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


def test_docx_copy_parses_to_the_same_plan(seed, directory):
    from_docx = parse(DEMO_PLAN_DOCX.read_bytes(), filename="方案.docx", directory=directory)
    assert from_docx.document == seed.document
    assert [(m.number, m.chapter, m.title) for m in from_docx.measures] == [
        (m.number, m.chapter, m.title) for m in seed.measures
    ]

    def units(draft):
        return [
            [(r.raw, r.unit) for r in t.lead_units + t.participating_units + t.responsible_units]
            for m in draft.measures
            for t in m.tasks
        ]

    assert units(from_docx) == units(seed)
    assert from_docx.unresolved == []
    assert from_docx.content_hash == seed.content_hash


def test_content_hash_ignores_encoding_and_line_endings(seed, directory):
    text = SEED.decode("utf-8")
    gb = parse(text.replace("\n", "\r\n").encode("gb18030"), directory=directory)
    bom = parse(b"\xef\xbb\xbf" + SEED, directory=directory)
    assert gb.content_hash == bom.content_hash == seed.content_hash
    assert len(gb.measures) == len(bom.measures) == 33
    assert (
        parse(text.replace("县司法局", "县财政局"), directory=directory).content_hash
        != seed.content_hash
    )


def test_without_a_directory_every_name_is_listed_unresolved(seed):
    draft = parse(SEED)
    assert len(draft.unresolved) == sum(
        len(t.lead_units + t.participating_units + t.responsible_units)
        for m in seed.measures
        for t in m.tasks
    )
    assert draft.unresolved[0].raw == "县政府办公室" and draft.unresolved[0].measure == 4


# --- other documents ----------------------------------------------------------------------


def test_unknown_unit_is_unresolved_with_suggestions(directory):
    draft = parse(
        small_plan(
            "一、推进依法行政\n(一)健全合法性审核机制。审核率达到100%。\n牵头单位:县司法厅、县财政局\n"
        ),
        directory=directory,
    )
    (entry,) = draft.unresolved
    assert entry.raw == "县司法厅" and entry.measure == 1
    assert entry.suggestions[0] == "天镇县司法局"
    assert len(entry.suggestions) <= 3
    assert draft.text[slice(*entry.span)] == "县司法厅"
    lead = draft.measures[0].tasks[0].lead_units
    assert [(r.raw, r.unit) for r in lead] == [("县司法厅", None), ("县财政局", "天镇县财政局")]


def test_full_width_punctuation_trailing_phrase_and_spaces(directory):
    draft = parse(
        small_plan(
            "一、推进依法行政\n（一）健全合法性审核机制。2024 年 6 月底前完成，审核率不低于 95％。\n"
            "牵头单位： 县司法局，县检查院；\n责任单位：县政府各部门、各乡（镇）人民政府按职责分工负责。\n"
        ),
        directory=directory,
    )
    (task,) = draft.measures[0].tasks
    assert [r.unit for r in task.lead_units] == ["天镇县司法局", "天镇县人民检察院"]
    assert [r.raw for r in task.responsible_units] == ["县政府各部门", "各乡（镇）人民政府"]
    assert [r.unit for r in task.responsible_units] == ["县政府各部门", "各乡(镇)人民政府"]
    assert [(d.text, d.date) for d in task.deadlines] == [("2024年6月底前", date(2024, 6, 30))]
    assert [(t.value, t.unit, t.comparator, t.due) for t in task.targets] == [
        (95, "%", ">=", date(2024, 6, 30))
    ]
    assert task.text == "健全合法性审核机制。2024年6月底前完成，审核率不低于95％。"
    assert draft.unresolved == []


@pytest.mark.parametrize(
    "body",
    [
        "1.健全合法性审核机制。\n牵头单位:县司法局\n2.推行三项制度。\n牵头单位:县市场监督管理局\n",
        "（1）健全合法性审核机制。\n牵头单位:县司法局\n（2）推行三项制度。\n牵头单位:县市场监督管理局\n",
        "第一条 健全合法性审核机制。\n牵头单位:县司法局\n第二条 推行三项制度。\n牵头单位:县市场监督管理局\n",
        "一、健全合法性审核机制。\n牵头单位:县司法局\n二、推行三项制度。\n牵头单位:县市场监督管理局\n",
    ],
)
def test_other_numbering_styles(directory, body):
    draft = parse(small_plan(body), directory=directory)
    assert [(m.number, m.title) for m in draft.measures] == [
        (1, "健全合法性审核机制"),
        (2, "推行三项制度"),
    ]
    assert [[r.unit for r in m.tasks[0].lead_units] for m in draft.measures] == [
        ["天镇县司法局"],
        ["天镇县市场监督管理局"],
    ]


def test_sub_items_numbered_1_are_text_inside_a_measure(directory):
    draft = parse(
        small_plan(
            "一、总体要求\n(一)健全机制。\n1.建立台账。\n2.定期通报。\n牵头单位:县司法局\n(二)强化保障。\n牵头单位:县财政局\n"
        ),
        directory=directory,
    )
    assert [m.number for m in draft.measures] == [1, 2]
    assert draft.measures[0].tasks[0].text == "健全机制。\n1.建立台账。\n2.定期通报。"


def test_units_in_parentheses_at_the_end_of_a_paragraph(directory):
    draft = parse(
        small_plan(
            "一、重点任务\n(一)规范执法。推行三项制度。(牵头单位:县司法局;责任单位:各乡(镇)人民政府)\n"
            "全面落实裁量基准制度。(牵头单位:县市场监管局)\n"
        ),
        directory=directory,
    )
    first, second = draft.measures[0].tasks
    assert first.text == "规范执法。推行三项制度。"
    assert [r.unit for r in first.lead_units + first.responsible_units] == [
        "天镇县司法局",
        "各乡(镇)人民政府",
    ]
    assert [r.unit for r in second.lead_units] == ["天镇县市场监督管理局"]


@pytest.mark.parametrize(
    "number",
    [
        "天发〔2022〕42号",
        "天发[2022]42号",
        "天发(2022)42号",
        "天发【2022】42号",
        "天发（2022）42号",
    ],
)
def test_document_number_variants(number):
    draft = parse(
        f"{number}\n\n天镇县某某实施方案\n\n一、任务\n(一)做好工作。\n牵头单位:县司法局\n"
    )
    assert draft.document.number == "天发〔2022〕42号"
    assert draft.document.title == "天镇县某某实施方案"


def test_chinese_numeral_signature_date():
    draft = parse(
        "天政办发〔2023〕5号\n\n天镇县人民政府办公室\n二〇二三年三月一日\n\n某方案\n\n(一)做好工作。\n牵头单位:县司法局\n"
    )
    assert draft.document.issued_on == date(2023, 3, 1)
    assert draft.document.issuers == ["天镇县人民政府办公室"]
    assert draft.document.number == "天政办发〔2023〕5号"


# --- deadline and target phrases -----------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "when", "recurrence"),
    [
        ("2022年底前完成", date(2022, 12, 31), None),
        ("到2023年,实现", date(2023, 12, 31), None),
        ("2024年6月底前", date(2024, 6, 30), None),
        ("2024年6月前", date(2024, 5, 31), None),
        ("2025年12月31日前", date(2025, 12, 31), None),
        ("2025年前", date(2024, 12, 31), None),
        ("2023年初,启动", date(2023, 3, 31), None),
        ("2023年初步形成", date(2023, 12, 31), None),
        ("2024年上半年", date(2024, 6, 30), None),
        ("每年4月底前", None, {"every": "year", "month": 4, "day": 30}),
        ("每年3月15日前", None, {"every": "year", "month": 3, "day": 15}),
        ("按年度发布", None, {"every": "year"}),
        ("每季度通报", None, {"every": "quarter"}),
        ("长期坚持", None, {"every": "ongoing"}),
        ("每年至少召开一次", None, {"every": "year"}),
    ],
)
def test_deadline_phrases(phrase, when, recurrence):
    (found,) = deadline_finder.find(phrase)
    assert found.date == when
    assert (found.recurrence.to_dict() if found.recurrence else None) == recurrence


def test_year_ranges_and_impossible_dates_are_not_deadlines():
    assert deadline_finder.find("《纲要(2021-2025年)》") == []
    assert deadline_finder.find("2023年13月底前") == []
    # no 30 February: only "every year" is left
    assert [f.recurrence.to_dict() for f in deadline_finder.find("每年2月30日前")] == [
        {"every": "year"}
    ]


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "comparator"),
    [
        ("压减30%以上", 30, "%", ">="),
        ("缩短三分之二以上", 66.67, "%", ">="),
        ("提高到百分之九十", 90, "%", "=="),
        ("控制在5%以内", 5, "%", "<="),
        ("不少于60学时", 60, "学时", ">="),
        ("举办两期以上", 2, "期", ">="),
        ("至少接受一次培训", 1, "次", ">="),
        ("超过3个工作日", 3, "个工作日", ">"),
    ],
)
def test_target_phrases(phrase, value, unit, comparator):
    (found,) = target_finder.find(phrase)
    assert (found.value, found.unit, found.comparator) == (value, unit, comparator)


# --- .docx with a task table ---------------------------------------------------------------


def _docx(build):
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _task_table(document):
    rows = [
        ("序号", "任务", "牵头单位", "责任单位", "完成时限"),
        (
            "1",
            "健全行政规范性文件合法性审核机制,审核率达到100%。",
            "县司法局",
            "县政府各部门\n各乡(镇)人民政府",
            "2023年6月底前",
        ),
        (
            "2",
            "推行行政执法“三项制度”。",
            "县司法局、县市场监督管理局",
            "县政府有关部门",
            "长期坚持",
        ),
        (
            "3",
            "编制并公布年度重大行政决策事项目录。",
            "县政府办公室",
            "县政府各部门",
            "每年4月底前",
        ),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            lines = value.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)


def test_docx_task_table_rows_become_measures(directory):
    def build(document):
        document.add_paragraph("天镇县2023年法治政府建设工作要点")
        document.add_paragraph("一、推进依法行政")
        _task_table(document)

    draft = parse(_docx(build), filename="要点.docx", directory=directory)
    assert draft.document.title == "天镇县2023年法治政府建设工作要点"
    assert [(m.number, m.chapter, m.title) for m in draft.measures] == [
        (1, 1, "健全行政规范性文件合法性审核机制,审核率达到100%"),
        (2, 1, "推行行政执法“三项制度”"),
        (3, 1, "编制并公布年度重大行政决策事项目录"),
    ]
    first, second, third = (m.tasks[0] for m in draft.measures)
    assert [r.unit for r in first.lead_units] == ["天镇县司法局"]
    assert [r.unit for r in first.responsible_units] == ["县政府各部门", "各乡(镇)人民政府"]
    assert [(d.text, d.date) for d in first.deadlines] == [("2023年6月底前", date(2023, 6, 30))]
    assert [(t.value, t.comparator, t.due) for t in first.targets] == [
        (100, ">=", date(2023, 6, 30))
    ]
    assert [r.unit for r in second.lead_units] == ["天镇县司法局", "天镇县市场监督管理局"]
    assert second.deadlines[0].recurrence.to_dict() == {"every": "ongoing"}
    assert third.deadlines[0].recurrence.to_dict() == {"every": "year", "month": 4, "day": 30}
    assert draft.unresolved == []
    for task in (first, second, third):
        assert fold(draft.text[slice(*task.span)]) == fold(task.text)


def test_docx_task_table_under_a_measure_gives_tasks_of_that_measure(directory):
    def build(document):
        document.add_paragraph("一、推进依法行政")
        document.add_paragraph("(一)健全依法决策机制。严格落实重大行政决策程序。")
        _task_table(document)
        document.add_paragraph("(二)加强组织领导。")
        document.add_paragraph("牵头单位:县委依法治县办")

    draft = parse(_docx(build), filename="要点.docx", directory=directory)
    assert [(m.number, len(m.tasks)) for m in draft.measures] == [(1, 3), (2, 1)]
    assert (
        draft.measures[0]
        .tasks[0]
        .text.startswith("健全依法决策机制。严格落实重大行政决策程序。\n1.健全行政规范性文件")
    )
    assert [r.raw for r in draft.measures[0].tasks[1].lead_units] == [
        "县司法局",
        "县市场监督管理局",
    ]


# --- refused input -------------------------------------------------------------------------


def _refused(source, filename="plan.txt"):
    with pytest.raises(PlanParseError) as caught:
        parse(source, filename=filename)
    message = caught.value.message
    assert re.search(r"[\u4e00-\u9fff]", message)
    return message


def test_empty_files_are_refused():
    assert "空" in _refused(b"")
    assert "空" in _refused(b" \r\n\n\t ")
    assert "空" in _refused("")


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_images_and_binary_files_are_refused():
    assert "PNG" in _refused(PNG)
    assert "PNG" in _refused(PNG, filename="plan.docx")
    assert "二进制" in _refused(b"\x00\x01\x02\x03abc" * 100)
    assert ".doc" in _refused(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, filename="plan.doc"
    )


def test_a_zip_bomb_named_docx_is_refused_before_extraction():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as entry:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(200):
                entry.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    assert "压缩炸弹" in _refused(data, filename="plan.docx")


def test_a_bomb_hidden_in_another_part_is_refused_too():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/media/image1.png", b"\x00" * (30 * 1024 * 1024))
    assert "压缩炸弹" in _refused(buffer.getvalue(), filename="plan.docx")


def test_broken_docx_files_are_refused():
    assert "docx" in _refused(b"PK\x03\x04 not really a zip", filename="plan.docx")
    assert "docx" in _refused("一、任务\n(一)做好工作。".encode(), filename="plan.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "document.xml" in _refused(buffer.getvalue(), filename="plan.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    assert "docx" in _refused(buffer.getvalue(), filename="plan.docx")


def test_text_over_5_mb_is_refused():
    big = ("法治政府建设" * 350_000).encode("utf-8")
    assert len(big) > 6 * 1000 * 1000
    assert "5 MB" in _refused(big)
    assert "5 MB" in _refused(big.decode("utf-8"))


def test_text_without_plan_structure_is_refused():
    assert "措施" in _refused("今天天气很好。\n我们去公园散步。\n".encode())

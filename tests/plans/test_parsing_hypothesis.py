"""Whatever it is fed, the parser answers with a PlanDraft or a PlanParseError, and every span
it returns lies inside the text it read."""

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.plans.parsing import DEMO_DIRECTORY, PlanParseError, UnitDirectory, parse

DIRECTORY = UnitDirectory.from_json(DEMO_DIRECTORY)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    "一、深化行政执法体制改革",
    "二、",
    "(一)",
    "（二十二）",
    "(三十三)加强理论研究。",
    "第一条",
    "1.",
    "（1）",
    "牵头单位:",
    "牵头单位：",
    "参加单位:",
    "责任单位:",
    "配合单位:",
    "完成时限:",
    "县司法局",
    "县市场监",
    "督管理局",
    "县检查院",
    "各乡(镇)人民政府",
    "各乡（镇）党委",
    "按职责分工负责",
    "县司法厅",
    "、",
    ",",
    "，",
    "。",
    ";",
    "(",
    ")",
    "《",
    "》",
    "到2023年,县级行政审批事项压减30%以上",
    "到 2025年",
    "5O%",
    "不低于90%",
    "缩短2/3以上",
    "2022 年底前",
    "2025年前",
    "2023年初步形成",
    "每年4月底前",
    "每年至少召开一次",
    "不少于 60学时",
    "两期以上",
    "按年度",
    "天发〔2022〕42号",
    "天发[2022]42号",
    "2022年9月23日",
    "中共天镇县委",
    "附件:",
    "—",
    " ",
    "\u3000",
    "\t",
]
SEPARATORS = st.sampled_from(["", "", "\n", "\n\n", "\r\n", " "])
plan_like = st.lists(st.tuples(st.sampled_from(FRAGMENTS), SEPARATORS), max_size=60).map(
    lambda parts: "".join(f + s for f, s in parts)
)


def fold(text):
    text = unicodedata.normalize("NFKC", text).replace("—", "-")
    return re.sub(
        r"\s+", "", re.sub(r"(?<=\d)[Oo]+(?=[\d%])", lambda m: "0" * len(m.group()), text)
    )


def check(draft):
    n = len(draft.text)

    def inside(span):
        assert 0 <= span[0] <= span[1] <= n

    for chapter in draft.chapters:
        inside(chapter.span)
    for measure in draft.measures:
        inside(measure.span)
        for task in measure.tasks:
            inside(task.span)
            for ref in task.lead_units + task.participating_units + task.responsible_units:
                inside(ref.span)
                assert fold(draft.text[slice(*ref.span)]) == fold(ref.raw)
            for item in task.deadlines + task.targets:
                inside(item.span)
    for entry in draft.unresolved:
        inside(entry.span)
    draft.to_dict()


def attempt(source, **kwargs):
    try:
        draft = parse(source, directory=DIRECTORY, **kwargs)
    except PlanParseError as error:
        assert error.message
        return
    check(draft)


@SETTINGS
@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    attempt(text)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["plan.txt", "plan.docx", "plan", "plan.doc"]))
def test_arbitrary_bytes(data, filename):
    attempt(data, filename=filename)


@SETTINGS
@given(plan_like)
def test_plan_like_text(text):
    attempt(text)
    attempt(text.encode("gb18030"), filename="plan.txt")


@SETTINGS
@given(plan_like)
def test_plan_like_text_behind_a_real_plan_opening(text):
    attempt(
        "天发〔2022〕42号\n\n某实施方案\n\n一、总体要求\n(一)做好工作。\n牵头单位:县司法局\n" + text
    )

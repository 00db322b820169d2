"""Line-start patterns shared by normalisation and structure. They run on folded text
(half-width punctuation, no stray spaces), one line at a time."""

import re

CN_DIGITS = "零〇一二两三四五六七八九十百"

CHAPTER_STYLES = (
    re.compile(r"^([一二三四五六七八九十]{1,3})、(.*)$"),
    re.compile(r"^第([一二三四五六七八九十\d]{1,3})(?:部分|章)\s*(.*)$"),
)

# Measure heading styles, in order of precedence: a document whose measures are "(一)" may
# number its sub-items "1." and those are then ordinary text.
MEASURE_STYLES = {
    "cn_paren": re.compile(rf"^\(([{CN_DIGITS}]{{1,5}})\)(.*)$"),
    "article": re.compile(rf"^第([{CN_DIGITS}\d]{{1,5}})条(.*)$"),
    "dot_num": re.compile(r"^(\d{1,3})(?:\.(?!\d)|、)(.*)$"),
    "paren_num": re.compile(r"^\((\d{1,3})\)(.*)$"),
}

UNIT_LABELS = {
    "牵头单位": "lead",
    "牵头部门": "lead",
    "参加单位": "participating",
    "参与单位": "participating",
    "配合单位": "participating",
    "配合部门": "participating",
    "协办单位": "participating",
    "责任单位": "responsible",
    "责任部门": "responsible",
}
_LABELS = "|".join(UNIT_LABELS)
UNIT_LABEL = re.compile(rf"({_LABELS})\s*:")
UNIT_LINE = re.compile(rf"^(?:{_LABELS})\s*:")
DEADLINE_LINE = re.compile(r"^(?:完成时限|完成时间|时间节点|时限要求)\s*:")
# "(牵头单位:县司法局;责任单位:各乡(镇)人民政府)" closing a paragraph
INLINE_UNITS = re.compile(rf"\(((?:{_LABELS})\s*:(?:[^()]|\([^()]*\))*)\)[。.]?$")


def starts_structure(line: str) -> bool:
    """A heading, a unit line or a deadline line: never the continuation of the line before."""
    return bool(
        UNIT_LINE.match(line)
        or DEADLINE_LINE.match(line)
        or any(p.match(line) for p in CHAPTER_STYLES)
        or any(p.match(line) for p in MEASURE_STYLES.values())
    )

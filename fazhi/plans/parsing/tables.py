"""Task tables → plan-style lines, whatever their headers, merges and blanks.

A table comes as a grid: one `Cell` per layout column, a horizontally merged cell repeated over
the columns it covers (`first` marks its first column), a vertically merged continuation marked
`continued`. Columns are recognised by their header words and, failing those, by their content
(a column of unit names looks like one, a column of small integers is a numbering). The rows are
written out as the text parser expects a plan:

    一级指标 | 二级指标 | 评价指标 (two columns) | 牵头单位 | 责任单位

becomes "一、<一级>" / "(一)<二级>" / "1.<评价指标>" / "牵头单位:…" / "责任单位:…", so levels become
chapters and measures and each item a task. A table without level columns gives one measure per
row ("1.<任务>", numbered by its 序号 or by position). A blank or merged unit or deadline cell
inherits the row above; a row whose task cell is blank or merged adds to the task above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cn2an

from .chinese import to_simplified

_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "skip",
        (
            "备注",
            "分值",
            "分数",
            "权重",
            "得分",
            "评分",
            "计分",
            "考核方式",
            "领导",
            "联系人",
            "电话",
        ),
    ),
    ("number", ("序号", "编号", "排序")),
    ("level", ("一级", "二级", "三级", "类别", "领域", "板块", "分类", "方面", "项目")),
    ("lead", ("牵头",)),
    ("participating", ("参加", "配合", "协办", "参与", "协同", "协助")),
    ("responsible", ("责任", "承办", "主体", "落实单位", "负责单位", "实施单位", "单位", "部门")),
    ("deadline", ("时限", "时间", "期限", "节点", "进度安排", "完成日期")),
    (
        "task",
        ("任务", "措施", "内容", "指标", "事项", "要点", "举措", "工作", "要求", "标准", "目标"),
    ),
)
UNIT_ROLES = ("lead", "participating", "responsible")
LABELS = {"lead": "牵头单位", "participating": "参加单位", "responsible": "责任单位"}
_MAX_HEADER = 14
_UNIT_END = re.compile(
    r"(?:局|委|办|院|府|部|厅|中心|室|会|队|所|站|行|处|团|联|社|馆|组|署|庭|区|镇|乡|街道|公司|党委|支队|大队)$"
)
_NUMBER_CELL = re.compile(r"^\(?[0-9一二三四五六七八九十]{1,4}[\).、]?$")
_DEADLINE_CELL = re.compile(
    r"(?:\d{4}年|\d{1,2}月|每年|每季度|每半年|每月|长期|持续|年底|年内|上半年|下半年|季度|个月内|半年内)"
)
_SEPARATORS = re.compile(r"[、,，;；/\s]+")
_NEWLINES = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Cell:
    text: str
    first: bool = True  # first layout column of a horizontally merged cell
    continued: bool = False  # a vertical merge's continuation: the cell above goes on


Grid = list[list[Cell]]


def _key(text: str) -> str:
    return re.sub(r"\s+", "", to_simplified(text))


def _header_role(text: str) -> str | None:
    key = _key(text)
    if not key or len(key) > _MAX_HEADER:
        return None
    for role, words in _ROLE_WORDS:
        if any(w in key for w in words):
            return role
    return None


def looks_like_units(text: str) -> bool:
    """ "县司法局、各乡(镇)人民政府" looks like unit names; a sentence does not."""
    pieces = [p for p in _SEPARATORS.split(to_simplified(text).strip("。.")) if p]
    if not pieces or len(pieces) > 40:
        return False
    named = sum(1 for p in pieces if len(p) <= 24 and _UNIT_END.search(_strip_tail(p)))
    return named >= max(1, 0.6 * len(pieces))


def _strip_tail(name: str) -> str:
    return re.sub(
        r"(?:按职责分工分别负责|按职责分工负责|按职责负责|分别负责|负责|等单位|等部门|等)$",
        "",
        name,
    )


def _share(cells: list[str], test) -> float:
    filled = [c for c in cells if c]
    return sum(1 for c in filled if test(c)) / len(filled) if filled else 0.0


@dataclass
class _Layout:
    header_start: int  # rows above it are the table's title
    body_start: int
    roles: dict[int, str]  # layout column → role


def _header(grid: Grid) -> tuple[int, int, dict[int, str]]:
    """Where the header starts and ends (it may take two rows), and the role each layout
    column's header names."""
    for index, row in enumerate(grid[:3]):
        roles = {j: r for j, c in enumerate(row) if (r := _header_role(c.text))}
        distinct = {_key(c.text) for c in row if c.text.strip()}
        if len({r for r in roles.values() if r != "skip"}) >= 2 and len(distinct) >= 2:
            rows = index + 1
            if rows < len(grid) and _subheader(row, grid[rows]):
                for j, cell in enumerate(grid[rows]):
                    role = _header_role(cell.text)
                    if role and roles.get(j) in (None, "task", "level"):
                        roles[j] = role
                rows += 1
            return index, rows, roles
    return 0, 0, {}


def _subheader(header: list[Cell], below: list[Cell]) -> bool:
    """A second header row under a header merged across columns ("评价指标" over 序号 | 内容)."""
    if all(c.first for c in header):
        return False
    texts = [c.text.strip() for c in below if c.first and c.text.strip()]
    named = [t for t in texts if _header_role(t) and not t.endswith(("。", "."))]
    return bool(texts) and len(named) * 2 >= len(texts)


def _layout(grid: Grid) -> _Layout | None:
    width = max((len(r) for r in grid), default=0)
    if width < 2:
        return None
    header_start, body_start, roles = _header(grid)
    body = grid[body_start:]
    columns = [[r[j].text.strip() if j < len(r) else "" for r in body] for j in range(width)]
    # A header cell over several layout columns: a column of numbers is the numbering.
    for j in range(width):
        if (
            roles.get(j) in ("task", "level", None)
            and _share(columns[j], lambda c: bool(_NUMBER_CELL.match(_key(c)))) >= 0.8
            and j + 1 < width
            and "number" not in roles.values()
        ):
            roles[j] = "number"
    for j in range(width):
        if j in roles:
            continue
        if _share(columns[j], looks_like_units) >= 0.6:
            roles[j] = "responsible" if "responsible" not in roles.values() else "participating"
        elif _share(columns[j], lambda c: bool(_DEADLINE_CELL.search(c)) and len(c) <= 40) >= 0.6:
            roles[j] = "deadline"
    task_columns = [j for j, r in roles.items() if r == "task"]
    has_units = any(r in UNIT_ROLES for r in roles.values())
    if not has_units and not (body_start and task_columns):
        return None
    if not task_columns:
        free = [j for j in range(width) if j not in roles]
        if not free:
            return None
        task_columns = [max(free, key=lambda j: sum(len(c) for c in columns[j]))]
        roles[task_columns[0]] = "task"
    # Of several task-like columns the right-most is the item; the others are levels when
    # they sit left of it and repeat (merged or equal values), else more text of the item.
    item = task_columns[-1]
    for j in task_columns[:-1]:
        repeats = sum(1 for r in body if j < len(r) and r[j].continued) + _equal_runs(columns[j])
        roles[j] = "level" if j < item and repeats else "task_more"
    return _Layout(header_start, body_start, roles)


def _equal_runs(column: list[str]) -> int:
    return sum(1 for a, b in zip(column, column[1:], strict=False) if a and a == b)


def table_lines(grid: Grid) -> list[str] | None:
    """The table as plan lines, or None when it is not a task table."""
    layout = _layout(grid)
    if layout is None:
        return None
    roles = layout.roles
    level_columns = sorted(j for j, r in roles.items() if r == "level")[:2]
    item = next(j for j, r in roles.items() if r == "task")
    extra = sorted(j for j, r in roles.items() if r == "task_more")
    number = next((j for j, r in sorted(roles.items()) if r == "number"), None)
    lines: list[str] = []
    above: dict[int, str] = {}
    levels: list[str | None] = [None] * len(level_columns)
    counters = [0] * len(level_columns)
    item_counter = 0
    pending: dict | None = None

    def flush() -> None:
        if pending is not None:
            lines.extend(_item_lines(pending))

    for row in grid[: layout.header_start]:  # a title row above the header
        lines.append(_join([c.text.strip() for c in row]))
    for row in grid[layout.body_start :]:
        texts = [_cell(row, j) for j in range(len(row))]
        if _is_banner(row):
            flush()
            pending = None
            lines.append(texts[0])
            continue
        values: dict[int, str] = {}
        for j in _owners(row, roles):
            value = texts[j]
            if (row[j].continued or not value) and roles.get(j) in (
                *UNIT_ROLES,
                "deadline",
                "level",
            ):
                value = above.get(j, "")
            values[j] = value
            if value:
                above[j] = value
        for depth, j in enumerate(level_columns):
            value = values.get(j, "")
            if value and value != levels[depth]:
                flush()
                pending = None
                levels[depth] = value
                levels[depth + 1 :] = [None] * (len(levels) - depth - 1)
                counters[depth] += 1  # numbered across the table, as plans number measures
                lines.append(_level_heading(depth, len(level_columns), counters[depth], value))
        text = _join([values.get(item, "")] + [values.get(j, "") for j in extra])
        units = {role: values.get(j, "") for j, role in roles.items() if role in UNIT_ROLES}
        deadline = next((values.get(j, "") for j, r in roles.items() if r == "deadline"), "")
        continues = (row[item].continued if item < len(row) else False) or not text
        if continues and pending is not None:
            for role, names in units.items():
                if names and names not in pending["units"].get(role, ""):
                    pending["units"][role] = _join_names(pending["units"].get(role, ""), names)
            continue
        if not text:
            if any(units.values()):
                text = "、".join(v for v in units.values() if v)  # nothing to attach to: keep it
            else:
                continue
        flush()
        item_counter += 1
        label = values.get(number, "") if number is not None else ""
        pending = {
            "heading": _item_heading(label, item_counter, bool(level_columns)),
            "text": text,
            "units": dict(units),
            "deadline": deadline,
        }
    flush()
    return lines


_ROLE_WEIGHT = {"task": 5, "task_more": 4, "level": 3, "lead": 2, "responsible": 2}


def _owners(row: list[Cell], roles: dict[int, str]) -> list[int]:
    """One layout column per cell: of the columns a merged cell covers, the one whose role
    matters most (a text merged over 序号 and 内容 is the item's text)."""
    owners: list[int] = []
    for j, cell in enumerate(row):
        if cell.first or not owners:
            owners.append(j)
        elif _ROLE_WEIGHT.get(roles.get(j, ""), 0) > _ROLE_WEIGHT.get(roles.get(owners[-1], ""), 0):
            owners[-1] = j
    return owners


def _cell(row: list[Cell], j: int) -> str:
    return row[j].text.strip() if j < len(row) else ""


def _is_banner(row: list[Cell]) -> bool:
    """A row that is one cell across the table: a section heading inside it."""
    texts = {c.text.strip() for c in row}
    return len(row) > 1 and len(texts) == 1 and bool(row[0].text.strip()) and not row[-1].first


def _join(parts: list[str]) -> str:
    return " ".join(p for p in dict.fromkeys(parts) if p)


def _join_names(a: str, b: str) -> str:
    return "、".join(p for p in (a, b) if p)


def _level_heading(depth: int, levels: int, counter: int, text: str) -> str:
    text = _NEWLINES.sub("", text)
    cn = cn2an.an2cn(counter)
    if levels == 2 and depth == 0:
        return f"{cn}、{text}"
    return f"({cn}){text}"


def _item_heading(label: str, counter: int, under_levels: bool) -> str:
    """The row's own number: "3" → "3.", "三" → "(三)"; else its position."""
    label = re.sub(r"[\s.、()]+", "", label)
    if label.isascii() and label.isdigit() and 0 < int(label) < 1000:
        return f"{int(label)}."
    if label and not under_levels and all(c in "一二三四五六七八九十" for c in label):
        return f"({label})"
    return f"{counter}."


def _item_lines(item: dict) -> list[str]:
    lines = [item["heading"] + _NEWLINES.sub(" ", item["text"])]
    for role, label in LABELS.items():
        names = item["units"].get(role)
        if names:
            lines.append(label + ":" + _NEWLINES.sub("、", names))
    if item["deadline"]:
        lines.append("完成时限:" + _NEWLINES.sub(";", item["deadline"]))
    return lines


# --- tables pasted as text (a web page copied: cells separated by tabs, a row per line) -------


def _tab_row(line: str) -> list[Cell] | None:
    if "\t" not in line:
        return None
    return [Cell(c.strip()) for c in line.split("\t")]


def render_tab_tables(text: str) -> str:
    """Each run of tab-separated lines that reads as a task table, written out as plan lines."""
    if "\t" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        run: Grid = []
        end = index
        while end < len(lines) and (row := _tab_row(lines[end].rstrip("\r"))) is not None:
            run.append(row)
            end += 1
        if len(run) >= 2:
            width = max(len(r) for r in run)
            grid = [r + [Cell("")] * (width - len(r)) for r in run]
            rendered = table_lines(grid)
            if rendered is not None:
                out.extend(rendered)
                index = end
                continue
        if end > index:
            out.extend(lines[index:end])
            index = end
        else:
            out.append(lines[index])
            index += 1
    return "\n".join(out)

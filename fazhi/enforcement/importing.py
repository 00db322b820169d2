"""Reading import rows (discretion standards, inspection targets). Pure: no database access (only gettext for its messages).

Each parser takes rows as sequences of cell values (from openpyxl or csv) and returns clean
records plus row-level errors naming the sheet row, so that the caller can refuse the whole
file when any row is wrong. The column names, level names and exemption names read from the
files are Chinese whatever the interface language: messages quote them as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from fazhi.core import validators
from fazhi.core.errors import ApplicationError

LEVEL_NAMES = {"轻微": "minor", "一般": "general", "较重": "serious", "严重": "severe"}
EXEMPTION_NAMES = {
    "不予处罚": "no_penalty",
    "首违不罚": "first_offence",
    "减轻处罚": "mitigated",
    "从轻处罚": "lenient",
}
STANDARD_HEADERS = (
    "编号",
    "违法行为",
    "违法依据",
    "处罚依据",
    "违法情节",
    "适用情形",
    "罚款下限",
    "罚款上限",
    "其他处罚",
    "免罚轻罚类别",
    "免罚轻罚条件",
)
TARGET_HEADERS = ("统一社会信用代码", "名称", "行业类别", "住所")


@dataclass
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return _("第%(row)s行:%(message)s") % {"row": self.row, "message": self.message}


@dataclass
class StandardRecord:
    code: str
    violation: str
    legal_basis: str
    penalty_basis: str
    levels: dict[str, tuple[str, Decimal, Decimal, str]] = field(default_factory=dict)
    exemptions: dict[str, str] = field(default_factory=dict)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _money(value, label: str, errors: list[str]) -> Decimal | None:
    try:
        amount = Decimal(_text(value))
    except InvalidOperation:
        errors.append(
            _("%(column)s不是有效金额:%(value)s") % {"column": label, "value": repr(_text(value))}
        )
        return None
    if amount < 0:
        errors.append(_("%(column)s不能为负数") % {"column": label})
        return None
    return amount.quantize(Decimal("0.01"))


def check_headers(header: Sequence, expected: Sequence[str]) -> str | None:
    got = tuple(_text(c) for c in header[: len(expected)])
    if got != tuple(expected):
        return _("表头应为:%(headers)s") % {"headers": "、".join(expected)}
    return None


def parse_standard_rows(
    rows: Iterable[Sequence], *, first_row: int = 2
) -> tuple[list[StandardRecord], list[RowError]]:
    """One row per (standard, level); exemption columns optional on any row of the standard."""
    records: dict[str, StandardRecord] = {}
    errors: list[RowError] = []
    for number, raw in enumerate(rows, start=first_row):
        cells = [_text(c) for c in raw] + [""] * (len(STANDARD_HEADERS) - len(raw))
        if not any(cells):
            continue
        (
            code,
            violation,
            legal,
            penalty,
            level_name,
            description,
            low,
            high,
            other,
            ex_kind,
            ex_cond,
        ) = cells[:11]
        problems: list[str] = []
        for label, value in (
            ("编号", code),
            ("违法行为", violation),
            ("违法依据", legal),
            ("处罚依据", penalty),
            ("适用情形", description),
        ):
            if not value:
                problems.append(_("%(column)s不能为空") % {"column": label})
        level = LEVEL_NAMES.get(level_name)
        if level is None:
            problems.append(
                _("违法情节应为 轻微/一般/较重/严重 之一,而不是%(value)s")
                % {"value": repr(level_name)}
            )
        fine_min = _money(low, "罚款下限", problems)
        fine_max = _money(high, "罚款上限", problems)
        if fine_min is not None and fine_max is not None and fine_max < fine_min:
            problems.append(_("罚款上限不能小于下限"))
        kind = None
        if ex_kind:
            kind = EXEMPTION_NAMES.get(ex_kind)
            if kind is None:
                problems.append(
                    _("免罚轻罚类别应为 %(names)s 之一") % {"names": "/".join(EXEMPTION_NAMES)}
                )
            elif not ex_cond:
                problems.append(_("填写了免罚轻罚类别,必须填写适用条件"))
        record = records.get(code)
        if record and (record.violation, record.legal_basis, record.penalty_basis) != (
            violation,
            legal,
            penalty,
        ):
            problems.append(_("编号%(code)s的违法行为或依据与前面的行不一致") % {"code": code})
        if record and level in record.levels:
            problems.append(
                _("编号%(code)s的“%(level)s”情节重复") % {"code": code, "level": level_name}
            )
        if problems:
            errors.extend(RowError(number, p) for p in problems)
            continue
        record = records.setdefault(code, StandardRecord(code, violation, legal, penalty))
        record.levels[level] = (description, fine_min, fine_max, other)
        if kind:
            record.exemptions[kind] = ex_cond
    return list(records.values()), errors


@dataclass(frozen=True)
class TargetRecord:
    uscc: str
    name: str
    category: str
    address: str


def clean_uscc(value) -> str:
    """Compact and validate a 统一社会信用代码; raises ValueError with a message for the user."""
    try:
        return validators.uscc(_text(value))
    except ApplicationError as exc:
        raise ValueError(exc.message) from exc


def parse_target_rows(
    rows: Iterable[Sequence], errors: list[RowError], *, first_row: int = 2
) -> Iterator[TargetRecord]:
    """Yields good records; appends errors (bad code, empty name, duplicate in file) as it goes."""
    seen: set[str] = set()
    for number, raw in enumerate(rows, start=first_row):
        # csv gives str cells, openpyxl also numbers and None; a million rows make this loop hot
        cells = [c.strip() if type(c) is str else _text(c) for c in raw[:4]]
        if len(cells) < 4:
            cells += [""] * (4 - len(cells))
        code, name, category, address = cells
        if not (code or name or category or address):
            continue
        try:
            code = clean_uscc(code)
        except ValueError as exc:
            errors.append(RowError(number, str(exc)))
            continue
        if not name:
            errors.append(RowError(number, _("名称不能为空")))
            continue
        if not category:
            errors.append(RowError(number, _("行业类别不能为空")))
            continue
        if code in seen:
            errors.append(
                RowError(number, _("统一社会信用代码 %(code)s 在文件中重复") % {"code": code})
            )
            continue
        seen.add(code)
        yield TargetRecord(code, name[:200], category[:64], address[:200])

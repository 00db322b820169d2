"""core.excel: every export's sheet layout, wrapped columns and formula-like text."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from fazhi.core.excel import write_sheet

HOSTILE = ['=HYPERLINK("http://evil.example","点此")', "=1+1", "=cmd|' /C calc'!A0"]


def _written(write_only: bool, rows, **kwargs):
    wb = Workbook(write_only=write_only)
    if not write_only:
        wb.remove(wb.active)
    count = write_sheet(wb.create_sheet("表"), ["甲", "乙", "丙"], rows, **kwargs)
    buffer = io.BytesIO()
    wb.save(buffer)
    return count, load_workbook(io.BytesIO(buffer.getvalue()))["表"]


@pytest.mark.parametrize("write_only", [True, False])
def test_text_that_starts_with_equals_is_written_as_text_never_as_a_formula(write_only):
    rows = [[text, text, 1] for text in HOSTILE]
    count, ws = _written(write_only, rows, wrap=1)
    assert count == len(HOSTILE)
    for row, text in zip(ws.iter_rows(min_row=2), HOSTILE, strict=True):
        assert [c.value for c in row] == [text, text, 1]
        assert [c.data_type for c in row] == ["s", "s", "n"]


@pytest.mark.parametrize("write_only", [True, False])
def test_the_first_wrap_columns_wrap_at_the_top_and_the_others_do_not(write_only):
    rows = [["长文本一", 7, "状态"], [None, "第二行", "完成"]]
    _count, ws = _written(write_only, rows, wrap=2)
    body = list(ws.iter_rows(min_row=2))
    assert [[c.value for c in row] for row in body] == [
        ["长文本一", 7, "状态"],
        [None, "第二行", "完成"],
    ]
    for row in body:
        assert [bool(c.alignment.wrap_text) for c in row] == [True, True, False]
        assert [c.alignment.vertical for c in row[:2]] == ["top", "top"]
    header = [c for c in next(ws.iter_rows(max_row=1))]
    assert all(c.font.b for c in header)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:C3"


@given(
    st.lists(
        st.lists(
            st.one_of(st.none(), st.integers(-(10**6), 10**6), st.text(alphabet="=+-@中文ab1 ")),
            min_size=3,
            max_size=3,
        ),
        max_size=6,
    )
)
def test_every_value_reads_back_as_written_on_both_kinds_of_sheet(rows):
    """Reused cells on a write-only sheet leave nothing of one row in the next."""
    expected = [[v if v != "" else None for v in row] for row in rows]
    for write_only in (True, False):
        _count, ws = _written(write_only, rows, wrap=2)
        read = [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_col=3)]
        assert read == expected

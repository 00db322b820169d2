"""Random task tables with cells merged both ways, blanks and repeated numbers: the parser
reads them and the import saves them (or refuses with a message), never a crash and never a
UNIQUE constraint error."""

import io

import docx
import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError
from fazhi.plans import services
from fazhi.plans.import_names import NameDecision, unresolved_names
from fazhi.plans.models import Measure

HEADERS = [
    "序号",
    "一级指标",
    "二级指标",
    "评价指标",
    "任务清单",
    "工作任务",
    "牵头单位",
    "责任单位",
    "配合单位",
    "完成时限",
    "备注",
    "",
]
CELLS = [
    "",
    "1",
    "1",
    "2",
    "三",
    "县司法局",
    "县司法局、县财政局",
    "各县(市、区)人民政府",
    "市司法局",
    "县某某局",
    "县政府各部门\n各乡(镇)人民政府",
    "按职责分工负责",
    "开展行政执法监督。",
    "落实重大行政决策程序,2024年6月底前完成。",
    "依法全面履行政府职能",
    "每年3月1日前",
    "上半年",
    "(一)",
    "一、",
]


@st.composite
def tables(draw):
    rows, cols = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    header = draw(st.booleans())
    values = [
        [draw(st.sampled_from(HEADERS if header and r == 0 else CELLS)) for _c in range(cols)]
        for r in range(rows)
    ]
    merges = draw(
        st.lists(
            st.tuples(
                st.integers(0, rows - 1),
                st.integers(0, cols - 1),
                st.integers(0, 2),
                st.integers(0, 1),
            ),
            max_size=3,
        )
    )
    tables_count = draw(st.integers(1, 2))
    return values, merges, tables_count


def _build(values, merges, tables_count) -> bytes:
    document = docx.Document()
    document.add_paragraph("天镇县2026年任务分工")
    for _t in range(tables_count):
        table = document.add_table(rows=len(values), cols=len(values[0]))
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        for r, c, down, right in merges:
            r2, c2 = min(r + down, len(values) - 1), min(c + right, len(values[0]) - 1)
            try:
                table.cell(r, c).merge(table.cell(r2, c2))
            except Exception:  # overlapping merges python-docx cannot make: skip that one
                continue
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(table=tables())
def test_random_merged_tables_import_without_crashing(directory, holidays, table):
    data = _build(*table)
    with transaction.atomic():
        try:
            prepared = services.plan_import_prepare(actor=SYSTEM, data=data, filename="表.docx")
        except ApplicationError as exc:
            assert exc.code == "not_a_plan"
            event("refused: not a plan")
            transaction.set_rollback(True)
            return
        if not prepared.unchanged:
            draft = prepared.plan_import.draft
            numbers = [m["number"] for m in draft["measures"]]
            assert len(numbers) == len(set(numbers))
            decisions = {raw: NameDecision("ignore") for raw in unresolved_names(draft)}
            plan = services.plan_import_apply(
                actor=SYSTEM, plan_import=prepared.plan_import, decisions=decisions
            )
            assert Measure.objects.filter(plan=plan).count() == len(numbers)
            event("imported")
        transaction.set_rollback(True)

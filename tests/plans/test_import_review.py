"""Importing plans as other governments publish them: no 文号, names to settle in review,
other governments' names, tables whose numbers repeat, plans without unit lines."""

import io
from io import StringIO

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError
from fazhi.core.models import AuditEvent, OrgUnit, UnitAlias, UnitGroup
from fazhi.plans import services
from fazhi.plans.import_names import NameDecision, import_review
from fazhi.plans.models import Measure, Plan, PlanImport, TaskAssignment

from .conftest import TODAY, unit

KEY_POINTS = """天镇县2026年法治政府建设工作要点

一、推进依法行政
(一)规范行政执法。落实行政执法三项制度。
牵头单位:县司法局
参加单位:县检察局、市司法局、县司法局县财政局、工作要求
(二)加强行政复议。
责任单位:县综合执法队
"""


def prepare(text: str, *, filename="要点.txt", **kwargs):
    return services.plan_import_prepare(
        actor=SYSTEM, data=text.encode("utf-8"), filename=filename, **kwargs
    )


def test_plan_without_doc_number_imports_and_is_known_again(directory, holidays):
    text = KEY_POINTS.replace("参加单位:县检察局、市司法局、县司法局县财政局、工作要求\n", "")
    text = text.replace("县综合执法队", "县司法局")
    prepared = prepare(text)
    assert prepared.plan_import.doc_number == ""
    plan = services.plan_import_apply(actor=SYSTEM, plan_import=prepared.plan_import, today=TODAY)
    assert (plan.doc_number, plan.title, plan.label) == (
        "",
        "天镇县2026年法治政府建设工作要点",
        "天镇县2026年法治政府建设工作要点",
    )
    assert plan.identity.startswith("hash:")
    again = prepare(text, filename="again.txt")
    assert again.unchanged and again.existing == plan


def test_typed_doc_number_names_the_plan_and_a_bad_one_is_refused(directory, holidays):
    text = KEY_POINTS.replace("参加单位:县检察局、市司法局、县司法局县财政局、工作要求\n", "")
    text = text.replace("县综合执法队", "县司法局")
    with pytest.raises(ApplicationError) as exc:
        prepare(text, doc_number="第七号")
    assert exc.value.fields == {"doc_number": "文号格式不正确,应如 天发〔2022〕42号"}
    assert PlanImport.objects.count() == 0
    prepared = prepare(text, doc_number="天依法办发[2026]3号")
    assert prepared.plan_import.doc_number == "天依法办发〔2026〕3号"
    plan = services.plan_import_apply(
        actor=SYSTEM, plan_import=prepared.plan_import, doc_number="天依法办发〔2026〕4号"
    )
    assert (plan.doc_number, plan.identity) == ("天依法办发〔2026〕4号", "天依法办发〔2026〕4号")


def test_every_review_option_settles_its_name(directory, holidays):
    prepared = prepare(KEY_POINTS)
    review = import_review(plan_import=prepared.plan_import)
    rows = {row["raw"]: row for row in review["unresolved"]}
    assert list(rows) == ["县检察局", "市司法局", "县司法局县财政局", "工作要求", "县综合执法队"]
    assert rows["市司法局"]["foreign"] and not rows["县检察局"]["foreign"]
    group = UnitGroup.objects.get(name="县政府各部门")
    plan = services.plan_import_apply(
        actor=SYSTEM,
        plan_import=prepared.plan_import,
        decisions={
            "县检察局": NameDecision("unit", unit_id=unit("天镇县人民检察院").pk),
            "市司法局": NameDecision("group", group_id=group.pk),
            "县司法局县财政局": NameDecision("split", parts=("县司法局", "县财政局")),
            "工作要求": NameDecision("ignore"),
            "县综合执法队": NameDecision(
                "new",
                new_name="天镇县综合行政执法队",
                new_kind="public_institution",
                parent_id=unit("天镇县司法局").pk,
                alias=True,
            ),
        },
        today=TODAY,
    )
    first, second = (m.tasks.get() for m in plan.measures.order_by("position"))
    assert [(a.role, a.raw, a.name) for a in first.assignments.order_by("role", "position")] == [
        ("lead", "县司法局", "天镇县司法局"),
        ("participating", "县检察局", "天镇县人民检察院"),
        ("participating", "市司法局", "县政府各部门"),
        ("participating", "县司法局", "天镇县司法局"),
        ("participating", "县财政局", "天镇县财政局"),
    ]
    created = OrgUnit.objects.get(name="天镇县综合行政执法队")
    assert (created.kind, created.parent, created.region) == (
        "public_institution",
        unit("天镇县司法局"),
        unit("天镇县司法局").region,
    )
    assert [a.unit for a in second.assignments.all()] == [created]
    # only the new unit's raw name was asked to become an alias
    assert list(UnitAlias.objects.filter(name__in=list(rows)).values_list("name", flat=True)) == [
        "县综合执法队"
    ]


def test_an_undecided_name_or_a_bad_split_writes_nothing(directory, holidays):
    prepared = prepare(KEY_POINTS)
    events, units = AuditEvent.objects.count(), OrgUnit.objects.count()
    with pytest.raises(ApplicationError) as exc:
        services.plan_import_apply(
            actor=SYSTEM,
            plan_import=prepared.plan_import,
            decisions={"县检察局": NameDecision("ignore")},
        )
    assert exc.value.code == "unresolved"
    decisions = {
        raw: NameDecision("ignore") for raw in ("县检察局", "市司法局", "工作要求", "县综合执法队")
    }
    decisions["县司法局县财政局"] = NameDecision("split", parts=("县司法局", "县某某局"))
    decisions["县综合执法队"] = NameDecision("new", new_name="天镇县综合行政执法队", new_kind="x")
    with pytest.raises(ApplicationError, match="单位类别"):
        services.plan_import_apply(
            actor=SYSTEM, plan_import=prepared.plan_import, decisions=decisions
        )
    decisions["县综合执法队"] = NameDecision("ignore")
    with pytest.raises(ApplicationError, match="县某某局"):
        services.plan_import_apply(
            actor=SYSTEM, plan_import=prepared.plan_import, decisions=decisions
        )
    assert Plan.objects.count() == 0 and OrgUnit.objects.count() == units
    assert AuditEvent.objects.count() == events


def test_other_governments_name_is_flagged_even_when_an_alias_resolves_it(directory, holidays):
    UnitAlias.objects.create(unit=unit("天镇县司法局"), name="市司法局")
    text = "某县方案\n\n一、任务\n(一)做好工作。\n牵头单位:市司法局\n"
    prepared = prepare(text)
    (row,) = import_review(plan_import=prepared.plan_import)["unresolved"]
    assert row == {
        "raw": "市司法局",
        "suggestions": [(unit("天镇县司法局").pk, "天镇县司法局")],
        "foreign": True,
    }
    with pytest.raises(ApplicationError):
        services.plan_import_apply(actor=SYSTEM, plan_import=prepared.plan_import)


def _two_tables_numbered_from_one() -> bytes:
    document = docx.Document()
    document.add_paragraph("天镇县2026年任务分工")
    for rows in (
        [("序号", "任务", "牵头单位"), ("1", "清理规范性文件。", "县司法局")],
        [("序号", "任务", "牵头单位"), ("1", "推进政务公开。", "县政府办公室")],
    ):
        table = document.add_table(rows=2, cols=3)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_tables_whose_numbers_repeat_import_with_unique_measure_numbers(directory, holidays):
    prepared = services.plan_import_prepare(
        actor=SYSTEM, data=_two_tables_numbered_from_one(), filename="分工.docx"
    )
    plan = services.plan_import_apply(actor=SYSTEM, plan_import=prepared.plan_import)
    assert list(plan.measures.order_by("position").values_list("number", "title")) == [
        (1, "清理规范性文件"),
        (2, "推进政务公开"),
    ]


def test_reference_plan_keeps_its_measures_only(directory, holidays):
    prepared = prepare(KEY_POINTS, is_reference=True)
    assert import_review(plan_import=prepared.plan_import)["unresolved"] == []
    plan = services.plan_import_apply(actor=SYSTEM, plan_import=prepared.plan_import)
    assert plan.is_reference
    assert list(Measure.objects.filter(plan=plan).values_list("number", flat=True)) == [1, 2]
    assert not TaskAssignment.objects.exists() and not plan.measures.filter(tasks__isnull=False)


NO_UNITS = (
    "大同市2026年法治政府建设工作要点\n\n一、深化改革\n(一)推进放管服改革\n1.精简审批事项。\n"
)


def test_plan_without_unit_lines_is_said_so_in_review_and_by_the_cli(
    client, directory, holidays, office, tmp_path
):
    client.force_login(office)
    response = client.post(
        reverse("plans:plan_import"),
        {"file": SimpleUploadedFile("要点.txt", NO_UNITS.encode("utf-8"))},
        follow=True,
    )
    page = response.content.decode()
    assert 'id="no-units">本文件未写明责任单位,请在审核时指定</div>' in page
    path = tmp_path / "要点.txt"
    path.write_text(NO_UNITS, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("plan", "parse", str(path), stdout=out, stderr=err)
    assert "未写明责任单位" in err.getvalue()
    assert "措施 1,任务 1" in out.getvalue()


def test_review_page_offers_every_option_with_the_alias_box_unticked(
    client, directory, holidays, office
):
    client.force_login(office)
    response = client.post(
        reverse("plans:plan_import"),
        {"file": SimpleUploadedFile("要点.txt", KEY_POINTS.encode("utf-8")), "doc_number": ""},
        follow=True,
    )
    page = response.content.decode()
    for value in ("unit", "group", "new", "split", "ignore"):
        assert f'name="action_0" id="action_{value}_0" value="{value}"' in page
    assert 'name="alias_0" id="alias_0">' in page
    assert "似为其他(上级)政府的单位,请核实" in page
    assert 'class="role-lead"' in page and 'class="role-participating"' in page
    assert 'class="role-responsible"' in page
    plan_import = PlanImport.objects.get()
    post = {
        "action": "apply",
        "doc_number": "",
        "action_0": "unit",
        "pick_0": str(unit("天镇县人民检察院").pk),
        "action_1": "ignore",
        "action_2": "split",
        "split_a_2": "县司法局",
        "split_b_2": "县财政局",
        "action_3": "ignore",
        "action_4": "new",
        "new_name_4": "天镇县综合行政执法队",
        "new_kind_4": "public_institution",
    }
    response = client.post(reverse("plans:import_review", args=[plan_import.pk]), post)
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.doc_number == "" and plan.measures.count() == 2
    assert not UnitAlias.objects.filter(name="县检察局").exists()

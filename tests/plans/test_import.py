import datetime as dt
import io
import zipfile

import pytest

from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent, UnitAlias
from fazhi.plans import services
from fazhi.plans.choices import ImportStatus, OwnerRole, ReportStatus
from fazhi.plans.models import (
    Plan,
    PlanImport,
    ProgressReport,
    Target,
    Task,
    TaskAssignment,
    TaskOwner,
)
from fazhi.plans.parsing import DEMO_PLAN_DOCX, DEMO_PLAN_TXT

from .conftest import MINI, TODAY, import_file, unit


def test_seed_imports_with_every_unit_line_resolved(seed_plan):
    assert seed_plan.doc_number == "天发〔2022〕42号"
    assert (seed_plan.start_year, seed_plan.end_year) == (2022, 2025)
    assert seed_plan.issued_on == dt.date(2022, 9, 23)
    assert seed_plan.chapters.count() == 9
    assert seed_plan.measures.count() == 33
    assert Task.objects.filter(measure__plan=seed_plan).count() == 32
    assert not TaskAssignment.objects.filter(
        task__measure__plan=seed_plan, unit__isnull=True, group__isnull=True
    ).exists()
    # (九): the annual catalog of major decisions is due on 30 April of 2023, 2024 and 2025
    catalog = Task.objects.get(measure__plan=seed_plan, measure__number=9)
    assert list(catalog.obligations.values_list("due_on", flat=True)) == [
        dt.date(2023, 4, 30),
        dt.date(2024, 4, 30),
        dt.date(2025, 4, 30),
    ]


def test_groups_expand_to_member_units_for_who_owes_what(mini_plan):
    task = Task.objects.get(measure__plan=mini_plan, measure__number=1)
    group_line = TaskAssignment.objects.get(task=task, raw="各乡(镇)人民政府")
    assert group_line.group.name == "各乡(镇)人民政府"
    townships = set(group_line.group.members.values_list("pk", flat=True))
    assert len(townships) == 11
    participating = set(
        TaskOwner.objects.filter(task=task, role=OwnerRole.PARTICIPATING).values_list(
            "unit_id", flat=True
        )
    )
    assert townships <= participating
    assert unit("天镇县市场监督管理局").pk in participating


def test_mini_plan_rows(mini_plan):
    assert (mini_plan.start_year, mini_plan.end_year) == (2026, 2027)
    first = Task.objects.get(measure__plan=mini_plan, measure__number=1)
    assert [(o.due_on, o.label) for o in first.obligations.all()] == [
        (dt.date(2026, 4, 30), "2026年度"),
        (dt.date(2026, 6, 30), "2026年6月底前"),
        (dt.date(2027, 4, 30), "2027年度"),
    ]
    target = Target.objects.get(task__measure__plan=mini_plan)
    assert (target.goal, target.comparator, target.due_on) == (95, ">=", dt.date(2027, 12, 31))
    ongoing = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    assert [o.label for o in ongoing.obligations.all()] == ["方案期末"]
    assert set(ongoing.owners.values_list("role", flat=True)) == {OwnerRole.RESPONSIBLE}


def test_importing_the_same_document_again_changes_nothing(seed_plan):
    events = AuditEvent.objects.count()
    imports = PlanImport.objects.count()
    for path in (DEMO_PLAN_TXT, DEMO_PLAN_DOCX):
        prepared = services.plan_import_prepare(
            actor=SYSTEM, data=path.read_bytes(), filename=path.name
        )
        assert prepared.unchanged and prepared.existing == seed_plan
    assert AuditEvent.objects.count() == events
    assert PlanImport.objects.count() == imports
    assert Plan.objects.count() == 1


def revised_mini(tmp_path):
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("2026年6月底前,编制完成证明事项清单", "2026年9月底前,编制完成证明事项清单")
    text = text.replace("参加单位:县司法局\n", "参加单位:县司法局、县财政局\n")
    text = text.rstrip("\n") + "\n\n(四)加强宣传。2027年底前建成普法阵地。\n\n牵头单位:县委宣传部\n"
    path = tmp_path / "mini-revised.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_revision_shows_changes_before_saving_and_keeps_reports(
    mini_plan, judicial_reporter, office, tmp_path
):
    kept = Task.objects.get(measure__plan=mini_plan, measure__number=3)
    report = services.progress_report_submit(
        actor=judicial_reporter, task=kept, text="已举办两期培训", percent_done=40, today=TODAY
    )
    services.progress_report_accept(actor=office, report=report, today=TODAY)
    prepared = services.plan_import_prepare(
        actor=office, data=revised_mini(tmp_path).read_bytes(), filename="mini-revised.txt"
    )
    assert not prepared.unchanged and prepared.existing == mini_plan
    from fazhi.plans.import_names import import_review

    diff = import_review(plan_import=prepared.plan_import)["diff"]
    assert diff.summary() == {
        "measures_added": 1,
        "measures_removed": 0,
        "measures_retitled": 0,
        "tasks_added": 1,
        "tasks_removed": 0,
        "tasks_changed": 2,
        "tasks_unchanged": 1,
    }
    changed = {c.measure: c for c in diff.tasks_changed}
    assert changed[1].deadlines_added == ["2026年9月底前"] and changed[1].deadlines_removed == [
        "2026年6月底前"
    ]
    assert changed[2].units_added == ["参加单位:天镇县财政局"]
    # nothing saved yet
    assert Task.objects.filter(measure__plan=mini_plan).count() == 3
    services.plan_import_apply(actor=office, plan_import=prepared.plan_import, today=TODAY)
    mini_plan.refresh_from_db()
    assert mini_plan.content_hash == prepared.plan_import.content_hash
    assert Task.objects.filter(measure__plan=mini_plan).count() == 4
    kept.refresh_from_db()
    assert kept.percent_done == 40 and kept.version == 2
    assert ProgressReport.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED
    first = Task.objects.get(measure__plan=mini_plan, measure__number=1)
    assert dt.date(2026, 9, 30) in set(first.obligations.values_list("due_on", flat=True))
    assert dt.date(2026, 6, 30) not in set(first.obligations.values_list("due_on", flat=True))
    assert TaskOwner.objects.filter(
        task__measure__number=2, task__measure__plan=mini_plan, unit=unit("天镇县财政局")
    ).exists()
    # and the revision again is now a no-op
    assert services.plan_import_prepare(
        actor=office, data=revised_mini(tmp_path).read_bytes(), filename="x.txt"
    ).unchanged


def test_unresolved_names_must_be_settled_and_may_become_aliases(
    directory, holidays, office, tmp_path
):
    path = tmp_path / "typo.txt"
    path.write_text(
        MINI.read_text(encoding="utf-8").replace(
            "牵头单位:县市场监督管理局", "牵头单位:县市监管理局"
        ),
        encoding="utf-8",
    )
    prepared = services.plan_import_prepare(
        actor=office, data=path.read_bytes(), filename=path.name
    )
    assert services.unresolved_names(prepared.plan_import.draft) == ["县市监管理局"]
    with pytest.raises(ApplicationError, match="县市监管理局"):
        services.plan_import_apply(actor=office, plan_import=prepared.plan_import)
    assert Plan.objects.count() == 0
    market = unit("天镇县市场监督管理局")
    plan = services.plan_import_apply(
        actor=office,
        plan_import=prepared.plan_import,
        picks={"县市监管理局": market.pk},
        aliases={"县市监管理局"},
    )
    assert UnitAlias.objects.get(name="县市监管理局").unit == market
    line = TaskAssignment.objects.get(task__measure__plan=plan, raw="县市监管理局")
    assert line.unit == market and line.role == OwnerRole.LEAD
    assert PlanImport.objects.get(pk=prepared.plan_import.pk).status == ImportStatus.APPLIED
    with pytest.raises(ApplicationError, match="已处理"):
        services.plan_import_apply(actor=office, plan_import=prepared.plan_import)


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde" + b"\0" * 64


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (b"", "plan.txt", "empty_file"),
        (PNG, "plan.png", "bad_type"),
        (PNG, "plan.txt", "not_a_plan"),
        (PNG, "plan.docx", "not_a_plan"),
        ("这只是一段普通的文字,不是方案。".encode(), "note.txt", "not_a_plan"),
    ],
)
def test_files_that_are_not_plans_are_refused_and_nothing_saved(
    directory, office, data, filename, code
):
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as exc:
        services.plan_import_prepare(actor=office, data=data, filename=filename)
    assert exc.value.code == code
    assert exc.value.message
    assert PlanImport.objects.count() == 0 and AuditEvent.objects.count() == events


def test_zip_bomb_disguised_as_docx_is_refused(directory, office):
    with pytest.raises(ApplicationError) as exc:
        services.plan_import_prepare(actor=office, data=zip_bomb(), filename="plan.docx")
    assert exc.value.code == "not_a_plan"
    assert PlanImport.objects.count() == 0


def test_size_limit_is_checked_before_parsing(directory, office, settings):
    settings.FAZHI_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(ApplicationError, match="上限") as exc:
        services.check_plan_file(size=50 * 1024 * 1024, filename="big.txt")
    assert exc.value.code == "file_too_large"
    with pytest.raises(ApplicationError, match="上限"):
        services.plan_import_prepare(actor=office, data=b"x" * 2048, filename="big.txt")


def test_only_the_office_imports(directory, judicial_reporter):
    with pytest.raises(PermissionDenied):
        services.plan_import_prepare(
            actor=judicial_reporter, data=MINI.read_bytes(), filename=MINI.name
        )
    assert PlanImport.objects.count() == 0


def test_import_file_helper_is_idempotent(mini_plan):
    assert import_file(MINI) == mini_plan
    assert Task.objects.count() == 3


def test_a_50_mb_text_is_refused_with_a_clear_message(directory, office):
    with pytest.raises(ApplicationError, match="过大"):
        services.plan_import_prepare(
            actor=office, data=b"a" * (50 * 1024 * 1024), filename="huge.txt"
        )
    with pytest.raises(ApplicationError, match="上限"):
        services.plan_import_prepare(
            actor=office, data=b"a" * (50 * 1024 * 1024 + 1), filename="huge.txt"
        )
    assert PlanImport.objects.count() == 0


def test_a_task_the_revision_drops_is_withdrawn_with_a_new_version_and_stamp(
    mini_plan, office, tmp_path
):
    dropped = Task.objects.get(measure__plan=mini_plan, measure__number=2)
    text = MINI.read_text(encoding="utf-8").replace(
        "(二)加强执法监督。到2027年,行政执法案卷评查合格率达到95%以上。",
        "(二)加强执法监督。",
    )
    path = tmp_path / "dropped.txt"
    path.write_text(text, encoding="utf-8")
    prepared = services.plan_import_prepare(
        actor=office, data=path.read_bytes(), filename=path.name
    )
    services.plan_import_apply(actor=office, plan_import=prepared.plan_import, today=TODAY)
    withdrawn = Task.objects.get(pk=dropped.pk)
    assert withdrawn.withdrawn_on == TODAY
    assert withdrawn.version == dropped.version + 1
    assert withdrawn.updated_at > dropped.updated_at

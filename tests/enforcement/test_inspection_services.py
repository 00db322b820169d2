import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from fazhi.core import periods
from fazhi.core.errors import ApplicationError, PermissionDenied
from fazhi.core.models import AuditEvent
from fazhi.enforcement import draw, services
from fazhi.enforcement.demo import generated_uscc
from fazhi.enforcement.models import (
    DiscretionStandard,
    InspectionDraw,
    InspectionTarget,
    InspectionVisit,
    OfficerRelation,
)
from fazhi.enforcement.selectors import selection_text
from tests.enforcement.conftest import make_officer

pytestmark = pytest.mark.usefixtures("holidays")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def rows(n, start=0, category="食品销售"):
    return [
        (generated_uscc(10000000 + i), f"企业{i}", category, "天镇县")
        for i in range(start, start + n)
    ]


@pytest.fixture
def register(officer_user):
    services.target_import(actor=officer_user, rows=rows(300) + rows(100, 300, "餐饮服务"))


def test_target_import_in_batches_is_idempotent(officer_user):
    seen = []
    assert (
        services.target_import(
            actor=officer_user, rows=rows(250), batch_size=100, progress=seen.append
        )
        == 250
    )
    assert seen == [100, 200, 250]
    services.target_import(
        actor=officer_user, rows=[(generated_uscc(10000000), "改名企业", "食品销售", "")]
    )
    assert InspectionTarget.objects.count() == 250
    assert InspectionTarget.objects.get(uscc=generated_uscc(10000000)).name == "改名企业"


def test_a_first_import_racing_another_is_refused_clearly(officer_user, monkeypatch):
    services.target_import(actor=officer_user, rows=rows(3))
    # as if another first import had written these codes after this one found the register empty
    monkeypatch.setattr(InspectionTarget.objects, "exists", lambda: False)
    with pytest.raises(ApplicationError, match="另一次导入"):
        services.target_import(actor=officer_user, rows=rows(5))
    assert InspectionTarget.objects.count() == 3


def test_a_re_import_keeps_the_registration_time_and_the_active_flag(officer_user):
    services.target_import(actor=officer_user, rows=rows(3))
    InspectionTarget.objects.filter(uscc=generated_uscc(10000001)).update(is_active=False)
    before = dict(InspectionTarget.objects.values_list("uscc", "created_at"))
    services.target_import(actor=officer_user, rows=rows(3) + rows(1, 3))
    after = InspectionTarget.objects.in_bulk(field_name="uscc")
    assert len(after) == 4
    assert all(after[code].created_at == at for code, at in before.items())
    assert not after[generated_uscc(10000001)].is_active


def test_one_bad_row_saves_nothing(officer_user):
    bad = rows(20)
    bad[7] = ("911402221234567890", "坏代码", "食品销售", "")
    with pytest.raises(ApplicationError) as exc:
        services.target_import(actor=officer_user, rows=bad, batch_size=5)
    assert exc.value.fields["rows"][0].startswith("第9行:统一社会信用代码")
    assert InspectionTarget.objects.count() == 0
    assert not AuditEvent.objects.exists()


def plan(officer_user, body, *, categories=("食品销售",), joint=()):
    return services.plan_create(
        actor=officer_user,
        body=body,
        title="2026年食品抽查",
        year=2026,
        scope="食品经营",
        ratio_bp=500,
        categories=list(categories),
        joint_bodies=list(joint),
    )


def test_commit_then_reveal_then_verify(officer_user, body, officers, register, capsysbinary):
    p = plan(officer_user, body)
    row = services.draw_commit(actor=officer_user, plan=p)
    assert (row.target_count, row.sample_size, row.seed) == (300, 15, "")
    assert row.seed_commitment == draw.commitment(row.sealed_seed)
    row = services.draw_reveal(actor=officer_user, draw_row=row)
    assert row.seed == row.sealed_seed and row.status == "revealed"
    visits = list(row.visits.prefetch_related("officers"))
    assert len(visits) == 15 and all(v.officers.count() == 2 for v in visits)
    assert (
        row.result_due == periods.due("enforcement.inspection_result", dt.date.today()).date
        or row.result_due
    )
    published = selection_text(row)
    assert draw.selection_hash(published) == row.selection_sha256
    call_command("inspection", "verify-draw", "--draw", str(row.pk))
    assert capsysbinary.readouterr().out == published


def test_verify_from_the_published_files_and_detect_tampering(
    officer_user, body, officers, register, tmp_path, capsysbinary
):
    row = services.draw_reveal(
        actor=officer_user,
        draw_row=services.draw_commit(actor=officer_user, plan=plan(officer_user, body)),
    )
    targets = tmp_path / "targets.txt"
    targets.write_bytes(row.target_list.open("rb").read())
    expected = tmp_path / "selection.txt"
    expected.write_bytes(selection_text(row))
    args = [
        "inspection",
        "verify-draw",
        "--targets",
        str(targets),
        "--seed",
        row.seed,
        "--ratio",
        "500",
        "--commitment",
        row.seed_commitment,
        "--list-sha256",
        row.list_sha256,
        "--expected",
        str(expected),
    ]
    call_command(*args)
    assert capsysbinary.readouterr().out == expected.read_bytes()
    other_seed = ("0" if row.seed[0] != "0" else "1") + row.seed[1:]
    with pytest.raises(CommandError, match="核验失败"):
        call_command(*[a if a != row.seed else other_seed for a in args])
    targets.write_bytes(
        targets.read_bytes().replace(b"\n", b"\n", 1) + generated_uscc(19999999).encode() + b"\n"
    )
    with pytest.raises(CommandError):
        call_command(*args)


def test_a_draw_committed_under_v1_is_revealed_and_verified_by_v1(
    officer_user, body, officers, register, capsysbinary
):
    from fazhi.enforcement import assignment
    from fazhi.enforcement.services.inspections import active_inspectors

    row = services.draw_commit(actor=officer_user, plan=plan(officer_user, body))
    assert row.algorithm == draw.V2
    InspectionDraw.objects.filter(pk=row.pk).update(algorithm=draw.V1)  # as before the change
    row = services.draw_reveal(actor=officer_user, draw_row=row)
    pool = active_inspectors([body], dt.date.today())
    stored = [
        tuple(sorted(v.officers.values_list("id", flat=True)))
        for v in row.visits.order_by("rank").prefetch_related("officers")
    ]
    targets = list(row.visits.order_by("rank").values_list("target__uscc", flat=True))

    def by(algorithm):
        visits = assignment.assign(
            targets, pool, lead_body=body.pk, seed_hex=row.seed, algorithm=algorithm
        )
        return [tuple(sorted(v.officer_ids)) for v in visits]

    assert stored == by(draw.V1) and stored != by(draw.V2)
    call_command("inspection", "verify-draw", "--draw", str(row.pk))
    assert capsysbinary.readouterr().out == selection_text(row)
    InspectionDraw.objects.filter(pk=row.pk).update(algorithm="HMAC-SHA256-rank/v9")
    with pytest.raises(CommandError, match="未知的抽取算法"):
        call_command("inspection", "verify-draw", "--draw", str(row.pk))


def test_a_draw_cannot_be_rerun(officer_user, body, officers, register):
    p = plan(officer_user, body)
    row = services.draw_commit(actor=officer_user, plan=p)
    with pytest.raises(ApplicationError, match="不能重新抽取"):
        services.draw_commit(actor=officer_user, plan=p)
    services.draw_reveal(actor=officer_user, draw_row=row)
    visits = InspectionVisit.objects.count()
    with pytest.raises(ApplicationError, match="种子已公布"):
        services.draw_reveal(actor=officer_user, draw_row=row)
    assert InspectionVisit.objects.count() == visits and InspectionDraw.objects.count() == 1


def test_expired_officers_are_never_drawn_and_too_few_refuses(
    officer_user, body, officers, expired_officer, register, today
):
    row = services.draw_reveal(
        actor=officer_user,
        draw_row=services.draw_commit(actor=officer_user, plan=plan(officer_user, body)),
    )
    assert not row.visits.filter(officers=expired_officer).exists()
    p2 = services.plan_create(
        actor=officer_user,
        body=body,
        title="第二次",
        year=2026,
        scope="x",
        ratio_bp=500,
        categories=["餐饮服务"],
    )
    row2 = services.draw_commit(actor=officer_user, plan=p2)
    for o in officers[1:]:
        o.credentials.update(valid_until=today - dt.timedelta(days=1))
    with pytest.raises(ApplicationError, match="无法分派检查人员"):
        services.draw_reveal(actor=officer_user, draw_row=row2)
    row2.refresh_from_db()
    assert row2.seed == "" and not row2.visits.exists()


def test_joint_inspection_and_conflict_avoidance(
    officer_user, body, other_body, officers, register
):
    joint = [make_officer(other_body, "钱执法"), make_officer(other_body, "蒋明")]
    target = InspectionTarget.objects.order_by("uscc").first()
    OfficerRelation.objects.create(officer=officers[0], target=target, relation="亲属")
    p = services.plan_create(
        actor=officer_user,
        body=body,
        title="联合",
        year=2026,
        scope="x",
        ratio_bp=10000,
        categories=["食品销售"],
        joint_bodies=[other_body],
    )
    row = services.draw_reveal(
        actor=officer_user, draw_row=services.draw_commit(actor=officer_user, plan=p)
    )
    visit = row.visits.get(target=target)
    ids = set(visit.officers.values_list("id", flat=True))
    assert ids & {o.pk for o in officers} == {officers[1].pk, officers[2].pk}
    assert len(ids & {j.pk for j in joint}) == 1 and len(ids) == 3
    with pytest.raises(ApplicationError, match="应当回避"):
        services.visit_assign_officers(
            actor=officer_user, visit=visit, officers=[officers[0], officers[2]]
        )


def test_manual_assignment_refuses_expired_officers(
    officer_user, body, officers, expired_officer, register
):
    row = services.draw_reveal(
        actor=officer_user,
        draw_row=services.draw_commit(actor=officer_user, plan=plan(officer_user, body)),
    )
    visit = row.visits.first()
    before = set(visit.officers.values_list("id", flat=True))
    with pytest.raises(ApplicationError, match="已于"):
        services.visit_assign_officers(
            actor=officer_user, visit=visit, officers=[officers[0], expired_officer]
        )
    assert set(visit.officers.values_list("id", flat=True)) == before


def test_results_recorded_then_published(officer_user, body, officers, register, today):
    row = services.draw_reveal(
        actor=officer_user,
        draw_row=services.draw_commit(actor=officer_user, plan=plan(officer_user, body)),
    )
    with pytest.raises(ApplicationError, match="没有待公示"):
        services.draw_publish_results(actor=officer_user, draw_row=row)
    visit = row.visits.first()
    with pytest.raises(ApplicationError, match="请选择检查结果"):
        services.visit_record_result(
            actor=officer_user, visit=visit, outcome="pending", note="", inspected_on=today
        )
    services.visit_record_result(
        actor=officer_user, visit=visit, outcome="compliant", note="未发现问题", inspected_on=today
    )
    assert services.draw_publish_results(actor=officer_user, draw_row=row) == 1
    # the open data shows the market entity as the portal does: name and credit code in full
    from fazhi.core.datasets import page, registry

    (published,), _next = page(registry()["enforcement.inspection_results"], None)
    visit.refresh_from_db()
    assert (published["target"], published["target_uscc"]) == (
        visit.target.name,
        visit.target.uscc,
    )
    with pytest.raises(ApplicationError, match="已公示"):
        services.visit_record_result(
            actor=officer_user, visit=visit, outcome="corrected", note="", inspected_on=today
        )


def test_other_body_cannot_draw(make_user, other_body, officer_user, body, register):
    from fazhi.core.choices import Role

    p = plan(officer_user, body)
    with pytest.raises(PermissionDenied):
        services.draw_commit(actor=make_user(Role.OFFICER, unit=other_body.unit), plan=p)


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(
        [
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
        ]
    )
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("基准.xlsx", buf.getvalue())


def test_standard_import_all_or_nothing(supervisor):
    good = [
        ("S-1", "违法A", "依据A", "罚则A", "一般", "情形", 100, 500, "", "首违不罚", "初次"),
        ("S-1", "违法A", "依据A", "罚则A", "较重", "情形", 500, 900, "", "", ""),
    ]
    assert services.standard_import(actor=supervisor, upload=_xlsx(good)) == 1
    s = DiscretionStandard.objects.get(code="S-1")
    assert s.levels.count() == 2 and s.exemptions.get().kind == "first_offence"
    bad = [*good, ("S-2", "违法B", "依据B", "罚则B", "一般", "情形", 900, 100, "", "", "")]
    with pytest.raises(ApplicationError) as exc:
        services.standard_import(actor=supervisor, upload=_xlsx(bad))
    assert exc.value.fields["rows"] == ["第4行:罚款上限不能小于下限"]
    assert not DiscretionStandard.objects.filter(code="S-2").exists()
    falling = [
        ("S-3", "违法C", "依据", "罚则", "一般", "情形", 100, 500, "", "", ""),
        ("S-3", "违法C", "依据", "罚则", "较重", "情形", 50, 400, "", "", ""),
    ]
    with pytest.raises(ApplicationError):
        services.standard_import(actor=supervisor, upload=_xlsx(falling))
    assert not DiscretionStandard.objects.filter(code="S-3").exists()


def test_import_targets_cli_with_progress(officer_user, tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text(
        "统一社会信用代码,名称,行业类别,住所\n"
        + "".join(f"{u},{n},{c},{a}\n" for u, n, c, a in rows(50)),
        encoding="utf-8",
    )
    call_command(
        "inspection",
        "import-targets",
        str(path),
        "--actor",
        officer_user.username,
        "--batch-size",
        "20",
    )
    assert InspectionTarget.objects.count() == 50
    path.write_text(
        "统一社会信用代码,名称,行业类别,住所\n"
        + "".join(f"{u},{n},{c},{a}\n" for u, n, c, a in rows(5, 100))
        + "BAD,坏,食品销售,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="未保存任何数据"):
        call_command("inspection", "import-targets", str(path), "--actor", officer_user.username)
    assert InspectionTarget.objects.count() == 50

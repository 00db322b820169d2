"""Double-random inspections: the target register, plans, verifiable draws, visits, results."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit, bulk, dates, periods, uploads
from fazhi.core.actors import Actor
from fazhi.core.errors import ApplicationError
from fazhi.core.writes import created, guarded, require_perm

from .. import assignment, draw, importing
from ..choices import CredentialStatus, DrawStatus, InspectionOutcome, PlanStatus
from ..errors import EnforcementError
from ..events import Event
from ..models import (
    EnforcementBody,
    InspectionDraw,
    InspectionPlan,
    InspectionTarget,
    InspectionVisit,
    Officer,
    OfficerRelation,
)
from .common import refuse_conflicts, relation_conflicts, require_credentialed

MANAGE = "enforcement.manage_plan"


def _not_member(plan: InspectionPlan) -> str:
    return _("只有%(unit)s的执法人员或填报员可以办理") % {"unit": plan.body.unit.name}


def _target_rows(upload, kind: str):
    """The header and the rows of a CSV (UTF-8, GB18030 accepted) or .xlsx register, lazily."""
    if kind == "xlsx":
        from openpyxl import load_workbook

        rows = (
            load_workbook(upload, read_only=True, data_only=True)
            .worksheets[0]
            .iter_rows(values_only=True)
        )
        return next(rows, ()), rows
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    rows = csv.reader(io.StringIO(text))
    return next(rows, []), rows


@transaction.atomic
def target_import_file(
    *,
    actor: Actor,
    upload,
    max_bytes: int | None = None,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Import the register from an uploaded file: the upload guard first (size, type read from
    the content, zip bombs), then the headers, then every row; any refusal saves nothing."""
    require_perm(actor, "enforcement.import_target", None, _("无权导入检查对象名录"))
    kind = uploads.check(upload, kinds=("csv", "xlsx"), max_bytes=max_bytes)
    with uploads.parsing(upload.name, kind):
        header, rows = _target_rows(upload, kind)
        problem = importing.check_headers(header, importing.TARGET_HEADERS)
        if problem:
            raise ApplicationError(problem, code=EnforcementError.BAD_HEADER)
        return target_import(actor=actor, rows=rows, batch_size=batch_size, progress=progress)


TARGET_COLUMNS = ("uscc", "name", "category", "address", "is_active", "created_at")


class _BadRows(Exception):
    """Raised after the last row when any row was refused: stops the write and undoes it."""


@transaction.atomic
def target_import(
    *,
    actor: Actor,
    rows: Iterable[Sequence],
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Bulk import of market entities; a new code is added, a known one updated; any bad row refuses all."""
    require_perm(actor, "enforcement.import_target", None, _("无权导入检查对象名录"))
    errors: list[importing.RowError] = []
    now = bulk.db_value(InspectionTarget, "created_at", timezone.now())

    def good_rows():
        count = 0
        for record in importing.parse_target_rows(rows, errors):
            if errors:
                continue  # keep validating to report every bad row; nothing more is written
            yield (record.uscc, record.name, record.category, record.address, True, now)
            count += 1
            if progress and count % batch_size == 0:
                progress(count)
        if errors:
            raise _BadRows
        if progress and count % batch_size:
            progress(count)

    # Into an empty register the rows go straight in (the file has no repeated code); else
    # through the upsert, which costs one more write.
    upsert = InspectionTarget.objects.exists()
    try:
        saved = bulk.insert(
            InspectionTarget,
            TARGET_COLUMNS,
            good_rows(),
            unique=("uscc",) if upsert else (),
            update=("name", "category", "address") if upsert else (),
            batch=batch_size,
        )
    except IntegrityError as exc:  # only when another first import wrote the same codes meanwhile
        raise ApplicationError(
            _("另一次导入同时写入了相同的统一社会信用代码,未保存任何数据,请重新导入"),
            code=EnforcementError.IMPORT_ROWS,
        ) from exc
    except _BadRows:
        transaction.set_rollback(True)
        messages = [str(e) for e in errors[:200]]
        raise ApplicationError(
            _("导入失败,共 %(count)s 行有误,未保存任何数据") % {"count": len(errors)},
            code=EnforcementError.IMPORT_ROWS,
            fields={"rows": messages},
        ) from None
    audit.record(
        actor=actor,
        action=Event.TARGET_IMPORT,
        object_type="enforcement.inspectiontarget",
        object_id="*",
        object_repr=f"导入 {saved} 个检查对象",
        after={"rows": saved},
    )
    return saved


@transaction.atomic
def plan_create(
    *,
    actor: Actor,
    body: EnforcementBody,
    title: str,
    year: int,
    scope: str,
    ratio_bp: int,
    categories: Sequence[str] = (),
    joint_bodies: Sequence[EnforcementBody] = (),
) -> InspectionPlan:
    require_perm(
        actor,
        "enforcement.handle_case",
        body,
        _("只有%(unit)s的执法人员或填报员可以办理") % {"unit": body.unit.name},
    )
    if not 0 < int(ratio_bp) <= 10000:
        raise ApplicationError(
            _("抽查比例应大于0且不超过100%"),
            code=EnforcementError.REFUSED,
            fields={"ratio_bp": [_("比例无效")]},
        )
    plan = InspectionPlan(
        body=body,
        title=title.strip(),
        year=year,
        coverage=scope.strip(),
        ratio_bp=ratio_bp,
        categories=sorted({c.strip() for c in categories if c.strip()}),
        created_by=actor,
    )
    joint = sorted(b.pk for b in joint_bodies if b.pk != body.pk)
    created(plan, actor=actor, action=Event.PLAN_CREATE, note={"joint_bodies": joint})
    plan.joint_bodies.set(joint)
    return plan


def plan_target_ids(plan: InspectionPlan) -> list[str]:
    """The plan's targets in the order of the code's index (byte order on both databases'
    default collations, so the canonical list need not sort them again)."""
    qs = InspectionTarget.objects.filter(is_active=True)
    if plan.categories:
        qs = qs.filter(category__in=plan.categories)
    sql, params = qs.order_by("uscc").values_list("uscc").query.sql_with_params()
    with connection.cursor() as cursor:  # a million codes: skip the ORM's per-row iteration
        cursor.execute(sql, params)
        return [uscc for (uscc,) in cursor.fetchall()]


def plan_target_list(plan: InspectionPlan) -> bytes:
    """The plan's canonical target list. On PostgreSQL the database joins it: one value,
    `string_agg` of the codes in the index's byte order (C collation) — faster than fetching a
    million rows or a COPY, which returns them one by one; the caller checks it."""
    if connection.vendor != "postgresql":
        return draw.canonical_target_list(plan_target_ids(plan))
    qs = InspectionTarget.objects.filter(is_active=True)
    if plan.categories:
        qs = qs.filter(category__in=plan.categories)
    sql, params = qs.order_by("uscc").values_list("uscc").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT convert_to(string_agg(t.uscc, E'\\n') || E'\\n', 'UTF8')"  # noqa: S608
            f" FROM ({sql}) AS t",
            params,
        )
        (data,) = cursor.fetchone()
    return bytes(data) if data is not None else b""


@transaction.atomic
def draw_commit(*, actor: Actor, plan: InspectionPlan) -> InspectionDraw:
    """Freeze and publish the target list and a commitment to the seed. A plan is drawn once."""
    plan = InspectionPlan.objects.select_for_update().select_related("body__unit").get(pk=plan.pk)
    require_perm(actor, MANAGE, plan, _not_member(plan))
    if InspectionDraw.objects.filter(plan=plan).exists():
        raise ApplicationError(
            _("该计划已公布抽取承诺,不能重新抽取"), code=EnforcementError.DRAW_EXISTS
        )
    data = plan_target_list(plan)
    try:
        count = len(draw.target_lines(data))
    except draw.DrawError:  # a database ordering other than byte order: sort in Python
        data = draw.canonical_target_list(plan_target_ids(plan))
        count = data.count(b"\n")
    if count == 0:
        raise ApplicationError(_("名录中没有符合范围的检查对象"), code=EnforcementError.NO_TARGETS)
    sm3, sha = draw.list_hashes(data)
    seed = draw.new_seed()
    row = InspectionDraw(
        plan=plan,
        algorithm=draw.ALGORITHM,
        target_count=count,
        ratio_bp=plan.ratio_bp,
        sample_size=draw.sample_size(count, plan.ratio_bp),
        list_sm3=sm3,
        list_sha256=sha,
        seed_commitment=draw.commitment(seed),
        sealed_seed=seed,
        committed_at=timezone.now(),
        committed_by=actor,
    )
    row.target_list.save(f"targets-{sha[:12]}.txt", ContentFile(data), save=False)
    row.save()
    audit.record(
        actor=actor,
        action=Event.DRAW_COMMIT,
        obj=row,
        after={
            "plan": plan.pk,
            "target_count": count,
            "list_sm3": sm3,
            "list_sha256": sha,
            "seed_commitment": row.seed_commitment,
        },
    )
    return row


def active_inspectors(bodies: Sequence[EnforcementBody], on: dt.date) -> dict[int, list[int]]:
    pool: dict[int, list[int]] = defaultdict(list)
    officers = (
        Officer.objects.filter(
            body__in=bodies,
            is_active=True,
            credentials__status=CredentialStatus.VALID,
            credentials__issued_on__lte=on,
            credentials__valid_until__gte=on,
        )
        .distinct()
        .order_by("id")
    )
    for officer_id, body_id in officers.values_list("id", "body_id"):
        pool[body_id].append(officer_id)
    return dict(pool)


def write_visits(
    row: InspectionDraw,
    selection: Sequence[draw.Selected],
    visits: Sequence[assignment.Visit],
    *,
    batch_size: int = 5000,
) -> None:
    """The drawn visits and their inspectors, as plain rows (COPY on PostgreSQL)."""
    target_pk = bulk.ids_by(InspectionTarget, "uscc", [s.target_id for s in selection])
    bulk.insert(
        InspectionVisit,
        ("draw_id", "rank", "target_id", "score", "outcome", "result_note"),
        (
            (row.pk, s.rank, target_pk[s.target_id], s.score, InspectionOutcome.PENDING.value, "")
            for s in selection
        ),
        batch=batch_size,
    )
    visit_pk = dict(InspectionVisit.objects.filter(draw=row).values_list("rank", "id"))
    bulk.insert(
        InspectionVisit.officers.through,
        ("inspectionvisit_id", "officer_id"),
        (
            (visit_pk[s.rank], officer)
            for s, visit in zip(selection, visits, strict=True)
            for officer in visit.officer_ids
        ),
        batch=batch_size,
    )


@transaction.atomic
def draw_reveal(
    *, actor: Actor, draw_row: InspectionDraw, batch_size: int = 5000
) -> InspectionDraw:
    """Reveal the seed, run the draw over the frozen list, assign inspectors. Refused once revealed."""
    row = (
        InspectionDraw.objects.select_for_update()
        .select_related("plan__body__unit")
        .get(pk=draw_row.pk)
    )
    plan = row.plan
    require_perm(actor, MANAGE, plan, _not_member(plan))
    if row.status == DrawStatus.REVEALED:
        raise ApplicationError(
            _("种子已公布,抽取结果已确定,不能重新抽取"), code=EnforcementError.DRAW_REVEALED
        )
    with row.target_list.open("rb") as fh:
        data = fh.read()
    # SHA-256 alone detects any change to the file (SM3 was checked against the same bytes at
    # the commit); the identifiers are ranked as bytes, never decoded but for the drawn.
    if hashlib.sha256(data).hexdigest() != row.list_sha256:
        raise ApplicationError(
            _("存储的名单文件与公布的哈希不一致,已停止抽取"),
            code=EnforcementError.LIST_TAMPERED,
        )
    selection = draw.run_lines(draw.target_lines(data), row.sealed_seed, row.ratio_bp)
    today = dates.today()
    bodies = [plan.body, *plan.joint_bodies.all()]
    pool = active_inspectors(bodies, today)
    conflicts = set(
        OfficerRelation.objects.filter(officer__body__in=bodies).values_list(
            "officer_id", "target__uscc"
        )
    )
    try:
        visits = assignment.assign(
            (s.target_id for s in selection),
            pool,
            lead_body=plan.body.pk,
            joint_bodies=[b.pk for b in bodies[1:]],
            conflicts=conflicts,
            seed_hex=row.sealed_seed,
            algorithm=row.algorithm,  # the one recorded at the commit
        )
    except assignment.AssignmentError as exc:
        raise ApplicationError(
            _("无法分派检查人员:%(problem)s") % {"problem": exc},
            code=EnforcementError.ASSIGNMENT,
        ) from exc
    write_visits(row, selection, visits, batch_size=batch_size)
    row.seed = row.sealed_seed
    row.status = DrawStatus.REVEALED
    row.revealed_at = timezone.now()
    row.revealed_by = actor
    row.selection_sha256 = draw.selection_hash(draw.render(selection))
    row.result_due = periods.due("enforcement.inspection_result", today).date
    row.save(
        update_fields=[
            "seed",
            "status",
            "revealed_at",
            "revealed_by",
            "selection_sha256",
            "result_due",
        ]
    )
    plan.status = PlanStatus.DRAWN
    plan.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action=Event.DRAW_REVEAL,
        obj=row,
        after={
            "seed": row.seed,
            "selected": len(selection),
            "selection_sha256": row.selection_sha256,
        },
    )
    return row


@transaction.atomic
def visit_assign_officers(
    *, actor: Actor, visit: InspectionVisit, officers: Sequence[Officer]
) -> InspectionVisit:
    plan = visit.draw.plan
    require_perm(actor, MANAGE, plan, _not_member(plan))
    allowed_bodies = {plan.body_id, *plan.joint_bodies.values_list("id", flat=True)}
    outsiders = [o.full_name for o in officers if o.body_id not in allowed_bodies]
    if outsiders:
        raise ApplicationError(
            _("%(names)s不属于本次抽查的牵头或联合部门") % {"names": "、".join(outsiders)},
            code=EnforcementError.FOREIGN_OFFICER,
        )
    require_credentialed(list(officers), dates.today())
    refuse_conflicts(relation_conflicts(officers, target=visit.target))
    before = sorted(visit.officers.values_list("id", flat=True))
    visit.officers.set(officers)
    audit.record(
        actor=actor,
        action=Event.VISIT_ASSIGN,
        obj=visit,
        before={"officers": before},
        after={"officers": sorted(o.pk for o in officers)},
    )
    return visit


@transaction.atomic
def visit_record_result(
    *, actor: Actor, visit: InspectionVisit, outcome: str, note: str, inspected_on: dt.date
) -> InspectionVisit:
    with guarded(
        InspectionVisit,
        visit.pk,
        actor=actor,
        action=Event.VISIT_RECORD_RESULT,
        perm="enforcement.record_visit",
        denied=_("只有检查人员或牵头部门可以录入结果"),
        queryset=InspectionVisit.objects.select_related("draw__plan__body__unit"),
    ) as row:
        if row.result_published_on:
            raise ApplicationError(_("结果已公示,不能修改"), code=EnforcementError.PUBLISHED)
        if outcome == InspectionOutcome.PENDING or outcome not in InspectionOutcome.values:
            raise ApplicationError(
                _("请选择检查结果"),
                code=EnforcementError.REFUSED,
                fields={"outcome": [_("必选")]},
            )
        if (
            inspected_on > dates.today()
            or inspected_on < timezone.localtime(row.draw.revealed_at).date()
        ):
            raise ApplicationError(
                _("检查日期应在抽取之后、今天之前"),
                code=EnforcementError.REFUSED,
                fields={"inspected_on": [_("日期无效")]},
            )
        row.outcome, row.result_note, row.inspected_on = outcome, note.strip(), inspected_on
    return row


@transaction.atomic
def draw_publish_results(*, actor: Actor, draw_row: InspectionDraw) -> int:
    row = InspectionDraw.objects.select_related("plan__body__unit").get(pk=draw_row.pk)
    require_perm(actor, MANAGE, row.plan, _not_member(row.plan))
    count = (
        row.visits.exclude(outcome=InspectionOutcome.PENDING)
        .filter(result_published_on__isnull=True)
        .update(result_published_on=dates.today())
    )
    if count == 0:
        raise ApplicationError(_("没有待公示的检查结果"), code=EnforcementError.NOTHING_TO_PUBLISH)
    audit.record(
        actor=actor, action=Event.DRAW_PUBLISH_RESULTS, obj=row, after={"published": count}
    )
    return count

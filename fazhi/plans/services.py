"""Every write of the plans app: permission check, validation, one transaction, an audit event."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fazhi.core import audit
from fazhi.core.errors import ApplicationError, Conflict, PermissionDenied
from fazhi.core.holidays import deadline
from fazhi.core.models import OrgUnit, UnitGroup
from fazhi.core.services import unit_alias_add

from .choices import ImportStatus, NoticeStatus, OwnerRole, ReportStatus, TaskStatus
from .models import (
    Chapter,
    Evidence,
    Measure,
    NoticeSetting,
    Obligation,
    Plan,
    PlanImport,
    ProgressReport,
    Reminder,
    SupervisionNotice,
    Target,
    Task,
    TaskAssignment,
    TaskOwner,
)
from .revision import diff_plans
from .schedule import expand_deadlines, plan_years

PLAN_SUFFIXES = {".txt", ".docx"}
EVIDENCE_SUFFIXES = {
    ".pdf",
    ".ofd",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".jpg",
    ".jpeg",
    ".png",
    ".txt",
}
ROLE_FIELDS = {
    "lead_units": OwnerRole.LEAD,
    "participating_units": OwnerRole.PARTICIPATING,
    "responsible_units": OwnerRole.RESPONSIBLE,
}


def _require(user, perm: str, message: str) -> None:
    """`user=None` is the system itself (CLI, demo loader)."""
    if user is not None and not user.has_perm(perm):
        raise PermissionDenied(message)


def _clean(obj) -> None:
    """full_clean(), with Django's ValidationError turned into the app's error."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        fields = {k: _("；").join(str(m) for m in v) for k, v in exc.message_dict.items()}
        raise ApplicationError(
            _("；").join(f"{k}: {v}" for k, v in fields.items()), code="invalid", fields=fields
        ) from exc


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def max_upload_bytes() -> int:
    return settings.FAZHI_MAX_UPLOAD_BYTES


def check_plan_file(*, size: int, filename: str) -> None:
    """Refuse before reading or parsing: too large, empty, or not .txt/.docx."""
    limit = max_upload_bytes()
    if size > limit:
        raise ApplicationError(
            _("文件过大(%(size).1f MB),上限为 %(limit)s MB")
            % {"size": size / 1024 / 1024, "limit": limit // 1024 // 1024},
            code="file_too_large",
            fields={"file": _("文件过大")},
        )
    if size == 0:
        raise ApplicationError(_("文件是空的"), code="empty_file", fields={"file": _("文件为空")})
    if PurePath(filename).suffix.lower() not in PLAN_SUFFIXES:
        raise ApplicationError(
            _("只能导入 .txt 或 .docx 格式的方案文件"),
            code="bad_type",
            fields={"file": _("格式不支持")},
        )


def parse_plan_file(*, data: bytes, filename: str) -> dict:
    """Parse with the database directory. Returns the draft dict plus its content hash."""
    from fazhi.plans.parsing import PlanParseError, parse

    from .directory import unit_directory

    check_plan_file(size=len(data), filename=filename)
    try:
        draft = parse(data, filename=filename, directory=unit_directory())
    except PlanParseError as exc:
        message = _(exc.template) % exc.params
        raise ApplicationError(message, code="not_a_plan", fields={"file": message}) from exc
    result = draft.to_dict()
    if not result["measures"]:
        raise ApplicationError(
            _("文件中没有找到措施条目((一)(二)…),不像是一份实施方案"), code="not_a_plan"
        )
    if not result["document"].get("number"):
        raise ApplicationError(_("文件中没有找到文号(如 天发〔2022〕42号)"), code="no_doc_number")
    return {"draft": result, "content_hash": draft.content_hash}


@dataclass
class Prepared:
    """What an upload leads to: a pending import to review, or nothing because it is known."""

    plan_import: PlanImport | None
    existing: Plan | None

    @property
    def unchanged(self) -> bool:
        return self.plan_import is None


@transaction.atomic
def plan_import_prepare(*, actor, data: bytes, filename: str) -> Prepared:
    """Parse an uploaded plan and keep the draft for review. The same document again: nothing."""
    _require(actor, "plans.import_plan", _("只有依法治县办可以导入实施方案"))
    parsed = parse_plan_file(data=data, filename=filename)
    draft, content_hash = parsed["draft"], parsed["content_hash"]
    doc_number = draft["document"]["number"]
    existing = Plan.objects.filter(doc_number=doc_number).first()
    if existing and existing.content_hash == content_hash:
        return Prepared(None, existing)
    plan_import = PlanImport(
        filename=PurePath(filename).name[:255],
        content_hash=content_hash,
        doc_number=doc_number,
        draft=draft,
        uploaded_by=actor,
    )
    _clean(plan_import)
    plan_import.save()
    audit.record(
        actor=actor,
        action="plans.import_upload",
        obj=plan_import,
        after={"doc_number": doc_number, "hash": content_hash, "revision": existing is not None},
    )
    return Prepared(plan_import, existing)


def unresolved_names(draft: dict) -> list[str]:
    """Unit names the parser could not resolve, in order of first appearance."""
    names: dict[str, None] = {}
    for measure in draft["measures"]:
        for task in measure["tasks"]:
            for key in ROLE_FIELDS:
                for entry in task.get(key) or []:
                    if not entry.get("unit"):
                        names.setdefault(entry["raw"], None)
    for item in draft.get("unresolved") or []:
        names.setdefault(item["raw"], None)
    return list(names)


def _settle(draft: dict, names: dict[str, str]) -> dict:
    """The draft with every unresolved raw name replaced by the unit a person picked."""
    for measure in draft["measures"]:
        for task in measure["tasks"]:
            for key in ROLE_FIELDS:
                for entry in task.get(key) or []:
                    if not entry.get("unit") and entry["raw"] in names:
                        entry["unit"], entry["group"] = names[entry["raw"]], False
    draft["unresolved"] = []
    return draft


class _Directory:
    """Names → ids for the units and groups a draft mentions, and each group's members."""

    def __init__(self) -> None:
        self.units = dict(OrgUnit.objects.values_list("name", "pk"))
        self.groups: dict[str, int] = {}
        self.members: dict[int, list[int]] = defaultdict(list)
        for group_id, name, member_id in UnitGroup.objects.values_list("pk", "name", "members"):
            self.groups[name] = group_id
            if member_id:
                self.members[group_id].append(member_id)


def _task_children(task: Task, data: dict, directory: _Directory, start: dt.date, end_year: int):
    assignments, owners, obligations, targets = [], {}, [], []
    for key, role in ROLE_FIELDS.items():
        for position, entry in enumerate(data.get(key) or [], start=1):
            name = entry.get("unit")
            if entry.get("group") and name in directory.groups:
                group_id = directory.groups[name]
                assignments.append(
                    TaskAssignment(
                        task=task, role=role, raw=entry["raw"], group_id=group_id, position=position
                    )
                )
                for unit_id in directory.members[group_id]:
                    owners.setdefault(
                        (unit_id, role), TaskOwner(task=task, unit_id=unit_id, role=role)
                    )
            elif name in directory.units:
                unit_id = directory.units[name]
                assignments.append(
                    TaskAssignment(
                        task=task, role=role, raw=entry["raw"], unit_id=unit_id, position=position
                    )
                )
                owners.setdefault((unit_id, role), TaskOwner(task=task, unit_id=unit_id, role=role))
            else:
                raise ApplicationError(
                    _("单位“%(name)s”不在单位名录中,请先在名录中添加或选择对应单位")
                    % {"name": entry["raw"]},
                    code="unknown_unit",
                )
    for due in expand_deadlines(data.get("deadlines") or [], start=start, end_year=end_year):
        obligations.append(
            Obligation(
                task=task,
                due_on=due.due_on,
                label=due.label[:64],
                source_text=due.source_text[:255],
            )
        )
    for item in data.get("targets") or []:
        targets.append(
            Target(
                task=task,
                text=item["text"][:255],
                goal=Decimal(str(item["value"])) if item.get("value") is not None else None,
                unit=(item.get("unit") or "")[:16],
                comparator=(item.get("comparator") or "")[:16],
                due_on=dt.date.fromisoformat(item["due"]) if item.get("due") else None,
            )
        )
    return assignments, list(owners.values()), obligations, targets


def _deadline_text(data: dict) -> str:
    return "、".join(dict.fromkeys(d["text"] for d in data.get("deadlines") or []))[:255]


def _create_tasks(pairs: list[tuple[Measure, int, dict]], plan: Plan, directory: _Directory) -> int:
    """Bulk-create tasks with their assignments, owners, obligations and targets."""
    start = plan.issued_on or dt.date(plan.start_year, 1, 1)
    tasks = [
        Task(
            measure=measure,
            position=position,
            text=data["text"],
            deadline_text=_deadline_text(data),
            deadlines=data.get("deadlines") or [],
        )
        for measure, position, data in pairs
    ]
    Task.objects.bulk_create(tasks, batch_size=500)
    children = [[], [], [], []]
    for task, (_m, _p, data) in zip(tasks, pairs, strict=True):
        for bucket, rows in zip(
            children, _task_children(task, data, directory, start, plan.end_year), strict=True
        ):
            bucket.extend(rows)
    for model, rows in zip((TaskAssignment, TaskOwner, Obligation, Target), children, strict=True):
        model.objects.bulk_create(rows, batch_size=1000)
    return len(tasks)


def _chapters(plan: Plan, draft: dict) -> dict[int, Chapter]:
    existing = {c.number: c for c in plan.chapters.all()}
    for position, item in enumerate(draft["chapters"], start=1):
        chapter = existing.get(item["number"])
        if chapter is None:
            existing[item["number"]] = Chapter.objects.create(
                plan=plan, number=item["number"], title=item["title"][:255], position=position
            )
        elif (chapter.title, chapter.position) != (item["title"][:255], position):
            chapter.title, chapter.position = item["title"][:255], position
            chapter.save(update_fields=["title", "position"])
    return existing


def _chapter_for(chapters: dict[int, Chapter], plan: Plan, number: int | None) -> Chapter:
    if number in chapters:
        return chapters[number]
    # A measure before any chapter heading: keep it under an unnamed chapter 0.
    chapters[0] = chapters.get(0) or Chapter.objects.create(
        plan=plan,
        number=0,
        title="未分部分",
        position=0,  # saved: stays Chinese
    )
    return chapters[0]


def stored_draft(plan: Plan) -> dict:
    """The stored plan in the draft's shape, for comparing a revision with it."""
    measures = []
    tasks_by_measure: dict[int, list[Task]] = defaultdict(list)
    for task in (
        Task.objects.filter(measure__plan=plan, withdrawn_on__isnull=True)
        .prefetch_related("assignments__unit", "assignments__group")
        .order_by("measure_id", "position")
    ):
        tasks_by_measure[task.measure_id].append(task)
    for measure in plan.measures.order_by("position"):
        tasks = []
        for task in tasks_by_measure[measure.pk]:
            entry: dict = {"id": task.pk, "text": task.text, "deadlines": task.deadlines}
            for key, role in ROLE_FIELDS.items():
                entry[key] = [
                    {"raw": a.raw, "unit": a.name, "group": a.group_id is not None}
                    for a in task.assignments.all()
                    if a.role == role
                ]
            tasks.append(entry)
        measures.append({"number": measure.number, "title": measure.title, "tasks": tasks})
    return {"measures": measures}


def _resolutions(actor, draft: dict, picks: dict[str, int], aliases: set[str]) -> dict[str, str]:
    missing = [raw for raw in unresolved_names(draft) if raw not in picks]
    if missing:
        raise ApplicationError(
            ngettext(
                "还有 %(n)s 个单位名称没有确认:%(names)s",
                "还有 %(n)s 个单位名称没有确认:%(names)s",
                len(missing),
            )
            % {"n": len(missing), "names": _("、").join(missing)},
            code="unresolved",
            fields={"unresolved": missing},
        )
    units = OrgUnit.objects.in_bulk(set(picks.values()))
    names: dict[str, str] = {}
    for raw, unit_id in picks.items():
        unit = units.get(unit_id)
        if unit is None:
            raise ApplicationError(
                _("“%(name)s”选择的单位不存在") % {"name": raw}, code="unknown_unit"
            )
        names[raw] = unit.name
        if raw in aliases:
            unit_alias_add(actor=actor, unit=unit, name=raw)
    return names


@transaction.atomic
def plan_import_apply(
    *,
    actor,
    plan_import: PlanImport,
    picks: dict[str, int] | None = None,
    aliases: set[str] | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Save a reviewed draft in one transaction: a new plan, or a revision of the stored one.

    A revision updates changed tasks in place (their reports stay), withdraws removed tasks
    (kept with their history) and adds new ones.
    """
    _require(actor, "plans.import_plan", _("只有依法治县办可以导入实施方案"))
    plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    if plan_import.status != ImportStatus.PENDING:
        raise ApplicationError(
            _("该导入已处理(%(status)s),不能重复提交")
            % {"status": plan_import.get_status_display()},
            code="import_done",
        )
    today = _today(today)
    draft = _settle(
        plan_import.draft, _resolutions(actor, plan_import.draft, picks or {}, aliases or set())
    )
    document = draft["document"]
    plan = Plan.objects.select_for_update().filter(doc_number=plan_import.doc_number).first()
    if plan is not None and plan.content_hash == plan_import.content_hash:
        plan_import.status, plan_import.plan = ImportStatus.UNCHANGED, plan
        plan_import.save(update_fields=["status", "plan", "updated_at"])
        return plan
    start_year, end_year = plan_years(
        document.get("title") or "",
        dt.date.fromisoformat(document["issued_on"]) if document.get("issued_on") else None,
        today=today,
    )
    fields = {
        "title": (document.get("title") or plan_import.doc_number)[:255],
        "issuers": document.get("issuers") or [],
        "issued_on": dt.date.fromisoformat(document["issued_on"])
        if document.get("issued_on")
        else None,
        "start_year": start_year,
        "end_year": end_year,
        "content_hash": plan_import.content_hash,
        "source_name": plan_import.filename,
    }
    directory = _Directory()
    if plan is None:
        plan = Plan(doc_number=plan_import.doc_number, imported_by=actor, **fields)
        _clean(plan)
        plan.save()
        chapters = _chapters(plan, draft)
        measures = Measure.objects.bulk_create(
            [
                Measure(
                    plan=plan,
                    chapter=_chapter_for(chapters, plan, item["chapter"]),
                    number=item["number"],
                    title=item["title"][:255],
                    position=position,
                )
                for position, item in enumerate(draft["measures"], start=1)
            ]
        )
        pairs = [
            (measure, i, task)
            for measure, item in zip(measures, draft["measures"], strict=True)
            for i, task in enumerate(item["tasks"], start=1)
        ]
        count = _create_tasks(pairs, plan, directory)
        summary = {"measures": len(draft["measures"]), "tasks": count}
        action = "plans.plan_import"
    else:
        before = stored_draft(plan)
        diff = diff_plans(before, draft)
        for key, value in fields.items():
            setattr(plan, key, value)
        _clean(plan)
        plan.save(update_fields=[*fields, "updated_at"])
        _apply_revision(plan, before, draft, diff, directory, today)
        summary = diff.summary()
        action = "plans.plan_revise"
    plan_import.status, plan_import.plan = ImportStatus.APPLIED, plan
    plan_import.save(update_fields=["status", "plan", "updated_at"])
    audit.record(actor=actor, action=action, obj=plan, after={"hash": plan.content_hash, **summary})
    return plan


def _apply_revision(
    plan: Plan, before: dict, draft: dict, diff, directory: _Directory, today: dt.date
) -> None:
    chapters = _chapters(plan, draft)
    measures = {m.number: m for m in plan.measures.all()}
    for position, item in enumerate(draft["measures"], start=1):
        chapter = _chapter_for(chapters, plan, item["chapter"])
        measure = measures.get(item["number"])
        if measure is None:
            measures[item["number"]] = Measure.objects.create(
                plan=plan,
                chapter=chapter,
                number=item["number"],
                title=item["title"][:255],
                position=position,
            )
        else:
            measure.chapter, measure.title, measure.position = (
                chapter,
                item["title"][:255],
                position,
            )
            measure.save(update_fields=["chapter", "title", "position"])
    old_tasks = {m["number"]: m["tasks"] for m in before["measures"]}
    new_tasks = {m["number"]: m["tasks"] for m in draft["measures"]}
    changed = {(c.measure, c.old_index) for c in diff.tasks_changed}
    start = plan.issued_on or dt.date(plan.start_year, 1, 1)
    matched_ids = set()
    for number, i, j in diff.matches:
        task_id = old_tasks[number][i]["id"]
        matched_ids.add(task_id)
        data = new_tasks[number][j]
        if (number, i) in changed:
            _revise_task(task_id, j + 1, data, directory, start, plan.end_year)
        else:
            Task.objects.filter(pk=task_id).update(position=j + 1)
    withdrawn = [
        t["id"] for tasks in old_tasks.values() for t in tasks if t["id"] not in matched_ids
    ]
    Task.objects.filter(pk__in=withdrawn).update(withdrawn_on=today)
    matched_new = {(n, j) for n, _i, j in diff.matches}
    pairs = [
        (measures[number], j + 1, task)
        for number, tasks in new_tasks.items()
        for j, task in enumerate(tasks)
        if (number, j) not in matched_new
    ]
    _create_tasks(pairs, plan, directory)


def _revise_task(
    task_id: int, position: int, data: dict, directory: _Directory, start: dt.date, end_year: int
) -> None:
    task = Task.objects.select_for_update().get(pk=task_id)
    task.position, task.text = position, data["text"]
    task.deadline_text, task.deadlines = _deadline_text(data), data.get("deadlines") or []
    task.version += 1
    task.save(
        update_fields=["position", "text", "deadline_text", "deadlines", "version", "updated_at"]
    )
    assignments, owners, obligations, targets = _task_children(
        task, data, directory, start, end_year
    )
    task.assignments.all().delete()
    task.owners.all().delete()
    TaskAssignment.objects.bulk_create(assignments)
    TaskOwner.objects.bulk_create(owners)
    # Done obligations are history and stay; open ones follow the revised deadlines.
    keep = set(task.obligations.filter(done_on__isnull=False).values_list("due_on", "label"))
    task.obligations.filter(done_on__isnull=True).delete()
    Obligation.objects.bulk_create([o for o in obligations if (o.due_on, o.label) not in keep])
    existing = {t.text: t for t in task.targets.all()}
    for target in targets:
        old = existing.pop(target.text, None)
        if old is None:
            target.save()
        else:
            old.goal, old.unit, old.comparator, old.due_on = (
                target.goal,
                target.unit,
                target.comparator,
                target.due_on,
            )
            old.save(update_fields=["goal", "unit", "comparator", "due_on", "updated_at"])
    Target.objects.filter(pk__in=[t.pk for t in existing.values()]).delete()


@transaction.atomic
def plan_import_discard(*, actor, plan_import: PlanImport) -> None:
    _require(actor, "plans.import_plan", _("只有依法治县办可以导入实施方案"))
    plan_import = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    if plan_import.status != ImportStatus.PENDING:
        raise ApplicationError(_("该导入已处理,不能放弃"), code="import_done")
    plan_import.status = ImportStatus.DISCARDED
    plan_import.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="plans.import_discard", obj=plan_import)


# --- progress --------------------------------------------------------------------------------


def reporting_unit(actor, task: Task) -> OrgUnit:
    """The actor's unit when it owes the task; anything else is refused."""
    if actor is None or not actor.has_perm("plans.report_progress"):
        raise PermissionDenied(_("只有单位填报员可以填报进展"))
    if not actor.unit_id or not TaskOwner.objects.filter(task=task, unit_id=actor.unit_id).exists():
        raise PermissionDenied(_("只能为本单位承担的任务填报进展"))
    return actor.unit


def _target_values(task: Task, values: dict | None) -> dict[str, str]:
    clean: dict[str, str] = {}
    if not values:
        return clean
    ids = set(task.targets.values_list("pk", flat=True))
    for key, raw in values.items():
        if raw in (None, ""):
            continue
        if int(key) not in ids:
            raise ApplicationError(_("目标不属于该任务"), code="bad_target")
        try:
            number = Decimal(str(raw).strip().rstrip("%"))
        except InvalidOperation as exc:
            raise ApplicationError(
                _("目标值“%(value)s”不是数字") % {"value": raw},
                code="bad_target",
                fields={f"target_{key}": _("不是数字")},
            ) from exc
        clean[str(int(key))] = str(number)
    return clean


@transaction.atomic
def progress_report_submit(
    *,
    actor,
    task: Task,
    text: str,
    percent_done: int,
    obligation: Obligation | None = None,
    completes_obligation: bool = False,
    target_values: dict | None = None,
    files=(),
    today: dt.date | None = None,
) -> ProgressReport:
    """A reporter files progress for a task its unit owes."""
    unit = reporting_unit(actor, task)
    if task.withdrawn_on or task.completed_on:
        raise ApplicationError(_("该任务已完成或已撤销,无需再填报"), code="task_closed")
    if obligation is not None and (obligation.task_id != task.pk or obligation.done_on):
        raise ApplicationError(_("所选时间节点不属于该任务或已完成"), code="bad_obligation")
    report = ProgressReport(
        task=task,
        unit=unit,
        author=actor,
        obligation=obligation,
        completes_obligation=completes_obligation and obligation is not None,
        text=(text or "").strip(),
        percent_done=percent_done,
        target_values=_target_values(task, target_values),
        reported_on=_today(today),
    )
    if not report.text:
        raise ApplicationError(_("请填写进展情况"), code="invalid", fields={"text": _("必填")})
    if not 0 <= int(percent_done) <= 100:
        raise ApplicationError(
            _("完成进度应在 0–100 之间"), code="invalid", fields={"percent_done": "0–100"}
        )
    _clean(report)
    report.save()
    for upload in files:
        if upload.size > max_upload_bytes():
            raise ApplicationError(
                _("佐证材料“%(name)s”超过大小上限") % {"name": upload.name}, code="file_too_large"
            )
        if PurePath(upload.name).suffix.lower() not in EVIDENCE_SUFFIXES:
            raise ApplicationError(
                _("佐证材料“%(name)s”格式不支持,请上传 PDF、OFD、Word、Excel 或图片")
                % {"name": upload.name},
                code="bad_type",
            )
        evidence = Evidence(report=report, name=PurePath(upload.name).name[:255], size=upload.size)
        evidence.file.save(evidence.name, ContentFile(upload.read()), save=False)
        evidence.save()
    audit.record(
        actor=actor,
        action="plans.report_submit",
        obj=report,
        after={"task": task.pk, "percent_done": report.percent_done, "evidence": len(files)},
    )
    return report


def _locked_report(report: ProgressReport) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("task").get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise ApplicationError(
            _("该进展已%(status)s,不能再次审核") % {"status": report.get_status_display()},
            code="already_reviewed",
        )
    return report


@transaction.atomic
def progress_report_accept(
    *, actor, report: ProgressReport, comment: str = "", today: dt.date | None = None
) -> ProgressReport:
    """Accepting moves the task forward: its percent, targets, the obligation the report closes."""
    _require(actor, "plans.review_report", _("只有依法治县办可以审核进展"))
    report = _locked_report(report)
    today = _today(today)
    task = Task.objects.select_for_update().get(pk=report.task_id)
    report.status, report.reviewed_by, report.reviewed_on = ReportStatus.ACCEPTED, actor, today
    report.review_comment = (comment or "").strip()
    report.save(
        update_fields=["status", "reviewed_by", "reviewed_on", "review_comment", "updated_at"]
    )
    task.percent_done, task.last_reported_on = report.percent_done, report.reported_on
    task.version += 1
    fields = ["percent_done", "last_reported_on", "version", "updated_at"]
    if report.percent_done == 100:
        task.completed_on = report.reported_on
        fields.append("completed_on")
        task.obligations.filter(done_on__isnull=True).update(done_on=report.reported_on)
    elif report.completes_obligation and report.obligation_id:
        Obligation.objects.filter(pk=report.obligation_id, done_on__isnull=True).update(
            done_on=report.reported_on
        )
    task.save(update_fields=fields)
    for target in task.targets.filter(
        pk__in=[int(k) for k in report.target_values], indicator_key=""
    ):
        target.current = Decimal(report.target_values[str(target.pk)])
        target.version += 1
        target.save(update_fields=["current", "version", "updated_at"])
    audit.record(
        actor=actor,
        action="plans.report_accept",
        obj=report,
        after={"task": task.pk, "percent_done": task.percent_done},
    )
    return report


@transaction.atomic
def progress_report_return(
    *, actor, report: ProgressReport, comment: str, today: dt.date | None = None
) -> ProgressReport:
    _require(actor, "plans.review_report", _("只有依法治县办可以审核进展"))
    if not (comment or "").strip():
        raise ApplicationError(_("退回时请写明原因"), code="invalid", fields={"comment": _("必填")})
    report = _locked_report(report)
    report.status, report.reviewed_by, report.reviewed_on = (
        ReportStatus.RETURNED,
        actor,
        _today(today),
    )
    report.review_comment = comment.strip()
    report.save(
        update_fields=["status", "reviewed_by", "reviewed_on", "review_comment", "updated_at"]
    )
    audit.record(
        actor=actor,
        action="plans.report_return",
        obj=report,
        after={"comment": report.review_comment},
    )
    return report


# --- supervision -----------------------------------------------------------------------------


def _lead_units(task: Task) -> list[int]:
    owners = list(TaskOwner.objects.filter(task=task).values_list("unit_id", "role"))
    leads = [u for u, role in owners if role in (OwnerRole.LEAD, OwnerRole.RESPONSIBLE)]
    return sorted(set(leads or [u for u, _ in owners]))


@transaction.atomic
def reminder_send(
    *, actor, task: Task, message: str, today: dt.date | None = None
) -> list[Reminder]:
    """催办: one reminder to each lead (or responsible) unit of the task."""
    _require(actor, "plans.send_reminder", _("只有依法治县办可以催办"))
    if task.completed_on or task.withdrawn_on:
        raise ApplicationError(_("该任务已完成或已撤销,无需催办"), code="task_closed")
    message = (message or "").strip()
    if not message:
        raise ApplicationError(_("请填写催办内容"), code="invalid", fields={"message": _("必填")})
    reminders = Reminder.objects.bulk_create(
        [
            Reminder(task=task, unit_id=u, message=message, sent_by=actor, sent_on=_today(today))
            for u in _lead_units(task)
        ]
    )
    audit.record(
        actor=actor,
        action="plans.reminder_send",
        obj=task,
        after={"units": [r.unit_id for r in reminders]},
    )
    return reminders


@transaction.atomic
def supervision_notice_issue(
    *, actor, task: Task, unit: OrgUnit, request: str, today: dt.date | None = None
) -> SupervisionNotice:
    """督办单 for an overdue task, numbered 天法督〔2026〕3号, with a reply period in working days."""
    from .selectors import task_status

    _require(actor, "plans.issue_notice", _("只有依法治县办可以签发督办单"))
    today = _today(today)
    if task_status(task, today=today) != TaskStatus.OVERDUE:
        raise ApplicationError(_("只有已逾期的任务才能签发督办单"), code="not_overdue")
    if not TaskOwner.objects.filter(task=task, unit=unit).exists():
        raise ApplicationError(_("督办单位不是该任务的责任单位"), code="not_owner")
    request = (request or "").strip()
    if not request:
        raise ApplicationError(_("请填写督办事项"), code="invalid", fields={"request": _("必填")})
    setting, _created = NoticeSetting.objects.select_for_update().get_or_create(id=1)
    serial = (
        SupervisionNotice.objects.filter(year=today.year).aggregate(n=Max("serial"))["n"] or 0
    ) + 1
    due = deadline(today, setting.reply_working_days, working=True)
    notice = SupervisionNotice(
        number=f"{setting.prefix}〔{today.year}〕{serial}号",
        year=today.year,
        serial=serial,
        task=task,
        unit=unit,
        request=request,
        issued_by=actor,
        issued_on=today,
        reply_due_on=due.date,
        reply_due_provisional=due.provisional,
    )
    _clean(notice)
    notice.save()
    audit.record(
        actor=actor,
        action="plans.notice_issue",
        obj=notice,
        after={"task": task.pk, "unit": unit.pk, "reply_due_on": due.date.isoformat()},
    )
    return notice


@transaction.atomic
def supervision_notice_reply(
    *, actor, notice: SupervisionNotice, reply: str, today: dt.date | None = None
) -> SupervisionNotice:
    _require(actor, "plans.reply_notice", _("只有单位填报员可以回复督办单"))
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk)
    if actor is not None and actor.unit_id != notice.unit_id:
        raise PermissionDenied(_("只能回复发给本单位的督办单"))
    if notice.status != NoticeStatus.ISSUED:
        raise ApplicationError(_("该督办单已回复"), code="already_answered")
    reply = (reply or "").strip()
    if not reply:
        raise ApplicationError(_("请填写回复内容"), code="invalid", fields={"reply": _("必填")})
    notice.status, notice.reply, notice.replied_by, notice.replied_on = (
        NoticeStatus.ANSWERED,
        reply,
        actor,
        _today(today),
    )
    notice.save(update_fields=["status", "reply", "replied_by", "replied_on", "updated_at"])
    audit.record(
        actor=actor,
        action="plans.notice_reply",
        obj=notice,
        after={"replied_on": notice.replied_on.isoformat()},
    )
    return notice


# --- edits with optimistic locking -----------------------------------------------------------


@transaction.atomic
def task_update(*, actor, task: Task, version: int, text: str, note: str) -> Task:
    """The office corrects a task's wording or notes; a stale `version` means someone else saved first."""
    _require(actor, "plans.change_task", _("只有依法治县办可以修改任务"))
    text = (text or "").strip()
    if not text:
        raise ApplicationError(_("任务内容不能为空"), code="invalid", fields={"text": _("必填")})
    before = audit.snapshot(task, ["text", "note"])
    updated = Task.objects.filter(pk=task.pk, version=version).update(
        text=text, note=(note or "").strip(), version=version + 1, updated_at=timezone.now()
    )
    if not updated:
        raise Conflict(
            _("该任务已被他人修改,请刷新页面查看最新内容后再保存"), fields={"version": _("已过期")}
        )
    task.refresh_from_db()
    audit.record(
        actor=actor,
        action="plans.task_update",
        obj=task,
        before=before,
        after=audit.snapshot(task, ["text", "note"]),
    )
    return task


def _decimal(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip().rstrip("%"))
    except InvalidOperation as exc:
        raise ApplicationError(
            _("“%(value)s”不是数字") % {"value": value},
            code="invalid",
            fields={field: _("不是数字")},
        ) from exc


@transaction.atomic
def target_update(
    *,
    actor,
    target: Target,
    version: int,
    baseline=None,
    goal=None,
    current=None,
    indicator_key: str = "",
) -> Target:
    """Baseline, goal, current value, or a link to a computed indicator."""
    from .indicators import registry

    _require(actor, "plans.change_task", _("只有依法治县办可以修改目标"))
    if indicator_key and indicator_key not in registry():
        raise ApplicationError(
            _("所选指标不存在"), code="invalid", fields={"indicator_key": _("不存在")}
        )
    values = {
        "baseline": _decimal(baseline, "baseline"),
        "goal": _decimal(goal, "goal"),
        "current": _decimal(current, "current"),
        "indicator_key": indicator_key,
    }
    before = audit.snapshot(target, list(values))
    updated = Target.objects.filter(pk=target.pk, version=version).update(
        **values, version=version + 1, updated_at=timezone.now()
    )
    if not updated:
        raise Conflict(_("该目标已被他人修改,请刷新页面后再保存"), fields={"version": _("已过期")})
    target.refresh_from_db()
    audit.record(
        actor=actor,
        action="plans.target_update",
        obj=target,
        before=before,
        after=audit.snapshot(target, list(values)),
    )
    return target

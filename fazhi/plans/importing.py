"""Plan import: parse an upload, keep the draft for review, save the reviewed plan."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from fazhi.core import audit, dates
from fazhi.core.actors import user_or_none
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit, UnitGroup
from fazhi.core.writes import created, guarded, require_perm, validate

from .choices import ImportStatus
from .errors import PlansError
from .events import Event
from .import_names import (  # noqa: F401 (unresolved_names is re-exported by services)
    NameDecision,
    actor_region,
    decisions_from,
    mark_foreign,
    settle,
    unresolved_names,
)
from .models import (
    Chapter,
    Measure,
    Obligation,
    Plan,
    PlanImport,
    Target,
    Task,
    TaskAssignment,
    TaskOwner,
)
from .revision import diff_plans
from .schedule import expand_deadlines, plan_years
from .services import ROLE_FIELDS, max_upload_bytes

PLAN_SUFFIXES = {".txt", ".docx"}
IMPORT = "plans.import_plan"
IMPORT_DENIED = gettext_noop("只有依法治县办可以导入实施方案")


def check_plan_file(*, size: int, filename: str) -> None:
    """Refuse before reading or parsing: too large, empty, or not .txt/.docx."""
    limit = max_upload_bytes()
    if size > limit:
        raise ApplicationError(
            _("文件过大(%(size).1f MB),上限为 %(limit)s MB")
            % {"size": size / 1024 / 1024, "limit": limit // 1024 // 1024},
            code=PlansError.FILE_TOO_LARGE,
            fields={"file": _("文件过大")},
        )
    if size == 0:
        raise ApplicationError(
            _("文件是空的"), code=PlansError.EMPTY_FILE, fields={"file": _("文件为空")}
        )
    if PurePath(filename).suffix.lower() not in PLAN_SUFFIXES:
        raise ApplicationError(
            _("只能导入 .txt 或 .docx 格式的方案文件"),
            code=PlansError.BAD_TYPE,
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
        raise ApplicationError(
            message, code=PlansError.NOT_A_PLAN, fields={"file": message}
        ) from exc
    result = draft.to_dict()
    if not result["measures"]:
        raise ApplicationError(
            _("文件中没有找到措施条目((一)(二)…),不像是一份实施方案"), code=PlansError.NOT_A_PLAN
        )
    result["has_unit_lines"] = draft.has_unit_lines
    return {"draft": mark_foreign(result), "content_hash": draft.content_hash}


def typed_doc_number(text: str) -> str:
    """A 文号 typed on the upload or review page, in canonical form; "" when left empty."""
    from fazhi.plans.parsing.header import document_number

    if not (text or "").strip():
        return ""
    number = document_number(text)
    if number is None:
        message = _("文号格式不正确,应如 天发〔2022〕42号")
        raise ApplicationError(message, code=PlansError.INVALID, fields={"doc_number": message})
    return number


def plan_identity(*, doc_number: str, document: dict, content_hash: str) -> str:
    """What makes two uploads the same plan: the 文号; without one, issuers + title + date of
    issue (a revised 工作要点 keeps them); failing those, the content itself."""
    if doc_number:
        return doc_number
    title, issuers, issued = (
        document.get("title"),
        document.get("issuers"),
        document.get("issued_on"),
    )
    if title and (issuers or issued):
        key = "|".join([title, "、".join(issuers or []), issued or ""])
        return "title:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:64]
    return "hash:" + content_hash[:64]


def _import_identity(plan_import: PlanImport) -> str:
    return plan_identity(
        doc_number=plan_import.doc_number,
        document=plan_import.draft["document"],
        content_hash=plan_import.content_hash,
    )


@dataclass
class Prepared:
    """What an upload leads to: a pending import to review, or nothing because it is known."""

    plan_import: PlanImport | None
    existing: Plan | None

    @property
    def unchanged(self) -> bool:
        return self.plan_import is None


@transaction.atomic
def plan_import_prepare(
    *, actor, data: bytes, filename: str, doc_number: str = "", is_reference: bool = False
) -> Prepared:
    """Parse an uploaded plan and keep the draft for review. The same document again: nothing.

    `doc_number` is a 文号 the uploader typed (for a plan published without one, or to correct
    the parsed one); `is_reference` imports a higher government's plan for reference only.
    """
    require_perm(actor, IMPORT, None, _(IMPORT_DENIED))
    region = actor_region(actor)
    typed = typed_doc_number(doc_number)
    parsed = parse_plan_file(data=data, filename=filename)
    draft, content_hash = parsed["draft"], parsed["content_hash"]
    doc_number = typed or draft["document"]["number"] or ""
    identity = plan_identity(
        doc_number=doc_number, document=draft["document"], content_hash=content_hash
    )
    existing = Plan.objects.filter(region=region, identity=identity).first()
    if existing and existing.content_hash == content_hash:
        return Prepared(None, existing)
    plan_import = PlanImport(
        filename=PurePath(filename).name[:255],
        content_hash=content_hash,
        doc_number=doc_number,
        is_reference=is_reference,
        draft=draft,
        uploaded_by=user_or_none(actor),
        region=region,
    )
    # Not `created`: its event would copy the whole parsed draft; this one names the upload.
    validate(plan_import)
    plan_import.save()
    audit.record(
        actor=actor,
        action=Event.IMPORT_UPLOAD,
        obj=plan_import,
        after={
            "doc_number": doc_number,
            "hash": content_hash,
            "region": region.pk,
            "revision": existing is not None,
        },
    )
    return Prepared(plan_import, existing)


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
                    code=PlansError.UNKNOWN_UNIT,
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


def _pending(plan_import: PlanImport, actor, version: int | None, action: str, refusal: str):
    """The guarded write of an import still waiting for the office's review."""
    return guarded(
        PlanImport,
        plan_import.pk,
        actor=actor,
        perm=IMPORT,
        version=version,
        allowed=(ImportStatus.PENDING,),
        action=action,
        denied=_(IMPORT_DENIED),
        refusal=refusal,
        queryset=PlanImport.objects.visible_to(actor),
    )


@transaction.atomic
def plan_import_apply(
    *,
    actor,
    plan_import: PlanImport,
    version: int | None = None,
    picks: dict[str, int] | None = None,
    aliases: set[str] | None = None,
    decisions: dict[str, NameDecision] | None = None,
    doc_number: str | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Save a reviewed draft in one transaction: a new plan, or a revision of the stored one.

    Each unresolved name needs a decision (`decisions`, or the older `picks` of unit ids with
    `aliases`); `doc_number`, when given, is the 文号 typed on the review page. A revision
    updates changed tasks in place (their reports stay), withdraws removed tasks (kept with
    their history) and adds new ones. A reference plan keeps its chapters and measures only.
    """
    today = dates.today(today)
    guard = _pending(
        plan_import, actor, version, Event.IMPORT_APPLY, _("该导入已处理,不能重复提交")
    )
    with guard as plan_import:
        if doc_number is not None:
            plan_import.doc_number = typed_doc_number(doc_number)
        plan, changed = _save_plan(actor, plan_import, picks, aliases, decisions, today)
        plan_import.plan = plan
        plan_import.status = ImportStatus.APPLIED if changed else ImportStatus.UNCHANGED
    return plan


def _save_plan(actor, plan_import, picks, aliases, decisions, today) -> tuple[Plan, bool]:
    """The plan the reviewed draft becomes, and whether anything changed."""
    draft = _unique_numbers(plan_import.draft)
    if plan_import.is_reference:
        draft = _without_tasks(draft)
    else:
        draft = settle(actor, draft, {**decisions_from(picks, aliases), **(decisions or {})})
    document = draft["document"]
    identity = _import_identity(plan_import)
    plans = Plan.objects.filter(region_id=plan_import.region_id)
    if (
        plan_import.doc_number
        and plans.filter(doc_number=plan_import.doc_number).exclude(identity=identity).exists()
    ):
        raise ApplicationError(
            _("文号 %(number)s 已被另一份方案使用") % {"number": plan_import.doc_number},
            code=PlansError.TAKEN,
            fields={"doc_number": _("文号已被使用")},
        )
    plan = plans.select_for_update().filter(identity=identity).first()
    if plan is not None and plan.content_hash == plan_import.content_hash:
        return plan, False
    start_year, end_year = plan_years(
        document.get("title") or "",
        dt.date.fromisoformat(document["issued_on"]) if document.get("issued_on") else None,
        today=today,
    )
    fields = {
        "title": (
            document.get("title") or plan_import.doc_number or PurePath(plan_import.filename).stem
        )[:255],
        "doc_number": plan_import.doc_number,
        "is_reference": plan_import.is_reference,
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
        plan = Plan(
            identity=identity,
            imported_by=user_or_none(actor),
            region_id=plan_import.region_id,
            **fields,
        )
        created(plan, actor=actor, action=Event.PLAN_IMPORT)
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
        _create_tasks(pairs, plan, directory)
        return plan, True
    revision = guarded(Plan, plan.pk, actor=actor, action=Event.PLAN_REVISE)
    with revision as plan:
        before = stored_draft(plan)
        diff = diff_plans(before, draft)
        for key, value in fields.items():
            setattr(plan, key, value)
        revision.note(**diff.summary())
    _apply_revision(plan, before, draft, diff, directory, today)
    return plan, True


def _unique_numbers(draft: dict) -> dict:
    """Measure and chapter numbers as the database needs them: unique within the plan."""
    for key in ("chapters", "measures"):
        items = draft[key]
        if len({i["number"] for i in items}) < len(items):
            renumber = {}
            for position, item in enumerate(items, start=1):
                renumber.setdefault(item["number"], position)
                item["number"] = position
            if key == "chapters":
                for measure in draft["measures"]:
                    measure["chapter"] = renumber.get(measure["chapter"], measure["chapter"])
    return draft


def _without_tasks(draft: dict) -> dict:
    """A reference plan: its measures are what county tasks implement; its own tasks, units and
    deadlines belong to the other government and are not supervised here."""
    for measure in draft["measures"]:
        measure["tasks"] = []
    draft["unresolved"] = []
    return draft


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
    moved = []
    for number, i, j in diff.matches:
        task_id = old_tasks[number][i]["id"]
        matched_ids.add(task_id)
        data = new_tasks[number][j]
        if (number, i) in changed:
            _revise_task(task_id, j + 1, data, directory, start, plan.end_year)
        else:
            moved.append((task_id, j + 1))
    _move_tasks(moved)
    withdrawn = [
        t["id"] for tasks in old_tasks.values() for t in tasks if t["id"] not in matched_ids
    ]
    # The version and the stamp move too: an edit form open on a withdrawn task is refused, and
    # a sync by updated_since sees the withdrawal.
    Task.objects.filter(pk__in=withdrawn).update(
        withdrawn_on=today, version=F("version") + 1, updated_at=timezone.now()
    )
    matched_new = {(n, j) for n, _i, j in diff.matches}
    pairs = [
        (measures[number], j + 1, task)
        for number, tasks in new_tasks.items()
        for j, task in enumerate(tasks)
        if (number, j) not in matched_new
    ]
    _create_tasks(pairs, plan, directory)


def _move_tasks(moved: list[tuple[int, int]]) -> None:
    """A task kept as it was but at another place gets its new position, and so a new code."""
    if not moved:
        return
    tasks = list(Task.objects.filter(pk__in=[pk for pk, _position in moved]).only("pk", "position"))
    positions = dict(moved)
    now = timezone.now()
    changed = [t for t in tasks if t.position != positions[t.pk]]
    for task in changed:
        task.position = positions[task.pk]
        task.updated_at = now
    Task.objects.bulk_update(changed, ["position", "updated_at"])


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
def plan_import_discard(*, actor, plan_import: PlanImport, version: int | None = None) -> None:
    with _pending(
        plan_import, actor, version, Event.IMPORT_DISCARD, _("该导入已处理,不能放弃")
    ) as plan_import:
        plan_import.status = ImportStatus.DISCARDED

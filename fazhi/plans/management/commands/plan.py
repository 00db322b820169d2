"""`fazhi plan parse FILE --json` and `fazhi plan import FILE`: thin wrappers over the services."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError
from fazhi.core.models import OrgUnit, User
from fazhi.plans import services
from fazhi.plans.import_names import import_review


class Command(BaseCommand):
    help = "实施方案:parse 解析并输出 JSON;import 导入(修订版先列出变化,加 --apply 才保存)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        parse = sub.add_parser("parse", help="解析方案文件,输出解析结果")
        parse.add_argument("file", type=Path)
        parse.add_argument(
            "--json", action="store_true", help="输出 JSON(见 docs/plan-draft-schema.md)"
        )
        imp = sub.add_parser("import", help="导入方案文件")
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--resolve",
            action="append",
            default=[],
            metavar="原文名称=单位全称",
            help="为未识别的单位名称指定单位,可重复",
        )
        imp.add_argument("--alias", action="store_true", help="把 --resolve 的原文名称记为单位别名")
        imp.add_argument("--apply", action="store_true", help="修订版:确认按列出的变化更新")
        imp.add_argument("--user", help="以该账号的身份导入(默认:系统)")
        imp.add_argument("--doc-number", default="", help="文号(方案未写明文号,或更正识别出的文号)")
        imp.add_argument(
            "--reference", action="store_true", help="作为上级政府的参照方案导入(只保存措施)"
        )

    def handle(self, *args, verb, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"文件不存在:{file}")
        data = file.read_bytes()
        try:
            if verb == "parse":
                return self._parse(data, file.name, options["json"])
            return self._import(data, file.name, options)
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc

    def _parse(self, data: bytes, name: str, as_json: bool) -> None:
        parsed = services.parse_plan_file(data=data, filename=name)
        draft = parsed["draft"]
        if as_json:
            self.stdout.write(
                json.dumps(
                    {**draft, "content_hash": parsed["content_hash"]}, ensure_ascii=False, indent=2
                )
            )
            return
        if not draft.get("has_unit_lines", True):
            self.stderr.write("警告:本文件未写明责任单位,导入后请在审核时指定")
        tasks = sum(len(m["tasks"]) for m in draft["measures"])
        self.stdout.write(
            f"{draft['document']['number'] or '(无文号)'} {draft['document']['title']}\n"
            f"部分 {len(draft['chapters'])},措施 {len(draft['measures'])},任务 {tasks},"
            f"未识别单位 {len(services.unresolved_names(draft))}"
        )

    def _import(self, data: bytes, name: str, options) -> None:
        actor = SYSTEM
        if options["user"]:
            actor = User.objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"账号不存在:{options['user']}")
        prepared = services.plan_import_prepare(
            actor=actor,
            data=data,
            filename=name,
            doc_number=options["doc_number"],
            is_reference=options["reference"],
        )
        if prepared.unchanged:
            self.stdout.write(f"{prepared.existing.label} 已导入,内容无变化,未做任何改动")
            return
        plan_import = prepared.plan_import
        review = import_review(plan_import=plan_import)
        picks = {}
        for item in options["resolve"]:
            raw, _, unit_name = item.partition("=")
            unit = OrgUnit.objects.filter(name=unit_name.strip()).first()
            if unit is None:
                raise CommandError(f"单位不存在:{unit_name}")
            picks[raw.strip()] = unit.pk
        missing = [row["raw"] for row in review["unresolved"] if row["raw"] not in picks]
        if missing:
            lines = [
                f"  {row['raw']}(相近:{'、'.join(n for _pk, n in row['suggestions']) or '无'})"
                + (" [似为其他政府的单位]" if row["foreign"] else "")
                for row in review["unresolved"]
                if row["raw"] in missing
            ]
            services.plan_import_discard(actor=actor, plan_import=plan_import)
            raise CommandError(
                "以下单位名称未能识别,请用 --resolve 原文名称=单位全称 指定:\n" + "\n".join(lines)
            )
        diff = review["diff"]
        if diff is not None:
            self.stdout.write(f"{review['existing'].label} 是已导入方案的修订版:")
            for key, value in diff.summary().items():
                self.stdout.write(f"  {LABELS[key]}:{value}")
            for change in diff.tasks_changed:
                self.stdout.write(f"  修改 ({change.measure})-{change.new_index + 1}")
            if not options["apply"]:
                services.plan_import_discard(actor=actor, plan_import=plan_import)
                self.stdout.write("未保存。确认无误后加 --apply 重新执行。")
                return
        plan = services.plan_import_apply(
            actor=actor,
            plan_import=plan_import,
            picks=picks,
            aliases=set(picks) if options["alias"] else set(),
        )
        self.stdout.write(f"已导入 {plan.doc_number or '(无文号)'}:{plan.title}")


LABELS = {
    "measures_added": "新增措施",
    "measures_removed": "删除措施",
    "measures_retitled": "措施标题修改",
    "tasks_added": "新增任务",
    "tasks_removed": "删除任务",
    "tasks_changed": "修改任务",
    "tasks_unchanged": "未变任务",
}

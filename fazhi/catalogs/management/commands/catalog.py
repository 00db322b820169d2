"""`fazhi catalog import FILE.xlsx --kind KIND --body UNIT --year YYYY [--reason …]` and
`fazhi catalog diff --kind KIND --body UNIT --from 2022 --to 2025-2 [--json]`."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.catalogs import importing, selectors, services
from fazhi.catalogs.choices import CatalogKind
from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError


class Command(BaseCommand):
    help = "清单:import 从 Excel 导入一个年度版本(草稿);diff 比较两个年度的版本"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser("import", help="导入省政务服务系统导出的 Excel")
        imp.add_argument("file", type=Path)
        imp.add_argument("--kind", required=True, choices=CatalogKind.values)
        imp.add_argument("--body", required=True, help="单位编号或全称")
        imp.add_argument("--year", required=True, type=int)
        imp.add_argument("--note", default="")
        imp.add_argument(
            "--reason", default="", help="调整理由:本年度清单已发布时,导入为年度内的调整版本"
        )
        diff = sub.add_parser("diff", help="比较同一单位同一类清单的两个年度版本")
        diff.add_argument("--kind", required=True, choices=CatalogKind.values)
        diff.add_argument("--body", required=True, help="单位编号或全称")
        diff.add_argument("--from", dest="from_label", required=True, help="年度或“年度-序号”")
        diff.add_argument("--to", dest="to_label", required=True, help="年度或“年度-序号”")
        diff.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args, verb, **options):
        try:
            body = selectors.find_body(options["body"])
            if verb == "import":
                return self._import(body, options)
            return self._diff(body, options)
        except importing.RowErrors as exc:
            raise CommandError("\n".join([exc.message, *(str(e) for e in exc.errors)])) from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc

    def _import(self, body, options) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"文件不存在:{path}")
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        kind = options["kind"]
        rows = importing.read(
            upload, kind=kind, columns=selectors.mapping_for(body_id=body.pk, kind=kind)
        )
        with transaction.atomic():
            catalog = services.version_import(
                actor=SYSTEM,
                body=body,
                kind=kind,
                year=options["year"],
                items=rows,
                note=options["note"],
                adjustment_reason=options["reason"],
            )
        self.stdout.write(f"已导入 {catalog.item_count} 个事项:{catalog}(草稿,编号 {catalog.pk})")

    def _diff(self, body, options) -> None:
        kind = options["kind"]
        earlier, later = (
            selectors.version_by_label(body=body, kind=kind, label=options[key])
            for key in ("from_label", "to_label")
        )
        delta = selectors.compare(earlier, later)
        if options["json"]:
            self.stdout.write(json.dumps(delta.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            f"{body.name} {CatalogKind(kind).label} {earlier.label}→{later.label}:"
            f"{delta.before}→{delta.after} 项,压减 {delta.reduction}%"
        )
        for label, changes in (("新增", delta.added), ("取消", delta.removed)):
            for c in changes:
                self.stdout.write(f"  {label} {c.code} {c.name}  {c.reason}")
        for c in delta.changed:
            fields = ",".join(f"{k}: {a!r}→{b!r}" for k, (a, b) in c.fields.items())
            self.stdout.write(f"  变更 {c.code} {c.name}({fields}) {c.reason}")

"""`fazhi decision export-archive NUMBER --out FILE.zip` · `fazhi decision verify-archive FILE.zip`."""

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.actors import SYSTEM
from fazhi.core.errors import ApplicationError
from fazhi.decisions.models import Decision
from fazhi.decisions.services.archive import decision_export_archive, verify_archive


class Command(BaseCommand):
    help = "重大行政决策案卷归档包:导出与校验"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        export = sub.add_parser("export-archive", help="导出决策案卷归档包(ZIP)")
        export.add_argument("number", help="决策编号")
        export.add_argument("--out", required=True, help="输出的 ZIP 文件")
        verify = sub.add_parser("verify-archive", help="校验归档包的完整性")
        verify.add_argument("file", help="归档包 ZIP 文件")

    def handle(self, *args, **options):
        if options["verb"] == "export-archive":
            decision = Decision.objects.filter(number=options["number"]).first()
            if decision is None:
                raise CommandError(f"决策编号不存在:{options['number']}")
            try:
                manifest = decision_export_archive(
                    actor=SYSTEM, decision_id=decision.pk, out=options["out"]
                )
            except (ApplicationError, OSError) as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                f"已导出 {options['out']}:{len(manifest['files'])} 个文件,"
                f"{len(manifest['audit_events'])} 条操作记录"
            )
            return
        verdict = verify_archive(options["file"])
        if not verdict.ok:
            where = f":{verdict.path}" if verdict.path else ""
            raise CommandError(f"校验未通过,{verdict.problem}{where}")
        self.stdout.write("校验通过:所有文件与清单的 SM3 一致")

from django.core.management.base import BaseCommand

from fazhi.core import periods, retention
from fazhi.core.actors import SYSTEM


class Command(BaseCommand):
    help = "删除或清除已过保存期限的个人信息(个人信息保护法第19条、第47条);--dry-run 只统计不删除"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只统计将被清除的记录,不写入")
        parser.add_argument("--batch", type=int, default=retention.BATCH, help="每批处理的记录数")

    def handle(self, dry_run, batch, **options):
        counts = retention.run(actor=SYSTEM, dry_run=dry_run, batch=max(batch, 1))
        rules = retention.rules()
        for key, rows in counts.items():
            rule = rules[key]
            days = periods.value(rule.period)
            what = "清除字段 " + "、".join(rule.blank) if rule.blank else "删除记录"
            self.stdout.write(f"{key}\t{rule.model}\t{days}日\t{what}\t{rows}")
        self.stdout.write(("将清除" if dry_run else "已清除") + f" {sum(counts.values())} 条")

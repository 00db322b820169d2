import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.holidays import deadline


class Command(BaseCommand):
    help = "计算法定期限:fazhi deadline 2026-02-10 5 --working 输出到期日(首行),期限跨入无节假日数据年度时第二行输出 provisional"

    def add_arguments(self, parser):
        parser.add_argument("start", help="起算日(事件发生日,不计入期限),格式 YYYY-MM-DD")
        parser.add_argument("days", type=int, help="期限天数")
        parser.add_argument("--working", action="store_true", help="按工作日计算")

    def handle(self, start, days, working, **options):
        try:
            start_date = dt.date.fromisoformat(start)
        except ValueError as exc:
            raise CommandError(f"起算日格式不正确:{start}(应为 YYYY-MM-DD)") from exc
        if days < 0:
            raise CommandError("期限天数不能为负数")
        due = deadline(start_date, days, working=working)
        self.stdout.write(due.date.isoformat())
        if due.provisional:
            self.stdout.write("provisional")

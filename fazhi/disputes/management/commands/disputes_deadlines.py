from django.core.management.base import BaseCommand

from fazhi.core.actors import SYSTEM
from fazhi.disputes import selectors, services


class Command(BaseCommand):
    help = (
        "每日运行:依法登记视为受理、逾期未补正视为放弃、中止满六十日终止,"
        "并列出即将届满和已逾期的法定期限(期限预警)。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--within", type=int, default=3, help="提前预警的天数(默认3天)")

    def handle(self, within: int, **options):
        counts = services.reconsideration_apply_deadlines()
        self.stdout.write(
            f"视为受理 {counts['deemed_accepted']} 件,视为放弃申请 {counts['abandoned']} 件,"
            f"中止满期终止 {counts['terminated']} 件"
        )
        for item in selectors.upcoming_deadlines(SYSTEM, within):
            self.stdout.write(f"{item.due:%Y-%m-%d}\t{item.kind_label}\t{item.unit}\t{item.title}")

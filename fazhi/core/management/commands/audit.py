from django.core.management.base import BaseCommand, CommandError

from fazhi.core.audit import verify_chain
from fazhi.core.models import AuditHead


class Command(BaseCommand):
    help = "审计链:fazhi audit verify 校验全部审计事件未被篡改、删除或重排"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, action, **options):
        broken = verify_chain()
        if broken is not None:
            raise CommandError(f"审计链校验失败:第一个异常在第{broken.seq}号事件:{broken.reason}")
        head = AuditHead.objects.filter(id=1).first()
        count = head.seq if head else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"审计链完好:共 {count} 个事件,链尾哈希 {head.hash if head else '-'}"
            )
        )

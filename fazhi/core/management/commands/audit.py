from django.core.management.base import BaseCommand, CommandError

from fazhi.core import audit, checkpoints, files
from fazhi.core.models import AuditHead


class Command(BaseCommand):
    help = (
        "审计链:fazhi audit verify 校验全部审计事件未被篡改、删除或重排,并与每个签名检查点核对"
        "(--files 同时核对附件的 SM3);fazhi audit checkpoint 把链尾签名写入数据库之外的检查点文件"
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint"])
        parser.add_argument(
            "--files", action="store_true", help="同时核对每个已保存文件与其登记的 SM3"
        )

    def handle(self, action, **options):
        try:
            if action == "checkpoint":
                point = audit.checkpoint_create()
                self.stdout.write(
                    self.style.SUCCESS(
                        f"已写入检查点:第{point.seq}号事件,链尾哈希 {point.head},"
                        f"时间 {point.time},文件 {checkpoints.file_path()}"
                    )
                )
                return
            self._verify(check_files=options["files"])
        except checkpoints.CheckpointError as exc:
            raise CommandError(str(exc)) from exc

    def _verify(self, *, check_files: bool) -> None:
        failures = []
        broken = audit.verify_chain()
        if broken is not None:
            failures.append(f"第{broken.seq}号事件:{broken.reason}")
        failures += [f"第{p.seq}号事件:{p.reason}" for p in audit.verify_checkpoints()]
        if check_files:
            failures += [f"文件 {p.name}:{p.reason}" for p in files.verify_all()]
        if failures:
            raise CommandError("审计校验失败:\n" + "\n".join(failures))
        head = AuditHead.objects.filter(id=1).first()
        count = head.seq if head else 0
        last = checkpoints.last()
        since = f",与 {last.time} 的检查点(第{last.seq}号)一致" if last else ",尚无检查点"
        self.stdout.write(
            self.style.SUCCESS(
                f"审计链完好:共 {count} 个事件,链尾哈希 {head.hash if head else '-'}{since}"
                + (",全部文件 SM3 一致" if check_files else "")
            )
        )

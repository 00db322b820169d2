"""fazhi normdocs_import PATH --user USERNAME [--issuer UNIT]: register existing documents in bulk."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from fazhi.core.directory import resolve_unit
from fazhi.core.errors import ApplicationError
from fazhi.core.models import User
from fazhi.normdocs import importing, services


class Command(BaseCommand):
    help = "批量登记存量规范性文件:一个文件夹(.docx/.txt)或一个 Excel 清单(.xlsx)。已登记的文号跳过,失败的逐条列出。"

    def add_arguments(self, parser):
        parser.add_argument("path", help="文件夹或 .xlsx 文件")
        parser.add_argument(
            "--user", required=True, help="以哪个账号的名义登记(依法治县办或司法局)"
        )
        parser.add_argument("--issuer", default="", help="文件中未写明制定机关时使用的单位名称")

    def handle(self, path, user, issuer, **options):
        console = Console(file=self.stdout)
        actor = User.objects.filter(username=user).first()
        if actor is None:
            raise CommandError(f"账号 {user} 不存在")
        default_issuer = None
        if issuer:
            default_issuer = resolve_unit(issuer).unit
            if default_issuer is None:
                raise CommandError(f"单位“{issuer}”不在单位名录中")
        source = Path(path)
        if source.is_dir():
            paths = sorted(
                p
                for p in source.iterdir()
                if p.is_file() and p.suffix.lower() in importing.SUFFIXES
            )
        elif source.is_file():
            paths = [source]
        else:
            raise CommandError(f"找不到 {path}")
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console,
        ) as progress:
            reading = progress.add_task("读取文件", total=len(paths))
            rows, failed = [], []
            for file_path in paths:
                file_rows, file_failed = importing.rows_from_files(
                    [(file_path.name, file_path.read_bytes())]
                )
                rows.extend(file_rows)
                failed.extend(file_failed)
                progress.advance(reading)
            saving = progress.add_task("登记入库", total=len(rows))
            try:
                report = services.normdoc_import(
                    actor=actor,
                    rows=rows,
                    default_issuer=default_issuer,
                    progress=lambda n: progress.advance(saving, n),
                )
            except ApplicationError as exc:
                raise CommandError(exc.message) from exc
        report.failed[:0] = failed
        console.print(f"登记成功 {len(report.created)} 件,未登记 {len(report.failed)} 件")
        if report.failed:
            table = Table("文件/行", "原因")
            for name, reason in report.failed:
                table.add_row(name, reason)
            console.print(table)

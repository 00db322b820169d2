"""fazhi inspection import-targets FILE | verify-draw (--draw ID | --targets FILE --seed HEX --ratio BP)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.errors import ApplicationError
from fazhi.core.models import User
from fazhi.enforcement import draw, services
from fazhi.enforcement.models import InspectionDraw
from fazhi.enforcement.selectors import selection_text

# The operator's own file on the server: larger than a browser upload, still bomb-checked.
CLI_MAX_BYTES = 1024**3


class Command(BaseCommand):
    help = "双随机抽查:import-targets 导入检查对象名录;verify-draw 独立重算并核验一次抽取"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="verb", required=True)
        imp = sub.add_parser(
            "import-targets", help="从 CSV(UTF-8/GB18030)或 .xlsx 导入检查对象;任何一行有误则不保存"
        )
        imp.add_argument("path")
        imp.add_argument("--actor", required=True, help="以哪个用户的身份导入(用户名)")
        imp.add_argument("--batch-size", type=int, default=5000)
        ver = sub.add_parser(
            "verify-draw", help="重算抽取结果并逐字节输出;与公布值不一致时以非零状态退出"
        )
        ver.add_argument(
            "--draw", dest="draw_id", type=int, help="抽取编号:用系统保存的名单、种子和结果核验"
        )
        ver.add_argument("--targets", help="公布的名单文件")
        ver.add_argument("--seed", help="公布的种子(64位十六进制)")
        ver.add_argument("--ratio", type=int, help="抽查比例(万分比,5%% 即 500)")
        ver.add_argument("--commitment", help="事先公布的种子承诺 SHA-256,可选")
        ver.add_argument("--list-sha256", help="事先公布的名单 SHA-256,可选")
        ver.add_argument("--selection-sha256", help="公布的结果 SHA-256,可选")
        ver.add_argument("--expected", help="公布的结果文件,可选:逐字节比对")

    def handle(self, verb, **options):
        if verb == "import-targets":
            return self.import_targets(**options)
        return self.verify(**options)

    # ------------------------------------------------------------ import

    def import_targets(self, path, actor, batch_size, **_):
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        user = User.objects.filter(username=actor).first()
        if user is None:
            raise CommandError(f"用户 {actor} 不存在")
        file = Path(path)
        if not file.exists():
            raise CommandError(f"文件不存在:{path}")
        total = self._estimate_rows(file)
        with Progress(
            TextColumn("导入检查对象"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total} 行"),
            TimeElapsedColumn(),
            console=None,
            transient=False,
        ) as bar:
            task = bar.add_task("import", total=total)
            try:
                with file.open("rb") as fh:
                    count = services.target_import_file(
                        actor=user,
                        upload=File(fh, name=file.name),
                        max_bytes=CLI_MAX_BYTES,
                        batch_size=batch_size,
                        progress=lambda n: bar.update(task, completed=n),
                    )
            except ApplicationError as exc:
                for line in exc.fields.get("rows", []):
                    self.stderr.write(line)
                raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"已导入 {count} 个检查对象"))

    @staticmethod
    def _estimate_rows(file: Path) -> int | None:
        """Lines of a CSV for the progress bar (a workbook's rows are known only once read)."""
        if file.suffix.lower() != ".csv":
            return None
        with file.open("rb") as fh:
            return max(
                sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) - 1, 0
            )

    # ------------------------------------------------------------ verify

    def verify(
        self,
        draw_id=None,
        targets=None,
        seed=None,
        ratio=None,
        commitment=None,
        list_sha256=None,
        selection_sha256=None,
        expected=None,
        **_,
    ):
        expected_bytes = _read(expected) if expected else None
        if draw_id is not None:
            row = InspectionDraw.objects.filter(pk=draw_id).first()
            if row is None:
                raise CommandError(f"抽取 {draw_id} 不存在")
            if not row.seed:
                raise CommandError("该抽取尚未揭示种子,无法核验")
            try:  # every recorded algorithm ranks the same way; an unknown one is not verified
                draw.check_algorithm(row.algorithm)
            except draw.DrawError as exc:
                raise CommandError(str(exc)) from exc
            with row.target_list.open("rb") as fh:
                data = fh.read()
            seed, ratio = row.seed, row.ratio_bp
            commitment = commitment or row.seed_commitment
            list_sha256 = list_sha256 or row.list_sha256
            selection_sha256 = selection_sha256 or row.selection_sha256
            if expected_bytes is None:
                expected_bytes = selection_text(row)
        else:
            if not (targets and seed and ratio is not None):
                raise CommandError("请给出 --draw,或同时给出 --targets、--seed 和 --ratio")
            data = _read(targets)
        failures = self._check(data, seed, ratio, commitment, list_sha256)
        try:
            ids = draw.target_lines(data)
            rendered = draw.render(draw.run_lines(ids, seed, ratio))
        except draw.DrawError as exc:
            raise CommandError(str(exc)) from exc
        sys.stdout.buffer.write(rendered)
        sys.stdout.flush()
        digest = draw.selection_hash(rendered)
        if selection_sha256 and digest != selection_sha256:
            failures.append(f"结果 SHA-256 不一致:重算 {digest},公布 {selection_sha256}")
        if expected_bytes is not None and expected_bytes != rendered:
            failures.append("重算结果与公布的结果文件逐字节比对不一致")
        if failures:
            for line in failures:
                self.stderr.write(line)
            raise CommandError("核验失败")
        selected = rendered.count(b"\n")
        self.stderr.write(f"核验通过:{len(ids)} 个对象,抽取 {selected} 个,结果 SHA-256 {digest}")

    @staticmethod
    def _check(
        data: bytes, seed: str, ratio: int, commitment: str | None, list_sha256: str | None
    ) -> list[str]:
        failures = []
        try:
            if commitment and draw.commitment(seed) != commitment:
                failures.append("种子与事先公布的承诺值不一致")
        except draw.DrawError as exc:
            raise CommandError(str(exc)) from exc
        _, sha = draw.list_hashes(data)
        if list_sha256 and sha != list_sha256:
            failures.append(f"名单 SHA-256 不一致:文件 {sha},公布 {list_sha256}")
        return failures


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise CommandError(f"无法读取文件 {path}:{exc.strerror}") from exc

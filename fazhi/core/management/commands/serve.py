import os
import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "用 gunicorn 启动网站(默认 127.0.0.1:8000)"

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("FAZHI_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("FAZHI_WORKERS", "2"))
        )

    def handle(self, bind, workers, **options):
        # Background work runs in a thread of a web process (core.background), never of a
        # command that exits when it is done.
        os.environ["FAZHI_BACKGROUND_IN_THREAD"] = "1"
        args = [
            "gunicorn",
            "fazhi.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--timeout",
            "120",
            "--access-logfile",
            "-",
        ]
        os.execvp(sys.executable, [sys.executable, "-m", *args])  # noqa: S606 - fixed argv, no shell

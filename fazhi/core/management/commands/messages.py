"""Refresh and compile each app's English catalogue: `fazhi messages [APP …]` (needs GNU gettext).

Runs makemessages inside each app's folder once Django is set up, so an app module named like a
library (`rules.py`) is never imported in the library's place (Celery's Django fix-up puts the
current folder on sys.path).
"""

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from fazhi.core.discovery import fazhi_apps


class Command(BaseCommand):
    help = "更新并编译各模块的英文界面文字目录(需要 GNU gettext)"

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="模块代码,如 plans;不写则全部")

    def handle(self, *args, **options):
        labels = options["apps"]
        configs = [c for c in fazhi_apps() if os.path.isdir(os.path.join(c.path, "locale"))]
        if labels:
            configs = [c for c in configs if c.label in labels]
        here = os.getcwd()
        try:
            for config in configs:
                os.chdir(config.path)
                call_command(
                    "makemessages",
                    locale=["en"],
                    no_obsolete=True,
                    add_location="file",
                    ignore_patterns=["migrations/*", "demo/*"],
                    verbosity=0,
                )
                call_command("compilemessages", locale=["en"], verbosity=0)
                self.stdout.write(f"{config.label}: 已更新")
        finally:
            os.chdir(here)

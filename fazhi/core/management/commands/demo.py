from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "载入演示数据:单位名录、节假日、演示账号,以及各模块(demo.py)的示例数据。可重复执行。"

    def handle(self, **options):
        order = ["core", "plans", "normdocs", "enforcement", "disputes", "portal"]
        for label in order:
            if not apps.is_installed(f"fazhi.{label}"):
                continue
            try:
                module = import_module(f"fazhi.{label}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"fazhi.{label}.demo":
                    raise
                continue
            module.load(self.stdout)

from django.core.management.base import BaseCommand

from fazhi.core.discovery import app_modules


class Command(BaseCommand):
    help = "载入演示数据:单位名录、节假日、演示账号,以及各模块(demo.py)的示例数据。可重复执行。"

    def handle(self, **options):
        # INSTALLED_APPS order: core's directory and accounts first, the portal last.
        for _config, module in app_modules("demo"):
            module.load(self.stdout)

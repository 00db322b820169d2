from django.core.management.base import BaseCommand

from fazhi.core.holidays import package_years, seed_holidays_from_package


class Command(BaseCommand):
    help = "从 chinese-calendar 载入法定节假日与调休安排(人工录入的年度保持不变)"

    def handle(self, **options):
        rows = seed_holidays_from_package()
        years = package_years()
        self.stdout.write(f"已载入 {years.start}–{years.stop - 1} 年节假日数据,共 {rows} 个调整日")

"""Configuration rows administrators edit directly: statutory periods, bodies and their matters lists."""

from django.contrib import admin

from .models import EnforcementBody, EnforcementMatter, StatutoryRule


@admin.register(StatutoryRule)
class StatutoryRuleAdmin(admin.ModelAdmin):
    list_display = ["key", "value", "working_days", "basis"]


class MatterInline(admin.TabularInline):
    model = EnforcementMatter
    extra = 0


@admin.register(EnforcementBody)
class EnforcementBodyAdmin(admin.ModelAdmin):
    list_display = ["unit", "case_prefix", "phone", "is_active"]
    list_select_related = ["unit"]
    inlines = [MatterInline]

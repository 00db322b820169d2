"""Administrators edit the procedure periods and the law-status table here."""

from django.contrib import admin

from .models import Law, ProcedureSetting


@admin.register(ProcedureSetting)
class ProcedureSettingAdmin(admin.ModelAdmin):
    list_display = ["key", "value", "working_days", "source"]
    list_editable = ["value", "working_days"]


@admin.register(Law)
class LawAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "status", "changed_on", "successor"]
    list_filter = ["status"]
    search_fields = ["title", "successor"]

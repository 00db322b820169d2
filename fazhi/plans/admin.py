"""Plans rows have their pages (dashboard, ledger, reports, notices) and are read-only here;
the notice 文号 prefix of each region is edited here, audited. The reply period is edited on
core's period page (`plans.notice_reply`)."""

from django.contrib import admin

from fazhi.core.admin import AuditedModelAdmin

from .models import NoticePrefix, Plan


@admin.register(NoticePrefix)
class NoticePrefixAdmin(AuditedModelAdmin):
    """天法督〔2026〕3号: each region's 督办单 numbers start with its own prefix."""

    list_display = ["region", "prefix"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    """Read-only: a plan is written by its import (and revision), never edited by hand."""

    list_display = ["doc_number", "title", "region", "issued_on", "start_year", "end_year"]
    list_filter = ["region", "is_reference"]
    search_fields = ["doc_number", "title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.contrib import admin

from .models import NoticeSetting, Plan


@admin.register(NoticeSetting)
class NoticeSettingAdmin(admin.ModelAdmin):
    """Local rules: the notice number prefix (天法督) and the reply period in working days."""

    list_display = ["prefix", "reply_working_days"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["doc_number", "title", "issued_on", "start_year", "end_year"]
    readonly_fields = ["doc_number", "content_hash", "imported_by", "source_name"]
    search_fields = ["doc_number", "title"]

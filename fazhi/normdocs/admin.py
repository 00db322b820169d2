"""The law-status table is edited here; every save goes through the audited service.

Documents, reviews, filings and cleanups have their own pages and are not in the admin; the
procedure periods are edited on core's period page.
"""

from django.contrib import admin

from fazhi.core.admin import ServiceModelAdmin

from . import services
from .models import Law


@admin.register(Law)
class LawAdmin(ServiceModelAdmin):
    list_display = ["title", "version", "status", "changed_on", "successor"]
    list_filter = ["status"]
    search_fields = ["title", "successor"]

    def save_model(self, request, obj, form, change):
        saved = services.law_save(actor=request.user, law=obj)
        obj.pk = saved.pk

    def has_delete_permission(self, request, obj=None):
        # A law that is no longer in force is marked so, never deleted: old reviews cite it.
        return False

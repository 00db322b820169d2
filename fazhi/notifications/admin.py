from django.contrib import admin

from fazhi.core.admin import AuditedModelAdmin

from .models import Delivery, Webhook


@admin.register(Webhook)
class WebhookAdmin(AuditedModelAdmin):
    """Group bots are set up by an administrator for a unit; every change is audited."""

    list_display = ("unit", "name", "style", "is_active")
    list_filter = ("style", "is_active")


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Read-only: what was sent, what failed and why."""

    list_display = ("notification", "channel", "status", "attempts", "last_error", "sent_at")
    list_filter = ("channel", "status")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

from django.contrib import admin

from .models import (
    AuditEvent,
    CalendarDay,
    CalendarYear,
    OrgUnit,
    Region,
    UnitAlias,
    UnitGroup,
    User,
)


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "region", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "aliases__name")
    inlines = [UnitAliasInline]


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ("name",)
    filter_horizontal = ("members",)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "parent")


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("username", "full_name", "unit", "roles", "is_active")
    list_filter = ("is_active",)
    search_fields = ("username", "full_name")
    exclude = ("password", "user_permissions", "groups")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working_day", "note")
    date_hierarchy = "date"


admin.site.register(CalendarYear)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the chain may be looked at, never changed."""

    list_display = ("seq", "occurred_at", "actor_name", "action", "object_type", "object_id")
    search_fields = ("object_repr", "actor_name", "action")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

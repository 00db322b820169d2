"""The Django admin: for administrators only, and never a silent second write path.

Every admin change goes through `AuditedModelAdmin`: one audit event per save or delete with
the fields changed; holidays go through `services.calendar_day_set` (which resets the cached
holiday table); the audit chain itself is read-only. Apps' admins extend the same base.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from . import audit, services
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
from .writes import field_values

SECRET_FIELDS = {"password"}


def _visible(values: dict) -> dict:
    return {k: audit.jsonable(v) for k, v in values.items() if k not in SECRET_FIELDS}


class AuditedModelAdmin(admin.ModelAdmin):
    """Saves and deletes made in the admin are audited as `core.admin_*` events."""

    def save_model(self, request, obj, form, change):
        before = field_values(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else {}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            after = field_values(obj)
            changed = {k for k, v in after.items() if before.get(k) != v} if change else set(after)
            audit.record(
                actor=request.user,
                action="core.admin_change" if change else "core.admin_add",
                obj=obj,
                before=_visible({k: before[k] for k in changed if k in before}) or None,
                after=_visible({k: after[k] for k in changed}),
            )

    def save_related(self, request, form, formsets, change):
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            many = {f.name for f in form.instance._meta.many_to_many}
            if many & set(form.changed_data) or any(fs.has_changed() for fs in formsets):
                audit.record(
                    actor=request.user,
                    action="core.admin_change_related",
                    obj=form.instance,
                    after={"fields": sorted(form.changed_data)},
                )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(
                actor=request.user,
                action="core.admin_delete",
                obj=obj,
                before=_visible(field_values(obj)),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


class UnitAliasInline(admin.TabularInline):
    model = UnitAlias
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "region", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "aliases__name")
    inlines = [UnitAliasInline]


@admin.register(UnitGroup)
class UnitGroupAdmin(AuditedModelAdmin):
    list_display = ("name",)
    filter_horizontal = ("members",)


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "parent")


@admin.register(User)
class UserAdmin(AuditedModelAdmin):
    """Roles, unit and is_staff changes are audited like every admin save."""

    list_display = ("username", "full_name", "unit", "roles", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff")
    search_fields = ("username", "full_name")
    exclude = ("password", "user_permissions", "groups")


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Holidays are written by `calendar_day_set`: audited, and the cached table is reset."""

    list_display = ("date", "is_working_day", "note")
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        services.calendar_day_set(
            actor=request.user, date=obj.date, is_working_day=obj.is_working_day, note=obj.note
        )

    def delete_model(self, request, obj):
        services.calendar_day_clear(actor=request.user, date=obj.date)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source")

    def save_model(self, request, obj, form, change):
        services.calendar_year_mark_known(actor=request.user, year=obj.year, source=obj.source)

    def has_delete_permission(self, request, obj=None):
        return False


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

"""The Django admin: for administrators only, and never a silent second write path.

Each admin edit is audited once. `AuditedModelAdmin` records it itself (`core.admin_add`,
`core.admin_change`, `core.admin_delete`: the fields before and after, many-to-many members,
Django's change message); `ServiceModelAdmin` saves through an audited service (holidays through
`services.calendar_day_set`, which also resets the cached holiday table), whose event is the
one. Django's own LogEntry of such an edit is then not audited again (`signals._admin_edit`
audits only the LogEntries of other admins). The audit chain itself is read-only.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction

from . import audit, services, signals
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


class ServiceModelAdmin(admin.ModelAdmin):
    """Saves and deletes call an audited service; Django's LogEntry of them is not audited."""

    def log_addition(self, request, obj, message):
        with signals.audited_by_caller():
            return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        with signals.audited_by_caller():
            return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        with signals.audited_by_caller():
            return super().log_deletions(request, queryset)


class AuditedModelAdmin(ServiceModelAdmin):
    """One audit event per admin save (after its related rows) or delete."""

    def save_model(self, request, obj, form, change):
        obj._admin_before = (
            field_values(type(obj)._base_manager.get(pk=obj.pk)) if change and obj.pk else {}
        )
        # A user's roles changed here are in this event, with the administrator as actor.
        with signals.audited_by_caller():
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        obj._admin_many = [f.name for f in obj._meta.many_to_many if f.name in form.changed_data]
        if change:
            for name in obj._admin_many:
                obj._admin_before[name] = sorted(audit.jsonable(form.initial.get(name, [])))

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._record(request, obj, entry, "core.admin_add")
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._record(request, obj, entry, "core.admin_change")
        return entry

    def _record(self, request, obj, entry, action: str) -> None:
        before = getattr(obj, "_admin_before", {})
        after = field_values(obj)
        for name in getattr(obj, "_admin_many", ()):
            after[name] = sorted(getattr(obj, name).values_list("pk", flat=True))
        if action == "core.admin_change":
            changed = {k for k, v in after.items() if before.get(k) != v}
        else:
            changed = set(after)
        with transaction.atomic():
            audit.record(
                actor=request.user,
                action=action,
                obj=obj,
                before=_visible({k: before[k] for k in changed if k in before}) or None,
                after={
                    **_visible({k: after[k] for k in changed}),
                    "change": entry.get_change_message(),
                },
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
class CalendarDayAdmin(ServiceModelAdmin):
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
class CalendarYearAdmin(ServiceModelAdmin):
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

"""The editable procedure periods and limits (ProcedureSetting rows, national defaults)."""

from __future__ import annotations

from .choices import SettingKey
from .defaults import SETTINGS
from .models import ProcedureSetting


def setting(key: SettingKey) -> tuple[int, bool]:
    """(value, counted in working days) of an editable period; the national default if unset."""
    row = ProcedureSetting.objects.filter(key=key).values_list("value", "working_days").first()
    if row:
        return row
    value, working, _ = SETTINGS[key]
    return value, working

"""Every audit action the catalogs app writes, and what the audit page calls it."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Event(StrEnum):
    VERSION_IMPORT = "catalogs.version_import"
    VERSION_CHECK = "catalogs.version_check"
    VERSION_APPROVE = "catalogs.version_approve"
    VERSION_PUBLISH = "catalogs.version_publish"
    VERSION_RETURN = "catalogs.version_return"
    VERSION_REASON = "catalogs.version_reason"
    MAPPING_SAVE = "catalogs.mapping_save"
    VERSION_BASELINE = "catalogs.version_baseline"


LABELS = {
    Event.VERSION_IMPORT: _("导入清单"),
    Event.VERSION_CHECK: _("清单合法性审核"),
    Event.VERSION_APPROVE: _("批准清单"),
    Event.VERSION_PUBLISH: _("发布清单"),
    Event.VERSION_RETURN: _("退回修改清单"),
    Event.VERSION_REASON: _("填写变更理由"),
    Event.MAPPING_SAVE: _("保存列名对照"),
    Event.VERSION_BASELINE: _("设为压减基数"),
}

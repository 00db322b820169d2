"""Every audit action the catalogs app writes, and what the audit page calls it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    VERSION_IMPORT = "catalogs.version_import", _("导入清单")
    VERSION_CHECK = "catalogs.version_check", _("清单合法性审核")
    VERSION_APPROVE = "catalogs.version_approve", _("批准清单")
    VERSION_PUBLISH = "catalogs.version_publish", _("发布清单")
    VERSION_RETURN = "catalogs.version_return", _("退回修改清单")
    VERSION_REASON = "catalogs.version_reason", _("填写变更理由")
    MAPPING_SAVE = "catalogs.mapping_save", _("保存列名对照")
    VERSION_BASELINE = "catalogs.version_baseline", _("设为压减基数")

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CatalogKind(models.TextChoices):
    """The seven lists; the keys are stable (URLs, API, Excel sheets, command line)."""

    POWER = "power", _("权责清单")
    APPROVAL = "approval", _("行政审批事项清单")
    SERVICE = "service", _("公共服务事项清单")
    FEE = "fee", _("政府性基金和行政事业性收费清单")
    INTERMEDIARY = "intermediary", _("中介服务事项清单")
    CERTIFICATION = "certification", _("证明事项清单")
    INSPECTION = "inspection", _("涉企检查事项清单")


class PowerKind(models.TextChoices):
    """The ten kinds of administrative power used in 权责清单 (wave2-rules §4)."""

    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    LEVY = "levy", _("行政征收")
    BENEFIT = "benefit", _("行政给付")
    INSPECTION = "inspection", _("行政检查")
    CONFIRMATION = "confirmation", _("行政确认")
    REWARD = "reward", _("行政奖励")
    ADJUDICATION = "adjudication", _("行政裁决")
    OTHER = "other", _("其他行政权力")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("catalog", "草稿")
    CHECKED = "checked", _("已审核")
    APPROVED = "approved", _("已批准")
    PUBLISHED = "published", _("已发布")


class Severity(models.TextChoices):
    ERROR = "error", _("须改正")
    WARNING = "warning", _("须复核")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("正在检查")
    DONE = "done", _("已导入")
    FAILED = "failed", _("未导入")

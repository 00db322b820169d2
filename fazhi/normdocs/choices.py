from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where a document stands in the drafting-to-filing procedure (stored)."""

    DRAFTING = "drafting", _("起草中")
    PUBLIC_COMMENT = "public_comment", _("公开征求意见")
    LEGALITY_REVIEW = "legality_review", _("合法性审核")
    COLLECTIVE_DELIBERATION = "collective_deliberation", _("待集体审议")
    DELIBERATED = "deliberated", _("已集体审议,待签发")
    PUBLISHED = "published", _("已公布,待备案")
    REGISTERED = "registered", _("存量登记")
    FILED = "filed", _("已报备,待审查")
    FILING_REVIEWED = "filing_reviewed", _("备案审查通过")
    CORRECTION_REQUIRED = "correction_required", _("责令纠正")
    REVOKED = "revoked", _("已撤销")


class Status(models.TextChoices):
    """Legal force, derived from dates and events at query time (never stored)."""

    DRAFT = "draft", _("草案")
    PENDING = "pending", _("尚未施行")
    IN_FORCE = "in_force", _("现行有效")
    EXPIRING = "expiring", _("即将到期")
    EXPIRED = "expired", _("已失效")
    AMENDED = "amended", _("已修改")
    REPEALED = "repealed", _("已废止")


class LinkKind(models.TextChoices):
    AMENDS = "amends", _("修改")
    REPEALS = "repeals", _("废止")
    IMPLEMENTS = "implements", _("贯彻落实")


class ReviewOpinion(models.TextChoices):
    PASS = "pass", _("审核通过")
    PASS_WITH_CHANGES = "pass_with_changes", _("修改后通过")
    FAIL = "fail", _("不予通过")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待确认")
    CONFIRMED = "confirmed", _("确认存在问题")
    DISMISSED = "dismissed", _("不构成问题")


class FilingResult(models.TextChoices):
    PENDING = "pending", _("审查中")
    CONFORM = "conform", _("符合规定")
    CORRECT = "correct", _("责令纠正")
    REVOKE = "revoke", _("予以撤销")


class CleanupDecisionKind(models.TextChoices):
    KEEP = "keep", _("继续有效")
    AMEND = "amend", _("修改")
    REPEAL = "repeal", _("废止")


class CleanupRoundStatus(models.TextChoices):
    OPEN = "open", _("清理中")
    PUBLISHED = "published", _("已公布结果")


class LawStatus(models.TextChoices):
    IN_FORCE = "in_force", _("现行有效")
    SUPERSEDED = "superseded", _("已被修订")
    REPEALED = "repealed", _("已废止")

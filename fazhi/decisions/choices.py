from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogStatus(models.TextChoices):
    DRAFT = "draft", _("起草中")
    APPROVED = "approved", _("党委已同意")
    PUBLISHED = "published", _("已公布")
    SUPERSEDED = "superseded", _("已被调整版本替代")


class Procedure(models.TextChoices):
    """The five statutory procedures (重大行政决策程序暂行条例 Ch. 2–3), in statutory order."""

    PUBLIC_PARTICIPATION = "public_participation", _("公众参与")
    EXPERT_ARGUMENTATION = "expert_argumentation", _("专家论证")
    RISK_ASSESSMENT = "risk_assessment", _("风险评估")
    LEGALITY_REVIEW = "legality_review", _("合法性审查")
    COLLECTIVE_DISCUSSION = "collective_discussion", _("集体讨论决定")


# Arts. 25 and 30: legality review and collective discussion are never optional.
MANDATORY = (Procedure.LEGALITY_REVIEW, Procedure.COLLECTIVE_DISCUSSION)


class Stage(models.TextChoices):
    """Where a dossier is; the order of the members is the statutory order."""

    DRAFTING = "drafting", _("起草")
    PARTICIPATION = "participation", _("公众参与")
    EXPERT = "expert", _("专家论证")
    RISK = "risk", _("风险评估")
    LEGALITY = "legality", _("合法性审查")
    DISCUSSION = "discussion", _("集体讨论决定")
    PARTY_REPORT = "party_report", _("报请党委")
    DECIDED = "decided", _("待公布")
    PUBLISHED = "published", _("已公布")
    SUSPENDED = "suspended", _("已暂停执行")
    STOPPED = "stopped", _("已停止执行")
    WITHDRAWN = "withdrawn", _("已终止决策")


class RiskLevel(models.TextChoices):
    CONTROLLABLE = "controllable", _("风险可控")
    UNCONTROLLABLE = "uncontrollable", _("风险不可控")


class ReviewConclusion(models.TextChoices):
    LAWFUL = "lawful", _("合法")
    REVISE = "revise", _("修改后合法")
    UNLAWFUL = "unlawful", _("不合法")


class MeetingKind(models.TextChoices):
    STANDING = "standing", _("常务会议")
    PLENARY = "plenary", _("全体会议")
    OFFICE = "office", _("部门领导班子会议")
    # Art. 37: in an emergency the head may first suspend execution alone; never for a decision.
    HEAD = "head", _("行政首长决定(情况紧急)")


# Art. 30 (and Art. 42 for departments and townships): a decision is discussed at a meeting.
MEETINGS = (MeetingKind.STANDING, MeetingKind.PLENARY, MeetingKind.OFFICE)


class HeadDecision(models.TextChoices):
    ADOPT = "adopt", _("同意")
    REVISE = "revise", _("修改后再次讨论")
    REJECT = "reject", _("不同意")


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("征求意见中")
    CLOSED = "closed", _("已截止")
    SUMMARISED = "summarised", _("已公布采纳情况")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已公开")
    REJECTED = "rejected", _("不予公开")


class AdviserKind(models.TextChoices):
    LEGAL_ADVISER = "legal_adviser", _("法律顾问")
    PUBLIC_LAWYER = "public_lawyer", _("公职律师")


class EvaluationTrigger(models.TextChoices):
    """Art. 36: when a post-decision evaluation is organised."""

    SHORTFALL = "shortfall", _("实施后明显未达到预期效果")
    OBJECTIONS = "objections", _("公民、法人或者其他组织提出较多意见")
    BODY = "body", _("决策机关认为有必要")


class ChangeKind(models.TextChoices):
    """Art. 37: a decision is changed, suspended or stopped only through a procedure."""

    CHANGE = "change", _("变更")
    SUSPEND = "suspend", _("暂停执行")
    STOP = "stop", _("停止执行")
    RESUME = "resume", _("恢复执行")
    # A major adjustment runs the procedures again in a new dossier (`decision_adjust_major`).
    MAJOR = "major", _("重大调整")


class DocumentKind(models.TextChoices):
    """The dossier's official documents (GB/T 9704 layout), in the order they arise."""

    CONSULTATION_NOTICE = "consultation_notice", _("征求意见公告")
    EXPERT_SUMMARY = "expert_summary", _("专家论证意见综述")
    REVIEW_OPINION = "review_opinion", _("合法性审查意见书")
    PUBLICATION_NOTICE = "publication_notice", _("决策公布公告")

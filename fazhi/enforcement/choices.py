from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MatterType(models.TextChoices):
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    INSPECTION = "inspection", _("行政检查")
    LICENSING = "licensing", _("行政许可")
    OTHER = "other", _("其他")


class CredentialKind(models.TextChoices):
    PROVINCIAL = "provincial", _("山西省行政执法证")
    NATIONAL = "national", _("国务院部门执法证")
    SUPERVISION = "supervision", _("行政执法监督证")


class CredentialStatus(models.TextChoices):
    VALID = "valid", pgettext_lazy("credential", "有效")
    SUSPENDED = "suspended", _("暂扣")
    REVOKED = "revoked", _("注销")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class CaseStage(models.TextChoices):
    FILED = "filed", _("已立案")
    INVESTIGATING = "investigating", _("调查取证")
    NOTIFIED = "notified", _("已告知权利")
    HEARING = "hearing", _("听证")
    LEGAL_REVIEW = "legal_review", _("法制审核")
    COLLECTIVE = "collective", _("集体讨论")
    DECIDED = "decided", _("已作出决定")
    SERVED = "served", _("已送达")
    EXECUTED = "executed", _("已执行")
    CLOSED = "closed", _("已结案")


class CaseAction(models.TextChoices):
    FILE = "file", _("立案")
    ASSIGN = "assign", _("指派执法人员")
    INVESTIGATE = "investigate", _("开始调查")
    ADD_EVIDENCE = "add_evidence", _("登记证据")
    NOTIFY = "notify", _("告知陈述申辩和听证权利")
    WAIVE = "waive", _("当事人放弃陈述申辩和听证")
    REQUEST_HEARING = "request_hearing", _("当事人申请听证")
    HOLD_HEARING = "hold_hearing", _("举行听证")
    SUBMIT_REVIEW = "submit_review", _("提交法制审核")
    REVIEW = "review", _("法制审核意见")
    DISCUSS = "discuss", _("集体讨论")
    EXTEND = "extend", _("延长办案期限")
    DECIDE = "decide", _("作出处罚决定")
    SERVE = "serve", _("送达")
    PUBLISH = "publish", _("公示决定")
    EXECUTE = "execute", _("执行")
    CLOSE = "close", _("结案")


class CircumstanceLevel(models.TextChoices):
    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("较重")
    SEVERE = "severe", _("严重")


class ExemptionKind(models.TextChoices):
    NO_PENALTY = "no_penalty", _("不予处罚")
    FIRST_OFFENCE = "first_offence", _("首违不罚")
    MITIGATED = "mitigated", _("减轻处罚")
    LENIENT = "lenient", _("从轻处罚")


class DecisionKind(models.TextChoices):
    PENALTY = "penalty", _("给予处罚")
    NO_PENALTY = "no_penalty", _("不予处罚")


class ReviewConclusion(models.TextChoices):
    APPROVED = "approved", _("同意")
    RETURNED = "returned", _("退回补充调查")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草拟")
    DRAWN = "drawn", _("已抽取")


class DrawStatus(models.TextChoices):
    COMMITTED = "committed", _("已公布承诺(待揭示种子)")
    REVEALED = "revealed", _("已揭示种子并抽取")


class InspectionOutcome(models.TextChoices):
    PENDING = "pending", _("待检查")
    COMPLIANT = "compliant", _("未发现问题")
    CORRECTED = "corrected", _("发现问题已责令整改")
    CASE_FILED = "case_filed", _("发现违法已立案")
    NOT_FOUND = "not_found", _("未发现市场主体(查无下落)")


class CustodyAction(models.TextChoices):
    COLLECTED = "collected", _("收集")
    TRANSFERRED = "transferred", _("移交")
    EXAMINED = "examined", _("查阅")
    RETURNED = "returned", _("退还")

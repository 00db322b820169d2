from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    COUNTER = "counter", _("窗口递交")
    ONLINE = "online", _("网上申请")
    POST = "post", _("邮寄")
    ORAL = "oral", _("口头申请(当场记录)")


class PartyKind(models.TextChoices):
    PERSON = "person", _("自然人")
    ORGANISATION = "organisation", _("法人或其他组织")


class ReconsiderationStatus(models.TextChoices):
    RECEIVED = "received", _("待受理审查")
    SUPPLEMENT = "supplement", _("补正中")
    ACCEPTED = "accepted", _("已受理,审理中")
    SUSPENDED = "suspended", _("中止审理")
    REFUSED = "refused", _("不予受理")
    ABANDONED = "abandoned", _("视为放弃申请")
    DECIDED = "decided", _("已作出决定")
    PUBLISHED = "published", _("决定已公开")
    TERMINATED = "terminated", _("已终止")


RECONSIDERATION_OPEN = (
    ReconsiderationStatus.RECEIVED,
    ReconsiderationStatus.SUPPLEMENT,
    ReconsiderationStatus.ACCEPTED,
    ReconsiderationStatus.SUSPENDED,
)
RECONSIDERATION_CLOSED = (
    ReconsiderationStatus.REFUSED,
    ReconsiderationStatus.ABANDONED,
    ReconsiderationStatus.DECIDED,
    ReconsiderationStatus.PUBLISHED,
    ReconsiderationStatus.TERMINATED,
)


class SuspensionGround(models.TextChoices):
    """Art. 39 ¶1 of the reconsideration law: the ten grounds of suspension (中止)."""

    APPLICANT_DIED = "applicant_died", _("(一)申请人死亡,其近亲属尚未确定是否参加行政复议")
    INCAPACITATED = "incapacitated", _("(二)申请人丧失参加行政复议的行为能力,尚未确定法定代理人")
    MISSING = "missing", _("(三)申请人下落不明")
    ORGANISATION_ENDED = (
        "organisation_ended",
        _("(四)申请人法人或其他组织终止,尚未确定权利义务承受人"),
    )
    FORCE_MAJEURE = "force_majeure", _("(五)因不可抗力或其他正当理由不能参加行政复议")
    SETTLEMENT = "settlement", _("(六)调解、和解,申请人和被申请人同意中止")
    INTERPRETATION = "interpretation", _("(七)法律适用问题需要有权机关作出解释或者确认")
    OTHER_CASE = "other_case", _("(八)需要以其他案件的审理结果为依据,其他案件尚未审结")
    NORM_REVIEW = "norm_review", _("(九)对规范性文件或行政行为依据附带审查(第56、57条)")
    OTHER = "other", _("(十)需要中止行政复议的其他情形")


# Art. 41 (5): a case suspended on these grounds is terminated when the cause remains after 60 days.
LAPSING_SUSPENSION_GROUNDS = (
    SuspensionGround.APPLICANT_DIED,
    SuspensionGround.INCAPACITATED,
    SuspensionGround.ORGANISATION_ENDED,
)


class TerminationGround(models.TextChoices):
    """Art. 41 of the reconsideration law: the grounds of termination (终止)."""

    WITHDRAWN = "withdrawn", _("(一)申请人撤回申请,准予撤回(含和解后撤回)")
    NO_HEIR = "no_heir", _("(二)申请人死亡,没有近亲属或近亲属放弃行政复议权利")
    NO_SUCCESSOR = "no_successor", _("(三)申请人法人或其他组织终止,没有或放弃权利义务承受人")
    CRIMINAL_MEASURE = "criminal_measure", _("(四)因同一违法行为涉嫌犯罪,申请人被采取刑事强制措施")
    SUSPENSION_LAPSED = "suspension_lapsed", _("(五)中止满六十日,中止原因仍未消除")


class Procedure(models.TextChoices):
    SIMPLIFIED = "simplified", _("简易程序")
    ORDINARY = "ordinary", _("普通程序")


class DecisionType(models.TextChoices):
    UPHOLD = "uphold", _("维持")
    ANNUL = "annul", _("撤销")
    VARY = "vary", _("变更")
    CONFIRM_ILLEGAL = "confirm_illegal", _("确认违法")
    CONFIRM_VOID = "confirm_void", _("确认无效")
    ORDER_PERFORMANCE = "order_performance", _("责令履行")
    REJECT = "reject", _("驳回复议请求")
    MEDIATION = "mediation", _("调解结案")
    # Withdrawal after a settlement is recorded as a termination (TerminationGround.WITHDRAWN).


# Decisions that correct the respondent's act: the numerator of the correction rate.
CORRECTING_DECISIONS = (
    DecisionType.ANNUL,
    DecisionType.VARY,
    DecisionType.CONFIRM_ILLEGAL,
    DecisionType.CONFIRM_VOID,
    DecisionType.ORDER_PERFORMANCE,
)


class SupplementStatus(models.TextChoices):
    PENDING = "pending", _("待补正")
    SUPPLIED = "supplied", _("已补正")
    ABANDONED = "abandoned", _("逾期未补正")


class HearingKind(models.TextChoices):
    HEARING = "hearing", _("听证")
    VIEWS = "views", _("听取意见")
    SITE_INVESTIGATION = "site_investigation", _("实地调查")
    # Art. 49: a party's own cause prevents hearing their views; the case is reviewed on the papers.
    WRITTEN_REVIEW = "written_review", _("书面审理(因当事人原因不能听取意见)")


class LetterKind(models.TextChoices):
    OPINION = "opinion", _("行政复议意见书")
    RECOMMENDATION = "recommendation", _("行政复议建议书")
    JUDICIAL = "judicial", _("司法建议")
    PROCURATORIAL = "procuratorial", _("检察建议")


class Instance(models.TextChoices):
    FIRST = "first", _("一审")
    SECOND = "second", _("二审")
    RETRIAL = "retrial", _("再审")


class LitigationStatus(models.TextChoices):
    PENDING = "pending", _("审理中")
    CLOSED = "closed", _("已结案")


class Outcome(models.TextChoices):
    WON = "won", _("胜诉")
    LOST = "lost", _("败诉")
    WITHDRAWN = "withdrawn", _("原告撤诉")
    SETTLED = "settled", _("调解/和解")
    OTHER = "other", _("其他(驳回起诉、移送等)")


class Appearance(models.TextChoices):
    PRINCIPAL = "principal", _("正职负责人出庭")
    DEPUTY = "deputy", _("副职负责人出庭")
    STAFF_ONLY = "staff_only", _("仅工作人员出庭")
    LAWYER_ONLY = "lawyer_only", _("仅委托律师出庭")
    NONE = "none", _("无人出庭")


HEAD_APPEARANCES = (Appearance.PRINCIPAL, Appearance.DEPUTY)


class MediationKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("行政调解")
    PEOPLE = "people", _("人民调解")
    PRE_LITIGATION = "pre_litigation", _("诉前调解")


class MediationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("调解中")
    AGREED = "agreed", _("达成协议")
    CONFIRMED = "confirmed", _("已司法确认")
    FAILED = "failed", _("调解不成")


class AdjudicationStatus(models.TextChoices):
    PENDING = "pending", _("审理中")
    DECIDED = "decided", _("已裁决")
    WITHDRAWN = "withdrawn", _("撤回")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("待受理")
    ACCEPTED = "accepted", _("办理中")
    REDIRECTED = "redirected", _("导入其他法定途径")
    REPLIED = "replied", _("已出具处理意见")


PETITION_OPEN = (PetitionStatus.RECEIVED, PetitionStatus.ACCEPTED)


class PetitionReply(models.TextChoices):
    SUPPORT = "support", _("支持")
    EXPLAIN = "explain", _("解释说明")
    NOT_SUPPORT = "not_support", _("不予支持")
